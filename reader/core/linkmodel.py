"""Whether two sentences tell one claim: signals of a candidate pair, a small logistic model, reasons.

A claim is who says what. Beside how alike the wording is (embedding cosine, rare-word overlap, a
shared run of words such as a quotation), each pair is read for who speaks (the voices layer), which
people it names, which numbers it gives, whether it is a headline or a lede, and how it ranks among
each sentence's other partners. ``PairSignals`` computes these for the candidate pairs the aligner
proposes; ``LinkModel`` (coefficients in ``resources/align-model.json``, fit by ``eval/align.py`` on
the claim-alignment gold) turns them into a probability and names the signals that made a link.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache

import numpy as np

from reader.core.framing.voices import same_voice, speaker_of_sentences
from reader.core.lexical import content_words
from reader.core.model import Role, SegmentedDocument
from reader.resources import read_text

LONGEST_RUN = 8  # words of a shared run that count in full (a quotation)
SHARED_WORDS = 10  # shared content words that count in full
WORST_RANK = 5  # a pair's rank among its sentence's candidates counts up to this
RIVAL_MARGIN = 0.05  # a candidate within this of its sentence's best blended score is a rival
MOST_RIVALS = 5  # rivals that count
_WORD = re.compile(r"[\w$%]+(?:['’.,][\w%]+)*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\.[A-Z]\.)?")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NUMBER_TEXT = """two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds
thousand thousands million millions billion billions"""
_NUMBER_WORDS = frozenset(_NUMBER_TEXT.split())
_NOT_NAMES_TEXT = """the a an and but in on at of for to as if it its he she they we i his her their this that
these those there when while after before mr mrs ms dr sen rep gov president senator representative governor
monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august september
october november december"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


@dataclass(frozen=True)
class Facts:
    """What a sentence says beyond its words' meaning: speaker, people named, numbers, place."""

    coded: str  # the lowercased words, a character each, by a vocabulary shared by the sentences compared
    content: frozenset[str]
    speaker: str
    names: frozenset[str]
    numbers: frozenset[str]
    title: bool
    lede: bool
    position: float


def sentence_facts(doc: SegmentedDocument, indices: Sequence[int], vocabulary: dict[str, str]) -> list[Facts]:
    """The facts of the sentences ``indices`` of ``doc`` (titles and body sentences); ``vocabulary``
    gives each word its character and takes the new ones (one vocabulary for every document aligned)."""
    speakers = speaker_of_sentences(doc)
    texts = [doc.sentences[i].text for i in indices]
    known = {m.group().lower() for text in texts for m in list(_NAME.finditer(text))[1:]}
    body = [i for i in indices if doc.sentences[i].role is not Role.TITLE]
    place = {i: k / max(len(body) - 1, 1) for k, i in enumerate(body)}
    words = ["".join([_code(w.lower(), vocabulary) for w in _WORD.findall(text)]) for text in texts]
    return [
        Facts(
            coded=sentence_words,
            content=frozenset(content_words(text)),
            speaker=speakers.get(i, ""),
            names=_names(text, known),
            numbers=_numbers(text),
            title=doc.sentences[i].role is Role.TITLE,
            lede=bool(body) and i == body[0],
            position=place.get(i, 0.0),
        )
        for i, text, sentence_words in zip(indices, texts, words, strict=True)
    ]


def _code(word: str, vocabulary: dict[str, str]) -> str:
    """``word``'s character; past 1.1 million distinct words codes repeat (a false shared word at worst)."""
    code = vocabulary.get(word)
    if code is None:
        code = vocabulary[word] = chr(len(vocabulary) % (sys.maxunicode + 1))
    return code


def _names(text: str, known: set[str]) -> frozenset[str]:
    """Capitalised words that are names: any but the first word, which counts when the document uses it
    capitalised elsewhere ("Trump said" opening a sentence)."""
    found = list(_NAME.finditer(text))
    words = [m.group().lower() for k, m in enumerate(found) if k > 0 or m.group().lower() in known]
    return frozenset(_name_key(w) for w in words if _name_key(w) not in _NOT_NAMES)


def _name_key(word: str) -> str:
    return re.sub(r"['’]s$", "", word).rstrip(".")


def _numbers(text: str) -> frozenset[str]:
    digits = {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    return frozenset(digits | {w for w in _WORD.findall(text.lower()) if w in _NUMBER_WORDS})


def longest_shared_run(a: Facts, b: Facts) -> int:
    """Length in words (up to ``LONGEST_RUN``) of the longest run of words both sentences contain in order.

    A run one word longer than the longest so far is looked for at each word of A, as a substring of
    the coded words of B, so the whole search is at most ``len(A) + LONGEST_RUN`` substring tests.
    """
    mine, theirs, size = a.coded, b.coded, len(a.coded)
    longest = 0
    for start in range(size):
        while longest < LONGEST_RUN and start + longest < size and mine[start:start + 1 + longest] in theirs:
            longest += 1
    return longest


# --- the signals of a pair ---------------------------------------------------------------------------

FEATURES = (
    "semantic", "cosine", "lexical", "near_best", "far_best", "shared_run", "same_speaker",
    "other_speaker", "speaker_named", "names_shared", "names_clash", "number_shared", "number_clash",
    "both_titles", "one_title", "title_semantic", "lede", "position_gap", "shared_words", "shorter_length",
    "length_ratio", "mutual_best", "semantic_lexical", "better_rank", "worse_rank", "fewer_rivals",
    "more_rivals",
)
REASONS = {  # feature -> how the detail pane names it when it helped a link
    "semantic": "similar meaning", "cosine": "similar meaning", "lexical": "shared rare words",
    "near_best": "each other's best match", "far_best": "each other's best match",
    "shared_run": "same words in a row", "same_speaker": "same speaker",
    "speaker_named": "speaker named in both",
    "names_shared": "same people named", "number_shared": "same number", "both_titles": "both headlines",
    "one_title": "headline and its story", "title_semantic": "headline and its story", "lede": "a lede",
    "better_rank": "each other's best match", "worse_rank": "each other's best match",
    "more_rivals": "no close rival",
}


@dataclass(frozen=True)
class PairScores:
    """Similarity of candidate pairs (``rows[k]`` of A with ``columns[k]`` of B) and of each sentence's
    best partner in the other document (the blended score of ``reader.core.align``).

    Besides its scores, a pair is read for its competition: its rank among each sentence's candidates
    (0 the best) and how many candidates come within ``RIVAL_MARGIN`` of each sentence's best — a
    summary sentence has several close partners, a sentence on the story's topic many weak ones.
    """

    rows: np.ndarray
    columns: np.ndarray
    blended: np.ndarray
    semantic: np.ndarray
    cosine: np.ndarray
    lexical: np.ndarray
    best_of_rows: np.ndarray  # per sentence of A
    best_of_columns: np.ndarray  # per sentence of B


def pair_signals(scores: PairScores, facts_a: Sequence[Facts], facts_b: Sequence[Facts]) -> np.ndarray:
    """One row of ``FEATURES`` per candidate pair."""
    near_row = scores.blended - scores.best_of_rows[scores.rows]
    near_column = scores.blended - scores.best_of_columns[scores.columns]
    facts = np.array(
        [_fact_signals(facts_a[i], facts_b[j]) for i, j in zip(scores.rows, scores.columns, strict=True)],
        dtype=np.float32,
    ).reshape(len(scores.rows), 15)
    title_any = facts[:, 8] + facts[:, 9]
    columns = [
        scores.semantic, scores.cosine, scores.lexical, np.maximum(near_row, near_column),
        np.minimum(near_row, near_column), *facts[:, :10].T, title_any * scores.semantic, *facts[:, 10:].T,
        (near_row >= 0) & (near_column >= 0), scores.semantic * scores.lexical, *_competition(scores),
    ]
    return np.column_stack(columns).astype(np.float32) if len(scores.rows) else np.zeros((0, len(FEATURES)))


def _competition(scores: PairScores) -> tuple[np.ndarray, ...]:
    """better_rank, worse_rank, fewer_rivals, more_rivals (see ``PairScores``)."""
    if not len(scores.rows):
        return (np.zeros(0),) * 4
    ranks, rivals = [], []
    for own, best in ((scores.rows, scores.best_of_rows), (scores.columns, scores.best_of_columns)):
        ranks.append(np.minimum(rank_within(own, scores.blended), WORST_RANK))
        close = np.bincount(own, weights=scores.blended >= best[own] - RIVAL_MARGIN)
        rivals.append(np.minimum(close[own], MOST_RIVALS))
    return np.minimum(*ranks), np.maximum(*ranks), np.minimum(*rivals), np.maximum(*rivals)


def highest_within(own: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each entry's highest value among the entries of the same ``own`` value."""
    if not len(own):
        return np.zeros(0, dtype=values.dtype)
    best = np.full(own.max() + 1, -np.inf)
    np.maximum.at(best, own, values)
    return best[own]


def rank_within(own: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each entry's rank (0 the highest) among the entries of the same ``own`` value; ties by position."""
    order = np.lexsort((-values, own))
    rank = np.empty(len(own), dtype=np.int64)
    rank[order] = np.arange(len(own)) - np.searchsorted(own[order], own[order])
    return rank


def _fact_signals(a: Facts, b: Facts) -> tuple[float, ...]:
    """shared_run … one_title, then lede … length_ratio (see ``FEATURES``)."""
    run = longest_shared_run(a, b) / LONGEST_RUN
    same = bool(a.speaker and b.speaker and same_voice(a.speaker, b.speaker))
    named = not same and (_mentions(a.speaker, b.names) or _mentions(b.speaker, a.names))
    other = bool(a.speaker and b.speaker) and not same and not named
    shared = a.names & b.names
    union = a.names | b.names
    both_numbers = bool(a.numbers and b.numbers)
    return (
        run, float(same), float(other), float(named), len(shared) / len(union) if union else 0.0,
        float(bool(a.names and b.names) and not shared), float(bool(a.numbers & b.numbers)),
        float(both_numbers and not a.numbers & b.numbers),
        float(a.title and b.title), float(a.title != b.title),
        float(a.lede or b.lede), abs(a.position - b.position),
        min(len(a.content & b.content), SHARED_WORDS) / SHARED_WORDS,
        np.log1p(min(len(a.coded), len(b.coded))),
        min(len(a.coded), len(b.coded)) / max(len(a.coded), len(b.coded), 1),
    )


def _mentions(speaker: str, names: frozenset[str]) -> bool:
    return bool(speaker) and bool(_speaker_words(speaker) & names)


@lru_cache(maxsize=1024)
def _speaker_words(speaker: str) -> frozenset[str]:
    return frozenset(_name_key(m.group().lower()) for m in _NAME.finditer(speaker)) - _NOT_NAMES


# --- the model --------------------------------------------------------------------------------------


class ModelError(ValueError):
    """The link model's resource does not fit ``FEATURES``."""


@dataclass(frozen=True)
class LinkRule:
    """Which candidates link, given their probabilities: at ``threshold`` or above (``completion_slack``
    less when a third document links to both), within ``near_best`` of the best probability of either
    sentence and among the ``max_partners`` best of both."""

    threshold: float
    completion_slack: float
    near_best: float
    max_partners: int

    def at(self, threshold: float) -> LinkRule:
        """The same rule at another threshold (the user's setting)."""
        return replace(self, threshold=threshold)


@dataclass(frozen=True)
class LinkModel:
    """Logistic regression over ``FEATURES`` and the rule that turns its probabilities into links.

    ``means`` are the training means of the signals: a signal helps a link when its value lifts the
    log-odds above what its mean would give.
    """

    weights: np.ndarray
    bias: float
    means: np.ndarray
    rule: LinkRule

    def probability(self, signals: np.ndarray) -> np.ndarray:
        """The probability that each pair tells one claim."""
        return 1.0 / (1.0 + np.exp(-(signals @ self.weights + self.bias)))

    def reasons(self, signals: np.ndarray, most: int = 4, floor: float = 0.4) -> tuple[str, ...]:
        """The names of the signals that most raised this pair's log-odds (at least ``floor`` each)."""
        lift = (signals - self.means) * self.weights
        named: list[str] = []
        for k in np.argsort(-lift, kind="stable"):
            reason = REASONS.get(FEATURES[k])
            if lift[k] < floor or len(named) == most:
                break
            if reason and reason not in named:
                named.append(reason)
        return tuple(named)

    def to_json(self) -> str:
        """The resource text (one line per field)."""
        fields = {
            "features": list(FEATURES), "weights": [round(float(w), 5) for w in self.weights],
            "bias": round(self.bias, 5), "means": [round(float(m), 5) for m in self.means],
            **asdict(self.rule),
        }
        return "{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in fields.items()) + "\n}\n"

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        """Read a model written by ``to_json``."""
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ModelError(f"the link model names {data['features']}, the code {list(FEATURES)}")
        rule = LinkRule(**{f.name: data[f.name] for f in fields(LinkRule)})
        weights, means = (np.asarray(data[k], np.float32) for k in ("weights", "means"))
        return cls(weights, float(data["bias"]), means, rule)


@lru_cache(maxsize=1)
def bundled_model() -> LinkModel:
    """The model shipped in ``resources/align-model.json``."""
    return LinkModel.from_json(read_text("align-model.json"))
