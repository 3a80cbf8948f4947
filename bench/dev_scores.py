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
- entity-kind arbitration (wirenlp.nlp.kinds): PER/ORG/LOC P/R/F1 per label with the step
  off, with its default rules, with every rule, and with each default rule left out (the
  ablation re-runs the step and the linker on the same model output);
- throughput of the whole flow (parse + spaCy + kinds + link) in words/s, one process, and the
  cost of the kinds step: the whole flow with and without it, interleaved, best of 3.

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
from wirenlp.nlp.evaluate import NERScores, b_cubed, load_ner_gold, ner_prf
from wirenlp.nlp.kinds import DEFAULT_RULES, RULES, KindArbiter

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


def per_label(scores: NERScores) -> str:
    """``PER P/R/F1 ORG … LOC …`` on one line."""
    return "  ".join(
        f"{label} P={p.precision:.3f} R={p.recall:.3f} F1={p.f1:.3f}"
        for label, p in scores.per_label.items()
    )


def kinds_ablation(enricher: wirenlp.Enricher, docs: list, gold: list) -> None:
    """The kinds step off, on (default rules), with every rule, and each rule left out."""
    raw = wirenlp.Enricher(nlp=enricher.nlp, kinds=False, linker=lambda page: page)
    pages = list(raw.pipe(doc.text for doc in docs))
    linker = Linker()
    arms: list[tuple[str, frozenset[str] | None]] = [
        ("kinds off", None),
        ("kinds default", DEFAULT_RULES),
        ("kinds all rules", frozenset(RULES)),
    ]
    arms += [(f"  default without {r}", DEFAULT_RULES - {r}) for r in RULES if r in DEFAULT_RULES]
    for name, rules in arms:
        step = KindArbiter(rules=rules, scheme=raw.scheme) if rules is not None else None
        preds = [
            [
                (e.start, e.end, CONLL.get(e.kind, "MISC"))
                for e in _entities(linker(step(p) if step is not None else p))
            ]
            for p in pages
        ]
        scores = ner_prf(gold, preds)
        misc = ner_prf(gold, preds, labels=("MISC",)).micro
        print(f"{name:34s} F1={scores.micro.f1:.1f}  {per_label(scores)}  MISC F1={misc.f1:.1f}")


def kinds_cost(enricher: wirenlp.Enricher, texts: list[str], words: int) -> None:
    """Whole-flow words/s with and without the kinds step, interleaved rounds, best of 3
    (the dev texts five times over)."""
    off = wirenlp.Enricher(nlp=enricher.nlp, kinds=False)
    best = {"on": float("inf"), "off": float("inf")}
    for _ in range(3):
        for name, e in (("on", enricher), ("off", off)):
            t0 = time.perf_counter()
            for _page in e.pipe(texts):
                pass
            best[name] = min(best[name], time.perf_counter() - t0)
    on, off_s = words / best["on"], words / best["off"]
    print(
        f"kinds step cost: {on:,.0f} words/s with, {off_s:,.0f} without = "
        f"{100 * (1 - on / off_s):.1f}% slower (goal <= 10%; best of 3, interleaved)"
    )


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
    kinds_ablation(enricher, docs, gold)
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
    kinds_cost(enricher, [doc.text for doc in docs] * 5, words * 5)


if __name__ == "__main__":
    main()
