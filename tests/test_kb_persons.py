"""Different people are never merged: a fuzzy knowledge-base link between persons needs the same
surname and compatible given names, and clusters never merge on a fuzzy KB id alone."""

from __future__ import annotations

import pytest

import wirenlp
from wirenlp.linking.clusters import Mention, cluster_mentions, same_person
from wirenlp.linking.kb import KnowledgeBase
from wirenlp.records import Entity, KBLink, Page, Story

TEXT = (
    "BRUSSEL (ANP) - NAVO-chef Jens Stoltenberg sprak dinsdag. Stoltenberg zei dat de NAVO "
    "klaar is."
)


def _page(text: str, spans: list[tuple[str, str]]) -> Page:
    ents, pos = [], 0
    for surface, kind in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        ents.append(Entity(surface, start, pos, kind, "X"))
    return Page(text, stories=(Story(0, len(text), entities=tuple(ents)),))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Jens Stoltenberg", "Jan Stoltenberg", False),
        ("Jens Stoltenberg", "J. Stoltenberg", True),
        ("Jens Stoltenberg", "Jens E. Stoltenberg", True),
        ("Jens Stoltenberg", "Stoltenberg", True),
        ("Jens Stoltenberg", "Jens Stoltenbergg", False),
        ("Bill de Blasio", "De Blasio", True),
        ("Mark Rutte", "Mark Rütte", True),  # one surname once normalised
    ],
)
def test_same_person_rule(a, b, same):
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_jens_does_not_link_to_jan():
    kb = KnowledgeBase.from_records([{"id": "Q1", "name": "Jan Stoltenberg", "kind": "person"}])
    page = wirenlp.link_page(
        _page(TEXT, [("Jens Stoltenberg", "person"), ("Stoltenberg", "person")]), kb=kb
    )
    jens, surname = page.stories[0].entities
    assert jens.link is None
    assert not any(
        isinstance(e.link, KBLink) and e.name == "Jan Stoltenberg" for e in page.entities
    )
    assert [(e.name, e.mentions) for e in page.entities] == [("Jens Stoltenberg", 2)]
    assert surname.cluster == jens.cluster


def test_person_kb_record_without_kind_is_still_a_person_for_a_person_mention():
    kb = KnowledgeBase.from_records([{"id": "Q1", "name": "Jan Stoltenberg"}])
    assert kb.lookup("Jens Stoltenberg", kind="person") is None
    assert kb.lookup("Jens Stoltenberg") is not None  # kind unknown on both sides: a name match


def test_clusters_never_merge_on_a_fuzzy_kb_id_alone():
    text = "Jens Stoltenberg en Jan Stoltenberg spraken. De NAVO en de NAVOO ook."
    fuzzy = KBLink(id="Q1", name="Jens Stoltenberg", kind="person", score=93, method="kb-fuzzy")
    org = KBLink(id="O1", name="NAVO", kind="organisation", score=95, method="kb-fuzzy")
    spans = [
        ("Jens Stoltenberg", "person", fuzzy),
        ("Jan Stoltenberg", "person", fuzzy),
        ("NAVO", "organisation", org),
        ("NAVOO", "organisation", org),
    ]
    mentions, pos = [], 0
    for surface, kind, link in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        ent = Entity(surface, start, pos, kind, "X", link=link)
        mentions.append(Mention(story=0, index=start, entity=ent))
    roots = cluster_mentions(mentions, text)
    assert roots[0] != roots[1]
    assert roots[2] != roots[3]
    exact = [
        Mention(m.story, m.index, Entity(m.entity.text, m.entity.start, m.entity.end,
                m.entity.kind, "X", link=KBLink("Q1", "x", m.entity.kind, 100, "kb-exact")))
        for m in mentions
    ]  # fmt: skip
    roots = cluster_mentions(exact, text)
    assert roots[0] == roots[1] and roots[2] == roots[3]  # an exact id still merges


def test_enricher_with_a_kb_keeps_people_apart():
    kb = KnowledgeBase.from_records([{"id": "Q1", "name": "Jan Stoltenberg", "kind": "person"}])
    page = wirenlp.Enricher(kb=kb).enrich(TEXT)
    persons = [e for s in page.stories for e in s.entities if e.kind == "person"]
    assert any(e.text == "Jens Stoltenberg" for e in persons)
    assert all(e.link is None for e in persons)
    assert all(pe.name != "Jan Stoltenberg" for pe in page.entities)
