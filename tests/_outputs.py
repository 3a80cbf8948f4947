"""Enriched dev pages shared by the output tests (frames, schema, render, browser): the items
and the scraped pages of tests/data/wire_dev, enriched once per test session."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import wirenlp

WIRE = Path(__file__).resolve().parent / "data" / "wire_dev"
REFERENCE_TIME = datetime(2025, 3, 14, 12, 0, tzinfo=timezone.utc)


@lru_cache(maxsize=1)
def enriched_dev_pages() -> tuple[wirenlp.Page, ...]:
    """Every dev item and every dev page, enriched (pages with a reference time)."""
    with (WIRE / "items.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    enricher = wirenlp.Enricher()
    items = list(enricher.pipe(texts))
    page_texts = [p.read_text(encoding="utf-8") for p in sorted((WIRE / "pages").glob("*.txt"))]
    page_texts.append((WIRE / "seed_anp_buitenland.txt").read_text(encoding="utf-8"))
    pages = list(enricher.pipe(page_texts, reference_time=REFERENCE_TIME))
    return tuple(items + pages)
