"""What to highlight in each document, in absolute offsets: shared by the HTML export and the GUI."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from reader.core.model import Analysis, DiffKind, SentenceRef
from reader.core.worddiff import changed_words

DIFF = "diff"


@dataclass(frozen=True)
class Highlight:
    """A highlighted span of a document: ``kind`` is ``"diff"`` or a ``FramingKind`` value."""

    start: int
    end: int
    kind: str
    note: str = ""


class HighlightIndex:
    """Look-ups over one analysis: the group of each sentence, and each document's highlights."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    @cached_property
    def group_of(self) -> dict[SentenceRef, int]:
        """The claim (group index) each aligned sentence belongs to."""
        return {m: g for g, group in enumerate(self.analysis.alignment.groups) for m in group.members}

    @cached_property
    def unique(self) -> frozenset[SentenceRef]:
        """Body sentences no other source reports."""
        return frozenset(self.analysis.alignment.unique)

    def highlights(self, doc: int) -> list[Highlight]:
        """Differing words and framing marks of document ``doc``, sorted by start."""
        spans = list(self._diff_words(doc)) + list(self._framing(doc))
        return sorted(spans, key=lambda h: (h.start, h.kind != DIFF))

    def _diff_words(self, doc: int) -> Iterator[Highlight]:
        seen: set[tuple[int, int]] = set()
        for link in self.analysis.alignment.links:
            for ref, side in ((link.a, DiffKind.ONLY_A), (link.b, DiffKind.ONLY_B)):
                if ref.doc != doc:
                    continue
                sentence = self.analysis.sentence(ref)
                for start, end in changed_words(sentence.text, link.diff, side):
                    span = (sentence.start + start, sentence.start + end)
                    if span not in seen:
                        seen.add(span)
                        yield Highlight(*span, DIFF)

    def _framing(self, doc: int) -> Iterator[Highlight]:
        framing = self.analysis.framing
        if framing is None:
            return
        for mark in framing.marks:
            if mark.ref.doc == doc:
                base = self.analysis.sentence(mark.ref).start
                yield Highlight(base + mark.start, base + mark.end, str(mark.kind), mark.explanation)


def flatten(start: int, end: int, highlights: list[Highlight]) -> list[tuple[int, int, Highlight | None]]:
    """Tile ``[start, end)`` into pieces, each with the highlight on top there (framing over diff) or None.

    ``highlights`` must be sorted by start (as ``HighlightIndex.highlights`` returns them).
    """
    top: list[Highlight | None] = [None] * (end - start)
    for h in highlights:
        for i in range(max(h.start, start), min(h.end, end)):
            current = top[i - start]
            if current is None or current.kind == DIFF:
                top[i - start] = h
    pieces: list[tuple[int, int, Highlight | None]] = []
    for offset, h in enumerate(top, start):
        if pieces and pieces[-1][2] is h and pieces[-1][1] == offset:
            pieces[-1] = (pieces[-1][0], offset + 1, h)
        else:
            pieces.append((offset, offset + 1, h))
    return pieces
