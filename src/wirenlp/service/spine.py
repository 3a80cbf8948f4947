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
    source: str,
    index: int,
    page: Page,
    fields: Mapping[str, Any] | None = None,
    *,
    full: bool = False,
) -> dict[str, Any]:
    """The output record of one item: ``{"source", "index", "fields"?,
    **page.to_dict(full=full)}``, the line ``wirenlp parse`` / ``wirenlp enrich`` write."""
    # TODO(spine): use export.jsonl.item_record(item, page, full=full)
    if fields:
        return {"source": source, "index": index, "fields": dict(fields), **page.to_dict(full=full)}
    return cli_item_record(page.to_dict(full=full), source, index)


#: Characters that JSON leaves raw but line splitters other than "\n" (Python's
#: ``str.splitlines``, httpx's ``iter_lines``) break lines on: escaped in every record.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def dumps(rec: Mapping[str, Any]) -> bytes:
    """One record as one line of UTF-8 JSON: U+0085, U+2028 and U+2029 escaped (so any line
    splitter keeps a record whole) and lone surrogates, which UTF-8 cannot hold, as ``\\u``
    escapes. It decodes to the same record as the command line's line."""
    try:
        text = json.dumps(rec, ensure_ascii=False)
        if "\x85" in text or "\u2028" in text or "\u2029" in text:
            text = text.translate(_LINE_BREAKS)
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(rec).encode("ascii")
