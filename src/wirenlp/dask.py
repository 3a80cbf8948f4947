"""Scale-out on Dask: enrich archives larger than one machine, with the same pages as one process.

``pip install "wirenlp[dask]"``, then run the same code on a laptop
(:class:`distributed.LocalCluster`) or on a real cluster (dask-jobqueue, Kubernetes, a cloud
deployment); see ``docs/scaling.md``.

- :func:`enrich_bag` maps a :class:`dask.bag.Bag` of texts (or ``(text, context)`` pairs, or
  parsed :class:`~wirenlp.Page` objects) to a bag of enriched pages, in input order. Each
  worker process loads the spaCy pipeline once (an :class:`~wirenlp.Enricher` cached per
  process and per options) and runs every partition through :meth:`~wirenlp.Enricher.pipe`;
  a bad record becomes a page whose ``error`` says why, so records out == records in.
- :func:`read_bag` reads wire files into such a bag, one element per item, with its source
  path and item index.
- :func:`enrich_frame` takes a :class:`dask.dataframe.DataFrame` with a text column and gives
  :class:`DaskFrames`: the tables of :func:`wirenlp.to_frames` (pages, stories, entities,
  places, clusters) as dask DataFrames, ready for ``to_parquet``.
- :func:`connect` and :func:`enrich_files` are what ``wirenlp enrich --dask`` runs.

This module is imported only when a user imports ``wirenlp.dask``; ``import wirenlp`` does not
import Dask. Importing it changes two Dask *defaults* for workers started afterwards from this
process (a ``LocalCluster``); your own configuration still wins:

- Dask's statistical profiler (``distributed.worker.profile.enabled``) is off, because walking
  spaCy's deep stacks every 10 ms costs about a sixth of a worker's CPU time
  (``bench/dask_bench.py``);
- the worker's environment (``distributed.nanny.pre-spawn-environ``) gains
  ``MALLOC_MMAP_THRESHOLD_`` = 8 MiB. Dask sets ``MALLOC_TRIM_THRESHOLD_`` there, which also
  switches off glibc's adaptive mmap threshold: every array of 128 KiB or more that spaCy
  allocates is then a fresh ``mmap`` whose pages fault in again, about a tenth of a worker's
  CPU time in system calls (``bench/dask_bench.py``). Freed memory is still trimmed as Dask
  wants; 8 MiB kept most of the gain for about 9 MB more resident memory per worker, where
  glibc's adaptive ceiling (32 MiB) cost 20–70 MB.

Workers started elsewhere (dask-jobqueue, Kubernetes) take their own configuration; see
``docs/scaling.md``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import dask
import dask.bag as db
import dask.dataframe as dd
import distributed  # noqa: F401  (its defaults first: the ones below must update them)
import fsspec
import pandas as pd
from dask.sizeof import sizeof

from .records import FieldMap, Page

#: the workers' glibc mmap threshold (``MALLOC_MMAP_THRESHOLD_``; see the module docstring)
MMAP_THRESHOLD = 8 * 1024 * 1024

dask.config.update_defaults(
    {
        "distributed": {
            "worker": {"profile": {"enabled": False}},
            "nanny": {"pre-spawn-environ": {"MALLOC_MMAP_THRESHOLD_": MMAP_THRESHOLD}},
        }
    }
)


@sizeof.register(Page)
def page_nbytes(page: Page) -> int:
    """The memory a page holds, for Dask's ``sizeof``: every record, tuple and string in it
    (``sys.getsizeof``; an object shared within the page counted once).

    Without it Dask sees only the page object itself (about 100 bytes, 1/30 of its pickle), so
    a worker's managed memory, spilling and the scheduler's transfer costs would treat a
    partition of pages as nearly free. Dask samples up to 10 pages of a partition."""
    seen: set[int] = set()
    total = 0
    stack: list[Any] = [page]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        cls = type(obj)
        if cls is tuple:
            stack.extend(obj)
        elif cls is FieldMap:
            stack.append(obj._items)
        elif attrs.has(cls):
            stack.extend(getattr(obj, a.name) for a in cls.__attrs_attrs__)
    return total


if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

    from .nlp.enricher import Enricher

__all__ = [
    "DaskFrames",
    "EnricherSpec",
    "connect",
    "enrich_bag",
    "enrich_files",
    "enrich_frame",
    "page_nbytes",
    "read_bag",
    "worker_enricher",
]

# --- one Enricher per worker process and per options ------------------------------------------


@attrs.frozen
class EnricherSpec:
    """The options of an :class:`~wirenlp.Enricher`, as sent to the workers.

    ``key`` (a Dask token of the options, made once on the client) names the cached Enricher in
    each worker process, so every partition of one :func:`enrich_bag` call shares one pipeline.
    """

    key: str
    options: dict[str, Any] = attrs.field(eq=False)

    @classmethod
    def make(cls, options: dict[str, Any]) -> EnricherSpec:
        """Check ``options`` against :class:`~wirenlp.Enricher` and make their spec.

        A loaded pipeline (``nlp=`` or a :class:`spacy.language.Language` as ``model``) is
        refused: every worker loads its own from a package name or path. ``n_process`` other
        than 1 is refused too: Dask workers are the processes."""
        import inspect

        from .nlp.enricher import Enricher

        options = dict(options)
        if "keep" in options:
            options["keep"] = tuple(options["keep"])
        try:
            inspect.signature(Enricher).bind(**options)
        except TypeError as exc:
            raise TypeError(f"not an Enricher option: {exc}") from None
        if options.get("nlp") is not None or not isinstance(
            options.get("model", "auto"), str | os.PathLike
        ):
            raise TypeError(
                "wirenlp.dask needs the pipeline as a package name or path (model=...), "
                "not a loaded pipeline: each worker process loads its own"
            )
        options.pop("nlp", None)
        if "model" in options:
            options["model"] = os.fspath(options["model"])
        if options.get("n_process", 1) != 1:
            raise ValueError(
                "n_process must be 1 with Dask: the Dask workers are the processes "
                "(start more workers, threads_per_worker=1)"
            )
        options.pop("n_process", None)
        return cls(dask.base.tokenize(sorted(options.items(), key=lambda kv: kv[0])), options)


#: Enrichers of this process, most recently used last; at most ``_CACHE_SIZE`` pipelines.
_ENRICHERS: OrderedDict[str, tuple[Enricher, threading.Lock]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 2


def worker_enricher(spec: EnricherSpec) -> tuple[Enricher, threading.Lock]:
    """This process's :class:`~wirenlp.Enricher` for ``spec`` (loaded on first use) and the lock
    that serialises its use (a worker with several threads runs one pipeline at a time)."""
    with _CACHE_LOCK:
        cached = _ENRICHERS.get(spec.key)
        if cached is None:
            from .nlp.enricher import Enricher

            cached = (Enricher(**spec.options), threading.Lock())
            _ENRICHERS[spec.key] = cached
            while len(_ENRICHERS) > _CACHE_SIZE:
                _ENRICHERS.popitem(last=False)
        else:
            _ENRICHERS.move_to_end(spec.key)
        return cached


def _preload(spec: EnricherSpec) -> None:
    """Load this worker's pipeline for ``spec`` and warm what its first page would load (the
    gazetteer, the common-word list), so that no task pays for it."""
    enricher, lock = worker_enricher(spec)
    with lock:
        enricher.enrich("BRUSSEL (ANP) - Jens Stoltenberg sprak in Den Haag met de NAVO.")


def _active_client() -> Client | None:
    try:
        from distributed import get_client

        client = get_client()
    except (ImportError, ValueError):  # no distributed, or no client in this process
        return None
    return None if client.asynchronous else client


def _enrich_partition(items: Iterable[Any], spec: EnricherSpec) -> list[Any]:
    """Enrich one partition with the worker's cached Enricher, one output per input, in order.

    A 2-tuple ``(text, context)`` gives ``(page, context)``; anything else gives a page (a
    non-str record an error page)."""
    wrapped: list[tuple[Any, tuple[bool, Any]]] = []
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            wrapped.append((item[0], (True, item[1])))
        else:
            wrapped.append((item, (False, None)))
    if not wrapped:
        return []
    enricher, lock = worker_enricher(spec)
    with lock:
        results = list(enricher.pipe(wrapped))
    return [(page, context) if pair else page for page, (pair, context) in results]


def enrich_bag(bag: db.Bag, **enricher_options: Any) -> db.Bag:
    """Enrich every element of ``bag`` on the Dask workers → a bag of :class:`~wirenlp.Page`.

    Elements are texts (str), parsed pages, or ``(text, context)`` pairs (as
    :meth:`wirenlp.Enricher.pipe` takes them; :func:`read_bag` makes these), which come out as
    ``(page, context)``. Order is kept, and records out == records in: a record that fails
    (``None``, bytes, a number, a crash in the pipeline) becomes a page whose ``error`` says why.
    ``enricher_options`` are :class:`~wirenlp.Enricher`'s (``model`` as a name or path,
    ``batch_size``, ``keep``, ``reference_time``, ``kb``); each worker process loads the pipeline
    once and reuses it for all its partitions (with a distributed ``Client`` active, every worker
    loads it when the bag is built, before any task runs). Raises ``TypeError`` or
    ``ValueError`` for options a worker could not use.
    """
    if not isinstance(bag, db.Bag):
        raise TypeError(f"enrich_bag expects a dask.bag.Bag, got {type(bag).__name__}")
    spec = EnricherSpec.make(enricher_options)
    client = _active_client()
    if client is not None:  # every worker loads the pipeline now, not inside its first task
        client.run(_preload, spec)
    arg: Any = spec
    if spec.options.get("kb") is not None:  # send a knowledge base once, not with every task
        arg = dask.delayed(spec, pure=True, traverse=False)
    return bag.map_partitions(_enrich_partition, arg, token="wirenlp-enrich")


# --- reading files: the one input path (wirenlp.reading.iter_items), distributed ----------------


def _expand(paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[str]:
    """The inputs as one entry per file, on the client (the rule of
    :func:`wirenlp.reading.iter_items`: directories walked, globs expanded, hidden files skipped;
    an input that names nothing is kept, and reading it on a worker gives its error item)."""
    from .reading.inputs import expand_sources

    items = [paths_or_glob] if isinstance(paths_or_glob, str | os.PathLike) else list(paths_or_glob)
    return expand_sources(items)


def _read_file(path: str) -> list[tuple[Page, dict[str, Any]]]:
    """The items of one input (:func:`wirenlp.reading.iter_items`: a zip gives all its members, a
    JSON-Lines file one item per line, a bad input an error item) as ``(page, context)`` pairs;
    context ``{"path", "index"}`` plus ``"fields"`` (a JSON-Lines record's other fields)."""
    from .reading import iter_items

    out: list[tuple[Page, dict[str, Any]]] = []
    for item in iter_items([path]):
        context: dict[str, Any] = {"path": item.source, "index": item.index}
        if item.fields:
            context["fields"] = dict(item.fields)
        out.append((item.page, context))
    return out


def read_bag(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    files_per_partition: int | None = None,
) -> db.Bag:
    """A bag of the items of wire files: ``(page, {"path": ..., "index": ...})``, as
    :func:`wirenlp.reading.iter_items` reads them (the same items, sources and order as
    ``wirenlp parse``), for :func:`enrich_bag`.

    ``paths_or_glob`` is a path, a glob, a directory (all files below it, hidden files skipped)
    or a list of them, local or any fsspec URL the workers can read. Every format
    :func:`wirenlp.read` reads; a zip gives the items of all its members (``path`` is
    ``archive.zip!member``); a ``.jsonl``/``.ndjson`` file one item per line (its ``text``
    field, the record's other fields in the context's ``"fields"``). ``index`` counts the
    items of a source from 0. The inputs are listed on the client and read on the workers,
    ``files_per_partition`` of them per partition (default: one JSON-Lines file, or enough
    files for about 100 partitions). A path that names nothing, an unreadable file, a corrupt
    zip or a bad JSON line becomes an error page, which :func:`enrich_bag` keeps.
    """
    from .reading.inputs import JSONL_SUFFIXES

    paths = _expand(paths_or_glob)
    if files_per_partition is None:
        jsonl = all(p.lower().endswith(JSONL_SUFFIXES) for p in paths)
        files_per_partition = 1 if jsonl else max(1, -(-len(paths) // 100))
    if files_per_partition < 1:
        raise ValueError(f"files_per_partition must be >= 1, got {files_per_partition}")
    groups = [paths[i : i + files_per_partition] for i in range(0, len(paths), files_per_partition)]
    return db.from_sequence(groups, npartitions=max(1, len(groups))).map_partitions(
        _read_partition, token="wirenlp-read"
    )


def _read_partition(groups: Iterable[list[str]]) -> list[tuple[Page, dict[str, Any]]]:
    out: list[tuple[Page, dict[str, Any]]] = []
    for group in groups:
        for path in group:
            out.extend(_read_file(path))
    return out


# --- the command line: a cluster, files in, partitioned output --------------------------------


@contextlib.contextmanager
def connect(scheduler: str) -> Iterator[Client]:
    """A :class:`distributed.Client` for ``scheduler``: ``"local"`` (one single-threaded worker
    process per CPU) or ``"local:N"`` (N of them) start a :class:`distributed.LocalCluster`
    that is closed on exit; anything else is the address of a running scheduler
    (``tcp://host:8786``). Raises ``ValueError`` for a bad ``local:N``."""
    from distributed import Client, LocalCluster

    name, _, count = scheduler.partition(":")
    if name != "local":
        with Client(scheduler) as client:
            yield client
        return
    try:
        n_workers = int(count) if count else (os.cpu_count() or 1)
    except ValueError:
        n_workers = 0
    if n_workers < 1:
        raise ValueError(f"expected local or local:N with N >= 1, got {scheduler!r}")
    with (
        LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _json_line(pair: tuple[Page, dict[str, Any]]) -> str:
    """The output record of one item (:func:`wirenlp.export.jsonl.item_record`), as the CLI
    writes it."""
    from .export.jsonl import item_record
    from .reading import Item

    page, source = pair
    item = Item(source["path"], source["index"], page, source.get("fields") or {})
    return json.dumps(item_record(item), ensure_ascii=False)


def _part_name(index: int) -> str:
    return f"{index:05d}"


def enrich_files(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    client: Client,
    fmt: str | None = None,
    files_per_partition: int | None = None,
    progress: bool = True,
    **enricher_options: Any,
) -> list[str]:
    """Enrich wire files (:func:`read_bag`) on ``client``'s cluster into ``output``, a directory
    (or fsspec URL) every worker can write to, one file per partition.

    Without ``fmt``: ``output/part-NNNNN.jsonl``, one JSON page per line, the record
    ``wirenlp enrich`` writes (:func:`wirenlp.export.jsonl.item_record`: ``source``, ``index``,
    ``fields``, the page). With ``fmt``
    (``parquet``, ``csv``, ``jsonl``): the tables of :func:`wirenlp.to_frames`,
    ``output/<table>/part-NNNNN.<fmt>`` (:meth:`DaskFrames.write`), every part with the
    declared columns and dtypes of :data:`wirenlp.export.frames.FRAME_COLUMNS` (the pages
    table's ``source`` and ``source_index`` say where each page was read from). With
    ``progress``, a tqdm bar on standard error counts finished partitions. Returns the paths
    written."""
    from distributed import as_completed

    from .export.frames import FORMATS

    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown frame format {fmt!r}: use one of {', '.join(FORMATS)}")
    items = read_bag(paths_or_glob, files_per_partition)
    root = os.fspath(output).rstrip("/")
    fs, _, _ = fsspec.core.get_fs_token_paths(root)
    fs.makedirs(root, exist_ok=True)
    if fmt is None:
        target = f"{root}/part-*.jsonl"
        bag = enrich_bag(items, **enricher_options)
        writes = bag.map(_json_line).to_textfiles(
            target, name_function=_part_name, compute=False, encoding="utf-8"
        )
    else:
        frames = _frames(items, {}, enricher_options)
        writes = frames.write(root, fmt, compute=False)
    futures = client.compute(writes)
    done = as_completed(futures)
    if progress:
        from tqdm import tqdm

        done = tqdm(done, total=len(futures), unit="partition", file=sys.stderr)
    for future in done:
        future.result()  # raise a task's error here
    if fmt is None:
        return [target.replace("*", _part_name(i)) for i in range(len(futures))]
    return [path for future in futures for path in future.result()]


# --- dask DataFrames: the tables of wirenlp.to_frames, partition by partition ---------------------


@attrs.frozen
class DaskFrames:
    """The tables of :func:`wirenlp.to_frames` as dask DataFrames (same columns and dtypes):
    ``pages``, ``stories``, ``entities``, ``places``, ``clusters``.

    All five come from one enrichment per partition (``partitions``: a delayed dict of the five
    pandas tables of each input partition). Write them with :meth:`write`, or compute several
    together (:func:`dask.compute`); computing them one by one enriches again each time.
    ``page`` is the record's position in the input, as in :func:`wirenlp.to_frames`.
    """

    pages: dd.DataFrame
    stories: dd.DataFrame
    entities: dd.DataFrame
    places: dd.DataFrame
    clusters: dd.DataFrame
    partitions: tuple[Any, ...] = attrs.field(repr=False)

    def items(self) -> list[tuple[str, dd.DataFrame]]:
        """``(name, frame)`` pairs: pages, stories, entities, places, clusters."""
        from .export.frames import FRAME_COLUMNS

        return [(name, getattr(self, name)) for name in FRAME_COLUMNS]

    def write(
        self, directory: str | os.PathLike[str], fmt: str = "parquet", compute: bool = True
    ) -> list[Any]:
        """Write each table as ``directory/<name>/part-NNNNN.<fmt>``, one file per partition
        (``parquet``, ``csv`` or ``jsonl``, written as :meth:`wirenlp.Frames.write` writes
        them), enriching each partition once; ``directory`` may be any fsspec URL the workers
        can write to. Returns the written paths; with ``compute=False``, one delayed write per
        partition instead (e.g. for :meth:`distributed.Client.compute` and a progress bar)."""
        from .export.frames import FORMATS

        if fmt not in FORMATS:
            raise ValueError(f"unknown frame format {fmt!r}: use one of {', '.join(FORMATS)}")
        root = os.fspath(directory).rstrip("/")
        writes = [
            dask.delayed(_write_tables, pure=False)(tables, root, fmt, i)
            for i, tables in enumerate(self.partitions)
        ]
        if not compute:
            return writes
        return [path for paths in dask.compute(*writes) for path in paths]


def _write_tables(tables: dict[str, pd.DataFrame], root: str, fmt: str, index: int) -> list[str]:
    """Write the five tables of one partition; returns their paths."""
    from .export.frames import write_table

    fs, _, _ = fsspec.core.get_fs_token_paths(root)
    paths = []
    for name, df in tables.items():
        fs.makedirs(f"{root}/{name}", exist_ok=True)
        path = f"{root}/{name}/part-{_part_name(index)}.{fmt}"
        write_table(df, path, fmt)
        paths.append(path)
    return paths


def _count(items: Iterable[Any]) -> list[int]:
    return [sum(1 for _ in items)]


def _tables(items: list[Any], first: int, extra: dict[str, str]) -> dict[str, pd.DataFrame]:
    """The five typed tables of one partition of pages or ``(page, context)`` pairs (a read
    item's context gives the pages table's source columns, a dict context the ``extra``
    columns of :func:`enrich_frame`); pages numbered from ``first``. Rows are made as
    :func:`wirenlp.to_frames` makes them (:func:`wirenlp.export.frames.add_rows`)."""
    from .export import frames as fx

    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in fx.FRAME_COLUMNS}
    for n, (page, context) in enumerate(fx.iter_pairs(items), start=first):
        fx.add_rows(rows, page, n, None if extra else context)
        if extra:
            values = context if isinstance(context, dict) else {}
            rows["pages"][-1].update({name: values.get(name) for name in extra})
    return {name: fx.frame(rows[name], _columns(name, extra)) for name in fx.FRAME_COLUMNS}


def _columns(name: str, extra: dict[str, str]) -> dict[str, str]:
    from .export.frames import FRAME_COLUMNS

    return {**FRAME_COLUMNS[name], **extra} if name == "pages" else FRAME_COLUMNS[name]


def _table(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return tables[name]


def _meta(name: str, extra: dict[str, str]) -> pd.DataFrame:
    """An empty frame of ``name``'s column spec; categories found per partition are unknown."""
    from dask.dataframe.utils import clear_known_categories

    from .export.frames import CATEGORIES, empty_frame

    meta = empty_frame(_columns(name, extra))
    open_categories = [
        c
        for c in meta.columns
        if isinstance(meta[c].dtype, pd.CategoricalDtype) and c not in CATEGORIES
    ]
    return clear_known_categories(meta, cols=open_categories) if open_categories else meta


def _frames(items: db.Bag, extra: dict[str, str], options: dict[str, Any]) -> DaskFrames:
    """Enrich a bag of inputs (texts, or ``(text, context)`` pairs whose dict context holds the
    ``extra`` columns) into :class:`DaskFrames`. The partitions of ``items`` are counted first
    (one pass over the input, no enrichment) to number pages as :func:`wirenlp.to_frames`
    does."""
    from .export.frames import FRAME_COLUMNS

    pages = enrich_bag(items, **options)
    counts = items.map_partitions(_count).compute()
    starts = [0]
    for count in counts[:-1]:
        starts.append(starts[-1] + count)
    tables = [
        dask.delayed(_tables, pure=True)(part, start, extra)
        for part, start in zip(pages.to_delayed(), starts, strict=True)
    ]
    out: dict[str, dd.DataFrame] = {}
    for name in FRAME_COLUMNS:
        pieces = [dask.delayed(_table, pure=True)(t, name) for t in tables]
        out[name] = dd.from_delayed(pieces, meta=_meta(name, extra), verify_meta=False)
    return DaskFrames(**out, partitions=tuple(tables))


def _with_context(row: tuple[Any, ...], columns: tuple[str, ...]) -> tuple[Any, dict[str, Any]]:
    return row[0], dict(zip(columns, row[1:], strict=True))


def enrich_frame(
    ddf: dd.DataFrame,
    text_column: str,
    columns: Sequence[str] = (),
    **enricher_options: Any,
) -> DaskFrames:
    """Enrich the texts of ``ddf[text_column]`` → :class:`DaskFrames` (``stories``,
    ``entities``, ``pages``, ``places``, ``clusters``) with the columns and dtypes of
    :func:`wirenlp.to_frames`, ready for ``to_parquet`` (:meth:`DaskFrames.write` writes all
    five with one enrichment). ``page`` is the row's position in ``ddf``; ``columns`` of
    ``ddf`` (an id, a date) are copied into the pages table. A missing or non-str text gives a
    pages row whose ``error`` says why, so pages rows == input rows. ``enricher_options`` are
    :func:`enrich_bag`'s. The input is read twice:
    once to count the rows of each partition, once to enrich them."""
    columns = tuple(columns)
    missing = [c for c in (text_column, *columns) if c not in ddf.columns]
    if missing:
        raise KeyError(f"enrich_frame: no column {', '.join(map(repr, missing))} in the frame")
    if text_column in columns:
        raise ValueError(f"enrich_frame: {text_column!r} is the text column, not an extra one")
    extra = {c: str(ddf[c].dtype) for c in columns}
    rows = ddf[[text_column, *columns]].to_bag(index=False, format="tuple")
    items = rows.map(_with_context, columns) if columns else rows.map(_first)
    return _frames(items, extra, enricher_options)


def _first(row: tuple[Any, ...]) -> Any:
    return row[0]
