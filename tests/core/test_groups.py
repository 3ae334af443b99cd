"""Claims built from links: strongest first, never a chain that swallows the story."""

from __future__ import annotations

from collections import Counter

from reader.core.groups import MAX_PER_DOCUMENT, build_groups
from reader.core.model import Link, SentenceRef


def _link(a: tuple[int, int], b: tuple[int, int], similarity: float) -> Link:
    return Link(SentenceRef(*a), SentenceRef(*b), similarity, 0.0)


def test_chain_of_links_is_cut_into_small_groups() -> None:
    chain = [((0, k), (1, k), 0.9 - 0.01 * k) for k in range(6)]
    chain += [((1, k), (0, k + 1), 0.5) for k in range(5)]
    groups = build_groups(_link(*link) for link in chain)
    assert len(groups) > 1
    for group in groups:
        assert max(Counter(m.doc for m in group.members).values()) <= MAX_PER_DOCUMENT


def test_strongest_links_win_the_merge() -> None:
    links = [
        _link((0, 0), (1, 0), 0.9), _link((0, 1), (1, 0), 0.8),
        _link((0, 2), (1, 1), 0.6), _link((0, 2), (1, 0), 0.5),
    ]
    assert [g.members for g in build_groups(links)] == [
        (SentenceRef(0, 0), SentenceRef(0, 1), SentenceRef(1, 0)),
        (SentenceRef(0, 2), SentenceRef(1, 1)),
    ]


def test_every_linked_sentence_belongs_to_one_group() -> None:
    links = [_link((0, 0), (1, 0), 0.9), _link((0, 1), (1, 0), 0.8), _link((0, 2), (1, 0), 0.5)]
    groups = build_groups(links)
    assert [g.members for g in groups] == [
        (SentenceRef(0, 0), SentenceRef(0, 1), SentenceRef(0, 2), SentenceRef(1, 0))
    ]


def test_groups_are_sorted_by_their_first_member() -> None:
    links = [_link((0, 5), (1, 0), 0.9), _link((0, 1), (2, 3), 0.8), _link((1, 2), (2, 0), 0.7)]
    firsts = [g.members[0] for g in build_groups(links)]
    assert firsts == [SentenceRef(0, 1), SentenceRef(0, 5), SentenceRef(1, 2)]
