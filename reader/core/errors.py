"""The reader's typed errors: each names its subject (a file, a URL, a setting) and the reason apart.

They are rendered to text only at the edges (the CLI's stderr line, the window's banner), as
``"<subject>: <reason>"``, with control characters escaped (a newline in a file name must not split the
one line); nothing parses a message back.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Something the user can act on: ``subject`` is what it concerns, ``reason`` why it failed."""

    def __init__(self, subject: str, reason: str) -> None:
        super().__init__(printable(f"{subject}: {reason}" if subject else reason))
        self.subject = subject
        self.reason = reason


class IngestError(ReaderError):
    """A source that cannot be read (missing, empty, unsupported, unreachable)."""


class BinaryError(IngestError):
    """The source holds binary data, not text."""


class SessionFileError(ReaderError):
    """A ``.framing`` session or autosave file that cannot be read or written."""


class SettingsError(ReaderError, ValueError):
    """A setting's value outside its declared bounds or choices."""


class ModelError(ReaderError):
    """The sentence model cannot be loaded."""


class OutputError(ReaderError):
    """An analysis that cannot be written in the asked format or place."""


class CorrectionError(ReaderError):
    """A manual link correction that does not fit the sources (a sentence or a source that is gone)."""


def printable(text: str) -> str:
    """``text`` with control, format and undecodable characters escaped (``\\n``, ``\\x1b``, ``\\udcff``)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def describe(error: BaseException) -> str:
    """A one-line message for any exception (its own first line, or its type's name)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
