"""The sentence-transformers route: loads any model sentence-transformers can, needs torch."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reader.core.embed.models import ProgressCallback, batches, l2_normalise
from reader.core.model import CancelToken

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


def load_sentence_transformer(folder: Path) -> SentenceTransformer:
    """The model in ``folder`` on the CPU, strictly offline (imports torch)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # its "Loading weights" bar is not ours to print
    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


class TorchEncoder:
    """Encodes with a ``SentenceTransformer``, batch by batch so cancel and progress work."""

    route = "torch"
    batch_size = 32  # sentence-transformers' own default

    def __init__(self, name: str, model: SentenceTransformer) -> None:
        self.name = name
        self.model = model

    def encode(
        self,
        texts: Sequence[str],
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> np.ndarray:
        """Vectors of ``texts`` in length-sorted batches; checks ``cancel`` between batches."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.model.get_embedding_dimension()), dtype=np.float32)
        for batch in batches(len(order), self.batch_size):
            if cancel:
                cancel.check()
            rows = [order[i] for i in batch]
            out[rows] = self.model.encode([texts[i] for i in rows], batch_size=len(rows))
            if progress:
                progress(batch.stop, len(texts))
        return l2_normalise(out)
