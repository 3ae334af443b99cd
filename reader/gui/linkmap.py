"""The Meld-style link map between two neighbouring columns: a band from each sentence to its counterpart.

Only links with an end in the visible range are measured and painted; each claim band is coloured by how
far the two sentences' wording diverges (1 − similarity), a contested link is a faint band with a dashed
wine outline, and the selected claim's (or contested link's) bands are drawn stronger.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.core.lookup import AnalysisIndex
from reader.core.model import LinkKind
from reader.gui import style
from reader.gui.sourcepane import SourcePane

MAP_WIDTH = 48


@dataclass(frozen=True)
class Band:
    """One link's band: vertical extents in link-map coordinates at both edges."""

    link: int
    left_top: int
    left_bottom: int
    right_top: int
    right_bottom: int
    divergence: float
    selected: bool
    contested: bool = False


class LinkMap(QWidget):
    """Paints the bands between two columns (again whenever either scrolls); a click names a link."""

    link_clicked = Signal(int)

    def __init__(self, left: SourcePane, right: SourcePane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self.setFixedWidth(MAP_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._index: AnalysisIndex | None = None
        self._links: list[int] = []
        self._selected = -1
        self._selected_link = -1
        left.scrolled.connect(self.update)
        right.scrolled.connect(self.update)

    def set_index(self, index: AnalysisIndex | None) -> None:
        """The analysis to draw (None: nothing)."""
        self._index = index
        self._links = index.links_between(self.left.doc, self.right.doc) if index else []
        self.update()

    def set_selected_group(self, group: int) -> None:
        """Draw this group's bands stronger (-1: none)."""
        self._selected, self._selected_link = group, -1
        self.update()

    def set_selected_link(self, link: int) -> None:
        """Draw this (contested) link's band stronger (-1: none)."""
        self._selected, self._selected_link = -1, link
        self.update()

    def _viewport_range(self, pane: SourcePane) -> tuple[int, int]:
        """A column's text viewport, top to bottom, in link-map coordinates."""
        top = self.mapFromGlobal(pane.view.viewport().mapToGlobal(QPoint(0, 0))).y()
        return top, top + pane.view.viewport().height()

    def bands(self) -> list[Band]:
        """The bands that cross the visible range: an end inside it, or one end above and one below."""
        if not self._index:
            return []
        left_range, right_range = self._viewport_range(self.left), self._viewport_range(self.right)
        result = []
        for i in self._links:
            link = self._index.analysis.alignment.links[i]
            left_ref, right_ref = (link.a, link.b) if link.a.doc == self.left.doc else (link.b, link.a)
            left = _shifted(self.left.band_extent(left_ref.sent), left_range[0])
            right = _shifted(self.right.band_extent(right_ref.sent), right_range[0])
            span = (min(left[0], right[0]), max(left[1], right[1]))
            if _overlaps(span, (max(left_range[0], right_range[0]), min(left_range[1], right_range[1]))):
                contested = link.kind is LinkKind.CONTESTED
                group = -1 if contested else self._index.group_of(link.a)
                selected = (self._selected >= 0 and group == self._selected) or i == self._selected_link
                divergence = self._index.link_divergence(link)
                result.append(Band(i, *left, *right, divergence, selected, contested))
        return result

    def paintEvent(self, event: QPaintEvent) -> None:
        """Curved bands, the selected ones last and on top."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top, bottom = self._viewport_range(self.left)
        painter.setClipRect(QRect(0, top, self.width(), bottom - top))
        for band in sorted(self.bands(), key=lambda b: (b.selected, b.contested)):
            if band.contested:
                painter.setPen(style.contested_pen(band.selected))
                painter.setBrush(style.contested_fill(band.selected))
            else:
                fill = style.band_colour(band.divergence, band.selected)
                edge = fill.darker(130)
                edge.setAlphaF(1.0 if band.selected else 0.6)
                painter.setPen(QPen(edge, 2.0 if band.selected else 1.0))
                painter.setBrush(fill)
            painter.drawPath(self._band_path(band))

    def band_at(self, point: QPointF) -> int:
        """The link whose band covers a point (the selected band wins), or -1."""
        for band in sorted(self.bands(), key=lambda b: not b.selected):
            if self._band_path(band).contains(point):
                return band.link
        return -1

    def tooltip_for(self, link: int) -> str:
        """How alike a link's two sentences are, in words."""
        assert self._index
        analysis = self._index.analysis
        found = analysis.alignment.links[link]
        labels = [analysis.documents[r.doc].document.label for r in (found.a, found.b)]
        contest = self._index.contest(link)
        if contest is not None:
            return f"{labels[0]} ↔ {labels[1]}: contested, {contest.relation}. Click to compare them."
        return f"{labels[0]} ↔ {labels[1]}: similarity {found.similarity:.2f}. Click to select this claim."

    def event(self, event: QEvent) -> bool:
        """Tooltips over bands give the similarity."""
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            link = self.band_at(QPointF(event.pos()))
            QToolTip.showText(event.globalPos(), self.tooltip_for(link) if link >= 0 else "", self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Clicking a band selects its claim."""
        link = self.band_at(event.position())
        if link >= 0:
            self.link_clicked.emit(link)

    def _band_path(self, band: Band) -> QPainterPath:
        """Two cubic curves (as in Meld) joining the left extent to the right one."""
        w, mid = float(self.width()), self.width() / 2
        path = QPainterPath(QPointF(0, band.left_top))
        path.cubicTo(QPointF(mid, band.left_top), QPointF(mid, band.right_top), QPointF(w, band.right_top))
        path.lineTo(w, band.right_bottom)
        path.cubicTo(
            QPointF(mid, band.right_bottom), QPointF(mid, band.left_bottom), QPointF(0, band.left_bottom)
        )
        path.closeSubpath()
        return path


def _shifted(span: tuple[int, int], offset: int) -> tuple[int, int]:
    return span[0] + offset, span[1] + offset


def _overlaps(span: tuple[int, int], window: tuple[int, int]) -> bool:
    return span[1] >= window[0] and span[0] <= window[1]
