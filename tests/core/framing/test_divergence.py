"""Divergence of claims and of source pairs, with explanations."""

from __future__ import annotations

from dataclasses import replace

from reader.core.framing.analyse import analyse_framing
from reader.core.model import Group
from tests.helpers.builders import make_analysis

SAME = "Moscow seeks to secure the release of the 229 captives in Gaza."
FRAMED = "Moscow seeks to secure the release of the 220 hostages held by Hamas terrorists in Gaza."
PLAIN = "Moscow seeks to secure the release of the 229 hostages held by Hamas militants in Gaza."


def _report(articles, pairs):
    return analyse_framing(make_analysis(articles, pairs))


def test_identical_claims_score_zero_and_framed_ones_higher():
    report = _report(
        [("Fox", f"{SAME} {FRAMED}"), ("NYT", f"{SAME} {PLAIN}")],
        [((0, 0), (1, 0), 1.0), ((0, 1), (1, 1), 0.8)],
    )
    same, framed = report.group_divergence

    assert same.score == 0.0
    assert 0.0 < framed.score <= 1.0
    assert "1 label swap (terrorists/militants)" in framed.explanation
    assert "1 number disagreement" in framed.explanation


def test_pair_that_omits_claims_diverges_most():
    report = _report(
        [("Fox", f"{SAME} {FRAMED}"), ("NYT", f"{SAME} {PLAIN}"), ("HuffPost", f"{SAME} Iran came.")],
        [((0, 0), (1, 0), 1.0), ((0, 0), (2, 0), 1.0), ((1, 0), (2, 0), 1.0), ((0, 1), (1, 1), 0.8)],
    )
    scores = {pair: d.score for pair, d in report.pair_divergence.items()}

    assert set(scores) == {(0, 1), (0, 2), (1, 2)}
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    assert scores[(0, 2)] > scores[(0, 1)]
    most = max(scores, key=scores.__getitem__)
    assert " diverge most: " in report.pair_divergence[most].explanation
    assert report.pair_divergence[(0, 1)].explanation.startswith("Fox and NYT diverge: 0 of 2 claims")


def test_link_between_two_groups_counts_for_neither():
    analysis = make_analysis(
        [("Fox", f"{SAME} {FRAMED}"), ("NYT", f"{SAME} {PLAIN}")],
        [((0, 0), (1, 0), 1.0), ((0, 1), (1, 1), 0.8), ((0, 0), (1, 1), 0.6)],
    )
    (merged,) = analysis.alignment.groups
    first, second, third, fourth = merged.members
    split = (Group((first, third)), Group((second, fourth)))
    report = analyse_framing(replace(analysis, alignment=replace(analysis.alignment, groups=split)))
    same, framed = report.group_divergence

    assert same.score == 0.0
    assert "Mean similarity 1.00" in same.explanation
    assert "Mean similarity 0.80" in framed.explanation
