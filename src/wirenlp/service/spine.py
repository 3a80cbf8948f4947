"""The service's one way in and one way out, shared with the command line: bytes → items
(:func:`wirenlp.reading.iter_bytes`, the one input path) and item → output record
(:func:`wirenlp.export.jsonl.item_record`, the CLI's JSONL line), plus the line encoding."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..export.jsonl import item_record
from ..reading import Item, iter_bytes
from ..records import Page

__all__ = ["dumps", "iter_bytes", "record"]


def record(
    source: str,
    index: int,
    page: Page,
    fields: Mapping[str, Any] | None = None,
    *,
    full: bool = False,
) -> dict[str, Any]:
    """The output record of one item: :func:`~wirenlp.export.jsonl.item_record` of
    ``Item(source, index, page, fields)``."""
    return item_record(Item(source, index, page, dict(fields or {})), full=full)


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
