"""Adds on Dask: the workers enrich, the archive ingests their partitions.

:func:`add_with_dask` runs :func:`wirenlp.dask.enrich_files` on a cluster — every worker loads
the pipeline once and writes its enriched pages to a partition file of its own, so only file
names travel back — and then adds the partitions' pages to the archive (one writer: DuckDB
allows no other), in partition order, in the archive's batch transactions. Pages already
stored are skipped as in any add (after enrichment: the content keys are only known once the
files are read). Needs ``pip install "wirenlp[archive,dask]"``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Page

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

    from .store import AddResult, Archive

__all__ = ["add_with_dask", "partition_items"]


def partition_items(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Any]:
    """The items of the JSONL partition files that :func:`wirenlp.dask.enrich_files` writes
    (one enriched page per line, :func:`wirenlp.export.jsonl.item_record`: ``source``,
    ``index``, ``fields`` and the page), in order, as
    :class:`wirenlp.reading.Item` objects."""
    from ..reading import Item

    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)  # the record of wirenlp.export.jsonl.item_record
                source, index = str(record.pop("source")), int(record.pop("index", 0))
                fields = record.pop("fields", None) or {}
                yield Item(source, index, Page.from_dict(record), fields)


def add_with_dask(
    archive: Archive,
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    client: Client,
    *,
    workdir: str | os.PathLike[str] | None = None,
    progress: Callable[[AddResult], None] | None = None,
    **enricher_options: Any,
) -> AddResult:
    """Enrich wire files on ``client``'s workers and add their pages to ``archive``.

    ``inputs`` as :func:`wirenlp.dask.read_bag` takes them; the partition files go to
    ``workdir`` (a directory every worker can write and this process can read; default a
    temporary directory, removed afterwards). ``enricher_options`` are the Enricher's
    (``model``, ``batch_size``, …). Returns the add's totals."""
    from ..dask import enrich_files

    own = workdir is None
    parts = Path(tempfile.mkdtemp(prefix="wirenlp-archive-") if workdir is None else workdir)
    try:
        paths = enrich_files(inputs, parts, client, progress=False, **enricher_options)
        return archive.add(partition_items(paths), progress=progress)
    finally:
        if own:
            shutil.rmtree(parts, ignore_errors=True)
