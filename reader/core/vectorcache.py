"""On-disk sentence-vector cache: (model id, sentence text) → float32 vector, in one SQLite file.

Vectors are stored as raw float32 bytes (no pickle). One connection per cache object, guarded by a lock,
so one writer thread and any readers may share it; WAL mode lets several processes read while one writes.
A damaged cache file is set aside and rebuilt (with a warning), and a stored vector that is not a finite
unit vector counts as missing: the cache only ever saves time, it never stops an analysis.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from reader.core.embed.models import cache_root

log = logging.getLogger(__name__)
UNIT_TOLERANCE = 1e-3

SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text)
) WITHOUT ROWID
"""


def default_cache_path() -> Path:
    """Where the vectors live: ``vectors.sqlite3`` in the user cache folder."""
    return cache_root() / "vectors.sqlite3"


class VectorCache:
    """Sentence vectors of any number of models, keyed by model id and exact sentence text."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        """Connect and create the table; a file that is not a sound database is set aside and rebuilt."""
        try:
            return _connect(self.path)
        except sqlite3.DatabaseError as error:
            self._set_aside(error)
            return _connect(self.path)

    def _set_aside(self, error: sqlite3.DatabaseError) -> None:
        damaged = self.path.with_name(self.path.name + ".damaged")
        log.warning("The vector cache %s is damaged (%s); it is rebuilt, the old file kept as %s.",
                    self.path, error, damaged.name)
        for suffix in ("-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        self.path.replace(damaged)

    def _rebuild(self, error: sqlite3.DatabaseError) -> None:
        """Called with the lock held when a query finds the file damaged."""
        self._db.close()
        self._set_aside(error)
        self._db = _connect(self.path)

    def get(self, model: str, texts: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vector of each text, or ``None`` where there is none (or it is not a unit vector)."""
        with self._lock:
            try:
                rows = [
                    self._db.execute(
                        "SELECT vector FROM vectors WHERE model = ? AND text = ?", (model, text)
                    ).fetchone()
                    for text in texts
                ]
            except sqlite3.DatabaseError as error:
                self._rebuild(error)
                return [None] * len(texts)
        return [None if row is None else _unit_vector(row[0]) for row in rows]

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one vector per text, replacing what was there."""
        blobs = np.ascontiguousarray(vectors, dtype=np.float32)
        rows = [(model, text, row.tobytes()) for text, row in zip(texts, blobs, strict=True)]
        with self._lock:
            try:
                with self._db:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO vectors (model, text, vector) VALUES (?, ?, ?)", rows
                    )
            except sqlite3.DatabaseError as error:
                self._rebuild(error)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, timeout=10)
    try:
        with db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.execute("SELECT COUNT(*) FROM vectors").fetchone()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _unit_vector(blob: object) -> np.ndarray | None:
    """The float32 vector a blob holds, or None when it is not one of ours (damaged or foreign)."""
    if not isinstance(blob, bytes) or not blob or len(blob) % 4:
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector if np.isfinite(norm) and abs(norm - 1) <= UNIT_TOLERANCE else None
