"""The worker pool: processes that each hold one Enricher, fed from a bounded queue.

Requests put tasks on an asyncio queue of at most ``ServeConfig.queue_size`` entries; a full
queue is :class:`QueueFull` (the app answers ``429``). One dispatcher per worker takes the
first waiting task and every task that waits behind it (up to ``batch_size`` texts' worth) as
one job, so under load requests are batched through spaCy together and when idle a request
goes alone, without waiting. CPU work never runs on the event loop: jobs go to a
:class:`~concurrent.futures.ProcessPoolExecutor` (``spawn``: safe from a threaded server
process), whose initializer loads the pipeline. A worker that dies fails the jobs in flight
(their requests get ``503`` / error records) and a new pool takes over.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import attrs

from . import worker
from .config import ServeConfig
from .worker import Task, TaskResult

__all__ = ["PoolBroken", "QueueFull", "WorkerPool"]

log = logging.getLogger("wirenlp.serve")

#: Most characters (or bytes) of input in one worker job, besides the ``batch_size`` texts.
JOB_BUDGET = 512_000


class QueueFull(Exception):
    """The queue is full: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"queue full, retry after {retry_after} s")
        self.retry_after = retry_after


class PoolBroken(Exception):
    """A worker process died while running the job (or the pipeline failed to load)."""


@attrs.define
class _Waiting:
    task: Task
    future: asyncio.Future[TaskResult]


class WorkerPool:
    """Worker processes with the pipeline, a bounded queue and adaptive batches."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.queue: asyncio.Queue[_Waiting] = asyncio.Queue(config.queue_size)
        self.executor: ProcessPoolExecutor | None = None
        self.ready = False
        self.failed: str | None = None
        self.info: list[dict[str, Any]] = []
        self.busy = 0  # jobs running in workers
        self.restarts = 0
        self.seconds_per_task = 0.05  # moving average, for Retry-After
        self._dispatchers: list[asyncio.Task[None]] = []
        self.on_job: Callable[[int], None] = lambda size: None  # metrics hook: tasks per job
        self._generation = 0

    # --- life cycle ----------------------------------------------------------------------

    def _new_executor(self) -> ProcessPoolExecutor:
        c = self.config
        return ProcessPoolExecutor(
            c.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.init,
            initargs=(c.model, c.kb, c.batch_size),
        )

    async def start(self) -> None:
        """Start the workers and wait until each has loaded the pipeline (then ``ready``);
        a pipeline that cannot be loaded sets ``failed`` and raises ``PoolBroken``."""
        loop = asyncio.get_running_loop()
        self.executor = self._new_executor()
        try:
            self.info = await self._warm(loop, self.executor)
        except Exception as exc:
            self.failed = str(exc) or type(exc).__name__
            raise PoolBroken(self.failed) from exc
        self._dispatchers = [
            asyncio.create_task(self._dispatch(), name=f"wirenlp-dispatch-{i}")
            for i in range(self.config.workers)
        ]
        self.ready = True

    async def _warm(
        self, loop: asyncio.AbstractEventLoop, executor: ProcessPoolExecutor
    ) -> list[Any]:
        # one call per worker: the pool starts a process for each call that finds none idle
        calls = [loop.run_in_executor(executor, worker.info) for _ in range(self.config.workers)]
        return list(await asyncio.gather(*calls))

    async def close(self) -> None:
        """Stop the dispatchers and the workers (after the jobs they run have finished)."""
        self.ready = False
        for task in self._dispatchers:
            task.cancel()
        await asyncio.gather(*self._dispatchers, return_exceptions=True)
        while not self.queue.empty():
            waiting = self.queue.get_nowait()
            if not waiting.future.done():
                waiting.future.set_exception(PoolBroken("the server is shutting down"))
        if self.executor is not None:
            executor, self.executor = self.executor, None
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)

    # --- submitting ------------------------------------------------------------------------

    def retry_after(self) -> int:
        """Seconds a client should wait before trying again: the queue's expected drain time."""
        backlog = self.queue.qsize() + self.busy
        return max(1, round(backlog * self.seconds_per_task / self.config.workers))

    def submit_nowait(self, task: Task) -> asyncio.Future[TaskResult]:
        """Queue ``task``; raises :class:`QueueFull` when the queue is full."""
        future: asyncio.Future[TaskResult] = asyncio.get_running_loop().create_future()
        try:
            self.queue.put_nowait(_Waiting(task, future))
        except asyncio.QueueFull:
            raise QueueFull(self.retry_after()) from None
        return future

    async def submit(self, task: Task) -> asyncio.Future[TaskResult]:
        """Queue ``task``, waiting for room (batch chunks once their response has started)."""
        future: asyncio.Future[TaskResult] = asyncio.get_running_loop().create_future()
        await self.queue.put(_Waiting(task, future))
        return future

    # --- dispatching -------------------------------------------------------------------------

    def _take_job(self, first: _Waiting) -> list[_Waiting]:
        job = [first]
        cost = first.task.cost
        while len(job) < self.config.batch_size and cost < JOB_BUDGET and not self.queue.empty():
            waiting = self.queue.get_nowait()
            if waiting.future.done():  # its request gave up (timeout, disconnect)
                continue
            job.append(waiting)
            cost += waiting.task.cost
        return job

    async def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            first = await self.queue.get()
            if first.future.done():
                continue
            job = self._take_job(first)
            generation = self._generation
            executor = self.executor
            if executor is None:
                for w in job:
                    if not w.future.done():
                        w.future.set_exception(PoolBroken("the server is shutting down"))
                continue
            self.busy += 1
            self.on_job(len(job))
            started = time.perf_counter()
            try:
                results = await loop.run_in_executor(executor, worker.run, [w.task for w in job])
            except BrokenProcessPool:
                log.error("a wirenlp worker process died; restarting the pool")
                for w in job:
                    if not w.future.done():
                        w.future.set_exception(PoolBroken("a wirenlp worker process died"))
                await self._restart(generation)
                continue
            except Exception as exc:  # never a worker error to the loop: the job's requests fail
                log.exception("wirenlp worker job failed")
                for w in job:
                    if not w.future.done():
                        w.future.set_exception(PoolBroken(f"worker error ({type(exc).__name__})"))
                continue
            finally:
                self.busy -= 1
            per_task = (time.perf_counter() - started) / len(job)
            self.seconds_per_task = 0.8 * self.seconds_per_task + 0.2 * per_task
            for w, result in zip(job, results, strict=True):
                if not w.future.done():
                    w.future.set_result(result)

    async def _restart(self, generation: int) -> None:
        """Replace a broken executor once (the other dispatchers see the new generation)."""
        if generation != self._generation or self.executor is None:
            return
        self._generation += 1
        self.restarts += 1
        old, self.executor = self.executor, self._new_executor()
        old.shutdown(wait=False, cancel_futures=True)
        try:
            self.info = await self._warm(asyncio.get_running_loop(), self.executor)
        except Exception as exc:
            self.failed = str(exc) or type(exc).__name__
            self.ready = False
            log.error("wirenlp workers cannot restart: %s", self.failed)
