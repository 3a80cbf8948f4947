"""IPTC ninjs JSON (1.x, 2.x, 3.x) and the Reuters Connect API JSON.

ninjs: headline ``headline`` (2.x/3.x: ``headlines[]``), body ``body_html``/``body_xhtml``
(paragraphs), else ``body_text`` (2.x/3.x: ``bodies[]``); the dateline is in the body;
``located`` is kept. Reuters Connect: ``data.item.headLine``, ``data.item.bodyXhtml``.
"""

from __future__ import annotations

from typing import Any

from ..records import MetaEntity
from .common import RawItem, as_int, parse_datetime
from .xml import html_paragraphs

__all__ = ["is_ninjs", "is_reuters_json", "read_generic_json", "read_ninjs", "read_reuters_json"]

_NINJS_KEYS = frozenset(
    {"headline", "headlines", "body_text", "body_html", "body_xhtml", "bodies", "uri", "guid",
     "description_text", "description_html", "located", "versioncreated", "firstcreated",
     "byline", "copyrightholder", "urgency", "associations"}
)  # fmt: skip


def is_ninjs(doc: Any) -> bool:
    """True for a ninjs object (or a list of them)."""
    records = doc if isinstance(doc, list) else [doc]
    return any(isinstance(r, dict) and len(_NINJS_KEYS & r.keys()) >= 2 for r in records)


def is_reuters_json(doc: Any) -> bool:
    """True for a Reuters Connect API response (``{"data": {"item": {…headLine…}}}``)."""
    data = doc.get("data") if isinstance(doc, dict) else None
    item = data.get("item") if isinstance(data, dict) else None
    return isinstance(item, dict) and ("headLine" in item or "bodyXhtml" in item)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _pick(values: Any, key: str = "value") -> str | None:
    """ninjs 2/3 ``headlines``/``bodies``: a list of ``{role, contenttype, value}``."""
    if not isinstance(values, list):
        return None
    for v in values:
        if isinstance(v, dict) and _str(v.get(key)) and v.get("role") in (None, "main", "default"):
            return str(v[key])
    for v in values:
        if isinstance(v, dict) and _str(v.get(key)):
            return str(v[key])
    return None


def read_ninjs(doc: Any) -> list[RawItem]:
    """A ninjs object (or list) → its items."""
    records = doc if isinstance(doc, list) else [doc]
    return [_ninjs(r) for r in records if isinstance(r, dict)]


def _ninjs(r: dict[str, Any]) -> RawItem:
    item = RawItem(format="ninjs")
    item.headline = _str(r.get("headline")) or _pick(r.get("headlines"))
    body = (
        _str(r.get("body_html"))
        or _str(r.get("body_xhtml"))
        or _pick(r.get("bodies"))
        or _str(r.get("body_text"))
        or _str(r.get("description_html"))
        or _str(r.get("description_text"))
        or ""
    )
    item.paragraphs = html_paragraphs(body)
    item.id = _str(r.get("uri")) or _str(r.get("guid")) or _str(r.get("id"))
    version = r.get("version")
    item.version = str(version) if isinstance(version, int | str) and version != "" else None
    byline = r.get("byline")
    if isinstance(byline, list):
        byline = ", ".join(b.get("name", "") for b in byline if isinstance(b, dict))
    item.byline = _str(byline)
    item.created = parse_datetime(r.get("firstcreated"))
    item.modified = parse_datetime(r.get("versioncreated"))
    item.language = _str(r.get("language"))
    item.priority = as_int(r.get("urgency")) or as_int(r.get("priority"))
    located = r.get("located")
    if isinstance(located, dict):
        located = located.get("name")
    item.located = _str(located)
    item.agency = _str(r.get("copyrightholder")) or _agency_of(r.get("infosources"))
    keywords = r.get("keywords")
    item.keywords = (
        [k for k in keywords if isinstance(k, str)] if isinstance(keywords, list) else []
    )
    for subject in r.get("subject") or r.get("subjects") or []:
        if isinstance(subject, dict):
            code = subject.get("code") or subject.get("uri") or subject.get("name")
            if isinstance(code, str):
                item.subjects.append(code)
            name = subject.get("name")
            kind = subject.get("scheme") or subject.get("type")
            if isinstance(name, str) and isinstance(kind, str) and kind in ("person", "org"):
                item.entities.append(
                    MetaEntity(name, kind, code if isinstance(code, str) else None)
                )
    for key, kind in (
        ("people", "person"),
        ("organisations", "organisation"),
        ("places", "location"),
    ):
        for ent in r.get(key) or []:
            if isinstance(ent, dict) and _str(ent.get("name")):
                uri = ent.get("uri")
                item.entities.append(
                    MetaEntity(ent["name"], kind, uri if isinstance(uri, str) else None)
                )
    return item


def _agency_of(sources: Any) -> str | None:
    if isinstance(sources, list):
        for s in sources:
            if isinstance(s, dict) and _str(s.get("name")):
                return str(s["name"])
    return None


def read_reuters_json(doc: Any) -> list[RawItem]:
    """A Reuters Connect API item response → one item."""
    r = doc["data"]["item"]
    item = RawItem(format="reuters-json")
    item.headline = _str(r.get("headLine"))
    item.paragraphs = html_paragraphs(_str(r.get("bodyXhtml")) or _str(r.get("bodyText")) or "")
    item.id = _str(r.get("versionedGuid")) or _str(r.get("uri")) or _str(r.get("id"))
    item.byline = _str(r.get("byLine"))
    item.agency = "Reuters"
    item.created = parse_datetime(r.get("firstCreated"))
    item.modified = parse_datetime(r.get("versionCreated"))
    item.language = _str(r.get("language"))
    item.priority = as_int(r.get("urgency"))
    slug = _str(r.get("slug"))
    if slug:
        item.keywords.append(slug)
    return [item]


_HEAD_KEYS = ("headline", "headLine", "title", "hl1")
_BODY_KEYS = ("bodyText", "body_html", "body_xhtml", "bodyXhtml", "body", "body_text", "text",
              "content", "description")  # fmt: skip


def read_generic_json(doc: Any, depth: int = 0) -> list[RawItem]:
    """JSON of no known shape: every object (searched depth-first, 6 levels deep) that has a
    headline-like and a body-like string field is an item (format ``"json"``)."""
    if depth > 6:
        return []
    if isinstance(doc, list):
        return [item for v in doc for item in read_generic_json(v, depth + 1)]
    if not isinstance(doc, dict):
        return []
    head = next((doc[k] for k in _HEAD_KEYS if _str(doc.get(k))), None)
    body = next((doc[k] for k in _BODY_KEYS if _str(doc.get(k))), None)
    if body is None and head is not None and len(doc) >= 4 and depth <= 2:
        # an item record with no text of its own (AP Media API: the text is a separate
        # rendition): its headline and summary
        body = next(
            (doc[k] for k in ("summary", "abstract", "headline_extended") if _str(doc.get(k))), ""
        )
    if head is not None and body is not None:
        item = RawItem(format="json")
        item.headline = head
        item.paragraphs = html_paragraphs(body)
        item.id = _str(doc.get("id")) or _str(doc.get("guid")) or _str(doc.get("uri"))
        item.created = parse_datetime(doc.get("pubDate") or doc.get("firstcreated"))
        item.agency = _str(doc.get("source")) or _str(doc.get("provider"))
        item.language = _str(doc.get("language"))
        return [item]
    return [item for v in doc.values() for item in read_generic_json(v, depth + 1)]
