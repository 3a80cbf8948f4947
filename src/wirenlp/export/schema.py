"""The JSON Schema of wirenlp's JSONL page record, generated from the attrs record classes.

:func:`page_schema` walks :class:`wirenlp.Page` and every record class it reaches
(``attrs.fields`` plus their type hints and validators) and returns a JSON Schema
(draft 2020-12) that :meth:`wirenlp.Page.to_dict` output satisfies; ``wirenlp schema`` prints
it. The records are the single source: the schema is never written by hand. Every record
carries ``schema_version`` (:data:`SCHEMA_VERSION`); the version changes whenever the record
layout does, so consumers in other languages can check what they read.
"""

from __future__ import annotations

import enum
import types
import typing
from collections import abc
from datetime import date, datetime
from typing import Any

import attrs

from ..records import SCHEMA_VERSION, Page

__all__ = ["SCHEMA_ID", "SCHEMA_VERSION", "page_schema", "type_schema"]

SCHEMA_ID = f"https://wirenlp.invalid/schema/page-{SCHEMA_VERSION}.json"
"""The ``$id`` of the page schema (a name, not a download address)."""

_ISO_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$"

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    type(None): {"type": "null"},
    datetime: {
        "type": "string",
        "pattern": _ISO_TIME,
        "description": "ISO 8601; without an offset when the time it came from was naive.",
    },
    date: {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
}


def _validator_keywords(validator: Any) -> dict[str, Any]:
    """JSON Schema keywords for the attrs validators that say something about values."""
    if validator is None:
        return {}
    out: dict[str, Any] = {}
    for item in getattr(validator, "_validators", (validator,)):  # and_ / list of validators
        options = getattr(item, "options", None)
        if options is not None and not isinstance(options, (str, bytes)):
            out["enum"] = list(options)
        op, bound = getattr(item, "compare_op", None), getattr(item, "bound", None)
        keyword = {
            ">=": "minimum",
            "<=": "maximum",
            ">": "exclusiveMinimum",
            "<": "exclusiveMaximum",
        }
        if op in keyword and bound is not None:
            out[keyword[op]] = bound
    return out


def type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a type hint as cattrs unstructures it; attrs classes go to ``defs``
    (by class name) and are referenced. Raises ``TypeError`` for a type it cannot describe."""
    if tp is Any:
        return {}
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and issubclass(tp, abc.Mapping):  # FieldMap: a str → str object
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder: recursive records (PlaceLink.alternatives)
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        options = [type_schema(a, defs) for a in args]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if isinstance(origin, type) and issubclass(origin, (abc.Sequence, abc.Set)):
        if origin is tuple and args and args[-1] is not Ellipsis:
            items = [type_schema(a, defs) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items)}
        return {"type": "array", "items": type_schema(args[0], defs) if args else {}}
    if isinstance(origin, type) and issubclass(origin, abc.Mapping):
        value = type_schema(args[1], defs) if len(args) == 2 else {}
        return {"type": "object", "additionalProperties": value}
    raise TypeError(f"no JSON Schema for type {tp!r}")


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for field in attrs.fields(cls):
        prop = type_schema(hints[field.name], defs)
        keywords = _validator_keywords(field.validator)
        if keywords:
            prop = {**prop, **keywords} if "$ref" not in prop else {"allOf": [prop], **keywords}
        props[field.name] = prop
    out: dict[str, Any] = {"type": "object"}
    if cls.__doc__:
        out["description"] = " ".join(cls.__doc__.split())
    out["properties"] = props
    # to_dict writes every field (defaults included), so every field is required
    out["required"] = list(props)
    out["additionalProperties"] = False
    return out


def page_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one JSONL page record: :meth:`Page.to_dict`, plus
    ``source``, ``index`` and ``fields`` in the lines ``wirenlp parse`` and ``enrich`` write."""
    defs: dict[str, Any] = {}
    type_schema(Page, defs)
    page = defs.pop("Page")
    page["properties"] = {
        "schema_version": {
            "const": SCHEMA_VERSION,
            "description": "Version of this schema; it changes whenever the record layout does.",
        },
        "source": {
            "type": "string",
            "description": "Command line only: the file (or zip member) the item was read from.",
        },
        "index": {
            "type": "integer",
            "minimum": 0,
            "description": "Command line only: the item's position within its source.",
        },
        "fields": {
            "type": "object",
            "description": "Command line only: the other fields of a JSON-Lines input record "
            "(id, ...), carried unchanged; absent when the input had none.",
        },
        **page["properties"],
    }
    page["required"] = ["schema_version", *page["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"wirenlp page record, schema version {SCHEMA_VERSION}",
        **page,
        "$defs": dict(sorted(defs.items())),
    }
