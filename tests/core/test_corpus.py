"""Corpus figures per outlet: one event's facts, pooled over events, and their CSV and HTML renderings."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, replace

import pytest

from reader.core.corpus import OutletFacts, label_choices, outlet_facts, outlet_table
from reader.core.export.outlets import CSV_COLUMNS, render_outlets_csv, render_outlets_html
from reader.core.framing.analyse import analyse_framing
from reader.core.framing.lexicon import load_lexicon
from reader.core.model import Analysis
from tests.helpers.builders import make_analysis, make_document

FOX = "The militants stormed the town. Officials said ten people died. The rebels fled at dawn."
NYT = "The rebels stormed the town. Officials said ten people died."
HPO = "Gunmen stormed the town. The weather was cold."


def _event(articles: list[tuple[str, str]], pairs) -> Analysis:
    analysis = make_analysis(articles, pairs)
    return replace(analysis, framing=analyse_framing(analysis))


@pytest.fixture(scope="module")
def event() -> Analysis:
    """Three outlets: the storming told by all three, the deaths by Fox and NYT only."""
    pairs = [((0, 0), (1, 0), 0.8), ((0, 0), (2, 0), 0.7), ((1, 0), (2, 0), 0.7), ((0, 1), (1, 1), 0.9)]
    return _event([("Fox", FOX), ("NYT", NYT), ("HPO", HPO)], pairs)


def test_facts_count_the_claims_others_report_and_the_ones_left_out(event: Analysis) -> None:
    fox, nyt, hpo = outlet_facts(event)
    assert (fox.outlet, nyt.outlet, hpo.outlet) == ("Fox", "NYT", "HPO")
    # Two claims: the storming (all three) and the deaths (Fox, NYT). For HPO both count (the others
    # report each), and it leaves out the deaths; for Fox and NYT the deaths have one other reporter,
    # which is enough among two others (half, rounded up).
    assert (hpo.shared_claims, hpo.omitted) == (2, 1)
    assert (fox.shared_claims, fox.omitted) == (2, 0)
    assert set(fox.divergence) == {"NYT", "HPO"}
    assert fox.divergence["NYT"] == event.framing.pair_divergence[(0, 1)].score


def test_label_choices_count_each_alternative_of_its_group() -> None:
    document = make_document("Fox", FOX)
    choices = label_choices(document, load_lexicon())
    assert choices["terrorist"] == {"militant": 1}
    assert choices["freedom fighter"]["rebel"] == 1


def test_pooled_table_sums_events_and_averages_divergence(event: Analysis) -> None:
    second = _event([("Fox", NYT), ("NYT", FOX)], [((0, 0), (1, 0), 0.8)])
    rows = {row.outlet: row for row in outlet_table([outlet_facts(event), outlet_facts(second)])}
    assert [rows[name].events for name in ("Fox", "HPO", "NYT")] == [2, 1, 2]
    assert rows["HPO"].omission_rate == pytest.approx(1 / 2)
    scores = [analysis.framing.pair_divergence[(0, 1)].score for analysis in (event, second)]
    expected = sum(scores) / 2
    assert rows["Fox"].divergence["NYT"] == pytest.approx(expected)
    assert rows["Fox"].divergence_events == {"HPO": 1, "NYT": 2}
    assert rows["Fox"].labels["terrorist"]["militant"] == 1
    assert rows["Fox"].label_events["freedom fighter"]["rebel"] == 2


def test_facts_survive_the_journal_round_trip(event: Analysis) -> None:
    facts = outlet_facts(event)[0]
    assert OutletFacts.from_dict(asdict(facts)) == facts


def _many_events() -> list[tuple[OutletFacts, ...]]:
    """Fox uses "illegal" in each of five events, NYT "undocumented": a clear vocabulary difference."""
    fox = OutletFacts("Fox", 1, 0, {"illegal": 3, "border": 1}, {}, {"NYT": 0.4})
    nyt = OutletFacts("NYT", 1, 1, {"undocumented": 3, "border": 1}, {}, {"Fox": 0.4})
    return [(fox, nyt)] * 5


def test_pooled_distinctive_words_use_the_log_odds_of_the_pooled_counts() -> None:
    rows = {row.outlet: row for row in outlet_table(_many_events())}
    assert rows["Fox"].distinctive[0].word == "illegal"
    assert rows["Fox"].distinctive[0].count == 15
    assert rows["Fox"].word_events["illegal"] == 5
    assert "border" not in {w.word for w in rows["Fox"].distinctive}


def test_csv_has_one_figure_per_row_with_its_event_count(event: Analysis) -> None:
    rows = outlet_table([outlet_facts(event)])
    table = list(csv.DictReader(io.StringIO(render_outlets_csv(rows))))
    assert tuple(table[0]) == CSV_COLUMNS
    hpo = next(r for r in table if r["outlet"] == "HPO" and r["figure"] == "omission_rate")
    assert (float(hpo["value"]), int(hpo["n"]), int(hpo["events"])) == (0.5, 2, 1)
    labels = [r for r in table if r["outlet"] == "Fox" and r["figure"] == "label"]
    assert {"terrorist: militant", "freedom fighter: rebel"} <= {r["item"] for r in labels}
    assert {r["figure"] for r in table} >= {"omission_rate", "label", "divergence"}


def test_html_page_shows_every_outlet_and_escapes_names() -> None:
    fox, nyt = _many_events()[0]
    facts = [(replace(fox, outlet="<Fox>"), nyt)] * 5
    page = render_outlets_html(outlet_table(facts), events=5, failed=1, title="Outlets")
    assert "&lt;Fox&gt;" in page and "<Fox>" not in page
    assert "5 events analysed (1 failed and left out)" in page
    assert "illegal · z " in page
