"""Every colour of the reader, light and dark, from the colour-blind-safe Okabe–Ito palette.

Widgets never spell a colour: they ask ``theme_for(widget)`` for a ``Theme`` and build their
``QTextCharFormat`` through the factories below, so the legend, the highlights and the tests agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette, QPen, QTextCharFormat
from PySide6.QtWidgets import QWidget

from reader.core.framing.report import FramingKind

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

FRAMING_LEGEND: dict[FramingKind, str] = {
    FramingKind.LABEL: "Label: a different name for the same actor or act (militants / terrorists).",
    FramingKind.ATTRIBUTION: "Attribution: a verb that weighs the speaker (said / claimed / admitted).",
    FramingKind.HEDGE: "Hedge: distance from the claim (reportedly, allegedly, may).",
    FramingKind.INTENSITY: "Intensity: emotive or amplifying words (brutal, heinous).",
    FramingKind.NUMBER: "Number: the sources give different figures.",
    FramingKind.AGENCY: "Agency: who did it is named in one source, hidden in another.",
}

_UNDERLINE = QTextCharFormat.UnderlineStyle
# A line style per kind as well as a colour, so the kinds stay apart without colour too:
# the text format's underline and the bold line the column paints under it follow the same pattern.
_UNDERLINES: dict[FramingKind, tuple[str, QTextCharFormat.UnderlineStyle, list[float]]] = {
    FramingKind.LABEL: (VERMILLION, _UNDERLINE.SingleUnderline, [1, 0]),
    FramingKind.ATTRIBUTION: (BLUE, _UNDERLINE.DashUnderline, [4, 2]),
    FramingKind.HEDGE: (BLUISH_GREEN, _UNDERLINE.DotLine, [1, 2]),
    FramingKind.INTENSITY: (REDDISH_PURPLE, _UNDERLINE.WaveUnderline, [2, 1]),
    FramingKind.NUMBER: (ORANGE, _UNDERLINE.DashDotLine, [4, 2, 1, 2]),
    FramingKind.AGENCY: (SKY_BLUE, _UNDERLINE.DashDotDotLine, [4, 2, 1, 2, 1, 2]),
}


@dataclass(frozen=True)
class Theme:
    """The colours of one palette (light or dark)."""

    dark: bool
    group_tint: QColor  # a sentence that reports a claim other sources report too
    selected_tint: QColor  # the sentences of the selected claim
    changed_word: QColor  # a word only this source uses inside an aligned sentence
    unique_tint: QColor  # a sentence only this source reports
    unique_bar: QColor
    selected_bar: QColor  # margin bar and overview marker of the selection
    dimmed_text: QColor  # captions, credits, boilerplate; claims all sources agree on when filtered
    deleted_word: QColor  # detail pane: a word the compared source drops


# The tints that sit side by side stay at least 15 ΔE apart under simulated protanopia, deuteranopia and
# tritanopia (tests/gui/test_style.py); unique sentences also get a margin bar, so colour is never alone.
LIGHT = Theme(
    dark=False,
    group_tint=QColor("#DCEFFA"),
    selected_tint=QColor("#8CCAEE"),
    changed_word=QColor("#F7CF6E"),
    unique_tint=QColor("#FCE9C8"),
    unique_bar=QColor(REDDISH_PURPLE),
    selected_bar=QColor(BLUE),
    dimmed_text=QColor("#8C8C8C"),
    deleted_word=QColor("#F2B99A"),
)

DARK = Theme(
    dark=True,
    group_tint=QColor("#1D3647"),
    selected_tint=QColor("#2C6185"),
    changed_word=QColor("#7A5800"),
    unique_tint=QColor("#4B3B2A"),
    unique_bar=QColor(REDDISH_PURPLE),
    selected_bar=QColor(SKY_BLUE),
    dimmed_text=QColor("#7A7A7A"),
    deleted_word=QColor("#7A3510"),
)


# Link bands and overview markers by divergence (1 − similarity): three steps that stay apart for
# colour-blind readers, instead of a blend whose middle turns to mud.
BAND_STEPS: tuple[tuple[float, str, str], ...] = (
    (0.15, SKY_BLUE, "told alike"),
    (0.30, ORANGE, "reworded"),
    (1.01, VERMILLION, "told differently"),
)


def band_colour(divergence: float, selected: bool = False) -> QColor:
    """The link-map fill for a divergence in [0, 1], more opaque when selected."""
    colour = QColor(next(c for limit, c, _ in BAND_STEPS if divergence < limit))
    colour.setAlphaF(0.85 if selected else 0.4)
    return colour


def theme_for(widget: QWidget) -> Theme:
    """The dark theme when the widget's window colour is dark, else the light one."""
    return DARK if widget.palette().color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def framing_colour(kind: FramingKind) -> QColor:
    """The colour of a framing kind's underline, legend swatch and detail tag."""
    return QColor(_UNDERLINES[kind][0])


def background_format(colour: QColor) -> QTextCharFormat:
    """A format that only paints the background."""
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    return fmt


def title_format() -> QTextCharFormat:
    """The headline: bold and a little larger."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 1)
    return fmt


def dimmed_format(theme: Theme) -> QTextCharFormat:
    """Captions, credits and boilerplate: grey italics."""
    fmt = QTextCharFormat()
    fmt.setForeground(theme.dimmed_text)
    fmt.setFontItalic(True)
    return fmt


def faded_format(theme: Theme) -> QTextCharFormat:
    """Claims every source tells alike, when only differences are wanted: text nearly transparent."""
    colour = QColor(theme.dimmed_text)
    colour.setAlpha(90)
    fmt = QTextCharFormat()
    fmt.setForeground(colour)
    return fmt


def changed_word_format(theme: Theme) -> QTextCharFormat:
    """A word only this source uses inside an aligned sentence."""
    fmt = background_format(theme.changed_word)
    fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt


FOUND = QColor(BLUISH_GREEN)  # matches of Find in All Sources (text and overview marker)
CURRENT_FOUND = QColor(VERMILLION)  # the match Find Next went to


def found_format(current: bool) -> QTextCharFormat:
    """A match of Find in All Sources: white on green, the current one white on vermillion and bold."""
    fmt = background_format(CURRENT_FOUND if current else FOUND)
    fmt.setForeground(QColor("#FFFFFF"))
    if current:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def framing_pen(kind: FramingKind) -> QPen:
    """The bold line painted under a framing mark: the kind's colour and dash pattern."""
    colour, _, dashes = _UNDERLINES[kind]
    pen = QPen(QColor(colour), 2)
    pen.setDashPattern(dashes)
    return pen


def framing_format(kind: FramingKind) -> QTextCharFormat:
    """A framing mark: a coloured underline in the kind's own line style."""
    colour, style, _ = _UNDERLINES[kind]
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style)
    fmt.setUnderlineColor(QColor(colour))
    return fmt


def hex_name(colour: QColor) -> str:
    """``#rrggbb`` for HTML in the detail pane."""
    return colour.name(QColor.NameFormat.HexRgb)

