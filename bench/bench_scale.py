"""Time and peak memory of whole analyses as sources and sentences grow: finds the scale cliffs.

    .venv/bin/python bench/bench_scale.py [--cases 3x500,12x300] [--before DIR] [--timeout 600]

Each case writes S synthetic articles of N sentences (made here from small word lists: an event of
claims that every source tells in its own words, with swapped labels, attribution verbs, hedges and
numbers that disagree, plus sentences of its own) and runs ``python -m reader compare … --format json``
in a new process, on a vector cache that already holds the sentences (a first run fills it and is
reported as "cold"), so the "warm" time is reading, segmenting, aligning, word diffs, framing and the
JSON. "log" cases are table-like reports: near-identical sentences that differ in their numbers.

``--before DIR`` also runs every case with ``PYTHONPATH=DIR`` (a checkout of an older version), right
after the current code, and prints both in one table. A run over ``--timeout`` seconds is stopped and
shown as "stopped". The cache folder (``--cache``, default in the temporary folder) is kept between runs.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CASES = "3x500,3x1000,3x2000,12x300,log6x1000,2x10000,2x20000"



def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PEOPLE = _words(
    "Alvarez Brennan Chowdhury Dalton Eriksen Fontaine Garrido Haddad Ishikawa Jansen Kowalczyk Lindqvist "
    "Moreau Nakamura Okafor Petrov Quinlan Rossi Sandoval Tanaka Ueda Varga Whitfield Xu Yilmaz Zapata"
)
PLACES = _words(
    "Northport Riverton Eastvale Lakemont Westbury Harrow Milford Brookside Ashdale Kingsford Oakridge "
    "Pinecrest Redwater Stonebridge Thornbury Underhill Valemont Whitmore Yarrow Elmstead Fairhaven Glenrock"
)
THINGS = _words(
    "bridge budget clinic ferry harbour library mine plant railway school stadium tunnel warehouse "
    "council union court pipeline reservoir airport market factory hospital dam refinery prison campus "
    "museum depot shipyard barracks embassy archive observatory"
)
ACTS = _words(
    "closed inspected funded blocked approved rebuilt evacuated reopened sealed expanded sold audited "
    "privatised flooded raided surveyed picketed occupied demolished renamed"
)
GROUPS = (
    ("protesters", "rioters", "demonstrators"), ("militants", "gunmen", "fighters"),
    ("workers", "strikers", "employees"), ("soldiers", "troops", "forces"),
    ("residents", "locals", "villagers"),
)
ADJECTIVES = _words(
    "copper rusty frozen secret bitter narrow golden hollow crowded silent wooden broken distant hidden "
    "costly fragile muddy northern southern ancient temporary overdue unpaid disputed leaked forged "
    "stolen burned flooded private public foreign local rural urban coastal seasonal regional federal"
)
NOUNS = _words(
    "contract lorry tender permit ledger warrant cargo license mortgage subsidy quota pension tariff "
    "invoice petition lawsuit audit memo shipment loan grant fine bond lease deed treaty ballot "
    "census ration levy toll dividend bailout settlement verdict inquiry report survey strike"
)
SAYS = ("said", "claimed", "insisted", "stated", "admitted", "told reporters", "warned")
HEDGES = ("", "reportedly ", "allegedly ", "apparently ")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
TEMPLATES = (
    "{who} {says} that {count} {group} had {hedge}{act} the {thing} in {place} on {day}.",
    "On {day}, {count} {group} {hedge}{act} the {thing} of {place}, according to {who}.",
    "The {thing} in {place} was {hedge}{act} by {count} {group}, {who} {says}.",
    "Officials in {place} {says} the {thing} had been {act} after {count} {group} arrived on {day}.",
    "{who}, who oversees the {thing} in {place}, {says} {count} {group} were involved.",
    "Some {count} {group} gathered outside the {thing} as {who} {says} it would be {act}.",
    "In {place}, the {thing} stayed {act} for a {day} while {count} {group} waited.",
    "A spokesman for {who} {says} that nobody from the {thing} in {place} had {act} anything.",
)
DETAILS = (  # what the claim is about, so that two claims rarely share more than their pattern
    "; the dispute concerned a {detail} and a {detail2}.",
    ", at issue being a {detail} and the {detail2}.",
    ", after a {detail} and a {detail2}.",
)
@dataclass(frozen=True)
class Case:
    """``sources`` articles of ``sentences`` sentences each; ``log`` for table-like reports."""

    sources: int
    sentences: int
    log: bool = False

    @classmethod
    def parse(cls, text: str) -> Case:
        log = text.startswith("log")
        sources, sentences = text.removeprefix("log").split("x")
        return cls(int(sources), int(sentences), log)

    def __str__(self) -> str:
        return f"{'log ' if self.log else ''}{self.sources} × {self.sentences:,}"


def claim(rng: random.Random) -> dict[str, object]:
    """One claim: its sentence pattern, who, what, where, how many, when."""
    return {
        "template": rng.choice(TEMPLATES),
        "who": rng.choice(PEOPLE),
        "thing": rng.choice(THINGS),
        "act": rng.choice(ACTS),
        "place": rng.choice(PLACES),
        "count": rng.randint(2, 900),
        "group": rng.randrange(len(GROUPS)),
        "day": rng.choice(DAYS),
        "detail": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        "detail2": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        "more": rng.choice(DETAILS),
    }


def told(fact: dict[str, object], rng: random.Random) -> str:
    """A source's sentence for a claim: its own word for the group, verb, hedge and maybe another number."""
    count = int(fact["count"])  # type: ignore[call-overload]
    if rng.random() < 0.2:
        count += rng.randint(1, max(2, count // 5))
    group = rng.choice(GROUPS[int(fact["group"])])  # type: ignore[call-overload]
    slots = {**fact, "count": count, "group": group, "says": rng.choice(SAYS), "hedge": rng.choice(HEDGES)}
    sentence = str(fact["template"]).format(**slots)[:-1] + str(fact["more"]).format(**slots)
    return sentence[0].upper() + sentence[1:]


def log_line(k: int, rng: random.Random) -> str:
    """A line of a table-like report: the same words, other numbers."""
    return (
        f"Station {k % 40 + 1} in {PLACES[k % len(PLACES)]} recorded {rng.randint(10, 99)} readings, "
        f"{rng.randint(1, 9)} alarms and {rng.randint(100, 999)} litres by {rng.randint(1, 12)} pm."
    )


def articles(case: Case, seed: int = 1) -> list[str]:
    """The case's articles, paragraphs of three sentences."""
    rng = random.Random(seed)
    facts = [claim(rng) for _ in range(case.sentences)]
    texts = []
    for source in range(case.sources):
        source_rng = random.Random(seed * 1000 + source)
        if case.log:
            lines = [log_line(k, source_rng) for k in range(case.sentences)]
        else:
            lines = [told(f if source_rng.random() < 0.7 else claim(source_rng), source_rng) for f in facts]
        paragraphs = [" ".join(lines[k : k + 3]) for k in range(0, len(lines), 3)]
        texts.append(f"Report {source + 1} on the events in {PLACES[source % len(PLACES)]}\n\n"
                     + "\n\n".join(paragraphs) + "\n")
    return texts


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, peak RSS in MiB, or None when stopped at the timeout."""

    seconds: float | None
    peak_mib: float

    def __str__(self) -> str:
        time = f"{self.seconds:7.1f} s" if self.seconds is not None else "  stopped"
        return f"{time} {self.peak_mib:7.0f} MiB"


def run(files: list[Path], env: dict[str, str], timeout: float) -> Run:
    """``python -m reader compare FILES`` in a new process, started in the files' folder (so that
    ``-m reader`` finds the package by ``PYTHONPATH`` or the installed one, not the checkout it sits in)."""
    command = [sys.executable, "-m", "reader", "compare", *map(str, files), "--format", "json", "-q"]
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, cwd=files[0].parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = start + timeout
    while (waited := os.wait4(child.pid, os.WNOHANG))[0] == 0:
        if time.perf_counter() > deadline:
            child.kill()
            _, _, usage = os.wait4(child.pid, 0)
            return Run(None, usage.ru_maxrss / 1024)
        time.sleep(0.05)
    _, status, usage = waited
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"compare failed ({child.returncode}): {child.stderr.read().decode()[-2000:]}")
    return Run(time.perf_counter() - start, usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=DEFAULT_CASES, help=f"comma-separated (default {DEFAULT_CASES})")
    parser.add_argument("--before", help="also run each case with PYTHONPATH=DIR (an older checkout)")
    parser.add_argument("--after", help="run the current code from DIR (a snapshot), not this checkout")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "framing-reader-bench-cache"))
    args = parser.parse_args()
    env = {**os.environ, "FRAMING_READER_CACHE": args.cache}
    env.pop("PYTHONPATH", None)
    if args.after:
        env["PYTHONPATH"] = args.after
    columns = ["case", "cold (fills cache)", "warm"] + (["warm before"] if args.before else [])
    print(" | ".join(columns), flush=True)
    for case in map(Case.parse, args.cases.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            files = []
            for k, text in enumerate(articles(case)):
                files.append(Path(folder) / f"source-{k + 1}.txt")
                files[-1].write_text(text, encoding="utf-8")
            row = [str(case), str(run(files, env, args.timeout)), str(run(files, env, args.timeout))]
            if args.before:
                row.append(str(run(files, {**env, "PYTHONPATH": args.before}, args.timeout)))
        print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
