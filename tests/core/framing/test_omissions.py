"""Omitted claims and claims only one source tells."""

from __future__ import annotations

from reader.core.framing.omissions import min_reporters, omitted_groups, unique_sentences
from tests.helpers.builders import make_analysis

ARTICLES = [
    ("Fox", "Hamas leaders visited Moscow. The Kremlin did not meet them. Israel protested."),
    ("NYT", "A Hamas delegation visited Moscow. Israel condemned the visit."),
    ("HuffPost", "Hamas officials were in Moscow. Israel objected to the visit. Iran's envoy came too."),
]


def test_min_reporters_is_half_the_other_sources_rounded_up():
    assert [min_reporters(n) for n in (2, 3, 4, 5)] == [1, 1, 2, 2]


def test_source_missing_from_a_claim_the_others_tell_omits_it():
    analysis = make_analysis(ARTICLES, [((0, 0), (1, 0), 0.8), ((0, 0), (2, 0), 0.7), ((1, 1), (2, 1), 0.7)])
    visit, protest = analysis.alignment.groups

    assert protest.documents() == {1, 2}
    assert omitted_groups(analysis.alignment, 0, 3) == (analysis.alignment.groups.index(protest),)
    assert omitted_groups(analysis.alignment, 1, 3) == ()
    assert visit.documents() == {0, 1, 2}


def test_unique_sentences_are_the_sources_unlinked_body_sentences():
    analysis = make_analysis(ARTICLES, [((0, 0), (1, 0), 0.8), ((0, 0), (2, 0), 0.7), ((1, 1), (2, 1), 0.7)])

    assert unique_sentences(analysis.alignment, 0, analysis.documents[0]) == (1, 2)
    assert unique_sentences(analysis.alignment, 2, analysis.documents[2]) == (2,)
