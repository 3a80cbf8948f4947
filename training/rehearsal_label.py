"""Rehearsal labels: the previous shipped model's entities on the ud-dutch sentences.

The v4 model is fine-tuned from the v3 weights (``finetune.cfg``). So that it does not forget
what v3 learnt from the Frog silver data while it learns the new templates, the ud-dutch
sentences are labelled by v3 itself (its ``ner`` plus its ``entity_ruler``: "pseudo-rehearsal")
and mixed into the fine-tuning corpus, with the same substitution and dateline augmentation as
Frog's silver labels in ``build_corpus.py``.

Output: JSONL with ``text`` and ``ents`` (``[start, end, label]`` character offsets).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from common import CORPUS, DATA


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, required=True, help="the v3 pipeline (base)")
    ap.add_argument(
        "--sentences", type=Path, default=DATA / "text" / "ud-dutch" / "sentences.jsonl"
    )
    ap.add_argument("--out", type=Path, default=CORPUS / "ud_rehearsal.jsonl")
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    texts = []
    with args.sentences.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts.append(r.get("text") or " ".join(r["tokens"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=256), strict=True):
            ents = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
            out.write(json.dumps({"text": text, "ents": ents}, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} sentences to {args.out}")


if __name__ == "__main__":
    main()
