"""Small helpers for the plain-language text every renderer shows."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """"1 claim", "3 claims": ``n`` with ``noun`` in the number it needs (regular plurals only)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
