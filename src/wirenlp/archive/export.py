"""Export: every archive table as hive-partitioned parquet by month, which DuckDB
(``read_parquet('dir/stories/*/*.parquet', hive_partitioning=true)``), pandas
(``pd.read_parquet('dir/stories')``), Dask (``dd.read_parquet``) and Spark read.

Months (``month=YYYY-MM``): pages and appearances by their page's time, stories and mentions
by the story's first sighting, entities and their names by the entity's first sighting.
Entities gain ``mentions``, ``first_seen``, ``last_seen``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .store import Archive

__all__ = ["EXPORTS", "export"]

_MONTH = "coalesce(strftime({col}, '%Y-%m'), 'unknown') as month"
_ENTITY_TIMES = """(select m.entity, count(*) as mentions, min(s.first_seen) as first_seen,
    max(s.last_seen) as last_seen from mentions m join stories s using (story)
    group by m.entity)"""

EXPORTS: dict[str, str] = {
    "pages": f"select *, {_MONTH.format(col='seen')} from pages",
    "stories": f"select *, {_MONTH.format(col='first_seen')} from stories",
    "appearances": f"select *, {_MONTH.format(col='seen')} from appearances",
    "mentions": f"select m.*, {_MONTH.format(col='s.first_seen')} "
    "from mentions m left join stories s using (story)",
    "entities": "select e.*, coalesce(x.mentions, 0) as mentions, x.first_seen, x.last_seen, "
    f"{_MONTH.format(col='x.first_seen')} from entities e left join {_ENTITY_TIMES} x "
    "using (entity)",
    "entity_names": f"select n.*, {_MONTH.format(col='x.first_seen')} from entity_names n "
    f"left join {_ENTITY_TIMES} x using (entity)",
}
"""Table → the query whose rows are written to ``directory/<table>/month=…/``."""


def export(archive: Archive, directory: str | os.PathLike[str]) -> list[Path]:
    """Write each table of :data:`EXPORTS` to ``directory/<table>/month=YYYY-MM/*.parquet``
    (replacing what an earlier export wrote there); returns the table directories.

    In an archive with a ``memory_limit`` (one opened for writing has 128 MB by default) the
    copies run on one DuckDB thread (so do the archive's other queries meanwhile): a
    partitioned parquet write buffers rows per month and thread, which on two threads
    outgrew 128 MB.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with archive.connection() as cur:
        (threads,) = cur.execute("select current_setting('threads')").fetchone() or (None,)
        if archive.memory_limit is not None:
            cur.execute("set threads = 1")
        try:
            for table, query in EXPORTS.items():
                target = out / table
                cur.execute(
                    f"copy ({query}) to '{_quote(target)}' "
                    "(format parquet, partition_by (month), overwrite true)"
                )
                written.append(target)
        finally:
            cur.execute(f"set threads = {int(threads)}")
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
