"""Content sniffing: which reader a file needs, from its first bytes, never its name."""

from __future__ import annotations

import re

__all__ = ["FORMATS", "sniff"]

#: Format names accepted by ``format=`` (``wirenlp.read``, the CLI's ``--format``, the docs):
#: ``"auto"`` sniffs each input's content; ``"jsonl"`` is JSON Lines of texts (one item per line).
FORMATS = (
    "auto",
    "zip",
    "jsonl",
    "json",
    "anp-json",
    "ninjs",
    "reuters-json",
    "newsml",
    "g2",
    "nitf",
    "rss",
    "ritzau",
    "xml",
    "html",
    "iptc7901",
    "anpa",
    "plain",
)

_ROOT = re.compile(
    rb"<(?!\?|!)(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)",
)
_SUBSET_OPEN = re.compile(rb"(?:<\?xml[^>]*\?>\s*)?<!DOCTYPE\s+[^\s\[>]+[^\[>]*\[")
_PROLOG = re.compile(rb"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.S)


def sniff(data: bytes) -> str:
    """The format of ``data``: ``"zip"``, ``"json"`` (decided further by its keys), an XML
    format (``"newsml"``, ``"g2"``, ``"nitf"``, ``"rss"``, ``"xml"``: unknown XML, read by the
    fallback reader), ``"anpa"``, ``"iptc7901"`` or ``"plain"``."""
    if data[:4] == b"PK\x03\x04":
        return "zip"
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:16384].decode("utf-16", errors="ignore").encode("utf-8")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    if stripped[:1] == b"<":
        kind = _xml_kind(stripped)
        if kind == "plain" and _SUBSET_OPEN.match(stripped):
            # a DOCTYPE subset longer than the head: look further, else unknown XML (which
            # goes through the hardened parser)
            kind = _xml_kind(data[: 1 << 20].lstrip(b"\xef\xbb\xbf \t\r\n"))
            kind = "xml" if kind == "plain" else kind
        return kind
    text = head.decode("latin-1")
    from .iptc7901 import is_anpa, is_iptc7901

    if is_anpa(text):
        return "anpa"
    if is_iptc7901(text):
        return "iptc7901"
    return "plain"


def _xml_kind(head: bytes) -> str:
    prolog = _PROLOG.match(head)
    m = _ROOT.match(head, prolog.end() if prolog else 0)
    if m is None:
        return "plain"
    root = m.group(1).decode("ascii", "replace").lower()
    if root == "newsml":
        return "newsml"
    if root in ("newsmessage", "newsitem", "packageitem"):
        return "g2"
    if root == "nitf":
        return "nitf"
    if root == "rbnews":
        return "ritzau"
    if root in ("rss", "rdf", "feed"):
        return "rss"
    if root == "html" or root in ("p", "div", "body"):
        return "html"
    return "xml"
