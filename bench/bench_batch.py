"""Batch throughput on BASIL: events per minute with 1 and 2 Dask workers, measured in one run.

    .venv/bin/python eval/basil_events.py --out /tmp/basil-events
    .venv/bin/python bench/bench_batch.py --events /tmp/basil-events [--rounds 1]

Each round runs ``framing-reader batch EVENTS -o <fresh folder> --workers N --no-cache -q`` for N = 1
and then N = 2 (the order alternates between rounds, so a slow phase of the host hits both), each in a
new process on a local cluster, with the model export already in place. Printed per run: wall time from
spawning the command to its exit (cluster start-up included), events per minute, the median seconds
per event on a worker, and each worker's peak resident memory (VmHWM, from ``events.jsonl``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from reader.batch import JOURNAL, EventSummary


def run(events: Path, workers: int) -> str:
    """One batch run in a new process; its figures as one line."""
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
        command = [sys.executable, "-m", "reader", "batch", str(events), "-o", out]
        command += ["--workers", str(workers), "--no-cache", "-q"]
        started = time.perf_counter()
        subprocess.run(command, check=False)
        wall = time.perf_counter() - started
        lines = [EventSummary.from_json(line) for line in (Path(out) / JOURNAL).read_text().splitlines()]
    peaks: dict[int, float] = defaultdict(float)
    for line in lines:
        peaks[line.worker] = max(peaks[line.worker], line.peak_mib)
    done = sum(line.status == "ok" for line in lines)
    median = statistics.median(line.seconds for line in lines)
    memory = ", ".join(f"{peak:.0f}" for peak in sorted(peaks.values()))
    return (
        f"workers={workers} events={done} wall={wall:.1f}s events/min={60 * done / wall:.1f} "
        f"median_event={median:.2f}s peak_mib_per_worker=[{memory}]"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, required=True, help="folder laid out by eval/basil_events.py")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for round_ in range(args.rounds):
        for workers in (1, 2) if round_ % 2 == 0 else (2, 1):
            print(f"batch: {run(args.events, workers)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
