"""The text widget under a column: read-only, margin bars beside marked sentences, clicks as positions."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

BAR_WIDTH = 4


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


class ArticleView(QTextEdit):
    """A read-only text view that paints margin bars and reports clicks as document positions."""

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.document().setDocumentMargin(3 * BAR_WIDTH)
        self.bars: list[tuple[int, int, QColor]] = []
        self.underlines: list[tuple[int, int, QPen]] = []

    def position_rect(self, position: int) -> QRect:
        """The caret rectangle of a document position (the line it sits on)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        return self.cursorRect(cursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The text, then a bar in the left margin beside each marked range and the bold underlines."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        height = self.viewport().height()
        for start, end, colour in self.bars:
            top, bottom = self.position_rect(start).top(), self.position_rect(max(end - 1, start)).bottom()
            if bottom >= 0 and top <= height:
                painter.fillRect(BAR_WIDTH, top, BAR_WIDTH, bottom - top, colour)
        for start, end, pen in self.underlines:
            first, last = self.position_rect(start), self.position_rect(end)
            if last.bottom() >= 0 and first.top() <= height:
                painter.setPen(pen)
                self._underline(painter, first, last)

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
