"""Plain-language lines about an analysis, shared by the Markdown and HTML renderers."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.model import Analysis, SentenceRef
from reader.core.wording import counted


def group_label(analysis: Analysis, group: int) -> str:
    """"Claim 3 · reported by A, B · divergence 0.42: …" for tooltips and headings."""
    members = analysis.alignment.groups[group].documents()
    sources = ", ".join(analysis.documents[d].document.label for d in sorted(members))
    text = f"Claim {group + 1} · reported by {sources}"
    if analysis.framing is not None:
        divergence = analysis.framing.group_divergence[group]
        text += f" · divergence {divergence.score:.2f}: {divergence.explanation}"
    return text


def summary_lines(analysis: Analysis) -> list[str]:
    """One line per source pair and per source: divergence, omissions, unique claims, vocabulary."""
    labels = [d.document.label for d in analysis.documents]
    alignment = analysis.alignment
    lines = [
        f"{counted(len(analysis.documents), 'source')}, {counted(len(alignment.groups), 'shared claim')}, "
        f"{counted(len(alignment.links), 'link')}, "
        f"{counted(len(alignment.unique), 'sentence')} only one source reports."
    ]
    framing = analysis.framing
    if framing is None:
        return lines
    for (a, b), divergence in sorted(framing.pair_divergence.items(), key=lambda kv: -kv[1].score):
        pair = f"{labels[a]} vs {labels[b]}"
        lines.append(f"{pair}: divergence {divergence.score:.2f}. {divergence.explanation}")
    for source in framing.sources:
        words = ", ".join(w.word for w in source.distinctive[:8]) or "none"
        omitted, unique = len(source.omitted_groups), len(source.unique_sentences)
        lines.append(
            f"{labels[source.doc]}: leaves out {counted(omitted, 'claim')} others report; "
            f"{counted(unique, 'sentence')} only it reports; distinctive words: {words}."
        )
    return lines


def claim_explanations(analysis: Analysis, members: tuple[SentenceRef, ...]) -> list[str]:
    """The framing explanations of a claim's sentences, once per difference (not once per side)."""
    if analysis.framing is None:
        return []
    refs = set(members)
    notes: dict[tuple, str] = {}
    for mark in analysis.framing.marks:
        if mark.ref in refs:
            key = (mark.link, mark.kind, frozenset((mark.text, mark.counterpart)))
            notes.setdefault(key, mark.explanation)
    return list(dict.fromkeys(notes.values()))


def claim_text(analysis: Analysis, group: int) -> str:
    """One claim as plain text to paste elsewhere: its heading, each source's version (or that it does
    not report it) and the framing explanations."""
    members = analysis.alignment.groups[group].members
    lines = [group_label(analysis, group), ""]
    for d, segmented in enumerate(analysis.documents):
        texts = [analysis.sentence(m).text for m in members if m.doc == d]
        lines.append(f"{segmented.document.label}: {' / '.join(texts) if texts else '(not reported)'}")
    notes = claim_explanations(analysis, members)
    return "\n".join([*lines, *([""] if notes else []), *(f"- {note}" for note in notes)]) + "\n"


@dataclass(frozen=True)
class ContestedView:
    """A contested link as the renderers show it: each side's source and sentence, and the explanation."""

    number: int
    relation: str
    sides: tuple[tuple[str, str], tuple[str, str]]  # (source label, sentence text) for link.a, link.b
    refs: tuple[SentenceRef, SentenceRef]
    explanation: str


def contested_views(analysis: Analysis) -> list[ContestedView]:
    """Every contested link, numbered from 1 in the order of the analysis."""
    if analysis.framing is None:
        return []
    views = []
    for n, contest in enumerate(analysis.framing.contests, start=1):
        link = analysis.alignment.links[contest.link]
        refs = (link.a, link.b)
        sides = tuple((analysis.documents[r.doc].document.label, analysis.sentence(r).text) for r in refs)
        views.append(ContestedView(n, contest.relation, sides, (link.a, link.b), contest.explanation))
    return views
