"""Prometheus metrics (``/metrics``, via ``prometheus_client``): requests by route and status,
latency histogram, queue depth, jobs running, records by outcome, rejections, worker restarts.

Each app has its own registry (two apps in one process never share counters)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .worker import rss_bytes

if TYPE_CHECKING:  # pragma: no cover
    from .pool import WorkerPool

__all__ = ["Metrics", "MetricsMiddleware"]

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    """The service's metrics in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        ProcessCollector(registry=r)  # process_*: the server process's memory, CPU, files
        self.requests = Counter(
            "wirenlp_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "wirenlp_request_duration_seconds",
            "Time from request to last response byte",
            ["route"],
            buckets=_BUCKETS,
            registry=r,
        )
        self.records = Counter(
            "wirenlp_records",
            "Output records by route and outcome (ok, error)",
            ["route", "outcome"],
            registry=r,
        )
        self.rejected = Counter(
            "wirenlp_rejected",
            "Requests refused before any work, by reason",
            ["reason"],
            registry=r,
        )
        self.job_tasks = Histogram(
            "wirenlp_job_tasks",
            "Requests (or batch chunks) run together in one worker job",
            buckets=(1, 2, 4, 8, 16, 32, 64),
            registry=r,
        )
        self.queue_depth = Gauge("wirenlp_queue_depth", "Tasks waiting for a worker", registry=r)
        self.jobs_running = Gauge("wirenlp_jobs_running", "Worker jobs in progress", registry=r)
        self.workers_ready = Gauge(
            "wirenlp_workers_ready", "Worker processes with the pipeline loaded", registry=r
        )
        self.workers_rss = Gauge(
            "wirenlp_workers_resident_memory_bytes",
            "Resident memory of the worker processes, summed",
            registry=r,
        )
        self.worker_restarts = Gauge(
            "wirenlp_worker_pool_restarts",
            "Times the worker pool was replaced after a crash",
            registry=r,
        )

    def watch(self, pool: WorkerPool) -> None:
        """Read the pool's gauges at scrape time."""
        self.queue_depth.set_function(pool.queue.qsize)
        self.jobs_running.set_function(lambda: pool.busy)
        self.workers_ready.set_function(lambda: len(pool.info) if pool.ready else 0)
        self.worker_restarts.set_function(lambda: pool.restarts)
        self.workers_rss.set_function(lambda: sum(rss_bytes(w["pid"]) for w in pool.info))
        pool.on_job = self.job_tasks.observe


def _route(scope: Scope, known: frozenset[str]) -> str:
    """The route template that served the request, else the path when it is one of the app's
    routes (answered before routing: 401, 413), else ``other`` (bounded label values)."""
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    return scope["path"] if scope["path"] in known else "other"


class MetricsMiddleware:
    """ASGI middleware counting every request and timing it to its last response byte."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: frozenset[str]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = _route(scope, self.routes)
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)
