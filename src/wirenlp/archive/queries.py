"""Queries on the archive: each a function of the archive that runs one SQL statement (the
statements are module constants, so users can read them and run their own with
:meth:`Archive.sql`) and returns a pandas frame. Each is also a method of
:class:`~wirenlp.Archive` (``archive.co_mentions("Stoltenberg")``).

Times: a story's time is its first sighting (``stories.first_seen``); periods are
``date_trunc`` buckets in UTC (``freq``: ``"day"``, ``"week"``, ``"month"``, ``"year"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..parsing.normalize import name_key
from .entities import ArchiveEntity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .store import Archive

__all__ = [
    "QUERIES",
    "agencies",
    "co_mentions",
    "entity_id",
    "entity_record",
    "event_places",
    "filing_places",
    "mentions_over_time",
    "top_entities",
]

FREQS = ("day", "week", "month", "year")

QUERIES: tuple[str, ...] = (
    "mentions_over_time",
    "co_mentions",
    "filing_places",
    "event_places",
    "agencies",
    "top_entities",
)
"""The query functions that :class:`~wirenlp.Archive` offers as methods."""


def _freq(freq: str) -> str:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
    return freq


ENTITY_CANDIDATES = """
with c as (
    select e.entity, e.name from entities e
    where (e.entity in (select entity from entity_names where key = $key) or e.name = $name
           or ($surname and e.kind = 'person' and e.entity in
               (select entity from entity_names where suffix(key, ' ' || $key))))
      and ($kind is null or e.kind = $kind))
select c.entity, c.name, coalesce(n.mentions, 0) as mentions
from c left join (select entity, count(*) as mentions from mentions
                  where entity in (select entity from c) group by entity) n using (entity)
"""

ENTITY_RECORD = """
with ms as (select story from mentions where entity = $id),
     st as (select distinct story from ms)
select e.entity, e.name, e.kind, e.link,
       (select list(distinct n.name order by n.name) from entity_names n
        where n.entity = e.entity) as names,
       (select count(*) from ms) as mentions,
       (select count(distinct page) from appearances where story in (select story from st))
           as pages,
       (select min(first_seen) from stories where story in (select story from st)) as first_seen,
       (select max(last_seen) from stories where story in (select story from st)) as last_seen
from entities e
where e.entity = $id
"""


def entity_id(archive: Archive, name: str | int, kind: str | None = None) -> int | None:
    """The id of the entity with this id, display name or name seen (``name_key``
    comparison), or for a one-word name a person with that surname: the one whose display
    name matches first, then the one with most mentions."""
    if isinstance(name, int):
        return name
    key = name_key(name)
    with archive.connection() as con:
        rows = con.execute(
            ENTITY_CANDIDATES,
            {"key": key, "name": name, "kind": kind, "surname": " " not in key},
        ).fetchall()
    if not rows:
        return None
    rows.sort(key=lambda r: (name_key(r[1]) != key, -r[2], r[0]))
    return int(rows[0][0])


def entity_record(
    archive: Archive, name: str | int, kind: str | None = None
) -> ArchiveEntity | None:
    """The :class:`ArchiveEntity` for a name or id (see :func:`entity_id`), or None."""
    ent = entity_id(archive, name, kind)
    if ent is None:
        return None
    with archive.connection() as con:
        row = con.execute(ENTITY_RECORD, {"id": ent}).fetchone()
    if row is None:
        return None
    ent_id, display, ent_kind, link, names, mentions, pages, first, last = row
    return ArchiveEntity(
        id=int(ent_id),
        name=display,
        kind=ent_kind,
        names=tuple(names or ()),
        link=link,
        mentions=int(mentions),
        pages=int(pages),
        first_seen=first,
        last_seen=last,
    )


def _need(archive: Archive, name: str | int, kind: str | None = None) -> int:
    ent = entity_id(archive, name, kind)
    if ent is None:
        raise KeyError(f"no entity {name!r} in the archive")
    return ent


MENTIONS_OVER_TIME = """
with m as (select story, count(*) as n from mentions where entity = $id group by story)
select date_trunc('{freq}', s.first_seen) as period, sum(m.n)::bigint as mentions,
       count(*) as stories
from m join stories s using (story)
group by period order by period
"""


def mentions_over_time(archive: Archive, entity: str | int, freq: str = "day") -> pd.DataFrame:
    """Mentions (and stories) of an entity per period: columns ``period``, ``mentions``,
    ``stories``. Raises ``KeyError`` for an unknown entity."""
    sql = MENTIONS_OVER_TIME.format(freq=_freq(freq))
    return archive.sql(sql, {"id": _need(archive, entity)})


CO_MENTIONS = """
with s as (select distinct story from mentions where entity = $id)
select e.entity, e.name, e.kind, count(distinct m.story) as stories, count(*) as mentions
from mentions m join s using (story) join entities e on e.entity = m.entity
where m.entity <> $id and ($kind is null or e.kind = $kind)
group by e.entity, e.name, e.kind
order by stories desc, mentions desc, e.name
limit $limit
"""


def co_mentions(
    archive: Archive, entity: str | int, kind: str | None = None, limit: int = 20
) -> pd.DataFrame:
    """Entities mentioned in the same stories as ``entity`` (of ``kind``, if given), most
    shared stories first: ``entity``, ``name``, ``kind``, ``stories``, ``mentions``."""
    return archive.sql(CO_MENTIONS, {"id": _need(archive, entity), "kind": kind, "limit": limit})


PLACES = """
select date_trunc('{freq}', s.first_seen) as period, s.{side}_place as place,
       s.{side}_geonameid as geonameid, s.{side}_country as country_code,
       s.{side}_latitude as latitude, s.{side}_longitude as longitude, count(*) as stories
from stories s
where s.{side}_place is not null
group by all
order by period, stories desc, place
"""


def filing_places(archive: Archive, freq: str = "month") -> pd.DataFrame:
    """Stories per filing place (the dateline's first linked place) and period: ``period``,
    ``place``, ``geonameid``, ``country_code``, ``latitude``, ``longitude``, ``stories``."""
    return archive.sql(PLACES.format(freq=_freq(freq), side="filing"))


def event_places(archive: Archive, freq: str = "month") -> pd.DataFrame:
    """Stories per event place (where the lead says it happened) and period; the columns of
    :func:`filing_places`."""
    return archive.sql(PLACES.format(freq=_freq(freq), side="event"))


AGENCIES = """
select period, agency, count(*) as stories
from (select date_trunc('{freq}', first_seen) as period,
             trim(unnest(string_split(agencies, ';'))) as agency
      from stories where agencies is not null)
group by all
order by period, stories desc, agency
"""


def agencies(archive: Archive, freq: str = "month") -> pd.DataFrame:
    """Stories per dateline agency code and period: ``period``, ``agency``, ``stories``."""
    return archive.sql(AGENCIES.format(freq=_freq(freq)))


TOP_ENTITIES = """
select s.section, e.entity, e.name, e.kind, s.stories, s.mentions
from section_entities s join entities e using (entity)
where $kind is null or e.kind = $kind
qualify row_number() over (partition by s.section
                           order by s.stories desc, s.mentions desc, e.name) <= $limit
order by s.section, s.stories desc, s.mentions desc, e.name
"""


def top_entities(archive: Archive, kind: str | None = None, limit: int = 10) -> pd.DataFrame:
    """The ``limit`` entities (of ``kind``, if given) in most stories per section (the
    ``Meer uit …`` section a story appeared in; ``""`` for none): ``section``, ``entity``,
    ``name``, ``kind``, ``stories``, ``mentions`` (a story counts once per section). Reads
    ``section_entities``, which every add keeps up to date."""
    return archive.sql(TOP_ENTITIES, {"kind": kind, "limit": limit})
