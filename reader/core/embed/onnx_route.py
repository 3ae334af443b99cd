"""The fast route: an exported model run by ONNX Runtime, tokenised by ``tokenizers``; never imports torch.

An export folder holds ``model.onnx`` (transformer, pooling and normalisation in one graph, output
``sentence_embedding``), ``tokenizer.json`` and ``encoder.json`` (input names, max_seq_length, dimension).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reader.core.embed.models import ProgressCallback, l2_normalise
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
    precision: str = "fp32"  # "int8": weights quantised, activations quantised per run (quantize.py)

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
        return cls(tuple(data["inputs"]), int(data["max_seq_length"]), int(data["dimension"]), sizes,
                   str(data.get("precision", "fp32")))


def is_export(folder: Path) -> bool:
    """True when ``folder`` holds a complete, sound export: every file there, at the size it was written."""
    if not all((folder / name).is_file() for name in (MODEL_FILE, TOKENIZER_FILE, CONFIG_FILE)):
        return False
    try:
        config = ExportConfig.load(folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return all((folder / name).stat().st_size == size for name, size in config.sizes.items())


def length_batches(lengths: Sequence[int], run_cost: int, largest: int, most_tokens: int) -> list[range]:
    """Consecutive ranges over ascending token counts ``lengths`` that cost least in padded tokens plus
    ``run_cost`` tokens per run (each range is padded to its last length), each of at most ``largest``
    sentences and ``most_tokens`` padded tokens (or one sentence).

    Fixed-size batches pad a small call's widely spread lengths by 15–33 % (BASIL triplets), a large
    call's by 4 %; these ranges pad both by about 5 %."""
    best = [0] * (len(lengths) + 1)
    start_of = [0] * (len(lengths) + 1)
    for stop in range(1, len(lengths) + 1):
        width = lengths[stop - 1]
        most = max(1, min(largest, most_tokens // width))
        start = min(range(max(0, stop - most), stop), key=lambda s: best[s] + (stop - s) * width)
        best[stop] = best[start] + run_cost + (stop - start) * width
        start_of[stop] = start
    ranges: list[range] = []
    stop = len(lengths)
    while stop:
        ranges.append(range(start_of[stop], stop))
        stop = start_of[stop]
    return ranges[::-1]


class OnnxEncoder:
    """Encodes with ONNX Runtime: batches of sentences of similar token counts (little padding), run side by
    side, each on one thread while there are at most ``most_runners`` cores (else the cores are shared out).

    A batch on one thread does more per CPU-second than one split over threads op by op, which waits at
    every op for the slowest thread (on a busy machine, often descheduled): BASIL triplets 115 vs 101
    sentences per CPU-second, 500 sentences 119 vs 107 (``bench/bench_embed.py``)."""

    route = "onnx"
    largest_batch = 32  # on BASIL: as many sentences per CPU-second as 8 or 16 (activations stay in cache)
    largest_tokens = 1024  # padded: long sentences come fewer at a time (attention memory grows with length²)
    run_cost = 16  # tokens: one run's fixed cost, as much as 16 more tokens (1 vs 8 sentences a run)
    most_runners = 4  # a call of 128 sentences makes about 12 batches: enough for 4 runners, not for 16

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
        """The inference session, created on first need; a run uses the calling thread and, with more
        cores than runners, its share of the others (which sleep between ops instead of spinning)."""
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.intra_op_num_threads = usable_cores() // self.runner_count
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.inter_op_num_threads = 1
        return onnxruntime.InferenceSession(
            str(self.folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )

    @cached_property
    def runners(self) -> ThreadPoolExecutor:
        """The threads that run batches side by side (ONNX Runtime releases the GIL while it runs)."""
        return ThreadPoolExecutor(self.runner_count, thread_name_prefix="onnx-encode")

    @property
    def batch_limit(self) -> int:
        """Sentences per run: one for an int8 export, whose activations are quantised with one scale per
        run, so that a sentence's vector does not depend on its batch mates (in batches of up to 32 it
        moved to cosine 0.974 of itself alone)."""
        return 1 if self.config.precision == "int8" else self.largest_batch

    @property
    def runner_count(self) -> int:
        """How many batches run at once."""
        return min(usable_cores(), self.most_runners)

    def encode(
        self,
        texts: Sequence[str],
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> np.ndarray:
        """Vectors of ``texts``, batched by token count; checks ``cancel`` between batches."""
        encodings = self.tokenizer.encode_batch(list(texts))
        plan = self._plan(encodings)
        session = self.session  # created here, not by two runners at once
        runs = self.runners.map(
            lambda rows: _run(session, self._feeds([encodings[i] for i in rows]), cancel), plan
        )
        out = np.zeros((len(texts), self.config.dimension), dtype=np.float32)
        done = 0
        for rows, vectors in zip(plan, runs, strict=True):
            if cancel:
                cancel.check()
            out[rows] = vectors
            done += len(rows)
            if progress:
                progress(done, len(texts))
        return l2_normalise(out)

    def _plan(self, encodings: Sequence[Encoding]) -> list[list[int]]:
        """The rows of each batch, longest sentences first (so that the runners finish together)."""
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        lengths = [len(encodings[i].ids) for i in order]
        batches = length_batches(lengths, self.run_cost, self.batch_limit, self.largest_tokens)
        return [[order[i] for i in batch] for batch in reversed(batches)]

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


def _run(
    session: onnxruntime.InferenceSession, feeds: dict[str, np.ndarray], cancel: CancelToken | None
) -> np.ndarray:
    """The model's output for one batch, unless the work was cancelled before the batch started."""
    if cancel:
        cancel.check()
    return session.run(["sentence_embedding"], feeds)[0]


def usable_cores() -> int:
    """The CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
