"""The archive file and its writer: :class:`Archive`, ``add`` in short batch transactions.

Concurrency (DuckDB): one process at a time opens the file for writing, and while it does no
other process can open it, even read-only. Within that process any number of threads read
while an add runs: every query runs on its own cursor and sees the batches committed so far
(each batch is one transaction). With ``shared=True`` an archive opens the file only for each
query and, in an add, for each batch's checks and transaction — not while it enriches — so
other processes (``Archive(path, read_only=True, shared=True)``, ``wirenlp archive query``)
read between batches; each side waits up to ``wait`` seconds for the other's lock.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..records import Page, PageError
from .entities import ArchiveEntity, Resolver
from .keys import content_key
from .rows import (
    appearance_row,
    existing_keys,
    insert_rows,
    load_chains,
    load_resolver,
    page_key,
    page_row,
    page_time,
    section_counts,
    sightings,
    story_block,
    story_row,
)
from .schema import DDL, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas as pd
    from distributed import Client

    from ..export.frames import Frames
    from ..linking.kb import KnowledgeBase
    from ..nlp.enricher import Enricher

__all__ = ["WRITE_MEMORY_LIMIT", "AddResult", "Archive"]

WRITE_MEMORY_LIMIT = "128MB"
"""DuckDB's ``memory_limit`` of an archive opened for writing unless one is given: an add's
memory stays bounded (``bench/archive_bench.py``: RSS growth of an add to 1 M stories) while
its key checks scan the growing tables."""


@attrs.frozen
class AddResult:
    """What one :meth:`Archive.add` wrote (and skipped)."""

    pages: int = 0
    """New pages stored (error pages included)."""
    skipped: int = 0
    """Inputs whose page was already stored (same content key)."""
    errors: int = 0
    """New pages stored with an error (unreadable input, failed enrichment)."""
    stories: int = 0
    """New stories stored."""
    appearances: int = 0
    mentions: int = 0
    entities: int = 0
    """New archive entities."""
    batches: int = 0

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(
            *(getattr(self, f.name) + getattr(other, f.name) for f in attrs.fields(AddResult))
        )


class Archive:
    """An archive of enriched wire in one DuckDB file: stories stored once, every sighting,
    entities resolved across pages. A context manager::

        with wirenlp.Archive("wire.duckdb") as archive:
            archive.add(texts)                       # str, Page, pathlib.Path or reading.Item
            archive.add_files(["feeds/", "*.xml"])   # any wire format, via reading.iter_items
            archive.entity("Stoltenberg")            # an ArchiveEntity or None
            archive.sql("select count(*) from stories")
            archive.mentions_over_time("Stoltenberg", "week")

    ``enrich=False`` stores parsed pages without entities (no spaCy); ``enricher`` (or
    ``model``, ``kb``) sets the one :class:`~wirenlp.Enricher` every add uses; ``period`` is
    the window in which a bare surname may join the only full name with that surname.
    ``read_only=True`` opens an existing archive for queries only. ``memory_limit`` caps
    DuckDB's memory (its buffer pool and the queries' working memory): by default
    :data:`WRITE_MEMORY_LIMIT` (``"128MB"``) for an archive opened for writing, so that a long
    add stays bounded however large the archive grows, and DuckDB's own default (80% of the
    RAM, cached table data kept) for a read-only one; pass e.g. ``"2GB"`` for heavy queries in a
    writing archive. ``shared=True`` opens the file
    only for each query and each batch's writes, so other processes read it between batches;
    ``wait`` is how long to wait for another process's lock (see the module docs). Needs
    ``pip install "wirenlp[archive]"`` (duckdb, pandas).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        enrich: bool = True,
        enricher: Enricher | None = None,
        model: str = "auto",
        kb: KnowledgeBase | None = None,
        period: timedelta = timedelta(days=365),
        batch_size: int = 256,
        memory_limit: str | None = None,
        shared: bool = False,
        wait: float = 60.0,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.path = Path(path)
        self.read_only = read_only
        self.enrich = enrich
        self.batch_size = batch_size
        self.period = period
        self._enricher = enricher
        self._model = model
        self._kb = kb
        self._resolver: Resolver | None = None
        self._lock = _lock_of(self.path)  # one add at a time per file in this process
        if memory_limit is None and not read_only:
            memory_limit = WRITE_MEMORY_LIMIT
        self.memory_limit = memory_limit
        """DuckDB's ``memory_limit`` of this archive, or None for DuckDB's default."""
        self.shared = shared
        self.wait = wait
        self._closed = False
        self._con: duckdb.DuckDBPyConnection | None = None if shared else self._connect()
        if not read_only:
            with self.connection() as con:
                con.execute(DDL)
                con.execute(
                    "insert or ignore into archive_info values ('schema_version', ?)",
                    [SCHEMA_VERSION],
                )

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting up to ``wait`` seconds while another process holds it."""
        import duckdb

        deadline = time.monotonic() + self.wait
        pause = 0.01
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
        con.execute("set TimeZone = 'UTC'")  # periods and times in UTC
        if self.memory_limit is not None:  # else DuckDB's default: 80% of the RAM
            con.execute("set memory_limit = ?", [self.memory_limit])
        return con

    # connection ---------------------------------------------------------------------------
    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (also done by leaving the ``with`` block)."""
        self._closed = True
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextlib.contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB connection to the archive for one piece of work: a new cursor of the open
        file (one per thread; it sees every committed batch), or with ``shared=True`` the file
        opened for this piece of work and closed after it."""
        if self._closed:
            raise RuntimeError("the archive is closed")
        con = self._con.cursor() if self._con is not None else self._connect()
        try:
            yield con
        finally:
            con.close()

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run SQL on the archive's tables (see ``docs/archive.md``); returns a pandas frame."""
        with self.connection() as con:
            return con.execute(query, params).df()

    # adding --------------------------------------------------------------------------------
    @property
    def enricher(self) -> Enricher:
        """The one :class:`~wirenlp.Enricher` of this archive (loaded on first use)."""
        if self._enricher is None:
            from ..nlp.enricher import Enricher

            self._enricher = Enricher(model=self._model, kb=self._kb)
        return self._enricher

    def add(
        self,
        items: Iterable[Any],
        *,
        reference_time: datetime | None = None,
        progress: Callable[[AddResult], None] | None = None,
    ) -> AddResult:
        """Add texts (``str``), parsed or enriched :class:`~wirenlp.Page` objects, files
        (:class:`pathlib.Path`, read by :func:`wirenlp.reading.iter_items`) or
        :class:`wirenlp.reading.Item` objects; skips pages already stored (same content key).

        Writes one transaction per ``batch_size`` pages, so an add that is killed keeps the
        batches it committed and the same add run again writes exactly the rest. Unparsed
        pages and texts go through :meth:`Enricher.pipe` (``enrich=True``) or
        :func:`wirenlp.parse`. ``progress`` is called after each batch with the running
        totals. Returns the totals.
        """
        return self._add(_expand(items, reference_time), reference_time, progress)

    def add_files(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        format: str = "auto",
        *,
        reference_time: datetime | None = None,
        progress: Callable[[AddResult], None] | None = None,
        stdin: Any = None,
    ) -> AddResult:
        """Add files, directories, globs, zip archives, ``-`` (``stdin`` bytes) through
        :func:`wirenlp.reading.iter_items`: one page per news item; an input that cannot be
        read (a missing path, a corrupt zip, binary content …) is stored as an error page, as
        every entry point records it, and the batch goes on."""
        from ..reading import expand_sources, iter_items

        own = {self.path.resolve(), self.path.resolve().with_name(self.path.name + ".wal")}
        paths = [  # never the archive itself ("wirenlp archive add wire.duckdb .")
            p
            for p in expand_sources([os.fspath(i) for i in inputs])
            if p == "-" or "://" in p or Path(p).resolve() not in own
        ]
        items = iter_items(paths, format, reference_time=reference_time, stdin=stdin)
        return self._add(
            ((item.page, item.source, item.index, item.fields) for item in items),
            reference_time,
            progress,
        )

    def add_dask(
        self,
        inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        client: Client,
        *,
        progress: Callable[[AddResult], None] | None = None,
        **enricher_options: Any,
    ) -> AddResult:
        """Enrich wire files on a Dask cluster (``client``) and add their pages: the workers
        write partition files, this process ingests them (:func:`wirenlp.archive.scale.
        add_with_dask`; ``pip install "wirenlp[archive,dask]"``). ``enricher_options`` default
        to this archive's ``model`` and ``kb``."""
        from .scale import add_with_dask

        enricher_options.setdefault("model", self._model)
        if self._kb is not None:
            enricher_options.setdefault("kb", self._kb)
        return add_with_dask(self, inputs, client, progress=progress, **enricher_options)

    def _add(
        self,
        entries: Iterator[tuple[str | Page, str | None, int, Any]],
        reference_time: datetime | None,
        progress: Callable[[AddResult], None] | None,
    ) -> AddResult:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        total = AddResult()
        with self._lock:
            for batch in _chunks(entries, self.batch_size):
                total = total + self._add_batch(batch, reference_time)
                if progress is not None:
                    progress(total)
        return total

    def _add_batch(
        self,
        batch: list[tuple[str | Page, str | None, int, Any]],
        reference_time: datetime | None,
    ) -> AddResult:
        keyed = []
        for obj, source, index, fields in batch:
            key = page_key(obj, source, index)
            keyed.append((key, obj, source, index, fields))
        with self.connection() as cur:  # earlier batches and runs too
            stored = existing_keys(cur, "pages", "page", [k for k, *_ in keyed])
        seen: set[str] = set()
        todo = []
        skipped = 0
        for entry in keyed:
            if entry[0] in stored or entry[0] in seen:
                skipped += 1
                continue
            seen.add(entry[0])
            todo.append(entry)
        if not todo:
            return AddResult(skipped=skipped, batches=1)
        pages = self._pages([obj for _, obj, *_ in todo], reference_time)  # the file is free
        with self.connection() as cur:
            return self._write_batch(cur, todo, pages, skipped)

    def _write_batch(
        self,
        cur: duckdb.DuckDBPyConnection,
        todo: list[tuple[str, str | Page, str | None, int, Any]],
        pages: list[Page],
        skipped: int,
    ) -> AddResult:
        """Rows of the new pages, their stories and entities, in one transaction."""
        if self.shared:  # another process may have written since the checks: check again
            again_stored = existing_keys(cur, "pages", "page", [t[0] for t in todo])
            if again_stored:
                kept = [
                    (t, p) for t, p in zip(todo, pages, strict=True) if t[0] not in again_stored
                ]
                skipped += len(todo) - len(kept)
                todo, pages = [t for t, _ in kept], [p for _, p in kept]
            last = cur.execute("select coalesce(max(entity), 0) from entities").fetchone()
            if self._resolver is not None and last != (self._resolver.next_id - 1,):
                self._resolver = None  # entities written elsewhere: reload
        now = datetime.now(timezone.utc)
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        story_keys: dict[str, Any] = {}  # story key → (page, story) of its first sighting here
        for (key, _obj, source, index, fields), page in zip(todo, pages, strict=True):
            when = page_time(page, now)
            rows["pages"].append(page_row(key, page, source, index, fields, when, now))
            for pos, story in enumerate(page.stories):
                skey = content_key(page.text[story.start : story.end])
                story_keys.setdefault(skey, (page, pos))
                rows["appearances"].append(appearance_row(key, pos, skey, story, when))
        known = existing_keys(cur, "stories", "story", list(story_keys))
        seen_in_batch = sightings(rows["appearances"])
        if self._resolver is None:
            self._resolver = load_resolver(cur, self.period)
        resolver = self._resolver
        chains = load_chains(cur, [story_block(p, pos) for p, pos in story_keys.values()])
        wanted: dict[int, set[str]] = {}  # page → clusters mentioned in its new stories
        for skey, (page, pos) in story_keys.items():
            if skey not in known:
                wanted.setdefault(id(page), set()).update(
                    e.cluster for e in page.stories[pos].entities if e.cluster
                )
        entity_of: dict[int, dict[str, int]] = {}
        for page in pages:
            if page.entities and wanted.get(id(page)):
                entity_of[id(page)] = resolver.resolve(page, page_time(page, now), wanted[id(page)])
        for skey, (page, pos) in story_keys.items():
            if skey in known:
                continue
            story = page.stories[pos]
            row = story_row(skey, page, story)
            row["version_of"], row["version"] = chains.link(row["block"], skey, row["text"])
            row.update(seen_in_batch[skey])
            rows["stories"].append(row)
            ids = entity_of.get(id(page), {})
            for m, ent in enumerate(story.entities):
                rows["mentions"].append(
                    {
                        "story": skey,
                        "mention": m,
                        "entity": ids.get(ent.cluster) if ent.cluster else None,
                        "text": ent.text,
                        "kind": ent.kind,
                        "label": ent.label,
                        "source": ent.source,
                        "start": ent.start - story.start,
                        "end": ent.end - story.start,
                    }
                )
        new_entities, new_names, renamed = resolver.take()
        rows["entities"], rows["entity_names"] = new_entities, new_names
        by_section = section_counts(cur, rows, known)
        try:
            cur.execute("begin transaction")
            for table in TABLES:
                if table != "section_entities":
                    insert_rows(cur, table, rows[table])
            if by_section:
                import pyarrow as pa

                delta = pa.Table.from_pylist(by_section)  # noqa: F841 - read by name below
                cur.execute(
                    "update section_entities set stories = section_entities.stories + d.stories, "
                    "mentions = section_entities.mentions + d.mentions from delta d "
                    "where section_entities.section = d.section "
                    "and section_entities.entity = d.entity"
                )
                cur.execute(
                    "insert into section_entities by name select * from delta d where not exists "
                    "(select 1 from section_entities s where s.section = d.section "
                    "and s.entity = d.entity)"
                )
            again = [{"story": k, **v} for k, v in seen_in_batch.items() if k in known]
            if again:  # stories seen before: widen their times, add the sightings
                import pyarrow as pa

                seen_again = pa.Table.from_pylist(again)  # noqa: F841 - read by name below
                cur.execute(
                    "update stories set first_seen = least(stories.first_seen, g.first_seen), "
                    "last_seen = greatest(stories.last_seen, g.last_seen), "
                    "appearances = stories.appearances + g.appearances, "
                    "pages = stories.pages + g.pages "
                    "from seen_again g where stories.story = g.story"
                )
            for ent_id, name in renamed.items():
                cur.execute("update entities set name = ? where entity = ?", [name, ent_id])
            cur.execute("commit")
        except BaseException:
            with contextlib.suppress(Exception):
                cur.execute("rollback")
            self._resolver = None  # memory ahead of the file: reload on the next add
            raise
        return AddResult(
            pages=len(todo),
            skipped=skipped,
            errors=sum(p.error is not None for p in pages),
            stories=len(rows["stories"]),
            appearances=len(rows["appearances"]),
            mentions=len(rows["mentions"]),
            entities=len(new_entities),
            batches=1,
        )

    def _pages(self, objs: list[str | Page], reference_time: datetime | None) -> list[Page]:
        """Enrich (or parse) what needs it; pages that already carry entities pass as they are."""
        out: list[Page | None] = [None] * len(objs)
        work: list[tuple[str | Page, int]] = []
        for i, obj in enumerate(objs):
            if isinstance(obj, Page) and (obj.error is not None or obj.entities or not self.enrich):
                out[i] = obj
            else:
                work.append((obj, i))
        if work and self.enrich:
            for page, i in self.enricher.pipe(work, reference_time=reference_time):
                out[i] = page
        elif work:
            from ..parsing.page import parse

            for obj, i in work:
                try:
                    out[i] = parse(str(obj), reference_time=reference_time)
                except Exception as exc:  # a bad record is stored as an error page
                    out[i] = Page(text="", error=PageError(type(exc).__name__, str(exc)))
        return [p for p in out if p is not None]

    # reading -------------------------------------------------------------------------------
    def entity(self, name: str | int, kind: str | None = None) -> ArchiveEntity | None:
        """The archive entity with this id, display name or name seen (normalised), or None.

        Among several, the one whose display name matches, then the one with most mentions."""
        from .queries import entity_record

        return entity_record(self, name, kind)

    def frames(self, since: datetime | None = None, until: datetime | None = None) -> Frames:
        """The stories first seen in ``[since, until)`` as :class:`wirenlp.Frames`, one page
        per stored story, for :mod:`wirenlp.export` maps and charts
        (:func:`wirenlp.archive.frames.archive_frames`)."""
        from .frames import archive_frames

        return archive_frames(self, since, until)

    def export(self, directory: str | os.PathLike[str]) -> list[Path]:
        """Write every table as hive-partitioned parquet by month (``directory/stories/
        month=2026-03/…``); see :func:`wirenlp.archive.export.export`."""
        from .export import export

        return export(self, directory)

    # queries (wirenlp.archive.queries): thin methods over one SQL statement each ------------
    def mentions_over_time(self, entity: str | int, freq: str = "day") -> pd.DataFrame:
        """Mentions and stories of an entity per period (:func:`.queries.mentions_over_time`)."""
        from . import queries

        return queries.mentions_over_time(self, entity, freq)

    def co_mentions(
        self, entity: str | int, kind: str | None = None, limit: int = 20
    ) -> pd.DataFrame:
        """Entities in the same stories as ``entity`` (:func:`.queries.co_mentions`)."""
        from . import queries

        return queries.co_mentions(self, entity, kind, limit)

    def filing_places(self, freq: str = "month") -> pd.DataFrame:
        """Stories per filing place and period (:func:`.queries.filing_places`)."""
        from . import queries

        return queries.filing_places(self, freq)

    def event_places(self, freq: str = "month") -> pd.DataFrame:
        """Stories per event place and period (:func:`.queries.event_places`)."""
        from . import queries

        return queries.event_places(self, freq)

    def agencies(self, freq: str = "month") -> pd.DataFrame:
        """Stories per dateline agency and period (:func:`.queries.agencies`)."""
        from . import queries

        return queries.agencies(self, freq)

    def top_entities(self, kind: str | None = None, limit: int = 10) -> pd.DataFrame:
        """The entities in most stories per section (:func:`.queries.top_entities`)."""
        from . import queries

        return queries.top_entities(self, kind, limit)


_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def _lock_of(path: Path) -> threading.Lock:
    """The lock that serialises adds to one archive file within this process (several
    :class:`Archive` objects on one file share DuckDB's database, and keys are checked before
    they are inserted)."""
    with _LOCKS_LOCK:
        return _LOCKS.setdefault(path.resolve(), threading.Lock())


def _expand(
    items: Iterable[Any], reference_time: datetime | None
) -> Iterator[tuple[str | Page, str | None, int, Any]]:
    from ..reading import Item

    for n, obj in enumerate(items):
        if isinstance(obj, Item):
            yield obj.page, obj.source, obj.index, getattr(obj, "fields", None)
        elif isinstance(obj, os.PathLike):
            from ..reading import iter_items

            for item in iter_items([os.fspath(obj)], reference_time=reference_time):
                yield item.page, item.source, item.index, item.fields
        elif isinstance(obj, (str, Page)):
            yield obj, None, n, None
        else:
            message = f"item {n} is a {type(obj).__name__}: give str, Page, Path or Item"
            yield Page(text="", error=PageError("TypeError", message)), None, n, None


def _chunks(entries: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
