"""Markdown output: summary, claims side by side with differing words in bold, what only one source says."""

from __future__ import annotations

import re

from reader.core.export.text import claim_explanations, group_label, summary_lines
from reader.core.highlights import flatten, sentence_highlights
from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, SentenceRef

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
    out += ["## Only one source reports", ""]
    for ref in analysis.alignment.unique:
        out.append(f"- **{_escape(labels[ref.doc])}:** {_escape(analysis.sentence(ref).text)}")
    return "\n".join(out) + "\n"


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
