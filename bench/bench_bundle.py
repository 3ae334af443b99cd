"""The built bundle against the development install: time to a visible window, and its size.

    packaging/build
    .venv/bin/python bench/bench_bundle.py [--runs 5] [--earlier COPY_OF_AN_EARLIER_BUNDLE]

Needs Xvfb and xdotool (Debian: ``apt-get install xvfb xdotool``). Starts one Xvfb server; for each
run and each program, interleaved, spawns ``PROGRAM`` (no files, so no analysis starts) with an empty
home folder and polls ``xdotool search --onlyvisible --name "Framing Reader"`` every 10 ms: the time
from spawning to the first hit is the time to a visible (mapped) window, interpreter or bootloader
start included. The bundle runs with a PATH holding no Python. ``--earlier`` times a copy of another
build's folder in the same interleaved runs (before/after a packaging change on a shared machine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "dist" / "framing-reader"
POLL_S = 0.01
ATTEMPTS = 3
FAILED_LAUNCHES: dict[str, int] = {}  # program -> launches that ended without a window


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb server on a display number it picks as free (engineers on one machine run this at once)."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24"],
                              pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        return server, f":{pipe.readline().strip()}"


def visible_after(command: list[str], env: dict[str, str], timeout: float = 60) -> float:
    """Seconds from spawning ``command`` until its window is mapped; the program is then ended. A launch
    that ends without a window (now and then Qt cannot connect to a loaded Xvfb) is counted and retried."""
    for _ in range(ATTEMPTS):
        seconds = _launch(command, env, timeout)
        if seconds is not None:
            return seconds
        FAILED_LAUNCHES[command[0]] = FAILED_LAUNCHES.get(command[0], 0) + 1
    raise RuntimeError(f"no window from {command[0]} in {ATTEMPTS} launches")


def _launch(command: list[str], env: dict[str, str], timeout: float) -> float | None:
    """Seconds to the mapped window, or None when the program ended first."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "Framing Reader"],
                env={"DISPLAY": env["DISPLAY"]}, capture_output=True, check=False,
            )
            if found.stdout.strip():
                return time.perf_counter() - started
            if process.poll() is not None:
                return None
            time.sleep(POLL_S)
        raise TimeoutError(f"no window from {command[0]} within {timeout} s")
    finally:
        process.kill()
        process.wait()


def folder_mb(folder: Path) -> float:
    """Bytes of the regular files under ``folder`` (links not followed), in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--earlier", type=Path, help="a copy of an earlier bundle folder to time as well")
    args = parser.parse_args()
    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-bundle-") as home:
            env = {"HOME": home, "DISPLAY": display, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "xcb"}
            bundles = {"bundle": BUNDLE, **({"earlier": args.earlier} if args.earlier else {})}
            bundled = {name: [str(folder / "framing-reader")] for name, folder in bundles.items()}
            programs = {
                **{name: (command, {**env, "PATH": home}) for name, command in bundled.items()},
                "venv": ([str(Path(sys.executable).parent / "framing-reader")], {**env, "PATH": os.defpath}),
            }
            times: dict[str, list[float]] = {name: [] for name in programs}
            for _ in range(args.runs):
                for name, (command, program_env) in programs.items():
                    times[name].append(visible_after(command, program_env))
    finally:
        server.kill()
    for name, values in times.items():
        print(f"bundle: {name} visible window median {statistics.median(values):.2f} s "
              f"(min {min(values):.2f}, max {max(values):.2f}, runs {len(values)})")
    for program, count in FAILED_LAUNCHES.items():
        print(f"bundle: {program} ended {count} time(s) without a window (retried)")
    archive = Path(tempfile.gettempdir()) / "framing-reader-bundle"
    for name, folder in bundles.items():
        packed = Path(shutil.make_archive(str(archive), "gztar", folder.parent, folder.name))
        packed_mb = packed.stat().st_size / 1e6
        print(f"bundle: {name} folder {folder_mb(folder):.0f} MB, .tar.gz {packed_mb:.0f} MB")
        packed.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
