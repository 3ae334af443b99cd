"""Quotation variants: two sources render one quotation in different words.

Inside quotation marks the words are the speaker's, not the outlet's: "terror organization" in one
report and "terrorist organization" in another is a translation or transcription variant, not a label
the outlet chose. A hunk of the word diff whose changed words lie inside quotation marks in both
sentences is marked as a quotation variant; as the first analyser its marks keep label, intensity and
the other word-choice marks off those words.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from reader.core.framing.lexicon import MEMO_SENTENCES, Lexicon
from reader.core.framing.pair import Pair, Side, hunk_ranges, quoted
from reader.core.framing.quoted import quoted_spans
from reader.core.framing.report import FramingKind, FramingMark


@lru_cache(maxsize=MEMO_SENTENCES)
def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``quoted_spans``, once per sentence (it sits in many links)."""
    return tuple(quoted_spans(text))


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """True when ``start``..``end`` lies in one quoted span (an empty range: at a place inside one)."""
    return any(s <= start and end <= e for s, e in spans)


def _changed_span(side: Side, hunk: int) -> tuple[int, int] | None:
    """The character span of the side's changed words in ``hunk``, or None when it has none."""
    tokens = [t for t in side.tokens if t.hunk == hunk]
    return (tokens[0].start, tokens[-1].end) if tokens else None


def quotation_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """The changed words of every diff hunk that lies inside quotation marks in both sentences: words
    one source quotes in another rendering, or quotes and the other's quotation leaves out."""
    del lexicon  # the analysers share one signature; quotation marks need no word list
    spans = (_quoted_spans(pair.a.text), _quoted_spans(pair.b.text))
    if not (spans[0] and spans[1]):
        return
    for hunk, (a_start, a_end, b_start, b_end) in enumerate(hunk_ranges(pair.link.diff)):
        if not (_inside(spans[0], a_start, a_end) and _inside(spans[1], b_start, b_end)):
            continue
        found = (_changed_span(pair.a, hunk), _changed_span(pair.b, hunk))
        ends = ((pair.a, pair.b, found[0], found[1]), (pair.b, pair.a, found[1], found[0]))
        for side, other, span, theirs in ends:
            if span is None:
                continue
            mine = side.text[slice(*span)]
            counterpart = other.text[slice(*theirs)] if theirs else ""
            instead = f"where {other.label} quotes {quoted(counterpart)}" if theirs else (
                f"which {other.label}'s quotation leaves out"
            )
            yield pair.mark(
                FramingKind.QUOTATION, side, span, counterpart,
                f"Quotation variant: {side.label} quotes {quoted(mine)} {instead}: one quotation rendered "
                "differently, the speaker's words rather than the outlet's.",
            )
