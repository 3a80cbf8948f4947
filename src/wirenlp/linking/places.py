"""Place mentions in running text → populated places, municipalities, regions, countries,
continents and macro-regions, decided by evidence.

:func:`resolve_mention` ranks every reading of a name together: GeoNames populated places
(exact, alias and — only with strong evidence — fuzzy matches), the index's areas (ISO 3166-2
subdivisions, Dutch municipalities, airports, continents, macro-regions) and countries.
Evidence comes from the :class:`Evidence` record: the countries a story and its page name
(strongest first), a weak prior (agency home country, the page's source), and a cue read from
the words before the mention (:func:`read_cue`: ``de Amerikaanse staat X``, ``de provincie X``,
``het Noord-Hollandse X``, ``de deelgemeente X``). Every weight is in :class:`MentionWeights`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import attrs

from ..parsing.normalize import name_key
from ..records import PlaceLink
from .gazetteer import Gazetteer
from .resolver import reading_scores

__all__ = ["Cue", "Evidence", "MentionWeights", "read_cue", "resolve_mention"]

#: features of the index's areas that name administrative or larger regions
_REGION_FEATURES = frozenset({"admin1", "admin2", "continent", "region"})


@attrs.frozen(cache_hash=True)  # a key of the resolver's cache
class MentionWeights:
    """The knobs of ranking a mention's readings (rank units are log10 population)."""

    admin_base: float = 5.0
    """Prominence of a province, state or region (an ISO 3166-2 subdivision) of unknown
    population."""
    admin_pop_offset: float = -0.7
    """A province or state ranks as a place of its population (the sum over its GeoNames
    places) times 10^offset: it is named less often than a city of the same size."""
    admin_max: float = 7.0
    city_share_exact: float = 0.1
    """A same-named city of the same country outranks its region when it holds this share of
    the region's population (exact name) ..."""
    city_share_alias: float = 0.25
    """... or this share when it matches by an alternate name (New York City)."""
    admin2_base: float = 4.6
    continent_base: float = 8.0
    region_base: float = 6.5
    """Prominence of a macro-region of the documented core (Midden-Oosten, Sahel)."""
    airport_base: float = 4.0
    """Prominence of an airport (a same-named city of 10,000 people ranks above it)."""
    municipality_offset: float = -0.3
    """A municipality ranks a little below a populated place of its own size."""
    context: float = 2.5
    """Bonus of a reading in a country the story or page names (+0.5 for the first)."""
    prior: float = 1.2
    """Bonus of a reading in the page's source country or the agency's home country."""
    cue_country: float = 8.0
    """Bonus of a reading in the country a cue names (``de Amerikaanse staat``)."""
    cue_kind: float = 4.0
    """Bonus of a reading of the kind a cue names (``de provincie`` → a region)."""
    fuzzy_min_length: int = 7
    """Fuzzy matching only for names this long (``Westen`` is a word, not ``Westend``)."""
    fuzzy_min_quality: float = 90.0
    """Minimum rapidfuzz ratio of a fuzzy reading."""
    min_population: int = 50_000
    """An ambiguous place outside the evidence is linked only this big (or a capital)."""
    min_score: float = 80.0
    """... or when it wins by this score (clear margin)."""


@attrs.frozen(cache_hash=True)  # a key of the resolver's cache
class Cue:
    """What the words before a mention say: a country and/or a kind (``"region"`` or
    ``"place"``)."""

    country: str | None = None
    kind: str | None = None
    region: tuple[str, ...] = ()
    """``"CC:code"`` admin codes of a region named by an adjective (``het Noord-Hollandse``)."""


@attrs.frozen(cache_hash=True)  # a key of the resolver's cache
class Evidence:
    """Evidence about a mention: countries named around it, a prior and a cue."""

    countries: tuple[str, ...] = ()
    prior: tuple[str, ...] = ()
    cue: Cue = Cue()


_REGION_NOUNS = {
    "staat": "region",
    "deelstaat": "region",
    "provincie": "region",
    "regio": "region",
    "streek": "region",
    "gewest": "region",
    "oblast": "region",
    "district": "region",
    "county": "region",
    "gemeente": "place",
    "deelgemeente": "place",
    "stad": "place",
    "hoofdstad": "place",
    "havenstad": "place",
    "grensstad": "place",
    "dorp": "place",
    "plaats": "place",
    "plaatsje": "place",
    "stadje": "place",
    "badplaats": "place",
    "woonplaats": "place",
    "wijk": "place",
    "buurt": "place",
    "stadsdeel": "place",
    "luchthaven": "place",
    "vliegveld": "place",
    "vliegbasis": "place",
}
_FACILITY_WORDS = ("luchthaven ", "vliegveld ", "vliegbasis ")
_CUE = re.compile(
    r"(?:^|\s)(?:de|het|in|uit|naar|van|bij)\s+"
    r"(?:(?P<adj>[A-Z][\w'’-]*e)\s+)?(?P<noun>[a-z]+)?\s*$"
)


def read_cue(before: str, gaz: Gazetteer) -> Cue:
    """The cue in the text just before a mention (up to ~60 characters are read).

    ``"de Amerikaanse staat "`` → country US, kind region; ``"de provincie "`` → kind region;
    ``"het Noord-Hollandse "`` → region NL:07 (a place in it); ``"de deelgemeente "`` → place.
    """
    window = before[-60:]
    last = window.rsplit(None, 1)[-1:]  # a cue ends in a region noun or an adjective
    if not last or not (last[0] in _REGION_NOUNS or (last[0][:1].isupper() and last[0][-1] == "e")):
        return Cue()  # (what the pattern would give too: most mentions have no cue)
    m = _CUE.search(window)
    if m is None:
        return Cue()
    adj, noun = m.group("adj"), m.group("noun")
    kind = _REGION_NOUNS.get(noun) if noun else None
    if noun and kind is None:
        return Cue()
    if adj is None:
        return Cue(kind=kind)
    country = gaz.country(adj, fuzzy=False)
    if country is not None and gaz.country_kind(adj) == "adjective":
        return Cue(country=country.country_code, kind=kind)
    region = _adjective_region(name_key(adj), gaz)
    if region:
        ccs = {r.split(":")[0] for r in region}
        return Cue(
            country=ccs.pop() if len(ccs) == 1 else None, kind=kind or "place", region=region
        )
    return Cue(kind=kind)


def _adjective_region(key: str, gaz: Gazetteer) -> tuple[str, ...]:
    """``noord hollandse`` → the region it derives from (``("NL:NL-NH",)``): drop ``-sche``,
    ``-se`` or ``-e`` and find the provinces and states whose name starts with the stem; the
    hits must lie in one country (``Limburgse`` is Dutch or Belgian: no cue)."""
    if not key.endswith("e") or len(key) < 6:
        return ()
    if key.endswith("sche"):
        stem = key[:-4]
    elif key.endswith("se"):
        stem = key[:-2]
    else:
        stem = key[:-1]
    return _regions_with_prefix(gaz, stem)


@lru_cache(maxsize=4096)
def _regions_with_prefix(gaz: Gazetteer, stem: str) -> tuple[str, ...]:
    """``("CC:code",)`` of the one admin1 area (or ``("CC:",)`` for one country) whose
    provinces and states start with ``stem``; up to three ``"CC:code"`` when they lie in
    several countries (Limburg); ``()`` when none or more."""
    idx = gaz.index
    rows = idx.area_rows(stem) or tuple(
        j for k in idx.area_keys_with_prefix(stem) for j in idx.area_rows(k)
    )
    areas = [idx.areas[j] for j in rows if idx.areas[j][0] in ("admin1", "admin2")]
    ccs = {a[1] for a in areas}
    if len(ccs) == 1:
        cc = ccs.pop()
        top = {a[2] for a in areas if a[0] == "admin1"}
        return (f"{cc}:{top.pop()}",) if len(top) == 1 else (f"{cc}:",)
    if 1 < len(areas) <= 3:  # "Limburgse": Dutch or Belgian Limburg, either is evidence
        return tuple(sorted(f"{a[1]}:{a[2]}" for a in areas))
    return ()


# ---------------------------------------------------------------- ranking
# a reading: (rank, quality, method, kind, ref) with kind "row" (ref: GeoNames row), "area"
# (ref: area number) or "country" (ref: ISO code)
_Reading = tuple[float, float, str, str, int | str]


def _continent(gaz: Gazetteer, cc: str | None) -> str:
    row = gaz.index.countries.get(cc or "")
    return row[6] if row else ""


def _readings(
    gaz: Gazetteer, key: str, ev: Evidence, w: MentionWeights
) -> tuple[list[_Reading], bool]:
    """All readings of ``key`` ranked best first, and whether they are fuzzy matches."""
    idx = gaz.index
    countries, prior, cue = ev.countries, ev.prior, ev.cue
    first = countries[0] if countries else None
    out: list[_Reading] = []

    def bonus(cc: str | None, admin: str | None) -> float:
        b = 0.0
        if cc and cc in countries:
            b += w.context + (0.5 if cc == first else 0.0)
        if cc and cc in prior:
            b += w.prior
        if cue.country and cc == cue.country:
            b += w.cue_country
        if cue.region and admin and f"{cc}:{admin}" in cue.region:
            b += w.cue_country
        return b

    def iso(cc: str, code: str) -> str | None:
        return idx.admin1_iso.get(f"{cc}.{code}") if cue.region else None

    cands = idx.candidates(key)
    fuzzy = False
    if not cands and key.endswith(" stad"):  # "Mexico-Stad"
        cands = [(i, 98.0, m) for i, _q, m in idx.candidates(key[:-5] + " city")]
    city_ccs: set[str] = set()
    # per country: the best populated-place reading (rank, population, exact?)
    city_best: dict[str, tuple[float, int, bool]] = {}
    for rank, quality, method, i in gaz.places.rank(cands, (), (), ()):
        cc = idx.cc(i)
        city_ccs.add(cc)
        if cc not in city_best:
            city_best[cc] = (rank, idx.pop[i], method == "exact")
        r = rank + bonus(cc, iso(cc, idx.admin1(i)))
        if cue.kind == "place":
            r += w.cue_kind
        out.append((r, quality, method, "row", i))
    for j in idx.area_rows(key):
        feature, cc, code, _name, _lat, _lon, pop = idx.areas[j][:7]
        if feature == "municipality":
            if cc in city_ccs:
                continue  # the populated place of the same name stands for it
            r = math.log10(int(pop) + 10.0) + w.municipality_offset
            r += bonus(cc, iso(cc, code))
            if cue.kind == "place":
                r += w.cue_kind
        elif feature == "airport":
            r = w.airport_base + bonus(cc, None)
            if cue.kind == "place":
                r += w.cue_kind
        else:
            if feature in ("admin1", "admin2") and pop:
                r = min(math.log10(int(pop) + 10.0) + w.admin_pop_offset, w.admin_max)
            else:
                r = {
                    "admin1": w.admin_base,
                    "admin2": w.admin2_base,
                    "continent": w.continent_base,
                }.get(feature, w.region_base)
            city = city_best.get(cc) if feature in ("admin1", "admin2") else None
            if city is not None and pop:
                # a same-named city of the same country that is big for its region is what
                # the name usually means (Utrecht, Groningen, New York), unless a cue says so;
                # a region of unknown population is unknown, never "a region of one person"
                share = city[1] / int(pop)
                if share >= (w.city_share_exact if city[2] else w.city_share_alias):
                    r = min(r, city[0] - 0.1)
            r += bonus(cc, code if feature == "admin1" else None)
            if cue.kind == "region":
                r += w.cue_kind
        out.append((r, 100.0, "area", "area", j))
    if cue.kind == "region" or cue.country:
        # a cue makes a same-named country only one reading among others
        c = gaz.country(key, fuzzy=False)
        if c is not None and c.country_code and gaz.country_kind(key) == "name":
            r = 7.0 + bonus(c.country_code, None) - (w.cue_kind if cue.kind else 0.0)
            out.append((r, 100.0, "country", "country", c.country_code))
    if not out and len(key) >= w.fuzzy_min_length:
        known = {*countries, *prior, *(c for c in (cue.country,) if c)}
        if known:
            continents = {_continent(gaz, c) for c in known}
            for i, quality, _m in gaz.places._fuzzy_candidates(key):
                cc = idx.cc(i)
                if quality < w.fuzzy_min_quality or cc not in known:
                    continue
                if _continent(gaz, cc) not in continents:
                    continue  # fuzzy only with evidence, never in another continent
                r = math.log10(idx.pop[i] + 10.0) + bonus(cc, iso(cc, idx.admin1(i)))
                r -= (100.0 - quality) / 4.0
                out.append((r, quality, "fuzzy", "row", i))
            fuzzy = bool(out)
    gid = idx.gid
    out.sort(key=lambda t: (-t[0], t[3], str(gid[t[4]]) if isinstance(t[4], int) else t[4]))
    return out, fuzzy


def _link(gaz: Gazetteer, reading: _Reading, score: float, alts: Sequence[PlaceLink] = ()):
    _r, _q, method, kind, ref = reading
    if kind == "row":
        assert isinstance(ref, int)
        return gaz.places.link(ref, score, method, alts)
    if kind == "area":
        assert isinstance(ref, int)
        return attrs.evolve(gaz.index.area_link(ref, score), alternatives=tuple(alts))
    link = gaz.regions.country_link(str(ref), score, "country")
    return attrs.evolve(link, alternatives=tuple(alts)) if link is not None else None


_DISTRICT = re.compile(
    r"^(?P<city>.+?) (?P<part>(?:noord|zuid)?(?:oost|west)|noord|zuid|centrum|nieuw west|"
    r"binnenstad|centre|center)$"
)


def _district(
    gaz: Gazetteer, text: str, key: str, evidence: Evidence, w: MentionWeights
) -> PlaceLink | None:
    """``Amsterdam-Oost``, ``Rotterdam-Zuid``: a district of a city the gazetteer knows,
    linked as ``feature="district"`` at the city's coordinates (GeoNames has no such row)."""
    m = _DISTRICT.match(key)
    if m is None:
        return None
    city = resolve_mention(gaz, m.group("city"), evidence, w)
    if city is None or city.feature not in ("city", "capital", "municipality"):
        return None
    return attrs.evolve(
        city,
        geonameid=None,
        name=text.strip(),
        feature="district",
        method="district",
        population=None,
        alternate_names=(),
        alternatives=(),
    )


_DEFAULT_WEIGHTS = MentionWeights()


def resolve_mention(
    gaz: Gazetteer,
    text: str,
    evidence: Evidence = Evidence(),
    weights: MentionWeights | None = None,
    *,
    limit: int = 4,
) -> PlaceLink | None:
    """The place a mention names, or None when nothing fits or the evidence is too weak.

    A country name links to the country (unless a cue asks for a state or province); a name
    with one exact reading links whatever its size; an ambiguous one links to its best
    reading when that lies in an evidence country, is prominent (a region, a capital, ≥
    ``min_population``) or wins clearly. Fuzzy matches need an evidence country on the same
    continent. ``alternatives`` keeps up to ``limit - 1`` runners-up with scores.
    """
    if not isinstance(text, str):
        return None
    # a page names the same places over and over: each (name, evidence) is resolved once
    return _resolve_cached(gaz, text, evidence, weights or _DEFAULT_WEIGHTS, limit)


@lru_cache(maxsize=16384)
def _resolve_cached(
    gaz: Gazetteer, text: str, evidence: Evidence, w: MentionWeights, limit: int
) -> PlaceLink | None:
    key = name_key(text)
    if not key:
        return None
    cue = evidence.cue
    if cue.kind != "region" and not cue.country and gaz.country_kind(text) == "name":
        country = gaz.country(text, fuzzy=False)
        if country is not None:
            return country
    if key.startswith(_FACILITY_WORDS) and not gaz.index.area_rows(key):
        rest = key.split(" ", 1)[1]  # "Luchthaven Schiphol" → Schiphol, read as a place
        return resolve_mention(gaz, rest, attrs.evolve(evidence, cue=Cue(cue.country, "place")), w)
    readings, fuzzy = _readings(gaz, key, evidence, w)
    if not readings or fuzzy:
        district = _district(gaz, text, key, evidence, w)
        if district is not None:
            return district
    if not readings:
        if cue.kind is None and not cue.country:
            return gaz.country(text, fuzzy=False) if gaz.country_kind(text) else None
        return None
    best = readings[0]
    scores = reading_scores([(r[0], r[1]) for r in readings[: max(2, limit)]])
    alts = []
    for r, s in zip(readings[1 : max(1, limit)], scores[1:], strict=False):
        if s <= 0:
            break
        alt = _link(gaz, r, s)
        if alt is not None:
            alts.append(attrs.evolve(alt, alternate_names=()))
    link = _link(gaz, best, scores[0], alts)
    if link is None:
        return None
    cc = link.country_code
    evidence_ccs = {*evidence.countries, *evidence.prior, *(c for c in (cue.country,) if c)}
    if fuzzy:
        return link if cc in evidence_ccs else None
    unique = len({(r[3], r[4]) for r in readings if r[2] == "exact" or r[3] != "row"}) == 1
    if unique and best[2] in ("exact", "area", "country"):
        return link
    if link.feature in _REGION_FEATURES or link.feature in ("country", "capital"):
        return link
    if cc in evidence_ccs:
        return link
    if (link.population or 0) >= w.min_population or link.score >= w.min_score:
        return link
    return None
