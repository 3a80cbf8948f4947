"""The ``wire_dateline`` spaCy component and its entry point."""

from __future__ import annotations

import functools
import importlib.metadata
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tests import standins
from wirenlp.nlp.components import dateline_entities, preset_entities, split_tokens_at


@functools.cache
def onto_pipeline() -> Language:
    """blank nl + wire_dateline + an initialised OntoNotes ner (untrained)."""
    nlp = standins.blank_ner()
    nlp.add_pipe("wire_dateline", before="ner")
    return nlp


def test_entry_point_declared_in_installed_metadata() -> None:
    dist = importlib.metadata.distribution("wirenlp")
    eps = [ep for ep in dist.entry_points if ep.group == "spacy_factories"]
    assert [(ep.name, ep.value) for ep in eps] == [
        ("wire_dateline", "wirenlp.nlp.components:make_wire_dateline")
    ], "entry point missing from the installed metadata: reinstall (pip install -e .)"


def test_add_pipe_without_importing_wirenlp() -> None:
    code = (
        "import sys, spacy\n"
        "assert 'wirenlp' not in sys.modules\n"
        "nlp = spacy.blank('nl')\n"
        "nlp.add_pipe('wire_dateline')\n"
        "doc = nlp('BRUSSEL (ANP) - De NAVO roept Rusland op.')\n"
        "print(doc._.wire_dateline['places'][0]['text'], [e.text for e in doc.ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "BRUSSEL ['BRUSSEL', 'ANP']"


def test_ner_keeps_the_preset_dateline() -> None:
    nlp = onto_pipeline()
    doc = nlp("WASHINGTON (ANP/AFP/RTR) - Iran heeft contact gezocht met de VS.")
    assert nlp.get_pipe("wire_dateline").place_label == "GPE"  # the ner's labels
    ents = [(e.text, e.label_) for e in doc.ents if e.end_char <= 26]
    assert ents == [("WASHINGTON", "GPE"), ("ANP", "ORG"), ("AFP", "ORG"), ("RTR", "ORG")]
    for token in doc[:9]:
        assert token.ent_type_ in ("GPE", "ORG", "")
        assert token.ent_iob_ != "" or token.is_space


def test_labels_follow_the_ner_when_added_later() -> None:
    nlp = standins.blank_ner(standins.CONLL_LABELS)
    dl = nlp.add_pipe("wire_dateline", before="ner")
    assert (dl.place_label, dl.org_label) == ("LOC", "ORG")
    nlp2 = standins.blank_ner()
    dl2 = nlp2.add_pipe("wire_dateline", first=True)
    assert (dl2.place_label, dl2.org_label) == ("GPE", "ORG")
    dl3 = nlp2.add_pipe(
        "wire_dateline", name="dl3", config={"place_label": "FAC", "org_label": "ORG"}
    )
    assert dl3.place_label == "FAC"


def test_extension_is_plain_picklable_data() -> None:
    nlp = onto_pipeline()
    doc = nlp("BRUSSEL (ANP) - Tekst.")
    data = doc._.wire_dateline
    assert pickle.loads(pickle.dumps(data)) == data
    assert data["places"] == [{"text": "BRUSSEL", "start": 0, "end": 7}]
    assert data["agencies"][0]["code"] == "ANP"
    assert data["end"] == len("BRUSSEL (ANP) -")
    assert nlp("Geen dateline hier.")._.wire_dateline is None


def test_doc_to_bytes_keeps_the_extension() -> None:
    nlp = onto_pipeline()
    doc = nlp("MADRID (ANP/RTR) - Spanje.")
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.wire_dateline == doc._.wire_dateline


def test_multiprocess_pipe() -> None:
    nlp = onto_pipeline()
    texts = [f"BRUSSEL (ANP) - Tekst nummer {i}." for i in range(6)] + ["Geen dateline."]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [d.text for d in docs] == texts
    assert [d._.wire_dateline is not None for d in docs] == [True] * 6 + [False]
    assert [(e.text, e.label_) for e in docs[0].ents][:2] == [("BRUSSEL", "GPE"), ("ANP", "ORG")]


def test_saved_pipeline_loads_with_the_component(tmp_path: Path) -> None:
    nlp = onto_pipeline()
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert loaded.pipe_names == ["wire_dateline", "ner"]
    assert loaded("BRUSSEL (ANP) - x")._.wire_dateline is not None


def test_entities_set_earlier_inside_the_dateline_give_way() -> None:
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "BRUSSEL"}])  # type: ignore[attr-defined]
    nlp.add_pipe("wire_dateline")
    doc = nlp("BRUSSEL (ANP) - x")
    assert [(e.text, e.label_) for e in doc.ents] == [("BRUSSEL", "GPE"), ("ANP", "ORG")]


def test_split_tokens_at() -> None:
    words = ["LONDEN", "(", "ANP/RTR/BLOOMBERG", ")", "-", "x"]
    doc = Doc(Vocab(), words=words, spaces=[True, False, False, True, True, False])
    split_tokens_at(doc, [8, 11, 12, 15, 16])
    assert [t.text for t in doc][:8] == ["LONDEN", "(", "ANP", "/", "RTR", "/", "BLOOMBERG", ")"]
    assert doc.text == "LONDEN (ANP/RTR/BLOOMBERG) - x"


@functools.cache
def blank_nl() -> Language:
    return spacy.blank("nl")


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab /(-)é \n", max_size=40),
    offsets=st.lists(st.integers(min_value=-2, max_value=45), max_size=8),
)
def test_split_tokens_at_makes_every_inner_offset_a_boundary(text: str, offsets: list[int]) -> None:
    doc = blank_nl().make_doc(text)
    inside = {
        o for o in offsets for t in doc if t.idx < o < t.idx + len(t.text)
    }  # offsets that fall inside a token's text before the split
    before = {t.idx for t in doc}
    split_tokens_at(doc, offsets)
    assert doc.text == text
    assert {t.idx for t in doc} == before | inside


def test_preset_entities_leave_the_rest_to_the_ner() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("PARIJS (ANP) - Macron zei iets.")
    spans = preset_entities(doc, [(0, 6, "GPE"), (8, 11, "ORG")], block=(0, 14))
    assert [s.text for s in spans] == ["PARIJS", "ANP"]
    # blocked dateline tokens: "B" with no label (never an entity); the rest is left open
    assert [t.ent_iob_ for t in doc] == ["B", "B", "B", "B", "B", "", "", "", ""]
    assert [t.ent_type_ for t in doc][:5] == ["GPE", "", "ORG", "", ""]
    assert [e.text for e in doc.ents] == ["PARIJS", "ANP"]


def test_dateline_entities_drop_overlaps() -> None:
    data = {
        "places": [{"start": 0, "end": 6}, {"start": 3, "end": 9}],
        "agencies": [{"start": 11, "end": 14}],
    }
    assert dateline_entities(data, "LOC", "ORG") == [(0, 6, "LOC"), (11, 14, "ORG")]


@pytest.mark.parametrize(
    ("text", "places", "agencies"),
    [
        ("BRUSSEL (ANP) - De NAVO", ["BRUSSEL"], ["ANP"]),
        ("ANKARA/BUENOS AIRES/CAÏRO (ANP/RTR) - x", ["ANKARA", "BUENOS AIRES", "CAÏRO"],
         ["ANP", "RTR"]),
        ("DEN HAAG (ANP) - x", ["DEN HAAG"], ["ANP"]),
        ("Berlin (dpa) - Die Regierung", ["Berlin"], ["DPA"]),
        ("NEW YORK (AP) — The city", ["NEW YORK"], ["AP"]),
        ("BRUXELLES 23/07 (AFP-DPA-REUTER) = x", ["BRUXELLES"], ["AFP", "DPA", "RTR"]),
        ("De NAVO (ANP) zegt", None, None),
        ("Geen dateline", None, None),
        ("Amsterdam - x", None, None),
    ],
)  # fmt: skip
def test_component_uses_the_parser_matcher(
    text: str, places: list[str] | None, agencies: list[str] | None
) -> None:
    doc = onto_pipeline()(text)
    data = doc._.wire_dateline
    if places is None:
        assert data is None
        return
    assert [p["text"] for p in data["places"]] == places
    assert [a["code"] for a in data["agencies"]] == agencies
    ents = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
    for span in (*data["places"], *data["agencies"]):
        assert text[span["start"] : span["end"]] == span["text"]
        assert ents[(span["start"], span["end"])] in ("GPE", "ORG")


def test_expected_admits_weak_datelines() -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("wire_dateline", config={"expected": True})
    assert nlp("Amsterdam - De politie")._.wire_dateline["places"][0]["text"] == "Amsterdam"
    assert onto_pipeline()("Amsterdam - De politie")._.wire_dateline is None
