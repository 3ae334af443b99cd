"""Contested links: sentences of different sources or voices that address one issue from opposing positions.

Claim links join sentences that say the same thing; the more two sources' framing diverges, the fewer
such links there are. A contested link joins what answers: an accusation and its rebuttal, a
condemnation or a demand and its justification, a demand and its refusal, a harm told with its
culprit named and the same harm told with none.

Rules over two word lists (``resources/words/contest.txt``: the position a sentence takes;
``resources/words/issues.txt``: words naming one act or thing). Two sentences are contested when

* they sit on one topic: one is among the other's ``TOP_K`` nearest position-taking sentences of that
  source by embedding cosine, at least ``MIN_COSINE``;
* their positions form one of ``RELATIONS``, each position held by one sentence and not the other; a
  refusal answers a demand only when it refuses the act demanded (a word or issue of the demand);
* they share an issue: an act or thing of ``issues.txt``, or ``MIN_SHARED_WORDS`` content word that is
  no name (names alone tell who, not what is at issue);
* they do not open with the same name ("Moscow hosted …" / "Moscow condemned …" is one side twice),
  nor do the voices attribute both to one speaker; a justification is attributed to someone.

Candidate pairs come from the top-k of each sentence (numpy), so the work grows with the number of
sentences, not with every pair. A sentence keeps its ``MAX_PER_SENTENCE`` best partners in each other
source, ranked by cosine plus ``ISSUE_WEIGHT`` per shared issue. A claim link whose sentences answer
each other that way becomes a contested link: they address one issue, they do not report one claim.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import combinations

import numpy as np

from reader.core.framing.lexicon import PhraseTable, load_issues, load_lexicon, multi_sectioned
from reader.core.framing.pair import Side, find_phrases, quoted, sentence_side, span_of
from reader.core.framing.quoted import quoted_spans
from reader.core.framing.voices import same_speaker, speaker_of_sentences
from reader.core.lexical import content_words
from reader.core.model import Link, LinkKind, SegmentedDocument, SentenceRef
from reader.core.runtime import one_blas_thread

TOP_K = 4  # a candidate is among the other sentence's TOP_K nearest position-taking sentences of that source
MIN_COSINE = 0.2  # below this two sentences are not on one topic
MAX_PER_SENTENCE = 3  # contested partners a sentence keeps in each other source, strongest first
ISSUE_WEIGHT = 0.1  # added to the cosine for each shared issue when ranking a sentence's partners
MIN_SHARED_WORDS = 1  # without a shared issue of issues.txt, the content words (not names) both must use
REMEDY_WORDS = 12  # words quoted from a demand or a justification


class Act(StrEnum):
    """A position a sentence takes on an issue."""

    ACCUSE = "accuse"
    REBUT = "rebut"
    DEMAND = "demand"
    JUSTIFY = "justify"
    REFUSE = "refuse"
    ASSIGN = "assign"
    WITHHOLD = "withhold"


@dataclass(frozen=True)
class Relation:
    """Two positions that answer each other."""

    first: Act
    second: Act
    name: str


# The one table of contested relations, in priority order (the first that fits names the link).
RELATIONS: tuple[Relation, ...] = (
    Relation(Act.ACCUSE, Act.REBUT, "accusation and rebuttal"),
    Relation(Act.DEMAND, Act.REFUSE, "demand and refusal"),
    Relation(Act.DEMAND, Act.JUSTIFY, "demand and justification"),
    Relation(Act.ACCUSE, Act.JUSTIFY, "condemnation and justification"),
    Relation(Act.ASSIGN, Act.WITHHOLD, "responsibility named and withheld"),
)
_ROLE = {
    Act.ACCUSE: "accuses",
    Act.REBUT: "rejects the accusation",
    Act.DEMAND: "demands",
    Act.JUSTIFY: "justifies",
    Act.REFUSE: "refuses",
    Act.ASSIGN: "names who is responsible",
    Act.WITHHOLD: "names no one responsible",
}


@dataclass(frozen=True)
class Stance:
    """What one sentence does: its acts with the cue tokens of each, its issues, its content words."""

    side: Side
    cues: tuple[tuple[Act, int, int], ...]  # (act, first token, past-last token)
    issues: frozenset[str]  # the names of the issues.txt lines it uses
    words: dict[str, str]  # stemmed content word -> as written, outside its cues and issue words
    subject: str  # the first name in the sentence ("Moscow has condemned …"), "" when none

    @property
    def acts(self) -> frozenset[Act]:
        """The positions the sentence takes."""
        return frozenset(act for act, _, _ in self.cues)

    def cue_text(self, act: Act) -> str:
        """The sentence's words that show ``act`` ("condemns", "call on")."""
        return " … ".join(self.side.text[slice(*span_of(self.side.tokens, f, e))] for a, f, e in self.cues
                          if a is act)


@dataclass(frozen=True)
class ContestedPair:
    """A contested link found between two sentences, with the relation and what they share."""

    link: Link
    relation: Relation
    first_side: int  # 0 when link.a holds ``relation.first``, 1 when link.b does
    issue: tuple[str, ...]
    rank: float  # cosine plus ``ISSUE_WEIGHT`` per shared issue


@lru_cache(maxsize=1)
def _tables() -> tuple[PhraseTable[frozenset[str]], PhraseTable[frozenset[str]], tuple[tuple[str, ...], ...],
                       PhraseTable[frozenset[tuple[int, int]]]]:
    """The position cues, the harm words on their own (a cue like "killing of" hides the harm in it),
    the issue groups and their table."""
    acts = multi_sectioned("contest.txt")
    harms = PhraseTable({form: sections for form, sections in acts.items() if "harm" in sections})
    issues, issue_table = load_issues()
    return acts, harms, issues, issue_table


@lru_cache(maxsize=4096)
def stance(text: str) -> Stance:
    """The positions, issues and content words of one sentence (cached: a sentence meets many others)."""
    acts_table, harms, issue_names, issue_table = _tables()
    side = sentence_side(SentenceRef(0, 0), "", text)
    found = list(find_phrases(side, acts_table))
    sections = {s for _, _, found_sections in found for s in found_sections}
    if find_phrases(side, harms):
        sections.add("harm")
    cues = tuple(_cues(found, sections))
    issues = frozenset(issue_names[g][0] for _, _, names in find_phrases(side, issue_table) for g, _ in names)
    matched = [(f, e) for _, f, e in cues] + [(f, e) for f, e, _ in find_phrases(side, issue_table)]
    taken = {k for f, e in matched for k in range(f, e)}
    stopwords = load_lexicon().stopwords
    words = {stem: t.text for k, t in enumerate(side.tokens)
             if k not in taken and t.norm not in stopwords for stem in content_words(t.text)}
    return Stance(side, cues, issues, words, _subject(side, stopwords))


def _subject(side: Side, stopwords: frozenset[str]) -> str:
    """The first capitalised word that is not a function word: who the sentence is about or by."""
    return next((t.norm for t in side.tokens if t.text[:1].isupper() and t.norm not in stopwords), "")


def _cues(found: list[tuple[int, int, frozenset[str]]], sections: set[str]) -> Iterator[tuple[Act, int, int]]:
    """Acts from the matched sections: a [reject] word rebuts only with a [charge] word beside it, a
    rebuttal is no accusation, responsibility is named or withheld only for a harm, and withholding
    needs no one named responsible."""
    rebuts = "rebut" in sections or ("reject" in sections and "charge" in sections)
    harm = "harm" in sections
    for first, last, names in found:
        if rebuts and names & {"rebut", "reject", "charge"}:
            yield Act.REBUT, first, last
            continue
        for act in (Act.ACCUSE, Act.DEMAND, Act.JUSTIFY, Act.REFUSE, Act.ASSIGN, Act.WITHHOLD):
            if act.value not in names:
                continue
            if (act is Act.ACCUSE and rebuts) or (act in (Act.ASSIGN, Act.WITHHOLD) and not harm):
                continue
            if act is Act.WITHHOLD and "assign" in sections:
                continue
            yield act, first, last
            break


def relation_of(mine: Stance, theirs: Stance) -> tuple[Relation, int] | None:
    """The first relation whose positions the two sentences hold one each (and not both), with 0 when
    ``mine`` holds its first position, 1 when ``theirs`` does."""
    only_mine, only_theirs = mine.acts - theirs.acts, theirs.acts - mine.acts
    for relation in RELATIONS:
        if relation.first in only_mine and relation.second in only_theirs:
            return relation, 0
        if relation.first in only_theirs and relation.second in only_mine:
            return relation, 1
    return None


def shared_issue(mine: Stance, theirs: Stance) -> tuple[str, ...]:
    """What both sentences address: shared issues, then shared content words (names, things); empty
    when that is too little to tell one issue (module docstring)."""
    issues = sorted(mine.issues & theirs.issues)
    words = [mine.words[stem] for stem in sorted(mine.words.keys() & theirs.words.keys())]
    if not issues and sum(not word[:1].isupper() for word in words) < MIN_SHARED_WORDS:
        return ()
    return (*issues, *words)


def _refuses_demanded(relation: Relation, first_side: int, sides: tuple[Stance, Stance]) -> bool:
    """For demand and refusal: the refused act is the demanded one (the same issue or word follows both
    cues); other relations always pass."""
    if relation.second is not Act.REFUSE:
        return True
    demand, refusal = sides[first_side], sides[1 - first_side]
    asked, refused = _after_cue(demand, Act.DEMAND), _after_cue(refusal, Act.REFUSE)
    return bool(asked.issues & refused.issues or asked.words.keys() & refused.words.keys())


def _after_cue(side: Stance, act: Act) -> Stance:
    """The stance of the words that follow ``act``'s cue, to the end of its clause."""
    return stance(_phrase_after(side, act))


def with_contested(
    documents: Sequence[SegmentedDocument], vectors: Sequence[np.ndarray], links: Sequence[Link]
) -> tuple[Link, ...]:
    """``links`` (claim links) with contested links added; a claim link found contested turns contested."""
    found = contested_pairs(documents, vectors)
    turned = {(p.link.a, p.link.b) for p in found}
    kept = [link for link in links if (link.a, link.b) not in turned]
    return (*kept, *(p.link for p in found))


def contested_pairs(
    documents: Sequence[SegmentedDocument], vectors: Sequence[np.ndarray]
) -> list[ContestedPair]:
    """Every contested pair of sentences across the documents, strongest first within a source pair."""
    refs = [[SentenceRef(d, i) for i in doc.body_indices()] for d, doc in enumerate(documents)]
    stances = [[stance(documents[r.doc].sentences[r.sent].text) for r in doc_refs] for doc_refs in refs]
    speakers = [speaker_of_sentences(doc) for doc in documents]
    body = [_body_rows(doc, rows) for doc, rows in zip(documents, vectors, strict=True)]
    found: list[ContestedPair] = []
    for a, b in combinations(range(len(documents)), 2):
        candidates = _candidates(body[a], body[b], stances[a], stances[b])
        said = [(speakers[a].get(refs[a][i].sent, ""), speakers[b].get(refs[b][j].sent, ""))
                for i, j, _ in candidates]
        pairs = [p for (i, j, cos), by in zip(candidates, said, strict=True)
                 if (p := _contested((refs[a][i], refs[b][j]), cos, (stances[a][i], stances[b][j]), by))]
        found += _strongest(pairs)
    return found


def _one_speaker(mine: str, theirs: str) -> bool:
    """True when both sentences are attributed to one speaker, each name holding the other's last word
    ("Ed Royce" / "Royce"; not "Russia's Embassy in Israel" / "Israel's Foreign Ministry")."""
    return bool(mine and theirs) and (same_speaker(mine, theirs.replace(" ", "_"))
                                      and same_speaker(theirs, mine.replace(" ", "_")))


def _body_rows(doc: SegmentedDocument, vectors: np.ndarray) -> np.ndarray:
    """The rows of ``vectors`` (one per aligned sentence, the title too) that embed body sentences."""
    row_of = {i: k for k, i in enumerate(doc.aligned_indices())}
    return np.asarray(vectors, dtype=np.float32)[[row_of[i] for i in doc.body_indices()]]


def _candidates(
    vectors_a: np.ndarray, vectors_b: np.ndarray, stances_a: list[Stance], stances_b: list[Stance]
) -> list[tuple[int, int, float]]:
    """(row, column, cosine) of the sentence pairs on one topic where both sentences take a position."""
    rows = np.array([i for i, s in enumerate(stances_a) if s.cues], dtype=int)
    columns = np.array([j for j, s in enumerate(stances_b) if s.cues], dtype=int)
    if not (len(rows) and len(columns)):
        return []
    mine, theirs = (np.asarray(v, dtype=np.float32) for v in (vectors_a, vectors_b))
    with one_blas_thread():  # only the position-taking sentences: no N × M matrix of every pair
        acting = mine[rows] @ theirs[columns].T
    keep = (_top(acting, axis=1) | _top(acting, axis=0)) & (acting >= MIN_COSINE)
    found = zip(*np.nonzero(keep), strict=True)
    return [(int(rows[i]), int(columns[j]), float(acting[i, j])) for i, j in found]


def _top(scores: np.ndarray, axis: int) -> np.ndarray:
    """True where a score is among the ``TOP_K`` largest along ``axis``."""
    k = min(TOP_K, scores.shape[axis])
    kth = -np.partition(-scores, k - 1, axis=axis).take([k - 1], axis=axis)
    return scores >= kth


def _contested(
    refs: tuple[SentenceRef, SentenceRef], cos: float, sides: tuple[Stance, Stance], speakers: tuple[str, str]
) -> ContestedPair | None:
    """The contested pair two candidate sentences make, or None (module docstring)."""
    mine, theirs = sides
    found = relation_of(mine, theirs)
    issue = shared_issue(mine, theirs)
    if found is None or not issue or _one_side(sides, speakers):
        return None
    relation, first_side = found
    if not _refuses_demanded(relation, first_side, sides):
        return None
    if relation.second is Act.JUSTIFY and not speakers[1 - first_side]:
        return None  # a justification is someone's: a reason the narrator gives is no answer
    issues = len(mine.issues & theirs.issues)
    link = Link(*refs, cos, 0.0, kind=LinkKind.CONTESTED)
    return ContestedPair(link, relation, first_side, issue, cos + ISSUE_WEIGHT * issues)


def _one_side(sides: tuple[Stance, Stance], speakers: tuple[str, str]) -> bool:
    """True when both sentences open with one name or are attributed to one speaker."""
    subjects = (sides[0].subject, sides[1].subject)
    return bool(subjects[0] and subjects[0] == subjects[1]) or _one_speaker(*speakers)


def _strongest(pairs: list[ContestedPair]) -> list[ContestedPair]:
    """At most ``MAX_PER_SENTENCE`` contested partners per sentence, strongest first."""
    taken: dict[SentenceRef, int] = {}
    kept = []
    for pair in sorted(pairs, key=lambda p: -p.rank):
        ends = (pair.link.a, pair.link.b)
        if all(taken.get(ref, 0) < MAX_PER_SENTENCE for ref in ends):
            kept.append(pair)
            for ref in ends:
                taken[ref] = taken.get(ref, 0) + 1
    return kept


def explain(link: Link, texts: tuple[str, str], labels: tuple[str, str]) -> tuple[str, tuple[str, ...], str]:
    """(relation name, issue words, explanation in words, one line per point) of a contested link."""
    sides = (stance(texts[0]), stance(texts[1]))
    found = relation_of(*sides)
    if found is None:  # a manual or stale link: say what each side does, relation unknown
        return "contested", shared_issue(*sides), _positions(sides, labels)
    relation, first_side = found
    issue = shared_issue(*sides)
    first, second = first_side, 1 - first_side
    parts = [
        f"{relation.name.capitalize()} over {', '.join(issue[:4])}.",
        f"{labels[first]} {_ROLE[relation.first]} ({quoted(sides[first].cue_text(relation.first))}); "
        f"{labels[second]} {_ROLE[relation.second]} ({quoted(sides[second].cue_text(relation.second))}).",
        *_entman(sides, labels),
    ]
    return relation.name, issue, "\n".join(parts)


def _positions(sides: tuple[Stance, Stance], labels: tuple[str, str]) -> str:
    said = [f"{label} {', '.join(_ROLE[a] for a in sorted(s.acts)) or 'takes no marked position'}"
            for s, label in zip(sides, labels, strict=True)]
    return "; ".join(said) + "."


def _entman(sides: tuple[Stance, Stance], labels: tuple[str, str]) -> Iterator[str]:
    """Cause, judgement and remedy of each side, where a side has them (Entman's framing functions)."""
    for title, words in (
        ("Responsible", _responsible), ("Judgement", _judgement), ("Labels in its own words", _own_labels),
        ("Labels inside quotations", _quoted_labels), ("Remedy", _remedy),
    ):
        told = [f"{label}: {quoted(w)}" for s, label in zip(sides, labels, strict=True) if (w := words(s))]
        if told:
            yield f"{title} — {'; '.join(told)}."


def _responsible(side: Stance) -> str:
    if Act.ASSIGN in side.acts:
        return _phrase_after(side, Act.ASSIGN)
    return "no one named" if Act.WITHHOLD in side.acts else ""


def _judgement(side: Stance) -> str:
    """Evaluative, intensifying and certainty words: how the side judges."""
    lexicon = load_lexicon()
    words = [side.side.text[slice(*span_of(side.side.tokens, f, e))]
             for table in (lexicon.intensity, lexicon.hedges) for f, e, _ in find_phrases(side.side, table)]
    return ", ".join(dict.fromkeys(words))


def _own_labels(side: Stance) -> str:
    """The names the side gives actors, acts and things in its own words (outside quotation marks)."""
    return _label_words(side, quoted_ones=False)


def _quoted_labels(side: Stance) -> str:
    """The label words the side only quotes: someone else's names, never the source's own."""
    return _label_words(side, quoted_ones=True)


def _label_words(side: Stance, quoted_ones: bool) -> str:
    text, tokens, labels = side.side.text, side.side.tokens, load_lexicon().labels
    inside = quoted_spans(text)
    spans = [span_of(tokens, f, e) for f, e, _ in find_phrases(side.side, labels)]
    words = [text[s:e] for s, e in spans if any(a <= s and e <= b for a, b in inside) == quoted_ones]
    return ", ".join(dict.fromkeys(words))


def _remedy(side: Stance) -> str:
    for act in (Act.DEMAND, Act.JUSTIFY, Act.REFUSE):
        if act in side.acts:
            return _phrase_after(side, act)
    return ""


def _phrase_after(side: Stance, act: Act) -> str:
    """The words from ``act``'s first cue to the end of its clause, at most ``REMEDY_WORDS`` words ("…"
    where the clause goes on)."""
    tokens = side.side.tokens
    first = next(f for a, f, _ in side.cues if a is act)
    last = min(len(tokens), first + REMEDY_WORDS)
    text = side.side.text
    def clause_ends(k: int) -> bool:  # between token k - 1 and token k
        return any(mark in text[tokens[k - 1].end : tokens[k].start] for mark in ",;:(—")

    for k in range(first + 1, last):
        if clause_ends(k):
            return text[slice(*span_of(tokens, first, k))]
    goes_on = last < len(tokens) and not clause_ends(last)
    return text[slice(*span_of(tokens, first, last))] + ("…" if goes_on else "")

