"""Hostile and oversized input through ``wirenlp.Enricher`` (issue 8, part 3), one run.

Prints:
- ``ratio``: seconds for 48 KB of ordinary ANP wire text and for 48 KB of punctuation runs
  (12 lines of 4,000 ``=``, ``*``, ``(`` …, the acceptance check's input) through
  ``Enricher.enrich``, best of three each, and their ratio (bar: <= 3); the same for
  ``wirenlp.parse`` alone;
- ``story``: a 2.5 MB single-story text (ANP copy joined into one paragraph behind one
  dateline): seconds, entities, KB/s;
- ``text``: a 50 MB single-story text of the same kind through ``Enricher.enrich``: seconds,
  MB/s, stories, entities, chunks, peak resident memory of this process;
- ``oneline``: one-line stories of 0.1, 1 and 10 MB (``--oneline-mb``) of repeated sentences
  whose names repeat (the acceptance check ``linear.py``'s input: a feed glued into one line)
  through ``Enricher.enrich``: seconds, s/MB (wall and CPU), entities, and the s/MB of each
  size over that of the smallest (near 1 when every per-story step is linear);
- ``linkscale``: the link stage alone (``Linker``: consistency, places, clusters) on
  synthetic one-story pages of 8,000, 32,000 and 128,000 entities with *distinct* names
  (every person, organisation a new name; places from a short list): microseconds per
  entity at each size and the ratio to the smallest (near 1 when linear in entity count);
- ``records``: the JSON record (``Page.to_dict()``, compact, and ``to_dict(full=True)``) of
  every enriched page of ``tests/data/wire_dev/items.jsonl`` over its text, in bytes: median
  and largest per page, and all records over all texts (goal: compact <= 5x);
- ``cli``: a 50 MB file of ANP copy (dev texts joined by blank lines: an archive dump of many
  stories) through ``wirenlp enrich`` in a subprocess: seconds, MB/s, output size, peak
  resident memory of the subprocess.

Throughput depends on the machine and its load (on a shared machine prefer the CPU-time rates
printed beside the wall-clock ones); the ratio is what the issue bars.

Usage: python bench/robust_bench.py [--parts ratio,story,text,oneline,linkscale,records,cli]
       [--mb 50] [--oneline-mb 0.1,1,10]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import shared_data

import wirenlp

DEV = shared_data("wire", "dev", "items.jsonl")


def _texts() -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


#: the sentences of the acceptance check linear.py: persons, places and organisations that
#: repeat, so consistency, clusters and linking see many mentions of few names
SENTENCE = (
    "Minister Jan de Vries sprak in Utrecht met de NAVO en met Angela Merkel over Brussel. "
    "De Europese Commissie en Rutte reageerden vanuit Den Haag. "
)


def _oneline(enricher: wirenlp.Enricher, sizes: list[float]) -> None:
    """One-line stories of ``sizes`` MB through ``enricher``: s/MB each and the ratios."""
    base: tuple[float, float] | None = None
    for mb in sizes:
        n = int(mb * 1_000_000)
        text = "DEN HAAG (ANP) - " + SENTENCE * (n // len(SENTENCE) + 1)
        t0, c0 = time.perf_counter(), time.process_time()
        page = enricher.enrich(text)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        size = len(text.encode("utf-8")) / 1e6
        base = base if base is not None else (dt / size, cpu / size)
        print(
            f"oneline: {size:.2f} MB one-line story in {dt:.1f}s, {dt / size:.2f} s/MB "
            f"(CPU {cpu / size:.2f} s/MB), {_entities(page)} entities, error={page.error}, "
            f"s/MB {dt / size / base[0]:.2f}x that of the smallest "
            f"(CPU {cpu / size / base[1]:.2f}x)"
        )
        del text, page


def _linkscale(counts: tuple[int, ...] = (2_000, 8_000, 32_000)) -> None:
    """The link stage on synthetic pages of ``4 × count`` entities with distinct names."""
    import random

    from wirenlp.linking.linker import Linker
    from wirenlp.records import Entity, Page, Story

    rng = random.Random(1)
    linker = Linker()

    def word() -> str:
        return rng.choice("BCDFGHJKLMNPRSTVWZ") + "".join(rng.choices("aeiolmnrst", k=6))

    places = ["Utrecht", "Brussel", "Den Haag", "Parijs", "Gent", "Limburg", "Zwolle", "Genk"]
    labels = {"person": "PER", "organisation": "ORG", "place": "LOC"}
    base: float | None = None
    for n in counts:
        parts, ents, pos = ["DEN HAAG (ANP) - "], [], 17
        for _ in range(n):
            given, sur, org = word(), word(), word() + " Groep"
            for kind, txt, sep in (
                ("person", f"{given} {sur}", " sprak met "),
                ("organisation", org, " in "),
                ("place", rng.choice(places), ". "),
                ("person", sur, " zei dat. "),
            ):
                ents.append(Entity(txt, pos, pos + len(txt), kind, labels[kind]))
                parts.append(txt + sep)
                pos += len(txt) + len(sep)
        text = "".join(parts)
        page = Page(text=text, stories=(Story(0, len(text), entities=ents),))
        c0 = time.process_time()
        out = linker(page)
        cpu = time.process_time() - c0
        per = cpu / len(ents) * 1e6
        base = base if base is not None else per
        print(
            f"linkscale: {len(ents)} entities ({len(text) / 1e6:.2f} MB, {len(out.entities)} "
            f"clusters) linked in CPU {cpu:.2f}s, {per:.1f} us/entity, "
            f"{per / base:.2f}x that of the smallest"
        )


REPO_ITEMS = Path(__file__).resolve().parent.parent / "tests" / "data" / "wire_dev" / "items.jsonl"


def _records(enricher: wirenlp.Enricher) -> None:
    """Record size over text size of the enriched dev items, compact and full."""
    with REPO_ITEMS.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    pages = list(enricher.pipe(texts))
    sizes = [len(t.encode("utf-8")) for t in texts]
    for full in (False, True):
        out = [
            len(json.dumps(p.to_dict(full=full), ensure_ascii=False).encode("utf-8")) for p in pages
        ]
        ratios = sorted(o / t for o, t in zip(out, sizes, strict=True))
        print(
            f"records: {'full' if full else 'compact'} record / text over {len(pages)} dev "
            f"items: median {statistics.median(ratios):.1f}x, largest {ratios[-1]:.1f}x, "
            f"all records / all texts {sum(out) / sum(sizes):.1f}x "
            f"({sum(out) / 1000:.0f} KB for {sum(sizes) / 1000:.0f} KB of text)"
        )


def _one_story(anp: str, size: int) -> str:
    body = "BRUSSEL (ANP) - " + " ".join(anp.split("\n"))
    return ((body + " ") * (size // len(body) + 1))[:size]


def _best(fn, text: str, runs: int = 3, clock=time.perf_counter) -> float:
    times = []
    for _ in range(runs):
        t0 = clock()
        fn(text)
        times.append(clock() - t0)
    return min(times)


def _entities(page: wirenlp.Page) -> int:
    return sum(len(s.entities) for s in page.stories)


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _cli(texts: list[str], size: int) -> None:
    """A file of ``size`` bytes of dev texts through ``wirenlp enrich`` in a subprocess (run
    before this process loads spaCy, so the child's peak RSS is its own)."""
    dump = "\n\n".join(texts)
    dump = (dump + "\n\n") * (size // (len(dump) + 2) + 1)
    dump = dump[: dump.rfind("\n\n", 0, size)]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "dump.txt"
        out = Path(tmp) / "out.jsonl"
        src.write_text(dump, encoding="utf-8")
        n_bytes = src.stat().st_size
        del dump
        t0 = time.perf_counter()
        with out.open("wb") as fh:
            proc = subprocess.run(
                [sys.executable, "-m", "wirenlp.cli", "enrich", str(src)],
                stdout=fh,
                stderr=subprocess.PIPE,
                check=False,
            )
        dt = time.perf_counter() - t0
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = child.ru_utime + child.ru_stime
        with out.open(encoding="utf-8") as fh:
            page = wirenlp.Page.from_dict(json.loads(fh.readline()))
        print(
            f"cli: {n_bytes / 1e6:.1f} MB file through `wirenlp enrich` in {dt:.0f}s "
            f"({n_bytes / dt / 1e6:.3f} MB/s; CPU {cpu:.0f}s, {n_bytes / cpu / 1e6:.3f} MB/s), "
            f"exit {proc.returncode}, output "
            f"{out.stat().st_size / 1e6:.0f} MB, error={page.error}, "
            f"stories {len(page.stories)}, entities {_entities(page)}, "
            f"peak RSS {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )
        if proc.returncode:
            print(proc.stderr.decode(errors="replace")[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parts", default="ratio,story,text,oneline,linkscale,records,cli")
    ap.add_argument("--mb", type=float, default=50.0, help="size of the big text and file")
    ap.add_argument("--oneline-mb", default="0.1,1,10", help="sizes of the one-line stories")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    texts = _texts()
    anp = "\n\n".join(t for t in texts if "(ANP" in t)
    size = int(args.mb * 1_000_000)
    print(f"robust_bench: cpus {os.cpu_count()}, parts {','.join(sorted(parts))}")
    if "cli" in parts:
        _cli(texts, size)
    if "linkscale" in parts:
        _linkscale()
    if not parts & {"ratio", "story", "text", "oneline", "records"}:
        return
    enricher = wirenlp.Enricher()
    enricher.enrich("BRUSSEL (ANP) - warm-up.")
    print(f"spaCy pipeline {enricher.nlp.meta.get('name')}")

    if "ratio" in parts:
        normal = (anp * 10)[:48000]
        bad = "\n".join(ch * 4000 for ch in '=*_"#!?:([)«')
        t_norm = _best(enricher.enrich, normal)
        t_bad = _best(enricher.enrich, bad)
        c_norm = _best(enricher.enrich, normal, clock=time.process_time)
        c_bad = _best(enricher.enrich, bad, clock=time.process_time)
        p_norm = _best(wirenlp.parse, normal)
        p_bad = _best(wirenlp.parse, bad)
        print(
            f"ratio: enrich 48 KB ordinary {t_norm:.2f}s, 48 KB punctuation runs {t_bad:.2f}s, "
            f"ratio {t_bad / t_norm:.2f} (bar <= 3; CPU time ratio {c_bad / c_norm:.2f}); "
            f"parse alone {p_norm * 1000:.1f} ms vs "
            f"{p_bad * 1000:.1f} ms, ratio {p_bad / p_norm:.2f}"
        )

    if "oneline" in parts:
        _oneline(enricher, [float(x) for x in args.oneline_mb.split(",")])

    if "records" in parts:
        _records(enricher)

    if "story" in parts:
        story = _one_story(anp, 2_500_000)
        t0, c0 = time.perf_counter(), time.process_time()
        page = enricher.enrich(story)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"story: 2.5 MB one-story text in {dt:.1f}s ({len(story) / dt / 1000:.1f} KB/s; "
            f"CPU {cpu:.1f}s, {len(story) / cpu / 1000:.1f} KB/s), "
            f"error={page.error}, entities {_entities(page)}"
        )

    if "text" in parts:
        big = _one_story(anp, size)
        t0, c0 = time.perf_counter(), time.process_time()
        page = enricher.enrich(big)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"text: {len(big) / 1e6:.1f} MB one-story text through Enricher.enrich in {dt:.0f}s "
            f"({len(big) / dt / 1e6:.3f} MB/s; CPU {cpu:.0f}s, {len(big) / cpu / 1e6:.3f} MB/s), "
            f"error={page.error}, stories {len(page.stories)}, "
            f"entities {_entities(page)}, chunk size {enricher.chunk_size}, "
            f"peak RSS {_peak_mb(resource.RUSAGE_SELF):.0f} MB"
        )
        del big, page


if __name__ == "__main__":
    main()
