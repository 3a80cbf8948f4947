"""Exceptions raised by wirenlp."""

from __future__ import annotations

__all__ = ["KnowledgeBaseError", "ModelNotFoundError", "WirenlpError"]


class WirenlpError(Exception):
    """Base class of wirenlp's own errors."""


class ModelNotFoundError(WirenlpError, LookupError):
    """A named spaCy pipeline or path is not installed; the message says how to install it."""


class KnowledgeBaseError(WirenlpError, ValueError):
    """A knowledge-base file or record is invalid; the message names the file and line."""
