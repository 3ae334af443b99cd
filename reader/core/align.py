"""N-way claim alignment: links between body sentences of every pair of documents, then claims.

The score of two sentences blends two views of "the same claim" (numpy only, no re-embedding):

* semantic — cosine of the sentences' embeddings, each mixed with a little of its neighbours'
  (``CONTEXT_WEIGHT``), since a report tells a claim over adjacent sentences;
* lexical — TF-IDF cosine over shared content words (names, numbers, quoted words), which tells the
  same claim from the same topic better than the embedding alone (``LEXICAL_WEIGHT``).

Sources reorder content, so no order is imposed. A pair links when its score reaches the threshold and
is within ``NEAR_BEST`` of the best score of either sentence in the other document and among the
``MAX_PARTNERS`` best of both: a sentence may link to several sentences that tell its claim in parts,
but not to everything on the topic. With three or
more documents, a pair that a third document links to both needs ``COMPLETION_SLACK`` less: one claim
told by every source should be linked in every pair. Every weight was chosen by measurement on the
claim-alignment gold (``eval/align.py``). A higher threshold always keeps a subset of the links.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from reader.core.groups import build_groups
from reader.core.lexical import overlap, tfidf_vectors
from reader.core.model import Alignment, Link, SegmentedDocument, SentenceRef
from reader.core.settings import Settings

DEFAULT_THRESHOLD = Settings().threshold  # declared once, in Settings
CONTEXT_WEIGHT = 0.3
LEXICAL_WEIGHT = 0.5
NEAR_BEST = 0.1
MAX_PARTNERS = 3
COMPLETION_SLACK = 0.1

Pairs = dict[tuple[int, int], np.ndarray]


def align(
    documents: Sequence[SegmentedDocument], vectors: Sequence[np.ndarray], threshold: float
) -> Alignment:
    """Links, claims and unique sentences of ``documents``; ``vectors[d]`` embeds their body sentences."""
    refs = [[SentenceRef(d, i) for i in doc.body_indices()] for d, doc in enumerate(documents)]
    semantic = [with_context(np.asarray(v, dtype=np.float32)) for v in vectors]
    lexical = tfidf_vectors([[doc.sentences[i].text for i in doc.body_indices()] for doc in documents])
    scores = {
        (a, b): pair_scores(semantic[a], semantic[b], lexical[a], lexical[b])
        for a, b in combinations(range(len(documents)), 2)
    }
    kept = completed({pair: direct_links(s, threshold) for pair, s in scores.items()}, scores, threshold)
    links = [link for (a, b), keep in kept.items() for link in _links(scores[a, b], keep, refs[a], refs[b])]
    linked = {ref for link in links for ref in (link.a, link.b)}
    unique = tuple(ref for doc_refs in refs for ref in doc_refs if ref not in linked)
    return Alignment(tuple(links), build_groups(links), unique, threshold)


def with_context(vectors: np.ndarray, weight: float = CONTEXT_WEIGHT) -> np.ndarray:
    """Each row plus ``weight`` times its neighbours' rows, re-normalised to unit length."""
    if len(vectors) < 2:
        return vectors
    neighbours = np.zeros_like(vectors)
    neighbours[1:] += vectors[:-1]
    neighbours[:-1] += vectors[1:]
    mixed = vectors + weight * neighbours
    return mixed / np.maximum(np.linalg.norm(mixed, axis=1, keepdims=True), 1e-12)


def pair_scores(
    semantic_a: np.ndarray, semantic_b: np.ndarray, lexical_a: np.ndarray, lexical_b: np.ndarray
) -> np.ndarray:
    """Blended similarity of every sentence of A (rows) with every sentence of B (columns)."""
    shape = (len(semantic_a), len(semantic_b))
    if not all(shape):
        return np.zeros(shape, dtype=np.float32)
    return (1 - LEXICAL_WEIGHT) * (semantic_a @ semantic_b.T) + LEXICAL_WEIGHT * overlap(lexical_a, lexical_b)


def direct_links(scores: np.ndarray, threshold: float) -> np.ndarray:
    """Which pairs link: score at ``threshold`` or above, near the best of either sentence, and among
    the ``MAX_PARTNERS`` best of both (so a sentence on the story's main topic does not link to all)."""
    if not scores.size:
        return np.zeros(scores.shape, dtype=bool)
    near_row = scores >= scores.max(axis=1, keepdims=True) - NEAR_BEST
    near_column = scores >= scores.max(axis=0, keepdims=True) - NEAR_BEST
    top = (_ranks(scores, axis=1) < MAX_PARTNERS) & (_ranks(scores, axis=0) < MAX_PARTNERS)
    return (near_row | near_column) & top & (scores >= threshold)


def _ranks(scores: np.ndarray, axis: int) -> np.ndarray:
    """0 for the best score along ``axis``, 1 for the next, …"""
    return np.argsort(np.argsort(-scores, axis=axis, kind="stable"), axis=axis, kind="stable")


def completed(kept: Pairs, scores: Pairs, threshold: float) -> Pairs:
    """``kept`` plus the pairs that a third document links to both (A–C and C–B ⇒ A–B).

    Such a pair needs only ``threshold - COMPLETION_SLACK``: two other links vouch for it.
    """
    def oriented(a: int, b: int) -> np.ndarray:
        return kept[a, b].astype(np.int32) if a < b else kept[b, a].T.astype(np.int32)

    documents = {d for pair in kept for d in pair}
    result = {}
    for (a, b), keep in kept.items():
        vouched = np.zeros(keep.shape, dtype=bool)
        for c in documents - {a, b}:
            vouched |= (oriented(a, c) @ oriented(c, b)) > 0
        result[a, b] = keep | (vouched & (scores[a, b] >= threshold - COMPLETION_SLACK))
    return result


def _links(
    scores: np.ndarray, keep: np.ndarray, refs_a: Sequence[SentenceRef], refs_b: Sequence[SentenceRef]
) -> list[Link]:
    margins = _margins(scores)
    return [
        Link(refs_a[i], refs_b[j], float(scores[i, j]), float(margins[i, j]))
        for i, j in zip(*np.nonzero(keep), strict=True)
    ]


def _margins(scores: np.ndarray) -> np.ndarray:
    """Each score minus its strongest rival: the best other partner of either sentence (none counts 0)."""
    return np.minimum(_margin_over_row(scores), _margin_over_row(scores.T).T)


def _margin_over_row(scores: np.ndarray) -> np.ndarray:
    if scores.shape[1] < 2:
        return scores.copy()
    top_two = np.sort(scores, axis=1)[:, -2:]
    best, second = top_two[:, 1:], top_two[:, :1]
    rival = np.where(scores >= best, second, best)
    return scores - rival
