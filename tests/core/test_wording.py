"""Counts read as English: "1 claim", "2 claims"."""

from __future__ import annotations

from reader.core.wording import counted


def test_one_is_singular_and_other_counts_plural() -> None:
    assert counted(1, "claim") == "1 claim"
    assert [counted(n, "linked sentence pair") for n in (0, 2)] == [
        "0 linked sentence pairs",
        "2 linked sentence pairs",
    ]


def test_an_irregular_plural_is_given() -> None:
    assert [counted(n, "match", "matches") for n in (1, 2)] == ["1 match", "2 matches"]
