"""Time to analyse BASIL triplets: cold new processes and a warm process, with and without the vector cache.

    .venv/bin/python bench/bench_triplet.py [--triplets 4]

Every child is ``python -m reader compare fox.txt nyt.txt hpo.txt --format json -q`` on a cache folder
(``FRAMING_READER_CACHE``) that starts empty; time is from spawning the process to its exit, memory is the
child's peak RSS. Per triplet:

* first   — the very first run (once): exports the model to ONNX (imports torch), then analyses;
* cold    — a new process once the export exists, ``--no-cache`` (every sentence embedded);
* cold+vc — a new process whose vector cache already holds the triplet (run once before);
* warm    — ``analyse`` again in one process whose encoder is loaded, no vector cache (nor diff cache);
* warm+vc — the same with the vector cache holding the triplet.

Times are printed as wall/CPU seconds: on a busy shared machine the CPU seconds stay comparable.
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


class WarmProcess:
    """This process with the encoder loaded once: times ``analyse`` without and with the vector cache."""

    def __init__(self, cache: Path) -> None:
        from reader.core.embed import load_encoder
        from reader.core.embed.cached import CachedEncoder
        from reader.core.settings import Settings
        from reader.core.vectorcache import VectorCache

        self.settings = Settings()
        self.plain = load_encoder(cache=False)
        self.cached = CachedEncoder(self.plain, VectorCache(cache / "warm-vectors.sqlite3"), "bench")

    def runs(self, files: list[Path]) -> tuple[Run, Run, int]:
        """Runs without and with a warm vector cache (after one untimed run), and sentences embedded."""
        from reader.core.ingest import read_path
        from reader.core.pipeline import analyse
        from reader.core.worddiff import word_diff

        documents = [read_path(path) for path in files]
        analysis = analyse(documents, self.settings, self.cached)
        runs = []
        for encoder in (self.plain, self.cached):
            word_diff.cache_clear()  # a new triplet's pairs were never diffed before
            cpu, started = time.process_time(), time.perf_counter()
            analyse(documents, self.settings, encoder)
            runs.append(Run(time.perf_counter() - started, time.process_time() - cpu))
        return runs[0], runs[1], sum(len(v) for v in analysis.vectors)


def main() -> None:
    """Measure every chosen triplet and print one table (wall/CPU seconds)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triplets", type=int, default=4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-triplet-"))
    cache = work / "cache"
    triplets = {event: write_triplet(event, work / event) for event in events(args.triplets)}
    first = run_child(next(iter(triplets.values())), cache)
    print(f"first run ever (ONNX export included): {first} s (wall/CPU), peak {first.mib:.0f} MiB")
    cold = {event: cold_runs(files, cache) for event, files in triplets.items()}
    warm = WarmProcess(cache)  # loaded only now: children forked from a big parent inherit its peak RSS
    rows = [
        f"{'event':9s} {'sent':>4s} {'cold':>10s} {'cold+vc':>10s} {'warm':>10s} {'warm+vc':>10s}"
        f" {'sent/s warm':>11s} {'MiB cold':>8s} {'MiB cold+vc':>11s}"
    ]
    for event, files in triplets.items():
        (plain, cached), (warm_plain, warm_cached, sentences) = cold[event], warm.runs(files)
        rows.append(
            f"{event[:8]:9s} {sentences:4d} "
            + " ".join(f"{run!s:>10s}" for run in (plain, cached, warm_plain, warm_cached))
            + f" {sentences / warm_plain.wall:11.0f} {plain.mib:8.0f} {cached.mib:11.0f}"
        )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
