"""Manual link corrections: the reader's verdict on a pair of sentences, kept across re-alignments.

A correction names its sentences by ``SentenceKey``: a hash of the source's text and the sentence's index,
so it survives reordering, renaming, removing and re-adding sources, a new threshold and a save and open.
``apply_corrections`` lays them over the aligner's links: the pair's automatic link goes, and a link of
the verdict's kind comes in its place, marked ``LinkOrigin.MANUAL``; claims and framing are rebuilt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.core.model import Analysis, Document, Link, LinkKind, LinkOrigin, SentenceRef

if TYPE_CHECKING:  # the types load with the window; the numeric work only when corrections apply
    import numpy as np


class Verdict(StrEnum):
    """What the reader says of two sentences."""

    UNLINK = "unlink"  # they do not tell the same claim
    LINK = "link"  # they tell the same claim
    CONTESTED = "contested"  # they address the same issue from opposing positions

    @property
    def link_kind(self) -> LinkKind | None:
        """The kind of link the verdict puts between the sentences (None: no link)."""
        return {Verdict.LINK: LinkKind.CLAIM, Verdict.CONTESTED: LinkKind.CONTESTED}.get(self)


@dataclass(frozen=True, order=True)
class SentenceKey:
    """A sentence named independently of column order: its source's text hash and its index there."""

    source: str
    sentence: int


@dataclass(frozen=True)
class Correction:
    """The verdict on one pair of sentences (``a < b``)."""

    a: SentenceKey
    b: SentenceKey
    verdict: Verdict

    @property
    def pair(self) -> tuple[SentenceKey, SentenceKey]:
        """The two sentences, in order: one correction per pair."""
        return self.a, self.b


def correction(first: SentenceKey, second: SentenceKey, verdict: Verdict) -> Correction:
    """A correction with its sentences in canonical order."""
    a, b = sorted((first, second))
    return Correction(a, b, verdict)


@lru_cache(maxsize=256)
def text_key(text: str) -> str:
    """The hash that names a source's text (SHA-256, hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_key(document: Document) -> str:
    """The key corrections use for ``document``: the hash of its text."""
    return text_key(document.text)


def sentence_key(analysis: Analysis, ref: SentenceRef) -> SentenceKey:
    """The key of a sentence of ``analysis``."""
    return SentenceKey(source_key(analysis.documents[ref.doc].document), ref.sent)


def with_correction(corrections: Sequence[Correction], new: Correction) -> tuple[Correction, ...]:
    """``corrections`` with ``new`` in place of any earlier verdict on the same pair."""
    return (*(c for c in corrections if c.pair != new.pair), new)


def apply_corrections(analysis: Analysis, corrections: Sequence[Correction]) -> Analysis:
    """``analysis`` with each correction laid over its links; claims, unique sentences and framing rebuilt.

    A correction whose source is not among the analysis' documents waits (it applies once the source is
    back); one that names a sentence its source does not have is skipped with a warning.
    """
    from reader.core.align import alignment_of
    from reader.core.framing.analyse import analyse_framing

    if not corrections:
        return analysis
    resolved, warnings = _resolve(analysis, corrections)
    links = [link for link in analysis.alignment.links if (link.a, link.b) not in resolved]
    links += [
        _manual_link(analysis, a, b, kind) for (a, b), verdict in resolved.items()
        if (kind := verdict.link_kind) is not None
    ]
    alignment = alignment_of(analysis.documents, links, analysis.alignment.threshold)
    corrected = replace(analysis, alignment=alignment, warnings=(*analysis.warnings, *warnings))
    return replace(corrected, framing=analyse_framing(corrected))


def _resolve(
    analysis: Analysis, corrections: Sequence[Correction]
) -> tuple[dict[tuple[SentenceRef, SentenceRef], Verdict], list[str]]:
    """The corrections that apply here, by pair of sentence references, and a warning per bad one."""
    docs: dict[str, int] = {}
    for d, segmented in enumerate(analysis.documents):
        docs.setdefault(source_key(segmented.document), d)
    resolved: dict[tuple[SentenceRef, SentenceRef], Verdict] = {}
    warnings = []
    for c in corrections:
        if c.a.source not in docs or c.b.source not in docs:
            continue
        refs = sorted(SentenceRef(docs[k.source], k.sentence) for k in c.pair)
        if refs[0].doc == refs[1].doc or not all(_exists(analysis, ref) for ref in refs):
            warnings.append(f"A manual {c.verdict.value} names sentences the sources do not have; skipped.")
            continue
        resolved[refs[0], refs[1]] = c.verdict
    return resolved, warnings


def _exists(analysis: Analysis, ref: SentenceRef) -> bool:
    return 0 <= ref.sent < len(analysis.documents[ref.doc].sentences)


def _manual_link(analysis: Analysis, a: SentenceRef, b: SentenceRef, kind: LinkKind) -> Link:
    """A link made by hand: its similarity is the sentences' cosine when both were embedded, else 0."""
    from reader.core.worddiff import word_diff

    diff = word_diff(analysis.sentence(a).text, analysis.sentence(b).text)
    return Link(a, b, _cosine(analysis, a, b), 0.0, diff, kind, LinkOrigin.MANUAL)


def _cosine(analysis: Analysis, a: SentenceRef, b: SentenceRef) -> float:
    rows = [_vector_row(analysis, ref) for ref in (a, b)]
    if rows[0] is None or rows[1] is None:
        return 0.0
    return float(rows[0] @ rows[1])


def _vector_row(analysis: Analysis, ref: SentenceRef) -> np.ndarray | None:
    aligned = analysis.documents[ref.doc].aligned_indices()
    if ref.sent not in aligned or len(analysis.vectors) <= ref.doc:
        return None
    return analysis.vectors[ref.doc][aligned.index(ref.sent)]
