"""What the OpenAPI document (``/openapi.json``, ``/docs``) says about the routes that read
their body themselves: the request bodies and responses FastAPI cannot infer."""

from __future__ import annotations

from typing import Any

from .request import TextRequest

__all__ = ["BATCH_BODY", "BATCH_RESPONSES", "NDJSON", "ONE_RESPONSES", "TEXT_BODY"]

NDJSON = "application/x-ndjson"

TEXT_BODY = {
    "application/json": {"schema": TextRequest.model_json_schema()},
    "application/xml": {"schema": {"type": "string", "format": "binary"}},
    "text/plain": {"schema": {"type": "string"}},
    "application/zip": {"schema": {"type": "string", "format": "binary"}},
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "properties": {
                "file": {"type": "array", "items": {"type": "string", "format": "binary"}}
            },
        }
    },
}
ONE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "JSON request: one page record (`GET /v1/schema`). A wire file or "
        "upload: one record per news item, as NDJSON (what `wirenlp enrich FILE` prints).",
        "content": {"application/json": {}, NDJSON: {}},
    },
    400: {"description": "Malformed JSON (problem+json)"},
    408: {"description": "The body did not arrive in time (problem+json)"},
    413: {"description": "Body or text over the limit (problem+json)"},
    415: {"description": "A content type that is not a wire file (problem+json)"},
    422: {"description": "A request that does not match the schema (problem+json)"},
    429: {"description": "Queue full: try again after Retry-After seconds (problem+json)"},
    503: {"description": "Not ready, or a worker died (problem+json)"},
    504: {"description": "No result within the timeout (problem+json)"},
}


BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            NDJSON: {
                "schema": {
                    "type": "string",
                    "description": 'One JSON request per line: {"text", "reference_time"?, '
                    '"tz"?, ...other fields}',
                }
            }
        },
    }
}
BATCH_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "NDJSON, streamed: one record per non-blank input line, in order; "
        "`index` is the line's number (from 0); a bad line gives a record with `error`.",
        "content": {NDJSON: {}},
    },
    413: {"description": "Body or line count over the limit (problem+json)"},
    429: {"description": "Queue full (problem+json, Retry-After)"},
}
