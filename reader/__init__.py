"""Framing Reader: compare how news sources frame one event. Imports nothing heavy."""

__version__ = "0.1.0"
