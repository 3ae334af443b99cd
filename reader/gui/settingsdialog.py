"""The settings form, generated from the ``Settings`` declaration: one editor per field, help as tooltip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from reader.core.settings import Settings

MIN_WIDTH = 480  # room for a model folder path


def make_editor(value: Any, meta: Mapping[str, Any], parent: QWidget) -> QWidget:
    """The editor a field's type and bounds call for: combo box, check box, spin box or line edit."""
    if "choices" in meta:
        editor: QWidget = QComboBox(parent)
        editor.addItems([str(choice) for choice in meta["choices"]])
    elif isinstance(value, bool):
        editor = QCheckBox(parent)
    elif isinstance(value, float):
        editor = QDoubleSpinBox(parent)
        editor.setRange(meta.get("minimum", 0.0), meta.get("maximum", 1.0))
        editor.setSingleStep(0.01)
        editor.setDecimals(2)
    else:
        editor = QLineEdit(parent)
    editor.setToolTip(meta["help"])
    set_editor_value(editor, value)
    return editor


def set_editor_value(editor: QWidget, value: Any) -> None:
    """Show ``value`` in an editor made by ``make_editor``."""
    if isinstance(editor, QComboBox):
        editor.setCurrentText(str(value))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QDoubleSpinBox):
        editor.setValue(float(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))


def editor_value(editor: QWidget) -> Any:
    """The value an editor made by ``make_editor`` holds."""
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QDoubleSpinBox):
        return round(editor.value(), editor.decimals())
    assert isinstance(editor, QLineEdit)
    return editor.text().strip()


class SettingsDialog(QDialog):
    """Edits every analysis setting; ``settings()`` returns the validated result."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(MIN_WIDTH)
        form = QFormLayout(self)
        self.editors: dict[str, QWidget] = {}
        for f in fields(Settings):
            self.editors[f.name] = make_editor(getattr(settings, f.name), f.metadata, self)
            form.addRow(f.metadata["title"], self.editors[f.name])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            parent=self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        form.addRow(buttons)

    def restore_defaults(self) -> None:
        """Put every default back into the editors."""
        defaults = Settings()
        for name, editor in self.editors.items():
            set_editor_value(editor, getattr(defaults, name))

    def settings(self) -> Settings:
        """The edited settings (an empty model name keeps the default)."""
        values = {name: editor_value(editor) for name, editor in self.editors.items()}
        values["model"] = values["model"] or Settings().model
        return Settings().with_changes(**values)
