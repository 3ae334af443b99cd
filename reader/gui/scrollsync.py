"""Synchronised scrolling: when one column scrolls, the others bring their sentence of the same claim level.

The claim being read is the one at the leader's anchor line (a third of the way down). A column that does
not tell it follows the nearest later (else earlier) claim it shares with the leader.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from reader.core.lookup import AnalysisIndex
from reader.core.model import SentenceRef
from reader.gui.articleview import ANCHOR_HEIGHT
from reader.gui.sourcepane import SourcePane


class ScrollSync:
    """Follows one column with the others; pauses while columns are scrolled programmatically."""

    def __init__(self) -> None:
        self.enabled = True
        self._busy = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Scroll columns without the others following."""
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    def follow(self, index: AnalysisIndex, leader: SourcePane, panes: Sequence[SourcePane]) -> None:
        """Bring every other column level with the claim at the leader's anchor line."""
        if not self.enabled or self._busy:
            return
        with self.paused():
            y = int(leader.view.viewport().height() * ANCHOR_HEIGHT)
            sent = leader.sentence_at_y(y)
            top, bottom = leader.sentence_extent(sent) if sent >= 0 else (y, y)
            fraction = min(max((y - top) / max(bottom - top, 1), 0.0), 1.0)
            for pane in panes:
                if pane is not leader:
                    self.match(index, leader, sent, pane, fraction)

    def match(
        self, index: AnalysisIndex, leader: SourcePane, sent: int, pane: SourcePane, fraction: float = 0.0
    ) -> None:
        """Scroll ``pane`` so its sentence of the leader's nearest shared claim sits level with the leader's:
        the point ``fraction`` of the way through one sentence level with the same point in the other."""
        shared = _nearest_shared(index, leader, sent, pane.doc)
        if shared is None:
            return
        mine, theirs = shared
        fraction = fraction if mine == sent else 0.0
        top, bottom = leader.sentence_extent(mine)
        other_top, other_bottom = pane.sentence_extent(theirs)
        target = top + fraction * ((bottom - top) - (other_bottom - other_top))
        pane.scroll_sentence_to(theirs, int(target))


def _nearest_shared(index: AnalysisIndex, leader: SourcePane, sent: int, doc: int) -> tuple[int, int] | None:
    """The leader's first sentence from ``sent`` on (else the last before it) whose claim ``doc`` also
    tells, with ``doc``'s sentence of that claim."""
    count = leader.sentence_count()
    for i in [*range(max(sent, 0), count), *range(min(sent, count) - 1, -1, -1)]:
        members = index.members_in(index.group_of(SentenceRef(leader.doc, i)), doc)
        if members:
            return i, members[0].sent
    return None
