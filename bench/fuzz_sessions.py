"""Fuzz the session layer: hostile session files, autosave folders, stored settings and session operations.

    .venv/bin/python bench/fuzz_sessions.py [--cases 3000] [--seed 1] [--analyse 30]

Every hostile input goes through the same code the app and the CLI use (``parse_session``,
``read_session``, ``Autosaver.orphans``, ``load_settings``, ``Session``'s operations, and for a sample
of the accepted sessions a real analysis with their corrections). An input may be accepted or refused
with a ``ReaderError``; anything else is a crash, printed with its input. An accepted session must also
survive ``restore`` and a write → read round trip unchanged. Prints one line per family and a total.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reader.core.autosave import Autosaver  # noqa: E402
from reader.core.corrections import SentenceKey, Verdict, correction, text_key  # noqa: E402
from reader.core.errors import ReaderError  # noqa: E402
from reader.core.ingest import read_path  # noqa: E402
from reader.core.session import Session, State  # noqa: E402
from reader.core.sessionfile import parse_session, read_session, to_dict, write_session  # noqa: E402
from reader.core.settings import Settings, settings_from_dict  # noqa: E402
from reader.gui.settingsstore import load_settings  # noqa: E402
from reader.gui.welcome import demo_paths  # noqa: E402

MAX_ANALYSED_SOURCES = 12
HOSTILE_VALUES: tuple[object, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    2,
    2**63,
    -(2**63),
    10**30,
    0.5,
    -0.0,
    float("nan"),
    float("inf"),
    "",
    " ",
    "\x00",
    "\ud800",
    "x" * 100_000,
    "1",
    "auto",
    "claim",
    "unlink",
    [],
    [None],
    {},
    {"a": 1},
    [[[[[]]]]],
    "../../etc/passwd",
    "\u202e\u0644\u0627",
    "💥" * 50,
)


def base_state() -> State:
    """A real session: the demo articles, non-default settings and one correction of each verdict."""
    documents = tuple(read_path(p) for p in demo_paths())
    keys = [text_key(d.text) for d in documents]
    corrections = (
        correction(SentenceKey(keys[0], 3), SentenceKey(keys[1], 4), Verdict.LINK),
        correction(SentenceKey(keys[1], 2), SentenceKey(keys[2], 5), Verdict.UNLINK),
        correction(SentenceKey(keys[0], 1), SentenceKey(keys[2], 1), Verdict.CONTESTED),
    )
    return State(documents, Settings(threshold=0.5), corrections)


# --- hostile session files -------------------------------------------------------------------------------


def _paths(data: object, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data[:4]):
            yield from _paths(value, (*prefix, i))


def _set(data: object, path: tuple, value: object) -> object:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def mutated(rng: random.Random, valid: dict) -> bytes:
    """The valid file with 1–4 fields replaced by hostile values, deleted, or given stray keys."""
    data = copy.deepcopy(valid)
    for _ in range(rng.randint(1, 4)):
        path = rng.choice(list(_paths(data)))
        action = rng.random()
        if action < 0.6:
            data = _set(data, path, copy.deepcopy(rng.choice(HOSTILE_VALUES)))
        elif action < 0.8 and path:
            parent = data
            for step in path[:-1]:
                parent = parent[step]
            del parent[path[-1]]
        elif isinstance(_get(data, path), dict):
            _get(data, path)[rng.choice(["extra", "sha256", "version", "__proto__"])] = rng.choice(
                HOSTILE_VALUES
            )
    return json.dumps(data, ensure_ascii=rng.random() < 0.5, allow_nan=True).encode("utf-8", "surrogatepass")


def _get(data: object, path: tuple) -> object:
    for step in path:
        data = data[step]
    return data


def damaged_bytes(rng: random.Random, valid: bytes) -> bytes:
    """The valid file truncated, with bytes flipped or inserted, re-encoded, or padded."""
    choice = rng.randrange(6)
    if choice == 0:
        return valid[: rng.randrange(len(valid))]
    if choice == 1:
        raw = bytearray(valid)
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if choice == 2:
        at = rng.randrange(len(valid))
        return valid[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 50))) + valid[at:]
    if choice == 3:
        return valid.decode("utf-8").encode(
            rng.choice(["utf-16", "utf-32", "latin-1", "utf-8-sig"]), "replace"
        )
    if choice == 4:
        return rng.choice([b"", b" " * 10_000, b"\x00" * 1000, b"null", b"[]", b"{}", b'"x"', b"1e999"])
    return valid + rng.choice([b"}", b"garbage", b"\n{}\n", b"\x00"])


def structural(rng: random.Random, valid: dict) -> bytes:
    """Shapes JSON allows and a session must refuse or survive: depth, size, numbers, surrogates."""
    depth = rng.randint(500, 200_000)
    choices: list[Callable[[], bytes]] = [
        lambda: b"[" * depth + b"]" * depth,
        lambda: b'{"a":' * depth + b"1" + b"}" * depth,
        lambda: (
            json.dumps(valid).replace('"version": 1', f'"version": {"9" * rng.randint(1, 6000)}').encode()
        ),
        lambda: json.dumps(
            {**valid, "sources": [{"text": "x " * rng.randint(1, 50)}] * rng.randint(1, 5000)}
        ).encode(),
        lambda: json.dumps(
            {**valid, "sources": [{"text": "\ud800 broken", "label": "\udfff"}]}, ensure_ascii=True
        ).encode(),
        lambda: json.dumps(
            {**valid, "corrections": [valid["corrections"][0]] * rng.randint(1, 20_000)}
        ).encode(),
        lambda: json.dumps(valid).replace('"version": 1', '"version": 1, "version": 99').encode(),
        lambda: json.dumps(
            {**valid, "settings": {"threshold": float("nan"), "model": ""}}, allow_nan=True
        ).encode(),
        lambda: json.dumps({**valid, "sources": [{"text": "y" * rng.randint(10**6, 5 * 10**6)}]}).encode(),
    ]
    return rng.choice(choices)()


# --- hostile state folders and settings -----------------------------------------------------------------


def autosave_folder(rng: random.Random, folder: Path, samples: list[bytes]) -> None:
    """A folder of autosaves as a crash, a disk or another program might leave it."""
    for i in range(rng.randint(1, 6)):
        name = (
            rng.choice([f"{2**22 + rng.randrange(10**6)}", "0", "-5", "abc", "9" * 40, "1.5", ""])
            + ".framing"
        )
        path = folder / name if name != ".framing" else folder / f"x{i}.framing"
        kind = rng.randrange(6)
        if path.exists() or path.is_symlink():
            continue
        if kind == 0:
            path.mkdir()
        elif kind == 1:
            os.mkfifo(path)
        elif kind == 2:
            path.symlink_to(rng.choice(["/dev/zero", "/dev/null", str(path), "/nonexistent"]))
        else:
            path.write_bytes(rng.choice(samples))


def settings_file(rng: random.Random) -> bytes:
    values = {
        key: rng.choice(HOSTILE_VALUES)
        for key in ("model", "threshold", "route", "use_cache", "sync_scroll", "recent_files", "geometry")
    }
    return rng.choice([json.dumps(values, allow_nan=True).encode(), b"[" * 50_000, b"\xff\xfe", b""])


# --- hostile operations ---------------------------------------------------------------------------------


def operations(rng: random.Random, state: State) -> None:
    """Random edits of a session; labels must stay unique and only ``ReaderError`` may be raised."""
    session = Session()
    session.restore(state)
    for _ in range(40):
        row = rng.randint(-3, len(session.documents()) + 3)
        action = rng.randrange(7)
        if action == 0:
            session.remove(row)
        elif action == 1:
            session.move(row, rng.choice([-10, -1, 0, 1, 10]))
        elif action == 2:
            session.rename(row, str(rng.choice(HOSTILE_VALUES))[:200])
        elif action == 3:
            session.add(rng.sample(state.documents, k=min(len(state.documents), rng.randint(0, 3))))
        elif action == 4:
            session.merge(state)
        elif action == 5 and state.corrections:
            session.correct(rng.choice(state.corrections))
        else:
            session.set_corrections(rng.sample(state.corrections, k=rng.randint(0, len(state.corrections))))
        labels = session.labels()
        assert len(labels) == len(set(labels)), labels


# --- the run --------------------------------------------------------------------------------------------


class Tally:
    """Outcomes per family."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {}
        self.crashes: list[str] = []

    def run(self, family: str, check: Callable[[], object], shown: object) -> object:
        counts = self.counts.setdefault(family, Counter())
        try:
            result = check()
        except ReaderError:
            counts["refused"] += 1
            return None
        except Exception:  # a crash: the point of fuzzing is to find these
            counts["crashed"] += 1
            self.crashes.append(f"{family}: {repr(shown)[:200]}\n{traceback.format_exc(limit=4)}")
            return None
        counts["accepted"] += 1
        return result


def accepted_holds(state: State, folder: Path) -> State:
    """An accepted session restores, and writes and reads back unchanged."""
    Session().restore(state)
    path = folder / "round-trip.framing"
    write_session(state, path)
    assert read_session(path) == state, "round trip changed the session"
    return state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases", type=int, default=3000, help="hostile session files (other families: a tenth)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--analyse", type=int, default=30, help="accepted sessions to analyse for real")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    state = base_state()
    valid = to_dict(state)
    valid_bytes = json.dumps(valid).encode()
    tally = Tally()
    accepted: list[State] = []
    samples: list[bytes] = []
    makers = {
        "mutated": lambda: mutated(rng, valid),
        "bytes": lambda: damaged_bytes(rng, valid_bytes),
        "structure": lambda: structural(rng, valid),
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for i in range(args.cases):
            family = ("mutated", "bytes", "structure")[i % 3] if i % 10 else "structure"
            raw = makers[family]()
            samples.append(raw[:100_000])
            result = tally.run(
                family, lambda r=raw: accepted_holds(parse_session(r, "fuzz.framing"), work), raw
            )
            if isinstance(result, State):
                accepted.append(result)
        for i in range(args.cases // 10):
            folder = work / f"autosave-{i}"
            folder.mkdir()
            autosave_folder(rng, folder, samples[-300:])
            tally.run(
                "autosave folder",
                lambda f=folder: [o.read() for o in Autosaver(f).orphans() if _readable(o)],
                sorted(os.listdir(folder)),
            )
            settings_path = work / f"settings-{i}.json"
            settings_path.write_bytes(settings_file(rng))
            tally.run(
                "settings file", lambda p=settings_path: load_settings(p), settings_path.read_bytes()[:200]
            )
            raw_settings = {
                k: rng.choice(HOSTILE_VALUES) for k in ("model", "threshold", "route", "use_cache")
            }
            tally.run("settings values", lambda r=raw_settings: settings_from_dict(r), raw_settings)
            tally.run("operations", lambda: operations(rng, rng.choice(accepted or [state])), "operations")
        analyse_sample(tally, [s for s in accepted if len(s.documents) >= 2], args.analyse, rng)
    report(tally)


def _readable(orphan) -> bool:
    try:
        orphan.read()
    except ReaderError:
        return False
    return True


def analyse_sample(tally: Tally, states: list[State], limit: int, rng: random.Random) -> None:
    """A real analysis of some accepted sessions, with their (possibly hostile) corrections."""
    from reader.core.embed import load_encoder

    encoder = load_encoder()
    small = [s for s in states if len(s.documents) <= MAX_ANALYSED_SOURCES]  # huge inputs: another issue
    for state in rng.sample(small, k=min(limit, len(small))):
        session = Session()
        session.restore(state)
        tally.run("analysed", lambda s=session: s.analyse(encoder), [d.label for d in state.documents])


def report(tally: Tally) -> None:
    for crash in tally.crashes[:10]:
        print(crash, file=sys.stderr)
    total = Counter()
    for family, counts in tally.counts.items():
        total.update(counts)
        print(
            f"fuzz {family}: cases={sum(counts.values())} accepted={counts['accepted']} "
            f"refused={counts['refused']} crashed={counts['crashed']}"
        )
    print(
        f"fuzz total: cases={sum(total.values())} accepted={total['accepted']} refused={total['refused']} "
        f"crashed={total['crashed']}"
    )


if __name__ == "__main__":
    main()
