"""Nothing lost: the real app, killed with SIGKILL mid-analysis, leaves an autosave that holds every source;
the CLI reads and writes session files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.autosave import Autosaver
from reader.core.sessionfile import read_session
from reader.gui.welcome import demo_paths

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_kill_9_mid_analysis_then_restore_loses_no_source(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1",
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    files = [str(p) for p in demo_paths()]
    app = subprocess.Popen([sys.executable, "-m", "reader", *files], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    autosave = tmp_path / "state" / "framing-reader" / "autosave" / f"{app.pid}.framing"
    try:
        deadline = time.monotonic() + 120
        while not autosave.exists() and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.05)
        assert autosave.exists(), app.stderr.read().decode() if app.poll() is not None else "no autosave"
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(30)
    orphans = Autosaver(autosave.parent).orphans()
    assert [o.path for o in orphans] == [autosave]
    restored = orphans[0].read()
    assert sorted(d.origin for d in restored.documents) == sorted(files)
    assert all(d.text.strip() for d in restored.documents)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", "compare", "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300, check=False)


def test_cli_saves_a_session_and_analyses_it_again_to_the_same_result(tmp_path):
    files = [str(p) for p in demo_paths()]
    first = run_cli(*files, "--label", "Ledger", "--threshold", "0.5", "--save-session", "event.framing",
                    "-o", "first.json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    state = read_session(tmp_path / "event.framing")
    assert state.documents[0].label == "Ledger" and state.settings.threshold == 0.5
    again = run_cli("event.framing", "--format", "json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    a, b = json.loads((tmp_path / "first.json").read_text()), json.loads(again.stdout)
    assert a["threshold"] == b["threshold"] == 0.5
    assert a["links"] == b["links"] and a["groups"] == b["groups"]


def test_cli_names_a_damaged_session_file_and_fails(tmp_path):
    (tmp_path / "bad.framing").write_text('{"format": "framing-reader/session"')
    done = run_cli("bad.framing", cwd=tmp_path)
    assert done.returncode == 2
    first = done.stderr.strip().splitlines()[0]
    assert first.startswith("framing-reader: bad.framing: damaged or truncated")
