"""The link map: one band per link in the visible range, placed at both sentences, selection stronger."""

from __future__ import annotations

import sys

import pytest
from helpers.builders import make_analysis
from PySide6.QtCore import QPoint, Qt

from reader.core.model import SentenceRef
from reader.gui import style
from reader.gui.comparisonview import ComparisonView

pytestmark = pytest.mark.gui


def _view(qtbot, analysis, height=400):
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(900, height)
    view.show()
    view.set_analysis(analysis)
    qtbot.waitExposed(view)
    return view


def _long_analysis(claims=40):
    text = "\n\n".join(f"Claim {i} was told by the wire service on the record today." for i in range(claims))
    return make_analysis([("L", text), ("R", text)], [((0, i), (1, i), 0.9) for i in range(claims)])


def test_every_link_of_a_short_pair_gets_a_band(qtbot):
    analysis = make_analysis(
        [("L", "The town fell. The mayor fled. Rain fell."), ("R", "The mayor fled. The town fell.")],
        [((0, 0), (1, 1), 0.9), ((0, 1), (1, 0), 0.6)],
    )
    bands = _view(qtbot, analysis).maps[0].bands()
    assert sorted(b.link for b in bands) == [0, 1]
    crossing = {b.link: b for b in bands}
    assert crossing[0].left_top < crossing[1].left_top  # "town" is first on the left …
    assert crossing[0].right_top > crossing[1].right_top  # … and second on the right
    assert crossing[1].divergence == pytest.approx(0.4)


def test_only_links_in_the_visible_range_get_bands(qtbot):
    view = _view(qtbot, _long_analysis(), height=300)
    link_map, left = view.maps[0], view.panes[0]
    visible = [i for i in range(left.sentence_count()) if _visible(left, i)]
    assert 0 < len(visible) < 40
    assert sorted(b.link for b in link_map.bands()) == visible
    left.view.verticalScrollBar().setValue(left.view.verticalScrollBar().maximum())
    assert max(b.link for b in link_map.bands()) == 39


def _visible(pane, sent):
    top, bottom = pane.sentence_extent(sent)
    return bottom >= 0 and top <= pane.view.viewport().height()


def test_selected_claim_bands_are_flagged_and_stronger(qtbot):
    view = _view(qtbot, _long_analysis(5))
    view.select_group(view.index.group_of(SentenceRef(0, 2)))
    selected = [b.link for b in view.maps[0].bands() if b.selected]
    assert selected == [2]
    assert style.band_colour(0.1, selected=True).alphaF() > style.band_colour(0.1).alphaF()


def test_painting_bands_keeps_the_interpreter_alive(qtbot):
    """PySide6 6.12.0 on Python 3.11 lost a reference to None per void call; painting makes many."""
    view = _view(qtbot, _long_analysis(10))
    before = sys.getrefcount(None)
    for _ in range(20):
        view.maps[0].repaint()
    assert sys.getrefcount(None) >= before - 50


def test_band_colour_steps_from_alike_to_divergent():
    colours = [style.band_colour(d).name().upper() for d in (0.0, 0.1, 0.2, 0.5, 1.0)]
    assert colours == [style.SKY_BLUE, style.SKY_BLUE, style.ORANGE, style.VERMILLION, style.VERMILLION]


def test_clicking_a_band_selects_its_claim(qtbot):
    view = _view(qtbot, _long_analysis(5))
    link_map = view.maps[0]
    band = next(b for b in link_map.bands() if b.link == 3)
    middle = (band.left_top + band.left_bottom + band.right_top + band.right_bottom) // 4
    with qtbot.waitSignal(view.group_selected) as blocker:
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=QPoint(link_map.width() // 2, middle))
    assert blocker.args == [view.index.group_of(SentenceRef(0, 3))]
    assert link_map.tooltip_for(3) == "L ↔ R: similarity 0.90. Click to select this claim."


def test_a_band_crossing_the_view_from_above_to_below_is_drawn(qtbot):
    text = "\n\n".join(f"Claim {i} was told by the wire service on the record today." for i in range(40))
    analysis = make_analysis([("L", text), ("R", text)], [((0, 0), (1, 39), 0.6)])
    view = _view(qtbot, analysis, height=300)
    view.set_sync_scroll(False)
    left, right = view.panes
    left.scroll_sentence_to(20, 0)
    right.scroll_sentence_to(20, 0)
    assert left.sentence_extent(0)[1] < 0 < right.view.viewport().height() < right.sentence_extent(39)[0]
    assert [b.link for b in view.maps[0].bands()] == [0]
