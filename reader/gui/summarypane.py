"""Per source: distinctive words, the claims it leaves out, its unique sentences and voices; the legend."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListView,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.framing.catalogue import MARK_KINDS, legend_text, spec
from reader.core.framing.report import SourceSummary
from reader.core.lookup import AnalysisIndex
from reader.core.model import Analysis, LinkKind
from reader.core.wording import counted
from reader.gui import style
from reader.gui.wordchart import WordChart


class SummaryPane(QWidget):
    """The framing summary of one source at a time (chosen in a combo box), pair divergences and legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._analysis: Analysis | None = None
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(12)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.chart = WordChart()
        self.omitted = QStringListModel()
        self.voices = QStringListModel()
        self.pairs = QLabel()
        self.pairs.setWordWrap(True)
        self.legend = Legend()
        self._lay_out()
        self.source.currentIndexChanged.connect(self._show_source)
        self.set_analysis(None)

    def _lay_out(self) -> None:
        """Sections at their natural heights in a vertical scroll area, so a small dock stays readable."""
        form = QFormLayout()
        form.addRow("Source", self.source)
        form.addRow(self.counts)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(form)
        layout.addWidget(_boxed("Distinctive words (z-score)", self.chart))
        layout.addWidget(_boxed("Claims most other sources report, left out here", _list_view(self.omitted)))
        layout.addWidget(_boxed("Voices", _list_view(self.voices)))
        layout.addWidget(_boxed("How far it diverges from each other source (all: Overview)", self.pairs))
        layout.addWidget(_boxed("Legend", self.legend))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Summarise an analysis (None: empty)."""
        self._analysis = analysis
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItems([d.document.label for d in analysis.documents] if analysis else [])
        self.source.blockSignals(False)
        self._show_source(0)

    def _show_source(self, doc: int) -> None:
        summary = self._summary(doc)
        if self._analysis is None or doc < 0:
            self.counts.setText("No analysis yet.")
            self.chart.set_words(())
            self.omitted.setStringList([])
            self.voices.setStringList([])
            self.pairs.setText("")
            return
        index = AnalysisIndex(self._analysis)
        unique = sum(ref.doc == doc for ref in index.unique)
        omitted = summary.omitted_groups if summary else ()
        left_out = counted(len(omitted), "claim")
        self.counts.setText(f"{counted(unique, 'sentence')} only this source reports · {left_out} left out")
        self.chart.set_words(summary.distinctive if summary else ())
        self.omitted.setStringList([_claim_line(index, g) for g in omitted])
        voices = summary.voices if summary else ()
        self.voices.setStringList([f"{v.speaker} — {counted(len(v.sentences), 'sentence')}" for v in voices])
        self.pairs.setText(_pairs_html(self._analysis, doc))

    def _summary(self, doc: int) -> SourceSummary | None:
        framing = self._analysis.framing if self._analysis else None
        return framing.sources[doc] if framing and 0 <= doc < len(framing.sources) else None


class Legend(QTextBrowser):
    """Every highlight kind, each sample drawn with the very format the columns use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(280)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        """Follow the palette (light ↔ dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the samples for the current palette."""
        theme = style.theme_for(self)
        self.clear()
        cursor = QTextCursor(self.document())
        samples = [
            ("claim", style.background_format(theme.group_tint), "A claim other sources report too."),
            ("word", style.changed_word_format(theme), "A word no linked source uses."),
            ("sentence", style.background_format(theme.unique_tint), "Only this source reports it."),
            ("caption", style.dimmed_format(theme), "Caption, credit or boilerplate."),
            ("found", style.found_format(False), "A match of Find in All Sources (Ctrl+F)."),
        ]
        samples += [(k.name, style.framing_format(k.kind), legend_text(k)) for k in MARK_KINDS]
        for _, colour, meaning in style.BAND_STEPS:
            swatch = QTextCharFormat()
            swatch.setForeground(QColor(colour))
            samples.append(("███", swatch, f"Link band: sentences {meaning}."))
        contested = QTextCharFormat()
        contested.setForeground(style.contested_colour())
        link_kind = spec(LinkKind.CONTESTED)
        samples.append(("┅┅┅", contested, f"{legend_text(link_kind)} A dashed band; F9 steps through them."))
        for sample, fmt, meaning in samples:
            cursor.insertText(sample, fmt)
            cursor.insertText(f"  {meaning}\n", QTextCharFormat())


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return box


def _list_view(model: QStringListModel) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setFixedHeight(120)
    return view


def _claim_line(index: AnalysisIndex, group: int) -> str:
    """A claim as its first sentence, with the sources that tell it."""
    members = sorted(index.analysis.alignment.groups[group].members)
    labels = sorted({index.analysis.documents[m.doc].document.label for m in members})
    return f"{index.analysis.sentence(members[0]).text}  ({', '.join(labels)})"


def _pairs_html(analysis: Analysis, doc: int) -> str:
    """The pairs ``doc`` belongs to, the most divergent first: N − 1 lines, not N²."""
    if not analysis.framing:
        return ""
    label = [d.document.label for d in analysis.documents]
    pairs = analysis.framing.pair_divergence.items()
    mine = [(d, a if b == doc else b) for (a, b), d in pairs if doc in (a, b)]
    rows = [
        f"<li><b>{escape(label[other])}</b> {d.score:.2f}: {escape(d.explanation)}</li>"
        for d, other in sorted(mine, key=lambda pair: -pair[0].score)
    ]
    return f"<ul>{''.join(rows)}</ul>"
