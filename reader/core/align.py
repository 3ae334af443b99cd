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

Scale: no N×M matrix is kept. The scores of a pair of documents are computed a block of rows at a time
(``BLOCK_CELLS`` scores at once) and only each sentence's ``MAX_PARTNERS`` best partners are kept
(``Ranked``); the third-document links are a sparse product. Time is the N×M dot products, memory
linear in the sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy import sparse

from reader.core.groups import build_groups
from reader.core.lexical import overlap, paired_overlap, tfidf_vectors
from reader.core.model import Alignment, Link, SegmentedDocument, SentenceRef
from reader.core.settings import Settings

DEFAULT_THRESHOLD = Settings().threshold  # declared once, in Settings
CONTEXT_WEIGHT = 0.3
LEXICAL_WEIGHT = 0.5
NEAR_BEST = 0.1
MAX_PARTNERS = 3
COMPLETION_SLACK = 0.1
BLOCK_CELLS = 1 << 22  # scores computed at once (16 MiB of float32)

Index = np.ndarray  # int64 positions
Pairs = dict[tuple[int, int], tuple[Index, Index]]  # (rows in A, rows in B) of the linked pairs


@dataclass(frozen=True)
class Side:
    """What scores one document's body sentences: context-mixed unit vectors and sparse TF-IDF rows."""

    semantic: np.ndarray
    lexical: sparse.csr_array

    def __len__(self) -> int:
        return len(self.semantic)


@dataclass(frozen=True)
class Top:
    """Each sentence's ``MAX_PARTNERS`` best partners in the other document, best first, ties to the
    lower position (as a stable sort). Missing partners are -1 with score -inf."""

    scores: np.ndarray  # (n, MAX_PARTNERS) float32
    partners: np.ndarray  # (n, MAX_PARTNERS) int64

    def contains(self, rows: Index, partners: Index) -> np.ndarray:
        """Whether ``partners[k]`` is among the best of ``rows[k]``."""
        return (self.partners[rows] == partners[:, None]).any(axis=1)

    def rival(self, rows: Index, scores: np.ndarray, others: int) -> np.ndarray:
        """The strongest rival of each pair: the row's best, or its second when the pair is the best;
        0 when the other document has a single sentence."""
        if others < 2:
            return np.zeros_like(scores)
        best, second = self.scores[rows, 0], self.scores[rows, 1]
        return np.where(scores >= best, second, best)


@dataclass(frozen=True)
class Ranked:
    """The best partners of every sentence of A in B (``rows``) and of B in A (``columns``)."""

    rows: Top
    columns: Top
    shape: tuple[int, int]

    def candidates(self) -> tuple[Index, Index, np.ndarray]:
        """The pairs among the best of both sentences, in row-major order, with their scores."""
        k = self.rows.partners.shape[1]
        rows = np.repeat(np.arange(self.shape[0]), k)
        columns, scores = self.rows.partners.ravel(), self.rows.scores.ravel()
        real = columns >= 0
        rows, columns, scores = rows[real], columns[real], scores[real]
        mutual = self.columns.contains(columns, rows)
        order = np.lexsort((columns[mutual], rows[mutual]))
        return rows[mutual][order], columns[mutual][order], scores[mutual][order]

    def known(self, rows: Index, columns: Index) -> tuple[np.ndarray, np.ndarray]:
        """Scores of pairs kept in either list (so a pair reads the same number everywhere), and where."""
        found = np.zeros(len(rows), dtype=bool)
        scores = np.zeros(len(rows), dtype=np.float32)
        for top, mine, theirs in ((self.rows, rows, columns), (self.columns, columns, rows)):
            hit = top.partners[mine] == theirs[:, None]
            where = hit.any(axis=1) & ~found
            scores[where] = top.scores[mine[where], hit[where].argmax(axis=1)]
            found |= where
        return scores, found

    def margins(self, rows: Index, columns: Index, scores: np.ndarray) -> np.ndarray:
        """Each score minus its strongest rival: the best other partner of either sentence."""
        over_row = scores - self.rows.rival(rows, scores, self.shape[1])
        over_column = scores - self.columns.rival(columns, scores, self.shape[0])
        return np.minimum(over_row, over_column)


def align(
    documents: Sequence[SegmentedDocument], vectors: Sequence[np.ndarray], threshold: float
) -> Alignment:
    """Links, claims and unique sentences of ``documents``; ``vectors[d]`` embeds their body sentences."""
    refs = [[SentenceRef(d, i) for i in doc.body_indices()] for d, doc in enumerate(documents)]
    lexical = tfidf_vectors([[doc.sentences[i].text for i in doc.body_indices()] for doc in documents])
    sides = [
        Side(with_context(np.asarray(v, dtype=np.float32)), rows)
        for v, rows in zip(vectors, lexical, strict=True)
    ]
    ranked = {(a, b): rank(sides[a], sides[b]) for a, b in combinations(range(len(documents)), 2)}
    direct = {pair: direct_links(r, threshold) for pair, r in ranked.items()}
    links = []
    for (a, b), (rows, columns) in completed(direct, ranked, sides, threshold).items():
        scores = _scores(sides[a], sides[b], ranked[a, b], rows, columns)
        margins = ranked[a, b].margins(rows, columns, scores)
        links += [
            Link(refs[a][i], refs[b][j], float(s), float(m))
            for i, j, s, m in zip(rows, columns, scores, margins, strict=True)
        ]
    return alignment_of(documents, links, threshold)


def alignment_of(
    documents: Sequence[SegmentedDocument], links: Sequence[Link], threshold: float
) -> Alignment:
    """The claims and unique sentences that ``links`` make of ``documents``."""
    linked = {ref for link in links for ref in (link.a, link.b)}
    unique = tuple(
        SentenceRef(d, i) for d, doc in enumerate(documents) for i in doc.body_indices()
        if SentenceRef(d, i) not in linked
    )
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


def pair_scores(a: Side, b: Side, rows: slice = slice(None)) -> np.ndarray:
    """Blended similarity of the sentences ``rows`` of A (rows) with every sentence of B (columns)."""
    semantic = a.semantic[rows] @ b.semantic.T
    return (1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * overlap(a.lexical[rows], b.lexical)


def rank(a: Side, b: Side) -> Ranked:
    """The best partners of every sentence of A in B and of B in A, scoring a block of rows at a time."""
    shape = (len(a), len(b))
    rows = _empty_top(shape[0])
    columns = _empty_top(shape[1])
    if not all(shape):
        return Ranked(rows, columns, shape)
    step = max(1, BLOCK_CELLS // shape[1])
    for start in range(0, shape[0], step):
        block = pair_scores(a, b, slice(start, start + step))
        scores, partners = _best(block)
        rows.scores[start : start + step], rows.partners[start : start + step] = scores, partners
        scores, partners = _best(block.T)
        columns = _merged(columns, Top(scores, np.where(partners >= 0, partners + start, -1)))
    return Ranked(rows, columns, shape)


def _empty_top(n: int) -> Top:
    return Top(np.full((n, MAX_PARTNERS), -np.inf, np.float32), np.full((n, MAX_PARTNERS), -1, np.int64))


def _best(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``MAX_PARTNERS`` best scores of each row and their columns, best first, ties to the lower
    column; padded with -inf / -1 when a row is shorter."""
    n, m = scores.shape
    k = min(MAX_PARTNERS, m)
    kth = np.partition(scores, m - k, axis=1)[:, m - k : m - k + 1]
    rows, columns = np.nonzero(scores >= kth)
    values = scores[rows, columns]
    order = np.lexsort((columns, -values, rows))
    rows, columns, values = rows[order], columns[order], values[order]
    place = np.arange(len(rows)) - np.searchsorted(rows, rows)
    kept = place < k
    top = _empty_top(n)
    top.scores[rows[kept], place[kept]] = values[kept]
    top.partners[rows[kept], place[kept]] = columns[kept]
    return top.scores, top.partners


def _merged(earlier: Top, later: Top) -> Top:
    """The best of two lists for the same sentences; on a tie the earlier list (lower positions) wins."""
    scores = np.concatenate([earlier.scores, later.scores], axis=1)
    partners = np.concatenate([earlier.partners, later.partners], axis=1)
    order = np.argsort(-scores, axis=1, kind="stable")[:, :MAX_PARTNERS]
    return Top(np.take_along_axis(scores, order, axis=1), np.take_along_axis(partners, order, axis=1))


def direct_links(ranked: Ranked, threshold: float) -> tuple[Index, Index]:
    """Which pairs link: score at ``threshold`` or above, near the best of either sentence, and among
    the ``MAX_PARTNERS`` best of both (so a sentence on the story's main topic does not link to all)."""
    rows, columns, scores = ranked.candidates()
    near_row = scores >= ranked.rows.scores[rows, 0] - NEAR_BEST
    near_column = scores >= ranked.columns.scores[columns, 0] - NEAR_BEST
    keep = (near_row | near_column) & (scores >= threshold)
    return rows[keep], columns[keep]


def completed(
    direct: Pairs, ranked: dict[tuple[int, int], Ranked], sides: Sequence[Side], threshold: float
) -> Pairs:
    """``direct`` plus the pairs that a third document links to both (A–C and C–B ⇒ A–B), row-major.

    Such a pair needs only ``threshold - COMPLETION_SLACK``: two other links vouch for it. The
    vouching is a product of sparse link matrices, linear in the number of links.
    """
    def matrix(a: int, b: int, pairs: tuple[Index, Index] | None = None) -> sparse.csr_array:
        rows, columns = pairs or (direct[a, b] if a < b else direct[b, a][::-1])
        ones = np.ones(len(rows), dtype=np.float32)
        return sparse.csr_array((ones, (rows, columns)), shape=(len(sides[a]), len(sides[b])))

    result = {}
    for a, b in direct:
        vouched = sparse.csr_array((len(sides[a]), len(sides[b])), dtype=np.float32)
        for c in range(len(sides)):
            if c not in (a, b):
                vouched = vouched + matrix(a, c) @ matrix(c, b)
        rows, columns = _coordinates(vouched)
        strong = _scores(sides[a], sides[b], ranked[a, b], rows, columns) >= threshold - COMPLETION_SLACK
        result[a, b] = _coordinates(matrix(a, b) + matrix(a, b, (rows[strong], columns[strong])))
    return result


def _coordinates(matrix: sparse.csr_array) -> tuple[Index, Index]:
    """The stored positions of ``matrix``, row-major."""
    matrix = sparse.csr_array(matrix)
    matrix.sum_duplicates()
    coo = matrix.tocoo()
    return coo.row.astype(np.int64), coo.col.astype(np.int64)


def _plain_scores(a: Side, b: Side, rows: Index, columns: Index) -> np.ndarray:
    """The blended score of each pair (``rows[k]``, ``columns[k]``) alone, without the N×M block."""
    semantic = np.einsum("ij,ij->i", a.semantic[rows], b.semantic[columns])
    lexical = paired_overlap(a.lexical[rows], b.lexical[columns])
    return ((1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical).astype(np.float32)


def _scores(a: Side, b: Side, ranked: Ranked, rows: Index, columns: Index) -> np.ndarray:
    """Scores of the linked pairs: read from the best-partner lists where kept there, else computed."""
    scores, known = ranked.known(rows, columns)
    scores[~known] = _plain_scores(a, b, rows[~known], columns[~known])
    return scores
