"""Exceptions raised by wirenlp."""

from __future__ import annotations

__all__ = ["KnowledgeBaseError", "ModelNotFoundError", "ReferenceTimeError", "WirenlpError"]


class WirenlpError(Exception):
    """Base class of wirenlp's own errors."""


class ModelNotFoundError(WirenlpError, LookupError):
    """A named spaCy pipeline or path is not installed; the message says how to install it."""


class KnowledgeBaseError(WirenlpError, ValueError):
    """A knowledge-base file or record is invalid; the message names the file and line."""


class ReferenceTimeError(WirenlpError, ValueError):
    """A reference time without a time zone (a naive datetime), or an unknown time zone name."""
