"""Parsing: text → Page (stories, headlines, datelines, time labels). Pure Python."""

from __future__ import annotations

from datetime import datetime

from .records import Page


def parse(text: str, reference_time: datetime | None = None) -> Page:
    """Parse wire copy or a scraped page into a :class:`Page` (work in progress)."""
    if not isinstance(text, str):
        raise TypeError(f"wirenlp.parse expects str, got {type(text).__name__}")
    return Page(text=text, reference_time=reference_time)


def parse_bytes(data: bytes, reference_time: datetime | None = None) -> Page:
    """Decode ``data`` (UTF-8, else cp1252) and parse it."""
    return parse(data.decode("utf-8"), reference_time)
