"""The archive: enriched wire in one DuckDB file, stories stored once, entities resolved
across pages, queries as pandas frames (``pip install "wirenlp[archive]"``).

Modules: :mod:`.schema` (tables), :mod:`.keys` (content keys), :mod:`.versions` (near-duplicate
stories), :mod:`.entities` (archive entity resolution), :mod:`.store` (:class:`Archive`, adds),
:mod:`.queries`, :mod:`.export` (parquet). See ``docs/archive.md``.
"""

from __future__ import annotations

from .entities import ArchiveEntity
from .keys import content_key, normalise
from .schema import SCHEMA_VERSION, TABLES
from .store import AddResult, Archive

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "AddResult",
    "Archive",
    "ArchiveEntity",
    "content_key",
    "normalise",
]
