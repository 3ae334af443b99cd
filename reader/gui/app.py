"""The GUI entry: parse the command line, show the window at once, then load the model in the background.

Only PySide6 and the light reader modules load before the window is visible; torch and the model load on
the engine worker afterwards, and their progress shows in the status bar.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.gui.controller import Controller
    from reader.gui.mainwindow import MainWindow

DESKTOP_ID = "io.github.framingreader.FramingReader"
SCREENSHOT_SIZE = (1600, 1000)
SCREENSHOT_TIMEOUT_MS = 300_000
SETTLE_MS = 400
SHUTDOWN_WAIT_MS = 30_000
OVERVIEW_TABS = ("grid", "divergence", "labels")  # in the order of the Overview dock's tabs


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The GUI's options (its settings flags come from the ``Settings`` declaration)."""
    from reader.core.settings import add_arguments

    parser = argparse.ArgumentParser(
        prog="framing-reader",
        description="Compare how news sources frame one event side by side.",
        epilog="Without a window: framing-reader compare FILE… (see framing-reader compare --help).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles to open (text, HTML, PDF, DOCX)")
    parser.add_argument("--demo", action="store_true", help="open the demo articles shipped with the app")
    parser.add_argument("--voices", metavar="FILE",
                        help="open the voices quoted in FILE as the sources, one column per speaker")
    parser.add_argument("--screenshot", metavar="PNG", type=Path,
                        help="save a picture of the window once the analysis is shown, then exit")
    parser.add_argument("--overview", choices=OVERVIEW_TABS, default=OVERVIEW_TABS[0],
                        help="the Overview tab in front: the claims × sources grid, the divergence matrix or "
                             "the labels by voice")
    parser.add_argument("--size", metavar="WxH", type=_size,
                        help="window size (with --screenshot the default is {}x{})".format(*SCREENSHOT_SIZE))
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.voices and (args.files or args.demo):
        parser.error("--voices FILE opens that one article only")
    return args


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT") from None
    if width < 200 or height < 150:
        raise argparse.ArgumentTypeError(f"{text!r} is too small")
    return width, height


def main(argv: list[str]) -> int:
    """Run the reader; returns the process exit code."""
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    app = _application()
    window, controller = _open_window(args)
    from reader.gui.welcome import demo_paths

    if args.voices:
        _start_after_first_paint(controller, [], voices_of=args.voices)
    else:
        _start_after_first_paint(controller, [*(demo_paths() if args.demo else []), *args.files])
    if args.screenshot:
        from reader.gui.screenshot import ScreenshotOnReady

        shooter = ScreenshotOnReady(window, controller, args.screenshot, SCREENSHOT_TIMEOUT_MS, SETTLE_MS)
        app.exec()
        _shut_down(controller)
        controller.autosaver.discard()  # a picture taken is no work of the reader's to offer back
        return shooter.exit_code
    code = app.exec()
    _save(window)
    _shut_down(controller)
    return code


def _application() -> QApplication:
    """The Qt application, named for the desktop (its id matches packaging/*.desktop)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.resources import resource

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Framing Reader")
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(QIcon(str(resource("icons", "framing-reader.svg"))))
    return app


def _open_window(args: argparse.Namespace) -> tuple[MainWindow, Controller]:
    """Build and show the window (nothing heavy is imported on the way)."""
    from reader.core.settings import from_arguments
    from reader.gui.controller import Controller
    from reader.gui.mainwindow import MainWindow
    from reader.gui.settingsstore import load_settings

    stored = load_settings()
    controller = Controller(from_arguments(args, stored.settings))
    window = MainWindow(controller, stored)
    window.views.overview.setCurrentIndex(OVERVIEW_TABS.index(args.overview))
    size = args.size or (SCREENSHOT_SIZE if args.screenshot else None)
    if size:
        window.resize(*size)
    window.show()
    if not args.screenshot:
        window.session_commands.offer_recovery()
    return window, controller


def _start_after_first_paint(controller: Controller, paths: list[str], voices_of: str = "") -> None:
    """Once the event loop runs: read the files given on the command line (or split ``voices_of`` into
    its voices), or else warm the model up.

    With files, the analysis loads the model itself, and only as far as it needs (sentences already in
    the vector cache need no model runtime); without, the reader has time to prepare it.
    """
    from PySide6.QtCore import QTimer

    def start() -> None:
        if voices_of:
            controller.open_voices(voices_of)
        elif paths:
            controller.open_paths(paths)
        else:
            controller.warm_up()

    QTimer.singleShot(0, start)


def _shut_down(controller: Controller) -> None:
    """Let a job that cannot stop mid-way (loading the model) end before the interpreter does."""
    for runner in (controller.engine, controller.io):
        runner.cancel_all()
        runner.wait_for_done(SHUTDOWN_WAIT_MS)


def _save(window: MainWindow) -> None:
    from reader.gui.settingsstore import save_settings

    try:
        save_settings(window.current_settings())
    except OSError as error:
        print(f"framing-reader: settings not saved: {error}", file=sys.stderr)
