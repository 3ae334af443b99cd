"""Voices: who is quoted or reported saying what, by rule-based attribution over sentences.

A body sentence is attributed to a speaker when it carries an attribution cue (text inside quotation
marks, “…” "…" «…» ‘…’, is ignored when looking for one): a speech verb with its subject ("the Embassy
stated", "Kremlin spokesman Dmitry Peskov said", "he told reporters"), an inverted one after a quotation
(``"…," said Rep. Darrell Issa``), a participle ("…, stating that"), "X quoted/cited Y as saying" (Y
speaks), "according to X", a colon opening a quotation, or, with no such cue, a named subject before a
quotation or "in a letter" ("In a series of tweets, Trump Jr. produced “…”"). "he"/"she"/"him"/"her"
resolve to the most recent person (a speaker, a sentence subject or a titled name such as "Gov. Mike
Pence"), "it" to the most recent organisation speaker, a bare title ("the governor") to the latest person
holding it; a pronoun with no antecedent names nobody. A sentence that starts inside a quotation takes the
speaker named in its quotation run (paragraphs that leave a quotation open and continue it with a
paragraph opening a quote mark — newspaper convention), else the speaker of the body sentence before it.
The paragraph after an attributed sentence ending in a colon ("Trump lashed out on Twitter, saying:") is
that speaker's, quoted or not (a tweet, a post, a statement). Mentions of one speaker merge into one voice
("the embassy", "The Russian Embassy", "Russia's Embassy in Israel"), labelled with the most specific
mention.

Unattributed sentences are the narrator's: they belong to no voice, so ``find_voices`` and
``voices_as_documents`` leave them out.

Speaker accuracy on BASIL (``eval/basil.py``): for each quote annotation with a named speaker (not
``other_*``), a hit when ``same_speaker(speaker_of_sentences(doc)[i], annotation["speaker"])`` for a
sentence ``i`` holding the quote (``find_voices`` gives the same mapping voice by voice).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote

from reader.core.framing.lexicon import word_sections
from reader.core.framing.report import Voice
from reader.core.model import Document, SegmentedDocument


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"
_STRAIGHT_QUOTE = '"'
_OPEN_SINGLE = "‘"  # British style; "’" closes it, or is an apostrophe
_CLOSE_SINGLE = "’"
_QUOTE_MARKS = _OPEN_QUOTES + _CLOSE_QUOTES + _STRAIGHT_QUOTE + _OPEN_SINGLE + _CLOSE_SINGLE
_OPENING_MARKS = _OPEN_QUOTES + _STRAIGHT_QUOTE + _OPEN_SINGLE

_WORDS = word_sections("voices.txt")  # the cue words, as data: resources/words/voices.txt
_MAIN_SPEECH_VERBS = _WORDS["speech"]
_SPEECH_VERBS = _MAIN_SPEECH_VERBS | _WORDS["reported"]
_PARTICIPLES = _WORDS["participle"]
_QUOTATION_VERBS = _WORDS["quotation"]  # speech only when the sentence quotes
_QUOTING_VERBS = _WORDS["quoting"]
_DOCUMENTS = _WORDS["document"]  # "in a letter": its subject speaks
_NOUN_LIKE_VERBS = _vocabulary("states reports notes claims charges reported")  # "border states"

_TITLES = _WORDS["title"]
_ORG_NOUNS = _WORDS["organisation"]
_MODIFIERS = _WORDS["modifier"]
_TITLE_WORDS = _TITLES | _MODIFIERS
_OUTLET_NOUNS = _WORDS["outlet"]
_DETERMINERS = _vocabulary("the a an its his her their this")
_INNER_PREPOSITIONS = _vocabulary("of for in at from")
_LEADING_NOISE = _vocabulary(
    """but and then yet so however still also meanwhile separately later earlier now when while after
    before as since because if though although on in at of for from to with by many some others most all
    both few several those these it that there"""
)
_ADVERBS = _vocabulary(
    "also later earlier then again previously today yesterday once still further had has have would will did"
)
_DAYS = _vocabulary("monday tuesday wednesday thursday friday saturday sunday")
_PERSON_PRONOUNS = _vocabulary("he she him her")
_THING_PRONOUNS = frozenset({"it"})
_PARTY_TAG = re.compile(  # ", R-Ariz." / " (D-Minn.)" / ", Democrat of Maryland" after a name
    r",\s*(?:[RDI]-[A-Z][A-Za-z.]*|(?:a\s+)?(?:Democrat|Republican|Independent)\s+(?:of|from)\s+[A-Z][\w.]*"
    r"(?:\s+[A-Z][\w.]*)*)(?=,)|\s*\([RDI]-[A-Z][A-Za-z.]*\)"
)
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[’'\-]\w+)*\.?|[^\w\s]")
_ABBREVIATIONS = _vocabulary("mr. mrs. ms. dr. sen. rep. gov. jr. st.")
_POSSESSIVE = re.compile(r"[’']s$")
_FIRST_PERSON = re.compile(r"I\b")  # "I", "I’m"
_CLAUSE_BREAKS = frozenset({",", ":", "—", "―"})
_TITLE_ALIASES = {"gov": "governor", "sen": "senator", "rep": "representative"}
_MAX_APPOSITIVE_CHUNKS = 4
_HONORIFICS = _vocabulary("mr mrs ms dr")
_FIRST_NAMES = word_sections("first-names.txt")
_WOMEN, _MEN = _vocabulary("mrs ms") | _FIRST_NAMES["female"], _vocabulary("mr") | _FIRST_NAMES["male"]
_OTHER_GENDER = {"he": _WOMEN, "him": _WOMEN, "she": _MEN, "her": _MEN}  # whom a pronoun cannot name
_OBJECT_PRONOUNS = _vocabulary("him her")
_NAME_SUFFIXES = _vocabulary("jr sr ii iii")
_PRONOUNS = _PERSON_PRONOUNS | _THING_PRONOUNS | {"they"}
_HEAD_NOUNS = _TITLES | _ORG_NOUNS
_PHRASE_WORDS = _HEAD_NOUNS | _MODIFIERS | _DETERMINERS | _INNER_PREPOSITIONS


@dataclass(frozen=True)
class _Mention:
    """A speaker named (or pronoun-resolved) in one sentence, or a person or subject named there."""

    sentence: int
    text: str
    cue: str
    antecedent: int | None = None  # index of the mention a pronoun refers to
    speaks: bool = True  # False for a name kept only as a pronoun antecedent
    cue_span: tuple[int, int] = (0, 0)  # the cue's offsets in the document text


class _Attribution(NamedTuple):
    """Per attributed body sentence: its speaker's label, its cue text and the cue's document offsets."""

    speakers: dict[int, str]
    cues: dict[int, str]
    cue_spans: dict[int, tuple[int, int]]


def find_voices(doc: SegmentedDocument) -> tuple[Voice, ...]:
    """The voices of ``doc`` in order of first appearance, each with its sentences and cues."""
    speakers, cues, _ = _attribution(doc)
    voices: dict[str, tuple[list[int], list[str]]] = {}
    for index in sorted(speakers):
        sentences, voice_cues = voices.setdefault(speakers[index], ([], []))
        sentences.append(index)
        if index in cues and cues[index] not in voice_cues:
            voice_cues.append(cues[index])
    return tuple(Voice(name, tuple(s), tuple(c)) for name, (s, c) in voices.items())


def speaker_of_sentences(doc: SegmentedDocument) -> dict[int, str]:
    """Sentence index -> speaker name, for the attributed body sentences of ``doc``."""
    return dict(_attribution(doc).speakers)


def other_voice_mask(doc: SegmentedDocument) -> list[bool]:
    """Per character of the document text: True where someone other than the narrator speaks.

    That is the text inside quotation marks, and the rest of every attributed sentence outside its cue
    (reported speech: "the ministry said the visit was an act of support for terrorism"); the cue itself
    ("Hamas, the militant group that controls Gaza, said") is the narrator's wording.
    """
    mask = quotation_mask(doc)
    attribution = _attribution(doc)
    for index in attribution.speakers:
        sentence = doc.sentences[index]
        cue_start, cue_end = attribution.cue_spans.get(index, (sentence.start, sentence.start))
        for i in range(sentence.start, sentence.end):
            mask[i] = mask[i] or not cue_start <= i < cue_end
    return mask


def voices_as_documents(doc: SegmentedDocument, min_sentences: int = 1) -> list[Document]:
    """One ``Document`` per voice with at least ``min_sentences`` sentences, labelled with the speaker.

    The voices quoted most come first (ties in order of first appearance), so that the two main voices
    of a report, whose statements most often answer each other, stand in neighbouring columns. The text
    joins the voice's sentences, a blank line between sentences of different paragraphs.
    """
    source = doc.document
    return [
        Document(
            label=voice.speaker,
            text=_joined_text(doc, voice.sentences),
            origin=f"{source.origin}#voice={quote(voice.speaker)}",
            title=source.title,
            outlet=source.outlet,
            date=source.date,
            author=source.author,
        )
        for voice in sorted(find_voices(doc), key=lambda v: -len(v.sentences))
        if len(voice.sentences) >= min_sentences
    ]


def same_speaker(detected: str, annotated: str) -> bool:
    """True when a detected speaker name matches an annotated one (BASIL ``Donald_Trump``) by surname."""
    names = [w for w in annotated.lower().replace("_", " ").split() if w.rstrip(".") not in _NAME_SUFFIXES]
    surname = names[-1] if names else ""
    words = [_word_key(w) for w in _words(detected)]
    return bool(surname) and any(_same_word(w, surname) for w in words)


@lru_cache(maxsize=4096)
def same_voice(a: str, b: str) -> bool:
    """True when two speaker labels name one speaker ("Peskov", "Kremlin spokesman Dmitry Peskov")."""
    return _covers(a, b) or _covers(b, a)


def _joined_text(doc: SegmentedDocument, indices: Sequence[int]) -> str:
    parts: list[str] = []
    previous_paragraph: int | None = None
    for index in indices:
        sentence = doc.sentences[index]
        if previous_paragraph is not None:
            parts.append(" " if sentence.paragraph == previous_paragraph else "\n\n")
        parts.append(sentence.text.strip())
        previous_paragraph = sentence.paragraph
    return "".join(parts)


# --- attribution -----------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _attribution(doc: SegmentedDocument) -> _Attribution:
    """Speaker label, cue text and cue span per attributed body sentence (remembered: voices and
    referents both ask; read-only)."""
    quoted = quotation_mask(doc)
    mentions = _find_mentions(doc, quoted)
    labels = _canonical_labels(mentions)
    own = {m.sentence: labels[i] for i, m in enumerate(mentions) if m.speaks}
    cues = {m.sentence: m.cue for m in mentions if m.speaks}
    cue_spans = {m.sentence: m.cue_span for m in mentions if m.speaks}
    speakers = dict(own)
    body = doc.body_indices()
    runs = _quotation_runs(doc, quoted)
    introduced = _introduced(doc, body, speakers)
    for position, index in enumerate(body):
        if index in introduced and index not in speakers:
            speakers[index] = introduced[index]
        if index in speakers or not _starts_quoted(doc, index, quoted):
            continue
        inherited = _run_speaker(index, runs.get(doc.sentences[index].paragraph, ()), own)
        if inherited is None and position > 0:
            inherited = speakers.get(body[position - 1])
        if inherited is not None:
            speakers[index] = inherited
    return _Attribution(speakers, cues, cue_spans)


def _introduced(doc: SegmentedDocument, body: Sequence[int], speakers: dict[int, str]) -> dict[int, str]:
    """The sentences of a paragraph that an attributed sentence ending in a colon introduces, with its
    speaker ("Trump lashed out on Twitter, saying:" and the tweet below, quoted or not)."""
    introduced: dict[int, str] = {}
    for position, index in enumerate(body[:-1]):
        sentence = doc.sentences[index]
        if index not in speakers or not sentence.text.rstrip().endswith(":"):
            continue
        following = [i for i in body[position + 1 :] if doc.sentences[i].paragraph > sentence.paragraph]
        paragraph = doc.sentences[following[0]].paragraph if following else None
        introduced |= {i: speakers[index] for i in following if doc.sentences[i].paragraph == paragraph}
    return introduced


def quotation_mask(doc: SegmentedDocument) -> list[bool]:
    """Per character of the document text: True inside a quotation (quote marks themselves excluded)."""
    text = doc.document.text
    mask = [False] * len(text)
    spans = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(text))]
    for start, end in spans:
        double = single = False
        for i in range(start, end):
            char = text[i]
            if char in _OPEN_QUOTES:
                double = True
            elif char in _CLOSE_QUOTES:
                double = False
            elif char == _STRAIGHT_QUOTE:
                double = not double
            elif char == _OPEN_SINGLE and not (double or single) and _opens_single(text, i):
                single = True
            elif char == _CLOSE_SINGLE and single and _closes_single(text, i):
                single = False
            else:
                mask[i] = double or single
    return mask


def _opens_single(text: str, i: int) -> bool:
    """A "‘" before a word, not inside one."""
    return (i == 0 or not text[i - 1].isalnum()) and text[i + 1 : i + 2].isalnum()


def _closes_single(text: str, i: int) -> bool:
    """A "’" after a word and not followed by one (so not the apostrophe of "Russia’s")."""
    return i > 0 and not text[i - 1].isspace() and not text[i + 1 : i + 2].isalnum()


def _starts_quoted(doc: SegmentedDocument, index: int, quoted: list[bool]) -> bool:
    sentence = doc.sentences[index]
    stripped = sentence.text.lstrip()
    offset = sentence.start + len(sentence.text) - len(stripped)
    return bool(stripped) and (stripped[0] in _OPENING_MARKS or quoted[offset])


def _quotation_runs(doc: SegmentedDocument, quoted: list[bool]) -> dict[int, tuple[int, ...]]:
    """Paragraph -> the body sentences of its quotation run (paragraphs continuing one quotation)."""
    text = doc.document.text
    runs: list[list[int]] = []
    for number, paragraph in enumerate(doc.paragraphs):
        opens_with_quote = text[paragraph.start : paragraph.end].lstrip()[:1] in _OPENING_MARKS
        if runs and opens_with_quote and _ends_open(doc, runs[-1][-1], quoted):
            runs[-1].append(number)
        else:
            runs.append([number])
    body_by_paragraph: dict[int, list[int]] = {}
    for index in doc.body_indices():
        body_by_paragraph.setdefault(doc.sentences[index].paragraph, []).append(index)
    result: dict[int, tuple[int, ...]] = {}
    for run in runs:
        members = tuple(i for p in run for i in body_by_paragraph.get(p, ()))
        result.update(dict.fromkeys(run, members))
    return result


def _ends_open(doc: SegmentedDocument, paragraph: int, quoted: list[bool]) -> bool:
    span = doc.paragraphs[paragraph]
    text = doc.document.text[span.start : span.end].rstrip()
    last = span.start + len(text) - 1
    return bool(text) and text[-1] not in _QUOTE_MARKS and quoted[last]


def _run_speaker(index: int, run: tuple[int, ...], own: dict[int, str]) -> str | None:
    """The speaker named in the quotation run: the nearest attribution after ``index``, else before."""
    after = [own[i] for i in run if i > index and i in own]
    before = [own[i] for i in run if i < index and i in own]
    if after:
        return after[0]
    return before[-1] if before else None


# --- cues and speaker noun phrases -------------------------------------------------------------------


class _Token(NamedTuple):
    text: str
    start: int
    end: int


def _find_mentions(doc: SegmentedDocument, quoted: list[bool]) -> list[_Mention]:
    """Speakers of the body sentences, plus named people and subjects kept as pronoun antecedents."""
    mentions: list[_Mention] = []
    names = _names_inside_sentences(doc)
    for index in doc.body_indices():
        sentence = doc.sentences[index]
        masked = "".join(" " if quoted[sentence.start + i] else c for i, c in enumerate(sentence.text))
        masked = _PARTY_TAG.sub(lambda m: " " * len(m.group()), masked)
        tokens = _tokens(masked)
        cue = _cue_in(tokens, masked, names)
        limit = cue[2] if cue else len(tokens)
        object_pronoun = cue is not None and cue[0].lower() in _OBJECT_PRONOUNS  # "Kommersant quoted him"
        context = []
        if not _starts_quoted(doc, index, quoted):
            context = [_resolve(m, mentions) or m for m in _antecedents(index, tokens, limit, object_pronoun)]
        speaker = None
        if cue:
            span = (sentence.start + cue[3][0], sentence.start + cue[3][1])
            speaker = _resolve(_Mention(index, cue[0], cue[1], cue_span=span), mentions + context)
        mentions.extend(context)
        mentions.extend([speaker] if speaker else [])
    return mentions


def _antecedents(index: int, tokens: list[_Token], limit: int, skip_subject: bool) -> list[_Mention]:
    """Titled names and the subject of a sentence, before token ``limit`` (its cue), as non-speakers.

    ``skip_subject`` leaves the subject out when the cue's speaker is an object pronoun, which cannot
    name the subject of its own clause.
    """
    spans = _titled_names(tokens)
    subject = (0, 0) if skip_subject else _subject_span(tokens, len(tokens))
    if subject[0] < subject[1] and tokens[subject[0]].text.lower() not in _PRONOUNS:
        spans.append(subject)
    return [_Mention(index, _name(tokens[b:e]), "", speaks=False) for b, e in spans if e <= limit]


def _titled_names(tokens: list[_Token]) -> list[tuple[int, int]]:
    """Names after a capitalised title ("Senate Minority Leader Chuck Schumer")."""
    names: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if not token.text[:1].isupper() or not _is_title(token.text):
            continue
        start, end = i, i + 1
        honorific = _word_key(token.text) in _HONORIFICS  # nothing stands before "Ms."
        while start > 0 and not honorific and _extends_title(tokens[start - 1].text):
            start -= 1
        while end < len(tokens) and tokens[end].text[:1].isupper() and not _is_title(tokens[end].text):
            end += 1
            if _POSSESSIVE.search(tokens[end - 1].text):
                break
        if end > i + 1:
            names.append((start, end))
    return names


def _extends_title(token: str) -> bool:
    """True for a capitalised word that belongs before a title ("Senate Minority Leader", "Vermont Sen.")."""
    word = _word_key(token)
    return token[:1].isupper() and _is_head(token) and word not in _LEADING_NOISE and not word.endswith("ing")


def _is_title(token: str) -> bool:
    word = _word_key(token)
    return _TITLE_ALIASES.get(word, word) in _TITLES


def _names_inside_sentences(doc: SegmentedDocument) -> frozenset[str]:
    """The words ``doc`` capitalises other than as a sentence's first word: its names ("Trump", not
    "Without" or "Every", which only a sentence start capitalises)."""
    return frozenset(
        _word_key(token.text)
        for index in doc.body_indices()
        for token in _tokens(doc.sentences[index].text)[1:]
        if token.text[:1].isupper()
    )


def _cue_in(
    tokens: list[_Token], masked: str, names: frozenset[str]
) -> tuple[str, str, int, tuple[int, int]] | None:
    """Speaker phrase, cue text, first cue token and the cue's offsets in the sentence, of the strongest,
    then leftmost, attribution cue; ``names`` are the document's names (``_names_inside_sentences``)."""
    weak = _SPEECH_VERBS | _PARTICIPLES | {":"}
    if any(t.text in _QUOTE_MARKS for t in tokens):
        weak |= _QUOTATION_VERBS
    for verbs in (_MAIN_SPEECH_VERBS | _QUOTING_VERBS, {"according"}, weak):  # "X, according to Y, said"
        for i, token in enumerate(tokens):
            if token.text.lower() not in verbs or token.text[:1].isupper():
                continue
            span = _speaker_span(tokens, i)
            if span is not None and span[0] < span[1]:
                return _cue(tokens, masked, span, i)
    return _named_subject_cue(tokens, masked, names)


def _cue(
    tokens: list[_Token], masked: str, span: tuple[int, int], i: int
) -> tuple[str, str, int, tuple[int, int]]:
    """Speaker phrase ``span``, the cue text from it to the cue token ``i`` (either way round), its first
    token and offsets."""
    first = min(span[0], i)
    last = max(span[1], i + 1)
    start, end = tokens[first].start, tokens[last - 1].end
    return _name(tokens[span[0] : span[1]]), masked[start:end], first, (start, end)


def _named_subject_cue(
    tokens: list[_Token], masked: str, names: frozenset[str]
) -> tuple[str, str, int, tuple[int, int]] | None:
    """With no speech verb: a named subject before a quotation or "in a letter" (a post, a statement)
    speaks — "In a series of tweets, Trump Jr. produced “the entire chain …”", "Rep. Trey Gowdy made the
    request in a letter". The subject must be a name or a person pronoun, not a description. The words
    outside the quotation stay the narrator's: the cue spans the sentence."""
    words = [t.text.lower() for t in tokens]
    marks = [i for i, t in enumerate(tokens) if _opens_quotation(t, masked)]
    letter = any(words[i] == "in" and words[i + 2] in _DOCUMENTS for i in range(len(tokens) - 2))
    for limit in sorted(marks[:1] + [len(tokens)] * letter):
        span = _named_subject(tokens, limit, names)
        if span is not None:
            name, cue, first, _ = _cue(tokens, masked, span, span[1] - 1)
            return name, cue, first, (0, len(masked))  # the sentence is the narrator's but for its quotation
    return None


def _opens_quotation(token: _Token, masked: str) -> bool:
    """An opening quote mark: a curly one, or a straight one after a space (not "… lifestyles.\"")."""
    if token.text == _STRAIGHT_QUOTE:
        return token.start == 0 or masked[token.start - 1].isspace()
    return token.text in _OPENING_MARKS


def _named_subject(tokens: list[_Token], limit: int, names: frozenset[str]) -> tuple[int, int] | None:
    """The first clause subject before ``limit`` that ends in a name ("Trump Jr.", "the late Sen. Ted
    Kennedy", "Republican presidential candidate Rick Perry", "Rep. Trey Gowdy, R-S.C.,") or is "he"/"she",
    followed by a verb or a comma."""
    starts = [0] + [i + 1 for i, t in enumerate(tokens[:limit]) if t.text in _CLAUSE_BREAKS]
    for start in starts:
        begin = start
        if begin < limit and tokens[begin].text.lower() in _PERSON_PRONOUNS:
            end = begin + 1
        else:
            begin += begin < limit and tokens[begin].text.lower() in _DETERMINERS
            begin += begin < limit and tokens[begin].text.islower()  # "the late", "the former"
            end = begin
            while end < limit and _in_phrase(tokens[end].text) and not _FIRST_PERSON.match(tokens[end].text):
                end += 1
        following = tokens[end].text if end < len(tokens) else ""
        last = tokens[end - 1].text if begin < end else ""
        named = (last[:1].isupper() or last.lower() in _PERSON_PRONOUNS) and not _POSSESSIVE.search(last)
        named = named and _word_key(tokens[begin].text) not in _LEADING_NOISE  # not "Ted Cruz's problem"
        capitalised_by_position = (begin, end) == (0, 1) and _word_key(last) not in names | _PERSON_PRONOUNS
        named = named and not capitalised_by_position  # not "Without fail, Mr. Trump's fans reply, …"
        if named and (following == "," or following.islower()):
            return begin, end
    return None


def _speaker_span(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """Token range of the speaker phrase the cue at ``i`` names (``None`` when the cue is no cue)."""
    word = tokens[i].text.lower()
    if i > 0 and tokens[i - 1].text.lower() in _DETERMINERS | _INNER_PREPOSITIONS:
        return None  # "the reported product": an adjective, not a verb
    if word in _QUOTING_VERBS:
        return _phrase_after(tokens, i + 1)
    if word == "according":
        following = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
        return _phrase_after(tokens, i + 2) if following == "to" else None
    if word in _PARTICIPLES:
        return _subject_span(tokens, i) if i > 0 and tokens[i - 1].text.lower() != "as" else None
    if word == ":":
        opens_quote = tokens[i + 1 : i + 2] and tokens[i + 1].text in _QUOTE_MARKS
        return _subject_span(tokens, i) if opens_quote else None
    if i > 0 and tokens[i - 1].text in _QUOTE_MARKS:
        return _phrase_after(tokens, i + 1)
    before = _phrase_before(tokens, i)
    if before[0] < before[1] or word in _NOUN_LIKE_VERBS or not any(t.text == "," for t in tokens[:i]):
        return before
    appositive = _appositive_span(tokens, i - 1) if tokens[i - 1].text == "," else None
    return appositive or _subject_span(tokens, i)  # "X, whose …, said": the subject of the clause


def _appositive_span(tokens: list[_Token], comma: int) -> tuple[int, int] | None:
    """The comma-bounded chunk before ``comma`` that names the speaker ("X, Brad Woodhouse, said").

    Of the nearest chunks that are whole noun phrases, a proper name wins over a description.
    """
    chunks: list[tuple[int, int]] = []
    end: int | None = comma
    for _ in range(_MAX_APPOSITIVE_CHUNKS):
        if end is None:
            break
        start = end
        while start > 0 and _in_phrase(tokens[start - 1].text):
            start -= 1
        bounded = start == 0 or not tokens[start - 1].text.isalnum()
        begin, stop = _trimmed(tokens, start, end)
        if bounded and begin < stop and any(t.text[:1].isupper() for t in tokens[begin:stop]):
            chunks.append((begin, stop))
        end = next((k for k in range(start - 1, -1, -1) if tokens[k].text == ","), None)
    names = [(b, e) for b, e in chunks if all(t.text[:1].isupper() for t in tokens[b:e])]
    return (names or chunks or [None])[0]


def _subject_span(tokens: list[_Token], limit: int) -> tuple[int, int]:
    """The first noun phrase before ``limit`` that a verb follows (after any introductory clause)."""
    starts = [0] + [i + 1 for i, t in enumerate(tokens[:limit]) if t.text in _CLAUSE_BREAKS]
    for start in starts:
        begin, end = _phrase_after(tokens, start)
        verb_follows = begin < end < len(tokens) and tokens[end].text.isalpha() and tokens[end].text.islower()
        if verb_follows and not tokens[begin].text.lower().endswith(("ing", "ed")):
            return begin, end
    return 0, 0


def _phrase_before(tokens: list[_Token], verb: int) -> tuple[int, int]:
    """The speaker noun phrase ending right before the verb (adverbs and "on Friday" skipped)."""
    end = verb
    while end > 0 and _is_adverbial(tokens, end - 1):
        end -= 1
    if end > 0 and tokens[end - 1].text.lower() in _PRONOUNS:
        return end - 1, end
    start = end
    while start > 0 and _in_phrase(tokens[start - 1].text):
        start -= 1
    return _trimmed(tokens, start, end)


def _phrase_after(tokens: list[_Token], start: int) -> tuple[int, int]:
    """The speaker noun phrase starting at ``start`` (or the pronoun there)."""
    while start < len(tokens) and tokens[start].text in _QUOTE_MARKS:
        start += 1
    if start < len(tokens) and tokens[start].text.lower() in _PRONOUNS:
        return start, start + 1
    end = start
    while end < len(tokens) and _in_phrase(tokens[end].text):
        end += 1
    return _trimmed(tokens, start, end)


def _is_adverbial(tokens: list[_Token], i: int) -> bool:
    text = tokens[i].text
    word = text.lower()
    if word in _ADVERBS or word in _DAYS or (word.endswith("ly") and text.islower()):
        return True
    return word == "on" and i + 1 < len(tokens) and tokens[i + 1].text.lower() in _DAYS


def _in_phrase(token: str) -> bool:
    if not token[:1].isalnum():
        return False
    if token[:1].isupper():
        return True
    word = _word_key(token)
    return word in _PHRASE_WORDS or _is_known(word, _HEAD_NOUNS)


def _trimmed(tokens: list[_Token], start: int, end: int) -> tuple[int, int]:
    """Drop leading connectives and trailing function words; empty when nothing names a speaker."""
    while start < end and _word_key(tokens[start].text) in _LEADING_NOISE:
        start += 1
    while start < end and not _is_head(tokens[end - 1].text):
        end -= 1
    if start == end or _POSSESSIVE.search(tokens[end - 1].text):  # "The state's two …"
        return start, start
    return start, end


def _is_head(token: str) -> bool:
    """True for a word that can end a speaker phrase: a name, a title or an organisation noun."""
    word = _word_key(token)
    if token[:1].isupper():
        return word not in _DAYS | _DETERMINERS
    return _is_known(word, _HEAD_NOUNS)


def _is_known(word: str, nouns: frozenset[str]) -> bool:
    """True when ``word`` or its singular is one of ``nouns``."""
    return word in nouns or word.removesuffix("s") in nouns


def _name(tokens: Sequence[_Token]) -> str:
    """The speaker's name: a trailing proper name after a common noun ("a member of … Abu Hamid")."""
    words = [t.text for t in tokens]
    run = 0
    while run < len(words) and words[-1 - run][:1].isupper():
        run += 1
    before = words[-1 - run].lower() if run < len(words) else ""
    if run >= 2 and before and before not in _DETERMINERS | _MODIFIERS | _INNER_PREPOSITIONS:
        words = words[-run:]
    return _POSSESSIVE.sub("", " ".join(words))


def _resolve(mention: _Mention, earlier: list[_Mention]) -> _Mention | None:
    """Point a pronoun or a bare title ("the governor") at the most recent mention it can name.

    he/she/him/her name a person (speaker or subject), "it" an organisation speaker, "they" any speaker;
    a bare title names the latest person with that title, else the latest person, else itself;
    an unresolved pronoun names nobody (``None``).
    """
    word = mention.text.lower()
    title = _bare_title(mention.text)
    if word not in _PRONOUNS and not title:
        return mention
    target = _latest(earlier, word, title)
    if target is None and title:
        target = _latest(earlier, "he", "")
    if target is None:
        return mention if title else None
    return replace(mention, antecedent=target)


def _latest(earlier: list[_Mention], word: str, title: str) -> int | None:
    """Index of the most recent mention that ``word`` (a pronoun) or ``title`` can refer to."""
    for i in range(len(earlier) - 1, -1, -1):
        target = earlier[i].antecedent if earlier[i].antecedent is not None else i
        if _can_refer(word, title, earlier[target], earlier):
            return target
    return None


def _bare_title(text: str) -> str:
    """The head of a phrase that is nothing but a title ("the attorney general" -> "general"), else ""."""
    head, words = _key(text)
    return head if head in _TITLES and words <= _TITLE_WORDS else ""


def _can_refer(word: str, title: str, target: _Mention, mentions: Sequence[_Mention]) -> bool:
    if title:
        return title in _key(target.text)[1] and _is_person(target.text, mentions)
    if word in _PERSON_PRONOUNS:
        words = {_word_key(w) for w in _words(target.text)}
        return _is_person(target.text, mentions) and not words & _OTHER_GENDER[word]
    return target.speaks and (word == "they" or not _is_person(target.text, mentions))


# --- normalising mentions into voices ----------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t[:1].isalnum()]


def _tokens(text: str) -> list[_Token]:
    """Words and punctuation; a sentence-final period is split off unless it ends an abbreviation."""
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        token, start, end = match.group(), match.start(), match.end()
        abbreviation = token.lower() in _ABBREVIATIONS or "." in token[:-1] or len(token) == 2  # "A.G.", "J."
        if len(token) > 1 and token.endswith(".") and not abbreviation:
            tokens.extend((_Token(token[:-1], start, end - 1), _Token(".", end - 1, end)))
        else:
            tokens.append(_Token(token, start, end))
    return tokens


def _word_key(token: str) -> str:
    return _POSSESSIVE.sub("", token.lower()).rstrip(".")


def _same_word(a: str, b: str) -> bool:
    """Equal words, or a name and its demonym ("russia"/"russian", "israel"/"israeli")."""
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) >= 4 and longer.startswith(shorter))


@lru_cache(maxsize=4096)
def _key(text: str) -> tuple[str, frozenset[str]]:
    """Head word and content words of a speaker phrase."""
    words = [_TITLE_ALIASES.get(w, w) for w in (_word_key(w) for w in _words(text))]
    head_part = words
    for i, word in enumerate(words):
        if word in _INNER_PREPOSITIONS and i > 0:
            head_part = words[:i]
            break
    content = frozenset(w for w in words if w not in _DETERMINERS | _HONORIFICS)
    return head_part[-1] if head_part else "", content


@lru_cache(maxsize=1 << 14)
def _covers(specific: str, general: str) -> bool:
    """True when ``general`` names the same speaker as the more specific phrase ``specific``."""
    head_s, words_s = _key(specific)
    head_g, words_g = _key(general)
    if len(words_g) == 1 and head_s in _OUTLET_NOUNS:  # "TASS" is "TASS news agency"
        head_g = head_s
    compared = _name_words(general) or words_g  # "President Trump" is "Donald Trump"; "the governor" whole
    heads = (head_s, _trailing_name(specific))
    return any(_same_word(h, head_g) for h in heads if h) and all(
        any(_same_word(g, s) for s in words_s) for g in compared
    )


def _trailing_name(text: str) -> str:
    """The surname closing a phrase whose head comes earlier ("Director of … James Clapper"), else ""."""
    words = _words(text)
    if len(words) >= 3 and words[-1][:1].isupper() and words[-2][:1].isupper():
        return _word_key(words[-1])
    return ""


def _name_words(text: str) -> frozenset[str]:
    """Content words without titles and modifiers ("President Trump" -> {"trump"})."""
    return _key(text)[1] - _TITLE_WORDS


def _is_person(text: str, mentions: Sequence[_Mention]) -> bool:
    head, words = _key(text)
    if _is_known(head, _ORG_NOUNS):
        return False
    if words & _TITLES or head in _TITLES:
        return True
    capitalised = [w for w in _words(text) if w[:1].isupper() and w.lower() not in _DETERMINERS]
    if len(capitalised) >= 2 and not words & _ORG_NOUNS:
        return True
    return any(
        m.text != text and len(_key(m.text)[1]) > 1 and _covers(m.text, text) and _is_person(m.text, ())
        for m in mentions
    )


def _canonical_labels(mentions: Sequence[_Mention]) -> list[str]:
    """The voice label of every mention: the most specific mention of its speaker, article dropped.

    Each named mention joins the widest mention that covers it (the nearest before it, else the first
    after it); the joined mentions form one speaker, labelled by its fullest name.
    """
    named = [i for i, m in enumerate(mentions) if m.antecedent is None]
    parent = {i: i for i in named}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    covers = _CoverIndex(mentions, named)
    for i in named:
        target = covers.widest(i)
        if target is not None and root(target) != root(i):
            parent[root(i)] = root(target)
    best: dict[int, int] = {}
    for i in named:
        r = root(i)
        if r not in best or _specificity(mentions[i].text) > _specificity(mentions[best[r]].text):
            best[r] = i
    labels: list[str] = []
    for i, mention in enumerate(mentions):
        source = mention.antecedent if mention.antecedent is not None else i
        labels.append(_display(mentions[best[root(source)]].text))
    return labels


class _CoverIndex:
    """Which named mentions cover which, decided once per pair of distinct texts (an article quotes the
    same few speakers hundreds of times), with each text's mention positions kept sorted."""

    def __init__(self, mentions: Sequence[_Mention], named: Sequence[int]) -> None:
        self.texts = [mentions[i].text for i in range(len(mentions))]
        self.positions: dict[str, list[int]] = {}
        for i in named:
            self.positions.setdefault(self.texts[i], []).append(i)
        self.covering = {
            general: [specific for specific in self.positions if _covers(specific, general)]
            for general in self.positions
        }
        self.width = {text: len(_key(text)[1]) for text in self.positions}

    def widest(self, i: int) -> int | None:
        """The widest other mention naming the same speaker as mention ``i``: nearest before, else after."""
        texts = [t for t in self.covering[self.texts[i]] if self.positions[t] != [i]]
        if not texts:
            return None
        most = max(self.width[t] for t in texts)
        widest = [self.positions[t] for t in texts if self.width[t] == most]
        before = [p[bisect_left(p, i) - 1] for p in widest if p[0] < i]
        if before:
            return max(before)
        return min(p[bisect_right(p, i)] for p in widest if p[-1] > i)


def _specificity(text: str) -> tuple[int, int]:
    return len(_name_words(text)), len(_key(text)[1])


def _display(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() in _DETERMINERS else text
