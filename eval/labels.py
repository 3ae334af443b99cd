"""Labels by voice on BASIL: is a label the app calls a source's own word really outside quotations?

For each BASIL report (read from .txt as a user would save it, no model needed) the actors' mentions
are found (``find_referents``); a mention that overlaps an annotated span is checked against that
span's ``quote`` field ("yes": the annotators read it as inside a quotation). Own-voice precision is the
share of own-voice mentions on annotated spans whose spans are not quotes; quoted-voice agreement the
share of quoted-voice mentions on annotated spans that are quotes (reported speech without quotation
marks counts as quoted for the app and as no quote for BASIL, so this one is a lower bound).

Usage: ``.venv/bin/python eval/labels.py --data ../shared/eval/basil [--descriptions]``.
The last line is ``labels: own_precision=… own_n=… quoted_agreement=… quoted_n=…``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import Article, annotated_spans, article_text, load_events, sentence_offsets

from reader.core.framing.referents import find_referents
from reader.core.framing.report import Form, Speech
from reader.core.ingest import read_path
from reader.core.segment import segment


def _quote_flags(article: Article, text: str) -> list[tuple[tuple[int, int], bool]]:
    offsets = sentence_offsets(text, article)
    spans = annotated_spans(article, offsets, "lex") + annotated_spans(article, offsets, "inf")
    return [(span, ann.get("quote", "no") == "yes") for span, ann in spans]


def score_event(articles: Sequence[Article], folder: Path, descriptions: bool) -> dict[Speech, list[int]]:
    """Per voice: [mentions whose annotated span agrees, mentions on an annotated span]."""
    folder.mkdir(parents=True, exist_ok=True)
    documents, flags = [], []
    for article in articles:
        path = folder / f"{article.source}.txt"
        path.write_text(article_text(article), encoding="utf-8")
        document = segment(read_path(path))
        documents.append(document)
        flags.append(_quote_flags(article, document.document.text))
    counts = {Speech.OWN: [0, 0], Speech.QUOTED: [0, 0]}
    for referent in find_referents(documents):
        for m in referent.mentions:
            if descriptions and m.form is not Form.DESCRIPTION:
                continue
            quotes = [q for (s, e), q in flags[m.doc] if s < m.end and m.start < e]
            if quotes:
                counts[m.voice][1] += 1
                counts[m.voice][0] += (not any(quotes)) if m.voice is Speech.OWN else all(quotes)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Score every BASIL event and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a folder laid out like BASIL")
    parser.add_argument("--descriptions", action="store_true", help="descriptions only, not names")
    args = parser.parse_args(argv)
    total = {Speech.OWN: [0, 0], Speech.QUOTED: [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for name, articles in load_events(args.data, None):
            counts = score_event(articles, Path(tmp) / name, args.descriptions)
            for voice, (agree, n) in counts.items():
                total[voice][0] += agree
                total[voice][1] += n
    own, quoted = total[Speech.OWN], total[Speech.QUOTED]
    print(
        f"labels: own_precision={own[0] / max(own[1], 1):.3f} own_n={own[1]} "
        f"quoted_agreement={quoted[0] / max(quoted[1], 1):.3f} quoted_n={quoted[1]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
