"""The analysis as a generator of steps: documents in, ``Analysis`` out, ``Progress`` yielded between.

The GUI iterates ``run_steps`` on a worker thread (so Cancel takes effect between steps: inside each
embedding batch, inside the alignment (per source and block of scores), after finding contested links,
every ``DIFF_BLOCK`` word diffs and before the framing); the CLI drains it with ``analyse``.
``realign_steps`` changes the threshold without re-embedding.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import replace
from typing import TypeVar

import numpy as np

from reader.core.align import align, alignment_of
from reader.core.embed import Encoder
from reader.core.framing.analyse import analyse_framing
from reader.core.framing.contested import with_contested
from reader.core.model import (
    Alignment,
    Analysis,
    CancelToken,
    Document,
    Link,
    LinkKind,
    Progress,
    SegmentedDocument,
)
from reader.core.runtime import collector_paused
from reader.core.segment import segment
from reader.core.settings import Settings
from reader.core.worddiff import word_diff

Steps = Generator[Progress, None, Analysis]
T = TypeVar("T")
DIFF_BLOCK = 2000  # word diffs between two chances to cancel (about a second on a busy host)


def run_steps(
    documents: Sequence[Document],
    settings: Settings,
    encoder: Encoder,
    cancel: CancelToken | None = None,
) -> Steps:
    """Segment, embed, align and analyse ``documents``, yielding progress; returns the ``Analysis``."""
    cancel = cancel or CancelToken()
    yield Progress("segment", 0, len(documents), "Splitting sentences")
    segmented = tuple(segment(d) for d in documents)
    cancel.check()
    texts, owners = _body_texts(segmented)
    vectors = yield from _embed(encoder, texts, cancel)
    per_doc = tuple(vectors[owners == d] for d in range(len(segmented)))
    analysis = yield from analysis_steps(segmented, per_doc, settings.threshold, encoder.name, cancel)
    yield Progress("done", 1, 1, "Done")
    return analysis


def _body_texts(segmented: Sequence[SegmentedDocument]) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    owners: list[int] = []
    for d, doc in enumerate(segmented):
        for i in doc.aligned_indices():
            texts.append(doc.sentences[i].text)
            owners.append(d)
    return texts, np.asarray(owners, dtype=int)


def _embed(
    encoder: Encoder, texts: list[str], cancel: CancelToken
) -> Generator[Progress, None, np.ndarray]:
    """Encode in chunks so progress reaches the caller between chunks."""
    total = len(texts)
    chunk = 128
    parts: list[np.ndarray] = []
    yield Progress("embed", 0, total, "Embedding sentences")
    for start in range(0, total, chunk):
        cancel.check()
        parts.append(encoder.encode(texts[start : start + chunk], cancel=cancel))
        yield Progress("embed", min(start + chunk, total), total, "Embedding sentences")
    if not parts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.concatenate(parts)


def analysis_steps(
    segmented: tuple[SegmentedDocument, ...],
    vectors: tuple[np.ndarray, ...],
    threshold: float,
    model_name: str,
    cancel: CancelToken | None = None,
) -> Steps:
    """Align embedded documents, diff every link and run the framing analysis, yielding progress between
    blocks of work (``cancel`` is also checked inside the alignment); the documents' reading warnings (a
    guessed encoding) become the analysis' warnings."""
    yield Progress("align", 0, 1, "Linking claims")
    with collector_paused():
        claims = align(segmented, vectors, threshold, cancel=cancel)
    yield Progress("contested", 0, 1, "Finding contested claims")
    with collector_paused():
        alignment = _with_contested(segmented, vectors, claims)
    links: list[Link] = []
    for start in range(0, len(alignment.links), DIFF_BLOCK):
        yield Progress("diff", start, len(alignment.links), "Comparing wording")
        with collector_paused():
            links += _with_diffs(segmented, alignment.links[start : start + DIFF_BLOCK])
    yield Progress("framing", 0, 1, "Reading the framing")
    warnings = tuple(f"{s.document.label}: {w}" for s in segmented for w in s.document.warnings)
    alignment = replace(alignment, links=tuple(links))
    analysis = Analysis(segmented, alignment, model_name, vectors=vectors, warnings=warnings)
    with collector_paused():
        return replace(analysis, framing=analyse_framing(analysis))


def realign_steps(analysis: Analysis, threshold: float, cancel: CancelToken | None = None) -> Steps:
    """The same documents and vectors aligned at another threshold (no re-embedding), step by step."""
    return analysis_steps(analysis.documents, analysis.vectors, threshold, analysis.model_name, cancel)


def _with_contested(
    segmented: Sequence[SegmentedDocument], vectors: Sequence[np.ndarray], claims: Alignment
) -> Alignment:
    """The claim alignment plus contested links; claims are rebuilt from the claim links left, and a
    sentence whose only claim link turned contested becomes unique to its source."""
    links = with_contested(segmented, vectors, claims.links)
    kept = [link for link in links if link.kind is LinkKind.CLAIM]
    if len(kept) == len(claims.links):
        return replace(claims, links=links)
    return replace(alignment_of(segmented, kept, claims.threshold), links=links)


def _with_diffs(segmented: Sequence[SegmentedDocument], links: Sequence[Link]) -> list[Link]:
    """``links`` with their word diffs."""
    def diffed(link: Link) -> Link:
        a = segmented[link.a.doc].sentences[link.a.sent].text
        b = segmented[link.b.doc].sentences[link.b.sent].text
        return replace(link, diff=word_diff(a, b))

    return [diffed(link) for link in links]


def analyse(
    documents: Sequence[Document],
    settings: Settings,
    encoder: Encoder,
    on_progress: Callable[[Progress], None] | None = None,
) -> Analysis:
    """Run every step to the end (the CLI's entry)."""
    return drain(run_steps(documents, settings, encoder), on_progress)


def drain(steps: Generator[Progress, None, T], on_progress: Callable[[Progress], None] | None = None) -> T:
    """Run ``steps`` to the end, passing each ``Progress`` to ``on_progress``; what they return."""
    while True:
        try:
            progress = next(steps)
        except StopIteration as stop:
            return stop.value
        if on_progress:
            on_progress(progress)
