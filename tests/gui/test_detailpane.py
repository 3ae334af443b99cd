"""The detail pane: each source's version of the selected claim, its inline diff, scores and framing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers.builders import make_analysis
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.core.framing.report import Divergence, FramingKind, FramingMark, FramingReport
from reader.core.model import SentenceRef
from reader.gui.detailpane import HINT, DetailPane

pytestmark = pytest.mark.gui

FOX = "Hamas terrorists killed 40 people."
NYT = "Hamas militants killed 40 people."
HPO = "Rain fell all day."


@pytest.fixture
def analysis():
    mark = FramingMark(0, FramingKind.LABEL, SentenceRef(0, 0), 6, 16, "terrorists", "militants", "Loaded.")
    base = make_analysis([("Fox", FOX), ("NYT", NYT), ("HPO", HPO)], [((0, 0), (1, 0), 0.83)])
    return replace(base, framing=FramingReport((mark,), (), (), {}))


@pytest.fixture
def pane(qtbot):
    widget = DetailPane()
    qtbot.addWidget(widget)
    return widget


def _text_without_struck_words(pane):
    """The pane's text as read when the struck-through (compared source's) words are skipped."""
    pieces, block = [], pane.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if not fragment.charFormat().fontStrikeOut():
                pieces.append(fragment.text())
            iterator += 1
        pieces.append("\n")
        block = block.next()
    return "".join(pieces)


def test_lists_each_sources_version_with_scores(pane, analysis):
    pane.show_group(analysis, 0)
    text = _text_without_struck_words(pane)
    assert text.index("Fox") < text.index(FOX) < text.index("NYT") < text.index(NYT)
    assert "similarity 0.83" in text
    assert "Not reported by: HPO" in text
    assert "told by 2 of 3 sources" in pane.title.text()


def _format_of(pane, word, after):
    document = pane.browser.document()
    found = document.find(word, document.find(after).position())
    cursor = QTextCursor(document)
    cursor.setPosition(found.selectionStart() + 1)
    return cursor.charFormat()


def test_inline_diff_strikes_the_compared_word_and_lights_its_own(pane, analysis):
    pane.show_group(analysis, 0)
    assert _format_of(pane, "terrorists", "vs Fox").fontStrikeOut()
    own = _format_of(pane, "militants", "vs Fox")
    assert not own.fontStrikeOut() and own.background().style() != Qt.BrushStyle.NoBrush
    shared = _format_of(pane, "killed", "vs Fox")
    assert not shared.fontStrikeOut() and shared.background().style() == Qt.BrushStyle.NoBrush


def test_framing_marks_are_explained(pane, analysis):
    pane.show_group(analysis, 0)
    assert "Loaded." in pane.browser.toPlainText()


def test_the_claims_divergence_is_explained(pane, analysis):
    framing = replace(analysis.framing, group_divergence=(Divergence(0.4, "1 label swap."),))
    pane.show_group(replace(analysis, framing=framing), 0)
    assert "divergence 0.40" in pane.title.text() and "1 label swap." in pane.title.text()


def test_a_unique_sentence_is_shown_with_who_left_it_out(pane, analysis):
    pane.show_sentence(analysis, SentenceRef(2, 0))
    assert "Only HPO reports this" in pane.title.text()
    text = pane.browser.toPlainText()
    assert HPO in text and "Not reported by: Fox, NYT" in text


def test_no_group_shows_the_hint(pane, analysis):
    pane.show_group(analysis, 0)
    pane.show_group(analysis, -1)
    assert pane.title.text() == HINT
    assert pane.browser.toPlainText() == ""


def test_a_wide_pane_puts_the_versions_side_by_side(pane, analysis):
    pane.show()
    pane.resize(1200, 200)
    pane.show_group(analysis, 0)
    assert pane.side_by_side
    assert pane.browser.document().rootFrame().childFrames()  # the table of versions
    pane.resize(400, 600)
    assert not pane.side_by_side
    assert not pane.browser.document().rootFrame().childFrames()


def test_a_rewrite_is_shown_plain_without_struck_words(pane):
    rewrite = "Officials in the capital counted forty dead after the raid."
    analysis = make_analysis([("Fox", FOX), ("AP", rewrite)], [((0, 0), (1, 0), 0.8)])
    pane.show_group(analysis, 0)
    plain = pane.browser.toPlainText()
    assert "told in other words" in plain
    assert rewrite in _text_without_struck_words(pane)
    assert FOX in plain


def test_each_version_says_in_words_how_clear_its_match_is(pane, analysis):
    pane.show_group(analysis, 0)
    text = pane.browser.toPlainText()
    margin = analysis.alignment.links[0].margin
    expected = "clear match" if margin >= 0.1 else "close call" if margin >= 0 else "a closer match elsewhere"
    assert expected in text
    assert "margin" not in text


def test_names_the_signals_that_made_the_link(pane, analysis):
    link = replace(analysis.alignment.links[0], signals=("same speaker", "same number"))
    linked = replace(analysis, alignment=replace(analysis.alignment, links=(link,)))
    pane.show_group(linked, 0)
    assert "linked by same speaker, same number" in pane.browser.toPlainText()
