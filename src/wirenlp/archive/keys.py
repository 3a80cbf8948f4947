"""Content keys: what makes two pages or two stories "the same" in the archive.

A key is the BLAKE2b hash (128 bits, 32 hex digits) of the normalised text: Unicode NFKC,
whitespace runs as one space, no leading or trailing space. Case, punctuation and accents are
kept — a corrected spelling is a new version of a story, not the same story.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["block_key", "content_key", "normalise"]

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text a key is computed from: NFKC, whitespace collapsed, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_key(text: str) -> str:
    """The content key of a text: 32 hex digits of BLAKE2b over :func:`normalise` (``text``).

    ``content_key("a  b\\n") == content_key("a b")``."""
    digest = hashlib.blake2b(normalise(text).encode("utf-8", "surrogatepass"), digest_size=16)
    return digest.hexdigest()


def block_key(headline: str | None, dateline: str | None) -> str | None:
    """The near-duplicate block of a story: stories with the same headline and dateline
    (case-folded, normalised) are compared as possible versions of one story; a story without
    a headline has no block (None)."""
    if not headline or not normalise(headline):
        return None
    head, line = normalise(headline).casefold(), normalise(dateline or "").casefold()
    return content_key(f"{head}\x1f{line}")
