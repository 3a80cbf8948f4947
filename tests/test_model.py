"""The shipped default NER model loads, has the documented labels and meets its card's score."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy

REPO = Path(__file__).parents[1]
MODEL = REPO / "src" / "wirenlp" / "models" / "nl_wire_ner"
WIRE_DEV = Path(__file__).resolve().parent / "data" / "wire_dev"
CARD = REPO / "docs" / "model-card.md"
TOLERANCE = 1.0


def card_wire_dev_f1() -> float:
    """The shipped model's wire-dev PER/ORG/LOC micro F1 as stated in the model card."""
    m = re.search(r"wire-dev-f1:\s*([0-9.]+)", CARD.read_text(encoding="utf-8"))
    assert m, "model card must state 'wire-dev-f1: NN.N'"
    return float(m.group(1))


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return spacy.load(MODEL)


def test_labels_and_meta(nlp) -> None:  # type: ignore[no-untyped-def]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "MISC"}
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert meta["sources"]


def test_size_limit() -> None:
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 20 * 1024 * 1024


def test_wire_tokenizer(nlp) -> None:  # type: ignore[no-untyped-def]
    words = [t.text for t in nlp.make_doc("1 uur geledenWASHINGTON/KYIV (ANP/AFP) - Trump")]
    assert words[:8] == ["1", "uur", "geleden", "WASHINGTON", "/", "KYIV", "(", "ANP"]


def test_wire_dev_f1_matches_card(nlp) -> None:  # type: ignore[no-untyped-def]
    wire_dev = WIRE_DEV
    from wirenlp.nlp.evaluate import evaluate_nlp, load_ner_gold

    scores = evaluate_nlp(nlp, load_ner_gold(wire_dev))
    assert scores.micro.f1 >= card_wire_dev_f1() - TOLERANCE, scores.summary()
