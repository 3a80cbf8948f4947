"""The output record of one item: the JSON line ``wirenlp parse``/``enrich`` write (and the
record a service returns), made in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..reading.inputs import Item
    from ..records import Page

__all__ = ["item_record"]


def item_record(item: Item, page: Page | None = None, *, full: bool = False) -> dict[str, Any]:
    """``{"source", "index", "fields"?, **page.to_dict()}`` for ``item``: where it came from,
    the fields of its JSON-Lines input record (``id`` …, carried unchanged; left out when there
    are none) and the page (``page``, e.g. the enriched one; default ``item.page``).

    The page record is compact by default; ``full=True`` keeps everything
    (:meth:`~wirenlp.Page.to_dict`)."""
    page = item.page if page is None else page
    record: dict[str, Any] = {"source": item.source, "index": item.index}
    if item.fields:
        record["fields"] = dict(item.fields)
    record.update(page.to_dict(full=full))
    return record
