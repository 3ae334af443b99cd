"""Every colour of the reader as Qt objects, light and dark; the named colours are ``reader.core.palette``'s.

Widgets never spell a colour: they ask ``theme_for(widget)`` for a ``Theme`` and build their
``QTextCharFormat`` through the factories below, so the legend, the highlights and the tests agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen, QTextCharFormat
from PySide6.QtWidgets import QWidget

from reader.core import palette
from reader.core.framing.catalogue import DASHES, Line, spec
from reader.core.framing.report import FramingKind
from reader.core.model import LinkKind
from reader.core.palette import BLUISH_GREEN, ORANGE, SKY_BLUE, VERMILLION

_UNDERLINE = QTextCharFormat.UnderlineStyle
# Each line of the catalogue as a text underline (the bold line painted under a mark follows its dashes).
_UNDERLINE_STYLES: dict[Line, QTextCharFormat.UnderlineStyle] = {
    Line.SOLID: _UNDERLINE.SingleUnderline,
    Line.DASHED: _UNDERLINE.DashUnderline,
    Line.DOTTED: _UNDERLINE.DotLine,
    Line.WAVY: _UNDERLINE.WaveUnderline,
    Line.DASH_DOT: _UNDERLINE.DashDotLine,
    Line.DASH_DOT_DOT: _UNDERLINE.DashDotDotLine,
}


@dataclass(frozen=True)
class Theme:
    """The colours of one palette (light or dark) as ``QColor``; see ``palette.Tints`` for their roles."""

    dark: bool
    group_tint: QColor
    selected_tint: QColor
    changed_word: QColor
    unique_tint: QColor
    unique_bar: QColor
    selected_bar: QColor
    dimmed_text: QColor
    deleted_word: QColor

    @classmethod
    def of(cls, tints: palette.Tints) -> Theme:
        """The theme of a palette's tints."""
        colours = {f.name: QColor(getattr(tints, f.name)) for f in fields(tints) if f.name != "dark"}
        return cls(dark=tints.dark, **colours)


LIGHT = Theme.of(palette.LIGHT)
DARK = Theme.of(palette.DARK)


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


def contested_colour() -> QColor:
    """The colour of contested links: bands, margin bars, overview markers and the detail pane."""
    return QColor(spec(LinkKind.CONTESTED).colour)


def contested_pen(selected: bool = False) -> QPen:
    """The dashed outline of a contested link's band."""
    pen = QPen(contested_colour(), 2.5 if selected else 1.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def contested_fill(selected: bool = False) -> QColor:
    """The faint fill of a contested link's band, stronger when selected."""
    colour = contested_colour()
    colour.setAlphaF(0.35 if selected else 0.12)
    return colour


def theme_for(widget: QWidget) -> Theme:
    """The dark theme when the widget's window colour is dark, else the light one."""
    return DARK if widget.palette().color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def framing_colour(kind: FramingKind | LinkKind) -> QColor:
    """The colour of a kind's underline, legend swatch and detail tag (as the catalogue declares it)."""
    return QColor(spec(kind).colour)


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
    declared = spec(kind)
    pen = QPen(QColor(declared.colour), 2)
    pen.setDashPattern(list(DASHES[declared.line]))
    return pen


def framing_format(kind: FramingKind) -> QTextCharFormat:
    """A framing mark: a coloured underline in the kind's own line style."""
    declared = spec(kind)
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(_UNDERLINE_STYLES[declared.line])
    fmt.setUnderlineColor(QColor(declared.colour))
    return fmt


def hex_name(colour: QColor) -> str:
    """``#rrggbb`` for HTML in the detail pane."""
    return colour.name(QColor.NameFormat.HexRgb)

