"""Ingest: every format, encodings, labels and metadata, and one-line errors naming the file."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.ingest import IngestError, fetch_url, read_html, read_path, read_text

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def _write_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF in Helvetica with one text line per entry."""
    escaped = (line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines)
    stream = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(out.encode("latin-1"))


def test_plain_text_keeps_text_and_normalises_newlines(tmp_path: Path) -> None:
    path = tmp_path / "02-moscow_talks-report.txt"
    path.write_bytes("Headline\r\n\r\nFirst “quoted” line.\rSecond line.\n".encode())
    doc = read_path(path)
    assert doc.text == "Headline\n\nFirst “quoted” line.\nSecond line.\n"
    assert doc.label == "Moscow talks report"
    assert doc.origin == str(path)


def test_label_argument_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.", encoding="utf-8")
    assert read_path(path, label="Reuters").label == "Reuters"


def test_windows_1251_russian_text() -> None:
    doc = read_path(DATA / "russian-cp1251.txt")
    assert doc.text.startswith("Москва заявила, что визит делегации ХАМАС был согласован заранее.")
    assert "\r" not in doc.text


def test_utf16_with_bom() -> None:
    doc = read_path(DATA / "utf16-bom.txt")
    assert doc.text == "Hello — “quoted” text.\nSecond line café.\n"


def test_markdown_markup_is_stripped_and_paragraphs_kept() -> None:
    doc = read_path(DATA / "notes.md")
    assert doc.text.split("\n\n") == [
        "Moscow hosts Hamas delegation",
        "Russia said on Friday that a Hamas delegation visited Moscow.",
        "“Russia’s contacts are focused on the release of hostages,” the embassy stated.",
        "Israel condemned the visit.\nMoscow rejected the criticism.",
    ]


def test_saved_page_gives_article_text_and_metadata() -> None:
    doc = read_path(DATA / "saved-page.html")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Moscow hosts Hamas delegation"
    assert paragraphs[1].startswith("Russia said on Friday")
    assert len(paragraphs) == 4
    assert "Subscribe" not in doc.text and "All rights reserved" not in doc.text
    assert (doc.label, doc.outlet, doc.author, doc.date) == (
        "The Example Herald",
        "The Example Herald",
        "Jane Doe",
        "2023-10-27",
    )
    assert doc.title == "Moscow hosts Hamas delegation"


_BARE_PAGE = (
    "<html><body><article><p>Russia said on Friday that a Hamas delegation had visited Moscow for talks on "
    "hostages held in Gaza, and Israel objected strongly.</p><p>A second paragraph follows the first one "
    "with enough words for the extractor.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("origin", "label"),
    [("https://www.example.org/world/a.html", "example.org"), ("/tmp/some_page.html", "Some page")],
)
def test_page_without_site_name_is_labelled_by_host_or_file(origin: str, label: str) -> None:
    doc = read_html(_BARE_PAGE, origin)
    assert (doc.label, doc.origin) == (label, origin)
    assert doc.text.count("\n\n") == 1


def test_pdf_paragraphs_are_rebuilt_and_hyphenation_joined(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    _write_pdf(
        path,
        [
            "Moscow hosts Hamas delegation",
            "Russia said on Friday that a Hamas delegation had visited Moscow for talks on the re-",
            "lease of foreign hostages held in Gaza. The embassy said the talks were about the",
            "hostages.",
            "Israel condemned the visit.",
        ],
    )
    doc = read_path(path)
    assert doc.text.split("\n\n") == [
        "Moscow hosts Hamas delegation",
        "Russia said on Friday that a Hamas delegation had visited Moscow for talks on the release of "
        "foreign hostages held in Gaza. The embassy said the talks were about the hostages.",
        "Israel condemned the visit.",
    ]
    assert doc.label == "Report"


def test_docx_paragraphs_and_properties(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.core_properties.title = "Moscow hosts Hamas"
    word.core_properties.author = "Jane Doe"
    for text in ("Moscow hosts Hamas", "", "Russia said the talks were useful.", "Israel objected."):
        word.add_paragraph(text)
    path = tmp_path / "story.docx"
    word.save(str(path))
    doc = read_path(path)
    assert doc.text == "Moscow hosts Hamas\n\nRussia said the talks were useful.\n\nIsrael objected."
    assert (doc.title, doc.author) == ("Moscow hosts Hamas", "Jane Doe")


def test_unknown_extension_is_sniffed_as_text_or_html(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.log"
    text_file.write_text("Plain words here.", encoding="utf-8")
    page = tmp_path / "page.bak"
    page.write_bytes((DATA / "saved-page.html").read_bytes())
    assert read_path(text_file).text == "Plain words here."
    assert read_path(page).outlet == "The Example Herald"


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("Read from a pipe.\r\n".encode("utf-16")))
    monkeypatch.setattr("sys.stdin", stdin)
    doc = read_path("-")
    assert (doc.text, doc.label, doc.origin) == ("Read from a pipe.\n", "Standard input", "-")


def test_read_text_for_pasted_text() -> None:
    doc = read_text("One.\r\nTwo.")
    assert (doc.text, doc.label) == ("One.\nTwo.", "Pasted text")
    with pytest.raises(IngestError, match=r"^Pasted text: no text found$"):
        read_text("  \n ")


def _bad_files(folder: Path) -> dict[str, str]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b" \r\n\t\n")
    (folder / "notes.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "x.xyz").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "broken.docx").write_bytes(b"PK not a zip")
    (folder / "articles").mkdir()
    return {
        "empty.txt": "empty.txt: no text found",
        "blank.md": "blank.md: no text found",
        "notes.bin": "notes.bin: binary file, not text",
        "x.xyz": "x.xyz: unsupported file type .xyz",
        "missing.txt": "missing.txt: no such file",
        "broken.pdf": "broken.pdf: cannot read this PDF",
        "broken.docx": "broken.docx: cannot read this Word file",
        "articles": "articles: a folder, not a file",
    }


@pytest.mark.parametrize(
    "name",
    ["empty.txt", "blank.md", "notes.bin", "x.xyz", "missing.txt", "broken.pdf", "broken.docx", "articles"],
)
def test_unreadable_files_raise_one_line_error_naming_the_file(tmp_path: Path, name: str) -> None:
    expected = _bad_files(tmp_path)[name]
    with pytest.raises(IngestError) as caught:
        read_path(tmp_path / name)
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_html_without_article_text_raises() -> None:
    with pytest.raises(IngestError, match=r"^empty\.html: no text found$"):
        read_html("<html><body><script>var page = 1;</script></body></html>", "/tmp/empty.html")


def test_html_with_only_a_menu_is_no_article() -> None:
    with pytest.raises(IngestError, match=r"^menu\.html: no article text found on the page"):
        read_html("<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
                  "/tmp/menu.html")


def test_a_broken_pdf_names_the_file_and_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    with pytest.raises(IngestError, match=r"^broken\.pdf: cannot read this PDF \(.+\)$"):
        read_path(broken)


@pytest.fixture
def local_site() -> Iterator[str]:
    """A web server on localhost serving ``tests/data/ingest``."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DATA))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_url_reads_the_page(local_site: str) -> None:
    doc = fetch_url(f"{local_site}/saved-page.html", timeout=5)
    assert doc.origin == f"{local_site}/saved-page.html"
    assert doc.outlet == "The Example Herald"
    assert doc.text.startswith("Moscow hosts Hamas delegation\n\nRussia said on Friday")


def test_fetch_url_http_error(local_site: str) -> None:
    with pytest.raises(IngestError, match="HTTP 404"):
        fetch_url(f"{local_site}/missing.html", timeout=5)


def test_fetch_url_unreachable_host_says_offline() -> None:
    with pytest.raises(IngestError, match=r"cannot reach the network \(offline\?\)$"):
        fetch_url("http://no-such-host.invalid/article", timeout=3)


def test_latin1_text_reads_right_and_says_the_encoding_was_guessed(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Un café naïve, une crème brûlée. Señora Muñoz à Zürich.".encode("latin-1"))
    doc = read_path(path)
    assert doc.text == "Un café naïve, une crème brûlée. Señora Muñoz à Zürich."
    assert doc.warnings == ("encoding guessed: Windows-1252",)


def test_utf8_lines_mixed_with_windows_1252_lines_each_read_right(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Déjà vu “quoted”.".encode() + b"\n" + "Crème brûlée – done.".encode("cp1252"))
    doc = read_path(path)
    assert doc.text == "Déjà vu “quoted”.\nCrème brûlée – done."
    assert doc.warnings == ("encoding guessed: UTF-8 mixed with Windows-1252",)


def test_utf8_text_carries_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Señora Muñoz said so.", encoding="utf-8")
    assert read_path(path).warnings == ()


def test_only_invisible_characters_is_no_text(tmp_path: Path) -> None:
    path = tmp_path / "invisible.txt"
    path.write_text("\u200b\u200c\u200d\u2060\u00ad\u200e\u202e \n\t", encoding="utf-8")
    with pytest.raises(IngestError, match="no text found"):
        read_path(path)


def test_a_control_character_in_a_name_is_escaped_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as raised:
        read_path(path)
    assert str(raised.value) == "two\\nlines.txt: no text found"


def _pdf_bytes(tmp_path: Path) -> bytes:
    _write_pdf(tmp_path / "plain.pdf", ["Officials closed the bridge on Monday after the storm."])
    return (tmp_path / "plain.pdf").read_bytes()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_an_encrypted_pdf_opens_with_an_empty_password_and_says_so_otherwise(
    tmp_path: Path, algorithm: str
) -> None:
    from pypdf import PdfReader, PdfWriter

    for password in ("", "secret"):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes(tmp_path))))
        writer.encrypt(password, "owner", algorithm=algorithm)
        path = tmp_path / f"locked-{bool(password)}.pdf"
        with path.open("wb") as file:
            writer.write(file)
        if password:
            with pytest.raises(IngestError, match="encrypted"):
                read_path(path)
        else:
            assert "closed the bridge" in read_path(path).text


def test_a_word_file_that_unpacks_too_far_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("word " * 100_000)
    path = tmp_path / "bomb.docx"
    word.save(str(path))
    monkeypatch.setattr("reader.core.ingest.MAX_UNPACKED_BYTES", 200_000)
    with pytest.raises(IngestError, match="unpacks to more than"):
        read_path(path)


def test_text_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.txt"
    path.write_text("A sentence of words. " * 1000, encoding="utf-8")
    monkeypatch.setattr("reader.core.ingest.MAX_TEXT_CHARS", 10_000)
    with pytest.raises(IngestError, match=r"too much text \(21,000 characters; the limit is 10,000\)"):
        read_path(path)
