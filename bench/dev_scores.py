"""Dev-set figures of the whole flow, through the public API (``wirenlp.Enricher().pipe``).

Prints, on ``../shared/data/wire/dev``:
- NER: PER/ORG/LOC micro P/R/F1 and per label (MISC apart) against ``ner_gold.jsonl``, entity
  kinds mapped back to CoNLL labels (person→PER, organisation→ORG, place→LOC, else MISC);
- dateline places resolved to the gold GeoNames place (city name and country) over
  ``datelines_gold.jsonl``;
- clusters: B³ precision/recall/F1 over the gold mentions (a gold mention the pipeline did not
  find exactly counts as a singleton);
- throughput of the whole flow (parse + spaCy + link) in words/s, one process.

Usage: python bench/dev_scores.py [--model auto]
"""

from __future__ import annotations

import argparse
import json
import time

from _shared import shared_data

import wirenlp
from wirenlp.nlp.evaluate import load_ner_gold, ner_prf

WIRE = shared_data("wire", "dev")
CONLL = {"person": "PER", "organisation": "ORG", "place": "LOC"}


def _entities(page: wirenlp.Page) -> list[wirenlp.Entity]:
    return [e for story in page.stories for e in story.entities]


def b_cubed(gold: list[dict[tuple[int, int], str]], pred: list[dict[tuple[int, int], str]]):
    """B³ precision, recall and F1 over gold mentions (per document clusters)."""
    precision: list[float] = []
    recall: list[float] = []
    for g, p in zip(gold, pred, strict=True):
        for mention, g_cluster in g.items():
            same_gold = {m for m, c in g.items() if c == g_cluster}
            p_cluster = p.get(mention)
            same_pred = {m for m in g if p_cluster is not None and p.get(m) == p_cluster}
            same_pred.add(mention)
            overlap = len(same_gold & same_pred)
            precision.append(overlap / len(same_pred))
            recall.append(overlap / len(same_gold))
    bp, br = sum(precision) / len(precision), sum(recall) / len(recall)
    return bp, br, 2 * bp * br / (bp + br)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()
    enricher = wirenlp.Enricher(model=args.model)
    docs = load_ner_gold(WIRE)
    with (WIRE / "ner_gold.jsonl").open(encoding="utf-8") as fh:
        clusters = [
            {(e["start"], e["end"]): e["cluster"] for e in json.loads(line)["entities"]}
            for line in fh
            if line.strip()
        ]

    start = time.perf_counter()
    pages = list(enricher.pipe(doc.text for doc in docs))
    elapsed = time.perf_counter() - start
    words = sum(len(doc.text.split()) for doc in docs)
    preds = [
        [(e.start, e.end, CONLL.get(e.kind, "MISC")) for e in _entities(page)] for page in pages
    ]
    gold = [doc.spans for doc in docs]
    main_scores = ner_prf(gold, preds)
    misc = ner_prf(gold, preds, labels=("MISC",))
    print(f"model: {wirenlp.load_pipeline(args.model).meta.get('name')}  docs: {len(docs)}")
    print(f"NER PER/ORG/LOC: {main_scores.summary()}  (MISC F1={misc.micro.f1:.1f})")

    pred_clusters = [
        {(e.start, e.end): e.cluster for e in _entities(page) if e.cluster} for page in pages
    ]
    bp, br, bf = b_cubed(clusters, pred_clusters)
    print(f"clusters B³ on gold mentions: P={bp:.3f} R={br:.3f} F1={bf:.3f}")

    with (WIRE / "items.jsonl").open(encoding="utf-8") as fh:
        items = {rec["id"]: rec for rec in map(json.loads, fh)}
    with (WIRE / "datelines_gold.jsonl").open(encoding="utf-8") as fh:
        dl_gold = [json.loads(line) for line in fh if line.strip()]
    right = total = 0
    dl_pages = enricher.pipe(items[g["id"]]["text"] for g in dl_gold)
    for gold_dl, page in zip(dl_gold, dl_pages, strict=True):
        dateline = next(s.dateline for s in page.stories if s.dateline is not None)
        for link, canonical in zip(dateline.links, gold_dl["places_canonical"], strict=False):
            total += 1
            city, *rest = canonical.split(", ")
            country = rest[-1] if rest else None
            names = {link.name.lower(), *(n.lower() for n in link.alternate_names)} if link else ()
            if link is not None and city.lower() in names and country in (None, link.country_code):
                right += 1
    print(f"dateline places resolved: {right}/{total} = {100 * right / total:.1f}%")
    print(f"whole flow: {words} words in {elapsed:.2f} s = {words / elapsed:,.0f} words/s")


if __name__ == "__main__":
    main()
