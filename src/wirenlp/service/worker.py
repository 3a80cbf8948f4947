"""What runs inside a worker process: one :class:`~wirenlp.Enricher`, built once by the pool's
initializer, and :func:`run`, which turns a job of tasks into output records.

All tasks of one job go through one :meth:`Enricher.pipe` stream, so requests that waited
together are batched through spaCy together. Records are serialised to JSON here, in the
worker, so the event loop only moves bytes.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

import attrs

from ..parsing.page import parse
from ..parsing.timelabels import DEFAULT_TZ
from ..records import Page, PageError
from . import spine

__all__ = ["BlobTask", "LinesTask", "Task", "TaskResult", "TextTask", "info", "init", "run"]


@attrs.frozen
class TextTask:
    """One text (a ``/v1/enrich`` or ``/v1/parse`` JSON request, already validated)."""

    text: str
    enrich: bool
    reference_time: datetime | None = None
    tz: str | None = None
    fields: Mapping[str, Any] = attrs.field(factory=dict)
    source: str = "text"
    full: bool = False  # records as Page.to_dict(full=True)

    @property
    def cost(self) -> int:
        return max(1, len(self.text))


@attrs.frozen
class BlobTask:
    """A posted wire file (any format, or a zip archive): its items, through the input path."""

    data: bytes
    enrich: bool
    source: str
    format: str = "auto"
    reference_time: datetime | None = None
    full: bool = False

    @property
    def cost(self) -> int:
        return max(1, len(self.data))


@attrs.frozen
class LinesTask:
    """Consecutive lines of an NDJSON batch: ``(line index, raw line)`` pairs, each a JSON
    request; a bad line gives an error record."""

    lines: tuple[tuple[int, bytes], ...]
    enrich: bool
    source: str
    max_text: int
    full: bool = False

    @property
    def cost(self) -> int:
        return max(1, sum(len(raw) for _, raw in self.lines))


Task = TextTask | BlobTask | LinesTask

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

# This worker's Enricher (or why it could not be built), set by init().
_ENRICHER: Any = None
_INIT_ERROR: str | None = None


def init(model: str, kb: str | None, batch_size: int) -> None:
    """Pool initializer: load the pipeline (and knowledge base) once for this process.

    SIGINT and SIGTERM are ignored here: the server process shuts the workers down after the
    requests in flight have finished (a Ctrl-C to the process group must not kill them)."""
    global _ENRICHER, _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # one process per core: BLAS thread pools in every worker would only fight over the cores
    # (read when numpy loads, which happens below, with spaCy; the user's setting wins)
    for name in _THREAD_VARS:
        os.environ.setdefault(name, "1")
    try:
        import warnings

        from ..linking.kb import KnowledgeBase
        from ..nlp.enricher import Enricher

        base = None
        if kb is not None:
            load = KnowledgeBase.from_jsonl if kb.endswith(".jsonl") else KnowledgeBase.from_csv
            base = load(kb)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _ENRICHER = Enricher(model=model, kb=base, batch_size=batch_size)
    except Exception as exc:  # reported by info(), so the server can say why and stop
        _INIT_ERROR = f"{type(exc).__name__}: {exc}"


def info() -> dict[str, Any]:
    """This worker's pipeline (``wirenlp info``), pid and memory; raises ``RuntimeError`` when
    the pipeline could not be loaded."""
    if _INIT_ERROR is not None or _ENRICHER is None:
        raise RuntimeError(_INIT_ERROR or "the worker has no pipeline")
    from ..nlp.pipeline import pipeline_info

    return {
        "pid": os.getpid(),
        "rss_bytes": rss_bytes(),
        "pipeline": attrs.asdict(pipeline_info(_ENRICHER.nlp)),
    }


def rss_bytes(pid: int | str = "self") -> int:
    """Resident memory of a process in bytes (Linux ``/proc``; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# A unit of work: (task number, source, index, page, fields).
_Unit = tuple[int, str, int, Page, Mapping[str, Any] | None]


def _error_page(exc: BaseException | PageError) -> Page:
    error = exc if isinstance(exc, PageError) else PageError(type(exc).__name__, str(exc))
    return Page(text="", error=error)


def _parse(text: str, ref: datetime | None, tz: str | None) -> Page:
    try:
        return parse(text, ref, tz=tz or DEFAULT_TZ)
    except Exception as exc:
        return _error_page(exc)


def _line_unit(n: int, source: str, index: int, raw: bytes, max_text: int) -> _Unit:
    from pydantic import ValidationError

    from .request import TextRequest

    try:
        req = TextRequest.model_validate_json(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors()
        )
        return n, source, index, _error_page(PageError("ValidationError", problems)), None
    if len(req.text) > max_text:
        error = PageError("TextTooLong", f"text of {len(req.text)} characters, over {max_text}")
        return n, source, index, _error_page(error), req.fields()
    return n, source, index, _parse(req.text, req.reference_time, req.tz), req.fields()


def _units(n: int, task: Task) -> Iterator[_Unit]:
    if isinstance(task, TextTask):
        page = _parse(task.text, task.reference_time, task.tz)
        yield n, task.source, 0, page, task.fields
    elif isinstance(task, BlobTask):
        items = spine.iter_bytes(
            task.data, task.source, task.format, reference_time=task.reference_time
        )
        for item in items:
            yield n, item.source, item.index, item.page, item.fields
    else:
        for index, raw in task.lines:
            yield _line_unit(n, task.source, index, raw, task.max_text)


def _enriched(units: list[_Unit]) -> Iterable[_Unit]:
    """``units`` with their pages through the Enricher (in one ``pipe`` stream, in order)."""
    pages = _ENRICHER.pipe((page, i) for i, (_n, _s, _x, page, _f) in enumerate(units))
    for page, i in pages:
        n, source, index, _page, fields = units[i]
        yield n, source, index, page, fields


@attrs.frozen
class TaskResult:
    """The records of one task (JSON bytes, one per item or line, in order) and how many of
    them are error records."""

    records: list[bytes]
    errors: int = 0


def run(tasks: list[Task]) -> list[TaskResult]:
    """The records of each task, in order."""
    if _ENRICHER is None:
        raise RuntimeError(_INIT_ERROR or "the worker has no pipeline")
    out: list[list[bytes]] = [[] for _ in tasks]
    errors = [0] * len(tasks)
    todo: list[_Unit] = []

    def emit(n: int, source: str, index: int, page: Page, fields: Any) -> None:
        rec = spine.record(source, index, page, fields, full=tasks[n].full)
        out[n].append(spine.dumps(rec))
        errors[n] += page.error is not None

    for n, task in enumerate(tasks):
        try:
            units = list(_units(n, task))
        except Exception as exc:  # a reader bug: an error record, never a lost request
            units = [(n, getattr(task, "source", "text"), 0, _error_page(exc), None)]
        if task.enrich:
            todo.extend(units)
        else:
            for unit in units:
                emit(*unit)
    if todo:
        for unit in _enriched(todo):
            emit(*unit)
    return [TaskResult(records, e) for records, e in zip(out, errors, strict=True)]
