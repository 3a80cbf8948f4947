"""The gazetteer index format: a compact, read-only table of GeoNames places.

``wirenlp/data/gazetteer.bin.gz`` (built by ``scripts/build_gazetteer.py``) decompresses to one
blob: a magic line, a JSON header (sources, section layout, country/region tables) and binary
sections: per-row GeoNames id, population, delta-coded coordinates, admin1 and country codes,
names and alternate names in chunks, and a key index (normalised name → rows) in blocks by the
first three letters. :class:`GazetteerIndex` decodes rows lazily and caches the decoded chunks.
"""

from __future__ import annotations

import json
import sys
from array import array
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Any

from ..records import PlaceLink

__all__ = ["MAGIC", "Candidate", "GazetteerIndex"]

MAGIC = b"WIRENLP-GAZETTEER 2\n"

#: An exact or alias hit of a name key: (row, match quality 0-100, method).
Candidate = tuple[int, float, str]


class GazetteerIndex:
    """Rows and name keys of one decoded index blob; lookups never raise on odd keys."""

    def __init__(self, blob: bytes) -> None:
        if not blob.startswith(MAGIC):
            raise ValueError("not a wirenlp gazetteer index (version 2)")
        nl = blob.index(b"\n", len(MAGIC))
        head_len = int(blob[len(MAGIC) : nl])
        base = nl + 1 + head_len
        meta = json.loads(blob[nl + 1 : base].decode("utf-8"))
        self.sources: str = meta["sources"]
        view = memoryview(blob)

        def section(name: str) -> memoryview:
            off, length = meta["layout"][name]
            return view[base + off : base + off + length]

        def ints(name: str, typecode: str) -> array[int]:
            arr = array(typecode)
            arr.frombytes(section(name))
            if sys.byteorder != "little":
                arr.byteswap()
            return arr

        self.gid = ints("gid", "i")
        self.pop = ints("pop", "i")
        self._dlat = ints("dlat", "i")
        self._dlon = ints("dlon", "i")
        self._admin1_idx = ints("admin1", "H")
        self._admin1_table: list[str] = meta["admin1_table"]
        self.cc_bytes = bytes(section("cc"))
        self.capital = frozenset(ints("capital", "i"))
        self._names_blob = bytes(section("names"))
        self._alts_blob = bytes(section("alts"))
        self._index_blob = bytes(section("index"))
        # tuples, not JSON lists: the garbage collector stops tracking tuples of numbers and
        # strings, while every full collection would walk thousands of lists (see _areas)
        self._directory: dict[str, tuple[int, int]] = {
            key: (span[0], span[1]) for key, span in meta["directory"].items()
        }
        self._names_chunks = ints("names_chunks", "I")
        self._alts_chunks = ints("alts_chunks", "I")
        self._chunk: int = meta["chunk"]
        self._scale = 10.0 ** meta["coord_digits"]
        #: ISO code → (cc, geonameid, English name, Dutch name, capital id, population, continent)
        self.countries: dict[str, tuple[str, ...]] = {
            row[0]: tuple(row) for row in meta["countries"]
        }
        #: normalised country word → (cc, "name" | "adjective" | "demonym")
        self.country_aliases: dict[str, tuple[str, str]] = {
            key: (cc, kind) for key, cc, kind, _prio in meta["country_aliases"]
        }
        #: US state postal code → name
        self.us_states: dict[str, str] = {code: name for code, name in meta["us_states"]}
        #: normalised region word → country codes or "CC:ADMIN1" codes
        self.regions: dict[str, tuple[str, ...]] = {
            key: tuple(vals.split(",")) for key, vals in meta["regions"]
        }
        self._areas_blob = bytes(section("areas")) if "areas" in meta["layout"] else b""
        self._admin1_blob = (
            bytes(section("admin1_names")) if "admin1_names" in meta["layout"] else b""
        )
        self.row = lru_cache(maxsize=8192)(self._row)
        self._names_cached = lru_cache(maxsize=512)(self._names_chunk)
        self._alts_cached = lru_cache(maxsize=256)(self._alts_chunk)
        self._coords_cached = lru_cache(maxsize=512)(self._coords_chunk)
        self._block_cached = lru_cache(maxsize=8192)(self._block)
        self.fuzzy_block = lru_cache(maxsize=1024)(self._fuzzy_block)

    def __len__(self) -> int:
        return len(self.gid)

    # ------------------------------------------------------------------ areas
    @cached_property
    def _areas(self) -> tuple[list[tuple[Any, ...]], dict[str, str]]:
        """The areas section, decoded once: its rows as tuples and its name keys as a dict.
        The JSON lists are not kept: tens of thousands of lists stay tracked by the garbage
        collector and every full collection walks them (in every process that links places,
        e.g. each Dask worker), while tuples of strings and numbers are soon untracked."""
        meta = json.loads(self._areas_blob.decode("utf-8")) if self._areas_blob else {}
        areas = [tuple(row) for row in meta.get("areas", [])]
        return areas, dict(meta.get("area_keys", []))

    @property
    def areas(self) -> list[tuple[Any, ...]]:
        """Areas as (feature, cc, code, name, lat, lon, population): ISO 3166-2 subdivisions,
        Dutch municipalities, continents and macro-regions (decoded on first use)."""
        return self._areas[0]

    @property
    def _area_keys(self) -> dict[str, str]:
        return self._areas[1]

    @cached_property
    def _admin1_meta(self) -> dict[str, Any]:
        return json.loads(self._admin1_blob.decode("utf-8")) if self._admin1_blob else {}

    @cached_property
    def admin1_names(self) -> dict[str, str]:
        """``"CC.code"`` (GeoNames admin1 code) → admin1 name."""
        return dict(self._admin1_meta.get("names", {}))

    @cached_property
    def admin1_iso(self) -> dict[str, str]:
        """``"CC.code"`` (GeoNames admin1 code) → ISO 3166-2 code of the same region."""
        return dict(self._admin1_meta.get("iso", {}))

    def area_keys_with_prefix(self, prefix: str) -> list[str]:
        """Area name keys starting with ``prefix`` (a linear scan; callers cache)."""
        return [k for k in self._area_keys if k.startswith(prefix)] if prefix else []

    @cached_property
    def area_by_code(self) -> dict[str, int]:
        """ISO 3166-2 code → area number."""
        return {a[2]: j for j, a in enumerate(self.areas) if a[0] in ("admin1", "admin2")}

    # ------------------------------------------------------------------ rows
    def _coords_chunk(self, c: int) -> tuple[array[int], array[int]]:
        lo, hi = c * self._chunk, (c + 1) * self._chunk
        return (
            array("i", accumulate(self._dlat[lo:hi])),
            array("i", accumulate(self._dlon[lo:hi])),
        )

    def coords(self, i: int) -> tuple[float, float]:
        """(latitude, longitude) of row ``i``."""
        lats, lons = self._coords_cached(i // self._chunk)
        j = i % self._chunk
        return lats[j] / self._scale, lons[j] / self._scale

    def _text_chunk(self, blob: bytes, offsets: array[int], c: int) -> list[str]:
        start = offsets[c]
        end = offsets[c + 1] - 1 if c + 1 < len(offsets) else len(blob)
        return blob[start:end].decode("utf-8").split("\n")

    def _names_chunk(self, c: int) -> list[str]:
        return self._text_chunk(self._names_blob, self._names_chunks, c)

    def _alts_chunk(self, c: int) -> list[str]:
        return self._text_chunk(self._alts_blob, self._alts_chunks, c)

    def cc(self, i: int) -> str:
        """ISO country code of row ``i``."""
        return self.cc_bytes[2 * i : 2 * i + 2].decode("ascii")

    def admin1(self, i: int) -> str:
        """GeoNames admin1 code of row ``i`` ("" when none)."""
        return self._admin1_table[self._admin1_idx[i]]

    def name(self, i: int) -> str:
        """GeoNames name of row ``i``."""
        return self._names_cached(i // self._chunk)[i % self._chunk]

    def alt_names(self, i: int) -> tuple[str, ...]:
        """Alternate names of row ``i`` (exonyms included)."""
        alts = self._alts_cached(i // self._chunk)[i % self._chunk]
        return tuple(alts.split("|")) if alts else ()

    def admin1_name(self, i: int) -> str | None:
        """The name of the first-level region (province, state) of row ``i``; the code when
        no name is known."""
        code = self.admin1(i)
        if not code:
            return None
        cc = self.cc(i)
        name = self.admin1_names.get(f"{cc}.{code}")
        if name:
            return name
        if cc == "US":
            return self.us_states.get(code, code)
        return code

    def area_rows(self, key: str) -> tuple[int, ...]:
        """Area numbers of a normalised name key (``()`` when none)."""
        v = self._area_keys.get(key)
        return tuple(int(x) for x in v.split(",")) if v else ()

    def area_link(self, j: int, score: float = 100.0, method: str = "area") -> PlaceLink:
        """Area ``j`` as a link (coordinates are the area's centre)."""
        feature, cc, code, name, lat, lon, pop = self.areas[j][:7]
        admin1 = admin1_code = None
        if feature in ("admin1", "admin2"):
            admin1, admin1_code = name, code
        elif feature == "municipality" and code:
            admin1 = self.admin1_names.get(f"{cc}.{code}", code)
            admin1_code = code
        return PlaceLink(
            geonameid=None,
            name=name,
            country_code=cc or None,
            admin1=admin1,
            admin1_code=admin1_code,
            latitude=float(lat),
            longitude=float(lon),
            score=round(max(0.0, min(100.0, score)), 1),
            method=method,
            feature=feature,
            population=int(pop) or None,
        )

    def _row(self, i: int) -> PlaceLink:
        """The place of row ``i`` as a link template (score 100, no alternatives)."""
        lat, lon = self.coords(i)
        return PlaceLink(
            geonameid=self.gid[i],
            name=self.name(i),
            country_code=self.cc(i),
            admin1=self.admin1_name(i),
            admin1_code=self.admin1(i) or None,
            latitude=lat,
            longitude=lon,
            feature="capital" if i in self.capital else "city",
            population=self.pop[i],
            alternate_names=self.alt_names(i),
        )

    # ------------------------------------------------------------------ keys
    def _block(self, prefix: str) -> dict[str, str]:
        span = self._directory.get(prefix)
        if span is None:
            return {}
        text = self._index_blob[span[0] : span[1]].decode("utf-8")
        return dict(line.split("\t", 1) for line in text.split("\n") if line)

    def candidates(self, key: str) -> list[Candidate]:
        """Exact (name) and alias (alternate name) rows of a normalised key."""
        rows = self._block_cached(key[:3]).get(key)
        if not rows:
            return []
        out: list[Candidate] = []
        for s in rows.split(","):
            if s[0] == "~":
                out.append((int(s[1:]), 100.0, "alias"))
            else:
                out.append((int(s), 100.0, "exact"))
        return out

    def _fuzzy_block(self, prefix: str) -> dict[int, list[str]]:
        """Index keys starting with ``prefix``, bucketed by length."""
        spans = [v for k, v in self._directory.items() if k.startswith(prefix)]
        if not spans:
            return {}
        start = min(s for s, _e in spans)
        end = max(e for _s, e in spans)
        text = self._index_blob[start:end].decode("utf-8")
        buckets: dict[int, list[str]] = {}
        for line in text.split("\n"):
            if line:
                key = line.split("\t", 1)[0]
                buckets.setdefault(len(key), []).append(key)
        return buckets
