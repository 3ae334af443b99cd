"""Corpus figures per outlet: what one event's analysis adds (``OutletFacts``) and the pooled table.

Each analysed event yields one ``OutletFacts`` per source, named by the source's label (in batch mode
the file name, so ``fox.txt`` in every event folder is one outlet). ``outlet_table`` pools them:

* omission rate: of the claims that at least half of the other sources report (the omission rule of
  ``framing.omissions``), the share this outlet leaves out, summed over events;
* distinctive words: the weighted log-odds z-scores of ``framing.vocabulary``, on word counts pooled
  over every event, each outlet against all the others;
* label choices: how often the outlet uses each alternative of each label group of
  ``resources/words/labels.txt`` (a group is named by its first alternative);
* divergence: the mean pair divergence from each other outlet over the events both report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core.framing.analyse import document_labels
from reader.core.framing.lexicon import Lexicon, load_lexicon
from reader.core.framing.omissions import min_reporters
from reader.core.framing.pair import phrase_matches
from reader.core.framing.report import DistinctiveWord
from reader.core.framing.vocabulary import distinctive_words, word_counts
from reader.core.model import Analysis, SegmentedDocument

TOP_WORDS = 20


@dataclass(frozen=True)
class OutletFacts:
    """What one outlet's report of one event contributes to the corpus figures."""

    outlet: str
    shared_claims: int  # claims at least half of the other sources report
    omitted: int  # of those, the ones this outlet leaves out
    words: dict[str, int]  # content-word counts of the body sentences
    labels: dict[str, dict[str, int]]  # label group -> alternative -> uses
    divergence: dict[str, float]  # other outlet -> pair divergence in this event

    @classmethod
    def from_dict(cls, data: dict) -> OutletFacts:
        """The facts as ``dataclasses.asdict`` wrote them (read back from ``events.jsonl``)."""
        return cls(**data)


@dataclass(frozen=True)
class OutletRow:
    """The pooled figures of one outlet; every figure says how many events stand behind it."""

    outlet: str
    events: int
    shared_claims: int
    omitted: int
    distinctive: tuple[DistinctiveWord, ...]
    word_events: dict[str, int]  # word -> events in which the outlet used it
    labels: dict[str, dict[str, int]]
    label_events: dict[str, dict[str, int]]  # label group -> alternative -> events using it
    divergence: dict[str, float]  # other outlet -> mean pair divergence
    divergence_events: dict[str, int]

    @property
    def omission_rate(self) -> float:
        """Omitted claims per claim that enough of the others report (0 when there were none)."""
        return self.omitted / self.shared_claims if self.shared_claims else 0.0


def outlet_facts(analysis: Analysis) -> tuple[OutletFacts, ...]:
    """One ``OutletFacts`` per document of ``analysis``, in document order."""
    lexicon = load_lexicon()
    names = document_labels(analysis.documents)
    pairs = analysis.framing.pair_divergence if analysis.framing else {}
    return tuple(
        OutletFacts(
            outlet=names[d],
            shared_claims=len(shared := _shared_claims(analysis, d)),
            omitted=sum(d not in members for members in shared),
            words=dict(word_counts(document, lexicon.stopwords)),
            labels=label_choices(document, lexicon),
            divergence={
                names[b if a == d else a]: score.score for (a, b), score in pairs.items() if d in (a, b)
            },
        )
        for d, document in enumerate(analysis.documents)
    )


def _shared_claims(analysis: Analysis, doc: int) -> list[frozenset[int]]:
    """The member documents of each claim that at least half of the sources other than ``doc`` report."""
    needed = min_reporters(len(analysis.documents))
    claims = (group.documents() for group in analysis.alignment.groups)
    return [members for members in claims if len(members - {doc}) >= needed]


def label_groups(lexicon: Lexicon) -> tuple[str, ...]:
    """The name of each label group: its first alternative's base form."""
    return tuple(group[0].split("/")[0] for group in lexicon.label_groups)


def label_choices(document: SegmentedDocument, lexicon: Lexicon) -> dict[str, dict[str, int]]:
    """Label group -> alternative -> uses in the document's body sentences."""
    names = label_groups(lexicon)
    counts: Counter[tuple[int, int]] = Counter()
    for sentence in document.sentences:
        if sentence.is_body:
            for _first, _last, found in phrase_matches(sentence.text, lexicon.labels):
                counts.update(found)
    choices: dict[str, dict[str, int]] = {}
    for (g, e), uses in sorted(counts.items()):
        alternative = lexicon.label_groups[g][e].split("/")[0]
        choices.setdefault(names[g], {})[alternative] = uses
    return choices


@dataclass
class _Pool:
    """Running sums of one outlet's facts."""

    events: int = 0
    shared_claims: int = 0
    omitted: int = 0
    words: Counter[str] = field(default_factory=Counter)
    word_events: Counter[str] = field(default_factory=Counter)
    labels: dict[str, Counter[str]] = field(default_factory=dict)
    label_events: dict[str, Counter[str]] = field(default_factory=dict)
    divergence: Counter[str] = field(default_factory=Counter)
    divergence_events: Counter[str] = field(default_factory=Counter)

    def add(self, facts: OutletFacts) -> None:
        self.events += 1
        self.shared_claims += facts.shared_claims
        self.omitted += facts.omitted
        self.words.update(facts.words)
        self.word_events.update(facts.words.keys())
        for group, uses in facts.labels.items():
            self.labels.setdefault(group, Counter()).update(uses)
            self.label_events.setdefault(group, Counter()).update(uses.keys())
        self.divergence.update(facts.divergence)
        self.divergence_events.update(facts.divergence.keys())


def outlet_table(events: Iterable[Sequence[OutletFacts]], top: int = TOP_WORDS) -> tuple[OutletRow, ...]:
    """The pooled figures of every outlet over ``events`` (each one event's facts), by outlet name."""
    pools: dict[str, _Pool] = {}
    for facts in events:
        for outlet in facts:
            pools.setdefault(outlet.outlet, _Pool()).add(outlet)
    names = sorted(pools)
    distinctive = distinctive_words([pools[name].words for name in names], top=top)
    return tuple(_row(name, pools[name], words) for name, words in zip(names, distinctive, strict=True))


def _row(name: str, pool: _Pool, distinctive: tuple[DistinctiveWord, ...]) -> OutletRow:
    return OutletRow(
        outlet=name,
        events=pool.events,
        shared_claims=pool.shared_claims,
        omitted=pool.omitted,
        distinctive=distinctive,
        word_events={w.word: pool.word_events[w.word] for w in distinctive},
        labels={group: dict(uses) for group, uses in sorted(pool.labels.items())},
        label_events={group: dict(n) for group, n in sorted(pool.label_events.items())},
        divergence={o: pool.divergence[o] / n for o, n in sorted(pool.divergence_events.items())},
        divergence_events=dict(sorted(pool.divergence_events.items())),
    )
