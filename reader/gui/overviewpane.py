"""Many sources at a glance: the claims × sources grid, the divergence matrix and the labels by voice.

Three Qt table models over the Qt-free tables of ``reader.core.overview``, shown as tabs. A click asks
the window to navigate: a grid cell selects its claim (and brings that source's column into view), a
matrix cell the claim on which the two sources part most, a labels cell the next mention it lists.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.framing.report import Referent, Speech
from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, SentenceRef
from reader.core.overview import (
    GRID_LEGEND,
    HEADLINE_ROW,
    CellState,
    GridRow,
    LabelCell,
    claim_grid,
    described_referents,
    divergence_matrix,
    grid_range,
    label_cell,
    pair_explanation,
    scaled,
    short_labels,
    value_range,
)
from reader.core.palette import CONTESTED, LEFT_OUT, REDDISH_PURPLE, VERMILLION

Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole
LEFT_OUT_COLOUR = QColor(LEFT_OUT)
CLAIM_WIDTH, SOURCE_WIDTH, LABEL_WIDTH = 150, 48, 240  # column widths in pixels
CELL_PADDING = 10  # pixels beside a cell's text
_VOICES = ((Speech.OWN, "own words"), (Speech.QUOTED, "in quotes"))


class _TableModel(QAbstractTableModel):
    """A table over one analysis, its columns the sources (after ``leading`` columns of its own)."""

    leading = 0

    def __init__(self) -> None:
        super().__init__()
        self.analysis: Analysis | None = None
        self.labels: list[str] = []
        self.headers: list[str] = []
        self.lookups: AnalysisIndex | None = None

    def set_analysis(self, analysis: Analysis | None, index: AnalysisIndex | None = None) -> None:
        """Show ``analysis`` (``index``: its lookups when the caller has them already)."""
        self.beginResetModel()
        self.analysis = analysis
        self.lookups = index if index is not None and index.analysis is analysis else None
        self.labels = [d.document.label for d in analysis.documents] if analysis else []
        self.headers = short_labels(self.labels)
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        """Build the rows of ``self.analysis`` (None: no rows)."""

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return self.leading + len(self.labels) if not parent.isValid() else 0

    def source_header(self, section: int, role: int) -> Any:
        doc = section - self.leading
        if role == _ROLE.DisplayRole:
            return self.headers[doc]
        return self.labels[doc] if role == _ROLE.ToolTipRole else None


class ClaimGridModel(_TableModel):
    """Rows: the headline row and the claims; columns: the claim, then one per source."""

    leading = 1

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[GridRow, ...] = ()
        self._range = (0.0, 1.0)

    def _rebuild(self) -> None:
        self.rows = claim_grid(self.analysis, self.lookups) if self.analysis else ()
        self._range = grid_range(self.rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.rows) if not parent.isValid() else 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Vertical:
            if role != _ROLE.DisplayRole:
                return None
            group = self.rows[section].group
            return "H" if group == HEADLINE_ROW else str(group + 1)
        if section == 0:
            return "Claim" if role == _ROLE.DisplayRole else None
        return self.source_header(section, role)

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if index.column() == 0:
            return self._claim_data(row, role)
        cell = row.cells[index.column() - 1]
        if role == _ROLE.DisplayRole:
            headline = row.group == HEADLINE_ROW and cell.state is CellState.REPORTED
            return f"{cell.divergence:.2f}" if headline else cell.text
        if role == _ROLE.BackgroundRole:
            return _cell_colour(cell.state, scaled(cell.divergence, self._range))
        if role == _ROLE.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == _ROLE.ToolTipRole:
            return self._cell_tip(row, index.column() - 1)
        return None

    def _claim_data(self, row: GridRow, role: int) -> Any:
        if role == _ROLE.DisplayRole:
            return row.text
        if role == _ROLE.ToolTipRole:
            return f"{row.text}\nDivergence {row.divergence:.2f}"
        if role == _ROLE.FontRole and row.group == HEADLINE_ROW:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _cell_tip(self, row: GridRow, doc: int) -> str:
        assert self.analysis
        cell = row.cells[doc]
        label = self.labels[doc]
        if cell.state is CellState.LEFT_OUT:
            return f"{label} does not report this"
        texts = "\n".join(f"“{self.analysis.sentence(ref).text.strip()}”" for ref in cell.refs)
        if cell.state is CellState.CONTESTED:
            return f"{label} contests this:\n{texts}"
        marks = f", {cell.marks} framing mark{'s' if cell.marks != 1 else ''}" if cell.marks else ""
        return f"{label}, {cell.position}: divergence {cell.divergence:.2f}{marks}\n{texts}"

    def target(self, index: Index) -> tuple[int, SentenceRef | None]:
        """The claim of a clicked cell and the sentence to show (None for the claim column)."""
        row = self.rows[index.row()]
        if index.column() == 0:
            return row.group, None
        cell = row.cells[index.column() - 1]
        return row.group, (cell.refs[0] if cell.refs else None)


class DivergenceMatrixModel(_TableModel):
    """Sources × sources: how far each pair diverges (pair_divergence)."""

    def __init__(self) -> None:
        super().__init__()
        self.matrix: list[list[float | None]] = []
        self._range = (0.0, 1.0)

    def _rebuild(self) -> None:
        self.matrix = divergence_matrix(self.analysis) if self.analysis else []
        self._range = value_range(v for row in self.matrix for v in row if v is not None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.labels) if not parent.isValid() else 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> Any:
        return self.source_header(section, role)

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        score = self.matrix[index.row()][index.column()]
        if score is None:
            return None
        if role == _ROLE.DisplayRole:
            return f"{score:.2f}"
        if role == _ROLE.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == _ROLE.BackgroundRole:
            return _shade(scaled(score, self._range))
        if role == _ROLE.ToolTipRole and self.analysis:
            a, b = index.row(), index.column()
            explanation = pair_explanation(self.analysis, a, b)
            return f"{self.labels[a]} vs {self.labels[b]}: {score:.2f}\n{explanation}"
        return None


class LabelsModel(_TableModel):
    """Rows: the sources; columns: each described actor twice (own words, in quotes); cells: the words."""

    def __init__(self) -> None:
        super().__init__()
        self.referents: tuple[Referent, ...] = ()
        self.cells: list[list[LabelCell]] = []  # [column][doc]

    def _rebuild(self) -> None:
        self.referents = described_referents(self.analysis) if self.analysis else ()
        self.cells = [
            [label_cell(referent, d, voice) for d in range(len(self.labels))]
            for referent in self.referents
            for voice, _ in _VOICES
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.labels) if not parent.isValid() else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.cells) if not parent.isValid() else 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Vertical:
            return self.source_header(section, role)
        if role != _ROLE.DisplayRole:
            return None
        return f"{self.referents[section // 2].name}: {_VOICES[section % 2][1]}"

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        cell = self.cells[index.column()][index.row()]
        quoted = index.column() % 2 == 1
        if role == _ROLE.DisplayRole:
            return cell.text
        if role == _ROLE.ToolTipRole and cell.mentions:
            return "Click to step through these mentions"
        if role == _ROLE.FontRole and (quoted or not cell.descriptions):
            font = QFont()
            font.setItalic(True)
            return font
        if role == _ROLE.BackgroundRole and quoted:
            colour = QColor(REDDISH_PURPLE)
            colour.setAlphaF(0.12)
            return colour
        return None

    def mention(self, index: Index, step: int) -> tuple[int, int, int, int] | None:
        """The ``step``-th mention (wrapping) a cell lists: (doc, sentence, start, end)."""
        cell = self.cells[index.column()][index.row()]
        if not cell.mentions:
            return None
        m = self.referents[index.column() // 2].mentions[cell.mentions[step % len(cell.mentions)]]
        return m.doc, m.sentence, m.start, m.end


def _cell_colour(state: CellState, shade: float) -> QColor:
    """Left out grey, contested purple, reported vermillion as strong as its ``shade`` in [0, 1]."""
    if state is CellState.LEFT_OUT:
        return LEFT_OUT_COLOUR
    if state is CellState.CONTESTED:
        return QColor(CONTESTED)
    return _shade(shade)


def _fitting_width(table: QTableView, column: int) -> int:
    """Wide enough for the column's header and cells, at least ``SOURCE_WIDTH``."""
    model = table.model()
    header = table.horizontalHeader().fontMetrics().horizontalAdvance(
        model.headerData(column, Qt.Orientation.Horizontal) or ""
    )
    cells = table.fontMetrics()
    texts = (model.data(model.index(row, column)) or "" for row in range(model.rowCount()))
    widest = max([header, *(cells.horizontalAdvance(t) for t in texts)])
    return max(SOURCE_WIDTH, widest + CELL_PADDING)


def _shade(share: float) -> QColor:
    colour = QColor(VERMILLION)
    colour.setAlphaF(0.08 + 0.72 * min(max(share, 0.0), 1.0))
    return colour


class _GridView(QTableView):
    """The grid: its claim column takes whatever width the source columns leave."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_claim_column()

    def fit_claim_column(self) -> None:
        """Widen the claim column to fill the view (never below ``CLAIM_WIDTH``)."""
        sources = sum(self.columnWidth(c) for c in range(1, self.model().columnCount()))
        self.setColumnWidth(0, max(CLAIM_WIDTH, self.viewport().width() - sources))


def _with_legend(table: QTableView, legend: str) -> QWidget:
    """The table above a one-line key to its cells."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    key = QLabel(legend)
    key.setWordWrap(True)
    font = key.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    key.setFont(font)
    layout.addWidget(table, 1)
    layout.addWidget(key)
    return page


def _table(model: QAbstractTableModel, view: QTableView | None = None) -> QTableView:
    view = view or QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.setAlternatingRowColors(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(40)
    return view


class OverviewPane(QTabWidget):
    """The grid, the matrix and the labels as tabs; clicks become navigation requests."""

    claim_requested = Signal(int, int, int)  # group (-1: the headlines), doc, sentence (-1: none)
    pair_requested = Signal(int, int)  # doc a, doc b
    mention_requested = Signal(int, int, int, int)  # doc, sentence, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = ClaimGridModel()
        self.matrix_model = DivergenceMatrixModel()
        self.labels_model = LabelsModel()
        self.grid = _table(self.grid_model, _GridView())
        lines = self.grid.fontMetrics().lineSpacing()
        self.grid.verticalHeader().setDefaultSectionSize(2 * lines + 6)  # two lines of a claim, then "…"
        self.matrix = _table(self.matrix_model)
        self.labels = _table(self.labels_model)
        self._steps: dict[tuple[int, int], int] = {}
        self.addTab(_with_legend(self.grid, GRID_LEGEND), "Claims × Sources")
        self.addTab(self.matrix, "Divergence")
        self.addTab(self.labels, "Labels")
        self.grid.clicked.connect(self._on_grid_clicked)
        self.matrix.clicked.connect(
            lambda i: i.row() != i.column() and self.pair_requested.emit(i.row(), i.column())
        )
        self.labels.clicked.connect(self._on_label_clicked)

    def set_analysis(self, analysis: Analysis | None, index: AnalysisIndex | None = None) -> None:
        """Show an analysis (None: empty tables); ``index``: the comparison view's lookups, if built."""
        for model in (self.grid_model, self.matrix_model, self.labels_model):
            model.set_analysis(analysis, index)
        self._steps.clear()
        self._size_columns()

    def _size_columns(self) -> None:
        sources = len(self.grid_model.labels)
        self.grid.setColumnWidth(0, CLAIM_WIDTH)
        for d in range(sources):  # by the texts' widths: resizeColumnToContents took 35 ms for nine sources
            for table, column in ((self.grid, d + 1), (self.matrix, d)):
                table.setColumnWidth(column, _fitting_width(table, column))
        for column in range(self.labels_model.columnCount()):
            self.labels.setColumnWidth(column, LABEL_WIDTH)
        self.grid.fit_claim_column()
        self.labels.resizeRowsToContents()

    def _on_grid_clicked(self, index: QModelIndex) -> None:
        group, ref = self.grid_model.target(index)
        self.claim_requested.emit(group, ref.doc if ref else index.column() - 1, ref.sent if ref else -1)

    def _on_label_clicked(self, index: QModelIndex) -> None:
        key = (index.row(), index.column())
        step = self._steps.get(key, 0)
        mention = self.labels_model.mention(index, step)
        if mention is not None:
            self._steps[key] = step + 1
            self.mention_requested.emit(*mention)
