"""The one background-work pattern of the GUI: a ``QRunnable`` per job on a private one-thread pool.

A job is a function of a ``CancelToken``. It may return a value, or a generator that yields ``Progress``
and returns the value (``reader.core.pipeline.run_steps`` is such a generator); the token is checked at
every yield. Jobs are submitted under a key ("analysis", "warm-up", …): a new job under a key cancels the
previous one, and a generation number drops the outcome of any job that is no longer the newest of its key.
Outcomes reach the callbacks on the GUI thread; jobs never touch a widget.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reader.core.model import Cancelled, CancelToken, Progress

Work = Callable[[CancelToken], Any]


@dataclass(frozen=True)
class Callbacks:
    """What to call on the GUI thread when a job reports."""

    success: Callable[[Any], None]
    failure: Callable[[Exception], None] | None = None
    progress: Callable[[Progress], None] | None = None
    cancelled: Callable[[], None] | None = None


class _Signals(QObject):
    """Carries a job's reports from the worker thread to the runner (QRunnable is not a QObject)."""

    progressed = Signal(int, object)
    succeeded = Signal(int, object)
    failed = Signal(int, object)
    cancelled = Signal(int)


class _Job(QRunnable):
    """Runs one ``Work`` on the pool thread and reports through ``_Signals``."""

    def __init__(self, generation: int, work: Work, token: CancelToken, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.generation = generation
        self.token = token
        self._work = work
        self._signals = signals

    def run(self) -> None:
        """Run the work; every outcome, including an exception, becomes a signal."""
        try:
            self.token.check()
            result = self._drain(self._work(self.token))
        except Cancelled:
            self._signals.cancelled.emit(self.generation)
        except Exception as error:  # any failure is reported, never raised into Qt
            self._signals.failed.emit(self.generation, error)
        else:
            self._signals.succeeded.emit(self.generation, result)

    def _drain(self, outcome: Any) -> Any:
        if not isinstance(outcome, Generator):
            return outcome
        while True:
            try:
                progress = next(outcome)
            except StopIteration as stop:
                return stop.value
            self.token.check()
            self._signals.progressed.emit(self.generation, progress)


@dataclass
class _Pending:
    key: str
    job: _Job
    callbacks: Callbacks


class TaskRunner(QObject):
    """Runs jobs one at a time off the GUI thread; the newest job of each key wins.

    Signals:
        busy_changed(bool): True while a job that has not been superseded or cancelled is pending.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progressed.connect(self._on_progress)
        self._signals.succeeded.connect(self._on_success)
        self._signals.failed.connect(self._on_failure)
        self._signals.cancelled.connect(self._on_cancelled)
        self._generations = itertools.count(1)
        self._live: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._running: dict[int, _Job] = {}

    def submit(self, key: str, work: Work, callbacks: Callbacks) -> int:
        """Queue ``work`` under ``key``, cancelling the job it supersedes; returns its generation."""
        self.cancel(key, notify=False)
        generation = next(self._generations)
        job = _Job(generation, work, CancelToken(), self._signals)
        self._live[generation] = _Pending(key, job, callbacks)
        self._running[generation] = job
        self._latest[key] = generation
        self._pool.start(job)
        self.busy_changed.emit(True)
        return generation

    def cancel(self, key: str, *, notify: bool = True) -> None:
        """Stop the job of ``key`` (at its next check) and drop its outcome; calls its ``cancelled``."""
        generation = self._latest.pop(key, None)
        pending = self._live.pop(generation, None) if generation is not None else None
        if pending is None:
            return
        pending.job.token.cancel()
        if self._pool.tryTake(pending.job):  # still queued: it never runs, so it never reports
            self._running.pop(generation, None)
        if notify:
            self._emit_busy()
            if pending.callbacks.cancelled:
                pending.callbacks.cancelled()

    def cancel_all(self) -> None:
        """Cancel every job (used when the window closes)."""
        for key in list(self._latest):
            self.cancel(key, notify=False)

    def is_busy(self, key: str | None = None) -> bool:
        """True while a live job (of ``key``, or of any key) is pending."""
        if key is None:
            return bool(self._live)
        return key in self._latest

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (tests and shutdown only)."""
        return self._pool.waitForDone(msecs)

    def _take(self, generation: int, final: bool) -> _Pending | None:
        if final:
            self._running.pop(generation, None)
            pending = self._live.pop(generation, None)
            if pending is not None:
                self._latest.pop(pending.key, None)
                self._emit_busy()
            return pending
        return self._live.get(generation)

    def _emit_busy(self) -> None:
        self.busy_changed.emit(bool(self._live))

    @Slot(int, object)
    def _on_progress(self, generation: int, progress: Progress) -> None:
        pending = self._take(generation, final=False)
        if pending and pending.callbacks.progress:
            pending.callbacks.progress(progress)

    @Slot(int, object)
    def _on_success(self, generation: int, result: Any) -> None:
        pending = self._take(generation, final=True)
        if pending:
            pending.callbacks.success(result)

    @Slot(int, object)
    def _on_failure(self, generation: int, error: Exception) -> None:
        pending = self._take(generation, final=True)
        if pending and pending.callbacks.failure:
            pending.callbacks.failure(error)

    @Slot(int)
    def _on_cancelled(self, generation: int) -> None:
        pending = self._take(generation, final=True)
        if pending and pending.callbacks.cancelled:
            pending.callbacks.cancelled()
