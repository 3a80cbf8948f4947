"""Ruler ablation: score a trained model on wire dev with growing subsets of the ruler lists.

Usage: ``python training/ablate_ruler.py [MODEL]``; MODEL defaults to the shipped
``src/wirenlp/models/nl_wire_ner``. The model's own ``entity_ruler`` (if any) is left out and its
tokenizer kept, so the last row reproduces the shipped figure. Prints the model and its version,
then one JSON line per subset (no ruler; CLDR places; + agencies and organisations; + city
exonyms; + ministries and government bodies; + companies, media and platforms = the shipped
ruler).
"""

from __future__ import annotations

import argparse
import json
import sys

import spacy
from common import DATA, REPO, load_evaluate_module
from make_patterns import RULER_CITIES, RULER_ORGS, territory_names
from wire_lists import (
    AGENCIES,
    EXTRA_LOCATIONS,
    GOVERNMENT_BODIES,
    MINISTRIES,
    RULER_COMPANIES_MEDIA,
)

SHIPPED = REPO / "src" / "wirenlp" / "models" / "nl_wire_ner"
_ev = load_evaluate_module()
evaluate_nlp, load_ner_gold = _ev.evaluate_nlp, _ev.load_ner_gold


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", nargs="?", default=str(SHIPPED))
    args = ap.parse_args()
    if not (DATA / "wire" / "dev").is_dir():
        sys.exit(f"needs the wire dev gold at {DATA / 'wire' / 'dev'} (../shared/data)")
    docs = load_ner_gold(DATA / "wire" / "dev")
    meta = spacy.load(args.model, exclude=["entity_ruler"]).meta
    print(f"model: {args.model} ({meta.get('name')} {meta.get('version')}), ruler excluded")
    places = [*territory_names(), *EXTRA_LOCATIONS]
    gov = [*MINISTRIES, *GOVERNMENT_BODIES]
    steps: list[tuple[str, list[tuple[str, str]]]] = [
        ("no ruler", []),
        ("+ CLDR countries/regions, extra places", [("LOC", p) for p in places]),
        ("+ agencies, organisations", [("ORG", o) for o in [*AGENCIES, *RULER_ORGS]]),
        ("+ city exonyms", [("LOC", c) for c in RULER_CITIES]),
        ("+ ministries, government bodies", [("ORG", o) for o in gov]),
        ("+ companies/media/platforms", [("ORG", o) for o in RULER_COMPANIES_MEDIA]),
    ]
    pats: list[dict[str, str]] = []
    for name, add in steps:
        for lab, text in add:
            pats.append({"label": lab, "pattern": text})
            if lab == "LOC" and len(text) > 3:
                pats.append({"label": lab, "pattern": text.upper()})
        # the model's own (shipped) tokenizer, as in the shipped pipeline
        nlp = spacy.load(args.model, exclude=["entity_ruler"])
        if pats:
            ruler = nlp.add_pipe(
                "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"}
            )
            ruler.add_patterns(pats)  # type: ignore[attr-defined]
        s = evaluate_nlp(nlp, docs)
        m = evaluate_nlp(nlp, docs, labels=("MISC",))
        row = {"ruler": name, "f1": round(s.micro.f1, 1)}
        row.update({lab: round(s.per_label[lab].f1, 1) for lab in s.labels})
        row["MISC"] = round(m.micro.f1, 1)
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
