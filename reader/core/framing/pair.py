"""A linked sentence pair seen word by word: the shared view every framing analyser reads.

Each side lists its word tokens (sentence-relative offsets), whether the word diff marks them as
changed, and the "hunk" (run of adjacent changes) they belong to, so an analyser can tell what the
other sentence says in their place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from reader.core.framing.lexicon import MAX_PHRASE, MEMO_SENTENCES, PhraseTable, normalise
from reader.core.framing.report import FramingKind, FramingMark
from reader.core.model import DiffKind, DiffOp, Link, SentenceRef

V = TypeVar("V")
_WORD = re.compile(r"[\w%]+(?:[-'’.,][\w%]+)*")


@dataclass(frozen=True)
class Token:
    """A word of a sentence: offsets, normalised form, and its diff hunk (None when unchanged)."""

    start: int
    end: int
    text: str
    norm: str
    hunk: int | None

    @property
    def changed(self) -> bool:
        """True when the word diff marks this word as only in its sentence."""
        return self.hunk is not None


@dataclass(frozen=True)
class Side:
    """One sentence of a link as the analysers see it."""

    ref: SentenceRef
    label: str
    text: str
    tokens: tuple[Token, ...]
    hunks: tuple[str, ...]  # hunks[h]: this side's text of hunk h ("" when it only has the other side)
    grams: tuple[tuple[str, ...], ...]  # grams[n - 1][i]: normalised words i .. i + n - 1 joined by " "
    changed: int  # how many of the tokens the diff marks as changed

    def contains(self, norm: str) -> bool:
        """True when the sentence uses the normalised word or phrase anywhere."""
        return any(norm in grams for grams in self.grams)

    def norm(self, first: int, last: int) -> str:
        """The normalised words ``first`` .. ``last - 1`` joined by one space."""
        return self.grams[last - first - 1][first]


@dataclass(frozen=True)
class Pair:
    """A link as two sides; ``index`` is the link's position in ``alignment.links``."""

    index: int
    link: Link
    a: Side
    b: Side

    def directions(self) -> Iterator[tuple[Side, Side]]:
        """(this side, other side) both ways round."""
        yield self.a, self.b
        yield self.b, self.a

    def mark(
        self, kind: FramingKind, side: Side, span: tuple[int, int], counterpart: str, explanation: str
    ) -> FramingMark:
        """A FramingMark on ``side`` covering the character span ``span``."""
        start, end = span
        return FramingMark(
            self.index, kind, side.ref, start, end, side.text[start:end], counterpart, explanation
        )


def build_pair(index: int, link: Link, texts: tuple[str, str], labels: tuple[str, str]) -> Pair:
    """The two sides of ``link``, given both sentence texts and both document labels."""
    hunks = hunk_ranges(link.diff)
    side_a = _side(link.a, labels[0], texts[0], [(s, e, h) for h, (s, e, _, _) in enumerate(hunks)])
    side_b = _side(link.b, labels[1], texts[1], [(s, e, h) for h, (_, _, s, e) in enumerate(hunks)])
    return Pair(index, link, side_a, side_b)


def hunk_ranges(diff: tuple[DiffOp, ...]) -> list[tuple[int, int, int, int]]:
    """Runs of adjacent non-equal operations as (a_start, a_end, b_start, b_end)."""
    hunks: list[tuple[int, int, int, int]] = []
    run: list[DiffOp] = []
    for op in (*diff, None):
        if op is not None and op.kind is not DiffKind.EQUAL:
            run.append(op)
            continue
        if run:
            hunks.append((run[0].a_start, run[-1].a_end, run[0].b_start, run[-1].b_end))
            run = []
    return hunks


def sentence_side(ref: SentenceRef, label: str, text: str) -> Side:
    """One sentence seen word by word on its own (no diff: no word is marked as changed)."""
    return _side(ref, label, text, [])


@dataclass(frozen=True)
class _Words:
    """A sentence's words as unchanged tokens, their start offsets and joined n-grams."""

    tokens: tuple[Token, ...]
    starts: tuple[int, ...]
    grams: tuple[tuple[str, ...], ...]


def _side(ref: SentenceRef, label: str, text: str, ranges: list[tuple[int, int, int]]) -> Side:
    words = _words(text)
    tokens = list(words.tokens)
    changed = 0
    for k, hunk in _changed_tokens(words, ranges):
        token = tokens[k]
        tokens[k] = Token(token.start, token.end, token.text, token.norm, hunk)
        changed += 1
    hunks = tuple(text[s:e].strip() for s, e, _ in ranges)
    return Side(ref, label, text, tuple(tokens), hunks, words.grams, changed)


@lru_cache(maxsize=MEMO_SENTENCES)
def _words(text: str) -> _Words:
    """The sentence's words, computed once: a sentence sits in many links."""
    found = ((m.start(), m.end(), m.group()) for m in _WORD.finditer(text))
    tokens = tuple(Token(start, end, word, normalise(word), None) for start, end, word in found)
    norms = [t.norm for t in tokens]
    grams = tuple(
        tuple(" ".join(norms[i : i + n]) for i in range(len(norms) - n + 1)) for n in range(1, MAX_PHRASE + 1)
    )
    return _Words(tokens, tuple(t.start for t in tokens), grams)


def _changed_tokens(words: _Words, ranges: list[tuple[int, int, int]]) -> Iterator[tuple[int, int]]:
    """(token, hunk) for every token that lies inside one of the character ranges (start, end, hunk).

    Ranges run left to right and do not overlap, so the tokens of each are a run found by bisection.
    """
    for start, end, hunk in ranges:
        k = bisect_left(words.starts, start)
        while start < end and k < len(words.tokens) and words.tokens[k].end <= end:
            yield k, hunk
            k += 1


def find_phrases(side: Side, table: PhraseTable[V]) -> tuple[tuple[int, int, V], ...]:
    """Longest-first matches of ``table`` entries in ``side`` as (first, past-last token, value)."""
    return phrase_matches(side.text, table)


def phrase_matches(text: str, table: PhraseTable[V]) -> tuple[tuple[int, int, V], ...]:
    """Longest-first matches of ``table`` entries in a sentence as (first, past-last word, value)."""
    return table.remembered(text, lambda: tuple(_matches(_words(text).grams, table)))


def _matches(grams: tuple[tuple[str, ...], ...], table: PhraseTable[V]) -> Iterator[tuple[int, int, V]]:
    words = grams[0]
    i = 0
    while i < len(words):
        longest = min(MAX_PHRASE, len(words) - i) if words[i] in table.heads else 1
        size = next((n for n in range(longest, 1, -1) if grams[n - 1][i] in table), 1)
        key = grams[size - 1][i]
        if key in table:
            yield i, i + size, table[key]
        i += size


def span_of(tokens: tuple[Token, ...], first: int, last: int) -> tuple[int, int]:
    """Character span from token ``first`` to token ``last - 1``."""
    return tokens[first].start, tokens[last - 1].end


def quoted(text: str) -> str:
    """Text between typographic quotes, for explanations."""
    return f"“{text}”"
