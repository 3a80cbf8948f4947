"""The archive's tables (DuckDB DDL). ``docs/archive.md`` describes each column.

Keys are content keys (:mod:`.keys`) for pages and stories and integers for entities, so that a
re-run add of the same input writes nothing and a resumed add equals a clean one. The content
keys carry no index (an ART index of a million 32-digit keys would stay in memory): the one
writer checks them before it inserts (:mod:`.store`).
"""

from __future__ import annotations

__all__ = ["DDL", "SCHEMA_VERSION", "TABLES"]

SCHEMA_VERSION = "1"
"""Version of the archive's tables, stored in ``archive_info``; bump it when a table changes."""

TABLES: tuple[str, ...] = (
    "pages",
    "stories",
    "appearances",
    "mentions",
    "entities",
    "entity_names",
    "section_entities",
)
"""The archive's tables; :meth:`Archive.export` writes all but ``section_entities`` (a
running aggregate of the others)."""

DDL = """
create table if not exists archive_info (key varchar primary key, value varchar);
create table if not exists pages (
    page varchar,                    -- content key of the page text (unique: adds skip stored keys)
    source varchar,                  -- path, "archive.zip!member", or the caller's name
    item integer,                    -- item index within the source
    seen timestamptz,                -- meta created/modified, else reference time, else add time
    added timestamptz,               -- when the add wrote it
    format varchar,                  -- meta.format of agency files
    agency varchar,                  -- meta.agency of agency files
    n_stories integer,
    n_chars integer,
    error_type varchar,              -- set when the input could not be read or enriched
    error varchar,
    fields varchar,                  -- a JSON-Lines record's other fields, as JSON
    text varchar
);
create table if not exists stories (
    story varchar,                   -- content key of the story text (unique)
    headline varchar,
    dateline varchar,
    places varchar,                  -- dateline places, joined with "; "
    agencies varchar,                -- dateline agency codes, joined with "; "
    filing_place varchar,
    filing_geonameid bigint,
    filing_country varchar,
    filing_latitude double,
    filing_longitude double,
    event_place varchar,
    event_geonameid bigint,
    event_country varchar,
    event_latitude double,
    event_longitude double,
    event_elsewhere boolean,
    truncated boolean,
    block varchar,                   -- near-duplicate block: headline + dateline key
    version_of varchar,              -- first version's story key (its own key when first)
    version integer,                 -- 1, 2, ... within version_of
    first_seen timestamptz,          -- earliest page time it appeared at (kept by every add)
    last_seen timestamptz,           -- latest page time it appeared at
    appearances integer,             -- rows in appearances
    pages integer,                   -- distinct pages it appeared on
    text varchar                     -- the story as on the page: headline, dateline, body
);
create table if not exists appearances (
    page varchar,                    -- pages.page
    position integer,                -- story index on the page
    story varchar,                   -- stories.story
    role varchar,                    -- main | teaser
    section varchar,                 -- "Meer uit ..." section on that page
    time_label varchar,
    time_earliest timestamptz,
    time_latest timestamptz,
    seen timestamptz                 -- the page's time
);
create table if not exists mentions (
    story varchar,                   -- stories.story (mentions are stored once per story)
    mention integer,                 -- index in story.entities
    entity bigint,                   -- entities.entity
    text varchar,
    kind varchar,
    label varchar,
    source varchar,                  -- model | dateline | rules | ...
    start integer,                   -- offsets into stories.text
    "end" integer
);
create table if not exists entities (
    entity bigint primary key,       -- stable id, assigned in order of first sighting
    kind varchar,
    name varchar,                    -- display name (a person's full name once one is seen)
    link varchar,                    -- "geonames:ID", "country:CC", "kb:ID" or null
    link_name varchar,
    country_code varchar,
    latitude double,
    longitude double
);
create table if not exists section_entities (
    section varchar,                 -- the "Meer uit ..." section of a sighting; '' for none
    entity bigint,
    stories integer,                 -- stories seen in that section that mention the entity
    mentions integer                 -- their mentions of it (kept by every add)
);
create table if not exists entity_names (
    entity bigint,
    name varchar,                    -- a name as written in a mention
    key varchar                      -- its lookup key (wirenlp.parsing.normalize.name_key)
);
"""
"""The statements that create the tables (idempotent)."""
