"""GUI benchmarks: start-up time to a visible window, and the longest event-loop stall during analysis.

Run: ``.venv/bin/python bench/bench_gui.py [--runs 5]`` (offscreen unless QT_QPA_PLATFORM is set).

* start-up: a fresh ``python`` process runs ``reader.gui.app.main([])`` and reports when the main window
  receives its first paint, counted from just before the process was spawned (interpreter start included).
* stall: a fresh process opens the demo as ``framing-reader --demo`` would, and a 10 ms ``QTimer``
  records the gaps between its ticks from the window's first paint until the analysis has been shown for
  half a second (model warm-up, analysis and the columns' first paint included); the longest gap minus
  10 ms is the longest stall.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TICK_MS = 10
SETTLE_MS = 500


def startup_child(spawned_at: float) -> None:
    """In the child: start the real app and print the seconds from spawn to the window's first paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                print(f"{time.time() - spawned_at:.3f}", flush=True)
                os._exit(0)  # the measurement is taken; skip waiting for the model warm-up
            return False

    app = QApplication([sys.argv[0]])
    app.installEventFilter(FirstPaint(app))
    from reader.gui.app import main

    main([])


def measure_startup(runs: int, env: dict[str, str]) -> list[float]:
    """Seconds to a visible window in ``runs`` fresh processes."""
    times = []
    for _ in range(runs):
        spawned_at = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--startup-child", repr(spawned_at)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def stall_child() -> None:
    """In the child: open the demo as ``--demo`` would and print every event-loop gap (ms) until the
    analysis has been on screen for ``SETTLE_MS`` (the first gap, the window's first paint, is skipped)."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.gui import app as gui_app
    from reader.gui.welcome import demo_paths

    qt_app = QApplication([sys.argv[0]])
    _window, controller = gui_app._open_window(gui_app.parse_args(["--demo"]))
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    ticker = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    ticker.start()
    controller.analysis_changed.connect(
        lambda analysis: analysis is not None and QTimer.singleShot(SETTLE_MS, qt_app.quit)
    )
    gui_app._start_after_first_paint(controller, demo_paths())
    QTimer.singleShot(300_000, qt_app.quit)
    qt_app.exec()
    if controller.analysis is None:
        raise SystemExit("the demo analysis did not finish")
    print(" ".join(str(gap - TICK_MS) for gap in gaps[1:]), flush=True)
    os._exit(0)


def measure_stalls(runs: int, env: dict[str, str]) -> list[list[int]]:
    """The event-loop gaps beyond the tick (ms) of ``runs`` fresh processes analysing the demo."""
    runs_gaps = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--stall-child"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        runs_gaps.append([int(gap) for gap in out.stdout.split()])
    return runs_gaps


def main() -> None:
    """Print both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--stall-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child is not None:
        startup_child(args.startup_child)
        return
    if args.stall_child:
        stall_child()
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory() as config:
        env = {**os.environ, "XDG_CONFIG_HOME": config}
        times = measure_startup(args.runs, env)
        stalls = [max(gaps) for gaps in measure_stalls(args.runs, env)]
    print(
        f"start-up to visible window: median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s over {len(times)} runs"
    )
    print(
        f"longest event-loop stall while the demo is analysed: median {statistics.median(stalls):.0f} ms, "
        f"max {max(stalls)} ms over {len(stalls)} runs"
    )


if __name__ == "__main__":
    main()
