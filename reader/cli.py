"""Headless mode: ``framing-reader compare A B [C …]`` writes the analysis as JSON, Markdown or HTML;
``framing-reader batch`` runs a corpus (``reader.batch``).

``COMMANDS`` lists the subcommands; ``reader.__main__`` dispatches to them.

Bad input (unreadable, empty, binary, unsupported, too large or encrypted files, bad URLs) is reported on
stderr as one line naming the file and the reason (control characters escaped); the exit code is then 2,
and the other files are still analysed when at least two remain. An output that cannot be written is
one such line too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.export import EXPORT_FORMATS, export_format, format_for_path
from reader.core.model import Analysis, Progress
from reader.core.session import EncoderHolder, Session, read_source, voices_of, write_export
from reader.core.sessionfile import SUFFIX, is_session_path, read_session, write_session
from reader.core.settings import Settings, add_arguments, from_arguments

EXIT_BAD_INPUT = 2
DEFAULT_FORMAT = "json"


def build_parser() -> argparse.ArgumentParser:
    """The ``compare`` command line (its settings flags come from the ``Settings`` declaration)."""
    from reader.core.ingest import input_suffixes

    parser = argparse.ArgumentParser(
        prog="framing-reader compare",
        description="Align the claims of news articles about one event and show where their framing differs.",
    )
    parser.add_argument("files", nargs="*",
                        help=f"articles: {' '.join(input_suffixes())}, a URL, - for stdin; or a saved"
                        f" {SUFFIX} comparison")
    parser.add_argument("--voices", metavar="FILE", help="compare the voices quoted in FILE as the sources")
    parser.add_argument("--label", action="append", default=[], help="label for the next file (repeatable)")
    parser.add_argument("-f", "--format", choices=[f.name for f in EXPORT_FORMATS],
                        help=f"output format (default: from -o, else {DEFAULT_FORMAT})")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--save-session", metavar="FILE.framing", type=Path,
                        help="also save the sources, settings and corrections as a session file")
    add_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    return parser


def parse_with_settings(
    parser: argparse.ArgumentParser, argv: Sequence[str]
) -> tuple[argparse.Namespace, Settings]:
    """The arguments and the settings they ask for; a bad setting value is a usage error."""
    args = parser.parse_args(list(argv))
    try:
        return args, from_arguments(args, Settings())
    except ReaderError as error:
        parser.error(str(error))


def compare(argv: Sequence[str]) -> int:
    """Run ``compare``; returns the process exit code."""
    parser = build_parser()
    args, settings = parse_with_settings(parser, argv)
    if not args.files and not args.voices:
        parser.error("give two or more files, or --voices FILE")
    session = Session(settings)
    failed = _load(args, session)
    session.set_settings(from_arguments(args, session.settings))  # flags win over a session file's
    if args.save_session:
        failed |= not _save(session, args.save_session)
    if not session.can_analyse():
        count = len(session.documents())
        print(f"framing-reader: need at least two readable sources, got {count}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = None if args.quiet else _print_progress
    written = _write(args, session.analyse(EncoderHolder(session.settings).get(), on_progress=progress))
    return EXIT_BAD_INPUT if failed or not written else 0


def _load(args: argparse.Namespace, session: Session) -> bool:
    """Read every input into ``session``; report each failure on one stderr line; True if any failed."""
    failed = False
    try:
        if args.voices:
            article = read_source(args.voices)
            session.replace_all(voices_of(article))
        else:
            labels = list(args.label) + [None] * len(args.files)
            for source, label in zip(args.files, labels, strict=False):
                failed |= not _add(session, source, label)
    except ReaderError as error:
        print(f"framing-reader: {error}", file=sys.stderr)
        failed = True
    return failed


def _add(session: Session, source: str, label: str | None) -> bool:
    """Add one file, URL or session file to ``session``; False (and one stderr line) when it fails."""
    try:
        if is_session_path(source):
            session.merge(read_session(Path(source)))
        else:
            session.add([read_source(source, label)])
    except ReaderError as error:
        print(f"framing-reader: {error}", file=sys.stderr)
        return False
    return True


def _save(session: Session, path: Path) -> bool:
    try:
        write_session(session.state(), path)
    except ReaderError as error:
        print(f"framing-reader: {error}", file=sys.stderr)
        return False
    return True


def _print_progress(progress: Progress) -> None:
    if progress.total:
        print(f"\r{progress.message}: {progress.done}/{progress.total}", end="", file=sys.stderr)
    if progress.stage == "done":
        print(file=sys.stderr)


def _write(args: argparse.Namespace, analysis: Analysis) -> bool:
    """Write the analysis to ``-o`` or stdout; a failure is one stderr line and False."""
    guessed = format_for_path(args.output) if args.output else None
    fmt = args.format or (guessed.name if guessed else DEFAULT_FORMAT)
    try:
        if args.output:
            write_export(analysis, Path(args.output), fmt)
        else:
            sys.stdout.write(export_format(fmt).render(analysis))
            sys.stdout.flush()
    except ReaderError as error:
        print(f"framing-reader: {error}", file=sys.stderr)
        return False
    except BrokenPipeError:  # the reader of stdout left (| head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False
    return True


def batch(argv: Sequence[str]) -> int:
    """Run ``batch`` (``reader.batch``: a corpus of event folders on Dask)."""
    from reader.batch import main

    return main(argv)


# The subcommands of ``framing-reader``: name → function of the remaining arguments, returning the exit code.
COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"compare": compare, "batch": batch}
