"""Sentences per second of each embedding route on BASIL sentences, against the machine's FP32 FLOP bound.

    .venv/bin/python bench/bench_embed.py [--sentences 500] [--threads 2] [--calls 70 16] [--int8]

The bound: FLOPs per sentence = 2 × (weights of the encoder's matmuls) × tokens + attention
(2·2·layers·tokens²·hidden), averaged over the real token counts; peak FP32 FLOP/s = a large ONNX Runtime
MatMul on 1 and on ``--threads`` threads (best of five); bound = peak / FLOPs per sentence.
Both routes are timed (best of three, after a warm-up) on the same sentences, without the vector cache;
the onnx route also in consecutive calls of ``--calls`` sentences each (a triplet's worth: 70), interleaved
with one call of all, to show what small calls lose. ``--int8``: precision int8 against fp32 in turns, in
one call of all and in calls of the first ``--calls`` size, with the cosines of its vectors to fp32's.
Rates are given per wall-clock second and per CPU second: on a shared, busy machine the CPU-second
figures (and their share of the bound measured the same way) are the ones that stay comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

BASIL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "basil"
MATMUL_SIZE = 2048
CPU = ["CPUExecutionProvider"]


def basil_sentences(limit: int) -> list[str]:
    """Distinct BASIL body sentences, year by year, at most ``limit``."""
    seen: dict[str, None] = {}
    for path in sorted(BASIL.glob("articles/*/*.json")):
        for paragraph in json.loads(path.read_text(encoding="utf-8"))["body-paragraphs"]:
            seen.update(dict.fromkeys(s.strip() for s in paragraph if s.strip()))
    return list(seen)[:limit]


def flops_per_sentence(config: dict, token_counts: np.ndarray) -> float:
    """Mean forward FLOPs of one sentence: matmul weights × tokens plus the attention products."""
    hidden, layers = config["hidden_size"], config["num_hidden_layers"]
    matmul_weights = layers * (4 * hidden * hidden + 2 * hidden * config["intermediate_size"])
    per_sentence = 2 * matmul_weights * token_counts + 2 * 2 * layers * token_counts**2 * hidden
    return float(per_sentence.mean())


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds (all threads of this process) of one run."""

    wall: float
    cpu: float

    def rates(self, work: float) -> tuple[float, float]:
        """``work`` per wall second and per CPU second."""
        return work / self.wall, work / self.cpu


def timed(run: Callable[[], object]) -> Timing:
    """Time one call of ``run``."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def best_timing(run: Callable[[], object], repeats: int = 5) -> Timing:
    """The fastest of ``repeats`` runs after one warm-up (a busy machine only ever slows a run down)."""
    run()
    return min((timed(run) for _ in range(repeats)), key=lambda t: t.wall)


def matmul_peak(threads: int) -> float:
    """FP32 FLOP/s of a square MatMul in ONNX Runtime (MLAS, the kernels the fast route uses)."""
    import onnxruntime
    from onnx import TensorProto, helper

    shape = [MATMUL_SIZE, MATMUL_SIZE]
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["a", "b"], ["c"])],
        "matmul",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape) for n in ("a", "b")],
        [helper.make_tensor_value_info("c", TensorProto.FLOAT, shape)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=CPU)
    a, b = (np.random.default_rng(i).standard_normal(shape, dtype=np.float32) for i in (1, 2))
    return 2 * MATMUL_SIZE**3 / best_timing(lambda: session.run(None, {"a": a, "b": b})).wall


def machine_peak(threads: int) -> tuple[float, float]:
    """Peak FP32 FLOP/s of one core and of ``threads`` cores.

    One thread's best run is rarely disturbed, so ``threads`` × that is the bound on a busy machine too;
    the larger of it and the measured multi-thread figure is used.
    """
    core = matmul_peak(1)
    return core, max(core * threads, matmul_peak(threads))


def encode_timing(
    encode: Callable[[list[str]], np.ndarray], sentences: list[str]
) -> tuple[Timing, np.ndarray]:
    """The best of three timed runs of ``encode`` after a warm-up, and the vectors it made."""
    vectors = encode(sentences)
    return best_timing(lambda: encode(sentences), repeats=3), vectors


K = TypeVar("K")


def in_calls(encode: Callable[[list[str]], np.ndarray], sentences: list[str], size: int) -> Timing:
    """One timing of ``encode`` over ``sentences`` in consecutive calls of ``size`` sentences."""
    chunks = [sentences[i : i + size] for i in range(0, len(sentences), size)]
    return timed(lambda: [encode(chunk) for chunk in chunks])


def keep_faster(best: dict[K, Timing], key: K, timing: Timing) -> None:
    """Keep ``timing`` under ``key`` unless an earlier one was faster (wall-clock)."""
    best[key] = min(best.get(key, timing), timing, key=lambda t: t.wall)


def call_rates(
    encode: Callable[[list[str]], np.ndarray], sentences: list[str], sizes: tuple[int, ...]
) -> str:
    """Sentences per wall and CPU second of ``encode`` on ``sentences`` in consecutive calls of each size,
    the sizes interleaved, best of three; each against the first size (one call of all)."""
    best: dict[int, Timing] = {}
    for _ in range(3):
        for size in sizes:
            keep_faster(best, size, in_calls(encode, sentences, size))
    wall, cpu = best[sizes[0]].rates(len(sentences))
    parts = [f"onnx in one call of {sizes[0]}: {wall:.0f} sentences/s, {cpu:.0f} per CPU-second"]
    for size in sizes[1:]:
        small_wall, small_cpu = best[size].rates(len(sentences))
        share = f"{small_wall / wall:.0%}), {small_cpu:.0f} ({small_cpu / cpu:.0%})"
        parts.append(f"calls of {size}: {small_wall:.0f} ({share}")
    return "; ".join(parts)


def int8_rates(fp32: Callable, int8: Callable, sentences: list[str], size: int) -> str:
    """int8 against FP32 sentences/s in one call of all and in calls of ``size``, the two precisions
    in turns (best of three), and the cosines of int8's vectors to FP32's."""
    best: dict[tuple[str, int], Timing] = {}
    for _ in range(3):
        for calls in (len(sentences), size):
            for name, encode in (("fp32", fp32), ("int8", int8)):
                keep_faster(best, (name, calls), in_calls(encode, sentences, calls))
    parts = []
    for calls in (len(sentences), size):
        (fp32_wall, fp32_cpu), (wall, cpu) = (best[n, calls].rates(len(sentences)) for n in ("fp32", "int8"))
        parts.append(f"calls of {calls}: {wall:.0f}/s vs {fp32_wall:.0f} ({wall / fp32_wall:.2f}x),"
                     f" {cpu:.0f} per CPU-second vs {fp32_cpu:.0f} ({cpu / fp32_cpu:.2f}x)")
    cosines = np.sum(fp32(sentences) * int8(sentences), 1)
    parts.append(f"cosine to fp32 min {cosines.min():.4f}, mean {cosines.mean():.4f}")
    return "onnx int8 vs fp32 in turns: " + "; ".join(parts)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--calls",
        type=int,
        nargs="*",
        default=[70, 16],
        help="also time the onnx route in calls of these sizes",
    )
    parser.add_argument("--int8", action="store_true", help="also time precision int8 against fp32, in turns")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from reader.core.embed import load_encoder
    from reader.core.embed.models import resolve_model_dir
    from reader.core.settings import DEFAULT_MODEL

    sentences = basil_sentences(args.sentences)
    fast = load_encoder(route="onnx", cache=False)
    tokens = np.array([len(e.ids) for e in fast.tokenizer.encode_batch(sentences)])
    config = json.loads((resolve_model_dir(DEFAULT_MODEL) / "config.json").read_text(encoding="utf-8"))
    flops = flops_per_sentence(config, tokens)
    core, machine = machine_peak(args.threads)
    bound = Bound(machine / flops, core / flops)
    print(f"{len(sentences)} BASIL sentences, {tokens.mean():.1f} tokens on average (max {tokens.max()})")
    print(
        f"FLOPs per sentence {flops / 1e6:.0f} M; peak FP32 {core / 1e9:.0f} GFLOP/s per core,"
        f" {machine / 1e9:.0f} on {args.threads};"
        f" bound {bound.all_cores:.0f} sentences/s ({bound.one_core:.0f} per core)"
    )
    onnx_timing, onnx_vectors = encode_timing(fast.encode, sentences)
    report("onnx (fp32)", onnx_timing, len(sentences), bound)
    print(call_rates(fast.encode, sentences, (len(sentences), *args.calls)))
    if args.int8:
        int8 = load_encoder(route="onnx", cache=False, precision="int8")
        int8.encode(sentences)  # warm-up
        print(int8_rates(fast.encode, int8.encode, sentences, args.calls[0] if args.calls else 70))
    import torch

    torch.set_num_threads(args.threads)
    model = load_encoder(route="torch", cache=False).model
    torch_timing, torch_vectors = encode_timing(lambda s: model.encode(s, batch_size=32), sentences)
    report("sentence-transformers", torch_timing, len(sentences), bound)
    print(f"min cosine onnx vs sentence-transformers: {np.min(np.sum(onnx_vectors * torch_vectors, 1)):.7f}")
    print(f"python {sys.version.split()[0]}, torch threads {torch.get_num_threads()}")


@dataclass(frozen=True)
class Bound:
    """Sentences per second that the FLOP peak allows on all cores (wall clock) and on one (CPU time)."""

    all_cores: float
    one_core: float


def report(route: str, timing: Timing, count: int, bound: Bound) -> None:
    """One result line: rates and their share of the bound, by wall clock and by CPU time."""
    wall, cpu = timing.rates(count)
    print(
        f"{route:22s} {wall:6.1f} sentences/s ({wall / bound.all_cores:4.0%} of bound);"
        f" {cpu:6.1f} per CPU-second ({cpu / bound.one_core:4.0%} of bound)"
    )


if __name__ == "__main__":
    main()
