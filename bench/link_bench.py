"""Linking benchmarks: gazetteer cold load (fresh subprocess), place resolutions per second,
and link_page time on the dev gold pages.

Usage: python bench/link_bench.py [--rounds N]

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

from wirenlp.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
WIRE = ROOT.parent / "shared" / "data" / "wire" / "dev"

_COLD = (
    "import time; t = time.perf_counter(); "
    "from wirenlp.gazetteer import Gazetteer; g = Gazetteer.default(); "
    "t1 = time.perf_counter(); g.resolve('BRUSSEL'); t2 = time.perf_counter(); "
    "print(t1 - t, t2 - t1)"
)


def cold_load(runs: int, cache_dir: str | None) -> tuple[float, float]:
    """Median (import + load, first resolution) seconds in fresh interpreters."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["WIRENLP_CACHE"] = cache_dir
    loads, firsts = [], []
    for _ in range(runs):
        if cache_dir is not None:
            for f in Path(cache_dir).glob("*"):
                f.unlink()
        out = subprocess.run([sys.executable, "-c", _COLD], capture_output=True, text=True,
                             env=env, check=True).stdout.split()
        loads.append(float(out[0]))
        firsts.append(float(out[1]))
    return sorted(loads)[len(loads) // 2], sorted(firsts)[len(firsts) // 2]


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
            out += [e["text"] for e in json.loads(line)["entities"]
                    if e["label"] == "LOC" and gaz.country(e["text"], fuzzy=False) is None]
    return [n for n in out if n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50, help="passes over the names")
    args = parser.parse_args()

    warm_load, warm_first = cold_load(5, None)
    with tempfile.TemporaryDirectory() as tmp:
        fresh_load, _fresh_first = cold_load(3, tmp)
    index = Path(sys.modules["wirenlp.gazetteer"].__file__).parent / "data" / "gazetteer.bin.gz"
    print(f"index: {index.stat().st_size / 1e6:.2f} MB")
    print(f"cold load (fresh process, import + Gazetteer.default()): {warm_load:.3f} s "
          f"(decompressed-index cache present), {fresh_load:.3f} s (first run, no cache); "
          f"first resolution {warm_first * 1000:.1f} ms")

    gaz = Gazetteer.default()
    sample = names(gaz)
    unique = sorted(set(sample))
    for n in unique:
        gaz.resolve(n)
    t = time.perf_counter()
    for _ in range(args.rounds):
        gaz._resolve_cached.cache_clear()
        for n in unique:
            gaz.resolve(n)
    uncached = len(unique) * args.rounds / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(args.rounds):
        for n in sample:
            gaz.resolve(n)
    cached = len(sample) * args.rounds / (time.perf_counter() - t)
    print(f"place resolutions/s: {uncached:,.0f} uncached ({len(unique)} distinct names), "
          f"{cached:,.0f} cached ({len(sample)} mentions)")

    sys.path.insert(0, str(ROOT))
    from tests._linkdata import gold_pages

    from wirenlp.link import link_page

    pages = [p for _d, p, _g in gold_pages(gaz)]
    mentions = sum(len(p.stories[0].entities) for p in pages)
    link_page(pages[0], gazetteer=gaz)
    t = time.perf_counter()
    for _ in range(5):
        for page in pages:
            link_page(page, gazetteer=gaz)
    per_page = (time.perf_counter() - t) / (5 * len(pages))
    print(f"link_page on dev gold pages: {per_page * 1000:.2f} ms/page "
          f"({mentions / len(pages):.0f} entities/page)")


if __name__ == "__main__":
    main()
