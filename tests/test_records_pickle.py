"""Pickled records come back equal: pages travel between Dask workers and the client as
pickles (``wirenlp.dask``), in the compact form of ``records._pickled``."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import wirenlp
from wirenlp.linking.kb import KnowledgeBase
from wirenlp.records import Page, PageError, Span

from ._outputs import enriched_dev_pages
from .conftest import WIRE
from .test_properties import texts

PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


def _records(value: Any) -> list[Any]:
    """Every attrs record inside ``value`` (a page, tuple, link …), depth first."""
    out: list[Any] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            stack.extend(item)
        elif attrs.has(type(item)):
            out.append(item)
            stack.extend(getattr(item, a.name) for a in attrs.fields(type(item)))
    return out


def assert_round_trips(pages: list[Page]) -> None:
    for protocol in PROTOCOLS:
        blob = pickle.dumps(pages, protocol=protocol)
        back = pickle.loads(blob)
        assert back == pages
        # the same classes all the way down, and the same values to their types (repr tells
        # 1 from 1.0, a tuple from a list, one time zone from another)
        for page, copy in zip(pages, back, strict=True):
            assert [type(r) for r in _records(copy)] == [type(r) for r in _records(page)]
            assert repr(copy) == repr(page)


@pytest.fixture(scope="module")
def enricher() -> wirenlp.Enricher:
    return wirenlp.Enricher()


def test_enriched_dev_pages_round_trip():
    pages = list(enriched_dev_pages())
    # links with alternatives, clusters, resolved time labels: the records pages carry
    assert any(s.time and s.time.earliest for p in pages for s in p.stories)
    assert any(lk and lk.alternatives for p in pages for e in p.entities for lk in [e.link])
    assert_round_trips(pages)


def test_error_pages_round_trip(enricher):
    pages = list(enricher.pipe([None, 42, b"bytes", "BRUSSEL (ANP) - De NAVO vergadert."]))
    assert [p.error is not None for p in pages] == [True, True, True, False]
    assert_round_trips(pages)
    assert pickle.loads(pickle.dumps(pages[0])).error == pages[0].error


def test_wire_pages_with_metadata_round_trip(enricher):
    fixtures = sorted(p for p in (WIRE / "fixtures").iterdir() if p.is_file())
    pages = list(enricher.pipe(page for path in fixtures for page in wirenlp.read(path)))
    assert pages and all(p.meta is not None for p in pages)
    assert any(p.meta.created for p in pages) and any(p.meta.dateline for p in pages)
    assert_round_trips(pages)


def test_knowledge_base_links_round_trip():
    kb = KnowledgeBase.from_records(
        [{"id": "Q57", "name": "Jens Stoltenberg", "kind": "person", "wikidata": "Q57"}]
    )
    page = wirenlp.Enricher(kb=kb).enrich("BRUSSEL (ANP) - Jens Stoltenberg sprak met de NAVO.")
    assert any(getattr(e.link, "id", None) == "Q57" for e in page.entities)
    assert_round_trips([page])


@settings(max_examples=150, deadline=None)
@given(texts)
def test_any_parsed_page_round_trips(text):
    assert_round_trips([wirenlp.parse(text)])


def test_unpickling_runs_the_validators():
    blob = pickle.dumps(Span("NAVO", 0, 4), protocol=0)  # the text protocol: easy to edit
    assert pickle.loads(blob) == Span("NAVO", 0, 4)
    forged = blob.replace(b"NAVO", b"NAVO-top")  # a text that does not fit its offsets
    assert forged != blob
    with pytest.raises(ValueError, match="does not fit offsets"):
        pickle.loads(forged)


@attrs.frozen
class _NotedError(PageError):
    note: str = ""


def test_a_subclass_pickles_its_own_fields():
    error = _NotedError("ValueError", "bad", note="kept")
    assert pickle.loads(pickle.dumps(error)) == error
