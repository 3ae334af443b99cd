"""Headless mode: ``framing-reader compare A B [C …]`` writes the analysis as JSON, Markdown or HTML.

Bad input (unreadable, empty, binary or unsupported files) is reported on stderr as one line naming
the file and the reason; the exit code is then 2, and the other files are still analysed when at
least two remain.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.model import Analysis, Progress
from reader.core.session import EncoderHolder, Session, read_source, voices_of
from reader.core.settings import Settings

EXIT_BAD_INPUT = 2
FORMATS = ("json", "md", "html")


def build_parser() -> argparse.ArgumentParser:
    """The ``compare`` command line."""
    defaults = Settings()
    parser = argparse.ArgumentParser(
        prog="framing-reader compare",
        description="Align the claims of news articles about one event and show where their framing differs.",
    )
    parser.add_argument("files", nargs="*", help="articles: .txt .md .html .pdf .docx, a URL, or - for stdin")
    parser.add_argument("--voices", metavar="FILE", help="compare the voices quoted in FILE as the sources")
    parser.add_argument("--label", action="append", default=[], help="label for the next file (repeatable)")
    parser.add_argument("-f", "--format", choices=FORMATS, help="output format (default: from -o, else json)")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--model", default=defaults.model, help="sentence-transformers model name or folder")
    parser.add_argument("--threshold", type=float, default=defaults.threshold, help="link threshold")
    parser.add_argument("--route", default=defaults.route, choices=("auto", "onnx", "torch"))
    parser.add_argument("--no-cache", action="store_true", help="do not use the on-disk vector cache")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``compare``; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(list(argv))
    try:
        settings = Settings().with_changes(
            model=args.model, threshold=args.threshold, route=args.route, use_cache=not args.no_cache
        )
    except ValueError as error:
        parser.error(str(error))
    if not args.files and not args.voices:
        parser.error("give two or more files, or --voices FILE")
    session = Session(settings)
    failed = _load(args, session)
    if not session.can_analyse():
        count = len(session.documents())
        print(f"framing-reader: need at least two readable sources, got {count}", file=sys.stderr)
        return EXIT_BAD_INPUT
    progress = None if args.quiet else _print_progress
    _write(args, session.analyse(EncoderHolder(settings).get(), on_progress=progress))
    return EXIT_BAD_INPUT if failed else 0


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
    try:
        session.add([read_source(source, label)])
    except ReaderError as error:
        print(f"framing-reader: {error}", file=sys.stderr)
        return False
    return True


def _print_progress(progress: Progress) -> None:
    if progress.total:
        print(f"\r{progress.message}: {progress.done}/{progress.total}", end="", file=sys.stderr)
    if progress.stage == "done":
        print(file=sys.stderr)


def _write(args: argparse.Namespace, analysis: Analysis) -> None:
    from reader.core.export import render

    fmt = args.format or _format_from_path(args.output)
    text = render(analysis, fmt)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _format_from_path(path: str | None) -> str:
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix if suffix in FORMATS else "json")
