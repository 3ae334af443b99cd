"""Claim-alignment gold from two independent annotation passes and the adjudicator's decisions.

For each event: a pair in both passes' ``links`` is a link; a pair in one pass's ``links`` only takes the
adjudicator's decision (``decisions.json``: ``link`` or ``unsure``, else none — every such pair must be
decided); a pair only ``unsure`` in a pass stays ``unsure`` unless decided a link. Prints the agreement
of the passes (F1 of pass 1's links against pass 2's) per event and overall, and writes
``<gold>/<event>.json`` (``titles: true``: the title ids FT/NT/HT were annotated too).

Usage: ``.venv/bin/python eval/adjudicate.py --passes eval/gold/passes --gold eval/gold``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from basil import prf

Pair = tuple[str, str]


class UndecidedError(ValueError):
    """A pair that only one pass links has no decision."""


def _pairs(rows: list[list[str]]) -> set[Pair]:
    return {(a, b) for a, b in rows}


def adjudicated(first: dict, second: dict, decision: dict) -> dict:
    """The gold of one event from its two passes and the decisions on their disagreements."""
    links = [_pairs(first["links"]), _pairs(second["links"])]
    decided_links, decided_unsure = _pairs(decision.get("link", [])), _pairs(decision.get("unsure", []))
    disputed = links[0] ^ links[1]
    undecided = disputed - decided_links - decided_unsure
    if undecided:
        raise UndecidedError(f"{first['event']}: no decision on {sorted(undecided)}")
    gold = (links[0] & links[1]) | decided_links
    unsure = (_pairs(first["unsure"]) | _pairs(second["unsure"]) | decided_unsure) - gold
    unsure -= disputed - decided_unsure  # a one-pass link decided as none
    return {"event": first["event"], "titles": True, "links": sorted(gold), "unsure": sorted(unsure)}


def agreement(first: dict, second: dict) -> list[int]:
    """(links in both passes, links of pass 1, links of pass 2)."""
    a, b = _pairs(first["links"]), _pairs(second["links"])
    return [len(a & b), len(a), len(b)]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the adjudicated gold and print the agreement between the passes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=Path, required=True, help="pass1/, pass2/, decisions.json")
    parser.add_argument("--gold", type=Path, required=True, help="where to write <event>.json")
    args = parser.parse_args(argv)
    decisions = json.loads((args.passes / "decisions.json").read_text("utf-8"))
    total = [0, 0, 0]
    for path in sorted((args.passes / "pass1").glob("*.json")):
        first = json.loads(path.read_text("utf-8"))
        second = json.loads((args.passes / "pass2" / path.name).read_text("utf-8"))
        gold = adjudicated(first, second, decisions.get(first["event"], {}))
        text = "{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in gold.items()) + "\n}\n"
        (args.gold / path.name).write_text(text, encoding="utf-8")
        counts = agreement(first, second)
        total = [x + y for x, y in zip(total, counts, strict=True)]
        both, one, two = counts
        print(f"{first['event']}: agreement f1={prf(counts)[2]:.3f} both={both} pass1={one} pass2={two} "
              f"gold={len(gold['links'])} unsure={len(gold['unsure'])}")
    p, r, f1 = prf(total)
    print(f"agreement: f1={f1:.3f} pass1_vs_pass2 p={p:.3f} r={r:.3f} both={total[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
