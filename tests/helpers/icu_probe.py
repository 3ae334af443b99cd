"""Print what ICU answers to the calls Qt Core makes, with the ICU libraries of one folder.

    python tests/helpers/icu_probe.py FOLDER VERSION

Qt Core imports from ICU only case mapping (``u_strToUpper``), collation (``ucol_*``), code-page
converters (``ucnv_*``) and calendars with time-zone names (``ucal_*``); this calls each for a few
locales, so two folders (a full and a reduced ICU data library) can be compared line by line.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cmp_to_key
from pathlib import Path

TEXT = "istanbul straße ὀδυσσεύς äpfel"
LOCALES = (b"tr", b"de", b"el", b"sv", b"ja", b"ru", b"root")
CONVERTERS = (b"Shift_JIS", b"windows-1251", b"GB18030", b"ISO-2022-JP", b"KOI8-R", b"Big5", b"EUC-KR")
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata")
BUFFER = 256


def _utf16(text: str) -> tuple[bytes, int]:
    data = text.encode("utf-16-le")
    return data, len(data) // 2


def _text(buffer: ctypes.Array, length: int) -> str:
    return bytes(buffer)[: 2 * length].decode("utf-16-le")


class Icu:
    """The ICU functions Qt uses, from ``folder``'s libicuuc and libicui18n of ``version``."""

    def __init__(self, folder: Path, version: str) -> None:
        ctypes.CDLL(str(folder / f"libicudata.so.{version}"), ctypes.RTLD_GLOBAL)
        self.uc = ctypes.CDLL(str(folder / f"libicuuc.so.{version}"), ctypes.RTLD_GLOBAL)
        self.i18n = ctypes.CDLL(str(folder / f"libicui18n.so.{version}"), ctypes.RTLD_GLOBAL)
        self.version = version
        for name in ("ucol_open", "ucal_open"):
            self.function(self.i18n, name).restype = ctypes.c_void_p
        self.function(self.uc, "ucnv_open").restype = ctypes.c_void_p

    def function(self, library: ctypes.CDLL, name: str) -> ctypes._CFuncPtr:
        return getattr(library, f"{name}_{self.version}")

    def upper(self, locale: bytes) -> str:
        status, buffer = ctypes.c_int(0), (ctypes.c_uint16 * BUFFER)()
        text, length = _utf16(TEXT)
        n = self.function(self.uc, "u_strToUpper")(buffer, BUFFER, text, length, locale, ctypes.byref(status))
        return f"upper {locale.decode()}: {_text(buffer, n)} ({status.value})"

    def collation(self, locale: bytes) -> str:
        status = ctypes.c_int(0)
        collator = ctypes.c_void_p(self.function(self.i18n, "ucol_open")(locale, ctypes.byref(status)))
        words = [*TEXT.split(), "zebra", "Äpfel", "apfel", "öl", "ozon", "çay", "cep"]
        order = sorted(words, key=cmp_to_key(lambda left, right: self._compare(collator, left, right)))
        self.function(self.i18n, "ucol_close")(collator)
        return f"collation {locale.decode()}: {' '.join(order)} ({status.value})"

    def _compare(self, collator: ctypes.c_void_p, left: str, right: str) -> int:
        return self.function(self.i18n, "ucol_strcoll")(collator, *_utf16(left), *_utf16(right))

    def converter(self, name: bytes) -> str:
        status = ctypes.c_int(0)
        handle = ctypes.c_void_p(self.function(self.uc, "ucnv_open")(name, ctypes.byref(status)))
        found = bool(handle.value)
        if found:
            self.function(self.uc, "ucnv_close")(handle)
        return f"converter {name.decode()}: {found} ({status.value})"

    def zone(self, zone: str, locale: bytes) -> str:
        status, buffer = ctypes.c_int(0), (ctypes.c_uint16 * BUFFER)()
        calendar = ctypes.c_void_p(self.function(self.i18n, "ucal_open")(*_utf16(zone), locale, 0,
                                                                          ctypes.byref(status)))
        n = self.function(self.i18n, "ucal_getTimeZoneDisplayName")(calendar, 0, locale, buffer, BUFFER,
                                                                    ctypes.byref(status))
        self.function(self.i18n, "ucal_close")(calendar)
        return f"zone {zone} {locale.decode()}: {_text(buffer, n)} ({status.value})"


def main(folder: Path, version: str) -> None:
    icu = Icu(folder, version)
    print("converters:", icu.function(icu.uc, "ucnv_countAvailable")())
    for locale in LOCALES:
        print(icu.upper(locale))
        print(icu.collation(locale))
        for zone in ZONES:
            print(icu.zone(zone, locale))
    for name in CONVERTERS:
        print(icu.converter(name))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
