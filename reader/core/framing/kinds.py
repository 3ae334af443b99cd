"""Word-choice framing in a linked pair: label swaps, attribution verbs, hedges, intensity.

Only words the diff marks as changed are considered, and a word counts only when the other
sentence does not use it anywhere, so reordered sentences do not produce marks.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.core.framing.lexicon import Lexicon, PhraseTable
from reader.core.framing.pair import Pair, Side, find_phrases, quoted, span_of
from reader.core.framing.report import FramingKind, FramingMark

MAX_COUNTERPART_WORDS = 4
_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "their", "its", "our", "these", "those", "such"))
_HEDGE_MEANING = {
    "hedge": "which distances the report from the claim",
    "certainty": "which vouches for the claim",
}
_INTENSITY_MEANING = {
    "intensifier": "which turns up the force",
    "evaluative": "which passes judgement",
    "dramatic": "which dramatises the act",
}


def label_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Both words of a label swap: two different alternatives of one label group."""
    for side, other in pair.directions():
        theirs = list(find_phrases(other, lexicon.labels))
        for first, last, names in find_phrases(side, lexicon.labels):
            if not _changed(side, first, last) or other.contains(side.norm(first, last)):
                continue
            partner = _swap_partner(side, other, (first, last, names), theirs)
            if partner is None:
                continue
            counterpart = other.text[slice(*partner)]
            mine = side.text[slice(*span_of(side.tokens, first, last))]
            yield pair.mark(
                FramingKind.LABEL, side, span_of(side.tokens, first, last), counterpart,
                f"Label: {side.label} says {quoted(mine)} where {other.label} says {quoted(counterpart)}.",
            )


def _swap_partner(
    side: Side, other: Side, mine: tuple[int, int, frozenset[tuple[int, int]]],
    theirs: list[tuple[int, int, frozenset[tuple[int, int]]]],
) -> tuple[int, int] | None:
    """Span of the other sentence's alternative label for the same thing, if it has one: of the same
    label group, and in the same place (one hunk of the diff, or beside the same word: "Hamas
    terrorists" / "Hamas militants"), so two labels of different actors or acts are no swap."""
    first, last, names = mine
    for their_first, their_last, their_names in theirs:
        if not _is_swap(names, their_names) or side.contains(other.norm(their_first, their_last)):
            continue
        if _same_place(side, (first, last), other, (their_first, their_last)):
            return span_of(other.tokens, their_first, their_last)
    return None


def _same_place(side: Side, mine: tuple[int, int], other: Side, theirs: tuple[int, int]) -> bool:
    """True when two token ranges stand in one diff hunk or share a neighbouring content word."""
    my_hunks = {t.hunk for t in side.tokens[slice(*mine)] if t.changed}
    if my_hunks & {t.hunk for t in other.tokens[slice(*theirs)] if t.changed}:
        return True
    return bool(_neighbours(side, *mine) & _neighbours(other, *theirs))


def _neighbours(side: Side, first: int, last: int) -> set[str]:
    """The words right before and right after a token range, function words aside."""
    around = [side.tokens[k].norm for k in (first - 1, last) if 0 <= k < len(side.tokens)]
    return {word for word in around if word not in _DETERMINERS and len(word) > 2}


def _is_swap(mine: frozenset[tuple[int, int]], theirs: frozenset[tuple[int, int]]) -> bool:
    """True when two label matches name different alternatives of one group."""
    return any(g == h and e != f for g, e in mine for h, f in theirs)


def _changed(side: Side, first: int, last: int) -> bool:
    return any(t.changed for t in side.tokens[first:last])


def _one_sided(side: Side, other: Side, table: PhraseTable[str]) -> Iterator[tuple[int, int, str]]:
    """Changed matches of ``table`` in ``side`` whose entry the other sentence does not use in any form."""
    theirs = {table.bases[other.norm(first, last)] for first, last, _ in find_phrases(other, table)}
    for first, last, section in find_phrases(side, table):
        if _is_name(side, first):
            continue
        if _changed(side, first, last) and table.bases[side.norm(first, last)] not in theirs:
            yield first, last, section


def _is_name(side: Side, first: int) -> bool:
    """A capitalised word inside a sentence is a name ("in May", "Rich Lowry"), not the common word."""
    return first > 0 and side.tokens[first].text[:1].isupper()


def _instead(side: Side, other: Side, first: int) -> str:
    """What the other sentence says in the place of token ``first``: "" when nothing, or when the
    change is a rewrite longer than a phrase, where no single word stands in for it."""
    hunk = side.tokens[first].hunk
    instead = other.hunks[hunk] if hunk is not None else ""
    return instead if len(instead.split()) <= MAX_COUNTERPART_WORDS else ""


def attribution_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Loaded attribution verbs ("claimed", "admitted") where the other source words it otherwise.

    A match right after a determiner ("the claims", "his warning") is a noun and left out.
    """
    for side, other in pair.directions():
        for first, last, section in _one_sided(side, other, lexicon.attribution):
            if section != "loaded" or (first and side.tokens[first - 1].norm in _DETERMINERS):
                continue
            span = span_of(side.tokens, first, last)
            verb = side.text[slice(*span)]
            theirs = _other_attribution(other, lexicon)
            contrast = f"{other.label} writes {quoted(theirs)}" if theirs else f"{other.label} does not"
            yield pair.mark(
                FramingKind.ATTRIBUTION, side, span, theirs,
                f"Attribution: {side.label} reports it with {quoted(verb)}, a verb that judges the "
                f"statement; {contrast}.",
            )


def _other_attribution(other: Side, lexicon: Lexicon) -> str:
    """The other sentence's own changed attribution verb, if it has one."""
    for first, last, _ in find_phrases(other, lexicon.attribution):
        if _changed(other, first, last):
            return other.text[slice(*span_of(other.tokens, first, last))]
    return ""


def hedge_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Hedges ("reportedly") and certainty markers ("clearly") only one source uses."""
    yield from _word_marks(pair, lexicon.hedges, FramingKind.HEDGE, _HEDGE_MEANING)


def intensity_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Intensifiers, evaluative and dramatising words only one source uses."""
    yield from _word_marks(pair, lexicon.intensity, FramingKind.INTENSITY, _INTENSITY_MEANING)


def _word_marks(
    pair: Pair, table: PhraseTable[str], kind: FramingKind, meaning: dict[str, str]
) -> Iterator[FramingMark]:
    for side, other in pair.directions():
        for first, last, section in _one_sided(side, other, table):
            span = span_of(side.tokens, first, last)
            word = side.text[slice(*span)]
            instead = _instead(side, other, first)
            contrast = f"{other.label} says {quoted(instead)}" if instead else f"{other.label} does not"
            title = "Certainty" if section == "certainty" else kind.value.capitalize()
            yield pair.mark(
                kind, side, span, instead,
                f"{title}: {side.label} uses {quoted(word)}, {meaning[section]}; {contrast}.",
            )
