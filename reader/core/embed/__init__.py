"""Sentence embeddings: a model name in, an ``Encoder`` of L2-normalised float32 vectors out.

Two routes share one model layer, sentence-transformers:

* ``onnx`` (the default when possible): the model is exported once to ONNX into the user cache folder;
  afterwards only ``onnxruntime``, ``tokenizers`` and numpy run — torch is never imported.
* ``torch``: sentence-transformers itself, for models that cannot be exported faithfully.

A ready export in ``exports_root()`` (the bundled app carries the default model's) is used as it is:
then neither torch nor the model's own files are needed.

Precision ``int8`` runs an int8 copy of the export (``quantize.py``), made once beside it; its vectors
are cached under their own key, so FP32 and int8 vectors never mix.

Nothing is ever downloaded; torch and sentence_transformers are imported only when needed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from reader.core.embed.models import (
    ModelNotFoundError,
    ProgressCallback,
    cache_root,
    exports_root,
    model_id,
    readable_name,
    resolve_model_dir,
)
from reader.core.model import CancelToken
from reader.core.settings import DEFAULT_MODEL, PRECISIONS, Settings

__all__ = ["DEFAULT_MODEL", "ROUTES", "Encoder", "ModelNotFoundError", "load_encoder", "settings_encoder"]

ROUTES = ("auto", "onnx", "torch")
FAILED_MARK = "export-failed.txt"
log = logging.getLogger(__name__)


class Encoder(Protocol):
    """Turns sentences into L2-normalised float32 vectors."""

    name: str
    route: str

    def encode(
        self,
        texts: Sequence[str],
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> np.ndarray:
        """Vectors of ``texts``, shape ``(len(texts), dim)``; checks ``cancel`` between batches."""
        ...


def load_encoder(
    model: str = DEFAULT_MODEL,
    route: str = "auto",
    cache: bool = True,
    progress: ProgressCallback | None = None,
    precision: str = "fp32",
) -> Encoder:
    """An encoder for ``model`` on ``route`` ("auto", "onnx" or "torch") at ``precision`` ("fp32" or
    "int8"), optionally with the vector cache.

    The first call for a model on the onnx/auto route exports it (a few seconds, imports torch; call it
    off the GUI thread; ``progress`` hears the export steps). ``auto`` falls back to torch, with a
    warning, when the export fails; ``onnx`` raises ``ExportError`` instead. int8 on the torch route,
    or when the export cannot be quantised, stays FP32 with a warning.
    """
    if route not in ROUTES:
        raise ValueError(f"route={route!r} is not one of {ROUTES}")
    if precision not in PRECISIONS:
        raise ValueError(f"precision={precision!r} is not one of {PRECISIONS}")
    encoder, key = _encoder_and_key(model, route, progress)
    if precision == "int8":
        encoder, key = _int8(encoder, key)
    if not cache:
        return encoder
    from reader.core.embed.cached import CachedEncoder
    from reader.core.vectorcache import VectorCache

    return CachedEncoder(encoder, VectorCache(), key)


def settings_encoder(settings: Settings) -> Encoder:
    """The encoder ``settings`` select: their model, route, precision and vector cache."""
    return load_encoder(settings.model, settings.route, settings.use_cache, precision=settings.precision)


def _encoder_and_key(model: str, route: str, progress: ProgressCallback | None) -> tuple[Encoder, str]:
    """The route's encoder for ``model`` and the id its vectors are cached under."""
    ready = None if route == "torch" else ready_export(model)
    if ready is not None:
        from reader.core.embed.onnx_route import OnnxEncoder

        return OnnxEncoder(model, ready), model_id(model, ready)
    folder = resolve_model_dir(model)
    key = model_id(model, folder)
    return _route_encoder(model, folder, key, route, progress), key


def ready_export(model: str) -> Path | None:
    """The ready ONNX export of ``model`` in ``exports_root()`` (the bundled app's), if there is one."""
    from reader.core.embed.onnx_route import is_export

    root = exports_root()
    folder = root / readable_name(model) if root else None
    return folder if folder and is_export(folder) else None


def export_dir(key: str) -> Path:
    """Where the ONNX export of the model with id ``key`` lives."""
    return cache_root() / "onnx" / key


def _route_encoder(
    model: str, folder: Path, key: str, route: str, progress: ProgressCallback | None
) -> Encoder:
    from reader.core.embed.onnx_route import OnnxEncoder, is_export
    from reader.core.embed.torch_route import TorchEncoder, load_sentence_transformer

    target = export_dir(key)
    failed = target.with_name(f"{key}.{FAILED_MARK}")
    if route == "torch" or (route == "auto" and failed.is_file()):
        return TorchEncoder(model, load_sentence_transformer(folder))
    if is_export(target):
        return OnnxEncoder(model, target)
    if target.exists():
        log.warning("The ONNX export of %s in %s is damaged or incomplete; exporting it again.",
                    model, target)
    return _export_then_encoder(model, folder, target, failed, route, progress)


def _export_then_encoder(
    model: str, folder: Path, target: Path, failed: Path, route: str, progress: ProgressCallback | None
) -> Encoder:
    """Export the model and use it; on failure the torch encoder (``auto``) or ``ExportError`` (``onnx``)."""
    from reader.core.embed.export import ExportError, export_onnx
    from reader.core.embed.onnx_route import OnnxEncoder
    from reader.core.embed.torch_route import TorchEncoder, load_sentence_transformer

    sentence_transformer = load_sentence_transformer(folder)
    try:
        export_onnx(sentence_transformer, target, progress)
    except ExportError as error:
        if route == "onnx":
            raise
        log.warning("Model %s cannot use the ONNX route (%s); using sentence-transformers.", model, error)
        failed.parent.mkdir(parents=True, exist_ok=True)
        failed.write_text(str(error), encoding="utf-8")
        return TorchEncoder(model, sentence_transformer)
    return OnnxEncoder(model, target)


def _int8(encoder: Encoder, key: str) -> tuple[Encoder, str]:
    """The int8 copy of an ONNX encoder's export (quantised on first use, beside the FP32 export) and
    the id its vectors are cached under; ``encoder`` and ``key`` themselves when there can be none."""
    from reader.core.embed.onnx_route import OnnxEncoder, is_export
    from reader.core.embed.quantize import QuantizeError, quantize_export

    if not isinstance(encoder, OnnxEncoder):
        log.warning("int8 needs the ONNX route; %s runs in FP32 on %s.", encoder.name, encoder.route)
        return encoder, key
    int8_key = f"{key}.int8"  # a model id ends in its hash: no model's own id looks like this
    target = export_dir(int8_key)
    if not is_export(target):
        try:
            quantize_export(encoder.folder, target)
        except QuantizeError as error:
            log.warning("Model %s cannot run in int8 (%s); using FP32.", encoder.name, error)
            return encoder, key
    return OnnxEncoder(encoder.name, target), int8_key
