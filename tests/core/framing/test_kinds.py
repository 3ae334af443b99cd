"""Label swaps, attribution verbs, hedges and intensity words on real news sentences."""

from __future__ import annotations

from reader.core.framing.kinds import attribution_marks, hedge_marks, intensity_marks, label_marks
from reader.core.framing.report import FramingKind

# Israel's Foreign Ministry in the Jerusalem Post report of 27 Oct 2023, and a rewording of it.
JPOST = "We call on the Russian government to expel the Hamas terrorists immediately, it added."
REWORDED = "We call on the Russian government to expel the Hamas militants immediately, it added."


def test_label_swap_marks_both_words_with_counterparts(pair_of, lexicon):
    marks = list(label_marks(pair_of(JPOST, REWORDED), lexicon))

    assert [(m.ref.doc, m.text, m.counterpart) for m in marks] == [
        (0, "terrorists", "militants"), (1, "militants", "terrorists"),
    ]
    assert marks[0].kind is FramingKind.LABEL
    assert marks[0].explanation == "Label: Fox says “terrorists” where NYT says “militants”."


def test_label_offsets_are_relative_to_the_sentence(pair_of, lexicon):
    mark = next(iter(label_marks(pair_of(JPOST, REWORDED), lexicon)))

    assert JPOST[mark.start : mark.end] == "terrorists"


def test_label_of_another_group_is_not_a_swap(pair_of, lexicon):
    other = "We call on the Russian government to expel the Hamas officials immediately, it added."

    assert list(label_marks(pair_of(JPOST, other), lexicon)) == []


def test_loaded_attribution_verb_is_marked_against_neutral_one(pair_of, lexicon):
    fox = "The White House claimed Monday that politics were not at play in Obama's decision."
    nyt = "The White House said Monday that politics were not at play in Obama's decision."

    marks = list(attribution_marks(pair_of(fox, nyt), lexicon))

    assert [(m.ref.doc, m.text, m.counterpart) for m in marks] == [(0, "claimed", "said")]
    assert "judges" in marks[0].explanation


def test_neutral_attribution_swap_is_not_framing(pair_of, lexicon):
    a = "Moscow is also seeking to evacuate its citizens from Gaza, the embassy stated."
    b = "Moscow is also seeking to evacuate its citizens from Gaza, the embassy said."

    assert list(attribution_marks(pair_of(a, b), lexicon)) == []


def test_hedge_only_one_source_uses_is_marked(pair_of, lexicon):
    hpo = "Susan Collins (R-Maine) is reportedly open to voting to proceed on the repeal."
    fox = "Susan Collins (R-Maine) is open to voting to proceed on the repeal."

    marks = list(hedge_marks(pair_of(hpo, fox), lexicon))

    assert [(m.ref.doc, m.text) for m in marks] == [(0, "reportedly")]
    assert marks[0].explanation.startswith("Hedge: Fox uses “reportedly”")


def test_certainty_marker_is_explained_as_certainty(pair_of, lexicon):
    a = "The plan clearly slashes antipoverty programs."
    b = "The plan changes antipoverty programs."

    marks = list(hedge_marks(pair_of(a, b), lexicon))

    assert [m.text for m in marks] == ["clearly"]
    assert marks[0].explanation.startswith("Certainty:")


def test_intensity_word_carries_what_the_other_says_instead(pair_of, lexicon):
    a = "Israel has harshly criticized Moscow's decision to host Hamas."
    b = "Israel has criticized Moscow's decision to host Hamas."

    marks = list(intensity_marks(pair_of(a, b), lexicon))

    assert [(m.ref.doc, m.text, m.counterpart) for m in marks] == [(0, "harshly", "")]
    assert "turns up the force" in marks[0].explanation


def test_word_both_sentences_use_is_not_marked_even_when_moved(pair_of, lexicon):
    a = "Brutal fighting continued in Gaza on Friday."
    b = "On Friday fighting in Gaza continued, brutal as before."

    assert list(intensity_marks(pair_of(a, b), lexicon)) == []


def test_long_rewrite_is_not_quoted_as_the_counterpart(pair_of, lexicon):
    a = "Israel has harshly criticized the decision."
    b = "Israel has, in a statement issued by its foreign ministry on Thursday, criticized the decision."

    (mark,) = intensity_marks(pair_of(a, b), lexicon)

    assert (mark.text, mark.counterpart) == ("harshly", "")
    assert mark.explanation.endswith("NYT does not.")


def test_another_form_of_the_same_verb_is_no_difference(pair_of, lexicon):
    a = "Trump vowed to stop the Islamic State group."
    b = "Trump spoke on Monday, vowing to stop the Islamic State group."

    assert list(attribution_marks(pair_of(a, b), lexicon)) == []


def test_verbs_do_not_grow_degree_forms(lexicon):
    assert "contender" not in lexicon.attribution
    assert "harsher" in lexicon.intensity


def test_capitalised_word_inside_a_sentence_is_a_name(pair_of, lexicon):
    a = "The vote was held in May after weeks of talks."
    b = "The vote was held after weeks of talks."

    assert list(hedge_marks(pair_of(a, b), lexicon)) == []


def test_labels_of_different_acts_in_different_places_are_no_swap(pair_of, lexicon):
    # "invasion" and "atrocities" share a label group but name two different acts here.
    a = "Israel condemned the invasion and the atrocities committed by the gunmen in the south."
    b = "Israel condemned the atrocities committed by the gunmen, officials said of the assault."

    assert [m for m in label_marks(pair_of(a, b), lexicon) if m.text in ("invasion", "assault")] == []
