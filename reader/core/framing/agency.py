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

from reader.core.framing.lexicon import Lexicon
from reader.core.framing.pair import Pair, Side, quoted, span_of
from reader.core.framing.report import FramingKind, FramingMark

_AUXILIARIES = frozenset(("am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"))
_BY_WINDOW = 4  # words after a participle searched for "by <agent>"
_AUX_WINDOW = 2  # words before a participle searched for "be"/"get"
_SUBJECT_WORDS = 3  # words before an active verb quoted as its doer
_NOT_SUBJECTS = frozenset(("the", "a", "an", "to"))
# "elephants killed in Africa" is a shortened passive, not "X killed Y": an active verb takes an object.
_NO_OBJECT = frozenset(("in", "on", "at", "by", "during", "while", "after", "when", "near", "since"))


@dataclass(frozen=True)
class Event:
    """One use of a harm verb: token span and whether a doer is named."""

    first: int
    last: int
    agented: bool


def events(side: Side, lexicon: Lexicon) -> list[Event]:
    """Every harm-verb use of a sentence, agentless or with a doer."""
    found = []
    norms = [t.norm for t in side.tokens]
    for i, norm in enumerate(norms):
        section = lexicon.harm_verbs.get(norm)
        if section is None or norm not in lexicon.harm_past:
            continue
        aux = _auxiliary_before(norms, i)
        if section == "intransitive":
            found.append(Event(i if aux is None else aux, i + 1, agented=False))
        elif aux is not None:
            found.append(Event(aux, i + 1, agented="by" in norms[i + 1 : i + 1 + _BY_WINDOW]))
        elif _is_active(norms, i):
            found.append(Event(max(0, i - _SUBJECT_WORDS), i + 1, agented=True))
    return found


def _is_active(norms: list[str], i: int) -> bool:
    """A subject before the verb and an object after it."""
    has_object = i + 1 < len(norms) and norms[i + 1] not in _NO_OBJECT
    return i > 0 and norms[i - 1] not in _NOT_SUBJECTS and has_object


def _auxiliary_before(norms: list[str], i: int) -> int | None:
    for j in range(i - 1, max(-1, i - 1 - _AUX_WINDOW), -1):
        if norms[j] in _AUXILIARIES:
            return j
    return None


def agency_marks(pair: Pair, lexicon: Lexicon) -> Iterator[FramingMark]:
    """Agentless reports in one sentence against a named doer in the other, marked on both."""
    for side, other in pair.directions():
        mine, theirs = events(side, lexicon), events(other, lexicon)
        if not mine or any(e.agented for e in mine) or not any(e.agented for e in theirs):
            continue
        doer = next(e for e in theirs if e.agented)
        doer_span = span_of(other.tokens, doer.first, doer.last)
        doer_text = other.text[slice(*doer_span)]
        hidden = [span_of(side.tokens, e.first, e.last) for e in mine]
        for span in hidden:
            text = side.text[slice(*span)]
            yield pair.mark(
                FramingKind.AGENCY, side, span, doer_text,
                f"Agency: {side.label} says {quoted(text)} without saying who did it; "
                f"{other.label} names the doer: {quoted(doer_text)}.",
            )
        yield pair.mark(
            FramingKind.AGENCY, other, doer_span, side.text[slice(*hidden[0])],
            f"Agency: {other.label} names who acted ({quoted(doer_text)}); {side.label} does not.",
        )
