"""Unit tests for wirenlp.nlp.evaluate.ner_prf."""

from __future__ import annotations

from wirenlp.nlp.evaluate import ner_prf


def test_exact_match_micro_and_per_label() -> None:
    gold = [[(0, 5, "PER"), (10, 15, "LOC"), (20, 25, "MISC")]]
    pred = [[(0, 5, "PER"), (10, 14, "LOC"), (30, 33, "ORG"), (20, 25, "MISC")]]
    s = ner_prf(gold, pred)
    assert (s.micro.tp, s.micro.fp, s.micro.fn) == (1, 2, 1)
    assert s.per_label["PER"].f1 == 100.0
    assert s.per_label["LOC"].f1 == 0.0
    assert abs(s.micro.f1 - 40.0) < 1e-9


def test_empty() -> None:
    s = ner_prf([[]], [[]])
    assert s.micro.f1 == 0.0
