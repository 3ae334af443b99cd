"""Access to the files in ``resources/`` (word lists, demo articles, icons) via importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    """The resources folder: inside the installed wheel, or beside the package in a source checkout."""
    packaged = files("reader") / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """A file or folder under the resources folder."""
    node = resource_root()
    for part in parts:
        node = node / part
    return node


def read_text(*parts: str) -> str:
    """The UTF-8 text of a resource file."""
    return resource(*parts).read_text(encoding="utf-8")
