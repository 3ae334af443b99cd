"""``.framing`` session files: versioned JSON holding each source's full text and metadata, the settings,
the manual corrections, the model's name and a hash of each text.

Writing is atomic (a temporary file beside the target, flushed to disk, then renamed over it), so a crash
leaves the old file or the new one, never half of one. Reading checks every field and turns anything
malformed — truncated, wrong types, unknown version, a text that does not match its hash, too large —
into one ``SessionFileError`` naming the file and what is wrong; it never raises anything else.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from reader import __version__
from reader.core.corrections import Correction, SentenceKey, Verdict, correction, text_key
from reader.core.errors import SessionFileError
from reader.core.model import Document
from reader.core.session import State
from reader.core.settings import settings_from_dict, settings_to_dict

SUFFIX = ".framing"
FORMAT = "framing-reader/session"
VERSION = 1
MAX_BYTES = 256 * 1024 * 1024  # a session of a hundred books still fits; a larger file is not ours
# The text is stored with its hash; reading warnings (a guessed encoding) concern the original bytes only.
_METADATA = tuple(f.name for f in fields(Document) if f.name not in ("text", "warnings"))
T = TypeVar("T")


def to_dict(state: State) -> dict[str, Any]:
    """The session as JSON-ready data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"framing-reader {__version__}",
        "model": state.settings.model,
        "settings": settings_to_dict(state.settings),
        "sources": [_source(d) for d in state.documents],
        "corrections": [_correction(c) for c in state.corrections],
    }


def _source(document: Document) -> dict[str, str]:
    return {**{name: getattr(document, name) for name in _METADATA}, "text": document.text,
            "sha256": text_key(document.text)}


def _correction(c: Correction) -> dict[str, Any]:
    return {"verdict": c.verdict.value, "a": _key(c.a), "b": _key(c.b)}


def _key(key: SentenceKey) -> dict[str, Any]:
    return {"source": key.source, "sentence": key.sentence}


def write_session(state: State, path: Path) -> None:
    """Write ``state`` to ``path`` atomically; ``SessionFileError`` when the folder refuses."""
    data = json.dumps(to_dict(state), ensure_ascii=False, indent=1).encode("utf-8")
    try:
        atomic_write(path, data)
    except OSError as error:
        raise SessionFileError(path.name, f"cannot write ({error.strerror or error})") from error


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data``: write a temporary file beside it, flush it to disk, rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_session(path: Path) -> State:
    """The session saved at ``path``; ``SessionFileError`` for anything that is not a readable one."""
    name = path.name
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a folder, a pipe or a device would block or never end
            raise SessionFileError(name, "not a regular file")
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise SessionFileError(name, f"cannot open ({error.strerror or error})") from error
    if len(raw) > MAX_BYTES:
        raise SessionFileError(name, f"too large for a session file (over {MAX_BYTES // 2**20} MiB)")
    return parse_session(raw, name)


def parse_session(raw: bytes, name: str) -> State:
    """The session in the bytes of a session file called ``name``."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise SessionFileError(name, "not a session file (not UTF-8 text)") from error
    except RecursionError as error:
        raise SessionFileError(name, "not a session file (nested too deeply)") from error
    except ValueError as error:
        raise SessionFileError(name, f"damaged or truncated (invalid JSON: {error})") from error
    try:  # JSON may escape a lone surrogate ("\ud800"): no text of ours, and it could never be saved again
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise SessionFileError(name, "holds text that is not valid Unicode (a lone surrogate)") from error
    return _state(_checked(data, dict, "the file", name), name)


def _state(data: dict[str, Any], name: str) -> State:
    if data.get("format") != FORMAT:
        raise SessionFileError(name, "not a Framing Reader session file")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise SessionFileError(name, "its version is missing or not a positive whole number")
    if version > VERSION:
        raise SessionFileError(name, f"made by a newer Framing Reader (session version {version}); update it")
    settings = settings_from_dict(_checked(data.get("settings", {}), dict, "settings", name))
    sources = _checked(data.get("sources"), list, "sources", name)
    documents = tuple(_document(item, i, name) for i, item in enumerate(sources))
    corrections = _checked(data.get("corrections", []), list, "corrections", name)
    return State(documents, settings, tuple(_read_correction(c, i, name) for i, c in enumerate(corrections)))


def _document(item: object, index: int, name: str) -> Document:
    where = f"source {index + 1}"
    source = _checked(item, dict, where, name)
    values = {key: _checked(source.get(key, ""), str, f"{where}'s {key}", name) for key in _METADATA}
    text = _checked(source.get("text"), str, f"{where}'s text", name)
    if not text.strip():
        raise SessionFileError(name, f"{where} has no text")
    if "sha256" in source and source["sha256"] != text_key(text):
        raise SessionFileError(name, f"the text of {where} does not match its hash (edited by hand?)")
    return Document(text=text, **values)


def _read_correction(item: object, index: int, name: str) -> Correction:
    where = f"correction {index + 1}"
    data = _checked(item, dict, where, name)
    try:
        verdict = Verdict(data.get("verdict"))
    except ValueError as error:
        raise SessionFileError(name, f"{where} has an unknown verdict") from error
    a, b = (_sentence_key(data.get(side), f"{where}'s {side}", name) for side in ("a", "b"))
    return correction(a, b, verdict)


def _sentence_key(item: object, where: str, name: str) -> SentenceKey:
    data = _checked(item, dict, where, name)
    source = _checked(data.get("source"), str, f"{where} source", name)
    sentence = _checked(data.get("sentence"), int, f"{where} sentence", name)
    if isinstance(sentence, bool) or sentence < 0:
        raise SessionFileError(name, f"{where} sentence is not a sentence number")
    return SentenceKey(source, sentence)


def _checked(value: object, kind: type[T], what: str, name: str) -> T:
    if not isinstance(value, kind):
        raise SessionFileError(name, f"{what} should be {_NAMES[kind]}, not {_json_type(value)}")
    return value


_NAMES: dict[type, str] = {dict: "an object", list: "a list", str: "text", int: "a whole number"}


def _json_type(value: object) -> str:
    names: dict[type, str] = {type(None): "null", bool: "true/false", float: "a number", **_NAMES}
    return names.get(type(value), type(value).__name__)


def is_session_path(path: str | os.PathLike[str]) -> bool:
    """True for a file name that names a session file (by its suffix)."""
    return Path(path).suffix.lower() == SUFFIX

