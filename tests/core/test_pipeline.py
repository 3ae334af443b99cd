"""The analysis as steps: progress between blocks of work, so a worker can cancel a long analysis."""

from __future__ import annotations

import math

from reader.core import pipeline
from reader.core.model import Progress
from reader.core.pipeline import drain, realign_steps


def test_analysis_reports_between_blocks_and_gives_the_same_analysis(outlets, monkeypatch):
    monkeypatch.setattr(pipeline, "DIFF_BLOCK", 50)
    seen: list[Progress] = []
    again = drain(realign_steps(outlets, outlets.alignment.threshold), seen.append)
    diffs = math.ceil(len(outlets.alignment.links) / 50)
    assert [p.stage for p in seen] == ["align", "contested", *["diff"] * diffs, "framing"]
    assert [p.done for p in seen if p.stage == "diff"] == list(range(0, len(outlets.alignment.links), 50))
    assert again.alignment == outlets.alignment and again.framing == outlets.framing
