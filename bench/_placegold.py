"""Gold places for the place-linking figures: the country and kind of each gold LOC mention.

The NER gold (``ner_gold.jsonl``) names each mention's real-world entity by an English
``cluster`` ("Brussels", "United States", "Georgia (country)", "Washington, D.C.") and gives
no country code. The gold country and kind are derived from that cluster name alone, never
from the mention or its story, in this order:

1. a qualifier in parentheses: ``(country)`` makes it a country;
2. a country name (``Gazetteer.country`` with ``country_kind == "name"``) → that country, kind
   ``country`` — except a dateline mention, which names a city when a populated place of that
   name exists (``SINGAPORE (ANP)``);
3. otherwise the most prominent reading of the name with no evidence but the corpus's
   (``resolve_mention(gaz, name, Evidence(prior=("NL", "BE")))``: English names such as
   "Kyiv", "The Hague", "New York City" are unambiguous, and the dev set is Dutch-language
   wire) → its country and kind (``place``: city, district or municipality;
   ``region``: province or state; ``macro``: continent or macro-region, no country);
4. else the mention has no derivable gold (streets, buildings, "the West") and counts as
   *wrong* in the share — the figure is a lower bound.

A mention is right when its link has coordinates and: for a country, is that country's record;
for a macro-region, a continent/region record; otherwise a non-country record in the gold
country. ``python bench/link_bench.py --show-gold`` prints the derived table for checking.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from wirenlp.linking.gazetteer import Gazetteer
from wirenlp.linking.places import Evidence, resolve_mention
from wirenlp.records import PlaceLink

CORPUS_PRIOR = ("NL", "BE")
"""The dev and held-out sets are Dutch-language wire: Dutch and Belgian readings are preferred
when the English cluster name alone is ambiguous (Middelburg)."""

KIND_OF_FEATURE = {
    "country": "country",
    "admin1": "region",
    "admin2": "region",
    "continent": "macro",
    "region": "macro",
    "city": "place",
    "capital": "place",
    "municipality": "place",
    "district": "place",
}

#: (country code or None, kind) — kind one of country, region, place, macro, unknown
Gold = tuple[str | None, str]


def kind_of(link: PlaceLink) -> str:
    """The gold kind a link stands for (a territory such as the Gaza Strip is a region)."""
    kind = KIND_OF_FEATURE.get(link.feature, "place")
    return "region" if kind == "macro" and link.country_code else kind


def gold_place(cluster: str, gaz: Gazetteer, *, dateline: bool = False) -> Gold:
    """The gold (country, kind) of a LOC cluster name (see the module docstring)."""
    name, qualifier = cluster.strip(), ""
    m = re.match(r"^(.*?)\s*\(([^)]*)\)$", name)
    if m:
        name, qualifier = m.group(1), m.group(2).lower()
    country = gaz.country(name, fuzzy=False)
    if country is not None and (qualifier == "country" or gaz.country_kind(name) == "name"):
        city = gaz.resolve(name)
        exact_city = city is not None and city.method == "exact" and city.score >= 90
        if dateline and exact_city and city is not None and qualifier != "country":
            return city.country_code, "place"
        return country.country_code, "country"
    link = resolve_mention(gaz, name, Evidence(prior=CORPUS_PRIOR))
    if link is None and "," in name:
        head, _, region = name.partition(",")
        link = gaz.resolve(head, region=region)
    if link is None:
        return None, "unknown"
    kind = kind_of(link)
    return (None if kind == "macro" else link.country_code), kind


def is_right(link: object, gold: Gold, *, coordinates: bool = True) -> bool:
    """Is ``link`` the gold's country and kind (with coordinates, unless ``coordinates`` is
    False)?"""
    cc, kind = gold
    if kind == "unknown" or not isinstance(link, PlaceLink):
        return False
    if coordinates and link.latitude is None:
        return False
    got = kind_of(link)
    if kind == "country":
        return got == "country" and link.country_code == cc
    if kind == "macro":
        return got == "macro"
    return got != "country" and got != "macro" and link.country_code == cc


def load_gold(wire: Path) -> list[tuple[str, list[dict]]]:
    """(item id, LOC gold entities) per NER gold document; each entity gets ``dateline``."""
    dl_offsets: dict[str, tuple[int, int]] = {}
    with (wire / "datelines_gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if row.get("dateline_raw") and row.get("dateline_offset") is not None:
                    off = row["dateline_offset"]
                    dl_offsets[row["id"]] = (off, off + len(row["dateline_raw"]))
    out = []
    with (wire / "ner_gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            span = dl_offsets.get(doc["id"])
            locs = []
            for e in doc["entities"]:
                if e["label"] == "LOC":
                    in_dl = span is not None and span[0] <= e["start"] < span[1]
                    locs.append({**e, "dateline": in_dl})
            out.append((doc["id"], locs))
    return out


def score_places(
    pairs: Iterable[tuple[dict, object]], gaz: Gazetteer
) -> tuple[int, int, Counter[str], Counter[str], int]:
    """(right, total, right per gold kind, total per gold kind, right ignoring coordinates)
    over (gold entity, link) pairs."""
    right = total = loose = 0
    by_kind: Counter[str] = Counter()
    all_kind: Counter[str] = Counter()
    for ent, link in pairs:
        gold = gold_place(ent["cluster"], gaz, dateline=ent["dateline"])
        ok = is_right(link, gold)
        total += 1
        right += ok
        loose += is_right(link, gold, coordinates=False)
        all_kind[gold[1]] += 1
        by_kind[gold[1]] += ok
    return right, total, by_kind, all_kind, loose


def report(
    label: str,
    right: int,
    total: int,
    by_kind: Counter[str],
    all_kind: Counter[str],
    loose: int,
) -> None:
    """Print the share, the per-kind shares and the share without the coordinate condition."""
    kinds = ", ".join(
        f"{k} {by_kind[k]}/{all_kind[k]}"
        for k in ("place", "region", "country", "macro", "unknown")
        if all_kind[k]
    )
    derivable = total - all_kind["unknown"]
    print(
        f"{label}: {right}/{total} = {100 * right / max(total, 1):.1f}% linked to the right "
        f"country and kind with coordinates (per gold kind: {kinds}; "
        f"{100 * right / max(derivable, 1):.1f}% of the {derivable} with a derivable gold; "
        f"{100 * loose / max(total, 1):.1f}% without the coordinate condition)"
    )
