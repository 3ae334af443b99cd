"""The installed entry point, run as a user would: ``python -m reader --demo --screenshot out.png``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def run_reader(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "reader", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_demo_screenshot_is_saved_at_the_default_size_and_leaves_no_autosave(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    out = tmp_path / "demo.png"
    result = run_reader("--demo", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "state").rglob("*.framing"))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 1000, 40)}
    assert len(colours) > 5, "the picture shows more than a blank window"


def test_voices_open_one_article_only():
    result = run_reader("--voices", "a.txt", "--demo", timeout=60)
    assert result.returncode == 2
    assert "that one article only" in result.stderr


def test_bad_size_is_refused_with_a_usage_message():
    result = run_reader("--size", "huge", timeout=60)
    assert result.returncode == 2
    assert "WIDTHxHEIGHT" in result.stderr
