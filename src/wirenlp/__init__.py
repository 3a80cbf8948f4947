"""wirenlp: Dutch news-wire text in, structured and linked data out.

The flow is text → :func:`parse` (pure Python) → spaCy entities (:func:`enrich`) → linking.
``import wirenlp`` and :func:`wirenlp.parse` never import spaCy; the entity layer is loaded on
first use of :func:`enrich`, :class:`Enricher` or :func:`load_pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import WirenlpError
from .parse import parse, parse_bytes
from .records import (
    Agency,
    Dateline,
    Entity,
    KBLink,
    Page,
    PageEntity,
    PageError,
    PlaceLink,
    Span,
    Story,
    TimeLabel,
)

__version__ = "0.1.0"

__all__ = [
    "Agency",
    "Dateline",
    "Entity",
    "KBLink",
    "Page",
    "PageEntity",
    "PageError",
    "PlaceLink",
    "Span",
    "Story",
    "TimeLabel",
    "WirenlpError",
    "__version__",
    "parse",
    "parse_bytes",
]

# Names whose modules import spaCy (or large data): resolved on first attribute access.
_LAZY: dict[str, str] = {
    "Enricher": ".enricher",
    "enrich": ".enricher",
    "load_pipeline": ".pipeline",
    "ModelNotFoundError": ".errors",
}

if TYPE_CHECKING:  # pragma: no cover
    pass


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wirenlp' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
