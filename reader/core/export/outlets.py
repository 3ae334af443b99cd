"""The corpus figures per outlet as a tidy CSV (one figure per row) and one self-contained HTML page.

CSV columns: ``outlet, figure, item, value, n, events``, where ``figure`` is one of
``omission_rate`` (value: the rate, n: claims enough others report), ``distinctive_word`` (item: the
word, value: z, n: uses), ``label`` (item: ``group: alternative``, value: share of the group's uses,
n: uses) and ``divergence`` (item: the other outlet, value: the mean, n: events both report);
``events`` is the number of events behind the figure.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from html import escape
from string import Template

from reader.core.corpus import OutletRow
from reader.resources import read_text

CSV_COLUMNS = ("outlet", "figure", "item", "value", "n", "events")
MIN_LABEL_USES = 5  # label groups used less often in the whole corpus are left off the page


def render_outlets_csv(rows: Sequence[OutletRow]) -> str:
    """The figures of every outlet, one per line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerows(_csv_rows(row))
    return out.getvalue()


def _csv_rows(row: OutletRow) -> Iterator[tuple]:
    name = row.outlet
    yield name, "omission_rate", "", round(row.omission_rate, 4), row.shared_claims, row.events
    for word in row.distinctive:
        yield name, "distinctive_word", word.word, word.z, word.count, row.word_events[word.word]
    for group, uses in row.labels.items():
        total = sum(uses.values())
        for alternative, count in uses.items():
            events = row.label_events[group][alternative]
            yield name, "label", f"{group}: {alternative}", round(count / total, 4), count, events
    for other, mean in row.divergence.items():
        events = row.divergence_events[other]
        yield name, "divergence", other, round(mean, 4), events, events


def render_outlets_html(rows: Sequence[OutletRow], events: int, failed: int, title: str) -> str:
    """The page: omissions, divergence matrix, distinctive words and label choices per outlet."""
    return Template(read_text("export", "outlets.html")).substitute(
        title=escape(title),
        events=events,
        failed=f" ({failed} failed and left out)" if failed else "",
        omissions=_omissions(rows),
        divergence=_divergence(rows),
        words=_words(rows),
        labels=_labels(rows),
        min_uses=MIN_LABEL_USES,
    )


def _table(head: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """A table of already escaped cells; cells that are numbers align right."""
    header = "".join(f"<th>{cell}</th>" for cell in head)
    lines = ["".join(_cell(cell) for cell in line) for line in body]
    rows = "".join(f"<tr>{line}</tr>" for line in lines)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(cell: str) -> str:
    numeric = cell[:1].isdigit() or cell == "–"
    return f'<td class="n">{cell}</td>' if numeric else f"<td>{cell}</td>"


def _omissions(rows: Sequence[OutletRow]) -> str:
    body = [
        (escape(r.outlet), f"{r.omission_rate:.1%}", str(r.omitted), str(r.shared_claims), str(r.events))
        for r in rows
    ]
    head = ("outlet", "omission rate", "claims left out", "claims enough others report", "events")
    return _table(head, body)


def _divergence(rows: Sequence[OutletRow]) -> str:
    names = [r.outlet for r in rows]
    body = [
        (escape(r.outlet), *(_mean(r, other) for other in names)) for r in rows
    ]
    return _table(("", *(escape(n) for n in names)), body)


def _mean(row: OutletRow, other: str) -> str:
    if other not in row.divergence:
        return "–"
    return f"{row.divergence[other]:.3f} ({row.divergence_events[other]})"


def _words(rows: Sequence[OutletRow]) -> str:
    depth = max((len(r.distinctive) for r in rows), default=0)
    body = [
        tuple(_word(r, rank) for r in rows) for rank in range(depth)
    ]
    return _table(tuple(escape(r.outlet) for r in rows), body)


def _word(row: OutletRow, rank: int) -> str:
    if rank >= len(row.distinctive):
        return ""
    word = row.distinctive[rank]
    return f"{escape(word.word)} · z {word.z:.1f} · {word.count}× · {row.word_events[word.word]} ev."


def _labels(rows: Sequence[OutletRow]) -> str:
    groups = sorted({group for r in rows for group in r.labels})
    return "\n".join(_label_group(rows, g) for g in groups if _group_uses(rows, g) >= MIN_LABEL_USES)


def _group_uses(rows: Sequence[OutletRow], group: str) -> int:
    return sum(sum(r.labels.get(group, {}).values()) for r in rows)


def _label_group(rows: Sequence[OutletRow], group: str) -> str:
    alternatives = sorted({a for r in rows for a in r.labels.get(group, {})})
    body = [(escape(a), *(_uses(r, group, a) for r in rows)) for a in alternatives]
    table = _table(("", *(escape(r.outlet) for r in rows)), body)
    return f"<section><h3>{escape(group)} …</h3>{table}</section>"


def _uses(row: OutletRow, group: str, alternative: str) -> str:
    count = row.labels.get(group, {}).get(alternative, 0)
    return f"{count} ({row.label_events[group][alternative]})" if count else "–"
