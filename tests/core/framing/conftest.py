"""Fixtures for the framing tests: linked pairs of real sentences with their real word diff."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.core.framing.lexicon import Lexicon, load_lexicon
from reader.core.framing.pair import Pair, build_pair
from tests.helpers.builders import make_analysis

PairOf = Callable[[str, str], Pair]


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The shipped word lists."""
    return load_lexicon()


@pytest.fixture
def pair_of() -> PairOf:
    """Build the Pair of a link between sentence ``a`` (of "Fox") and sentence ``b`` (of "NYT")."""

    def build(a: str, b: str) -> Pair:
        analysis = make_analysis([("Fox", a), ("NYT", b)], [((0, 0), (1, 0), 0.8)])
        link = analysis.alignment.links[0]
        texts = (analysis.sentence(link.a).text, analysis.sentence(link.b).text)
        return build_pair(0, link, texts, ("Fox", "NYT"))

    return build
