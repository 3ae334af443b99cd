"""False framing marks on real multi-outlet reports (BASIL triplets): counted by rule, listed for judging.

For each event the three reports are analysed as ``eval/basil.py`` does. Two kinds of false mark are
counted by rule, for every mark:

- ``outside``: the mark's link joins sentences of two different claims (or is no claim link), so its
  explanation names a source that does not report the claim the marked sentence belongs to;
- ``quoted``: a word-choice mark (label, attribution, hedge, intensity) on words inside quotation marks
  while the other sentence quotes too; ``quoted_pair`` of those, the ones whose counterpart (the other
  sentence's words in their place) is quoted as well: one quotation rendered two ways, shown as the
  outlet's own framing.

Label swaps and number disagreements are written with both sentences to ``--out`` (TSV), one line a
mark, for a person to judge whether the two words name the same actor or thing (the count of the same
thing). Run it on two versions of the engine to compare (``PYTHONPATH=<other checkout>``).

Usage: ``.venv/bin/python eval/marks.py --data ../shared/eval/basil [--limit N] [--out marks.tsv]``.
The last line is ``marks: total=… outside=… quoted=… quoted_pair=… label=… number=… quotation=…``.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from basil import analyse_event, load_events

from reader.core.embed import load_encoder
from reader.core.framing.report import FramingKind, FramingMark
from reader.core.model import Analysis
from reader.core.settings import Settings

WORD_CHOICE = frozenset({"label", "attribution", "hedge", "intensity"})


def _quoted_spans_of_this_checkout() -> Callable[[str], list[tuple[int, int]]]:
    """``quoted_spans`` of this checkout's ``reader/core/framing/quoted.py``, loaded by path, so the script
    also scores an engine (on ``PYTHONPATH``) that lacks that module."""
    path = Path(__file__).resolve().parent.parent / "reader" / "core" / "framing" / "quoted.py"
    spec = importlib.util.spec_from_file_location("this_checkout_quotes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.quoted_spans


quoted_spans = _quoted_spans_of_this_checkout()


def _inside(text: str, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in quoted_spans(text))


def is_outside(analysis: Analysis, mark: FramingMark) -> bool:
    """True when the mark's link is not a claim link inside one claim."""
    link = analysis.alignment.links[mark.link]
    if str(getattr(link, "kind", "claim")) != "claim":
        return True
    return not any(link.a in g.members and link.b in g.members for g in analysis.alignment.groups)


def quoted_kind(analysis: Analysis, mark: FramingMark) -> str:
    """For a word-choice mark inside quotation marks while the other sentence quotes too: "pair" when the
    other sentence's words in its place are quoted as well (one quotation rendered two ways), "one"
    otherwise; "" for any other mark."""
    if str(mark.kind) not in WORD_CHOICE:
        return ""
    link = analysis.alignment.links[mark.link]
    other = link.b if mark.ref == link.a else link.a
    mine, theirs = analysis.sentence(mark.ref).text, analysis.sentence(other).text
    if not (_inside(mine, mark.start, mark.end) and quoted_spans(theirs)):
        return ""
    found = theirs.find(mark.counterpart) if mark.counterpart else -1
    return "pair" if found >= 0 and _inside(theirs, found, found + len(mark.counterpart)) else "one"


def judged_rows(analysis: Analysis, event: str) -> list[str]:
    """Label and number marks (one side each) with both sentences, for a person to judge."""
    rows = []
    for mark in analysis.framing.marks if analysis.framing else ():
        link = analysis.alignment.links[mark.link]
        if mark.kind not in (FramingKind.LABEL, FramingKind.NUMBER) or mark.ref != link.a:
            continue
        texts = [analysis.sentence(r).text.replace("\t", " ") for r in (link.a, link.b)]
        rows.append("\t".join([event, str(mark.kind), mark.text, mark.counterpart, *texts]))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Analyse the events, count marks by rule and write the ones to judge."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    encoder = load_encoder()
    counts: Counter[str] = Counter()
    rows: list[str] = []
    events = load_events(args.data, None)
    with tempfile.TemporaryDirectory() as folder:
        for event, articles in events[: args.limit or None]:
            analysis = analyse_event(articles, encoder, Settings(), Path(folder) / event.replace("/", "-"))
            for mark in analysis.framing.marks if analysis.framing else ():
                counts["total"] += 1
                counts[str(mark.kind)] += 1
                counts["outside"] += is_outside(analysis, mark)
                quoted = quoted_kind(analysis, mark)
                counts["quoted"] += bool(quoted)
                counts["quoted_pair"] += quoted == "pair"
            rows += judged_rows(analysis, event)
    if args.out:
        args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    print(f"marks: total={counts['total']} outside={counts['outside']} quoted={counts['quoted']} "
          f"quoted_pair={counts['quoted_pair']} "
          f"label={counts['label']} number={counts['number']} quotation={counts['quotation']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
