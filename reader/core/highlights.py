"""What to highlight in each document, in absolute offsets, for the HTML and Markdown exports."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.lookup import AnalysisIndex
from reader.core.model import SentenceRef

DIFF = "diff"


@dataclass(frozen=True)
class Highlight:
    """A highlighted span of a document: ``kind`` is ``"diff"`` or a ``FramingKind`` value."""

    start: int
    end: int
    kind: str
    note: str = ""


def sentence_highlights(index: AnalysisIndex, ref: SentenceRef) -> list[Highlight]:
    """Changed words and framing marks of one sentence, in absolute document offsets."""
    base = index.analysis.sentence(ref).start
    spans = [Highlight(base + a, base + b, DIFF) for a, b in index.changed_spans(ref)]
    marks = index.marks_of(ref)
    spans += [Highlight(base + m.start, base + m.end, str(m.kind), m.explanation) for m in marks]
    return sorted(spans, key=lambda h: (h.start, h.kind != DIFF))


def document_highlights(index: AnalysisIndex, doc: int) -> list[Highlight]:
    """Changed words and framing marks of document ``doc`` in absolute offsets, sorted by start."""
    sentences = index.analysis.documents[doc].sentences
    return [h for i in range(len(sentences)) for h in sentence_highlights(index, SentenceRef(doc, i))]


def flatten(start: int, end: int, highlights: list[Highlight]) -> list[tuple[int, int, Highlight | None]]:
    """Tile ``[start, end)`` into pieces, each with the highlight on top there (framing over diff) or None.

    ``highlights`` must be sorted by start (as ``document_highlights`` returns them).
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
