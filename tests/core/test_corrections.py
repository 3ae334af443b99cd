"""Manual corrections: unlink, link and contest by hand; they survive re-alignment, reorders and renames."""

from __future__ import annotations

import pytest

from reader.core.corrections import Verdict, apply_corrections, correction
from reader.core.model import Document, LinkKind, LinkOrigin, SentenceRef
from reader.core.pipeline import drain
from reader.core.session import Session

A = ("The port reopened on Monday after a week-long strike. Ships had queued for days outside. "
     "The mayor praised the workers.")
B = ("After a long strike, the port reopened Monday. Dozens of ships had waited at sea. "
     "Fishermen said the catch was poor this year.")


@pytest.fixture(scope="module")
def analysed(encoder):
    session = Session()
    session.add([Document("A", A), Document("B", B)])
    session.analyse(encoder)
    return session


def pair(link):
    return link.a, link.b


def test_unlink_removes_the_link_and_frees_its_sentences(analysed):
    base = analysed.base
    link = base.alignment.links[0]
    unlink = correction(analysed.key_of(link.a), analysed.key_of(link.b), Verdict.UNLINK)
    shown = apply_corrections(base, [unlink])
    assert pair(link) not in {pair(k) for k in shown.alignment.links}
    assert link.a in shown.alignment.unique or any(link.a in g.members for g in shown.alignment.groups)
    assert shown.framing is not None and shown.warnings == ()


def test_link_by_hand_is_manual_with_its_cosine_and_diff(analysed):
    a, b = SentenceRef(0, 2), SentenceRef(1, 2)  # the mayor / the fishermen: no automatic link
    assert (a, b) not in {pair(k) for k in analysed.base.alignment.links}
    link = correction(analysed.key_of(b), analysed.key_of(a), Verdict.LINK)
    shown = apply_corrections(analysed.base, [link])
    made = next(k for k in shown.alignment.links if pair(k) == (a, b))
    assert made.origin is LinkOrigin.MANUAL and made.kind is LinkKind.CLAIM
    assert 0 < made.similarity < 1 and made.diff
    assert any({a, b} <= set(g.members) for g in shown.alignment.groups)
    assert a not in shown.alignment.unique


def test_contested_replaces_the_automatic_link_of_that_pair(analysed):
    link = analysed.base.alignment.links[0]
    shown = apply_corrections(
        analysed.base, [correction(analysed.key_of(link.a), analysed.key_of(link.b), Verdict.CONTESTED)])
    made = [k for k in shown.alignment.links if pair(k) == pair(link)]
    assert [(k.kind, k.origin) for k in made] == [(LinkKind.CONTESTED, LinkOrigin.MANUAL)]


def test_corrections_survive_a_new_threshold_a_reorder_and_a_rename(analysed, encoder):
    session = Session()
    session.add([Document("A", A), Document("B", B)])
    session.analyse(encoder)
    a, b = SentenceRef(0, 2), SentenceRef(1, 2)
    session.correct(correction(session.key_of(a), session.key_of(b), Verdict.LINK))
    session.settings = session.settings.with_changes(threshold=0.9)
    session.accept(drain(session.realign_job()(None)))
    assert [pair(k) for k in session.analysis.alignment.links if k.origin is LinkOrigin.MANUAL] == [(a, b)]
    session.move(0, 1)
    session.rename(0, "Renamed")
    session.analyse(encoder)
    flipped = (SentenceRef(0, 2), SentenceRef(1, 2))
    assert [pair(k) for k in session.analysis.alignment.links if k.origin is LinkOrigin.MANUAL] == [flipped]


def test_a_later_verdict_on_the_same_pair_replaces_the_earlier(analysed):
    keys = analysed.key_of(SentenceRef(0, 2)), analysed.key_of(SentenceRef(1, 2))
    session = Session()
    session.correct(correction(*keys, Verdict.LINK))
    session.correct(correction(*reversed(keys), Verdict.UNLINK))
    assert [c.verdict for c in session.corrections] == [Verdict.UNLINK]


def test_a_correction_naming_a_missing_sentence_is_skipped_with_a_warning(analysed):
    key = analysed.key_of(SentenceRef(0, 0))
    bad = correction(key, type(key)(analysed.key_of(SentenceRef(1, 0)).source, 999), Verdict.LINK)
    shown = apply_corrections(analysed.base, [bad])
    assert len(shown.alignment.links) == len(analysed.base.alignment.links)
    assert shown.warnings == ("A manual link names sentences the sources do not have; skipped.",)
