"""The palette stays readable for colour-blind readers: highlight colours that sit side by side remain
apart (CIE76 ΔE) under simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1)."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from reader.gui import style

SIMULATIONS = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
MIN_DELTA_E = 15


def _linear(colour: QColor) -> np.ndarray:
    c = np.array([colour.redF(), colour.greenF(), colour.blueF()])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 0.008856, np.cbrt(f), 7.787 * f + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e(a: QColor, b: QColor, vision: np.ndarray) -> float:
    seen = [_lab(np.clip(vision @ _linear(c), 0, 1)) for c in (a, b)]
    return float(np.linalg.norm(seen[0] - seen[1]))


@pytest.mark.parametrize("theme", [style.LIGHT, style.DARK], ids=["light", "dark"])
@pytest.mark.parametrize("vision", SIMULATIONS, ids=list(SIMULATIONS))
def test_sentence_highlights_stay_apart(theme, vision):
    tints = {"claim": theme.group_tint, "unique": theme.unique_tint, "changed": theme.changed_word,
             "selected": theme.selected_tint}
    for (name_a, a), (name_b, b) in combinations(tints.items(), 2):
        assert _delta_e(a, b, SIMULATIONS[vision]) >= MIN_DELTA_E, (name_a, name_b)


@pytest.mark.parametrize("vision", SIMULATIONS, ids=list(SIMULATIONS))
def test_link_band_steps_stay_apart(vision):
    steps = [QColor(colour) for _, colour, _ in style.BAND_STEPS]
    for a, b in combinations(steps, 2):
        assert _delta_e(a, b, SIMULATIONS[vision]) >= MIN_DELTA_E


def test_window_and_html_export_draw_each_kind_and_tint_in_the_same_colour():
    from reader.core.export.html import page_colours
    from reader.core.framing.catalogue import MARK_KINDS

    css = page_colours()
    for kind in MARK_KINDS:
        colour = style.hex_name(style.framing_colour(kind.kind)).upper()
        assert f"mark.frame.{kind.name} {{ text-decoration-color: {colour};" in css
    light_rule = css.split(":root {")[1].split("}")[0]
    assert f"--link: {style.hex_name(style.LIGHT.group_tint).upper()};" in light_rule
    assert f"--unique: {style.hex_name(style.LIGHT.unique_tint).upper()};" in light_rule
    assert f"--diff: {style.hex_name(style.LIGHT.changed_word).upper()};" in light_rule
