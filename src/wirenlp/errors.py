"""Exceptions raised by wirenlp."""

from __future__ import annotations

__all__ = [
    "KnowledgeBaseError",
    "ModelNotFoundError",
    "ReferenceTimeError",
    "UnsafeInputError",
    "WireFormatError",
    "WirenlpError",
]


class WirenlpError(Exception):
    """Base class of wirenlp's own errors."""


class ModelNotFoundError(WirenlpError, LookupError):
    """A named spaCy pipeline or path is not installed; the message says how to install it."""


class KnowledgeBaseError(WirenlpError, ValueError):
    """A knowledge-base file or record is invalid; the message names the file and line."""


class ReferenceTimeError(WirenlpError, ValueError):
    """A reference time without a time zone (a naive datetime), or an unknown time zone name."""


class WireFormatError(WirenlpError, ValueError):
    """A wire file cannot be read: malformed, truncated, too large or of an unknown named
    format. The message names the file; ``source`` holds its name (or None)."""

    def __init__(self, message: str, source: str | None = None) -> None:
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message}")
        self.source = source
        self.reason = message


class UnsafeInputError(WireFormatError):
    """Input refused before it is parsed: XML entity declarations (billion laughs, external
    entities), a file over the size limit, a zip member that would inflate past it."""
