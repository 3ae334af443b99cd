"""The claim-alignment evaluations: eval/align.py (cross-validated, learning curve) and token coverage."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.conftest import BASIL, REPO, eval_script

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not BASIL.is_dir(), reason="needs ../shared/eval/basil")]
TOTAL = r"align: p=[01]\.\d{3} r=[01]\.\d{3} f1=[01]\.\d{3} events="


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    """A folder with the first three of our gold events."""
    folder = tmp_path_factory.mktemp("gold")
    for path in sorted((REPO / "eval" / "gold").glob("*.json"))[:3]:
        (folder / path.name).write_text(path.read_text("utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def events(gold):
    """Those events analysed by the app's pipeline, with their candidates and labels."""
    align = eval_script("align")
    return align.gold_events([gold], BASIL, align.DEFAULT_MODEL, "fp32")


def test_eval_align_prints_the_cross_validated_line_last(gold, capsys):
    assert eval_script("align").main(["--gold", str(gold), "--basil", str(BASIL)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4
    assert re.fullmatch(TOTAL + "3", lines[-1])


def test_a_learning_curve_point_sums_its_draws(events):
    align = eval_script("align")
    point = align.learning_curve_point(events, 1, seeds=2)
    draws = [align.cross_validated(events, 1, seed) for seed in range(2)]
    assert point == [[a + b for a, b in zip(x, y, strict=True)] for x, y in zip(*draws, strict=True)]
    assert [counts[2] for counts in point] == [2 * len(e.gold["links"]) for e in events]
    assert align.cross_validated(events, 2) == align.cross_validated(events)  # two others are all others


def test_token_coverage_of_a_sentence_by_itself_and_by_a_longer_one():
    coverage = eval_script("token_coverage").coverage
    vectors = np.eye(4, dtype=np.float32)
    whole = (np.arange(4), vectors)
    part = (np.arange(2), vectors[:2])
    rarity = dict.fromkeys(range(4), 1.0)
    assert coverage(whole, whole, rarity) == pytest.approx((1.0, 1.0))
    assert coverage(part, whole, rarity) == pytest.approx((1.0, 0.5))
    rare_left_out = {0: 1.0, 1: 1.0, 2: 3.0, 3: 0.0}
    assert coverage(part, whole, rare_left_out) == pytest.approx((1.0, 0.4))


def test_token_coverage_adds_its_signals_to_every_candidate(events, capsys):
    script = eval_script("token_coverage")
    tokens = script.sentence_tokens(events, eval_script("align").DEFAULT_MODEL)
    extra = [script.event_signals(e, t) for e, t in zip(events, tokens, strict=True)]
    widened = script.with_signals(events, extra, ["coverage_best", "coverage_gap"])
    for before, after, signals in zip(events, widened, extra, strict=True):
        for key, candidates in before.prepared.pairs.items():
            grown = after.prepared.pairs[key].signals
            assert grown.shape == (len(candidates.signals), candidates.signals.shape[1] + 2)
            assert np.all((signals[key]["coverage_best"] >= -1) & (signals[key]["coverage_best"] <= 1.0001))
            assert np.all(signals[key]["coverage_gap"] <= 1e-6)
    best = np.concatenate([s[k]["coverage_best"] for e, s in zip(events, extra, strict=True) for k in s])
    labels = np.concatenate([y for e in events for y in e.labels.values()])
    assert best[labels == 1].mean() > best[labels == 0].mean() + 0.1  # gold links are better covered
