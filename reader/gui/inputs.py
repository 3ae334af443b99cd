"""What a drop or the clipboard carries, sorted into local files, web addresses and plain text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMimeData

WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Inputs:
    """Files to read, URLs to fetch, or text to take as an article (text only when there is nothing else)."""

    files: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    text: str = ""

    def __bool__(self) -> bool:
        return bool(self.files or self.urls or self.text)


def inputs_from_mime(mime: QMimeData | None) -> Inputs:
    """Sort dropped or pasted data; a lone web address given as text counts as a URL."""
    if mime is None:
        return Inputs()
    urls = [u for u in mime.urls() if u.isLocalFile() or u.scheme() in WEB_SCHEMES]
    text = mime.text() if mime.hasText() else ""
    if not urls and looks_like_url(text):
        return Inputs(urls=(text.strip(),))
    if not urls:
        return Inputs(text=text if text.strip() else "")
    return Inputs(
        files=tuple(u.toLocalFile() for u in urls if u.isLocalFile()),
        urls=tuple(u.toString() for u in urls if not u.isLocalFile()),
    )


def looks_like_url(text: str) -> bool:
    """True for a single http(s) address with no spaces."""
    stripped = text.strip()
    prefixes = tuple(f"{scheme}://" for scheme in WEB_SCHEMES)
    return stripped.startswith(prefixes) and not any(c.isspace() for c in stripped)
