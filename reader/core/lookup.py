"""The questions the comparison widgets ask of an ``Analysis``, answered from tables built once.

Qt-free on purpose: the painters stay thin and these answers are tested without a window.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from reader.core.framing.report import Contest, FramingMark
from reader.core.model import Analysis, DiffKind, Link, LinkKind, SentenceRef

# Below this divergence every source tells the claim alike (similarity of at least 0.8).
AGREEMENT_DIVERGENCE = 0.2
# A linked pair whose sentences share less of their text than this is told in other words altogether.
MIN_SHARED = 0.35


def shared_share(link: Link) -> float:
    """The share of the two sentences' characters that the word diff finds equal, in [0, 1]."""
    equal = sum(op.a_end - op.a_start for op in link.diff if op.kind is DiffKind.EQUAL)
    total_a = sum(op.a_end - op.a_start for op in link.diff if op.kind is not DiffKind.ONLY_B)
    total_b = sum(op.b_end - op.b_start for op in link.diff if op.kind is not DiffKind.ONLY_A)
    return 2 * equal / (total_a + total_b) if total_a + total_b else 1.0


class AnalysisIndex:
    """Lookups by sentence, group and document pair over one immutable ``Analysis``."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        alignment = analysis.alignment
        self._group_of = {m: g for g, group in enumerate(alignment.groups) for m in group.members}
        self._links_of: dict[SentenceRef, list[int]] = defaultdict(list)
        for i, link in enumerate(alignment.links):
            self._links_of[link.a].append(i)
            self._links_of[link.b].append(i)
        self._marks_of: dict[SentenceRef, list[FramingMark]] = defaultdict(list)
        for mark in analysis.framing.marks if analysis.framing else ():
            self._marks_of[mark.ref].append(mark)
        self.unique = frozenset(alignment.unique)
        self._contests = {c.link: c for c in analysis.framing.contests} if analysis.framing else {}

    @property
    def document_count(self) -> int:
        """How many sources the analysis compares."""
        return len(self.analysis.documents)

    def group_of(self, ref: SentenceRef) -> int:
        """The group a sentence belongs to, or -1."""
        return self._group_of.get(ref, -1)

    def link_indices(self, ref: SentenceRef) -> list[int]:
        """Indices into ``alignment.links`` of the links that touch a sentence."""
        return self._links_of.get(ref, [])

    def claim_link_indices(self, ref: SentenceRef) -> list[int]:
        """Indices of the claim links (not contested ones) that touch a sentence."""
        links = self.analysis.alignment.links
        return [i for i in self.link_indices(ref) if links[i].kind is LinkKind.CLAIM]

    def contest(self, link: int) -> Contest | None:
        """What a contested link sets against each other (None for a claim link)."""
        return self._contests.get(link)

    @cached_property
    def contested_refs(self) -> frozenset[SentenceRef]:
        """The sentences that take part in a contested link."""
        links = self.analysis.alignment.links
        return frozenset(ref for i in self.ordered_contested for ref in (links[i].a, links[i].b))

    @cached_property
    def ordered_contested(self) -> list[int]:
        """Indices of the contested links in reading order: by their earlier sentence, left to right."""
        links = self.analysis.alignment.links
        contested = [i for i, link in enumerate(links) if link.kind is LinkKind.CONTESTED]
        return sorted(contested, key=lambda i: (links[i].a, links[i].b))

    def marks_of(self, ref: SentenceRef) -> list[FramingMark]:
        """The framing marks that sit inside a sentence."""
        return self._marks_of.get(ref, [])

    def changed_spans(self, ref: SentenceRef) -> list[tuple[int, int]]:
        """Sentence-relative spans of the words no linked source shares with this sentence.

        Per other source the words missing from any of its linked sentences count; across sources only
        the words every linked source lacks remain, so a wording one source shares with another is quiet.
        A link whose sentences share under ``MIN_SHARED`` of their text is a rewrite, not a rewording:
        a word diff of it would light up everything, so it is left out.
        """
        missing_by_doc: dict[int, set[int]] = defaultdict(set)
        for i in self.claim_link_indices(ref):
            link = self.analysis.alignment.links[i]
            if shared_share(link) < MIN_SHARED:
                continue
            mine_a = link.a == ref
            other = link.b.doc if mine_a else link.a.doc
            missing = missing_by_doc[other]
            for op in link.diff:
                if op.kind is (DiffKind.ONLY_A if mine_a else DiffKind.ONLY_B):
                    missing.update(range(op.a_start, op.a_end) if mine_a else range(op.b_start, op.b_end))
        changed = set.intersection(*missing_by_doc.values()) if missing_by_doc else set()
        return _runs(changed)

    def explain(self, ref: SentenceRef, offset: int) -> str:
        """What the highlight at a sentence-relative offset means, for a tooltip."""
        marks = [m for m in self.marks_of(ref) if m.start <= offset < m.end]
        if marks:
            return "\n".join(f"{m.kind.value.title()}: {m.explanation}" for m in marks)
        contested = self._contested_notes(ref)
        if contested:
            return contested
        if any(a <= offset < b for a, b in self.changed_spans(ref)):
            return "No linked source uses these words."
        return "Only this source reports this." if ref in self.unique else ""

    def _contested_notes(self, ref: SentenceRef) -> str:
        """"Contested with B (accusation and rebuttal over …)" for each contested link of a sentence."""
        notes = []
        for i in self.link_indices(ref):
            contest, link = self.contest(i), self.analysis.alignment.links[i]
            if contest is not None:
                other = link.b if link.a == ref else link.a
                label = self.analysis.documents[other.doc].document.label
                issue = ", ".join(contest.issue[:3])
                notes.append(f"Contested with {label}: {contest.relation} over {issue}.")
        return "\n".join(notes)

    def members_in(self, group: int, doc: int) -> list[SentenceRef]:
        """The sentences of one document in a group, in reading order."""
        if group < 0:
            return []
        return sorted(m for m in self.analysis.alignment.groups[group].members if m.doc == doc)

    def links_between(self, doc_a: int, doc_b: int) -> list[int]:
        """Indices of the links joining two documents (in either order)."""
        pair = {doc_a, doc_b}
        return [i for i, link in enumerate(self.analysis.alignment.links) if {link.a.doc, link.b.doc} == pair]

    def link_divergence(self, link: Link) -> float:
        """How far two linked sentences' wording diverges: 1 − similarity, in [0, 1]."""
        return min(max(1.0 - link.similarity, 0.0), 1.0)

    def divergence(self, group: int) -> float:
        """The framing divergence of a group, or 1 − its weakest link's similarity without framing."""
        return self._divergences[group]

    @cached_property
    def _divergences(self) -> list[float]:
        framing, links = self.analysis.framing, self.analysis.alignment.links
        if framing and len(framing.group_divergence) == len(self.analysis.alignment.groups):
            return [d.score for d in framing.group_divergence]
        weakest = [1.0] * len(self.analysis.alignment.groups)
        for link in (link for link in links if link.kind is LinkKind.CLAIM):
            group = self.group_of(link.a)
            weakest[group] = min(weakest[group], link.similarity)
        return [min(max(1.0 - s, 0.0), 1.0) for s in weakest]

    def is_divergent(self, group: int) -> bool:
        """True when a source leaves the claim out or the sources word it differently."""
        members = self.analysis.alignment.groups[group]
        everyone = len(members.documents()) == self.document_count
        return not everyone or self.divergence(group) >= AGREEMENT_DIVERGENCE

    @cached_property
    def ordered_groups(self) -> list[int]:
        """Groups in reading order: by their first sentence in the leftmost source that has them."""
        groups = self.analysis.alignment.groups
        return sorted(range(len(groups)), key=lambda g: min(groups[g].members))

    @cached_property
    def ordered_unique(self) -> list[SentenceRef]:
        """Sentences only one source reports, source by source in reading order."""
        return sorted(self.unique)


def _runs(offsets: set[int]) -> list[tuple[int, int]]:
    """Half-open spans covering a set of offsets."""
    spans: list[tuple[int, int]] = []
    for offset in sorted(offsets):
        if spans and spans[-1][1] == offset:
            spans[-1] = (spans[-1][0], offset + 1)
        else:
            spans.append((offset, offset + 1))
    return spans
