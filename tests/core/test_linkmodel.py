"""The link model: sentence facts, pair signals, the bundled coefficients and the reasons."""

from __future__ import annotations

import json

import numpy as np
import pytest

from reader.core.align import prepare
from reader.core.linkmodel import (
    FEATURES,
    LinkModel,
    ModelError,
    bundled_model,
    longest_shared_run,
    sentence_facts,
)
from reader.core.model import Document, Role, SegmentedDocument, Sentence
from reader.core.segment import segment
from reader.core.settings import Settings

WARREN = "Sen. Elizabeth Warren said Barr must release the full report by April 2."
WARREN_AGAIN = "Warren demanded that the attorney general make the report public by April 2."
OROURKE = "Beto O'Rourke demanded that the attorney general make the report public by April 2."


def _document(label: str, texts: list[str], title: str = "") -> SegmentedDocument:
    sentences, start, k = [], 0, 0
    if title:
        sentences.append(Sentence(0, len(title), title, 0, role=Role.TITLE))
        start, k = len(title) + 2, 1
    for text in texts:
        sentences.append(Sentence(start, start + len(text), text, k))
        start, k = start + len(text) + 2, k + 1
    body = "\n\n".join([title, *texts]) if title else "\n\n".join(texts)
    return SegmentedDocument(Document(label, body), (), tuple(sentences))


def test_longest_shared_run_counts_words_in_order():
    texts = ["It is a war of Obama's choosing.", "Not a war of Obama's choosing.", "Choosing war."]
    doc = _document("Fox", texts)
    first, second, third = sentence_facts(doc, doc.aligned_indices(), {})
    assert longest_shared_run(first, second) == 5
    assert longest_shared_run(first, third) == 1
    assert longest_shared_run(second, second) == 6


def test_sentence_facts_name_speaker_people_numbers_and_place():
    doc = _document("Fox", [WARREN, "The report runs to 400 pages."], title="Warren wants the report")
    title, first, second = sentence_facts(doc, doc.aligned_indices(), {})
    assert title.title and not first.title and first.lede and not second.lede
    assert first.speaker == "Sen. Elizabeth Warren"
    assert {"warren", "barr", "elizabeth"} <= first.names
    assert "2" in first.numbers and "400" in second.numbers
    assert (first.position, second.position) == (0.0, 1.0)


def test_who_says_it_is_part_of_the_claim():
    """The same words from another speaker are less likely the same claim than from the same speaker."""
    reports = (("Fox", WARREN), ("NYT", WARREN_AGAIN), ("HuffPost", OROURKE))
    documents = [_document(label, [text]) for label, text in reports]
    rng = np.random.default_rng(3)
    shared = rng.normal(size=16)
    vectors = [np.asarray([shared + 0.3 * rng.normal(size=16)], np.float32) for _ in documents]
    vectors = [v / np.linalg.norm(v) for v in vectors]
    prepared = prepare(documents, vectors)
    same = prepared.pairs[0, 1].signals[0]
    other = replace_speakers(prepared.pairs[0, 2].signals[0], like=same)
    model = bundled_model()
    assert model.probability(same[None])[0] > model.probability(other[None])[0]
    assert same[FEATURES.index("same_speaker")] == 1.0
    assert prepared.pairs[0, 2].signals[0][FEATURES.index("other_speaker")] == 1.0
    assert "same speaker" in model.reasons(same)


def replace_speakers(signals: np.ndarray, like: np.ndarray) -> np.ndarray:
    """``like`` with the speaker and name signals of ``signals`` (so only who speaks differs)."""
    mixed = like.copy()
    for name in ("same_speaker", "other_speaker", "speaker_named", "names_shared", "names_clash"):
        mixed[FEATURES.index(name)] = signals[FEATURES.index(name)]
    return mixed


def test_bundled_model_reads_back_and_sets_the_default_threshold():
    model = bundled_model()
    again = LinkModel.from_json(model.to_json())
    assert again.rule == model.rule and np.allclose(again.weights, model.weights, atol=1e-5)
    assert Settings().threshold == model.rule.threshold
    assert len(model.weights) == len(model.means) == len(FEATURES)


def test_a_model_for_other_signals_is_refused():
    data = json.loads(bundled_model().to_json())
    data["features"] = data["features"][:-1]
    with pytest.raises(ModelError):
        LinkModel.from_json(json.dumps(data))


def test_headlines_link_to_headlines(encoder):
    texts = [
        ("Fox", "Trump calls Flynn treatment 'unfair'\n\nPresident Trump on Monday called the case unfair."),
        ("NYT", "Trump Says F.B.I. Treated Flynn Unfairly\n\nThe president defended his former adviser."),
    ]
    documents = [segment(Document(label, text)) for label, text in texts]
    vectors = [encoder.encode([d.sentences[i].text for i in d.aligned_indices()]) for d in documents]
    from reader.core.align import align

    alignment = align(documents, vectors, Settings().threshold)
    titles = {(link.a.sent, link.b.sent) for link in alignment.links}
    assert documents[0].sentences[0].role is Role.TITLE and (0, 0) in titles
    assert all(0.0 < link.confidence <= 1.0 and link.signals for link in alignment.links)
