"""The installed ``framing-reader compare`` command, run as a user would, on real BASIL reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from basil_files import basil_reports, write_report
from conftest import BASIL, JPOST

from reader.core.export.schema import analysis_schema

pytestmark = pytest.mark.e2e
EVENT = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"  # Michael Steele's Afghanistan remarks (2010)


def _compare(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "reader", "compare", "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def triplet(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("basil")
    return [write_report(r, folder) for r in basil_reports(BASIL, EVENT)]


@pytest.fixture(scope="module")
def json_result(triplet) -> dict:
    done = _compare(*map(str, triplet), "--format", "json", cwd=triplet[0].parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_follows_the_schema(json_result):
    schema = analysis_schema()
    jsonschema.validate(json_result, schema)
    kinds = schema["properties"]["framing"]["properties"]["marks"]["items"]["properties"]["kind"]["enum"]
    assert {m["kind"] for m in json_result["framing"]["marks"]} <= set(kinds)
    assert set(kinds) == {"quotation", "label", "number", "agency", "attribution", "hedge", "intensity"}


def test_json_offsets_slice_the_text(json_result):
    for document in json_result["documents"]:
        for sentence in document["sentences"]:
            assert document["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_json_has_claims_across_all_three_outlets(json_result):
    assert [d["label"] for d in json_result["documents"]] == ["Fox News", "New York Times", "HuffPost"]
    spans = [{m["doc"] for m in g["members"]} for g in json_result["groups"]]
    assert {0, 1, 2} in spans
    assert json_result["links"] and json_result["unique"]
    assert json_result["schema_version"] == "1.3"
    assert {link["kind"] for link in json_result["links"]} <= {"claim", "contested"}


def test_html_is_self_contained(triplet, tmp_path):
    out = tmp_path / "report.html"
    done = _compare(*map(str, triplet), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert 'class="s linked"' in page and '<mark class="diff">' in page
    for remote in ("src=\"http", "href=\"http", "@import", "url(http"):
        assert remote not in page


def test_markdown_lists_claims(triplet, tmp_path):
    done = _compare(*map(str, triplet), "--format", "md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Framing Reader: Fox News · New York Times · HuffPost")
    assert "## Claim 1 · reported by" in done.stdout
    assert "**" in done.stdout


def test_bad_file_is_one_line_and_exit_2_but_others_analysed(triplet, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    done = _compare(*map(str, triplet), str(binary), "--format", "json", cwd=tmp_path)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "photo.txt" in errors[0]
    assert len(json.loads(done.stdout)["documents"]) == 3


def test_each_bad_file_is_exactly_one_line(triplet, tmp_path):
    bad = {"broken.pdf": b"not a pdf at all", "broken.docx": b"not a word file", "menu.html":
           b"<html><body><nav><a href='/'>Home</a></nav></body></html>"}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    done = _compare(*(str(tmp_path / name) for name in bad), *map(str, triplet), cwd=tmp_path)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert sorted(e.split(":")[1].strip() for e in errors) == sorted(bad), done.stderr


def test_fewer_than_two_readable_sources_is_exit_2(tmp_path):
    missing = tmp_path / "missing.txt"
    done = _compare(str(JPOST), str(missing), cwd=tmp_path)
    assert done.returncode == 2
    assert "missing.txt" in done.stderr
    assert done.stdout == ""


def test_voices_of_the_jpost_report_become_sources(tmp_path):
    done = _compare("--voices", str(JPOST), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    labels = [d["label"].lower() for d in json.loads(done.stdout)["documents"]]
    assert any("foreign ministry" in label for label in labels)
    assert any("embassy" in label for label in labels)


def test_hostile_names_and_files_are_one_line_each_and_a_guessed_encoding_is_a_warning(triplet, tmp_path):
    bad = {
        "two\nlines.txt": "\u200b\u200e\u00ad\ufeff \n".encode(),  # only invisible characters
        "esc\x1b[31mape.docx": b"PK\x03\x04 truncated",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Señora Muñoz said the crème brûlée was naïve.\n\nShe left.".encode("cp1252"))
    out = tmp_path / "out.json"
    files = [*(str(tmp_path / name) for name in bad), str(latin), *map(str, triplet)]
    done = _compare(*files, "-o", str(out), cwd=tmp_path)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert errors == [
        "framing-reader: two\\nlines.txt: no text found",
        "framing-reader: esc\\x1b[31mape.docx: cannot read this Word file (File is not a zip file)",
    ]
    analysis = json.loads(out.read_text(encoding="utf-8"))
    assert analysis["warnings"] == ["Latin: encoding guessed: Windows-1252"]
    assert analysis["documents"][0]["text"].startswith("Señora Muñoz said the crème brûlée was naïve.")


def test_an_output_that_cannot_be_written_is_one_line(triplet, tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    done = _compare(*map(str, triplet), "-o", str(tmp_path / "a-file" / "out.json"), cwd=tmp_path)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("framing-reader: out.json: cannot write (")
