"""The BASIL proof (eval/basil.py) and the framing report of a real BASIL triplet with the real model."""

from __future__ import annotations

import re

import pytest

from reader.core.ingest import read_path
from reader.core.pipeline import analyse
from reader.core.settings import Settings
from tests.conftest import BASIL, eval_script

pytestmark = pytest.mark.skipif(not BASIL.is_dir(), reason="needs ../shared/eval/basil")


@pytest.fixture(scope="module")
def basil():
    """eval/basil.py."""
    return eval_script("basil")


@pytest.fixture(scope="module")
def event(basil):
    """The first 2014 event: (name, articles in Fox, NYT, HuffPost order)."""
    return basil.load_events(BASIL, ["2014"])[0]


def test_every_basil_sentence_is_found_in_the_text_as_read(basil, event, tmp_path):
    for article in event[1]:
        path = tmp_path / f"{article.source}.txt"
        path.write_text(basil.article_text(article), encoding="utf-8")
        text = read_path(path).text
        offsets = basil.sentence_offsets(text, article)

        sentences = [s for paragraph in article.paragraphs for s in paragraph]
        assert all(text[offsets[f"p{k}"] :].startswith(s) for k, s in enumerate(sentences))
        assert text.startswith(article.title)


def test_annotated_spans_point_at_the_annotated_words(basil, event, tmp_path):
    article = event[1][0]
    text = basil.article_text(article)
    spans = basil.annotated_spans(article, basil.sentence_offsets(text, article), "inf")

    assert spans
    assert all(text[start:end] == ann["txt"] for (start, end), ann in spans)


@pytest.mark.slow
def test_real_triplet_report_is_consistent(basil, event, encoder, tmp_path):
    documents = []
    for article in event[1]:
        path = tmp_path / f"{article.source}.txt"
        path.write_text(basil.article_text(article), encoding="utf-8")
        documents.append(read_path(path, label=basil.SOURCES[article.source]))
    analysis = analyse(documents, Settings(), encoder)
    report = analysis.framing

    assert report is not None
    assert len(report.sources) == 3
    assert len(report.group_divergence) == len(analysis.alignment.groups)
    assert set(report.pair_divergence) == {(0, 1), (0, 2), (1, 2)}
    assert all(0.0 <= d.score <= 1.0 for d in (*report.group_divergence, *report.pair_divergence.values()))
    for mark in report.marks:
        assert analysis.sentence(mark.ref).text[mark.start : mark.end] == mark.text
        assert mark.explanation.split(": ", 1)[1].startswith(documents[mark.ref.doc].label)


def test_speakers_that_name_a_group_are_told_from_persons(basil):
    assert not any(map(basil.is_group, ("Donald_Trump", "Donald_Trump_Jr.", "Ruth_Bader_Ginsburg")))
    assert all(map(basil.is_group, ("Democratic_lawmakers", "Obama_campaign", "NAACP", "Senate_Republicans")))


@pytest.mark.slow
def test_eval_prints_the_metrics_line_last(basil, capsys):
    assert basil.main(["--data", str(BASIL), "--years", "2014", "--limit", "1"]) == 0

    last = capsys.readouterr().out.strip().splitlines()[-1]
    names = ("lex_p", "lex_r", "lex_f1", "baseline_f1", "inf_recall", "speaker_acc", "speaker_person_acc",
             "speaker_group_acc")
    assert re.fullmatch("basil: " + " ".join(rf"{name}=[01]\.\d{{3}}" for name in names), last)
