"""Markdown output: summary, claims side by side with differing words in bold, what only one source says."""

from __future__ import annotations

import re

from reader.core.export.text import claim_explanations, contested_views, group_label, summary_lines
from reader.core.framing.report import Speech
from reader.core.highlights import flatten, sentence_highlights
from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, SentenceRef
from reader.core.overview import (
    GRID_LEGEND,
    HEADLINE_ROW,
    cell_text,
    claim_grid,
    described_referents,
    divergence_matrix,
    label_cell,
)

_ADJACENT_BOLD = re.compile(r"\*\*(\s*)\*\*")


def render_markdown(analysis: Analysis) -> str:
    """The analysis as a Markdown report."""
    index = AnalysisIndex(analysis)
    labels = [d.document.label for d in analysis.documents]
    out = [f"# Framing Reader: {' · '.join(labels)}", ""]
    out += [f"- {line}" for line in summary_lines(analysis)]
    out += ["", "Differing words are in **bold**; framing marks are listed under each claim.", ""]
    for g, group in enumerate(analysis.alignment.groups):
        out += [f"## {group_label(analysis, g)}", ""]
        for d, label in enumerate(labels):
            texts = [_marked(index, m) for m in group.members if m.doc == d]
            out.append(f"- **{_escape(label)}:** {' / '.join(texts) if texts else '*not reported*'}")
        out += [f"  - {_escape(note)}" for note in claim_explanations(analysis, group.members)]
        out.append("")
    for view in contested_views(analysis):
        out += [f"## Contested {view.number} · {view.relation}", ""]
        out += [f"- **{_escape(label)}:** {_escape(text)}" for label, text in view.sides]
        out += [f"  - {_escape(line)}" for line in view.explanation.splitlines()] + [""]
    out += _overview(analysis, index, labels)
    out += ["## Only one source reports", ""]
    for ref in analysis.alignment.unique:
        out.append(f"- **{_escape(labels[ref.doc])}:** {_escape(analysis.sentence(ref).text)}")
    return "\n".join(out) + "\n"


def _overview(analysis: Analysis, index: AnalysisIndex, labels: list[str]) -> list[str]:
    """The claims × sources grid, the divergence matrix and the labels by voice, as tables."""
    heads = " | ".join(_escape(label) for label in labels)
    rule = "|---" * (len(labels) + 2) + "|"
    out = ["## Claims × sources", "", _escape(GRID_LEGEND) + ".", ""]
    out += [f"| # | Claim | {heads} |", rule]
    for row in claim_grid(analysis, index):
        number = "H" if row.group == HEADLINE_ROW else str(row.group + 1)
        cells = " | ".join(_escape(cell_text(analysis, row, cell)) for cell in row.cells)
        out.append(f"| {number} | {_escape(row.text)} ({row.divergence:.2f}) | {cells} |")
    out += ["", "## Divergence between sources", "", f"| | {heads} |", "|---" * (len(labels) + 1) + "|"]
    for label, scores in zip(labels, divergence_matrix(analysis), strict=True):
        cells = " | ".join("" if v is None else f"{v:.2f}" for v in scores)
        out.append(f"| **{_escape(label)}** | {cells} |")
    out += ["", "## Labels by voice", "", "What each source calls each actor, own words and quoted.", ""]
    out += [f"| Actor | Voice | {heads} |", rule]
    for referent in described_referents(analysis):
        for voice in Speech:
            cells = " | ".join(_escape(label_cell(referent, d, voice).text) for d in range(len(labels)))
            out.append(f"| {_escape(referent.name)} | {voice.value} | {cells} |")
    return [*out, ""]


def _marked(index: AnalysisIndex, ref: SentenceRef) -> str:
    sentence = index.analysis.sentence(ref)
    text = index.analysis.documents[ref.doc].document.text
    highlights = sentence_highlights(index, ref)
    marked = "".join(
        f"**{_escape(text[s:e])}**" if h is not None and text[s:e].strip() else _escape(text[s:e])
        for s, e, h in flatten(sentence.start, sentence.end, highlights)
    )
    return _ADJACENT_BOLD.sub(r"\1", marked)


def _escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>|" else c for c in text)
