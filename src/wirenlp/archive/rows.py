"""The rows one batch writes, and the reads an add needs: row builders per page, story and
sighting, the ``section_entities`` delta, key checks, version chains and the entity resolver
loaded from the tables. :class:`~wirenlp.archive.Archive` runs them in its batch
transactions (:mod:`.store`)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from ..records import Page
from .entities import Resolver
from .keys import block_key, content_key
from .versions import Chains

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

__all__ = [
    "appearance_row",
    "existing_keys",
    "insert_rows",
    "load_chains",
    "load_resolver",
    "page_key",
    "page_row",
    "page_time",
    "section_counts",
    "sightings",
    "story_block",
    "story_row",
]


def _aware(value: datetime | None) -> datetime | None:
    """A datetime in UTC (a naive one is read as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def page_time(page: Page, default: datetime) -> datetime:
    """A page's time in the archive (``pages.seen``): the item's ``meta.created`` or
    ``meta.modified``, else the page's ``reference_time``, else ``default`` (the add time)."""
    meta = page.meta
    when = (meta.created or meta.modified) if meta is not None else None
    return _aware(when or page.reference_time) or default


def section_counts(
    cur: duckdb.DuckDBPyConnection, rows: dict[str, list[dict[str, Any]]], known: set[str]
) -> list[dict[str, Any]]:
    """What a batch adds to ``section_entities``: for each (story, section) pair seen for the
    first time, one story and the story's mentions for each entity it mentions."""
    pairs = {(a["story"], a["section"] or "") for a in rows["appearances"]}
    old = sorted({story for story, _ in pairs if story in known})
    if old:
        seen = cur.execute(
            "select distinct story, coalesce(section, '') from appearances "
            "where story in (select unnest(?))",
            [old],
        ).fetchall()
        pairs -= set(seen)
    counts: dict[str, dict[int, int]] = {}
    for m in rows["mentions"]:
        if m["entity"] is not None:
            per = counts.setdefault(m["story"], {})
            per[m["entity"]] = per.get(m["entity"], 0) + 1
    old = sorted({story for story, _ in pairs if story in known})
    if old:
        for story, entity, n in cur.execute(
            "select story, entity, count(*) from mentions where entity is not null "
            "and story in (select unnest(?)) group by story, entity",
            [old],
        ).fetchall():
            counts.setdefault(story, {})[int(entity)] = int(n)
    delta: dict[tuple[str, int], list[int]] = {}
    for story, section in pairs:
        for entity, n in counts.get(story, {}).items():
            acc = delta.setdefault((section, entity), [0, 0])
            acc[0] += 1
            acc[1] += n
    return [
        {"section": section, "entity": entity, "stories": a, "mentions": b}
        for (section, entity), (a, b) in delta.items()
    ]


def sightings(appearances: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per story key: first and last ``seen``, appearances and distinct pages of a batch."""
    out: dict[str, dict[str, Any]] = {}
    pages: dict[str, set[str]] = {}
    for row in appearances:
        key, when = row["story"], row["seen"]
        agg = out.get(key)
        if agg is None:
            out[key] = {"first_seen": when, "last_seen": when, "appearances": 1, "pages": 0}
        else:
            agg["first_seen"] = min(agg["first_seen"], when)
            agg["last_seen"] = max(agg["last_seen"], when)
            agg["appearances"] += 1
        pages.setdefault(key, set()).add(row["page"])
    for key, agg in out.items():
        agg["pages"] = len(pages[key])
    return out


def page_key(obj: str | Page, source: str | None, index: int) -> str:
    """The content key of an input page (an unreadable input: of where it came from)."""
    if isinstance(obj, Page) and obj.error is not None and not obj.text:
        # an input that could not be read: keyed by where it came from
        return content_key(f"\x00error\x00{source}\x00{index}\x00{obj.error.message}")
    return content_key(obj.text if isinstance(obj, Page) else obj)


def existing_keys(
    cur: duckdb.DuckDBPyConnection, table: str, column: str, keys: list[str]
) -> set[str]:
    """The keys among ``keys`` that ``table.column`` holds already."""
    if not keys:
        return set()
    found = cur.execute(
        f"select {column} from {table} where {column} in (select unnest(?))", [keys]
    ).fetchall()
    return {row[0] for row in found}


def story_block(page: Page, pos: int) -> str | None:
    """The near-duplicate block of a page's story (headline + dateline key), or None."""
    story = page.stories[pos]
    return block_key(
        story.headline.text if story.headline else None,
        story.dateline.text if story.dateline else None,
    )


def load_chains(cur: duckdb.DuckDBPyConnection, blocks: list[str | None]) -> Chains:
    """The version chains of the given blocks, from the stories stored in them: the latest
    version of each chain (the only text :meth:`Chains.link` compares), in the order the chains
    were started. A block's older versions stay in the file, so a batch reads one row per
    chain however long the chains grow."""
    chains = Chains()
    wanted = sorted({b for b in blocks if b is not None})
    if wanted:
        rows = cur.execute(
            "with latest as (select block, version_of, max(version) as version, "
            "min(rowid) as started from stories where block in (select unnest(?)) "
            "group by block, version_of) "
            "select s.block, s.version_of, s.text, s.version from stories s join latest l "
            "on s.block = l.block and s.version_of = l.version_of and s.version = l.version "
            "order by l.started",
            [wanted],
        ).fetchall()
        for block, first, text, version in rows:
            chains.add_known(block, first, text or "", version)
    return chains


def load_resolver(cur: duckdb.DuckDBPyConnection, period: timedelta) -> Resolver:
    """An entity resolver that knows the archive's entities, names and their times."""
    resolver = Resolver(period)
    entities = cur.execute(
        "select e.entity, e.kind, e.name, e.link, t.first_seen, t.last_seen from entities e "
        "left join (select m.entity, min(s.first_seen) as first_seen, max(s.last_seen) as "
        "last_seen from mentions m join stories s using (story) group by m.entity) t "
        "using (entity) "
        "order by e.entity"
    ).fetchall()
    names = cur.execute("select entity, name from entity_names").fetchall()
    resolver.load(entities, names)
    return resolver


def insert_rows(cur: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert row dicts into ``table`` (by column name, through an Arrow table)."""
    if not rows:
        return
    import pyarrow as pa

    data = pa.Table.from_pylist(rows)  # noqa: F841 - read by name in the SQL below
    cur.execute(f"insert into {table} by name select * from data")


def page_row(
    key: str,
    page: Page,
    source: str | None,
    index: int,
    fields: Any,
    when: datetime,
    now: datetime,
) -> dict[str, Any]:
    """The ``pages`` row of a page."""
    meta = page.meta
    return {
        "page": key,
        "source": source,
        "item": index,
        "seen": when,
        "added": now,
        "format": meta.format if meta is not None else None,
        "agency": meta.agency if meta is not None else None,
        "n_stories": len(page.stories),
        "n_chars": len(page.text),
        "error_type": page.error.type if page.error else None,
        "error": page.error.message if page.error else None,
        "fields": json.dumps(dict(fields), ensure_ascii=False, default=str) if fields else None,
        "text": page.text,
    }


def appearance_row(
    page: str, pos: int, story_key: str, story: Any, when: datetime
) -> dict[str, Any]:
    """The ``appearances`` row of one sighting of a story on a page."""
    label = story.time
    return {
        "page": page,
        "position": pos,
        "story": story_key,
        "role": story.role,
        "section": story.section,
        "time_label": label.text if label else None,
        "time_earliest": _aware(label.earliest) if label else None,
        "time_latest": _aware(label.latest) if label else None,
        "seen": when,
    }


def story_row(key: str, page: Page, story: Any) -> dict[str, Any]:
    """The ``stories`` row of a new story (place columns from ``export.frames.story_rows``)."""
    from ..export.frames import story_rows

    dl = story.dateline
    row = story_rows(Page(text=page.text, stories=(story,)), 0)[0]
    out = {
        name: row.get(name)
        for name in (
            "headline",
            "dateline",
            "places",
            "agencies",
            "filing_place",
            "filing_geonameid",
            "filing_country",
            "filing_latitude",
            "filing_longitude",
            "event_place",
            "event_geonameid",
            "event_country",
            "event_latitude",
            "event_longitude",
            "event_elsewhere",
            "truncated",
        )
    }
    out["story"] = key
    out["block"] = block_key(out["headline"], dl.text if dl else None)
    out["text"] = page.text[story.start : story.end]
    return out
