"""Command-line interface: each command is a thin layer over a documented Python function."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, cast

import typer

if TYPE_CHECKING:  # pragma: no cover
    from .reading import Item

app = typer.Typer(
    name="wirenlp",
    help="Dutch news-wire text in, structured and linked data out (JSON Lines).",
    no_args_is_help=True,
    add_completion=False,
)

FilesArg = Annotated[
    list[str],
    typer.Argument(
        help="Input files (any supported wire format), directories, globs, zip archives, "
        "or - for standard input.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        help='Input format: "auto" sniffs each file\'s content; or newsml, nitf, g2, anp-json, '
        "ninjs, rss, iptc7901, anpa, ritzau, plain, ...",
    ),
]
RefTimeOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--reference-time", help="ISO 8601 time that resolves 'N uur geleden' labels."),
]


def parse_reference_time(value: str | None) -> datetime | None:
    """Turn the ``--reference-time`` option into a datetime (or None)."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}") from exc


def read_items(files: list[str], fmt: str, ref: datetime | None) -> Iterator[Item]:
    """Every news item of the inputs (:func:`wirenlp.reading.iter_items`); an input that names
    nothing or an unknown format is a usage error, an unreadable file an error record."""
    from .reading import FORMATS, expand_inputs, iter_items

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    try:
        paths = list(expand_inputs(files))
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return iter_items(paths, fmt, reference_time=ref, stdin=sys.stdin.buffer)


def item_record(page_dict: dict[str, object], source: str, index: int) -> dict[str, object]:
    """One output line: the page plus where it came from (``source`` path, item ``index``)."""
    return {"source": source, "index": index, **page_dict}


def write_jsonl(record: dict[str, object]) -> None:
    """Write one JSON object per line to standard output."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False))
    sys.stdout.write("\n")


@app.callback()
def _root() -> None:
    """Dutch news-wire text in, structured and linked data out (JSON Lines)."""


@app.command("parse")
def parse_command(
    files: FilesArg, reference_time: RefTimeOpt = None, fmt: FormatOpt = "auto"
) -> None:
    """Parse wire files into pages, stories, datelines and time labels (no spaCy): one JSON
    line per news item, with its source path and item index."""
    ref = parse_reference_time(reference_time)
    for item in read_items(files, fmt, ref):
        write_jsonl(item_record(item.page.to_dict(), item.source, item.index))


ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        help='spaCy pipeline: "auto" (nl_core_news_lg/md/sm, else the embedded default), '
        "an installed package name, or a path.",
    ),
]


@app.command("enrich")
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
) -> None:
    """Parse wire files, find their entities with spaCy and link them: one JSON line per news
    item, with its source path and item index."""
    from .enricher import Enricher
    from .errors import KnowledgeBaseError, ModelNotFoundError
    from .kb import KnowledgeBase

    ref = parse_reference_time(reference_time)
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
    for page, item in pages:
        write_jsonl(item_record(page.to_dict(), item.source, item.index))


@app.command("info")
def info_command(model: ModelOpt = "auto") -> None:
    """Show the spaCy pipeline wirenlp would use: components, labels and versions."""
    import warnings

    from .errors import ModelNotFoundError
    from .pipeline import load_pipeline, pipeline_info

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


def main() -> None:
    """Entry point of the ``wirenlp`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
