"""Actors and what each source calls them, in its own voice and inside others' words.

Rules over capitalised names and the descriptions tied to them (word lists in
``resources/words/referents.txt``):

- a **name** is a run of capitalised words, without leading titles ("Deputy Foreign Minister Mikhail
  Bogdanov" -> "Mikhail Bogdanov"), days, months and adjectives ("Russian"); a single word that opens its
  sentence counts only when some source also writes it capitalised mid-sentence;
- a **description** is tied to a name when it follows it ("Hamas terrorists", "Hamas officials"), stands
  right before it ("the terrorist organization Hamas"), or stands in apposition ("Hamas, the militant
  group that controls Gaza,"); "the group" alone refers back to the latest actor some source describes
  with the same head noun ("group");
- names are matched across sources by their words; a shorter name that ends a longer one ("Putin",
  "Vladimir Putin") is the same actor;
- a mention is **quoted** when any of its characters lies in another's voice (``other_voice_mask``:
  inside quotation marks, or in reported speech outside the attribution cue) or right after a naming verb
  ("Israel called Hamas terrorists"); otherwise it is the source's **own** word.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reader.core.framing.lexicon import load_lexicon, word_sections
from reader.core.framing.report import Form, Mention, Referent, Speech
from reader.core.framing.voices import other_voice_mask, quotation_mask
from reader.core.model import Role, SegmentedDocument

_WORDS = word_sections("referents.txt")
_VOICE_WORDS = word_sections("voices.txt")
_GROUP_HEADS = _WORDS["head"]
_HEADS = _GROUP_HEADS | _WORDS["state"]
_MEMBERS = _WORDS["member"]
_NAMING = _WORDS["naming"]
_ADJECTIVE_ENDINGS = tuple(_WORDS["adjective"])
_TIME = _WORDS["time"]
_TITLE_WORDS = _VOICE_WORDS["title"] | _VOICE_WORDS["modifier"]
_ORG_NOUNS = _VOICE_WORDS["organisation"]
_DETERMINERS = frozenset({"the", "a", "an"})
_APPOSITION_END = frozenset(',.;:—–)("“”')
_TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"[’']s?$")
_MAX_MODIFIERS = 3
_MAX_APPOSITION = 10  # words of a description in apposition
_APPOSITION_HEAD_WITHIN = 4  # its head noun must come among its first words
_TITLE_CASE_SHARE = 0.6  # a headline with this share of capitalised words is in title case


class _Tok(NamedTuple):
    text: str
    start: int  # offsets into the document text
    end: int
    key: str  # lower case, without a possessive
    capitalised: bool


@dataclass(frozen=True)
class _Found:
    """A mention before its actor is known: a name's words, or a description and the head it uses."""

    doc: int
    sentence: int
    start: int
    end: int
    form: Form
    name: tuple[str, ...] = ()  # the name's words (for a description: the name it is tied to, if any)
    head: str = ""  # a description's head noun, singular
    gloss: bool = False  # a description in apposition: the narrator's gloss even inside reported speech


def find_referents(documents: Sequence[SegmentedDocument]) -> tuple[Referent, ...]:
    """The actors the sources mention, matched across sources, the most described first."""
    sentences = [(d, i, _tokens(doc, i)) for d, doc in enumerate(documents) for i in _read_sentences(doc)]
    capitalised_inside = {t.key for _, _, tokens in sentences for t in tokens[1:] if t.capitalised}
    found: list[_Found] = []
    for d, i, tokens in sentences:
        if not _title_case(documents[d], i, tokens):
            found += _mentions_in(d, i, tokens, capitalised_inside)
    known = {f.name for f in found if f.form is Form.NAME}
    for d, i, tokens in sentences:
        if _title_case(documents[d], i, tokens):
            found += _known_names(d, i, tokens, known)
    actor = _actor_keys({f.name for f in found if f.name})
    resolved = _resolve_descriptions(found, actor, sentences)
    return _referents(documents, resolved, actor)


def _read_sentences(doc: SegmentedDocument) -> list[int]:
    return [i for i, s in enumerate(doc.sentences) if s.role in (Role.BODY, Role.TITLE)]


def _tokens(doc: SegmentedDocument, index: int) -> list[_Tok]:
    sentence = doc.sentences[index]
    return [_token(m.group(), sentence.start + m.start()) for m in _TOKEN.finditer(sentence.text)]


def _token(text: str, start: int) -> _Tok:
    return _Tok(text, start, start + len(text), _POSSESSIVE.sub("", text.lower()), text[:1].isupper())


def _title_case(doc: SegmentedDocument, index: int, tokens: list[_Tok]) -> bool:
    """A headline Written Like This, where capitals name nothing."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    capitalised = sum(t.capitalised for t in words)
    return doc.sentences[index].role is Role.TITLE and capitalised >= _TITLE_CASE_SHARE * max(len(words), 1)


# --- names and the descriptions tied to them ---------------------------------------------------------


def _mentions_in(d: int, i: int, tokens: list[_Tok], capitalised_inside: set[str]) -> list[_Found]:
    found: list[_Found] = []
    taken: set[int] = set()
    for begin, end in _name_spans(tokens, capitalised_inside):
        name = tuple(t.key for t in tokens[begin:end])
        found.append(_Found(d, i, tokens[begin].start, _end(tokens[end - 1]), Form.NAME, name))
        taken.update(range(begin, end))
        for b, e, head_at, gloss in _descriptions_of(tokens, begin, end):
            found.append(_description(d, i, tokens, (b, e, head_at, gloss), name))
            taken.update(range(b, e))
    for b, e in _definite_descriptions(tokens, taken):
        found.append(_description(d, i, tokens, (b, e, e - 1, False), ()))
    return found


def _known_names(d: int, i: int, tokens: list[_Tok], known: set[tuple[str, ...]]) -> list[_Found]:
    """Names already found elsewhere, in a title-case headline, and the descriptions after them."""
    found: list[_Found] = []
    keys = [t.key for t in tokens]
    for begin in range(len(tokens)):
        for name in known:
            end = begin + len(name)
            if tuple(keys[begin:end]) == name:
                found.append(_Found(d, i, tokens[begin].start, _end(tokens[end - 1]), Form.NAME, name))
                found += [
                    _description(d, i, tokens, span, name) for span in _descriptions_of(tokens, begin, end)
                ]
    return found


_Span = tuple[int, int, int, bool]  # first token, end token, head token, in apposition


def _description(d: int, i: int, tokens: list[_Tok], span: _Span, name: tuple[str, ...]) -> _Found:
    begin, end, head_at, gloss = span
    head = _singular(tokens[head_at].key)
    return _Found(d, i, tokens[begin].start, _end(tokens[end - 1]), Form.DESCRIPTION, name, head, gloss)


def _end(token: _Tok) -> int:
    """A token's end without a possessive ("group's" -> "group")."""
    match = _POSSESSIVE.search(token.text)
    return token.end - (len(match.group()) if match and len(token.text) > 2 else 0)


def _singular(word: str) -> str:
    """The head noun's key: singular, American spelling ("organisations" -> "organization")."""
    word = word.replace("isation", "ization")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _name_spans(tokens: list[_Tok], capitalised_inside: set[str]) -> list[tuple[int, int]]:
    """Token ranges of the names in a sentence."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].capitalised or not tokens[i].text[:1].isalpha():
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _continues_name(tokens[j - 1], tokens[j]):
            j += 1
        begin, end = _trimmed(tokens, i, j)
        if begin < end and _is_name(tokens, begin, end, capitalised_inside):
            spans.append((begin, end))
        i = j
    return spans


def _continues_name(previous: _Tok, token: _Tok) -> bool:
    adjacent = token.start == previous.end + 1
    return (
        adjacent and token.capitalised and token.text[:1].isalpha() and not _POSSESSIVE.search(previous.text)
    )


def _trimmed(tokens: list[_Tok], begin: int, end: int) -> tuple[int, int]:
    """Drop leading function words, days and months; leading titles and adjectives unless an
    organisation noun follows ("Deputy Foreign Minister Mikhail Bogdanov", but "Foreign Ministry")."""
    stopwords = load_lexicon().stopwords
    organisation = any(t.key in _ORG_NOUNS for t in tokens[begin:end])
    while begin < end and (
        tokens[begin].key in stopwords
        or tokens[begin].key in _TIME
        or (
            not organisation
            and end - begin > 1
            and (tokens[begin].key in _TITLE_WORDS or _adjective(tokens[begin]))
        )
    ):
        begin += 1
    while begin < end and tokens[end - 1].key in _TIME:
        end -= 1
    return begin, end


def _adjective(token: _Tok) -> bool:
    return token.key.endswith(_ADJECTIVE_ENDINGS)


def _is_name(tokens: list[_Tok], begin: int, end: int, capitalised_inside: set[str]) -> bool:
    words = tokens[begin:end]
    if all(t.key in _TITLE_WORDS for t in words):
        return False
    if end - begin > 1:
        return True
    word = words[0]
    opens_sentence = all(not t.text[:1].isalnum() for t in tokens[:begin])
    return not _adjective(word) and (not opens_sentence or word.key in capitalised_inside)


def _descriptions_of(tokens: list[_Tok], begin: int, end: int) -> list[_Span]:
    """Descriptions tied to the name at ``begin:end``."""
    found: list[_Span] = []
    after = _noun_after(tokens, end)
    if after is not None:
        found.append((begin, after + 1, after, False))
    before = _description_before(tokens, begin)
    if before is not None:
        found.append((before, begin, begin - 1, False))
    apposition = _apposition(tokens, end)
    if apposition is not None:
        found.append(apposition)
    return found


def _noun_after(tokens: list[_Tok], end: int) -> int | None:
    """ "Hamas terrorists", "Hamas terror group": the head or member noun right after the name, or a
    two-word label of labels.txt ending in a head noun."""
    if _POSSESSIVE.search(tokens[end - 1].text) and len(tokens[end - 1].text) > 2:
        return None
    following = [t.key for t in tokens[end : end + 2]]
    if following[:1] and following[0] in _HEADS | _MEMBERS:
        return end
    if len(following) == 2 and following[1] in _HEADS and " ".join(following) in load_lexicon().labels:
        return end + 1
    return None


def _description_before(tokens: list[_Tok], begin: int) -> int | None:
    """ "the terrorist organization Hamas": a head noun right before the name, with its modifiers back to
    a determiner; without one (a headline's "hosts terrorist organization Hamas"), only a label of
    labels.txt ("terrorist organization") or the head noun alone."""
    if begin == 0 or tokens[begin - 1].key not in _HEADS:
        return None
    start = begin - 1
    while start > 0 and begin - 1 - start < _MAX_MODIFIERS and _modifier(tokens[start - 1]):
        start -= 1
    if start > 0 and tokens[start - 1].key in _DETERMINERS:
        return start
    labels = load_lexicon().labels
    phrases = (k for k in range(start, begin - 1) if " ".join(t.key for t in tokens[k:begin]) in labels)
    return next(phrases, begin - 1)


def _modifier(token: _Tok) -> bool:
    if not token.text[:1].isalpha() or token.key in load_lexicon().stopwords:
        return False
    return not token.capitalised or _adjective(token) or "-" in token.text


def _apposition(tokens: list[_Tok], end: int) -> _Span | None:
    """ "Hamas, the militant group that controls Gaza,": the description up to the next punctuation."""
    if end + 2 >= len(tokens) or tokens[end].text != "," or tokens[end + 1].key not in _DETERMINERS:
        return None
    begin = end + 2
    stop = begin
    while stop < len(tokens) and tokens[stop].text not in _APPOSITION_END and stop - begin < _MAX_APPOSITION:
        stop += 1
    head = next(
        (k for k in range(begin, min(begin + _APPOSITION_HEAD_WITHIN, stop)) if tokens[k].key in _HEADS), None
    )
    return None if head is None else (begin, stop, head, True)


def _definite_descriptions(tokens: list[_Tok], taken: set[int]) -> list[tuple[int, int]]:
    """ "the group", "the terror group": a definite head noun with its modifiers, not tied to a name."""
    found: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.key != "the":
            continue
        k = i + 1
        while (
            k < len(tokens)
            and k - i <= _MAX_MODIFIERS
            and tokens[k].key not in _HEADS
            and _modifier(tokens[k])
        ):
            k += 1
        if k < len(tokens) and tokens[k].key in _HEADS and not taken & set(range(i + 1, k + 1)):
            found.append((i + 1, k + 1))
    return found


# --- actors across sources ---------------------------------------------------------------------------


def _actor_keys(names: set[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name's actor: the one longer name it ends ("putin" -> "vladimir putin"), else itself."""
    actor: dict[tuple[str, ...], tuple[str, ...]] = {}
    for name in names:
        longer = {n for n in names if len(n) > len(name) and n[-len(name) :] == name}
        longest = {n for n in longer if not any(len(m) > len(n) and m[-len(n) :] == n for m in longer)}
        actor[name] = next(iter(longest)) if len(longest) == 1 else name
    return actor


def _resolve_descriptions(
    found: list[_Found], actor: dict[tuple[str, ...], tuple[str, ...]], sentences: list
) -> list[tuple[tuple[str, ...], _Found]]:
    """Every mention with its actor; "the group" goes to the latest actor described with "group"."""
    heads: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for f in found:
        if f.form is Form.DESCRIPTION and f.name:
            heads[actor[f.name]].add(f.head)
    order = {(d, i): n for n, (d, i, _) in enumerate(sentences)}
    resolved: list[tuple[tuple[str, ...], _Found]] = []
    for f in sorted(found, key=lambda f: (f.doc, order[(f.doc, f.sentence)], f.start)):
        if f.name:
            resolved.append((actor[f.name], f))
            continue
        target = _antecedent(f, resolved, heads)
        if target is not None:
            resolved.append((target, f))
    return resolved


def _antecedent(
    f: _Found, resolved: list[tuple[tuple[str, ...], _Found]], heads: dict[tuple[str, ...], set[str]]
) -> tuple[str, ...] | None:
    """The latest actor of the document described with ``f``'s head noun somewhere; when no actor ever
    is ("the movement"), the latest actor described as a group at all (not so for "the government")."""
    earlier = [a for a, m in reversed(resolved) if m.doc == f.doc]
    same_head = (a for a in earlier if f.head in heads[a])
    unknown = f.head in {_singular(h) for h in _GROUP_HEADS} and not any(f.head in h for h in heads.values())
    any_group = (a for a in earlier if heads[a]) if unknown else iter(())
    return next(same_head, None) or next(any_group, None)


def _referents(
    documents: Sequence[SegmentedDocument],
    resolved: list[tuple[tuple[str, ...], _Found]],
    actor: dict[tuple[str, ...], tuple[str, ...]],
) -> tuple[Referent, ...]:
    masks = [(quotation_mask(doc), other_voice_mask(doc)) for doc in documents]
    by_actor: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for key, f in resolved:
        quotation, others = masks[f.doc]
        by_actor[key].append(_mention(documents[f.doc], quotation if f.gloss else others, f))
    names = _display_names(documents, resolved)
    referents = [
        Referent(names[key], tuple(sorted(set(mentions), key=lambda m: (m.doc, m.start, m.end))))
        for key, mentions in by_actor.items()
        if len({m.doc for m in mentions}) > 1 or any(m.form is Form.DESCRIPTION for m in mentions)
    ]
    return tuple(sorted(referents, key=_prominence))


def _mention(doc: SegmentedDocument, mask: list[bool], f: _Found) -> Mention:
    text = doc.document.text
    quoted = any(mask[f.start : f.end]) or _after_naming_verb(doc, f)
    return Mention(
        f.doc,
        f.sentence,
        f.start,
        f.end,
        text[f.start : f.end],
        Speech.QUOTED if quoted else Speech.OWN,
        f.form,
    )


def _after_naming_verb(doc: SegmentedDocument, f: _Found) -> bool:
    """ "called Hamas terrorists": a description right after a naming verb is the subject's word."""
    sentence = doc.sentences[f.sentence]
    before = _TOKEN.findall(doc.document.text[sentence.start : f.start])[-2:]
    return (
        bool(before) and before[-1].lower() not in _DETERMINERS and any(w.lower() in _NAMING for w in before)
    )


def _display_names(
    documents: Sequence[SegmentedDocument], resolved: list[tuple[tuple[str, ...], _Found]]
) -> dict[tuple[str, ...], str]:
    """Each actor's name as the sources write it most often, in its longest form."""
    forms: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for key, f in resolved:
        if f.form is Form.NAME and len(f.name) == len(key):
            forms[key][documents[f.doc].document.text[f.start : f.end]] += 1
    return {key: (forms[key].most_common(1)[0][0] if forms[key] else " ".join(key)) for key, _ in resolved}


def _prominence(referent: Referent) -> tuple[int, int, int]:
    described = {m.doc for m in referent.mentions if m.form is Form.DESCRIPTION}
    return -len(described), -len({m.doc for m in referent.mentions}), -len(referent.mentions)
