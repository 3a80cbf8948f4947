"""Ritzau RBNews XML and other simple XML item formats, and the fallback for unknown XML.

Ritzau: headline ``headline`` (can be nil), body ``content`` (escaped HTML), dateline in
metadata only: ``town`` + ``origin`` (``/ritzau/``); ``byLine``, ``strapline``, ``section``.
Unknown XML is read with the same hardened parser: the first headline-like element
(``headline``, ``HeadLine``, ``title``, ``hl1``) and the paragraphs of the first body-like
element, so that variants of known formats still give their text.
"""

from __future__ import annotations

from ..parsing.agencies import lookup as lookup_agency
from .common import RawItem, compose_dateline, parse_datetime
from .xml import Element, descendants, html_paragraphs, local, paragraphs, text_of

__all__ = ["is_ritzau", "read_generic_xml", "read_ritzau"]

_ITEM_NAMES = ("item", "article", "news", "newsitem", "story", "message", "document")


def is_ritzau(root: Element) -> bool:
    """True for a document with Ritzau's ``town``/``origin`` and ``content`` elements."""
    if local(root).lower() == "rbnews":
        return True
    names = {local(el).lower() for el in root.iter()}
    return "content" in names and ("town" in names or "origin" in names or "strapline" in names)


def _first(el: Element, *names: str) -> str | None:
    found = next(descendants(el, *names), None)
    value = text_of(found) if found is not None else ""
    return value or None


def _units(root: Element) -> list[Element]:
    """One element per item: repeated item-like children, else the root."""
    for name in _ITEM_NAMES:
        found = [el for el in root.iter() if local(el).lower() == name and el is not root]
        if len(found) > 1 and all(
            next(descendants(f, "content", "body"), None) is not None for f in found
        ):
            return found
    return [root]


def read_ritzau(root: Element) -> list[RawItem]:
    """A Ritzau RBNews document → its items."""
    out = []
    for unit in _units(root):
        item = RawItem(format="ritzau")
        item.headline = _first(unit, "headline", "title")
        content = next(descendants(unit, "content"), None)
        if content is not None:
            item.paragraphs = paragraphs(content) if len(content) else html_paragraphs(content.text)
        town = _first(unit, "town", "city")
        origin = _first(unit, "origin", "source")
        item.byline = _first(unit, "byLine", "byline")
        agency = "ritzau"
        if origin and (origin.startswith("/") or lookup_agency(origin.strip("/ ")) is not None):
            agency = origin.strip("/ ")  # "/ritzau/", "/ritzau/AFP"
        elif origin and not item.byline:
            item.byline = origin  # a person's name
        item.agency = agency
        item.dateline = compose_dateline(town, agency)
        item.dateline_text = item.dateline.text if item.dateline is not None else None
        strap = _first(unit, "strapline")
        if strap:
            item.keywords.append(strap)
        section = _first(unit, "section")
        if section:
            item.subjects.append(section)
        item.id = _first(unit, "NewsID", "id", "guid")
        item.version = _first(unit, "version")
        item.created = parse_datetime(_first(unit, "PublishDate", "created", "date"))
        priority = _first(unit, "Priority")
        item.priority = int(priority) if priority and priority.isdigit() else None
        item.language = _first(unit, "language", "lang")
        out.append(item)
    return out


_HEADLINES = ("headline", "hl1", "title", "rubrik", "heading")
_BODIES = ("body.content", "bodytext", "body", "content", "text", "brodtext", "story")


def read_generic_xml(root: Element) -> list[RawItem]:
    """Any other XML: a headline-like element and the paragraphs of a body-like element."""
    item = RawItem(format="xml")
    item.headline = _first(root, *_HEADLINES)
    for name in _BODIES:
        body = next(descendants(root, name), None)
        if body is None:
            continue
        item.paragraphs = paragraphs(body) if len(body) else html_paragraphs(body.text)
        if item.paragraphs:
            break
    if not item.paragraphs:
        item.paragraphs = [p for p in paragraphs(root) if p != item.headline]
    item.dateline_text = _first(root, "dateline")
    item.agency = _first(root, "creditline", "credit", "provider", "source", "distributor")
    return [item]
