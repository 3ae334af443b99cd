"""Many sources at a glance: the claims × sources grid, the divergence matrix, the labels by voice.

Qt-free: the window's table models and the HTML and Markdown exports read these same tables.

Grid: a row per claim in reading order, after a headline row. A cell says whether the source reports
the claim, leaves it out, or only contests it (a contested link from one of its sentences to the claim),
and where the source tells it: its headline, its lede (first paragraph) or its paragraph rank, so a claim
one outlet leads with and another buries shows in one row. Headlines that do not take part in a claim
form their own row, compared by the TF-IDF overlap of their content words (``reader.core.lexical``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from reader.core.framing.report import Form, Referent, Speech
from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, LinkKind, Role, SegmentedDocument, SentenceRef

HEADLINE_ROW = -1  # the group number of the headline row
GRID_LEGEND = (
    "lede, ¶n: where the source tells the claim · —: it leaves it out · vs ¶n: it answers the claim from "
    "another position there (a contested link) · the stronger the shade, the more its wording diverges"
)
CLAIM_CHARS = 90  # a claim's text in the grid is cut to this length


class CellState(StrEnum):
    """What a source does with a claim."""

    REPORTED = "reported"
    LEFT_OUT = "left out"
    CONTESTED = "contested"


@dataclass(frozen=True)
class Cell:
    """One source's part in one claim: its sentences, where they stand, how far they diverge."""

    state: CellState
    refs: tuple[SentenceRef, ...] = ()
    rank: int = -1  # 0 the headline, 1 the lede, n the n-th paragraph; -1 when the source is silent
    divergence: float = 0.0  # mean 1 − similarity of its links to the other sources' sentences
    marks: int = 0  # framing marks in its sentences

    @property
    def position(self) -> str:
        """ "headline", "lede", "¶4", or "" when the source does not tell the claim."""
        if self.rank < 0:
            return ""
        return ("headline", "lede")[self.rank] if self.rank < 2 else f"¶{self.rank}"

    @property
    def text(self) -> str:
        """The cell as a word or two: its position, "vs" and the position of its answer, or "—"."""
        if self.state is CellState.REPORTED:
            return self.position
        return f"vs {self.position}" if self.state is CellState.CONTESTED else "—"


@dataclass(frozen=True)
class GridRow:
    """A claim (or the headlines) across all sources."""

    group: int  # index into alignment.groups, or HEADLINE_ROW
    text: str
    divergence: float
    cells: tuple[Cell, ...]


def claim_grid(analysis: Analysis, index: AnalysisIndex | None = None) -> tuple[GridRow, ...]:
    """The headline row (when headlines stand apart from the claims), then every claim in reading order."""
    index = index or AnalysisIndex(analysis)
    rows = [_claim_row(analysis, index, g) for g in index.ordered_groups]
    headline = _headline_row(analysis, index)
    return (headline, *rows) if headline else tuple(rows)


def _claim_row(analysis: Analysis, index: AnalysisIndex, group: int) -> GridRow:
    members = analysis.alignment.groups[group].members
    contesting = _contesting(analysis, set(members))
    cells = tuple(
        _cell(analysis, index, group, d, contesting.get(d, ())) for d in range(len(analysis.documents))
    )
    first = min(members)
    return GridRow(group, _short(analysis.sentence(first).text), index.divergence(group), cells)


def _contesting(analysis: Analysis, members: set[SentenceRef]) -> dict[int, tuple[SentenceRef, ...]]:
    """Per document: its sentences joined to the claim by a contested link."""
    found: dict[int, set[SentenceRef]] = {}
    for link in analysis.alignment.links:
        if link.kind is not LinkKind.CONTESTED:
            continue
        for mine, theirs in ((link.a, link.b), (link.b, link.a)):
            if theirs in members and mine not in members:
                found.setdefault(mine.doc, set()).add(mine)
    return {d: tuple(sorted(refs)) for d, refs in found.items()}


def _cell(
    analysis: Analysis, index: AnalysisIndex, group: int, doc: int, contesting: tuple[SentenceRef, ...]
) -> Cell:
    refs = tuple(index.members_in(group, doc))
    if contesting and not refs:
        rank = min(paragraph_rank(analysis.documents[doc], ref.sent) for ref in contesting)
        return Cell(CellState.CONTESTED, contesting, rank)
    if not refs:
        return Cell(CellState.LEFT_OUT)
    links = [
        analysis.alignment.links[i]
        for ref in refs
        for i in index.link_indices(ref)
        if analysis.alignment.links[i].kind is LinkKind.CLAIM
    ]
    divergence = sum(index.link_divergence(link) for link in links) / len(links) if links else 0.0
    marks = sum(len(index.marks_of(ref)) for ref in refs)
    rank = min(paragraph_rank(analysis.documents[doc], ref.sent) for ref in refs)
    return Cell(CellState.REPORTED, refs, rank, divergence, marks)


def paragraph_rank(doc: SegmentedDocument, sentence: int) -> int:
    """0 for the headline, else the rank of the sentence's paragraph among the body paragraphs (1 = lede)."""
    if doc.sentences[sentence].role is Role.TITLE:
        return 0
    paragraphs = sorted({s.paragraph for s in doc.sentences if s.is_body})
    return paragraphs.index(doc.sentences[sentence].paragraph) + 1


def cell_text(analysis: Analysis, row: GridRow, cell: Cell) -> str:
    """A cell for a reader with room: in the headline row the headline itself, elsewhere ``cell.text``."""
    if row.group == HEADLINE_ROW and cell.refs:
        return analysis.sentence(cell.refs[0]).text.strip()
    return cell.text


def _headline_row(analysis: Analysis, index: AnalysisIndex) -> GridRow | None:
    """Each source's headline side by side, unless some headline already takes part in a claim."""
    titles = [_title(d) for d in analysis.documents]
    if sum(t is not None for t in titles) < 2 or any(
        index.group_of(SentenceRef(d, t)) >= 0 for d, t in enumerate(titles) if t is not None
    ):
        return None
    from scipy import sparse  # here, not at the top: the window imports this module before it shows

    from reader.core.lexical import overlap, tfidf_vectors

    present = [d for d, t in enumerate(titles) if t is not None]
    rows = tfidf_vectors([[analysis.documents[d].sentences[titles[d]].text] for d in present])
    scores = overlap(sparse.vstack(rows), sparse.vstack(rows))  # one title per "document": all pairs at once
    alike: dict[int, list[float]] = {
        d: [float(scores[i, j]) for j in range(len(present)) if j != i] for i, d in enumerate(present)
    }
    cells = tuple(
        Cell(CellState.REPORTED, (SentenceRef(d, t),), 0, 1.0 - _mean(alike[d]))
        if t is not None
        else Cell(CellState.LEFT_OUT)
        for d, t in enumerate(titles)
    )
    divergence = 1.0 - _mean([s for others in alike.values() for s in others])
    return GridRow(HEADLINE_ROW, "Headlines", divergence, cells)


def _title(doc: SegmentedDocument) -> int | None:
    return next((i for i, s in enumerate(doc.sentences) if s.role is Role.TITLE), None)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CLAIM_CHARS else text[: CLAIM_CHARS - 1].rstrip() + "…"


def short_labels(labels: list[str], width: int = 12) -> list[str]:
    """Column headers for narrow cells: each label's first word when that tells the sources apart,
    else the label cut to ``width`` characters."""
    first = [label.split()[0] if label.split() else label for label in labels]
    if len(set(first)) == len(first):
        return [w[:width] for w in first]
    return [label if len(label) <= width else label[: width - 1] + "…" for label in labels]


def grid_range(rows: tuple[GridRow, ...]) -> tuple[float, float]:
    """The lowest and highest divergence of the reported claim cells (headlines are scored apart)."""
    claims = [row for row in rows if row.group != HEADLINE_ROW]
    return value_range(c.divergence for row in claims for c in row.cells if c.state is CellState.REPORTED)


def value_range(values: Iterable[float]) -> tuple[float, float]:
    """The lowest and highest of ``values`` ((0, 1) when there are none)."""
    values = list(values)
    return (min(values), max(values)) if values else (0.0, 1.0)


def scaled(value: float, bounds: tuple[float, float]) -> float:
    """``value`` placed within ``bounds``, in [0, 1], so shades tell one analysis' cells apart."""
    low, high = bounds
    return min(max((value - low) / (high - low), 0.0), 1.0) if high > low else 0.5


# --- the divergence matrix ---------------------------------------------------------------------------


def divergence_matrix(analysis: Analysis) -> list[list[float | None]]:
    """``matrix[a][b]``: the divergence of sources a and b (symmetric; None on the diagonal)."""
    count = len(analysis.documents)
    matrix: list[list[float | None]] = [[None] * count for _ in range(count)]
    for (a, b), divergence in analysis.framing.pair_divergence.items() if analysis.framing else ():
        matrix[a][b] = matrix[b][a] = divergence.score
    return matrix


def pair_explanation(analysis: Analysis, a: int, b: int) -> str:
    """What the divergence of two sources is made of, in words ("" when unknown)."""
    if analysis.framing is None or a == b:
        return ""
    divergence = analysis.framing.pair_divergence.get((min(a, b), max(a, b)))
    return divergence.explanation if divergence else ""


def most_divergent_claim(analysis: Analysis, a: int, b: int, index: AnalysisIndex | None = None) -> int:
    """The claim on which two sources part most: one leaves out what the other reports, else the most
    divergent claim both report; -1 when they share nothing to compare."""
    index = index or AnalysisIndex(analysis)
    best, best_key = -1, (-1, -1.0)
    for g in index.ordered_groups:
        told = analysis.alignment.groups[g].documents() & {a, b}
        if not told:
            continue
        key = (int(len(told) == 1), index.divergence(g))
        if key > best_key:
            best, best_key = g, key
    return best


# --- labels by voice ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelCell:
    """What one source calls one actor in one voice: each distinct wording with its count."""

    descriptions: tuple[tuple[str, int], ...]
    names: int  # mentions by name
    mentions: tuple[int, ...]  # indices into the referent's mentions, descriptions first

    @property
    def text(self) -> str:
        """ "terror group ×2, Hamas terrorists" (a name count in brackets when no description)."""
        words = ", ".join(w if n == 1 else f"{w} ×{n}" for w, n in self.descriptions)
        if words:
            return words
        return f"(by name ×{self.names})" if self.names > 1 else "(by name)" if self.names else ""


def label_cell(referent: Referent, doc: int, voice: Speech) -> LabelCell:
    """The words ``doc`` uses for ``referent`` in ``voice``: descriptions (lower-cased) and name count."""
    chosen = [i for i, m in enumerate(referent.mentions) if m.doc == doc and m.voice is voice]
    described = [i for i in chosen if referent.mentions[i].form is Form.DESCRIPTION]
    spelling: dict[str, str] = {}
    for i in described:
        text = " ".join(referent.mentions[i].text.split())
        spelling.setdefault(text.lower(), text)
    counts = Counter(" ".join(referent.mentions[i].text.split()).lower() for i in described)
    names = len(chosen) - len(described)
    ordered = described + [i for i in chosen if i not in described]
    return LabelCell(tuple((spelling[w], n) for w, n in counts.most_common()), names, tuple(ordered))


def described_referents(analysis: Analysis, limit: int = 6) -> tuple[Referent, ...]:
    """The actors worth showing: those some source describes (not only names), the most described first."""
    if analysis.framing is None:
        return ()
    described = [r for r in analysis.framing.referents if any(m.form is Form.DESCRIPTION for m in r.mentions)]
    return tuple(described[:limit])
