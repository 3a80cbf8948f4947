"""Exports of wirenlp pages for analysis and other pipelines.

- :mod:`wirenlp.export.frames`: pandas DataFrames (``wirenlp[pandas]``), :func:`to_frames`;
- :mod:`wirenlp.export.jsonl`: :func:`item_record`, the output record of one input item;
- :mod:`wirenlp.export.schema`: the JSON Schema of the JSONL page record;
- :mod:`wirenlp.export.render`: HTML views built with spaCy's displaCy;
- :mod:`wirenlp.export.maps`: folium maps of the places of a batch (``wirenlp[viz]``);
- :mod:`wirenlp.export.charts`: matplotlib charts of a batch (``wirenlp[viz]``).

The submodules import their heavy dependencies (pandas, spaCy, folium, matplotlib) only when
they are imported themselves, so ``import wirenlp.export`` is cheap; names are resolved on first
access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .frames import Frames, to_frames
    from .jsonl import item_record
    from .render import render
    from .schema import SCHEMA_VERSION, page_schema

__all__ = ["SCHEMA_VERSION", "Frames", "item_record", "page_schema", "render", "to_frames"]

_LAZY: dict[str, str] = {
    "Frames": ".frames",
    "to_frames": ".frames",
    "item_record": ".jsonl",
    "render": ".render",
    "SCHEMA_VERSION": ".schema",
    "page_schema": ".schema",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wirenlp.export' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
