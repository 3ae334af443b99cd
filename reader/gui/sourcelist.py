"""The loaded sources as a Qt list model: the one place sources are added, removed, reordered, renamed."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.model import Document

Index = QModelIndex | QPersistentModelIndex


class SourceListModel(QAbstractListModel):
    """An ordered list of ``Document``; the display text is the label, which the user may edit."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._documents: list[Document] = []

    def documents(self) -> tuple[Document, ...]:
        """The sources in column order."""
        return tuple(self._documents)

    def labels(self) -> list[str]:
        """The sources' labels in column order."""
        return [d.label for d in self._documents]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        """Number of sources (a flat list: no children)."""
        return 0 if parent.isValid() else len(self._documents)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Label for display and editing, origin as tooltip."""
        if not index.isValid():
            return None
        document = self._documents[index.row()]
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
        return self.rename(index.row(), str(value))

    def add(self, documents: list[Document]) -> None:
        """Append sources, making each label unique."""
        if not documents:
            return
        first = len(self._documents)
        self.beginInsertRows(QModelIndex(), first, first + len(documents) - 1)
        for document in documents:
            self._documents.append(replace(document, label=self._unique_label(document.label)))
        self.endInsertRows()

    def replace_all(self, documents: list[Document]) -> None:
        """Swap the whole list (e.g. a source split into its voices)."""
        self.beginResetModel()
        self._documents = []
        for document in documents:
            self._documents.append(replace(document, label=self._unique_label(document.label)))
        self.endResetModel()

    def remove(self, row: int) -> None:
        """Drop the source at ``row``."""
        if 0 <= row < len(self._documents):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._documents[row]
            self.endRemoveRows()

    def move(self, row: int, delta: int) -> bool:
        """Move the source at ``row`` by ``delta`` places (-1 left, +1 right); False when it cannot."""
        target = row + delta
        if not (0 <= row < len(self._documents) and 0 <= target < len(self._documents)) or delta == 0:
            return False
        destination = target + 1 if delta > 0 else target  # Qt counts the destination before the move
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._documents.insert(target, self._documents.pop(row))
        self.endMoveRows()
        return True

    def rename(self, row: int, label: str) -> bool:
        """Give the source at ``row`` a new, non-empty, unique label."""
        label = label.strip()
        if not label or not 0 <= row < len(self._documents):
            return False
        current = self._documents[row]
        if label == current.label:
            return False
        self._documents[row] = replace(current, label=self._unique_label(label))
        index = self.index(row)
        self.dataChanged.emit(index, index)
        return True

    def _unique_label(self, label: str) -> str:
        taken = {d.label for d in self._documents}
        candidate, n = label or "Untitled", 2
        while candidate in taken:
            candidate, n = f"{label} ({n})", n + 1
        return candidate
