"""The whole framing report of a hand-built triplet, and its speed."""

from __future__ import annotations

import time

from reader.core.framing.analyse import analyse_framing
from reader.core.framing.report import FramingKind
from tests.helpers.builders import make_analysis

ARTICLES = [
    ("Fox", "Hamas terrorists killed over 1,400 Israelis in the brutal attack. "
            "The Kremlin insisted it was working for the release of hostages. Officials reportedly met. "
            "“Hamas is a terror organization,” the ministry said."),
    ("NYT", "Hamas militants killed 1,200 Israelis in the attack. "
            "The Kremlin said it was working for the release of hostages. Officials met. "
            "“Hamas is a terrorist organization,” the ministry said."),
    ("HuffPost", "More than 1,200 Israelis were killed in the attack. Iran's envoy was in Moscow too."),
]
LINKS = [
    ((0, 0), (1, 0), 0.8), ((0, 0), (2, 0), 0.7), ((1, 0), (2, 0), 0.75),
    ((0, 1), (1, 1), 0.9), ((0, 2), (1, 2), 0.85), ((0, 3), (1, 3), 0.95),
]


def test_report_has_every_kind_on_the_words_it_names():
    analysis = make_analysis(ARTICLES, LINKS)
    report = analyse_framing(analysis)

    assert {m.kind for m in report.marks} == set(FramingKind)
    for mark in report.marks:
        assert analysis.sentence(mark.ref).text[mark.start : mark.end] == mark.text
        link = analysis.alignment.links[mark.link]
        assert mark.ref in (link.a, link.b)


def test_marks_of_one_sentence_do_not_overlap_within_a_link():
    report = analyse_framing(make_analysis(ARTICLES, LINKS))
    seen: dict[tuple, list[tuple[int, int]]] = {}
    for mark in report.marks:
        spans = seen.setdefault((mark.link, mark.ref), [])
        assert all(mark.end <= s or e <= mark.start for s, e in spans)
        spans.append((mark.start, mark.end))


def test_sources_summarise_omissions_and_unique_claims():
    analysis = make_analysis(ARTICLES, LINKS)
    report = analyse_framing(analysis)

    assert [s.doc for s in report.sources] == [0, 1, 2]
    assert report.sources[2].unique_sentences == (1,)
    assert len(report.sources[2].omitted_groups) == 3
    assert len(report.group_divergence) == len(analysis.alignment.groups)


def test_a_triplet_is_analysed_in_well_under_100_ms():
    analyse_framing(make_analysis(ARTICLES, LINKS))  # word lists and voices loaded once
    realigned = make_analysis(ARTICLES, LINKS[:4])

    start = time.perf_counter()
    analyse_framing(realigned)
    assert time.perf_counter() - start < 0.1


def test_single_document_has_a_summary_and_nothing_to_compare():
    report = analyse_framing(make_analysis([ARTICLES[0]], []))

    assert report.marks == ()
    assert report.pair_divergence == {}
    assert report.sources[0].unique_sentences == (0, 1, 2, 3)
    assert report.sources[0].omitted_groups == ()
