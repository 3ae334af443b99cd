"""The session layer without Qt: unique labels, duplicate origins, moves, renames, voices, observers."""

from __future__ import annotations

import pytest

from reader.core.errors import ReaderError
from reader.core.model import Document
from reader.core.pipeline import drain
from reader.core.session import Change, Session


@pytest.fixture
def session():
    session = Session()
    session.add([Document("Fox", "a"), Document("NYT", "b"), Document("Fox", "c")])
    return session


def test_added_labels_are_made_unique(session):
    assert session.labels() == ["Fox", "NYT", "Fox (2)"]


def test_a_source_already_open_is_not_added_again(session):
    skipped = session.add([Document("Again", "x", origin="/a.txt"), Document("Twice", "y", origin="/a.txt")])
    assert [d.label for d in skipped] == ["Twice"]
    assert session.labels()[-1] == "Again"


def test_move_left_and_right_and_not_past_the_ends(session):
    assert session.move(0, 1) and session.labels() == ["NYT", "Fox", "Fox (2)"]
    assert session.move(2, -1) and session.labels() == ["NYT", "Fox (2)", "Fox"]
    assert not session.move(0, -1) and not session.move(2, 1)


def test_rename_keeps_text_refuses_blank_and_stays_unique(session):
    assert session.rename(1, "New York Times")
    assert session.documents()[1] == Document("New York Times", "b")
    assert not session.rename(1, "   ")
    assert session.rename(1, "Fox") and session.labels()[1] == "Fox (3)"


def test_remove_and_replace_all(session):
    assert session.remove(0) and not session.remove(5)
    assert session.labels() == ["NYT", "Fox (2)"]
    session.replace_all([Document("Kremlin", "x"), Document("Kremlin", "y")])
    assert session.labels() == ["Kremlin", "Kremlin (2)"]


def test_observers_hear_source_and_label_changes_apart(session):
    heard: list[Change] = []
    session.observe(heard.append)
    session.move(0, 1)
    session.rename(0, "Times")
    session.remove(0)
    assert heard == [Change.SOURCES, Change.LABELS, Change.SOURCES]


def test_voices_need_two_and_restore_brings_the_articles_back(session):
    before = session.documents()
    with pytest.raises(ReaderError, match="fewer than two voices"):
        session.show_voices("Fox", [Document("Kremlin", "x")], before)
    assert session.documents() == before
    session.show_voices("Fox", [Document("Kremlin", "x"), Document("Hamas", "y")], before)
    assert session.labels() == ["Kremlin", "Hamas"]
    assert session.restore_articles() and session.documents() == before
    assert not session.restore_articles()


def test_changes_mark_the_session_modified_until_it_is_saved(session, tmp_path):
    session.mark_saved(tmp_path / "a.framing")
    assert not session.modified
    session.rename(0, "Times")
    assert session.modified


def test_analysis_runs_relabels_on_rename_and_is_dropped_on_a_source_change(encoder):
    session = Session()
    session.add([Document("A", "The port reopened on Monday after a strike. Ships queued for days."),
                 Document("B", "After a long strike, the port reopened Monday. Dozens of ships had waited.")])
    analysis = session.analyse(encoder)
    assert analysis.alignment.links and session.analysis is analysis
    session.rename(0, "Ledger")
    assert session.analysis.documents[0].document.label == "Ledger"
    assert session.analysis.vectors is analysis.vectors
    session.settings = session.settings.with_changes(threshold=0.9)
    realigned = drain(session.realign_job()(None))
    assert realigned.shown.alignment.threshold == 0.9
    session.remove(1)
    assert session.analysis is None and not session.can_analyse()
