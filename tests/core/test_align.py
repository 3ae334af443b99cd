"""N-way claim alignment on hand-built vectors, and on a real BASIL triplet with the real model."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pytest
from conftest import BASIL
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import DEFAULT_THRESHOLD, align
from reader.core.ingest import read_text
from reader.core.linkmodel import bundled_model
from reader.core.model import Alignment, Document, Role, SegmentedDocument, Sentence, SentenceRef
from reader.core.segment import segment

DIM = 32


def _document(texts: Sequence[str]) -> SegmentedDocument:
    """Body sentences with offsets into the joined text."""
    sentences, start = [], 0
    for k, text in enumerate(texts):
        sentences.append(Sentence(start, start + len(text), text, k))
        start += len(text) + 1
    return SegmentedDocument(Document("doc", " ".join(texts)), (), tuple(sentences))


def _vectors(*directions: Sequence[int] | int) -> np.ndarray:
    """One unit row per sentence: the normalised sum of the named basis directions."""
    rows = np.zeros((len(directions), DIM), dtype=np.float32)
    for i, direction in enumerate(directions):
        rows[i, direction] = 1.0
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _pairs(alignment: Alignment) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    return {((k.a.doc, k.a.sent), (k.b.doc, k.b.sent)) for k in alignment.links}


SENATE = "The Senate passed the budget bill on Friday."
STORM = "A storm closed schools across the county."
FIRE = "Firefighters rescued a cat from an oak tree."
MARKET = "Stocks fell sharply after the central bank report."
PARADE = "The parade drew thousands of spectators downtown."


def test_links_a_claim_told_by_three_documents() -> None:
    documents = [_document([SENATE, STORM]), _document([FIRE, SENATE]), _document([MARKET, SENATE])]
    vectors = [_vectors(0, 1), _vectors(2, 0), _vectors(3, 0)]
    alignment = align(documents, vectors, DEFAULT_THRESHOLD)
    assert _pairs(alignment) == {((0, 0), (1, 1)), ((0, 0), (2, 1)), ((1, 1), (2, 1))}
    assert [g.members for g in alignment.groups] == [
        (SentenceRef(0, 0), SentenceRef(1, 1), SentenceRef(2, 1))
    ]


def test_sentence_links_to_both_sentences_of_a_split_claim() -> None:
    packed = "The Senate passed the budget bill and the president signed the budget bill."
    documents = [
        _document([packed, PARADE]),
        _document(["The Senate passed the budget bill.", "The president signed the budget bill.", FIRE]),
    ]
    vectors = [_vectors((0, 1), 5), _vectors(0, 1, 6)]
    alignment = align(documents, vectors, DEFAULT_THRESHOLD)
    assert _pairs(alignment) == {((0, 0), (1, 0)), ((0, 0), (1, 1))}
    assert alignment.groups[0].members == (SentenceRef(0, 0), SentenceRef(1, 0), SentenceRef(1, 1))


def test_unlinked_body_sentences_are_unique_to_their_source() -> None:
    documents = [_document([SENATE, STORM]), _document([FIRE, SENATE, MARKET])]
    alignment = align(documents, [_vectors(0, 1), _vectors(2, 0, 3)], DEFAULT_THRESHOLD)
    assert alignment.unique == (SentenceRef(0, 1), SentenceRef(1, 0), SentenceRef(1, 2))


def test_titles_take_part_and_captions_do_not() -> None:
    title = Sentence(0, 6, "Senate passes the budget bill", 0, role=Role.TITLE)
    caption = Sentence(0, 6, "The Senate passed the budget bill on Friday.", 1, role=Role.CAPTION)
    body = _document([STORM])
    titled = SegmentedDocument(body.document, (), (title, caption, *body.sentences))
    other = _document([FIRE, SENATE])
    alignment = align([titled, other], [_vectors(0, 1), _vectors(2, 0)], DEFAULT_THRESHOLD)
    assert _pairs(alignment) == {((0, 0), (1, 1))}
    assert alignment.unique == (SentenceRef(0, 2), SentenceRef(1, 0))


def test_third_document_vouches_for_a_weaker_link() -> None:
    documents = [
        _document(["The Senate passed the budget."]),
        _document(["The Senate passed the budget bill on Friday."]),
        _document(["The budget bill passed on Friday."]),
    ]
    vectors = [_vectors((0, 1)), _vectors(0), _vectors((0, 2))]
    confidence = {(k.a.doc, k.b.doc): k.confidence for k in align(documents, vectors, 0.05).links}
    threshold = confidence[0, 2] + min(0.05, bundled_model().rule.completion_slack)
    assert min(confidence[0, 1], confidence[1, 2]) >= threshold
    assert ((0, 0), (2, 0)) in _pairs(align(documents, vectors, threshold))
    assert not align([documents[0], documents[2]], [vectors[0], vectors[2]], threshold).links


def test_higher_threshold_keeps_a_subset_of_the_links() -> None:
    rng = np.random.default_rng(7)
    texts = [SENATE, STORM, FIRE, MARKET, PARADE]
    documents = [_document(rng.permutation(texts).tolist()) for _ in range(3)]
    vectors = [_unit(rng.normal(size=(5, DIM)) + 2 * _vectors(0, 1, 2, 3, 4)) for _ in range(3)]
    previous = None
    for threshold in np.arange(0.2, 0.95, 0.05):
        links = _pairs(align(documents, vectors, float(threshold)))
        assert previous is None or links <= previous
        previous = links
    assert previous is not None


def test_margin_is_the_lead_over_the_runner_up() -> None:
    documents = [_document([SENATE]), _document([SENATE, "The Senate passed a bill."])]
    vectors = [_vectors(0), _unit(np.vstack([_vectors(0), 0.9 * _vectors(0) + 0.3 * _vectors(1)]))]
    best, second = sorted(align(documents, vectors, 0.05).links, key=lambda k: -k.similarity)
    assert best.b == SentenceRef(1, 0)
    assert best.margin == pytest.approx(best.similarity - second.similarity, abs=1e-6)
    assert second.margin == pytest.approx(second.similarity - best.similarity, abs=1e-6)


def test_documents_without_body_sentences_give_no_links() -> None:
    empty = SegmentedDocument(Document("empty", ""), (), ())
    alignment = align([empty, _document([SENATE])], [np.zeros((0, DIM), np.float32), _vectors(0)], 0.4)
    assert alignment.links == () and alignment.groups == ()
    assert alignment.unique == (SentenceRef(1, 0),)


WORDS = ("senate", "budget", "storm", "schools", "fire", "market", "parade", "vote", "court", "ruling")


@st.composite
def _corpora(draw: st.DrawFn) -> tuple[list[SegmentedDocument], list[np.ndarray]]:
    """2–4 documents of 0–6 sentences: random words and random unit vectors near a few shared claims."""
    documents, vectors = [], []
    for _ in range(draw(st.integers(2, 4))):
        size = draw(st.integers(0, 6))
        words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)
        texts = [" ".join(draw(words)) for _ in range(size)]
        claims = draw(st.lists(st.integers(0, 3), min_size=size, max_size=size))
        noise = np.random.default_rng(draw(st.integers(0, 2**16))).normal(size=(size, DIM))
        documents.append(_document(texts))
        vectors.append(_unit(np.eye(DIM)[claims] * 2 + noise) if size else np.zeros((0, DIM), np.float32))
    return documents, vectors


@settings(max_examples=60, deadline=None)
@given(_corpora(), st.floats(0.2, 0.9))
def test_alignment_invariants_hold_on_any_input(corpus, threshold) -> None:
    documents, vectors = corpus
    alignment = align(documents, vectors, threshold)
    linked = {ref for link in alignment.links for ref in (link.a, link.b)}
    grouped = [ref for group in alignment.groups for ref in group.members]
    floor = threshold - bundled_model().rule.completion_slack - 1e-6
    assert all(k.a.doc < k.b.doc and k.confidence >= floor for k in alignment.links)
    assert len(grouped) == len(set(grouped)) and set(grouped) == linked
    assert linked.isdisjoint(alignment.unique)
    assert len(linked) + len(alignment.unique) == sum(len(d.sentences) for d in documents)


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _basil_triplet(event: str) -> list[Document]:
    documents = []
    for path in sorted(BASIL.glob(f"articles/*/{event}_*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in article["body-paragraphs"]]
        documents.append(read_text("\n\n".join([article["title"], *paragraphs]), article["source"]))
    return documents


def test_real_triplet_gives_claims_told_by_all_three_outlets(encoder) -> None:
    segmented = [segment(d) for d in _basil_triplet("be026bd1-52b1-4789-bfd3-3632af17b054")]
    vectors = [encoder.encode([s.sentences[i].text for i in s.aligned_indices()]) for s in segmented]
    alignment = align(segmented, vectors, DEFAULT_THRESHOLD)
    assert len(segmented) == 3
    assert any(group.documents() == {0, 1, 2} for group in alignment.groups)
    assert all(link.a.doc < link.b.doc for link in alignment.links)


@settings(max_examples=30, deadline=None)
@given(_corpora(), st.floats(0.2, 0.9), st.integers(1, 12))
def test_scoring_a_few_rows_at_a_time_changes_nothing(corpus, threshold, cells) -> None:
    documents, vectors = corpus
    whole = align(documents, vectors, threshold)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("reader.core.align.BLOCK_CELLS", cells)
        blockwise = align(documents, vectors, threshold)
    assert _pairs(blockwise) == _pairs(whole) and blockwise.groups == whole.groups
    def scores(alignment: Alignment) -> list[float]:
        return [value for k in alignment.links for value in (k.similarity, k.margin)]

    assert scores(blockwise) == pytest.approx(scores(whole), abs=1e-6)
