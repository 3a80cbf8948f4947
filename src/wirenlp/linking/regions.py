"""Countries, nationality words, first-level regions and capitals of the gazetteer index."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..parsing.normalize import name_key
from ..records import PlaceLink
from .index import GazetteerIndex

__all__ = ["COUNTRY_FUZZY_CUTOFF", "RegionLookup"]

COUNTRY_FUZZY_CUTOFF = 90.0
"""Minimum rapidfuzz ``fuzz.ratio`` for a fuzzy country word (``"Oekraiene"``)."""


class RegionLookup:
    """Country and region lookups of a :class:`GazetteerIndex`; never raise on odd input."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        self._country_keys = sorted(index.country_aliases)
        self.country_key = lru_cache(maxsize=16384)(self._country_key)

    def region(self, text: str | None) -> tuple[str, ...]:
        """Country codes or ``"US:PA"``-style country:admin1 codes of a region word; ``()``."""
        if not text or not isinstance(text, str):
            return ()
        return self.index.regions.get(name_key(text), ())

    def country_link(self, cc: str, score: float, method: str) -> PlaceLink | None:
        """The country ``cc`` as a link (``feature="country"``; its population centre as
        coordinates)."""
        row = self.index.countries.get(cc)
        if row is None:
            return None
        _cc, gid, name_en, name_nl, _cap, pop, _cont = row[:7]
        lat, lon = (row[7], row[8]) if len(row) >= 9 and row[7] else (None, None)
        return PlaceLink(
            geonameid=int(gid) if gid else None,
            name=name_en,
            country_code=cc,
            score=round(max(0.0, min(100.0, score)), 1),
            method=method,
            feature="country",
            latitude=float(lat) if lat is not None else None,
            longitude=float(lon) if lon is not None else None,
            population=int(pop) if pop else None,
            alternate_names=(name_nl,) if name_nl and name_nl != name_en else (),
        )

    def _country_key(self, key: str, fuzzy: bool) -> PlaceLink | None:
        hit = self.index.country_aliases.get(key)
        if hit is not None:
            return self.country_link(hit[0], 100.0, "country")
        if not fuzzy or len(key) < 5:
            return None
        block = [k for k in self._country_keys if k[0] == key[0]]
        found = process.extractOne(key, block, scorer=fuzz.ratio, score_cutoff=COUNTRY_FUZZY_CUTOFF)
        if found is None:
            return None
        k, s, _ = found
        return self.country_link(self.index.country_aliases[k][0], float(s), "country-fuzzy")

    def country(self, name: str, *, fuzzy: bool = True) -> PlaceLink | None:
        """A country from its name or a nationality word, in Dutch or English."""
        if not isinstance(name, str):
            return None
        key = name_key(name)
        if not key:
            return None
        return self.country_key(key, bool(fuzzy))

    def country_kind(self, name: str) -> str | None:
        """``"name"``, ``"adjective"`` or ``"demonym"`` for a known country word, else None."""
        if not isinstance(name, str):
            return None
        hit = self.index.country_aliases.get(name_key(name))
        return hit[1] if hit else None

    def us_state(self, name: str) -> PlaceLink | None:
        """A US state by name, postal code or AP abbreviation (``"Pa."``), as a region link
        (with the state's centre as coordinates)."""
        for reg in self.region(name):
            if reg.startswith("US:"):
                code = reg[3:]
                j = self.index.area_by_code.get(f"US-{code}")
                if j is not None:
                    return self.index.area_link(j, 100.0, "region")
                state = self.index.us_states.get(code, code)
                return PlaceLink(
                    geonameid=None,
                    name=state,
                    country_code="US",
                    admin1=state,
                    admin1_code=code,
                    score=100.0,
                    method="region",
                    feature="admin1",
                )
        return None

    def region_link(self, name: str, countries: Iterable[str] = ()) -> PlaceLink | None:
        """A first-level region (US state, ISO 3166-2 subdivision such as ``"Zeeland"``).

        Subdivision names are only accepted for a country in ``countries`` (or when the name
        belongs to one country only).
        """
        if not isinstance(name, str):
            return None
        state = self.us_state(name)
        if state is not None and len(name_key(name)) > 3:
            return state
        regs = [r for r in self.region(name) if ":" not in r]
        if not regs:
            return None
        ccs = [c for c in countries if c in regs] if countries else []
        cc = ccs[0] if ccs else (regs[0] if len(regs) == 1 else None)
        if cc is None or self.country(name, fuzzy=False) is not None:
            return None
        for j in self.index.area_rows(name_key(name)):
            if self.index.areas[j][1] == cc and self.index.areas[j][0] in ("admin1", "admin2"):
                return self.index.area_link(j, 90.0, "region")
        return PlaceLink(
            geonameid=None,
            name=name.strip(),
            country_code=cc,
            score=90.0,
            method="region",
            feature="admin1",
        )

    def capital_row(self, cc: str) -> int | None:
        """The index row of a country's capital city."""
        row = self.index.countries.get(cc.upper()) if isinstance(cc, str) else None
        if not row or not row[4]:
            return None
        gid = int(row[4])
        for i in self.index.capital:
            if self.index.gid[i] == gid:
                return i
        return None
