"""The session's sources as a Qt list model: a view that redraws on each change and renames on edit."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.core.session import Change, Session

Index = QModelIndex | QPersistentModelIndex


class SourceListModel(QAbstractListModel):
    """The session's sources, one row each; the display text is the label, which the user may edit."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.observe(self._on_session_changed)

    def _on_session_changed(self, change: Change) -> None:
        if change is Change.SOURCES:
            self.beginResetModel()
            self.endResetModel()
        elif change is Change.LABELS and self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        """Number of sources (a flat list: no children)."""
        return 0 if parent.isValid() else len(self.session.documents())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Label for display and editing, origin as tooltip."""
        if not index.isValid():
            return None
        document = self.session.documents()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return document.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return document.origin or document.label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Sources are selectable and their labels editable."""
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Rename a source from an edited cell."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.session.rename(index.row(), str(value))
