"""Renderers over an ``Analysis``: JSON (versioned schema), Markdown, one self-contained HTML page.

``EXPORT_FORMATS`` is the one list of them: the CLI's ``--format`` choices, its guess from ``-o``'s
suffix and the window's File ▸ Export menu are all read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from reader.core.errors import OutputError
from reader.core.model import Analysis
from reader.core.runtime import collector_paused


@dataclass(frozen=True)
class ExportFormat:
    """One output format: its name (``--format``), title (menus), file suffixes and renderer."""

    name: str
    title: str
    suffixes: tuple[str, ...]  # the first is the one new files get
    renderer: str  # "module:function", imported when first used

    def render(self, analysis: Analysis) -> str:
        """``analysis`` in this format."""
        module, function = self.renderer.split(":")
        with collector_paused():
            return getattr(import_module(module), function)(analysis)


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("html", "HTML", ("html", "htm"), "reader.core.export.html:render_html"),
    ExportFormat("md", "Markdown", ("md", "markdown"), "reader.core.export.markdown:render_markdown"),
    ExportFormat("json", "JSON", ("json",), "reader.core.export.jsonout:render_json"),
)
_BY_NAME = {f.name: f for f in EXPORT_FORMATS}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; ``OutputError`` when there is none."""
    if name not in _BY_NAME:
        raise OutputError(name, f"unknown format: use {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


def format_for_path(path: str | Path) -> ExportFormat | None:
    """The format a file name's suffix asks for, if any."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return next((f for f in EXPORT_FORMATS if suffix in f.suffixes), None)


def render(analysis: Analysis, fmt: str) -> str:
    """Render ``analysis`` in the format called ``fmt``."""
    return export_format(fmt).render(analysis)
