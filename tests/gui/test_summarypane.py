"""The summary pane: distinctive words chart, omitted claims, voices, pair divergences and the legend."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.builders import make_analysis

from reader.core.framing.report import (
    DistinctiveWord,
    Divergence,
    FramingKind,
    FramingReport,
    SourceSummary,
    Voice,
)
from reader.gui.summarypane import SummaryPane

pytestmark = pytest.mark.gui

A = "The town fell. Rebels fired shells, the mayor said."
B = "The town fell. Aid groups warned of hunger."


@pytest.fixture
def analysis():
    base = make_analysis([("A", A), ("B", B)], [((0, 0), (1, 0), 0.95)])
    words = (DistinctiveWord("shells", 1.5, 1), DistinctiveWord("rebels", 2.5, 1))
    sources = (
        SourceSummary(0, (), (1,), words, (Voice("the mayor", (1,)),)),
        SourceSummary(1, (0,), (1,), (), ()),
    )
    pairs = {(0, 1): Divergence(0.4, "A and B diverge: one claim each.")}
    return replace(base, framing=FramingReport((), sources, (Divergence(0.05, "alike"),), pairs))


@pytest.fixture
def pane(qtbot, analysis):
    widget = SummaryPane()
    qtbot.addWidget(widget)
    widget.set_analysis(analysis)
    return widget


def test_first_source_shows_its_words_strongest_first_and_its_voices(pane):
    assert [w.word for w in pane.chart.words] == ["rebels", "shells"]
    assert pane.voices.stringList() == ["the mayor — 1 sentence"]
    assert pane.counts.text() == "1 sentence only this source reports · 0 claims left out"


def test_choosing_another_source_lists_the_claims_it_leaves_out(pane):
    pane.source.setCurrentIndex(1)
    assert pane.omitted.stringList() == ["The town fell.  (A, B)"]
    assert pane.chart.words == ()


def test_pair_divergences_and_legend_are_shown(pane):
    assert "A and B diverge" in pane.pairs.text()
    legend = pane.legend.toPlainText()
    assert all(kind.value in legend for kind in FramingKind)


def test_no_analysis_empties_everything(pane):
    pane.set_analysis(None)
    assert pane.source.count() == 0
    assert pane.omitted.stringList() == []
    assert pane.counts.text() == "No analysis yet."


def test_pairs_are_those_of_the_chosen_source_most_divergent_first(qtbot):
    base = make_analysis([("A", A), ("B", B), ("C", A)], [((0, 0), (1, 0), 0.95), ((0, 0), (2, 0), 0.95)])
    pairs = {
        (0, 1): Divergence(0.2, "A and B: alike."),
        (0, 2): Divergence(0.6, "A and C: apart."),
        (1, 2): Divergence(0.4, "B and C: some."),
    }
    sources = tuple(SourceSummary(d, (), (), (), ()) for d in range(3))
    widget = SummaryPane()
    qtbot.addWidget(widget)
    widget.set_analysis(replace(base, framing=FramingReport((), sources, (), pairs)))
    text = widget.pairs.text()
    assert "B and C" not in text and text.index("A and C") < text.index("A and B")
    widget.source.setCurrentIndex(1)
    assert "B and C" in widget.pairs.text() and "A and C" not in widget.pairs.text()
