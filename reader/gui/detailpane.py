"""The selected claim, source by source: each version with an inline word diff, its scores and framing."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from reader.core.lookup import MIN_SHARED, AnalysisIndex, shared_share
from reader.core.model import Analysis, DiffKind, Link, LinkOrigin, SentenceRef
from reader.gui import style

HINT = "Click a sentence to see how each source told it."
CLEAR_MARGIN = 0.1  # a link this far ahead of either sentence's next-best partner is unambiguous


class DetailPane(QWidget):
    """One block per sentence of the claim: the first source's version, then every other compared to it.

    Blocks stack when the pane is tall and stand side by side when it is wide (a bottom dock).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(HINT)
        self.title.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)
        self._blocks: list[str] = []
        self._footer = ""
        self._wide = False

    def show_group(self, analysis: Analysis, group: int) -> None:
        """Show every source's version of claim ``group`` (-1: the hint)."""
        if group < 0 or group >= len(analysis.alignment.groups):
            self.title.setText(HINT)
            self._show([], "")
            return
        index = AnalysisIndex(analysis)
        members = sorted(analysis.alignment.groups[group].members)
        sources = len({m.doc for m in members})
        self.title.setText(
            f"<b>Claim {index.ordered_groups.index(group) + 1} of {len(index.ordered_groups)}</b> · "
            f"told by {sources} of {index.document_count} sources · "
            f"divergence {index.divergence(group):.2f}{_why(analysis, group)}"
        )
        theme = style.theme_for(self)
        blocks = [
            _block(index, m, _compared_link(index, m, members[:i]), theme) for i, m in enumerate(members)
        ]
        self._show(blocks, _missing(index, members))

    def show_sentence(self, analysis: Analysis, ref: SentenceRef) -> None:
        """A sentence no other source reports: the sentence, its source, and who left it out."""
        label = analysis.documents[ref.doc].document.label
        self.title.setText(f"<b>Only {escape(label)} reports this</b>")
        index = AnalysisIndex(analysis)
        self._show([_block(index, ref, None, style.theme_for(self))], _missing(index, [ref]))

    def show_contested(self, analysis: Analysis, link: int) -> None:
        """The two sides of a contested link against each other, and how they diverge."""
        index = AnalysisIndex(analysis)
        contest = index.contest(link)
        if contest is None:
            return
        found = analysis.alignment.links[link]
        number = index.ordered_contested.index(link) + 1
        colour = style.hex_name(style.contested_colour())
        self.title.setText(
            f"<b style='color:{colour}'>Contested {number} of {len(index.ordered_contested)}</b> · "
            f"{escape(contest.relation)} · over {escape(', '.join(contest.issue[:4]))}"
        )
        blocks = [
            f"<p><b>{escape(analysis.documents[r.doc].document.label)}</b><br>{escape(analysis.sentence(r).text)}</p>"
            for r in (found.a, found.b)
        ]
        lines = "".join(f"<li>{escape(line)}</li>" for line in contest.explanation.splitlines())
        self._show(blocks, f"<hr><p><b style='color:{colour}'>How they diverge</b></p><ul>{lines}</ul>")

    @property
    def side_by_side(self) -> bool:
        """True when the versions stand in columns rather than stacked."""
        return self._wide

    def _show(self, blocks: list[str], footer: str) -> None:
        self._blocks, self._footer = blocks, footer
        self._wide = self.width() > 2.5 * self.height()
        if len(blocks) > 1 and self._wide:
            width = 100 // len(blocks)
            cells = "".join(f'<td valign="top" width="{width}%">{block}</td>' for block in blocks)
            body = f'<table width="100%" cellspacing="8"><tr>{cells}</tr></table>'
        else:
            body = "<hr>".join(blocks)
        self.browser.setHtml(body + footer)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Switch between stacked and side-by-side versions when the shape changes."""
        super().resizeEvent(event)
        if self._blocks and (self.width() > 2.5 * self.height()) != self._wide:
            self._show(self._blocks, self._footer)


def _why(analysis: Analysis, group: int) -> str:
    """The framing analysis's explanation of a claim's divergence, when it has one."""
    divergences = analysis.framing.group_divergence if analysis.framing else ()
    return f"<br><small>{escape(divergences[group].explanation)}</small>" if group < len(divergences) else ""


def _compared_link(index: AnalysisIndex, ref: SentenceRef, earlier: list[SentenceRef]) -> Link | None:
    """The strongest link joining ``ref`` to a sentence shown before it."""
    shown = set(earlier)
    links = [index.analysis.alignment.links[i] for i in index.claim_link_indices(ref)]
    candidates = [link for link in links if (link.b if link.a == ref else link.a) in shown]
    return max(candidates, key=lambda link: link.similarity, default=None)


def _block(index: AnalysisIndex, ref: SentenceRef, link: Link | None, theme: style.Theme) -> str:
    label = escape(index.analysis.documents[ref.doc].document.label)
    text = index.analysis.sentence(ref).text
    if link is None:
        head, body = f"<b>{label}</b>", _lit(text, index.changed_spans(ref), theme)
    else:
        other = link.a if link.b == ref else link.b
        other_label = escape(index.analysis.documents[other.doc].document.label)
        rewrite = shared_share(link) < MIN_SHARED
        notes = [f"similarity {link.similarity:.2f}", _match_note(link)]
        notes += ["told in other words"] if rewrite else []
        notes += [f"linked by {', '.join(link.signals)}"] if link.signals else []
        head = f"<b>{label}</b> <small>vs {other_label}: {' · '.join(notes)}</small>"
        body = escape(text) if rewrite else _inline_diff(index, link, ref, theme)
    return f"<p>{head}<br>{body}</p>{_marks(index, ref)}"


def _match_note(link: Link) -> str:
    """The link's margin over its runner-up in words a reader can weigh (or that the reader made it)."""
    if link.origin is LinkOrigin.MANUAL:
        return "linked by hand"
    if link.margin >= CLEAR_MARGIN:
        return "clear match"
    return "close call" if link.margin >= 0 else "a closer match elsewhere"


def _lit(text: str, spans: list[tuple[int, int]], theme: style.Theme) -> str:
    """The text with the given spans highlighted as changed words (an offset walk, every piece escaped)."""
    out, cursor = [], 0
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(_changed(text[start:end], theme))
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def _changed(piece: str, theme: style.Theme) -> str:
    colour = style.hex_name(theme.changed_word)
    return f'<span style="background-color:{colour}; font-weight:600">{escape(piece)}</span>'


def _inline_diff(index: AnalysisIndex, link: Link, ref: SentenceRef, theme: style.Theme) -> str:
    """``ref``'s sentence with its own words highlighted and the compared sentence's words struck through."""
    a_text, b_text = index.analysis.sentence(link.a).text, index.analysis.sentence(link.b).text
    mine_is_a = link.a == ref
    deleted = style.hex_name(theme.deleted_word)
    out = []
    for op in link.diff:
        a_piece, b_piece = a_text[op.a_start : op.a_end], b_text[op.b_start : op.b_end]
        mine, theirs = (a_piece, b_piece) if mine_is_a else (b_piece, a_piece)
        if op.kind is DiffKind.EQUAL:
            out.append(escape(mine))
        elif (op.kind is DiffKind.ONLY_A) == mine_is_a:
            out.append(_changed(mine, theme))
        else:
            # a thin space keeps a struck word apart from the word that replaces it
            out.append(f'<s style="background-color:{deleted}">{escape(theirs)}\u2009</s>')
    return "".join(out)


def _marks(index: AnalysisIndex, ref: SentenceRef) -> str:
    items = [
        f'<li><b style="color:{style.hex_name(style.framing_colour(m.kind))}">{m.kind.value}</b> '
        f"“{escape(m.text)}”{_instead(m.counterpart)}: {escape(m.explanation)}</li>"
        for m in index.marks_of(ref)
    ]
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _instead(counterpart: str) -> str:
    return f" (other source: “{escape(counterpart)}”)" if counterpart else ""


def _missing(index: AnalysisIndex, members: list[SentenceRef]) -> str:
    present = {m.doc for m in members}
    absent = [
        escape(d.document.label) for i, d in enumerate(index.analysis.documents) if i not in present
    ]
    return f"<hr><p><i>Not reported by: {', '.join(absent)}</i></p>" if absent else ""
