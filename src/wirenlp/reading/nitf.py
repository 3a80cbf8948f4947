"""IPTC NITF 3.x (AP, CP, AAP, PA, ANSA, Ritzau via NTB), standalone or inside NewsML.

Headline: ``body.head/hedline/hl1``, else ``head/title``. Body: ``body.content`` blocks.
Dateline: ``body.head/dateline`` as free text, or its ``location``/``city``/``state``/
``country`` parts (plus ``story.date``). Agency: ``distributor``, ``doc.copyright@holder``,
``<meta name="…">``. PA's inline ``<person>/<org>/<location>`` tags become
:class:`~wirenlp.MetaEntity` records.
"""

from __future__ import annotations

from ..records import MetaEntity
from .common import RawItem, as_int, compose_dateline, meta_dateline, parse_datetime
from .xml import (
    Element,
    child,
    children,
    clean,
    descendants,
    first_text,
    local,
    paragraphs,
    text_of,
)

__all__ = ["fill_from_nitf", "read_nitf"]


def read_nitf(root: Element) -> list[RawItem]:
    """A NITF document → one item."""
    item = RawItem(format="nitf")
    fill_from_nitf(item, root)
    return [item]


def fill_from_nitf(item: RawItem, nitf: Element) -> None:
    """Fill the fields of ``item`` that are still empty from a ``nitf`` (or NITF ``body``)
    element."""
    head = child(nitf, "head")
    body = nitf if local(nitf).lower() == "body" else child(nitf, "body")
    body_head = child(body, "body.head")
    if not item.headline:
        item.headline = first_text(
            body_head, "hedline/hl1", "hedline", "headline/hl1", "headline"
        ) or first_text(head, "title")
    content = child(body, "body.content") if body is not None else None
    if content is None:
        content = body
    if not item.paragraphs:
        item.paragraphs = paragraphs(content)
    if not item.byline:
        byline = child(body_head, "byline")
        if byline is not None:  # "By Jane Doe<byttl>The Canadian Press</byttl>": keep a gap
            item.byline = clean(" ".join(t for t in byline.itertext() if isinstance(t, str)))
    if item.dateline is None and not item.dateline_text:
        _dateline(item, body_head)
    if item.dateline is None and not item.dateline_text:
        evloc = child(head, "docdata", "evloc")
        city = evloc.get("city") if evloc is not None else None
        if city:
            item.dateline_text = city
            item.dateline = compose_dateline(city, None)
    if not item.agency:
        item.agency = (
            first_text(body_head, "distributor")
            or _attr(head, ("docdata", "doc.copyright"), "holder")
            or _meta(head, "provider", "agency", "source", "distributor")
        )
    docdata = child(head, "docdata")
    if docdata is not None:
        if not item.id:
            doc_id = child(docdata, "doc-id")
            item.id = (doc_id.get("id-string") if doc_id is not None else None) or None
        if item.created is None:
            issue = child(docdata, "date.issue")
            item.created = parse_datetime(issue.get("norm") if issue is not None else None)
        du_key = child(docdata, "du-key")  # the NITF slug
        if du_key is not None and not item.slug:
            item.slug = du_key.get("key") or None
        if item.priority is None:
            urgency = child(docdata, "urgency")
            item.priority = as_int(urgency.get("ed-urg")) if urgency is not None else None
        for kw in descendants(docdata, "keyword"):
            value = kw.get("key") or text_of(kw)
            if value:
                item.keywords.append(value)
    if head is not None:
        for tag in descendants(head, "tobject.subject"):
            code = tag.get("tobject.subject.refnum") or tag.get("tobject.subject.code")
            if code:
                item.subjects.append(code)
    if not item.language:
        item.language = nitf.get("{http://www.w3.org/XML/1998/namespace}lang") or _meta(
            head, "language", "lang"
        )
    item.entities.extend(inline_entities(content))


def _attr(el: Element | None, path: tuple[str, ...], name: str) -> str | None:
    found = child(el, *path)
    return found.get(name) if found is not None else None


def _meta(head: Element | None, *names: str) -> str | None:
    for meta in children(head, "meta"):
        if (meta.get("name") or "").lower() in names and meta.get("content"):
            return meta.get("content")
    return None


def _dateline(item: RawItem, body_head: Element | None) -> None:
    dateline = child(body_head, "dateline")
    if dateline is None:
        return
    parts = {local(c).lower(): text_of(c) for c in dateline.iter() if c is not dateline}
    city = parts.get("city") or parts.get("location.city")
    if city is None and "location" in parts:
        location = child(dateline, "location")
        inner = (
            {local(c).lower(): text_of(c) for c in location.iter() if c is not location}
            if location is not None
            else {}
        )
        city = inner.get("city")
        if city is None and not inner:
            city = parts["location"]
    free = (dateline.text or "").strip()
    if free and not city:  # free text: "NEW YORK, Dec. 10 (AP) -" or "OTTAWA"
        item.dateline_text = text_of(dateline)
        item.dateline = meta_dateline(item.dateline_text)
        return
    if city:
        item.dateline_text = city
        item.dateline = compose_dateline(city, None)


_ENTITY_TAGS = {
    "person": "person",
    "org": "organisation",
    "organization": "organisation",
    "location": "location",
    "event": "event",
    "object.title": "other",
}


def inline_entities(content: Element | None) -> list[MetaEntity]:
    """NITF inline entity tags (``<person>``, ``<org>``, ``<location>`` …) in body text."""
    out: list[MetaEntity] = []
    if content is None:
        return out
    for el in content.iter():
        kind = _ENTITY_TAGS.get(local(el).lower())
        if kind is None:
            continue
        value = text_of(el)
        if value:
            out.append(MetaEntity(value, kind, el.get("value") or el.get("id") or None))
    return out
