"""The layers stay apart: the core and the CLI import no Qt, and importing them pulls in no torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_core_import_loads_neither_qt_nor_torch():
    probe = (
        "import sys, reader.core.pipeline, reader.cli, reader.core.export.html;"
        "print(sorted(m for m in ('PySide6', 'torch', 'sentence_transformers') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).with_name("ruff")
    done = subprocess.run([str(ruff), "check", "--quiet", "."], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_window_opens_without_numpy_scipy_or_torch():
    probe = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "from reader.gui import app as gui; application = gui._application();"
        "window, controller = gui._open_window(gui.parse_args([]));"
        "print(sorted(m for m in ('numpy', 'scipy', 'torch') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
