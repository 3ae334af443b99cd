"""Distinctive vocabulary: weighted log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words": for word w, source i against the rest j,
    δ = log((y_iw + α_w) / (n_i + α_0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α_0 − y_jw − α_w)),
    σ² ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w),  z = δ / σ.
The prior α_w is the pooled count of w over all sources scaled to ``PRIOR_SIZE`` pseudo-words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from math import log, sqrt

from reader.core.framing.lexicon import normalise
from reader.core.framing.report import DistinctiveWord
from reader.core.model import SegmentedDocument

# α_0: pseudo-words of pooled evidence that shrink each estimate; weaker than one news report's own
# counts (~400 content words), so a word needs about five uses in one report and none elsewhere for z > 1.96.
PRIOR_SIZE = 200.0
# One-sided 90 %: only over-use is asked about, and in reports of a few hundred words z > 1.96 almost
# never happens (the demo and most BASIL triplets had no word above it). The z-score is shown beside
# each word, so the reader sees how strong the evidence is.
Z_MIN = 1.28
TOP = 15
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def word_counts(doc: SegmentedDocument, stopwords: frozenset[str]) -> Counter[str]:
    """Lowercase content-word counts of a document's body sentences."""
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        if sentence.is_body:
            words = (normalise(m.group()) for m in _WORD.finditer(sentence.text))
            counts.update(w for w in words if len(w) > 1 and w not in stopwords)
    return counts


def log_odds_z(mine: Counter[str], rest: Counter[str], prior: dict[str, float]) -> dict[str, float]:
    """z-score of the weighted log-odds ratio of every word of ``mine`` against ``rest``."""
    alpha_0 = sum(prior.values())
    n_i, n_j = sum(mine.values()), sum(rest.values())
    scores = {}
    for word, y_i in mine.items():
        alpha = prior[word]
        y_j = rest[word]
        delta = log((y_i + alpha) / (n_i + alpha_0 - y_i - alpha)) - log(
            (y_j + alpha) / (n_j + alpha_0 - y_j - alpha)
        )
        scores[word] = delta / sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
    return scores


def pooled_prior(counts: Sequence[Counter[str]], size: float = PRIOR_SIZE) -> dict[str, float]:
    """α_w: the pooled word counts scaled to ``size`` pseudo-words in all."""
    pooled: Counter[str] = sum(counts, Counter())
    total = sum(pooled.values()) or 1
    return {word: size * count / total for word, count in pooled.items()}


def distinctive_words(
    counts: Sequence[Counter[str]], top: int = TOP, z_min: float = Z_MIN, prior_size: float = PRIOR_SIZE
) -> tuple[tuple[DistinctiveWord, ...], ...]:
    """Per source, up to ``top`` words with z above ``z_min``, highest first."""
    prior = pooled_prior(counts, prior_size)
    result = []
    for i, mine in enumerate(counts):
        rest = sum((c for j, c in enumerate(counts) if j != i), Counter())
        scores = log_odds_z(mine, rest, prior)
        ranked = sorted((w for w in scores if scores[w] > z_min), key=lambda w: (-scores[w], w))
        result.append(tuple(DistinctiveWord(w, round(scores[w], 3), mine[w]) for w in ranked[:top]))
    return tuple(result)
