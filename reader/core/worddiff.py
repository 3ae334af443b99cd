"""Word-level diff of two sentences with diff-match-patch.

Each word (and each run of spaces or punctuation) becomes one private-use character, so
diff-match-patch compares words rather than characters; semantic cleanup then merges trivial
equalities. Results carry half-open character offsets into both sentences.

Where ``fast-diff-match-patch`` (Google's C++ diff-match-patch, same algorithm and cleanup) is
installed it computes the diff, about fifty times faster than the Python port (a dozen outlets make
20,000 links to diff); the Python port serves where it has no wheel (Python 3.13+) and for pairs with
more distinct words than the Basic Multilingual Plane's private-use area and beyond holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from diff_match_patch import diff_match_patch

from reader.core.model import DiffKind, DiffOp

try:
    from fast_diff_match_patch import diff as _native_diff
except ImportError:  # no wheel for this Python: the Python port alone
    _native_diff = None

_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|\s+|[^\w\s]")
_FIRST_CODEPOINT = 0xE000  # the Private Use Area; the coded strings hold only these characters
_LAST_CODEPOINT = 0xFFFF  # the C++ port takes only the Basic Multilingual Plane on Windows
_TIMEOUT = 0.2  # seconds a diff may take before diff-match-patch settles for a coarser one
_OPS = {
    "=": diff_match_patch.DIFF_EQUAL, "-": diff_match_patch.DIFF_DELETE, "+": diff_match_patch.DIFF_INSERT
}


def tokenize(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the word, space and punctuation tokens that cover ``text`` completely."""
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1 << 12)
def _tokens(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """The spans of ``text``'s tokens and the tokens, once per sentence (it sits in many links)."""
    spans = tokenize(text)
    return tuple(spans), tuple(text[start:end] for start, end in spans)


def _encoded(tokens_a: tuple[str, ...], tokens_b: tuple[str, ...]) -> tuple[str, str]:
    """Both token lists as strings of one private-use character per distinct token, numbered in order
    of first appearance (in A, then B)."""
    distinct = dict.fromkeys([*tokens_a, *tokens_b])
    alphabet = {token: chr(_FIRST_CODEPOINT + k) for k, token in enumerate(distinct)}
    return "".join(map(alphabet.__getitem__, tokens_a)), "".join(map(alphabet.__getitem__, tokens_b))


@lru_cache(maxsize=1)
def _matcher() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = _TIMEOUT
    return dmp


def coded_diff(coded_a: str, coded_b: str) -> list[tuple[int, int]]:
    """diff-match-patch's semantically cleaned diff of two coded strings, as (operation, length) pairs
    (operations ``DIFF_EQUAL``, ``DIFF_DELETE``, ``DIFF_INSERT``); by the C++ port where it can."""
    if _native_diff is not None and max(coded_a + coded_b, default="\0") <= chr(_LAST_CODEPOINT):
        native = _native_diff(coded_a, coded_b, timelimit=_TIMEOUT, checklines=False, cleanup="Semantic")
        return [(_OPS[op], length) for op, length in native]
    return python_diff(coded_a, coded_b)


def python_diff(coded_a: str, coded_b: str) -> list[tuple[int, int]]:
    """The same diff by diff-match-patch's Python port."""
    dmp = _matcher()
    diffs = dmp.diff_main(coded_a, coded_b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]


@lru_cache(maxsize=8192)
def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Diff sentence ``a`` against sentence ``b`` word by word.

    Returns operations in order; together the ``EQUAL`` and ``ONLY_A`` ranges tile ``a`` and the
    ``EQUAL`` and ``ONLY_B`` ranges tile ``b``. Remembered: re-aligning at another threshold diffs
    mostly the same pairs again.
    """
    (spans_a, tokens_a), (spans_b, tokens_b) = _tokens(a), _tokens(b)
    coded_a, coded_b = _encoded(tokens_a, tokens_b)
    return tuple(_to_ops(coded_diff(coded_a, coded_b), spans_a, spans_b))


def _to_ops(
    diffs: list[tuple[int, int]], spans_a: Sequence[tuple[int, int]], spans_b: Sequence[tuple[int, int]]
) -> Iterator[DiffOp]:
    """Turn token-level diffs into character-offset operations."""
    ia = ib = 0
    for op, n in diffs:
        a_start = spans_a[ia][0] if ia < len(spans_a) else _end(spans_a)
        b_start = spans_b[ib][0] if ib < len(spans_b) else _end(spans_b)
        if op == diff_match_patch.DIFF_EQUAL:
            ia, ib = ia + n, ib + n
            yield DiffOp(DiffKind.EQUAL, a_start, spans_a[ia - 1][1], b_start, spans_b[ib - 1][1])
        elif op == diff_match_patch.DIFF_DELETE:
            ia += n
            yield DiffOp(DiffKind.ONLY_A, a_start, spans_a[ia - 1][1], b_start, b_start)
        else:
            ib += n
            yield DiffOp(DiffKind.ONLY_B, a_start, a_start, b_start, spans_b[ib - 1][1])


def _end(spans: Sequence[tuple[int, int]]) -> int:
    return spans[-1][1] if spans else 0

