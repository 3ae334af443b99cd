"""``framing-reader batch`` on a local Dask cluster: outputs, bad input, resume, and a run killed with -9."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.batch import JOURNAL, EventSummary, Journal, main, worker_encoder
from reader.core.settings import Settings
from reader.resources import resource

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _demo_files() -> list[Path]:
    return sorted(Path(str(p)) for p in resource("demo").iterdir() if p.name.endswith(".txt"))


def _events(root: Path, count: int) -> Path:
    """``count`` events of the demo articles (outlets a, b, c), one with a binary file, one unreadable."""
    events = root / "events"
    for n in range(count):
        folder = events / f"event-{n:02d}"
        folder.mkdir(parents=True)
        for outlet, demo in zip("abc", _demo_files(), strict=True):
            shutil.copy(demo, folder / f"{outlet}.txt")
    (events / "event-00" / "d.bin").write_bytes(b"\x00\x01\x02\x03 not text")
    lonely = events / "lonely"
    lonely.mkdir()
    shutil.copy(_demo_files()[0], lonely / "a.txt")
    return events


def _lines(out: Path) -> list[EventSummary]:
    return [EventSummary.from_json(line) for line in (out / JOURNAL).read_text().splitlines()]


def test_batch_writes_every_output_reports_bad_input_and_resumes(tmp_path, capsys) -> None:
    events, out = _events(tmp_path, 2), tmp_path / "out"
    assert main([str(events), "-o", str(out), "--workers", "1", "-q"]) == 2
    lines = {s.event: s for s in _lines(out)}
    assert set(lines) == {"event-00", "event-01", "lonely"}
    assert lines["event-00"].status == "ok" and lines["event-00"].sources == ("a", "b", "c")
    assert lines["event-00"].skipped == ("d.bin: binary file, not text",)
    assert lines["lonely"].status == "failed" and "two readable sources" in lines["lonely"].error
    analysis = json.loads((out / "events" / "event-01.json").read_text())
    assert [d["label"] for d in analysis["documents"]] == ["a", "b", "c"]
    assert lines["event-01"].claims == len(analysis["groups"])
    assert "lonely: failed" in capsys.readouterr().err
    assert len({s.worker for s in lines.values()}) == 1  # one worker process ran every event
    csv_text = (out / "outlets.csv").read_text()
    assert "a,omission_rate," in csv_text and ",2\n" in csv_text  # two events behind a's figures
    assert "outlets over 2 events" in (out / "outlets.html").read_text()

    stamp = (out / "events" / "event-00.json").stat().st_mtime_ns
    assert main([str(events), "-o", str(out), "--workers", "1", "-q"]) == 2
    assert len(_lines(out)) == 3
    assert (out / "events" / "event-00.json").stat().st_mtime_ns == stamp


def test_journal_cuts_a_half_written_last_line(tmp_path) -> None:
    good = EventSummary("one", "failed", error="x").to_json()
    (tmp_path / JOURNAL).write_text(good + "\n" + good[:20])
    journal = Journal(tmp_path)
    assert set(journal.summaries) == {"one"}
    journal.append(EventSummary("two", "failed", error="y"))
    assert [s.event for s in _lines(tmp_path)] == ["one", "two"]


def _batch_process(events: Path, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "reader", "batch", str(events), "-o", str(out), "--workers", "1", "-q"]
    return subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)


def test_a_run_killed_with_sigkill_resumes_where_it_stopped(tmp_path) -> None:
    # 12 events: once two are journalled the other ten take seconds, so the kill lands mid-run (with 4,
    # the last two and the one-source event could all finish within one poll of the journal)
    events, out = _events(tmp_path, 12), tmp_path / "out"
    names = sorted([f"event-{n:02d}" for n in range(12)] + ["lonely"])
    process = _batch_process(events, out)
    journal = out / JOURNAL
    deadline = time.monotonic() + 240
    while not (journal.exists() and journal.read_text().count("\n") >= 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its local cluster's processes
    process.wait()
    done_before = {s.event for s in _lines(out)}
    assert 2 <= len(done_before) < len(names)
    assert _batch_process(events, out).wait(timeout=300) == 2
    after = [s.event for s in _lines(out)]
    assert sorted(after) == names
    assert len(after) == len(set(after))


def test_a_worker_process_loads_the_model_once() -> None:
    assert worker_encoder(Settings()) is worker_encoder(Settings())
