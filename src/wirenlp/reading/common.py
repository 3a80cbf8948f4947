"""What every reader shares: the item it hands over, the text it builds, metadata datelines,
agency codes and timestamps."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from ..parsing.agencies import lookup as lookup_agency
from ..parsing.datelines import match_dateline
from ..records import Agency, Dateline, ItemMeta, MetaEntity, Page, Span
from .xml import clean

__all__ = [
    "RawItem",
    "agency_code",
    "build_page",
    "compose_dateline",
    "meta_dateline",
    "parse_datetime",
    "with_agency",
]


@attrs.define
class RawItem:
    """One news item as a reader finds it, before the text is built and parsed."""

    format: str
    headline: str | None = None
    paragraphs: list[str] = attrs.Factory(list)
    id: str | None = None
    version: str | None = None
    language: str | None = None
    agency: str | None = None
    byline: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
    keywords: list[str] = attrs.Factory(list)
    subjects: list[str] = attrs.Factory(list)
    priority: int | None = None
    located: str | None = None
    dateline_text: str | None = None
    dateline: Dateline | None = None
    entities: list[MetaEntity] = attrs.Factory(list)
    slug: str | None = None
    word_count: int | None = None
    category: str | None = None
    kicker: str | None = None


def build_text(headline: str | None, paragraphs: Sequence[str]) -> str:
    """Headline, a blank line, then the body paragraphs joined by blank lines."""
    parts = [p for p in paragraphs if p]
    if headline:
        parts.insert(0, headline)
    return "\n\n".join(parts)


# ANSA's headlines open with ">>>ANSA/": a routing prefix, not part of the headline
_AGENCY_PREFIX = re.compile(r"^>{2,}\s*[A-Za-z][\w-]*\s*/\s*")


def build_page(
    item: RawItem, source: str | None, index: int, reference_time: datetime | None
) -> Page:
    """Build the text of ``item``, parse it, and attach its :class:`~wirenlp.ItemMeta`."""
    from ..parsing.page import parse

    headline = _AGENCY_PREFIX.sub("", clean(item.headline)) or None
    paragraphs = list(item.paragraphs)
    if headline is not None and paragraphs and paragraphs[0] == headline:
        paragraphs.pop(0)  # the body repeats the headline (an <h1>, a title paragraph)
    text = build_text(headline, paragraphs)
    page = parse(text, reference_time)
    if headline is not None:
        page = _pin_headline(page, headline)
    agency = agency_code(item.agency) if item.agency else None
    dateline = item.dateline
    if dateline is None and item.dateline_text:
        dateline = meta_dateline(item.dateline_text)
    if agency is None or lookup_agency(agency) is None:
        agency = _agency_from(dateline, page) or agency
    if dateline is not None and dateline.places and not dateline.agencies and agency:
        dateline = with_agency(dateline, agency)  # STT, TT, NTB: the provider is elsewhere
    notes = _compare_datelines(dateline, page)
    meta = ItemMeta(
        format=item.format,
        id=item.id or None,
        version=item.version or None,
        headline=headline,
        language=item.language or None,
        agency=agency,
        byline=clean(item.byline) or None,
        created=item.created,
        modified=item.modified,
        keywords=_unique(item.keywords),
        subjects=_unique(item.subjects),
        priority=item.priority,
        located=item.located or None,
        dateline_text=dateline.text if dateline is not None else (item.dateline_text or None),
        dateline=dateline,
        entities=item.entities,
        source_path=source,
        index=index,
        slug=clean(item.slug) or None,
        word_count=item.word_count,
        category=clean(item.category) or None,
        kicker=clean(item.kicker) or None,
    )
    return attrs.evolve(page, meta=meta, notes=(*page.notes, *notes))


def with_agency(dateline: Dateline, agency: str) -> Dateline:
    """A metadata dateline with places and no agency, read as the text dateline would be:
    ``"HELSINKI"`` with provider STT → ``"HELSINKI (STT)"`` (spans into the new text)."""
    info = lookup_agency(agency)
    if info is None:
        return dateline
    head = dateline.text[: dateline.end].rstrip(" -–—_=:")
    if not head or (dateline.places and dateline.places[-1].end > len(head)):
        return dateline
    text = f"{head} ({info.code})"
    start = len(head) + 2
    ag = Agency(info.code, start, start + len(info.code), info.code, info.name)
    date = dateline.date if dateline.date is not None and dateline.date.end <= len(head) else None
    return Dateline(text, 0, len(text), places=dateline.places, agencies=[ag], date=date)


def _place_key(text: str) -> str:
    base = unicodedata.normalize("NFKD", text.split(",")[0]).casefold()
    return "".join(c for c in base if c.isalnum())


def _compare_datelines(meta: Dateline | None, page: Page) -> list[str]:
    """A note when the metadata dateline and the body's disagree on place or agency (the
    body's dateline is the one in ``story.dateline``, with offsets into the text)."""
    body = next((s.dateline for s in page.stories if s.dateline is not None), None)
    if meta is None or body is None:
        return []
    differ = []
    meta_places = {_place_key(p.text) for p in meta.places} - {""}
    body_places = {_place_key(p.text) for p in body.places} - {""}
    if meta_places and body_places and not meta_places & body_places:
        differ.append("place")
    meta_codes = {a.code for a in meta.agencies if a.known}
    body_codes = {a.code for a in body.agencies if a.known}
    if meta_codes and body_codes and not meta_codes & body_codes:
        differ.append("agency")
    if not differ:
        return []
    return [
        f"metadata dateline {meta.text!r} and body dateline {body.text!r} disagree "
        f"({' and '.join(differ)}); the body's is used for offsets"
    ]


def _pin_headline(page: Page, headline: str) -> Page:
    """The format names the headline, which opens the text: when the parser did not take that
    line as the first story's headline (it ends in a colon, it is long …), make it so."""
    if not page.stories or page.stories[0].headline is not None:
        return page
    first = page.stories[0]
    end = len(headline)
    text = page.text
    if first.dateline is not None and first.dateline.start < end:
        return page  # the headline line is a dateline line
    if not (first.start == 0 or first.start >= end):
        return page
    body = first.body
    if body is not None and body.start < end:
        start = end
        while start < body.end and text[start].isspace():
            start += 1
        body = Span(text[start : body.end], start, body.end) if start < body.end else None
    story = attrs.evolve(first, start=0, headline=Span(headline, 0, end), body=body)
    return attrs.evolve(page, stories=(story, *page.stories[1:]))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        v = clean(v)
        if v:
            seen.setdefault(v, None)
    return tuple(seen)


def _agency_from(dateline: Dateline | None, page: Page) -> str | None:
    if dateline is not None and dateline.agencies:
        return dateline.agencies[0].code
    for story in page.stories:
        if story.dateline is not None and story.dateline.agencies:
            return story.dateline.agencies[0].code
    return None


_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*", re.UNICODE)


def agency_code(name: str | None) -> str | None:
    """A normalised agency code for a provider/credit/source string: ``"Reuters"`` → RTR,
    ``"ANP 101"`` → ANP, ``"Deutsche Presse-Agentur GmbH"`` → DPA; unknown names are kept
    upper-cased."""
    if not name:
        return None
    name = clean(name)
    if not name:
        return None
    info = lookup_agency(name)
    if info is not None:
        return info.code
    stripped = name.strip("/()[]: ").split(":")[-1]  # "nprov:dpa", "/ritzau/"
    info = lookup_agency(stripped)
    if info is not None:
        return info.code
    if "." in stripped and " " not in stripped:  # a domain: "belga.be", "afp.com"
        info = lookup_agency(stripped.split(".")[0])
        if info is not None:
            return info.code
    lowered = name.lower()
    for full, code in sorted(_FULL_NAMES, key=lambda pair: -len(pair[0])):
        if full in lowered:
            return code
    for word in _WORD.findall(stripped)[:4]:
        info = lookup_agency(word)
        if info is not None:
            return info.code
    return name.upper()


_FULL_NAMES = (
    ("algemeen nederlands persbureau", "ANP"),
    ("deutsche presse", "DPA"),
    ("agence france", "AFP"),
    ("associated press", "AP"),
    ("thomson reuters", "RTR"),
    ("reuters", "RTR"),
    ("belga", "BELGA"),
    ("ritzau", "RITZAU"),
    ("tidningarnas", "TT"),
    ("tt nyhetsbyr", "TT"),
    ("norsk telegrambyr", "NTB"),
    ("ritzaus bureau", "RITZAU"),
    ("suomen tietotoimisto", "STT"),
    ("agenzia nazionale", "ANSA"),
    ("canadian press", "CP"),
    ("australian associated", "AAP"),
    ("press association", "PA"),
    ("kyodo", "KYODO"),
    ("agencia efe", "EFE"),
    ("tass", "TASS"),
)

# --- datelines kept in metadata ------------------------------------------------------------

_TIMESTAMP = re.compile(r"^\W*\d{4}-\d\d-\d\d|^\W*\d{1,2}:\d\d|\d\d:\d\d(?::\d\d)?\s*(?:GMT|UTC|Z)")
_FALLBACK = re.compile(
    r"^(?P<places>[^\W\d_][^,()\d]*?)"
    r"(?:\s*,\s*(?P<rest>[^()]*?))?"
    r"\s*(?:\((?P<ag1>[^()]*)\)|/(?P<ag2>[^/]+)/)?"
    r"\s*(?:--|[-–—_=:]|(?<=[/)])\.)?\s*$"
)


def meta_dateline(value: str | None) -> Dateline | None:
    """Parse a dateline kept in metadata (``"Athen (dpa) - "``, ``"FORT WASHINGTON, Pa."``,
    ``"NEW YORK"``, ``"MOSCOW, March 3. /TASS/."``). Offsets point into the cleaned string,
    which is the record's ``text``. A timestamp (Reuters G2 ``dateline``) gives None."""
    text = clean(value)
    if not text or len(text) > 160 or _TIMESTAMP.search(text):
        return None
    found = match_dateline(text)
    if found is None:
        padded = match_dateline(text + " -")
        if padded is not None and (
            (padded.places and padded.places[-1].end <= len(text))
            or (not padded.places and padded.agencies and padded.agencies[-1].end < len(text))
        ):
            found = attrs.evolve(padded, text=text, end=len(text))
    if found is not None and found.end == len(text):
        return found
    if found is not None and len(text) - found.end <= 2 and not text[found.end :].strip(" -:"):
        return attrs.evolve(found, text=text[: found.end])
    return _fallback_dateline(text)


def _fallback_dateline(text: str) -> Dateline | None:
    m = _FALLBACK.match(text)
    if m is None:
        return None
    raw_places = m.group("places").rstrip()
    if sum(c.isalpha() for c in raw_places) < 2 or len(raw_places.split()) > 6:
        return None
    places: list[Span] = []
    pos = m.start("places")
    for part in raw_places.split("/"):
        start = text.index(part, pos)
        stripped = part.strip()
        s = start + (len(part) - len(part.lstrip()))
        if stripped:
            places.append(Span(stripped, s, s + len(stripped)))
        pos = start + len(part)
    group = "ag1" if m.group("ag1") is not None else "ag2"
    agencies = _agency_spans(text, m.start(group), m.group(group)) if m.group(group) else []
    date = None
    rest = m.group("rest")
    if rest:
        # "Pa." / "Japan" (a region: part of the place, as the body parser has it), then a date
        s = m.start("rest")
        parts = rest.split(",")
        region_end = s
        for part in parts:
            if re.search(r"\d", part):
                break
            region_end = region_end + len(part) + (1 if region_end > s else 0)
        region_end = min(region_end, s + len(rest))
        if region_end > s and len(places) == 1:
            first = places[0]
            end_place = region_end
            while text[end_place - 1] in ", ":
                end_place -= 1
            places = [Span(text[first.start : end_place], first.start, end_place)]
        date_text = re.split(r"\(|/(?=[^\W\d_])", text[region_end:])[0].strip(" ,-–—:")
        if date_text and re.search(r"\d", date_text):
            ds = text.index(date_text, region_end)
            date = Span(date_text, ds, ds + len(date_text))
    end = m.end()
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return Dateline(text[:end], 0, end, places=places, agencies=agencies, date=date)


def _agency_spans(text: str, base: int, inner: str) -> list[Agency]:
    out = []
    for m in re.finditer(r"[^\s/,+&\-][^/,+&\-]*", inner):
        word = m.group().strip()
        if not word:
            continue
        start = base + m.start()
        info = lookup_agency(word)
        if info is not None:
            out.append(Agency(word, start, start + len(word), info.code, info.name))
        else:
            out.append(Agency(word, start, start + len(word), word.upper(), None, False))
    return out


def compose_dateline(place: str | None, agency: str | None) -> Dateline | None:
    """A dateline from separate fields (Belga ``City`` + ``CreditLine``, Ritzau ``town`` +
    ``origin``, TT ``ORT`` + ``SOURCE``): ``"PLACE (AGENCY)"`` with spans into that text."""
    place = clean(place)
    if not place or sum(c.isalpha() for c in place) < 2:
        return None
    if "(" in place or "/" in place:  # the field holds a whole dateline already:
        found = meta_dateline(place)  # "EU (Bryssel, TT:s korrespondent)", "Oslo (NTB)"
        if found is not None and found.agencies:
            return found
    agency = clean(agency).strip("/()[] ") if agency else ""
    text = f"{place} ({agency})" if agency else place
    places = [Span(place, 0, len(place))]
    agencies = _agency_spans(text, len(place) + 2, agency) if agency else []
    return Dateline(text, 0, len(text), places=places, agencies=agencies)


# --- timestamps ----------------------------------------------------------------------------

_BASIC = re.compile(
    r"^(\d{4})-?(\d\d)-?(\d\d)(?:[T ](\d\d):?(\d\d)(?::?(\d\d)(?:[.,]\d+)?)?)?"
    r"\s*(Z|(?:GMT|UTC)?\s*[+-]\d\d:?(?:\d\d)?|GMT|UTC)?$"
)


def parse_datetime(value: Any) -> datetime | None:
    """An aware datetime from ISO 8601 (basic or extended: ``20181210T123731+0100``,
    ``2019-05-02T12:04:56Z``) or RFC 822 (RSS) text; times without a zone are taken as UTC.
    Anything else gives None."""
    if isinstance(value, datetime):
        return value if value.utcoffset() is not None else value.replace(tzinfo=timezone.utc)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    m = _BASIC.match(text)
    if m is not None:
        y, mo, d, h, mi, s, zone = m.groups()
        try:
            tz = _zone(zone)
            return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), 0, tz)
        except ValueError:
            return None
    try:
        from email.utils import parsedate_to_datetime

        found = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return found if found.utcoffset() is not None else found.replace(tzinfo=timezone.utc)


def _zone(zone: str | None) -> timezone:
    if not zone:
        return timezone.utc
    zone = zone.replace("GMT", "").replace("UTC", "").strip()
    if zone in ("", "Z"):
        return timezone.utc
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def as_int(value: Any) -> int | None:
    """``value`` as an int when it is one (``"3"``, 3), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
