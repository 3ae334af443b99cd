"""The demo articles: shipped as resources, marked fictional, and lighting up every kind of highlight."""

from __future__ import annotations

import json
import re
from importlib.resources import as_file
from importlib.resources.abc import Traversable

import pytest
from conftest import BASIL, JPOST

from reader.core.framing.report import FramingKind
from reader.core.ingest import read_path
from reader.core.model import Analysis, Document, Role, SegmentedDocument
from reader.core.pipeline import analyse
from reader.core.segment import segment
from reader.core.settings import Settings
from reader.resources import resource

DEMO_NAME = re.compile(r"\d\d-[a-z]+(?:-[a-z]+)*\.txt")
FICTIONAL_MARK = "Fictional demo article — "


def _demo_files() -> list[Traversable]:
    return sorted((p for p in resource("demo").iterdir() if p.name.endswith(".txt")), key=lambda p: p.name)


def _read(file: Traversable) -> Document:
    with as_file(file) as path:
        return read_path(path)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [_read(file) for file in _demo_files()]


@pytest.fixture(scope="module")
def segmented(documents: list[Document]) -> list[SegmentedDocument]:
    return [segment(document) for document in documents]


@pytest.fixture(scope="module")
def demo(documents: list[Document], encoder) -> Analysis:
    return analyse(documents, Settings(), encoder)


def _sentence_doc(analysis: Analysis, fragment: str) -> tuple[int, int]:
    """The (document, sentence) holding ``fragment``; it must occur exactly once in the demo."""
    hits = [
        (d, i)
        for d, doc in enumerate(analysis.documents)
        for i, sentence in enumerate(doc.sentences)
        if fragment in sentence.text
    ]
    assert len(hits) == 1, hits
    return hits[0]


def _group_documents(analysis: Analysis, fragment: str) -> frozenset[int]:
    """The outlets that report the claim of the sentence holding ``fragment`` (just its own when unlinked)."""
    doc, sent = _sentence_doc(analysis, fragment)
    for group in analysis.alignment.groups:
        if any(m.doc == doc and m.sent == sent for m in group.members):
            return group.documents()
    return frozenset({doc})


def test_three_demo_articles_ship_as_resources() -> None:
    names = [file.name for file in _demo_files()]
    assert len(names) == 3
    assert all(DEMO_NAME.fullmatch(name) for name in names)


def test_every_demo_article_is_marked_fictional(documents: list[Document]) -> None:
    for document in documents:
        lines = document.text.splitlines()
        assert lines[1].startswith(FICTIONAL_MARK)
        assert "invented" in lines[-1]


def test_demo_articles_are_news_length(segmented: list[SegmentedDocument]) -> None:
    for doc in segmented:
        assert 18 <= len(doc.body_indices()) <= 28
        assert len(doc.paragraphs) >= 10


def test_demo_fictional_marks_stay_out_of_the_alignment(segmented: list[SegmentedDocument]) -> None:
    for doc in segmented:
        body = [doc.sentences[i].text for i in doc.body_indices()]
        assert not any(FICTIONAL_MARK in text or "invented" in text for text in body)


def test_demo_shows_every_non_body_role(segmented: list[SegmentedDocument]) -> None:
    roles = {sentence.role for doc in segmented for sentence in doc.sentences}
    assert {Role.TITLE, Role.CAPTION, Role.CREDIT, Role.BOILERPLATE} <= roles


def _shared_sentences() -> set[str]:
    sentences = {line.strip() for line in JPOST.read_text(encoding="utf-8").splitlines()}
    for article in BASIL.glob("articles/*/*.json"):
        paragraphs = json.loads(article.read_text(encoding="utf-8"))["body-paragraphs"]
        sentences.update(s.strip() for paragraph in paragraphs for s in paragraph)
    return sentences


@pytest.mark.skipif(not BASIL.is_dir() or not JPOST.is_file(), reason="shared corpus not available")
def test_demo_sentences_are_not_copied_from_the_shared_corpus(segmented: list[SegmentedDocument]) -> None:
    demo = {doc.sentences[i].text for doc in segmented for i in doc.body_indices()}
    assert not demo & _shared_sentences()


def test_demo_has_claims_reported_by_all_three_outlets(demo: Analysis) -> None:
    full = [group for group in demo.alignment.groups if len(group.documents()) == 3]
    assert len(full) >= 6
    assert _group_documents(demo, "killed 42 people") == {0, 1, 2}


def test_demo_has_claims_that_one_outlet_omits(demo: Analysis) -> None:
    assert _group_documents(demo, "Mobile internet in Velmor was cut shortly before the massacre") == {0, 1}
    assert _group_documents(demo, "Army units patrolled the city centre") == {0, 2}
    assert _group_documents(demo, "Three police officers were killed and 58") == {1, 2}


def test_every_outlet_reports_sentences_no_other_does(demo: Analysis) -> None:
    assert {ref.doc for ref in demo.alignment.unique} == {0, 1, 2}
    assert _group_documents(demo, "foreign-funded groups") == {2}


def test_demo_packs_two_wire_claims_into_one_sentence(demo: Analysis) -> None:
    packed = _sentence_doc(demo, "torched a customs office")
    partners = {
        link.a if (link.b.doc, link.b.sent) == packed else link.b
        for link in demo.alignment.links
        if packed in ((link.a.doc, link.a.sent), (link.b.doc, link.b.sent))
    }
    partner_texts = " ".join(demo.sentence(ref).text for ref in partners)
    assert "customs office" in partner_texts
    assert "looted overnight" in partner_texts


def test_demo_shows_every_framing_kind(demo: Analysis) -> None:
    assert demo.framing is not None
    assert {mark.kind for mark in demo.framing.marks} == set(FramingKind)


def test_demo_quotes_split_into_several_voices(demo: Analysis) -> None:
    assert demo.framing is not None
    speakers = [{voice.speaker for voice in source.voices} for source in demo.framing.sources]
    assert all(any("Olvaney" in speaker for speaker in names) for names in speakers[:2])
    assert any("Kessler" in speaker for speaker in speakers[2])
    ledger_olvaney = next(v for v in demo.framing.sources[0].voices if "Olvaney" in v.speaker)
    assert len(ledger_olvaney.sentences) >= 5
