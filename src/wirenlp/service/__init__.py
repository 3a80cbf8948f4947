"""``wirenlp serve``: the pipeline as an HTTP service (extra ``wirenlp[serve]``).

:func:`serve` runs it (what ``wirenlp serve`` calls), :func:`create_app` builds the ASGI app
for another server, :class:`ServeConfig` holds the settings. One uvicorn process handles the
HTTP side; a pool of worker processes, each with one :class:`~wirenlp.Enricher` loaded once,
does all parsing and NLP. See ``docs/serve.md``.

Modules: :mod:`.config` (settings), :mod:`.app` (routes), :mod:`.pool` (worker processes,
bounded queue, adaptive batches), :mod:`.worker` (what runs inside a worker), :mod:`.request`
(the request model), :mod:`.limits` (body size, read timeout, API key), :mod:`.problems`
(RFC 9457 errors), :mod:`.metrics` (Prometheus), :mod:`.openapi` (what ``/docs`` says),
:mod:`.spine` (input and record functions), :mod:`.server` (uvicorn and graceful shutdown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import ServeConfig

if TYPE_CHECKING:  # pragma: no cover
    from .app import create_app
    from .server import serve

__all__ = ["ServeConfig", "create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "serve":
        from .server import serve

        return serve
    raise AttributeError(f"module 'wirenlp.service' has no attribute {name!r}")
