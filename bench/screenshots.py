"""Pictures of the reader for the docs: the demo, one BASIL event (three outlets on one story), the
voices of the JPost report in ``../shared/corpus`` as columns, our nine invented outlets
(``tests/data/outlets``) with each Overview tab in front at 1920×1080, and contested links in our own
three-outlet case (``tests/data/contested/moscow``). When an analysis has contested links the picture
shows the first one in the detail pane.

Run: ``.venv/bin/python bench/screenshots.py [OUT_DIR]`` (default ``docs/screenshots``); each picture is
taken by the real entry point, ``python -m reader FILE… --screenshot PNG``, offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASIL_ARTICLES = REPO.parent / "shared" / "eval" / "basil" / "articles"
JPOST = REPO.parent / "shared" / "corpus" / "jpost-russia-hamas-visit-2023-10-27.txt"
CONTESTED_CASE = REPO / "tests" / "data" / "contested" / "moscow"
BASIL_EVENT = "d4a4bc34-e48b-4485-86b2-f1daf4d464dd"  # the event with the most gold links (52)
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
NINE_OUTLETS = REPO / "tests" / "data" / "outlets"
OVERVIEW_TABS = ("grid", "labels", "divergence")


def basil_as_text(event: str, folder: Path) -> list[Path]:
    """Write the three reports of a BASIL event as plain-text articles (title, then paragraphs)."""
    paths = []
    for article in sorted(BASIL_ARTICLES.glob(f"*/{event}_*.json")):
        data = json.loads(article.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in data["body-paragraphs"]]
        path = folder / f"{OUTLETS[data['source'].lower()]}.txt"
        title = [] if paragraphs and paragraphs[0].startswith(data["title"]) else [data["title"]]
        path.write_text("\n\n".join([*title, *paragraphs]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def screenshot(out: Path, *args: str) -> None:
    """Run the reader on ``args`` and save its window to ``out``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1"}
    subprocess.run(
        [sys.executable, "-m", "reader", *args, "--screenshot", str(out)], env=env, check=True, timeout=600
    )
    print(out)


def main() -> None:
    """Take the pictures."""
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    screenshot(out_dir / "demo.png", "--demo")
    with tempfile.TemporaryDirectory() as folder:
        paths = basil_as_text(BASIL_EVENT, Path(folder))
        screenshot(out_dir / "basil-event.png", *map(str, paths))
    screenshot(out_dir / "voices.png", "--voices", str(JPOST))
    nine = [str(p) for p in sorted(NINE_OUTLETS.glob("*.txt"))]
    for tab in OVERVIEW_TABS:
        screenshot(out_dir / f"nine-outlets-{tab}.png", *nine, "--overview", tab, "--size", "1920x1080")
    screenshot(out_dir / "contested.png", *map(str, sorted(CONTESTED_CASE.glob("*.txt"))))


if __name__ == "__main__":
    main()
