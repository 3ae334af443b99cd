"""The reader's state without Qt: the sources, the settings, the current analysis, and the operations.

Both faces drive a ``Session``: the CLI fills one and drains its analysis on the spot; the window's
controller runs the same jobs on its worker threads and hands the outcomes back with ``accept_analysis``.
A job is a function of a ``CancelToken`` built from a snapshot of the session, so a worker never touches
the live state. Observers hear every change as a ``Change`` (to redraw, re-analyse or autosave).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import IngestError, ReaderError
from reader.core.model import Analysis, CancelToken, Document, Progress
from reader.core.settings import Settings

if TYPE_CHECKING:
    from reader.core.embed import Encoder
    from reader.core.pipeline import Steps

WARM_UP_SENTENCE = "Framing Reader compares how sources tell one story."
FEW_VOICES = "fewer than two voices found: nothing to split"
Job = Callable[[CancelToken], object]


class Change(StrEnum):
    """What changed in a session."""

    SOURCES = "sources"  # added, removed, reordered or replaced: the analysis must be redone
    LABELS = "labels"  # renamed only: the analysis is relabelled
    SETTINGS = "settings"
    ANALYSIS = "analysis"


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading several inputs: what loaded (and from where) and what did not."""

    documents: tuple[Document, ...]
    paths: tuple[str, ...]
    problems: tuple[ReaderError, ...]


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

                model, route, cache = encoder_fields(self.settings)
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


def encoder_fields(settings: Settings) -> tuple[str, str, bool]:
    """The settings that select an encoder (another value means loading another one)."""
    return settings.model, settings.route, settings.use_cache


class Session:
    """An ordered list of sources with unique labels, the settings, and the analysis of those sources."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._documents: list[Document] = []
        self.analysis: Analysis | None = None
        self.articles_before_split: tuple[Document, ...] = ()
        self._observers: list[Callable[[Change], None]] = []

    # --- observing -----------------------------------------------------------------------------------

    def observe(self, observer: Callable[[Change], None]) -> None:
        """Call ``observer`` with each ``Change`` from now on."""
        self._observers.append(observer)

    def _changed(self, change: Change) -> None:
        for observer in list(self._observers):
            observer(change)

    # --- sources -------------------------------------------------------------------------------------

    def documents(self) -> tuple[Document, ...]:
        """The sources in column order."""
        return tuple(self._documents)

    def labels(self) -> list[str]:
        """The sources' labels in column order."""
        return [d.label for d in self._documents]

    def add(self, documents: Iterable[Document]) -> list[Document]:
        """Append sources not open yet (same origin), each label made unique; returns those skipped."""
        open_origins = {d.origin for d in self._documents if d.origin}
        skipped, added = [], 0
        for document in documents:
            if document.origin and document.origin in open_origins:
                skipped.append(document)
                continue
            open_origins.add(document.origin)
            self._documents.append(replace(document, label=self._unique_label(document.label)))
            added += 1
        if added:
            self._sources_changed()
        return skipped

    def replace_all(self, documents: Sequence[Document]) -> None:
        """Swap the whole list (e.g. a source split into its voices)."""
        self._documents = []
        for document in documents:
            self._documents.append(replace(document, label=self._unique_label(document.label)))
        self._sources_changed()

    def remove(self, row: int) -> bool:
        """Drop the source at ``row``; False when there is none."""
        if not 0 <= row < len(self._documents):
            return False
        del self._documents[row]
        self._sources_changed()
        return True

    def move(self, row: int, delta: int) -> bool:
        """Move the source at ``row`` by ``delta`` places (-1 left, +1 right); False when it cannot."""
        target = row + delta
        if delta == 0 or not (0 <= row < len(self._documents) and 0 <= target < len(self._documents)):
            return False
        self._documents.insert(target, self._documents.pop(row))
        self._sources_changed()
        return True

    def rename(self, row: int, label: str) -> bool:
        """Give the source at ``row`` a new, non-empty, unique label (the analysis is relabelled)."""
        label = label.strip()
        if not label or not 0 <= row < len(self._documents) or label == self._documents[row].label:
            return False
        self._documents[row] = replace(self._documents[row], label=self._unique_label(label))
        if self.analysis is not None:
            self.analysis = relabelled(self.analysis, self._documents)
        self._changed(Change.LABELS)
        return True

    def _unique_label(self, label: str) -> str:
        taken = {d.label for d in self._documents}
        candidate, n = label or "Untitled", 2
        while candidate in taken:
            candidate, n = f"{label} ({n})", n + 1
        return candidate

    def _sources_changed(self) -> None:
        self.analysis = None
        self._changed(Change.SOURCES)

    # --- voices --------------------------------------------------------------------------------------

    def show_voices(self, label: str, voices: Sequence[Document], before: Sequence[Document]) -> None:
        """Make ``voices`` the sources, keeping ``before`` for ``restore_articles``.

        Raises ``ReaderError`` (and changes nothing) when there are fewer than two voices.
        """
        if len(voices) < 2:
            raise ReaderError(label, FEW_VOICES)
        self.articles_before_split = tuple(before)
        self.replace_all(voices)

    def restore_articles(self) -> bool:
        """Undo "Split into Voices": the articles that were loaded before the split; False when none."""
        if not self.articles_before_split:
            return False
        articles, self.articles_before_split = self.articles_before_split, ()
        self.replace_all(articles)
        return True

    # --- settings and analysis -----------------------------------------------------------------------

    def set_settings(self, settings: Settings) -> None:
        """Use new settings (the caller decides whether that means re-aligning or re-analysing)."""
        if settings != self.settings:
            self.settings = settings
            self._changed(Change.SETTINGS)

    def can_analyse(self) -> bool:
        """True when there are at least two sources to compare."""
        return len(self._documents) >= 2

    def analysis_job(self, encoder: EncoderHolder) -> Job:
        """The analysis of the current sources as a worker job (a generator of ``Progress``)."""
        documents, settings = self.documents(), self.settings

        def work(cancel: CancelToken) -> Steps:
            from reader.core.pipeline import run_steps

            yield Progress("model", 0, 1, "Loading the model")
            return (yield from run_steps(documents, settings, encoder.get(), cancel))

        return work

    def realign_job(self) -> Job | None:
        """Re-aligning the current analysis at the settings' threshold, or None when there is none."""
        analysis, threshold = self.analysis, self.settings.threshold
        if analysis is None:
            return None

        def work(_cancel: CancelToken) -> Analysis:
            from reader.core.pipeline import realign

            return realign(analysis, threshold)

        return work

    def accept_analysis(self, analysis: Analysis | None) -> None:
        """Show an analysis a job finished (relabelled: only renames can have happened since it began)."""
        self.analysis = None if analysis is None else relabelled(analysis, self._documents)
        self._changed(Change.ANALYSIS)

    def analyse(self, encoder: Encoder, on_progress: Callable[[Progress], None] | None = None) -> Analysis:
        """Analyse the sources here and now (the CLI's way), reporting progress to ``on_progress``."""
        from reader.core.pipeline import analyse

        self.accept_analysis(analyse(self.documents(), self.settings, encoder, on_progress))
        assert self.analysis is not None
        return self.analysis

    def export_job(self, path: Path, fmt: str) -> Job | None:
        """Writing the current analysis as ``fmt`` to ``path``, or None when there is no analysis."""
        analysis = self.analysis
        if analysis is None:
            return None
        return lambda _cancel: write_export(analysis, path, fmt)


def relabelled(analysis: Analysis, documents: Sequence[Document]) -> Analysis:
    """``analysis`` with the labels of ``documents`` (the same sources, in the same order)."""
    segmented = tuple(
        replace(s, document=replace(s.document, label=d.label))
        for s, d in zip(analysis.documents, documents, strict=True)
    )
    return replace(analysis, documents=segmented)


# --- jobs that read or write -------------------------------------------------------------------------


def read_inputs(paths: Sequence[str], cancel: CancelToken) -> Loaded:
    """Read every path, collecting the documents and a typed error per unreadable one."""
    from reader.core.ingest import read_path

    documents: list[Document] = []
    loaded: list[str] = []
    problems: list[ReaderError] = []
    for path in paths:
        cancel.check()
        try:
            documents.append(read_path(path))
        except IngestError as error:
            problems.append(error)
        else:
            loaded.append(path)
    return Loaded(tuple(documents), tuple(loaded), tuple(problems))


def read_source(source: str, label: str | None = None) -> Document:
    """One source named on a command line: a URL (fetched), ``-`` (stdin) or a file."""
    from reader.core import ingest

    if not source.startswith(("http://", "https://")):
        return ingest.read_path(source, label=label)
    document = ingest.fetch_url(source)
    return document if label is None else replace(document, label=label)


def voices_of(document: Document) -> list[Document]:
    """The voices quoted in ``document``, one document per speaker."""
    from reader.core.framing.voices import voices_as_documents
    from reader.core.segment import segment

    return voices_as_documents(segment(document))


def write_export(analysis: Analysis, path: Path, fmt: str) -> None:
    """Write ``analysis`` rendered as ``fmt`` to ``path``."""
    from reader.core.errors import OutputError
    from reader.core.export import render

    text = render(analysis, fmt)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(path.name, f"cannot write ({error.strerror or error})") from error
