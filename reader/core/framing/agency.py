"""Agency: who did what. "Five people were killed" hides the doer; "troops killed five people" names it.

Rules over the word list of harm verbs (``resources/words/agency.txt``):
only past forms count ("killed", "shot": "attack" is mostly a noun). Agentless = a form of "be"/"get"
(at most two words before) + a participle with no "by" after it, or an intransitive harm verb ("died");
agented = a transitive harm verb with no "be" before it, or a passive followed by "by".
A pair is marked when one sentence only has agentless uses and the other names a doer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reader.core.framing.lexicon import MEMO_SENTENCES, Lexicon
from reader.core.framing.pair import Pair, Side, quoted, sentence_side, span_of
from reader.core.framing.report import FramingKind, FramingMark
from reader.core.model import SentenceRef

_AUXILIARIES = frozenset(("am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"))
_BY_WINDOW = 4  # words after a participle searched for "by <agent>"
_AGENT_WORDS = 3  # words after "by" quoted as the doer
_AUX_WINDOW = 2  # words before a participle searched for "be"/"get"
_SUBJECT_WORDS = 3  # words before an active verb quoted as its doer
_NOT_SUBJECTS = frozenset(("the", "a", "an", "to"))
# An active "X killed Y" has an object: a determiner, pronoun, number or name follows the verb
# ("elephants killed in Africa", "50 people killed" are shortened passives).
_OBJECT_STARTS = frozenset((
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those",
    "him", "them", "it", "us", "me", "himself", "herself", "themselves", "more", "over", "nearly", "about",
    "some", "several", "many", "dozens", "hundreds", "thousands", "all", "both", "two", "three", "four",
))


@dataclass(frozen=True)
class Event:
    """One use of a harm verb: token span, its base verb, and whether a doer is named."""

    first: int
    last: int
    verb: str
    agented: bool
    intransitive: bool = False


def events(side: Side, lexicon: Lexicon) -> list[Event]:
    """Every harm-verb use of a sentence, agentless or with a doer."""
    return list(_sentence_events(side.text, lexicon))


@lru_cache(maxsize=MEMO_SENTENCES)
def _sentence_events(text: str, lexicon: Lexicon) -> tuple[Event, ...]:
    """The harm-verb uses of a sentence, found once per sentence (it sits in many links)."""
    side = sentence_side(SentenceRef(0, 0), "", text)
    found = []
    norms = [t.norm for t in side.tokens]
    for i, norm in enumerate(norms):
        section = lexicon.harm_verbs.get(norm)
        if section is None or norm not in lexicon.harm_past:
            continue
        verb = lexicon.harm_verbs.bases[norm]
        aux = _auxiliary_before(norms, i)
        if section == "intransitive":
            found.append(Event(i if aux is None else aux, i + 1, verb, agented=False, intransitive=True))
        elif aux is not None:
            found.append(_passive(norms, aux, i, verb))
        elif _is_active(side, i):
            found.append(Event(max(0, i - _SUBJECT_WORDS), i + 1, verb, agented=True))
    return tuple(found)


def _passive(norms: list[str], aux: int, i: int, verb: str) -> Event:
    """A passive, reaching to "by <agent>" when it names one."""
    after = norms[i + 1 : i + 1 + _BY_WINDOW]
    if "by" not in after:
        return Event(aux, i + 1, verb, agented=False)
    end = min(len(norms), i + 2 + after.index("by") + _AGENT_WORDS)
    return Event(aux, end, verb, agented=True)


def _is_active(side: Side, i: int) -> bool:
    """A subject before the verb and an object after it."""
    tokens = side.tokens
    if i == 0 or tokens[i - 1].norm in _NOT_SUBJECTS or i + 1 == len(tokens):
        return False
    following = tokens[i + 1]
    return following.norm in _OBJECT_STARTS or following.norm[:1].isdigit() or following.text[:1].isupper()


def _auxiliary_before(norms: list[str], i: int) -> int | None:
    for j in range(i - 1, max(-1, i - 1 - _AUX_WINDOW), -1):
        if norms[j] in _AUXILIARIES:
            return j
    return None


def agency_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Agentless reports in one sentence against a named doer of the same act in the other.

    The same act: the same verb ("were killed" / "troops killed"), or any harm verb against an
    intransitive one ("died" / "troops killed"). Both the agentless words and the doer are marked.
    """
    for side, other in pair.directions():
        mine, theirs = events(side, lexicon), events(other, lexicon)
        if any(e.agented for e in mine):
            continue
        matches = [(e, d) for e in mine if (d := _doer_of(e, theirs)) is not None]
        if not matches:
            continue
        doer_span = span_of(other.tokens, matches[0][1].first, matches[0][1].last)
        doer_text = other.text[slice(*doer_span)]
        for event, _ in matches:
            span = span_of(side.tokens, event.first, event.last)
            yield pair.mark(
                FramingKind.AGENCY, side, span, doer_text,
                f"Agency: {side.label} says {quoted(side.text[slice(*span)])} without saying who did it; "
                f"{other.label} names the doer: {quoted(doer_text)}.",
            )
        hidden = side.text[slice(*span_of(side.tokens, matches[0][0].first, matches[0][0].last))]
        yield pair.mark(
            FramingKind.AGENCY, other, doer_span, hidden,
            f"Agency: {other.label} names who acted ({quoted(doer_text)}); {side.label} does not.",
        )


def _doer_of(event: Event, theirs: list[Event]) -> Event | None:
    """The other sentence's use of the same act that names a doer, if any."""
    return next((d for d in theirs if d.agented and (d.verb == event.verb or event.intransitive)), None)
