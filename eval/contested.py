"""Contested links against hand-made gold: precision and recall per case and overall.

The gold (``tests/data/contested/gold.json``) names each pair of sentences by (source label, a phrase of
the sentence). Cases: the corpus report split into voices (``jpost-voices``), and short multi-outlet
cases written by the team (``tests/data/contested/<case>/<Outlet>.txt``, the file name is the label).
A predicted contested link counts as right when it matches a gold ``links`` pair, neither way when it
matches an ``unsure`` one, and wrong otherwise.

Usage: ``.venv/bin/python eval/contested.py [--verbose]``. The last line is
``contested: p=… r=… f1=… predicted=… gold=…``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from basil import prf

from reader.core.embed import load_encoder
from reader.core.framing.voices import voices_as_documents
from reader.core.ingest import read_path
from reader.core.model import Analysis, Document, LinkKind, SentenceRef
from reader.core.pipeline import analyse
from reader.core.segment import segment
from reader.core.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "data" / "contested"
JPOST = REPO.parent / "shared" / "corpus" / "jpost-russia-hamas-visit-2023-10-27.txt"
Side = tuple[str, str]  # (source label, sentence text or phrase)


def case_documents(case: str) -> list[Document]:
    """The documents of one gold case, as a user would load them."""
    if case == "jpost-voices":
        return voices_as_documents(segment(read_path(JPOST)))
    paths = sorted((CASES / case).glob("*.txt"))
    return [read_path(path, label=path.stem) for path in paths]


def contested_sides(analysis: Analysis) -> list[tuple[Side, Side]]:
    """Every contested link as two (label, sentence) sides."""
    def side(ref: SentenceRef) -> Side:
        return analysis.documents[ref.doc].document.label, analysis.sentence(ref).text

    links = analysis.alignment.links
    return [(side(link.a), side(link.b)) for link in links if link.kind is LinkKind.CONTESTED]


def matches(found: tuple[Side, Side], gold: Sequence[Sequence[str]]) -> bool:
    """True when a found pair is the gold pair (either order): same labels, phrases inside the sentences."""
    (first, second) = gold

    def fits(side: Side, want: Sequence[str]) -> bool:
        return side[0] == want[0] and want[1] in side[1]

    one, other = found
    return (fits(one, first) and fits(other, second)) or (fits(one, second) and fits(other, first))


def score_case(found: list[tuple[Side, Side]], case: dict, verbose: bool) -> list[int]:
    """(right, predicted counted, gold found, gold) for one case."""
    right = counted = 0
    for pair in found:
        if any(matches(pair, g) for g in case["links"]):
            right += 1
            counted += 1
        elif not any(matches(pair, g) for g in case["unsure"]):
            counted += 1
            if verbose:
                print(f"  wrong: {pair[0][0]}: {pair[0][1][:70]} | {pair[1][0]}: {pair[1][1][:70]}")
    missed = [g for g in case["links"] if not any(matches(pair, g) for pair in found)]
    if verbose:
        for g in missed:
            print(f"  missed: {g[0][0]}: {g[0][1]} | {g[1][0]}: {g[1][1]}")
    return [right, counted, len(case["links"]) - len(missed), len(case["links"])]


def main(argv: Sequence[str] | None = None) -> int:
    """Score every case and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=CASES / "gold.json")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    encoder = load_encoder()
    totals = [0, 0, 0, 0]
    for case in json.loads(args.gold.read_text(encoding="utf-8"))["cases"]:
        analysis = analyse(case_documents(case["case"]), Settings(), encoder)
        counts = score_case(contested_sides(analysis), case, args.verbose)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        p, _, _ = prf([counts[0], counts[1], counts[3]])
        r = counts[2] / counts[3]
        print(f"{case['case']}: p={p:.3f} r={r:.3f} predicted={counts[1]} gold={counts[3]}")
    p, _, _ = prf([totals[0], totals[1], totals[3]])
    r = totals[2] / totals[3] if totals[3] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"contested: p={p:.3f} r={r:.3f} f1={f1:.3f} predicted={totals[1]} gold={totals[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
