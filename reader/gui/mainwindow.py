"""The main window: menus, toolbar, status bar, docks and the drop target around the comparison view.

It owns no state of its own: every command goes to the ``Controller``, every result comes back as one of
the controller's signals and is handed to the views.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.export import EXPORT_FORMATS, ExportFormat
from reader.core.export.text import claim_text
from reader.core.framing.catalogue import KINDS, legend_text
from reader.core.model import Analysis, Progress, SentenceRef
from reader.core.overview import most_divergent_claim, pair_explanation
from reader.core.sessionfile import SUFFIX
from reader.core.settings import Settings
from reader.core.wording import counted
from reader.gui.banner import ErrorBanner
from reader.gui.controller import Controller, Problem
from reader.gui.inputs import inputs_from_mime
from reader.gui.sessioncommands import SessionCommands
from reader.gui.settingsdialog import SettingsDialog
from reader.gui.settingsstore import StoredSettings
from reader.gui.welcome import Welcome, demo_paths

if TYPE_CHECKING:
    from reader.gui.comparisonview import ComparisonView
    from reader.gui.detailpane import DetailPane
    from reader.gui.overviewpane import OverviewPane
    from reader.gui.summarypane import SummaryPane

Shortcut = QKeySequence | QKeySequence.StandardKey | str
COMPACT_WIDTH = 1500  # below this first-run width the summary dock starts hidden
FIRST_RUN_SHARE = 0.9  # of the screen's free area the window takes when no geometry was saved
MANY_SOURCES = 5  # from this many sources on, the overview gets a larger share of the window


@dataclass
class Views:
    """The comparison widgets the window arranges."""

    comparison: ComparisonView
    detail: DetailPane
    summary: SummaryPane
    overview: OverviewPane


def default_views() -> Views:
    """The real comparison widgets."""
    from reader.gui.comparisonview import ComparisonView
    from reader.gui.detailpane import DetailPane
    from reader.gui.overviewpane import OverviewPane
    from reader.gui.summarypane import SummaryPane

    return Views(ComparisonView(), DetailPane(), SummaryPane(), OverviewPane())


def open_filter() -> str:
    """The Open dialog's filter: every input format by name, then all files."""
    from reader.core.ingest import INPUT_FORMATS

    patterns = " ".join(f"*{suffix}" for f in INPUT_FORMATS for suffix in f.suffixes)
    return f"Articles and comparisons ({patterns} *{SUFFIX});;All files (*)"


def setting_metadata(name: str) -> Mapping[str, Any]:
    """Title, help and bounds of a ``Settings`` field, as declared there once."""
    return next(f.metadata for f in fields(Settings) if f.name == name)


class MainWindow(QMainWindow):
    """Framing Reader's window; every command is delegated to ``controller``."""

    def __init__(self, controller: Controller, stored: StoredSettings, views: Views | None = None) -> None:
        super().__init__()
        self.controller = controller
        self.stored = stored
        self.views = views or default_views()
        self.setWindowTitle("Framing Reader")
        self.setAcceptDrops(True)
        self.banner = ErrorBanner(self)
        self._overview_sized_for = 0
        self.session_commands = SessionCommands(self)
        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self._build_toolbar()
        self._build_menus()
        self._connect_controller()
        self._restore_window()

    # --- layout --------------------------------------------------------------------------------------

    def _build_central(self) -> None:
        """The banner above either the welcome hint (no sources yet) or the comparison columns."""
        self.welcome = Welcome(self)
        self.welcome.open_requested.connect(self.open_files)
        self.welcome.demo_requested.connect(lambda: self.controller.open_paths(demo_paths()))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.views.comparison)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.session_commands.restore_bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.views.comparison.group_selected.connect(self._on_group_selected)
        self.views.comparison.unique_selected.connect(self._on_unique_selected)
        self.views.comparison.contested_selected.connect(self._on_contested_selected)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        """Summary and sources share the right side (summary in front), the detail pane sits below."""
        area = Qt.DockWidgetArea
        self.summary_dock = self._dock("Summary", self.views.summary, area.RightDockWidgetArea)
        self.sources_dock = self._dock("Sources", self._build_source_list(), area.RightDockWidgetArea)
        self.detail_dock = self._dock("Detail", self.views.detail, area.BottomDockWidgetArea)
        self.overview_dock = self._dock("Overview", self.views.overview, area.BottomDockWidgetArea)
        self.splitDockWidget(self.overview_dock, self.detail_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.summary_dock, self.sources_dock)
        self.summary_dock.raise_()
        overview = self.views.overview
        overview.claim_requested.connect(self._on_claim_requested)
        overview.pair_requested.connect(self._on_pair_requested)
        overview.mention_requested.connect(self.views.comparison.reveal_mention)

    def _build_source_list(self) -> QListView:
        self.source_list = QListView(self)
        self.source_list.setModel(self.controller.sources)
        triggers = QListView.EditTrigger
        self.source_list.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed)
        self.source_list.setToolTip("Double-click to rename; Sources menu to reorder, remove or split")
        return self.source_list

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.model_label = QLabel("Model: not loaded", self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the analysis (Esc)")
        self.cancel_button.clicked.connect(self.controller.cancel)
        bar.addPermanentWidget(self.model_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        self._show_running(False)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Alignment")
        toolbar.setObjectName("alignmentToolbar")
        meta = setting_metadata("threshold")
        low, high = meta["minimum"], meta["maximum"]
        self.threshold_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.threshold_slider.setRange(round(low * 100), round(high * 100))
        self.threshold_slider.setValue(round(self.controller.settings.threshold * 100))
        self.threshold_slider.setMaximumWidth(240)
        self.threshold_slider.setToolTip(meta["help"])
        self.threshold_label = QLabel(self)
        self._threshold_timer = QTimer(self, singleShot=True, interval=150)
        self._threshold_timer.timeout.connect(self._apply_threshold)
        self.threshold_slider.valueChanged.connect(self._on_threshold_moved)
        toolbar.addWidget(QLabel(f" {meta['title']} ", self))
        toolbar.addWidget(self.threshold_slider)
        toolbar.addWidget(self.threshold_label)
        self._show_threshold()
        toolbar.addSeparator()
        self.find_box = QLineEdit(self)
        self.find_box.setPlaceholderText("Find in all sources (Ctrl+F)")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(280)
        self.find_box.textChanged.connect(self._on_find_changed)
        self.find_box.returnPressed.connect(self.views.comparison.find_next)
        toolbar.addWidget(self.find_box)

    # --- menus ---------------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: Callable[..., object],
                *shortcuts: Shortcut, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        keys = [QKeySequence(s) for s in shortcuts]
        action.setShortcuts([k for k in keys if not k.isEmpty()])  # a standard key may be unbound here
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        self._build_file_menu(self.menuBar().addMenu("&File"))
        self._build_edit_menu(self.menuBar().addMenu("&Edit"))
        self._build_sources_menu(self.menuBar().addMenu("&Sources"))
        self._build_view_menu(self.menuBar().addMenu("&View"))
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Legend", self.show_legend, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&About Framing Reader", self.show_about)

    def _build_file_menu(self, menu: QMenu) -> None:
        key = QKeySequence.StandardKey
        self._action(menu, "&Open…", self.open_files, key.Open)
        self.recent_menu = menu.addMenu("Open &Recent")
        self._fill_recent_menu()
        self._action(menu, "Open &URL…", self.open_url, "Ctrl+L")
        self._action(menu, "&Paste as New Source", self.paste_source, "Ctrl+Shift+V")
        menu.addSeparator()
        self.session_commands.add_file_actions(menu)
        export = menu.addMenu("&Export")
        for fmt in EXPORT_FORMATS:
            self._action(export, f"{fmt.title}…", lambda _=False, f=fmt: self.export(f))
        menu.addSeparator()
        self._action(menu, "&Quit", self.close, key.Quit, "Ctrl+Q")

    def _build_edit_menu(self, menu: QMenu) -> None:
        view = self.views.comparison
        self.session_commands.add_edit_actions(menu)
        self._action(menu, "&Copy Claim as Text", self.copy_claim, "Ctrl+Shift+C")
        menu.addSeparator()
        self._action(menu, "&Find in All Sources…", self.focus_find, QKeySequence.StandardKey.Find, "Ctrl+F")
        self._action(menu, "Find Ne&xt", view.find_next, QKeySequence.StandardKey.FindNext, "F3")
        self._action(menu, "Find Pre&vious", lambda: view.find_next(forward=False),
                     QKeySequence.StandardKey.FindPrevious, "Shift+F3")

    def _build_sources_menu(self, menu: QMenu) -> None:
        self._action(menu, "&Remove Source", self.remove_source, "Ctrl+W")
        self._action(menu, "Move &Left", lambda: self.move_source(-1), "Ctrl+Shift+Left")
        self._action(menu, "Move Righ&t", lambda: self.move_source(1), "Ctrl+Shift+Right")
        self._action(menu, "Re&name…", self.rename_source, "F2")
        self._action(menu, "Split into &Voices", self.split_into_voices, "Ctrl+Shift+S")
        self._action(menu, "&Back to the Articles", self.controller.restore_articles, "Ctrl+Shift+B")
        menu.addSeparator()
        self._action(menu, "&Settings…", self.edit_settings, QKeySequence.StandardKey.Preferences, "Ctrl+,")
        self._action(menu, "&Analyse Again", self.controller.restart, "F5")
        self._action(menu, "&Cancel Analysis", self.controller.cancel, "Esc")

    def _build_view_menu(self, menu: QMenu) -> None:
        view = self.views.comparison
        self._action(menu, "&Next Difference", view.next_difference, "F7", "Alt+Down")
        self._action(menu, "&Previous Difference", view.previous_difference, "Shift+F7", "Alt+Up")
        self._action(menu, "Next &Unique Sentence", view.next_unique, "F8")
        self._action(menu, "Next &Contested Link", view.next_contested, "F9")
        self._action(menu, "Previous Contested Lin&k", view.previous_contested, "Shift+F9")
        menu.addSeparator()
        self.only_differences = self._action(
            menu, "&Only Where Sources Differ", view.set_only_differences, "Ctrl+D", checkable=True)
        self.sync_scroll = self._action(
            menu, "&Synchronised Scrolling", self._set_sync_scroll, "Ctrl+Shift+L", checkable=True)
        self.sync_scroll.setChecked(self.stored.sync_scroll)
        view.set_sync_scroll(self.stored.sync_scroll)
        menu.addSeparator()
        for dock, text, shortcut in ((self.detail_dock, "Show &Detail Pane", "F9"),
                                     (self.summary_dock, "Show Su&mmary", "F10"),
                                     (self.overview_dock, "Show &Overview", "F12"),
                                     (self.sources_dock, "Show Sour&ces", "F11")):
            toggle = dock.toggleViewAction()
            toggle.setText(text)
            toggle.setShortcut(QKeySequence(shortcut))
            menu.addAction(toggle)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.stored.recent_files:
            self._action(self.recent_menu, path, lambda _=False, p=path: self.controller.open_paths([p]))
        self.recent_menu.setEnabled(bool(self.stored.recent_files))

    # --- controller ----------------------------------------------------------------------------------

    def _connect_controller(self) -> None:
        c = self.controller
        c.sources_changed.connect(self._on_sources_changed)
        c.analysis_changed.connect(self._on_analysis_changed)
        c.progress.connect(self._on_progress)
        c.running_changed.connect(self._show_running)
        c.model_status.connect(self.model_label.setText)
        c.problem.connect(self.show_problem)
        c.loaded.connect(self._remember)
        c.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))

    def _on_sources_changed(self, labels: list[str]) -> None:
        self._show_waiting_sources()
        self.pages.setCurrentWidget(self.views.comparison if labels else self.welcome)
        if labels and not self.source_list.currentIndex().isValid():
            self.source_list.setCurrentIndex(self.controller.sources.index(0))

    def _show_waiting_sources(self) -> None:
        documents = self.controller.session.documents()
        self.views.comparison.set_sources([d.label for d in documents], [d.text for d in documents])

    def _on_analysis_changed(self, analysis: Analysis | None) -> None:
        if analysis is not None:
            self.views.comparison.set_analysis(analysis)
        elif self.views.comparison.index is not None:  # the analysis shown is gone: show the plain texts
            self._show_waiting_sources()
        self.views.summary.set_analysis(analysis)
        self.views.overview.set_analysis(analysis, self.views.comparison.index if analysis else None)
        if analysis is not None and len(analysis.documents) != self._overview_sized_for:
            self._size_overview(len(analysis.documents))
        if analysis is not None:
            groups, links = len(analysis.alignment.groups), len(analysis.alignment.links)
            self.statusBar().showMessage(f"{counted(groups, 'shared claim')}, {counted(links, 'link')}", 8000)

    def _on_group_selected(self, group: int) -> None:
        """A claim was selected (-1: none, and the detail pane shows its hint again)."""
        analysis = self.controller.analysis
        if analysis is not None:
            self.views.detail.show_group(analysis, group)
            if group >= 0:
                self._raise_detail()

    def _on_unique_selected(self, doc: int, sent: int) -> None:
        """A sentence only one source reports was selected (F8 or a click): the detail pane shows it."""
        analysis = self.controller.analysis
        if analysis is not None:
            self.views.detail.show_sentence(analysis, SentenceRef(doc, sent))
            self._raise_detail()

    def _raise_detail(self) -> None:
        self.detail_dock.show()
        self.detail_dock.raise_()

    def _size_overview(self, sources: int) -> None:
        """With many sources the overview takes more of the bottom: the grid is where they are compared."""
        self._overview_sized_for = sources
        if sources >= MANY_SOURCES and self.overview_dock.isVisible():
            width, height = self.width(), self.height()
            self.resizeDocks([self.overview_dock, self.detail_dock], [width * 3 // 5, width * 2 // 5],
                             Qt.Orientation.Horizontal)
            self.resizeDocks([self.overview_dock], [max(240, height * 2 // 5)], Qt.Orientation.Vertical)

    def _on_claim_requested(self, group: int, doc: int, sent: int) -> None:
        """A grid cell: its sentence (or, in the claim column, the claim) in the columns."""
        view = self.views.comparison
        if sent >= 0:
            view.reveal_sentence(doc, sent)
        elif group >= 0:
            view.select_group(group)

    def _on_pair_requested(self, a: int, b: int) -> None:
        """A matrix cell: the claim on which the two sources part most, both columns in view."""
        analysis, view = self.controller.analysis, self.views.comparison
        if analysis is None:
            return
        group = most_divergent_claim(analysis, a, b, view.index)
        if group >= 0:
            view.select_group(group)
        view.show_column(max(a, b))
        view.show_column(min(a, b))
        labels = f"{analysis.documents[a].document.label} vs {analysis.documents[b].document.label}"
        self.statusBar().showMessage(f"{labels}: {pair_explanation(analysis, a, b)}", 15000)

    def _on_contested_selected(self, link: int) -> None:
        """A contested link was selected (F9 or a band): the detail pane sets its two sides apart."""
        analysis = self.controller.analysis
        if analysis is not None:
            self.views.detail.show_contested(analysis, link)
            self._raise_detail()

    def _on_progress(self, progress: Progress) -> None:
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        self.progress_bar.setFormat(f"{progress.message or progress.stage} %p%")

    def _show_running(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.setFormat("Starting…")

    def show_problem(self, problem: Problem) -> None:
        """Show a problem in the non-blocking banner."""
        self.banner.add(problem.subject, problem.reason)

    def _remember(self, paths: list[str]) -> None:
        for path in paths:
            self.stored = self.stored.with_recent(str(Path(path).resolve()))
        self._fill_recent_menu()

    # --- commands ------------------------------------------------------------------------------------

    def open_files(self) -> None:
        """File ▸ Open…: choose one or more articles."""
        paths, _ = QFileDialog.getOpenFileNames(self, "Open articles", "", open_filter())
        if paths:
            self.controller.open_paths(paths)

    def open_url(self) -> None:
        """File ▸ Open URL…: fetch an article from the web."""
        url, ok = QInputDialog.getText(self, "Open URL", "Address of the article:")
        if ok and url.strip():
            self.controller.open_url(url.strip())

    def paste_source(self) -> None:
        """Add the clipboard as a new source (a URL is fetched, text is taken as is)."""
        self.add_mime(QGuiApplication.clipboard().mimeData(), "Pasted")

    def add_mime(self, mime: QMimeData | None, origin: str) -> bool:
        """Load files, URLs or text from a drop or the clipboard; False when there is nothing to load."""
        inputs = inputs_from_mime(mime)
        self.controller.open_inputs(inputs, origin)
        return bool(inputs)

    def _current_row(self) -> int:
        index = self.source_list.currentIndex()
        return index.row() if index.isValid() else self.controller.sources.rowCount() - 1

    def remove_source(self) -> None:
        """Sources ▸ Remove Source: drop the selected source."""
        self.controller.remove_source(self._current_row())

    def move_source(self, delta: int) -> None:
        """Sources ▸ Move Left/Right: reorder the selected source's column."""
        row = self._current_row()
        if self.controller.move_source(row, delta):
            self.source_list.setCurrentIndex(self.controller.sources.index(row + delta))

    def rename_source(self) -> None:
        """Sources ▸ Rename…: edit the selected source's label in the sources list."""
        row = self._current_row()
        if row >= 0:
            self.sources_dock.show()
            self.sources_dock.raise_()
            self.source_list.edit(self.controller.sources.index(row))

    def split_into_voices(self) -> None:
        """Sources ▸ Split into Voices: the selected source's speakers become the columns."""
        self.controller.split_into_voices(self._current_row())

    def edit_settings(self) -> None:
        """Sources ▸ Settings…: model, threshold, embedding route and cache, in a generated form."""
        dialog = SettingsDialog(self.controller.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.settings())

    def apply_settings(self, settings: Settings) -> None:
        """Hand new settings to the controller and show the threshold they set."""
        self.threshold_slider.blockSignals(True)
        self.threshold_slider.setValue(round(settings.threshold * 100))
        self.threshold_slider.blockSignals(False)
        self._show_threshold()
        self.controller.apply_settings(settings)

    def export(self, fmt: ExportFormat) -> None:
        """File ▸ Export: save the analysis as HTML, Markdown or JSON."""
        analysis = self.controller.analysis
        if analysis is None:
            self.show_problem(Problem("export", "There is no analysis yet: load at least two sources."))
            return
        suffix = fmt.suffixes[0]
        path, _ = QFileDialog.getSaveFileName(self, "Export analysis", f"framing.{suffix}", f"*.{suffix}")
        if path:
            self.controller.export(Path(path), fmt.name)

    def show_legend(self) -> None:
        """Help ▸ Legend: what each framing mark means."""
        rows = "".join(
            f"<tr><td style='color:{kind.colour}'>■</td><td>{escape(legend_text(kind))}</td></tr>"
            for kind in KINDS
        )
        QMessageBox.information(self, "Legend", f"<table>{rows}</table>")

    def show_about(self) -> None:
        """Help ▸ About."""
        from reader import __version__

        QMessageBox.about(self, "About Framing Reader", f"<b>Framing Reader</b> {__version__}<br>"
                          "Compare how news sources frame one event, sentence by sentence.")

    def copy_claim(self) -> None:
        """Edit ▸ Copy Claim as Text: every source's version of the selected claim, to paste elsewhere."""
        analysis, group = self.controller.analysis, self.views.comparison.selected_group
        if analysis is None or group < 0:
            self.statusBar().showMessage("Select a claim first: click a sentence others report too", 5000)
            return
        QGuiApplication.clipboard().setText(claim_text(analysis, group))
        self.statusBar().showMessage(f"Copied claim {group + 1}", 5000)

    def focus_find(self) -> None:
        """Edit ▸ Find in All Sources: put the cursor in the find box, its text selected."""
        self.find_box.setFocus()
        self.find_box.selectAll()

    def _on_find_changed(self, query: str) -> None:
        found = self.views.comparison.find(query)
        if not query.strip():
            self.statusBar().clearMessage()
        elif not found:
            self.statusBar().showMessage("No match")
        else:
            sources = counted(self.views.comparison.found_sources(), "source")
            self.statusBar().showMessage(f"{counted(found, 'match', 'matches')} in {sources}")

    # --- settings ------------------------------------------------------------------------------------

    def _set_sync_scroll(self, on: bool) -> None:
        self.views.comparison.set_sync_scroll(on)

    def _on_threshold_moved(self) -> None:
        self._show_threshold()
        self._threshold_timer.start()

    def _show_threshold(self) -> None:
        self.threshold_label.setText(f" {self.threshold_slider.value() / 100:.2f} ")

    def _apply_threshold(self) -> None:
        self.controller.set_threshold(self.threshold_slider.value() / 100)

    def _restore_window(self) -> None:
        if self.stored.geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.stored.geometry.encode()))
        else:
            self._fit_to_screen()
        if self.stored.window_state:
            self.restoreState(QByteArray.fromBase64(self.stored.window_state.encode()))
        else:  # first run: docks sized once the window has its size, leaving room for three columns
            QTimer.singleShot(0, self._default_dock_sizes)

    def _fit_to_screen(self) -> None:
        """First run: most of the screen, centred (on a large screen more columns fit side by side)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width, height = int(area.width() * FIRST_RUN_SHARE), int(area.height() * FIRST_RUN_SHARE)
        self.resize(width, height)
        self.move(area.center() - QPoint(width // 2, height // 2))

    def _default_dock_sizes(self) -> None:
        if self.width() < COMPACT_WIDTH:  # room for three columns: the summary waits behind View ▸ Summary
            self.summary_dock.hide()
            self.resizeDocks([self.sources_dock], [180], Qt.Orientation.Horizontal)
        self.resizeDocks([self.detail_dock], [max(180, self.height() // 5)], Qt.Orientation.Vertical)

    def current_settings(self) -> StoredSettings:
        """What to persist: the analysis settings, the toggles and the window's geometry."""
        return replace(
            self.stored,
            settings=self.controller.settings,
            sync_scroll=self.sync_scroll.isChecked(),
            geometry=bytes(self.saveGeometry().toBase64().data()).decode(),
            window_state=bytes(self.saveState().toBase64().data()).decode(),
        )

    # --- drag and drop -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files, URLs and text dropped anywhere on the window."""
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Load what was dropped."""
        if self.add_mime(event.mimeData(), "Dropped"):
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Write any unsaved change to the autosave and stop background work before the window goes."""
        self.controller.autosave()
        self.controller.engine.cancel_all()
        self.controller.io.cancel_all()
        super().closeEvent(event)

