"""Split a document into paragraphs and sentences with exact offsets, and give each sentence a role.

Paragraphs end at blank lines, and at single line breaks unless the line clearly wraps on (the next line
starts in lower case, or the line ends with a comma, dash or a word such as "the"). Sentences end at
``.``, ``?``, ``!`` or an ellipsis (with any closing quotes and brackets) when whitespace and a
non-lower-case character follow, except after abbreviations, initials and dates ("Mr.", "U.S.",
"George W. Bush", "Oct. 7") and before a quotation's speaker (``"Why?" Mr. Gowdy asked.``); CJK
full stops end a sentence anywhere. A piece without letters or digits never stands alone, and a sentence
longer than ``MAX_SENTENCE_CHARS`` is cut at spaces.

Roles (title, caption, credit, boilerplate, duplicate) are decided per paragraph from its text and its
neighbours; the later copy of a repeated paragraph is the duplicate. A headline between the title and
the article (repeated or a second one) stays body: it states the main claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from reader.core.model import Document, Paragraph, Role, SegmentedDocument, Sentence


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations that never end a sentence (titles before a name, "St. Louis").
_TITLES = _word_set(
    "mr mrs ms mx dr drs prof profs sen sens rep reps gov govs gen gens lt col capt cmdr sgt cpl pvt adm "
    "maj brig supt det insp rev fr hon pres amb st mt ft messrs mssrs mme mlle"
)
# Abbreviations that do not end a sentence when a number follows ("Oct. 7", "No. 5", "Fig. 2").
_BEFORE_NUMBER = _word_set("jan feb mar apr jun jul aug sep sept oct nov dec no nos vol fig art sec ch pp p")
# Abbreviations (and US state abbreviations) that end a sentence only when a typical opener follows;
# initials and dotted acronyms ("W.", "U.S.") behave the same.
_AMBIGUOUS = _word_set(
    "inc co corp ltd llc jr sr etc vs esq bros dept univ assn approx ala ariz ark calif colo conn fla ga "
    "kan kans ky md mass mich minn mo mont neb nev okla pa tenn tex va vt wis wyo"
)
_OPENERS = _word_set(
    "the a an he she it they we i you his her its their our this that these those there here but and "
    "so yet in on at for as if when while after before since although though however meanwhile still "
    "then now according earlier later last next some many most no one mr mrs ms dr"
)

MAX_SENTENCE_CHARS = 2000  # a longer run without a sentence end is cut at spaces
_CLOSERS = "\"'”’»)]}」』）"
# A terminator with its closing quotes: Latin and Arabic ones before whitespace, CJK full-width ones anywhere.
_BOUNDARY = re.compile(
    rf"(?:\.{{2,}}|…|[.!?؟])[.!?؟…]*[{re.escape(_CLOSERS)}]*(?=\s)|[。！？]+[{re.escape(_CLOSERS)}]*"
)
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s*(\S+)")
_WORD_CHAR = re.compile(r"\w")
_ATTRIBUTION = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*\s+){1,3}(?:said|says|asked|added|continued|replied|recalled|told|wrote|tweeted"
    r"|explained|noted|shouted|insisted|declared)\b(?P<end>[.,])?"
)
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LEADING_PUNCT = "\"'“‘«([{—–-"

_TERMINAL = ".!?…:;,"
# Words that do not end a line unless the sentence goes on (lower case only).
_JOINERS = _word_set("a an the and or but nor of to in on at by for from with as that than which who whose")
_WRAP_ENDINGS = (",", "-", "–", "—", "(")

_CREDIT_TAIL = re.compile(r"\(\s*(?:photo\s+)?credits?\s*:[^()]*\)$", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:(?:photo|image|picture)\s*)?(?:credits?|courtesy)\s*:.*$"
    r"|^(?:photos?|images?|pictures?|photograph|video)\s*(?:by\b|:).*$"
    r"|^\(?\s*(?:AP|AFP|Reuters|REUTERS|Getty Images|EPA|Shutterstock|iStock)(?:\s*Photo)?(?:\s*/.*)?\)?\.?$"
    r"|^.*\bGetty Images\b.*$",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"^(?:read more|read also|click here|sign up|subscribe|advertisement|sponsored|share (?:this|on)\b"
    r"|share$|follow (?:us|me)\b|related(?: articles| stories| coverage)?\s*:|recommended|newsletter"
    r"|watch\s*:|listen\s*:|comments?$|back to top|skip to)",
    re.IGNORECASE,
)
# A short caption looks like a heading (boilerplate) until its credit line is seen.
_CAPTION_CANDIDATES = (Role.BODY, Role.BOILERPLATE)
_LEGAL_LINE = re.compile(r"^(?:copyright\b|©)|all rights reserved", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+\S", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_HEADLINE_WORDS = 5
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "…, 15 March 2030", "… Oct. 27, 2023": a source line that ends with its date.
_ENDS_WITH_DATE = re.compile(
    rf"(?:\b\d{{1,2}}\s+{_MONTH}|\b{_MONTH}\s+\d{{1,2}},?)\s+\d{{4}}$", re.IGNORECASE
)
_DATE_WORDS = _word_set(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday "
    "friday saturday sunday am pm gmt utc et est edt pt pst pdt bst cet idt ist published updated posted "
    "last on at"
)


def segment(document: Document) -> SegmentedDocument:
    """Split ``document`` into paragraphs and role-tagged sentences whose offsets slice its text."""
    text = document.text
    paragraphs = tuple(_paragraphs(text))
    roles = _paragraph_roles([text[p.start : p.end] for p in paragraphs], document.title)
    sentences = tuple(
        Sentence(start, end, text[start:end], index, roles[index])
        for index, paragraph in enumerate(paragraphs)
        for start, end in _sentence_spans(text, paragraph.start, paragraph.end)
    )
    return SegmentedDocument(document, paragraphs, sentences)


# --- paragraphs -------------------------------------------------------------------------------------


def _stripped_lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, stripped of surrounding whitespace; (-1, -1) for blanks."""
    start = 0
    for line in text.split("\n"):
        content = line.strip()
        if content:
            lead = start + line.index(content[0])
            yield lead, lead + len(content)
        else:
            yield -1, -1
        start += len(line) + 1


def _wraps_on(line: str, next_line: str) -> bool:
    """True when a single line break between ``line`` and ``next_line`` is only a wrap."""
    last_word = line.rsplit(maxsplit=1)[-1]
    return next_line[0].islower() or line.endswith(_WRAP_ENDINGS) or last_word in _JOINERS


def _paragraphs(text: str) -> Iterator[Paragraph]:
    current: tuple[int, int] | None = None
    for start, end in _stripped_lines(text):
        if start < 0:
            if current:
                yield Paragraph(*current)
            current = None
        elif current and _wraps_on(text[current[0] : current[1]], text[start:end]):
            current = (current[0], end)
        else:
            if current:
                yield Paragraph(*current)
            current = (start, end)
    if current:
        yield Paragraph(*current)


# --- sentences --------------------------------------------------------------------------------------


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Stripped sentence spans covering every non-space character of ``text[start:end]``.

    A piece without a letter or digit (a lone ellipsis or quote mark) stays with its neighbour.
    """
    piece_start = start
    last_word = _last_word_char(text, start, end)
    for match in _BOUNDARY.finditer(text, start, end):
        cut = match.end()
        has_words = cut <= last_word and _WORD_CHAR.search(text, piece_start, cut)
        if has_words and _ends_sentence(text, match.start(), cut, end):
            yield from _capped(text, piece_start, cut)
            piece_start = cut
    yield from _capped(text, piece_start, end)


def _last_word_char(text: str, start: int, end: int) -> int:
    """The position of the last letter or digit in ``text[start:end]`` (``start - 1`` if none)."""
    found = _WORD_CHAR.search(text[start:end][::-1])
    return end - 1 - found.start() if found else start - 1


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The stripped span, cut at spaces into pieces of at most ``MAX_SENTENCE_CHARS`` (a run-on line with
    no sentence end would otherwise be one sentence of a whole book)."""
    while end - start > MAX_SENTENCE_CHARS:
        space = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = space if space > start else start + MAX_SENTENCE_CHARS
        yield from _stripped(text, start, cut)
        start = cut
    yield from _stripped(text, start, end)


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    content = piece.strip()
    if content:
        lead = start + len(piece) - len(piece.lstrip())
        yield lead, lead + len(content)


def _ends_sentence(text: str, mark: int, after: int, limit: int) -> bool:
    """Decide whether the terminator found at ``text[mark:after]`` closes a sentence."""
    following = _NEXT_WORD.match(text, after, limit)
    if not following:
        return False
    next_word = following.group(1).lstrip(_LEADING_PUNCT) or following.group(1)
    if next_word[0].islower():
        return False
    if _is_attribution(text, mark, after, limit):
        return False
    if text[mark] != "." or text.startswith("..", mark):
        return True
    word_match = _WORD_BEFORE.search(text, max(0, mark - 40), mark)
    word = word_match.group(1).rsplit("-", 1)[-1].lstrip(_LEADING_PUNCT) if word_match else ""
    return _period_ends_sentence(word, next_word)


def _is_attribution(text: str, mark: int, after: int, limit: int) -> bool:
    """True for a closed quotation followed by its speaker: ``"Why?" Mr. Gowdy asked``.

    After a period the attribution must end the sentence (``."  Durbin said.``); after ``?`` or ``!``
    it may go on.
    """
    if text[after - 1] not in _CLOSERS:
        return False
    attribution = _ATTRIBUTION.match(text, after, limit)
    return bool(attribution) and (text[mark] != "." or bool(attribution.group("end")))


def _period_ends_sentence(word: str, next_word: str) -> bool:
    """Whether a period after ``word`` ends the sentence, given the word that follows."""
    lower = word.lower()
    if lower in _TITLES:
        return False
    if lower in _BEFORE_NUMBER and next_word[0].isdigit():
        return False
    if lower in _AMBIGUOUS or _DOTTED_ACRONYM.fullmatch(word) or (len(word) == 1 and word.isalpha()):
        opener = _LATIN_WORD.match(next_word)
        return bool(opener) and opener.group().lower() in _OPENERS
    return True


# --- roles ------------------------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split())


def _ends_unpunctuated(text: str) -> bool:
    return not text.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))


def _credit_tail(text: str) -> re.Match[str] | None:
    """The "(photo credit: …)" that ends a caption, if any."""
    return _CREDIT_TAIL.search(text, max(0, text.rfind("(", 0, -1))) if text.endswith(")") else None


def _duplicate_key(text: str) -> str:
    """The text compared to find repeats: spaces collapsed, a trailing photo credit dropped."""
    credit = _credit_tail(text)
    return " ".join((text[: credit.start()] if credit else text).split())


def _is_credit(text: str) -> bool:
    return _words(text) <= 15 and bool(_CREDIT_LINE.match(text))


def _is_dateline(text: str) -> bool:
    """A line of date words ("Published Oct. 27, 2023 10:45 am") or one ending with its date."""
    if _words(text) > 12 or not any(c.isdigit() for c in text):
        return False
    words = _LATIN_WORD.findall(text)
    return all(w.lower() in _DATE_WORDS for w in words) or bool(_ENDS_WITH_DATE.search(text))


def _is_furniture(text: str) -> bool:
    """"Read more" lines, datelines, bylines and copyright lines."""
    words = _words(text)
    short_furniture = words <= 15 and (_BOILERPLATE_LINE.match(text) or _is_dateline(text))
    byline = words <= 10 and _ends_unpunctuated(text) and _BYLINE.match(text)
    return bool(short_furniture or byline or _LEGAL_LINE.search(text))


def _is_boilerplate(text: str, index: int) -> bool:
    """Site furniture, and short headings after the first paragraph."""
    if _words(text) > 40:
        return False
    heading = index > 0 and _words(text) <= 10 and _ends_unpunctuated(text)
    return heading or _is_furniture(text)


def _is_title(text: str, title: str) -> bool:
    """The known title, or a headline: one short line without final punctuation that is no byline."""
    if title and _duplicate_key(text) == _duplicate_key(title):
        return True
    headline = "\n" not in text and _words(text) <= 25 and len(text) <= 200 and _ends_unpunctuated(text)
    return headline and not _BYLINE.match(text)


def _pattern_role(text: str, index: int, title: str) -> Role:
    """The role a paragraph has from its own text and position alone."""
    if _is_credit(text):
        return Role.CREDIT
    if index == 0 and _is_title(text, title):
        return Role.TITLE
    if _is_boilerplate(text, index):
        return Role.BOILERPLATE
    return Role.BODY


def _mark_duplicates(texts: Sequence[str], roles: list[Role]) -> None:
    """Mark later copies of a paragraph (of at least three words) as duplicates."""
    seen: set[str] = set()
    for index, text in enumerate(texts):
        key = _duplicate_key(text)
        if roles[index] is not Role.BODY or _words(key) < 3:
            continue
        if key in seen:
            roles[index] = Role.DUPLICATE
        seen.add(key)


def _caption_index(texts: Sequence[str], roles: Sequence[Role], index: int) -> int | None:
    """The caption a paragraph signals: itself, the one before a credit, or the first of a repeat."""
    if roles[index] is Role.BODY and _credit_tail(texts[index]):
        return index
    after = index + 1
    if (
        after < len(texts)
        and roles[after] is Role.DUPLICATE
        and _duplicate_key(texts[index]) == _duplicate_key(texts[after])
    ):
        return index
    if roles[index] is Role.CREDIT:
        before = index - 1
        if before >= 0 and roles[before] in (*_CAPTION_CANDIDATES, Role.DUPLICATE, Role.CAPTION):
            return before
        return after if after < len(texts) else None
    return None


def _mark_captions(texts: Sequence[str], roles: list[Role]) -> None:
    for index in range(len(texts)):
        caption = _caption_index(texts, roles, index)
        if caption is not None and roles[caption] in _CAPTION_CANDIDATES:
            roles[caption] = Role.CAPTION


def _keep_lead_headlines(texts: Sequence[str], roles: list[Role]) -> None:
    """Headings between the title and the first body paragraph that read as a headline are body.

    Saved pages often repeat the headline, or give a second one (a dek), above the article; unlike a
    section heading it states the story's main claim, which other sources report too. A headline has
    at least ``_HEADLINE_WORDS`` words ("Site Mobile Navigation" has not) and is no furniture.
    """
    for index in range(1, len(texts)):
        if roles[index] is Role.BODY:
            return
        text = texts[index]
        if roles[index] is Role.BOILERPLATE and _words(text) >= _HEADLINE_WORDS and not _is_furniture(text):
            roles[index] = Role.BODY


def _paragraph_roles(texts: Sequence[str], title: str) -> list[Role]:
    """One role per paragraph."""
    roles = [_pattern_role(text, index, title) for index, text in enumerate(texts)]
    _keep_lead_headlines(texts, roles)
    _mark_duplicates(texts, roles)
    _mark_captions(texts, roles)
    return roles
