"""pandas DataFrames of wirenlp pages: one row per page, story, entity, place mention, cluster.

Needs the ``pandas`` extra (``pip install "wirenlp[pandas]"``: pandas and pyarrow). The column
names and dtypes are fixed and documented (``docs/outputs.md``); they live here as data
(:data:`PAGE_COLUMNS`, :data:`STORY_COLUMNS`, :data:`ENTITY_COLUMNS`, :data:`PLACE_COLUMNS`,
:data:`CLUSTER_COLUMNS`, dtype names that pandas understands) so that other code can build empty
frames with the same schema (:func:`empty_frame`, e.g. Dask ``meta``). The per-page row builders
(:func:`page_row`, :func:`story_rows`, :func:`entity_rows`, :func:`place_rows`,
:func:`cluster_rows`) work on one page at a time and return plain dicts; :func:`frame` turns
rows into a typed DataFrame. Columns and dtypes come from these declarations only, never from
the rows, so every batch and every Dask partition of a table has one schema; :func:`read_table`
and :func:`read_frames` read written tables (Parquet, CSV, JSON Lines) back with it.

Conventions: ``page`` is the page's position in the input (0-based), ``story`` the story's
index in ``page.stories``; offsets index into ``page.text``. Several values in one cell (the
places or agencies of a dateline, the stories of a cluster) are joined with :data:`SEPARATOR`.
Every datetime column is timezone-aware, in UTC (wirenlp's own datetimes are always aware; a
naive one in a hand-built record is read as UTC).
"""

from __future__ import annotations

import json
import os
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import attrs
import pandas as pd

from ..records import ENTITY_KINDS, Entity, ItemMeta, KBLink, Page, PlaceLink

__all__ = [
    "CATEGORIES",
    "CLUSTER_COLUMNS",
    "ENTITY_COLUMNS",
    "FORMATS",
    "FRAME_COLUMNS",
    "META_COLUMNS",
    "PAGE_COLUMNS",
    "PLACE_COLUMNS",
    "SEPARATOR",
    "STORY_COLUMNS",
    "Frames",
    "add_rows",
    "cluster_rows",
    "conform",
    "empty_frame",
    "entity_rows",
    "frame",
    "iter_pages",
    "iter_pairs",
    "page_row",
    "place_rows",
    "read_frames",
    "read_table",
    "story_rows",
    "to_frames",
    "write_table",
]

SEPARATOR = "; "
"""Joins several values in one cell (dateline places and agencies, a cluster's stories)."""

_TIME = "datetime64[ns, UTC]"


def _meta_dtype(annotation: Any) -> str:
    """The column dtype of an :class:`~wirenlp.ItemMeta` field, from its type annotation:
    datetimes as UTC times, integers as nullable ``Int64``, everything else as text (strings as
    they are, tuples of strings joined with :data:`SEPARATOR`, records as JSON)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    if all(a is datetime for a in args):
        return _TIME
    if all(a is int for a in args):
        return "Int64"
    return "string"


META_COLUMNS: dict[str, str] = {
    f"meta_{field.name}": _meta_dtype(typing.get_type_hints(ItemMeta)[field.name])
    for field in attrs.fields(ItemMeta)
}
"""The ``meta_<field>`` columns of ``Frames.pages``, one per :class:`~wirenlp.ItemMeta` field
(name → pandas dtype, derived from the field's type): always present, missing where a page has
no ``meta`` (plain text) or the format does not fill the field."""

PAGE_COLUMNS: dict[str, str] = {
    "page": "int64",
    "source": "string",
    "source_index": "Int64",
    "fields": "string",
    "n_stories": "int64",
    "n_entities": "int64",
    "n_clusters": "int64",
    "n_chars": "int64",
    "sections": "string",
    "reference_time": _TIME,
    "error_type": "category",
    "error": "string",
    "text": "string",
    **META_COLUMNS,
}
"""Columns of ``Frames.pages`` (name → pandas dtype), the :data:`META_COLUMNS` last.
``source``, ``source_index`` and ``fields`` come from the item a page was read from (the
context of ``(page, item)`` pairs) and are missing for bare pages."""

STORY_COLUMNS: dict[str, str] = {
    "page": "int64",
    "story": "int64",
    "role": "category",
    "section": "category",
    "start": "int64",
    "end": "int64",
    "headline": "string",
    "dateline": "string",
    "places": "string",
    "agencies": "string",
    "filing_place": "string",
    "filing_geonameid": "Int64",
    "filing_country": "string",
    "filing_latitude": "float64",
    "filing_longitude": "float64",
    "time_label": "string",
    "time_earliest": _TIME,
    "time_latest": _TIME,
    "event_place": "string",
    "event_geonameid": "Int64",
    "event_country": "string",
    "event_latitude": "float64",
    "event_longitude": "float64",
    "event_elsewhere": "bool",
    "truncated": "bool",
    "n_entities": "int64",
}
"""Columns of ``Frames.stories`` (name → pandas dtype)."""

_LINK_COLUMNS: dict[str, str] = {
    "link_type": "category",
    "link_id": "string",
    "link_name": "string",
    "geonameid": "Int64",
    "country_code": "string",
    "latitude": "float64",
    "longitude": "float64",
    "score": "float64",
    "link_method": "category",
}

ENTITY_COLUMNS: dict[str, str] = {
    "page": "int64",
    "story": "int64",
    "entity": "int64",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "kind": "category",
    "label": "category",
    "source": "category",
    "cluster": "string",
    **_LINK_COLUMNS,
}
"""Columns of ``Frames.entities`` (name → pandas dtype): one row per ``story.entities`` item."""

PLACE_COLUMNS: dict[str, str] = {
    "page": "int64",
    "story": "int64",
    "origin": "category",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "kind": "category",
    "cluster": "string",
    "geonameid": "Int64",
    "name": "string",
    "country_code": "string",
    "admin1": "string",
    "feature": "category",
    "population": "Int64",
    "latitude": "float64",
    "longitude": "float64",
    "score": "float64",
    "method": "category",
}
"""Columns of ``Frames.places`` (name → pandas dtype): every place mention linked to the
gazetteer, dateline places (``origin == "dateline"``) and body places (``"body"``)."""

CLUSTER_COLUMNS: dict[str, str] = {
    "page": "int64",
    "cluster": "string",
    "name": "string",
    "kind": "category",
    "mentions": "int64",
    "n_stories": "int64",
    "stories": "string",
    **_LINK_COLUMNS,
}
"""Columns of ``Frames.clusters`` (name → pandas dtype): the ``page.entities`` roll-up."""

FRAME_COLUMNS: dict[str, dict[str, str]] = {
    "pages": PAGE_COLUMNS,
    "stories": STORY_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "places": PLACE_COLUMNS,
    "clusters": CLUSTER_COLUMNS,
}
"""Frame name → its column spec, in the order :class:`Frames` holds them."""

CATEGORIES: dict[str, tuple[str, ...]] = {
    "kind": ENTITY_KINDS,
    "origin": ("dateline", "body"),
    "link_type": ("place", "kb"),
}
"""Categorical columns with a fixed set of categories (the others take what they find)."""


def _dtype(column: str, name: str) -> Any:
    if name == "category" and column in CATEGORIES:
        return pd.CategoricalDtype(pd.Index(list(CATEGORIES[column]), dtype="str"))
    return name


def _series(values: list[Any], column: str, dtype_name: str) -> pd.Series:
    if dtype_name == _TIME:
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), utc=True)).astype(_TIME)
    if dtype_name != "category":
        return pd.Series(values, dtype=dtype_name)
    series = pd.Series(values, dtype=object)
    found = set(series.dropna())
    fixed = CATEGORIES.get(column)
    if fixed is not None and found - set(fixed):
        raise ValueError(f"column {column!r}: values {sorted(found - set(fixed))} not in {fixed}")
    categories = pd.Index(list(fixed) if fixed is not None else sorted(found), dtype="str")
    return series.astype(pd.CategoricalDtype(categories))


def empty_frame(columns: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame with no rows and the given columns and dtypes (e.g. Dask ``meta``)."""
    return frame([], columns)


def frame(rows: list[dict[str, Any]], columns: Mapping[str, str]) -> pd.DataFrame:
    """A typed DataFrame of row dicts: exactly the columns of ``columns``, in order, with their
    dtypes (a key a row lacks is a missing value). Nothing is inferred from the rows: a key
    that ``columns`` does not declare raises ``ValueError``."""
    for row in rows:
        unknown = row.keys() - columns.keys()
        if unknown:
            raise ValueError(f"columns {sorted(unknown)} are not in the frame's declaration")
    data = {name: _series([r.get(name) for r in rows], name, columns[name]) for name in columns}
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _link_values(link: PlaceLink | KBLink | None) -> dict[str, Any]:
    if isinstance(link, PlaceLink):
        return {
            "link_type": "place",
            "link_id": None if link.geonameid is None else str(link.geonameid),
            "link_name": link.name,
            "geonameid": link.geonameid,
            "country_code": link.country_code,
            "latitude": link.latitude,
            "longitude": link.longitude,
            "score": link.score,
            "link_method": link.method,
        }
    if isinstance(link, KBLink):
        return {
            "link_type": "kb",
            "link_id": link.id,
            "link_name": link.name,
            "score": link.score,
            "link_method": link.method,
        }
    return {}


def _place_values(prefix: str, link: PlaceLink | None) -> dict[str, Any]:
    if link is None:
        return {}
    return {
        f"{prefix}_place": link.name,
        f"{prefix}_geonameid": link.geonameid,
        f"{prefix}_country": link.country_code,
        f"{prefix}_latitude": link.latitude,
        f"{prefix}_longitude": link.longitude,
    }


def _json_default(value: Any) -> Any:
    if attrs.has(type(value)):
        return attrs.asdict(value, recurse=False)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _meta_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, datetime)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)) and not value:
        return None  # nothing there: a missing value, whatever the items would have been
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return SEPARATOR.join(value)
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _meta_columns(page: Page) -> dict[str, Any]:
    meta = getattr(page, "meta", None)
    if meta is None:
        return {}
    row: dict[str, Any] = {}
    for column in META_COLUMNS:
        value = _meta_value(getattr(meta, column[len("meta_") :], None))
        row[column] = _aware(value) if isinstance(value, datetime) else value
    return row


def _source_columns(context: Any) -> dict[str, Any]:
    """``source``, ``source_index`` and ``fields`` of the item a page came from: a
    :class:`wirenlp.reading.Item` (or anything with ``source`` and ``index`` attributes) or a
    mapping with ``source`` (or ``path``) and ``index``; else nothing."""
    if isinstance(context, Mapping):
        source, index = context.get("source", context.get("path")), context.get("index")
        fields = None
    else:
        source, index = getattr(context, "source", None), getattr(context, "index", None)
        fields = getattr(context, "fields", None)
    row: dict[str, Any] = {}
    if isinstance(source, str):
        row["source"] = source
    if isinstance(index, int) and not isinstance(index, bool):
        row["source_index"] = index
    if fields:
        row["fields"] = json.dumps(dict(fields), ensure_ascii=False, default=_json_default)
    return row


def page_row(page: Page, page_index: int, context: Any = None) -> dict[str, Any]:
    """The ``Frames.pages`` row of one page; ``context`` is the item it was read from (see
    :data:`PAGE_COLUMNS`), if any."""
    row: dict[str, Any] = {
        "page": page_index,
        **_source_columns(context),
        "n_stories": len(page.stories),
        "n_entities": sum(len(s.entities) for s in page.stories),
        "n_clusters": len(page.entities),
        "n_chars": len(page.text),
        "sections": SEPARATOR.join(s.text for s in page.sections) or None,
        "reference_time": _aware(page.reference_time),
        "error_type": page.error.type if page.error else None,
        "error": page.error.message if page.error else None,
        "text": page.text,
    }
    row.update(_meta_columns(page))
    return row


def story_rows(page: Page, page_index: int) -> list[dict[str, Any]]:
    """The ``Frames.stories`` rows of one page, one per story."""
    rows = []
    for i, story in enumerate(page.stories):
        dl = story.dateline
        row: dict[str, Any] = {
            "page": page_index,
            "story": i,
            "role": story.role,
            "section": story.section,
            "start": story.start,
            "end": story.end,
            "headline": story.headline.text if story.headline else None,
            "dateline": dl.text if dl else None,
            "places": SEPARATOR.join(p.text for p in dl.places) or None if dl else None,
            "agencies": SEPARATOR.join(a.code for a in dl.agencies) or None if dl else None,
            "time_label": story.time.text if story.time else None,
            "time_earliest": _aware(story.time.earliest) if story.time else None,
            "time_latest": _aware(story.time.latest) if story.time else None,
            "event_elsewhere": story.event_elsewhere,
            "truncated": story.truncated,
            "n_entities": len(story.entities),
        }
        filing = next((link for link in dl.links if link is not None), None) if dl else None
        row.update(_place_values("filing", filing))
        row.update(_place_values("event", story.event_place))
        rows.append(row)
    return rows


def _entity_row(page_index: int, story: int, index: int, ent: Entity) -> dict[str, Any]:
    row: dict[str, Any] = {
        "page": page_index,
        "story": story,
        "entity": index,
        "text": ent.text,
        "start": ent.start,
        "end": ent.end,
        "kind": ent.kind,
        "label": ent.label,
        "source": ent.source,
        "cluster": ent.cluster,
    }
    row.update(_link_values(ent.link))
    return row


def entity_rows(page: Page, page_index: int) -> list[dict[str, Any]]:
    """The ``Frames.entities`` rows of one page, one per entity of each story."""
    return [
        _entity_row(page_index, i, j, ent)
        for i, story in enumerate(page.stories)
        for j, ent in enumerate(story.entities)
    ]


def _place_row(
    page_index: int,
    story: int,
    origin: str,
    span: Any,
    kind: str,
    cluster: str | None,
    link: PlaceLink,
) -> dict[str, Any]:
    return {
        "page": page_index,
        "story": story,
        "origin": origin,
        "text": span.text,
        "start": span.start,
        "end": span.end,
        "kind": kind,
        "cluster": cluster,
        "geonameid": link.geonameid,
        "name": link.name,
        "country_code": link.country_code,
        "admin1": link.admin1,
        "feature": link.feature,
        "population": link.population,
        "latitude": link.latitude,
        "longitude": link.longitude,
        "score": link.score,
        "method": link.method,
    }


def place_rows(page: Page, page_index: int) -> list[dict[str, Any]]:
    """The ``Frames.places`` rows of one page: every gazetteer-linked place mention.

    Dateline places come from ``story.dateline`` (with their links), body places from the
    story's entities that are not dateline entities and link to a :class:`~wirenlp.PlaceLink`
    (places and nationality adjectives; country links have no coordinates).
    """
    rows = []
    for i, story in enumerate(page.stories):
        by_span = {(e.start, e.end): e for e in story.entities}
        dl = story.dateline
        if dl is not None:
            for span, link in zip(dl.places, dl.links, strict=False):
                if link is None:
                    continue
                ent = by_span.get((span.start, span.end))
                cluster = ent.cluster if ent is not None else None
                rows.append(_place_row(page_index, i, "dateline", span, "place", cluster, link))
        for ent in story.entities:
            if ent.source == "dateline" or not isinstance(ent.link, PlaceLink):
                continue
            rows.append(_place_row(page_index, i, "body", ent, ent.kind, ent.cluster, ent.link))
    return rows


def cluster_rows(page: Page, page_index: int) -> list[dict[str, Any]]:
    """The ``Frames.clusters`` rows of one page, one per ``page.entities`` item."""
    rows = []
    for item in page.entities:
        row: dict[str, Any] = {
            "page": page_index,
            "cluster": item.cluster,
            "name": item.name,
            "kind": item.kind,
            "mentions": item.mentions,
            "n_stories": len(item.stories),
            "stories": SEPARATOR.join(str(s) for s in item.stories),
        }
        row.update(_link_values(item.link))
        rows.append(row)
    return rows


def iter_pairs(items: Iterable[Any]) -> Iterator[tuple[Page, Any]]:
    """``(page, context)`` from an iterable of :class:`~wirenlp.Page` (context ``None``) or
    ``(page, context)`` tuples (as ``Enricher.pipe`` yields for tuple input); anything else
    raises ``TypeError``."""
    for n, item in enumerate(items):
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Page):
            yield item[0], item[1]
        elif isinstance(item, Page):
            yield item, None
        else:
            raise TypeError(f"to_frames: item {n} is a {type(item).__name__}, not a wirenlp Page")


def iter_pages(items: Iterable[Any]) -> Iterator[Page]:
    """Pages from an iterable of :class:`~wirenlp.Page` or ``(page, context)`` tuples (as
    ``Enricher.pipe`` yields for tuple input); anything else raises ``TypeError``."""
    for page, _context in iter_pairs(items):
        yield page


def add_rows(
    rows: dict[str, list[dict[str, Any]]], page: Page, index: int, context: Any = None
) -> None:
    """Append one page's rows to ``rows`` (table name → rows) — what :func:`to_frames` and each
    Dask partition do per page."""
    rows["pages"].append(page_row(page, index, context))
    rows["stories"].extend(story_rows(page, index))
    rows["entities"].extend(entity_rows(page, index))
    rows["places"].extend(place_rows(page, index))
    rows["clusters"].extend(cluster_rows(page, index))


FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
"""File formats :meth:`Frames.write` knows."""


@attrs.frozen
class Frames:
    """The tables of a batch of pages (see the module docs and ``docs/outputs.md``)."""

    pages: pd.DataFrame
    """One row per page (:data:`PAGE_COLUMNS`, the ``meta_*`` columns included)."""
    stories: pd.DataFrame
    """One row per story (:data:`STORY_COLUMNS`)."""
    entities: pd.DataFrame
    """One row per story entity (:data:`ENTITY_COLUMNS`)."""
    places: pd.DataFrame
    """One row per gazetteer-linked place mention, dateline and body (:data:`PLACE_COLUMNS`)."""
    clusters: pd.DataFrame
    """One row per entity cluster of a page (:data:`CLUSTER_COLUMNS`)."""

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, frame)`` pairs in a fixed order: pages, stories, entities, places, clusters."""
        return [(name, getattr(self, name)) for name in FRAME_COLUMNS]

    def write(self, directory: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write each frame to ``directory/<name>.<fmt>`` (``parquet``, ``csv`` or ``jsonl``);
        creates the directory; returns the paths written."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown frame format {fmt!r}: use one of {', '.join(FORMATS)}")
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, df in self.items():
            path = out / f"{name}.{fmt}"
            write_table(df, path, fmt)
            paths.append(path)
        return paths

    def to_parquet(self, directory: str | Path) -> list[Path]:
        """Write ``pages.parquet``, ``stories.parquet``, … into ``directory`` (dtypes kept)."""
        return self.write(directory, "parquet")

    def to_csv(self, directory: str | Path) -> list[Path]:
        """Write ``pages.csv``, ``stories.csv``, … into ``directory``."""
        return self.write(directory, "csv")

    def to_jsonl(self, directory: str | Path) -> list[Path]:
        """Write ``pages.jsonl``, ``stories.jsonl``, … (one JSON object per row, ISO times)."""
        return self.write(directory, "jsonl")


def _arrow_table(df: pd.DataFrame) -> Any:
    """``df`` as a pyarrow Table whose schema follows only from its (declared) dtypes:
    dictionary (category) columns get 32-bit indices whatever the number of categories, so that
    every partition of a table has one schema."""
    import pyarrow as pa

    table = pa.Table.from_pandas(df, preserve_index=False)
    fields = [
        pa.field(f.name, pa.dictionary(pa.int32(), f.type.value_type), f.nullable)
        if pa.types.is_dictionary(f.type)
        else f
        for f in table.schema
    ]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def write_table(df: pd.DataFrame, path: str | Path, fmt: str) -> None:
    """Write one table to ``path`` as ``parquet``, ``csv`` or ``jsonl`` (one object per row,
    ISO times); ``path`` may be local or an fsspec URL. Parquet files of tables with the same
    declared columns have the same schema, whatever their rows."""
    if fmt == "parquet":
        import fsspec
        import pyarrow.parquet as pq

        with fsspec.open(str(path), "wb") as fh:
            pq.write_table(_arrow_table(df), fh)
    elif fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
    else:
        raise ValueError(f"unknown table format {fmt!r}: parquet, csv or jsonl")


def conform(df: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """``df`` with exactly the declared ``columns`` and dtypes (what a CSV or JSON Lines reader
    gives back is typed again; missing columns become missing values)."""
    data = {}
    for name, dtype in columns.items():
        values = df[name] if name in df.columns else pd.Series([None] * len(df), dtype=object)
        cells = [None if _missing(v) else v for v in values.tolist()]
        if dtype == "bool":
            cells = [v if isinstance(v, bool) else str(v).lower() == "true" for v in cells]
        elif dtype in ("string", "category"):
            cells = [v if v is None or isinstance(v, str) else str(v) for v in cells]
        elif dtype in ("int64", "Int64", "float64"):
            data[name] = pd.to_numeric(pd.Series(cells, dtype=object)).astype(dtype)
            continue
        data[name] = _series(cells, name, dtype)
    return pd.DataFrame(data, index=pd.RangeIndex(len(df)))


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def read_table(
    path: str | Path,
    name: str,
    fmt: str | None = None,
    *,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read a table written by :meth:`Frames.write` (``path`` a file) or by ``wirenlp enrich
    --dask --output`` (``path`` a directory of ``part-*`` files, read in order) back into a
    DataFrame with the declared columns and dtypes of table ``name`` (``"pages"``, …).
    ``path`` may be local or an fsspec URL; ``fmt`` defaults to the file suffix; ``columns``
    reads only those declared columns. CSV keeps no difference between an empty string and a
    missing value: both come back missing."""
    if name not in FRAME_COLUMNS:
        raise ValueError(f"unknown table {name!r}: one of {', '.join(FRAME_COLUMNS)}")
    declared = FRAME_COLUMNS[name]
    if columns is not None:
        unknown = [c for c in columns if c not in declared]
        if unknown:
            raise ValueError(f"table {name!r} has no columns {unknown}")
        declared = {c: declared[c] for c in columns}
    files = _table_files(path)
    fmt = fmt or (files[0].rsplit(".", 1)[-1] if files and "." in files[0] else "parquet")
    if fmt not in FORMATS:
        raise ValueError(f"unknown frame format {fmt!r}: use one of {', '.join(FORMATS)}")
    wanted = list(declared) if columns is not None else None
    parts = []
    for file in files:  # pandas reads local paths and fsspec URLs alike
        if fmt == "parquet":
            parts.append(pd.read_parquet(file, columns=wanted))
        elif fmt == "csv":
            parts.append(
                pd.read_csv(
                    file,
                    dtype=object,
                    keep_default_na=False,
                    na_values=[""],
                    usecols=None if wanted is None else (lambda c: c in declared),
                )
            )
        else:
            parts.append(pd.read_json(file, lines=True, dtype=False))
    if not parts:
        return empty_frame(declared)
    return conform(pd.concat([conform(p, declared) for p in parts], ignore_index=True), declared)


def _table_files(path: str | Path) -> list[str]:
    """The files of a table: ``path`` itself, or the files of the directory ``path`` in name
    order; local, or an fsspec URL (listed through fsspec)."""
    text = os.fspath(path)
    if "://" in text:
        import fsspec

        fs, root = fsspec.core.url_to_fs(text)
        if not fs.isdir(root):
            return [text]
        names = sorted(f for f in fs.ls(root, detail=False) if fs.isfile(f))
        return [fs.unstrip_protocol(f) for f in names]
    local = Path(text)
    if local.is_dir():
        return [str(f) for f in sorted(local.iterdir()) if f.is_file()]
    return [text]


def read_frames(directory: str | Path, fmt: str = "parquet") -> Frames:
    """The :class:`Frames` in ``directory``, as :meth:`Frames.write` or ``wirenlp enrich
    [--dask] --output`` wrote them (``<table>.<fmt>`` files or ``<table>/`` directories of
    parts), with the declared columns and dtypes."""
    root = Path(directory)
    tables = {}
    for name in FRAME_COLUMNS:
        single = root / f"{name}.{fmt}"
        tables[name] = read_table(single if single.exists() else root / name, name, fmt)
    return Frames(**tables)


def to_frames(pages: Iterable[Any]) -> Frames:
    """Tables of a batch of pages: pandas DataFrames with fixed columns and dtypes.

    ``pages`` is any iterable of :class:`~wirenlp.Page` or ``(page, context)`` tuples (as
    ``Enricher.pipe`` yields them; a context that is a :class:`wirenlp.reading.Item` fills the
    ``source``, ``source_index`` and ``fields`` columns of the pages table); it is read once.
    Needs ``pip install "wirenlp[pandas]"``.
    """
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in FRAME_COLUMNS}
    for n, (page, context) in enumerate(iter_pairs(pages)):
        add_rows(rows, page, n, context)
    return Frames(**{name: frame(rows[name], FRAME_COLUMNS[name]) for name in FRAME_COLUMNS})
