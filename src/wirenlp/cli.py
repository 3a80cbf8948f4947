"""Command-line interface: each command is a thin layer over a documented Python function."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from .parse import parse_bytes

app = typer.Typer(
    name="wirenlp",
    help="Dutch news-wire text in, structured and linked data out (JSON Lines).",
    no_args_is_help=True,
    add_completion=False,
)

FilesArg = Annotated[
    list[str], typer.Argument(help="Input files, or - for standard input.", show_default=False)
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


def read_inputs(files: list[str]) -> Iterator[tuple[str, bytes]]:
    """Yield ``(name, raw bytes)`` for each file argument (``-`` reads standard input)."""
    for name in files:
        if name == "-":
            yield name, sys.stdin.buffer.read()
        else:
            path = Path(name)
            try:
                yield name, path.read_bytes()
            except OSError as exc:
                raise typer.BadParameter(f"cannot read {name}: {exc.strerror}") from exc


def write_jsonl(record: dict[str, object]) -> None:
    """Write one JSON object per line to standard output."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False))
    sys.stdout.write("\n")


@app.callback()
def _root() -> None:
    """Dutch news-wire text in, structured and linked data out (JSON Lines)."""


@app.command("parse")
def parse_command(files: FilesArg, reference_time: RefTimeOpt = None) -> None:
    """Parse wire copy into pages, stories, datelines and time labels (no spaCy)."""
    ref = parse_reference_time(reference_time)
    for _name, data in read_inputs(files):
        write_jsonl(parse_bytes(data, reference_time=ref).to_dict())


def main() -> None:
    """Entry point of the ``wirenlp`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
