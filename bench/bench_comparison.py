"""Comparison-view benchmark: the GUI-thread cost of showing an analysis and of one synchronised scroll step.

Run: ``.venv/bin/python bench/bench_comparison.py [FILE …] [--runs 5]`` (offscreen unless QT_QPA_PLATFORM
is set; the demo articles by default). The analysis runs once with the bundled model, outside the timing.

* show: ``ComparisonView.set_analysis`` plus the paint that follows, wall and CPU milliseconds per run;
* scroll: one step of the first column's scroll bar (the others follow) plus a full repaint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SCROLL_STEP = 40


def _analysis(paths: list[Path]):
    from reader.core.embed import load_encoder
    from reader.core.ingest import read_path
    from reader.core.pipeline import analyse
    from reader.core.settings import Settings

    return analyse([read_path(p) for p in paths], Settings(), load_encoder())


def _timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def main() -> None:
    """Print median wall/CPU milliseconds for showing an analysis and for a scroll step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from reader.gui.comparisonview import ComparisonView
    from reader.resources import resource

    paths = args.files or sorted(Path(str(resource("demo"))).glob("*.txt"))
    analysis = _analysis(paths)
    app = QApplication([])
    view = ComparisonView()
    view.resize(1150, 950)
    view.show()
    labels = [d.document.label for d in analysis.documents]
    shows = []
    for _ in range(args.runs):
        view.set_sources(labels)
        app.processEvents()
        shows.append(_timed(lambda: (view.set_analysis(analysis), app.processEvents())))
    bar = view.panes[0].view.verticalScrollBar()
    values = range(0, bar.maximum(), SCROLL_STEP)
    steps = [_timed(lambda v=v: (bar.setValue(v), view.repaint())) for v in values]
    for name, rows in (("show analysis", shows), ("scroll step", steps)):
        wall, cpu = statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)
        worst = max(r[0] for r in rows)
        print(
            f"{name}: median {wall:.0f} ms wall, {cpu:.0f} ms CPU, worst {worst:.0f} ms wall"
            f" ({len(rows)} runs, {len(paths)} sources)"
        )


if __name__ == "__main__":
    main()
