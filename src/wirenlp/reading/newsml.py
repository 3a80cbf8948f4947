"""IPTC NewsML 1.2 envelopes (ANP via Belga, AFP, Kyodo, ATS, EFE, TASS, Belga's own profile).

Each ``NewsItem`` gives one item per story component: a ``NewsComponent`` with its own
``NewsLines/HeadLine`` or ``xml:lang`` (Belga sends one component per language). Headline:
``NewsLines/HeadLine`` (else a ``Role=Title`` component). Body: the text ``ContentItem``
s — NITF in ``DataContent``, bare ``p`` elements (AFP 2024), or (escaped) HTML/plain text.
Dateline in metadata: ``NewsLines/DateLine`` (AFP puts the whole dateline there and none in the
body), else ``DescriptiveMetadata/Location[@HowPresent="Origin"]`` ``City`` with the credit
line (Belga). An audio-bulletin script (stories separated by ``***``) gives one item per story.
"""

from __future__ import annotations

import re

import attrs

from ..parsing.agencies import lookup as lookup_agency
from .common import RawItem, agency_code, as_int, compose_dateline, parse_datetime
from .nitf import fill_from_nitf
from .xml import (
    Element,
    child,
    children,
    clean,
    descendants,
    first_text,
    html_paragraphs,
    local,
    paragraphs,
    text_of,
)

__all__ = ["read_newsml"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Belga's roles of a 2nd-level component that is an item of its own
_STORY_ROLES = frozenset({"text", "alert", "short", "brief", "original"})
_NOT_BODY = frozenset({"caption", "photo", "picture", "graphic", "video", "audio", "abstract"})
_SEPARATOR = re.compile(r"^\s*(?:\*\s*){3,}$")


def read_newsml(root: Element) -> list[RawItem]:
    """A NewsML 1.2 document → its items in document order."""
    envelope = child(root, "NewsEnvelope")
    sent_from = first_text(envelope, "SentFrom/Party") or _formal(child(envelope, "SentFrom"))
    priority = as_int(_formal(child(envelope, "Priority")))
    items: list[RawItem] = []
    news_items = list(descendants(root, "NewsItem")) or [root]
    for news_item in news_items:
        for component, inherited in _stories(news_item):
            for item in _read_story(news_item, component, inherited):
                if not item.agency:
                    item.agency = sent_from
                if item.priority is None:
                    item.priority = priority
                items.append(item)
    return items


def _formal(el: Element | None) -> str | None:
    if el is None:
        return None
    value = el.get("FormalName")
    if value:
        return value
    party = child(el, "Party")
    return party.get("FormalName") if party is not None else None


def _stories(news_item: Element) -> list[tuple[Element, list[Element]]]:
    """Story components of a NewsItem and their ancestors (nearest first)."""
    top = child(news_item, "NewsComponent")
    if top is None:
        return [(news_item, [])]
    found: list[tuple[Element, list[Element]]] = []

    def visit(comp: Element, ancestors: list[Element]) -> None:
        with_text = [s for s in children(comp, "NewsComponent") if _has_text(s)]
        own_text = any(_is_text_item(ci) for ci in children(comp, "ContentItem"))
        if not own_text and len(with_text) == 1 and _role(with_text[0]) not in _NOT_BODY:
            visit(with_text[0], [comp, *ancestors])  # a wrapper (TASS, AFP's Main component)
            return
        if not own_text and len(with_text) > 1 and all(_is_story(s) for s in with_text):
            for sub in with_text:  # one story per language (Belga) or per item
                visit(sub, [comp, *ancestors])
            return
        found.append((comp, ancestors))

    visit(top, [])
    return found


def _is_story(comp: Element) -> bool:
    lines = child(comp, "NewsLines")
    return (
        comp.get(_XML_LANG) is not None
        or _role(comp) in _STORY_ROLES
        or (lines is not None and bool(first_text(lines, "HeadLine")))
    )


def _has_text(comp: Element) -> bool:
    return any(_is_text_item(ci) for ci in descendants(comp, "ContentItem"))


def _is_text_item(ci: Element) -> bool:
    media = (_formal(child(ci, "MediaType")) or "").lower()
    if media and media not in ("text", "complexdata"):
        return False
    return child(ci, "DataContent") is not None


def _role(comp: Element) -> str:
    return (_formal(child(comp, "Role")) or "").lower()


def _read_story(news_item: Element, comp: Element, ancestors: list[Element]) -> list[RawItem]:
    chain = [comp, *ancestors]
    item = RawItem(format="newsml")
    ident = child(news_item, "Identification", "NewsIdentifier")
    item.id = first_text(ident, "PublicIdentifier", "NewsItemId")
    item.version = first_text(ident, "RevisionId")
    management = child(news_item, "NewsManagement")
    item.created = parse_datetime(first_text(management, "FirstCreated"))
    item.modified = parse_datetime(first_text(management, "ThisRevisionCreated"))
    item.priority = as_int(_formal(child(management, "Urgency")))
    credit = None
    for c in chain:
        lines = child(c, "NewsLines")
        if lines is None:
            continue
        item.headline = item.headline or first_text(lines, "HeadLine")
        item.byline = item.byline or first_text(lines, "ByLine")
        item.dateline_text = item.dateline_text or first_text(lines, "DateLine")
        credit = credit or first_text(lines, "CreditLine")
        item.slug = item.slug or first_text(lines, "SlugLine")
        keyword_line = first_text(lines, "KeywordLine")
        if keyword_line:
            item.keywords.extend(k for k in re.split(r"[;,]", keyword_line) if k.strip())
    city = country = None
    for c in chain:
        meta = child(c, "DescriptiveMetadata|DescriptiveMetada")  # Belga files misspell it
        if meta is None:
            continue
        item.language = item.language or _formal(child(meta, "Language"))
        for subject in descendants(meta, "Subject", "SubjectMatter", "SubjectDetail"):
            code = subject.get("FormalName")
            if code:
                item.subjects.append(code)
        for prop in children(meta, "Property"):
            if (prop.get("FormalName") or "").lower() == "keyword" and prop.get("Value"):
                item.keywords.extend(k for k in prop.get("Value", "").split(";") if k.strip())
        for location in children(meta, "Location"):
            how = (location.get("HowPresent") or "origin").lower()
            if how != "origin":
                continue
            for prop in descendants(location, "Property"):
                name = (prop.get("FormalName") or "").lower()
                if name == "city" and not city:
                    city = clean(prop.get("Value")) or None
                elif name == "country" and not country:
                    country = clean(prop.get("Value")) or None
        if city:
            break
    if not item.headline:  # NewsLines in a nested component that is not a story of its own
        for lines in descendants(comp, "NewsLines"):
            item.headline = first_text(lines, "HeadLine")
            item.dateline_text = item.dateline_text or first_text(lines, "DateLine")
            item.byline = item.byline or first_text(lines, "ByLine")
            credit = credit or first_text(lines, "CreditLine")
            if item.headline:
                break
    sources: list[str] = []
    for c in chain:
        admin = child(c, "AdministrativeMetadata")
        for name in ("Source", "Provider", "Creator"):
            value = _formal(child(admin, name))
            if value:
                sources.append(value)
        for prop in children(admin, "Property"):
            if (prop.get("FormalName") or "").lower() == "priority" and item.priority is None:
                item.priority = as_int(prop.get("Value"))
    # the credit line is the agency at AFP and ANP, a person's initials at Belga: take the
    # first candidate that is a known agency, else the first one
    provider_id = first_text(ident, "ProviderId")
    candidates = [c for c in (credit, *sources, provider_id) if c]
    known = [c for c in candidates if lookup_agency(agency_code(c) or "") is not None]
    item.agency = (known or candidates)[0] if candidates else None
    item.language = item.language or comp.get(_XML_LANG)
    if not item.dateline_text and city:
        item.dateline = compose_dateline(city, agency_code(known[0]) if known else None)
    # body: the text content items of this component, title components as headline
    for ci in _content_items(comp):
        owner = ci.getparent()
        role = _role(owner) if owner is not None else ""
        data = child(ci, "DataContent")
        if data is None:
            continue
        if role in ("title", "headline"):
            item.headline = item.headline or text_of(data)
            continue
        if role in _NOT_BODY:
            continue
        nitf = next(descendants(data, "nitf"), None)
        if nitf is not None:
            sub = RawItem(format="nitf")
            fill_from_nitf(sub, nitf)
            item.paragraphs.extend(sub.paragraphs)
            item.headline = item.headline or sub.headline
            item.entities.extend(sub.entities)
            if not item.dateline_text and sub.dateline_text:
                item.dateline_text, item.dateline = sub.dateline_text, sub.dateline
        elif len(data):
            item.paragraphs.extend(paragraphs(data))
        else:
            item.paragraphs.extend(html_paragraphs(data.text))
    return _split_bulletin(item)


def _content_items(comp: Element) -> list[Element]:
    """Text ContentItems of ``comp`` and its non-story sub-components, in document order."""
    out: list[Element] = []
    for ci in descendants(comp, "ContentItem"):
        if not _is_text_item(ci):
            continue
        owner = ci.getparent()
        nested_story = False
        while owner is not None and owner is not comp:
            if local(owner) == "NewsComponent" and _is_story(owner) and owner.get(_XML_LANG):
                nested_story = True
                break
            owner = owner.getparent()
        if not nested_story:
            out.append(ci)
    return out


def _split_bulletin(item: RawItem) -> list[RawItem]:
    """An audio-bulletin script holds stories separated by ``***``: one item per story."""
    if not any(_SEPARATOR.match(p) for p in item.paragraphs):
        return [item]
    chunks: list[list[str]] = [[]]
    for p in item.paragraphs:
        if _SEPARATOR.match(p):
            chunks.append([])
        else:
            chunks[-1].append(p)
    chunks = [c for c in chunks if c]
    out = []
    for n, chunk in enumerate(chunks):
        part = _copy(item)
        part.paragraphs = chunk
        part.headline = item.headline if n == 0 else None
        out.append(part)
    return out or [item]


def _copy(item: RawItem) -> RawItem:
    return attrs.evolve(
        item,
        keywords=list(item.keywords),
        subjects=list(item.subjects),
        entities=list(item.entities),
    )
