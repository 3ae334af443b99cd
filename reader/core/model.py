"""Typed data passed between the analysis stages.

ingest → ``Document``; segment → ``SegmentedDocument`` of ``Sentence``; embed → vectors;
align → ``Link`` and ``Group``; worddiff → ``DiffOp``; framing → ``FramingReport``.

Every offset is half-open and points into the untouched ``Document.text``:
``document.text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations name them: importing numpy here would slow the window's start-up
    import numpy as np

    from reader.core.framing.report import FramingReport


class Role(StrEnum):
    """What a sentence is for; ``BODY`` and ``TITLE`` sentences take part in alignment."""

    BODY = "body"
    TITLE = "title"
    CAPTION = "caption"
    CREDIT = "credit"
    BOILERPLATE = "boilerplate"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Document:
    """One source as read from a file, a paste or a URL; ``warnings`` says what reading it had to guess."""

    label: str
    text: str
    origin: str = ""
    title: str = ""
    outlet: str = ""
    date: str = ""
    author: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: offsets into ``Document.text``, its paragraph and role."""

    start: int
    end: int
    text: str
    paragraph: int
    role: Role = Role.BODY

    @property
    def is_body(self) -> bool:
        """True for a sentence of the report's body (not its title, a caption, a credit…)."""
        return self.role is Role.BODY


@dataclass(frozen=True)
class Paragraph:
    """A paragraph span in ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True)
class SegmentedDocument:
    """A document split into paragraphs and sentences."""

    document: Document
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def body_indices(self) -> tuple[int, ...]:
        """Indices of the body sentences."""
        return tuple(i for i, s in enumerate(self.sentences) if s.is_body)

    def aligned_indices(self) -> tuple[int, ...]:
        """Indices of the sentences that take part in alignment: the title and the body sentences."""
        return tuple(i for i, s in enumerate(self.sentences) if s.is_body or s.role is Role.TITLE)


@dataclass(frozen=True, order=True)
class SentenceRef:
    """A sentence named by document index and sentence index within that document."""

    doc: int
    sent: int


class DiffKind(StrEnum):
    """Word-diff operation: shared, only in sentence A, only in sentence B."""

    EQUAL = "equal"
    ONLY_A = "only_a"
    ONLY_B = "only_b"


@dataclass(frozen=True)
class DiffOp:
    """One word-diff operation with offsets into sentence A and sentence B (relative to each sentence).

    For ``ONLY_A`` the B range is empty (``b_start == b_end``), and the reverse for ``ONLY_B``.
    """

    kind: DiffKind
    a_start: int
    a_end: int
    b_start: int
    b_end: int


class LinkKind(StrEnum):
    """What a link says of its two sentences.

    ``CLAIM``: both report the same claim. ``CONTESTED``: both address the same issue (act, accusation,
    number, demand) from different or opposing positions; claims (``Group``) are built from claim links only.
    """

    CLAIM = "claim"
    CONTESTED = "contested"


class LinkOrigin(StrEnum):
    """Who made a link: the aligner (``AUTO``) or the reader, by hand (``MANUAL``)."""

    AUTO = "auto"
    MANUAL = "manual"


@dataclass(frozen=True)
class Link:
    """Two sentences of different documents linked by ``kind`` (``a.doc < b.doc``), made by ``origin``.

    ``similarity`` is the blended wording similarity, ``confidence`` the link model's probability that
    the two tell one claim, ``signals`` what made the link ("same speaker", "same number", …).
    """

    a: SentenceRef
    b: SentenceRef
    similarity: float
    margin: float
    diff: tuple[DiffOp, ...] = ()
    kind: LinkKind = LinkKind.CLAIM
    origin: LinkOrigin = LinkOrigin.AUTO
    confidence: float = 0.0
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """One claim: the sentences of each document that tell it (connected links)."""

    members: tuple[SentenceRef, ...]

    def documents(self) -> frozenset[int]:
        """The documents that report this claim."""
        return frozenset(m.doc for m in self.members)


@dataclass(frozen=True)
class Progress:
    """A progress report yielded by long-running stages."""

    stage: str
    done: int
    total: int
    message: str = ""


@dataclass(frozen=True)
class Alignment:
    """The result of aligning N documents: links, claims, and sentences unique to their source."""

    links: tuple[Link, ...]
    groups: tuple[Group, ...]
    unique: tuple[SentenceRef, ...]
    threshold: float


@dataclass(frozen=True)
class Analysis:
    """Everything the presentation layers render.

    ``vectors[d]`` holds the unit-length embeddings of ``documents[d].aligned_indices()``, row for row,
    so the threshold can change without re-embedding.
    """

    documents: tuple[SegmentedDocument, ...]
    alignment: Alignment
    model_name: str
    vectors: tuple[np.ndarray, ...] = field(default=(), repr=False, compare=False)
    framing: FramingReport | None = None
    warnings: tuple[str, ...] = ()

    def sentence(self, ref: SentenceRef) -> Sentence:
        """The sentence a reference names."""
        return self.documents[ref.doc].sentences[ref.sent]


class Cancelled(Exception):
    """Raised inside a stage when the user cancelled the analysis."""


class CancelToken:
    """A flag the GUI sets and the stages check between steps (and inside long loops)."""

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        """Ask the running analysis to stop at its next check."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        """True once ``cancel`` was called."""
        return self._cancelled

    def check(self) -> None:
        """Raise ``Cancelled`` when cancellation was requested."""
        if self._cancelled:
            raise Cancelled
