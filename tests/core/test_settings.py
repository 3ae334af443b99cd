"""Settings are declared once: the command-line flags and the stored form are generated from them."""

from __future__ import annotations

import argparse
from dataclasses import fields

import pytest

from reader.core.errors import SettingsError
from reader.core.settings import Settings, add_arguments, from_arguments, settings_from_dict, settings_to_dict


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_every_setting_has_a_flag_and_an_absent_flag_keeps_the_base_value():
    base = Settings(model="some/folder", threshold=0.6)
    assert from_arguments(parse(), base) == base
    changed = from_arguments(parse("--threshold", "0.5", "--route", "torch", "--no-cache"), base)
    assert changed == Settings(model="some/folder", threshold=0.5, route="torch", use_cache=False)
    assert from_arguments(parse("--cache"), Settings(use_cache=False)).use_cache is True
    assert from_arguments(parse("--precision", "int8"), base) == Settings(model="some/folder", threshold=0.6,
                                                                           precision="int8")
    flags = {f.metadata["flag"] for f in fields(Settings)}
    assert flags == {"--model", "--threshold", "--route", "--precision", "--cache"}


def test_flags_refuse_what_the_declaration_forbids(capsys):
    with pytest.raises(SystemExit):
        parse("--route", "gpu")
    with pytest.raises(SystemExit):
        parse("--precision", "fp16")
    with pytest.raises(SettingsError, match=r"^threshold: 0\.99 is outside 0\.05\.\.0\.95$"):
        from_arguments(parse("--threshold", "0.99"), Settings())


def test_stored_form_round_trips_and_keeps_each_good_field_alone():
    settings = Settings(model="m", threshold=0.5, route="onnx", use_cache=False)
    assert settings_from_dict(settings_to_dict(settings)) == settings
    raw = {"model": 3, "threshold": True, "route": "onnx", "use_cache": "yes", "colour": "red"}
    assert settings_from_dict(raw) == Settings(route="onnx")
    assert settings_from_dict({"threshold": 1}) == Settings()


def test_wrong_types_are_a_settings_error_not_a_crash_later():
    with pytest.raises(SettingsError, match=r"^model: 3 is not a str$"):
        Settings().with_changes(model=3)
