"""Rebuild Qt's ``libicudata`` with only the ICU data Qt reads; the bundle spec runs it at build time.

    python packaging/icu_data.py SOURCE_LIBRARY TARGET_LIBRARY

Qt Core calls ICU for code-page converters, collation, calendars with time-zone names and case mapping
(``ucnv_*``, ``ucol_*``, ``ucal_*``, ``u_strTo*``) and nothing else, so the data for break iteration,
units, currencies, language and region names, transliteration, number spell-out and string preparation
(16 of the 32 MB) is left out. Needs binutils (``nm``, ``as``, ``ld``, as PyInstaller does) and
``icupkg`` (Debian: icu-devtools); it reads the data package out of the library, removes those items
with ``icupkg`` and links the rest into a library with the same soname and data symbol.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

UNUSED = re.compile(r"^(brkitr|unit|curr|lang|region|translit|rbnf)/|\.spp$")
SYMBOL = re.compile(r"icudt\d+_dat")
ASSEMBLY = """\
    .section .rodata
    .globl {symbol}
    .type {symbol}, @object
    .balign 16
{symbol}:
    .incbin "{package}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack,"",@progbits
"""


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def embedded_package(library: Path) -> tuple[str, bytes]:
    """The data symbol of ``library`` (``icudt73_dat``) and the ICU common data package it holds."""
    address, size, name = next(
        (int(fields[0], 16), int(fields[1], 16), fields[-1])
        for fields in map(str.split, _run("nm", "-D", "-S", str(library)).splitlines())
        if SYMBOL.fullmatch(fields[-1])
    )
    for line in _run("readelf", "-S", "-W", str(library)).splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            offset = int(fields[4], 16) + address - int(fields[3], 16)
            with library.open("rb") as file:
                file.seek(offset)
                return name, file.read(size)
    raise SystemExit(f"icu_data: no .rodata section in {library}")


def subset(source: Path, target: Path) -> None:
    """Write to ``target`` a copy of the ICU data library ``source`` without the UNUSED items."""
    symbol, package = embedded_package(source)
    soname = re.search(r"SONAME.*\[(.+)\]", _run("readelf", "-d", str(source)))
    with tempfile.TemporaryDirectory(prefix="icu-data-") as work:
        folder = Path(work)
        full = folder / "full" / f"{symbol.removesuffix('_dat')}l.dat"  # the name sets the item prefix
        full.parent.mkdir()
        full.write_bytes(package)
        removed = [item for item in _run("icupkg", "-l", str(full)).split() if UNUSED.search(item)]
        (folder / "unused.txt").write_text("\n".join(removed) + "\n", encoding="utf-8")
        kept = folder / full.name
        _run("icupkg", "-r", str(folder / "unused.txt"), str(full), str(kept))
        (folder / "data.s").write_text(ASSEMBLY.format(symbol=symbol, package=kept), encoding="utf-8")
        _run("as", "-o", str(folder / "data.o"), str(folder / "data.s"))
        target.parent.mkdir(parents=True, exist_ok=True)
        _run("ld", "-shared", "-soname", soname.group(1) if soname else source.name,
             "-o", str(target), str(folder / "data.o"))
    sizes = f"{source.stat().st_size / 1e6:.1f} -> {target.stat().st_size / 1e6:.1f} MB"
    print(f"icu_data: {source.name} {sizes} ({len(removed)} unused items left out)")


if __name__ == "__main__":
    subset(Path(sys.argv[1]), Path(sys.argv[2]))
