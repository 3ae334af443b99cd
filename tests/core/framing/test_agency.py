"""Agency: agentless passives against sentences that name who acted."""

from __future__ import annotations

from reader.core.framing.agency import agency_marks, events


def test_agentless_passive_is_marked_against_named_doer(pair_of, lexicon):
    passive = "Over 1,400 people were killed in the October 7 attack on Israel."
    active = "Hamas gunmen killed over 1,400 people in the October 7 attack on Israel."

    marks = list(agency_marks(pair_of(passive, active), lexicon))

    assert [(m.ref.doc, m.text) for m in marks] == [(0, "were killed"), (1, "Hamas gunmen killed")]
    assert marks[0].explanation == (
        "Agency: Fox says “were killed” without saying who did it; NYT names the doer: “Hamas gunmen killed”."
    )


def test_passive_with_by_names_the_doer(pair_of, lexicon):
    side = pair_of("The assailant was shot by police.", "Police fired.").a

    assert [e.agented for e in events(side, lexicon)] == [True]


def test_died_has_no_doer(pair_of, lexicon):
    side = pair_of("The assailant later died of his injuries at a hospital.", "x").a

    assert [e.agented for e in events(side, lexicon)] == [False]


def test_both_sentences_agentless_gives_no_mark(pair_of, lexicon):
    a = "Over 1,400 people were killed in the attack."
    b = "More than 1,400 people died in the attack."

    assert list(agency_marks(pair_of(a, b), lexicon)) == []


def test_shortened_passive_is_not_a_named_doer(pair_of, lexicon):
    side = pair_of("Trump reversed the decision to import trophies of elephants killed in Zimbabwe.", "x").a

    assert events(side, lexicon) == []


def test_passive_doer_is_quoted_with_its_agent(pair_of, lexicon):
    hidden = "He may be indicted soon."
    named = "He has been indicted by a grand jury."

    marks = list(agency_marks(pair_of(hidden, named), lexicon))

    assert [m.text for m in marks] == ["be indicted", "been indicted by a grand jury"]


def test_different_acts_are_not_compared(pair_of, lexicon):
    a = "Wilson could be charged soon."
    b = "Darren Wilson, who shot Michael Brown, spoke to ABC."

    assert list(agency_marks(pair_of(a, b), lexicon)) == []


def test_died_is_compared_with_any_named_doer(pair_of, lexicon):
    a = "Three protesters died on Sunday."
    b = "Police shot three protesters on Sunday."

    assert [m.text for m in agency_marks(pair_of(a, b), lexicon)] == ["died", "Police shot"]
