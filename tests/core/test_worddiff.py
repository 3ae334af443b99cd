"""Word-level diff: operations tile both sentences and fall on whole words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.model import DiffKind
from reader.core.worddiff import tokenize, word_diff

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
