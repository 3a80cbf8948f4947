"""Errors as RFC 9457 ``application/problem+json`` bodies, never a stack trace.

Each problem has a ``type`` URI naming what went wrong (listed in ``docs/serve.md``), the HTTP
``title``, a ``status``, a human ``detail`` and sometimes extension members (``errors`` for a
request that failed validation).
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["PROBLEM_TYPE", "Problem", "install_handlers", "problem_response"]

log = logging.getLogger("wirenlp.serve")

#: Prefix of the problem ``type`` URIs (a name, not a download address).
PROBLEM_TYPE = "https://wirenlp.invalid/problems/"

MEDIA_TYPE = "application/problem+json"


def problem_response(
    status: int,
    slug: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> Response:
    """A ``problem+json`` response."""
    body = {
        "type": PROBLEM_TYPE + slug,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extensions,
    }
    return Response(
        json.dumps(body, ensure_ascii=False), status, headers=headers, media_type=MEDIA_TYPE
    )


class Problem(Exception):
    """Raise in a route to answer with a problem (status, type slug, detail)."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.headers = headers
        self.extensions = extensions

    def response(self) -> Response:
        return problem_response(
            self.status, self.slug, self.detail, self.headers, **self.extensions
        )


def _validation_errors(errors: Any) -> list[dict[str, Any]]:
    """Pydantic errors without the input values (a 50 MB text is not echoed back)."""
    return [
        {"loc": [str(x) for x in e.get("loc", ())], "msg": e.get("msg", ""), "type": e.get("type")}
        for e in errors
    ]


def install_handlers(app: Any) -> None:
    """Turn every error of ``app`` into a problem response: :class:`Problem`, validation
    errors (422), HTTP errors (404, 405 …) and anything unexpected (500, logged here with its
    traceback, never sent)."""
    from fastapi.exceptions import RequestValidationError
    from pydantic import ValidationError
    from starlette.exceptions import HTTPException

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return exc.response()

    async def on_validation(request: Request, exc: Exception) -> Response:
        errors = exc.errors() if isinstance(exc, (RequestValidationError, ValidationError)) else []
        return problem_response(
            422,
            "invalid-request",
            "the request does not match the schema",
            errors=_validation_errors(errors),
        )

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        slug = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "-")
        headers = dict(exc.headers) if exc.headers else None
        return problem_response(exc.status_code, slug, str(exc.detail), headers)

    async def on_error(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return problem_response(500, "internal-error", "unexpected server error (logged)")

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(ValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_error)
