"""Dropped and pasted data sorted into files, URLs and text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QUrl

from reader.gui.inputs import Inputs, inputs_from_mime, looks_like_url

pytestmark = pytest.mark.gui


def mime(urls: list[QUrl] | None = None, text: str | None = None) -> QMimeData:
    data = QMimeData()
    if urls:
        data.setUrls(urls)
    if text is not None:
        data.setText(text)
    return data


def test_local_files_and_web_urls_are_split_and_other_schemes_ignored(qapp):
    inputs = inputs_from_mime(mime([QUrl.fromLocalFile("/tmp/a.txt"), QUrl("https://example.org/story"),
                                    QUrl("ftp://example.org/x")]))
    assert inputs == Inputs(files=("/tmp/a.txt",), urls=("https://example.org/story",))


def test_text_holding_one_address_is_a_url(qapp):
    assert inputs_from_mime(mime(text="  https://example.org/a?b=1 \n")) == Inputs(urls=("https://example.org/a?b=1",))


def test_prose_is_text_and_blank_text_is_nothing(qapp):
    assert inputs_from_mime(mime(text="See https://example.org for more.")).text.startswith("See ")
    assert not inputs_from_mime(mime(text="  \n "))
    assert not inputs_from_mime(None)


@pytest.mark.parametrize(("text", "expected"), [
    ("http://a.b/c", True), ("https://a.b", True), ("www.a.b", False), ("https://a.b c", False), ("", False),
])
def test_looks_like_url(text, expected):
    assert looks_like_url(text) is expected
