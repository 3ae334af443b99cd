"""Where a text quotes: the character spans inside quotation marks (no other import, so evaluation
scripts can load it beside any version of the engine)."""

from __future__ import annotations

_OPENING = "“‘«"
_CLOSING = "”’»"
_STRAIGHT = '"'


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` inside quotation marks. A sentence that closes a quotation it did not
    open (a quotation running over sentences) is quoted from its start; one that opens a quotation it
    does not close, to its end. Apostrophes inside words are no quotation marks."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text):
        if char == "’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue
        if char in _OPENING or (char == _STRAIGHT and start is None):
            start = i + 1 if start is None else start
        elif char in _CLOSING or char == _STRAIGHT:
            spans.append((0 if start is None else start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if s < e]
