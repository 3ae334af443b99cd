"""Proof on BASIL: do the framing marks land on annotated lexical bias, omissions on informational bias?

For each event the three reports are written as a user would load them (.txt: title line, blank line,
paragraphs separated by blank lines), read with ``read_path``, analysed with the real encoder, and the
engine's output is compared with the annotations at the level of words of the document text:

- lex: precision / recall / F1 of the words inside FramingMark spans against the words of annotated
  ``lex`` spans; the baseline flags every word a link's word diff marks as changed.
- inf_recall: share of ``inf`` spans lying in a flagged sentence — a body sentence that is unique to its
  source, carries a framing mark, or belongs to a group whose divergence is above ``--cut``.
  ``flagged`` reports the share of body sentences flagged, the recall a random flagger would reach;
  ``inf_lift`` = inf_recall / flagged (1.0: no better than chance).
- speaker_acc: annotated quotes in body sentences with a named speaker (generic ``other_*`` speakers
  are skipped; one count per sentence and speaker) whose sentence ``find_voices`` attributes to a
  voice of the same surname (``same_speaker``: "Michael_Steele" matches "Steele"); quotes in
  sentences no voice claims count as wrong. ``speaker_person_acc`` and ``speaker_group_acc`` split it by
  whether the annotation names a person or a group (``is_group``): BASIL often names a group where the
  text quotes one member, which no attribution to that member can match.
Titles take part in alignment, so their lex spans count for the marks and the baseline alike.

Usage: ``.venv/bin/python eval/basil.py --data ../shared/eval/basil [--years 2014,2015] [--limit N]``.
The last line is ``basil: lex_p=… lex_r=… lex_f1=… baseline_f1=… inf_recall=… speaker_acc=…
speaker_person_acc=… speaker_group_acc=…``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.embed import Encoder, load_encoder
from reader.core.framing.lexicon import word_sections
from reader.core.framing.report import FramingKind
from reader.core.framing.voices import find_voices, same_speaker
from reader.core.ingest import read_path
from reader.core.model import Analysis, DiffKind, SegmentedDocument
from reader.core.pipeline import analyse
from reader.core.settings import Settings

SOURCES = {"fox": "Fox", "nyt": "NYT", "hpo": "HuffPost"}
DEFAULT_CUT = 0.5
_WORD = re.compile(r"[\w%]+(?:[-'’.,][\w%]+)*")
_GROUP_NOUNS = word_sections("voices.txt")["organisation"]
Span = tuple[int, int]


@dataclass(frozen=True)
class Article:
    """One BASIL report: its text as annotated, and its annotations."""

    source: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]
    annotations: tuple[dict, ...]


@dataclass
class Counts:
    """Counts summed over events (word-level true/false positives, hits)."""

    lex: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, predicted, gold
    baseline: list[int] = field(default_factory=lambda: [0, 0, 0])
    inf: list[int] = field(default_factory=lambda: [0, 0])  # hit, total
    flagged: list[int] = field(default_factory=lambda: [0, 0])  # flagged, body sentences
    speakers: list[int] = field(default_factory=lambda: [0, 0])  # correct, total
    persons: list[int] = field(default_factory=lambda: [0, 0])  # of them, quotes annotated with a person
    groups: list[int] = field(default_factory=lambda: [0, 0])  # and with a group ("Democratic_lawmakers")
    kinds: Counter[str] = field(default_factory=Counter)  # marks per kind, and "<kind> hit" on lex spans

    def add(self, other: Counts) -> None:
        """Add another event's counts to these."""
        for name in ("lex", "baseline", "inf", "flagged", "speakers", "persons", "groups"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine[:] = [x + y for x, y in zip(mine, theirs, strict=True)]
        self.kinds.update(other.kinds)


def load_events(data: Path, years: Sequence[str] | None) -> list[tuple[str, list[Article]]]:
    """(year/event id, articles in Fox, NYT, HuffPost order) for every complete triplet."""
    events: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for path in sorted((data / "articles").glob("*/*.json")):
        year = path.parent.name
        if years and year not in years:
            continue
        raw = json.loads(path.read_text(encoding="utf-8"))
        ann_path = data / "annotations" / year / f"{path.stem}_ann.json"
        annotations = json.loads(ann_path.read_text(encoding="utf-8"))["phrase-level-annotations"]
        paragraphs = tuple(tuple(p) for p in raw["body-paragraphs"])
        article = Article(raw["source"].lower(), raw["title"], paragraphs, tuple(annotations))
        events[(year, raw["triplet-uuid"])].append(article)
    order = list(SOURCES)
    return [
        (f"{year}/{uuid}", sorted(articles, key=lambda a: order.index(a.source)))
        for (year, uuid), articles in sorted(events.items())
        if len(articles) == len(SOURCES)
    ]


def article_text(article: Article) -> str:
    """The report as a user would save it: title line, blank line, paragraphs separated by blank lines."""
    return "\n\n".join([article.title, *(" ".join(p) for p in article.paragraphs)]) + "\n"


def sentence_offsets(text: str, article: Article) -> dict[str, int]:
    """Where BASIL's "title" and "p<k>" sentences start in the document text as read."""
    offsets = {"title": text.find(article.title)}
    cursor = 0
    sentences = [s for paragraph in article.paragraphs for s in paragraph]
    for k, sentence in enumerate(sentences):
        found = text.find(sentence, cursor)
        offsets[f"p{k}"] = found
        cursor = found + len(sentence) if found >= 0 else cursor
    return offsets


def annotated_spans(article: Article, offsets: dict[str, int], bias: str) -> list[tuple[Span, dict]]:
    """Document-level spans of one kind of annotation, with the annotation."""
    spans = []
    for ann in article.annotations:
        start = offsets.get(ann["id"], -1)
        if ann["bias"] == bias and start >= 0:
            spans.append(((start + ann["start"], start + ann["end"]), ann))
    return spans


def words_in(word_spans: list[Span], spans: Iterable[Span]) -> set[int]:
    """Indices of the words that overlap any of ``spans``."""
    spans = list(spans)
    return {i for i, (s, e) in enumerate(word_spans) if any(s < end and start < e for start, end in spans)}


def mark_spans(analysis: Analysis, doc: int) -> list[tuple[Span, str]]:
    """Document-level spans of the framing marks on document ``doc``, with their kind. Quotation variants
    are left out: they say the speaker's words differ between two renderings, not that the outlet chose
    a loaded word, which is what a ``lex`` span annotates."""
    assert analysis.framing is not None
    spans = []
    for mark in analysis.framing.marks:
        if mark.ref.doc == doc and mark.kind is not FramingKind.QUOTATION:
            base = analysis.sentence(mark.ref).start
            spans.append(((base + mark.start, base + mark.end), mark.kind.value))
    return spans


def changed_spans(analysis: Analysis, doc: int) -> list[Span]:
    """Document-level spans of every word-diff change on ``doc``'s side of its links."""
    spans = []
    for link in analysis.alignment.links:
        for ref, kind, side in ((link.a, DiffKind.ONLY_A, "a"), (link.b, DiffKind.ONLY_B, "b")):
            if ref.doc != doc:
                continue
            base = analysis.sentence(ref).start
            spans.extend(
                (base + getattr(op, f"{side}_start"), base + getattr(op, f"{side}_end"))
                for op in link.diff if op.kind is kind
            )
    return spans


def flagged_sentences(analysis: Analysis, doc: int, cut: float) -> set[int]:
    """Body sentences of ``doc`` that are unique, carry a framing mark, or sit in a divergent group."""
    assert analysis.framing is not None
    flagged = {ref.sent for ref in analysis.alignment.unique if ref.doc == doc}
    flagged |= {m.ref.sent for m in analysis.framing.marks if m.ref.doc == doc}
    for group, divergence in zip(analysis.alignment.groups, analysis.framing.group_divergence, strict=True):
        if divergence.score > cut:
            flagged |= {m.sent for m in group.members if m.doc == doc}
    return flagged


def sentences_of(document: SegmentedDocument, span: Span) -> list[int]:
    """Indices of the engine's body sentences that overlap ``span``."""
    start, end = span
    return [i for i in document.body_indices() if document.sentences[i].start < end
            and start < document.sentences[i].end]


def score_document(analysis: Analysis, doc: int, article: Article, cut: float) -> Counts:
    """Counts of one report against its annotations."""
    document = analysis.documents[doc]
    text = document.document.text
    offsets = sentence_offsets(text, article)
    word_spans = [m.span() for m in _WORD.finditer(text)]
    gold = words_in(word_spans, (span for span, _ in annotated_spans(article, offsets, "lex")))
    marks = mark_spans(analysis, doc)
    predicted = words_in(word_spans, (span for span, _ in marks))
    baseline = words_in(word_spans, changed_spans(analysis, doc))
    counts = Counts()
    counts.lex = [len(gold & predicted), len(predicted), len(gold)]
    counts.baseline = [len(gold & baseline), len(baseline), len(gold)]
    flagged = flagged_sentences(analysis, doc, cut)
    inf = [sentences_of(document, span) for span, _ in annotated_spans(article, offsets, "inf")]
    counts.inf = [sum(1 for sents in inf if flagged & set(sents)), len(inf)]
    counts.flagged = [len(flagged & set(document.body_indices())), len(document.body_indices())]
    counts.speakers, counts.persons, counts.groups = _speaker_counts(document, article, offsets)
    for span, kind in marks:
        counts.kinds[kind] += 1
        counts.kinds[f"{kind} hit"] += bool(words_in(word_spans, [span]) & gold)
    return counts


def is_group(speaker: str) -> bool:
    """Whether a BASIL speaker names a group, not a person: one word ("NAACP", "Democrats"), a lower-case
    word ("Democratic_lawmakers", "senate_Democrats") or an organisation noun last ("Obama_campaign")."""
    words = speaker.split("_")
    return len(words) == 1 or any(w[:1].islower() for w in words) or words[-1].lower() in _GROUP_NOUNS


def _speaker_counts(
    document: SegmentedDocument, article: Article, offsets: dict[str, int]
) -> tuple[list[int], list[int], list[int]]:
    """(correct, quotes) over all named quotes, over those naming a person, over those naming a group."""
    speaker_of = {i: v.speaker for v in find_voices(document) for i in v.sentences}
    quotes = {
        (tuple(sentences_of(document, span)), ann["speaker"])
        for span, ann in annotated_spans(article, offsets, "lex") + annotated_spans(article, offsets, "inf")
        if ann.get("quote") == "yes" and ann.get("speaker") and not ann["speaker"].startswith("other_")
    }
    quotes = {(sentences, speaker) for sentences, speaker in quotes if sentences}  # titles are no voice
    tallies = {"all": [0, 0], False: [0, 0], True: [0, 0]}
    for sentences, speaker in quotes:
        hit = any(i in speaker_of and same_speaker(speaker_of[i], speaker) for i in sentences)
        for key in ("all", is_group(speaker)):
            tallies[key][0] += hit
            tallies[key][1] += 1
    return tallies["all"], tallies[False], tallies[True]


def analyse_event(
    articles: Sequence[Article], encoder: Encoder, settings: Settings, folder: Path
) -> Analysis:
    """Write the reports as .txt files as a user would save them, read them back, run the app's pipeline."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for article in articles:
        path = folder / f"{article.source}.txt"
        path.write_text(article_text(article), encoding="utf-8")
        documents.append(read_path(path, label=SOURCES[article.source]))
    return analyse(documents, settings, encoder)


def evaluate_event(
    articles: list[Article], encoder: Encoder, settings: Settings, folder: Path, cut: float
) -> Counts:
    """Write, read, analyse and score one event's three reports."""
    analysis = analyse_event(articles, encoder, settings, folder)
    counts = Counts()
    for doc, article in enumerate(articles):
        counts.add(score_document(analysis, doc, article, cut))
    return counts


def prf(counts: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 from (true positives, predicted, gold)."""
    tp, predicted, gold = counts
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _share(hits: list[int]) -> float:
    return hits[0] / hits[1] if hits[1] else 0.0


def metrics(counts: Counts) -> dict[str, float]:
    """The headline metrics, in the order of the last line."""
    p, r, f1 = prf(counts.lex)
    return {
        "lex_p": p, "lex_r": r, "lex_f1": f1, "baseline_f1": prf(counts.baseline)[2],
        "inf_recall": _share(counts.inf), "speaker_acc": _share(counts.speakers),
        "speaker_person_acc": _share(counts.persons), "speaker_group_acc": _share(counts.groups),
    }


def summary(counts: Counts) -> str:
    """The headline metrics plus context (share of sentences flagged, named quotes) on one line."""
    values = " ".join(f"{k}={v:.3f}" for k, v in metrics(counts).items())
    flagged = _share(counts.flagged)
    lift = _share(counts.inf) / flagged if flagged else 0.0
    quotes = f"quotes={counts.speakers[1]} person_quotes={counts.persons[1]} group_quotes={counts.groups[1]}"
    return f"{values} flagged={flagged:.3f} inf_lift={lift:.2f} {quotes}"


def kind_summary(counts: Counts) -> str:
    """Per framing kind: marks on a lex span / all marks."""
    kinds = sorted(k for k in counts.kinds if not k.endswith(" hit"))
    return " ".join(f"{k}={counts.kinds[k + ' hit']}/{counts.kinds[k]}" for k in kinds)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print per-period and overall metrics (overall last)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a folder laid out like BASIL")
    parser.add_argument("--years", default="", help="comma-separated years, e.g. 2014,2015")
    parser.add_argument("--limit", type=int, default=0, help="evaluate only the first N events")
    parser.add_argument("--cut", type=float, default=DEFAULT_CUT, help="group divergence cut for inf")
    parser.add_argument("--threshold", type=float, default=Settings().threshold, help="link threshold")
    args = parser.parse_args(argv)
    years = [y for y in args.years.split(",") if y]
    events = load_events(args.data, years)[: args.limit or None]
    settings = Settings().with_changes(threshold=args.threshold)
    encoder = load_encoder()
    by_period = {"2010-2013": Counts(), "2014-2017": Counts()}
    total = Counts()
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, articles) in enumerate(events, 1):
            counts = evaluate_event(articles, encoder, settings, Path(tmp) / name, args.cut)
            total.add(counts)
            by_period["2010-2013" if name[:4] <= "2013" else "2014-2017"].add(counts)
            print(f"[{n}/{len(events)}] {name}: {summary(counts)}", file=sys.stderr, flush=True)
    for period, counts in by_period.items():
        if counts.flagged[1]:
            print(f"{period}: {summary(counts)}")
            print(f"{period} marks on lex spans per kind: {kind_summary(counts)}")
    print(f"events={len(events)} {summary(total)}")
    print("basil: " + " ".join(f"{k}={v:.3f}" for k, v in metrics(total).items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
