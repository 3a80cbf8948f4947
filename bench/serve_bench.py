"""Benchmark ``wirenlp serve``: concurrent clients posting the wire dev items to a real server
process, against :meth:`wirenlp.Enricher.pipe` in one process on the same machine.

    python bench/serve_bench.py [--seconds 60] [--workers 2]

Phases (each ``--seconds`` long, the last two shorter):
1. baseline: ``Enricher.pipe`` over the dev items, in this process (before the server starts);
2. 16 and 64 concurrent clients, each posting one item per ``POST /v1/enrich`` (a client that
   gets 429 waits ``Retry-After`` and posts the same item again);
3. batches: 4 clients posting all dev items as one NDJSON ``/v1/enrich/batch`` each time;
4. overload: 256 clients, no retries: answers must be 200 or 429, never a timeout or a 5xx.

Prints items/s and words/s, the ratio per worker to the one-process ``pipe`` rate (the goal is
>= 0.8 per core used), p50/p99 latency, 429s, lost/duplicated records (each request carries an
``id`` that must come back exactly once) and the server's RSS (server + workers) after each
phase. Needs the serve extra and httpx. Figures from a machine running other work are labelled
so by whoever quotes them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import shared_data


def rss_tree(pid: int) -> int:
    """Resident bytes of ``pid`` and its children (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def cpu_tree(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def baseline(texts: list[str], seconds: float) -> tuple[float, float, float]:
    """Items/s, words/s and items per CPU second of ``Enricher.pipe`` in this process, for
    about ``seconds``."""
    import wirenlp

    enricher = wirenlp.Enricher()
    list(enricher.pipe(texts[:8]))  # warm
    done = words = 0
    cpu = time.process_time()
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for page in enricher.pipe(texts):
            assert page.error is None
        done += len(texts)
        words += sum(len(t.split()) for t in texts)
    elapsed = time.perf_counter() - started
    return done / elapsed, words / elapsed, done / (time.process_time() - cpu)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def clients_run(base, texts, n_clients, seconds, retry=True, timeout=120.0):
    """``n_clients`` posting items for ``seconds``; returns counts, latencies and id checks."""
    import httpx

    counter = iter(range(10**9))
    seen: dict[int, int] = {}
    errors: dict[str, int] = {}  # connection errors by exception
    latencies: list[float] = []
    stats = {"sent": 0, "ok": 0, "429": 0, "timeout": 0, "transport": 0, "other": 0, "words": 0}
    stats["mismatch"] = 0  # an answer that is not its own request's record
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=n_clients, max_keepalive_connections=n_clients)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:

        async def one_client() -> None:
            while time.monotonic() < deadline:
                i = next(counter)
                text = texts[i % len(texts)]
                stats["sent"] += 1
                while True:  # the same item again after a 429 (when retrying)
                    started = time.perf_counter()
                    try:
                        r = await client.post("/v1/enrich", json={"text": text, "id": i})
                    except httpx.TimeoutException:
                        stats["timeout"] += 1
                        break
                    except httpx.HTTPError as exc:
                        stats["transport"] += 1
                        errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                        break
                    if r.status_code == 429:
                        stats["429"] += 1
                        if retry and time.monotonic() < deadline:
                            await asyncio.sleep(float(r.headers.get("retry-after", "1")))
                            continue
                        break
                    if r.status_code != 200:
                        stats["other"] += 1
                        break
                    latencies.append(time.perf_counter() - started)
                    rec = r.json()
                    got = rec.get("fields", {}).get("id")
                    if got != i or rec["text"] != text or rec.get("error") is not None:
                        stats["mismatch"] += 1
                    seen[got] = seen.get(got, 0) + 1
                    stats["ok"] += 1
                    stats["words"] += len(text.split())
                    break

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(n_clients)))
        elapsed = time.perf_counter() - started
    stats["duplicated"] = sum(c - 1 for c in seen.values() if c > 1)
    # a request is lost when it got no HTTP answer at all (a 429 is an answer)
    stats["lost"] = stats["timeout"] + stats["transport"]
    stats["errors"] = errors  # type: ignore[assignment]
    return stats, latencies, elapsed


async def batch_run(base, texts, n_clients, seconds):
    import httpx

    body = "\n".join(json.dumps({"text": t, "id": n}) for n, t in enumerate(texts)).encode()
    words = sum(len(t.split()) for t in texts)
    stats = {"batches": 0, "records": 0, "words": 0, "bad": 0}
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:

        async def one_client() -> None:
            while time.monotonic() < deadline:
                r = await client.post(
                    "/v1/enrich/batch",
                    content=body,
                    headers={"content-type": "application/x-ndjson"},
                )
                if r.status_code == 429:
                    await asyncio.sleep(float(r.headers.get("retry-after", "1")))
                    continue
                recs = [json.loads(x) for x in r.text.splitlines() if x.strip()]
                ids = [rec["fields"]["id"] for rec in recs]
                if r.status_code != 200 or ids != list(range(len(texts))):
                    stats["bad"] += 1
                stats["batches"] += 1
                stats["records"] += len(recs)
                stats["words"] += words

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(n_clients)))
        elapsed = time.perf_counter() - started
    return stats, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each load phase")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    args = parser.parse_args()
    try:
        import httpx
    except ImportError:
        sys.exit('serve_bench.py: needs pip install -e ".[serve,test]" (httpx)')
    dev = shared_data("wire", "dev", "items.jsonl")
    texts = [json.loads(line)["text"] for line in dev.open(encoding="utf-8")]
    print(f"serve_bench: {len(texts)} dev items, {args.workers} workers, {os.cpu_count()} cores, "
          f"{args.seconds:g} s per phase")  # fmt: skip

    base_items, base_words, base_cpu = baseline(texts, max(5.0, args.seconds / 3))
    print(f"baseline Enricher.pipe, one process: {base_items:,.1f} items/s, "
          f"{base_words:,.0f} words/s, {base_cpu:,.1f} items per CPU second")  # fmt: skip

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkdtemp(prefix="serve_bench_")) / "server.log"
    cmd = [sys.executable, "-m", "wirenlp.cli", "serve", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(args.workers)]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    results: dict[str, object] = {"baseline_items_s": base_items, "baseline_words_s": base_words,
                                   "baseline_items_per_cpu_s": base_cpu}  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            sys.exit(f"serve_bench.py: the server never became ready (log: {log})")
        info = httpx.get(base + "/v1/info", timeout=30).json()
        own = rss_tree(proc.pid) - sum(w["rss_bytes"] for w in info["workers"])
        workers_mib = [round(w["rss_bytes"] / 2**20) for w in info["workers"]]
        print(f"server ready: RSS {rss_tree(proc.pid) / 2**20:,.0f} MiB in all: server process "
              f"{own / 2**20:,.0f} MiB (with the resource tracker), workers {workers_mib} MiB "
              f"(pipeline {info['pipeline']['name']})")  # fmt: skip
        results["rss_ready_mib"] = {"server": own / 2**20, "workers": workers_mib}

        print("\nclients  items/s  words/s  per worker vs pipe  per CPU-s vs pipe  p50 ms  "
              "p99 ms  429s  lost  dup  mismatch  RSS MiB")  # fmt: skip
        for n_clients in (16, 64):
            cpu = cpu_tree(proc.pid)
            stats, lat, elapsed = asyncio.run(clients_run(base, texts, n_clients, args.seconds))
            cpu = cpu_tree(proc.pid) - cpu
            items_s, words_s = stats["ok"] / elapsed, stats["words"] / elapsed
            ratio = items_s / args.workers / base_items
            cpu_ratio = stats["ok"] / cpu / base_cpu
            rss = rss_tree(proc.pid) / 2**20
            print(f"{n_clients:7d}  {items_s:7.1f}  {words_s:7,.0f}  {ratio:18.2f}x  "
                  f"{cpu_ratio:17.2f}x  "
                  f"{pct(lat, .5) * 1e3:6.0f}  {pct(lat, .99) * 1e3:6.0f}  {stats['429']:4d}  "
                  f"{stats['lost']:4d}  {stats['duplicated']:3d}  {stats['mismatch']:8d}  "
                  f"{rss:7,.0f}")  # fmt: skip
            if stats["errors"]:
                print(f"         connection errors: {stats['errors']}")
            results[f"c{n_clients}"] = {**stats, "items_s": items_s, "words_s": words_s,
                                        "ratio_per_worker": ratio, "ratio_per_cpu": cpu_ratio,
                                        "p50": pct(lat, .5),
                                        "p99": pct(lat, .99), "rss_mib": rss}  # fmt: skip

        cpu = cpu_tree(proc.pid)
        bstats, elapsed = asyncio.run(batch_run(base, texts, 4, args.seconds / 2))
        cpu_ratio = bstats["records"] / (cpu_tree(proc.pid) - cpu) / base_cpu
        items_s = bstats["records"] / elapsed
        ratio = items_s / args.workers / base_items
        print(f"\nNDJSON batches (4 clients x {len(texts)} lines): {items_s:,.1f} items/s, "
              f"{bstats['words'] / elapsed:,.0f} words/s, {ratio:.2f}x per worker and "
              f"{cpu_ratio:.2f}x per CPU second vs pipe, "
              f"{bstats['bad']} bad batches, "
              f"RSS {rss_tree(proc.pid) / 2**20:,.0f} MiB")  # fmt: skip
        results["batch"] = {**bstats, "items_s": items_s, "ratio_per_worker": ratio,
                            "ratio_per_cpu": cpu_ratio}  # fmt: skip

        ostats, lat, elapsed = asyncio.run(
            clients_run(base, texts, 256, args.seconds / 2, retry=False, timeout=60)
        )
        print(f"overload (256 clients, no retry): {ostats['ok']} ok, {ostats['429']} 429, "
              f"{ostats['timeout']} timeouts, {ostats['transport']} connection errors, "
              f"{ostats['other']} other statuses, "
              f"p99 of the 200s {pct(lat, .99) * 1e3:,.0f} ms, "
              f"RSS {rss_tree(proc.pid) / 2**20:,.0f} MiB")  # fmt: skip
        results["overload"] = ostats
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -9
        print(f"server stopped on SIGTERM: exit {code}")
    print(json.dumps({"serve_bench": results}, default=float))


if __name__ == "__main__":
    main()
