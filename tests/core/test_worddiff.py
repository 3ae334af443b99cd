"""Word-level diff: operations tile both sentences and fall on whole words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.model import DiffKind
from reader.core.worddiff import _encoded, coded_diff, python_diff, tokenize, word_diff
from reader.resources import resource

JPOST = "The hands of senior Hamas officials are stained with the blood of over 1400 Israelis."
OTHER = "Hamas officials have the blood of 1,200 Israelis on their hands, the ministry claimed."


def _pieces(a: str, b: str) -> list[tuple[DiffKind, str, str]]:
    return [(o.kind, a[o.a_start : o.a_end], b[o.b_start : o.b_end]) for o in word_diff(a, b)]


def test_label_swap_is_one_word_each_side():
    a = "Hamas terrorists killed civilians, officials said."
    b = "Hamas militants killed civilians, officials said."
    assert _pieces(a, b) == [
        (DiffKind.EQUAL, "Hamas ", "Hamas "),
        (DiffKind.ONLY_A, "terrorists", ""),
        (DiffKind.ONLY_B, "", "militants"),
        (DiffKind.EQUAL, " killed civilians, officials said.", " killed civilians, officials said."),
    ]


def test_numbers_with_separators_stay_whole():
    pieces = _pieces(JPOST, OTHER)
    only_a = " ".join(a for kind, a, _ in pieces if kind is DiffKind.ONLY_A).split()
    only_b = " ".join(b for kind, _, b in pieces if kind is DiffKind.ONLY_B).split()
    assert "1400" in only_a
    assert "1,200" in only_b
    assert any(word.startswith("claimed") for word in only_b)


def test_identical_sentences_are_one_equal_op():
    assert _pieces(JPOST, JPOST) == [(DiffKind.EQUAL, JPOST, JPOST)]


def test_tokens_cover_text():
    text = "U.S. officials—reportedly—said 3.5% (of 1,200) weren't “safe”."
    assert "".join(text[s:e] for s, e in tokenize(text)) == text


@given(st.text(max_size=80), st.text(max_size=80))
def test_operations_tile_both_sentences(a: str, b: str):
    ops = word_diff(a, b)
    assert "".join(a[o.a_start : o.a_end] for o in ops if o.kind is not DiffKind.ONLY_B) == a
    assert "".join(b[o.b_start : o.b_end] for o in ops if o.kind is not DiffKind.ONLY_A) == b
    for o in ops:
        if o.kind is DiffKind.EQUAL:
            assert a[o.a_start : o.a_end] == b[o.b_start : o.b_end]


def _demo_sentences() -> list[str]:
    texts = [entry.read_text(encoding="utf-8") for entry in sorted(resource("demo").iterdir(), key=str)]
    return [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]


def test_the_cpp_port_diffs_exactly_as_the_python_port():
    pytest.importorskip("fast_diff_match_patch")
    sentences = _demo_sentences()
    pairs = [(a, b) for a in sentences[::2] for b in sentences[1::2]]
    assert len(pairs) > 1000
    for a, b in pairs:
        coded_a, coded_b = _encoded(_token_texts(a), _token_texts(b))
        assert coded_diff(coded_a, coded_b) == python_diff(coded_a, coded_b), (a, b)


def _token_texts(text: str) -> tuple[str, ...]:
    return tuple(text[start:end] for start, end in tokenize(text))


def test_more_distinct_words_than_the_private_use_area_holds_still_diff():
    a = " ".join(f"w{k}" for k in range(9000))
    b = " ".join(f"w{k}" for k in range(0, 9000, 2))
    ops = word_diff(a, b)  # by the Python port, which may settle for a coarser diff at its deadline
    assert "".join(a[o.a_start : o.a_end] for o in ops if o.kind is not DiffKind.ONLY_B) == a
    assert "".join(b[o.b_start : o.b_end] for o in ops if o.kind is not DiffKind.ONLY_A) == b
