"""The offer to take back an unsaved session after a crash, a kill or a quit without saving: a bar over
the columns with Restore and Discard, never a dialog that blocks the start."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from reader.core.autosave import Orphan
from reader.core.palette import BLUE


class RestoreBar(QFrame):
    """Offers one orphaned autosave; emits ``restore`` or ``discard`` with it, then hides.

    Signals:
        restore(object): the ``Orphan`` to take back.
        discard(object): the ``Orphan`` to delete.
    """

    restore = Signal(object)
    discard = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBar")
        self.setStyleSheet(f"#restoreBar {{ border: 2px solid {BLUE}; border-radius: 4px; }}")
        self.orphan: Orphan | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton("Restore", self)
        self.discard_button = QPushButton("Discard", self)
        self.restore_button.clicked.connect(lambda: self._answer(self.restore))
        self.discard_button.clicked.connect(lambda: self._answer(self.discard))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()

    def offer(self, orphan: Orphan, sources: int) -> None:
        """Show the offer for ``orphan``, which holds ``sources`` sources."""
        self.orphan = orphan
        when = datetime.fromtimestamp(orphan.modified).strftime("%d %b %H:%M")
        self.label.setText(
            f"An unsaved comparison of {sources} source{'s' if sources != 1 else ''} from {when} was kept "
            "when the reader last stopped. Restore it?"
        )
        self.show()

    def _answer(self, signal: Signal) -> None:
        orphan, self.orphan = self.orphan, None
        self.hide()
        if orphan is not None:
            signal.emit(orphan)
