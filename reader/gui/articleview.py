"""The text widget under a column: read-only, sentence geometry measured once per layout, margin bars,
bold framing underlines, and clicks reported as document positions."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

BAR_WIDTH = 4
ANCHOR_HEIGHT = 1 / 3  # the claim being read sits a third of the way down every column


class TextPositions:
    """Python string indices ↔ QTextDocument positions (UTF-16: characters beyond the BMP count twice)."""

    def __init__(self, text: str) -> None:
        widths = [2 if ord(c) > 0xFFFF else 1 for c in text]
        self._positions = list(accumulate(widths, initial=0)) if len(widths) < sum(widths) else None

    def position(self, index: int) -> int:
        """The document position of a string index."""
        return self._positions[index] if self._positions else index

    def index(self, position: int) -> int:
        """The string index at a document position."""
        return bisect_right(self._positions, position) - 1 if self._positions else position


@dataclass(frozen=True)
class SpanGeometry:
    """A span's vertical extent in document coordinates; ``band_*`` count a shared line half."""

    top: int
    bottom: int
    band_top: int
    band_bottom: int


class ArticleView(QTextEdit):
    """A read-only text view over spans (sentences) given as document position ranges."""

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.document().setDocumentMargin(3 * BAR_WIDTH)
        self.document().documentLayout().documentSizeChanged.connect(self._forget_geometry)
        self.bars: list[tuple[int, QColor]] = []  # span index, colour
        self._underlines: list[tuple[int, int, QPen]] = []  # document positions, pen
        self._spans: list[tuple[int, int]] = []
        self._geometry: list[SpanGeometry] | None = None
        self._underline_rects: list[tuple[QRect, QRect, QPen]] | None = None  # document coordinates

    def set_spans(self, spans: list[tuple[int, int]]) -> None:
        """The document position ranges of the sentences (forgets measured geometry)."""
        self._spans = spans
        self._forget_geometry()
        self._pad_bottom()

    def set_underlines(self, underlines: list[tuple[int, int, QPen]]) -> None:
        """Bold lines to paint under document position ranges (framing marks)."""
        self._underlines = underlines
        self._underline_rects = None

    def _forget_geometry(self) -> None:
        self._geometry, self._underline_rects = None, None

    def viewportEvent(self, event: QEvent) -> bool:
        """A resized viewport re-wraps the text: measure again and resize the space after the text."""
        if event.type() == QEvent.Type.Resize:
            self._forget_geometry()
            self._pad_bottom()
        return super().viewportEvent(event)

    def _pad_bottom(self) -> None:
        """Room after the last line, so that synchronised columns can line up any sentence."""
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        padding = self.viewport().height() * (1 - ANCHOR_HEIGHT)
        if fmt.bottomMargin() != padding:
            fmt.setBottomMargin(padding)
            frame.setFrameFormat(fmt)

    def position_rect(self, position: int) -> QRect:
        """The caret rectangle of a document position (the line it sits on), in viewport coordinates."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(max(position, 0), self.document().characterCount() - 1))
        return self.cursorRect(cursor)

    def geometry_of(self, span: int) -> SpanGeometry:
        """A span's extent in document coordinates (measured once per layout)."""
        if self._geometry is None:
            self._geometry = self._measure()
        return self._geometry[span]

    def _measure(self) -> list[SpanGeometry]:
        """Every span's first and last line; a line shared with the neighbour counts half for bands."""
        offset = self.verticalScrollBar().value()
        lines = [(self.position_rect(s), self.position_rect(max(e - 1, s))) for s, e in self._spans]
        result = []
        for i, (first, last) in enumerate(lines):
            shares_first = i > 0 and lines[i - 1][1].top() == first.top()
            shares_last = i + 1 < len(lines) and lines[i + 1][0].top() == last.top()
            result.append(SpanGeometry(
                first.top() + offset,
                last.bottom() + offset,
                (first.center().y() if shares_first else first.top()) + offset,
                (last.center().y() if shares_last else last.bottom()) + offset,
            ))
        return result

    def extent(self, span: int) -> tuple[int, int]:
        """Top and bottom of a span in viewport coordinates (may lie outside the viewport)."""
        g, offset = self.geometry_of(span), self.verticalScrollBar().value()
        return g.top - offset, g.bottom - offset

    def band_extent(self, span: int) -> tuple[int, int]:
        """The extent a link band attaches to, in viewport coordinates."""
        g, offset = self.geometry_of(span), self.verticalScrollBar().value()
        return g.band_top - offset, g.band_bottom - offset

    def document_height(self) -> int:
        """The laid-out height of the text (without the space after it), at least the viewport's."""
        document = self.document()
        text_height = document.size().height() - document.rootFrame().frameFormat().bottomMargin()
        return max(int(text_height), self.viewport().height(), 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The text, then the margin bars and bold underlines that fall inside the viewport."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        height = self.viewport().height()
        for span, colour in self.bars:
            top, bottom = self.extent(span)
            if bottom >= 0 and top <= height:
                painter.fillRect(BAR_WIDTH, top, BAR_WIDTH, bottom - top, colour)
        offset = self.verticalScrollBar().value()
        for first, last, pen in self._measured_underlines():
            first, last = first.translated(0, -offset), last.translated(0, -offset)
            if last.bottom() >= 0 and first.top() <= height:
                painter.setPen(pen)
                self._underline(painter, first, last)

    def _measured_underlines(self) -> list[tuple[QRect, QRect, QPen]]:
        """The caret rectangles at both ends of each underline, in document coordinates (once per layout)."""
        if self._underline_rects is None:
            offset = self.verticalScrollBar().value()

            def at(position: int) -> QRect:
                return self.position_rect(position).translated(0, offset)

            self._underline_rects = [(at(s), at(e), pen) for s, e, pen in self._underlines]
        return self._underline_rects

    def _underline(self, painter: QPainter, first: QRect, last: QRect) -> None:
        """A line under the text from ``first`` to ``last`` (caret rectangles), wrapped lines included."""
        if first.top() == last.top():
            painter.drawLine(first.left(), first.bottom(), last.left(), last.bottom())
            return
        margin, right = 3 * BAR_WIDTH, self.viewport().width() - 3 * BAR_WIDTH
        painter.drawLine(first.left(), first.bottom(), right, first.bottom())
        painter.drawLine(margin, last.bottom(), last.left(), last.bottom())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click that selected no text names the position under the pointer."""
        super().mouseReleaseEvent(event)
        if event.button() is Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
