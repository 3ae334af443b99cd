"""The text formats of one column: what the analysis says about each sentence, as character formats.

Permanent formats (claim tint, changed words, framing underlines, unique tint, dimmed captions) are
merged into the document once; the selection and the "only differences" fading are overlays (extra
selections) that change without touching the document.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.core.lookup import AnalysisIndex
from reader.core.model import Role, SegmentedDocument, SentenceRef
from reader.gui import style
from reader.gui.articleview import ArticleView, TextPositions


class Highlighter:
    """Formats for document ``doc`` of an analysis, shown in ``view``."""

    def __init__(
        self,
        view: ArticleView,
        positions: TextPositions,
        segmented: SegmentedDocument,
        index: AnalysisIndex,
        doc: int,
    ) -> None:
        self.view, self.positions = view, positions
        self.segmented, self.index, self.doc = segmented, index, doc

    def apply(self, theme: style.Theme) -> None:
        """Merge every permanent format into the document (one re-layout) and set the underlines."""
        batch = QTextCursor(self.view.document())
        batch.beginEditBlock()
        underlines = []
        for i, sentence in enumerate(self.segmented.sentences):
            self._merge(sentence.start, sentence.end, self._sentence_format(i, theme))
            for a, b in self.index.changed_spans(SentenceRef(self.doc, i)):
                self._merge(sentence.start + a, sentence.start + b, style.changed_word_format(theme))
            for mark in self.index.marks_of(SentenceRef(self.doc, i)):
                start, end = sentence.start + mark.start, sentence.start + mark.end
                self._merge(start, end, style.framing_format(mark.kind))
                span = (self.positions.position(start), self.positions.position(end))
                underlines.append((*span, style.framing_pen(mark.kind)))
        batch.endEditBlock()
        self.view.set_underlines(underlines)

    def _sentence_format(self, sent: int, theme: style.Theme) -> QTextCharFormat:
        sentence, ref = self.segmented.sentences[sent], SentenceRef(self.doc, sent)
        if sentence.role is Role.TITLE:
            return style.title_format()
        if not sentence.is_body:
            return style.dimmed_format(theme)
        if ref in self.index.unique:
            return style.background_format(theme.unique_tint)
        if self.index.group_of(ref) >= 0:
            return style.background_format(theme.group_tint)
        return QTextCharFormat()

    def cursor(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting string indices ``start``–``end``."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.positions.position(start))
        cursor.setPosition(self.positions.position(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _merge(self, start: int, end: int, fmt: QTextCharFormat) -> None:
        self.cursor(start, end).mergeCharFormat(fmt)

    def overlays(
        self, theme: style.Theme, selected: list[int], dimmed: list[int]
    ) -> list[QTextEdit.ExtraSelection]:
        """Faded sentences, then the selected ones with their changed words lit again on top."""
        sentences = self.segmented.sentences
        faded = style.faded_format(theme)
        result = [self._overlay(sentences[i].start, sentences[i].end, faded) for i in dimmed]
        changed, chosen = style.changed_word_format(theme), style.background_format(theme.selected_tint)
        for i in selected:
            start = sentences[i].start
            result.append(self._overlay(start, sentences[i].end, chosen))
            for a, b in self.index.changed_spans(SentenceRef(self.doc, i)):
                result.append(self._overlay(start + a, start + b, changed))
        return result

    def found(self, spans: list[tuple[int, int]], current: int) -> list[QTextEdit.ExtraSelection]:
        """The matches of a find (string-index spans), ``current`` (an index into ``spans``) marked apart."""
        return [self._overlay(a, b, style.found_format(k == current)) for k, (a, b) in enumerate(spans)]

    def _overlay(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self.cursor(start, end)
        selection.format = fmt
        return selection
