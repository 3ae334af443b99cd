"""One read-only column: a source's article, its claims tinted, changed words lit, framing underlined."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from reader.core.lookup import AnalysisIndex
from reader.core.model import SegmentedDocument, SentenceRef
from reader.gui import style
from reader.gui.articleview import ANCHOR_HEIGHT, BAR_WIDTH, ArticleView, TextPositions
from reader.gui.highlighter import Highlighter
from reader.gui.overview import Marker, OverviewStrip


class SourcePane(QWidget):
    """A header (label, outlet, date), the article, and its overview strip."""

    sentence_clicked = Signal(int, int)  # doc, sentence (-1 between sentences)
    scrolled = Signal()

    def __init__(self, doc: int, label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(6, 2, 6, 2)
        self.view = ArticleView()
        self.overview = OverviewStrip()
        self._segmented: SegmentedDocument | None = None
        self._index: AnalysisIndex | None = None
        self._highlighter: Highlighter | None = None
        self._positions = TextPositions("")
        self._starts: list[int] = []
        self._selected: list[int] = []
        self._dimmed: list[int] = []
        self._found: list[tuple[int, int]] = []
        self._current_found = -1
        self._layout_widgets()
        self._connect()
        self.set_header(label)

    def _layout_widgets(self) -> None:
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.view, 1)
        body.addWidget(self.overview)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addLayout(body, 1)

    def _connect(self) -> None:
        self.view.clicked.connect(self._on_clicked)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.view.verticalScrollBar().rangeChanged.connect(self._show_view_in_overview)
        self.overview.jump_to.connect(self.scroll_to_fraction)
        self.view.viewport().installEventFilter(self)

    def set_header(self, label: str, outlet: str = "", date: str = "", note: str = "") -> None:
        """Show the source label in bold with its outlet, date and a note below."""
        details = " · ".join(part for part in (outlet, date, note) if part)
        self.header.setText(f"<b>{escape(label)}</b><br><small>{escape(details) or '&nbsp;'}</small>")

    def set_placeholder(self, label: str, text: str = "") -> None:
        """An empty column (or the raw text) while the analysis runs."""
        self._segmented, self._index, self._highlighter, self._starts = None, None, None, []
        self._selected, self._dimmed = [], []
        self.set_header(label, note="analysing…")
        self._positions = TextPositions(text)
        self.view.setPlainText(text)
        self.view.set_spans([])
        self.view.bars = []
        self.view.set_underlines([])
        self.overview.set_markers([])

    def set_document(self, segmented: SegmentedDocument, index: AnalysisIndex) -> None:
        """Show an analysed document with every highlight the analysis asks for."""
        self._segmented, self._index = segmented, index
        self._selected, self._dimmed = [], []
        self._found, self._current_found = [], -1
        text = segmented.document.text.replace("\r", " ")
        self._positions = TextPositions(text)
        self._starts = [s.start for s in segmented.sentences]
        doc = segmented.document
        unique = sum(SentenceRef(self.doc, i) in index.unique for i in range(len(segmented.sentences)))
        self.set_header(doc.label, doc.outlet, doc.date, f"{unique} unique sentences" if unique else "")
        self.view.setPlainText(text)
        position = self._positions.position
        self.view.set_spans([(position(s.start), position(s.end)) for s in segmented.sentences])
        self._highlighter = Highlighter(self.view, self._positions, segmented, index, self.doc)
        self._highlighter.apply(style.theme_for(self))
        self._refresh_marks()

    def char_format_at(self, index: int) -> QTextCharFormat:
        """The character format of the character at a string index (for tests and tooltips)."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._positions.position(index) + 1)
        return cursor.charFormat()

    def sentence_count(self) -> int:
        """How many sentences the shown document has (0 while waiting)."""
        return len(self._starts)

    def sentence_at(self, index: int) -> int:
        """The sentence that starts at or before a string index, or -1."""
        return bisect_right(self._starts, index) - 1 if self._starts else -1

    def sentence_at_y(self, y: int) -> int:
        """The sentence on the line at viewport height ``y``, or -1."""
        position = self.view.cursorForPosition(QPoint(3 * BAR_WIDTH, y)).position()
        return self.sentence_at(self._positions.index(position))

    def sentence_extent(self, sent: int) -> tuple[int, int]:
        """Top and bottom of a sentence in viewport coordinates (may lie outside the viewport)."""
        return self.view.extent(sent)

    def band_extent(self, sent: int) -> tuple[int, int]:
        """A sentence's extent for link bands: a line it shares with a neighbour counts half."""
        return self.view.band_extent(sent)

    def scroll_sentence_to(self, sent: int, y: int) -> None:
        """Scroll so the sentence's top sits at viewport height ``y``."""
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + self.sentence_extent(sent)[0] - y)

    def scroll_to_fraction(self, fraction: float) -> None:
        """Centre the view on a fraction of the article's height."""
        bar = self.view.verticalScrollBar()
        bar.setValue(int(fraction * self.view.document_height() - bar.pageStep() / 2))

    @property
    def selected_sentences(self) -> list[int]:
        """The emphasised sentences, in order."""
        return self._selected

    @property
    def dimmed_sentences(self) -> list[int]:
        """The faded sentences, in order."""
        return self._dimmed

    def set_selected(self, sentences: Iterable[int]) -> None:
        """Emphasise the given sentences (the selected claim)."""
        selected = sorted(sentences)
        if selected != self._selected:
            self._selected = selected
            self._refresh_marks()

    def set_dimmed(self, sentences: Iterable[int]) -> None:
        """Fade the given sentences strongly (claims every source tells alike, when filtered)."""
        dimmed = sorted(sentences)
        if dimmed != self._dimmed:
            self._dimmed = dimmed
            self._refresh_marks()

    @property
    def text(self) -> str:
        """The shown document's text ("" while waiting): what string indices point into."""
        return self._segmented.document.text if self._segmented else ""

    def set_found(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Mark the matches of a find (string-index spans); ``current`` indexes the one gone to (-1: none)."""
        if (spans, current) != (self._found, self._current_found):
            self._found, self._current_found = list(spans), current
            self._refresh_marks()

    def reveal(self, index: int) -> None:
        """Scroll so the line holding string index ``index`` sits at the anchor line."""
        top = self.view.position_rect(self._positions.position(index)).top()
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + top - int(self.view.viewport().height() * ANCHOR_HEIGHT))

    def _refresh_marks(self) -> None:
        if not self._highlighter:
            return
        theme = style.theme_for(self)
        overlays = self._highlighter.overlays(theme, self._selected, self._dimmed)
        self.view.setExtraSelections(overlays + self._highlighter.found(self._found, self._current_found))
        self.view.bars = self._bars(theme)
        self.overview.set_markers(self._markers(theme))
        self.view.viewport().update()

    def _bars(self, theme: style.Theme) -> list[tuple[int, QColor]]:
        assert self._index
        refs = [SentenceRef(self.doc, i) for i in range(len(self._starts))]
        unique = [ref.sent for ref in refs if ref in self._index.unique]
        contested = [ref.sent for ref in refs if ref in self._index.contested_refs]
        return (
            [(i, theme.unique_bar) for i in unique]
            + [(i, style.contested_colour()) for i in contested]
            + [(i, theme.selected_bar) for i in self._selected]
        )

    def _markers(self, theme: style.Theme) -> list[Marker]:
        """Unique sentences, sentences of divergent claims and the selection, as fractions of the height."""
        height = self.view.document_height()
        markers = []
        for i in range(len(self._starts)):
            colour = self._marker_colour(i, theme)
            if colour is not None:
                extent = self.view.geometry_of(i)
                markers.append(Marker(extent.top / height, extent.bottom / height, colour))
        return markers + [self._found_marker(k, height) for k in range(len(self._found))]

    def _found_marker(self, k: int, height: int) -> Marker:
        """A find match in the overview: a thin line at its height, green (the current one vermillion)."""
        start, end = (self._positions.position(index) for index in self._found[k])
        scrolled = self.view.verticalScrollBar().value()
        top = self.view.position_rect(start).top() + scrolled
        bottom = self.view.position_rect(end).bottom() + scrolled
        colour = style.CURRENT_FOUND if k == self._current_found else style.FOUND
        return Marker(top / height, max(bottom, top + 2) / height, colour)

    def _marker_colour(self, sent: int, theme: style.Theme) -> QColor | None:
        assert self._index
        ref = SentenceRef(self.doc, sent)
        group = self._index.group_of(ref)
        if sent in self._selected:
            return theme.selected_bar
        if ref in self._index.contested_refs:
            return style.contested_colour()
        if ref in self._index.unique:
            return theme.unique_bar
        if group >= 0 and self._index.is_divergent(group):
            return style.band_colour(self._index.divergence(group), selected=True)
        return None

    def _on_clicked(self, position: int) -> None:
        if self._segmented:
            index = self._positions.index(position)
            sent = self.sentence_at(index)
            inside = sent >= 0 and index < self._segmented.sentences[sent].end
            self.sentence_clicked.emit(self.doc, sent if inside else -1)

    def _on_scrolled(self) -> None:
        self._show_view_in_overview()
        self.scrolled.emit()

    def _show_view_in_overview(self) -> None:
        bar, height = self.view.verticalScrollBar(), self.view.document_height()
        top = min(bar.value() / height, 1.0)
        self.overview.set_view(top, min((bar.value() + bar.pageStep()) / height, 1.0))

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light ↔ dark) repaints every highlight in the new theme's colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._segmented and self._index:
            selected, dimmed, scrolled = self._selected, self._dimmed, self.view.verticalScrollBar().value()
            self.set_document(self._segmented, self._index)
            self._selected, self._dimmed = selected, dimmed
            self._refresh_marks()
            self.view.verticalScrollBar().setValue(scrolled)

    def resizeEvent(self, event) -> None:
        """Re-measure the overview markers once the text has re-wrapped."""
        super().resizeEvent(event)
        self._refresh_marks()

    def tooltip_at(self, index: int) -> str:
        """What the highlight at a string index means: a framing explanation or the claim's status."""
        sent = self.sentence_at(index)
        if sent < 0 or not self._index or not self._segmented:
            return ""
        return self._index.explain(SentenceRef(self.doc, sent), index - self._segmented.sentences[sent].start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tooltips over highlights explain them."""
        if watched is self.view.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            position = self.view.cursorForPosition(event.pos()).position()
            QToolTip.showText(event.globalPos(), self.tooltip_at(self._positions.index(position)), self.view)
            return True
        return super().eventFilter(watched, event)
