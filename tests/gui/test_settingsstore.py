"""Settings persist as JSON between runs; a broken or foreign file never stops the reader."""

from __future__ import annotations

import json

from reader.core.settings import Settings
from reader.gui.settingsstore import (
    RECENT_LIMIT,
    StoredSettings,
    load_settings,
    save_settings,
    settings_path,
)


def test_round_trip_keeps_every_field(tmp_path):
    path = tmp_path / "settings.json"
    stored = StoredSettings(Settings(model="some/folder", threshold=0.62, route="torch", use_cache=False),
                            sync_scroll=False, geometry="AAA=", window_state="BBB=",
                            recent_files=("/a.txt", "/b.txt"))
    save_settings(stored, path)
    assert load_settings(path) == stored


def test_missing_or_corrupt_file_gives_defaults(tmp_path):
    path = tmp_path / "settings.json"
    assert load_settings(path) == StoredSettings()
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == StoredSettings()
    path.write_text("[1, 2]", encoding="utf-8")
    assert load_settings(path) == StoredSettings()


def test_wrong_types_and_unknown_keys_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"threshold": "high", "sync_scroll": False, "colour": "red", "model": 3}))
    stored = load_settings(path)
    assert stored.settings == Settings()
    assert stored.sync_scroll is False


def test_integer_threshold_is_read_as_float_within_bounds(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"threshold": 1}))
    path.write_text(json.dumps({"threshold": 0.5}))
    assert load_settings(path).settings.threshold == 0.5
    path.write_text(json.dumps({"threshold": 1}))  # out of bounds: the default
    assert load_settings(path).settings.threshold == Settings().threshold


def test_the_file_is_one_flat_object_and_a_bad_value_costs_only_its_own_field(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(StoredSettings(Settings(route="onnx", use_cache=False)), path)
    raw = json.loads(path.read_text())
    assert (raw["route"], raw["use_cache"], raw["sync_scroll"]) == ("onnx", False, True)
    raw["threshold"] = 0.99
    path.write_text(json.dumps(raw))
    settings = load_settings(path).settings
    assert (settings.route, settings.use_cache, settings.threshold) == ("onnx", False, Settings().threshold)


def test_recent_files_move_to_front_without_duplicates_and_are_capped():
    stored = StoredSettings()
    for i in range(RECENT_LIMIT + 3):
        stored = stored.with_recent(f"/f{i}.txt")
    stored = stored.with_recent("/f5.txt")
    assert stored.recent_files[0] == "/f5.txt"
    assert len(stored.recent_files) == RECENT_LIMIT
    assert stored.recent_files.count("/f5.txt") == 1


def test_default_path_is_in_the_user_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "framing-reader" / "settings.json"
    save_settings(StoredSettings(Settings(threshold=0.6)))
    assert load_settings().settings.threshold == 0.6
