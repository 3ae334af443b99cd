"""Batch mode: ``framing-reader batch EVENTS_DIR -o OUT_DIR`` analyses every event folder on Dask.

Each sub-folder of EVENTS_DIR is one event and its files are the sources, each named after its outlet
(the file name without extension is the label, so ``fox.txt`` in every folder is one outlet). The
events run as Dask tasks, on a local cluster of ``--workers`` processes or on the cluster whose
scheduler ``--scheduler`` names (its workers must see EVENTS_DIR at the same path); each worker
process loads the model once. This process writes everything into OUT_DIR:

* ``events/<event>.json``: the full analysis (the JSON of ``compare --format json``);
* ``events.jsonl``: one ``EventSummary`` per line, written after the event's JSON, so a killed run
  loses at most the events in flight and a second run skips every event the journal lists;
* ``outlets.csv`` and ``outlets.html``: the pooled figures per outlet (``reader.core.corpus``).

A file that cannot be read is skipped and named in its event's line; an event left with fewer than
two sources, or whose analysis fails, gets a ``failed`` line and the batch goes on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import resource
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli import EXIT_BAD_INPUT, parse_with_settings
from reader.core.corpus import OutletFacts
from reader.core.settings import Settings, add_arguments

if TYPE_CHECKING:
    from distributed import Client, Future

    from reader.core.embed import Encoder
    from reader.core.model import Analysis, Document

JOURNAL = "events.jsonl"
EVENTS = "events"
OK, FAILED = "ok", "failed"


@dataclass(frozen=True)
class EventSummary:
    """One line of ``events.jsonl``: how one event went and the facts the outlet figures pool."""

    event: str
    status: str  # OK or FAILED
    sources: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # "<file>: <reason>" for each source that could not be read
    error: str = ""
    sentences: int = 0
    claims: int = 0
    links: int = 0
    marks: int = 0
    seconds: float = 0.0
    worker: int = 0  # process id of the worker that analysed it
    peak_mib: float = 0.0  # that worker's peak resident memory when it finished the event
    outlets: tuple[OutletFacts, ...] = field(default=())

    def to_json(self) -> str:
        """The summary as one JSON line (without the newline)."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> EventSummary:
        """A summary read back from its line."""
        data = json.loads(line)
        outlets = tuple(OutletFacts.from_dict(o) for o in data.pop("outlets", ()))
        tuples = {key: tuple(data.pop(key, ())) for key in ("sources", "skipped")}
        return cls(**data, **tuples, outlets=outlets)


@dataclass(frozen=True)
class EventResult:
    """What a worker sends back: the summary and, when the event succeeded, its analysis as JSON."""

    summary: EventSummary
    analysis_json: str = ""


def find_events(events_dir: Path) -> list[Path]:
    """The event folders of ``events_dir`` (not hidden), sorted by name."""
    return sorted(p for p in events_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def source_files(event: Path) -> list[Path]:
    """The source files of one event folder (not hidden), sorted by name."""
    return sorted(p for p in event.iterdir() if p.is_file() and not p.name.startswith("."))


@lru_cache(maxsize=2)
def worker_encoder(settings: Settings) -> Encoder:
    """The encoder of this process, loaded on its first event and kept for the others."""
    from reader.core.embed import settings_encoder

    return settings_encoder(settings)


def analyse_event(folder: Path, settings: Settings) -> EventResult:
    """Read, analyse and summarise one event (runs on a Dask worker); never raises."""
    started = time.perf_counter()
    documents, skipped = _read_sources(folder)
    base = EventSummary(folder.name, FAILED, tuple(d.label for d in documents), skipped)
    if len(documents) < 2:
        return EventResult(_finished(base, started, error=f"need two readable sources, got {len(documents)}"))
    try:
        analysis = _analyse(documents, settings)
    except Exception as error:  # one broken event must not end the batch: it is reported instead
        return EventResult(_finished(base, started, error=f"{type(error).__name__}: {error}"))
    from reader.core.export import render

    return EventResult(_finished(_counted(base, analysis), started), render(analysis, "json"))


def _read_sources(folder: Path) -> tuple[list[Document], tuple[str, ...]]:
    from reader.core.ingest import IngestError, read_path

    documents, skipped = [], []
    for path in source_files(folder):
        try:
            documents.append(read_path(path, label=path.stem))
        except IngestError as error:
            skipped.append(str(error))
    return documents, tuple(skipped)


def _analyse(documents: list[Document], settings: Settings) -> Analysis:
    from reader.core.pipeline import analyse

    return analyse(documents, settings, worker_encoder(settings))


def _counted(base: EventSummary, analysis: Analysis) -> EventSummary:
    """``base`` marked OK, with the analysis' counts and outlet facts."""
    from dataclasses import replace

    from reader.core.corpus import outlet_facts

    return replace(
        base,
        status=OK,
        sentences=sum(len(d.body_indices()) for d in analysis.documents),
        claims=len(analysis.alignment.groups),
        links=len(analysis.alignment.links),
        marks=len(analysis.framing.marks) if analysis.framing else 0,
        outlets=outlet_facts(analysis),
    )


def _finished(summary: EventSummary, started: float, error: str = "") -> EventSummary:
    """``summary`` with its time, error, and this worker's id and peak memory."""
    from dataclasses import replace

    return replace(
        summary,
        error=error,
        seconds=round(time.perf_counter() - started, 3),
        worker=os.getpid(),
        peak_mib=round(peak_memory_kib() / 1024, 1),
    )


def peak_memory_kib() -> int:
    """This process' peak resident memory: Linux's VmHWM (``ru_maxrss`` would count the parent's
    before exec, which a spawned Dask worker inherits), elsewhere ``ru_maxrss``."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Journal:
    """``OUT_DIR/events.jsonl``: the summaries written so far, appended one complete line at a time."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL
        self.summaries: dict[str, EventSummary] = {}
        if self.path.is_file():
            self._read()

    def _read(self) -> None:
        """Load the complete lines; cut off a line that a killed run left half written."""
        data = self.path.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) != len(data):
            with self.path.open("r+b") as file:
                file.truncate(len(complete))
        for line in complete.decode("utf-8").splitlines():
            summary = EventSummary.from_json(line)
            self.summaries[summary.event] = summary

    def append(self, summary: EventSummary) -> None:
        """Record ``summary`` (after its event's JSON is in place)."""
        with self.path.open("a", encoding="utf-8") as file:
            file.write(summary.to_json() + "\n")
        self.summaries[summary.event] = summary


def write_event(out_dir: Path, result: EventResult) -> None:
    """The event's analysis JSON (if it has one), renamed into place once complete."""
    if result.analysis_json:
        target = out_dir / EVENTS / f"{result.summary.event}.json"
        partial = target.with_suffix(".json.partial")
        partial.write_text(result.analysis_json, encoding="utf-8")
        partial.replace(target)


def run_batch(
    events: Sequence[Path], out_dir: Path, settings: Settings, client: Client, quiet: bool = False
) -> Journal:
    """Analyse every event the journal in ``out_dir`` does not list yet; returns the journal."""
    (out_dir / EVENTS).mkdir(parents=True, exist_ok=True)
    journal = Journal(out_dir)
    todo = [e for e in events if e.name not in journal.summaries]
    with _progress_bar(len(events), len(events) - len(todo), quiet) as bar:
        for result in _results(client, todo, settings):
            write_event(out_dir, result)
            journal.append(result.summary)
            _report_problems(result.summary, bar)
            bar.update(1)
    return journal


def _results(client: Client, todo: Sequence[Path], settings: Settings) -> Iterator[EventResult]:
    """Each event's result as soon as it is done; a task that died (its worker killed) is a failure."""
    from distributed import as_completed

    futures = {client.submit(analyse_event, folder, settings, pure=False): folder for folder in todo}
    for future in as_completed(futures):
        yield _result(future, futures[future])
        future.release()


def _result(future: Future, folder: Path) -> EventResult:
    if future.status == "finished":
        return future.result()
    error = future.exception()
    return EventResult(EventSummary(folder.name, FAILED, error=f"{type(error).__name__}: {error}"))


def _progress_bar(total: int, done: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, initial=done, unit="event", desc="events", disable=quiet, file=sys.stderr)


def _report_problems(summary: EventSummary, bar) -> None:
    """One stderr line per skipped file and per failed event, printed above the progress bar."""
    for skipped in summary.skipped:
        bar.write(f"framing-reader: {summary.event}: skipped {skipped}", file=sys.stderr)
    if summary.status == FAILED:
        bar.write(f"framing-reader: {summary.event}: failed: {summary.error}", file=sys.stderr)


def write_outlets(out_dir: Path, summaries: Iterable[EventSummary]) -> None:
    """``outlets.csv`` and ``outlets.html`` from the journal's successful events."""
    from reader.core.corpus import outlet_table
    from reader.core.export.outlets import render_outlets_csv, render_outlets_html

    summaries = list(summaries)
    done = [s.outlets for s in summaries if s.status == OK]
    rows = outlet_table(done)
    failed = len(summaries) - len(done)
    title = f"Framing Reader — outlets over {len(done)} events"
    (out_dir / "outlets.csv").write_text(render_outlets_csv(rows), encoding="utf-8")
    page = render_outlets_html(rows, len(done), failed, title)
    (out_dir / "outlets.html").write_text(page, encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    """The ``batch`` command line."""
    parser = argparse.ArgumentParser(
        prog="framing-reader batch",
        description="Analyse every event folder of EVENTS_DIR (its files are the sources) on Dask.",
    )
    parser.add_argument("events_dir", type=Path, help="a folder of event folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output folder (resumed if present)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="local worker processes")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler instead of a local cluster")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_arguments(parser)
    return parser


@contextmanager
def connect(workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, else of a new local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    options = {"threads_per_worker": 1, "dashboard_address": None, "silence_logs": logging.ERROR}
    # The scheduler's HTTP endpoint takes another port when 8787 is taken (another cluster); no need to say.
    warnings.filterwarnings("ignore", message="Port 8787 is already in use", category=UserWarning)
    with LocalCluster(n_workers=workers, processes=True, **options) as cluster, Client(cluster) as client:
        yield client


def main(argv: Sequence[str]) -> int:
    """Run ``batch``; the exit code is 2 when any file was skipped or any event failed."""
    parser = build_parser()
    args, settings = parse_with_settings(parser, argv)
    missing = [name for name in ("distributed", "tqdm") if importlib.util.find_spec(name) is None]
    if missing:  # the bundled app leaves Dask out
        needs = ", ".join(missing)
        print(f"framing-reader batch: needs {needs}; install Framing Reader with pip", file=sys.stderr)
        return 1
    if not args.events_dir.is_dir():
        parser.error(f"{args.events_dir}: not a folder")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    events = find_events(args.events_dir)
    worker_encoder(settings)  # export the model once here rather than in every worker
    with connect(args.workers, args.scheduler) as client:
        journal = run_batch(events, args.output, settings, client, quiet=args.quiet)
    write_outlets(args.output, journal.summaries.values())
    problems = [s for s in journal.summaries.values() if s.status == FAILED or s.skipped]
    return EXIT_BAD_INPUT if problems else 0
