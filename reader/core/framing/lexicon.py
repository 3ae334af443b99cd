"""The framing word lists of ``resources/words/``, parsed once and looked up by normalised word.

Every list is plain text: ``#`` comments, optional ``[section]`` headers, one entry per line.
Entries are base forms; ``inflections`` expands them so "claim" also finds "claimed" and "claims".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from reader.resources import read_text

V = TypeVar("V")
MAX_PHRASE = 3  # longest entry, in words, that the lists may contain
MEMO_SENTENCES = 1 << 13  # sentences whose words, matches, quantities… the per-sentence caches keep
_VOWELS = set("aeiou")


class PhraseTable(dict[str, V]):
    """Form -> value; also knows each form's base entry and which words start a multi-word entry."""

    def __init__(self, entries: dict[str, V], bases: dict[str, str] | None = None) -> None:
        super().__init__(entries)
        self.bases = bases or {form: form for form in entries}  # "vowing" -> "vow"
        self.heads = frozenset(form.split()[0] for form in entries if " " in form)
        self._memo: dict[str, tuple[tuple[int, int, V], ...]] = {}

    def remembered(
        self, text: str, compute: Callable[[], tuple[tuple[int, int, V], ...]]
    ) -> tuple[tuple[int, int, V], ...]:
        """The matches of this table in ``text``, computed once per sentence (it sits in many links)."""
        if text not in self._memo:
            if len(self._memo) >= MEMO_SENTENCES:
                self._memo.clear()
            self._memo[text] = compute()
        return self._memo[text]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All framing word lists, keyed by normalised form (lowercase words joined by one space); compared
    (and hashed, as a key of per-sentence caches) by identity."""

    label_groups: tuple[tuple[str, ...], ...]
    labels: PhraseTable[frozenset[tuple[int, int]]]  # form -> (group, alternative) pairs it names
    attribution: PhraseTable[str]  # form -> "neutral" | "loaded"
    hedges: PhraseTable[str]  # form -> "hedge" | "certainty"
    intensity: PhraseTable[str]  # form -> "intensifier" | "evaluative" | "dramatic"
    harm_verbs: PhraseTable[str]  # form -> "transitive" | "intransitive"
    harm_past: frozenset[str]  # past tense and participle forms of the harm verbs
    number_words: dict[str, float]
    multipliers: dict[str, float]
    stopwords: frozenset[str]


def normalise(word: str) -> str:
    """Lowercase a word, unify apostrophes and drop a possessive ending."""
    word = word.lower().replace("’", "'")
    return word.removesuffix("'s").strip("'")


def inflections(word: str, degree: bool = False) -> set[str]:
    """The word plus its regular inflections (-s, -ed, -ing); with ``degree`` also -er, -est, -ly."""
    stem = word[:-1] if word.endswith("e") else word
    forms = {word, word + "s", word + "es", stem + "ed", stem + "ing"}
    y_forms, doubled = ["ies", "ied"], ["ed", "ing"]
    if degree:
        forms |= {stem + "er", stem + "est", word + "ly"}
        y_forms += ["ier", "iest", "ily"]
        doubled += ["er", "est"]
        if word.endswith("le"):
            forms.add(word[:-1] + "y")
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + suffix for suffix in y_forms}
    if _doubles_final_consonant(word):
        forms |= {word + word[-1] + suffix for suffix in doubled}
    return forms


def _doubles_final_consonant(word: str) -> bool:
    """Short consonant-vowel-consonant words double their last letter ("rip" → "ripped")."""
    if len(word) < 3 or word[-1] in _VOWELS or word[-1] in "wxy":
        return False
    return word[-2] in _VOWELS and word[-3] not in _VOWELS


def _lines(name: str) -> Iterator[tuple[str, str]]:
    """(section, line) for every entry line of ``resources/words/<name>``."""
    section = ""
    for raw in read_text("words", name).splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        yield section, line


def word_sections(name: str) -> dict[str, frozenset[str]]:
    """Section -> its words, for a ``resources/words`` list of plain words (any number per line)."""
    sections: dict[str, set[str]] = {}
    for section, line in _lines(name):
        sections.setdefault(section, set()).update(line.lower().split())
    return {section: frozenset(words) for section, words in sections.items()}


def phrase_forms(entry: str, head: int, degree: bool = False) -> set[str]:
    """Forms of a (multi-word) entry, inflecting the word at index ``head`` (0 first, -1 last)."""
    words = [normalise(w) for w in entry.split()]
    forms = set()
    for form in inflections(words[head], degree):
        inflected = list(words)
        inflected[head] = form
        forms.add(" ".join(inflected))
    return forms


def _sectioned(name: str, head: int, degree: bool = False) -> PhraseTable[str]:
    """Form -> section for a list whose lines are "base, irregular, irregular"."""
    table: dict[str, str] = {}
    bases: dict[str, str] = {}
    for section, line in _lines(name):
        base, *irregular = (part.strip() for part in line.split(","))
        for form in phrase_forms(base, head, degree) | {normalise(w) for w in irregular}:
            table.setdefault(form, section)
            bases.setdefault(form, normalise(base))
    return PhraseTable(table, bases)


def _irregular_forms(name: str) -> set[str]:
    """The irregular forms listed after the base form (after commas) in a sectioned list."""
    return {normalise(w.strip()) for _, line in _lines(name) for w in line.split(",")[1:]}


def grouped(name: str) -> tuple[tuple[tuple[str, ...], ...], PhraseTable[frozenset[tuple[int, int]]]]:
    """Groups of a list with one group a line, alternatives after commas (``labels.txt``): the groups,
    and form -> (group, alternative) pairs; an alternative written "gunman/gunmen" lists its irregular
    forms after slashes."""
    groups = tuple(tuple(part.strip() for part in line.split(",")) for _, line in _lines(name))
    table: dict[str, set[tuple[int, int]]] = {}
    for g, group in enumerate(groups):
        for e, entry in enumerate(group):
            base, *irregular = entry.split("/")
            for form in phrase_forms(base, -1) | {normalise(w) for w in irregular}:
                table.setdefault(form, set()).add((g, e))
    return groups, PhraseTable({form: frozenset(names) for form, names in table.items()})


def multi_sectioned(name: str) -> PhraseTable[frozenset[str]]:
    """Form -> every section that lists it, for a list whose lines are "base, irregular, irregular"
    (the first word of a phrase inflected)."""
    table: dict[str, set[str]] = {}
    for section, line in _lines(name):
        base, *irregular = (part.strip() for part in line.split(","))
        for form in phrase_forms(base, 0) | {normalise(w) for w in irregular}:
            table.setdefault(form, set()).add(section)
    return PhraseTable({form: frozenset(sections) for form, sections in table.items()})


def _numbers() -> tuple[dict[str, float], dict[str, float]]:
    words: dict[str, float] = {}
    multipliers: dict[str, float] = {}
    for _, line in _lines("numbers.txt"):
        word, value = line.split()
        if value.startswith("*"):
            multipliers[word] = float(value[1:])
        else:
            words[word] = float(value)
    return words, multipliers


@lru_cache(maxsize=1)
def load_issues() -> tuple[tuple[tuple[str, ...], ...], PhraseTable[frozenset[tuple[int, int]]]]:
    """The issue groups of ``issues.txt`` (words naming one act, harm or thing) and their table."""
    return grouped("issues.txt")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and index every word list (cached: the lists are read once per process)."""
    groups, labels = grouped("labels.txt")
    number_words, multipliers = _numbers()
    harm_verbs = _sectioned("agency.txt", 0)
    return Lexicon(
        label_groups=groups,
        labels=labels,
        attribution=_sectioned("attribution.txt", 0),
        hedges=_sectioned("hedges.txt", 0),
        intensity=_sectioned("intensity.txt", 0, degree=True),
        harm_verbs=harm_verbs,
        harm_past=frozenset({f for f in harm_verbs if f.endswith("ed")} | _irregular_forms("agency.txt")),
        number_words=number_words,
        multipliers=multipliers,
        stopwords=frozenset(line for _, line in _lines("stopwords.txt")),
    )
