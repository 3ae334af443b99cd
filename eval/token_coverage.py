"""Would contextual token coverage help claim links? The link model with and without it, cross-validated.

An experiment, not part of the app: the encoder's contextual token vectors (sentence-transformers'
``output_value="token_embeddings"``, the same forward pass that gives the sentence vectors) score each
candidate pair BERTScore-style — each token of one sentence is matched to its most similar token of the
other, weighted by its rarity (inverse document frequency over the event's sentences). A paraphrase
("made public" / "released") matches token by token where the sentence vectors blur it; a sentence
contained in a longer one is covered even though the two vectors differ.

Signals (any subset, with ``--signals``): ``coverage_best`` the better of the two directions (how
well the more covered sentence is covered), ``coverage_f`` their harmonic mean, ``coverage_shorter``
the shorter sentence's coverage, ``coverage_gap`` the pair's ``coverage_best`` minus the highest among
either sentence's candidates (0 when the pair is the best of both). Each set is added to the link
model's signals and scored by ``eval/align.py``'s leave-one-event-out fit; the first line is the model
without them.

Usage: ``.venv/bin/python eval/token_coverage.py --gold ../shared/eval/alignment --gold eval/gold
--basil ../shared/eval/basil --signals coverage_best --signals coverage_best,coverage_gap``.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from align import Event, arguments, cross_validated, gold_events, total_line

from reader.core.embed.models import resolve_model_dir
from reader.core.linkmodel import highest_within

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Tokens = tuple[np.ndarray, np.ndarray]  # wordpiece ids and unit vectors, without CLS, SEP and punctuation
PUNCTUATION = frozenset(".,;:!?'\"()[]-–—‘’“”")


def sentence_tokens(events: Sequence[Event], model_name: str) -> list[list[list[Tokens]]]:
    """Per event, per document, per aligned sentence: its tokens' ids and contextual unit vectors."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(resolve_model_dir(model_name)), device="cpu")
    result = []
    for event in events:
        texts = [[doc.sentences[r.sent].text for r in refs]
                 for doc, refs in zip(event.prepared.documents, event.prepared.refs, strict=True)]
        result.append([_tokens(model, document) for document in texts])
    return result


def _tokens(model: SentenceTransformer, texts: list[str]) -> list[Tokens]:
    tokenizer = model.tokenizer
    vectors = model.encode(texts, output_value="token_embeddings", batch_size=32)
    tokens = []
    for text, matrix in zip(texts, vectors, strict=True):
        ids = tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
        words = tokenizer.convert_ids_to_tokens(ids)
        keep = [k for k in range(1, len(ids) - 1) if words[k] not in PUNCTUATION]
        rows = matrix.numpy()[keep]
        rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        tokens.append((np.asarray(ids)[keep], rows.astype(np.float32)))
    return tokens


def coverage(a: Tokens, b: Tokens, rarity: dict[int, float]) -> tuple[float, float]:
    """How well A's tokens are covered by B's and B's by A's (rarity-weighted best cosine)."""
    if not len(a[0]) or not len(b[0]):
        return 0.0, 0.0
    similarity = a[1] @ b[1].T
    covered = []
    for ids, best in ((a[0], similarity.max(axis=1)), (b[0], similarity.max(axis=0))):
        weights = np.array([rarity[t] for t in ids.tolist()])
        covered.append(float((weights * best).sum() / max(weights.sum(), 1e-12)))
    return covered[0], covered[1]


def _rarity(tokens: list[list[Tokens]]) -> dict[int, float]:
    counts = Counter(t for document in tokens for ids, _ in document for t in set(ids.tolist()))
    sentences = sum(len(document) for document in tokens)
    return {t: math.log((sentences + 1) / (n + 1)) for t, n in counts.items()}


SIGNALS = ("coverage_best", "coverage_f", "coverage_shorter", "coverage_gap")


def event_signals(event: Event, tokens: list[list[Tokens]]) -> dict[tuple[int, int], dict[str, np.ndarray]]:
    """Every signal of ``SIGNALS`` for each candidate pair of ``event``."""
    rarity = _rarity(tokens)
    result = {}
    for (a, b), candidates in event.prepared.pairs.items():
        rows, columns = np.asarray(candidates.scores.rows), np.asarray(candidates.scores.columns)
        pairs = [(tokens[a][i], tokens[b][j]) for i, j in zip(rows, columns, strict=True)]
        covered = np.array([coverage(x, y, rarity) for x, y in pairs], dtype=np.float32).reshape(-1, 2)
        of_a, of_b = covered.T
        a_shorter = np.array([len(x[0]) <= len(y[0]) for x, y in pairs], dtype=bool)
        best = np.maximum(of_a, of_b)
        result[a, b] = {
            "coverage_best": best,
            "coverage_f": 2 * of_a * of_b / np.maximum(of_a + of_b, 1e-12),
            "coverage_shorter": np.where(a_shorter, of_a, of_b),
            "coverage_gap": best - np.maximum(highest_within(rows, best), highest_within(columns, best)),
        }
    return result


def with_signals(events: Sequence[Event], extra: Sequence[dict], names: Sequence[str]) -> list[Event]:
    """``events`` whose candidates carry the signals ``names`` after the link model's own."""
    result = []
    for event, signals in zip(events, extra, strict=True):
        pairs = {
            key: replace(c, signals=np.column_stack([c.signals, *(signals[key][n] for n in names)]))
            for key, c in event.prepared.pairs.items()
        }
        result.append(replace(event, prepared=replace(event.prepared, pairs=pairs)))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Print the cross-validated line of the link model alone, then with each set of ``--signals``."""
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--signals", action="append", default=[], help="comma-separated names of SIGNALS")
    args = parser.parse_args(argv)
    chosen = [names.split(",") for names in args.signals]
    if unknown := {n for names in chosen for n in names} - set(SIGNALS):
        parser.error(f"unknown signals {sorted(unknown)}; known: {', '.join(SIGNALS)}")
    events = gold_events(args.gold, args.basil, args.model, args.precision)
    extra = [event_signals(e, t) for e, t in zip(events, sentence_tokens(events, args.model), strict=True)]
    for names in [[], *chosen]:
        counts = cross_validated(with_signals(events, extra, names))
        print(f"{'+'.join(names) or 'link model alone'}: {total_line(counts, len(events))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
