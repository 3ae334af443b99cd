"""Undo and redo of manual link corrections: each verdict is a ``QUndoCommand`` that swaps the session's
list of corrections (so undoing restores exactly the list before, whatever it replaced)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from reader.core.corrections import Correction, Verdict, with_correction
from reader.gui.controller import Controller

VERDICT_NAMES = {Verdict.LINK: "Link Sentences", Verdict.UNLINK: "Unlink Sentences",
                 Verdict.CONTESTED: "Mark Link as Contested"}


class CorrectionCommand(QUndoCommand):
    """Give one verdict; undo puts the previous corrections back."""

    def __init__(self, controller: Controller, correction: Correction) -> None:
        super().__init__(VERDICT_NAMES[correction.verdict])
        self.controller = controller
        self.before = controller.session.corrections
        self.after = with_correction(self.before, correction)

    def redo(self) -> None:
        """Apply the verdict."""
        self.controller.set_corrections(self.after)

    def undo(self) -> None:
        """Take it back."""
        self.controller.set_corrections(self.before)
