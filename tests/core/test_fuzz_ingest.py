"""Hostile files of every family through ``read_path`` and ``segment``: one ``IngestError`` or a document,
never another exception, never a hang, and a one-line message.

``FRAMING_READER_FUZZ_CASES`` (default 300) and ``FRAMING_READER_FUZZ_SEED`` (default 14) choose the
run; a longer one: ``FRAMING_READER_FUZZ_CASES=2000 .venv/bin/python -m pytest -q
tests/core/test_fuzz_ingest.py``.
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers.hostile import Hostile, cases

from reader.core.errors import IngestError
from reader.core.ingest import fetch_url, read_path
from reader.core.segment import segment
from reader.core.session import read_source

CASES = int(os.environ.get("FRAMING_READER_FUZZ_CASES", "300"))
SEED = int(os.environ.get("FRAMING_READER_FUZZ_SEED", "14"))
CASE_SECONDS = 30  # a case that takes longer is a hang


class Hang(Exception):
    """A case ran past ``CASE_SECONDS``."""


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _outcome(case: Hostile, folder: Path) -> str | None:
    """None when the case behaves, else what went wrong."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), case.name)))
    path.write_bytes(case.data)
    try:
        with _deadline(CASE_SECONDS):
            document = read_path(path)
            sentences = segment(document).sentences
    except IngestError as error:
        return f"message of {len(str(error).splitlines())} lines" if "\n" in str(error) else None
    except Hang:
        return f"no answer within {CASE_SECONDS} s"
    except Exception as error:  # the point of the test: any other exception is a finding
        return f"{type(error).__name__}: {error}"[:300]
    finally:
        path.unlink()
    if case.must_fail:
        return "accepted as an article"
    return None if sentences else "a document without sentences"


def test_hostile_files_give_a_document_or_one_line(tmp_path: Path) -> None:
    findings = []
    started = time.perf_counter()
    for index, case in enumerate(cases(CASES, SEED)):
        problem = _outcome(case, tmp_path)
        if problem:
            findings.append(f"case {index} ({case.family}, {case.name!r}): {problem}")
    seconds = time.perf_counter() - started
    summary = f"{len(findings)} of {CASES} cases failed in {seconds:.0f} s"
    assert not findings, summary + ":\n" + "\n".join(findings)


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://", "http://:80/a", "https://example.com:99999/", "http://a b/", "http://\n/x",
     "http://127.0.0.1:1/refused", "ftp://example.com/file", "http://[::1]:0/"],
)
def test_bad_urls_are_one_line(url: str) -> None:
    with pytest.raises(IngestError) as raised:
        fetch_url(url, timeout=2, deadline=5)
    assert "\n" not in str(raised.value)


class _Trickle(http.server.BaseHTTPRequestHandler):
    """A page sent one byte every 50 ms."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for byte in b"<html><body><p>" + b"word " * 10_000:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.05)

    def log_message(self, *args: object) -> None:
        pass


def test_a_server_sending_a_byte_at_a_time_meets_the_deadline() -> None:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        started = time.perf_counter()
        with pytest.raises(IngestError, match=r"did not arrive within 2 s"):
            fetch_url(f"http://127.0.0.1:{server.server_address[1]}/", timeout=1, deadline=2)
        assert time.perf_counter() - started < 4
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_larger_than_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr("reader.core.ingest.MAX_FILE_BYTES", 100_000)
    try:
        with pytest.raises(IngestError, match="larger than"):
            read_source(f"http://127.0.0.1:{server.server_address[1]}/big.html")
    finally:
        server.shutdown()
        server.server_close()
