"""Benchmark of wirenlp.Archive on a synthetic archive built from the dev items.

    python bench/archive_bench.py [--stories 100000] [--enrich-pages 1000] [--batch-size 1000]

The synthetic wire: each page is a dev item (headline and up to 1,200 characters of text) with
a sentence naming a person (first names x surnames, so surnames are shared by several people),
an organisation and a place, then a "Meer uit Buitenland" block with one teaser from a pool of
300 (so teasers are seen on many pages: appearances > stories); pages are dated over a year.

1. add rate with enrichment: ``--enrich-pages`` pool texts into a new archive (spaCy in the
   add: Enricher.pipe, one pipeline);
2. add rate without enrichment (``enrich=False``: parse and store);
3. the archive at N stories: the enriched pool pages again, each made unique by a serial number
   in its main story and dated over a year, added as enriched pages (storage, dedup, versions
   and entity resolution, no spaCy) until the archive holds ``--stories`` stories; reports the
   store rate, RSS growth during that add (after its first batch, which imports pyarrow and
   pandas; the peak of RSS sampled every 20 ms by a thread, and the peak of RSS sampled after
   each batch; DuckDB's memory capped by the archive's default for writing or
   ``--memory-limit``), the file size per million stories, and the latency of each query at N
   (best of 3 runs, after one warm-up, in a read-only archive).

Figures are one run on a shared machine; N is what was measured, nothing is extrapolated.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_data

import wirenlp
from wirenlp import Page
from wirenlp.archive.store import WRITE_MEMORY_LIMIT

FIRST = [
    "Jan",
    "Piet",
    "Anna",
    "Sanne",
    "Mark",
    "Fleur",
    "Ahmed",
    "Fatima",
    "Jens",
    "Camilla",
    "Emma",
    "Lucas",
    "Noah",
    "Julia",
    "Daan",
    "Tess",
    "Sem",
    "Lotte",
    "Bram",
    "Eva",
    "Thomas",
    "Sophie",
    "Ruben",
    "Lisa",
    "Jesse",
    "Iris",
    "Milan",
    "Anouk",
    "Luuk",
    "Femke",
]
LAST = [
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "van der Heijden",
    "Schouten",
    "Stoltenberg",
    "Verhoeven",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Postma",
    "Kuiper",
    "Veenstra",
]
ORGS = [
    "de NAVO",
    "de gemeente Utrecht",
    "het ministerie van Defensie",
    "de FNV",
    "Philips",
    "de Tweede Kamer",
    "het CBS",
    "de Europese Commissie",
    "Ajax",
    "de KNVB",
]
CITIES = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Den Haag",
    "Brussel",
    "Berlijn",
    "Parijs",
    "Londen",
    "Oslo",
    "Madrid",
    "Rome",
    "Wenen",
    "Eindhoven",
    "Groningen",
]
T0 = datetime(2025, 1, 1, 8, 0, tzinfo=timezone.utc)


def pool_texts(n: int, rng: random.Random) -> list[str]:
    items = [json.loads(line) for line in shared_data("wire", "dev", "items.jsonl").open()]
    teasers = [
        f"{rng.choice(CITIES).upper()} (ANP) - {rng.choice(FIRST)} {rng.choice(LAST)} van "
        f"{rng.choice(ORGS)} sprak in {rng.choice(CITIES)} over de begroting ({j}).\n"
        for j in range(300)
    ]
    texts = []
    for i in range(n):
        item = items[i % len(items)]
        body = item["text"][:1200].rsplit(" ", 1)[0].strip()
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        name = f"{person}, woordvoerder van {rng.choice(ORGS)}, reageerde in {rng.choice(CITIES)}."
        surname = person.split(" ", 1)[1]
        texts.append(
            f"{item.get('headline') or 'Nieuws'}\n{body} {name} "
            f"Volgens {surname[0].upper() + surname[1:]} is het zaak {i}.\n"
            f"Meer uit Buitenland\n{rng.choice(teasers)}"
        )
    return texts


WIDTH = 8  # digits of the serial number that makes a pool page unique


def template(page: Page) -> tuple[Page, int] | None:
    """The page with a placeholder serial at the end of its main story (all offsets after it
    shifted), and the placeholder's position; None when the main story has no body at its end."""
    if not page.stories or page.error is not None:
        return None
    first = page.stories[0]
    if first.body is None or first.body.end != first.end:
        return None
    pos, add = first.end, WIDTH + 2
    text = page.text[:pos] + " #" + "0" * WIDTH + page.text[pos:]
    data = page.to_dict()
    data["text"] = text

    def shift(node: object) -> None:
        if isinstance(node, dict):
            start, end = node.get("start"), node.get("end")
            if isinstance(start, int) and isinstance(end, int):
                if start >= pos:
                    node["start"], node["end"] = start + add, end + add
                elif end >= pos:
                    node["end"] = end + add
                    if "text" in node and isinstance(node["text"], str):
                        node["text"] = text[start : end + add]
            for value in node.values():
                shift(value)
        elif isinstance(node, list):
            for value in node:
                shift(value)

    shift(data["stories"])
    shift(data["sections"])
    data.pop("schema_version", None)
    return Page.from_dict(data), pos


def variant(tpl: Page, pos: int, serial: int, when: datetime) -> Page:
    mark = f" #{serial:0{WIDTH}d}"
    text = tpl.text[:pos] + mark + tpl.text[pos + len(mark) :]
    first = tpl.stories[0]
    assert first.body is not None
    body = attrs.evolve(first.body, text=text[first.body.start : first.body.end])
    stories = (attrs.evolve(first, body=body), *tpl.stories[1:])
    return attrs.evolve(tpl, text=text, stories=stories, reference_time=when)


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(func, repeat: int = 3) -> float:
    func()  # warm-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=100_000, help="stories in the archive")
    parser.add_argument("--enrich-pages", type=int, default=1000, help="pool pages (enriched)")
    parser.add_argument("--batch-size", type=int, default=1000, help="pages per transaction")
    parser.add_argument("--dir", default=None, help="where the archive files go (default tmp)")
    parser.add_argument(
        "--shared", action="store_true", help="the big archive opens its file per batch"
    )
    parser.add_argument(
        "--memory-limit",
        default=None,
        help="DuckDB memory_limit of the big archive (default: the archive's for writing, "
        + WRITE_MEMORY_LIMIT
        + ")",
    )
    args = parser.parse_args()
    rng = random.Random(21)
    texts = pool_texts(args.enrich_pages, rng)
    tmp = Path(args.dir or tempfile.mkdtemp(prefix="archive_bench_"))
    tmp.mkdir(parents=True, exist_ok=True)
    print(
        f"archive_bench: {args.enrich_pages} pool pages, target {args.stories} stories, "
        f"batch {args.batch_size}; one run on a shared 2-core machine"
    )

    enricher = wirenlp.Enricher()
    list(enricher.pipe(texts[:20]))  # load the pipeline outside the timings
    with wirenlp.Archive(tmp / "enrich.duckdb", enricher=enricher) as archive:
        start = time.perf_counter()
        res = archive.add(texts, reference_time=T0)
        took = time.perf_counter() - start
    print(
        f"1. add with enrichment:    {res.pages} pages, {res.stories} stories in {took:.1f} s "
        f"= {res.stories / took:,.0f} stories/s ({res.pages / took:,.0f} pages/s)"
    )
    with wirenlp.Archive(tmp / "parse.duckdb", enrich=False) as archive:
        start = time.perf_counter()
        res = archive.add(texts, reference_time=T0)
        took = time.perf_counter() - start
    print(
        f"2. add without enrichment: {res.pages} pages, {res.stories} stories in {took:.1f} s "
        f"= {res.stories / took:,.0f} stories/s"
    )

    pool = [t for t in (template(p) for p in enricher.pipe(texts)) if t is not None]
    print(f"   {len(pool)} enriched pool pages usable as templates")

    def pages():
        serial = 0
        while True:
            tpl, pos = pool[serial % len(pool)]
            when = T0 + timedelta(minutes=(serial * 7919) % (365 * 24 * 60))
            yield variant(tpl, pos, serial, when)
            serial += 1

    path = tmp / "big.duckdb"
    peak = [0.0]
    stories = [0]

    samples: list[tuple[int, float]] = []
    top = [0.0]
    done = threading.Event()

    def sample_rss() -> None:
        while not done.wait(0.02):
            top[0] = max(top[0], rss_mb())
        top[0] = max(top[0], rss_mb())

    def progress(base: int, total: wirenlp.archive.AddResult) -> None:
        rss = rss_mb()
        peak[0] = max(peak[0], rss)
        stories[0] = base + total.stories
        samples.append((stories[0], rss))

    def until_n():
        for page in pages():
            if stories[0] >= args.stories:
                return
            yield page

    # batches: progress() sees the running totals after each one; stop once N is reached
    start_rss = rss_mb()
    limit = args.memory_limit or WRITE_MEMORY_LIMIT
    gen = until_n()
    with wirenlp.Archive(
        path, batch_size=args.batch_size, memory_limit=args.memory_limit, shared=args.shared
    ) as archive:
        start = time.perf_counter()
        first = archive.add(next(gen) for _ in range(args.batch_size))  # imports, first buffers
        before = rss_mb()
        base = first.stories
        sampler = threading.Thread(target=sample_rss, daemon=True)
        sampler.start()
        res = archive.add(gen, progress=lambda total: progress(base, total)) + first
        took = time.perf_counter() - start
        done.set()
        sampler.join()
        n = int(archive.sql("select count(*) from stories").iloc[0, 0])
        n_app = int(archive.sql("select count(*) from appearances").iloc[0, 0])
        n_ment = int(archive.sql("select count(*) from mentions").iloc[0, 0])
        n_ent = int(archive.sql("select count(*) from entities").iloc[0, 0])
        print(
            f"3. store enriched pages:   {res.pages} pages, {res.stories} stories in {took:.1f} s "
            f"= {res.stories / took:,.0f} stories/s"
        )
        print(
            f"   RSS growth during the add after its first batch: {top[0] - before:,.0f} MB "
            f"at its peak (every 20 ms), {peak[0] - before:,.0f} MB after a batch (RSS "
            f"{before:,.0f} -> {top[0]:,.0f} MB; {before - start_rss:+,.0f} MB in the first "
            f"batch: imports, first buffers; memory_limit {limit})"
        )
        marks = [samples[int(q * (len(samples) - 1))] for q in (0.25, 0.5, 0.75, 1.0)]
        print("   RSS during the add: " + ", ".join(f"{r:,.0f} MB at {k:,}" for k, r in marks))
        print(
            f"   archive at N = {n:,} stories: {n_app:,} appearances, {n_ment:,} mentions, "
            f"{n_ent:,} entities"
        )
    wal = path.with_name(path.name + ".wal")
    size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    print(
        f"   file size: {size / 2**20:,.1f} MB = {size / 2**20 / n * 1e6:,.0f} MB per million "
        f"stories (at N = {n:,})"
    )

    with wirenlp.Archive(path, read_only=True) as archive:
        person = archive.sql(
            "select e.name from entities e join mentions m using (entity) "
            "where e.kind = 'person' group by e.name order by count(*) desc limit 1"
        ).iloc[0, 0]
        queries = {
            "entity(name)": lambda: archive.entity(person),
            "mentions_over_time(week)": lambda: archive.mentions_over_time(person, "week"),
            "co_mentions": lambda: archive.co_mentions(person),
            "filing_places(month)": lambda: archive.filing_places("month"),
            "event_places(month)": lambda: archive.event_places("month"),
            "agencies(month)": lambda: archive.agencies("month"),
            "top_entities(per section)": lambda: archive.top_entities(limit=10),
        }
        print(f"4. query latency at N = {n:,} stories (best of 3, warm; entity {person!r}):")
        for name, func in queries.items():
            print(f"   {name:28s} {timed(func) * 1000:8.1f} ms")
        start = time.perf_counter()
        archive.export(tmp / "export")
        print(f"5. export to parquet by month: {time.perf_counter() - start:.1f} s")
    if args.dir is None:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
