"""Linking benchmarks: gazetteer cold load (fresh subprocess), place resolutions per second,
link_page time on the dev gold pages, and place-linking quality on the gold LOC spans.

Usage: python bench/link_bench.py [--rounds N] [--show-gold]

Place quality: link_page over the dev gold pages (gold entities and datelines, see
tests/_linkdata.py), then the share of gold LOC mentions linked to the right country and kind
with coordinates, overall and per gold kind; the gold country and kind are derived from the
English cluster names as bench/_placegold.py documents (``--show-gold`` prints them).

Resolution throughput is measured twice: "uncached" clears the gazetteer's result cache before
every pass (each name is really looked up and ranked), "cached" is the steady state of a
pipeline that meets the same place names again.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _placegold import gold_place, is_right, load_gold, report, score_places
from _shared import shared_data

from wirenlp.linking.gazetteer import Gazetteer
from wirenlp.linking.loader import index_path

ROOT = Path(__file__).resolve().parents[1]
WIRE = shared_data("wire", "dev")

_COLD = (
    "import time; t = time.perf_counter(); "
    "from wirenlp.linking.gazetteer import Gazetteer; t0 = time.perf_counter(); "
    "g = Gazetteer.default(); "
    "t1 = time.perf_counter(); g.resolve('BRUSSEL'); t2 = time.perf_counter(); "
    "print(t1 - t0, t2 - t1, t0 - t)"
)


def cold_load(runs: int, cache_dir: str | None) -> tuple[float, float, float]:
    """Median (Gazetteer.default(), first resolution, imports) seconds in fresh interpreters."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["WIRENLP_CACHE"] = cache_dir
    loads, firsts, imports = [], [], []
    for _ in range(runs):
        if cache_dir is not None:
            for f in Path(cache_dir).glob("*"):
                f.unlink()
        out = subprocess.run(
            [sys.executable, "-c", _COLD], capture_output=True, text=True, env=env, check=True
        ).stdout.split()
        loads.append(float(out[0]))
        firsts.append(float(out[1]))
        imports.append(float(out[2]))
    mid = len(loads) // 2
    return sorted(loads)[mid], sorted(firsts)[mid], sorted(imports)[mid]


def names(gaz: Gazetteer) -> list[str]:
    """Place names as they reach ``resolve`` in the dev set: dateline places and gold LOC
    mentions that are not country names (those are answered by ``Gazetteer.country``)."""
    out: list[str] = []
    with open(WIRE / "datelines_gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out += (row["place"] or "").split("/")
    with open(WIRE / "ner_gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            out += [
                e["text"]
                for e in json.loads(line)["entities"]
                if e["label"] == "LOC" and gaz.country(e["text"], fuzzy=False) is None
            ]
    return [n for n in out if n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50, help="passes over the names")
    parser.add_argument("--show-gold", action="store_true", help="print gold places and links")
    args = parser.parse_args()

    warm_load, warm_first, imports = cold_load(5, None)
    with tempfile.TemporaryDirectory() as tmp:
        fresh_load, _fresh_first, _imports = cold_load(3, tmp)
    index = index_path()
    print(f"index: {index.stat().st_size / 1e6:.2f} MB")
    print(
        f"cold load (fresh process, Gazetteer.default()): {warm_load:.3f} s "
        f"(decompressed-index cache present), {fresh_load:.3f} s (first run, no cache); "
        f"first resolution {warm_first * 1000:.1f} ms; "
        f"'from wirenlp.linking.gazetteer import Gazetteer' before it: {imports:.3f} s"
    )

    gaz = Gazetteer.default()
    sample = names(gaz)
    unique = sorted(set(sample))
    for n in unique:
        gaz.resolve(n)
    t, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        gaz.places.resolve_key.cache_clear()
        for n in unique:
            gaz.resolve(n)
    uncached = len(unique) * args.rounds / (time.perf_counter() - t)
    uncached_cpu = len(unique) * args.rounds / (time.process_time() - cpu)
    t = time.perf_counter()
    for _ in range(args.rounds):
        for n in sample:
            gaz.resolve(n)
    cached = len(sample) * args.rounds / (time.perf_counter() - t)
    print(
        f"place resolutions/s: {uncached:,.0f} uncached wall ({uncached_cpu:,.0f} per CPU "
        f"second; {len(unique)} distinct names), {cached:,.0f} cached ({len(sample)} mentions)"
    )

    sys.path.insert(0, str(ROOT))
    from tests._linkdata import gold_pages

    from wirenlp.linking.linker import link_page

    pages = [p for _d, p, _g in gold_pages(gaz)]
    mentions = sum(len(p.stories[0].entities) for p in pages)
    link_page(pages[0], gazetteer=gaz)
    t = time.perf_counter()
    for _ in range(5):
        for page in pages:
            link_page(page, gazetteer=gaz)
    per_page = (time.perf_counter() - t) / (5 * len(pages))
    print(
        f"link_page on dev gold pages: {per_page * 1000:.2f} ms/page "
        f"({mentions / len(pages):.0f} entities/page)"
    )

    gold = dict(load_gold(WIRE))
    pairs = []
    for doc_id, page, _g in gold_pages(gaz):
        out = link_page(page, gazetteer=gaz)
        ents = {(e.start, e.end): e for s in out.stories for e in s.entities}
        for g in gold.get(doc_id, ()):
            ent = ents.get((g["start"], g["end"]))
            link = ent.link if ent is not None else None
            pairs.append((g, link))
            if args.show_gold:
                gp = gold_place(g["cluster"], gaz, dateline=g["dateline"])
                got = (link.name, link.country_code, link.feature) if link else None
                mark = "ok  " if is_right(link, gp) else "MISS"
                print(f"{mark} {doc_id} {g['text']!r} gold={g['cluster']!r} {gp} -> {got}")
    report("places on gold spans (link_page)", *score_places(pairs, gaz))


if __name__ == "__main__":
    main()
