"""Hand-made analysis objects for widget tests: literal text in, typed core objects out.

Sentences are split at ``.``, ``!`` or ``?`` and paragraphs at blank lines, so a test states its
articles as plain prose and names sentences as ``(doc, sentence)``. Keep this module additive: other
test files build on it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.framing.report import FramingReport
from reader.core.model import (
    Alignment,
    Analysis,
    Document,
    Group,
    Link,
    Paragraph,
    Role,
    SegmentedDocument,
    Sentence,
    SentenceRef,
)
from reader.core.worddiff import word_diff

_SENTENCE = re.compile(r"[^\s.!?][^.!?]*[.!?]?")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")

Pair = tuple[tuple[int, int], tuple[int, int], float]


def make_document(
    label: str, text: str, roles: dict[int, Role] | None = None, **meta: str
) -> SegmentedDocument:
    """A document split into paragraphs (blank lines) and sentences; ``roles`` overrides sentence roles."""
    roles = roles or {}
    paragraphs, sentences = [], []
    for p, para in enumerate(_PARAGRAPH.finditer(text)):
        paragraphs.append(Paragraph(para.start(), para.end()))
        for m in _SENTENCE.finditer(para.group()):
            start, end = para.start() + m.start(), para.start() + m.end()
            role = roles.get(len(sentences), Role.BODY)
            sentences.append(Sentence(start, end, text[start:end], p, role))
    return SegmentedDocument(Document(label, text, **meta), tuple(paragraphs), tuple(sentences))


def make_link(
    docs: Sequence[SegmentedDocument], a: tuple[int, int], b: tuple[int, int], similarity: float
) -> Link:
    """A link between two sentences with its real word diff (``a`` must name the lower document)."""
    ra, rb = SentenceRef(*a), SentenceRef(*b)
    text_a = docs[ra.doc].sentences[ra.sent].text
    text_b = docs[rb.doc].sentences[rb.sent].text
    return Link(ra, rb, similarity, margin=0.1, diff=word_diff(text_a, text_b))


def _groups(links: Sequence[Link]) -> tuple[Group, ...]:
    parent: dict[SentenceRef, SentenceRef] = {}

    def root(r: SentenceRef) -> SentenceRef:
        while parent.setdefault(r, r) != r:
            r = parent[r]
        return r

    for link in links:
        parent[root(link.a)] = root(link.b)
    members: dict[SentenceRef, list[SentenceRef]] = {}
    for r in list(parent):
        members.setdefault(root(r), []).append(r)
    return tuple(sorted((Group(tuple(sorted(m))) for m in members.values()), key=lambda g: g.members))


def make_analysis(
    articles: Sequence[tuple[str, str]],
    pairs: Sequence[Pair],
    framing: FramingReport | None = None,
    threshold: float = 0.5,
    roles: Sequence[dict[int, Role]] = (),
) -> Analysis:
    """An analysis of ``(label, text)`` articles linked by ``((doc, sent), (doc, sent), similarity)``.

    ``roles[d]`` overrides sentence roles of document ``d`` (captions, boilerplate).
    """
    roles = list(roles) + [{}] * (len(articles) - len(roles))
    docs = tuple(make_document(label, text, r) for (label, text), r in zip(articles, roles, strict=True))
    links = tuple(make_link(docs, a, b, sim) for a, b, sim in pairs)
    groups = _groups(links)
    grouped = {m for g in groups for m in g.members}
    unique = tuple(
        SentenceRef(d, i) for d, doc in enumerate(docs) for i in doc.body_indices()
        if SentenceRef(d, i) not in grouped
    )
    return Analysis(docs, Alignment(links, groups, unique, threshold), "hand-made", framing=framing)
