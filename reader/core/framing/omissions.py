"""Omissions: the claims most other sources report that a source leaves out, and the ones only it tells.

A claim (alignment group) counts as omitted by a source when the source is not in the group and at
least half of the other sources are (rounded up, at least one). A group always spans two sources or
more, so with three sources these are the claims both others tell; with two sources no group misses
either, and what one leaves out is simply the other's ``unique_sentences``.
"""

from __future__ import annotations

from math import ceil

from reader.core.model import Alignment, SegmentedDocument


def min_reporters(n_documents: int) -> int:
    """How many of the other sources must tell a claim for its absence to count as an omission."""
    return max(1, ceil((n_documents - 1) / 2))


def omitted_groups(alignment: Alignment, doc: int, n_documents: int) -> tuple[int, ...]:
    """Indices of the groups that at least half of the other sources report and ``doc`` leaves out."""
    needed = min_reporters(n_documents)
    return tuple(
        g
        for g, group in enumerate(alignment.groups)
        if doc not in group.documents() and len(group.documents()) >= needed
    )


def unique_sentences(alignment: Alignment, doc: int, document: SegmentedDocument) -> tuple[int, ...]:
    """Indices of ``doc``'s body sentences that no other source reports."""
    own = (ref.sent for ref in alignment.unique if ref.doc == doc)
    return tuple(sorted(i for i in own if document.sentences[i].is_body))
