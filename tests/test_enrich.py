"""The entity layer end to end: Enricher, enrich, pipe, CLI (stand-in pipelines)."""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from typer.testing import CliRunner

import wirenlp
from tests import standins
from wirenlp import Enricher, Page
from wirenlp.cli import app

RULES = [
    ("PERSON", "Jens Stoltenberg"),
    ("PERSON", "Stoltenberg"),
    ("PERSON", "Donald Trump"),
    ("ORG", "NAVO"),
    ("NORP", "Russische"),
    ("GPE", "Oekraïne"),
    ("GPE", "Rusland"),
    ("FAC", "Witte Huis"),
    ("DATE", "donderdag"),
    ("PERSON", "BRUSSEL"),  # a wrong prediction on the uppercase dateline
    ("ORG", "WASHINGTON"),
    ("WEIRD_LABEL", "Moskou"),
]


@functools.cache
def md_with_rules() -> Language:
    """The md-shaped stand-in (all nl_core_news_md components) plus deterministic
    OntoNotes 'predictions' after the ner (an entity_ruler that overwrites entities)."""
    nlp = spacy.load(standins.md_path())
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": lab, "pattern": pat} for lab, pat in RULES])  # type: ignore[attr-defined]
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {
                "label": "ORG",
                "pattern": [{"LOWER": "praten"}, {"IS_SPACE": True}, {"ORTH": "BRUSSEL"}],
            }
        ]
    )
    return nlp


@functools.cache
def md_enricher() -> Enricher:
    return Enricher(nlp=md_with_rules())


@functools.cache
def blank_enricher() -> Enricher:
    return Enricher(nlp=standins.blank_ner())


def _ents(page: Page) -> list[tuple[str, int, str, str, str]]:
    return [(e.text, e.start, e.kind, e.label, e.source) for s in page.stories for e in s.entities]


# --- OntoNotes path (nl_core_news_md-shaped) -------------------------------------------------


def test_user_pipeline_is_trimmed_but_unchanged() -> None:
    enricher = md_enricher()
    nlp = md_with_rules()
    assert set(enricher.disable) == {
        "tok2vec", "morphologizer", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"
    }  # fmt: skip
    assert "parser" in nlp.pipe_names and nlp.disabled == ["senter"]
    assert enricher.scheme.name == "ontonotes"
    assert (enricher.place_label, enricher.org_label) == ("GPE", "ORG")


def test_seed_page_dateline_entities() -> None:
    page = md_enricher().enrich_page(standins.seed_page())
    standins.check_entities(page)
    assert page.error is None
    for story in page.stories:
        assert story.dateline is not None
        ents = {(e.start, e.end): e for e in story.entities}
        for place in story.dateline.places:
            ent = ents[(place.start, place.end)]
            assert (ent.kind, ent.source, ent.label) == ("place", "dateline", "GPE")
        for agency in story.dateline.agencies:
            ent = ents[(agency.start, agency.end)]
            assert (ent.kind, ent.source, ent.label) == ("organisation", "dateline", "ORG")
        for ent in story.entities:
            inside = ent.start < story.dateline.end and ent.end > story.dateline.start
            if inside and ent.kind in ("person", "organisation"):
                assert ent.source == "dateline", ent


def test_seed_page_model_entities_and_label_mapping() -> None:
    page = md_enricher().enrich_page(standins.seed_page())
    found = {(e.text, e.kind, e.label, e.source) for s in page.stories for e in s.entities}
    assert ("Jens Stoltenberg", "person", "PERSON", "model") in found
    assert ("NAVO", "organisation", "ORG", "model") in found
    assert ("Russische", "nationality", "NORP", "model") in found
    assert ("Witte Huis", "place", "FAC", "model") in found
    assert ("donderdag", "other", "DATE", "model") in found
    assert ("Moskou", "other", "WEIRD_LABEL", "model") in found  # unknown label kept
    assert not any(t == "BRUSSEL" and k == "person" for t, k, _, _ in found)
    assert not any(t == "WASHINGTON" and k == "organisation" for t, k, _, _ in found)


def test_headline_and_body_are_separate_segments() -> None:
    page = md_enricher().enrich_page(standins.seed_page())
    head = page.stories[0].headline
    assert head is not None
    for ent in page.stories[0].entities:
        assert ent.end <= head.end or ent.start >= head.end + 1
    # the same text as one doc would give an ORG across the line break
    doc = md_with_rules()(page.text[: page.stories[0].dateline.end])  # type: ignore[union-attr]
    assert any("\n" in e.text for e in doc.ents)


def test_seed_page_through_the_parser() -> None:
    text = standins.seed_text()
    assert len(wirenlp.parse(text).stories) == 8
    page = md_enricher().enrich(text)
    standins.check_entities(page)
    datelines = [s.dateline for s in page.stories if s.dateline is not None]
    assert len(datelines) == 8
    for story in page.stories:
        if story.dateline is None:
            continue
        kinds = {(e.start, e.end): e.kind for e in story.entities}
        assert all(kinds[(p.start, p.end)] == "place" for p in story.dateline.places)
        assert all(kinds[(a.start, a.end)] == "organisation" for a in story.dateline.agencies)


def test_items_offsets_valid_with_untrained_ner() -> None:
    texts = [item["text"] for item in standins.items()]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((standins.WIRE_DEV / "pages").glob("*.txt"))
    ]
    enricher = Enricher(nlp=spacy.load(standins.md_path()), batch_size=8)
    pages = list(enricher.pipe(texts))
    assert len(pages) == len(texts)
    for page, text in zip(pages, texts, strict=True):
        assert page.text == text and page.error is None
        standins.check_entities(page)
        for story in page.stories:
            if story.dateline is not None:
                spans = {(e.start, e.end, e.kind) for e in story.entities}
                for place in story.dateline.places:
                    assert (place.start, place.end, "place") in spans
                for agency in story.dateline.agencies:
                    assert (agency.start, agency.end, "organisation") in spans


def test_n_process_2_gives_the_same_pages() -> None:
    texts = [standins.seed_text()] + [item["text"] for item in standins.items()[:20]]
    texts.insert(3, None)  # type: ignore[arg-type]
    one = list(md_enricher().pipe(texts))
    two = list(Enricher(nlp=md_with_rules(), n_process=2, batch_size=4).pipe(texts))
    assert [_ents(p) for p in one] == [_ents(p) for p in two]
    assert [p.error for p in one] == [p.error for p in two]
    assert two[3].error is not None


# --- API -------------------------------------------------------------------------------------


def test_plain_text_is_one_story() -> None:
    page = md_enricher().enrich("  Jens Stoltenberg sprak met de NAVO.\n")
    assert len(page.stories) == 1
    story = page.stories[0]
    assert (story.start, story.end) == (2, 37)
    assert [(e.text, e.kind) for e in story.entities] == [
        ("Jens Stoltenberg", "person"),
        ("NAVO", "organisation"),
    ]


def test_enrich_function_with_a_path_model() -> None:
    page = wirenlp.enrich("PARIJS (ANP) - Macron zei iets.", model=standins.md_path())
    assert _ents(page)[:2] == [
        ("PARIJS", 0, "place", "GPE", "dateline"),
        ("ANP", 8, "organisation", "ORG", "dateline"),
    ]
    ref = datetime(2024, 1, 1, tzinfo=timezone.utc)
    again = wirenlp.enrich("x", model=standins.md_path(), reference_time=ref)
    assert again.reference_time == ref


def test_enrich_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        wirenlp.enrich(b"bytes", model=standins.md_path())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        blank_enricher().enrich(None)  # type: ignore[arg-type]


def test_empty_and_whitespace_text() -> None:
    for text in ("", "   \n "):
        page = blank_enricher().enrich(text)
        assert page.text == text and page.error is None
        assert all(not s.entities for s in page.stories)


def test_pipe_keeps_order_and_counts_with_bad_records() -> None:
    inputs = ["BRUSSEL (ANP) - Een.", None, "Twee.", 42, b"drie", "", "MADRID (ANP/RTR) - Vier."]
    pages = list(blank_enricher().pipe(inputs))  # type: ignore[arg-type]
    assert len(pages) == len(inputs)
    assert [p.error is not None for p in pages] == [False, True, False, True, True, False, False]
    assert pages[1].error.type == "TypeError"  # type: ignore[union-attr]
    assert [p.text for p in pages if p.error is None] == [
        "BRUSSEL (ANP) - Een.", "Twee.", "", "MADRID (ANP/RTR) - Vier."
    ]  # fmt: skip
    assert all(not s.entities for p in pages if p.error for s in p.stories)


def test_pipe_with_contexts() -> None:
    inputs = [("BRUSSEL (ANP) - Een.", {"id": 1}), (None, {"id": 2}), ("Drie.", {"id": 3})]
    out = list(blank_enricher().pipe(inputs))  # type: ignore[arg-type]
    assert [ctx for _, ctx in out] == [{"id": 1}, {"id": 2}, {"id": 3}]
    assert [p.error is None for p, _ in out] == [True, False, True]
    assert list(blank_enricher().pipe([])) == []


@Language.component("wirenlp_test_boom")
def _boom(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    if "BOOM" in doc.text:
        raise ValueError("boom")
    return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_failing_component_does_not_stop_the_stream(n_process: int) -> None:
    nlp = standins.blank_ner()
    nlp.add_pipe("wirenlp_test_boom", before="ner")
    texts = [f"BRUSSEL (ANP) - Tekst {i}." for i in range(10)]
    texts[4] = "Hier gaat het BOOM."
    pages = list(Enricher(nlp=nlp, batch_size=3, n_process=n_process).pipe(texts))
    assert [p.text for p in pages] == texts
    assert [p.error is not None for p in pages] == [i == 4 for i in range(10)]
    assert pages[4].error == wirenlp.PageError("ValueError", "boom")
    assert [e.text for e in pages[5].stories[0].entities] == ["BRUSSEL", "ANP"]
    assert Enricher(nlp=nlp).enrich("BOOM").error == wirenlp.PageError("ValueError", "boom")


def test_the_linker_runs_on_every_page() -> None:
    seen: list[str] = []

    def linker(page: Page) -> Page:
        seen.append(page.text)
        return page

    enricher = Enricher(nlp=standins.blank_ner(), linker=linker)
    pages = list(enricher.pipe(["a", "b"]))
    enricher.enrich("c")
    assert seen == ["a", "b", "c"]
    assert pages[0].entities == ()  # the injected linker replaced the default link stage


def test_the_default_linker_links_places() -> None:
    page = Enricher(nlp=standins.blank_ner()).enrich("BRUSSEL (ANP) - Tekst.")
    (link,) = page.stories[0].dateline.links  # type: ignore[union-attr]
    assert link is not None and link.geonameid == 2800866


def test_a_failing_linker_gives_an_error_page_and_the_stream_goes_on() -> None:
    def linker(page: Page) -> Page:
        if "FOUT" in page.text:
            raise RuntimeError("linking failed")
        return page

    enricher = Enricher(nlp=standins.blank_ner(), linker=linker)
    pages = list(enricher.pipe(["a", "FOUT", "c"]))
    assert [p.text for p in pages] == ["a", "FOUT", "c"]
    assert [p.error.type if p.error else None for p in pages] == [None, "RuntimeError", None]


def test_every_page_is_linked() -> None:
    """enrich and pipe both link every page: KB links, clusters and the page roll-up."""
    kb = wirenlp.KnowledgeBase.from_records([{"id": "bx", "name": "Brussel", "kind": "place"}])
    enricher = Enricher(nlp=standins.blank_ner(), kb=kb)
    texts = ["BRUSSEL (ANP) - Een.", "BRUSSEL (ANP) - Twee."]
    pages = [*enricher.pipe(texts), enricher.enrich("BRUSSEL (ANP) - Drie.")]
    for page in pages:
        (brussel, anp) = page.stories[0].entities
        assert brussel.text == "BRUSSEL" and brussel.link is not None and brussel.link.id == "bx"
        assert brussel.cluster is not None and anp.cluster is not None
        assert page.stories[0].dateline is not None and page.stories[0].dateline.links
        assert {e.name for e in page.entities} >= {"Brussel"}


def test_enriched_page_round_trips_through_json() -> None:
    page = md_enricher().enrich_page(standins.seed_page())
    data = json.loads(json.dumps(page.to_dict(full=True)))
    assert Page.from_dict(data) == page


def test_cli_enrich(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("BRUSSEL (ANP) - De NAVO.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("PARIJS (ANP) - café".encode("cp1252"))
    result = CliRunner().invoke(
        app,
        ["enrich", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
         "--model", str(standins.md_path()), "--batch-size", "2",
         "--reference-time", "2024-01-01T12:00:00+00:00"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[1]["text"] == "PARIJS (ANP) - café"
    ents = lines[0]["stories"][0]["entities"]
    assert ents[0]["text"] == "BRUSSEL" and ents[0]["source"] == "dateline"
    assert lines[0]["reference_time"].startswith("2024-01-01T12:00")


def test_cli_enrich_missing_model(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["enrich", "-", "--model", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "not found" in result.output


# --- properties ------------------------------------------------------------------------------

_places = st.sampled_from(["BRUSSEL", "DEN HAAG", "ANKARA/BUENOS AIRES", "KYIV", "X"])
_agencies = st.sampled_from(["ANP", "ANP/RTR", "ANP/AFP/RTR", "dpa", "AP"])
_texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))),
    st.builds(lambda p, a, rest: f"{p} ({a}) - {rest}", _places, _agencies, st.text()),
    st.builds(
        lambda h, p, a, r: f"{h}\n{p} ({a}) - {r}\n1 uur geleden",
        st.text(),
        _places,
        _agencies,
        st.text(),
    ),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_enrich_never_raises_and_offsets_are_valid(text: str) -> None:
    page = blank_enricher().enrich(text)
    assert page.text == text
    assert page.error is None
    standins.check_entities(page)


def test_bad_settings() -> None:
    nlp = standins.blank_ner()
    with pytest.raises(ValueError):
        Enricher(nlp=nlp, n_process=0)
    with pytest.raises(ValueError):
        Enricher(nlp=nlp, batch_size=0)
    assert Enricher(nlp=nlp, n_process=-1).n_process >= 1


def test_stopping_early_closes_the_workers() -> None:
    enricher = Enricher(nlp=standins.blank_ner(), n_process=2, batch_size=2)
    stream = enricher.pipe(f"BRUSSEL (ANP) - Tekst {i}." for i in range(1000))
    first = next(stream)
    stream.close()  # type: ignore[attr-defined]
    assert first.text == "BRUSSEL (ANP) - Tekst 0."
    assert not multiprocessing.active_children()


@Language.component("wirenlp_test_crash")
def _crash(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    if "CRASH" in doc.text:
        os._exit(3)  # a worker dying hard, as in a crash in native code
    return doc


def test_a_dying_worker_does_not_stop_the_stream() -> None:
    nlp = standins.blank_ner()
    nlp.add_pipe("wirenlp_test_crash", before="ner")
    texts = [f"BRUSSEL (ANP) - Tekst {i}." for i in range(40)]
    texts[5] = "Hier gaat het CRASH."
    pages = list(Enricher(nlp=nlp, batch_size=2, n_process=2).pipe(texts))
    assert [p.text for p in pages] == texts
    assert pages[5].error is not None and pages[5].error.type == "BrokenProcessPool"
    assert pages[-1].error is None  # a new pool took the rest
    assert [e.text for e in pages[-1].stories[0].entities] == ["BRUSSEL", "ANP"]


def test_enrich_function_with_a_language() -> None:
    nlp = standins.blank_ner()
    page = wirenlp.enrich("MADRID (ANP/RTR) - Spanje.", model=nlp)
    assert [e.text for e in page.stories[0].entities][:3] == ["MADRID", "ANP", "RTR"]
    assert nlp.pipe_names == ["ner"]


def test_an_error_of_the_input_itself_reaches_the_caller() -> None:
    """An input iterator that raises is the caller's error: it is raised, not turned into a
    page or swallowed by the spaCy stream."""

    def texts():
        yield "BRUSSEL (ANP) - Een."
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        list(Enricher(nlp=standins.blank_ner(), batch_size=2).pipe(texts()))


def test_pages_without_docs_flow_out_in_order_without_reading_far_ahead() -> None:
    """Empty texts send no doc to spaCy; they come out in order among the others, and the
    stream reads only about a batch ahead of what it has given back."""
    texts = ["", "", "BRUSSEL (ANP) - Een.", "", "", "", "Twee.", *[""] * 40, "ROME (ANP) - Drie."]
    consumed = 0

    def counted():
        nonlocal consumed
        for text in texts:
            consumed += 1
            yield text

    enricher = Enricher(nlp=standins.blank_ner(), batch_size=2)
    out = []
    ahead = []
    for page in enricher.pipe(counted()):
        out.append(page.text)
        ahead.append(consumed - len(out))
    assert out == texts
    assert max(ahead) <= 6
    (first,) = enricher.pipe(["BRUSSEL (ANP) - Een."])
    assert [e.text for e in first.stories[0].entities] == ["BRUSSEL", "ANP"]
