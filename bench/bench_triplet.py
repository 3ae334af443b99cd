"""Time to analyse BASIL triplets: cold new processes and a warm process, with and without the vector cache.

    .venv/bin/python bench/bench_triplet.py [--triplets 4]

Every child is ``python -m reader compare fox.txt nyt.txt hpo.txt --format json -q`` on a cache folder
(``FRAMING_READER_CACHE``) that starts empty; time is from spawning the process to its exit, memory is the
child's peak RSS. Per triplet:

* first   — the very first run (once): exports the model to ONNX (imports torch), then analyses;
* cold    — a new process once the export exists, ``--no-cache`` (every sentence embedded);
* cold+vc — a new process whose vector cache already holds the triplet (run once before);
* warm    — ``analyse`` again in one process whose encoder is loaded, no vector cache;
* warm+vc — the same with the vector cache holding the triplet.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
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


def run_child(files: list[Path], cache: Path, *flags: str) -> tuple[float, float]:
    """Seconds from spawn to exit and peak RSS (MiB) of one ``compare`` process."""
    command = [sys.executable, "-m", "reader", "compare", *map(str, files), "--format", "json", "-q", *flags]
    environment = os.environ | {"FRAMING_READER_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=environment)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(command)} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


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

    def times(self, files: list[Path]) -> tuple[float, float, int]:
        """Seconds without and with a warm vector cache (after one untimed run), and sentences embedded."""
        from reader.core.ingest import read_path
        from reader.core.pipeline import analyse

        documents = [read_path(path) for path in files]
        analysis = analyse(documents, self.settings, self.cached)
        seconds = []
        for encoder in (self.plain, self.cached):
            started = time.perf_counter()
            analyse(documents, self.settings, encoder)
            seconds.append(time.perf_counter() - started)
        return seconds[0], seconds[1], sum(len(v) for v in analysis.vectors)


def main() -> None:
    """Measure every chosen triplet and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triplets", type=int, default=4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-triplet-"))
    cache = work / "cache"
    triplets = {event: write_triplet(event, work / event) for event in events(args.triplets)}
    first, first_mib = run_child(next(iter(triplets.values())), cache)
    print(f"first run ever (ONNX export included): {first:.2f} s, peak {first_mib:.0f} MiB")
    os.environ["FRAMING_READER_CACHE"] = str(cache)
    warm = WarmProcess(cache)
    rows = [
        f"{'event':10s} {'sent':>5s} {'cold':>6s} {'cold+vc':>8s} {'warm':>6s} {'warm+vc':>8s}"
        f" {'sent/s warm':>11s} {'MiB cold':>8s} {'MiB cold+vc':>11s}"
    ]
    for event, files in triplets.items():
        cold, cold_mib = run_child(files, cache, "--no-cache")
        run_child(files, cache)
        cold_cached, cold_cached_mib = run_child(files, cache)
        warm_plain, warm_cached, sentences = warm.times(files)
        rows.append(
            f"{event[:8]:10s} {sentences:5d} {cold:6.2f} {cold_cached:8.2f} {warm_plain:6.3f}"
            f" {warm_cached:8.3f} {sentences / warm_plain:11.0f} {cold_mib:8.0f} {cold_cached_mib:11.0f}"
        )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
