"""wirenlp: Dutch news-wire text in, structured and linked data out.

The flow is text → :func:`parse` (pure Python) → spaCy entities (:func:`enrich`,
:class:`Enricher`) → linking (:func:`link_page`, :class:`Gazetteer`, :class:`KnowledgeBase`).
``import wirenlp`` and :func:`wirenlp.parse` never import spaCy: the entity and linking layers
are imported on first use of their names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    KnowledgeBaseError,
    ModelNotFoundError,
    ReferenceTimeError,
    UnsafeInputError,
    WireFormatError,
    WirenlpError,
)
from .parsing.page import DecodingWarning, parse, parse_bytes
from .records import (
    Agency,
    Dateline,
    Entity,
    ItemMeta,
    KBLink,
    MetaEntity,
    Page,
    PageEntity,
    PageError,
    PlaceLink,
    Span,
    Story,
    TimeLabel,
)

if TYPE_CHECKING:  # pragma: no cover
    from .archive import Archive
    from .export.frames import Frames, to_frames
    from .export.render import render
    from .linking.gazetteer import Gazetteer
    from .linking.kb import KnowledgeBase
    from .linking.linker import link_page
    from .nlp.enricher import Enricher, enrich
    from .nlp.pipeline import load_pipeline
    from .reading import read, read_bytes

__version__ = "0.1.0"

__all__ = [
    "Agency",
    "Archive",
    "Dateline",
    "DecodingWarning",
    "Enricher",
    "Entity",
    "Frames",
    "Gazetteer",
    "ItemMeta",
    "KBLink",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "MetaEntity",
    "ModelNotFoundError",
    "Page",
    "PageEntity",
    "PageError",
    "PlaceLink",
    "ReferenceTimeError",
    "Span",
    "Story",
    "TimeLabel",
    "UnsafeInputError",
    "WireFormatError",
    "WirenlpError",
    "__version__",
    "enrich",
    "link_page",
    "load_pipeline",
    "parse",
    "parse_bytes",
    "read",
    "read_bytes",
    "render",
    "to_frames",
]

# Names whose modules import spaCy, pandas or load data: imported on first attribute access.
_LAZY: dict[str, str] = {
    "Enricher": ".nlp.enricher",
    "enrich": ".nlp.enricher",
    "load_pipeline": ".nlp.pipeline",
    "Gazetteer": ".linking.gazetteer",
    "KnowledgeBase": ".linking.kb",
    "link_page": ".linking.linker",
    "Frames": ".export.frames",  # pandas (extra: wirenlp[pandas])
    "to_frames": ".export.frames",
    "render": ".export.render",  # spaCy's displaCy
    "read": ".reading",  # lxml
    "read_bytes": ".reading",
    "Archive": ".archive",  # duckdb, pandas (extra: wirenlp[archive])
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wirenlp' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
