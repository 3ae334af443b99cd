"""What the window shows before any source is loaded: how to start, and the demo one click away."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from reader.resources import resource

HINT = (
    "<h2>Compare how sources tell one story</h2>"
    "<p>Drop two or more articles here — files, web addresses or text —<br>"
    "or use <b>File ▸ Open…</b> (Ctrl+O) and <b>File ▸ Paste as New Source</b> (Ctrl+Shift+V).</p>"
)


def demo_paths() -> list[str]:
    """The demo articles in ``resources/demo``, sorted by name."""
    return sorted(str(p) for p in resource("demo").iterdir() if p.name.endswith(".txt"))


class Welcome(QWidget):
    """A centred hint with Open and Demo buttons.

    Signals:
        open_requested(): the user wants to choose files.
        demo_requested(): the user wants the demo articles.
    """

    open_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = QLabel(HINT, self)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton("Open articles…", self)
        open_button.clicked.connect(self.open_requested)
        demo_button = QPushButton("Try the demo articles", self)
        demo_button.clicked.connect(self.demo_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(hint)
        for button in (open_button, demo_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
