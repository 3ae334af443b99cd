"""The window's commands on the session as a whole: Save, Save As, the recovery offer, and the manual
link corrections with their undo stack (Edit ▸ Undo / Redo)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMenu

from reader.core.autosave import Orphan
from reader.core.corrections import Verdict, correction
from reader.core.errors import ReaderError
from reader.core.sessionfile import SUFFIX
from reader.gui.controller import Problem
from reader.gui.recovery import RestoreBar
from reader.gui.undo import VERDICT_NAMES, CorrectionCommand

if TYPE_CHECKING:
    from reader.gui.mainwindow import MainWindow

SESSION_FILTER = f"Framing Reader comparisons (*{SUFFIX})"
PICK_TWO = "Click a sentence in one column, then one in another, and choose the command again"


class SessionCommands:
    """Save / Save As, restore after a crash, and undoable link corrections, for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller = window.controller
        self.undo_stack = QUndoStack(window)
        self.restore_bar = RestoreBar(window)
        self.restore_bar.restore.connect(self.controller.restore)
        self.restore_bar.discard.connect(lambda orphan: orphan.discard())
        self.controller.saved_changed.connect(lambda _saved: self.show_title())
        self.controller.sources_changed.connect(lambda _labels: self.show_title())

    # --- menus ---------------------------------------------------------------------------------------

    def add_file_actions(self, menu: QMenu) -> None:
        """File ▸ Save and Save As…."""
        key = QKeySequence.StandardKey
        self.window._action(menu, "&Save", self.save, key.Save)
        self.window._action(menu, "Save &As…", self.save_as, "Ctrl+Alt+S")

    def add_edit_actions(self, menu: QMenu) -> None:
        """Edit ▸ Undo, Redo and the three corrections of the two sentences last clicked."""
        undo = self.undo_stack.createUndoAction(self.window, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self.window, "&Redo")
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        menu.addActions([undo, redo])
        menu.addSeparator()
        for verdict, keys in ((Verdict.LINK, "Ctrl+K"), (Verdict.UNLINK, "Ctrl+Shift+K"),
                              (Verdict.CONTESTED, "Ctrl+Alt+K")):
            command = VERDICT_NAMES[verdict]
            self.window._action(menu, command, lambda _=False, v=verdict: self.correct(v), keys)
        menu.addSeparator()

    # --- commands ------------------------------------------------------------------------------------

    def save(self) -> bool:
        """File ▸ Save: to the session's own file, or ask for one."""
        path = self.controller.session.path
        return self.controller.save(path) if path is not None else self.save_as()

    def save_as(self) -> bool:
        """File ▸ Save As…: choose a ``.framing`` file and save there."""
        chosen, _ = QFileDialog.getSaveFileName(self.window, "Save comparison", f"comparison{SUFFIX}",
                                                SESSION_FILTER)
        if not chosen:
            return False
        path = Path(chosen)
        return self.controller.save(path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX))

    def correct(self, verdict: Verdict) -> None:
        """Give ``verdict`` on the two sentences last clicked in two columns (undoable)."""
        pair = self.window.views.comparison.clicked_pair
        session = self.controller.session
        if pair is None or session.analysis is None:
            self.window.statusBar().showMessage(PICK_TWO, 8000)
            return
        keys = [session.key_of(ref) for ref in pair]
        self.undo_stack.push(CorrectionCommand(self.controller, correction(*keys, verdict)))
        self.window.statusBar().showMessage(f"{VERDICT_NAMES[verdict]}: done (Ctrl+Z undoes it)", 8000)

    def offer_recovery(self) -> None:
        """At start: offer the newest autosave a gone process left, if there is one that can be read."""
        for orphan in self.controller.autosaver.orphans():
            if self._offer(orphan):
                return

    def _offer(self, orphan: Orphan) -> bool:
        try:
            state = orphan.read()
        except ReaderError as error:
            self.window.show_problem(Problem(orphan.path.name, f"{error.reason}; the autosave is set aside"))
            orphan.set_aside()
            return False
        self.restore_bar.offer(orphan, len(state.documents))
        return True

    def show_title(self) -> None:
        """The window title: the sources (or the file's name) and a star while there are unsaved changes."""
        session = self.controller.session
        labels = session.labels()
        name = session.path.name if session.path else " · ".join(labels)
        star = "*" if session.modified and labels else ""
        self.window.setWindowTitle(f"{star}{name} — Framing Reader" if labels else "Framing Reader")
