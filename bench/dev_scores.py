"""Dev-set figures of the whole flow, through the public API (``wirenlp.Enricher().pipe``).

Prints, on ``../shared/data/wire/dev``:
- NER: PER/ORG/LOC micro P/R/F1 and per label (MISC apart) against ``ner_gold.jsonl``, entity
  kinds mapped back to CoNLL labels (person→PER, organisation→ORG, place→LOC, else MISC);
- dateline places resolved to the gold GeoNames place (city name and country) over
  ``datelines_gold.jsonl``;
- places: the share of gold LOC mentions (body and dateline) that the pipeline found as an
  entity (same span) linked to the right country and kind with coordinates, overall and per
  gold kind (gold country and kind derived from the English cluster names, see
  bench/_placegold.py);
- clusters: B³ precision/recall/F1 over the gold mentions (a gold mention the pipeline did not
  find exactly counts as a singleton);
- throughput of the whole flow (parse + spaCy + link) in words/s, one process;
- entity kinds from knowledge (wirenlp.nlp.kinds): per-label P/R/F1 with and without it, and
  the ablation of each rule (that rule off, the others on; ``compounds`` is off by default, so
  its line switches it on), with the words/s of the flow without it.

Usage: python bench/dev_scores.py [--model auto]
"""

from __future__ import annotations

import argparse
import json
import time

from _placegold import load_gold, report, score_places
from _shared import shared_data

import wirenlp
from wirenlp.linking.linker import Linker
from wirenlp.nlp.evaluate import b_cubed, load_ner_gold, ner_prf
from wirenlp.nlp.kinds import RULES, KindRules

WIRE = shared_data("wire", "dev")
CONLL = {"person": "PER", "organisation": "ORG", "place": "LOC"}


def _entities(page: wirenlp.Page) -> list[wirenlp.Entity]:
    return [e for story in page.stories for e in story.entities]


def europeana_test(enricher: wirenlp.Enricher) -> tuple[str, str]:
    """PER/ORG/LOC on the Europeana NL test split (1910s-1930s newspapers, OCR), one page per
    line, through the Enricher with and without page-level consistency."""
    path = shared_data("ner", "europeana-nl", "europeana-nl.test.jsonl")
    texts, gold = [], []
    with path.open(encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            text, offs, pos = " ".join(row["tokens"]), [], 0
            for tok in row["tokens"]:
                offs.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            spans, i, tags = [], 0, row["tags"]
            while i < len(tags):
                if tags[i].startswith("B-"):
                    j = i + 1
                    while j < len(tags) and tags[j] == "I-" + tags[i][2:]:
                        j += 1
                    spans.append((offs[i][0], offs[j - 1][1], tags[i][2:]))
                    i = j
                else:
                    i += 1
            texts.append(text)
            gold.append(spans)
    plain = wirenlp.Enricher(nlp=enricher.nlp, linker=Linker(consistency=False))
    out = []
    for e in (enricher, plain):
        preds = [
            [(x.start, x.end, CONLL.get(x.kind, "MISC")) for x in _entities(page)]
            for page in e.pipe(texts)
        ]
        out.append(ner_prf(gold, preds).summary())
    return out[0], out[1]


def per_label(scores: object) -> str:
    """P/R/F1 of each label of an ``ner_prf`` result."""
    return "  ".join(
        f"{lab} P={prf.precision:.1f} R={prf.recall:.1f} F1={prf.f1:.1f}"
        for lab, prf in scores.per_label.items()  # type: ignore[attr-defined]
    )


def kinds_ablation(enricher: wirenlp.Enricher, docs: list, gold: list) -> None:
    """Per-label figures with and without entity-kind arbitration, and each rule ablated."""

    def run(kinds: bool | KindRules) -> object:
        e = wirenlp.Enricher(nlp=enricher.nlp, kinds=kinds)
        pages = list(e.pipe(doc.text for doc in docs))
        preds = [[(x.start, x.end, CONLL.get(x.kind, "MISC")) for x in _entities(p)] for p in pages]
        return ner_prf(gold, preds)

    def timed(kinds: bool) -> float:
        """Best of three passes over the dev texts (x4) through the whole flow, in seconds."""
        e = wirenlp.Enricher(nlp=enricher.nlp, kinds=kinds)
        texts = [doc.text for doc in docs] * 4
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for _page in e.pipe(texts):
                pass
            best = min(best, time.perf_counter() - start)
        return best

    words = 4 * sum(len(doc.text.split()) for doc in docs)
    off, on = run(False), run(True)
    t_off, t_on = timed(False), timed(True)
    print(f"kinds on : {per_label(on)}")
    print(f"kinds off: {per_label(off)}")
    print(
        f"  words/s with kinds {words / t_on:,.0f}, without {words / t_off:,.0f} "
        f"(cost {100 * (1 - t_off / t_on):.1f}% of the flow's time)"
    )
    for rule in RULES:
        rules = KindRules(compounds=True) if rule == "compounds" else KindRules().without(rule)
        scores = run(rules)
        label = "with compounds" if rule == "compounds" else f"without {rule}"
        print(f"  {label:<24} {scores.summary()}")  # type: ignore[attr-defined]


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
    print(f"  per label: {per_label(main_scores)}")
    # ablation: the same pipeline without page-level consistency
    plain = wirenlp.Enricher(nlp=enricher.nlp, linker=Linker(consistency=False))
    plain_preds = [
        [(e.start, e.end, CONLL.get(e.kind, "MISC")) for e in _entities(page)]
        for page in plain.pipe(doc.text for doc in docs)
    ]
    print(f"  without page-level consistency: {ner_prf(gold, plain_preds).summary()}")
    with_c, without_c = europeana_test(enricher)
    print(f"Europeana NL test, PER/ORG/LOC: {with_c}")
    print(f"  without page-level consistency: {without_c}")

    pred_clusters = [
        {(e.start, e.end): e.cluster for e in _entities(page) if e.cluster} for page in pages
    ]
    bp, br, bf = b_cubed(zip(clusters, pred_clusters, strict=True))
    print(f"clusters B³ on gold mentions: P={bp:.3f} R={br:.3f} F1={bf:.3f}")

    gaz = wirenlp.Gazetteer.default()
    loc_gold = dict(load_gold(WIRE))
    pairs = []
    for doc, page in zip(docs, pages, strict=True):
        ents = {(e.start, e.end): e for e in _entities(page)}
        for g in loc_gold.get(doc.id, ()):
            ent = ents.get((g["start"], g["end"]))
            pairs.append((g, ent.link if ent is not None else None))
    report("places (NER + linking, exact spans)", *score_places(pairs, gaz))

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
    kinds_ablation(enricher, docs, gold)


if __name__ == "__main__":
    main()
