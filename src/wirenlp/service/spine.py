"""The service's one way in and one way out, shared with the command line: bytes → items
(the one input path) and item → output record (the CLI's JSONL line).

TODO(spine): use reading.iter_bytes and export.jsonl.item_record once helper ``input`` has
landed them on main; until then this module is the single adapter over today's functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ..cli import item_record as cli_item_record
from ..reading import Item
from ..reading.xml import MAX_BYTES
from ..records import Page

__all__ = ["dumps", "iter_bytes", "record"]


def iter_bytes(
    data: bytes,
    source: str,
    format: str = "auto",
    *,
    reference_time: datetime | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Item]:
    """The items of one posted blob (a wire file of any format, a zip archive): one error item
    for content that cannot be read, never an exception."""
    # TODO(spine): use reading.iter_bytes
    from ..reading.api import _items_of

    return _items_of(data, source, format, reference_time, max_bytes)


def record(
    source: str, index: int, page: Page, fields: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The output record of one item: ``{"source", "index", "fields"?, **page.to_dict()}``, the
    line ``wirenlp parse`` / ``wirenlp enrich`` write."""
    # TODO(spine): use export.jsonl.item_record(item, page)
    out = cli_item_record(page.to_dict(), source, index)
    if fields:
        out = {"source": source, "index": index, "fields": dict(fields), **page.to_dict()}
    return out


def dumps(rec: Mapping[str, Any]) -> bytes:
    """One record as UTF-8 JSON (lone surrogates, which UTF-8 cannot hold, as ``\\u`` escapes)."""
    try:
        return json.dumps(rec, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(rec).encode("ascii")
