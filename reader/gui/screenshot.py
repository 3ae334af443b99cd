"""``--screenshot``: wait until the reader is idle with its analysis on screen, save the window, quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.model import Analysis
from reader.gui.controller import Controller
from reader.gui.mainwindow import MainWindow

POLL_MS = 100


class ScreenshotOnReady(QObject):
    """Saves ``window`` to ``path`` once no file is loading and no analysis is running (or at the timeout).

    ``exit_code`` is 0 when the picture shows what was asked for (an analysis, or fewer than two sources
    to analyse) and 1 when the analysis failed, the time ran out or the picture could not be saved.
    """

    def __init__(self, window: MainWindow, controller: Controller, path: Path,
                 timeout_ms: int, settle_ms: int) -> None:
        super().__init__(window)
        self.exit_code = 1
        self._window = window
        self._controller = controller
        self._path = path
        self._settle_ms = settle_ms
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._save_when_idle)
        self._poll.start()
        controller.analysis_changed.connect(self._on_analysis)
        QTimer.singleShot(timeout_ms, self._save_and_quit)

    def _on_analysis(self, analysis: Analysis | None) -> None:
        if analysis is None:
            return
        view = self._window.views.comparison  # the detail pane shows a contested link, else a claim
        if view.index is not None and view.index.ordered_contested:
            view.next_contested()
        else:
            view.next_difference()

    def _save_when_idle(self) -> None:
        controller = self._controller
        if controller.io.is_busy() or controller.is_running():
            return
        self._poll.stop()
        shown = controller.analysis is not None or controller.sources.rowCount() < 2
        self.exit_code = 0 if shown else 1
        QTimer.singleShot(self._settle_ms, self._save_and_quit)

    def _save_and_quit(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        if not self._window.grab().save(str(self._path)):
            self.exit_code = 1
        QApplication.quit()
