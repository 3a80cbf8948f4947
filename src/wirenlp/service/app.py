"""The HTTP routes (FastAPI): :func:`create_app` builds the ASGI app of a :class:`ServeConfig`.

Routes only move bytes: every parse and every spaCy call runs in the worker pool
(:mod:`.pool`), and what goes in and out is the command line's input path and record
(:mod:`.spine`).
"""

from __future__ import annotations

import asyncio
import logging
import platform
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import ValidationError

from .. import __version__
from ..records import SCHEMA_VERSION, Page, PageError
from . import spine
from .config import ServeConfig
from .limits import Limits, read_body
from .metrics import Metrics, MetricsMiddleware
from .openapi import BATCH_BODY, BATCH_RESPONSES, NDJSON, ONE_RESPONSES, TEXT_BODY
from .pool import PoolBroken, QueueFull, WorkerPool
from .problems import Problem, install_handlers, problem_response
from .request import TextRequest
from .worker import BlobTask, LinesTask, Task, TaskResult, TextTask, rss_bytes

__all__ = ["create_app"]

log = logging.getLogger("wirenlp.serve")

#: Most lines (and bytes) of a batch in one queued task.
CHUNK_LINES = 16
CHUNK_BYTES = 256_000
#: Bodies up to this size are refused (429, 503) before they are read.
EARLY_REFUSAL_BYTES = 65_536

# Content types read as a wire file through the input path (format sniffed unless ?format=).
_FILE_TYPES = (
    "application/xml",
    "text/xml",
    "text/plain",
    "text/html",
    "application/zip",
    "application/octet-stream",
)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _reference_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return TextRequest.model_validate(
            {"text": "", "reference_time": value}, strict=False
        ).reference_time
    except ValidationError as exc:
        raise Problem(
            422,
            "invalid-request",
            "reference_time: an ISO 8601 time with a zone, e.g. 2026-03-05T14:30:00+01:00",
            errors=[
                {"loc": ["query", "reference_time"], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors()
            ],
        ) from None


def _plain_time(value: datetime | None) -> datetime | None:
    """A validated time with a standard-library tzinfo (pydantic's own does not pickle
    everywhere)."""
    return None if value is None else datetime.fromisoformat(value.isoformat())


def _error_record(source: str, index: int, kind: str, message: str, full: bool) -> bytes:
    page = Page(text="", error=PageError(kind, message))
    return spine.dumps(spine.record(source, index, page, full=full))


def create_app(
    config: ServeConfig | None = None, on_fatal: Callable[[str], None] | None = None
) -> FastAPI:
    """The ASGI app of the service. Its lifespan starts the worker pool in the background
    (``/readyz`` says when the pipeline is loaded) and stops it after the last request;
    ``on_fatal`` is called with the reason when the pipeline cannot be loaded."""
    config = config or ServeConfig()
    pool = WorkerPool(config)
    metrics = Metrics()
    metrics.watch(pool)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async def start() -> None:
            try:
                await pool.start()
                name = pool.info[0]["pipeline"]["name"] if pool.info else config.model
                log.info("wirenlp: %d worker(s) ready with pipeline %s", config.workers, name)
            except PoolBroken as exc:
                log.error("wirenlp: the pipeline cannot be loaded: %s", exc)
                if on_fatal is not None:
                    on_fatal(str(exc))

        starter = asyncio.create_task(start())
        try:
            yield
        finally:
            starter.cancel()
            await asyncio.gather(starter, return_exceptions=True)
            await pool.close()

    app = FastAPI(
        title="wirenlp",
        version=__version__,
        summary="Dutch news-wire text in, structured and linked data out.",
        description="Pages, stories, datelines, entities and places for wire copy in any "
        "format. Records follow the JSON Schema at `/v1/schema`; errors are RFC 9457 "
        "`application/problem+json`. See docs/serve.md.",
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.pool = pool
    app.state.metrics = metrics
    app.state.config = config
    install_handlers(app)

    # --- helpers -------------------------------------------------------------------------

    def check_ready() -> None:
        if not pool.ready:
            raise Problem(
                503,
                "not-ready",
                pool.failed or "the pipeline is still loading",
                {"Retry-After": "5"},
            )

    def refuse_early(request: Request | None = None) -> None:
        """Not ready (503) or a full queue (429). Before the body is read (``request`` given)
        only for a small body, which has arrived with the headers: a client still sending a
        large one would see its connection closed instead of the answer."""
        if request is not None:
            length = request.headers.get("content-length", "")
            if not (length.isdigit() and int(length) <= EARLY_REFUSAL_BYTES):
                return
        check_ready()
        if pool.queue.full():
            raise queue_full(QueueFull(pool.retry_after()))

    def queue_full(exc: QueueFull) -> Problem:
        metrics.rejected.labels("queue_full").inc()
        return Problem(
            429,
            "queue-full",
            "all workers are busy and the queue is full; try again later",
            {"Retry-After": str(exc.retry_after)},
        )

    async def run_one(task: Task, route: str) -> TaskResult:
        check_ready()
        try:
            future = pool.submit_nowait(task)
        except QueueFull as exc:
            raise queue_full(exc) from None
        try:
            result = await asyncio.wait_for(future, config.timeout)
        except asyncio.TimeoutError:
            metrics.rejected.labels("timeout").inc()
            raise Problem(504, "timeout", f"no result within {config.timeout:g} s") from None
        except PoolBroken as exc:
            raise Problem(503, "worker-failed", str(exc), {"Retry-After": "5"}) from None
        count(route, result)
        return result

    def count(route: str, result: TaskResult) -> None:
        metrics.records.labels(route, "ok").inc(len(result.records) - result.errors)
        if result.errors:
            metrics.records.labels(route, "error").inc(result.errors)

    async def blob_tasks(
        request: Request,
        body: bytes,
        enrich: bool,
        fmt: str,
        source: str,
        ref: datetime | None,
        full: bool,
    ) -> list[Task]:
        media = _media_type(request)
        if media == "multipart/form-data":
            from starlette.datastructures import UploadFile
            from starlette.formparsers import MultiPartException, MultiPartParser

            async def chunks() -> AsyncGenerator[bytes, None]:
                yield body

            try:
                form = await MultiPartParser(
                    request.headers, chunks(), max_files=1000, max_fields=1000
                ).parse()
            except MultiPartException as exc:
                raise Problem(400, "malformed-multipart", str(exc)) from None
            tasks: list[Task] = []
            for name, value in form.multi_items():
                if isinstance(value, UploadFile):
                    data = await value.read()
                    tasks.append(BlobTask(data, enrich, value.filename or name, fmt, ref, full))
            if not tasks:
                raise Problem(422, "no-file", "the multipart upload holds no file part")
            return tasks
        if (
            media in _FILE_TYPES
            or media.endswith(("+xml", "+json"))
            or media in ("application/json", "")
        ):
            return [BlobTask(body, enrich, source, fmt, ref, full)]
        if media in (NDJSON, "application/jsonl", "application/x-jsonlines"):
            raise Problem(
                415,
                "unsupported-media-type",
                "NDJSON goes to /v1/enrich/batch (or /v1/parse/batch)",
            )
        raise Problem(
            415,
            "unsupported-media-type",
            f"cannot read {media!r}: post a JSON request (Content-Type: application/json), a "
            "wire file (XML, JSON, text, zip) or multipart uploads",
        )

    async def one(
        request: Request,
        enrich: bool,
        fmt: str,
        source: str | None,
        reference_time: str | None,
        full: bool,
    ) -> Response:
        from ..reading import FORMATS

        if fmt not in FORMATS:
            raise Problem(
                422, "unknown-format", f"unknown format {fmt!r}; one of {', '.join(FORMATS)}"
            )
        refuse_early(request)
        body = await read_body(request, config)
        route = request.url.path
        media = _media_type(request)
        if media == "application/json" and fmt == "auto":
            try:
                req = TextRequest.model_validate_json(body)
            except ValidationError as exc:
                errors = exc.errors()
                bad = [e for e in errors if e["type"] == "json_invalid"]
                if bad:
                    raise Problem(
                        400,
                        "malformed-json",
                        "not valid JSON (UTF-8): " + bad[0]["msg"].removeprefix("Invalid JSON: "),
                    ) from None
                wire = any(e["type"] == "model_type" for e in errors) or any(
                    e["type"] == "missing" and tuple(e["loc"]) == ("text",) for e in errors
                )
                if not wire:
                    raise
                req = None
            if req is not None:
                if len(req.text) > config.max_text:
                    raise Problem(
                        413,
                        "text-too-long",
                        f"text of {len(req.text)} characters, over the limit of {config.max_text}",
                    )
                task = TextTask(
                    req.text,
                    enrich,
                    _plain_time(req.reference_time),
                    req.tz,
                    req.fields(),
                    source or "text",
                    full,
                )
                result = await run_one(task, route)
                return Response(result.records[0], media_type="application/json")
        ref = _reference_time(reference_time)
        tasks = await blob_tasks(request, body, enrich, fmt, source or "body", ref, full)
        check_ready()
        futures = []
        try:
            for blob in tasks:
                futures.append(pool.submit_nowait(blob))
        except QueueFull as exc:
            for f in futures:
                f.cancel()
            raise queue_full(exc) from None
        try:
            results = await asyncio.wait_for(asyncio.gather(*futures), config.timeout)
        except asyncio.TimeoutError:
            metrics.rejected.labels("timeout").inc()
            raise Problem(504, "timeout", f"no result within {config.timeout:g} s") from None
        except PoolBroken as exc:
            raise Problem(503, "worker-failed", str(exc), {"Retry-After": "5"}) from None
        for result in results:
            count(route, result)
        return Response(
            b"".join(rec + b"\n" for r in results for rec in r.records), media_type=NDJSON
        )

    def line_chunks(body: bytes) -> list[list[tuple[int, bytes]]]:
        chunks: list[list[tuple[int, bytes]]] = []
        current: list[tuple[int, bytes]] = []
        size = 0
        lines = 0
        for index, raw in enumerate(body.split(b"\n")):
            if not raw.strip():
                continue
            lines += 1
            if lines > config.max_lines:
                raise Problem(
                    413, "too-many-lines", f"more than {config.max_lines} lines in one batch"
                )
            current.append((index, raw))
            size += len(raw)
            if len(current) >= CHUNK_LINES or size >= CHUNK_BYTES:
                chunks.append(current)
                current, size = [], 0
        if current:
            chunks.append(current)
        return chunks

    async def batch(request: Request, enrich: bool, source: str, full: bool) -> Response:
        refuse_early(request)
        body = await read_body(request, config)
        media = _media_type(request)
        if media not in (
            "",
            NDJSON,
            "application/jsonl",
            "application/x-jsonlines",
            "application/json",
            "text/plain",
        ):
            raise Problem(
                415, "unsupported-media-type", f"a batch is NDJSON ({NDJSON}), not {media!r}"
            )
        chunks = line_chunks(body)
        refuse_early()
        route = request.url.path
        window = max(2, 2 * config.workers)

        async def result_of(
            chunk: list[tuple[int, bytes]], future: asyncio.Future[TaskResult]
        ) -> bytes:
            try:
                result = await asyncio.wait_for(future, config.timeout)
            except asyncio.TimeoutError:
                result = TaskResult(
                    [
                        _error_record(
                            source, i, "Timeout", f"no result within {config.timeout:g} s", full
                        )
                        for i, _ in chunk
                    ],
                    len(chunk),
                )
            except PoolBroken as exc:
                result = TaskResult(
                    [_error_record(source, i, "WorkerFailed", str(exc), full) for i, _ in chunk],
                    len(chunk),
                )
            count(route, result)
            return b"".join(rec + b"\n" for rec in result.records)

        async def stream() -> AsyncIterator[bytes]:
            pending: deque[tuple[list[tuple[int, bytes]], asyncio.Future[TaskResult]]] = deque()
            try:
                for chunk in chunks:
                    task = LinesTask(tuple(chunk), enrich, source, config.max_text, full)
                    pending.append((chunk, await pool.submit(task)))
                    while pending and (len(pending) > window or pending[0][1].done()):
                        yield await result_of(*pending.popleft())
                while pending:
                    yield await result_of(*pending.popleft())
            finally:
                for _chunk, future in pending:
                    future.cancel()

        return StreamingResponse(stream(), media_type=NDJSON)

    # --- routes ----------------------------------------------------------------------------

    FormatQ = Query(
        "auto", description="Wire format of a posted file (auto: sniffed from the content)."
    )
    SourceQ = Query(
        None,
        description="The `source` written into the records (default: text, body, batch or "
        "the upload's file name).",
    )
    RefQ = Query(None, description="Reference time for a posted wire file (ISO 8601 with a zone).")
    FullQ = Query(
        False,
        description="The full record (`Page.to_dict(full=True)`: every field, every place link "
        "whole) instead of the compact one the command line writes.",
    )

    @app.post(
        "/v1/enrich",
        tags=["pages"],
        responses=ONE_RESPONSES,
        openapi_extra={"requestBody": {"content": TEXT_BODY, "required": True}},
    )
    async def enrich(
        request: Request,
        format: str = FormatQ,
        source: str | None = SourceQ,
        reference_time: str | None = RefQ,
        full: bool = FullQ,
    ) -> Response:
        """Parse, find entities and link: a JSON `{"text", "reference_time", "tz"}` gives one
        page record; a wire file (XML, JSON, text, zip; or multipart uploads) gives one record
        per news item as NDJSON."""
        return await one(request, True, format, source, reference_time, full)

    @app.post(
        "/v1/parse",
        tags=["pages"],
        responses=ONE_RESPONSES,
        openapi_extra={"requestBody": {"content": TEXT_BODY, "required": True}},
    )
    async def parse(
        request: Request,
        format: str = FormatQ,
        source: str | None = SourceQ,
        reference_time: str | None = RefQ,
        full: bool = FullQ,
    ) -> Response:
        """Structure only (no spaCy): as `/v1/enrich`, without entities and links."""
        return await one(request, False, format, source, reference_time, full)

    @app.post(
        "/v1/enrich/batch", tags=["batches"], responses=BATCH_RESPONSES, openapi_extra=BATCH_BODY
    )
    async def enrich_batch(
        request: Request,
        source: str = Query("batch", description="The records' `source`."),
        full: bool = FullQ,
    ) -> Response:
        """NDJSON in, NDJSON out (streamed): one enriched record per line, in order."""
        return await batch(request, True, source, full)

    @app.post(
        "/v1/parse/batch", tags=["batches"], responses=BATCH_RESPONSES, openapi_extra=BATCH_BODY
    )
    async def parse_batch(
        request: Request,
        source: str = Query("batch", description="The records' `source`."),
        full: bool = FullQ,
    ) -> Response:
        """NDJSON in, NDJSON out (streamed): one parsed record per line (no spaCy), in order."""
        return await batch(request, False, source, full)

    @app.get("/v1/schema", tags=["about"])
    async def schema(
        full: bool = Query(False, description="The schema of the full record (`?full=true`)."),
    ) -> JSONResponse:
        """The JSON Schema of the page record (what `wirenlp schema` prints)."""
        from ..export.schema import page_schema

        return JSONResponse(page_schema(full=full), media_type="application/schema+json")

    @app.get("/v1/info", tags=["about"])
    async def info() -> dict[str, Any]:
        """The pipeline (what `wirenlp info` shows), versions, workers and limits."""
        import fastapi
        import uvicorn

        return {
            "wirenlp": __version__,
            "schema_version": SCHEMA_VERSION,
            "ready": pool.ready,
            "pipeline": pool.info[0]["pipeline"] if pool.info else None,
            "workers": [{"pid": w["pid"], "rss_bytes": rss_bytes(w["pid"])} for w in pool.info],
            "versions": {
                "python": platform.python_version(),
                "fastapi": fastapi.__version__,
                "uvicorn": uvicorn.__version__,
            },
            "limits": {
                "max_body": config.max_body,
                "max_text": config.max_text,
                "max_lines": config.max_lines,
                "queue": config.queue_size,
                "timeout": config.timeout,
                "read_timeout": config.read_timeout,
            },
        }

    @app.get("/healthz", tags=["probes"])
    async def healthz() -> dict[str, str]:
        """Alive: the server answers (the pipeline may still be loading)."""
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["probes"],
        responses={503: {"description": "Still loading, or the pipeline failed (problem+json)"}},
    )
    async def readyz() -> Response:
        """Ready: every worker has loaded the pipeline."""
        if not pool.ready:
            return problem_response(
                503,
                "not-ready",
                pool.failed or "the pipeline is still loading",
                {"Retry-After": "2"},
            )
        return JSONResponse({"status": "ready", "workers": len(pool.info)})

    @app.get("/metrics", tags=["probes"], response_class=Response)
    async def prometheus() -> Response:
        """Prometheus metrics (text exposition format)."""
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    routes = frozenset(getattr(r, "path", "") for r in app.routes)
    app.add_middleware(Limits, config=config)
    app.add_middleware(MetricsMiddleware, metrics=metrics, routes=routes)
    return app
