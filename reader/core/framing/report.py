"""Typed results of the framing analysis (what differs between sources and what it means)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reader.core.model import SentenceRef


class FramingKind(StrEnum):
    """The kinds of difference that carry framing."""

    LABEL = "label"  # terrorists / militants; attack / massacre; regime / government
    ATTRIBUTION = "attribution"  # said vs claimed / alleged / insisted / admitted
    HEDGE = "hedge"  # reportedly, allegedly, may
    INTENSITY = "intensity"  # brutal, heinous, harsh
    NUMBER = "number"  # 1,400 vs 1,200
    AGENCY = "agency"  # "were killed" vs "X killed"
    QUOTATION = "quotation"  # one quotation rendered two ways: "terror" / "terrorist organization"


@dataclass(frozen=True)
class FramingMark:
    """A framing-carrying difference inside one linked pair.

    ``start``/``end`` are offsets relative to the sentence ``ref`` (like ``DiffOp``);
    ``counterpart`` is what the other sentence of the link says instead ("" when nothing).
    """

    link: int
    kind: FramingKind
    ref: SentenceRef
    start: int
    end: int
    text: str
    counterpart: str
    explanation: str


@dataclass(frozen=True)
class Contest:
    """What a contested link sets against each other: the relation, the issue, and an explanation."""

    link: int
    relation: str  # "accusation and rebuttal", "demand and justification", …
    issue: tuple[str, ...]  # the issues and words both sentences address
    explanation: str


@dataclass(frozen=True)
class DistinctiveWord:
    """A word a source uses more than the others: weighted log-odds z-score (Monroe et al. 2008)."""

    word: str
    z: float
    count: int


@dataclass(frozen=True)
class Voice:
    """Who speaks in a document and the sentences (indices into that document) in their voice."""

    speaker: str
    sentences: tuple[int, ...]
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceSummary:
    """Per source: claims most others report that it omits, claims only it reports, its vocabulary."""

    doc: int
    omitted_groups: tuple[int, ...]
    unique_sentences: tuple[int, ...]
    distinctive: tuple[DistinctiveWord, ...]
    voices: tuple[Voice, ...]


@dataclass(frozen=True)
class Divergence:
    """A divergence score in [0, 1] with its explanation in words."""

    score: float
    explanation: str


class Speech(StrEnum):
    """Whose words a mention is: the source's own (narrator's) or someone it quotes or reports."""

    OWN = "own"
    QUOTED = "quoted"


class Form(StrEnum):
    """How a mention refers to its actor: by name ("Hamas") or by a description ("the terror group")."""

    NAME = "name"
    DESCRIPTION = "description"


@dataclass(frozen=True)
class Mention:
    """One place a source refers to an actor: offsets into ``Document.text`` of document ``doc``."""

    doc: int
    sentence: int
    start: int
    end: int
    text: str
    voice: Speech
    form: Form


@dataclass(frozen=True)
class Referent:
    """An actor several sources mention, matched across them, with every mention in reading order."""

    name: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class FramingReport:
    """All framing results of one analysis.

    ``group_divergence[g]`` belongs to ``alignment.groups[g]``; ``pair_divergence`` maps
    ``(doc_a, doc_b)`` with ``doc_a < doc_b``; ``sources[d]`` belongs to document ``d``; ``referents``
    are the actors, those most sources describe first; ``contests`` has one entry per contested link.
    Marks sit only on claim links whose two sentences are in one claim.
    """

    marks: tuple[FramingMark, ...]
    sources: tuple[SourceSummary, ...]
    group_divergence: tuple[Divergence, ...]
    pair_divergence: dict[tuple[int, int], Divergence]
    referents: tuple[Referent, ...] = ()
    contests: tuple[Contest, ...] = ()
