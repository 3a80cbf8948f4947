"""The batch runner: segment jobs through ``nlp.pipe``, in this process or in a pool of forked
worker processes, results in input order, a dead worker never stopping the stream.

Workers receive plain-data jobs (text, preset entities, blocked span) and send back plain
entity offsets; spaCy's own ``n_process`` would serialise every Doc back instead. The pipeline
reaches a worker by ``fork`` (the pool's initializer stores it in the worker process), so
nothing is pickled but jobs and results.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..records import PageError
from .components import preset_entities
from .segments import Job

__all__ = ["BatchRunner", "Result", "page_error", "run_jobs"]

#: What a job gives back: (start, end, label) of the doc's entities, or why it failed.
Result = list[tuple[int, int, str]] | PageError

K = TypeVar("K")


def page_error(exc: BaseException) -> PageError:
    """A record of an exception for a page's ``error``."""
    return PageError(type(exc).__name__, str(exc) or type(exc).__name__)


def _job_doc(nlp: Language, job: Job) -> Doc:
    text, ents, block = job
    doc = nlp.make_doc(text)
    if ents or block is not None:
        preset_entities(doc, ents, block=block)
    return doc


def run_jobs(
    nlp: Language, disable: Iterable[str], jobs: Sequence[Job], batch_size: int = 64
) -> list[Result]:
    """Run segment jobs through ``nlp`` (minus ``disable``); one result per job, in order.

    When the batch fails, each job is run alone so that only the failing ones give an error."""
    disable = tuple(disable)
    try:
        docs = [_job_doc(nlp, job) for job in jobs]
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(docs, disable=disable, batch_size=batch_size)
        ]
    except Exception as exc:
        if len(jobs) == 1:
            return [page_error(exc)]
    results: list[Result] = []
    for job in jobs:
        results.extend(run_jobs(nlp, disable, [job], batch_size))
    return results


class _InputFailed(Exception):
    """The batches fed to a stream raised: their error, not spaCy's (``__cause__``)."""


# The pipeline of this worker process, set by the pool's initializer (inherited by fork).
_WORKER: tuple[Language, tuple[str, ...], int] | None = None


def _init_worker(nlp: Language, disable: tuple[str, ...], batch_size: int) -> None:
    global _WORKER
    _WORKER = (nlp, disable, batch_size)


def _worker_run(jobs: list[Job]) -> list[Result]:
    assert _WORKER is not None, "wirenlp worker started without a pipeline"
    nlp, disable, batch_size = _WORKER
    return run_jobs(nlp, disable, jobs, batch_size)


def can_fork() -> bool:
    """True where worker processes can inherit a loaded pipeline (POSIX ``fork``)."""
    return "fork" in multiprocessing.get_all_start_methods()


class BatchRunner(Generic[K]):
    """Runs batches of jobs with one pipeline; ``n_process > 1`` uses forked workers.

    :meth:`run` takes ``(key, jobs)`` pairs and yields ``(key, results)`` in the same order,
    one result per job. When a worker dies (a crash in native code), the batches in flight
    get a ``BrokenProcessPool`` error each and a new pool takes the rest of the stream.
    """

    def __init__(
        self, nlp: Language, disable: Sequence[str], batch_size: int, n_process: int = 1
    ) -> None:
        self.nlp = nlp
        self.disable = tuple(disable)
        self.batch_size = batch_size
        self.n_process = n_process

    def run_one(self, jobs: Sequence[Job]) -> list[Result]:
        """Run one batch in this process."""
        return run_jobs(self.nlp, self.disable, jobs, self.batch_size)

    def run(self, batches: Iterable[tuple[K, list[Job]]]) -> Iterator[tuple[K, list[Result]]]:
        """Results of each batch, in input order."""
        if self.n_process <= 1 or not can_fork():
            yield from self._run_stream(iter(batches))
            return
        yield from self._run_pool(batches)

    def _run_stream(
        self, batches: Iterator[tuple[K, list[Job]]]
    ) -> Iterator[tuple[K, list[Result]]]:
        """All batches through one ``nlp.pipe`` stream, which batches the docs itself (one long
        stream costs spaCy less than a call per batch); each batch's results once all are out.

        A batch with no jobs (the caller's way of letting pages without docs out) ends the
        stream, so that what is read ahead stays bounded; a new stream takes the rest. When the
        stream fails, the jobs whose results are not out are run again batch by batch
        (:func:`run_jobs` isolates the failing ones) and a new stream takes the rest."""
        more = True
        while more:
            more = False
            pending: deque[tuple[K, list[Job], list[Result]]] = deque()
            targets: deque[list[Result]] = deque()  # where each doc in flight puts its result

            def docs(
                pending: deque[tuple[K, list[Job], list[Result]]] = pending,
                targets: deque[list[Result]] = targets,
            ) -> Iterator[Doc]:
                nonlocal more
                while True:
                    try:
                        key, jobs = next(batches)
                    except StopIteration:
                        return
                    except Exception as exc:  # the caller's error, not a batch's: raise it
                        raise _InputFailed from exc
                    results: list[Result] = []
                    pending.append((key, jobs, results))
                    if not jobs:
                        more = True
                        return
                    for job in jobs:
                        targets.append(results)
                        yield _job_doc(self.nlp, job)

            stream = self.nlp.pipe(docs(), disable=self.disable, batch_size=self.batch_size)
            try:
                for doc in stream:
                    targets.popleft().append(
                        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                    )
                    while pending and len(pending[0][2]) == len(pending[0][1]):
                        key, _jobs, results = pending.popleft()
                        yield key, results
            except _InputFailed as failed:
                raise failed.__cause__ from None  # type: ignore[misc]
            except Exception:
                for key, jobs, results in pending:  # run again what the stream left undone
                    done = len(results)
                    yield (
                        key,
                        results + run_jobs(self.nlp, self.disable, jobs[done:], self.batch_size),
                    )
                more = True
                continue
            for key, _jobs, results in pending:  # what is left: complete, or without jobs
                yield key, results

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.n_process,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(self.nlp, self.disable, self.batch_size),
        )

    def _run_pool(self, batches: Iterable[tuple[K, list[Job]]]) -> Iterator[tuple[K, list[Result]]]:
        executor: ProcessPoolExecutor | None = None
        inflight: deque[tuple[K, int, Future[list[Result]]]] = deque()

        def collect() -> tuple[K, list[Result]]:
            nonlocal executor
            key, size, future = inflight.popleft()
            try:
                return key, future.result()
            except BrokenProcessPool as exc:
                error = PageError(type(exc).__name__, "a wirenlp worker process died")
                if executor is not None:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = None
                return key, [error] * size
            except Exception as exc:
                return key, [page_error(exc)] * size

        try:
            for key, jobs in batches:
                if executor is None:
                    executor = self._new_pool()
                inflight.append((key, len(jobs), executor.submit(_worker_run, jobs)))
                while len(inflight) > 2 * self.n_process:
                    yield collect()
            while inflight:
                yield collect()
        finally:
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
