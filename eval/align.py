"""Claim alignment against the team's gold: the app's engine, end to end, on BASIL events.

For each gold event the three BASIL reports are written as a user would save them (.txt: title line,
blank line, paragraphs separated by blank lines), read with ``read_path`` and analysed with
``pipeline.analyse`` and the real encoder. Each engine sentence is mapped back to the BASIL sentences
it overlaps (by character offsets), each engine link to BASIL id pairs ("F3", "N5"), and the pairs are
scored against the gold ``links``; a predicted pair listed as ``unsure`` counts neither way.

Usage: ``.venv/bin/python eval/align.py --gold ../shared/eval/alignment --basil ../shared/eval/basil
[--threshold X] [--model M] [--loeo]``. The last line is ``align: p=… r=… f1=… events=N``.

``--loeo`` guards the threshold against over-fitting the 8 events: each event is scored at the threshold
(from ``LOEO_GRID``) that gives the best F1 on the other events, and ``loeo: p=… r=… f1=… thresholds=…``
is printed before the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from basil import Article, analyse_event, load_events, prf, sentence_offsets

from reader.core.align import DEFAULT_THRESHOLD
from reader.core.embed import load_encoder
from reader.core.model import Analysis, LinkKind, SegmentedDocument
from reader.core.pipeline import realign
from reader.core.settings import DEFAULT_MODEL, Settings

LETTERS = {"fox": "F", "nyt": "N", "hpo": "H"}
LOEO_GRID = tuple(round(0.30 + 0.02 * k, 2) for k in range(16))
Pair = tuple[str, str]
Scored = tuple[Analysis, Sequence[Article], dict]  # an event's analysis, its reports, its gold


def basil_ids(document: SegmentedDocument, article: Article) -> dict[int, set[str]]:
    """For each engine sentence, the ids ("F3") of the BASIL sentences it overlaps.

    Body sentences are looked for after the title line, so a body that opens by repeating the title
    maps that copy, not the title, to "F0".
    """
    head = len(article.title)
    body = document.document.text[head:]
    sentences = [s for paragraph in article.paragraphs for s in paragraph]
    spans = {
        k: (head + start, head + start + len(sentences[k]))
        for k, start in ((int(key[1:]), start) for key, start in sentence_offsets(body, article).items()
                         if key != "title")
        if start >= 0
    }
    letter = LETTERS[article.source]
    return {
        i: {f"{letter}{k}" for k, (start, end) in spans.items() if s.start < end and start < s.end}
        for i, s in enumerate(document.sentences)
    }


def predicted_pairs(analysis: Analysis, articles: Sequence[Article]) -> set[Pair]:
    """The engine's claim links as BASIL id pairs, in the gold's order (F before N before H)."""
    ids = [basil_ids(doc, article) for doc, article in zip(analysis.documents, articles, strict=True)]
    return {
        (a, b)
        for link in analysis.alignment.links
        if link.kind is LinkKind.CLAIM
        for a in ids[link.a.doc][link.a.sent]
        for b in ids[link.b.doc][link.b.sent]
    }


def count(predicted: set[Pair], gold: dict) -> list[int]:
    """(true positives, predicted, gold links), leaving out predictions marked unsure."""
    links = {tuple(pair) for pair in gold["links"]}
    unsure = {tuple(pair) for pair in gold["unsure"]}
    scored = predicted - unsure
    return [len(scored & links), len(scored), len(links)]


def leave_one_out(scored: Sequence[Scored]) -> tuple[list[int], list[float]]:
    """Summed counts when each event is scored at the threshold best for the others, and those thresholds."""
    table = {
        t: [count(predicted_pairs(realign(analysis, t), arts), gold) for analysis, arts, gold in scored]
        for t in LOEO_GRID
    }

    def f1_without(t: float, held_out: int) -> float:
        rest = [c for k, c in enumerate(table[t]) if k != held_out]
        return prf([sum(column) for column in zip(*rest, strict=True)])[2]

    chosen = [max(LOEO_GRID, key=lambda t: f1_without(t, k)) for k in range(len(scored))]
    counts = [table[t][k] for k, t in enumerate(chosen)]
    return [sum(column) for column in zip(*counts, strict=True)], chosen


def main(argv: Sequence[str] | None = None) -> int:
    """Score every gold event, print one line per event, the overall line last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="folder of <event-uuid>.json gold files")
    parser.add_argument("--basil", type=Path, required=True, help="the BASIL folder")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="link threshold")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="sentence-transformers model name or folder")
    parser.add_argument("--loeo", action="store_true", help="also leave-one-event-out threshold selection")
    args = parser.parse_args(argv)
    golds = {g["event"]: g for g in (json.loads(p.read_text("utf-8")) for p in args.gold.glob("*.json"))}
    events = [(name, arts) for name, arts in load_events(args.basil, None) if name.split("/")[1] in golds]
    settings = Settings().with_changes(threshold=args.threshold, model=args.model)
    encoder = load_encoder(args.model)
    total = [0, 0, 0]
    scored: list[Scored] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, articles in events:
            analysis = analyse_event(articles, encoder, settings, Path(tmp) / name)
            gold = golds[name.split("/")[1]]
            scored.append((analysis, articles, gold))
            counts = count(predicted_pairs(analysis, articles), gold)
            total = [x + y for x, y in zip(total, counts, strict=True)]
            p, r, f1 = prf(counts)
            tp, predicted, links = counts
            print(f"{name}: p={p:.3f} r={r:.3f} f1={f1:.3f} tp={tp} predicted={predicted} gold={links}")
    if args.loeo:
        loeo, chosen = leave_one_out(scored)
        p, r, f1 = prf(loeo)
        print(f"loeo: p={p:.3f} r={r:.3f} f1={f1:.3f} thresholds={','.join(map(str, chosen))}")
    p, r, f1 = prf(total)
    print(f"align: p={p:.3f} r={r:.3f} f1={f1:.3f} events={len(events)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
