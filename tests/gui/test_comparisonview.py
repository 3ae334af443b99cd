"""The columns together: selection across columns, navigation order, filter, synchronised scrolling."""

from __future__ import annotations

import pytest
from helpers.builders import make_analysis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from reader.core.model import Document, SentenceRef
from reader.core.pipeline import analyse
from reader.core.settings import Settings
from reader.gui import style
from reader.gui.comparisonview import ComparisonView

pytestmark = pytest.mark.gui

A = "Rebels took the town. The mayor fled. Shops stayed shut. Rain fell all day."
B = "Fighters seized the town. The mayor fled. Shops stayed shut. Schools closed early."
C = "The town fell to rebels. The mayor escaped at dawn. Shops stayed shut."
# groups (reading order): 0 "took the town" (divergent wording), 1 "mayor fled" (C words it apart),
# 2 "shops" (identical everywhere: not a difference); unique: A3, B3
PAIRS = [
    ((0, 0), (1, 0), 0.7), ((1, 0), (2, 0), 0.72),
    ((0, 1), (1, 1), 1.0), ((1, 1), (2, 1), 0.7),
    ((0, 2), (1, 2), 1.0), ((1, 2), (2, 2), 1.0),
]


@pytest.fixture
def analysis():
    return make_analysis([("A", A), ("B", B), ("C", C)], PAIRS)


@pytest.fixture
def view(qtbot, analysis):
    widget = ComparisonView()
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    widget.set_analysis(analysis)
    return widget


def _group_of(analysis, doc, sent):
    ref = SentenceRef(doc, sent)
    return next(g for g, group in enumerate(analysis.alignment.groups) if ref in group.members)


def test_analysis_makes_one_column_per_source_and_maps_between(view):
    assert [p.header.text().split("<br>")[0] for p in view.panes] == ["<b>A</b>", "<b>B</b>", "<b>C</b>"]
    assert len(view.maps) == 2


def test_select_group_selects_counterparts_in_every_column(qtbot, view, analysis):
    group = _group_of(analysis, 0, 1)
    with qtbot.waitSignal(view.group_selected) as blocker:
        view.select_group(group)
    assert blocker.args == [group]
    assert [p.selected_sentences for p in view.panes] == [[1], [1], [1]]


def test_clicking_a_sentence_selects_its_claim_in_the_other_columns(qtbot, view, analysis):
    pane = view.panes[2]
    point = pane.view.position_rect(C.index("escaped")).center()
    with qtbot.waitSignal(view.group_selected) as blocker:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [_group_of(analysis, 2, 1)]
    assert view.panes[0].selected_sentences == [1]
    assert view.panes[1].selected_sentences == [1]


def test_next_difference_walks_divergent_claims_in_reading_order(view, analysis):
    visited = []
    for _ in range(3):
        view.next_difference()
        visited.append(view.selected_group)
    first, second = _group_of(analysis, 0, 0), _group_of(analysis, 0, 1)
    assert visited == [first, second, second]  # the identical claim is skipped; the walk stops at the end
    view.previous_difference()
    assert view.selected_group == first


def test_next_unique_visits_each_unique_sentence(qtbot, view):
    with qtbot.waitSignal(view.unique_selected) as blocker:
        view.next_unique()
    assert blocker.args == [0, 3]
    assert view.selected_unique == SentenceRef(0, 3)
    assert view.panes[0].selected_sentences == [3]
    view.next_unique()
    assert view.selected_unique == SentenceRef(1, 3)
    assert view.panes[0].selected_sentences == []
    assert view.selected_group == -1


def test_only_differences_fades_claims_told_alike(view):
    view.set_only_differences(True)
    assert [p.dimmed_sentences for p in view.panes] == [[2], [2], [2]]
    view.set_only_differences(False)
    assert [p.dimmed_sentences for p in view.panes] == [[], [], []]


def test_set_sources_shows_waiting_columns(view):
    view.set_sources(["one", "two"], ["raw text", ""])
    assert len(view.panes) == 2
    assert "analysing" in view.panes[0].header.text()
    assert view.panes[0].view.toPlainText() == "raw text"
    assert view.selected_group == -1


def test_many_sources_scroll_horizontally(qtbot):
    articles = [(f"S{i}", "The town fell. The mayor fled.") for i in range(6)]
    pairs = [((i, 0), (i + 1, 0), 0.9) for i in range(5)]
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    view.set_analysis(make_analysis(articles, pairs))
    scroll_bar = view.findChild(QScrollArea).horizontalScrollBar()
    qtbot.waitUntil(lambda: scroll_bar.maximum() > 0)
    assert all(p.width() >= 300 for p in view.panes)


def _long_pair():
    """Two articles telling 30 claims alike; the second adds an aside after every third claim."""
    left = [f"Claim number {i} was reported by the wire service today." for i in range(30)]
    right, pairs = [], []
    for i, sentence in enumerate(left):
        pairs.append(((0, i), (1, len(right)), 0.9))
        right.append(sentence)
        if i % 3 == 2:
            right.append(f"An aside number {i} that only the second source prints here.")
    return make_analysis([("L", "\n\n".join(left)), ("R", "\n\n".join(right))], pairs)


def _sync_view(qtbot):
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.set_analysis(_long_pair())
    qtbot.waitUntil(lambda: view.panes[0].view.verticalScrollBar().maximum() > 0)
    return view


def test_synchronised_scrolling_keeps_the_same_claim_in_view(qtbot):
    view = _sync_view(qtbot)
    left, right = view.panes
    left.scroll_sentence_to(20, 0)
    y = int(left.view.viewport().height() / 3)
    claim = left.sentence_at_y(y)
    counterpart = view.index.members_in(view.index.group_of(SentenceRef(0, claim)), 1)[0].sent
    top, bottom = right.sentence_extent(counterpart)
    assert top - 2 <= y <= bottom + 2


def test_synchronised_scrolling_can_be_switched_off(qtbot):
    view = _sync_view(qtbot)
    view.set_sync_scroll(False)
    view.panes[0].scroll_sentence_to(20, 0)
    assert view.panes[1].view.verticalScrollBar().value() == 0


def test_realigning_the_same_texts_keeps_the_reading_position(qtbot):
    view = _sync_view(qtbot)
    view.panes[0].scroll_sentence_to(20, 0)
    before = [p.view.verticalScrollBar().value() for p in view.panes]
    view.set_analysis(_long_pair())
    assert [p.view.verticalScrollBar().value() for p in view.panes] == before


def test_real_analysis_lights_the_diverging_word_and_links_the_claim(qtbot, encoder):
    fox = "Hamas terrorists killed 40 people in the village on Monday. The weather stayed sunny all week."
    nyt = "Hamas militants killed 40 people in the village on Monday. Markets in the capital closed early."
    analysis = analyse([Document("Fox", fox), Document("NYT", nyt)], Settings(), encoder)
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    view.set_analysis(analysis)
    left = view.panes[0]
    changed = style.theme_for(left).changed_word
    assert left.char_format_at(fox.index("terrorists")).background().color() == changed
    point = left.view.position_rect(fox.index("village")).center()
    qtbot.mouseClick(left.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.panes[1].selected_sentences == [0]


def test_edge_cases_show_without_errors(qtbot):
    view = ComparisonView()
    qtbot.addWidget(view)
    view.show()
    for articles in ([("only", "One sentence.")], [("empty", ""), ("blank", "   ")], []):
        view.set_analysis(make_analysis(articles, []))
        view.next_difference()
        view.next_unique()
        view.set_only_differences(True)
        assert len(view.panes) == len(articles)
        assert len(view.maps) == max(len(articles) - 1, 0)
    view.set_analysis(None)
    assert view.panes == []


def _sparse_view(qtbot, copies=0):
    """L tells 30 claims; S tells every fifth of them between asides of its own; each copy tells all."""
    left = [f"Claim number {i} was reported by the wire service today." for i in range(30)]
    sparse = [f"Claim number {i} was reported by the wire service today." if i % 5 == 0 else
              f"A local aside number {i} that nobody else prints." for i in range(30)]
    pairs = [((0, i), (1, i), 0.9) for i in range(0, 30, 5)]
    pairs += [((0, i), (2 + c, i), 0.9) for c in range(copies) for i in range(30)]
    articles = [("L", "\n\n".join(left)), ("S", "\n\n".join(sparse))]
    articles += [(f"C{c}", "\n\n".join(left)) for c in range(copies)]
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.show()
    view.set_analysis(make_analysis(articles, pairs))
    qtbot.waitUntil(lambda: view.panes[0].view.verticalScrollBar().maximum() > 0)
    return view


def test_a_column_without_the_claim_follows_the_next_claim_it_shares(qtbot):
    leader, follower = _sparse_view(qtbot).panes
    leader.scroll_sentence_to(12, int(leader.view.viewport().height() / 3))
    assert follower.sentence_extent(15)[0] == pytest.approx(leader.sentence_extent(15)[0], abs=2)


def test_selecting_a_claim_one_column_lacks_lines_that_column_up_on_the_next_shared_claim(qtbot):
    view = _sparse_view(qtbot, copies=1)
    left, sparse, copy = view.panes
    view.select_group(view.index.group_of(SentenceRef(0, 12)))
    assert copy.sentence_extent(12)[0] == left.sentence_extent(12)[0]
    assert sparse.sentence_extent(15)[0] == pytest.approx(left.sentence_extent(15)[0], abs=2)


def test_realigning_keeps_the_selected_claim_when_it_survives(qtbot, view):
    view.select_group(_group_of(view.index.analysis, 0, 1))
    fewer = make_analysis([("A", A), ("B", B), ("C", C)], PAIRS[2:])  # a stricter threshold drops claim 0
    with qtbot.waitSignal(view.group_selected) as blocker:
        view.set_analysis(fewer)
    assert blocker.args == [_group_of(fewer, 0, 1)]
    assert [p.selected_sentences for p in view.panes] == [[1], [1], [1]]
    view.set_analysis(make_analysis([("A", A), ("B", B), ("C", C)], PAIRS[4:]))
    assert view.selected_group == -1


def test_a_claim_near_the_top_of_one_article_is_still_level_in_every_column(qtbot):
    claims = [f"Claim number {i} was reported by the wire service today." for i in range(30)]
    asides = [f"An aside number {i} that only the second source prints here." for i in range(20)]
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    view.set_analysis(make_analysis(
        [("L", "\n\n".join(claims)), ("R", "\n\n".join(asides + claims))], [((0, 0), (1, 20), 0.9)]
    ))
    left, right = view.panes
    view.select_group(0)  # L's first sentence cannot come down to the anchor line
    assert left.view.verticalScrollBar().value() == 0
    assert right.sentence_extent(20)[0] == left.sentence_extent(0)[0]
