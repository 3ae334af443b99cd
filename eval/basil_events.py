"""Lay BASIL out as batch input: one folder per event, one plain-text file per outlet.

    .venv/bin/python eval/basil_events.py --data ../shared/eval/basil --out /tmp/basil-events

writes ``OUT/<year>-<event uuid>/{Fox,NYT,HuffPost}.txt`` (title, blank line, paragraphs), the layout
``framing-reader batch`` reads; ``--years`` keeps some years only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from basil import SOURCES, article_text, load_events


def lay_out(data: Path, out: Path, years: Sequence[str] | None) -> int:
    """Write every complete BASIL triplet of ``years`` (all when None) under ``out``; the event count."""
    events = load_events(data, years)
    for event, articles in events:
        folder = out / event.replace("/", "-")
        folder.mkdir(parents=True, exist_ok=True)
        for article in articles:
            (folder / f"{SOURCES[article.source]}.txt").write_text(article_text(article), encoding="utf-8")
    return len(events)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/basil"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--years", nargs="*", help="e.g. 2010 2011 (default: all)")
    args = parser.parse_args(argv)
    count = lay_out(args.data, args.out, args.years)
    print(f"basil_events: {count} events in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
