"""The JSON Schema of wirenlp's JSONL page record, generated from the attrs record classes.

:func:`page_schema` walks :class:`wirenlp.Page` and every record class it reaches
(``attrs.fields`` plus their type hints and validators) and returns a JSON Schema
(draft 2020-12) that :meth:`wirenlp.Page.to_dict` output satisfies; ``wirenlp schema`` prints
it. ``page_schema()`` describes the compact record (the default of ``to_dict``: fields at their
default left out, place links reduced to :data:`wirenlp.records.COMPACT_LINK_FIELDS`, their
alternatives to :data:`wirenlp.records.COMPACT_ALTERNATIVE_FIELDS`, a story's body span without
its text), ``page_schema(full=True)`` the full one (``to_dict(full=True)``: every field, so
every field is required). The records are the single source: the schema is never written by
hand. Every record
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

from ..records import (
    COMPACT_ALTERNATIVE_FIELDS,
    COMPACT_LINK_FIELDS,
    SCHEMA_VERSION,
    Page,
    PlaceLink,
    Story,
)

__all__ = ["SCHEMA_ID", "SCHEMA_ID_FULL", "SCHEMA_VERSION", "page_schema", "type_schema"]

SCHEMA_ID = f"https://wirenlp.invalid/schema/page-{SCHEMA_VERSION}.json"
"""The ``$id`` of the compact page schema (a name, not a download address)."""
SCHEMA_ID_FULL = f"https://wirenlp.invalid/schema/page-{SCHEMA_VERSION}-full.json"
"""The ``$id`` of the full page schema."""

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


def type_schema(tp: Any, defs: dict[str, Any], *, full: bool = True) -> dict[str, Any]:
    """The JSON Schema of a type hint as cattrs unstructures it; attrs classes go to ``defs``
    (by class name) and are referenced. ``full=False`` describes the compact record of
    :meth:`wirenlp.Page.to_dict`. Raises ``TypeError`` for a type it cannot describe."""
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
            defs[name] = _class_schema(tp, defs, full)
        return {"$ref": f"#/$defs/{name}"}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        options = [type_schema(a, defs, full=full) for a in args]
        if all(set(o) == {"type"} for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if isinstance(origin, type) and issubclass(origin, (abc.Sequence, abc.Set)):
        if origin is tuple and args and args[-1] is not Ellipsis:
            items = [type_schema(a, defs, full=full) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items)}
        return {"type": "array", "items": type_schema(args[0], defs, full=full) if args else {}}
    if isinstance(origin, type) and issubclass(origin, abc.Mapping):
        value = type_schema(args[1], defs, full=full) if len(args) == 2 else {}
        return {"type": "object", "additionalProperties": value}
    raise TypeError(f"no JSON Schema for type {tp!r}")


def _class_schema(cls: type, defs: dict[str, Any], full: bool) -> dict[str, Any]:
    if not full and cls is PlaceLink:
        return _compact_link_schema(defs)
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if full or field.default is attrs.NOTHING:
            required.append(field.name)  # the compact record leaves out fields at default
        if not full and cls is Story and field.name == "body":
            defs.setdefault("BodySpan", _BODY_SPAN)
            props["body"] = {"anyOf": [{"$ref": "#/$defs/BodySpan"}, {"type": "null"}]}
            continue
        prop = type_schema(hints[field.name], defs, full=full)
        keywords = _validator_keywords(field.validator)
        if keywords:
            prop = {**prop, **keywords} if "$ref" not in prop else {"allOf": [prop], **keywords}
        props[field.name] = prop
    out: dict[str, Any] = {"type": "object"}
    if cls.__doc__:
        out["description"] = " ".join(cls.__doc__.split())
    out["properties"] = props
    # the full record writes every field (defaults included), so every field is required
    out["required"] = required
    out["additionalProperties"] = False
    return out


_BODY_SPAN: dict[str, Any] = {
    "type": "object",
    "description": "A story's body in a compact record: its text is page.text[start:end].",
    "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}},
    "required": ["start", "end"],
    "additionalProperties": False,
}


def _compact_link_schema(defs: dict[str, Any]) -> dict[str, Any]:
    """A place link in a compact record: :data:`COMPACT_LINK_FIELDS` (always written) and,
    when there are any, ``alternatives`` with :data:`COMPACT_ALTERNATIVE_FIELDS`."""
    full = _class_schema(PlaceLink, defs, True)
    props = {name: full["properties"][name] for name in COMPACT_LINK_FIELDS}
    alt = {name: full["properties"][name] for name in COMPACT_ALTERNATIVE_FIELDS}
    props["alternatives"] = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": alt,
            "required": list(alt),
            "additionalProperties": False,
        },
    }
    return {
        "type": "object",
        "description": "A GeoNames place (compact: "
        + ", ".join(COMPACT_LINK_FIELDS)
        + "; each alternative's "
        + " and ".join(COMPACT_ALTERNATIVE_FIELDS)
        + "). "
        + full.get("description", ""),
        "properties": props,
        "required": list(COMPACT_LINK_FIELDS),
        "additionalProperties": False,
    }


def page_schema(full: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one JSONL page record: :meth:`Page.to_dict` (the
    compact record; ``full=True``: ``to_dict(full=True)``), plus ``source``, ``index`` and
    ``fields`` in the lines ``wirenlp parse`` and ``wirenlp enrich`` write."""
    defs: dict[str, Any] = {}
    type_schema(Page, defs, full=full)
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
        "$id": SCHEMA_ID_FULL if full else SCHEMA_ID,
        "title": f"wirenlp page record ({'full' if full else 'compact'}), "
        f"schema version {SCHEMA_VERSION}",
        **page,
        "$defs": dict(sorted(defs.items())),
    }
