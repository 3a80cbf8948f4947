"""IPTC NewsML-G2 (Reuters, dpa, AP, ANSA, STT, TT, Scoop): ``newsMessage``, ``newsItem``.

One item per text ``newsItem`` (an AP package holds several). Headline:
``contentMeta/headline`` (the first, or ``role`` main). Body: ``contentSet/inlineXML`` —
XHTML (dpa's ``<header>`` with genre and title is skipped), NITF, or TT's own TT-NITF
(``RUBRIK``, ``DAT/ORT``, ``DAT/SOURCE``, ``INGRESS``, ``BRODTEXT``) — or ``inlineData`` (CDATA
HTML or plain text). Dateline in metadata: ``contentMeta/dateline`` (Reuters puts a timestamp
there: ignored as a dateline, kept in ``dateline_text``), else TT's ``ORT``; ``located`` is
kept as delivered (Reuters: the editing desk) and used as the metadata dateline only when
there is no other and the body has none.
"""

from __future__ import annotations

from ..parsing.agencies import lookup as lookup_agency
from .common import (
    RawItem,
    agency_code,
    as_int,
    compose_dateline,
    meta_dateline,
    parse_datetime,
)
from .nitf import fill_from_nitf, inline_entities
from .xml import (
    Element,
    child,
    children,
    descendants,
    first_text,
    html_paragraphs,
    local,
    paragraphs,
    text_of,
)

__all__ = ["read_g2"]


def read_g2(root: Element) -> list[RawItem]:
    """A NewsML-G2 document → one item per text ``newsItem``, in document order."""
    items = [root] if local(root) == "newsItem" else list(descendants(root, "newsItem"))
    texts = []
    for news_item in items:
        item_class = child(news_item, "itemMeta", "itemClass")
        qcode = (item_class.get("qcode") or "") if item_class is not None else ""
        if any(kind in qcode for kind in ("picture", "photo", "graphic", "video", "audio")):
            continue  # pictures, graphics, video: read only when there is no text item
        texts.append(news_item)
    if not items:  # a package of references only: each itemRef's title and description
        return _item_refs(root)
    return [_read_item(news_item) for news_item in (texts or items)]


def _item_refs(root: Element) -> list[RawItem]:
    out = []
    for ref in descendants(root, "itemRef"):
        item = RawItem(format="g2")
        item.id = ref.get("residref")
        item.version = ref.get("version")
        item.headline = first_text(ref, "title", "headline")
        item.paragraphs = [text_of(d) for d in children(ref, "description") if text_of(d)]
        if item.headline or item.paragraphs:
            out.append(item)
    return out


def _name(el: Element | None) -> str | None:
    if el is None:
        return None
    return first_text(el, "name") or el.get("literal") or text_of(el) or None


def _read_item(news_item: Element) -> RawItem:
    item = RawItem(format="g2")
    item.id = news_item.get("guid")
    item.version = news_item.get("version")
    item_meta = child(news_item, "itemMeta")
    content_meta = child(news_item, "contentMeta")
    item.created = parse_datetime(
        first_text(item_meta, "firstCreated") or first_text(content_meta, "contentCreated")
    )
    item.modified = parse_datetime(
        first_text(item_meta, "versionCreated") or first_text(content_meta, "contentModified")
    )
    headlines = [h for h in children(content_meta, "headline") if text_of(h)]
    main = [h for h in headlines if "main" in (h.get("role") or "").lower()]
    not_sub = [h for h in headlines if "sub" not in (h.get("role") or "").lower()]
    chosen = (main or not_sub or headlines or [None])[0]
    item.headline = text_of(chosen) or first_text(item_meta, "title") or None
    item.byline = first_text(content_meta, "by")
    item.slug = first_text(content_meta, "slugline")
    item.dateline_text = first_text(content_meta, "dateline")
    item.language = _lang(content_meta) or news_item.get(
        "{http://www.w3.org/XML/1998/namespace}lang"
    )
    item.priority = as_int(first_text(content_meta, "urgency"))
    located = child(content_meta, "located")
    item.located = _name(located)
    provider = _name(child(item_meta, "provider")) or _qcode_tail(child(item_meta, "provider"))
    credit = first_text(content_meta, "creditline")
    sources = [credit, *(_name(i) or _qcode_tail(i) for i in children(content_meta, "infoSource")),
               provider, *_holders(news_item)]  # fmt: skip
    candidates: list[str] = [c for c in sources if c]
    known = [c for c in candidates if lookup_agency(agency_code(c) or "") is not None]
    item.agency = (known or candidates)[0] if candidates else None
    for kw in children(content_meta, "keyword"):
        value = text_of(kw)
        if value:
            item.keywords.append(value)
    for subject in children(content_meta, "subject"):
        code = subject.get("qcode") or subject.get("literal")
        if code:
            item.subjects.append(code)
    _body(item, news_item)
    for desc in children(content_meta, "description"):
        role = (desc.get("role") or "").lower()
        summary = text_of(desc)
        if ("summary" in role or "abstract" in role) and summary:
            # STT sends the lead only here: it opens the text, as the agency's own parsers do
            if not any(summary in p or p in summary for p in item.paragraphs[:2]):
                item.paragraphs.insert(0, summary)
            break
    if not item.paragraphs:  # a picture or video item: its caption is its text
        item.paragraphs = [text_of(d) for d in children(content_meta, "description") if text_of(d)]
    if item.dateline_text and not item.dateline:
        item.dateline = meta_dateline(item.dateline_text)
    return item


def _holders(news_item: Element) -> list[str]:
    """``rightsInfo/copyrightHolder`` names (the agency when the provider is a distributor)."""
    out = []
    for rights in children(news_item, "rightsInfo"):
        for holder in children(rights, "copyrightHolder"):
            name = _name(holder) or _qcode_tail(holder)
            if name:
                out.append(name)
    return out


def _lang(content_meta: Element | None) -> str | None:
    lang = child(content_meta, "language")
    return lang.get("tag") if lang is not None else None


def _qcode_tail(el: Element | None) -> str | None:
    if el is None:
        return None
    qcode = el.get("qcode") or ""
    return qcode.split(":", 1)[-1] or None


def _body(item: RawItem, news_item: Element) -> None:
    content_set = child(news_item, "contentSet")
    if content_set is None:
        return
    for inline in children(content_set, "inlineXML"):
        kids = [c for c in inline if local(c)]
        if not kids:
            continue
        top = kids[0]
        name = local(top).lower()
        if name == "nitf":
            fill_from_nitf(item, top)
        elif _is_tt(top):
            _tt(item, top)
        else:
            body = next(descendants(top, "body"), None) if name == "html" else top
            item.paragraphs = paragraphs(body if body is not None else top)
            item.entities.extend(inline_entities(top))
        if item.paragraphs:
            return
    for inline in children(content_set, "inlineData"):
        # CDATA HTML (ANSA) or plain text (paragraphs at blank lines)
        item.paragraphs = html_paragraphs(inline.text or "")
        if item.paragraphs:
            return


def _is_tt(el: Element) -> bool:
    return any(local(d).upper() in ("RUBRIK", "BRODTEXT", "INGRESS") for d in el.iter())


def _tt(item: RawItem, root: Element) -> None:
    """TT-NITF: RUBRIK headline, DAT/ORT place, DAT/SOURCE agency, INGRESS + BRODTEXT body."""
    rubrik = next(descendants(root, "RUBRIK"), None)
    if not item.headline and rubrik is not None:
        item.headline = text_of(rubrik)
    place = next(descendants(root, "ORT"), None)
    source = next(descendants(root, "SOURCE"), None)
    if place is not None and text_of(place):
        item.dateline = compose_dateline(
            text_of(place), text_of(source) if source is not None else None
        )
        item.dateline_text = item.dateline.text if item.dateline is not None else None
        if source is not None and text_of(source):
            item.agency = text_of(source)
    out: list[str] = []
    for el in root.iter():
        name = local(el).upper()
        if name == "INGRESS":
            value = text_of(el)
            if value:
                out.append(value)
        elif name == "BRODTEXT":
            out.extend(paragraphs(el))
    item.paragraphs = out
