"""Contested links on real shapes: the JPost report split into voices, and our own multi-outlet cases.

The multi-outlet cases in ``tests/data/contested`` are our own writing (facts of the Moscow case from
the corpus report); ``gold.json`` there names the pairs that must be linked. The real bundled model runs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.core.framing.contested import Act, stance
from reader.core.framing.quoted import quoted_spans
from reader.core.framing.report import FramingKind
from reader.core.framing.voices import voices_as_documents
from reader.core.ingest import read_path
from reader.core.model import Analysis, LinkKind
from reader.core.pipeline import analyse
from reader.core.segment import segment
from reader.core.settings import Settings
from tests.conftest import JPOST

CASES = Path(__file__).resolve().parents[2] / "data" / "contested"
EMBASSY, MINISTRY = "Russia’s Embassy in Israel", "Israel’s Foreign Ministry"
# The three pairs issue 9 names: accusation and rebuttal, culprit named and withheld, demand and its reason.
SEED_PAIRS = [
    ("attempts to accuse us of supporting terrorism", "condemns the invitation", "accusation and rebuttal"),
    ("strongly condemn the use of terrorist methods", "responsible for the kidnapping",
     "responsibility named and withheld"),
    ("seeks to secure the release of the 229", "call on the Russian government", "demand and justification"),
]
Side = tuple[str, str]  # (source label, sentence or a phrase of it)


def _case(encoder, name: str) -> Analysis:
    paths = sorted((CASES / name).glob("*.txt"))
    return analyse([read_path(p, label=p.stem) for p in paths], Settings(), encoder)


@pytest.fixture(scope="module")
def voices(encoder) -> Analysis:
    return analyse(voices_as_documents(segment(read_path(JPOST))), Settings(), encoder)


@pytest.fixture(scope="module")
def moscow(encoder) -> Analysis:
    return _case(encoder, "moscow")


@pytest.fixture(scope="module")
def protest(encoder) -> Analysis:
    return _case(encoder, "protest")


def _sides(analysis: Analysis, link) -> list[Side]:
    return [(analysis.documents[r.doc].document.label, analysis.sentence(r).text) for r in (link.a, link.b)]


def _is(sides: list[Side], first: Side, second: Side) -> bool:
    """True when the two sentences are the (label, phrase) pair, in either order."""
    return any(one[0] == first[0] and first[1] in one[1] and other[0] == second[0] and second[1] in other[1]
               for one, other in (sides, sides[::-1]))


def _contest(analysis: Analysis, first: Side, second: Side):
    """The contest of the contested link joining two (label, phrase) sentences, or None."""
    assert analysis.framing is not None
    return next((c for c in analysis.framing.contests
                 if _is(_sides(analysis, analysis.alignment.links[c.link]), first, second)), None)


@pytest.mark.parametrize(("embassy", "ministry", "relation"), SEED_PAIRS)
def test_seed_voices_answer_each_other_in_contested_links(voices, embassy, ministry, relation):
    contest = _contest(voices, (EMBASSY, embassy), (MINISTRY, ministry))

    assert contest is not None
    assert contest.relation == relation
    assert voices.alignment.links[contest.link].kind is LinkKind.CONTESTED
    assert EMBASSY in contest.explanation and MINISTRY in contest.explanation


def test_seed_withheld_culprit_is_explained_as_such(voices):
    contest = _contest(voices, (EMBASSY, SEED_PAIRS[1][0]), (MINISTRY, SEED_PAIRS[1][1]))

    assert contest is not None
    assert f"{MINISTRY} names who is responsible" in contest.explanation
    assert f"{EMBASSY} names no one responsible" in contest.explanation


def test_seed_ministry_and_embassy_summary_says_how_they_diverge(voices):
    assert voices.framing is not None
    labels = [d.document.label for d in voices.documents]
    pair = tuple(sorted((labels.index(EMBASSY), labels.index(MINISTRY))))
    explanation = voices.framing.pair_divergence[pair].explanation

    assert "contested links" in explanation
    assert "accusation and rebuttal over" in explanation and "demand and justification over" in explanation


def test_claims_are_built_from_claim_links_only(voices):
    contested = [link for link in voices.alignment.links if link.kind is LinkKind.CONTESTED]
    in_claims = {m for g in voices.alignment.groups for m in g.members}

    assert contested
    assert all(not ({link.a, link.b} <= in_claims and _same_group(voices, link)) for link in contested)


def _same_group(analysis: Analysis, link) -> bool:
    return any(link.a in g.members and link.b in g.members for g in analysis.alignment.groups)


def test_reports_carrying_the_accusation_and_the_rebuttal_are_linked_across_outlets(moscow):
    contest = _contest(moscow, ("Harbor Ledger", "accused Russia of supporting terrorism"),
                       ("Northern Wire", "rejected as unacceptable"))

    assert contest is not None and contest.relation == "accusation and rebuttal"


def test_demand_and_its_justification_across_outlets(moscow):
    contest = _contest(moscow, ("Valley Courier", "called on Moscow to expel"),
                       ("Northern Wire", "hosted the delegation in order to"))

    assert contest is not None and contest.relation == "demand and justification"
    assert "expel the Hamas officials immediately" in contest.explanation


def test_demand_and_its_refusal_in_another_story(protest):
    contest = _contest(protest, ("Metro Daily", "called on Police Chief Dan Harper to resign"),
                       ("County Post", "would not step down"))

    assert contest is not None and contest.relation == "demand and refusal"


@pytest.mark.parametrize("case", ["moscow", "protest"])
def test_every_gold_pair_that_is_not_unsure_is_found_and_nothing_else(request, case):
    analysis = request.getfixturevalue(case)
    gold = next(c for c in json.loads((CASES / "gold.json").read_text(encoding="utf-8"))["cases"]
                if c["case"] == case)
    found = [g for g in gold["links"] if _contest(analysis, tuple(g[0]), tuple(g[1]))]

    assert analysis.framing is not None
    # the Moscow case misses one justification that shares no word with its demand
    assert len(found) >= len(gold["links"]) - 1
    allowed = [*gold["links"], *gold["unsure"]]
    for contest in analysis.framing.contests:
        sides = _sides(analysis, analysis.alignment.links[contest.link])
        assert any(_is(sides, tuple(g[0]), tuple(g[1])) for g in allowed), sides


def test_a_quotation_rendered_two_ways_is_a_quotation_variant_not_a_label(moscow):
    assert moscow.framing is not None
    marks = [m for m in moscow.framing.marks if m.text.startswith("terror")]

    assert marks and {m.kind for m in marks} == {FramingKind.QUOTATION}
    assert "one quotation rendered differently" in marks[0].explanation


@pytest.mark.parametrize("case", ["moscow", "protest"])
def test_counts_of_different_things_are_no_number_disagreement(request, case):
    analysis = request.getfixturevalue(case)
    assert analysis.framing is not None
    numbers = {(m.text, m.counterpart) for m in analysis.framing.marks if m.kind is FramingKind.NUMBER}

    assert not numbers & {("more than 1,400", "about 229"), ("about 229", "more than 1,400"),
                          ("14", "About 300"), ("About 300", "14")}


@pytest.mark.parametrize("case", ["voices", "moscow", "protest"])
def test_no_mark_names_a_source_that_does_not_report_the_claim(request, case):
    analysis = request.getfixturevalue(case)
    assert analysis.framing is not None
    for mark in analysis.framing.marks:
        link = analysis.alignment.links[mark.link]
        assert link.kind is LinkKind.CLAIM and _same_group(analysis, link)


def test_a_rebuttal_is_not_an_accusation():
    acts = stance("The department denied that officers used excessive force, calling it baseless.").acts

    assert Act.REBUT in acts and Act.ACCUSE not in acts


def test_responsibility_is_named_or_withheld_only_for_a_harm():
    assert Act.ASSIGN in stance("Israel says Hamas is responsible for the abduction of 220 people.").acts
    assert Act.ASSIGN not in stance("The minister is responsible for the budget.").acts
    assert Act.WITHHOLD not in stance("Talks will go on, no matter what the outcome.").acts



def _labels_told(explanation: str, title: str) -> dict[str, list[str]]:
    """{source label: label words} of the explanation's line ``title — a: “w, w”; b: “w”.``"""
    line = next((x for x in explanation.splitlines() if x.startswith(title + " — ")), "")
    told = {}
    for part in line.removeprefix(title + " — ").rstrip(".").split("; ") if line else []:
        label, words = part.split(": ", 1)
        told[label] = words.strip("“”").split(", ")
    return told


def _outside_quotes(word: str, text: str) -> bool:
    inside = quoted_spans(text)
    return any(not any(a <= m.start() and m.end() <= b for a, b in inside)
               for m in re.finditer(re.escape(word), text))


def test_a_label_only_inside_a_quotation_is_never_the_sources_own_word(outlets):
    assert outlets.framing is not None
    quoted_seen = 0
    for contest in outlets.framing.contests:
        sentences = dict(_sides(outlets, outlets.alignment.links[contest.link]))
        own = _labels_told(contest.explanation, "Labels in its own words")
        quoted = _labels_told(contest.explanation, "Labels inside quotations")
        quoted_seen += sum(map(len, quoted.values()))
        for label, words in own.items():
            assert all(_outside_quotes(w, sentences[label]) for w in words), (label, words)
        for label, words in quoted.items():
            assert not any(_outside_quotes(w, sentences[label]) for w in words), (label, words)
    assert quoted_seen
