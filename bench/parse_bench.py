"""Parse throughput: MB/s of UTF-8 input on the dev pages (repeated), one process, one core.

Usage: python bench/parse_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import wirenlp

WIRE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wire" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=300, help="passes over the dev pages")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((WIRE / "pages").glob("*.txt"))]
    texts.append((WIRE / "seed_anp_buitenland.txt").read_text(encoding="utf-8"))
    size = sum(len(t.encode("utf-8")) for t in texts)
    for text in texts:  # warm up regex caches
        wirenlp.parse(text)
    stories = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for text in texts:
            stories += len(wirenlp.parse(text).stories)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    total_mb = size * args.repeat / 1e6
    print(f"pages: {len(texts) * args.repeat}  input: {total_mb:.1f} MB  stories: {stories}")
    pages_per_s = len(texts) * args.repeat / elapsed
    print(
        f"parse throughput: {total_mb / elapsed:.2f} MB/s wall, {total_mb / cpu:.2f} MB/s CPU "
        f"(one core)  ({pages_per_s:.0f} pages/s)"
    )


if __name__ == "__main__":
    main()
