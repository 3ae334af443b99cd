"""Number parsing and disagreeing numbers in linked sentences."""

from __future__ import annotations

import pytest

from reader.core.framing.numbers import number_marks, parse_number

# The Jerusalem Post report of 27 Oct 2023 gives both 229 and "over 220" hostages.
EMBASSY = "Moscow seeks to secure the release of the 229 captives in Gaza, Russia's Embassy in Israel said."
MINISTRY = "Moscow seeks to secure the release of the 220 captives in Gaza, Russia's Embassy in Israel said."


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,400"], 1400), (["1400"], 1400), (["229"], 229), (["two", "dozen"], 24),
        (["50%"], 50), (["1.5", "million"], 1_500_000), (["twenty", "five"], 25),
        (["three", "hundred", "thousand"], 300_000), (["gaza"], None),
    ],
)
def test_parse_number_reads_digits_and_number_words(words, value, lexicon):
    assert parse_number(words, lexicon) == value


def test_different_counts_of_the_same_thing_are_marked_on_both_sides(pair_of, lexicon):
    marks = list(number_marks(pair_of(EMBASSY, MINISTRY), lexicon))

    assert [(m.ref.doc, m.text, m.counterpart) for m in marks] == [(0, "229", "220"), (1, "220", "229")]
    assert marks[0].explanation == "Number: Fox says “229 captives” where NYT says “220 captives”."


def test_qualifier_is_part_of_the_number(pair_of, lexicon):
    a = "Hamas attacked Israel on October 7, when over 1,400 people were killed."
    b = "Hamas attacked Israel on October 7, when 1,200 people were killed."

    marks = list(number_marks(pair_of(a, b), lexicon))

    assert marks[0].text == "over 1,400"


def test_same_value_written_differently_is_not_marked(pair_of, lexicon):
    a = "The hands of Hamas officials are stained with the blood of over 1400 Israelis."
    b = "The hands of Hamas officials are stained with the blood of over 1,400 Israelis."

    assert list(number_marks(pair_of(a, b), lexicon)) == []


def test_dates_are_not_compared_as_counts(pair_of, lexicon):
    a = "The image was released on October 26, 2023 by Hamas."
    b = "The image was released on October 27, 2023 by Hamas."

    assert list(number_marks(pair_of(a, b), lexicon)) == []


def test_percentages_are_quoted_with_their_word(pair_of, lexicon):
    a = "Last year, the Clintons paid an effective federal tax rate of 36 percent."
    b = "Last year, the Clintons paid an effective federal tax rate of 31 percent."

    marks = list(number_marks(pair_of(a, b), lexicon))

    assert marks[0].explanation == "Number: Fox says “36 percent” where NYT says “31 percent”."


def test_several_counts_of_one_kind_are_not_paired_by_guess(pair_of, lexicon):
    a = "The federal tax rate was 36 percent, while the combined rate was 46 percent."
    b = "The couple paid an effective tax rate of 31 percent."

    assert list(number_marks(pair_of(a, b), lexicon)) == []


def test_other_value_mentioned_in_the_sentence_is_no_disagreement(pair_of, lexicon):
    a = "Johnson said there were six arrests Wednesday, compared to 47 the previous night."
    b = "Still, the police did make 47 arrests overnight."

    assert list(number_marks(pair_of(a, b), lexicon)) == []


def test_slashed_numbers_are_names_not_counts(pair_of, lexicon):
    a = "The bill helps 9/11 victims and first responders."
    b = "The bill helps victims and first responders."

    assert list(number_marks(pair_of(a, b), lexicon)) == []


def test_counts_more_than_tenfold_apart_are_of_different_things(pair_of, lexicon):
    a = "Security forces killed 42 people in Velmor on Thursday night."
    b = "Security forces fired into a crowd of several thousand people in Velmor on Thursday night."
    c = "Security forces killed 12 people in Velmor on Thursday night."

    assert list(number_marks(pair_of(a, b), lexicon)) == []
    assert [m.text for m in number_marks(pair_of(a, c), lexicon)] == ["42", "12"]


def test_counts_of_different_acts_are_no_disagreement(pair_of, lexicon):
    # The Foreign Ministry's two counts in the JPost report: the killed and the kidnapped.
    a = "The ministry said over 1400 Israelis were slaughtered by Hamas."
    b = "The ministry said Hamas is responsible for the kidnapping of over 220 Israelis."

    assert list(number_marks(pair_of(a, b), lexicon)) == []
