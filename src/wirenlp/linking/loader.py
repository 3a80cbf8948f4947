"""Loading the gazetteer index, with an optional disk cache of the decompressed blob.

The index ships gzip-compressed (~6 MB) inside the package. Decompressing it costs ~0.1 s, so
by default the decompressed blob (~16 MB) is written once to the user cache directory and read
from there by later processes:

- ``$WIRENLP_CACHE`` if set: a directory to use instead, or ``0``/``off``/``false``/``no`` to
  disable the disk cache (nothing is ever written then);
- else ``$XDG_CACHE_HOME/wirenlp``, else ``~/.cache/wirenlp``.

Cache problems (a read-only or missing home, a full disk, a corrupt file) are never errors: the
index is then decompressed in memory. The cache file name holds the gzip CRC and size of the
shipped file, so a new wirenlp version never reads a stale index.
"""

from __future__ import annotations

import gzip
import logging
import os
from importlib import resources
from pathlib import Path

from .index import MAGIC, GazetteerIndex

__all__ = ["cache_dir", "index_path", "load_index"]

log = logging.getLogger(__name__)

_OFF = frozenset({"0", "off", "false", "no", "none"})


def index_path() -> Path:
    """The index file shipped with wirenlp."""
    return Path(str(resources.files("wirenlp") / "data" / "gazetteer.bin.gz"))


def cache_dir() -> Path | None:
    """Where the decompressed index is cached, or None when the cache is disabled."""
    env = os.environ.get("WIRENLP_CACHE")
    if env is not None and env.strip():
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "wirenlp"
    try:
        return Path.home() / ".cache" / "wirenlp"
    except RuntimeError:  # no home directory can be determined
        return None


def load_index(path: str | os.PathLike[str] | None = None, *, cache: bool = True) -> GazetteerIndex:
    """Decode an index file (default: the shipped one); ``cache=False`` never touches disk
    beyond reading ``path``."""
    p = Path(path) if path is not None else index_path()
    raw = p.read_bytes()
    folder = cache_dir() if cache else None
    if folder is None:
        return GazetteerIndex(gzip.decompress(raw))
    # the gzip trailer holds CRC-32 and size of the content: a free content fingerprint
    cached = folder / f"gazetteer-{raw[-8:].hex()}-{len(raw)}.bin"
    try:
        blob = cached.read_bytes()
        if blob.startswith(MAGIC):
            return GazetteerIndex(blob)
    except (OSError, ValueError):
        pass
    blob = gzip.decompress(raw)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(blob)
        os.replace(tmp, cached)
        log.info("wirenlp: cached the decompressed gazetteer index at %s", cached)
    except OSError as exc:
        log.debug("wirenlp: gazetteer cache not written (%s)", exc)
    return GazetteerIndex(blob)
