"""The fast route: an exported model run by ONNX Runtime, tokenised by ``tokenizers``; never imports torch.

An export folder holds ``model.onnx`` (transformer, pooling and normalisation in one graph, output
``sentence_embedding``), ``tokenizer.json`` and ``encoder.json`` (input names, max_seq_length, dimension).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reader.core.embed.models import ProgressCallback, batches, l2_normalise
from reader.core.model import CancelToken

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Encoding, Tokenizer

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "encoder.json"


@dataclass(frozen=True)
class ExportConfig:
    """What the runtime needs to know about an exported model besides the graph, and the byte size of
    each file it was written with (so a truncated or damaged export is told apart from a sound one)."""

    inputs: tuple[str, ...]
    max_seq_length: int
    dimension: int
    sizes: dict[str, int] = field(default_factory=dict)

    def save(self, folder: Path) -> None:
        """Write ``encoder.json`` into ``folder``, recording the sizes of the graph and tokenizer there."""
        sizes = {name: (folder / name).stat().st_size for name in (MODEL_FILE, TOKENIZER_FILE)}
        data = {**asdict(self), "sizes": sizes}
        (folder / CONFIG_FILE).write_text(json.dumps(data, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ExportConfig:
        """Read ``encoder.json`` from ``folder``."""
        data = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
        sizes = {str(name): int(size) for name, size in data.get("sizes", {}).items()}
        return cls(tuple(data["inputs"]), int(data["max_seq_length"]), int(data["dimension"]), sizes)


def is_export(folder: Path) -> bool:
    """True when ``folder`` holds a complete, sound export: every file there, at the size it was written."""
    if not all((folder / name).is_file() for name in (MODEL_FILE, TOKENIZER_FILE, CONFIG_FILE)):
        return False
    try:
        config = ExportConfig.load(folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return all((folder / name).stat().st_size == size for name, size in config.sizes.items())


class OnnxEncoder:
    """Encodes with ONNX Runtime; batches hold sentences of similar token counts to waste little padding."""

    route = "onnx"
    batch_size = 16  # on BASIL: more sentences per CPU-second than 32 or 64 (activations stay in cache)

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder
        self.config = ExportConfig.load(folder)

    @cached_property
    def tokenizer(self) -> Tokenizer:
        """The model's tokenizer, truncating to max_seq_length, not padding."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.enable_truncation(self.config.max_seq_length)
        return tokenizer

    @cached_property
    def session(self) -> onnxruntime.InferenceSession:
        """The inference session, created on first need (ONNX Runtime uses one thread per physical core)."""
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: faster and far cheaper when other work shares the CPU.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return onnxruntime.InferenceSession(
            str(self.folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )

    def encode(
        self,
        texts: Sequence[str],
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> np.ndarray:
        """Vectors of ``texts``, batched by token count; checks ``cancel`` between batches."""
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.config.dimension), dtype=np.float32)
        for batch in batches(len(order), self.batch_size):
            if cancel:
                cancel.check()
            rows = [order[i] for i in batch]
            feeds = self._feeds([encodings[i] for i in rows])
            out[rows] = self.session.run(["sentence_embedding"], feeds)[0]
            if progress:
                progress(batch.stop, len(texts))
        return l2_normalise(out)

    def _feeds(self, encodings: Sequence[Encoding]) -> dict[str, np.ndarray]:
        """Right-padded int64 arrays for the model's inputs (padding is masked out, its id is irrelevant)."""
        width = max(len(e.ids) for e in encodings)
        arrays = {name: np.zeros((len(encodings), width), dtype=np.int64) for name in self.config.inputs}
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            arrays["input_ids"][row, :length] = encoding.ids
            arrays["attention_mask"][row, :length] = 1
            if "token_type_ids" in arrays:
                arrays["token_type_ids"][row, :length] = encoding.type_ids
        return arrays
