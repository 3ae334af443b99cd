"""The sources list model: unique labels, moves within bounds, renames through the edit role."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.model import Document
from reader.gui.sourcelist import SourceListModel

pytestmark = pytest.mark.gui


@pytest.fixture
def model(qapp):
    model = SourceListModel()
    model.add([Document("Fox", "a"), Document("NYT", "b"), Document("Fox", "c")])
    return model


def test_added_labels_are_made_unique(model):
    assert model.labels() == ["Fox", "NYT", "Fox (2)"]


def test_move_left_and_right_and_not_past_the_ends(model):
    assert model.move(0, 1) and model.labels() == ["NYT", "Fox", "Fox (2)"]
    assert model.move(2, -1) and model.labels() == ["NYT", "Fox (2)", "Fox"]
    assert not model.move(0, -1) and not model.move(2, 1)


def test_rename_through_the_edit_role_keeps_text_and_refuses_blank(model):
    index = model.index(1)
    assert model.setData(index, "New York Times", Qt.ItemDataRole.EditRole)
    assert model.documents()[1] == Document("New York Times", "b")
    assert not model.setData(index, "   ", Qt.ItemDataRole.EditRole)
    assert model.rename(1, "Fox") and model.labels()[1] == "Fox (3)"


def test_remove_and_replace_all(model):
    model.remove(0)
    assert model.labels() == ["NYT", "Fox (2)"]
    model.replace_all([Document("Kremlin", "x"), Document("Kremlin", "y")])
    assert model.labels() == ["Kremlin", "Kremlin (2)"]
