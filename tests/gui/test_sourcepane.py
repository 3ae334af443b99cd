"""A source column: highlight formats on the expected words, margin bars, tooltips, clicks."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.builders import make_analysis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette

from reader.core.framing.report import FramingKind, FramingMark, FramingReport
from reader.core.lookup import AnalysisIndex
from reader.core.model import Role, SentenceRef
from reader.gui import style
from reader.gui.sourcepane import SourcePane

pytestmark = pytest.mark.gui

FOX = "Hamas terrorists killed 40 people. Residents fled overnight.\n\nPhoto: the border crossing."
NYT = "Hamas militants killed 40 people. Aid groups warned of a crisis."


@pytest.fixture
def analysis():
    return make_analysis(
        [("Fox", FOX), ("NYT", NYT)], [((0, 0), (1, 0), 0.8)], roles=[{2: Role.CAPTION}]
    )


@pytest.fixture
def pane(qtbot, analysis):
    widget = SourcePane(0)
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    widget.set_document(analysis.documents[0], AnalysisIndex(analysis))
    return widget


def test_changed_word_is_highlighted_and_shared_words_only_tinted(pane):
    theme = style.theme_for(pane)
    assert pane.char_format_at(FOX.index("terrorists")).background().color() == theme.changed_word
    assert pane.char_format_at(FOX.index("killed")).background().color() == theme.group_tint


def test_unique_sentence_is_tinted_and_barred(pane):
    theme = style.theme_for(pane)
    start = FOX.index("Residents")
    assert pane.char_format_at(start).background().color() == theme.unique_tint
    assert (1, theme.unique_bar) in pane.view.bars
    marker = next(m for m in pane.overview.markers if m.colour == theme.unique_bar)
    top, bottom = pane.sentence_extent(1)
    height = pane.view.document_height()
    assert marker.top == pytest.approx(top / height) and marker.bottom == pytest.approx(bottom / height)


def test_caption_is_dimmed(pane):
    fmt = pane.char_format_at(FOX.index("border"))
    assert fmt.foreground().color() == style.theme_for(pane).dimmed_text
    assert fmt.fontItalic()


def test_title_stands_out(qtbot):
    analysis = make_analysis([("A", "Town falls.\n\nThe town fell."), ("B", "The town fell.")],
                             [((0, 1), (1, 0), 1.0)], roles=[{0: Role.TITLE}])
    pane = SourcePane(0)
    qtbot.addWidget(pane)
    pane.set_document(analysis.documents[0], AnalysisIndex(analysis))
    assert pane.char_format_at(0).fontWeight() == QFont.Weight.Bold
    assert not pane.char_format_at(0).fontItalic()


def test_framing_mark_is_underlined_and_explained(qtbot, analysis):
    mark = FramingMark(0, FramingKind.LABEL, SentenceRef(0, 0), 6, 16, "terrorists", "militants", "Fox says…")
    framed = replace(analysis, framing=FramingReport((mark,), (), (), {}))
    pane = SourcePane(0)
    qtbot.addWidget(pane)
    pane.set_document(framed.documents[0], AnalysisIndex(framed))
    fmt = pane.char_format_at(FOX.index("terrorists"))
    assert fmt.underlineStyle() == style.framing_format(FramingKind.LABEL).underlineStyle()
    assert fmt.underlineColor() == style.framing_colour(FramingKind.LABEL)
    assert pane.tooltip_at(FOX.index("terrorists")) == "Label: Fox says…"
    assert pane.char_format_at(FOX.index("killed")).underlineStyle() == fmt.UnderlineStyle.NoUnderline


def test_click_on_a_sentence_names_it(qtbot, pane):
    point = pane.view.position_rect(FOX.index("overnight")).center()
    with qtbot.waitSignal(pane.sentence_clicked) as blocker:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [0, 1]


def test_selection_marks_sentence_in_margin_and_overview(pane):
    pane.set_selected([0])
    theme = style.theme_for(pane)
    assert pane.selected_sentences == [0]
    assert any(colour == theme.selected_bar for *_, colour in pane.view.bars)
    assert any(m.colour == theme.selected_bar for m in pane.overview.markers)


def test_characters_beyond_the_basic_plane_keep_highlights_aligned(qtbot):
    text = "🙂 Hamas terrorists killed 40 people."
    other = "Hamas militants killed 40 people."
    analysis = make_analysis([("A", text), ("B", other)], [((0, 0), (1, 0), 0.8)])
    pane = SourcePane(0)
    qtbot.addWidget(pane)
    pane.set_document(analysis.documents[0], AnalysisIndex(analysis))
    changed = style.theme_for(pane).changed_word
    assert pane.char_format_at(text.index("terrorists")).background().color() == changed
    assert pane.char_format_at(text.index("killed")).background().color() != changed


def test_clicking_the_overview_scrolls_there(qtbot):
    text = "\n\n".join(f"Sentence number {i} of a long article." for i in range(80))
    short = "Sentence number 3 of a long article."
    analysis = make_analysis([("A", text), ("B", short)], [((0, 3), (1, 0), 0.9)])
    pane = SourcePane(0)
    qtbot.addWidget(pane)
    pane.resize(400, 300)
    pane.show()
    pane.set_document(analysis.documents[0], AnalysisIndex(analysis))
    bar = pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.mouseClick(pane.overview, Qt.MouseButton.LeftButton, pos=pane.overview.rect().center())
    assert 0 < bar.value() < bar.maximum()
    middle = pane.sentence_at_y(pane.view.viewport().height() // 2)
    assert 30 <= middle <= 50


def test_a_dark_palette_recolours_the_highlights(pane):
    pane.set_selected([0])
    pane.resize(200, 60)
    pane.view.verticalScrollBar().setValue(pane.view.verticalScrollBar().maximum())
    scrolled = pane.view.verticalScrollBar().value()
    dark = pane.palette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    pane.setPalette(dark)
    assert pane.char_format_at(FOX.index("terrorists")).background().color() == style.DARK.changed_word
    assert pane.selected_sentences == [0]
    assert scrolled > 0 and pane.view.verticalScrollBar().value() == scrolled
