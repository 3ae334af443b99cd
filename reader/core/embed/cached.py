"""An encoder that looks sentences up in the vector cache first and encodes only the rest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from reader.core.embed.models import ProgressCallback
from reader.core.model import CancelToken
from reader.core.vectorcache import VectorCache

if TYPE_CHECKING:
    from reader.core.embed import Encoder


class CachedEncoder:
    """Wraps an encoder of one model with a ``VectorCache`` keyed by that model's id."""

    def __init__(self, inner: Encoder, cache: VectorCache, model_id: str) -> None:
        self.inner = inner
        self.cache = cache
        self.model_id = model_id
        self.name = inner.name
        self.route = inner.route

    def encode(
        self,
        texts: Sequence[str],
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> np.ndarray:
        """Cached vectors where known, freshly encoded (and stored) ones elsewhere."""
        if not texts:
            return self.inner.encode(texts)
        found = self.cache.get(self.model_id, texts)
        missing = sorted({text for text, vector in zip(texts, found, strict=True) if vector is None})
        known = sum(vector is not None for vector in found)
        if missing:
            fresh = self.inner.encode(missing, cancel, _offset(progress, known, len(texts)))
            self.cache.put(self.model_id, missing, fresh)
            by_text = dict(zip(missing, fresh, strict=True))
            found = [
                by_text[text] if vector is None else vector for text, vector in zip(texts, found, strict=True)
            ]
        elif progress:
            progress(len(texts), len(texts))
        return np.stack(found)


def _offset(progress: ProgressCallback | None, known: int, total: int) -> ProgressCallback | None:
    """A progress callback for the missing sentences that counts the cached ones as done."""
    if progress is None:
        return None
    return lambda done, count: progress(known + (total - known) * done // count, total)
