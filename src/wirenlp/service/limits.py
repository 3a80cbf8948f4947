"""Request limits: body size (``413``), time to receive the body (``408``) and the optional API
key (``401``), as one ASGI middleware plus :func:`read_body` for the routes."""

from __future__ import annotations

import asyncio
import hmac
import time
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from .config import ServeConfig
from .problems import Problem, problem_response

__all__ = ["OPEN_PATHS", "Limits", "read_body"]

#: Paths that need no API key: probes and the API documentation.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/docs", "/docs/oauth2-redirect", "/openapi.json"})

#: An oversized body is read and dropped up to this size before the 413 is sent (a client
#: still writing its body when the server closes would see a reset, not the answer).
DRAIN_LIMIT = 256 * 1024 * 1024


def _too_large(limit: int) -> Problem:
    return Problem(413, "body-too-large", f"the request body is over the limit of {limit} bytes")


async def _drain(receive: Receive, budget: int, deadline: float) -> None:
    """Read and drop the rest of a body, within ``budget`` bytes and until ``deadline``."""
    while budget > 0:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        try:
            message = await asyncio.wait_for(receive(), left)
        except (asyncio.TimeoutError, ClientDisconnect):
            return
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _key_of(scope: Scope) -> str | None:
    headers = dict(scope.get("headers", ()))
    auth = headers.get(b"authorization", b"").decode("latin-1")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    key = headers.get(b"x-api-key")
    return key.decode("latin-1") if key is not None else None


class Limits:
    """ASGI middleware: the API key, then a ``Content-Length`` over ``max_body`` answered with
    ``413`` before the route runs (the body is drained, not kept)."""

    def __init__(self, app: ASGIApp, config: ServeConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = self.config.api_key
        if key is not None and scope["path"] not in OPEN_PATHS:
            given = _key_of(scope)
            if given is None or not hmac.compare_digest(given.encode(), key.encode()):
                response = problem_response(
                    401,
                    "unauthorized",
                    "this server needs an API key: Authorization: Bearer KEY or X-API-Key: KEY",
                    {"WWW-Authenticate": 'Bearer realm="wirenlp"'},
                )
                budget = min(DRAIN_LIMIT, self.config.max_body)
                await _drain(receive, budget, time.monotonic() + self.config.read_timeout)
                await response(scope, receive, send)
                return
        length = dict(scope.get("headers", ())).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.config.max_body:
            if int(length) <= DRAIN_LIMIT:
                await _drain(receive, DRAIN_LIMIT, time.monotonic() + self.config.read_timeout)
            await _too_large(self.config.max_body).response()(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def read_body(request: Request, config: ServeConfig) -> bytes:
    """The request body, at most ``config.max_body`` bytes (else ``413``), received within
    ``config.read_timeout`` seconds (else ``408``: a slow or stalled client)."""
    deadline = time.monotonic() + config.read_timeout
    chunks: list[bytes] = []
    size = 0
    stream: Any = request.stream().__aiter__()
    while True:
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise asyncio.TimeoutError
            chunk = await asyncio.wait_for(stream.__anext__(), left)
        except StopAsyncIteration:
            break
        except asyncio.TimeoutError:
            raise Problem(
                408,
                "request-timeout",
                f"the request body did not arrive within {config.read_timeout:g} s",
                {"Connection": "close"},
            ) from None
        except ClientDisconnect:
            raise Problem(400, "client-disconnected", "the client went away") from None
        size += len(chunk)
        if size > config.max_body:
            await _drain(request.receive, DRAIN_LIMIT - size, deadline)
            raise _too_large(config.max_body)
        chunks.append(chunk)
    return b"".join(chunks)
