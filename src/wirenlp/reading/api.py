"""``wirenlp.read`` and ``wirenlp.read_bytes``: wire files in, one parsed Page per item out."""

from __future__ import annotations

import glob
import json
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import attrs

from ..errors import UnsafeInputError, WireFormatError
from ..records import ItemMeta, Page, PageError
from .common import RawItem, build_page, compose_dateline
from .sniff import FORMATS, sniff
from .xml import MAX_BYTES

__all__ = ["Item", "iter_items", "read", "read_bytes"]

_MAX_MEMBERS = 100_000
_BRACKET_WORD = re.compile(rb"\s*\[\s*[A-Za-z\x80-\xff]")  # "[UPDATE] ...": text, not JSON


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

    Never raises anything but :class:`~wirenlp.errors.WireFormatError` (and ``TypeError``
    for non-bytes input)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"wirenlp.read_bytes expects bytes, got {type(data).__name__}")
    if format not in FORMATS and format != "html":
        raise WireFormatError(f"unknown format {format!r}; one of {', '.join(FORMATS)}", name)
    data = bytes(data)
    if len(data) > max_bytes:
        raise UnsafeInputError(f"input of {len(data)} bytes exceeds the limit of {max_bytes}", name)
    try:
        return _read(data, name, format, reference_time, max_bytes)
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
            # XML of an unknown kind is text ("[UPDATE] …") or HTML-like markup
            try:
                return _read(data, name, fmt, ref, max_bytes)
            except UnsafeInputError:
                raise
            except WireFormatError as exc:
                if not str(exc.reason).startswith(("malformed", "unreadable")):
                    raise
                return _read(data, name, "plain" if fmt == "json" else "html", ref, max_bytes)
    if fmt == "zip":
        pages: list[Page] = []
        for member, _index, page in _zip_items(
            data, name, fmt="auto", ref=ref, max_bytes=max_bytes
        ):
            if page.error is not None:
                raise WireFormatError(page.error.message, member)
            pages.append(page)
        return pages
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


# --- batches: files, directories, globs, zip archives ---------------------------------------


@attrs.frozen
class Item:
    """One item of a batch: where it came from (``source``, ``index`` within it) and its
    page; a file that cannot be read gives one item whose ``page.error`` says why."""

    source: str
    index: int
    page: Page


def iter_items(
    inputs: Iterable[str],
    format: str = "auto",
    *,
    reference_time: datetime | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: Any = None,
) -> Iterator[Item]:
    """Expand ``inputs`` (files, directories — walked in sorted order —, glob patterns, zip
    archives, ``-`` for ``stdin`` bytes) and read each file: yields one :class:`Item` per news
    item. A file that cannot be read yields one error item and the batch goes on; an input
    that names nothing raises ``FileNotFoundError`` before anything is read."""
    paths = list(expand_inputs(inputs))
    for path in paths:
        if path == "-":
            data = stdin.read() if stdin is not None else b""
            yield from _items_of(data, "-", format, reference_time, max_bytes)
            continue
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise UnsafeInputError(
                    f"file of {size} bytes exceeds the limit of {max_bytes}", path
                )
            with open(path, "rb") as fh:
                data = fh.read()
        except (OSError, WireFormatError) as exc:
            yield Item(path, 0, _error_page(exc, path, format))
            continue
        yield from _items_of(data, path, format, reference_time, max_bytes)


def _items_of(
    data: bytes, source: str, fmt: str, ref: datetime | None, max_bytes: int
) -> Iterator[Item]:
    if fmt in ("auto", "zip") and data[:4] == b"PK\x03\x04":
        for member, index, page in _zip_items(
            data, source, "auto" if fmt == "zip" else fmt, ref, max_bytes
        ):
            yield Item(member, index, page)
        return
    try:
        pages = read_bytes(data, name=source, format=fmt, reference_time=ref, max_bytes=max_bytes)
    except WireFormatError as exc:
        yield Item(source, 0, _error_page(exc, source, fmt))
        return
    for index, page in enumerate(pages):
        yield Item(source, index, page)


def _zip_items(
    data: bytes, source: str | None, fmt: str, ref: datetime | None, max_bytes: int
) -> Iterator[tuple[str, int, Page]]:
    """The items of each member of a zip archive (``archive.zip!member``), members in name
    order; a member over ``max_bytes`` (inflated) or unreadable gives an error page."""
    label = source or "<zip>"
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise WireFormatError(f"bad zip archive: {exc}", source) from exc
    if len(infos) > _MAX_MEMBERS:
        raise UnsafeInputError(f"zip archive with {len(infos)} members", source)
    for info in infos:
        member = f"{label}!{info.filename}"
        try:
            if info.file_size > max_bytes:
                raise UnsafeInputError(
                    f"member inflates to {info.file_size} bytes, over the limit of {max_bytes}",
                    member,
                )
            with archive.open(info) as fh:
                blob = fh.read(max_bytes + 1)
            if len(blob) > max_bytes:
                raise UnsafeInputError(f"member inflates past the limit of {max_bytes}", member)
            if blob[:4] == b"PK\x03\x04":
                raise WireFormatError("nested zip archives are not read", member)
            pages = read_bytes(
                blob, name=member, format=fmt, reference_time=ref, max_bytes=max_bytes
            )
        except WireFormatError as exc:
            yield member, 0, _error_page(exc, member, fmt)
            continue
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            yield (
                member,
                0,
                _error_page(WireFormatError(f"bad zip member: {exc}", member), member, fmt),
            )
            continue
        for index, page in enumerate(pages):
            yield member, index, page


def _error_page(exc: BaseException, source: str, fmt: str) -> Page:
    message = str(exc)
    if isinstance(exc, OSError) and not isinstance(exc, WireFormatError):
        message = f"{source}: {exc.strerror or exc}"
    return Page(
        text="",
        error=PageError(type(exc).__name__, message),
        meta=ItemMeta(format=fmt, source_path=source, index=0),
    )


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Files named by ``inputs``: files as given, directories walked (sorted, hidden files
    skipped), glob patterns expanded (sorted); ``-`` passes through. Raises
    ``FileNotFoundError`` for an input that names nothing."""
    for raw in inputs:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for f in sorted(filenames):
                    if not f.startswith("."):
                        yield os.path.join(dirpath, f)
        elif path.exists():
            yield raw
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches {raw}")
            for m in matches:
                if os.path.isdir(m):
                    yield from expand_inputs([m])
                else:
                    yield m
        else:
            raise FileNotFoundError(f"no such file or directory: {raw}")
