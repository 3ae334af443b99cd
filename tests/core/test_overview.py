"""The claims × sources grid, the divergence matrix and the label cells, on our nine-outlet case."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.core.framing.report import Speech
from reader.core.model import Alignment, Group, LinkKind, Role, SentenceRef
from reader.core.overview import (
    HEADLINE_ROW,
    CellState,
    claim_grid,
    divergence_matrix,
    label_cell,
    most_divergent_claim,
    short_labels,
)
from tests.helpers.builders import make_analysis


@pytest.fixture(scope="module")
def grid(outlets):
    return claim_grid(outlets)


def _doc(analysis, label: str) -> int:
    return next(d for d, s in enumerate(analysis.documents) if s.document.label == label)


def _row_of(analysis, grid, label: str, text: str):
    doc = _doc(analysis, label)
    return next(
        row for row in grid if any(text in analysis.sentence(r).text for r in row.cells[doc].refs)
    )


def test_headlines_take_part_in_the_claims_they_tell(outlets, grid):
    row = _row_of(outlets, grid, "Northgate post", "Israel demands Russia expel")
    assert row.group != HEADLINE_ROW and row.cells[_doc(outlets, "Northgate post")].position == "headline"
    assert HEADLINE_ROW not in {r.group for r in grid}  # a headline row only when no headline is linked
    headlines = [c for r in grid for c in r.cells if c.position == "headline"]
    assert len(headlines) >= 9  # every outlet's headline sits in some claim


def test_unlinked_headlines_form_their_own_row_first():
    analysis = make_analysis([("Fox", "Storm hits coast"), ("NYT", "Rain floods town")], [])
    documents = tuple(
        replace(d, sentences=(replace(d.sentences[0], role=Role.TITLE),)) for d in analysis.documents
    )
    row = claim_grid(replace(analysis, documents=documents))[0]
    assert row.group == HEADLINE_ROW and row.text == "Headlines"
    assert [c.position for c in row.cells] == ["headline"] * 2
    assert 0 < row.divergence <= 1


def test_one_outlet_leads_with_what_another_buries(outlets, grid):
    row = _row_of(outlets, grid, "Northgate post", "Israel on Friday condemned Russia")
    harbor = _doc(outlets, "Harbor times")
    assert row.cells[_doc(outlets, "Northgate post")].position in ("headline", "lede")
    assert row.cells[harbor].state is CellState.REPORTED
    last = max(s.paragraph for s in outlets.documents[harbor].sentences)
    assert row.cells[harbor].position == f"¶{last}"  # its last paragraph
    assert "Israel's Foreign Ministry condemned" in outlets.sentence(row.cells[harbor].refs[0]).text


def test_a_claim_some_outlets_leave_out(outlets, grid):
    row = _row_of(outlets, grid, "Harbor times", "Kremlin spokesman Dmitry Peskov said")
    states = {outlets.documents[d].document.label: c.state for d, c in enumerate(row.cells)}
    assert states["Northgate post"] is CellState.LEFT_OUT and states["Frontier herald"] is CellState.LEFT_OUT
    assert states["Meridian wire"] is CellState.REPORTED and states["Eastern dispatch"] is CellState.REPORTED
    assert all(c.text == "—" for c in row.cells if c.state is CellState.LEFT_OUT)


def test_reported_cells_carry_their_divergence_and_marks(outlets, grid):
    for row in grid:
        for cell in row.cells:
            assert 0.0 <= cell.divergence <= 1.0
            assert (cell.rank >= 0) == (cell.state is not CellState.LEFT_OUT)


def test_an_outlet_carrying_the_accusation_contests_the_embassys_rebuttal(outlets, grid):
    row = _row_of(outlets, grid, "Eastern dispatch", "absolutely unacceptable to accuse Moscow")
    harbor = row.cells[_doc(outlets, "Harbor times")]
    assert harbor.state is CellState.CONTESTED and harbor.text == "vs ¶6"
    assert "expel the Hamas terrorists" in outlets.sentence(harbor.refs[0]).text


def test_a_contested_link_makes_a_source_contest_a_claim_it_does_not_report():
    base = make_analysis(
        [("A", "Hamas is responsible for the kidnapping."), ("B", "Hamas is responsible for the kidnapping."),
         ("C", "We condemn the taking of hostages by any side.")],
        [((0, 0), (1, 0), 0.95), ((0, 0), (2, 0), 0.4)],
    )
    links = (base.alignment.links[0], replace(base.alignment.links[1], kind=LinkKind.CONTESTED))
    claim = Group((SentenceRef(0, 0), SentenceRef(1, 0)))  # claims are built from claim links only
    analysis = replace(base, alignment=Alignment(links, (claim,), (SentenceRef(2, 0),), 0.5))
    (row,) = claim_grid(analysis)
    assert [c.state for c in row.cells] == [CellState.REPORTED, CellState.REPORTED, CellState.CONTESTED]
    assert row.cells[2].text == "vs lede" and row.cells[2].refs[0].doc == 2


def test_the_matrix_is_the_pair_divergence_both_ways(outlets):
    matrix = divergence_matrix(outlets)
    assert len(matrix) == 9 and all(matrix[d][d] is None for d in range(9))
    for (a, b), divergence in outlets.framing.pair_divergence.items():
        assert matrix[a][b] == matrix[b][a] == divergence.score


def test_a_matrix_click_goes_to_a_claim_one_of_the_two_leaves_out(outlets):
    a, b = _doc(outlets, "Northgate post"), _doc(outlets, "Harbor times")
    group = most_divergent_claim(outlets, a, b)
    assert len(outlets.alignment.groups[group].documents() & {a, b}) == 1


def test_label_cells_count_each_wording_and_list_the_mentions(outlets):
    hamas = outlets.framing.referents[0]
    northgate = _doc(outlets, "Northgate post")
    own = label_cell(hamas, northgate, Speech.OWN)
    assert dict(own.descriptions) == {"Hamas terrorists": 3, "terror group": 1}
    assert own.text.startswith("Hamas terrorists ×3")
    first = hamas.mentions[own.mentions[0]]
    assert first.doc == northgate and first.voice is Speech.OWN
    quoted = label_cell(hamas, _doc(outlets, "Eastern dispatch"), Speech.QUOTED)
    assert dict(quoted.descriptions) == {"Hamas delegation": 1}


def test_short_labels_keep_sources_apart():
    assert short_labels(["Northgate post", "Harbor times"]) == ["Northgate", "Harbor"]
    assert short_labels(["The Post", "The Times"]) == ["The Post", "The Times"]
    assert short_labels(["The Washington Post", "The Times"]) == ["The Washing…", "The Times"]


def test_markdown_has_the_grid_matrix_and_labels_by_voice(outlets):
    from reader.core.export.markdown import render_markdown

    text = render_markdown(outlets)
    assert "## Claims × sources" in text and "## Divergence between sources" in text
    hamas_rows = [line for line in text.splitlines() if line.startswith("| Hamas |")]
    own, quoted = hamas_rows[0], hamas_rows[1]
    assert "| own |" in own and "terror group" in own and "Hamas terrorists ×3" in own
    assert "| quoted |" in quoted and "Hamas terrorists" in quoted
    assert "| headline |" in text and "| lede |" in text  # headlines sit in the claims they tell
    assert "Israel demands Russia expel Hamas" in text


def test_html_has_the_grid_matrix_and_labels_by_voice(outlets):
    from reader.core.export.html import render_html

    page = render_html(outlets)
    for heading in ("Claims × sources", "Divergence between sources", "Labels by voice"):
        assert f"<h2>{heading}</h2>" in page
    assert '<tr class="quoted"><th>Hamas</th>' in page and "militant group that controls Gaza" in page


def test_json_referents_carry_voice_and_offsets(outlets):
    from reader.core.export.jsonout import to_dict

    data = to_dict(outlets)
    hamas = data["framing"]["referents"][0]
    assert hamas["name"] == "Hamas"
    for m in hamas["mentions"]:
        assert data["documents"][m["doc"]]["text"][m["start"] : m["end"]] == m["text"]
        assert m["voice"] in ("own", "quoted")
