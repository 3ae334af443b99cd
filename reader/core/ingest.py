"""Read sources into ``Document``: text and Markdown files, saved web pages, PDF, Word, stdin, URLs, pastes.

Bytes are decoded by byte-order mark, then UTF-8, then charset-normalizer's guess; newlines become ``\\n``.
Apart from that (and the Markdown, PDF and Word conversions to plain paragraphs) the text is kept as it
is, because segmentation offsets point into ``Document.text``.
"""

from __future__ import annotations

import codecs
import http.client
import logging
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import BinaryError, IngestError
from reader.core.model import Document
from reader.core.wording import counted

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--)", re.IGNORECASE)
_ORDER_PREFIX = re.compile(r"^\d{1,3}[-_ ]+(?=\D)")
_GENERIC_SUFFIXES = frozenset({"", ".bin", ".dat", ".data", ".out"})
MIN_PAGE_WORDS = 12  # fewer words extracted from a web page are menus or teasers, not an article

_MARKDOWN_RULES = (
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S.*$", re.MULTILINE), ""),  # reference definitions
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]"), r"\1\2"),  # links → their text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE), r"\1"),  # ATX headings
    (re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$|^ {0,3}=+[ \t]*$", re.MULTILINE), ""),  # rules, setext
    (re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE), r"\1"),  # list markers
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1\2"),
    (re.compile(r"~~(.+?)~~"), r"\1"),  # strikethrough
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"\n{3,}"), "\n\n"),
)


def read_text(text: str, label: str = "Pasted text") -> Document:
    """A document from pasted text (newlines normalised)."""
    return Document(label=label, text=_checked(_normalise_newlines(text), label), origin="")


def read_path(path: str | os.PathLike[str], label: str | None = None) -> Document:
    """Read a file (``.txt``, ``.md``, ``.html``, ``.pdf``, ``.docx``, or sniffed), or stdin for ``-``."""
    if os.fspath(path) == "-":
        return _document_from_bytes(sys.stdin.buffer.read(), "-", label or "Standard input")
    file = Path(path)
    if not file.is_file():
        reason = "a folder, not a file" if file.is_dir() else "no such file"
        raise IngestError(file.name, reason)
    reader = _READERS.get(file.suffix.lower(), _read_sniffed)
    return reader(file, label)


def read_html(html: str, origin: str, label: str | None = None) -> Document:
    """The main article text of a web page (paragraphs as blank-line blocks) and its metadata."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        url=origin if origin.startswith(("http://", "https://")) else None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    body = (extracted.text or "").strip() if extracted else ""
    name = _display_name(origin)
    if not body:
        raise IngestError(name, "no text found")
    words = len(body.split())
    if words < MIN_PAGE_WORDS:
        raise IngestError(name, f"no article text found on the page (only {counted(words, 'word')})")
    title = (extracted.title or "").strip()
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    outlet = (extracted.sitename or "").strip()
    return Document(
        label=label or outlet or _label_from_origin(origin),
        text="\n\n".join(paragraphs),
        origin=origin,
        title=title,
        outlet=outlet,
        date=extracted.date or "",
        author=extracted.author or "",
    )


def fetch_url(url: str, timeout: float = 15) -> Document:
    """Download a web page and read its article; network failures raise ``IngestError``."""
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (Framing Reader)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
    except urllib.error.HTTPError as error:
        raise IngestError(url, f"the server answered HTTP {error.code}") from error
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        raise IngestError(url, "cannot reach the network (offline?)") from error
    except ValueError as error:
        raise IngestError(url, "not a valid URL") from error
    return read_html(_decode(data, url), url)


# --- per-format readers ---------------------------------------------------------------------------


def _file_document(file: Path, label: str | None, text: str, **metadata: str) -> Document:
    """A document read from ``file``, labelled by ``label`` or the file's name."""
    return Document(label or _pretty_stem(file.stem), _checked(text, file.name), str(file), **metadata)


def _read_plain(file: Path, label: str | None) -> Document:
    return _file_document(file, label, _decode(_read_bytes(file), file.name))


def _read_markdown(file: Path, label: str | None) -> Document:
    return _file_document(file, label, markdown_to_text(_decode(_read_bytes(file), file.name)))


def _read_html_file(file: Path, label: str | None) -> Document:
    return read_html(_decode(_read_bytes(file), file.name), str(file), label)


def _read_pdf(file: Path, label: str | None) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with _quiet_logger("pypdf"):  # its warnings would add lines to our one-line message
            reader = PdfReader(file)
            pages = [page.extract_text() or "" for page in reader.pages]
            metadata = reader.metadata
    except (PyPdfError, OSError, ValueError) as error:
        raise IngestError(file.name, f"cannot read this PDF ({error})") from error
    title = (metadata.title or "").strip() if metadata else ""
    author = (metadata.author or "").strip() if metadata else ""
    return _file_document(file, label, pdf_text_to_paragraphs("\n\n".join(pages)), title=title, author=author)


@contextmanager
def _quiet_logger(name: str) -> Iterator[None]:
    """Only errors from the library logger ``name`` while the block runs."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_docx(file: Path, label: str | None) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(str(file))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise IngestError(file.name, f"cannot read this Word file ({error})") from error
    paragraphs = [p.text.strip() for p in word.paragraphs if p.text.strip()]
    properties = word.core_properties
    return _file_document(
        file,
        label,
        _normalise_newlines("\n\n".join(paragraphs)),
        title=(properties.title or "").strip(),
        author=(properties.author or "").strip(),
    )


@dataclass(frozen=True)
class InputFormat:
    """A kind of file the reader opens: its title (file dialogs, help), suffixes and reader."""

    title: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, str | None], Document]


# The one list of input formats: the readers by suffix, the CLI's help and the window's Open dialog.
# Files of any other suffix are sniffed: text or HTML, else refused as unsupported.
INPUT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat("Text", (".txt", ".text"), _read_plain),
    InputFormat("Markdown", (".md", ".markdown"), _read_markdown),
    InputFormat("Web page", (".html", ".htm"), _read_html_file),
    InputFormat("PDF", (".pdf",), _read_pdf),
    InputFormat("Word", (".docx",), _read_docx),
)
_READERS = {suffix: f.read for f in INPUT_FORMATS for suffix in f.suffixes}


def input_suffixes() -> tuple[str, ...]:
    """Every suffix the reader opens by name (".txt", ".md", …)."""
    return tuple(_READERS)


def _read_sniffed(file: Path, label: str | None) -> Document:
    """A file of unknown extension read as text or HTML; binary content is refused by its extension."""
    suffix = file.suffix.lower()
    try:
        return _document_from_bytes(_read_bytes(file), str(file), label, file.name)
    except BinaryError as error:
        if suffix in _GENERIC_SUFFIXES:
            raise
        raise IngestError(file.name, f"unsupported file type {suffix}") from error


def _document_from_bytes(data: bytes, origin: str, label: str | None, name: str = "stdin") -> Document:
    """A document from bytes of unknown type: HTML when it looks like a page, else plain text."""
    text = _decode(data, name)
    if _HTML_START.match(text):
        return read_html(text, origin, label)
    return Document(label=label or _label_from_origin(origin), text=_checked(text, name), origin=origin)


# --- conversions ----------------------------------------------------------------------------------


def markdown_to_text(markdown: str) -> str:
    """Readable plain text from Markdown: markup dropped, link text kept, paragraphs kept."""
    text = _normalise_newlines(markdown)
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def pdf_text_to_paragraphs(raw: str) -> str:
    """Rebuild paragraphs from PDF text lines: join wrapped and hyphenated lines; a paragraph ends at a
    blank line, before an indented line and after a line clearly shorter than the text width."""
    lines = _normalise_newlines(raw).split("\n")
    width = _typical_width(lines)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        stripped = line.strip()
        if not stripped or (line[:1].isspace() and paragraphs[-1]):
            paragraphs.append([])
        if stripped:
            paragraphs[-1].append(stripped)
        if len(stripped) < 0.7 * width:
            paragraphs.append([])
    return "\n\n".join(_join_lines(p) for p in paragraphs if p)


def _typical_width(lines: list[str]) -> int:
    """The length of a full line: the 90th percentile of the non-empty line lengths."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("-") and line[:1].islower() and text[-2:-1].isalpha():
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text


# --- bytes and text -------------------------------------------------------------------------------


def _read_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        raise IngestError(file.name, f"cannot open ({error.strerror or error})") from error


def _decode(data: bytes, name: str) -> str:
    """Text from bytes: BOM, else UTF-8, else charset-normalizer; binary data raises ``IngestError``."""
    if not data.strip():
        raise IngestError(name, "no text found")
    text = _decode_by_bom(data) or _decode_utf8(data) or _decode_guessed(data)
    if text is None or len(_CONTROL.findall(text)) > max(1, len(text) // 200):
        raise BinaryError(name, "binary file, not text")
    return _normalise_newlines(text)


def _decode_by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_guessed(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise IngestError(name, "no text found")
    return text


def _display_name(origin: str) -> str:
    return origin if "://" in origin else Path(origin).name or origin


def _label_from_origin(origin: str) -> str:
    """The web site of a URL, else the prettified file stem."""
    host = urllib.parse.urlsplit(origin).hostname if "://" in origin else None
    if host:
        return host.removeprefix("www.")
    return _pretty_stem(Path(origin).stem) if origin not in ("", "-") else "Standard input"


def _pretty_stem(stem: str) -> str:
    """A file stem as a label: an ordering number dropped ("01-"), dashes and underscores become
    spaces, the first letter upper case."""
    label = " ".join(re.sub(r"[-_]+", " ", _ORDER_PREFIX.sub("", stem)).split()) or stem
    return label[:1].upper() + label[1:]
