"""Claims for display: links merged into groups, strongest first, without snowballing chains.

Plain connected components let a chain A1–B1–A2–B2–… swallow a whole story. Instead links are taken
from the strongest down (single linkage, as Kruskal would) and two groups merge only while the result
holds at most ``MAX_PER_DOCUMENT`` sentences of any one document — room for one source telling in two
sentences what another packs into one, but not for a chain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import count

from reader.core.model import Group, Link, SentenceRef

MAX_PER_DOCUMENT = 2


def build_groups(links: Iterable[Link], max_per_document: int = MAX_PER_DOCUMENT) -> tuple[Group, ...]:
    """Groups of linked sentences, each sorted, ordered by the position of their first member."""
    group_of: dict[SentenceRef, int] = {}
    members: dict[int, list[SentenceRef]] = {}
    new_ids = count()
    for link in sorted(links, key=lambda k: -k.similarity):
        for ref in (link.a, link.b):
            if ref not in group_of:
                group_of[ref] = next(new_ids)
                members[group_of[ref]] = [ref]
        a, b = group_of[link.a], group_of[link.b]
        if a != b and _fits(members[a] + members[b], max_per_document):
            for ref in members[b]:
                group_of[ref] = a
            members[a] += members.pop(b)
    groups = (Group(tuple(sorted(refs))) for refs in members.values() if len(refs) > 1)
    return tuple(sorted(groups, key=lambda g: g.members[0]))


def _fits(refs: list[SentenceRef], max_per_document: int) -> bool:
    return max(Counter(ref.doc for ref in refs).values()) <= max_per_document
