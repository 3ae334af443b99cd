"""The project's global fixtures: the real bundled model (loaded once), paths to shared data."""

from __future__ import annotations

import atexit
import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
BASIL = SHARED / "eval" / "basil"
ALIGNMENT_GOLD = SHARED / "eval" / "alignment"
JPOST = CORPUS / "jpost-russia-hamas-visit-2023-10-27.txt"


def eval_script(name: str):
    """``eval/<name>.py`` imported as a module (eval/ is a folder of scripts that import each other)."""
    folder = str(REPO / "eval")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


@pytest.fixture(scope="session")
def encoder():
    """The real default model, loaded once per test session."""
    from reader.core.embed import load_encoder

    return load_encoder()



def _isolate_user_dirs() -> None:
    """Keep config, cache and state of the whole test session in a fresh temporary folder."""
    base = Path(tempfile.mkdtemp(prefix="framing-reader-tests-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        os.environ[var] = str(base / var.lower())


_isolate_user_dirs()


OUTLETS = REPO / "tests" / "data" / "outlets"


@pytest.fixture(scope="session")
def outlets(encoder):
    """Our nine invented outlets on the Hamas visit to Moscow (tests/data/outlets), analysed once."""
    from reader.core.ingest import read_path
    from reader.core.pipeline import analyse
    from reader.core.settings import Settings

    return analyse([read_path(p) for p in sorted(OUTLETS.glob("*.txt"))], Settings(), encoder)
