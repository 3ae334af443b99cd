"""Claims for display: links merged into groups, strongest first, without snowballing chains.

Plain connected components let a chain A1–B1–A2–B2–… swallow a whole story. Instead links are taken
from the strongest down (single linkage, as Kruskal would) and two groups merge only while the result
holds at most ``MAX_PER_DOCUMENT`` sentences of any one document — room for one source telling in two
sentences what another packs into one, but not for a chain. A sentence left alone that way joins the
group of its strongest partner, so every linked sentence belongs to exactly one group.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import count

from reader.core.model import Group, Link, LinkOrigin, SentenceRef

MAX_PER_DOCUMENT = 2


def build_groups(
    links: Iterable[Link],
    max_per_document: int = MAX_PER_DOCUMENT,
    joiners: frozenset[SentenceRef] = frozenset(),
    merge_from: float = -math.inf,
) -> tuple[Group, ...]:
    """Groups of linked sentences, each sorted, ordered by the position of their first member.

    Only links of ``merge_from`` confidence or more (made by hand: always) merge groups, and never at a
    sentence of ``joiners`` (a headline links to every sentence it sums up): a weaker link, vouched for
    by a third source, or a headline's, only brings a lone sentence into its partner's group.
    """
    strongest_first = sorted(links, key=lambda k: -k.similarity)
    groups = _Groups()
    for link in strongest_first:
        binding = link.origin is LinkOrigin.MANUAL or link.confidence >= merge_from
        if binding and link.a not in joiners and link.b not in joiners:
            groups.merge(link.a, link.b, max_per_document)
    for link in strongest_first:
        groups.adopt_lone(link.a, link.b)
    return groups.result()


class _Groups:
    """Disjoint groups of sentence references (a small union-find that keeps member lists)."""

    def __init__(self) -> None:
        self._group_of: dict[SentenceRef, int] = {}
        self._members: dict[int, list[SentenceRef]] = {}
        self._per_document: dict[int, Counter[int]] = {}  # each group's sentence count per document
        self._new_ids = count()

    def _group(self, ref: SentenceRef) -> int:
        group = self._group_of.get(ref)
        if group is None:
            group = self._group_of[ref] = next(self._new_ids)
            self._members[group] = [ref]
            self._per_document[group] = Counter((ref.doc,))
        return group

    def merge(self, a: SentenceRef, b: SentenceRef, max_per_document: int) -> None:
        """Join the groups of ``a`` and ``b`` unless one document would hold too many sentences."""
        first, second = self._group(a), self._group(b)
        if first == second:
            return
        mine, theirs = self._per_document[first], self._per_document[second]
        if all(mine[doc] + n <= max_per_document for doc, n in theirs.items()):
            self._move(second, first)

    def adopt_lone(self, a: SentenceRef, b: SentenceRef) -> None:
        """Move whichever of ``a`` and ``b`` is alone into the other's group."""
        for lone, partner in ((a, b), (b, a)):
            if len(self._members[self._group(lone)]) == 1:
                self._move(self._group(lone), self._group(partner))
                return

    def _move(self, source: int, target: int) -> None:
        for ref in self._members[source]:
            self._group_of[ref] = target
        self._members[target] += self._members.pop(source)
        self._per_document[target] += self._per_document.pop(source)

    def result(self) -> tuple[Group, ...]:
        """The groups of two or more sentences, sorted."""
        groups = (Group(tuple(sorted(refs))) for refs in self._members.values() if len(refs) > 1)
        return tuple(sorted(groups, key=lambda g: g.members[0]))
