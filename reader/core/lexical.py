"""Lexical overlap between sentences: TF-IDF over content words, numpy only.

Reports of one claim share its rare words — names, numbers, quoted phrases — even when a sentence
embedding sees only the topic. Words are lower-cased, stripped of possessives and cut to their first
six letters (a cheap stem: "elected"/"election" → "electe"/"electi" stay apart, "senator"/"senators"
meet); stop words are dropped. The IDF is taken over all sentences of all documents being compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

STEM_LENGTH = 6
_WORD = re.compile(r"[\w$%]+(?:['’.,][\w%]+)*")
_STOP_TEXT = """a about after all also an and any are as at be been before being but by can could did do does
down for from had has have he her here him his how i if in into is it its just may me might more
most must my no not of on only or other our out over own said say says she should so some such than
that the their them then there these they this those to under up us very was we were what when where
which who whom why will with would you your"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())


def content_words(text: str) -> list[str]:
    """The stemmed content words of ``text``, in order."""
    words = []
    for raw in _WORD.findall(text.lower().replace("’", "'")):
        word = raw.removesuffix("'s").strip(".,'")
        if word and word not in _STOP_WORDS:
            words.append(word[:STEM_LENGTH])
    return words


def tfidf_vectors(documents: Sequence[Sequence[str]]) -> list[sparse.csr_array]:
    """L2-normalised binary TF-IDF rows (sparse) for each document's sentences, over a shared vocabulary.

    Only words found in at least two documents get a column (no other word can make two documents'
    sentences alike), but every word counts in a row's norm, so a long sentence is not over-rated.
    """
    bags = [[set(content_words(s)) for s in sentences] for sentences in documents]
    frequency = Counter(word for bag in bags for words in bag for word in words)
    total = sum(len(bag) for bag in bags)
    idf = {word: math.log((total + 1) / (count + 1)) + 1 for word, count in frequency.items()}
    spread = Counter(word for bag in bags for word in set().union(*bag))
    columns = {word: k for k, word in enumerate(w for w, n in spread.items() if n > 1)}
    return [_rows(bag, idf, columns) for bag in bags]


def _rows(bag: list[set[str]], idf: dict[str, float], columns: dict[str, int]) -> sparse.csr_array:
    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for words in bag:
        norm = math.sqrt(sum(idf[w] ** 2 for w in words)) or 1.0
        for word in sorted(words & columns.keys(), key=columns.__getitem__):
            indices.append(columns[word])
            data.append(idf[word] / norm)
        indptr.append(len(indices))
    arrays = (np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64))
    return sparse.csr_array(arrays, shape=(len(bag), len(columns)))


def overlap(rows_a: sparse.csr_array, rows_b: sparse.csr_array) -> np.ndarray:
    """TF-IDF cosine of every row of A with every row of B (dense, float32)."""
    return np.asarray((rows_a @ rows_b.T).toarray(), dtype=np.float32)


def paired_overlap(rows_a: sparse.csr_array, rows_b: sparse.csr_array) -> np.ndarray:
    """TF-IDF cosine of row k of A with row k of B, for each k (equal row counts)."""
    return np.asarray(rows_a.multiply(rows_b).sum(axis=1), dtype=np.float32).ravel()
