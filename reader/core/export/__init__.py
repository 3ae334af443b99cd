"""Renderers over an ``Analysis``: JSON (versioned schema), Markdown, one self-contained HTML page."""

from __future__ import annotations

from reader.core.model import Analysis


def render(analysis: Analysis, fmt: str) -> str:
    """Render ``analysis`` as ``"json"``, ``"md"`` or ``"html"``."""
    if fmt == "json":
        from reader.core.export.jsonout import render_json

        return render_json(analysis)
    if fmt == "md":
        from reader.core.export.markdown import render_markdown

        return render_markdown(analysis)
    if fmt == "html":
        from reader.core.export.html import render_html

        return render_html(analysis)
    raise ValueError(f"unknown format {fmt!r}: use json, md or html")
