"""Find in all sources: occurrences of a phrase, with offsets into the untouched text."""

from __future__ import annotations

from conftest import JPOST

from reader.core.ingest import read_path
from reader.core.search import find_spans


def test_every_occurrence_is_found_whatever_its_case() -> None:
    text = "Hamas said. The HAMAS delegation met; hamas officials left."
    spans = find_spans(text, "hamas")
    assert [text[a:b] for a, b in spans] == ["Hamas", "HAMAS", "hamas"]


def test_a_phrase_matches_across_line_breaks_and_either_apostrophe() -> None:
    text = "Russia’s Embassy\nin Israel said Russia's embassy in Israel"
    assert [text[a:b] for a, b in find_spans(text, "russia's embassy in israel")] == [
        "Russia’s Embassy\nin Israel",
        "Russia's embassy in Israel",
    ]


def test_blank_or_special_queries_are_safe() -> None:
    assert find_spans("anything", "   ") == []
    assert find_spans("a (b) c", "(b)") == [(2, 5)]


def test_spans_slice_the_jpost_report_as_read() -> None:
    text = read_path(JPOST).text
    spans = find_spans(text, "foreign ministry")
    assert len(spans) >= 2
    assert all(text[a:b].lower() == "foreign ministry" for a, b in spans)
