"""The JSONL contract: a JSON Schema generated from the records validates real output."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import datetime, timezone

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.export.schema import SCHEMA_VERSION, page_schema, type_schema

from ._outputs import WIRE, enriched_dev_pages

VALIDATOR = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def schema() -> dict:
    out = page_schema()
    VALIDATOR.check_schema(out)
    return out


def _json(page: wirenlp.Page) -> dict:
    return json.loads(json.dumps(page.to_dict(), ensure_ascii=False))


def _errors(schema: dict, record: dict) -> list[str]:
    return [e.message[:200] for e in VALIDATOR(schema).iter_errors(record)]


def test_enriched_dev_pages_validate(schema):
    pages = enriched_dev_pages()
    records = [_json(p) for p in pages]
    # the dev set exercises what the schema describes: links, clusters, time intervals
    assert any(e.link for p in pages for s in p.stories for e in s.entities)
    assert any(s.time and s.time.earliest for p in pages for s in p.stories)
    for record in records:
        assert _errors(schema, record) == []
        assert record["schema_version"] == SCHEMA_VERSION


def test_error_pages_and_aware_times_validate(schema):
    bad = list(wirenlp.Enricher().pipe(["BRUSSEL (ANP) - Een test.", 42]))  # type: ignore[list-item]
    assert bad[1].error is not None
    aware = wirenlp.parse("Kop\nBRUSSEL (ANP) - Iets.\n1 uur geleden", datetime.now(timezone.utc))
    for page in [*bad, aware]:
        assert _errors(schema, _json(page)) == []


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_any_parsed_text_validates(text):
    assert _errors(page_schema(), _json(wirenlp.parse(text))) == []


def test_round_trip_keeps_schema_version():
    page = enriched_dev_pages()[0]
    data = _json(page)
    assert next(iter(data)) == "schema_version"
    assert wirenlp.Page.from_dict(data) == page
    assert wirenlp.Page.from_dict(data).to_dict() == page.to_dict()
    older = {k: v for k, v in data.items() if k != "schema_version"}
    assert wirenlp.Page.from_dict(older) == page


def _first_entity(record: dict) -> dict:
    return next(e for s in record["stories"] for e in s["entities"])


@pytest.mark.parametrize(
    "breakage",
    [
        "no version",
        "wrong version",
        "unknown kind",
        "extra field",
        "string offset",
        "score above 100",
        "naive text time",
    ],
)
def test_broken_records_fail(schema, breakage):
    record = copy.deepcopy(_json(next(p for p in enriched_dev_pages() if p.entities)))
    entity = _first_entity(record)
    if breakage == "no version":
        del record["schema_version"]
    elif breakage == "wrong version":
        record["schema_version"] = "0.1"
    elif breakage == "unknown kind":
        entity["kind"] = "animal"
    elif breakage == "extra field":
        entity["confidence"] = 0.5
    elif breakage == "string offset":
        entity["start"] = str(entity["start"])
    elif breakage == "score above 100":
        record["stories"][0]["dateline"]["links"][0]["score"] = 101
    else:
        record["reference_time"] = "gisteren"
    assert _errors(schema, record)


def test_type_schema_refuses_unknown_types():
    with pytest.raises(TypeError, match="no JSON Schema"):
        type_schema(complex, {})


def test_cli_schema_prints_the_schema_and_cli_output_validates(schema):
    exe = [sys.executable, "-m", "wirenlp.cli"]
    printed = subprocess.run([*exe, "schema"], capture_output=True, text=True, check=True)
    assert json.loads(printed.stdout) == schema
    page = WIRE / "seed_anp_buitenland.txt"
    out = subprocess.run([*exe, "parse", str(page)], capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 1 and _errors(schema, records[0]) == []
