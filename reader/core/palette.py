"""The reader's colours by name, from the colour-blind-safe Okabe–Ito palette (shared by window and export).

Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
"""

from __future__ import annotations

from dataclasses import dataclass

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
# Paul Tol's "wine" (muted scheme, colour-blind safe): contested links, dashed, in window and export.
WINE = "#882255"
GREY = "#777777"  # quotation variants: the speaker's words, not the outlet's
LEFT_OUT = "#E4E4E4"  # overview grid: a claim the source does not report
CONTESTED = REDDISH_PURPLE  # overview grid: a claim the source only contests


@dataclass(frozen=True)
class Tints:
    """The colours of one theme (light or dark), for the window and the exported page alike."""

    dark: bool
    group_tint: str  # a sentence that reports a claim other sources report too
    selected_tint: str  # the sentences of the selected claim
    changed_word: str  # a word only this source uses inside an aligned sentence
    unique_tint: str  # a sentence only this source reports
    unique_bar: str
    selected_bar: str  # margin bar and overview marker of the selection
    dimmed_text: str  # captions, credits, boilerplate; claims all sources agree on when filtered
    deleted_word: str  # detail pane: a word the compared source drops


# The tints that sit side by side stay at least 15 ΔE apart under simulated protanopia, deuteranopia and
# tritanopia (tests/gui/test_style.py); unique sentences also get a margin bar, so colour is never alone.
LIGHT = Tints(
    dark=False,
    group_tint="#DCEFFA",
    selected_tint="#8CCAEE",
    changed_word="#F7CF6E",
    unique_tint="#FCE9C8",
    unique_bar=REDDISH_PURPLE,
    selected_bar=BLUE,
    dimmed_text="#8C8C8C",
    deleted_word="#F2B99A",
)

DARK = Tints(
    dark=True,
    group_tint="#1D3647",
    selected_tint="#2C6185",
    changed_word="#7A5800",
    unique_tint="#4B3B2A",
    unique_bar=REDDISH_PURPLE,
    selected_bar=SKY_BLUE,
    dimmed_text="#7A7A7A",
    deleted_word="#7A3510",
)
