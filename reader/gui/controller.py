"""Holds the sources and the current ``Analysis``; turns the window's commands into background tasks.

Model work (loading the encoder, analysing, re-aligning) runs on the ``engine`` runner, reading files and
fetching URLs on the ``io`` runner, so a slow download never waits behind the model and vice versa. Any
change to the sources restarts the analysis: the runner cancels the old job and drops its outcome.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.core.model import Analysis, CancelToken, Document, Progress
from reader.core.settings import Settings
from reader.gui.inputs import Inputs
from reader.gui.sourcelist import SourceListModel
from reader.gui.tasks import Callbacks, TaskRunner, describe_error

if TYPE_CHECKING:
    from reader.core.embed import Encoder
    from reader.core.pipeline import Steps

ANALYSIS = "analysis"
WARM_UP = "warm-up"
WARM_UP_SENTENCE = "Framing Reader compares how sources tell one story."


@dataclass(frozen=True)
class Problem:
    """Why one input could not be loaded: what it was (file, URL, paste) and the reason."""

    subject: str
    reason: str


FEW_VOICES = "fewer than two voices found: nothing to split"


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading several files at once: what loaded (and from where) and what did not."""

    documents: tuple[Document, ...]
    paths: tuple[str, ...]
    problems: tuple[Problem, ...]


class EncoderHolder:
    """Loads the encoder once, on whichever worker first needs it (never on the GUI thread)."""

    def __init__(self, settings: Settings, preloaded: Encoder | None = None) -> None:
        self.settings = settings
        self._encoder = preloaded
        self._lock = threading.Lock()

    def get(self) -> Encoder:
        """The encoder, loading it on first use (slow: imports the model's runtime)."""
        with self._lock:
            if self._encoder is None:
                from reader.core.embed import load_encoder

                model, route, cache = _encoder_fields(self.settings)
                self._encoder = load_encoder(model, route, cache)
            return self._encoder

    @property
    def loaded(self) -> Encoder | None:
        """The encoder once it has been loaded, else None."""
        return self._encoder

    def warm_up(self) -> Encoder:
        """Load the encoder and its runtime by encoding one sentence past any vector cache."""
        encoder = self.get()
        getattr(encoder, "inner", encoder).encode([WARM_UP_SENTENCE])
        return encoder


def read_inputs(paths: Sequence[str], cancel: CancelToken) -> Loaded:
    """Read every path, collecting the documents and a ``Problem`` per unreadable one."""
    from reader.core.ingest import read_path

    documents: list[Document] = []
    loaded: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        cancel.check()
        try:
            documents.append(read_path(Path(path)))
        except Exception as error:  # every unreadable input is reported, the others still load
            name = Path(path).name
            problems.append(Problem(name, describe_error(error).removeprefix(f"{name}: ")))
        else:
            loaded.append(path)
    return Loaded(tuple(documents), tuple(loaded), tuple(problems))


class Controller(QObject):
    """The reader's state and commands, without any widget (``encoder``: an already loaded one, or None).

    Signals:
        sources_changed(list): the labels of the sources, in column order.
        analysis_changed(object): the new ``Analysis``, or None when there is none (fewer than 2 sources).
        progress(object): a ``Progress`` of the running analysis.
        running_changed(bool): an analysis started (True) or ended, failed or was cancelled (False).
        model_status(str): what the encoder is doing, for the status bar.
        problem(object): a ``Problem`` to show in the error banner.
        loaded(list): paths that loaded (for the recent-files list).
        notice(str): a short message for the status bar.
    """

    sources_changed = Signal(list)
    analysis_changed = Signal(object)
    progress = Signal(object)
    running_changed = Signal(bool)
    model_status = Signal(str)
    problem = Signal(object)
    loaded = Signal(list)
    notice = Signal(str)

    def __init__(
        self, settings: Settings, encoder: Encoder | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.sources = SourceListModel(self)
        self.engine = TaskRunner(self)
        self.io = TaskRunner(self)
        self.analysis: Analysis | None = None
        self._encoder = EncoderHolder(settings, preloaded=encoder)
        self.articles_before_split: tuple[Document, ...] = ()
        self._connect_sources()

    def _connect_sources(self) -> None:
        for signal in (self.sources.rowsInserted, self.sources.rowsRemoved, self.sources.rowsMoved,
                       self.sources.modelReset):
            signal.connect(self._on_sources_changed)
        self.sources.dataChanged.connect(self._on_relabelled)

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
        old, self.settings = self.settings, settings
        if _encoder_fields(settings) != _encoder_fields(old):
            self._encoder = EncoderHolder(settings)
            self.warm_up()
            self.restart()
        elif settings.threshold != old.threshold:
            self.set_threshold(settings.threshold)

    def _report_model_ready(self) -> None:
        encoder = self._encoder.loaded
        if encoder is not None:
            self.model_status.emit(f"Model ready: {encoder.name} ({encoder.route})")

    def _on_model_failed(self, reason: str) -> None:
        self.model_status.emit(f"Model unavailable: {self.settings.model}")
        self.problem.emit(Problem(f"model {self.settings.model}", reason))

    # --- inputs --------------------------------------------------------------------------------------

    def open_paths(self, paths: Sequence[str]) -> None:
        """Read files in the background; each unreadable file becomes a ``Problem``, the rest load."""
        paths = [str(p) for p in paths]
        self.io.submit(f"read:{'|'.join(paths)}", lambda cancel: read_inputs(paths, cancel), Callbacks(
            success=self._on_loaded,
            failure=lambda reason: self.problem.emit(Problem(", ".join(paths), reason)),
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
        self.io.submit(f"fetch:{url}", lambda _cancel: _fetch(url), Callbacks(
            success=lambda document: self.sources.add([document]),
            failure=lambda reason: self.problem.emit(Problem(url, reason)),
        ))

    def add_text(self, text: str, label: str) -> None:
        """Add pasted or dropped text as a new source."""
        from reader.core.ingest import IngestError, read_text

        try:
            self.sources.add([read_text(text, label=label)])
        except IngestError as error:
            self.problem.emit(Problem(label, describe_error(error)))

    def replace_sources(self, documents: Sequence[Document]) -> None:
        """Show exactly these documents (e.g. one article's voices)."""
        self.sources.replace_all(list(documents))

    def split_into_voices(self, row: int) -> None:
        """Replace the sources with the voices quoted in the source at ``row`` (one column per speaker)."""
        documents = self.sources.documents()
        if not 0 <= row < len(documents):
            return
        document = documents[row]
        self.io.submit("voices", lambda _cancel: _voices(document), Callbacks(
            success=lambda voices: self._on_voices(document, voices),
            failure=lambda reason: self.problem.emit(Problem(document.label, reason)),
        ))

    def _on_voices(self, document: Document, voices: list[Document]) -> None:
        self._show_voices(document.label, voices, self.sources.documents())

    def _show_voices(self, label: str, voices: list[Document], before: Sequence[Document]) -> bool:
        """Make ``voices`` the sources, keeping ``before`` for ``restore_articles``; a ``Problem`` and
        False when there are fewer than two."""
        if len(voices) < 2:
            self.problem.emit(Problem(label, FEW_VOICES))
            return False
        self.articles_before_split = tuple(before)
        self.replace_sources(voices)
        return True

    def open_voices(self, path: str) -> None:
        """Read one article and show the voices it quotes as the sources (``framing-reader --voices``);
        with fewer than two voices the article itself is shown."""

        def read_and_split(cancel: CancelToken) -> tuple[Loaded, list[Document]]:
            loaded = read_inputs([path], cancel)
            return loaded, _voices(loaded.documents[0]) if loaded.documents else []

        self.io.submit(f"voices:{path}", read_and_split, Callbacks(
            success=lambda result: self._on_read_for_voices(*result),
            failure=lambda reason: self.problem.emit(Problem(path, reason)),
        ))

    def _on_read_for_voices(self, loaded: Loaded, voices: list[Document]) -> None:
        if loaded.documents and self._show_voices(loaded.documents[0].label, voices, loaded.documents):
            self.loaded.emit(list(loaded.paths))
        else:
            self._on_loaded(loaded)

    def restore_articles(self) -> None:
        """Undo "Split into Voices": show the articles that were loaded before the split."""
        if self.articles_before_split:
            self.replace_sources(self.articles_before_split)
            self.articles_before_split = ()

    def _on_loaded(self, loaded: Loaded) -> None:
        for problem in loaded.problems:
            self.problem.emit(problem)
        open_origins = {d.origin for d in self.sources.documents() if d.origin}
        fresh = [d for d in loaded.documents if not d.origin or d.origin not in open_origins]
        if len(fresh) < len(loaded.documents):
            self.notice.emit("Already open, not added again: " + ", ".join(
                d.label for d in loaded.documents if d not in fresh))
        self.sources.add(fresh)
        self.loaded.emit(list(loaded.paths))

    def export(self, path: Path, fmt: str) -> None:
        """Write the current analysis as ``fmt`` ("html", "md" or "json") to ``path`` in the background."""
        analysis = self.analysis
        if analysis is None:
            return
        self.io.submit(f"export:{path}", lambda _cancel: _write_export(analysis, path, fmt), Callbacks(
            success=lambda _none: self.notice.emit(f"Exported {path.name}"),
            failure=lambda reason: self.problem.emit(Problem(path.name, reason)),
        ))

    # --- analysis ------------------------------------------------------------------------------------

    def restart(self) -> None:
        """Analyse the current sources from scratch (cancels a running analysis, drops the shown one)."""
        documents = self.sources.documents()
        if self.analysis is not None:
            self._set_analysis(None)
        if len(documents) < 2:
            self.cancel()
            return
        settings, encoder = self.settings, self._encoder
        self._submit_analysis(lambda cancel: _analyse(documents, settings, encoder, cancel))

    def set_threshold(self, threshold: float) -> None:
        """Re-align at ``threshold`` without re-embedding (or restart when an analysis is under way)."""
        self.settings = self.settings.with_changes(threshold=threshold)
        analysis = self.analysis
        if analysis is None or self.is_running():
            self.restart()
            return
        self._submit_analysis(lambda _cancel: _realign(analysis, threshold))

    def cancel(self) -> None:
        """Stop the running analysis; the sources and the last analysis stay."""
        self.engine.cancel(ANALYSIS)

    def is_running(self) -> bool:
        """True while an analysis or re-alignment is pending."""
        return self.engine.is_busy(ANALYSIS)

    def _submit_analysis(self, work: Callable[[CancelToken], object]) -> None:
        self.engine.submit(ANALYSIS, work, Callbacks(
            success=self._on_analysed,
            failure=self._on_analysis_failed,
            progress=self.progress.emit,
            cancelled=lambda: self.running_changed.emit(False),
        ))
        self.running_changed.emit(True)

    def _on_analysed(self, analysis: Analysis) -> None:
        """Only a rename can have happened since the job started (anything else restarts it)."""
        self.running_changed.emit(False)
        self._report_model_ready()
        self._set_analysis(_relabel(analysis, self.sources.documents()))

    def _on_analysis_failed(self, reason: str) -> None:
        self.running_changed.emit(False)
        self.problem.emit(Problem("analysis", reason))

    def _set_analysis(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        self.analysis_changed.emit(analysis)

    def _on_sources_changed(self, *_args: object) -> None:
        self.sources_changed.emit(self.sources.labels())
        self.restart()

    def _on_relabelled(self, *_args: object) -> None:
        """A rename changes labels only: relabel the analysis instead of running it again."""
        self.sources_changed.emit(self.sources.labels())
        if self.analysis is not None:
            self._set_analysis(_relabel(self.analysis, self.sources.documents()))


def _encoder_fields(settings: Settings) -> tuple[str, str, bool]:
    return settings.model, settings.route, settings.use_cache


def _analyse(documents: Sequence[Document], settings: Settings, encoder: EncoderHolder,
             cancel: CancelToken) -> Steps:
    """The worker's analysis job: a generator of ``Progress`` returning the ``Analysis``."""
    from reader.core.pipeline import run_steps

    yield Progress("model", 0, 1, "Loading the model")
    return (yield from run_steps(documents, settings, encoder.get(), cancel))


def _realign(analysis: Analysis, threshold: float) -> Analysis:
    from reader.core.pipeline import realign

    return realign(analysis, threshold)


def _voices(document: Document) -> list[Document]:
    from reader.core.framing.voices import voices_as_documents
    from reader.core.segment import segment

    return voices_as_documents(segment(document))


def _write_export(analysis: Analysis, path: Path, fmt: str) -> None:
    from reader.core.export import render

    path.write_text(render(analysis, fmt), encoding="utf-8")


def _fetch(url: str) -> Document:
    from reader.core.ingest import fetch_url

    return fetch_url(url)


def _relabel(analysis: Analysis, documents: Sequence[Document]) -> Analysis:
    segmented = tuple(
        replace(s, document=replace(s.document, label=d.label))
        for s, d in zip(analysis.documents, documents, strict=True)
    )
    return replace(analysis, documents=segmented)
