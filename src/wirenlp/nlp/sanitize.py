"""The copy of a page's text that spaCy sees: same length, so every offset stays valid.

spaCy's tokenizer strips prefix and suffix punctuation one character at a time and scans the
rest of the word again after each strip, so a long run of punctuation costs time quadratic in
its length (4,000 ``=`` take seconds, 100,000 ``(`` an hour). Lone surrogates cannot be
encoded to UTF-8 (spaCy's string store needs that), and control characters are noise to a
model. :func:`spacy_copy` replaces each of these character for character: a punctuation run
longer than :data:`MAX_PUNCT_RUN` becomes spaces (one whitespace token), a control character
a space, a lone surrogate U+FFFD. Entity texts are always cut from the original text; the
notes returned say what was replaced, for :attr:`wirenlp.Page.notes`. Pure Python: no spaCy.
"""

from __future__ import annotations

import re

__all__ = ["MAX_PUNCT_RUN", "spacy_copy"]

#: Runs of punctuation (neither letter, digit nor whitespace) up to this length reach spaCy as
#: written; longer runs are shown to it as spaces.
MAX_PUNCT_RUN = 8

_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCT_RUN + 1},}}")
# C0 and C1 control characters except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A quick test that lets most texts through unchanged: surrogates or control characters, or a
# run of punctuation in the text's ASCII form (every other character is "?" there, so a run
# of the text is a run there too; the exact test follows only when this one finds a run).
_ODD_CHAR = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ASCII_RUN = re.compile(rb"[^A-Za-z0-9\s]{%d}" % (MAX_PUNCT_RUN + 1))


def _maybe_dirty(text: str) -> bool:
    """False when :func:`spacy_copy` has nothing to replace in ``text`` (True may be wrong)."""
    return (
        _ODD_CHAR.search(text) is not None
        or _ASCII_RUN.search(text.encode("ascii", "replace")) is not None
    )


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def spacy_copy(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` as spaCy should see it, of the same length, and notes on what was replaced.

    Returns ``text`` itself (no copy) when nothing needs replacing."""
    if not _maybe_dirty(text):
        return text, ()
    notes: list[str] = []
    clean = text
    if _SURROGATE.search(clean):
        clean, n = _SURROGATE.subn("\ufffd", clean)
        notes.append(f"surrogates: {n} lone surrogate(s) shown to spaCy as U+FFFD")
    if _CONTROL.search(clean):
        clean, n = _CONTROL.subn(" ", clean)
        notes.append(f"control characters: {n} shown to spaCy as spaces")
    if _PUNCT_RUN.search(clean):
        clean, n = _PUNCT_RUN.subn(_spaces, clean)
        notes.append(
            f"punctuation runs: {n} run(s) longer than {MAX_PUNCT_RUN} characters shown to "
            "spaCy as spaces"
        )
    assert len(clean) == len(text)
    return clean, tuple(notes)
