"""Claim alignment against the team's gold, cross-validated: the app's engine, end to end, on BASIL events.

For each gold event the three BASIL reports are written as a user would save them (.txt: title line,
blank line, paragraphs separated by blank lines), read with ``read_path`` and analysed with
``pipeline.analyse`` and the real encoder. Each engine sentence is mapped back to the BASIL sentences
it overlaps (by character offsets; the title line is "FT"/"NT"/"HT"), each engine link to BASIL id
pairs ("F3", "N5"), and the pairs are scored against the gold ``links``; a predicted pair listed as
``unsure`` counts neither way, and so does a pair with a title on an event whose gold has no title ids.

Cross-validation: the link model (``reader.core.linkmodel``) is fit on the candidate pairs of all
events but one (logistic regression, labels from the gold), its threshold and completion slack chosen
on those same events, and the held-out event is scored with that fit; every event is held out once.
``--before`` scores the bundled model instead (no fitting). ``--write-model PATH`` fits on every event and
writes the resource the app ships (``resources/align-model.json``). ``--train-events K`` draws the learning
curve's points: each held-out event is scored by a fit on K of the others, drawn at random (``--seeds``
draws, averaged), which tells how much more gold would help.

Usage: ``.venv/bin/python eval/align.py --gold ../shared/eval/alignment --gold eval/gold
--basil ../shared/eval/basil [--model M] [--precision int8] [--write-model resources/align-model.json]
[--before] [--train-events K --seeds S]``.
The last line is ``align: p=… r=… f1=… events=N`` — cross-validated unless ``--before``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from basil import Article, analyse_event, load_events, prf, sentence_offsets
from sklearn.linear_model import LogisticRegression

from reader.core.align import Prepared, linked, prepare
from reader.core.embed import settings_encoder
from reader.core.linkmodel import LinkModel, LinkRule, bundled_model
from reader.core.model import SegmentedDocument
from reader.core.settings import DEFAULT_MODEL, PRECISIONS, Settings

LETTERS = {"fox": "F", "nyt": "N", "hpo": "H"}
RULE_GRID = {
    "threshold": tuple(round(0.20 + 0.025 * k, 3) for k in range(21)),
    "completion_slack": (0.0, 0.1, 0.2),
    "near_best": (0.1, 0.2, 0.3, 0.5, 1.0),
    "max_partners": (2, 3, 4),
}
REGULARISATION = 1.0  # sklearn's C, on standardised signals
Pair = tuple[str, str]


@dataclass(frozen=True)
class Event:
    """One gold event: its candidate pairs, the BASIL id pairs each stands for, labels and gold."""

    name: str
    prepared: Prepared
    ids: dict[tuple[int, int], list[set[Pair]]]  # per pair of documents, per candidate: its id pairs
    labels: dict[tuple[int, int], np.ndarray]  # 1 link, 0 none, -1 not scored (unsure, untitled title)
    gold: dict

    def scored(self, predicted: set[Pair]) -> list[int]:
        """(true positives, predicted, gold links), leaving out unsure and unannotated pairs."""
        links = {tuple(pair) for pair in self.gold["links"]}
        unsure = {tuple(pair) for pair in self.gold["unsure"]}
        kept = {p for p in predicted - unsure if self.gold.get("titles") or not _has_title(p)}
        return [len(kept & links), len(kept), len(links)]


def _has_title(pair: Pair) -> bool:
    return any(i.endswith("T") for i in pair)


def basil_ids(document: SegmentedDocument, article: Article) -> dict[int, set[str]]:
    """For each engine sentence, the ids ("F3", or "FT" for the title) of the BASIL sentences it overlaps.

    Body sentences are looked for after the title line, so a body that opens by repeating the title
    maps that copy, not the title, to "F0".
    """
    head = len(article.title)
    body = document.document.text[head:]
    sentences = [s for paragraph in article.paragraphs for s in paragraph]
    spans = {
        str(k): (head + start, head + start + len(sentences[k]))
        for k, start in ((int(key[1:]), start) for key, start in sentence_offsets(body, article).items()
                         if key != "title")
        if start >= 0
    }
    spans["T"] = (0, head)
    letter = LETTERS[article.source]
    return {
        i: {f"{letter}{k}" for k, (start, end) in spans.items() if s.start < end and start < s.end}
        for i, s in enumerate(document.sentences)
    }


def load_event(name: str, prepared: Prepared, documents: Sequence[SegmentedDocument],
               articles: Sequence[Article], gold: dict) -> Event:
    """An event's candidates with their id pairs and labels."""
    sentence_ids = [basil_ids(doc, art) for doc, art in zip(documents, articles, strict=True)]
    links = {tuple(pair) for pair in gold["links"]}
    unsure = {tuple(pair) for pair in gold["unsure"]}
    ids, labels = {}, {}
    for (a, b), candidates in prepared.pairs.items():
        refs_a, refs_b = prepared.refs[a], prepared.refs[b]
        pairs = [
            {(x, y) for x in sentence_ids[a][refs_a[i].sent] for y in sentence_ids[b][refs_b[j].sent]}
            for i, j in zip(candidates.scores.rows, candidates.scores.columns, strict=True)
        ]
        ids[a, b] = pairs
        titles = gold.get("titles", False)
        labels[a, b] = np.array([_label(p, links, unsure, titles) for p in pairs], dtype=int)
    return Event(name, prepared, ids, labels, gold)


def _label(pairs: set[Pair], links: set[Pair], unsure: set[Pair], titles: bool) -> int:
    if pairs & links:
        return 1
    if not pairs or pairs & unsure or (not titles and any(_has_title(p) for p in pairs)):
        return -1
    return 0


def predicted(event: Event, model: LinkModel, rule: LinkRule | None = None) -> set[Pair]:
    """The id pairs the model links on ``event`` (by its own rule unless ``rule`` is given)."""
    probability = {pair: model.probability(c.signals) for pair, c in event.prepared.pairs.items()}
    kept = linked(event.prepared, probability, rule or model.rule)
    result: set[Pair] = set()
    for pair, keep in kept.items():
        for k in np.nonzero(keep)[0]:
            result |= event.ids[pair][k]
    return result


def fit(events: Sequence[Event]) -> LinkModel:
    """Logistic regression on the labelled candidates of ``events``, threshold and slack chosen on them."""
    signals = np.vstack([c.signals for e in events for c in e.prepared.pairs.values()])
    labels = np.concatenate([y for e in events for y in e.labels.values()])
    signals, labels = signals[labels >= 0], labels[labels >= 0]
    mean, scale = signals.mean(axis=0), signals.std(axis=0) + 1e-6
    regression = LogisticRegression(C=REGULARISATION, max_iter=2000).fit((signals - mean) / scale, labels)
    weights = regression.coef_[0] / scale
    bias = float(regression.intercept_[0] - weights @ mean)
    draft = LinkModel(weights.astype(np.float32), bias, mean.astype(np.float32), LinkRule(0.5, 0.1, 1.0, 4))
    return replace(draft, rule=chosen_rule(draft, events))


def chosen_rule(model: LinkModel, events: Sequence[Event]) -> LinkRule:
    """The rule best on ``events`` (F1 over all their pairs), one parameter at a time, twice round."""
    def f1(rule: LinkRule) -> float:
        counts = [e.scored(predicted(e, model, rule)) for e in events]
        return prf([sum(column) for column in zip(*counts, strict=True)])[2]

    rule = model.rule
    for _ in range(2):
        for name, grid in RULE_GRID.items():
            rule = max((replace(rule, **{name: value}) for value in grid), key=f1)
    return rule


def cross_validated(
    events: Sequence[Event], train_events: int | None = None, seed: int = 0
) -> list[list[int]]:
    """Per event, its counts under the model fit on all other events (or on ``train_events`` of them, drawn
    with ``seed``)."""
    draw = random.Random(seed)
    counts = []
    for k, event in enumerate(events):
        others = [e for j, e in enumerate(events) if j != k]
        model = fit(_drawn(others, train_events, draw) if train_events else others)
        counts.append(event.scored(predicted(event, model)))
    return counts


def _drawn(events: Sequence[Event], size: int, draw: random.Random) -> list[Event]:
    """``size`` of ``events`` drawn at random, in their own order."""
    return [events[j] for j in sorted(draw.sample(range(len(events)), min(size, len(events))))]


def learning_curve_point(events: Sequence[Event], train_events: int, seeds: int) -> list[list[int]]:
    """Per event, its counts summed over ``seeds`` draws of ``train_events`` training events."""
    draws = [cross_validated(events, train_events, seed) for seed in range(seeds)]
    return [[sum(column) for column in zip(*per_seed, strict=True)] for per_seed in zip(*draws, strict=True)]


def _line(name: str, counts: list[int]) -> str:
    p, r, f1 = prf(counts)
    tp, total, gold = counts
    return f"{name}: p={p:.3f} r={r:.3f} f1={f1:.3f} tp={tp} predicted={total} gold={gold}"


def gold_events(golds: Sequence[Path], basil: Path, model: str, precision: str) -> list[Event]:
    """The gold events of the folders ``golds`` (``<event>.json``), analysed by the app's pipeline."""
    by_name = {g["event"]: g for folder in golds
               for g in (json.loads(p.read_text("utf-8")) for p in folder.glob("*.json"))}
    settings = Settings().with_changes(model=model, precision=precision)
    encoder = settings_encoder(settings)
    events = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, articles in load_events(basil, None):
            if (gold := by_name.get(name.split("/")[1])) is not None:
                analysis = analyse_event(articles, encoder, settings, Path(tmp) / name)
                prepared = prepare(analysis.documents, analysis.vectors)
                events.append(load_event(name, prepared, analysis.documents, articles, gold))
    return events


def arguments(description: str) -> argparse.ArgumentParser:
    """The options every claim-alignment evaluation takes: gold folders, BASIL, model, precision."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--gold", type=Path, action="append", required=True, help="folder of <event>.json")
    parser.add_argument("--basil", type=Path, required=True, help="the BASIL folder")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="sentence-transformers model name or folder")
    parser.add_argument("--precision", default="fp32", choices=PRECISIONS, help="the vectors' precision")
    return parser


def total_line(counts: Sequence[list[int]], events: int) -> str:
    """The overall line: ``align: p=… r=… f1=… events=N``."""
    p, r, f1 = prf([sum(column) for column in zip(*counts, strict=True)])
    return f"align: p={p:.3f} r={r:.3f} f1={f1:.3f} events={events}"


def main(argv: Sequence[str] | None = None) -> int:
    """Score every gold event, print one line per event, the overall line last."""
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--before", action="store_true", help="score the bundled link model, no fitting")
    parser.add_argument("--write-model", type=Path, help="fit on every event and write the link model here")
    parser.add_argument("--train-events", type=int, help="fit each held-out event on this many others")
    parser.add_argument("--seeds", type=int, default=3, help="draws of --train-events, summed")
    args = parser.parse_args(argv)
    events = gold_events(args.gold, args.basil, args.model, args.precision)
    if args.before:
        model = bundled_model()
        counts = [e.scored(predicted(e, model)) for e in events]
    elif args.train_events:
        counts = learning_curve_point(events, args.train_events, args.seeds)
    else:
        counts = cross_validated(events)
    for event, event_counts in zip(events, counts, strict=True):
        print(_line(event.name, event_counts))
    if args.write_model:
        model = fit(events)
        args.write_model.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {args.write_model}: {model.rule}")
    print(total_line(counts, len(events)))
    return 0

if __name__ == "__main__":
    sys.exit(main())
