"""A seeded generator of hostile input files, one family at a time, for the ingest fuzz test.

``cases(count, seed)`` yields ``Hostile`` files: a name (control characters and undecodable bytes
included), the bytes, and whether reading must fail (``must_fail``: no text, a zip bomb, a password)
or may go either way (a damaged file may still hold text). Every case is made from its own
``random.Random``, so a failing case is rebuilt from its seed and index alone.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

PROSE = (
    "the council said on Monday that officials had closed the bridge after a storm damaged its "
    "supports and that repairs would cost about 4 million dollars over two years"
)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069"
WESTERN = "naïve crème brûlée Señora Muñoz façade Zürich æble øre ß déjà été "


@dataclass(frozen=True)
class Hostile:
    """One hostile input: its file name (bytes, as the file system takes it), content and expectation."""

    family: str
    name: bytes
    data: bytes
    must_fail: bool


def _prose(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(
        " ".join(rng.choice(PROSE.split()) for _ in range(rng.randint(6, 14))).capitalize() + "."
        for _ in range(sentences)
    )


def _name(rng: random.Random, suffix: str) -> bytes:
    """A file name, often with a newline, an escape sequence, a tab or bytes that are not UTF-8."""
    stem = rng.choice([b"story", b"bad\nname", b"esc\x1b[31mred", b"tab\there", b"latin\xe9\xff", b"a" * 200])
    return stem + f"-{rng.randrange(10**6)}".encode() + suffix.encode()


def _docx(text: str) -> bytes:
    import docx

    word = docx.Document()
    for paragraph in text.split("\n\n"):
        word.add_paragraph(paragraph)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


@cache
def _good_docx() -> bytes:
    return _docx("Officials closed the bridge.\n\nRepairs will cost about 4 million dollars.")


def _with_part(document_xml: bytes, deflate: bool = True) -> bytes:
    """The good Word file with ``word/document.xml`` replaced."""
    source = zipfile.ZipFile(io.BytesIO(_good_docx()))
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def _mutated(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped, a run deleted or the end cut off."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.5:
        cut = rng.randrange(len(data))
        del data[cut : cut + rng.randint(1, 500)]
    if rng.random() < 0.3:
        data = data[: rng.randrange(1, len(data))]
    return bytes(data)


_XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _hostile_xml(rng: random.Random) -> bytes:
    """document.xml that is malformed, deeply nested, expands entities or holds a huge text node."""
    kind = rng.choice(["broken", "deep", "entities", "huge-text", "external"])
    if kind == "broken":
        return _XML_HEAD + b"<w:document " + _W + b"><w:body><w:p><w:r><w:t>unclosed"
    if kind == "deep":
        depth = rng.choice([300, 5000, 100_000])
        return _XML_HEAD + b"<w:document " + _W + b"><w:body>" + b"<w:p>" * depth + b"x" + b"</w:p>" * depth
    if kind == "entities":
        entities = b"".join(
            b'<!ENTITY e%d "' % k + (b"&e%d;" % (k - 1)) * 10 + b'">' for k in range(1, 10)
        )
        body = b"<w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>"
        doctype = b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e0 "lol">' + entities + b"]>"
        return doctype + b"<w:document " + _W + b">" + body
    if kind == "external":
        return (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<w:document " + _W + b"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    size = rng.choice([2 * 10**6, 11 * 10**6])
    return (_XML_HEAD + b"<w:document " + _W + b"><w:body><w:p><w:r><w:t>" + b"word " * (size // 5)
            + b"</w:t></w:r></w:p></w:body></w:document>")


@cache
def _zip_bomb() -> bytes:
    """A Word file whose document.xml unpacks to 200 MB (about 200 KB packed)."""
    filler = b"<w:p/>" * (200 * 2**20 // 6)
    return _with_part(_XML_HEAD + b"<w:document " + _W + b"><w:body>" + filler + b"</w:body></w:document>")


def _pdf(text: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject(
        "/Type1"), NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 11 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted_pdf(rng: random.Random) -> tuple[bytes, bool]:
    """An encrypted PDF: RC4 or AES, with an empty or a real user password (then it must fail)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf("Officials closed the bridge on Monday."))))
    password = rng.choice(["", "secret"])
    writer.encrypt(password, "owner", algorithm=rng.choice(["RC4-128", "AES-128", "AES-256"]))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), password != ""


def _family_docx_corrupt(rng: random.Random) -> tuple[str, bytes, bool]:
    return ".docx", _mutated(_good_docx(), rng), False


def _family_docx_xml(rng: random.Random) -> tuple[str, bytes, bool]:
    return ".docx", _with_part(_hostile_xml(rng), deflate=rng.random() < 0.8), False


def _family_docx_bomb(rng: random.Random) -> tuple[str, bytes, bool]:
    return ".docx", _zip_bomb(), True


def _family_docx_not_zip(rng: random.Random) -> tuple[str, bytes, bool]:
    return ".docx", rng.choice([b"", b"PK\x03\x04", rng.randbytes(rng.randint(1, 4000))]), True


def _family_pdf_corrupt(rng: random.Random) -> tuple[str, bytes, bool]:
    return ".pdf", _mutated(_pdf(_prose(rng, 1)), rng), False


def _family_pdf_encrypted(rng: random.Random) -> tuple[str, bytes, bool]:
    data, must_fail = _encrypted_pdf(rng)
    return ".pdf", data, must_fail


def _family_invisible(rng: random.Random) -> tuple[str, bytes, bool]:
    text = "".join(rng.choice(INVISIBLE + " \n\t") for _ in range(rng.randint(1, 3000)))
    encoding = rng.choice(["utf-8", "utf-16", "utf-8-sig"])
    return rng.choice([".txt", ".md", ".text", ""]), text.encode(encoding), True


def _family_random_bytes(rng: random.Random) -> tuple[str, bytes, bool]:
    return rng.choice([".txt", ".bin", ".html", ".md", ""]), rng.randbytes(rng.randint(1, 20000)), False


def _family_encodings(rng: random.Random) -> tuple[str, bytes, bool]:
    text = _prose(rng) + " " + WESTERN * rng.randint(1, 5)
    lines = [text, _prose(rng), WESTERN]
    data = b"\n".join(line.encode(rng.choice(["utf-8", "cp1252", "latin-1"])) for line in lines)
    return ".txt", data, False


def _family_control(rng: random.Random) -> tuple[str, bytes, bool]:
    text = "".join(c if rng.random() > 0.05 else chr(rng.randrange(32)) for c in _prose(rng, 5))
    return rng.choice([".txt", ".md", ""]), text.encode(), False


def _family_long_line(rng: random.Random) -> tuple[str, bytes, bool]:
    unit = rng.choice(["word ", "**a ", "[", "[a](", "... ", "x", "_a ", "# #", "![x]("])
    size = rng.choice([10**5, 10**6, 6 * 10**6])
    return rng.choice([".txt", ".md"]), (unit * (size // len(unit))).encode(), size > 5 * 10**6


def _family_html(rng: random.Random) -> tuple[str, bytes, bool]:
    kind = rng.choice(["deep", "soup", "script", "huge-attribute", "prose"])
    if kind == "deep":
        depth = rng.choice([1000, 50_000])
        html = "<html><body>" + "<div>" * depth + _prose(rng, 5) + "</div>" * depth + "</body></html>"
    elif kind == "soup":
        pieces = ["<p>", "</p>", "<b>", "<", ">", "&amp;", "&#0;", _prose(rng, 1)]
        html = "<html>" + "".join(rng.choice(pieces) for _ in range(2000))
    elif kind == "script":
        html = "<html><head><script>" + "x=1;" * 10000 + "</script></head><body></body></html>"
    elif kind == "huge-attribute":
        html = f'<html><body><p title="{"a" * 2_000_000}">{_prose(rng, 5)}</p></body></html>'
    else:
        html = f"<!doctype html><html><body><article><p>{_prose(rng, 8)}</p></article></body></html>"
    return rng.choice([".html", ".htm", ""]), html.encode(), False


FAMILIES: dict[str, Callable[[random.Random], tuple[str, bytes, bool]]] = {
    "docx-corrupt": _family_docx_corrupt,
    "docx-xml": _family_docx_xml,
    "docx-bomb": _family_docx_bomb,
    "docx-not-zip": _family_docx_not_zip,
    "pdf-corrupt": _family_pdf_corrupt,
    "pdf-encrypted": _family_pdf_encrypted,
    "invisible": _family_invisible,
    "random-bytes": _family_random_bytes,
    "encodings": _family_encodings,
    "control": _family_control,
    "long-line": _family_long_line,
    "html": _family_html,
}
# Expensive families (hundreds of MB unpacked, megabytes of XML) come up less often.
WEIGHTS = {"docx-bomb": 0.2, "docx-xml": 0.5, "long-line": 0.5}


def cases(count: int, seed: int) -> Iterator[Hostile]:
    """``count`` hostile files, families drawn by weight, each from ``Random((seed, index))``."""
    names = list(FAMILIES)
    weights = [WEIGHTS.get(name, 1.0) for name in names]
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        family = rng.choices(names, weights)[0]
        suffix, data, must_fail = FAMILIES[family](rng)
        yield Hostile(family, _name(rng, suffix), data, must_fail)
