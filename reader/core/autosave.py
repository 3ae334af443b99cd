"""Autosave and crash recovery: every change is written (atomically) to a file of this process in the
platformdirs state folder; a file whose process is gone — a crash, a kill, or a quit without saving —
is offered back at the next start.

A file is named by its process id, so two windows never share one, and a running window's file is never
taken for an orphan.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_dir

from reader.core.session import State
from reader.core.sessionfile import SUFFIX, read_session, write_session


def autosave_dir() -> Path:
    """Where autosaves live."""
    return Path(user_state_dir("framing-reader")) / "autosave"


@dataclass(frozen=True)
class Orphan:
    """An autosave left by a process that is gone."""

    path: Path
    modified: float  # seconds since the epoch

    def read(self) -> State:
        """The session it holds; ``SessionFileError`` when it is damaged."""
        return read_session(self.path)

    def discard(self) -> None:
        """Delete it (restored or declined)."""
        self.path.unlink(missing_ok=True)

    def set_aside(self) -> None:
        """Rename a damaged one to ``*.damaged``, out of the way of later starts (kept for a look)."""
        try:
            self.path.replace(self.path.with_suffix(".damaged"))
        except OSError:  # gone meanwhile, or the folder is read-only: the next start offers it again
            return


class Autosaver:
    """Writes this process' autosave and finds the ones other processes left behind."""

    def __init__(self, folder: Path | None = None, pid: int | None = None) -> None:
        self.folder = folder or autosave_dir()
        self.pid = os.getpid() if pid is None else pid

    @property
    def path(self) -> Path:
        """This process' autosave file."""
        return self.folder / f"{self.pid}{SUFFIX}"

    def save(self, state: State) -> None:
        """Write ``state`` (an empty session needs no autosave: the file goes)."""
        if state.documents:
            write_session(state, self.path)
        else:
            self.discard()

    def discard(self) -> None:
        """Remove this process' autosave (the session was saved, or emptied)."""
        self.path.unlink(missing_ok=True)

    def orphans(self) -> list[Orphan]:
        """Autosaves of processes that are no longer running, newest first."""
        found = []
        for path in self.folder.glob(f"*{SUFFIX}"):
            pid = _pid_of(path)
            if pid is None or pid == self.pid or _running(pid):
                continue
            try:
                found.append(Orphan(path, path.stat().st_mtime))
            except OSError:
                continue
        return sorted(found, key=lambda o: -o.modified)


def _pid_of(path: Path) -> int | None:
    return int(path.stem) if path.stem.isdigit() and int(path.stem) > 0 else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except PermissionError:  # alive, but another user's
        return True
    except (OSError, OverflowError):  # no such process, or no such process id
        return False
    return True

