"""Every kind of difference the reader names, declared once: title, legend, colour, line, weight, analyser.

The window (underlines, legend, detail tags), the HTML export (its CSS), the JSON schema (the enum of
mark kinds) and the divergence (weights, names in explanations) all read ``KINDS``; adding a kind is
one entry here plus its analyser. The order is the analysers' priority: where two mark overlapping
words of one sentence, the first wins. ``contested`` is a kind of link, not of mark: it has no mark
analyser; its weight counts each contested link in the divergence of a pair of sources.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from reader.core import palette
from reader.core.framing.agency import agency_marks
from reader.core.framing.kinds import attribution_marks, hedge_marks, intensity_marks, label_marks
from reader.core.framing.lexicon import Lexicon
from reader.core.framing.numbers import number_marks
from reader.core.framing.pair import Pair
from reader.core.framing.quotes import quotation_marks
from reader.core.framing.report import FramingKind, FramingMark
from reader.core.model import LinkKind

Analyser = Callable[[Pair, Lexicon], Iterable[FramingMark]]


class Line(StrEnum):
    """How a kind's underline is drawn, so the kinds stay apart without colour too."""

    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"
    WAVY = "wavy"
    DASH_DOT = "dash-dot"
    DASH_DOT_DOT = "dash-dot-dot"


# The dash pattern of each line, in line widths (dash, gap, …), for painters that draw it themselves.
DASHES: dict[Line, tuple[float, ...]] = {
    Line.SOLID: (1, 0),
    Line.DASHED: (4, 2),
    Line.DOTTED: (1, 2),
    Line.WAVY: (2, 1),
    Line.DASH_DOT: (4, 2, 1, 2),
    Line.DASH_DOT_DOT: (4, 2, 1, 2, 1, 2),
}


@dataclass(frozen=True)
class KindSpec:
    """One kind: its JSON name, title, legend line, noun for counts, colour, line, weight and analyser."""

    kind: FramingKind | LinkKind
    title: str
    legend: str
    noun: str  # "2 label swaps" in divergence explanations
    colour: str  # #RRGGBB, from ``palette``
    line: Line
    weight: float  # in the divergence of a link (0: does not count)
    analyser: Analyser | None  # finds the marks of this kind in a linked pair (None: a kind of link)

    @property
    def name(self) -> str:
        """The kind's value in JSON and CSS class names."""
        return self.kind.value


KINDS: tuple[KindSpec, ...] = (
    # First: words inside a quotation both sources render are the speaker's, not the outlet's framing.
    KindSpec(FramingKind.QUOTATION, "Quotation variant",
             "one quotation rendered in other words (the speaker's words, not the outlet's).",
             "quotation variant", palette.GREY, Line.DASHED, 0.2, quotation_marks),
    KindSpec(FramingKind.LABEL, "Label",
             "a different name for the same actor or act (militants / terrorists).", "label swap",
             palette.VERMILLION, Line.SOLID, 1.0, label_marks),
    KindSpec(FramingKind.NUMBER, "Number", "the sources give different figures.",
             "number disagreement", palette.ORANGE, Line.DASH_DOT, 1.0, number_marks),
    KindSpec(FramingKind.AGENCY, "Agency", "who did it is named in one source, hidden in another.",
             "agency difference", palette.SKY_BLUE, Line.DASH_DOT_DOT, 0.8, agency_marks),
    KindSpec(FramingKind.ATTRIBUTION, "Attribution",
             "a verb that weighs the speaker (said / claimed / admitted).", "loaded attribution verb",
             palette.BLUE, Line.DASHED, 0.7, attribution_marks),
    KindSpec(FramingKind.HEDGE, "Hedge", "distance from the claim (reportedly, allegedly, may).",
             "hedge or certainty word", palette.BLUISH_GREEN, Line.DOTTED, 0.5, hedge_marks),
    KindSpec(FramingKind.INTENSITY, "Intensity", "emotive or amplifying words (brutal, heinous).",
             "intensity word", palette.REDDISH_PURPLE, Line.WAVY, 0.5, intensity_marks),
    KindSpec(LinkKind.CONTESTED, "Contested", "two sources address the same issue from opposing positions.",
             "contested link", palette.WINE, Line.DASHED, 1.0, None),
)

_BY_KIND = {spec.kind: spec for spec in KINDS}
MARK_KINDS: tuple[KindSpec, ...] = tuple(spec for spec in KINDS if spec.analyser is not None)


def spec(kind: FramingKind | LinkKind) -> KindSpec:
    """The declaration of ``kind``."""
    return _BY_KIND[kind]


def legend_text(kind: KindSpec) -> str:
    """The kind's line in a legend: "Label: a different name for …"."""
    return f"{kind.title}: {kind.legend}"
