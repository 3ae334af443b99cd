"""The Overview dock on nine sources: grid, matrix and labels as tables; clicks navigate the columns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.framing.report import Speech
from reader.core.model import SentenceRef
from reader.core.overview import HEADLINE_ROW, CellState
from reader.gui.comparisonview import ComparisonView
from reader.gui.overviewpane import LEFT_OUT_COLOUR, OverviewPane

pytestmark = pytest.mark.gui


@pytest.fixture
def pane(qtbot, outlets):
    widget = OverviewPane()
    qtbot.addWidget(widget)
    widget.set_analysis(outlets)
    widget.resize(900, 400)
    widget.show()
    return widget


def _click(qtbot, view, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_grid_shows_positions_left_out_cells_and_short_headers(pane, outlets):
    model = pane.grid_model
    assert model.rowCount() == len(outlets.alignment.groups) and model.columnCount() == 10  # no headline row
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Capital"
    assert model.headerData(0, Qt.Orientation.Vertical) == str(model.rows[0].group + 1)
    texts = {model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(1, 10)}
    assert {"headline", "lede", "—"} <= texts
    row, column = next(
        (r, d + 1) for r, grid_row in enumerate(model.rows) for d, cell in enumerate(grid_row.cells)
        if cell.state is CellState.LEFT_OUT
    )
    assert model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole) == LEFT_OUT_COLOUR
    assert "does not report" in model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)


def test_a_grid_click_asks_for_that_sources_sentence(qtbot, pane, outlets):
    row = next(r for r, grid_row in enumerate(pane.grid_model.rows) if grid_row.group != HEADLINE_ROW)
    cell = pane.grid_model.rows[row].cells[2]
    with qtbot.waitSignal(pane.claim_requested) as signal:
        _click(qtbot, pane.grid, row, 3)
    group, doc, sent = signal.args
    assert group == pane.grid_model.rows[row].group
    assert (doc, sent) == ((cell.refs[0].doc, cell.refs[0].sent) if cell.refs else (2, -1))


def test_matrix_cells_ask_for_the_pair(qtbot, pane):
    pane.setCurrentWidget(pane.matrix)
    assert pane.matrix_model.data(pane.matrix_model.index(0, 0)) is None
    with qtbot.waitSignal(pane.pair_requested) as signal:
        _click(qtbot, pane.matrix, 1, 4)
    assert signal.args == [1, 4]


def test_labels_keep_own_words_and_quotes_apart_and_step_through_mentions(qtbot, pane, outlets):
    pane.setCurrentWidget(pane.labels)
    model = pane.labels_model
    northgate = next(d for d, s in enumerate(outlets.documents) if s.document.label == "Northgate post")
    assert model.rowCount() == 9
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Hamas: own words"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Hamas: in quotes"
    assert "terror group" in model.data(model.index(northgate, 0))
    harbor = next(d for d, s in enumerate(outlets.documents) if s.document.label == "Harbor times")
    assert "terror" not in model.data(model.index(harbor, 0))
    assert "Hamas terrorists" in model.data(model.index(harbor, 1))
    seen = []
    for _ in range(2):
        with qtbot.waitSignal(pane.mention_requested) as signal:
            _click(qtbot, pane.labels, northgate, 0)
        seen.append(tuple(signal.args))
    hamas = outlets.framing.referents[0]
    own = [(m.doc, m.sentence, m.start, m.end) for m in hamas.mentions if m.voice is Speech.OWN]
    assert seen[0] != seen[1] and set(seen) <= set(own)


def test_revealing_a_mention_selects_its_claim_and_marks_its_words(qtbot, outlets):
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    view.set_analysis(outlets)
    hamas = outlets.framing.referents[0]
    mention = next(m for m in hamas.mentions if view.index.group_of(SentenceRef(m.doc, m.sentence)) >= 0)
    view.reveal_mention(mention.doc, mention.sentence, mention.start, mention.end)
    assert view.selected_group == view.index.group_of(SentenceRef(mention.doc, mention.sentence))
    assert view.panes[mention.doc].text[mention.start : mention.end] == mention.text
    assert view.found_sources() == 1  # the mention's words are lit as the current find

