"""The widgets' questions to an analysis: changed words, divergence, reading order, explanations."""

from __future__ import annotations

from dataclasses import replace

from helpers.builders import make_analysis

from reader.core.framing.report import Divergence, FramingKind, FramingMark, FramingReport
from reader.core.lookup import MIN_SHARED, AnalysisIndex, shared_share
from reader.core.model import SentenceRef

FOX = "Hamas terrorists killed 40 people."
NYT = "Hamas militants killed 40 people."
HPO = "Militants killed 40 civilians."


def _index(framing=None):
    analysis = make_analysis(
        [("Fox", FOX), ("NYT", NYT), ("HPO", HPO)], [((0, 0), (1, 0), 0.9), ((1, 0), (2, 0), 0.7)]
    )
    return AnalysisIndex(replace(analysis, framing=framing))


def _words(text, spans):
    return [text[a:b].strip() for a, b in spans]


def test_changed_words_are_those_no_linked_source_shares():
    index = _index()
    assert _words(FOX, index.changed_spans(SentenceRef(0, 0))) == ["terrorists"]
    # NYT links to Fox and HPO: "Hamas" and "people" are missing from HPO only, so they stay quiet;
    # "militants" is in neither ("Militants" is another word to the diff).
    assert _words(NYT, index.changed_spans(SentenceRef(1, 0))) == ["militants"]
    assert _words(HPO, index.changed_spans(SentenceRef(2, 0))) == ["Militants", "civilians"]


def test_a_rewrite_lights_no_words():
    rewrite = "Officials in the capital counted forty dead after the raid."
    analysis = make_analysis([("Fox", FOX), ("AP", rewrite)], [((0, 0), (1, 0), 0.8)])
    index = AnalysisIndex(analysis)
    assert shared_share(analysis.alignment.links[0]) < MIN_SHARED
    assert index.changed_spans(SentenceRef(0, 0)) == []
    assert index.changed_spans(SentenceRef(1, 0)) == []


def test_divergence_without_framing_is_the_weakest_link():
    index = _index()
    assert index.divergence(0) == 1 - 0.7
    assert index.is_divergent(0)


def test_framing_divergence_wins_and_low_scores_agree():
    framing = FramingReport((), (), (Divergence(0.05, "alike"),), {})
    index = _index(framing)
    assert index.divergence(0) == 0.05
    assert not index.is_divergent(0)


def test_a_claim_some_source_omits_is_divergent():
    analysis = make_analysis([("A", "The town fell."), ("B", "The town fell."), ("C", "Rain.")],
                             [((0, 0), (1, 0), 1.0)])
    assert AnalysisIndex(analysis).is_divergent(0)


def test_reading_order_follows_the_leftmost_source():
    analysis = make_analysis(
        [("A", "One. Two. Three."), ("B", "Three. One.")], [((0, 2), (1, 0), 0.9), ((0, 0), (1, 1), 0.9)]
    )
    index = AnalysisIndex(analysis)
    firsts = [min(analysis.alignment.groups[g].members) for g in index.ordered_groups]
    assert firsts == [SentenceRef(0, 0), SentenceRef(0, 2)]
    assert index.ordered_unique == [SentenceRef(0, 1)]


def test_explanations_name_the_mark_then_the_change_then_uniqueness():
    mark = FramingMark(0, FramingKind.LABEL, SentenceRef(0, 0), 6, 16, "terrorists", "militants", "Loaded.")
    index = _index(FramingReport((mark,), (), (), {}))
    assert index.explain(SentenceRef(0, 0), FOX.index("terrorists")) == "Label: Loaded."
    assert index.explain(SentenceRef(0, 0), FOX.index("killed")) == ""
