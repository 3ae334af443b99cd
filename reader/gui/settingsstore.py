"""The reader's settings between runs, as JSON in the platformdirs config folder (one flat object)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from reader.core.settings import Settings, settings_from_dict, settings_to_dict

RECENT_LIMIT = 10


@dataclass(frozen=True)
class StoredSettings:
    """Everything the reader remembers: the analysis settings and the window's state."""

    settings: Settings = field(default_factory=Settings)
    sync_scroll: bool = True
    geometry: str = ""  # QMainWindow.saveGeometry() as base64
    window_state: str = ""  # QMainWindow.saveState() as base64
    recent_files: tuple[str, ...] = field(default=())

    def with_recent(self, path: str) -> StoredSettings:
        """A copy with ``path`` first in the recent files (no duplicates, at most ``RECENT_LIMIT``)."""
        recent = (path, *(p for p in self.recent_files if p != path))
        return replace(self, recent_files=recent[:RECENT_LIMIT])


def settings_path() -> Path:
    """Where the settings file lives."""
    return Path(user_config_dir("framing-reader")) / "settings.json"


def load_settings(path: Path | None = None) -> StoredSettings:
    """The stored settings, or the defaults when the file is missing or unreadable."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # missing, damaged, or nested too deeply to read
        return StoredSettings()
    return _from_mapping(raw) if isinstance(raw, dict) else StoredSettings()


def save_settings(settings: StoredSettings, path: Path | None = None) -> None:
    """Write the settings atomically (a crash never leaves half a file)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    flat = {**settings_to_dict(settings.settings), **asdict(settings)}
    del flat["settings"]
    temporary.write_text(json.dumps(flat, indent=2), encoding="utf-8")
    os.replace(temporary, path)


def _from_mapping(raw: dict[str, Any]) -> StoredSettings:
    """Keep only known keys whose value has the default's type; ignore the rest."""
    defaults = StoredSettings()
    values: dict[str, Any] = {"settings": settings_from_dict(raw)}
    for f in fields(StoredSettings)[1:]:
        default = getattr(defaults, f.name)
        value = raw.get(f.name, default)
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(str(v) for v in value)
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        values[f.name] = value if type(value) is type(default) else default
    return StoredSettings(**values)
