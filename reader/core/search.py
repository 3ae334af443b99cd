"""Find a word or phrase in a document's text, for the reader's Find in All Sources."""

from __future__ import annotations

import re

Span = tuple[int, int]
_APOSTROPHE = re.compile("['’]")
_EITHER_APOSTROPHE = "['’]"


def find_spans(text: str, query: str) -> list[Span]:
    """Half-open spans of every case-insensitive occurrence of ``query`` in ``text``.

    Any run of whitespace in the query matches any run in the text (a phrase may wrap), and straight
    and curly apostrophes match each other; a blank query finds nothing.
    """
    words = query.split()
    if not words:
        return []
    pattern = r"\s+".join(_APOSTROPHE.sub(_EITHER_APOSTROPHE, re.escape(word)) for word in words)
    return [match.span() for match in re.finditer(pattern, text, re.IGNORECASE)]
