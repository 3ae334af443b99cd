"""Divergence scores in [0, 1] for every claim (group) and every pair of sources, explained in words.

Link divergence = 0.3 · (1 − similarity) + 0.3 · share of differing words + 0.4 · framing,
where framing = 1 − exp(−Σ kind weights of the link's distinct framing differences).
Group divergence = mean link divergence of the group's links.
Pair divergence = 0.4 · share of claims one tells and the other omits
                + 0.3 · mean wording divergence of their links (half 1 − similarity, half words)
                + 0.3 · (1 − exp(−framing weight per link)),
where each contested link between the two weighs the catalogue's contested weight and counts as a link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from math import exp

from reader.core.framing.catalogue import MARK_KINDS, spec
from reader.core.framing.pair import Pair
from reader.core.framing.report import Contest, Divergence, FramingKind, FramingMark
from reader.core.model import Alignment, Link, LinkKind
from reader.core.wording import counted


@dataclass(frozen=True)
class LinkFacts:
    """What divergence needs to know about one link."""

    link: Link
    changed_share: float  # share of the pair's words the diff marks as changed
    differences: tuple[FramingMark, ...]  # one mark per distinct framing difference

    @property
    def framing_weight(self) -> float:
        """Sum of the kind weights of the link's framing differences."""
        return sum(spec(m.kind).weight for m in self.differences)

    @property
    def wording(self) -> float:
        """How differently the link words the claim: half meaning, half words."""
        return 0.5 * _clip(1 - self.link.similarity) + 0.5 * self.changed_share

    @property
    def score(self) -> float:
        """The link divergence (module docstring)."""
        semantic = _clip(1 - self.link.similarity)
        return 0.3 * semantic + 0.3 * self.changed_share + 0.4 * (1 - exp(-self.framing_weight))


def link_facts(pairs: Sequence[Pair], marks: Sequence[FramingMark]) -> list[LinkFacts]:
    """One ``LinkFacts`` per link, ``pairs[i]`` being link ``i``."""
    by_link: dict[int, list[FramingMark]] = {}
    for mark in marks:
        by_link.setdefault(mark.link, []).append(mark)
    return [
        LinkFacts(pair.link, _changed_share(pair), distinct_differences(by_link.get(pair.index, [])))
        for pair in pairs
    ]


def distinct_differences(marks: Sequence[FramingMark]) -> tuple[FramingMark, ...]:
    """Marks with the two sides of one difference (a label swap marks both words) counted once."""
    seen: set[tuple[int, FramingKind, frozenset[str]]] = set()
    distinct = []
    for mark in marks:
        key = (mark.link, mark.kind, frozenset((mark.text.lower(), mark.counterpart.lower())))
        if key not in seen:
            seen.add(key)
            distinct.append(mark)
    return tuple(distinct)


def _changed_share(pair: Pair) -> float:
    words = len(pair.a.tokens) + len(pair.b.tokens)
    return (pair.a.changed + pair.b.changed) / words if words else 0.0


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def group_divergences(alignment: Alignment, facts: Sequence[LinkFacts]) -> tuple[Divergence, ...]:
    """Divergence of every group: the mean divergence of the links inside it, with what drives it.

    Groups are not always connected components (a link may join two groups the aligner kept apart);
    such links count for neither group.
    """
    group_of = {m: g for g, group in enumerate(alignment.groups) for m in group.members}
    per_group: dict[int, list[LinkFacts]] = {}
    for fact in facts:
        group = group_of.get(fact.link.a)
        if group is not None and group == group_of.get(fact.link.b):
            per_group.setdefault(group, []).append(fact)
    return tuple(_group_divergence(per_group.get(g, [])) for g in range(len(alignment.groups)))


def _group_divergence(facts: list[LinkFacts]) -> Divergence:
    if not facts:
        return Divergence(0.0, "No linked sentences.")
    score = sum(f.score for f in facts) / len(facts)
    words = sum(f.changed_share for f in facts) / len(facts)
    similarity = sum(f.link.similarity for f in facts) / len(facts)
    framing = describe_differences([m for f in facts for m in f.differences])
    text = f"Mean similarity {similarity:.2f}; {words:.0%} of the words differ; {framing}."
    return Divergence(round(score, 3), text)


def describe_differences(differences: Sequence[FramingMark]) -> str:
    """ "2 label swaps (terrorists/militants), 1 number disagreement" or "no framing differences"."""
    if not differences:
        return "no framing differences"
    counts = Counter(m.kind for m in differences)
    parts = []
    for kind in MARK_KINDS:
        if counts[kind.kind]:
            parts.append(f"{counted(counts[kind.kind], kind.noun)}{_examples(differences, kind.kind)}")
    return ", ".join(parts)


def _examples(differences: Sequence[FramingMark], kind: FramingKind, limit: int = 2) -> str:
    examples = []
    for mark in differences:
        example = f"{mark.text}/{mark.counterpart}" if mark.counterpart else mark.text
        if mark.kind is kind and example not in examples and kind is not FramingKind.AGENCY:
            examples.append(example)
    return f" ({', '.join(examples[:limit])})" if examples else ""


def pair_divergences(
    alignment: Alignment, facts: Sequence[LinkFacts], labels: Sequence[str], contests: Sequence[Contest] = ()
) -> dict[tuple[int, int], Divergence]:
    """Divergence of every pair of sources; the most divergent pair is said to "diverge most"."""
    pairs = list(combinations(range(len(labels)), 2))
    contested: dict[tuple[int, int], list[Contest]] = {}
    for contest in contests:
        link = alignment.links[contest.link]
        contested.setdefault((link.a.doc, link.b.doc), []).append(contest)
    by_pair: dict[tuple[int, int], list[LinkFacts]] = {}
    for fact in facts:
        docs = (fact.link.a.doc, fact.link.b.doc)
        by_pair.setdefault((min(docs), max(docs)), []).append(fact)
    scored = {
        (a, b): _pair_score(alignment, by_pair.get((a, b), []), a, b, contested.get((a, b), []))
        for a, b in pairs
    }
    top = max(scored, key=lambda key: scored[key][0]) if len(scored) > 1 else None
    return {
        (a, b): Divergence(
            round(score, 3),
            f"{labels[a]} and {labels[b]} diverge{' most' if (a, b) == top else ''}: {reasons}.",
        )
        for (a, b), (score, reasons) in scored.items()
    }


def _pair_score(
    alignment: Alignment, shared: Sequence[LinkFacts], a: int, b: int, contests: Sequence[Contest]
) -> tuple[float, str]:
    """Score of one pair of sources (``shared``: the facts of the links between them) and the reasons."""
    told = [g.documents() & {a, b} for g in alignment.groups]
    told += [frozenset({ref.doc}) for ref in alignment.unique if ref.doc in (a, b)]
    either = [t for t in told if t]
    one_sided = sum(1 for t in either if len(t) == 1)
    omission = one_sided / len(either) if either else 0.0
    wording = sum(f.wording for f in shared) / len(shared) if shared else 1.0
    weight = sum(f.framing_weight for f in shared) + spec(LinkKind.CONTESTED).weight * len(contests)
    weight /= max(1, len(shared) + len(contests))
    score = 0.4 * omission + 0.3 * wording + 0.3 * (1 - exp(-weight))
    framing = describe_differences([m for f in shared for m in f.differences])
    reasons = (
        f"{one_sided} of {counted(len(either), 'claim')} told by one and omitted by the other; "
        f"{counted(len(shared), 'linked sentence pair')}; {framing}{describe_contests(contests)}"
    )
    return score, reasons


def describe_contests(contests: Sequence[Contest], limit: int = 4) -> str:
    """ "; 2 contested links: accusation and rebuttal over support, terrorism; …" or ""."""
    if not contests:
        return ""
    issues = [f"{c.relation} over {', '.join(c.issue[:2])}" for c in contests]
    shown = list(dict.fromkeys(issues))
    more = f"; {len(shown) - limit} more" if len(shown) > limit else ""
    return f"; {counted(len(contests), 'contested link')}: {'; '.join(shown[:limit])}{more}"
