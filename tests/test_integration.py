"""The whole flow, text → parse → spaCy → link, through the public API.

A rule-based stand-in pipeline (blank Dutch + entity_ruler with OntoNotes labels) makes the
entities deterministic, so these tests check wirenlp's own work: segments, offsets, linking,
clusters, the knowledge base and the CLI.
"""

from __future__ import annotations

import json

import pytest
import spacy
from typer.testing import CliRunner

import wirenlp
from wirenlp.cli import app

TEXT = (
    "NAVO zoekt uitweg\n"
    "BRUSSEL (ANP) - De NAVO roept Rusland op, zei Jens Stoltenberg in Brussel.\n"
    "Stoltenberg sprak met Russische diplomaten.\n"
    "Meer uit Buitenland\n"
    "WASHINGTON (ANP/RTR) - Donald Trump zegt dat Iran contact zocht.\n"
    "1 uur geleden"
)


@pytest.fixture(scope="module")
def ruler_nlp():
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "NAVO"},
            {"label": "GPE", "pattern": "Rusland"},
            {"label": "GPE", "pattern": "Brussel"},
            {"label": "GPE", "pattern": "Iran"},
            {"label": "NORP", "pattern": "Russische"},
            {"label": "PERSON", "pattern": [{"TEXT": "Jens"}, {"TEXT": "Stoltenberg"}]},
            {"label": "PERSON", "pattern": "Stoltenberg"},
            {"label": "PERSON", "pattern": [{"TEXT": "Donald"}, {"TEXT": "Trump"}]},
        ]
    )
    return nlp


def _entities(page):
    return [e for story in page.stories for e in story.entities]


def test_enrich_links_datelines_places_and_clusters(ruler_nlp):
    page = wirenlp.Enricher(nlp=ruler_nlp).enrich(TEXT)
    first, second = page.stories
    (brussels,) = first.dateline.links
    assert (brussels.geonameid, brussels.country_code) == (2800866, "BE")
    assert second.dateline.links[0].country_code == "US"
    ents = {(e.text, e.start): e for e in _entities(page)}
    for e in ents.values():
        assert page.text[e.start : e.end] == e.text
    dateline_place = ents[("BRUSSEL", first.dateline.places[0].start)]
    body_place = next(e for e in ents.values() if e.text == "Brussel")
    assert dateline_place.source == "dateline"
    assert dateline_place.cluster == body_place.cluster is not None
    assert body_place.link.geonameid == 2800866
    full = next(e for e in ents.values() if e.text == "Jens Stoltenberg")
    short = next(e for e in ents.values() if e.text == "Stoltenberg")
    assert full.cluster == short.cluster is not None
    nationality = next(e for e in ents.values() if e.text == "Russische")
    assert nationality.kind == "nationality"
    assert nationality.link.country_code == "RU" and nationality.link.latitude is not None
    roll_up = {r.cluster: r for r in page.entities}
    assert roll_up[full.cluster].mentions == 2
    assert roll_up[full.cluster].name == "Jens Stoltenberg"


def test_enrich_links_to_a_user_knowledge_base(ruler_nlp, tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text(
        "id,name,aliases,kind\n"
        "Q57363,Jens Stoltenberg,Stoltenberg,person\n"
        "Q7184,Noord-Atlantische Verdragsorganisatie,NAVO|NATO,organisation\n",
        encoding="utf-8",
    )
    kb = wirenlp.KnowledgeBase.from_csv(path)
    page = wirenlp.Enricher(nlp=ruler_nlp, kb=kb).enrich(TEXT)
    links = {e.text: e.link for e in _entities(page) if isinstance(e.link, wirenlp.KBLink)}
    assert links["Jens Stoltenberg"].id == "Q57363"
    assert links["NAVO"].id == "Q7184"
    assert "Donald Trump" not in links


def test_pipe_keeps_order_and_counts_with_bad_records(ruler_nlp):
    inputs = [TEXT, 42, "", TEXT]
    pages = list(wirenlp.Enricher(nlp=ruler_nlp).pipe(inputs))
    assert len(pages) == len(inputs)
    assert pages[1].error is not None and pages[1].error.type == "TypeError"
    assert pages[0].to_dict() == pages[3].to_dict()
    for page in pages:
        assert wirenlp.Page.from_dict(json.loads(json.dumps(page.to_dict(full=True)))) == page


def test_cli_enrich_with_kb(tmp_path, wire_dir):
    kb = tmp_path / "kb.jsonl"
    kb.write_text(
        json.dumps({"id": "nato", "name": "NAVO", "kind": "organisation"}) + "\n", encoding="utf-8"
    )
    seed = wire_dir / "seed_anp_buitenland.txt"
    result = CliRunner().invoke(app, ["enrich", str(seed), "--kb", str(kb)])
    assert result.exit_code == 0, result.output
    page = wirenlp.Page.from_dict(json.loads(result.stdout))
    assert page.stories[0].dateline.links[0].geonameid == 2800866
    assert any(e.link is not None for s in page.stories for e in s.entities)


def test_cli_enrich_bad_kb_is_a_clear_error(tmp_path):
    kb = tmp_path / "kb.csv"
    kb.write_text("id,name\n,nameless id\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", "-", "--kb", str(kb)], input="x")
    assert result.exit_code == 2
    assert "kb.csv:2: missing 'id'" in result.output


def test_wire_misc_is_a_nationality_only_when_it_names_a_country():
    nlp = spacy.blank("nl")
    nlp.meta["name"] = "wire_ner"
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "MISC", "pattern": "Russische"}, {"label": "MISC", "pattern": "EK"}]
    )
    page = wirenlp.Enricher(nlp=nlp).enrich("De Russische ploeg won het EK in Parijs.")
    kinds = {e.text: (e.kind, e.label, e.link) for s in page.stories for e in s.entities}
    assert kinds["Russische"][0] == "nationality"
    assert kinds["Russische"][2].country_code == "RU"
    assert kinds["EK"] == ("other", "MISC", None)


def test_lines_between_headline_and_dateline_are_analysed(ruler_nlp):
    text = "NAVO-top\nN i e u w bericht, vervangt: NAVO praat met Rusland\n\nBRUSSEL (ANP) - Iran."
    page = wirenlp.Enricher(nlp=ruler_nlp).enrich(text)
    found = [(e.text, e.start) for s in page.stories for e in s.entities]
    assert ("NAVO", text.index("NAVO praat")) in found
    assert ("Rusland", text.index("Rusland")) in found
