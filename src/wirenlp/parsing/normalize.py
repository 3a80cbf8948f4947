"""Name normalisation shared by the gazetteer, its build script, clustering and the KB.

:func:`name_key` folds a place or person name to a lookup key: case and accents are folded,
apostrophes dropped (``'s-Hertogenbosch`` → ``s hertogenbosch``), hyphens, slashes and dots
become spaces, and the abbreviations ``St.``/``Sint``/``Saint``/``Sankt`` (and ``Ste``/
``Sainte``, ``Ft.``/``Fort``, ``Mt.``/``Mount``) collapse to one form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "name_key"]

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ĳ": "ij",
        "Ĳ": "ij",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "ʻ": "'",
    }
)

_NON_WORD = re.compile(r"[^0-9a-z' ]+")
_APOS = re.compile(r"'+")
_SPACES = re.compile(r" +")

# Token rewrites applied after folding (abbreviations and their spelled-out forms).
_TOKEN_MAP: dict[str, str] = {
    "st": "st",
    "sint": "st",
    "saint": "st",
    "sankt": "st",
    "ste": "ste",
    "sainte": "ste",
    "ft": "fort",
    "mt": "mount",
}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents (``"CAÏRO"`` → ``"cairo"``); keeps punctuation."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().translate(_SPECIAL)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The lookup key of a name: folded, punctuation-free, single-spaced, abbreviations unified.

    ``name_key("'S-HERTOGENBOSCH") == name_key("'s-Hertogenbosch") == "s hertogenbosch"``;
    ``name_key("ST. PETERSBURG") == name_key("Sint-Petersburg") == "st petersburg"``.
    Returns ``""`` for strings with no letters or digits.
    """
    if not isinstance(text, str):
        return ""
    folded = fold(text)
    folded = _NON_WORD.sub(" ", folded)
    folded = _APOS.sub("", folded)
    tokens = _SPACES.sub(" ", folded).strip().split(" ")
    return " ".join(_TOKEN_MAP.get(tok, tok) for tok in tokens if tok)
