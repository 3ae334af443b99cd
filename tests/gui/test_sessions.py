"""Sessions in the window: save → close → open gives the same comparison with its corrections; corrections
undo and redo; an autosave left by a gone process is offered back and restores every source."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from reader.core.autosave import Autosaver
from reader.core.corrections import Verdict
from reader.core.model import LinkKind, LinkOrigin, SentenceRef
from reader.core.session import State
from reader.core.settings import Settings
from reader.gui.controller import Controller
from reader.gui.mainwindow import MainWindow, default_views
from reader.gui.settingsstore import StoredSettings
from reader.gui.welcome import demo_paths

pytestmark = pytest.mark.gui
TIMEOUT = 60_000


def open_window(qtbot, encoder, autosaver: Autosaver) -> MainWindow:
    controller = Controller(Settings(), encoder=encoder, autosaver=autosaver)
    window = MainWindow(controller, StoredSettings(), default_views())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def close(window: MainWindow) -> None:
    window.close()
    for runner in (window.controller.engine, window.controller.io):
        runner.cancel_all()
        runner.wait_for_done(TIMEOUT)


def settled(window: MainWindow, sources: int) -> bool:
    analysis = window.controller.analysis
    return analysis is not None and len(analysis.documents) == sources and not window.controller.is_running()


def click(window: MainWindow, *refs: SentenceRef) -> None:
    for ref in refs:
        window.views.comparison.panes[ref.doc].sentence_clicked.emit(ref.doc, ref.sent)


def manual(window: MainWindow) -> list[tuple]:
    links = window.controller.analysis.alignment.links
    return [(k.a, k.b, k.kind) for k in links if k.origin is LinkOrigin.MANUAL]


@pytest.fixture
def demo_files(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    return [str(shutil.copy(p, folder)) for p in demo_paths()]


def test_save_close_open_gives_the_same_comparison_with_its_corrections(qtbot, encoder, demo_files, tmp_path):
    window = open_window(qtbot, encoder, Autosaver(tmp_path / "autosave"))
    window.controller.open_paths(demo_files)
    qtbot.waitUntil(lambda: settled(window, 3), timeout=TIMEOUT)
    window.controller.session.rename(0, "Ledger")
    window.controller.apply_settings(window.controller.settings.with_changes(threshold=0.5))
    qtbot.waitUntil(lambda: settled(window, 3) and window.controller.analysis.alignment.threshold == 0.5,
                    timeout=TIMEOUT)
    before = window.controller.analysis
    link = before.alignment.links[0]
    click(window, link.a, link.b)
    window.session_commands.correct(Verdict.CONTESTED)
    qtbot.waitUntil(lambda: manual(window) == [(link.a, link.b, LinkKind.CONTESTED)], timeout=TIMEOUT)
    assert window.windowTitle().startswith("*")
    path = tmp_path / "event.framing"
    assert window.controller.save(path)
    assert window.windowTitle() == "event.framing — Framing Reader"
    shown = window.controller.analysis
    close(window)

    again = open_window(qtbot, encoder, Autosaver(tmp_path / "autosave"))
    again.controller.open_paths([str(path)])
    qtbot.waitUntil(lambda: settled(again, 3) and bool(manual(again)), timeout=TIMEOUT)
    reopened = again.controller.analysis
    assert again.controller.session.labels()[0] == "Ledger"
    assert again.controller.settings.threshold == 0.5
    assert [(k.a, k.b, k.kind, k.origin) for k in reopened.alignment.links] == [
        (k.a, k.b, k.kind, k.origin) for k in shown.alignment.links]
    assert reopened.alignment.groups == shown.alignment.groups
    assert not again.controller.session.modified
    assert str(path) in [a.text() for a in again.recent_menu.actions()]
    close(again)


def test_corrections_undo_and_redo(qtbot, encoder, demo_files, tmp_path):
    window = open_window(qtbot, encoder, Autosaver(tmp_path / "autosave"))
    window.controller.open_paths(demo_files[:2])
    qtbot.waitUntil(lambda: settled(window, 2), timeout=TIMEOUT)
    link = window.controller.analysis.alignment.links[0]
    window.session_commands.correct(Verdict.UNLINK)
    assert window.statusBar().currentMessage().startswith("Click a sentence in one column")
    click(window, link.a, link.b)
    window.session_commands.correct(Verdict.UNLINK)
    pairs = lambda: {(k.a, k.b) for k in window.controller.analysis.alignment.links}  # noqa: E731
    qtbot.waitUntil(lambda: (link.a, link.b) not in pairs() and not window.controller.is_running(),
                    timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (link.a, link.b) in pairs() and not window.controller.is_running(),
                    timeout=TIMEOUT)
    assert window.controller.session.corrections == ()
    window.session_commands.undo_stack.redo()
    qtbot.waitUntil(lambda: (link.a, link.b) not in pairs() and not window.controller.is_running(),
                    timeout=TIMEOUT)
    close(window)


def test_an_autosave_left_behind_is_offered_and_restores_every_source(qtbot, encoder, demo_files, tmp_path):
    from reader.core.ingest import read_path

    folder = tmp_path / "autosave"
    gone = Autosaver(folder, pid=2**22 + 7)  # above Linux's pid_max: a process that is gone
    gone.save(State(tuple(read_path(p) for p in demo_files), Settings(threshold=0.6)))
    window = open_window(qtbot, encoder, Autosaver(folder))
    window.session_commands.offer_recovery()
    bar = window.session_commands.restore_bar
    assert bar.isVisible() and "3 sources" in bar.label.text()
    qtbot.mouseClick(bar.restore_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and not gone.path.exists()
    assert len(window.controller.session.documents()) == 3
    assert window.controller.settings.threshold == 0.6
    assert window.controller.session.modified
    qtbot.waitUntil(lambda: settled(window, 3), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.controller.autosaver.path.exists(), timeout=TIMEOUT)
    close(window)


def test_a_damaged_autosave_is_set_aside_with_a_message(qtbot, encoder, tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    (folder / f"{2**22 + 9}.framing").write_text('{"format": "framing-reader/session", "vers')
    window = open_window(qtbot, encoder, Autosaver(folder))
    window.session_commands.offer_recovery()
    assert not window.session_commands.restore_bar.isVisible()
    assert "damaged or truncated" in window.banner.messages()[0]
    assert (folder / f"{2**22 + 9}.damaged").exists()
    close(window)


def test_sentences_linked_by_hand_become_a_claim_the_detail_pane_names(qtbot, encoder, demo_files, tmp_path):
    window = open_window(qtbot, encoder, Autosaver(tmp_path / "autosave"))
    window.controller.open_paths(demo_files[:2])
    qtbot.waitUntil(lambda: settled(window, 2), timeout=TIMEOUT)
    unique = window.controller.analysis.alignment.unique
    a = next(r for r in unique if r.doc == 0)
    b = next(r for r in unique if r.doc == 1)
    click(window, a, b)
    window.session_commands.correct(Verdict.LINK)
    qtbot.waitUntil(lambda: manual(window) == [(a, b, LinkKind.CLAIM)] and settled(window, 2),
                    timeout=TIMEOUT)
    groups = window.controller.analysis.alignment.groups
    window.views.comparison.select_group(next(g for g, group in enumerate(groups) if a in group.members))
    assert "linked by hand" in window.views.detail.browser.toPlainText()
    close(window)
