"""The one input path: inputs (paths, directories, globs, zip archives, fsspec URLs, ``-``)
in, :class:`Item` objects out.

Every entry point reads through here: :func:`wirenlp.read` / :func:`wirenlp.read_bytes`, the
``parse``/``enrich``/``render`` commands and :func:`wirenlp.dask.read_bag`. One rule for hidden
files (:func:`is_hidden`), one sniffing (:func:`~wirenlp.reading.sniff`), one decoding, and one
error item per failure: a missing path, an unreadable file, a corrupt zip, a bad zip member, a bad
JSON line, binary content. A batch never stops at a bad input: items out = items in.
"""

from __future__ import annotations

import glob
import json
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

import attrs

from ..errors import UnsafeInputError, WireFormatError
from ..records import ItemMeta, Page, PageError
from .sniff import FORMATS
from .xml import MAX_BYTES

__all__ = [
    "JSONL_SUFFIXES",
    "Item",
    "binary_kind",
    "expand_inputs",
    "expand_sources",
    "is_hidden",
    "iter_bytes",
    "iter_items",
]

#: File names read as JSON Lines of texts (one item per line) whatever their content.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_MAX_MEMBERS = 100_000
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+://")


@attrs.frozen
class Item:
    """One item of a batch: where it came from (``source``: a path, ``archive.zip!member``,
    ``-``, a URL or a caller-given name; ``index`` within it), its parsed ``page`` (whose
    ``error`` says why when the input could not be read) and ``fields``: the other fields of a
    JSON-Lines record (``id`` …), carried unchanged to the output record."""

    source: str
    index: int
    page: Page
    fields: Mapping[str, Any] = attrs.field(factory=dict)


def is_hidden(name: str) -> bool:
    """The one rule for hidden inputs: a file or folder whose name starts with ``.``
    (``.DS_Store``, ``.git/``, a zip's ``__MACOSX/._a.txt``). Hidden files are skipped when a
    directory is walked, a glob expanded or a zip opened; a hidden file named explicitly is
    read."""
    return any(
        part.startswith(".") and part not in (".", "..") for part in re.split(r"[/\\]", name)
    )


# --- binary content ---------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"%PDF-", 0, "PDF document"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd archive"),
    (b"ustar", 257, "tar archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "OLE document (.doc/.xls)"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"MZ", 0, "Windows executable"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"\x00asm", 0, "WebAssembly"),
    (b"wOFF", 0, "WOFF font"),
    (b"wOF2", 0, "WOFF2 font"),
)
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1a\x1b\x1c\x1d\x1e\x1f\x01\x02\x03\x04\x16\x7f")
# every byte but the control characters that mark binary content (for bytes.translate)
_NOT_BINARY = bytes(b for b in range(256) if b >= 0x20 or b in _TEXT_CONTROLS)


def binary_kind(data: bytes) -> str | None:
    """What binary content ``data`` is (``"PNG image"``, ``"PDF document"``, ``"binary data"``
    …), or None for text. Decided by magic numbers and by the share of NUL bytes and other
    control characters in the first 8 KB (over 5%; UTF-16 text with a byte-order mark is
    text); the control characters of IPTC 7901 and ANPA-1312 (SOH, STX, ETX, EOT, SYN, the
    separators) count as text, and a stray NUL in a text does not make it binary."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for magic, offset, kind in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            if magic == b"MZ" and b"\x00" not in head[:64]:
                continue  # text that starts with "MZ"
            if magic == b"ID3" and b"\x00" not in head[:10]:
                continue
            return kind
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    controls = len(head.translate(None, _NOT_BINARY))  # the binary control bytes, NUL included
    if controls * 20 > len(head):  # over 5%: random bytes have 6.6%, text (almost) none
        return "binary data"
    return None


# --- bytes -> items -----------------------------------------------------------------------------

# One step of the path: (source, index, page or the exception that stopped it, fields).
_Step = tuple[str, int, "Page | BaseException", Mapping[str, Any]]


def iter_bytes(
    data: bytes,
    source: str,
    format: str = "auto",
    *,
    reference_time: datetime | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Item]:
    """The items of one blob (a file's bytes, a posted body, a zip archive, a JSON-Lines file of
    ``{"text": ...}`` records), named ``source``. Never raises for bad content: an item whose
    ``page.error`` says why instead (one per failure: a bad zip member, a bad JSON line …)."""
    for src, index, result, fields in walk(data, source, format, reference_time, max_bytes):
        yield _item(src, index, result, fields, format)


def _item(
    source: str, index: int, result: Page | BaseException, fields: Mapping[str, Any], fmt: str
) -> Item:
    if isinstance(result, Page):
        return Item(source, index, result, fields)
    return Item(source, index, error_page(result, source, fmt), fields)


def walk(
    data: bytes, source: str, fmt: str, ref: datetime | None, max_bytes: int
) -> Iterator[_Step]:
    """The steps of :func:`iter_bytes` with the exceptions themselves (not error pages), so that
    :func:`wirenlp.read_bytes` can raise the typed error. Internal."""
    if fmt not in FORMATS:
        yield (
            source,
            0,
            WireFormatError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}", source),
            {},
        )
        return
    if len(data) > max_bytes:
        yield (
            source,
            0,
            UnsafeInputError(
                f"input of {len(data)} bytes exceeds the limit of {max_bytes}", source
            ),
            {},
        )
        return
    if fmt in ("auto", "zip") and data[:4] == b"PK\x03\x04":
        yield from _zip_steps(data, source, ref, max_bytes)
        return
    if fmt == "zip":
        yield source, 0, WireFormatError("bad zip archive: not a zip file", source), {}
        return
    if fmt == "jsonl" or (fmt == "auto" and _jsonl_name(source)):
        yield from _jsonl_steps(data, source, ref, max_bytes)  # each line checked on its own
        return
    kind = binary_kind(data)
    if kind is not None:
        yield source, 0, WireFormatError(f"binary content ({kind})", source), {}
        return
    if fmt == "auto" and _jsonl_content(data):
        yield from _jsonl_steps(data, source, ref, max_bytes)
        return
    from .api import read_document

    try:
        pages = read_document(data, source, fmt, ref, max_bytes)
    except WireFormatError as exc:
        yield source, 0, exc, {}
        return
    for index, page in enumerate(pages):
        yield source, index, page, {}


def _jsonl_name(source: str) -> bool:
    return source.lower().rsplit("!", 1)[-1].endswith(JSONL_SUFFIXES)


def _jsonl_content(data: bytes) -> bool:
    """True for several JSON objects, one per line (not one JSON document): the first line is
    a whole JSON object and another line follows."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] != b"{":
        return False
    end = head.find(b"\n")
    if end < 0 or not head[end:].strip():
        return False  # one line: one document
    try:
        first = json.loads(head[:end].decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        return False  # a document over several lines (pretty-printed JSON)
    return isinstance(first, dict) and head[end:].lstrip()[:1] == b"{"


def _jsonl_steps(data: bytes, source: str, ref: datetime | None, max_bytes: int) -> Iterator[_Step]:
    """One item per non-blank line: a ``text`` (or ``body``) field is read as text with the
    record's other fields as ``fields``; a wirenlp page record (``wirenlp parse``/``enrich``
    output: ``text`` and ``stories``) is the page it describes, its ``fields`` carried on; a
    line holding a wire-format JSON record (ANP, ninjs …)
    gives that record's items; anything else is an error item for that line only."""
    from ..parsing.page import decode_bytes
    from .api import read_document
    from .plain import read_plain

    index = 0
    for number, line in enumerate(decode_bytes(data).split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip(" \t\r"):  # JSON's white space only
            continue
        where = f"{source}, line {number}" if source else f"line {number}"
        try:
            record = json.loads(line)
        except RecursionError:
            yield source, index, UnsafeInputError("JSON nests too deeply", where), {}
            index += 1
            continue
        except ValueError as exc:
            yield source, index, WireFormatError(f"malformed JSON line: {exc}", where), {}
            index += 1
            continue
        if isinstance(record, dict) and "stories" in record and isinstance(record.get("text"), str):
            # a wirenlp page record (``parse``/``enrich`` output): the page it describes
            given = record.get("fields")
            carried: Mapping[str, Any] = given if isinstance(given, dict) else {}
            data_ = {k: v for k, v in record.items() if k not in ("source", "index", "fields")}
            result: Page | BaseException
            try:
                result = Page.from_dict(data_)
            except ValueError as exc:
                result = WireFormatError(str(exc), where)
            yield source, index, result, carried
            index += 1
            continue
        key = next(
            (
                k
                for k in ("text", "body")
                if isinstance(record, dict) and isinstance(record.get(k), str)
            ),
            None,
        )
        if key is not None:
            fields = {k: v for k, v in record.items() if k != key}
            try:
                (page,) = read_plain(record[key], source, ref, fmt="jsonl")
                if page.meta is not None:
                    page = attrs.evolve(page, meta=attrs.evolve(page.meta, index=index))
            except Exception as exc:  # a parser bug must not stop the batch
                yield (
                    source,
                    index,
                    WireFormatError(f"cannot read ({type(exc).__name__}: {exc})", where),
                    fields,
                )
            else:
                yield source, index, page, fields
            index += 1
            continue
        try:
            pages = read_document(line.encode("utf-8"), source, "json", ref, max_bytes)
        except WireFormatError:
            yield (
                source,
                index,
                WireFormatError("JSON line without a text or body field", where),
                {},
            )
            index += 1
            continue
        for page in pages:
            yield source, index, page, {}
            index += 1


def _zip_steps(data: bytes, source: str, ref: datetime | None, max_bytes: int) -> Iterator[_Step]:
    """The items of each member (``archive.zip!member``, name order, hidden members skipped);
    a corrupt archive is one error item, a bad member one error item for that member."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = sorted(
            (i for i in archive.infolist() if not i.is_dir() and not is_hidden(i.filename)),
            key=lambda i: i.filename,
        )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        yield source, 0, WireFormatError(f"bad zip archive: {exc}", source), {}
        return
    if len(infos) > _MAX_MEMBERS:
        yield source, 0, UnsafeInputError(f"zip archive with {len(infos)} members", source), {}
        return
    for info in infos:
        member = f"{source or '<zip>'}!{info.filename}"
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
        except WireFormatError as exc:
            yield member, 0, exc, {}
            continue
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            yield member, 0, WireFormatError(f"bad zip member: {exc}", member), {}
            continue
        yield from walk(blob, member, "auto", ref, max_bytes)


def error_page(exc: BaseException, source: str, fmt: str = "auto") -> Page:
    """The page of an input that failed: no text, ``error`` (the exception's type and a
    message naming the input), ``meta.source_path``."""
    message = str(exc)
    if isinstance(exc, OSError) and not isinstance(exc, WireFormatError):
        detail = exc.strerror or str(exc)
        message = detail if source in detail else f"{source}: {detail}"
    return Page(
        text="",
        error=PageError(type(exc).__name__, message),
        meta=ItemMeta(format=fmt, source_path=source, index=0),
    )


# --- inputs -> bytes -> items -------------------------------------------------------------------


def iter_items(
    inputs: Iterable[str | os.PathLike[str]],
    format: str = "auto",
    *,
    reference_time: datetime | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[Item]:
    """Every item of ``inputs``, in order: files, directories (walked in sorted order), glob
    patterns (sorted), zip archives (member by member), fsspec URLs (``s3://…``, needs
    fsspec, which the ``dask`` extra installs) and ``-`` (the bytes of ``stdin``). Hidden files
    are skipped in directories, globs and zips (:func:`is_hidden`).

    Never raises for a bad input: a path that names nothing, an unreadable file, a corrupt zip,
    a bad member, a bad JSON line or binary content each give one item whose ``page.error``
    says why, and the batch goes on. Raises ``ValueError`` only for an unknown ``format``."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    for raw in inputs:
        for source, loaded in _sources(os.fspath(raw), stdin, max_bytes):
            if isinstance(loaded, BaseException):
                yield Item(source, 0, error_page(loaded, source, format))
            else:
                yield from iter_bytes(
                    loaded, source, format, reference_time=reference_time, max_bytes=max_bytes
                )


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The files named by ``inputs`` as :func:`iter_items` reads them (``-`` passes through);
    raises ``FileNotFoundError`` for an input that names nothing."""
    for raw in inputs:
        for name in _names(os.fspath(raw)):
            if isinstance(name, BaseException):
                raise name
            yield name


def expand_sources(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files named by ``inputs`` as :func:`iter_items` reads them, one entry per file; an
    input that names nothing is kept as it is (``iter_items([it])`` gives its error item). For
    spreading inputs over workers (:func:`wirenlp.dask.read_bag`)."""
    out: list[str] = []
    for raw in inputs:
        name = os.fspath(raw)
        out.extend(name if isinstance(n, BaseException) else n for n in _names(name))
    return out


def _names(raw: str) -> Iterator[str | BaseException]:
    """Files named by one input; a ``FileNotFoundError`` (yielded, not raised) for nothing."""
    if raw == "-":
        yield raw
        return
    if _URL.match(raw) and not raw.startswith("file://"):
        yield from _url_names(raw)
        return
    if raw.startswith("file://"):
        raw = raw[len("file://") :]
    path = Path(raw)
    if path.is_dir():
        yield from _walk_dir(raw)
    elif path.exists():
        yield raw
    elif glob.has_magic(raw):
        matches = sorted(
            m for m in glob.glob(raw, recursive=True) if not is_hidden(os.path.basename(m))
        )
        if not matches:
            yield FileNotFoundError(f"no file matches {raw}")
        for m in matches:
            if os.path.isdir(m):
                yield from _walk_dir(m)
            else:
                yield m
    else:
        yield FileNotFoundError(f"no such file or directory: {raw}")


def _walk_dir(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
        for f in sorted(filenames):
            if not is_hidden(f):
                yield os.path.join(dirpath, f)


def _url_names(url: str) -> Iterator[str | BaseException]:
    try:
        import fsspec
    except ImportError:
        yield FileNotFoundError(f'reading {url} needs fsspec: pip install "wirenlp[dask]"')
        return
    try:
        fs, _, found = fsspec.core.get_fs_token_paths(url)
        if len(found) == 1 and not glob.has_magic(url) and fs.isfile(found[0]):
            yield url  # one file: its URL as given
            return
        if len(found) == 1 and fs.isdir(found[0]):
            base = found[0].rstrip("/")
            found = sorted(
                p for p in fs.find(base) if not fs.isdir(p) and not is_hidden(p[len(base) :])
            )
    except (OSError, ValueError, ImportError) as exc:
        yield FileNotFoundError(f"{url}: {exc}")
        return
    if not found:
        yield FileNotFoundError(f"no file matches {url}")
        return
    for path in found:
        yield fs.unstrip_protocol(path)


def _sources(
    raw: str, stdin: IO[bytes] | None, max_bytes: int
) -> Iterator[tuple[str, bytes | BaseException]]:
    """``(source, bytes or the error that kept them from being read)`` for one input."""
    for name in _names(raw):
        if isinstance(name, BaseException):
            yield raw, name
        else:
            yield name, _load(name, stdin, max_bytes)


def _load(name: str, stdin: IO[bytes] | None, max_bytes: int) -> bytes | BaseException:
    try:
        if name == "-":
            data = stdin.read(max_bytes + 1) if stdin is not None else b""
        elif _URL.match(name):
            import fsspec

            with fsspec.open(name, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            size = os.path.getsize(name)
            if size > max_bytes:
                raise UnsafeInputError(
                    f"file of {size} bytes exceeds the limit of {max_bytes}", name
                )
            with open(name, "rb") as fh:
                data = fh.read(max_bytes + 1)
    except (OSError, WireFormatError) as exc:
        return exc
    if len(data) > max_bytes:
        return UnsafeInputError(f"input exceeds the limit of {max_bytes} bytes", name)
    return data
