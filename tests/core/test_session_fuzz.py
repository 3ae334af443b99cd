"""Hostile session state holds: what fuzzing the session layer found (bench/fuzz_sessions.py), kept as
regressions, and a property run over random JSON in every field."""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.autosave import Autosaver
from reader.core.errors import SessionFileError
from reader.core.model import Document
from reader.core.session import Session, State
from reader.core.sessionfile import parse_session, read_session, to_dict
from reader.core.settings import Settings
from reader.gui.settingsstore import StoredSettings, load_settings

VALID = to_dict(State((Document("A", "One. Two."), Document("B", "Three.")), Settings()))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def test_a_lone_surrogate_in_a_text_is_refused_not_a_crash_when_saving():
    raw = json.dumps({**VALID, "sources": [{"text": "\ud800 x", "label": "\udfff"}]}).encode()
    with pytest.raises(SessionFileError, match="not valid Unicode"):
        parse_session(raw, "s.framing")


def test_a_settings_file_nested_too_deeply_gives_the_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"[" * 100_000)
    assert load_settings(path) == StoredSettings()


def test_thousands_of_untitled_sources_restore_fast_with_unique_labels():
    documents = tuple(Document("", f"text {i}") for i in range(5000))
    started = time.perf_counter()
    session = Session()
    session.restore(State(documents, Settings()))
    session.add([Document("", "one more")])
    assert time.perf_counter() - started < 2  # labelling each source against all was quadratic: minutes
    labels = session.labels()
    assert labels[:3] == ["Untitled", "Untitled (2)", "Untitled (3)"] and len(set(labels)) == 5001


def test_pipes_devices_and_folders_in_the_autosave_folder_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / f"{2**22 + 1}.framing")
    (tmp_path / f"{2**22 + 2}.framing").symlink_to("/dev/zero")
    (tmp_path / f"{2**22 + 3}.framing").mkdir()
    (tmp_path / "9999999999999999999999999.framing").write_text("{}")
    orphans = Autosaver(tmp_path).orphans()
    assert len(orphans) == 4
    for orphan in orphans:
        with pytest.raises(SessionFileError):
            orphan.read()


def test_a_version_of_thousands_of_digits_is_refused():
    raw = json.dumps(VALID).replace('"version": 1', f'"version": {"9" * 5000}').encode()
    with pytest.raises(SessionFileError):
        parse_session(raw, "s.framing")


def test_a_session_file_larger_than_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    import reader.core.sessionfile as sessionfile

    monkeypatch.setattr(sessionfile, "MAX_BYTES", 1000)
    path = tmp_path / "big.framing"
    path.write_text(json.dumps({**VALID, "pad": "x" * 2000}))
    with pytest.raises(SessionFileError, match="too large"):
        read_session(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["format", "version", "settings", "sources", "corrections", "model"]), JSON,
       st.integers(0, 1), JSON)
def test_any_json_in_any_field_is_accepted_or_one_session_file_error(field, value, index, inner):
    data = json.loads(json.dumps(VALID))
    data["sources"][index] = inner if isinstance(inner, dict) else {"text": inner}
    data[field] = value
    try:
        state = parse_session(json.dumps(data, allow_nan=True).encode("utf-8", "surrogatepass"), "s.framing")
    except SessionFileError as error:
        assert str(error).startswith("s.framing: ")
        return
    session = Session()
    session.restore(state)
    assert [d.text for d in session.documents()] == [d.text for d in state.documents]
    assert len(set(session.labels())) == len(state.documents)
