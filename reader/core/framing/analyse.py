"""The framing analysis of an ``Analysis``: marks on linked pairs, per-source summaries, divergence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from reader.core.framing.catalogue import MARK_KINDS, Analyser
from reader.core.framing.contested import explain
from reader.core.framing.divergence import group_divergences, link_facts, pair_divergences
from reader.core.framing.lexicon import load_lexicon
from reader.core.framing.omissions import omitted_groups, unique_sentences
from reader.core.framing.pair import Pair, build_pair
from reader.core.framing.referents import find_referents
from reader.core.framing.report import (
    Contest,
    DistinctiveWord,
    FramingMark,
    FramingReport,
    Referent,
    SourceSummary,
    Voice,
)
from reader.core.framing.vocabulary import distinctive_words, word_counts
from reader.core.framing.voices import find_voices
from reader.core.model import Analysis, LinkKind, SegmentedDocument

# In the catalogue's order, which is their priority: of two overlapping marks the first wins.
ANALYSERS: tuple[Analyser, ...] = tuple(spec.analyser for spec in MARK_KINDS if spec.analyser)


def analyse_framing(analysis: Analysis) -> FramingReport:
    """Everything framing-related about ``analysis``: marks, omissions, vocabulary, voices, divergence,
    actors' labels by voice."""
    lexicon = load_lexicon()
    labels = document_labels(analysis.documents)
    links = analysis.alignment.links
    pairs = [_pair(analysis, i, labels) for i, link in enumerate(links) if link.kind is LinkKind.CLAIM]
    # A mark on a link between two claims would name a source that does not report the claim it sits in.
    group_of = {m: g for g, group in enumerate(analysis.alignment.groups) for m in group.members}
    in_claims = [pair for pair in pairs if group_of.get(pair.link.a, -1) == group_of.get(pair.link.b, -2)]
    marks = tuple(_without_overlaps(m for pair in in_claims for f in ANALYSERS for m in f(pair, lexicon)))
    facts = link_facts(pairs, marks)
    contests = tuple(_contest(analysis, i, labels) for i, link in enumerate(links)
                     if link.kind is LinkKind.CONTESTED)
    return FramingReport(
        marks=marks,
        sources=_summaries(analysis),
        group_divergence=group_divergences(analysis.alignment, facts),
        pair_divergence=pair_divergences(analysis.alignment, facts, labels, contests),
        referents=_referents(analysis.documents),
        contests=contests,
    )


def _contest(analysis: Analysis, index: int, labels: tuple[str, ...]) -> Contest:
    link = analysis.alignment.links[index]
    texts = (analysis.sentence(link.a).text, analysis.sentence(link.b).text)
    relation, issue, explanation = explain(link, texts, (labels[link.a.doc], labels[link.b.doc]))
    return Contest(index, relation, issue, explanation)


def document_labels(documents: tuple[SegmentedDocument, ...]) -> tuple[str, ...]:
    """The name each source goes by in explanations ("Source 2" when it has no label)."""
    return tuple(d.document.label or f"Source {i + 1}" for i, d in enumerate(documents))


def _pair(analysis: Analysis, index: int, labels: tuple[str, ...]) -> Pair:
    link = analysis.alignment.links[index]
    texts = (analysis.sentence(link.a).text, analysis.sentence(link.b).text)
    return build_pair(index, link, texts, (labels[link.a.doc], labels[link.b.doc]))


def _without_overlaps(marks: Iterable[FramingMark]) -> Iterator[FramingMark]:
    """Drop a mark when an earlier one already covers some of its words in the same link and sentence."""
    taken: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for mark in marks:
        spans = taken.setdefault((mark.link, mark.ref.doc, mark.ref.sent), [])
        if all(mark.end <= start or end <= mark.start for start, end in spans):
            spans.append((mark.start, mark.end))
            yield mark


def _summaries(analysis: Analysis) -> tuple[SourceSummary, ...]:
    documents = analysis.documents
    vocabulary = _vocabulary(documents)
    voices = _voices(documents)
    return tuple(
        SourceSummary(
            doc=d,
            omitted_groups=omitted_groups(analysis.alignment, d, len(documents)),
            unique_sentences=unique_sentences(analysis.alignment, d, document),
            distinctive=vocabulary[d],
            voices=voices[d],
        )
        for d, document in enumerate(documents)
    )


@lru_cache(maxsize=4)
def _vocabulary(documents: tuple[SegmentedDocument, ...]) -> tuple[tuple[DistinctiveWord, ...], ...]:
    """Distinctive words per source; cached, as they do not depend on the link threshold."""
    stopwords = load_lexicon().stopwords
    return distinctive_words([word_counts(d, stopwords) for d in documents])


@lru_cache(maxsize=4)
def _voices(documents: tuple[SegmentedDocument, ...]) -> tuple[tuple[Voice, ...], ...]:
    """Quoted voices per source; cached, as they do not depend on the link threshold."""
    return tuple(find_voices(d) for d in documents)


@lru_cache(maxsize=4)
def _referents(documents: tuple[SegmentedDocument, ...]) -> tuple[Referent, ...]:
    """Actors and their labels by voice; cached, as they do not depend on the link threshold."""
    return find_referents(documents)
