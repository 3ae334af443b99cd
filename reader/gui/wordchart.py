"""A horizontal bar chart of a source's distinctive words (weighted log-odds z-scores), painted directly."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from reader.core import palette
from reader.core.framing.report import DistinctiveWord
from reader.gui import style

ROW_HEIGHT = 18
LABEL_WIDTH = 110
MAX_WORDS = 12


class WordChart(QWidget):
    """One bar per word, its length proportional to the z-score, the count at its end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[DistinctiveWord, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def words(self) -> tuple[DistinctiveWord, ...]:
        """The words drawn, strongest first."""
        return self._words

    def set_words(self, words: tuple[DistinctiveWord, ...]) -> None:
        """Draw the strongest words (at most ``MAX_WORDS``)."""
        self._words = tuple(sorted(words, key=lambda w: -w.z)[:MAX_WORDS])
        self.setFixedHeight(max(len(self._words), 1) * ROW_HEIGHT + 4)
        self.update()

    def sizeHint(self) -> QSize:
        """Wide enough for labels and short bars."""
        return QSize(LABEL_WIDTH + 160, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Labels on the left, bars to the right, scaled to the strongest word."""
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.Text)
        if not self._words:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft, "No distinctive words.")
            return
        top_z = max(max(w.z for w in self._words), 1e-6)
        room = max(self.width() - LABEL_WIDTH - 40, 10)
        bar = QColor(palette.BLUE if not style.theme_for(self).dark else palette.SKY_BLUE)
        for row, word in enumerate(self._words):
            y = 2 + row * ROW_HEIGHT
            painter.setPen(text)
            label_rect = QRectF(0, y, LABEL_WIDTH - 6, ROW_HEIGHT)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(label_rect, right, word.word)
            length = room * max(word.z, 0.0) / top_z
            painter.fillRect(QRectF(LABEL_WIDTH, y + 3, length, ROW_HEIGHT - 6), bar)
            value_rect = QRectF(LABEL_WIDTH + length + 4, y, 40, ROW_HEIGHT)
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter, f"{word.z:.1f}")
