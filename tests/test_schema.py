"""The JSONL contract: a JSON Schema generated from the records validates real output."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import datetime, timezone

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.export.schema import SCHEMA_VERSION, page_schema, type_schema
from wirenlp.records import COMPACT_LINK_FIELDS

from ._outputs import WIRE, enriched_dev_pages

VALIDATOR = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def schema() -> dict:
    out = page_schema()
    VALIDATOR.check_schema(out)
    return out


@pytest.fixture(scope="module")
def full_schema() -> dict:
    out = page_schema(full=True)
    VALIDATOR.check_schema(out)
    return out


def _json(page: wirenlp.Page, full: bool = False) -> dict:
    return json.loads(json.dumps(page.to_dict(full=full), ensure_ascii=False))


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


def test_full_records_validate_against_the_full_schema_only(schema, full_schema):
    pages = [p for p in enriched_dev_pages() if any(lk.alternatives for lk in _links(p))]
    assert pages
    for page in pages:
        full = _json(page, full=True)
        assert _errors(full_schema, full) == []
        assert _errors(schema, full)  # alternate names and whole alternatives: not compact
        assert _errors(full_schema, _json(page))  # compact leaves out required fields


def _links(page: wirenlp.Page) -> list[wirenlp.PlaceLink]:
    return [
        e.link for s in page.stories for e in s.entities if isinstance(e.link, wirenlp.PlaceLink)
    ]


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
    data = _json(page, full=True)
    assert next(iter(data)) == "schema_version"
    assert wirenlp.Page.from_dict(data) == page
    assert wirenlp.Page.from_dict(data).to_dict(full=True) == page.to_dict(full=True)
    older = {k: v for k, v in data.items() if k != "schema_version"}
    assert wirenlp.Page.from_dict(older) == page


def test_compact_record_reads_back_and_drops_only_what_it_says():
    for page in enriched_dev_pages():
        data = _json(page)
        back = wirenlp.Page.from_dict(data)
        assert back.to_dict() == data  # compact → page → compact is stable
        # the text, spans, entities, clusters and roll-up are all kept ...
        assert back.text == page.text
        assert [s.body for s in back.stories] == [s.body for s in page.stories]
        ents = [
            (e.text, e.start, e.end, e.kind, e.label, e.source, e.cluster)
            for s in page.stories
            for e in s.entities
        ]
        assert [
            (e.text, e.start, e.end, e.kind, e.label, e.source, e.cluster)
            for s in back.stories
            for e in s.entities
        ] == ents
        # ... and of each place link the compact fields, of each alternative its id, name
        # and score; admin names, population and alternate names are dropped
        for a, b in zip(_links(page), _links(back), strict=True):
            assert [getattr(b, f) for f in COMPACT_LINK_FIELDS] == [
                getattr(a, f) for f in COMPACT_LINK_FIELDS
            ]
            assert [(x.geonameid, x.name, x.score) for x in a.alternatives] == [
                (x.geonameid, x.name, x.score) for x in b.alternatives
            ]
            assert (b.alternate_names, b.admin1, b.population) == ((), None, None)


def test_compact_record_is_smaller():
    pages = enriched_dev_pages()
    compact = sum(len(json.dumps(p.to_dict())) for p in pages)
    full = sum(len(json.dumps(p.to_dict(full=True))) for p in pages)
    assert compact < full


def test_a_parsed_page_round_trips_in_the_compact_record():
    page = wirenlp.parse("Kop\nBRUSSEL (ANP) - Iets in Gent.\n1 uur geleden")
    assert wirenlp.Page.from_dict(_json(page)) == page


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


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_parsed_page_round_trips_in_both_records(text):
    page = wirenlp.parse(text)
    for full in (False, True):
        assert wirenlp.Page.from_dict(_json(page, full=full)) == page


def test_compact_record_states_a_cluster_link_once():
    seen = 0
    for page in enriched_dev_pages():
        data = _json(page)
        linked = {e.cluster: e.link for e in page.entities if e.link is not None}
        for story, story_data in zip(page.stories, data["stories"], strict=True):
            for ent, ent_data in zip(story.entities, story_data.get("entities", []), strict=True):
                if ent.cluster in linked and ent.link == linked[ent.cluster]:
                    assert "link" not in ent_data  # stated on the cluster only
                    seen += 1
                elif ent.cluster in linked and ent.link is None:
                    assert ent_data["link"] is None  # said, not left to the cluster
        back = wirenlp.Page.from_dict(data)
        for a, b in zip(_mentions(page), _mentions(back), strict=True):
            assert (a.link is None) == (b.link is None)  # each mention gets its own link back
            if isinstance(a.link, wirenlp.PlaceLink):
                assert [getattr(b.link, f) for f in COMPACT_LINK_FIELDS] == [
                    getattr(a.link, f) for f in COMPACT_LINK_FIELDS
                ]
    assert seen > 0


def test_a_mention_without_a_link_in_a_linked_cluster_stays_unlinked():
    page = wirenlp.enrich("BRUSSEL (ANP) - Brussel en Brussel.")
    ents = [e for s in page.stories for e in s.entities]
    linked = next(e for e in ents if e.link is not None and e.cluster is not None)
    bare = attrs.evolve(page.stories[0].entities[-1], link=None, cluster=linked.cluster)
    story = attrs.evolve(page.stories[0], entities=(*page.stories[0].entities[:-1], bare))
    odd = attrs.evolve(page, stories=(story, *page.stories[1:]))
    back = wirenlp.Page.from_dict(_json(odd))
    assert back.stories[0].entities[-1].link is None
    assert back.stories[0].entities[0].link is not None


def _mentions(page):
    return [e for s in page.stories for e in s.entities]
