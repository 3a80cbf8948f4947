"""Datelines: ``BRUSSEL (ANP) -``, ``WASHINGTON/KYIV (ANP/RTR) -``, ``Berlin (dpa) -``,
``BUENOS AIRES, Argentina (AP) _``, ``BRUXELLES 23/07 (AFP-DPA-REUTER) =``, ``(ANSA) - MILAN,
FEB 2 -``, ``MOSCOW, March 3. /TASS/.`` and the other patterns of real agency copy (FORMATS.md).

:func:`match_dateline` recognises a dateline that starts at a given position; the page parser
calls it at line starts. Pure Python: regular expressions plus checks that regexes cannot
express (letter case, the agency registry).
"""

from __future__ import annotations

import functools
import re

from ..records import Agency, Dateline, Span
from .agencies import lookup as lookup_agency
from .months import WEEKDAYS, month_numbers

__all__ = [
    "BLANK",
    "BLANK_SET",
    "match_dateline",
    "match_dateline_at",
    "match_partial_dateline",
    "needs_context",
    "skip_blank",
]

_L = r"[^\W\d_]"  # one letter, any script
# Upper-case letters of the Latin, Greek and Cyrillic blocks: place words start with one.
_UP = (
    "[" + "".join(re.escape(c) for c in map(chr, range(0x530)) if c.isupper() and c.isalpha()) + "]"
)
_PARTICLE_WORDS = (
    "am an aan bij de del della den der des di do dos da das du el en im la le les lès lez los "
    "of on op sous sur ten ter upon van von y zu"
)
_PARTICLE = "(?:" + "|".join(_PARTICLE_WORDS.split()) + ")"
# a place word; Dutch places may open with an article: 's-Hertogenbosch, 's-GRAVENHAGE, 't Harde
_PLACEWORD = rf"(?:['’]{_L}-|['’][tT][ \u00a0])?{_UP}{_L}*(?:[.'’\-]{_L}+)*\.?"
# particles between place words, up to two: "Bergen op Zoom", "Alphen aan den Rijn"
_PLACE = rf"{_PLACEWORD}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0]){{0,2}}{_PLACEWORD}){{0,5}}"
_PLACES = rf"{_PLACE}(?:[ \u00a0]?/[ \u00a0]?{_PLACE}){{0,5}}"
_REGION_WORDS = rf"{_UP}[\w.'’\-]*(?:[ ]{_UP}[\w.'’\-]*){{0,3}}"

# Any word in the patterns (a long alternation is slow); _build checks it is a month.
_MONTH = r"[^\W\d_]{3,10}"
_MONTH_WORDS = frozenset(month_numbers())  # every language of months.py
_REGION = rf"(?!{_MONTH}\.?[ ]\d){_REGION_WORDS}"
_DATE = (
    rf"(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
    rf"|{_MONTH}\.?[ ]\d{{1,2}}(?:st|nd|rd|th)?\.?(?:,?[ ]\d{{4}})?"
    rf"|\d{{1,2}}\.?[ ]{_MONTH}\.?(?:[ ]\d{{4}})?)"
)
_AGTOK = rf"{_L}[\w.&'’]*"
_AGLIST = rf"{_AGTOK}(?:[ ]?[/\-–,+&][ ]?{_AGTOK}|[ ]{_AGTOK}){{0,7}}"
# A separator is followed by white space; a dash may be glued to the body ("(ANP)—De",
# "(ANP)-De"), which _fits admits only after an agency.
_END = r"(?=\s|$|(?:(?<=[–—])|(?<=\)-))(?:[^\W\d_]|[\"'‘“„]))"

# Place first: PLACE[/PLACE][, Region][ date] [(AG/AG) | /AG/ | AG] SEP
_PLACE_FIRST = re.compile(
    rf"(?P<places>{_PLACES})"
    rf"(?:,[ ]?(?P<region>{_REGION}))?"
    rf"(?:,?[ ](?P<date>{_DATE}))?"
    rf"[ \u00a0]*"
    rf"(?:\((?P<agp>{_AGLIST})\)|/(?P<ags>{_AGTOK})/|(?P<agb>{_UP}[\w\-]*(?:[ ]{_UP}\w*)?))?"
    rf"[ \u00a0]*"
    rf"(?P<sep>\.-|--|[-–—_=:.]){_END}"
)
# Known agency and no separator: "LONDEN (ANP) De Britse ..."
_PLACE_FIRST_NOSEP = re.compile(
    rf"(?P<places>{_PLACES})[ \u00a0]*\((?P<agp>{_AGLIST})\)(?P<sep>){_END}"
)
# Agency first (ANSA): (AG) - PLACE[, Region][, date] SEP
_AGENCY_FIRST = re.compile(
    rf"\((?P<agp>{_AGLIST})\)[ \u00a0]*[-–—][ \u00a0]*"
    rf"(?P<places>{_PLACES})"
    rf"(?:,[ ]?(?P<region>{_REGION}))?"
    rf"(?:,?[ ](?P<date>{_DATE}))?"
    rf"[ \u00a0]*(?P<sep>--|[-–—_:]){_END}"
)
# Agency only (Reuters copy with no place): (Reuters) - U.S. stocks rose ...; with known
# agencies the separator may be a colon or missing: (NTB): Regjeringen ..., (TT-AFP) Flera ...
_AGENCY_ONLY = re.compile(rf"\((?P<agp>{_AGLIST})\)[ \u00a0]*(?P<sep>--|[-–—_:]|){_END}")
# A correspondent of an agency (Nordic credit forms): "EU (Bryssel, TT:s korrespondent)",
# "Bryssel (TT:s korrespondent)", "(Washington, NTBs korrespondent) -": the place is the city in
# the parentheses when there is one (what stands before is a topic label), the agency the one
# whose correspondent files.
_CORRESPONDENT_WORD = re.compile(
    r"[Kk]orrespondent(?:en|in)?|[Cc]orrespondent|[Kk]irjeenvaihtaja|[Kk]orrespondentti"
)
_CORRESPONDENT = re.compile(
    rf"(?:(?P<label>{_UP}[^()\n]{{0,48}}?)[ \u00a0]*)?"
    rf"\((?:(?P<places>{_PLACES}),[ \u00a0]?)?"
    rf"(?P<agc>{_L}[\w.&]*(?:[-–]{_L}[\w.&]*)?)(?::s|:n|['’]s)?[ \u00a0-]"
    rf"(?:{_L}\w*-)?(?:{_CORRESPONDENT_WORD.pattern})\)"
    rf"[ \u00a0]*(?P<sep>--|[-–—_=:]|){_END}"
)
# Date only (market services): Jan 30 (Reuters) -
_DATE_ONLY = re.compile(
    rf"(?P<date>{_DATE})[ \u00a0]*\((?P<agp>{_AGLIST})\)[ \u00a0]*(?P<sep>\.-|--|[-–—_=:]){_END}"
)
# A dateline cut off by the end of the input: "SINT-MI", "DEN HAAG (AN"
_PARTIAL = re.compile(rf"(?P<places>{_PLACES})(?:[ \u00a0]*\((?P<agp>[^\n()]*))?[ \u00a0]*$")

# Every dateline has one of these within its first 120 characters: a cheap test that spares
# the full patterns on ordinary body lines.
_HINT = re.compile(r"\(|\s(?:--|[-–—_=])|/[^\W\d_]+/")
_HINT_WINDOW = 120
_OTHER_HINTS = re.compile(r"\s[-–—_=]").search

_DASHES = frozenset({"-", "--", "–", "—"})
_AGENCY_SPLIT = re.compile(r"[^\s/\-–,+&]+")
_SPLIT = _AGENCY_SPLIT.findall
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
# Editorial and genre words, weekdays: they open a line like a place but are not one
# ("EXTRA - ...", "Video - Bekijk ...", "Maandag - De winkels ...").
_NOT_PLACES = frozenset(
    """EXTRA UPDATE CORRECTIE CORRECTION CORRECTED BREAKING FLASH URGENT SPOED LET OP ADVISORY
    NOTE NB PS EINDE EIND END AANVULLING HERHALING WAARSCHUWING
    VIDEO VIDEO'S FOTO FOTO'S PHOTO PHOTOS LIVE LIVEBLOG LIVESTREAM COLUMN OPINIE OPINION
    INTERVIEW RECENSIE REVIEW ANALYSE ANALYSIS REPORTAGE PODCAST NIEUWS NEWS PERSBERICHT
    ADVERTENTIE ACHTERGROND TERUGBLIK VERSLAG UITSLAGEN PROGRAMMA AGENDA WEERBERICHT""".split()
) | {day.upper() for day in WEEKDAYS}
BLANK = (
    " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\x00\x01\x02\x03\x04"
    "\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
    "\x7f\x85"
)
BLANK_SET = frozenset(BLANK)


def skip_blank(text: str, pos: int, end: int | None = None) -> int:
    """First position at or after ``pos`` that is not white space, zero-width or control."""
    stop = len(text) if end is None else end
    while pos < stop and text[pos] in BLANK_SET:
        pos += 1
    return pos


_LOWER_OK = _PARTICLES | _MONTH_WORDS  # lower-case words a dateline head may hold
# the article before a Dutch place name: 's-Hertogenbosch, 't Harde
_ARTICLE = re.compile(r"['’](?:[^\W\d_]-|[tT]$)")


def _strip_article(word: str) -> str:
    """``'s-Hertogenbosch`` → ``Hertogenbosch``; ``'t`` → ``""``."""
    m = _ARTICLE.match(word)
    return word[m.end() :] if m else word


def _head_ok(head: str) -> bool:
    """Cheap test of what precedes the first separator: place, region and date words only."""
    if not head or head.isupper():
        return True
    words = head.split()
    if len(words) > 12:
        return False
    for word in words:
        first = word[:1]
        if first in "'’/,":  # "'s-Hertogenbosch": the article's letter is no lower-case word
            first = _strip_article(word.lstrip("/,")).lstrip("'’")[:1]
        if first.islower() and word.strip(",.").lower() not in _LOWER_OK:
            return False
    return True


_YEAR = re.compile(r"\d{4}")


def _date_ok(date: str) -> bool:
    words = [w.lower().rstrip(".") for w in re.findall(r"[^\W\d_]+\.?", date)]
    return all(w in _MONTH_WORDS for w in words if w not in ("st", "nd", "rd", "th"))


def _is_caps(word_text: str) -> bool:
    return word_text.upper() == word_text and word_text.lower() != word_text


def needs_context(dateline: Dateline) -> bool:
    """True for the weakest form, a mixed-case place with no agency (``Amsterdam -``).

    A place with a full date (``Den Helder, 5 augustus 2024 -``) does not need context.
    """
    if dateline.agencies or dateline.date is not None:
        return False
    return any(not _is_caps(p.text) for p in dateline.places)


def _place_style(place: str) -> str | None:
    """``"caps"`` (``DEN HAAG``), ``"mixed"`` (``Den Haag``) or None (not a place name)."""
    words = place.replace("\u00a0", " ").split()
    if not words or sum(c.isalpha() for c in place) < 2:
        return None
    if _is_caps(place):
        return "caps"
    if len(words) > 1 and _strip_article(words[0]) == "":  # 't Harde
        words = words[1:]
    first = _strip_article(words[0]).lstrip("'’")
    if not first[:1].isupper():
        return None
    for word in words[1:]:
        core = word.lstrip("'’")
        if not (core[:1].isupper() or word.lower() in _PARTICLES):
            return None
    return "mixed"


def _unknown_ok(text: str, chain_known: bool, named: bool) -> bool:
    """May ``text``, not in the registry, stand in an agency chain?

    Capitalised codes (``XYZA``) and web domains (``NU.nl``) always may; a lower-case or
    mixed-case word (``tca``) only beside a known agency (``tca/dpa``); a name
    (``BusinessDesk``) only where ``named`` (a date-only dateline: nothing else fits there).
    """
    if _is_caps(text) and 2 <= len(text) <= 12 and text.replace("-", "").isalpha():
        return True
    if _DOMAIN.fullmatch(text):
        return True
    if not text.replace("-", "").isalpha() or not 2 <= len(text) <= 20:
        return False
    return (chain_known and len(text) <= 12) or (named and text[:1].isupper())


_DOMAIN = re.compile(r"[^\W_][\w\-]*(?:\.[\w\-]+)*\.(?:[a-z]{2,6}|[A-Z]{2,6})")


def _agencies(inner: str, base: int, named: bool = False) -> list[Agency] | None:
    """Split ``ANP/AFP/RTR`` or ``AFP-DPA-REUTER`` into agencies; None if a token is not one.

    ``named`` admits an unknown agency name such as ``BusinessDesk`` (see :func:`_unknown_ok`).
    """
    tokens = [(m.group(), base + m.start(), base + m.end()) for m in _AGENCY_SPLIT.finditer(inner)]
    merged: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        text, start, end = tokens[i]
        if i + 1 < len(tokens) and inner[end - base] in "- ":  # ITAR-TASS, Dow Jones
            nxt = tokens[i + 1]
            joined = inner[start - base : nxt[2] - base]
            if len(joined) <= len(text) + len(nxt[0]) + 1 and lookup_agency(joined):
                merged.append((joined, start, nxt[2]))
                i += 2
                continue
            if inner[end - base] == " " and lookup_agency(text) and nxt[0][:1].isupper():
                # a desk or service of a known agency: "Reuters Breakingviews", "Bloomberg News"
                merged.append((joined, start, nxt[2]))
                i += 2
                continue
        merged.append((text, start, end))
        i += 1
    infos = [lookup_agency(text) or lookup_agency(text.split(" ")[0]) for text, _, _ in merged]
    chain_known = any(info is not None for info in infos)
    result = []
    for (text, start, end), info in zip(merged, infos, strict=True):
        if info is not None:
            result.append(Agency(text, start, end, code=info.code, name=info.name, known=True))
        elif _unknown_ok(text, chain_known, named):
            result.append(Agency(text, start, end, code=text.upper(), name=None, known=False))
        else:
            return None
    return result or None


def _places(text: str, start: int, end: int, region_end: int | None) -> list[Span]:
    spans = []
    pos = start
    chunk = text[start:end]
    parts = chunk.split("/")
    for n, part in enumerate(parts):
        lead = len(part) - len(part.lstrip(" \u00a0"))
        s = pos + lead
        e = pos + len(part.rstrip(" \u00a0"))
        if n == len(parts) - 1 and region_end is not None:
            e = region_end  # AP: the region belongs to the place ("FORT WASHINGTON, Pa.")
        spans.append(Span(text[s:e], s, e))
        pos += len(part) + 1
    return spans


@functools.lru_cache(maxsize=4096)
def _build(raw: str, form: str, pattern: re.Pattern[str]) -> Dateline | None:
    """The dateline ``raw`` (as matched by ``pattern``) with offsets from 0, or None.

    Cached: real copy repeats a small set of datelines ("DEN HAAG (ANP) -") over and over.
    Checks that need the text around the dateline are made by :func:`match_dateline`.
    """
    m = pattern.match(raw)
    if m is None or m.end() != len(raw):
        return None
    text = raw
    groups = m.groupdict()
    places_g = groups.get("places")
    region = groups.get("region")
    date = groups.get("date")
    agp = groups.get("agp")
    ags = groups.get("ags")
    agb = groups.get("agb")
    sep = groups.get("sep")

    if region is not None and (
        not region[:1].isupper() or region.lower().rstrip(".") in _MONTH_WORDS
    ):
        return None
    if date is not None and not _date_ok(date):
        return None

    agencies: list[Agency] = []
    if agp is not None:
        found = _agencies(agp, m.start("agp"), named=form == "date" and len(_SPLIT(agp)) == 1)
        if found is None:
            return None
        agencies = found
        if not sep:
            if form not in ("place", "agency-only") or not all(a.known for a in agencies):
                return None
        elif sep == "." or (sep == ":" and not all(a.known for a in agencies)):
            return None
        if form == "agency-only" and not all(a.known for a in agencies):
            return None
    elif ags is not None:
        info = lookup_agency(ags)
        newswire = ags.lower().endswith("newswire")  # press releases: "/PRNewswire/ --"
        if info is None and not (_is_caps(ags) or newswire):
            return None
        if sep not in (".", ":") and not (newswire and sep in _DASHES):
            return None
        agencies = [
            Agency(
                ags,
                m.start("ags"),
                m.end("ags"),
                code=info.code if info else ags.upper(),
                name=info.name if info else None,
                known=info is not None,
            )
        ]
    elif agb is not None:
        info = lookup_agency(agb)
        if info is None or date is None or sep not in _DASHES | {"_"}:
            return None
        agencies = [Agency(agb, m.start("agb"), m.end("agb"), code=info.code, name=info.name)]
    else:  # no agency at all: "DOMBURG -", "Amsterdam -", "Den Helder, 5 augustus 2024 -"
        if sep not in _DASHES or region is not None:
            return None
        if date is not None and (  # a full date; a capitalised place may leave out the year
            places_g is None or not (_YEAR.search(date) or _is_caps(places_g))
        ):
            return None

    places: list[Span] = []
    if places_g is not None:
        region_end = m.end("region") if region is not None else None
        places = _places(text, m.start("places"), m.end("places"), region_end)
        for place in places:
            name = place.text.split(",")[0]
            style = _place_style(name)
            if style is None:
                return None
            if not agencies:
                if name.upper() in _NOT_PLACES or name.lower() in _MONTH_WORDS:
                    return None
                if lookup_agency(name) is not None:
                    return None
                if len(name.split()) > 4 or sum(c.isalpha() for c in name) < 3:
                    return None
    start, end = m.start(), m.end()
    date_span = Span(date, m.start("date"), m.end("date")) if date is not None else None
    return Dateline(text[start:end], start, end, places=places, agencies=agencies, date=date_span)


def match_dateline(
    text: str, pos: int = 0, end: int | None = None, *, expected: bool = True
) -> Dateline | None:
    """The dateline that starts at ``pos`` (after blank characters), or None.

    ``expected`` says a story is known to start here (start of a text, after a time label or
    section marker); it admits the weakest form, a mixed-case place with no agency
    (``Amsterdam -``). Capitalised places with no agency (``DOMBURG -``) and any form with an
    agency are recognised everywhere. ``end`` bounds the search (the end of the line).
    """
    if not isinstance(text, str):
        raise TypeError(f"match_dateline expects str, got {type(text).__name__}")
    stop = len(text) if end is None else min(end, len(text))
    return match_dateline_at(text, skip_blank(text, pos, stop), stop, expected)


def match_dateline_at(
    text: str, pos: int, stop: int, expected: bool, *, byline: bool = True
) -> Dateline | None:
    """:func:`match_dateline` without its checks: ``pos`` is on the first non-blank character
    and ``stop`` (the end of the line) is at most ``len(text)``. The parser's hot path.

    With ``byline``, a dateline after a byline on the same line is found too
    (``By Jane Doe Jan 30 (Reuters) -``: the dateline starts at ``Jan``).
    """
    window_end = min(stop, pos + _HINT_WINDOW)
    window = text[pos:window_end]
    if not ("(" in window or " -" in window or "/" in window or _OTHER_HINTS(window)):
        return None  # most body lines leave here: no separator or parenthesis near the start
    first = text[pos]
    if byline and first in "BDVP" and (name := _BYLINE.match(text, pos, stop)) is not None:
        return _after_byline(text, name.end(), stop, expected)
    if _CORRESPONDENT_WORD.search(window):
        found = _correspondent(text, pos, stop)
        if found is not None:
            return found
    hint = _HINT.search(text, pos, window_end)
    if hint is None or not _head_ok(text[pos : hint.start()]):
        return None
    if first == "(":
        candidates: tuple[tuple[re.Pattern[str], str], ...] = (
            (_AGENCY_FIRST, "agency"),
            (_AGENCY_ONLY, "agency-only"),
        )
    elif first.isdigit():
        candidates = ((_DATE_ONLY, "date"),)
    elif first.isalpha() or first in "'’":
        candidates = _PLACE_CANDIDATES
    else:
        return None
    for pattern, form in candidates:
        m = pattern.match(text, pos, stop)
        if m is None:
            continue
        found = _build(m.group(), form, pattern)
        if found is not None and _fits(text, m.end(), found, expected):
            return _shift(found, pos)
    return None


# "By Jane Doe Jan 30 (Reuters) -": a byline and the dateline on one line
_BYLINE = re.compile(r"(?:By|BY|Door|DOOR|Von|VON|Par|PAR)[ \u00a0]+(?=[^\W\d_])")
_NAME_WORD = re.compile(r"[^\s(]+[ \u00a0]+")


def _after_byline(text: str, pos: int, stop: int, expected: bool) -> Dateline | None:
    """The dateline after the byline's name (at most eight words), or None.

    A mixed-case place cannot be told from the name before it (``By Jane Doe Berlin``), so
    only a date-only dateline or one with a capitalised place is taken; ``(dpa) -`` after
    ``By Jane Doe Berlin`` is not.
    """
    for _ in range(8):
        word = _NAME_WORD.match(text, pos, stop)
        if word is None:
            return None
        pos = word.end()
        found = match_dateline_at(text, pos, stop, expected, byline=False)
        if found is None or (not found.places and found.date is None):
            continue
        if found.places and found.date is not None and found.date.start == found.places[-1].end + 1:
            continue  # "By JANE DOE Jan 30 (Reuters)": a name, not a place before the date
        if all(_is_caps(p.text.split(",")[0]) for p in found.places):
            return found
    return None


_PLACE_CANDIDATES = (
    (_PLACE_FIRST, "place"),
    (_PLACE_FIRST_NOSEP, "place"),
    (_DATE_ONLY, "date"),
)


def _fits(text: str, end: int, dateline: Dateline, expected: bool) -> bool:
    """Checks on what follows a dateline, which the cached :func:`_build` cannot see."""
    nxt = skip_blank(text, end)
    if nxt == end < len(text) and text[nxt].islower():  # "(ANP)-lijn": a glued dash, no dateline
        return False
    if dateline.text.endswith(")"):  # no separator: a sentence must follow
        return nxt < len(text) and (text[nxt].isupper() or text[nxt].isdigit())
    if not dateline.agencies:
        if (
            nxt == end < len(text)
        ):  # a dash glued to the next word is a dateline only after an agency
            return False
        if nxt < len(text) and text[nxt].islower():  # "DEN HAAG - den haag"
            return False
        if _DASH_LIST(text, nxt, nxt + 60):  # "Amsterdam - Utrecht - Arnhem ..."
            return False
        return expected or not needs_context(dateline)
    if not dateline.places and dateline.date is None:  # "(Reuters) - U.S. ...", not "(tca) - x"
        return not (nxt < len(text) and text[nxt].islower())
    return True


# a list of names joined by dashes, not a dateline: "Amsterdam - Utrecht - Arnhem",
# "Ajax - PSV 2-1", "Willy Van den Bussche - Van Ensor tot Delvaux - Catalogus ..."
_DASH_LIST = re.compile(
    r"\S+(?:[ \u00a0]\S+){0,4}[ \u00a0]+[-–—][ \u00a0]|\S+[ \u00a0]\d+[-–]\d+\b"
).match


def _correspondent(text: str, pos: int, stop: int) -> Dateline | None:
    """The correspondent form (:data:`_CORRESPONDENT`) at ``pos``, or None."""
    m = _CORRESPONDENT.match(text, pos, stop)
    if m is None:
        return None
    agc = m.group("agc")
    info = lookup_agency(agc)
    if info is None and agc[-1:] in "sn" and len(agc) > 2:  # "NTBs", "STTn": a genitive
        info = lookup_agency(agc[:-1])
    if info is None:
        return None
    if m.group("places") is not None:
        places = _places(text, m.start("places"), m.end("places"), None)
    elif m.group("label") is not None:
        places = [Span(m.group("label"), m.start("label"), m.end("label"))]
    else:
        return None
    if any(_place_style(p.text) is None for p in places):
        return None
    # the agency as written, up to the end of the correspondent word: "TT:s korrespondent"
    word = _CORRESPONDENT_WORD.search(text, m.end("agc"), m.end())
    if word is None:
        return None
    agency = Agency(
        text[m.start("agc") : word.end()], m.start("agc"), word.end(), info.code, info.name
    )
    found = Dateline(text[m.start() : m.end()], m.start(), m.end(), places=places,
                     agencies=[agency])  # fmt: skip
    if not _fits(text, m.end(), found, True):
        return None
    return found


def _shift(dateline: Dateline, delta: int) -> Dateline:
    if delta == 0:
        return dateline
    date = dateline.date
    return Dateline(
        dateline.text,
        dateline.start + delta,
        dateline.end + delta,
        places=tuple(Span(p.text, p.start + delta, p.end + delta) for p in dateline.places),
        agencies=tuple(
            Agency(a.text, a.start + delta, a.end + delta, a.code, a.name, a.known)
            for a in dateline.agencies
        ),
        date=Span(date.text, date.start + delta, date.end + delta) if date else None,
    )


def match_partial_dateline(text: str, pos: int) -> Dateline | None:
    """A capitalised dateline cut off by the end of ``text`` (``"SINT-MI"``), or None.

    The result has ``complete=False``, its places as far as they go, and no agencies.
    """
    pos = skip_blank(text, pos)
    end = len(text)
    while end > pos and text[end - 1] in BLANK_SET:
        end -= 1
    if end <= pos:
        return None
    m = _PARTIAL.match(text[:end], pos)
    if m is None:
        return None
    places = _places(text, m.start("places"), m.end("places"), None)
    if any(_place_style(p.text) != "caps" for p in places):
        return None
    return Dateline(text[pos:end], pos, end, places=places, agencies=(), complete=False)
