"""``wirenlp.read`` and ``wirenlp.read_bytes``: wire files in, one parsed Page per item out."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from typing import Any

import attrs

from ..errors import UnsafeInputError, WireFormatError
from ..records import Page
from .common import RawItem, build_page, compose_dateline
from .sniff import sniff
from .xml import MAX_BYTES

__all__ = ["read", "read_bytes"]

_MAX_MEMBERS = 100_000
_BRACKET_WORD = re.compile(rb"\s*[\[{]\s*[A-Za-z\x80-\xff]")  # "[UPDATE] ...": text, not JSON


def read(
    path: str | os.PathLike[str],
    format: str = "auto",
    *,
    reference_time: datetime | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[Page]:
    """Read a wire file: one :class:`~wirenlp.Page` per news item, in document order.

    ``format="auto"`` sniffs the format from the content (not the file name); a named format
    (``"newsml"``, ``"nitf"``, ``"g2"``, ``"anp-json"``, ``"ninjs"``, ``"rss"``,
    ``"iptc7901"``, ``"anpa"``, ``"ritzau"``, ``"plain"`` …) skips sniffing. A zip archive
    gives the items of all its members. Each page is parsed from a text the reader builds
    (headline, blank line, body paragraphs joined by blank lines) and carries
    :class:`~wirenlp.ItemMeta` in ``page.meta``.

    Raises :class:`~wirenlp.errors.WireFormatError` (malformed or unreadable content, naming
    the file) or its subclass :class:`~wirenlp.errors.UnsafeInputError` (entity declarations,
    input over ``max_bytes``), and ``OSError`` when the file cannot be opened.
    """
    name = os.fspath(path)
    size = os.path.getsize(name)
    if size > max_bytes:
        raise UnsafeInputError(f"file of {size} bytes exceeds the limit of {max_bytes}", name)
    with open(name, "rb") as fh:
        data = fh.read()
    return read_bytes(
        data, name=name, format=format, reference_time=reference_time, max_bytes=max_bytes
    )


def read_bytes(
    data: bytes,
    name: str | None = None,
    format: str = "auto",
    *,
    reference_time: datetime | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[Page]:
    """:func:`read` for bytes in memory; ``name`` is used in errors and ``meta.source_path``.

    Reads through the same path as a batch (:func:`wirenlp.reading.iter_bytes`: a zip gives
    its members' items, JSON Lines one item per line) but raises the first failure instead of
    recording it. Never raises anything but :class:`~wirenlp.errors.WireFormatError` (and
    ``TypeError`` for non-bytes input)."""
    from .inputs import walk

    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"wirenlp.read_bytes expects bytes, got {type(data).__name__}")
    pages: list[Page] = []
    for _source, _index, result, _fields in walk(
        bytes(data), name or "", format, reference_time, max_bytes
    ):
        if isinstance(result, BaseException):
            raise result
        pages.append(result)
    return pages


def read_document(
    data: bytes, name: str | None, fmt: str, ref: datetime | None, max_bytes: int
) -> list[Page]:
    """The pages of one document (no zip, no JSON Lines) in format ``fmt`` (``auto``: sniffed);
    raises :class:`~wirenlp.errors.WireFormatError` only. Internal: use
    :func:`wirenlp.reading.iter_bytes` or :func:`read_bytes`."""
    name = name or None
    try:
        return _read(data, name, fmt, ref, max_bytes)
    except WireFormatError:
        raise
    except RecursionError as exc:
        raise WireFormatError("input nests too deeply", name) from exc
    except Exception as exc:  # a reader bug must not escape as anything but the typed error
        raise WireFormatError(f"cannot read ({type(exc).__name__}: {exc})", name) from exc


def _read(
    data: bytes, name: str | None, fmt: str, ref: datetime | None, max_bytes: int
) -> list[Page]:
    if fmt == "auto":
        fmt = sniff(data)
        if fmt == "xml" or (fmt == "json" and _BRACKET_WORD.match(data)):
            # sniffed from a first character only: content that is not JSON / not well-formed
            # XML of an unknown kind is text ("[UPDATE] …", "{UPDATE} …") or HTML-like markup
            try:
                return _read(data, name, fmt, ref, max_bytes)
            except UnsafeInputError:
                raise
            except WireFormatError as exc:
                if not str(exc.reason).startswith(("malformed", "unreadable")):
                    raise
                return _read(data, name, "plain" if fmt == "json" else "html", ref, max_bytes)
    if fmt in ("zip", "jsonl"):
        raise WireFormatError(f"{fmt} is read by wirenlp.reading.iter_bytes", name)
    if fmt == "plain":
        from .plain import read_plain

        return read_plain(data, name, ref)

    raws = _raw_items(data, name, fmt, max_bytes)
    pages = []
    for index, raw in enumerate(raws):
        page = build_page(raw, name, index, ref)
        pages.append(_located_fallback(raw, page))
    if not pages:
        raise WireFormatError(f"no news item found (read as {fmt})", name)
    return pages


def _raw_items(data: bytes, name: str | None, fmt: str, max_bytes: int) -> list[RawItem]:
    if fmt in ("json", "anp-json", "ninjs", "reuters-json"):
        return _json_items(data, name, fmt)
    if fmt in ("iptc7901", "anpa"):
        from .iptc7901 import decode_text, read_anpa, read_iptc7901

        text = decode_text(data)
        return read_anpa(text) if fmt == "anpa" else read_iptc7901(text)
    if fmt == "rss":
        from .anp import read_rss
        from .xml import parse_xml

        parse_xml(data, name, max_bytes)  # the hardened check before feedparser sees the bytes
        return read_rss(data, name)
    if fmt == "html":
        from .xml import (
            decode,
            first_text,
            paragraphs,
            parse_html,
            refuse_entities,
            split_plain,
        )

        markup = decode(data, name)
        refuse_entities(markup, name)  # as for XML: never a document that declares entities
        root = parse_html(markup)
        item = RawItem(format="html")
        item.headline = first_text(next(root.iter("h1"), None), "") or first_text(
            next(root.iter("title"), None), ""
        )
        blocks = paragraphs(root)
        if len(blocks) <= 1:  # markup with no blocks (text with a few tags): its lines
            blocks = split_plain(root.text_content())
        item.paragraphs = [p for p in blocks if p != item.headline]
        return [item]
    from .xml import parse_xml

    root = parse_xml(data, name, max_bytes)
    if fmt == "xml":
        from .ritzau import is_ritzau

        fmt = "ritzau" if is_ritzau(root) else "xml"
    if fmt == "newsml":
        from .newsml import read_newsml

        return read_newsml(root)
    if fmt == "g2":
        from .g2 import read_g2

        return read_g2(root)
    if fmt == "nitf":
        from .nitf import read_nitf

        return read_nitf(root)
    if fmt == "ritzau":
        from .ritzau import read_ritzau

        return read_ritzau(root)
    from .ritzau import read_generic_xml

    return read_generic_xml(root)


def _json_items(data: bytes, name: str | None, fmt: str) -> list[RawItem]:
    from .anp import is_anp_json, read_anp_json
    from .ninjs import (
        is_ninjs,
        is_reuters_json,
        read_generic_json,
        read_ninjs,
        read_reuters_json,
    )
    from .xml import decode

    try:
        doc: Any = json.loads(decode(data, name))
    except RecursionError as exc:
        raise UnsafeInputError("JSON nests too deeply", name) from exc
    except ValueError as exc:
        raise WireFormatError(f"malformed JSON: {exc}", name) from exc
    if fmt == "anp-json" or (fmt == "json" and is_anp_json(doc)):
        return read_anp_json(doc)
    if fmt == "reuters-json" or (fmt == "json" and is_reuters_json(doc)):
        return read_reuters_json(doc)
    if fmt == "ninjs" or (fmt == "json" and is_ninjs(doc)):
        return read_ninjs(doc)
    items = read_generic_json(doc) if fmt == "json" else []
    if not items:
        raise WireFormatError(
            "JSON of no known wire format (ANP API, ninjs, Reuters Connect) and with no object "
            "holding a headline and a body",
            name,
        )
    return items


def _located_fallback(raw: RawItem, page: Page) -> Page:
    """G2/ninjs ``located`` as the metadata dateline when there is no other and the body has
    none (never for Reuters, whose ``located`` is the editing desk)."""
    meta = page.meta
    if (
        meta is None
        or meta.dateline is not None
        or not raw.located
        or meta.agency == "RTR"
        or any(s.dateline is not None for s in page.stories)
    ):
        return page
    dateline = compose_dateline(raw.located, meta.agency)
    if dateline is None:
        return page
    return attrs.evolve(
        page, meta=attrs.evolve(meta, dateline=dateline, dateline_text=dateline.text)
    )
