"""Read sources into ``Document``: text and Markdown files, saved web pages, PDF, Word, stdin, URLs, pastes.

Bytes are decoded by byte-order mark, then UTF-8; otherwise the encoding is guessed (Windows-1252 unless
charset-normalizer finds another reads clearly better; UTF-8 lines mixed with others are each read on
their own) and the document carries a warning that says so. Newlines become ``\\n``. Apart from that (and
the Markdown, PDF and Word conversions to plain paragraphs) the text is kept as it is, because
segmentation offsets point into ``Document.text``.

Limits, so that no input hangs or exhausts the reader: a file of at most ``MAX_FILE_BYTES``, at most
``MAX_TEXT_CHARS`` of text, a Word file unpacking to at most ``MAX_UNPACKED_BYTES``; a URL must answer
within ``FETCH_DEADLINE`` seconds with at most ``MAX_FILE_BYTES``. Text without a letter or digit (only
invisible characters, say) is "no text".
"""

from __future__ import annotations

import codecs
import http.client
import logging
import os
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

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
MAX_FILE_BYTES = 50 * 2**20  # a file or a downloaded page
MAX_TEXT_CHARS = 5_000_000  # characters of text in one source (a long book is ~2 million)
MAX_UNPACKED_BYTES = 100 * 2**20  # all parts of a Word file, unpacked
FETCH_DEADLINE = 30.0  # seconds for a whole download, however slowly the server sends
_VISIBLE = re.compile(r"[^\W_]")  # a letter or digit
# Single-byte code pages of Latin script: a guess among them is read as Windows-1252 when that reads as well.
_WESTERN = "cp1252"
_WESTERN_MARGIN = 0.05  # how much more "chaos" (charset-normalizer's mess ratio) Windows-1252 may show

# Each rule scans linearly: a bracket or emphasis span stops at its own delimiters, so a line of
# thousands of unmatched "**" or "[" does not make the substitution quadratic.
_INSIDE = r"[^\[\]\n]"  # inside brackets
_TARGET = r"[^()\n]{0,2000}"  # a link's target in parentheses
_MARKDOWN_RULES = (
    (re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S.*$", re.MULTILINE), ""),  # reference definitions
    (re.compile(rf"!\[{_INSIDE}*\]\({_TARGET}\)|!\[{_INSIDE}*\]\[{_INSIDE}*\]"), ""),  # images
    (re.compile(rf"\[({_INSIDE}+)\]\({_TARGET}\)|\[({_INSIDE}+)\]\[{_INSIDE}*\]"), r"\1\2"),  # links → text

    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE), lambda m: m.group(1).rstrip(" \t#")),  # headings
    (re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$|^ {0,3}=+[ \t]*$", re.MULTILINE), ""),  # rules, setext
    (re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE), r"\1"),  # list markers
    (re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1"), r"\2"),  # bold
    (
        re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"),
        r"\1\2",
    ),  # italics
    (re.compile(r"~~([^~\n]+?)~~"), r"\1"),  # strikethrough
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"\n{3,}"), "\n\n"),
)


def read_text(text: str, label: str = "Pasted text") -> Document:
    """A document from pasted text (newlines normalised)."""
    return Document(label=label, text=_checked(_normalise_newlines(text), label), origin="")


def read_path(path: str | os.PathLike[str], label: str | None = None) -> Document:
    """Read a file (``.txt``, ``.md``, ``.html``, ``.pdf``, ``.docx``, or sniffed), or stdin for ``-``."""
    if os.fspath(path) == "-":
        data = _capped(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), "stdin")
        return _document_from_bytes(data, "-", label or "Standard input")
    file = Path(path)
    if not file.is_file():
        raise IngestError(file.name, _not_a_file(file))
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


def fetch_url(url: str, timeout: float = 15, deadline: float = FETCH_DEADLINE) -> Document:
    """Download a web page and read its article; network failures raise ``IngestError``.

    ``timeout`` bounds each network operation, ``deadline`` the whole download (on a helper thread, so a
    server that sends a byte at a time cannot hold the caller).
    """
    _check_url(url)
    download = _Download(url, timeout)
    worker = threading.Thread(target=download.run, name="fetch", daemon=True)
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        download.stopped = True
        raise IngestError(url, f"the page did not arrive within {deadline:g} s")
    if download.error is not None:
        raise download.error
    return _decoded_document(read_html, download.data, url, url)


def _check_url(url: str) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        _ = parts.port  # raises on a port out of range
    except ValueError as error:
        raise IngestError(url, "not a valid URL") from error
    if not valid:
        raise IngestError(url, "not a valid URL")


class _Download:
    """One HTTP(S) download, read in pieces up to ``MAX_FILE_BYTES``; the outcome lands in its fields."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url, self.timeout = url, timeout
        self.data = b""
        self.error: IngestError | None = None
        self.stopped = False

    def run(self) -> None:
        try:
            self.data = self._read()
        except IngestError as error:
            self.error = error
        except urllib.error.HTTPError as error:
            self.error = IngestError(self.url, f"the server answered HTTP {error.code}")
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            self.error = IngestError(self.url, "cannot reach the network (offline?)")
            self.error.__cause__ = error
        except ValueError as error:
            self.error = IngestError(self.url, "not a valid URL")
            self.error.__cause__ = error

    def _read(self) -> bytes:
        request = urllib.request.Request(self.url, headers={"User-Agent": "Mozilla/5.0 (Framing Reader)"})
        parts: list[bytes] = []
        size = 0
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            while not self.stopped and (piece := response.read1(65536)):
                parts.append(piece)
                size += len(piece)
                if size > MAX_FILE_BYTES:
                    raise IngestError(self.url, f"the page is larger than {_megabytes(MAX_FILE_BYTES)}")
        return b"".join(parts)


# --- per-format readers ---------------------------------------------------------------------------


def _file_document(file: Path, label: str | None, text: str, **metadata: str) -> Document:
    """A document read from ``file``, labelled by ``label`` or the file's name."""
    return Document(label or _pretty_stem(file.stem), _checked(text, file.name), str(file), **metadata)


def _decoded_document(make: Callable[..., Document], data: bytes, name: str, *args: object) -> Document:
    """``make(text, *args)`` on ``data`` decoded, with the decoding's warning when it was a guess."""
    decoded = _decode(data, name)
    document = make(decoded.text, *args)
    if decoded.guess:
        return replace(document, warnings=(*document.warnings, f"encoding guessed: {decoded.guess}"))
    return document


def _read_plain(file: Path, label: str | None) -> Document:
    return _decoded_document(lambda text: _file_document(file, label, text), _read_bytes(file), file.name)


def _read_markdown(file: Path, label: str | None) -> Document:
    def make(text: str) -> Document:
        return _file_document(file, label, markdown_to_text(text))

    return _decoded_document(make, _read_bytes(file), file.name)


def _read_html_file(file: Path, label: str | None) -> Document:
    return _decoded_document(read_html, _read_bytes(file), file.name, str(file), label)


def _read_pdf(file: Path, label: str | None) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    _check_size(file)
    try:
        with _quiet_logger("pypdf"):  # its warnings would add lines to our one-line message
            reader = PdfReader(file)
            if reader.is_encrypted and not reader.decrypt(""):
                raise IngestError(file.name, "the PDF is encrypted with a password")
            pages = [page.extract_text() or "" for page in reader.pages]
            metadata = reader.metadata
    except (FileNotDecryptedError, DependencyError) as error:
        raise IngestError(file.name, f"the PDF is encrypted and cannot be opened ({error})") from error
    except IngestError:
        raise
    except Exception as error:  # pypdf meets malformed files with any exception type
        raise IngestError(file.name, f"cannot read this PDF ({_reason(error)})") from error
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

    _check_size(file)
    _check_unpacked(file)
    try:
        word = docx.Document(str(file))
        paragraphs = [p.text.strip() for p in word.paragraphs if p.text.strip()]
    except Exception as error:  # zip, zlib, XML and python-docx errors alike: the file is not readable
        raise IngestError(file.name, f"cannot read this Word file ({_reason(error)})") from error
    properties = word.core_properties
    return _file_document(
        file,
        label,
        _normalise_newlines("\n\n".join(paragraphs)),
        title=(properties.title or "").strip(),
        author=(properties.author or "").strip(),
    )


def _check_unpacked(file: Path) -> None:
    """Refuse a Word file that is not a zip or unpacks to more than ``MAX_UNPACKED_BYTES`` (a zip bomb)."""
    budget = MAX_UNPACKED_BYTES
    try:
        with zipfile.ZipFile(file) as archive:
            for member in archive.infolist():
                budget -= _unpacked_size(archive, member, budget)
    except Exception as error:  # BadZipFile, zlib.error, NotImplementedError (compression), OSError…
        raise IngestError(file.name, f"cannot read this Word file ({_reason(error)})") from error
    if budget < 0:
        raise IngestError(file.name, f"unpacks to more than {_megabytes(MAX_UNPACKED_BYTES)}")


def _unpacked_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> int:
    """The unpacked size of ``member``, counted only until it passes ``budget``."""
    size = 0
    with archive.open(member) as part:
        while size <= budget and (piece := part.read(2**20)):
            size += len(piece)
    return size


def _reason(error: BaseException) -> str:
    """A library exception as a short reason: its first line, or its type's name."""
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__


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

    def make(text: str) -> Document:
        if _HTML_START.match(text):
            return read_html(text, origin, label)
        return Document(label=label or _label_from_origin(origin), text=_checked(text, name), origin=origin)

    return _decoded_document(make, data, name)


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


def _not_a_file(file: Path) -> str:
    if file.is_dir():
        return "a folder, not a file"
    return "not a regular file" if file.exists() else "no such file"


def _read_bytes(file: Path) -> bytes:
    _check_size(file)
    try:
        with file.open("rb") as stream:
            return _capped(stream.read(MAX_FILE_BYTES + 1), file.name)
    except OSError as error:
        raise IngestError(file.name, f"cannot open ({error.strerror or error})") from error


def _check_size(file: Path) -> None:
    try:
        size = file.stat().st_size
    except OSError as error:
        raise IngestError(file.name, f"cannot open ({error.strerror or error})") from error
    if size > MAX_FILE_BYTES:
        limit = _megabytes(MAX_FILE_BYTES)
        raise IngestError(file.name, f"too large ({_megabytes(size)}; the limit is {limit})")


def _capped(data: bytes, name: str) -> bytes:
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(name, f"too large (the limit is {_megabytes(MAX_FILE_BYTES)})")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


class Decoded(NamedTuple):
    """Text decoded from bytes, and the encoding's name when it was guessed."""

    text: str
    guess: str | None = None


def _decode(data: bytes, name: str) -> Decoded:
    """Text from bytes: BOM, else UTF-8, else a guess; binary data raises ``BinaryError``."""
    if not data.strip():
        raise IngestError(name, "no text found")
    exact = _decode_by_bom(data) or _decode_utf8(data)
    decoded = Decoded(exact) if exact is not None else _decode_guessed(data)
    if decoded is None or len(_CONTROL.findall(decoded.text)) > max(1, len(decoded.text) // 200):
        raise BinaryError(name, "binary file, not text")
    return decoded._replace(text=_normalise_newlines(decoded.text))


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


def _decode_guessed(data: bytes) -> Decoded | None:
    """Lines that are UTF-8 read as UTF-8 and the rest as Windows-1252 when both kinds occur; otherwise
    Windows-1252 unless charset-normalizer's best guess reads clearly better (less mess)."""
    from charset_normalizer import from_bytes

    lines = data.split(b"\n")
    if any(not line.isascii() and _decode_utf8(line) is not None for line in lines):
        text = "\n".join(_decode_utf8(line) or _western(line) for line in lines)
        return Decoded(text, "UTF-8 mixed with Windows-1252")
    best = from_bytes(data).best()
    if best is None:
        return None
    western = from_bytes(data, cp_isolation=[_WESTERN]).best()
    if western is not None and western.chaos <= best.chaos + _WESTERN_MARGIN:
        return Decoded(_western(data), "Windows-1252")
    return Decoded(str(best), best.encoding)


def _western(data: bytes) -> str:
    """Windows-1252 bytes as text; its five unassigned bytes read as Latin-1 (control characters)."""
    return data.decode("latin-1").translate(_FROM_LATIN1_TO_1252)


_FROM_LATIN1_TO_1252 = {
    byte: bytes([byte]).decode(_WESTERN) for byte in range(0x80, 0xA0) if byte not in b"\x81\x8d\x8f\x90\x9d"
}


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked(text: str, name: str) -> str:
    """``text`` if it has a letter or digit and is within ``MAX_TEXT_CHARS``."""
    if not _VISIBLE.search(text):
        raise IngestError(name, "no text found")
    if len(text) > MAX_TEXT_CHARS:
        limit = f"{MAX_TEXT_CHARS:,}"
        raise IngestError(name, f"too much text ({len(text):,} characters; the limit is {limit})")
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
