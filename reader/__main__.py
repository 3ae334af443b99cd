"""Entry point: ``framing-reader compare …`` is the headless CLI, anything else opens the window.

Nothing heavy is imported here, so the window can appear before torch or the model load.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI or the GUI."""
    args = sys.argv[1:] if argv is None else argv
    from reader.cli import COMMANDS  # light: argparse and the session layer, no model, no Qt

    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    from reader.gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
