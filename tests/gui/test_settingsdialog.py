"""The settings form is generated from the ``Settings`` declaration and returns validated settings."""

from __future__ import annotations

from dataclasses import fields

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit

from reader.core.settings import Settings
from reader.gui.settingsdialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot):
    widget = SettingsDialog(Settings().with_changes(threshold=0.6, route="onnx"))
    qtbot.addWidget(widget)
    return widget


def test_one_editor_per_field_of_the_declared_kind_with_its_help(dialog):
    kinds = {"model": QLineEdit, "threshold": QDoubleSpinBox, "route": QComboBox, "precision": QComboBox,
             "use_cache": QCheckBox}
    assert set(dialog.editors) == {f.name for f in fields(Settings)}
    for f in fields(Settings):
        assert isinstance(dialog.editors[f.name], kinds[f.name])
        assert dialog.editors[f.name].toolTip() == f.metadata["help"]


def test_editors_start_from_the_given_settings_and_respect_bounds(dialog):
    spin = dialog.editors["threshold"]
    assert spin.value() == pytest.approx(0.6)
    assert (spin.minimum(), spin.maximum()) == (0.05, 0.95)
    assert dialog.editors["route"].currentText() == "onnx"
    assert dialog.settings() == Settings().with_changes(threshold=0.6, route="onnx")


def test_edits_come_back_as_settings_and_defaults_can_be_restored(dialog):
    dialog.editors["threshold"].setValue(0.73)
    dialog.editors["use_cache"].setChecked(False)
    dialog.editors["model"].setText("  ")
    assert dialog.settings() == Settings().with_changes(threshold=0.73, route="onnx", use_cache=False)
    dialog.restore_defaults()
    assert dialog.settings() == Settings()
