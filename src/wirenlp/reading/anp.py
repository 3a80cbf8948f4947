"""ANP's own deliveries: the News API JSON (``item-detail``/list) and the RSS playlist feeds.

API JSON: headline ``data.title``, body ``data.bodyText`` (HTML ``<p>``; the dateline is only
its first words), agency ``data.sourceTitle`` (``ANP 101``, ``AFN``), ANP's own
``entities[]`` kept as :class:`~wirenlp.MetaEntity`. RSS: parsed with feedparser after the
bytes passed the hardened XML check; headline ``title``, body ``content`` (HTML) else
``summary``, ANP extension fields ``anp_*``.
"""

from __future__ import annotations

from typing import Any

from ..errors import WireFormatError
from ..records import MetaEntity
from .common import RawItem, as_int, parse_datetime
from .xml import clean, html_paragraphs, neutralised_bytes

__all__ = ["is_anp_json", "read_anp_json", "read_rss"]


def is_anp_json(doc: Any) -> bool:
    """True for an ANP News API response (``{"data": {…title, bodyText…}}`` or a list)."""
    data = doc.get("data") if isinstance(doc, dict) else None
    records = data if isinstance(data, list) else [data]
    return any(isinstance(r, dict) and ("bodyText" in r or "sourceTitle" in r) for r in records)


def read_anp_json(doc: Any) -> list[RawItem]:
    """An ANP News API response → its items."""
    data = doc.get("data") if isinstance(doc, dict) else None
    records = data if isinstance(data, list) else [data]
    return [_item(r) for r in records if isinstance(r, dict)]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.replace(";", ",").split(",") if v.strip()]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _item(r: dict[str, Any]) -> RawItem:
    item = RawItem(format="anp-json")
    item.headline = _str(r.get("title"))
    item.paragraphs = html_paragraphs(_str(r.get("bodyText")) or _str(r.get("body")) or "")
    item.id = _str(r.get("itemId")) or _str(r.get("id"))
    version = r.get("version")
    item.version = str(version) if isinstance(version, int | str) and version != "" else None
    item.agency = _str(r.get("sourceTitle")) or "ANP"
    authors = _strings(r.get("authors"))
    item.byline = ", ".join(authors) if authors else None
    item.created = parse_datetime(r.get("pubDate") or r.get("firstIssueDate"))
    item.modified = parse_datetime(r.get("modified"))
    item.keywords = _strings(r.get("keywords"))
    item.subjects = _strings(r.get("categories")) or _strings(r.get("category"))
    item.priority = as_int(r.get("urgency"))
    item.language = _str(r.get("language")) or _str(r.get("lang"))
    for ent in r.get("entities") or []:
        if isinstance(ent, dict) and _str(ent.get("value")):
            ident = ent.get("id")
            item.entities.append(
                MetaEntity(
                    clean(ent["value"]),
                    _str(ent.get("kind")) or "other",
                    str(ident) if isinstance(ident, int | str) else None,
                )
            )
    return item


def read_rss(data: bytes, source: str | None) -> list[RawItem]:
    """An RSS/Atom feed (ANP playlist feeds) → one item per entry."""
    try:
        import feedparser
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise WireFormatError(
            "reading RSS needs feedparser (pip install feedparser)", source
        ) from exc
    data = neutralised_bytes(data, source)  # no DTD subset reaches feedparser
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if feed.get("bozo") and not feed.get("entries"):
        raise WireFormatError(f"malformed feed: {feed.get('bozo_exception')}", source)
    language = feed.get("feed", {}).get("language")
    out = []
    for entry in feed.get("entries", []):
        item = RawItem(format="rss")
        item.headline = _str(entry.get("title"))
        content = entry.get("content") or []
        body = content[0].get("value") if content else None
        item.paragraphs = html_paragraphs(_str(body) or _str(entry.get("summary")) or "")
        item.id = _str(entry.get("id")) or _str(entry.get("link"))
        item.byline = _str(entry.get("author"))
        item.agency = _str(entry.get("anp_provider")) or _str(entry.get("dc_source"))
        if item.agency or any(k.startswith("anp_") for k in entry):
            item.format = "anp-rss"
        item.created = _struct_time(entry.get("published_parsed"))
        if "updated" in entry:  # (feedparser maps a missing one to published, with a warning)
            item.modified = _struct_time(entry.get("updated_parsed"))
        item.keywords = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        item.keywords += _strings(entry.get("anp_keywords"))
        item.priority = as_int(entry.get("anp_priority"))
        item.version = _str(entry.get("anp_version"))
        item.language = _str(entry.get("anp_lang")) or language
        country = _str(entry.get("anp_country"))
        if country:
            item.subjects.append(country)
        out.append(item)
    return out


def _struct_time(value: Any) -> Any:
    if value is None:
        return None
    import calendar
    from datetime import datetime, timezone

    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None
