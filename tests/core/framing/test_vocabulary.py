"""Fightin' Words: weighted log-odds z-scores with an informative Dirichlet prior."""

from __future__ import annotations

from collections import Counter

from reader.core.framing.vocabulary import distinctive_words, log_odds_z, pooled_prior, word_counts
from tests.helpers.builders import make_document


def test_word_used_more_by_one_source_scores_positive_and_shared_word_near_zero():
    mine = Counter({"regime": 8, "gaza": 10})
    rest = Counter({"government": 8, "gaza": 10})
    z = log_odds_z(mine, rest, pooled_prior([mine, rest], size=10))

    assert z["regime"] > 1.96
    assert abs(z["gaza"]) < 0.5


def test_more_evidence_gives_a_higher_z():
    mine = Counter({"terrorists": 12, "massacre": 4, "hamas": 20})
    rest = Counter({"militants": 12, "hamas": 20})
    z = log_odds_z(mine, rest, pooled_prior([mine, rest], size=10))

    assert z["terrorists"] > z["massacre"] > z["hamas"]


def test_distinctive_words_are_ranked_and_cut_at_the_threshold():
    fox = Counter({"terrorists": 12, "massacre": 6, "hamas": 20})
    nyt = Counter({"militants": 12, "hamas": 20})

    fox_words, nyt_words = distinctive_words([fox, nyt], top=15, z_min=0.5)

    assert [w.word for w in fox_words] == ["terrorists", "massacre"]
    assert [w.word for w in nyt_words] == ["militants"]
    assert fox_words[0].count == 12


def test_word_counts_are_lowercase_body_words_without_stopwords(lexicon):
    doc = make_document("Fox", "The Kremlin met the Hamas delegation. The Kremlin said nothing.")

    assert word_counts(doc, lexicon.stopwords) == Counter(
        {"kremlin": 2, "met": 1, "hamas": 1, "delegation": 1, "nothing": 1}
    )
