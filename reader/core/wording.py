"""Small helpers for the plain-language text every renderer shows."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """"1 claim", "3 claims", "2 matches": ``n`` with ``noun`` in the number it needs (``plural`` when
    adding "s" is wrong)."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
