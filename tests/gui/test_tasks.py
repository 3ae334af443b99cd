"""The one worker pattern: outcomes on the GUI thread, progress, cancel, and stale results dropped."""

from __future__ import annotations

import threading

import pytest

from reader.core.model import Progress
from reader.gui.tasks import Callbacks, TaskRunner

pytestmark = pytest.mark.gui


class Recorder:
    """Collects what the runner reports, and on which thread."""

    def __init__(self) -> None:
        self.results: list[object] = []
        self.failures: list[Exception] = []
        self.progress: list[Progress] = []
        self.cancelled = 0
        self.threads: set[int] = set()

    def callbacks(self) -> Callbacks:
        return Callbacks(success=self._success, failure=self.failures.append,
                         progress=self.progress.append, cancelled=self._cancel)

    def _success(self, result: object) -> None:
        self.threads.add(threading.get_ident())
        self.results.append(result)

    def _cancel(self) -> None:
        self.cancelled += 1


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.cancel_all()
    runner.wait_for_done(5000)


def steps(n: int):
    for i in range(n):
        yield Progress("count", i + 1, n)
    return n * 10


def test_result_reaches_callback_on_gui_thread(qtbot, runner):
    recorder = Recorder()
    work_threads: list[int] = []

    def work(_cancel):
        work_threads.append(threading.get_ident())
        return 42

    runner.submit("job", work, recorder.callbacks())
    qtbot.waitUntil(lambda: recorder.results == [42])
    assert recorder.threads == {threading.get_ident()}
    assert work_threads and work_threads[0] != threading.get_ident()
    assert not runner.is_busy()


def test_generator_progress_and_return_value(qtbot, runner):
    recorder = Recorder()
    runner.submit("job", lambda _cancel: steps(3), recorder.callbacks())
    qtbot.waitUntil(lambda: recorder.results == [30])
    assert [p.done for p in recorder.progress] == [1, 2, 3]


def test_failure_is_reported_as_the_exception_raised(qtbot, runner):
    recorder = Recorder()
    error = ValueError("file.txt is empty")

    def work(_cancel):
        raise error

    runner.submit("job", work, recorder.callbacks())
    qtbot.waitUntil(lambda: recorder.failures == [error])
    assert recorder.results == []


def test_newer_job_of_same_key_drops_older_result(qtbot, runner):
    gate = threading.Event()
    first, second = Recorder(), Recorder()

    def slow(cancel):
        gate.wait(5)
        return "old"

    runner.submit("analysis", slow, first.callbacks())
    runner.submit("analysis", lambda _cancel: "new", second.callbacks())
    gate.set()
    qtbot.waitUntil(lambda: second.results == ["new"])
    runner.wait_for_done(5000)
    qtbot.wait(50)
    assert first.results == [] and first.cancelled == 0


def test_jobs_of_other_keys_all_complete(qtbot, runner):
    recorder = Recorder()
    runner.submit("a", lambda _cancel: 1, recorder.callbacks())
    runner.submit("b", lambda _cancel: 2, recorder.callbacks())
    qtbot.waitUntil(lambda: sorted(recorder.results) == [1, 2])


def test_cancel_stops_generator_and_reports_at_once(qtbot, runner):
    recorder = Recorder()
    gate = threading.Event()
    reached: list[int] = []

    def endless(_cancel):
        for i in range(1000):
            reached.append(i)
            gate.wait(5)
            yield Progress("loop", i, 1000)
        return "finished"

    runner.submit("job", endless, recorder.callbacks())
    qtbot.waitUntil(lambda: bool(reached))
    runner.cancel("job")
    assert recorder.cancelled == 1 and not runner.is_busy("job")
    gate.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)
    assert recorder.results == [] and len(reached) < 1000


def test_busy_changed_follows_live_jobs(qtbot, runner):
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    recorder = Recorder()
    runner.submit("job", lambda _cancel: None, recorder.callbacks())
    qtbot.waitUntil(lambda: recorder.results == [None])
    assert states[0] is True and states[-1] is False


def test_cancelled_job_still_queued_never_runs(qtbot, runner):
    gate = threading.Event()
    ran: list[str] = []
    runner.submit("first", lambda _cancel: gate.wait(5), Recorder().callbacks())
    queued = Recorder()
    runner.submit("second", lambda _cancel: ran.append("second"), queued.callbacks())
    runner.cancel("second")
    gate.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)
    assert ran == [] and queued.cancelled == 1 and queued.results == []


def test_cancel_stops_a_real_realignment_between_its_blocks(qtbot, runner, outlets):
    from reader.core.pipeline import realign_steps

    recorder = Recorder()
    gate = threading.Event()
    finished: list[bool] = []

    def work(_cancel):
        steps = realign_steps(outlets, 0.5)
        yield next(steps)  # "align": the first block starts
        gate.wait(5)
        analysis = yield from steps
        finished.append(True)
        return analysis

    runner.submit("analysis", work, recorder.callbacks())
    qtbot.waitUntil(lambda: bool(recorder.progress))
    runner.cancel("analysis")
    gate.set()
    assert runner.wait_for_done(30000)
    qtbot.wait(50)
    assert recorder.cancelled == 1 and recorder.results == [] and finished == []
    assert [p.stage for p in recorder.progress] == ["align"]
