"""On-disk sentence-vector cache: (model id, sentence text) → float32 vector, in one SQLite file.

Vectors are stored as raw float32 bytes (no pickle). One connection per cache object, guarded by a lock,
so one writer thread and any readers may share it; WAL mode lets several processes read while one writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from reader.core.embed.models import cache_root

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
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)

    def get(self, model: str, texts: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vector of each text, or ``None`` where there is none."""
        with self._lock:
            rows = [
                self._db.execute(
                    "SELECT vector FROM vectors WHERE model = ? AND text = ?", (model, text)
                ).fetchone()
                for text in texts
            ]
        return [None if row is None else np.frombuffer(row[0], dtype=np.float32) for row in rows]

    def put(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one vector per text, replacing what was there."""
        blobs = np.ascontiguousarray(vectors, dtype=np.float32)
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, text, vector) VALUES (?, ?, ?)",
                [(model, text, row.tobytes()) for text, row in zip(texts, blobs, strict=True)],
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()
