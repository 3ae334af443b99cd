"""Actors and their labels by voice on our nine-outlet case (tests/data/outlets) and the seed report."""

from __future__ import annotations

import pytest

from reader.core.framing.referents import find_referents
from reader.core.framing.report import Form, Speech
from reader.core.ingest import read_path
from reader.core.segment import segment
from tests.conftest import JPOST

# What each outlet calls Hamas in its own words (descriptions), read by us from the articles.
OWN_WORDS = {
    "Capital observer": {"Hamas officials", "group"},
    "Continental review": {"Hamas delegation", "organisation"},
    "Eastern dispatch": {"Palestinian movement"},
    "Frontier herald": {"terrorist organization", "terrorists", "Hamas envoys"},
    "Gulf chronicle": {"Hamas envoys", "Palestinian group"},
    "Harbor times": {"militant group that controls Gaza", "militant group"},
    "Levant ledger": {"Islamist group", "Hamas officials"},
    "Meridian wire": {"Hamas delegation", "militant Islamist group that controls Gaza", "Hamas fighters"},
    "Northgate post": {"Hamas terrorists", "terror group"},
}


def _words(analysis, referent, voice):
    labels = [d.document.label for d in analysis.documents]
    found: dict[str, set[str]] = {label: set() for label in labels}
    for m in referent.mentions:
        if m.voice is voice and m.form is Form.DESCRIPTION:
            found[labels[m.doc]].add(m.text)
    return found


@pytest.fixture(scope="module")
def hamas(outlets):
    return outlets.framing.referents[0]


def test_the_most_described_actor_is_matched_across_all_nine_outlets(hamas):
    assert hamas.name == "Hamas"
    assert {m.doc for m in hamas.mentions} == set(range(9))


def test_own_words_are_each_outlets_own_labels(outlets, hamas):
    own = _words(outlets, hamas, Speech.OWN)
    assert own == OWN_WORDS  # own-voice precision and recall on this case: 1.0


def test_terrorists_inside_the_ministrys_quotes_is_never_the_outlets_word(outlets, hamas):
    own, quoted = _words(outlets, hamas, Speech.OWN), _words(outlets, hamas, Speech.QUOTED)
    quoting = ("Harbor times", "Continental review", "Meridian wire", "Gulf chronicle", "Capital observer")
    for outlet in quoting:
        assert "Hamas terrorists" in quoted[outlet]
        assert not any("terror" in word for word in own[outlet])
    assert "Hamas terrorists" in own["Northgate post"] and "Hamas terrorists" in quoted["Northgate post"]


def test_reported_speech_is_quoted_but_an_apposition_inside_it_is_the_narrators(outlets, hamas):
    quoted = _words(outlets, hamas, Speech.QUOTED)
    assert "group" in quoted["Levant ledger"]  # "Abu Hamid … told Kommersant that the group needed time"
    assert "militant group that controls Gaza" in _words(outlets, hamas, Speech.OWN)["Harbor times"]


def test_every_mention_points_at_its_words_in_the_document(outlets):
    for referent in outlets.framing.referents:
        for m in referent.mentions:
            document = outlets.documents[m.doc]
            sentence = document.sentences[m.sentence]
            assert document.document.text[m.start : m.end] == m.text
            assert sentence.start <= m.start < m.end <= sentence.end


def test_titles_and_shortened_names_join_one_actor(outlets):
    names = {r.name: r for r in outlets.framing.referents}
    putin = names["Vladimir Putin"]
    assert {"Putin", "Vladimir Putin"} <= {m.text for m in putin.mentions}
    assert "President" not in names and "Deputy" not in names
    assert not any(r.name in ("Thursday", "October", "Russian", "Israeli") for r in outlets.framing.referents)


def test_seed_report_keeps_the_ministrys_terrorists_in_quotes():
    document = segment(read_path(JPOST))
    hamas = next(r for r in find_referents((document,)) if r.name == "Hamas")
    own = {m.text for m in hamas.mentions if m.voice is Speech.OWN and m.form is Form.DESCRIPTION}
    quoted = {m.text for m in hamas.mentions if m.voice is Speech.QUOTED and m.form is Form.DESCRIPTION}
    assert {"Iranian proxy group", "militant Islamist group that controls Gaza"} <= own
    assert "Hamas terrorists" in quoted and not any("terror" in w for w in own)
