"""KBLink is immutable and hashable all the way down; pages with KB links survive JSON."""

from __future__ import annotations

import json
import subprocess

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.records import Entity, FieldMap, KBLink, Page, Story

from .test_style import ROOT


def _link(**fields: str) -> KBLink:
    return KBLink(id="Q1", name="X", kind="person", score=100.0, fields=fields)


def test_entity_with_a_kb_link_hashes():
    link = _link(wikidata="Q57")
    ent = Entity(text="X", start=0, end=1, kind="person", label="PER", link=link)
    assert hash(ent) == hash(attrs.evolve(ent))
    assert {ent, attrs.evolve(ent)} == {ent}
    assert hash(link) != hash(_link(wikidata="Q58"))


def test_kb_link_cannot_be_mutated():
    link = _link(wikidata="Q57")
    with pytest.raises(TypeError):
        link.fields["wikidata"] = "Q1"  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        link.fields._items = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        link.id = "Q2"  # type: ignore[misc]
    source = {"wikidata": "Q57"}
    from_dict = KBLink(id="Q1", name="X", kind="person", score=1.0, fields=source)
    source["wikidata"] = "changed"
    assert from_dict.fields["wikidata"] == "Q57"  # copied at the edge


def test_fields_read_like_a_dict():
    link = _link(wikidata="Q57", party="VVD")
    assert link.fields == {"wikidata": "Q57", "party": "VVD"}
    assert dict(link.fields) == {"wikidata": "Q57", "party": "VVD"}
    assert link.fields["party"] == "VVD" and link.fields.get("x") is None
    assert FieldMap([("a", "1")]) == FieldMap({"a": "1"})
    with pytest.raises(TypeError):
        FieldMap({"a": 1})  # type: ignore[dict-item]


def test_kind_is_an_entity_kind():
    with pytest.raises(ValueError):
        KBLink(id="Q1", name="X", kind="robot", score=1.0)  # type: ignore[arg-type]


def test_no_dataclass_in_wirenlp():
    found = subprocess.run(
        ["grep", "-rln", "--include=*.py", "dataclass", str(ROOT / "src" / "wirenlp")],
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""


_STR = st.text(max_size=12)


@settings(max_examples=100, deadline=None)
@given(
    fields=st.dictionaries(_STR, _STR, max_size=4),
    kind=st.sampled_from(["person", "organisation", "place", "nationality", "other"]),
)
def test_json_round_trip_with_kb_links(fields, kind):
    text = "Jens Stoltenberg sprak."
    link = KBLink(id="Q1", name="Jens", kind=kind, score=90.5, method="kb-fuzzy", fields=fields)
    ent = Entity(text[:16], 0, 16, kind, "PER", link=link)
    page = Page(
        text,
        stories=(Story(0, len(text), entities=(ent,)),),
        entities=(wirenlp.PageEntity("c1", "Jens", kind, 1, (0,), link=link),),
    )
    data = json.loads(json.dumps(page.to_dict()))
    assert data["stories"][0]["entities"][0]["link"]["fields"] == fields
    again = Page.from_dict(data)
    assert again == page
    assert hash(again.stories[0].entities[0]) == hash(ent)
