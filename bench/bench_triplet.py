"""Time to analyse BASIL triplets: cold new processes and a warm process, with and without the vector cache.

    .venv/bin/python bench/bench_triplet.py [--triplets 4] [--repeats 3] [--warm-only]

Every child is ``python -m reader compare fox.txt nyt.txt hpo.txt --format json -q`` on a cache folder
(``FRAMING_READER_CACHE``) that starts empty; time is from spawning the process to its exit, memory is the
child's peak RSS. Per triplet:

* first   — the very first run (once): exports the model to ONNX (imports torch), then analyses;
* cold    — a new process once the export exists, ``--no-cache`` (every sentence embedded);
* cold+vc — a new process whose vector cache already holds the triplet (run once before);
* warm    — ``analyse`` again in one process whose encoder is loaded, no vector cache (nor diff cache),
  the fastest of ``--repeats`` runs (wall/CPU seconds), split into its stages (wall seconds): segment,
  embed, analysis (align, contested links, word diffs, framing); the JSON export is timed apart. Its
  embedding rate is set against one ``encode`` call of 500 BASIL sentences made between the triplets
  in the same process;
* warm+vc — the same with the vector cache holding the triplet.

Times are printed as wall/CPU seconds: on a busy shared machine the CPU
seconds stay comparable.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASIL = REPO.parent / "shared" / "eval" / "basil"
sys.path.insert(0, str(REPO / "tests"))

from basil_files import basil_reports, write_report  # noqa: E402
from bench_embed import basil_sentences  # noqa: E402

from reader.core.settings import PRECISIONS  # noqa: E402


def events(count: int) -> list[str]:
    """One event per year (2010 first), ``count`` in all, each reported by all three outlets."""
    years = sorted(p for p in (BASIL / "articles").iterdir() if p.is_dir())
    chosen = []
    for year in years:
        uuids = sorted({p.name.rsplit("_", 1)[0] for p in year.glob("*.json")})
        chosen.extend(u for u in uuids[:1] if len(list(year.glob(f"{u}_*.json"))) == 3)
    return chosen[:count]


def write_triplet(event: str, folder: Path) -> list[Path]:
    """The event's three reports as text files in ``folder``."""
    folder.mkdir(parents=True)
    return [write_report(report, folder) for report in basil_reports(BASIL, event)]


@dataclass(frozen=True)
class Run:
    """Wall-clock seconds, CPU seconds and peak memory (MiB) of one measured run."""

    wall: float
    cpu: float
    mib: float = 0.0

    def __str__(self) -> str:
        return f"{self.wall:5.2f}/{self.cpu:4.2f}"


def run_child(files: list[Path], cache: Path, *flags: str) -> Run:
    """One ``compare`` process, from spawn to exit (spawned from a still-small parent, see ``main``)."""
    command = [sys.executable, "-m", "reader", "compare", *map(str, files), "--format", "json", "-q", *flags]
    environment = os.environ | {"FRAMING_READER_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=environment)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(command)} failed with status {status}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def cold_runs(files: list[Path], cache: Path) -> tuple[Run, Run]:
    """A new process without the vector cache, and one whose vector cache holds the triplet."""
    cold = run_child(files, cache, "--no-cache")
    run_child(files, cache)
    return cold, run_child(files, cache)


@dataclass(frozen=True)
class WarmRun:
    """One warm ``analyse`` without the vector cache: wall seconds of its stages, its CPU seconds, and the
    JSON export's wall seconds."""

    segment: float
    embed: float
    analysis: float  # align, contested links, word diffs, framing
    cpu: float
    export: float

    @property
    def total(self) -> float:
        """Segment, embed and analysis: the ``analyse`` call (the export is apart)."""
        return self.segment + self.embed + self.analysis


class WarmProcess:
    """This process with the encoder loaded once: times ``analyse`` without and with the vector cache."""

    def __init__(self, cache: Path, precision: str = "fp32") -> None:
        from reader.core.embed import load_encoder
        from reader.core.embed.cached import CachedEncoder
        from reader.core.settings import Settings
        from reader.core.vectorcache import VectorCache

        self.settings = Settings()
        self.plain = load_encoder(cache=False, precision=precision)
        self.cached = CachedEncoder(self.plain, VectorCache(cache / "warm-vectors.sqlite3"), "bench")

    def runs(self, files: list[Path], repeats: int) -> tuple[WarmRun, Run, int]:
        """The fastest of ``repeats`` runs without the vector cache, one with a warm vector cache (after
        an untimed run), and the sentences embedded."""
        from reader.core.ingest import read_path
        from reader.core.pipeline import analyse

        documents = [read_path(path) for path in files]
        analysis = analyse(documents, self.settings, self.cached)
        plain = min((self.staged(documents) for _ in range(repeats)), key=lambda run: run.total)
        cpu, started = time.process_time(), time.perf_counter()
        analyse(documents, self.settings, self.cached)
        cached = Run(time.perf_counter() - started, time.process_time() - cpu)
        return plain, cached, sum(len(v) for v in analysis.vectors)

    def staged(self, documents: list) -> WarmRun:
        """``analyse`` on the plain encoder, timed stage by stage, then the JSON export."""
        from reader.core.export.jsonout import render_json
        from reader.core.pipeline import run_steps
        from reader.core.worddiff import word_diff

        word_diff.cache_clear()  # a new triplet's pairs were never diffed before
        steps = run_steps(documents, self.settings, self.plain)
        cpu, ends = time.process_time(), {"start": time.perf_counter()}
        try:
            while True:
                ends.setdefault(next(steps).stage, time.perf_counter())
        except StopIteration as stop:
            finished, analysis = time.perf_counter(), stop.value
        cpu = time.process_time() - cpu
        render_json(analysis)
        return WarmRun(
            ends["embed"] - ends["start"],
            ends["align"] - ends["embed"],
            finished - ends["align"],
            cpu,
            time.perf_counter() - finished,
        )

    def batch_rate(self, sentences: list[str]) -> float:
        """Sentences per second of one ``encode`` call on all of ``sentences``."""
        started = time.perf_counter()
        self.plain.encode(sentences)
        return len(sentences) / (time.perf_counter() - started)


def warm_table(warm: WarmProcess, triplets: dict[str, list[Path]], repeats: int) -> list[str]:
    """Per triplet the warm stages (best of ``repeats``) and the embedding rate against one large call's
    (500 BASIL sentences, best of the calls made between the triplets, in this process)."""
    large = basil_sentences(500)
    warm.batch_rate(large)
    rates, rows = [], []
    for event, files in triplets.items():
        rates.append(warm.batch_rate(large))
        run, cached, sentences = warm.runs(files, repeats)
        rows.append((event, sentences, run, cached))
    large_rate = max(rates)
    lines = [
        f"warm, no vector cache (best of {repeats}); one call of 500 sentences: {large_rate:.0f} sentences/s",
        f"{'event':9s} {'sent':>4s} {'warm':>10s} {'segment':>7s} {'embed':>5s} {'analysis':>8s}"
        f" {'export':>6s} {'embed sent/s':>12s} {'of 500':>6s} {'warm+vc':>10s}",
    ]
    for event, sentences, run, cached in rows:
        rate = sentences / run.embed
        lines.append(
            f"{event[:8]:9s} {sentences:4d} {run.total:5.2f}/{run.cpu:4.2f} {run.segment:7.3f}"
            f" {run.embed:5.2f} {run.analysis:8.2f} {run.export:6.3f} {rate:12.0f}"
            f" {rate / large_rate:6.0%} {cached!s:>10s}"
        )
    return lines


def main() -> None:
    """Measure every chosen triplet and print the tables (wall/CPU seconds)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triplets", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3, help="warm runs per triplet, the fastest counts")
    parser.add_argument("--warm-only", action="store_true", help="no new processes (no first, cold columns)")
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32", help="the warm runs' precision")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-triplet-"))
    cache = work / "cache"
    triplets = {event: write_triplet(event, work / event) for event in events(args.triplets)}
    if not args.warm_only:
        first = run_child(next(iter(triplets.values())), cache)
        print(f"first run ever (ONNX export included): {first} s (wall/CPU), peak {first.mib:.0f} MiB")
        print("\n".join(cold_table(triplets, cache)))
    # loaded only now: children forked from a big parent inherit its peak RSS
    warm = WarmProcess(cache, args.precision)
    print("\n".join(warm_table(warm, triplets, args.repeats)))


def cold_table(triplets: dict[str, list[Path]], cache: Path) -> list[str]:
    """New processes per triplet: without and with the vector cache (wall/CPU seconds, peak MiB)."""
    lines = [f"{'event':9s} {'cold':>10s} {'cold+vc':>10s} {'MiB cold':>8s} {'MiB cold+vc':>11s}"]
    for event, files in triplets.items():
        plain, cached = cold_runs(files, cache)
        lines.append(f"{event[:8]:9s} {plain!s:>10s} {cached!s:>10s} {plain.mib:8.0f} {cached.mib:11.0f}")
    return lines


if __name__ == "__main__":
    main()
