"""``--screenshot``: wait until the analysis is on screen, save a picture of the window, quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.model import Analysis
from reader.gui.controller import Controller
from reader.gui.mainwindow import MainWindow


class ScreenshotOnReady(QObject):
    """Saves ``window`` to ``path`` once an analysis is shown (or it failed, or ``timeout_ms`` passed).

    ``exit_code`` is 0 when the picture shows an analysis, 1 otherwise.
    """

    def __init__(self, window: MainWindow, controller: Controller, path: Path,
                 timeout_ms: int, settle_ms: int) -> None:
        super().__init__(window)
        self.exit_code = 1
        self._window = window
        self._controller = controller
        self._path = path
        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._settle.timeout.connect(self._save_and_quit)
        controller.analysis_changed.connect(self._on_analysis)
        controller.running_changed.connect(self._on_running)
        QTimer.singleShot(timeout_ms, self._save_and_quit)

    def _on_analysis(self, analysis: Analysis | None) -> None:
        if analysis is not None:
            self.exit_code = 0
            self._window.views.comparison.next_difference()  # the detail pane shows a claim, too
            self._settle.start()

    def _on_running(self, running: bool) -> None:
        """An analysis that ended without a result (failed) is pictured too, with its error banner."""
        if not running and self._controller.analysis is None:
            self._settle.start()

    def _save_and_quit(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        if not self._window.grab().save(str(self._path)):
            self.exit_code = 1
        QApplication.quit()
