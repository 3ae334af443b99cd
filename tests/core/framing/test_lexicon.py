"""The word lists: inflections, label groups, sections."""

from __future__ import annotations

from reader.core.framing.lexicon import inflections, normalise


def test_inflections_cover_regular_verb_and_noun_forms():
    assert {"claims", "claimed", "claiming"} <= inflections("claim")
    assert {"ripped", "ripping"} <= inflections("rip")
    assert {"decried", "decries"} <= inflections("decry")
    assert {"insisted", "insists"} <= inflections("insist")


def test_normalise_lowercases_and_drops_possessives():
    assert normalise("Hamas’s") == "hamas"
    assert normalise("Obama's") == "obama"


def test_irregular_plural_is_the_same_alternative_of_its_label_group(lexicon):
    assert lexicon.labels["gunman"] == lexicon.labels["gunmen"]
    assert lexicon.labels["terrorists"] & lexicon.labels["terrorist"]


def test_terrorists_and_militants_are_alternatives_of_one_group(lexicon):
    groups = {g for g, _ in lexicon.labels["terrorists"]} & {g for g, _ in lexicon.labels["militants"]}

    assert groups


def test_attribution_sections_tell_neutral_from_loaded(lexicon):
    assert lexicon.attribution["said"] == "neutral"
    assert lexicon.attribution["according to"] == "neutral"
    assert lexicon.attribution["claimed"] == "loaded"
    assert lexicon.attribution["lashed out"] == "loaded"


def test_hedges_certainty_and_intensity_have_their_sections(lexicon):
    assert lexicon.hedges["reportedly"] == "hedge"
    assert lexicon.hedges["clearly"] == "certainty"
    assert lexicon.intensity["brutal"] == "evaluative"
    assert lexicon.intensity["slammed"] == "dramatic"


def test_agency_knows_past_forms_including_irregular_ones(lexicon):
    assert {"killed", "shot", "slain", "died"} <= lexicon.harm_past
    assert "attack" not in lexicon.harm_past
