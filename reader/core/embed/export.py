"""One-time export of a sentence-transformers model to ONNX (needs torch), checked against the original.

The whole ``SentenceTransformer`` (transformer, pooling, dense, normalise modules) is traced into one
graph, so the runtime only tokenises and runs it. The export is written to a temporary folder and
renamed into place once its vectors match sentence-transformers' on a few probe sentences.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from reader.core.embed.models import ProgressCallback, staged_folder
from reader.core.embed.onnx_route import MODEL_FILE, TOKENIZER_FILE, ExportConfig, OnnxEncoder

if TYPE_CHECKING:
    import torch
    from sentence_transformers import SentenceTransformer

SUPPORTED_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MIN_COSINE = 0.9999
PROBES = (
    "The Senate passed the bill on Tuesday by a vote of 60 to 39.",
    "“We will not back down,” the spokesman said.",
    "Officials said.",
    " ".join(["Protesters gathered outside the courthouse as the verdict was read aloud."] * 40),
)
STEPS = 3


class ExportError(RuntimeError):
    """The model could not be exported to ONNX, or the export does not reproduce its vectors."""


def export_onnx(model: SentenceTransformer, target: Path, progress: ProgressCallback | None = None) -> None:
    """Export ``model`` into ``target``; raise ``ExportError`` when it cannot be done faithfully."""
    inputs = _input_names(model)
    with staged_folder(target) as staging:
        _write_export(model, inputs, staging, progress)
        _verify(model, staging)
        _report(progress, 3)


def _input_names(model: SentenceTransformer) -> tuple[str, ...]:
    """The tokenizer outputs the graph takes; raise ``ExportError`` for what the runtime cannot feed."""
    tokenizer = getattr(model[0], "tokenizer", None)
    if tokenizer is None or not getattr(tokenizer, "is_fast", False):
        raise ExportError("the model has no fast (tokenizers-backed) tokenizer")
    names = tuple(name for name in SUPPORTED_INPUTS if name in tokenizer.model_input_names)
    if set(tokenizer.model_input_names) - set(names) or not {"input_ids", "attention_mask"} <= set(names):
        raise ExportError(f"unsupported model inputs {tokenizer.model_input_names}")
    return names


def _write_export(
    model: SentenceTransformer, inputs: tuple[str, ...], folder: Path, progress: ProgressCallback | None
) -> None:
    """Trace the model into ``folder`` and save the tokenizer and runtime config beside it."""
    import torch

    _report(progress, 0)
    features = model[0].tokenizer(list(PROBES[:2]), padding=True, return_tensors="pt")
    example = tuple(features[name] for name in inputs)
    axes = {name: {0: "batch", 1: "sequence"} for name in inputs} | {"sentence_embedding": {0: "batch"}}
    try:
        with torch.inference_mode(), warnings.catch_warnings(), _eager_attention(model):
            warnings.simplefilter("ignore")  # tracer notes on Python shape checks; _verify checks instead
            torch.onnx.export(
                _graph_module(model, inputs),
                example,
                str(folder / MODEL_FILE),
                dynamo=False,
                input_names=list(inputs),
                output_names=["sentence_embedding"],
                dynamic_axes=axes,
                opset_version=17,
            )
    except Exception as error:  # the exporters raise many unrelated types
        raise ExportError(f"torch.onnx.export failed: {error}") from error
    _report(progress, 1)
    model[0].tokenizer.backend_tokenizer.save(str(folder / TOKENIZER_FILE))
    ExportConfig(inputs, int(model.max_seq_length), int(model.get_embedding_dimension())).save(folder)
    _report(progress, 2)


@contextmanager
def _eager_attention(model: SentenceTransformer) -> Iterator[None]:
    """Trace attention as plain matmul and softmax while the block runs.

    ONNX Runtime runs that ≈5 % faster on BASIL sentences than the traced scaled-dot-product attention,
    whose NaN guards add nodes; ``_verify`` then checks the export against the model's own attention,
    which comes back afterwards.
    """
    transformer = getattr(model[0], "auto_model", None)
    before = getattr(getattr(transformer, "config", None), "_attn_implementation", None)
    switched = before not in (None, "eager") and _set_attention(transformer, "eager")
    try:
        yield
    finally:
        if switched:
            _set_attention(transformer, before)


def _set_attention(transformer: Any, implementation: str) -> bool:
    """Switch a transformers model's attention implementation; False when it cannot."""
    try:
        transformer.set_attn_implementation(implementation)
    except (AttributeError, ValueError, ImportError):
        return False
    return True


def _graph_module(model: SentenceTransformer, inputs: tuple[str, ...]) -> torch.nn.Module:
    """``model`` wrapped to take positional tensors, as the tracer needs."""
    import torch

    class Graph(torch.nn.Module):
        """Positional tensors in, ``sentence_embedding`` out, as the tracer needs."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.model(dict(zip(inputs, tensors, strict=True)))["sentence_embedding"]

    return Graph().eval()


def _verify(model: SentenceTransformer, folder: Path) -> None:
    """Raise ``ExportError`` unless the export's vectors match the model's on the probe sentences."""
    expected = model.encode(list(PROBES), normalize_embeddings=True)
    try:
        actual = OnnxEncoder("probe", folder).encode(PROBES)
    except Exception as error:  # ONNX Runtime and tokenizers raise their own types
        raise ExportError(f"ONNX Runtime cannot run the export: {error}") from error
    worst = float(np.min(np.sum(expected * actual, axis=1)))
    if worst < MIN_COSINE:
        raise ExportError(f"exported vectors differ from sentence-transformers' (cosine {worst:.6f})")


def _report(progress: ProgressCallback | None, done: int) -> None:
    if progress:
        progress(done, STEPS)
