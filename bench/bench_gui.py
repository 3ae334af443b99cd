"""GUI benchmarks: start-up time to a visible window, and the longest event-loop stall during analysis.

Run: ``.venv/bin/python bench/bench_gui.py [--runs 5]`` (offscreen unless QT_QPA_PLATFORM is set).

* start-up: a fresh ``python`` process runs ``reader.gui.app.main([])`` and reports when the main window
  receives its first paint, counted from just before the process was spawned (interpreter start included).
* stall: in this process the demo is opened as ``framing-reader --demo`` would, and a 10 ms ``QTimer``
  records the gaps between its ticks from the window's first paint until the analysis is shown (model
  warm-up included); the longest gap minus 10 ms is the longest stall.
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


def measure_stall() -> tuple[float, float, int]:
    """(longest stall ms, 99th-percentile gap ms, ticks) while the demo loads, warms up and is analysed."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.gui import app as gui_app
    from reader.gui.welcome import demo_paths

    qt_app = QApplication([sys.argv[0]])
    window, controller = gui_app._open_window(gui_app.parse_args(["--demo"]))
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()

    def tick() -> None:
        gaps.append(clock.restart())

    ticker = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer, timeout=tick)
    ticker.start()
    controller.analysis_changed.connect(lambda analysis: analysis is not None and qt_app.quit())
    gui_app._start_after_first_paint(controller, demo_paths())
    QTimer.singleShot(300_000, qt_app.quit)
    qt_app.exec()
    ticker.stop()
    if controller.analysis is None:
        raise SystemExit("the demo analysis did not finish")
    window.close()
    gaps.sort()
    return gaps[-1] - TICK_MS, gaps[int(0.99 * (len(gaps) - 1))] - TICK_MS, len(gaps)


def main() -> None:
    """Print both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child is not None:
        startup_child(args.startup_child)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory() as config:
        env = {**os.environ, "XDG_CONFIG_HOME": config}
        times = measure_startup(args.runs, env)
    print(
        f"start-up to visible window: median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s over {len(times)} runs"
    )
    longest, p99, ticks = measure_stall()
    print(f"event-loop stall while the demo is analysed: longest {longest} ms, p99 {p99} ms ({ticks} ticks)")


if __name__ == "__main__":
    main()
