"""The reader's state without Qt: the sources, the settings, the current analysis, and the operations.

Both faces drive a ``Session``: the CLI fills one and drains its analysis on the spot; the window's
controller runs the same jobs on its worker threads and hands the outcomes back with ``accept_analysis``.
A job is a function of a ``CancelToken`` built from a snapshot of the session, so a worker never touches
the live state. Observers hear every change as a ``Change`` (to redraw, re-analyse or autosave).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, overload

from reader.core.corrections import Correction, SentenceKey, sentence_key, with_correction
from reader.core.errors import ReaderError
from reader.core.model import Analysis, CancelToken, Document, Progress, SentenceRef
from reader.core.settings import Settings

if TYPE_CHECKING:
    from reader.core.embed import Encoder

WARM_UP_SENTENCE = "Framing Reader compares how sources tell one story."
FEW_VOICES = "fewer than two voices found: nothing to split"
Job = Callable[[CancelToken], object]


class Change(StrEnum):
    """What changed in a session."""

    SOURCES = "sources"  # added, removed, reordered or replaced: the analysis must be redone
    LABELS = "labels"  # renamed only: the analysis is relabelled
    SETTINGS = "settings"
    CORRECTIONS = "corrections"  # a manual link verdict given or taken back: the analysis is re-corrected
    ANALYSIS = "analysis"
    SAVED = "saved"  # written to (or read from) a session file: nothing unsaved


@dataclass(frozen=True)
class State:
    """What a session file keeps: the sources, the settings and the manual corrections."""

    documents: tuple[Document, ...]
    settings: Settings
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What an analysis job hands back: the aligner's analysis and the one shown (corrections laid over)."""

    base: Analysis
    shown: Analysis
    corrections: tuple[Correction, ...]  # those laid over ``base`` to make ``shown``


def corrected(base: Analysis, corrections: tuple[Correction, ...]) -> Outcome:
    """The outcome of ``base`` with ``corrections`` applied."""
    from reader.core.corrections import apply_corrections

    return Outcome(base, apply_corrections(base, corrections), corrections)


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading several inputs: what loaded (and from where), what did not, and the session
    file among them, if one was opened."""

    documents: tuple[Document, ...]
    paths: tuple[str, ...]
    problems: tuple[ReaderError, ...]
    session: tuple[Path, State] | None = None


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
                from reader.core.embed import settings_encoder

                self._encoder = settings_encoder(self.settings)
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


def encoder_fields(settings: Settings) -> tuple[str, str, str, bool]:
    """The settings that select an encoder (another value means loading another one)."""
    return settings.model, settings.route, settings.precision, settings.use_cache


class Session:
    """An ordered list of sources with unique labels, the settings, and the analysis of those sources."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._documents: list[Document] = []
        self.corrections: tuple[Correction, ...] = ()
        self.base: Analysis | None = None  # as aligned, before the corrections
        self.analysis: Analysis | None = None  # as shown
        self.articles_before_split: tuple[Document, ...] = ()
        self.path: Path | None = None  # the session file it was saved to or opened from
        self.modified = False  # changed since it was saved or opened
        self._observers: list[Callable[[Change], None]] = []

    # --- observing -----------------------------------------------------------------------------------

    def observe(self, observer: Callable[[Change], None]) -> None:
        """Call ``observer`` with each ``Change`` from now on."""
        self._observers.append(observer)

    def _changed(self, change: Change) -> None:
        if change not in (Change.ANALYSIS, Change.SAVED):
            self.modified = True
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
        fresh, skipped = [], []
        for document in documents:
            (skipped if document.origin and document.origin in open_origins else fresh).append(document)
            open_origins.add(document.origin)
        if fresh:
            self._documents += self._labelled(fresh)
            self._sources_changed()
        return skipped

    def replace_all(self, documents: Sequence[Document]) -> None:
        """Swap the whole list (e.g. a source split into its voices)."""
        self._documents = []
        self._documents = self._labelled(documents)
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
        self._documents[row] = self._labelled([replace(self._documents[row], label=label)])[0]
        self.base, self.analysis = (relabelled(a, self._documents) for a in (self.base, self.analysis))
        self._changed(Change.LABELS)
        return True

    def _labelled(self, documents: Iterable[Document]) -> list[Document]:
        """``documents`` with labels unique among themselves and the open sources ("Fox", "Fox (2)", …)."""
        taken = {d.label for d in self._documents}
        next_number: dict[str, int] = {}
        labelled = []
        for document in documents:
            base = document.label or "Untitled"
            candidate, n = base, next_number.get(base, 2)
            while candidate in taken:
                candidate, n = f"{base} ({n})", n + 1
            next_number[base] = n
            taken.add(candidate)
            labelled.append(replace(document, label=candidate))
        return labelled

    def _sources_changed(self) -> None:
        self.base = self.analysis = None
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
        """The analysis of the current sources as a worker job (a generator of ``Progress``, returning
        an ``Outcome``)."""
        documents, settings, corrections = self.documents(), self.settings, self.corrections

        def work(cancel: CancelToken) -> Generator[Progress, None, Outcome]:
            from reader.core.pipeline import run_steps

            yield Progress("model", 0, 1, "Loading the model")
            base = yield from run_steps(documents, settings, encoder.get(), cancel)
            return corrected(base, corrections)

        return work

    def realign_job(self) -> Job | None:
        """Re-aligning the current analysis at the settings' threshold (a generator of ``Progress``, as
        ``analysis_job``: a newer threshold cancels it between steps), or None when there is none."""
        base, threshold, corrections = self.base, self.settings.threshold, self.corrections
        if base is None:
            return None

        def work(cancel: CancelToken) -> Generator[Progress, None, Outcome]:
            from reader.core.pipeline import realign_steps

            return corrected((yield from realign_steps(base, threshold, cancel)), corrections)

        return work

    def correction_job(self) -> Job | None:
        """Laying the current corrections over the aligned analysis, or None when there is none."""
        base, corrections = self.base, self.corrections
        return None if base is None else lambda _cancel: corrected(base, corrections)

    def accept(self, outcome: Outcome | None) -> None:
        """Show what a job finished (relabelled: only renames can have happened since it began)."""
        self.base = self.analysis = None
        if outcome is not None:
            self.base = relabelled(outcome.base, self._documents)
            self.analysis = relabelled(outcome.shown, self._documents)
        self._changed(Change.ANALYSIS)

    def analyse(self, encoder: Encoder, on_progress: Callable[[Progress], None] | None = None) -> Analysis:
        """Analyse the sources here and now (the CLI's way), reporting progress to ``on_progress``."""
        from reader.core.pipeline import analyse

        base = analyse(self.documents(), self.settings, encoder, on_progress)
        self.accept(corrected(base, self.corrections))
        assert self.analysis is not None
        return self.analysis

    # --- corrections ---------------------------------------------------------------------------------

    def key_of(self, ref: SentenceRef) -> SentenceKey:
        """The key of a sentence of the analysis shown (there must be one)."""
        assert self.analysis is not None
        return sentence_key(self.analysis, ref)

    def correct(self, new: Correction) -> None:
        """Give a verdict on a pair of sentences (replacing any earlier one on that pair)."""
        self.set_corrections(with_correction(self.corrections, new))

    def set_corrections(self, corrections: Sequence[Correction]) -> None:
        """Use exactly these corrections (undo and redo restore a list)."""
        if tuple(corrections) != self.corrections:
            self.corrections = tuple(corrections)
            self._changed(Change.CORRECTIONS)

    # --- saving --------------------------------------------------------------------------------------

    def state(self) -> State:
        """What a session file keeps of this session."""
        return State(self.documents(), self.settings, self.corrections)

    def restore(self, state: State, path: Path | None = None) -> None:
        """Take the sources, settings and corrections of a saved session (``path``: the file it came
        from, None for a recovered autosave, which stays unsaved)."""
        self.settings, self.corrections, self.articles_before_split = state.settings, state.corrections, ()
        self._changed(Change.SETTINGS)
        self.replace_all(state.documents)
        if path is not None:
            self.mark_saved(path)

    def merge(self, state: State) -> None:
        """Add a saved session's sources and corrections to this one, and take its settings."""
        self.set_settings(state.settings)
        self.set_corrections((*self.corrections, *state.corrections))
        self.add(state.documents)

    def mark_saved(self, path: Path) -> None:
        """Note that the session now matches the file at ``path``."""
        self.path, self.modified = path, False
        self._changed(Change.SAVED)

    def export_job(self, path: Path, fmt: str) -> Job | None:
        """Writing the current analysis as ``fmt`` to ``path``, or None when there is no analysis."""
        analysis = self.analysis
        if analysis is None:
            return None
        return lambda _cancel: write_export(analysis, path, fmt)


@overload
def relabelled(analysis: Analysis, documents: Sequence[Document]) -> Analysis: ...
@overload
def relabelled(analysis: None, documents: Sequence[Document]) -> None: ...
def relabelled(analysis: Analysis | None, documents: Sequence[Document]) -> Analysis | None:
    """``analysis`` with the labels of ``documents`` (the same sources, in the same order)."""
    if analysis is None:
        return None
    segmented = tuple(
        replace(s, document=replace(s.document, label=d.label))
        for s, d in zip(analysis.documents, documents, strict=True)
    )
    return replace(analysis, documents=segmented)


# --- jobs that read or write -------------------------------------------------------------------------


def read_inputs(paths: Sequence[str], cancel: CancelToken) -> Loaded:
    """Read every path, collecting the documents (or the session, from a ``.framing`` file) and a typed
    error per unreadable one."""
    from reader.core.ingest import read_path
    from reader.core.sessionfile import is_session_path, read_session

    documents: list[Document] = []
    loaded: list[str] = []
    problems: list[ReaderError] = []
    session = None
    for path in paths:
        cancel.check()
        try:
            if is_session_path(path):
                session = (Path(path), read_session(Path(path)))
            else:
                documents.append(read_path(path))
        except ReaderError as error:
            problems.append(error)
        else:
            loaded.append(path)
    return Loaded(tuple(documents), tuple(loaded), tuple(problems), session)


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
    """Write ``analysis`` rendered as ``fmt`` to ``path`` atomically (a reader never sees half of it)."""
    from reader.core.errors import OutputError
    from reader.core.export import render
    from reader.core.sessionfile import atomic_write

    text = render(analysis, fmt)
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(path.name, f"cannot write ({error.strerror or error})") from error
    except (UnicodeError, ValueError) as error:  # a name the file system cannot take (NUL, bad bytes)
        raise OutputError(path.name, "cannot write (not a valid file name)") from error
