"""Place resolution: a name (as written) → the best GeoNames row, with ranked alternatives.

rapidfuzz's way: exact lookup first (names and alternate names, Dutch exonyms included), fuzzy
only when that fails, on a candidate block of keys sharing the first letters and of similar
length, with an explicit scorer (``fuzz.ratio``) and cut-off. Candidates are ranked by
prominence (log population, capital), story context (countries it names), a weak prior (the
agency's home country), a region written after the name, and the match quality; every weight
lives in one frozen :class:`RankWeights` record.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import attrs
from rapidfuzz import fuzz, process

from ..parsing.normalize import name_key
from ..records import PlaceLink
from .index import Candidate, GazetteerIndex

__all__ = ["PlaceResolver", "RankWeights", "reading_scores"]


def reading_scores(ranked: Sequence[tuple[float, float]]) -> list[float]:
    """Scores (0–100) of readings given as ``(rank, match quality)``, best rank first.

    Every reading is scored by one rule on its own evidence: its match quality minus
    ``max(0, 10 − 4 × margin)``, where ``margin`` is its rank minus the best rank of the
    *other* readings (the winner's margin is its lead over the runner-up, ≥ 0; an
    alternative's is minus its gap to the winner, ≤ 0). An alternative's quality counts only
    up to the winner's (it ranked lower), so the winner scores at least as high as each
    alternative: strictly higher unless the two are indistinguishable (same rank and
    quality)."""
    if not ranked:
        return []
    best, q_best = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else best - 5.0
    out = []
    for pos, (rank, quality) in enumerate(ranked):
        margin = rank - (runner if pos == 0 else best)
        q = quality if pos == 0 else min(quality, q_best)
        out.append(q - max(0.0, 10.0 - 4.0 * margin))
    return [round(max(0.0, min(100.0, s)), 1) for s in out]


@attrs.frozen
class RankWeights:
    """The knobs of place ranking and fuzzy matching (rank units are log10 population)."""

    capital: float = 2.5
    """Bonus of a national capital."""
    context: float = 2.5
    """Bonus of a place in a country the story names (+``first_context`` for the first)."""
    first_context: float = 0.5
    prior: float = 1.2
    """Bonus of a place in a prior country (the agency's home)."""
    region: float = 8.0
    """Bonus of a place in the region written after it (``"Pa."``, ``"Argentina"``)."""
    alias_penalty: float = 0.5
    """An alternate-name match ranks a little below an exact name match."""
    fuzzy_cutoff: float = 88.0
    """Minimum rapidfuzz ``fuzz.ratio`` (0–100) for a fuzzy name match."""
    fuzzy_cutoff_short: float = 92.0
    """Cut-off for names of at most 6 characters (one edit there is a bigger change)."""
    fuzzy_min_population: int = 10_000
    """A fuzzy match must be this big, or lie in a country the story or prior names."""


class PlaceResolver:
    """Resolves place names against a :class:`GazetteerIndex`; results are cached."""

    def __init__(self, index: GazetteerIndex, weights: RankWeights | None = None) -> None:
        self.index = index
        self.weights = weights or RankWeights()
        self.resolve_key = lru_cache(maxsize=65536)(self._resolve_key)

    def _fuzzy_candidates(self, key: str) -> list[Candidate]:
        if len(key) < 5:
            return []
        idx, w = self.index, self.weights
        buckets = idx.fuzzy_block(key[:3] if len(key) >= 8 else key[:2])
        block: list[str] = []
        for length in range(len(key) - 3, len(key) + 4):
            block.extend(buckets.get(length, ()))
        cutoff = w.fuzzy_cutoff_short if len(key) <= 6 else w.fuzzy_cutoff
        hits = process.extract(key, block, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
        out: list[Candidate] = []
        seen: set[int] = set()
        for k, score, _ in sorted(hits, key=lambda h: (-h[1], h[0])):
            for i, _q, _m in idx.candidates(k):
                if i not in seen:
                    seen.add(i)
                    out.append((i, float(score), "fuzzy"))
        return out

    def rank(
        self,
        cands: list[Candidate],
        countries: tuple[str, ...],
        prior: tuple[str, ...],
        region: tuple[str, ...],
    ) -> list[tuple[float, float, str, int]]:
        """(rank, match quality, method, row) per candidate, best first (ties: lower id)."""
        idx, w = self.index, self.weights
        log10 = math.log10
        pop, capital, ccb = idx.pop, idx.capital, idx.cc_bytes
        first = countries[0] if countries else None
        hinted = bool(countries or prior or region)
        out = []
        for i, quality, method in cands:
            r = log10(pop[i] + 10.0)
            if i in capital:
                r += w.capital
            if hinted:
                cc = ccb[2 * i : 2 * i + 2].decode("ascii")
                if cc in countries:
                    r += w.context + (w.first_context if cc == first else 0.0)
                if cc in prior:
                    r += w.prior
                if region and (cc in region or f"{cc}:{idx.admin1(i)}" in region):
                    r += w.region
            if method == "alias":
                r -= w.alias_penalty
            if quality < 100.0:
                r -= (100.0 - quality) / 4.0
            out.append((r, quality, method, i))
        gid = idx.gid
        out.sort(key=lambda t: (-t[0], gid[t[3]]))
        return out

    def link(
        self,
        i: int,
        score: float,
        method: str,
        alternatives: Sequence[PlaceLink] = (),
        with_names: bool = True,
    ) -> PlaceLink:
        """The link of row ``i`` with a score (clamped to 0–100) and alternatives."""
        b = self.index.row(i)
        return attrs.evolve(
            b,
            score=round(max(0.0, min(100.0, score)), 1),
            method=method,
            alternate_names=b.alternate_names if with_names else (),
            alternatives=tuple(alternatives),
        )

    def _resolve_key(
        self,
        key: str,
        countries: tuple[str, ...],
        prior: tuple[str, ...],
        region: tuple[str, ...],
        limit: int,
    ) -> PlaceLink | None:
        idx = self.index
        cands = idx.candidates(key)
        if not cands and key.endswith(" stad"):  # Dutch "Mexico-Stad", "Koeweit-Stad"
            cands = [(i, 98.0, m) for i, _q, m in idx.candidates(key[:-5] + " city")]
            cands = cands or [(i, 97.0, m) for i, _q, m in idx.candidates(key[:-5])]
        if not cands:
            known = set(countries) | set(prior) | {r.split(":")[0] for r in region}
            cands = [
                (i, q, m)
                for i, q, m in self._fuzzy_candidates(key)
                if idx.pop[i] >= self.weights.fuzzy_min_population or idx.cc(i) in known
            ]
        if not cands:
            return None
        ranked = self.rank(cands, countries, prior, region)
        top = ranked[: max(1, limit)]
        scores = reading_scores([(r, q) for r, q, _m, _i in ranked[: max(2, limit)]])
        # alternatives worth showing: those with a score above zero
        alternatives = []
        for p in range(1, len(top)):
            if scores[p] <= 0.0:
                break
            alternatives.append(self.link(top[p][3], scores[p], top[p][2], with_names=False))
        _r, _q, method, i = top[0]
        return self.link(i, scores[0], method, alternatives)

    def resolve(
        self,
        name: str,
        *,
        countries: Iterable[str] = (),
        region: tuple[str, ...] = (),
        limit: int = 5,
        prior: Iterable[str] = (),
    ) -> PlaceLink | None:
        """Resolve ``name``; ``region`` holds region codes (see ``RegionLookup.region``)."""
        key = name_key(name)
        if not key:
            return None
        try:
            ccs = tuple(c.upper() for c in countries if isinstance(c, str))
            pri = tuple(c.upper() for c in prior if isinstance(c, str))
        except TypeError:
            ccs = pri = ()
        try:
            lim = max(1, min(int(limit), 20))
        except (TypeError, ValueError):
            lim = 5
        return self.resolve_key(key, ccs, pri, region, lim)
