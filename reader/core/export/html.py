"""One self-contained HTML page: sources side by side, claims linked, differing words highlighted.

Nothing is loaded from elsewhere: styles and the small hover script are inline. Text is rendered by
walking each document with an offset cursor and escaping every piece.
"""

from __future__ import annotations

from html import escape
from string import Template

from reader.core import palette
from reader.core.export.text import contested_views, group_label, summary_lines
from reader.core.framing.catalogue import MARK_KINDS, Line, legend_text
from reader.core.framing.report import Speech
from reader.core.highlights import DIFF, document_highlights, flatten
from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, Role, Sentence, SentenceRef
from reader.core.overview import (
    GRID_LEGEND,
    HEADLINE_ROW,
    CellState,
    cell_text,
    claim_grid,
    described_referents,
    divergence_matrix,
    grid_range,
    label_cell,
    scaled,
    value_range,
)
from reader.resources import read_text


def render_html(analysis: Analysis) -> str:
    """The whole page as a string."""
    index = AnalysisIndex(analysis)
    labels = " · ".join(escape(d.document.label) for d in analysis.documents)
    columns = "\n".join(_column(index, d) for d in range(len(analysis.documents)))
    return Template(read_text("export", "page.html")).substitute(
        title=f"Framing Reader — {labels}",
        css=read_text("export", "page.css") + page_colours(),
        legend=_legend(),
        script=read_text("export", "page.js"),
        summary=_summary(analysis),
        ncols=len(analysis.documents),
        columns=columns,
        claims=_claims_table(analysis),
        overview=_overview(analysis, index),
        contested=_contested_table(analysis),
    )


# The page's names for the palette's tints (page.css uses these variables).
_CSS_TINTS = {"--link": "group_tint", "--sel": "selected_tint", "--diff": "changed_word",
              "--unique": "unique_tint", "--unique-bar": "unique_bar", "--dimmed": "dimmed_text"}
# How CSS draws each line of the catalogue (it has no dash-dot: those get the nearest it has).
_CSS_LINES = {Line.SOLID: "solid", Line.DASHED: "dashed", Line.DOTTED: "dotted", Line.WAVY: "wavy",
              Line.DASH_DOT: "double", Line.DASH_DOT_DOT: "dotted"}


def page_colours() -> str:
    """CSS for the window's colours: the light and dark tints, and each framing kind's underline."""
    def variables(tints: palette.Tints) -> str:
        return " ".join(f"{name}: {getattr(tints, field)};" for name, field in _CSS_TINTS.items())

    kinds = "".join(
        f"\nmark.frame.{k.name} {{ text-decoration-color: {k.colour};"
        f" text-decoration-style: {_CSS_LINES[k.line]}; }}"
        for k in MARK_KINDS
    )
    return (f"\n:root {{ {variables(palette.LIGHT)} }}"
            f"\n@media (prefers-color-scheme: dark) {{ :root {{ {variables(palette.DARK)} }} }}{kinds}\n")


def _legend() -> str:
    return "\n".join(
        f' <mark class="frame {k.name}" title="{escape(legend_text(k))}">{k.name}</mark>' for k in MARK_KINDS
    )


def _column(index: AnalysisIndex, doc: int) -> str:
    segmented = index.analysis.documents[doc]
    meta = segmented.document
    byline = " · ".join(escape(x) for x in (meta.outlet, meta.date, meta.author) if x)
    highlights = document_highlights(index, doc)
    paragraphs: dict[int, list[str]] = {}
    for i, sentence in enumerate(segmented.sentences):
        html = _sentence(index, SentenceRef(doc, i), sentence, highlights)
        paragraphs.setdefault(sentence.paragraph, []).append(html)
    body = "\n".join(f"<p>{' '.join(parts)}</p>" for _, parts in sorted(paragraphs.items()))
    return (
        f'<section class="column"><header><h2>{escape(meta.label)}</h2>'
        f'<div class="meta">{byline}</div></header>{body}</section>'
    )


def _sentence(index: AnalysisIndex, ref: SentenceRef, sentence: Sentence, highlights: list) -> str:
    text = index.analysis.documents[ref.doc].document.text
    pieces = []
    for start, end, h in flatten(sentence.start, sentence.end, highlights):
        piece = escape(text[start:end])
        if h is None:
            pieces.append(piece)
        else:
            note = f' title="{escape(h.note)}"' if h.note else ""
            css = "diff" if h.kind == DIFF else f"frame {h.kind}"
            pieces.append(f'<mark class="{css}"{note}>{piece}</mark>')
    group = index.group_of(ref)
    classes = ["s", str(sentence.role)]
    attrs = ""
    if sentence.role is not Role.BODY:
        classes.append("nonbody")
    elif group >= 0:
        classes.append("linked")
        attrs = f' data-group="{group}" title="{escape(group_label(index.analysis, group))}"'
    elif ref in index.unique:
        classes.append("unique")
        attrs = ' title="Only this source reports this"'
    return f'<span class="{" ".join(classes)}"{attrs}>{"".join(pieces)}</span>'


def _summary(analysis: Analysis) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in summary_lines(analysis))
    return f"<ul class='summary'>{items}</ul>"


def _overview(analysis: Analysis, index: AnalysisIndex) -> str:
    """The claims × sources grid, the divergence matrix and the labels by voice."""
    heads = "".join(f"<th>{escape(d.document.label)}</th>" for d in analysis.documents)
    return (
        f"<h2>Claims × sources</h2><p>{escape(GRID_LEGEND)}.</p>"
        f"<table class='grid'><tr><th>#</th><th>Claim</th>{heads}</tr>{_grid_rows(analysis, index)}</table>"
        f"<h2>Divergence between sources</h2>"
        f"<table class='grid'><tr><th></th>{heads}</tr>{_matrix_rows(analysis)}</table>"
        f"<h2>Labels by voice</h2><table class='grid labels'><tr><th>Actor</th><th>Voice</th>{heads}</tr>"
        f"{_label_rows(analysis)}</table>"
    )


def _grid_rows(analysis: Analysis, index: AnalysisIndex) -> str:
    rows = claim_grid(analysis, index)
    bounds = grid_range(rows)
    html = []
    for row in rows:
        number = "H" if row.group == HEADLINE_ROW else str(row.group + 1)
        cells = "".join(
            f'<td style="{_shade(scaled(cell.divergence, bounds), cell.state)}">'
            f"{escape(cell_text(analysis, row, cell))}</td>"
            for cell in row.cells
        )
        html.append(f'<tr data-group="{row.group}"><th>{number}</th><td>{escape(row.text)}</td>{cells}</tr>')
    return "".join(html)


def _matrix_rows(analysis: Analysis) -> str:
    scores = divergence_matrix(analysis)
    spread = value_range(v for row in scores for v in row if v is not None)
    return "".join(
        f"<tr><th>{escape(d.document.label)}</th>{''.join(_score_cell(v, spread) for v in row)}</tr>"
        for d, row in zip(analysis.documents, scores, strict=True)
    )


def _label_rows(analysis: Analysis) -> str:
    return "".join(
        f'<tr class="{voice.value}"><th>{escape(r.name)}</th><td>{voice.value}</td>'
        + "".join(f"<td>{escape(label_cell(r, d, voice).text)}</td>" for d in range(len(analysis.documents)))
        + "</tr>"
        for r in described_referents(analysis)
        for voice in Speech
    )


def _score_cell(score: float | None, bounds: tuple[float, float]) -> str:
    if score is None:
        return "<td></td>"
    return f'<td style="{_shade(scaled(score, bounds), CellState.REPORTED)}">{score:.2f}</td>'


def _shade(share: float, state: CellState) -> str:
    """A cell's background: vermillion as strong as ``share`` in [0, 1]; grey left out; purple contested."""
    if state is CellState.LEFT_OUT:
        return f"background:{palette.LEFT_OUT}"
    if state is CellState.CONTESTED:
        return f"background:{palette.CONTESTED}"
    alpha = round(255 * (0.08 + 0.72 * min(max(share, 0.0), 1.0)))
    return f"background:{palette.VERMILLION}{alpha:02X}"


def _claims_table(analysis: Analysis) -> str:
    head = "".join(f"<th>{escape(d.document.label)}</th>" for d in analysis.documents)
    rows = []
    for g, group in enumerate(analysis.alignment.groups):
        cells = []
        for d in range(len(analysis.documents)):
            texts = [analysis.sentence(m).text for m in group.members if m.doc == d]
            cells.append(f"<td>{'<br>'.join(escape(t) for t in texts) or '<em>— not reported —</em>'}</td>")
        rows.append(f'<tr data-group="{g}"><th>{g + 1}</th>{"".join(cells)}</tr>')
    return f"<table class='claims'><tr><th>#</th>{head}</tr>{''.join(rows)}</table>"


def _contested_table(analysis: Analysis) -> str:
    """Contested links: the two sides against each other and how they diverge."""
    rows = []
    for view in contested_views(analysis):
        sides = "".join(f"<td><b>{escape(label)}:</b> {escape(text)}</td>" for label, text in view.sides)
        rows.append(
            f'<tr class="contested"><th>{view.number}</th><td>{escape(view.relation)}</td>{sides}'
            f"<td>{'<br>'.join(escape(line) for line in view.explanation.splitlines())}</td></tr>"
        )
    if not rows:
        return "<p>No contested links.</p>"
    head = "<tr><th>#</th><th>relation</th><th>one side</th><th>other side</th><th>how they diverge</th></tr>"
    return f"<table class='claims contested'>{head}{''.join(rows)}</table>"
