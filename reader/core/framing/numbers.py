"""Numbers that disagree: "over 1,400 people" in one source, "1,200 people" in the other.

A quantity is a run of number tokens ("1,400", "two dozen", "1.5 million", "50%") with the
qualifier before it ("over", "at least") and the counted thing after it ("people"). Two quantities
talk about the same thing when their counted words match; without a counted word they are compared
only when each sentence changes exactly one such quantity in the same place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.core.framing.lexicon import Lexicon
from reader.core.framing.pair import Pair, Side, quoted, span_of
from reader.core.framing.report import FramingKind, FramingMark

_QUALIFIERS = (
    "more than", "less than", "fewer than", "at least", "up to", "as many as", "nearly", "almost",
    "over", "under", "about", "around", "roughly", "approximately", "some", "just",
)
_MONTHS = frozenset((
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
))
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?%?")


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence, with the tokens it spans and what it counts."""

    first: int  # first token, qualifier included
    last: int  # past the last number token
    value: float
    unit: str
    changed: bool
    hunk: int | None


def parse_number(words: list[str], lexicon: Lexicon) -> float | None:
    """The value of number words or digits ("1,400" → 1400, "two dozen" → 24), or None."""
    total = 0.0
    current: float | None = None
    for word in words:
        if _DIGITS.fullmatch(word):
            current = (current or 0) + float(word.rstrip("%").replace(",", ""))
        elif word in lexicon.number_words:
            current = (current or 0) + lexicon.number_words[word]
        elif word in lexicon.multipliers:
            current = (current or 1) * lexicon.multipliers[word]
            if lexicon.multipliers[word] >= 1000:
                total, current = total + current, None
        else:
            return None
    return total + (current or 0) if current is not None or total else None


def quantities(side: Side, lexicon: Lexicon) -> list[Quantity]:
    """Every quantity in one sentence, dates and bare years left out."""
    found = []
    i = 0
    while i < len(side.tokens):
        last = i
        while last < len(side.tokens) and _is_number_word(side.tokens[last].norm, lexicon):
            last += 1
        if last == i:
            i += 1
            continue
        quantity = _quantity(side, i, last, lexicon)
        if quantity is not None:
            found.append(quantity)
        i = last
    return found


def _is_number_word(norm: str, lexicon: Lexicon) -> bool:
    return bool(_DIGITS.fullmatch(norm)) or norm in lexicon.number_words or norm in lexicon.multipliers


def _quantity(side: Side, first: int, last: int, lexicon: Lexicon) -> Quantity | None:
    tokens = side.tokens
    words = [part for t in tokens[first:last] for part in t.norm.split("-")]
    value = parse_number(words, lexicon)
    unit = _unit(side, last, lexicon)
    before = tokens[first - 1].norm if first else ""
    if value is None or before in _MONTHS or (unit == "" and _looks_like_year(tokens[first].norm)):
        return None
    start = _qualifier_start(side, first)
    changed = [t.hunk for t in tokens[start:last] if t.changed]
    return Quantity(start, last, value, unit, bool(changed), changed[0] if changed else None)


def _unit(side: Side, last: int, lexicon: Lexicon) -> str:
    """What a number counts: "%" or the next word when it is a content word."""
    if side.tokens[last - 1].norm.endswith("%"):
        return "%"
    if last < len(side.tokens):
        word = side.tokens[last].norm
        if word == "percent":
            return "%"
        if word.isalpha() and word not in lexicon.stopwords:
            return word.removesuffix("s")
    return ""


def _looks_like_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4 and 1800 <= int(word) <= 2100


def _qualifier_start(side: Side, first: int) -> int:
    """Index of the first token of a qualifier right before ``first`` (``first`` when none)."""
    for qualifier in _QUALIFIERS:
        size = len(qualifier.split())
        start = first - size
        if start >= 0 and " ".join(t.norm for t in side.tokens[start:first]) == qualifier:
            return start
    return first


def number_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Changed quantities whose counterpart in the other sentence has another value."""
    for side, other in pair.directions():
        theirs = quantities(other, lexicon)
        my_changed = [q for q in quantities(side, lexicon) if q.changed]
        for mine in my_changed:
            partner = _partner(mine, my_changed, theirs)
            if partner is None or partner.value == mine.value:
                continue
            yield pair.mark(
                FramingKind.NUMBER, side, span_of(side.tokens, mine.first, mine.last),
                _text(other, partner, with_unit=False),
                f"Number: {side.label} says {quoted(_text(side, mine))} "
                f"where {other.label} says {quoted(_text(other, partner))}.",
            )


def _text(side: Side, quantity: Quantity, with_unit: bool = True) -> str:
    """The quantity as written, with the word it counts when ``with_unit`` and it has one."""
    last = quantity.last + (with_unit and quantity.unit.isalpha() and quantity.last < len(side.tokens))
    return side.text[slice(*span_of(side.tokens, quantity.first, last))]


def _partner(mine: Quantity, my_changed: list[Quantity], theirs: list[Quantity]) -> Quantity | None:
    """The other sentence's quantity for the same thing, if one can be told."""
    if mine.unit:
        return next((q for q in theirs if q.unit == mine.unit), None)
    their_changed = [q for q in theirs if q.changed and not q.unit]
    mine_bare = [q for q in my_changed if not q.unit]
    if len(their_changed) == 1 == len(mine_bare) and their_changed[0].hunk == mine.hunk:
        return their_changed[0]
    return None
