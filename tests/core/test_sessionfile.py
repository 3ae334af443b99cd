"""Session files: a round trip keeps everything; anything damaged is one clear SessionFileError."""

from __future__ import annotations

import json
import os

import pytest

from reader.core.autosave import Autosaver
from reader.core.corrections import SentenceKey, Verdict, correction, text_key
from reader.core.errors import SessionFileError
from reader.core.model import Document
from reader.core.session import State
from reader.core.sessionfile import parse_session, read_session, to_dict, write_session
from reader.core.settings import Settings

STATE = State(
    (Document("Ledger", "One. Two.", "/a.txt", "T", "Velmor", "2026-01-02", "Ann"),
     Document("Wire", "Three.")),
    Settings(threshold=0.5, route="onnx"),
    (correction(SentenceKey(text_key("Three."), 0), SentenceKey(text_key("One. Two."), 1), Verdict.UNLINK),),
)


def test_round_trip_keeps_sources_settings_and_corrections(tmp_path):
    path = tmp_path / "event.framing"
    write_session(STATE, path)
    assert read_session(path) == STATE
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["model"]) == ("framing-reader/session", 1, Settings().model)
    assert data["sources"][0]["sha256"] == text_key("One. Two.")
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.update(version=2), "made by a newer Framing Reader"),
    (lambda d: d.update(version="1"), "version is missing"),
    (lambda d: d.update(format="other"), "not a Framing Reader session file"),
    (lambda d: d.update(sources={}), "sources should be a list, not an object"),
    (lambda d: d["sources"][0].update(text=None), "source 1's text should be text, not null"),
    (lambda d: d["sources"][1].update(text="Edited."), "does not match its hash"),
    (lambda d: d["sources"][0].update(label=["x"]), "source 1's label should be text, not a list"),
    (lambda d: d["corrections"][0].update(verdict="maybe"), "unknown verdict"),
    (lambda d: d["corrections"][0]["a"].update(sentence=-1), "not a sentence number"),
    (lambda d: d["corrections"][0]["a"].update(sentence=True), "not a sentence number"),
])
def test_malformed_fields_are_named(mutate, message):
    data = to_dict(STATE)
    mutate(data)
    with pytest.raises(SessionFileError, match=message):
        parse_session(json.dumps(data).encode(), "event.framing")


def test_bad_settings_fall_back_field_by_field():
    data = to_dict(STATE)
    data["settings"] = {"threshold": 7, "route": "onnx"}
    assert parse_session(json.dumps(data).encode(), "x").settings == Settings(route="onnx")


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "damaged or truncated"),
    (json.dumps(to_dict(STATE)).encode()[:-40], "damaged or truncated"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|damaged"),
    (b"[1, 2]", "the file should be an object, not a list"),
])
def test_damaged_bytes_are_one_clear_error(raw, message):
    with pytest.raises(SessionFileError, match=message) as caught:
        parse_session(raw, "event.framing")
    assert str(caught.value).startswith("event.framing: ")


def test_missing_file_and_folder_are_session_file_errors(tmp_path):
    with pytest.raises(SessionFileError, match="cannot open"):
        read_session(tmp_path / "nothing.framing")
    with pytest.raises(SessionFileError, match="not a regular file"):
        read_session(tmp_path)


def test_autosave_of_a_gone_process_is_an_orphan_newest_first(tmp_path):
    mine = Autosaver(tmp_path)
    mine.save(STATE)
    assert mine.path.exists() and mine.orphans() == []
    old = tmp_path / "99999999999999999999999.framing"
    old.write_text("{}")
    os.utime(old, (1, 1))
    (tmp_path / "0.framing").write_text("{}")
    gone = Autosaver(tmp_path, pid=2**22 + 12345)  # above Linux's pid_max: never a running process
    gone.save(State(STATE.documents[:1], Settings()))
    orphans = mine.orphans()
    assert [o.path.name for o in orphans] == [gone.path.name, old.name]
    with pytest.raises(SessionFileError):
        orphans[1].read()
    assert orphans[0].read().documents == STATE.documents[:1]
    orphans[0].discard()
    assert not gone.path.exists()
    mine.save(State((), Settings()))
    assert not mine.path.exists()
