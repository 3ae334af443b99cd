"""A thin strip beside a column: where along the whole article the divergent and unique sentences are."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

STRIP_WIDTH = 12


@dataclass(frozen=True)
class Marker:
    """A stretch of the article as fractions of its height, in one colour."""

    top: float
    bottom: float
    colour: QColor


class OverviewStrip(QWidget):
    """Paints markers and the visible window; a click asks to scroll there (``jump_to`` a fraction)."""

    jump_to = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: unique sentences and divergent claims. Click to scroll there.")
        self._markers: list[Marker] = []
        self._view = (0.0, 1.0)

    @property
    def markers(self) -> list[Marker]:
        """The markers being shown."""
        return self._markers

    def set_markers(self, markers: list[Marker]) -> None:
        """Replace the markers and repaint."""
        self._markers = markers
        self.update()

    def set_view(self, top: float, bottom: float) -> None:
        """The visible part of the article as fractions of its height."""
        self._view = (top, bottom)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Background, markers, then the visible window as an outline."""
        painter = QPainter(self)
        height = self.height()
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.AlternateBase))
        for marker in self._markers:
            span = max((marker.bottom - marker.top) * height, 2.0)
            painter.fillRect(QRectF(2, marker.top * height, self.width() - 4, span), marker.colour)
        window = self.palette().color(QPalette.ColorRole.Text)
        window.setAlphaF(0.6)
        painter.setPen(window)
        top, bottom = self._view
        painter.drawRect(QRectF(0.5, top * height, self.width() - 1, max((bottom - top) * height - 1, 3)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Ask to centre the view on the clicked fraction."""
        if self.height() > 0:
            self.jump_to.emit(min(max(event.position().y() / self.height(), 0.0), 1.0))
