"""Dask scale-out: words/s of wirenlp.dask.enrich_bag on local workers vs Enricher.pipe.

The corpus is the dev set's ``items.jsonl`` texts, ``--repeat`` times. Printed, from one run:

- one process: ``Enricher().pipe`` words/s (wall and CPU time);
- Dask, 1 worker process: words/s and its overhead (Dask wall time / one-process wall time;
  goal <= 1.15), the worker's system time and page faults, and the same run on Dask's own
  worker environment (without the ``MALLOC_MMAP_THRESHOLD_`` that ``wirenlp.dask`` adds);
- Dask, 2 worker processes: words/s and the speed-up over one process (goal >= 1.7 on two
  free cores);
- what sending pages between processes costs: pickled bytes and pickle+unpickle time per
  page, as wirenlp pickles its records, as attrs alone would, and as ``Page.to_dict()`` data,
  against enrichment time per page; and in the 2-worker run, the time from the last
  partition's end to ``compute()`` returning (Dask gathers a bag's partitions on one worker,
  then sends them all to the client);
- the memory (RSS) of a worker process after the run;
- a paper estimate: worker-hours for 10 million items as long as the dev items, at the
  2-worker run's CPU-time rate and at its wall-clock rate;
- the machine's load average before and after (other processes on the cores lower the
  speed-up: read the figures with it). On a busy machine the CPU-time figures are the fairer
  ones: Dask's CPU overhead (worker + client + scheduler CPU time / one process's), and the
  speed-up two free cores would give (one process's CPU time / the busiest worker's).

Each cluster is warmed (pipeline loaded in every worker) before it is timed.

Usage: python bench/dask_bench.py [--repeat N] [--partitions P]
"""

from __future__ import annotations

import argparse
import copyreg
import io
import json
import logging
import os
import pickle
import time
from typing import Any

import attrs
from _shared import shared_data

import wirenlp

WIRE = shared_data("wire", "dev")
ARCHIVE = 10_000_000  # items in the paper estimate of docs/scaling.md


def load(repeat: int) -> list[str]:
    with (WIRE / "items.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts * repeat


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def one_process(texts: list[str]) -> tuple[float, float, list[Any]]:
    enricher = wirenlp.Enricher()
    list(enricher.pipe(texts[:20]))  # warm caches (gazetteer, vocab)
    start, cpu = time.perf_counter(), time.process_time()
    pages = list(enricher.pipe(texts))
    return time.perf_counter() - start, time.process_time() - cpu, pages


def on_dask(
    texts: list[str], n_workers: int, partitions: int, environ: dict[str, Any] | None = None
) -> dict[str, float]:
    """Time ``enrich_bag`` on a warm LocalCluster: wall time, the CPU time of each worker
    process (and its system time and minor page faults) and of this process (client and
    scheduler). ``environ``: the workers' environment instead of the default one."""
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster, get_task_stream

    from wirenlp.dask import enrich_bag

    config = {} if environ is None else {"distributed.nanny.pre-spawn-environ": environ}
    with (
        dask.config.set(config),
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_load_pipeline)  # every worker loads the pipeline before the clock starts
        bag = db.from_sequence(texts, npartitions=partitions)
        cpu_before = client.run(time.process_time)
        usage_before = client.run(_usage)
        start, cpu = time.perf_counter(), time.process_time()
        with get_task_stream() as stream:
            pages = enrich_bag(bag).compute()
        elapsed = time.perf_counter() - start
        returned = time.time()
        local_cpu = time.process_time() - cpu
        cpu_after = client.run(time.process_time)
        usage_after = client.run(_usage)
        rss = client.run(_rss)
    assert len(pages) == len(texts)
    workers = [cpu_after[w] - cpu_before[w] for w in cpu_before]
    return {
        "wall": elapsed,
        "worker_cpu": sum(workers),
        "max_worker_cpu": max(workers),
        "local_cpu": local_cpu,
        "max_rss_mb": max(rss.values()) / 1e6,
        "tail": returned - max(_partition_ends(stream.data)),
        "worker_sys": sum(usage_after[w][0] - usage_before[w][0] for w in usage_before),
        "worker_faults": sum(usage_after[w][1] - usage_before[w][1] for w in usage_before),
    }


def _usage() -> tuple[float, int]:
    """This process's system CPU time and minor page faults so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_stime, usage.ru_minflt


def _partition_ends(tasks: list[dict[str, Any]]) -> list[float]:
    """When each enrichment task ended (worker clocks: time.time())."""
    return [
        part["stop"]
        for task in tasks
        if "finalize" not in str(task["key"])
        for part in task["startstops"]
        if part["action"] == "compute"
    ]


def _rss() -> int:
    import psutil  # a dependency of distributed

    return int(psutil.Process().memory_info().rss)


def _load_pipeline() -> None:
    from wirenlp.dask import EnricherSpec, worker_enricher

    enricher, _lock = worker_enricher(EnricherSpec.make({}))
    list(enricher.pipe(load(1)[:20]))  # and warm its caches, as one_process does


class _AttrsStatePickler(pickle.Pickler):
    """Pickles attrs records as attrs itself does (a ``{field: value}`` state per record, set
    slot by slot on loading): what wirenlp's records did before their compact ``__reduce__``."""

    def reducer_override(self, obj: Any) -> Any:
        if attrs.has(type(obj)):
            return copyreg.__newobj__, (type(obj),), obj.__getstate__()
        return NotImplemented


def _attrs_state_dumps(data: Any) -> bytes:
    out = io.BytesIO()
    _AttrsStatePickler(out, protocol=5).dump(data)
    return out.getvalue()


def transfer_cost(pages: list[Any]) -> None:
    """Pickle and unpickle the pages as records (wirenlp's pickling, and attrs' own for
    comparison) and as to_dict() data."""
    forms = {
        "records": (lambda: pickle.dumps(pages, protocol=5), pickle.loads),
        "attrs' pickling": (lambda: _attrs_state_dumps(pages), pickle.loads),
        "Page.to_dict()": (
            lambda: pickle.dumps([p.to_dict() for p in pages], protocol=5),
            lambda blob: [wirenlp.Page.from_dict(d) for d in pickle.loads(blob)],
        ),
    }
    for name, (encode, decode) in forms.items():
        start = time.perf_counter()
        blob = encode()
        back = decode(blob)
        elapsed = time.perf_counter() - start
        print(
            f"  {name:15s} {len(blob) / len(pages):8.0f} bytes/page, "
            f"{elapsed / len(pages) * 1e6:7.0f} µs/page to send and rebuild"
        )
        if name != "Page.to_dict()":  # the compact record leaves out some link fields
            assert back == pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the dev texts")
    parser.add_argument("--partitions", type=int, default=8, help="bag partitions")
    args = parser.parse_args()
    texts = load(args.repeat)
    n_words = words(texts)
    load_before = os.getloadavg()
    print(
        f"corpus: {len(texts)} texts, {n_words} words; {os.cpu_count()} CPUs, "
        f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}"
    )
    wall, cpu, pages = one_process(texts)
    print(
        f"one process (Enricher.pipe): {n_words / wall:,.0f} words/s wall, "
        f"{n_words / cpu:,.0f} words/s CPU ({wall:.1f} s)"
    )
    print("sending pages between processes:")
    transfer_cost(pages)
    print(f"  enrichment: {wall / len(pages) * 1e6:.0f} µs/page")
    one = on_dask(texts, 1, args.partitions)
    cpu_one = one["worker_cpu"] + one["local_cpu"]
    print(
        f"dask, 1 worker:  {n_words / one['wall']:,.0f} words/s wall ({one['wall']:.1f} s); "
        f"overhead {one['wall'] / wall:.2f}x Enricher.pipe wall, {cpu_one / cpu:.2f}x CPU "
        f"(worker {one['worker_cpu']:.1f} s + client and scheduler {one['local_cpu']:.1f} s; "
        f"goal <= 1.15)"
    )
    # the same on Dask's own worker environment (MALLOC_TRIM_THRESHOLD_ without wirenlp.dask's
    # MALLOC_MMAP_THRESHOLD_): what glibc's lost adaptive mmap threshold costs
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
    environ.pop("MALLOC_MMAP_THRESHOLD_", None)
    # a Nanny copies its worker environment into this process's os.environ before spawning
    ours = os.environ.pop("MALLOC_MMAP_THRESHOLD_", None)
    plain = on_dask(texts, 1, args.partitions, environ=environ)
    if ours is not None:
        os.environ["MALLOC_MMAP_THRESHOLD_"] = ours
    print(
        f"  worker system time {one['worker_sys']:.2f} s, {one['worker_faults']:,} page faults, "
        f"RSS {one['max_rss_mb']:.0f} MB; on Dask's own worker environment "
        f"{plain['worker_sys']:.2f} s, {plain['worker_faults']:,}, "
        f"RSS {plain['max_rss_mb']:.0f} MB "
        f"({plain['wall'] / wall:.2f}x Enricher.pipe wall, "
        f"{(plain['worker_cpu'] + plain['local_cpu']) / cpu:.2f}x CPU)"
    )
    two = on_dask(texts, 2, args.partitions)
    print(
        f"dask, 2 workers: {n_words / two['wall']:,.0f} words/s wall ({two['wall']:.1f} s); "
        f"speed-up {wall / two['wall']:.2f}x one process wall; "
        f"CPU-time estimate on two free cores {cpu / two['max_worker_cpu']:.2f}x "
        f"(busiest worker {two['max_worker_cpu']:.1f} s CPU; goal >= 1.7)"
    )
    print(
        f"  after the last partition: {two['tail']:.2f} s to gather the pages and send them "
        f"to the client ({two['tail'] / two['wall']:.0%} of the run)"
    )
    print(f"worker memory after the run (RSS, largest worker): {two['max_rss_mb']:.0f} MB")
    # paper estimate: an archive of ARCHIVE items as long as the dev items, at this run's rates
    archive_words = ARCHIVE * n_words / len(texts)
    per_worker_cpu = n_words / (two["worker_cpu"] + two["local_cpu"])
    per_worker_wall = n_words / (two["wall"] * 2)
    print(
        f"{ARCHIVE:,} items x {n_words / len(texts):.0f} words: "
        f"{archive_words / per_worker_cpu / 3600:.1f} worker-hours at {per_worker_cpu:,.0f} "
        f"words/s per worker (CPU time, client and scheduler included); "
        f"{archive_words / per_worker_wall / 3600:.1f} at this run's wall-clock rate "
        f"({per_worker_wall:,.0f} words/s per worker)"
    )
    after = os.getloadavg()
    print(f"load average after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}")


if __name__ == "__main__":
    main()
