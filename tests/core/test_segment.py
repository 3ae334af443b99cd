"""Segmentation: exact offsets, sentence boundaries, paragraph roles, agreement with BASIL annotators."""

from __future__ import annotations

import json
import time

import pytest
from conftest import BASIL, JPOST
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.model import Document, Role, SegmentedDocument
from reader.core.segment import segment


def _segment_text(text: str, title: str = "") -> SegmentedDocument:
    return segment(Document(label="test", text=text, title=title))


def _sentences(text: str) -> list[str]:
    return [s.text for s in _segment_text(text).sentences]


@pytest.fixture(scope="module")
def jpost() -> SegmentedDocument:
    return segment(Document(label="JPost", text=JPOST.read_text(encoding="utf-8")))


def _role_of(doc: SegmentedDocument, prefix: str, occurrence: int = 0) -> Role:
    matches = [s.role for s in doc.sentences if s.text.startswith(prefix)]
    return matches[occurrence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The attack on Oct. 7 killed 1,400 people. It shocked Israel.",
            ["The attack on Oct. 7 killed 1,400 people.", "It shocked Israel."],
        ),
        (
            "U.S. officials met Dr. Smith and Sen. Jones. They talked.",
            ["U.S. officials met Dr. Smith and Sen. Jones.", "They talked."],
        ),
        (
            "President George W. Bush spoke. Mr. Obama listened.",
            ["President George W. Bush spoke.", "Mr. Obama listened."],
        ),
        (
            "Growth was 1.5 percent, or $2.3 billion. Gov. Brown and St. Louis agreed.",
            ["Growth was 1.5 percent, or $2.3 billion.", "Gov. Brown and St. Louis agreed."],
        ),
        ("He chose Plan B. The plan failed.", ["He chose Plan B.", "The plan failed."]),
        ("I cherish the F.B.I. It’s special.", ["I cherish the F.B.I.", "It’s special."]),
        ("They moved to the U.S. The move was hard.", ["They moved to the U.S.", "The move was hard."]),
        ('"We will win," he said. "We always do."', ['"We will win," he said.', '"We always do."']),
        ("“It is over.” The crowd left.", ["“It is over.”", "The crowd left."]),
        ("Is it true? Yes! It is... Really.", ["Is it true?", "Yes!", "It is...", "Really."]),
        ("He paused… and went on. Then he left.", ["He paused… and went on.", "Then he left."]),
        ('"Where is he?" Mr. Gowdy asked.', ['"Where is he?" Mr. Gowdy asked.']),
        (
            "The vote was held Jan. 5 in Boston, Mass. The bill passed.",
            ["The vote was held Jan. 5 in Boston, Mass.", "The bill passed."],
        ),
        ("Apple Inc. Chief Executive Tim Cook spoke.", ["Apple Inc. Chief Executive Tim Cook spoke."]),
        (
            "“I love this country. ... The world laughs at us.”",
            ["“I love this country.", "... The world laughs at us.”"],
        ),
        ("莫斯科接待了代表团。以色列提出抗议！", ["莫斯科接待了代表团。", "以色列提出抗议！"]),
        ("هل زار الوفد موسكو؟ نعم زار.", ["هل زار الوفد موسكو؟", "نعم زار."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_quotation_over_several_sentences_is_split_at_each_sentence() -> None:
    text = "“We condemn terror. We call for calm,” the ministry said. It added nothing."
    assert _sentences(text) == [
        "“We condemn terror.",
        "We call for calm,” the ministry said.",
        "It added nothing.",
    ]


def test_blank_lines_and_single_line_breaks_end_paragraphs() -> None:
    doc = _segment_text("Headline here\nFirst paragraph.\n\nSecond paragraph.\nThird one.")
    assert len(doc.paragraphs) == 4
    assert [s.paragraph for s in doc.sentences] == [0, 1, 2, 3]


def test_wrapped_lines_stay_in_one_paragraph() -> None:
    doc = _segment_text(
        "The minister said that the talks\nwould continue next week, and that\nIsrael objected."
    )
    assert len(doc.paragraphs) == 1
    assert len(doc.sentences) == 1


def test_jpost_title_captions_credits_and_heading(jpost: SegmentedDocument) -> None:
    assert jpost.sentences[0].role is Role.TITLE
    assert _role_of(jpost, "Senior Hamas officials") is Role.CAPTION
    assert _role_of(jpost, "(photo credit: Hamas Handout") is Role.CREDIT
    assert _role_of(jpost, "Russian President Vladimir Putin shakes hands") is Role.CAPTION
    assert _role_of(jpost, "An important regional player") is Role.BOILERPLATE


def test_jpost_later_copies_are_duplicates(jpost: SegmentedDocument) -> None:
    assert _role_of(jpost, "Senior Hamas officials", 1) is Role.DUPLICATE
    assert _role_of(jpost, "Russian President Vladimir Putin shakes hands", 1) is Role.DUPLICATE
    assert _role_of(jpost, "Moscow is also seeking", 0) is Role.BODY
    assert _role_of(jpost, "Moscow is also seeking", 1) is Role.DUPLICATE


def test_jpost_oct_7_is_not_split(jpost: SegmentedDocument) -> None:
    sentence = next(s.text for s in jpost.sentences if s.text.startswith("It cited Abu Hamid"))
    assert sentence.endswith("in a Hamas attack on Oct. 7.")


def test_jpost_foreign_ministry_quotation_sentences(jpost: SegmentedDocument) -> None:
    texts = [s.text for s in jpost.sentences]
    start = next(i for i, t in enumerate(texts) if t.startswith("Israel’s Foreign Ministry reminded"))
    assert texts[start].endswith("worse than ISIS.")
    assert texts[start + 1].startswith("“The hands of senior Hamas officials")
    assert texts[start + 2].endswith("the Foreign Ministry stated.")
    assert all(jpost.sentences[i].role is Role.BODY for i in range(start, start + 3))


def test_jpost_body_has_no_caption_or_credit_text(jpost: SegmentedDocument) -> None:
    body = [jpost.sentences[i].text for i in jpost.body_indices()]
    assert not any("credit:" in text for text in body)
    assert len(body) == 27


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("(credit: REUTERS)", Role.CREDIT),
        ("Photo: Amir Cohen/Reuters", Role.CREDIT),
        ("Getty Images", Role.CREDIT),
        ("Advertisement", Role.BOILERPLATE),
        ("Read more: Russia hosts Hamas", Role.BOILERPLATE),
        ("Click here to sign up for our newsletter.", Role.BOILERPLATE),
        ("By TOVAH LAZAROFF", Role.BOILERPLATE),
        ("October 27, 2023 10:15", Role.BOILERPLATE),
        ("Copyright 2023 The Example Herald. All rights reserved.", Role.BOILERPLATE),
        ("Follow us on Twitter", Role.BOILERPLATE),
    ],
)
def test_non_body_lines_get_their_role(line: str, role: Role) -> None:
    doc = _segment_text(f"A headline\n\nThe first sentence of the body.\n\n{line}\n\nThe body goes on here.")
    assert {s.role for s in doc.sentences if s.paragraph == 2} == {role}
    assert doc.sentences[-1].role is Role.BODY


def test_caption_before_a_credit_line() -> None:
    doc = _segment_text("The talks began.\n\nPutin meets Abbas in Sochi\n(photo credit: AP)\n\nThey ended.")
    assert [s.role for s in doc.sentences] == [Role.BODY, Role.CAPTION, Role.CREDIT, Role.BODY]


def test_known_title_is_title_even_with_punctuation() -> None:
    doc = _segment_text("Talks fail. Again.\n\nThe talks failed.", title="Talks fail. Again.")
    assert [s.role for s in doc.sentences] == [Role.TITLE, Role.TITLE, Role.BODY]


def test_byline_first_is_boilerplate_not_title() -> None:
    doc = _segment_text("By Jane Doe\n\nThe talks failed.")
    assert [s.role for s in doc.sentences] == [Role.BOILERPLATE, Role.BODY]


def test_headline_repeated_above_the_article_is_body() -> None:
    headline = "Christie Announces He Is Running For President"
    doc = _segment_text(f"{headline}\n\n{headline}\n\nChristie said so on Tuesday.")
    assert [s.role for s in doc.sentences] == [Role.TITLE, Role.BODY, Role.BODY]


def test_second_headline_above_the_article_is_body_but_navigation_is_not() -> None:
    text = "Cowan Named Senator\n\nSite Mobile Navigation\n\nGovernor Appoints Ex-Aide to Fill Kerry Seat\n\n"
    doc = _segment_text(text + "Patrick named Cowan.\n\nMore Coverage Of The Senate Race\n\nIt ends.")
    roles = [Role.TITLE, Role.BOILERPLATE, Role.BODY, Role.BODY, Role.BOILERPLATE, Role.BODY]
    assert [s.role for s in doc.sentences] == roles


def test_byline_above_the_article_stays_boilerplate() -> None:
    doc = _segment_text("Talks Fail\n\nBy Jane Doe and John Smith\n\nThe talks failed.")
    assert [s.role for s in doc.sentences] == [Role.TITLE, Role.BOILERPLATE, Role.BODY]


def test_first_line_with_final_punctuation_is_body() -> None:
    doc = _segment_text("The talks failed.\n\nNobody was surprised.")
    assert all(s.role is Role.BODY for s in doc.sentences)


def _basil_articles() -> list[list[list[str]]]:
    paths = sorted((BASIL / "articles").glob("*/*.json"))
    return [json.loads(p.read_text(encoding="utf-8"))["body-paragraphs"] for p in paths]


def test_basil_sentences_are_reproduced() -> None:
    """Share of the annotators' sentences (240 BASIL articles) that are exactly one of ours: ≥ 0.95.

    Run with ``-s`` to see the share and the speed.
    """
    articles = _basil_articles()
    assert len(articles) == 240
    found = total = ours_total = 0
    started = time.perf_counter()
    for paragraphs in articles:
        text = "\n\n".join(" ".join(sentences) for sentences in paragraphs)
        ours = [s.text for s in _segment_text(text).sentences]
        gold = [s.strip() for sentences in paragraphs for s in sentences if s.strip()]
        found += len(set(gold) & set(ours))
        total += len(set(gold))
        ours_total += len(ours)
    seconds = time.perf_counter() - started
    print(
        f"BASIL: {found}/{total} = {found / total:.3f} of annotated sentences reproduced exactly; "
        f"{ours_total} sentences ours; {ours_total / seconds:.0f} sentences/s"
    )
    assert found / total >= 0.95


_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "\r\n",
        "\n\n",
        "\t",
        "\u00a0",
        ".",
        "?",
        "!",
        "...",
        "…",
        '"',
        "'",
        "“",
        "”",
        "‘",
        "’",
        "(",
        ")",
        "Mr.",
        "U.S.",
        "Oct. 7",
        "1.5",
        "e\u0301",
        "שלום",
        "مرحبا",
        "😀",
        "👍🏽",
        "Hello",
        "world",
        "the",
        "A",
        "—",
        "(photo credit: X)",
        "Getty Images",
        "\u2028",
        "\x0c",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.text(max_size=200)))
def test_offsets_are_exact_ordered_and_cover_all_text(text: str) -> None:
    doc = _segment_text(text)
    covered = [False] * len(text)
    previous_end = 0
    for sentence in doc.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        paragraph = doc.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start and sentence.end <= paragraph.end
        previous_end = sentence.end
        covered[sentence.start : sentence.end] = [True] * len(sentence.text)
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())
