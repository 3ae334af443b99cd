"""N-way claim alignment: links between the titles and body sentences of every pair of documents.

Candidates: for each pair of documents, every sentence's ``MAX_PARTNERS`` best partners by a blended
similarity (numpy only, no re-embedding) —

* semantic — cosine of the sentences' embeddings, each mixed with a little of its neighbours'
  (``CONTEXT_WEIGHT``), since a report tells a claim over adjacent sentences;
* lexical — TF-IDF cosine over shared content words (names, numbers, quoted words), which tells the
  same claim from the same topic better than the embedding alone (``LEXICAL_WEIGHT``).

Decision: each candidate pair's signals (``reader.core.linkmodel``: wording, who speaks, who is named,
numbers, headline or lede, rank among the other partners) go through a small logistic model; a pair
links when its probability reaches the threshold, is near the best probability of either sentence and
among the best partners of both (``LinkRule``). Sources reorder content, so no order is imposed, and a
sentence may link to several sentences (a summary to the claims it sums up). With three or more
documents, a candidate pair that a third document links to both needs the rule's ``completion_slack``
less: one claim told by every source should be linked in every pair. A higher threshold always keeps a
subset of the links. Titles take part (a headline is a claim); only body sentences count as unique.

Scale: no N×M matrix is kept. The scores of a pair of documents are computed a block of rows at a time
(``BLOCK_CELLS`` scores at once) and only each sentence's ``MAX_PARTNERS`` best partners are kept
(``Ranked``); the signals are computed for those candidates alone and the third-document links are a
sparse product. Time is the N×M dot products, memory linear in the sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy import sparse

from reader.core.groups import build_groups
from reader.core.lexical import overlap, paired_overlap, tfidf_vectors
from reader.core.linkmodel import (
    Facts,
    LinkModel,
    LinkRule,
    PairScores,
    bundled_model,
    highest_within,
    pair_signals,
    rank_within,
    sentence_facts,
)
from reader.core.model import Alignment, CancelToken, Link, Role, SegmentedDocument, SentenceRef
from reader.core.runtime import one_blas_thread
from reader.core.settings import Settings

DEFAULT_THRESHOLD = Settings().threshold  # declared once, in Settings
CONTEXT_WEIGHT = 0.3
LEXICAL_WEIGHT = 0.5
MAX_PARTNERS = 4  # best partners of each sentence, by the blended score, that the link model reads
BLOCK_CELLS = 1 << 22  # scores computed at once (16 MiB of float32)

Index = np.ndarray  # int64 positions
Kept = dict[tuple[int, int], np.ndarray]  # per pair of documents, which of its candidates link


@dataclass(frozen=True)
class Side:
    """What scores one document's aligned sentences: context-mixed and plain unit vectors, sparse TF-IDF
    rows, and what each sentence says beyond its words (speaker, names, numbers, place)."""

    semantic: np.ndarray
    lexical: sparse.csr_array
    plain: np.ndarray
    facts: Sequence[Facts]

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

    def candidates(self) -> tuple[Index, Index]:
        """The pairs among the best of either sentence, row-major."""
        pairs = set()
        for top, flip in ((self.rows, False), (self.columns, True)):
            own = np.repeat(np.arange(len(top.partners)), top.partners.shape[1])
            other = top.partners.ravel()
            real = other >= 0
            pairs |= set(zip(*((other[real], own[real]) if flip else (own[real], other[real])), strict=True))
        ordered = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
        return ordered[:, 0], ordered[:, 1]

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


@dataclass(frozen=True)
class Candidates:
    """The candidate pairs of two documents with their signals and margins."""

    scores: PairScores
    signals: np.ndarray
    margins: np.ndarray


@dataclass(frozen=True)
class Prepared:
    """What the decision reads, computed once per set of documents and vectors."""

    documents: tuple[SegmentedDocument, ...]
    refs: tuple[tuple[SentenceRef, ...], ...]
    pairs: dict[tuple[int, int], Candidates]


def align(
    documents: Sequence[SegmentedDocument],
    vectors: Sequence[np.ndarray],
    threshold: float,
    model: LinkModel | None = None,
    cancel: CancelToken | None = None,
) -> Alignment:
    """Links, claims and unique sentences of ``documents``; ``vectors[d]`` embeds their aligned sentences
    (``SegmentedDocument.aligned_indices``). ``cancel`` is checked per document and per block of scores."""
    return decide(prepare(documents, vectors, cancel), threshold, model or bundled_model())


def prepare(
    documents: Sequence[SegmentedDocument], vectors: Sequence[np.ndarray], cancel: CancelToken | None = None
) -> Prepared:
    """The candidate pairs of every pair of documents, with their signals (``cancel`` checked per document
    and per block of scores)."""
    cancel = cancel or CancelToken()
    indices = [doc.aligned_indices() for doc in documents]
    refs = tuple(tuple(SentenceRef(d, i) for i in idx) for d, idx in enumerate(indices))
    texts = [[doc.sentences[i].text for i in idx] for doc, idx in zip(documents, indices, strict=True)]
    lexical = tfidf_vectors(texts)
    vocabulary: dict[str, str] = {}
    sides = []
    for vector, rows, doc, idx in zip(vectors, lexical, documents, indices, strict=True):
        cancel.check()
        plain = np.asarray(vector, dtype=np.float32)
        sides.append(Side(with_context(plain), rows, plain, sentence_facts(doc, idx, vocabulary)))
    pairs = {
        (a, b): _candidates(sides[a], sides[b], cancel) for a, b in combinations(range(len(documents)), 2)
    }
    return Prepared(tuple(documents), refs, pairs)


def _candidates(a: Side, b: Side, cancel: CancelToken) -> Candidates:
    ranked = rank(a, b, cancel)
    rows, columns = ranked.candidates()
    blended = _scores(a, b, ranked, rows, columns)
    scores = PairScores(
        rows, columns, blended,
        np.einsum("ij,ij->i", a.semantic[rows], b.semantic[columns]),
        np.einsum("ij,ij->i", a.plain[rows], b.plain[columns]),
        paired_overlap(a.lexical[rows], b.lexical[columns]),
        ranked.rows.scores[:, 0], ranked.columns.scores[:, 0],
    )
    return Candidates(scores, pair_signals(scores, a.facts, b.facts), ranked.margins(rows, columns, blended))


def decide(prepared: Prepared, threshold: float, model: LinkModel) -> Alignment:
    """The links at ``threshold`` (a probability of the model), their claims and the unique sentences."""
    probability = {pair: model.probability(c.signals) for pair, c in prepared.pairs.items()}
    kept = linked(prepared, probability, model.rule.at(threshold))
    links = []
    for (a, b), c in prepared.pairs.items():
        for k in np.nonzero(kept[a, b])[0]:
            links.append(Link(
                prepared.refs[a][c.scores.rows[k]], prepared.refs[b][c.scores.columns[k]],
                float(c.scores.blended[k]), float(c.margins[k]), confidence=float(probability[a, b][k]),
                signals=model.reasons(c.signals[k]),
            ))
    return alignment_of(prepared.documents, links, threshold)


def alignment_of(
    documents: Sequence[SegmentedDocument], links: Sequence[Link], threshold: float
) -> Alignment:
    """The claims and unique sentences that ``links`` make of ``documents``."""
    linked = {ref for link in links for ref in (link.a, link.b)}
    unique = tuple(
        SentenceRef(d, i) for d, doc in enumerate(documents) for i in doc.body_indices()
        if SentenceRef(d, i) not in linked
    )
    titles = frozenset(
        SentenceRef(d, i) for d, doc in enumerate(documents) for i, s in enumerate(doc.sentences)
        if s.role is Role.TITLE
    )
    groups = build_groups(links, joiners=titles, merge_from=threshold)
    return Alignment(tuple(links), groups, unique, threshold)


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


def rank(a: Side, b: Side, cancel: CancelToken | None = None) -> Ranked:
    """The best partners of every sentence of A in B and of B in A, scoring a block of rows at a time
    (``cancel`` checked before each)."""
    cancel = cancel or CancelToken()
    shape = (len(a), len(b))
    rows = _empty_top(shape[0])
    columns = _empty_top(shape[1])
    if not all(shape):
        return Ranked(rows, columns, shape)
    step = max(1, BLOCK_CELLS // shape[1])
    with one_blas_thread():
        for start in range(0, shape[0], step):
            cancel.check()
            rows, columns = _ranked_block(a, b, start, step, rows, columns)
    return Ranked(rows, columns, shape)


def _ranked_block(a: Side, b: Side, start: int, step: int, rows: Top, columns: Top) -> tuple[Top, Top]:
    """``rows`` filled for the sentences ``start:start + step`` of A, ``columns`` merged with them."""
    block = pair_scores(a, b, slice(start, start + step))
    scores, partners = _best(block)
    rows.scores[start : start + step], rows.partners[start : start + step] = scores, partners
    scores, partners = _best(block.T)
    return rows, _merged(columns, Top(scores, np.where(partners >= 0, partners + start, -1)))


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


def linked(prepared: Prepared, probability: dict[tuple[int, int], np.ndarray], rule: LinkRule) -> Kept:
    """Per pair of documents, which of its candidates link under ``rule``."""
    direct = {pair: _chosen(c, probability[pair], rule.threshold, rule) for pair, c in prepared.pairs.items()}
    weaker = {
        pair: _chosen(c, probability[pair], rule.threshold - rule.completion_slack, rule)
        for pair, c in prepared.pairs.items()
    }
    return completed(prepared, direct, weaker)


def _chosen(candidates: Candidates, probability: np.ndarray, floor: float, rule: LinkRule) -> np.ndarray:
    """Candidates at ``floor`` or above, within ``rule.near_best`` of the best partner of either sentence
    and among the ``rule.max_partners`` best of both (a sentence on the story's topic links not to all)."""
    rows, columns = candidates.scores.rows, candidates.scores.columns
    if not len(rows):
        return np.zeros(0, dtype=bool)
    near = np.zeros(len(rows), dtype=bool)
    top = np.ones(len(rows), dtype=bool)
    for own in (rows, columns):
        near |= probability >= highest_within(own, probability) - rule.near_best
        top &= rank_within(own, probability) < rule.max_partners
    return (probability >= floor) & near & top


def completed(prepared: Prepared, direct: Kept, weaker: Kept) -> Kept:
    """``direct`` plus the ``weaker`` candidates that a third document links to both (A–C and C–B ⇒ A–B).

    The vouching is a product of sparse link matrices, linear in the number of links.
    """
    sizes = [len(refs) for refs in prepared.refs]

    def matrix(a: int, b: int) -> sparse.csr_array:
        c = prepared.pairs[min(a, b), max(a, b)]
        keep = direct[min(a, b), max(a, b)]
        rows, columns = c.scores.rows[keep], c.scores.columns[keep]
        rows, columns = (rows, columns) if a < b else (columns, rows)
        ones = np.ones(len(rows), dtype=np.float32)
        return sparse.csr_array((ones, (rows, columns)), shape=(sizes[a], sizes[b]))

    result = {}
    for (a, b), c in prepared.pairs.items():
        vouched = sparse.csr_array((sizes[a], sizes[b]), dtype=np.float32)
        for third in range(len(sizes)):
            if third not in (a, b):
                vouched = vouched + matrix(a, third) @ matrix(third, b)
        support = np.zeros(len(c.scores.rows), dtype=bool)
        if len(c.scores.rows):
            support = np.asarray(vouched[c.scores.rows, c.scores.columns]).ravel() > 0
        result[a, b] = direct[a, b] | (weaker[a, b] & support)
    return result


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
