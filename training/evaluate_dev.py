"""Score a pipeline on the wire dev gold (all 38 docs) and on the Europeana test split.

Prints PER/ORG/LOC micro P/R/F1 and per-label F1 (plus MISC on its own) and, with
``--json``, writes the figures to a file. Model selection only: never train on wire dev.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
from build_corpus import load_europeana
from common import DATA, TRAINING_DIR, load_evaluate_module, set_wire_tokenizer

_ev = load_evaluate_module()
GoldDoc, evaluate_nlp, load_ner_gold = _ev.GoldDoc, _ev.evaluate_nlp, _ev.load_ner_gold


def europeana_test_docs() -> list[GoldDoc]:
    """Europeana test sentences as gold docs (tokens joined by spaces)."""
    path = DATA / "ner" / "europeana-nl" / "europeana-nl.test.jsonl"
    return [GoldDoc(str(i), t, tuple(e)) for i, (t, e) in enumerate(load_europeana(path))]


def score(model: str | Path, ruler: Path | None = None) -> dict[str, object]:
    """Wire-dev and Europeana-test scores of the pipeline at ``model``.

    A training checkpoint (no ``entity_ruler``) gets the recipe's wire tokenizer; an assembled
    pipeline keeps the tokenizer it ships with. ``ruler`` adds an entity_ruler with those
    patterns before ``ner`` when the pipeline has none.
    """
    nlp = spacy.load(model)
    if "entity_ruler" not in nlp.pipe_names:
        set_wire_tokenizer(nlp)
    if ruler is not None and "entity_ruler" not in nlp.pipe_names:
        er = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        with ruler.open(encoding="utf-8") as fh:
            er.add_patterns([json.loads(line) for line in fh if line.strip()])  # type: ignore[attr-defined]
    wire = load_ner_gold(DATA / "wire" / "dev")
    t0 = time.perf_counter()
    w = evaluate_nlp(nlp, wire)
    secs = time.perf_counter() - t0
    misc = evaluate_nlp(nlp, wire, labels=("MISC",))
    e = evaluate_nlp(nlp, europeana_test_docs())
    res = {
        "model": str(model),
        "wire_dev": {
            "p": round(w.micro.precision, 1),
            "r": round(w.micro.recall, 1),
            "f1": round(w.micro.f1, 1),
            **{lab: round(w.per_label[lab].f1, 1) for lab in w.labels},
            "MISC": round(misc.micro.f1, 1),
        },
        "europeana_test_f1": round(e.micro.f1, 1),
        "europeana_test": {lab: round(e.per_label[lab].f1, 1) for lab in e.labels},
        "wire_dev_seconds": round(secs, 2),
    }
    return res


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--ruler", action="store_true", help="add patterns.jsonl as entity_ruler")
    args = ap.parse_args()
    res = score(args.model, TRAINING_DIR / "patterns.jsonl" if args.ruler else None)
    res["ruler"] = args.ruler
    print(json.dumps(res, ensure_ascii=False))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
