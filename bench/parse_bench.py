"""Parse throughput in MB/s of UTF-8 input, one process on one core.

Two corpora from the dev set, each parsed ``--repeat`` times: the scraped pages (the seed page
included; short, many stories per KB) and the single wire items of ``items.jsonl``. Wall-clock
and CPU-time rates are printed; on a busy machine the CPU-time rate is the fairer one.

Usage: python bench/parse_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time

from _shared import shared_data

import wirenlp

WIRE = shared_data("wire", "dev")


def measure(name: str, texts: list[str], repeat: int) -> None:
    """Parse ``texts`` ``repeat`` times and print the rates."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    for text in texts:  # warm up regex and dateline caches
        wirenlp.parse(text)
    stories = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for text in texts:
            stories += len(wirenlp.parse(text).stories)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    total_mb = size * repeat / 1e6
    print(
        f"{name}: {len(texts) * repeat} texts, {total_mb:.1f} MB, {stories} stories: "
        f"{total_mb / elapsed:.2f} MB/s wall, {total_mb / cpu:.2f} MB/s CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=300, help="passes over each corpus")
    args = parser.parse_args()
    pages = [p.read_text(encoding="utf-8") for p in sorted((WIRE / "pages").glob("*.txt"))]
    pages.append((WIRE / "seed_anp_buitenland.txt").read_text(encoding="utf-8"))
    with (WIRE / "items.jsonl").open(encoding="utf-8") as fh:
        items = [json.loads(line)["text"] for line in fh if line.strip()]
    measure("pages", pages, args.repeat)
    measure("items", items, args.repeat)


if __name__ == "__main__":
    main()
