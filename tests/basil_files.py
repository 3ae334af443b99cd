"""Write BASIL reports as the plain-text files a user would save (title, blank line, paragraphs)."""

from __future__ import annotations

import json
from pathlib import Path

OUTLET_NAMES = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def basil_reports(basil: Path, event: str) -> list[dict]:
    """The three BASIL articles of an event, ordered Fox, NYT, HuffPost."""
    reports = [json.loads(p.read_text()) for p in sorted(basil.glob(f"articles/*/{event}_*.json"))]
    order = list(OUTLET_NAMES)
    return sorted(reports, key=lambda r: order.index(r["source"].lower()))


def write_report(report: dict, folder: Path) -> Path:
    """Save one BASIL article as ``<Outlet Name>.txt`` and return its path."""
    paragraphs = [" ".join(p) for p in report["body-paragraphs"]]
    path = folder / f"{OUTLET_NAMES[report['source'].lower()]}.txt"
    path.write_text(report["title"] + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path
