"""Time of the alignment step alone on BASIL triplets, warm: the vectors are embedded once beforehand.

    .venv/bin/python bench/bench_align.py [--triplets 8] [--runs 20]

Per triplet: the aligned sentences (titles and bodies), the first ``align`` call on the triplet (it finds
the voices of its documents, which the framing analysis then reuses) and the median of ``--runs`` more
calls (voices remembered: a re-alignment), in milliseconds. One triplet is aligned before all to warm up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from bench_triplet import BASIL, events  # noqa: E402

from reader.core.align import align  # noqa: E402
from reader.core.embed import Encoder, load_encoder  # noqa: E402
from reader.core.ingest import read_text  # noqa: E402
from reader.core.model import SegmentedDocument  # noqa: E402
from reader.core.segment import segment  # noqa: E402
from reader.core.settings import Settings  # noqa: E402

sys.path.insert(0, str(REPO / "tests"))
from basil_files import basil_reports  # noqa: E402


def triplet(event: str, encoder: Encoder) -> tuple[list[SegmentedDocument], list[np.ndarray]]:
    """The three reports of ``event`` segmented as the app reads them, and their vectors."""
    reports = basil_reports(BASIL, event)
    texts = ["\n\n".join([r["title"], *(" ".join(p) for p in r["body-paragraphs"])]) for r in reports]
    documents = [segment(read_text(text, r["source"])) for text, r in zip(texts, reports, strict=True)]
    return documents, [encoder.encode([d.sentences[i].text for i in d.aligned_indices()]) for d in documents]


def timed(documents: list[SegmentedDocument], vectors: list[np.ndarray], threshold: float) -> float:
    """Milliseconds of one ``align`` call."""
    start = time.perf_counter()
    align(documents, vectors, threshold)
    return 1000 * (time.perf_counter() - start)


def main() -> int:
    """Print one line per triplet and the medians over all."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triplets", type=int, default=8)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    encoder = load_encoder()
    threshold = Settings().threshold
    warm_up, *chosen = events(args.triplets + 1)
    timed(*triplet(warm_up, encoder), threshold)
    firsts: list[float] = []
    agains: list[float] = []
    for event in chosen:
        documents, vectors = triplet(event, encoder)
        firsts.append(timed(documents, vectors, threshold))
        agains.append(statistics.median(timed(documents, vectors, threshold) for _ in range(args.runs)))
        size = sum(len(v) for v in vectors)
        print(f"{event}: {size} sentences, first align {firsts[-1]:.1f} ms, again median {agains[-1]:.1f} ms")
    print(f"align: first call median {statistics.median(firsts):.1f} ms (worst {max(firsts):.1f}),"
          f" again {statistics.median(agains):.1f} ms (worst {max(agains):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
