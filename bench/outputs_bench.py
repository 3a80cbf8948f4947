"""Cost of the analysis outputs over the enriched dev set (pages and items): ``to_frames``
(pages/s and rows/s), ``render`` (ms per page) and the Parquet write, one process.

The dev texts are enriched once (not timed); each output is then made ``--repeat`` times.
Wall-clock and CPU times are printed; on a busy machine the CPU figures are the fairer ones.

Usage: python bench/outputs_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable

from _shared import shared_data

import wirenlp

WIRE = shared_data("wire", "dev")


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Wall and CPU seconds per call of ``fn`` (after one warm-up call)."""
    fn()
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat, (time.process_time() - cpu_start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each output")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((WIRE / "pages").glob("*.txt"))]
    texts.append((WIRE / "seed_anp_buitenland.txt").read_text(encoding="utf-8"))
    with (WIRE / "items.jsonl").open(encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh if line.strip()]
    pages = list(wirenlp.Enricher().pipe(texts))
    frames = wirenlp.to_frames(pages)
    rows = sum(len(df) for _, df in frames.items())
    print(
        f"dev set: {len(pages)} pages, {len(frames.stories)} stories, "
        f"{len(frames.entities)} entities, {rows} rows in 5 frames"
    )

    wall, cpu = timed(lambda: wirenlp.to_frames(pages), args.repeat)
    print(
        f"to_frames: {len(pages) / cpu:,.0f} pages/s CPU ({len(pages) / wall:,.0f} wall), "
        f"{rows / cpu:,.0f} rows/s CPU"
    )
    wall, cpu = timed(lambda: [wirenlp.render(p) for p in pages], args.repeat)
    print(
        f"render: {1000 * cpu / len(pages):.2f} ms/page CPU ({1000 * wall / len(pages):.2f} wall)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = timed(lambda: frames.to_parquet(tmp), args.repeat)
    print(f"to_parquet (5 files): {1000 * cpu:.1f} ms CPU ({1000 * wall:.1f} wall) per batch")


if __name__ == "__main__":
    main()
