"""Command-line interface: each command is a thin layer over a documented Python function."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, cast

import typer

from .reading.sniff import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from .linking.kb import KnowledgeBase
    from .reading import Item
    from .records import Page

# plain messages (no rich panels, no tracebacks): one readable line at any terminal width
app = typer.Typer(
    name="wirenlp",
    help="Dutch news-wire text in, structured and linked data out (JSON Lines).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _Command(typer.core.TyperCommand):
    """A command whose usage line reads ``[OPTIONS] FILES...`` (typer writes ``{FILES}...``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [p.replace("{", "").replace("}", "") for p in super().collect_usage_pieces(ctx)]


#: Exit status: every item read and processed.
EXIT_OK = 0
#: Exit status: some output records are error records (every input was still processed).
EXIT_ERROR_RECORDS = 1
#: Exit status: a usage error (bad option, unknown format, missing model); nothing processed.
EXIT_USAGE = 2

FilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="FILES",
        help="Input files (any supported wire format, JSON Lines of texts), directories, globs, "
        "zip archives, fsspec URLs, or - for standard input.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        help='Input format: "auto" sniffs each file\'s content; or ' + ", ".join(FORMATS[1:]) + ".",
    ),
]
FullOpt = Annotated[
    bool,
    typer.Option(
        "--full",
        help="Write full page records (every field, each link's admin names, population and "
        "alternate names) instead of the compact default.",
    ),
]
RefTimeOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--reference-time",
        help="ISO 8601 time with a zone (Z, +01:00) that resolves 'N uur geleden' labels.",
    ),
]


def parse_reference_time(value: str | None) -> datetime | None:
    """Turn the ``--reference-time`` option into a datetime (or None)."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}") from exc
    if when.tzinfo is None:
        raise typer.BadParameter(
            f"{value!r} has no time zone: end it in Z or an offset such as +01:00"
        )
    return when


def read_items(files: list[str], fmt: str, ref: datetime | None) -> Iterator[Item]:
    """Every news item of the inputs (:func:`wirenlp.reading.iter_items`); an unknown format is
    a usage error; a missing path, an unreadable file, a corrupt zip … each an error record."""
    from .reading import iter_items

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return iter_items(files, fmt, reference_time=ref, stdin=sys.stdin.buffer)


class Tally:
    """Counts the records a command writes and reports each error record on standard error
    (one line); :meth:`finish` exits with :data:`EXIT_ERROR_RECORDS` when there were any."""

    def __init__(self) -> None:
        self.records = 0
        self.errors = 0

    def see(self, page: Page) -> None:
        """Count one output record."""
        self.records += 1
        if page.error is not None:
            self.errors += 1
            message = " ".join(page.error.message.split())
            typer.echo(f"error: {message}", err=True)

    def finish(self) -> None:
        """Exit 1 when some records were error records (after all inputs were processed)."""
        if self.errors:
            what = "is an error record" if self.errors == 1 else "are error records"
            typer.echo(f"{self.errors} of {_count(self.records, 'record')} {what}", err=True)
            raise typer.Exit(EXIT_ERROR_RECORDS)


def _count(n: int, noun: str) -> str:
    """``"1 page"``, ``"2 pages"``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def write_jsonl(record: dict[str, object]) -> None:
    """Write one JSON object per line to standard output."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False))
    sys.stdout.write("\n")


@app.callback()
def _root() -> None:
    """Dutch news-wire text in, structured and linked data out (JSON Lines)."""


@app.command(
    "parse",
    cls=_Command,
    short_help="Parse wire files into pages, stories and datelines (no spaCy).",
)
def parse_command(
    files: FilesArg,
    reference_time: RefTimeOpt = None,
    fmt: FormatOpt = "auto",
    full: FullOpt = False,
) -> None:
    """Parse wire files into pages, stories, datelines and time labels, without spaCy. Writes
    one JSON line per news item, with its source and item index."""
    from .export.jsonl import item_record

    ref = parse_reference_time(reference_time)
    tally = Tally()
    for item in read_items(files, fmt, ref):
        tally.see(item.page)
        write_jsonl(item_record(item, full=full))
    tally.finish()


ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        help='spaCy pipeline: "auto" (nl_core_news_lg/md/sm, else the embedded default), '
        "an installed package name, or a path.",
    ),
]


class TableFormat(str, Enum):
    """File format of the tables ``enrich --output`` writes."""

    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--output",
        help="Write tables (pages, stories, entities, places, clusters) into this folder "
        "instead of JSON Lines on standard output (needs the pandas extra).",
        file_okay=False,
    ),
]
ToOpt = Annotated[
    Optional[TableFormat],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--to", help="Table format with --output (default parquet)."),
]


@app.command(
    "enrich", cls=_Command, short_help="Find and link the entities of wire files with spaCy."
)
def enrich_command(
    files: FilesArg,
    model: ModelOpt = "auto",
    n_process: Annotated[
        int, typer.Option("--n-process", min=1, help="Worker processes for spaCy.")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Docs per spaCy batch.")
    ] = 64,
    reference_time: RefTimeOpt = None,
    kb: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--kb", help="Knowledge base to link to (.csv or .jsonl).", dir_okay=False),
    ] = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    full: FullOpt = False,
    to: ToOpt = None,
    dask: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--dask",
            metavar="SCHEDULER|local[:N]",
            help="Run on Dask: a scheduler address, or local[:N] for N local worker processes; "
            "the workers write the tables into --output, one file per partition "
            "(needs the dask extra).",
        ),
    ] = None,
) -> None:
    """Parse wire files, find their entities with spaCy and link them. Writes one JSON line per
    news item, with its source and item index, or tables with --output."""
    from .errors import KnowledgeBaseError, ModelNotFoundError
    from .export.jsonl import item_record
    from .linking.kb import KnowledgeBase
    from .nlp.enricher import Enricher

    ref = parse_reference_time(reference_time)
    if to is not None and output is None:
        raise typer.BadParameter("--to needs --output DIR", param_hint="--to")
    if dask is not None:
        if output is None or "-" in files or n_process != 1:
            raise typer.BadParameter(
                "--dask needs --output DIR, input files (not -), no --n-process",
                param_hint="--dask",
            )
        table = (to or TableFormat.parquet).value
        _enrich_dask(files, dask, output, table, model, batch_size, ref, kb)
        return
    if output is not None:
        try:
            from .export.frames import to_frames
        except ImportError as exc:
            typer.echo(
                f'error: --output needs pandas: pip install "wirenlp[pandas]" ({exc})', err=True
            )
            raise typer.Exit(2) from exc
    try:
        base = None
        if kb is not None:
            load = KnowledgeBase.from_jsonl if kb.suffix == ".jsonl" else KnowledgeBase.from_csv
            base = load(kb)
        enricher = Enricher(model=model, n_process=n_process, batch_size=batch_size, kb=base)
    except (ModelNotFoundError, KnowledgeBaseError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    items = ((item.page, item) for item in read_items(files, fmt, ref))
    pages: Iterator[Any] = enricher.pipe(cast(Any, items), reference_time=ref)
    if sys.stderr.isatty():
        from tqdm import tqdm

        pages = tqdm(pages, unit="item", file=sys.stderr)
    tally = Tally()

    def counted() -> Iterator[Any]:
        for page, item in pages:
            tally.see(page)
            yield page, item

    if output is not None:
        table = (to or TableFormat.parquet).value
        # (page, item) pairs: the pages table's source, source_index and fields columns
        for path in to_frames(counted()).write(output, table):
            typer.echo(f"wrote {path}", err=True)
    else:
        for page, item in counted():
            write_jsonl(item_record(item, page, full=full))
    tally.finish()


def _load_kb(path: Path) -> KnowledgeBase:
    from .linking.kb import KnowledgeBase

    load = KnowledgeBase.from_jsonl if path.suffix == ".jsonl" else KnowledgeBase.from_csv
    return load(path)


def _enrich_dask(
    files: list[str],
    scheduler: str,
    output: Path,
    fmt: str,
    model: str,
    batch_size: int,
    reference_time: datetime | None,
    kb: Path | None,
) -> None:
    """``wirenlp enrich --dask``: the files on a Dask cluster; the tables of ``to_frames``
    written into ``output/<table>/part-NNNNN.<fmt>`` by the workers."""
    from .errors import KnowledgeBaseError, ModelNotFoundError

    try:
        from .dask import connect, enrich_files
    except ImportError as exc:
        typer.echo(f'error: --dask needs pip install "wirenlp[dask]" ({exc})', err=True)
        raise typer.Exit(2) from exc
    try:
        base = _load_kb(kb) if kb is not None else None
    except (KnowledgeBaseError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    try:
        with connect(scheduler) as client:
            typer.echo(f"dask dashboard: {client.dashboard_link}", err=True)
            parts = enrich_files(
                files,
                output,
                client,
                fmt=fmt,
                progress=sys.stderr.isatty(),
                model=model,
                batch_size=batch_size,
                reference_time=reference_time,
                kb=base,
            )
    except (ModelNotFoundError, FileNotFoundError, ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"wrote {len(parts)} parts to {output}", err=True)
    tally = Tally()  # the error records: the pages table's rows with an error
    tally.records, tally.errors = _error_rows([p for p in parts if "/pages/" in p], fmt)
    tally.finish()


def _error_rows(paths: list[str], fmt: str) -> tuple[int, int]:
    """(rows, rows with an ``error``) of the written pages tables."""
    from .export.frames import read_table

    rows = errors = 0
    for path in paths:
        column = read_table(path, "pages", fmt, columns=["error"])["error"]
        rows += len(column)
        errors += int(column.notna().sum())
    return rows, errors


@app.command("render", cls=_Command, short_help="Render pages as one HTML document (displaCy).")
def render_command(
    files: FilesArg,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--output", "-o", help="HTML file to write (default: standard output)."),
    ] = None,
    model: ModelOpt = "auto",
    reference_time: RefTimeOpt = None,
    fmt: FormatOpt = "auto",
) -> None:
    """Render pages as HTML with spaCy's displaCy, all inputs in one document. Wire copy is
    enriched first; enriched JSONL pages from wirenlp enrich are shown as they are."""
    from .export.render import html_document, render

    ref = parse_reference_time(reference_time)
    items = list(read_items(files, fmt, ref))
    # pages with entities (enrich output) as they are; wire copy, parse output: enriched here
    todo = [
        i
        for i, item in enumerate(items)
        if item.page.error is None and not any(s.entities for s in item.page.stories)
    ]
    pages = [item.page for item in items]
    if todo:
        from .errors import ModelNotFoundError
        from .nlp.enricher import Enricher

        try:
            enricher = Enricher(model=model)
        except ModelNotFoundError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_USAGE) from exc
        for i, page in zip(todo, enricher.pipe(pages[i] for i in todo), strict=True):
            pages[i] = page
    tally = Tally()
    for page in pages:
        tally.see(page)
    html = html_document("<hr>".join(render(page) for page in pages))
    if output is None:
        sys.stdout.write(html)
    else:
        output.write_text(html, encoding="utf-8")
        typer.echo(
            f"wrote {output} ({_count(tally.records, 'page')}, "
            f"{_count(tally.errors, 'error record')})",
            err=True,
        )
    tally.finish()


@app.command("schema", cls=_Command, short_help="Print the JSON Schema of the JSONL page record.")
def schema_command() -> None:
    """Print the JSON Schema of the JSONL page record that parse and enrich write."""
    from .export.schema import page_schema

    typer.echo(json.dumps(page_schema(), indent=2, ensure_ascii=False))


@app.command("info", cls=_Command, short_help="Show the spaCy pipeline wirenlp would use.")
def info_command(model: ModelOpt = "auto") -> None:
    """Show the spaCy pipeline wirenlp would use: components, labels and versions."""
    import warnings

    from .errors import ModelNotFoundError
    from .nlp.pipeline import load_pipeline, pipeline_info

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            nlp = load_pipeline(model)
        except ModelNotFoundError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    info = pipeline_info(nlp)
    name = info.name
    lines = [
        f"pipeline:   {name}",
        f"version:    {info.version}",
        f"source:     {info.source}",
        f"components: {', '.join(info.components)}",
        f"labels:     {', '.join(info.labels) or '-'}",
        f"scheme:     {info.scheme}",
        f"spacy:      {info.spacy_version} "
        f"(pipeline built for {info.pipeline_spacy_version or '?'})",
        f"wirenlp:    {info.wirenlp_version}",
    ]
    typer.echo("\n".join(lines))


# --- wirenlp archive: add | query | export (thin layers over wirenlp.Archive) -----------------
archive_app = typer.Typer(
    name="archive",
    help="The archive: enriched wire in one DuckDB file (needs the archive extra).",
    no_args_is_help=True,
)
app.add_typer(archive_app, name="archive")

ArchivePathArg = Annotated[
    Path,
    typer.Argument(
        metavar="ARCHIVE", help="The archive file (DuckDB), created by add.", show_default=False
    ),
]


def _open_archive(path: Path, **kwargs: Any) -> Any:
    try:
        from .archive import Archive
    except ImportError as exc:
        typer.echo(f'error: the archive needs pip install "wirenlp[archive]" ({exc})', err=True)
        raise typer.Exit(2) from exc
    try:
        return Archive(path, **kwargs)
    except Exception as exc:  # duckdb.IOException (locked, not a database) and the like
        typer.echo(f"error: {path}: {exc}", err=True)
        raise typer.Exit(2) from exc


@archive_app.command("add", cls=_Command, short_help="Add wire files to an archive.")
def archive_add_command(
    archive: ArchivePathArg,
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILES",
            help="Input files (any wire format), directories, globs, zip archives, or -.",
            show_default=False,
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help='Input format ("auto" sniffs).')] = "auto",
    model: Annotated[str, typer.Option("--model", help="spaCy pipeline.")] = "auto",
    enrich: Annotated[
        bool, typer.Option("--enrich/--no-enrich", help="Find entities (spaCy) or parse only.")
    ] = True,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Pages per transaction.")
    ] = 256,
    reference_time: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--reference-time", help="ISO 8601 time with a zone for time labels."),
    ] = None,
    dask: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--dask",
            metavar="SCHEDULER|local[:N]",
            help="Enrich on Dask workers (a scheduler address, or local[:N] worker processes) "
            "that write partition files; this process adds them (needs the dask extra).",
        ),
    ] = None,
) -> None:
    """Add wire files to an archive (:meth:`wirenlp.Archive.add_files`, or
    :meth:`wirenlp.Archive.add_dask` with ``--dask``); what is stored is skipped, so a killed
    add run again completes it. The archive is opened ``shared``: ``wirenlp archive query``
    reads it between batches. Prints the counts as JSON; exits 1 when some new pages are
    error records (an input that could not be read: stored as an error page, the rest added)."""
    import attrs

    ref = None
    if reference_time is not None:
        try:
            ref = datetime.fromisoformat(reference_time)
        except ValueError as exc:
            raise typer.BadParameter(f"not an ISO 8601 time: {reference_time!r}") from exc
        if ref.tzinfo is None:
            raise typer.BadParameter(f"{reference_time!r} has no time zone")
    if dask is not None and ("-" in files or not enrich or fmt != "auto" or ref is not None):
        raise typer.BadParameter(
            "--dask takes input files (not -), with enrichment, no --format or --reference-time",
            param_hint="--dask",
        )
    with _open_archive(
        archive, enrich=enrich, model=model, batch_size=batch_size, shared=True
    ) as store:
        try:
            if dask is not None:
                try:
                    from .dask import connect
                except ImportError as exc:
                    typer.echo(f'error: --dask needs pip install "wirenlp[dask]" ({exc})', err=True)
                    raise typer.Exit(2) from exc
                with connect(dask) as client:
                    result = store.add_dask(files, client)
            else:
                result = store.add_files(files, fmt, reference_time=ref, stdin=sys.stdin.buffer)
        except (FileNotFoundError, ValueError) as exc:
            raise typer.BadParameter(str(exc)) from exc
    typer.echo(json.dumps(attrs.asdict(result)))
    if result.errors:
        what = "is an error record" if result.errors == 1 else "are error records"
        typer.echo(f"{result.errors} of the new pages {what}", err=True)
        raise typer.Exit(EXIT_ERROR_RECORDS)


@archive_app.command("query", cls=_Command, short_help="Query an archive (SQL or a named query).")
def archive_query_command(
    archive: ArchivePathArg,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="SQL, or a query name: mentions_over_time, co_mentions, filing_places, "
            "event_places, agencies, top_entities, entity.",
            show_default=False,
        ),
    ],
    entity: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--entity", help="Entity name or id (mentions_over_time, co_mentions, entity)."
        ),
    ] = None,
    freq: Annotated[str, typer.Option("--freq", help="day, week, month or year.")] = "month",
    kind: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--kind", help="Entity kind filter (person, organisation, place, ...)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows per group.")] = 10,
    to: Annotated[str, typer.Option("--to", help="jsonl or csv.")] = "jsonl",
) -> None:
    """Query an archive, opened read-only and shared (it waits for an add's batch to commit): a
    named query (:mod:`wirenlp.archive.queries`) or
    SQL (:meth:`wirenlp.Archive.sql`); rows as JSON Lines or CSV on standard output."""
    if to not in ("jsonl", "csv"):
        raise typer.BadParameter("--to is jsonl or csv", param_hint="--to")
    with _open_archive(archive, read_only=True, shared=True) as store:
        from .archive.queries import QUERIES

        args: dict[str, Any] = {}
        if query in ("mentions_over_time", "co_mentions", "entity"):
            if entity is None:
                raise typer.BadParameter(f"{query} needs --entity", param_hint="--entity")
            args["entity" if query != "entity" else "name"] = entity
        if query in ("mentions_over_time", "filing_places", "event_places", "agencies"):
            args["freq"] = freq
        if query in ("co_mentions", "top_entities", "entity"):
            args["kind"] = kind
        if query in ("co_mentions", "top_entities"):
            args["limit"] = limit
        try:
            if query == "entity":
                found = store.entity(**args)
            else:
                df = getattr(store, query)(**args) if query in QUERIES else store.sql(query)
        except (KeyError, ValueError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        except Exception as exc:  # duckdb errors: bad SQL
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    if query == "entity":
        if found is None:
            typer.echo(f"error: no entity {entity!r}", err=True)
            raise typer.Exit(1)
        import attrs

        typer.echo(json.dumps(attrs.asdict(found), ensure_ascii=False, default=str))
        return
    if to == "csv":
        df.to_csv(sys.stdout, index=False)
    else:
        df.to_json(sys.stdout, orient="records", lines=True, date_format="iso", force_ascii=False)


@archive_app.command("export", cls=_Command, short_help="Export an archive's tables as Parquet.")
def archive_export_command(
    archive: ArchivePathArg,
    directory: Annotated[
        Path, typer.Argument(metavar="DIRECTORY", help="Output directory.", show_default=False)
    ],
) -> None:
    """Write the archive's tables as parquet partitioned by month
    (:meth:`wirenlp.Archive.export`)."""
    with _open_archive(archive, read_only=True) as store:
        for path in store.export(directory):
            typer.echo(f"wrote {path}", err=True)


# The defaults of `wirenlp serve` are ServeConfig's (wirenlp.service.config needs only attrs).
from .service.config import ServeConfig as _ServeConfig  # noqa: E402

_SERVE = _ServeConfig()


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = _SERVE.host,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = _SERVE.port,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes, each with the pipeline.")
    ] = _SERVE.workers,
    model: ModelOpt = "auto",
    kb: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--kb", help="Knowledge base to link to (.csv or .jsonl).", dir_okay=False),
    ] = None,
    queue: Annotated[
        int,
        typer.Option(
            "--queue", min=0, help="Requests waiting for a worker before 429 (0: 16 per worker)."
        ),
    ] = _SERVE.queue,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, help="Largest request body in bytes (413).")
    ] = _SERVE.max_body,
    max_text: Annotated[
        int, typer.Option("--max-text", min=1, help="Longest text in characters (413).")
    ] = _SERVE.max_text,
    max_lines: Annotated[
        int, typer.Option("--max-lines", min=1, help="Most lines in one batch (413).")
    ] = _SERVE.max_lines,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Seconds from queueing to result (504).")
    ] = _SERVE.timeout,
    read_timeout: Annotated[
        float, typer.Option("--read-timeout", min=0.001, help="Seconds to receive a body (408).")
    ] = _SERVE.read_timeout,
    api_key: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(
            "--api-key",
            envvar="WIRENLP_API_KEY",
            help="Require this key (Authorization: Bearer KEY or X-API-Key) on /v1 and /metrics.",
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Most texts in one worker job.")
    ] = _SERVE.batch_size,
) -> None:
    """Serve wirenlp over HTTP (needs the serve extra): POST /v1/enrich, /v1/parse,
    /v1/enrich/batch (NDJSON); GET /v1/schema, /v1/info, /healthz, /readyz, /metrics; OpenAPI
    at /docs. A thin layer over wirenlp.service.serve."""
    try:
        import python_multipart  # noqa: F401 - for uploads
        import uvicorn  # noqa: F401

        from .service import ServeConfig, app, serve  # noqa: F401 - app needs the extra
    except ImportError as exc:
        typer.echo(f'error: wirenlp serve needs pip install "wirenlp[serve]" ({exc})', err=True)
        raise typer.Exit(2) from exc
    if kb is not None and not kb.is_file():
        raise typer.BadParameter(f"no such file: {kb}", param_hint="--kb")
    config = ServeConfig(
        host=host,
        port=port,
        workers=workers,
        model=model,
        kb=None if kb is None else str(kb),
        queue=queue,
        max_body=max_body,
        max_text=max_text,
        max_lines=max_lines,
        timeout=timeout,
        read_timeout=read_timeout,
        api_key=api_key,
        batch_size=batch_size,
    )
    raise typer.Exit(serve(config))


def main() -> None:
    """Entry point of the ``wirenlp`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
