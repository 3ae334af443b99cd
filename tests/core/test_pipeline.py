"""The analysis as steps: progress between blocks of work, so a worker can cancel a long analysis."""

from __future__ import annotations

import math

import pytest

from reader.core import align as align_module
from reader.core import pipeline
from reader.core.align import align
from reader.core.model import Cancelled, CancelToken, Progress
from reader.core.pipeline import drain, realign_steps


def test_analysis_reports_between_blocks_and_gives_the_same_analysis(outlets, monkeypatch):
    monkeypatch.setattr(pipeline, "DIFF_BLOCK", 50)
    seen: list[Progress] = []
    again = drain(realign_steps(outlets, outlets.alignment.threshold), seen.append)
    diffs = math.ceil(len(outlets.alignment.links) / 50)
    assert [p.stage for p in seen] == ["align", "contested", *["diff"] * diffs, "framing"]
    assert [p.done for p in seen if p.stage == "diff"] == list(range(0, len(outlets.alignment.links), 50))
    assert again.alignment == outlets.alignment and again.framing == outlets.framing


class _CancelAtCheck(CancelToken):
    """Cancelled at its ``at``-th check: shows where a long step looks at the token."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.checks = 0
        self._at = at

    def check(self) -> None:
        self.checks += 1
        if self.checks >= self._at:
            self.cancel()
        super().check()


def test_cancel_takes_effect_inside_the_alignment(outlets, monkeypatch):
    monkeypatch.setattr(align_module, "BLOCK_CELLS", 1)  # a block per sentence: many checks
    sources = len(outlets.documents)
    counting = _CancelAtCheck(at=10**9)
    align(outlets.documents, outlets.vectors, 0.35, cancel=counting)
    assert counting.checks > sources + math.comb(sources, 2)  # per document, then per block of scores
    steps = realign_steps(outlets, 0.35, _CancelAtCheck(at=sources + 2))
    with pytest.raises(Cancelled):
        next(steps)  # "align" is announced, then the alignment stops at its block
        next(steps)
