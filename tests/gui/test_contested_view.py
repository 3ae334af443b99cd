"""Contested links in the window: dashed bands, F9 stepping, both sides set against each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest import read_path
from reader.core.model import LinkKind
from reader.core.pipeline import analyse
from reader.core.settings import Settings
from reader.gui.comparisonview import ComparisonView
from reader.gui.detailpane import DetailPane

pytestmark = pytest.mark.gui
PROTEST = Path(__file__).resolve().parents[1] / "data" / "contested" / "protest"


@pytest.fixture(scope="module")
def analysis(encoder):
    paths = sorted(PROTEST.glob("*.txt"))
    return analyse([read_path(p, label=p.stem) for p in paths], Settings(), encoder)


@pytest.fixture
def view(qtbot, analysis):
    widget = ComparisonView()
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    widget.set_analysis(analysis)
    qtbot.waitExposed(widget)
    return widget


def test_next_contested_selects_both_sides_and_wraps_around(view, analysis, qtbot):
    index = view.index
    assert index is not None and index.ordered_contested
    with qtbot.waitSignal(view.contested_selected) as signal:
        view.next_contested()
    link = analysis.alignment.links[signal.args[0]]
    assert link.kind is LinkKind.CONTESTED and view.selected_contested == signal.args[0]
    assert view.selected_group == -1
    for ref in (link.a, link.b):
        assert view.panes[ref.doc].selected_sentences == [ref.sent]
    for _ in index.ordered_contested:
        view.next_contested()
    assert view.selected_contested == signal.args[0]
    view.previous_contested()
    assert view.selected_contested == index.ordered_contested[-1]


def test_contested_bands_are_drawn_apart_and_the_selected_one_stronger(view):
    view.next_contested()
    bands = [b for link_map in view.maps for b in link_map.bands()]
    contested = [b for b in bands if b.contested]
    assert contested and any(not b.contested for b in bands)
    assert [b.link for b in contested if b.selected] == [view.selected_contested]


def test_detail_pane_sets_the_two_sides_against_each_other(qtbot, analysis, view):
    view.next_contested()
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_contested(analysis, view.selected_contested)
    text = pane.browser.toPlainText()
    assert pane.title.text().count("Contested 1 of") == 1
    assert "How they diverge" in text and "demands" in text and "refuses" in text
