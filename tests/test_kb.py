"""User knowledge bases: loading, lookup with scores and thresholds, errors naming the line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirenlp.errors import KnowledgeBaseError, WirenlpError
from wirenlp.linking.kb import KnowledgeBase


@pytest.fixture
def kb_csv(tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text(
        "id,name,aliases,kind,wikidata\n"
        "Q1,Jens Stoltenberg,Stoltenberg|J. Stoltenberg,person,Q57\n"
        "Q2,NAVO,NATO;Noord-Atlantische Verdragsorganisatie,organisation,Q7184\n"
        "Q3,Centraal Bureau voor de Statistiek,CBS,organisation,\n"
        "Q4,Den Haag,'s-Gravenhage,place,Q36600\n",
        encoding="utf-8",
    )
    return path


def test_from_csv_lookup(kb_csv):
    kb = KnowledgeBase.from_csv(kb_csv)
    assert len(kb) == 4
    link = kb.lookup("Stoltenberg", kind="person")
    assert (link.id, link.name, link.score, link.method) == (
        "Q1",
        "Jens Stoltenberg",
        100.0,
        "kb-alias",
    )
    assert link.fields == {"wikidata": "Q57"}
    assert kb.lookup("NATO").id == "Q2"
    assert kb.lookup("'S-GRAVENHAGE", kind="place").id == "Q4"
    assert kb.lookup("NAVO", kind="person") is None  # kind must agree


def test_fuzzy_and_thresholds(kb_csv):
    kb = KnowledgeBase.from_csv(kb_csv)
    typo = "Centraal Bureau voor de Statistiekk"
    link = kb.lookup(typo, kind="organisation")
    assert link is not None and link.id == "Q3" and link.method == "kb-fuzzy"
    assert 90 <= link.score < 100
    strict = KnowledgeBase.from_csv(kb_csv, fuzzy_cutoff=99)
    assert strict.lookup(typo, kind="organisation") is None
    no_fuzzy = KnowledgeBase.from_csv(kb_csv, fuzzy_cutoff=None)
    assert no_fuzzy.lookup(typo) is None
    assert KnowledgeBase.from_csv(kb_csv, min_score=100).lookup(typo) is None
    assert kb.lookup("Völlig anders") is None


def test_fuzzy_person_needs_the_same_surname_and_compatible_given_names(kb_csv):
    kb = KnowledgeBase.from_csv(kb_csv)
    link = kb.lookup("Jens E. Stoltenberg", kind="person")  # a middle initial more
    assert link is not None and link.id == "Q1" and link.method == "kb-fuzzy"
    assert kb.lookup("Jens Stoltenbergg", kind="person") is None  # another surname
    assert kb.lookup("Jens Stoltenbergg") is None  # the record is a person
    assert kb.lookup("Jan Stoltenberg", kind="person") is None  # another given name


def test_from_jsonl(tmp_path):
    path = tmp_path / "kb.jsonl"
    path.write_text(
        '{"id": "a", "name": "Donald Trump", "aliases": ["Trump"], "kind": "PER"}\n\n'
        '{"id": 7, "name": "Europese Unie", "aliases": "EU", "kind": "org", "x": 1}\n',
        encoding="utf-8",
    )
    kb = KnowledgeBase.from_jsonl(path)
    assert kb.lookup("Trump", kind="person").id == "a"
    link = kb.lookup("EU", kind="organisation")
    assert link.id == "7" and link.kind == "organisation" and link.fields == {"x": "1"}


@pytest.mark.parametrize(
    ("content", "line", "what"),
    [
        ("id,name\nA,Alpha\n,Nameless\n", 3, "missing 'id'"),
        ("id,name\nA,Alpha\nB,\n", 3, "missing 'name'"),
        ("id,name,kind\nA,Alpha,person\nB,Beta,planet\n", 3, "unknown kind"),
        ("id,name\nA,Alpha,extra\n", 2, "more fields"),
        ("name,kind\nAlpha,person\n", 1, "header"),
    ],
)
def test_csv_errors_name_the_line(tmp_path, content, line, what):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.from_csv(path)
    assert f"bad.csv:{line}" in str(info.value) and what in str(info.value)
    assert isinstance(info.value, WirenlpError) and isinstance(info.value, ValueError)


def test_jsonl_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "name": "A"}\n{"id": "b", "name": \n', encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad\.jsonl:2: invalid JSON"):
        KnowledgeBase.from_jsonl(path)
    path.write_text('{"id": "a", "name": "A"}\n["not", "an", "object"]\n', encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad\.jsonl:2"):
        KnowledgeBase.from_jsonl(path)


def test_from_records_errors_name_the_record():
    with pytest.raises(KnowledgeBaseError, match="record 2: missing 'name'"):
        KnowledgeBase.from_records([{"id": 1, "name": "A"}, {"id": 2}])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.sampled_from([None, "person", "organisation", "place", "x"]))
def test_lookup_never_raises(name, kind):
    kb = KnowledgeBase.from_records(
        [{"id": "1", "name": "Jens Stoltenberg", "kind": "person"}, {"id": "2", "name": "NAVO"}]
    )
    link = kb.lookup(name, kind=kind)
    assert link == kb.lookup(name, kind=kind)
    if link is not None:
        assert 0 <= link.score <= 100


def test_pickles_and_looks_up_the_same_after():
    import pickle

    kb = KnowledgeBase.from_records(
        [{"id": "1", "name": "Jens Stoltenberg", "kind": "person"}, {"id": "2", "name": "NAVO"}]
    )
    kb.lookup("Stoltenberg", kind="person")  # fill the cache; it is not pickled
    copy = pickle.loads(pickle.dumps(kb))
    assert copy.records == kb.records
    for name in ("Jens Stoltenberg", "Stoltenberg", "NAVO", "Navo", "nobody"):
        assert copy.lookup(name, kind="person") == kb.lookup(name, kind="person")


def test_kb_links_with_fields_pickle():
    import pickle

    from wirenlp.records import FieldMap, KBLink

    link = KBLink("Q1", "Jens Stoltenberg", "person", 100.0, fields=FieldMap({"wikidata": "Q1"}))
    copy = pickle.loads(pickle.dumps(link))
    assert copy == link and copy.fields["wikidata"] == "Q1"
