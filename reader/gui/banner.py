"""A non-blocking banner over the columns that lists what could not be loaded and why."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from reader.gui.style import VERMILLION

MAX_LINES = 5


class ErrorBanner(QFrame):
    """Shows the latest problems as "subject — reason" lines; hidden until there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setStyleSheet(
            f"#errorBanner {{ border: 2px solid {VERMILLION}; border-radius: 4px; }}"
        )
        self._problems: list[tuple[str, str]] = []
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(QLabel("⚠", self))
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def add(self, subject: str, reason: str) -> None:
        """Show one more problem (the oldest lines scroll away beyond ``MAX_LINES``)."""
        self._problems = [*self._problems, (subject, reason)][-MAX_LINES:]
        self.label.setText("<br>".join(f"<b>{escape(s)}</b> — {escape(r)}" for s, r in self._problems))
        self.show()

    def messages(self) -> list[str]:
        """The problems shown, as plain text."""
        return [f"{subject} — {reason}" for subject, reason in self._problems]

    def dismiss(self) -> None:
        """Hide the banner and forget its lines."""
        self._problems = []
        self.hide()
