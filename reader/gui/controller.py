"""The Qt adapter of the ``Session``: runs its jobs on worker threads and turns its changes into signals.

Model work (loading the encoder, analysing, re-aligning) runs on the ``engine`` runner, reading files and
fetching URLs on the ``io`` runner, so a slow download never waits behind the model and vice versa. Any
change to the sources restarts the analysis: the runner cancels the old job and drops its outcome.
The controller orchestrates nothing itself: what to read, analyse or write is the session's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.autosave import Autosaver, Orphan
from reader.core.corrections import Correction
from reader.core.errors import ReaderError, describe
from reader.core.model import Analysis, CancelToken, Document
from reader.core.session import (
    Change,
    EncoderHolder,
    Job,
    Loaded,
    Outcome,
    Session,
    encoder_fields,
    read_inputs,
    read_source,
    voices_of,
)
from reader.core.sessionfile import write_session
from reader.core.settings import Settings
from reader.gui.inputs import Inputs
from reader.gui.sourcelist import SourceListModel
from reader.gui.tasks import Callbacks, TaskRunner

if TYPE_CHECKING:
    from reader.core.embed import Encoder

ANALYSIS = "analysis"
WARM_UP = "warm-up"
AUTOSAVE_DELAY_MS = 500  # after the last change: a kill loses at most this much


@dataclass(frozen=True)
class Problem:
    """What the error banner shows: what went wrong (file, URL, paste) and the reason."""

    subject: str
    reason: str

    @classmethod
    def of(cls, error: BaseException, subject: str) -> Problem:
        """The problem an exception tells: a ``ReaderError`` names its own subject."""
        if isinstance(error, ReaderError):
            return cls(error.subject or subject, error.reason)
        return cls(subject, describe(error))


class Controller(QObject):
    """The reader's commands over a ``Session``, without any widget (``encoder``: a loaded one, or None).

    Signals:
        sources_changed(list): the labels of the sources, in column order.
        analysis_changed(object): the new ``Analysis``, or None when there is none (fewer than 2 sources).
        progress(object): a ``Progress`` of the running analysis.
        running_changed(bool): an analysis started (True) or ended, failed or was cancelled (False).
        model_status(str): what the encoder is doing, for the status bar.
        problem(object): a ``Problem`` to show in the error banner.
        loaded(list): paths that loaded or were saved to (for the recent-files list).
        saved_changed(bool): whether the session matches its file (False: unsaved changes).
        notice(str): a short message for the status bar.
    """

    sources_changed = Signal(list)
    saved_changed = Signal(bool)
    analysis_changed = Signal(object)
    progress = Signal(object)
    running_changed = Signal(bool)
    model_status = Signal(str)
    problem = Signal(object)
    loaded = Signal(list)
    notice = Signal(str)

    def __init__(
        self, settings: Settings, encoder: Encoder | None = None, parent: QObject | None = None,
        autosaver: Autosaver | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = Session(settings)
        self.autosaver = autosaver or Autosaver()
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self.sources = SourceListModel(self.session, self)
        self.engine = TaskRunner(self)
        self.io = TaskRunner(self)
        self._encoder = EncoderHolder(settings, preloaded=encoder)
        self.session.observe(self._on_session_changed)

    @property
    def settings(self) -> Settings:
        """The session's analysis settings."""
        return self.session.settings

    @property
    def analysis(self) -> Analysis | None:
        """The analysis shown (None while there is none)."""
        return self.session.analysis

    def _on_session_changed(self, change: Change) -> None:
        if change is Change.SOURCES:
            self.sources_changed.emit(self.session.labels())
            self.analysis_changed.emit(None)
            self.restart()
        elif change is Change.LABELS:
            self.sources_changed.emit(self.session.labels())
            if self.session.analysis is not None:
                self.analysis_changed.emit(self.session.analysis)
        elif change is Change.CORRECTIONS:
            self._apply_corrections()
        elif change is Change.ANALYSIS:
            self.analysis_changed.emit(self.session.analysis)
        if change is Change.SAVED:
            self.autosaver.discard()
        elif change is not Change.ANALYSIS:
            self._autosave_timer.start()
        self.saved_changed.emit(not self.session.modified)

    # --- saving --------------------------------------------------------------------------------------

    def save(self, path: Path) -> bool:
        """Write the session to ``path`` (a ``.framing`` file); False, with a ``Problem``, when it fails."""
        try:
            write_session(self.session.state(), path)
        except ReaderError as error:
            self.problem.emit(Problem.of(error, path.name))
            return False
        self.session.mark_saved(path)
        self.loaded.emit([str(path)])
        return True

    def autosave(self) -> None:
        """Write the autosave now if there are unsaved changes, else drop it (the debounce timer calls
        this a moment after each change, and the window as it closes)."""
        self._autosave_timer.stop()
        try:
            if self.session.modified:
                self.autosaver.save(self.session.state())
            else:
                self.autosaver.discard()
        except (ReaderError, OSError) as error:
            self.problem.emit(Problem.of(error, "autosave"))

    def restore(self, orphan: Orphan) -> None:
        """Take back the session an autosave of a gone process holds (it stays unsaved), then drop it."""
        try:
            state = orphan.read()
        except ReaderError as error:
            self.problem.emit(Problem.of(error, orphan.path.name))
            return
        self.session.restore(state)
        orphan.discard()

    def _report(self, subject: str):
        """A failure callback that shows the error in the banner, naming ``subject`` if it does not."""
        return lambda error: self.problem.emit(Problem.of(error, subject))

    # --- model ---------------------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load the encoder in the background so the first analysis starts at once."""
        self.model_status.emit(f"Loading model {self.settings.model}… (the first start prepares it once)")
        self.engine.submit(WARM_UP, lambda _cancel: self._encoder.warm_up(), Callbacks(
            success=lambda _encoder: self._report_model_ready(),
            failure=self._on_model_failed,
        ))

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings: another encoder means loading it and analysing again, a threshold re-aligns."""
        old = self.settings
        self.session.set_settings(settings)
        if encoder_fields(settings) != encoder_fields(old):
            self._encoder = EncoderHolder(settings)
            self.warm_up()
            self.restart()
        elif settings.threshold != old.threshold:
            self.set_threshold(settings.threshold)

    def _report_model_ready(self) -> None:
        encoder = self._encoder.loaded
        if encoder is not None:
            self.model_status.emit(f"Model ready: {encoder.name} ({encoder.route})")

    def _on_model_failed(self, error: BaseException) -> None:
        self.model_status.emit(f"Model unavailable: {self.settings.model}")
        self.problem.emit(Problem.of(error, f"model {self.settings.model}"))

    # --- inputs --------------------------------------------------------------------------------------

    def open_paths(self, paths: Sequence[str]) -> None:
        """Read files in the background; each unreadable file becomes a ``Problem``, the rest load."""
        paths = [str(p) for p in paths]
        self.io.submit(f"read:{'|'.join(paths)}", lambda cancel: read_inputs(paths, cancel), Callbacks(
            success=self._on_loaded, failure=self._report(", ".join(paths)),
        ))

    def open_inputs(self, inputs: Inputs, origin: str) -> None:
        """Load dropped or pasted inputs: files, URLs, or text labelled "<origin> text"."""
        if inputs.files:
            self.open_paths(inputs.files)
        for url in inputs.urls:
            self.open_url(url)
        if inputs.text:
            self.add_text(inputs.text, f"{origin} text")

    def open_url(self, url: str) -> None:
        """Fetch and extract an article in the background."""
        self.io.submit(f"fetch:{url}", lambda _cancel: read_source(url), Callbacks(
            success=lambda document: self._add([document]), failure=self._report(url),
        ))

    def add_text(self, text: str, label: str) -> None:
        """Add pasted or dropped text as a new source."""
        from reader.core.ingest import read_text

        try:
            self.session.add([read_text(text, label=label)])
        except ReaderError as error:
            self.problem.emit(Problem.of(error, label))

    def _on_loaded(self, loaded: Loaded) -> None:
        for error in loaded.problems:
            self.problem.emit(Problem.of(error, ""))
        if loaded.session is not None:
            path, state = loaded.session
            self.session.restore(state, path)
        skipped = self._add(loaded.documents)
        if skipped:
            self.notice.emit("Already open, not added again: " + ", ".join(d.label for d in skipped))
        self.loaded.emit(list(loaded.paths))

    def _add(self, documents: Sequence[Document]) -> list[Document]:
        """Add read documents to the session, showing what reading them had to guess (an encoding) in the
        banner; returns those already open."""
        for document in documents:
            for warning in document.warnings:
                self.problem.emit(Problem(document.label, warning))
        return self.session.add(documents)

    # --- sources -------------------------------------------------------------------------------------

    def remove_source(self, row: int) -> bool:
        """Drop the source at ``row``."""
        return self.session.remove(row)

    def move_source(self, row: int, delta: int) -> bool:
        """Move the source at ``row`` by ``delta`` columns."""
        return self.session.move(row, delta)

    def rename_source(self, row: int, label: str) -> bool:
        """Relabel the source at ``row`` (no re-analysis)."""
        return self.session.rename(row, label)

    def replace_sources(self, documents: Sequence[Document]) -> None:
        """Show exactly these documents (e.g. one article's voices)."""
        self.session.replace_all(documents)

    def split_into_voices(self, row: int) -> None:
        """Replace the sources with the voices quoted in the source at ``row`` (one column per speaker)."""
        documents = self.session.documents()
        if not 0 <= row < len(documents):
            return
        document = documents[row]
        self.io.submit("voices", lambda _cancel: voices_of(document), Callbacks(
            success=lambda voices: self._show_voices(document.label, voices, documents),
            failure=self._report(document.label),
        ))

    def _show_voices(self, label: str, voices: list[Document], before: Sequence[Document]) -> bool:
        try:
            self.session.show_voices(label, voices, before)
        except ReaderError as error:
            self.problem.emit(Problem.of(error, label))
            return False
        return True

    def open_voices(self, path: str) -> None:
        """Read one article and show the voices it quotes as the sources (``framing-reader --voices``);
        with fewer than two voices the article itself is shown."""

        def read_and_split(cancel: CancelToken) -> tuple[Loaded, list[Document]]:
            loaded = read_inputs([path], cancel)
            return loaded, voices_of(loaded.documents[0]) if loaded.documents else []

        self.io.submit(f"voices:{path}", read_and_split, Callbacks(
            success=lambda result: self._on_read_for_voices(*result), failure=self._report(path),
        ))

    def _on_read_for_voices(self, loaded: Loaded, voices: list[Document]) -> None:
        if loaded.documents and self._show_voices(loaded.documents[0].label, voices, loaded.documents):
            self.loaded.emit(list(loaded.paths))
        else:
            self._on_loaded(loaded)

    def restore_articles(self) -> None:
        """Undo "Split into Voices": show the articles that were loaded before the split."""
        self.session.restore_articles()

    def export(self, path: Path, fmt: str) -> None:
        """Write the current analysis as ``fmt`` to ``path`` in the background."""
        job = self.session.export_job(path, fmt)
        if job is not None:
            self.io.submit(f"export:{path}", job, Callbacks(
                success=lambda _none: self.notice.emit(f"Exported {path.name}"),
                failure=self._report(path.name),
            ))

    # --- analysis ------------------------------------------------------------------------------------

    def restart(self) -> None:
        """Analyse the current sources from scratch (cancels a running analysis, drops the shown one)."""
        if self.session.analysis is not None:
            self.session.accept(None)
        if not self.session.can_analyse():
            self.cancel()
            return
        self._submit_analysis(self.session.analysis_job(self._encoder))

    def set_threshold(self, threshold: float) -> None:
        """Re-align at ``threshold`` without re-embedding (or restart when an analysis is under way)."""
        self.session.set_settings(self.settings.with_changes(threshold=threshold))
        job = self.session.realign_job()
        if job is None or self.is_running():
            self.restart()
        else:
            self._submit_analysis(job)

    def correct(self, correction: Correction) -> None:
        """Give a verdict on a pair of sentences (re-applies the corrections in the background)."""
        self.session.correct(correction)

    def set_corrections(self, corrections: Sequence[Correction]) -> None:
        """Use exactly these corrections (undo and redo)."""
        self.session.set_corrections(corrections)

    def _apply_corrections(self) -> None:
        job = self.session.correction_job()
        if job is not None and not self.is_running():
            self._submit_analysis(job)

    def cancel(self) -> None:
        """Stop the running analysis; the sources and the last analysis stay."""
        self.engine.cancel(ANALYSIS)

    def is_running(self) -> bool:
        """True while an analysis or re-alignment is pending."""
        return self.engine.is_busy(ANALYSIS)

    def _submit_analysis(self, work: Job) -> None:
        self.engine.submit(ANALYSIS, work, Callbacks(
            success=self._on_analysed,
            failure=self._on_analysis_failed,
            progress=self.progress.emit,
            cancelled=lambda: self.running_changed.emit(False),
        ))
        self.running_changed.emit(True)

    def _on_analysed(self, outcome: Outcome) -> None:
        self.running_changed.emit(False)
        self._report_model_ready()
        self.session.accept(outcome)
        if outcome.corrections != self.session.corrections:  # a verdict given while the job ran
            self._apply_corrections()

    def _on_analysis_failed(self, error: BaseException) -> None:
        self.running_changed.emit(False)
        self.problem.emit(Problem.of(error, "analysis"))
