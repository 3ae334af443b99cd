"""The columns side by side: one ``SourcePane`` per source, a ``LinkMap`` between neighbours.

The splitter sits in a horizontal scroll area so that columns keep a readable width when more sources are
open than fit. Scrolling one column keeps the others on the same claim (switchable); a click selects the
claim in every column; next/previous walk the divergent claims and the unique sentences in reading order.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, SentenceRef
from reader.core.search import find_spans
from reader.gui.articleview import ANCHOR_HEIGHT
from reader.gui.linkmap import LinkMap
from reader.gui.scrollsync import ScrollSync
from reader.gui.sourcepane import SourcePane

MIN_COLUMN_WIDTH = 300


class ComparisonView(QWidget):
    """All sources side by side, with their claims linked."""

    group_selected = Signal(int)  # -1 when nothing
    unique_selected = Signal(int, int)  # doc, sentence: a sentence only one source reports
    contested_selected = Signal(int)  # index of a contested link in alignment.links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panes: list[SourcePane] = []
        self.maps: list[LinkMap] = []
        self._index: AnalysisIndex | None = None
        self._selected = -1
        self._selected_unique = -1
        self._clicked: list[SentenceRef] = []  # the last sentence clicked, the one before in another column
        self._selected_contested = -1  # position in index.ordered_contested
        self._only_differences = False
        self._query = ""
        self._found: list[tuple[int, tuple[int, int]]] = []  # (column, span) in reading order
        self._found_at = -1
        self._sync = ScrollSync()
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setHandleWidth(3)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

    @property
    def index(self) -> AnalysisIndex | None:
        """The lookups over the analysis shown (None while waiting)."""
        return self._index

    @property
    def selected_group(self) -> int:
        """The selected claim, or -1."""
        return self._selected

    @property
    def selected_unique(self) -> SentenceRef | None:
        """The unique sentence reached by ``next_unique`` or a click, if any."""
        if not self._index or self._selected_unique < 0:
            return None
        return self._index.ordered_unique[self._selected_unique]

    def set_sources(self, labels: list[str], texts: list[str] | None = None) -> None:
        """Columns with headers (and optionally the raw text) while the analysis runs."""
        self._index = None
        self._clicked = []
        self._build_columns(len(labels))
        for pane, label, text in zip(self.panes, labels, texts or [""] * len(labels), strict=True):
            pane.set_placeholder(label, text)
        for link_map in self.maps:
            link_map.set_index(None)
        self._reset_selection()

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Show an analysis (None: no columns).

        Re-aligning the same texts (a new threshold) keeps the scroll positions and, where it survives,
        the selected claim.
        """
        if analysis is None:
            self.set_sources([])
            return
        same = self._same_texts(analysis)
        scroll = self._scroll_values() if same else []
        kept = self._selected_members() if same else []
        self._index = AnalysisIndex(analysis)
        self._build_columns(len(analysis.documents))
        with self._sync.paused():
            for pane, segmented in zip(self.panes, analysis.documents, strict=True):
                pane.set_document(segmented, self._index)
            for pane, value in zip(self.panes, scroll, strict=False):
                pane.view.verticalScrollBar().setValue(value)
        for link_map in self.maps:
            link_map.set_index(self._index)
        survivor = next((g for m in kept if (g := self._index.group_of(m)) >= 0), -1)
        if survivor >= 0:
            self._select(survivor, anchor_doc=-1, line_up=False)
        else:
            self._reset_selection()
        self.set_only_differences(self._only_differences)
        self.find(self._query)

    def _selected_members(self) -> list[SentenceRef]:
        if not self._index or self._selected < 0:
            return []
        return sorted(self._index.analysis.alignment.groups[self._selected].members)

    def _same_texts(self, analysis: Analysis) -> bool:
        old = self._index.analysis.documents if self._index else ()
        return [d.document.text for d in old] == [d.document.text for d in analysis.documents]

    def _scroll_values(self) -> list[int]:
        return [pane.view.verticalScrollBar().value() for pane in self.panes]

    def _build_columns(self, count: int) -> None:
        if len(self.panes) == count:
            return
        for widget in [*self.panes, *self.maps]:
            widget.setParent(None)
            widget.deleteLater()
        self.panes = [SourcePane(d) for d in range(count)]
        self.maps = [LinkMap(left, right) for left, right in zip(self.panes, self.panes[1:], strict=False)]
        for d, pane in enumerate(self.panes):
            if d:
                self._splitter.addWidget(self.maps[d - 1])
            pane.setMinimumWidth(MIN_COLUMN_WIDTH)
            self._splitter.addWidget(pane)
            self._splitter.setStretchFactor(self._splitter.indexOf(pane), 1)
            pane.sentence_clicked.connect(self._on_sentence_clicked)
            pane.scrolled.connect(partial(self._on_scrolled, d))
        for link_map in self.maps:
            link_map.link_clicked.connect(self._on_link_clicked)

    def _reset_selection(self) -> None:
        changed = self._selected != -1
        self._selected, self._selected_unique, self._selected_contested = -1, -1, -1
        for pane in self.panes:
            pane.set_selected([])
        for link_map in self.maps:
            link_map.set_selected_group(-1)
        if changed:
            self.group_selected.emit(-1)

    def select_group(self, group: int) -> None:
        """Select a claim in every column and bring it into view (-1 clears the selection)."""
        self._select(group, anchor_doc=-1)

    def _select(self, group: int, anchor_doc: int, line_up: bool = True) -> None:
        if not self._index:
            return
        group = group if 0 <= group < len(self._index.analysis.alignment.groups) else -1
        self._selected, self._selected_unique, self._selected_contested = group, -1, -1
        for pane in self.panes:
            pane.set_selected(m.sent for m in self._index.members_in(group, pane.doc))
        for link_map in self.maps:
            link_map.set_selected_group(group)
        if group >= 0 and line_up:
            self._line_up(group, anchor_doc)
        self.group_selected.emit(group)

    def _line_up(self, group: int, anchor_doc: int) -> None:
        """Scroll every column so the group's sentences start at the same height (the clicked one stays put
        unless a sentence near the top of its article cannot come down that far); a column without the
        claim shows the nearest claim it shares with the first column that has it."""
        assert self._index
        first = {p.doc: self._index.members_in(group, p.doc)[:1] for p in self.panes}
        telling = [p for p in self.panes if first[p.doc]]
        y = int(self.panes[0].view.viewport().height() * ANCHOR_HEIGHT)
        if first.get(anchor_doc):
            y = self.panes[anchor_doc].sentence_extent(first[anchor_doc][0].sent)[0]
        leader = telling[0]
        with self._sync.paused():
            for pane in telling:
                pane.scroll_sentence_to(first[pane.doc][0].sent, y)
            reached = min(pane.sentence_extent(first[pane.doc][0].sent)[0] for pane in telling)
            for pane in telling:
                pane.scroll_sentence_to(first[pane.doc][0].sent, reached)
            for pane in self.panes:
                if not first[pane.doc]:
                    self._sync.match(self._index, leader, first[leader.doc][0].sent, pane)

    def _on_link_clicked(self, link: int) -> None:
        if not self._index:
            return
        if link in self._index.ordered_contested:
            self.select_contested(self._index.ordered_contested.index(link))
        else:
            self.select_group(self._index.group_of(self._index.analysis.alignment.links[link].a))

    @property
    def clicked_pair(self) -> tuple[SentenceRef, SentenceRef] | None:
        """The two sentences last clicked in two different columns (what a manual correction is about)."""
        return (self._clicked[0], self._clicked[1]) if len(self._clicked) == 2 else None

    @property
    def selected_contested(self) -> int:
        """The selected contested link (index into ``alignment.links``), or -1."""
        if not self._index or self._selected_contested < 0:
            return -1
        return self._index.ordered_contested[self._selected_contested]

    def next_contested(self) -> None:
        """Select the next contested link in reading order (wrapping around)."""
        self._step_contested(1)

    def previous_contested(self) -> None:
        """Select the previous contested link in reading order (wrapping around)."""
        self._step_contested(-1)

    def _step_contested(self, step: int) -> None:
        if not self._index or not self._index.ordered_contested:
            return
        count = len(self._index.ordered_contested)
        start = self._selected_contested if self._selected_contested >= 0 else (-1 if step > 0 else count)
        self.select_contested((start + step) % count)

    def select_contested(self, position: int) -> None:
        """Set the two sentences of a contested link side by side: both selected, both at one height."""
        assert self._index
        self._select(-1, anchor_doc=-1)
        self._selected_contested = position
        link_index = self._index.ordered_contested[position]
        link = self._index.analysis.alignment.links[link_index]
        for pane in self.panes:
            pane.set_selected(r.sent for r in (link.a, link.b) if r.doc == pane.doc)
        for link_map in self.maps:
            link_map.set_selected_link(link_index)
        y = int(self.panes[0].view.viewport().height() * ANCHOR_HEIGHT)
        with self._sync.paused():
            for ref in (link.a, link.b):
                self.panes[ref.doc].scroll_sentence_to(ref.sent, y)
        self.contested_selected.emit(link_index)

    def _on_sentence_clicked(self, doc: int, sent: int) -> None:
        if not self._index or sent < 0:
            return
        ref = SentenceRef(doc, sent)
        self._clicked = [*(r for r in self._clicked[-1:] if r.doc != doc), ref]
        if ref in self._index.unique:
            self._select_unique(self._index.ordered_unique.index(ref), scroll=False)
        else:
            self._select(self._index.group_of(ref), anchor_doc=doc)

    def reveal_sentence(self, doc: int, sent: int) -> None:
        """Select a sentence's claim (or the sentence, when only its source tells it) and bring its
        column into view: the overview's clicks land here."""
        if not self._index or not 0 <= doc < len(self.panes):
            return
        ref, pane = SentenceRef(doc, sent), self.panes[doc]
        if ref in self._index.unique:
            self._select_unique(self._index.ordered_unique.index(ref), scroll=True)
        elif (group := self._index.group_of(ref)) >= 0:
            self._select(group, anchor_doc=-1)
        else:
            pane.scroll_sentence_to(sent, int(pane.view.viewport().height() * ANCHOR_HEIGHT))
        self.show_column(doc)

    def reveal_mention(self, doc: int, sent: int, start: int, end: int) -> None:
        """Reveal a sentence and mark the words ``start:end`` of its document as the current find."""
        self.reveal_sentence(doc, sent)
        self._found, self._found_at = [(doc, (start, end))], 0
        self._show_found()

    def show_column(self, doc: int) -> None:
        """Scroll the columns sideways so source ``doc`` is in view."""
        if 0 <= doc < len(self.panes):
            self._scroll.ensureWidgetVisible(self.panes[doc], 0, 0)

    def next_difference(self) -> None:
        """Select the next claim (in reading order) that a source omits or words differently."""
        self._step_difference(forward=True)

    def previous_difference(self) -> None:
        """Select the previous claim that a source omits or words differently."""
        self._step_difference(forward=False)

    def _step_difference(self, forward: bool) -> None:
        if not self._index:
            return
        order = self._index.ordered_groups
        current = order.index(self._selected) if self._selected >= 0 else (-1 if forward else len(order))
        steps = range(current + 1, len(order)) if forward else range(current - 1, -1, -1)
        target = next((order[i] for i in steps if self._index.is_divergent(order[i])), None)
        if target is not None:
            self.select_group(target)

    def next_unique(self) -> None:
        """Select the next sentence that only one source reports."""
        if self._index and self._selected_unique + 1 < len(self._index.ordered_unique):
            self._select_unique(self._selected_unique + 1, scroll=True)

    def _select_unique(self, position: int, scroll: bool) -> None:
        assert self._index
        self._select(-1, anchor_doc=-1)
        self._selected_unique = position
        ref = self._index.ordered_unique[position]
        pane = self.panes[ref.doc]
        pane.set_selected([ref.sent])
        self.unique_selected.emit(ref.doc, ref.sent)
        if scroll:
            pane.scroll_sentence_to(ref.sent, int(pane.view.viewport().height() * ANCHOR_HEIGHT))

    def find(self, query: str) -> int:
        """Mark every occurrence of ``query`` in every column (a blank query clears); how many there are."""
        self._query = query
        self._found = [(pane.doc, span) for pane in self.panes for span in find_spans(pane.text, query)]
        self._found_at = -1
        self._show_found()
        return len(self._found)

    def found_sources(self) -> int:
        """How many columns hold a match of the current find."""
        return len({d for d, _ in self._found})

    def find_next(self, forward: bool = True) -> None:
        """Go to the next (or previous) match, column by column in reading order, wrapping around."""
        if not self._found:
            return
        previous = self._found_at if self._found_at >= 0 else (-1 if forward else 0)
        self._found_at = (previous + (1 if forward else -1)) % len(self._found)
        self._show_found()
        doc, (start, _end) = self._found[self._found_at]
        self.panes[doc].reveal(start)

    def _show_found(self) -> None:
        current = self._found[self._found_at] if self._found_at >= 0 else None
        for pane in self.panes:
            spans = [span for d, span in self._found if d == pane.doc]
            at = spans.index(current[1]) if current and current[0] == pane.doc else -1
            pane.set_found(spans, at)

    def set_only_differences(self, on: bool) -> None:
        """Fade the claims every source tells alike, so only the differences stand out."""
        self._only_differences = on
        if not self._index:
            return
        index = self._index
        for pane in self.panes:
            agreed = [
                i for i in range(pane.sentence_count())
                if (g := index.group_of(SentenceRef(pane.doc, i))) >= 0 and not index.is_divergent(g)
            ]
            pane.set_dimmed(agreed if on else [])

    def set_sync_scroll(self, on: bool) -> None:
        """Keep the other columns on the claim being read when one column scrolls."""
        self._sync.enabled = on

    def _on_scrolled(self, doc: int) -> None:
        if self._index:
            self._sync.follow(self._index, self.panes[doc], self.panes)
