"""Plain text (and anything that is not a known format): read as it is.

The text is decoded like :func:`wirenlp.parse_bytes` (UTF-8, else cp1252 with a warning) and
parsed unchanged, so offsets point into the file's own text; the headline is the first story's.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from ..parsing.page import decode_bytes, parse
from ..records import ItemMeta, Page

__all__ = ["read_plain"]


def read_plain(
    data: bytes | str, source: str | None, reference_time: datetime | None, fmt: str = "plain"
) -> list[Page]:
    """One page of the whole text, with :class:`~wirenlp.ItemMeta` (``format="plain"``)."""
    text = data if isinstance(data, str) else decode_bytes(data)
    page = parse(text, reference_time)
    headline = next((s.headline.text for s in page.stories if s.headline is not None), None)
    agency = next(
        (s.dateline.agencies[0].code for s in page.stories if s.dateline and s.dateline.agencies),
        None,
    )
    meta = ItemMeta(format=fmt, headline=headline, agency=agency, source_path=source, index=0)
    return [attrs.evolve(page, meta=meta)]
