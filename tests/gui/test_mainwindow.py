"""The real main window, driven offscreen: drop files, analyse with the real model, select, cancel, fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import JPOST
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QPushButton

from reader.core.export.text import claim_explanations
from reader.core.settings import Settings
from reader.gui import style
from reader.gui.articleview import BAR_WIDTH
from reader.gui.controller import Controller
from reader.gui.mainwindow import MainWindow, default_views
from reader.gui.settingsstore import StoredSettings
from reader.gui.sourcepane import SourcePane
from reader.gui.style import theme_for
from reader.gui.welcome import demo_paths

pytestmark = pytest.mark.gui
TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, encoder):
    controller = Controller(Settings(), encoder=encoder)
    window = MainWindow(controller, StoredSettings(), default_views())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    controller.engine.cancel_all()
    controller.engine.wait_for_done(TIMEOUT)
    controller.io.wait_for_done(TIMEOUT)


@pytest.fixture
def demo_files(tmp_path):
    """Copies of the demo articles (tests may add broken files beside them)."""
    return [shutil.copy(p, tmp_path) for p in demo_paths()]


def file_mime(paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(window: MainWindow, mime: QMimeData) -> None:
    """Drop ``mime`` on the window the way Qt delivers a drop that its children ignore."""
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def click_sentence(qtbot, pane: SourcePane, sent: int) -> None:
    """Click the start of a line of sentence ``sent``, as a reader would."""
    pane.scroll_sentence_to(sent, 10)
    y = next(y for y in range(pane.view.viewport().height()) if pane.sentence_at_y(y) == sent)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3 * BAR_WIDTH, y))


def wait_for_analysis(qtbot, window: MainWindow, sources: int) -> None:
    qtbot.waitUntil(lambda: window.controller.analysis is not None
                    and len(window.controller.analysis.documents) == sources
                    and not window.controller.is_running(), timeout=TIMEOUT)


def test_window_accepts_dragged_files_and_text(window, demo_files):
    text = QMimeData()
    text.setText("Some article text.")
    for mime in (file_mime(demo_files), text):
        event = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        window.dragEnterEvent(event)
        assert event.isAccepted()
    assert window.acceptDrops()


def test_dropped_files_become_sources_and_are_analysed(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 3, timeout=TIMEOUT)
    labels = window.controller.session.labels()
    assert all(label in window.windowTitle() for label in labels)
    wait_for_analysis(qtbot, window, 3)
    analysis = window.controller.analysis
    assert [d.document.label for d in analysis.documents] == labels
    assert analysis.alignment.groups, "the demo articles share claims"
    assert not window.progress_bar.isVisible() and not window.cancel_button.isVisible()
    recent = [action.text() for action in window.recent_menu.actions()]
    assert sorted(recent) == sorted(str(p.resolve()) for p in map(Path, demo_files))


def test_bad_file_shows_error_and_other_files_still_load(qtbot, window, demo_files, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    drop(window, file_mime([demo_files[0], broken, demo_files[1], empty]))
    qtbot.waitUntil(lambda: len(window.banner.messages()) == 2, timeout=TIMEOUT)
    assert window.banner.isVisible()
    assert [m.split(" — ")[0] for m in window.banner.messages()] == ["broken.pdf", "empty.txt"]
    assert window.controller.sources.rowCount() == 2
    wait_for_analysis(qtbot, window, 2)


def test_cancel_stops_the_analysis_and_keeps_the_sources(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    qtbot.waitUntil(window.controller.is_running, timeout=TIMEOUT)
    assert window.cancel_button.isVisible()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.controller.is_running()
    assert not window.cancel_button.isVisible()
    window.controller.engine.wait_for_done(TIMEOUT)
    qtbot.wait(100)
    assert window.controller.analysis is None
    assert window.controller.sources.rowCount() == 3


def test_dropping_more_files_mid_run_restarts_with_all_sources(qtbot, window, demo_files):
    drop(window, file_mime(demo_files[:2]))
    qtbot.waitUntil(window.controller.is_running, timeout=TIMEOUT)
    drop(window, file_mime(demo_files[2:]))
    wait_for_analysis(qtbot, window, 3)


def test_threshold_slider_realigns_without_new_sources(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    before = window.controller.analysis
    window.threshold_slider.setValue(80)
    qtbot.waitUntil(lambda: window.controller.analysis is not before and not window.controller.is_running(),
                    timeout=TIMEOUT)
    after = window.controller.analysis
    assert after.alignment.threshold == pytest.approx(0.8)
    assert len(after.alignment.links) < len(before.alignment.links)
    assert after.vectors is before.vectors


def _found_formats(pane: SourcePane) -> list[tuple[str, bool]]:
    """The find overlays of a column: the text each covers and whether it is the current match."""
    current = style.found_format(True).background().color()
    found = {style.found_format(False).background().color().name(), current.name()}
    return [(sel.cursor.selectedText(), sel.format.background().color() == current)
            for sel in pane.view.extraSelections() if sel.format.background().color().name() in found]


def test_find_marks_every_source_and_steps_through_them(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    window.focus_find()
    qtbot.keyClicks(window.find_box, "halvard square")
    panes = window.views.comparison.panes
    counts = [len(_found_formats(pane)) for pane in panes]
    assert all(counts) and window.statusBar().currentMessage() == f"{sum(counts)} matches in 3 sources"
    assert all(text.lower() == "halvard square" for pane in panes for text, _ in _found_formats(pane))
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert _found_formats(panes[0])[0][1] is True  # the first match of the first column is current
    for _ in range(counts[0]):
        window.views.comparison.find_next()
    assert any(current for _, current in _found_formats(panes[1]))
    assert not any(current for _, current in _found_formats(panes[0]))
    selections = panes[1].view.extraSelections()
    current = next(s.cursor for s in selections if s.format.background().color() == style.CURRENT_FOUND)
    assert 0 <= panes[1].view.cursorRect(current).top() < panes[1].view.viewport().height()  # in view
    window.threshold_slider.setValue(60)  # a re-alignment keeps the find
    qtbot.waitUntil(lambda: window.controller.analysis.alignment.threshold == pytest.approx(0.6)
                    and not window.controller.is_running(), timeout=TIMEOUT)
    assert [len(_found_formats(pane)) for pane in panes] == counts
    window.find_box.clear()
    assert not any(_found_formats(pane) for pane in panes)


def test_copy_claim_puts_every_sources_version_on_the_clipboard(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    window.copy_claim()
    assert "Select a claim first" in window.statusBar().currentMessage()
    window.views.comparison.next_difference()
    group = window.views.comparison.selected_group
    window.copy_claim()
    copied = QGuiApplication.clipboard().text()
    analysis = window.controller.analysis
    assert copied.startswith(f"Claim {group + 1} · reported by")
    for member in analysis.alignment.groups[group].members:
        label = analysis.documents[member.doc].document.label
        assert f"{label}: " in copied and analysis.sentence(member).text in copied
    assert copied.count("\n- ") == len(claim_explanations(analysis, analysis.alignment.groups[group].members))


def test_find_with_no_match_says_so(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    window.find_box.setText("zebra crossing")
    assert window.statusBar().currentMessage() == "No match"
    window.views.comparison.find_next()  # nothing to go to: no error


def test_dropped_text_and_urls_in_text_are_told_apart(qtbot, window):
    mime = QMimeData()
    mime.setText("Police and protesters clashed in the port on Thursday night. Twelve people died.")
    drop(window, mime)
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 1, timeout=TIMEOUT)
    assert window.controller.session.labels() == ["Dropped text"]


def test_unreachable_url_shows_error_naming_it(qtbot, window):
    mime = QMimeData()
    mime.setText("http://127.0.0.1:9/no-such-article")
    drop(window, mime)
    qtbot.waitUntil(lambda: bool(window.banner.messages()), timeout=TIMEOUT)
    assert window.banner.messages()[0].startswith("http://127.0.0.1:9/no-such-article — ")
    assert window.controller.sources.rowCount() == 0


def test_sources_can_be_reordered_renamed_and_removed(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 3, timeout=TIMEOUT)
    first, second, third = window.controller.session.labels()
    window.source_list.setCurrentIndex(window.controller.sources.index(0))
    window.move_source(1)
    assert window.controller.session.labels() == [second, first, third]
    window.controller.session.rename(1, "Ledger")
    assert window.controller.session.labels() == [second, "Ledger", third]
    window.remove_source()
    assert window.controller.session.labels() == [second, third]
    wait_for_analysis(qtbot, window, 2)
    assert [d.document.label for d in window.controller.analysis.documents] == [second, third]


def test_rename_after_analysis_relabels_without_reanalysing(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    vectors = window.controller.analysis.vectors
    window.controller.session.rename(0, "Ledger")
    assert window.controller.analysis.documents[0].document.label == "Ledger"
    assert window.controller.analysis.vectors is vectors
    assert not window.controller.is_running()


def test_menus_show_shortcuts(window):
    shortcuts = {a.text(): a.shortcut().toString() for m in window.menuBar().actions()
                 for a in m.menu().actions() if not a.isSeparator()}
    assert shortcuts["&Next Difference"] == "F7"
    assert shortcuts["&Previous Difference"] == "Shift+F7"
    assert shortcuts["Next &Unique Sentence"] == "F8"
    assert shortcuts["&Open…"] == "Ctrl+O"
    assert shortcuts["&Quit"] == "Ctrl+Q"
    assert shortcuts["&Settings…"] == "Ctrl+,"


def test_settings_to_persist_follow_the_window(qtbot, window):
    window.sync_scroll.setChecked(False)
    window.threshold_slider.setValue(70)
    qtbot.waitUntil(lambda: window.controller.settings.threshold == pytest.approx(0.7))
    stored = window.current_settings()
    assert stored.sync_scroll is False
    assert stored.settings.threshold == pytest.approx(0.7)
    assert stored.geometry


def test_changed_words_are_highlighted_and_a_click_selects_counterparts(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    analysis = window.controller.analysis
    index = window.views.comparison.index
    link = next(link for link in analysis.alignment.links if link.a.doc == 0 and index.changed_spans(link.a))
    start, end = index.changed_spans(link.a)[0]
    sentence = analysis.sentence(link.a)
    pane = window.views.comparison.panes[0]
    theme = theme_for(pane)
    assert pane.char_format_at(sentence.start + start).background().color() == theme.changed_word
    assert pane.char_format_at(sentence.start + end - 1).background().color() == theme.changed_word

    group = next(g for g, grp in enumerate(analysis.alignment.groups) if link.a in grp.members)
    with qtbot.waitSignal(window.views.comparison.group_selected) as blocker:
        click_sentence(qtbot, pane, link.a.sent)
    assert blocker.args == [group]
    members = analysis.alignment.groups[group].members
    for doc, other in enumerate(window.views.comparison.panes):
        assert other.selected_sentences == sorted(m.sent for m in members if m.doc == doc)
    assert window.detail_dock.isVisible()


def test_next_unique_sentence_replaces_the_claim_in_the_detail_pane(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    view = window.views.comparison
    view.select_group(view.index.ordered_groups[0])
    assert window.views.detail.title.text().startswith("<b>Claim 1 of")
    view.next_unique()
    ref = view.selected_unique
    label = window.controller.analysis.documents[ref.doc].document.label
    assert window.views.detail.title.text() == f"<b>Only {label} reports this</b>"
    assert window.controller.analysis.sentence(ref).text in window.views.detail.browser.toPlainText()


def test_split_into_voices_makes_each_speaker_a_column(qtbot, window):
    window.controller.open_paths([str(JPOST)])
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 1, timeout=TIMEOUT)
    article = window.controller.session.documents()
    window.split_into_voices()
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() >= 2, timeout=TIMEOUT)
    assert "Jerusalem" not in " ".join(window.controller.session.labels())
    window.controller.restore_articles()
    assert window.controller.session.documents() == article


def test_open_voices_shows_the_speakers_and_restores_the_article(qtbot, window):
    window.controller.open_voices(str(JPOST))
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() >= 2, timeout=TIMEOUT)
    labels = window.controller.session.labels()
    assert any("Foreign Ministry" in label for label in labels)
    assert any("Embassy" in label for label in labels)
    window.controller.restore_articles()
    assert [d.origin for d in window.controller.session.documents()] == [str(JPOST)]


def test_open_voices_of_a_single_voice_shows_the_article_and_says_why(qtbot, window, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("The port reopened on Monday. Ships queued outside the harbour.\n", encoding="utf-8")
    window.controller.open_voices(str(plain))
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 1, timeout=TIMEOUT)
    assert any("fewer than two voices" in m for m in window.banner.messages())


def test_unknown_model_is_reported_and_sources_stay(qtbot, demo_files):
    controller = Controller(Settings(model="no-such-model-anywhere"))
    window = MainWindow(controller, StoredSettings(), default_views())
    qtbot.addWidget(window)
    controller.warm_up()
    controller.open_paths(demo_files[:2])
    qtbot.waitUntil(lambda: controller.sources.rowCount() == 2 and not controller.is_running(),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Model unavailable" in window.model_label.text(), timeout=TIMEOUT)
    assert any("no-such-model-anywhere" in m for m in window.banner.messages())
    assert controller.analysis is None
    controller.engine.wait_for_done(TIMEOUT)


def test_paste_adds_the_clipboard_text_as_a_source(qtbot, window):
    QGuiApplication.clipboard().setText("The port reopened on Friday. Dockworkers returned to work.")
    window.paste_source()
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 1, timeout=TIMEOUT)
    assert window.controller.session.documents()[0].text.startswith("The port reopened")


def test_export_writes_the_analysis(qtbot, window, demo_files, tmp_path):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    out = tmp_path / "report.md"
    window.controller.export(out, "md")
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    labels = window.controller.session.labels()
    assert all(label in out.read_text(encoding="utf-8") for label in labels)


def test_welcome_page_until_sources_and_demo_button_loads_the_demo(qtbot, window):
    assert window.pages.currentWidget() is window.welcome
    demo_button = next(b for b in window.welcome.findChildren(QPushButton) if "demo" in b.text())
    qtbot.mouseClick(demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == len(demo_paths()), timeout=TIMEOUT)
    assert window.pages.currentWidget() is window.views.comparison
    wait_for_analysis(qtbot, window, len(demo_paths()))


def test_one_source_is_shown_and_removing_down_to_one_keeps_its_column(qtbot, window, demo_files):
    drop(window, file_mime(demo_files[:2]))
    wait_for_analysis(qtbot, window, 2)
    window.source_list.setCurrentIndex(window.controller.sources.index(1))
    window.remove_source()
    assert window.controller.analysis is None and not window.controller.is_running()
    panes = window.views.comparison.panes
    assert len(panes) == 1
    assert panes[0].view.toPlainText().strip() == window.controller.session.documents()[0].text.strip()


def test_a_new_window_restores_the_saved_geometry_and_toggles(qtbot, window, encoder):
    window.resize(760, 560)  # within the offscreen screen (800×600), where restoreGeometry clamps
    window.sync_scroll.setChecked(False)
    stored = window.current_settings()
    again = MainWindow(Controller(stored.settings, encoder=encoder), stored, default_views())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 560)
    assert again.sync_scroll.isChecked() is False


def test_first_run_window_takes_most_of_the_screen_centred(qtbot, encoder):
    first = MainWindow(Controller(Settings(), encoder=encoder), StoredSettings(), default_views())
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    assert first.width() == int(area.width() * 0.9) and first.height() == int(area.height() * 0.9)
    assert abs(first.frameGeometry().center().x() - area.center().x()) <= 2


def test_warm_up_reports_the_model_and_its_route(qtbot, window):
    window.controller.warm_up()
    assert "Loading model" in window.model_label.text()
    qtbot.waitUntil(lambda: "Model ready" in window.model_label.text(), timeout=TIMEOUT)
    assert window.controller.settings.model in window.model_label.text()


def test_applied_settings_realign_or_restart(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    before = window.controller.analysis
    window.apply_settings(window.controller.settings.with_changes(threshold=0.7))
    assert window.threshold_slider.value() == 70
    qtbot.waitUntil(lambda: window.controller.analysis is not None
                    and window.controller.analysis.alignment.threshold == pytest.approx(0.7), timeout=TIMEOUT)
    assert window.controller.analysis.vectors is before.vectors
    window.apply_settings(window.controller.settings.with_changes(model="no-such-model-anywhere"))
    qtbot.waitUntil(lambda: "Model unavailable" in window.model_label.text(), timeout=TIMEOUT)
    assert window.controller.analysis is None
    assert window.current_settings().settings.model == "no-such-model-anywhere"


def test_a_file_already_open_is_not_added_twice(qtbot, window, demo_files):
    drop(window, file_mime(demo_files[:1]))
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 1, timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.notice, timeout=TIMEOUT) as notice:
        drop(window, file_mime(demo_files[:2]))
    qtbot.waitUntil(lambda: window.controller.sources.rowCount() == 2, timeout=TIMEOUT)
    assert window.controller.session.labels()[0] in notice.args[0]


def test_overview_clicks_navigate_the_columns(qtbot, window, demo_files):
    drop(window, file_mime(demo_files))
    wait_for_analysis(qtbot, window, 3)
    overview, view = window.views.overview, window.views.comparison
    assert overview.grid_model.rowCount() >= len(window.controller.analysis.alignment.groups)
    row = next(r for r in overview.grid_model.rows if r.group >= 0 and r.cells[2].refs)
    overview.claim_requested.emit(row.group, 2, row.cells[2].refs[0].sent)
    assert view.selected_group == row.group
    overview.pair_requested.emit(0, 2)
    labels = [d.document.label for d in window.controller.analysis.documents]
    assert window.statusBar().currentMessage().startswith(f"{labels[0]} vs {labels[2]}: ")
    assert view.selected_group >= 0
