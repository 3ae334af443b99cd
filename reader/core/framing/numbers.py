"""Numbers that disagree: "over 1,400 people" in one source, "1,200 people" in the other.

A quantity is a run of number tokens ("1,400", "two dozen", "1.5 million", "50%") with the
qualifier before it ("over", "at least") and the counted thing after it ("people"). Two quantities
talk about the same thing when each sentence has exactly one quantity of that counted word and the
two are at most ``MAX_RATIO`` apart, and the words around them do not name different acts ("1,400
killed" / "220 kidnapped", by ``issues.txt``); bare numbers are compared only when each sentence has
exactly one and both changed it in the same place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from reader.core.framing.lexicon import MEMO_SENTENCES, Lexicon, load_issues
from reader.core.framing.pair import Pair, Side, find_phrases, quoted, sentence_side, span_of
from reader.core.framing.report import FramingKind, FramingMark
from reader.core.model import SentenceRef

_QUALIFIERS = (
    "more than", "less than", "fewer than", "at least", "up to", "as many as", "nearly", "almost",
    "over", "under", "about", "around", "roughly", "approximately", "some", "just",
)
_MONTHS = frozenset((
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
))
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
# Two reports of one claim that give one count more than tenfold apart are counting different things
# (the dead and the crowd), not disagreeing on one: 1,400 / 1,200, 42 / 12 and "two dozen" / "a hundred" stay.
MAX_RATIO = 10.0
# Words either side of a count searched for the act it counts (killed, kidnapped, arrested).
EVENT_WINDOW = 4


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence, with the tokens it spans and what it counts."""

    first: int  # first token, qualifier included
    last: int  # past the last number token
    value: float
    unit: str
    shown_last: int  # past the last token to quote: the number and its counted word ("229 captives")
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
    """Every quantity in one sentence; dates, bare years and slashed numbers ("9/11") left out."""
    return [_in_link(quantity, side) for quantity in _sentence_quantities(side.text, lexicon)]


def _in_link(quantity: Quantity, side: Side) -> Quantity:
    """``quantity`` marked changed, in the first hunk, when the link's diff changes one of its words."""
    changed = [t.hunk for t in side.tokens[quantity.first : quantity.last] if t.changed]
    return replace(quantity, changed=True, hunk=changed[0]) if changed else quantity


@lru_cache(maxsize=MEMO_SENTENCES)
def _sentence_quantities(text: str, lexicon: Lexicon) -> tuple[Quantity, ...]:
    """The quantities of a sentence as if no word changed, found once per sentence (it sits in many
    links)."""
    side = sentence_side(SentenceRef(0, 0), "", text)
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
    return tuple(found)


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
    if _slashed(side, first, last):
        return None
    shown_last = last + (unit != "" and not tokens[last - 1].norm.endswith("%"))
    return Quantity(_qualifier_start(side, first), last, value, unit, shown_last, changed=False, hunk=None)


def _slashed(side: Side, first: int, last: int) -> bool:
    """True for numbers written with a slash ("9/11", "24/7"): names and dates, not counts."""
    start, end = side.tokens[first].start, side.tokens[last - 1].end
    return side.text[max(0, start - 1) : start] == "/" or side.text[end : end + 1] == "/"


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
        mine_all = quantities(side, lexicon)
        for mine in mine_all:
            partner = _partner(mine, mine_all, theirs)
            if not mine.changed or partner is None or partner.value == mine.value:
                continue
            if not _same_event(side, mine, other, partner):
                continue
            yield pair.mark(
                FramingKind.NUMBER, side, span_of(side.tokens, mine.first, mine.last),
                _text(other, partner, with_unit=False),
                f"Number: {side.label} says {quoted(_text(side, mine))} "
                f"where {other.label} says {quoted(_text(other, partner))}.",
            )


def _text(side: Side, quantity: Quantity, with_unit: bool = True) -> str:
    """The quantity as written, with the word it counts when ``with_unit``."""
    last = quantity.shown_last if with_unit else quantity.last
    return side.text[slice(*span_of(side.tokens, quantity.first, last))]


def _comparable(a: float, b: float) -> bool:
    """True when two counts are within ``MAX_RATIO`` of each other (so can be of one thing)."""
    low, high = sorted((abs(a), abs(b)))
    return low > 0 and high / low <= MAX_RATIO


def _partner(mine: Quantity, mine_all: list[Quantity], theirs: list[Quantity]) -> Quantity | None:
    """The other sentence's quantity for the same thing, if one can be told: the only quantity of each
    sentence that counts the same word (bare numbers: the only bare one, changed in the same place).
    None when either value appears in the other sentence too ("six arrests, compared to 47")."""
    my_kind = [q for q in mine_all if q.unit == mine.unit]
    their_kind = [q for q in theirs if q.unit == mine.unit]
    if len(my_kind) != 1 or len(their_kind) != 1:
        return None
    partner = their_kind[0]
    if partner.value in {q.value for q in mine_all} or mine.value in {q.value for q in theirs}:
        return None
    if not _comparable(mine.value, partner.value):
        return None
    if not mine.unit and not (partner.changed and partner.hunk == mine.hunk):
        return None
    return partner


def _same_event(side: Side, mine: Quantity, other: Side, partner: Quantity) -> bool:
    """False when the words around two counts name different acts ("1,400 killed" / "220 kidnapped"):
    the issues of ``issues.txt`` within ``EVENT_WINDOW`` words of each count, when both name some."""
    my_issues, their_issues = _issues_near(side, mine), _issues_near(other, partner)
    return not (my_issues and their_issues) or bool(my_issues & their_issues)


def _issues_near(side: Side, quantity: Quantity) -> set[int]:
    """The issue groups named within ``EVENT_WINDOW`` words of a quantity (the counted word aside)."""
    first, last = quantity.first - EVENT_WINDOW, quantity.shown_last + EVENT_WINDOW
    _, table = load_issues()
    return {g for f, e, names in find_phrases(side, table) if first <= f and e <= last for g, _ in names}
