"""Wire formats in: :func:`read` and :func:`read_bytes` turn the files agencies deliver
(NewsML 1.2, NITF, NewsML-G2, ANP API JSON and RSS, ninjs, IPTC 7901, ANPA-1312, Ritzau XML,
plain text) into parsed :class:`~wirenlp.Page` objects with :class:`~wirenlp.ItemMeta`.

Batches go through the one input path, :mod:`.inputs`: :func:`iter_items` (paths,
directories, globs, zips, fsspec URLs, ``-``) and :func:`iter_bytes` (one blob) give
:class:`Item` objects, one error item per failure; the CLI, :mod:`wirenlp.dask` and
:func:`read_bytes` read through them.

One module per format family; :mod:`.xml` holds the hardened XML parser every XML reader uses.
See ``docs/formats.md``.
"""

from __future__ import annotations

from .api import read, read_bytes
from .inputs import Item, expand_inputs, expand_sources, is_hidden, iter_bytes, iter_items
from .sniff import FORMATS, sniff

__all__ = [
    "FORMATS",
    "Item",
    "expand_inputs",
    "expand_sources",
    "is_hidden",
    "iter_bytes",
    "iter_items",
    "read",
    "read_bytes",
    "sniff",
]
