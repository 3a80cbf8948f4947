"""Span-level NER scoring and a loader for the wire NER gold (``ner_gold.jsonl``).

Scoring is exact match on ``(start, end, label)`` character offsets, micro-averaged over
the requested labels, with per-label figures. Nothing here depends on spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

Span = tuple[int, int, str]

DEFAULT_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")


@attrs.frozen
class PRF:
    """Counts and precision/recall/F1 (percentages, 0-100) for one label or the micro total."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Precision in percent (0 when nothing was predicted)."""
        return 100.0 * self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Recall in percent (0 when there is no gold)."""
        return 100.0 * self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, in percent."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@attrs.frozen
class NERScores:
    """Micro-averaged scores over ``labels`` plus a :class:`PRF` per label."""

    labels: tuple[str, ...]
    micro: PRF
    per_label: dict[str, PRF] = attrs.field(factory=dict)

    def summary(self) -> str:
        """One-line human-readable summary (F1 total and per label)."""
        parts = [f"P={self.micro.precision:.1f} R={self.micro.recall:.1f} F1={self.micro.f1:.1f}"]
        parts += [f"{lab}={self.per_label[lab].f1:.1f}" for lab in self.labels]
        return " ".join(parts)


def ner_prf(
    gold_spans: Iterable[Iterable[Span]],
    pred_spans: Iterable[Iterable[Span]],
    labels: Sequence[str] = DEFAULT_LABELS,
) -> NERScores:
    """Score predicted entity spans against gold spans, document by document.

    ``gold_spans`` and ``pred_spans`` are parallel sequences (one item per document) of
    ``(start, end, label)`` triples. A prediction counts only on an exact offset and label
    match. Spans whose label is not in ``labels`` are ignored on both sides.
    """
    labs = tuple(labels)
    counts = {lab: [0, 0, 0] for lab in labs}
    for gold, pred in zip(gold_spans, pred_spans, strict=True):
        g = {s for s in gold if s[2] in counts}
        p = {s for s in pred if s[2] in counts}
        for s in g & p:
            counts[s[2]][0] += 1
        for s in p - g:
            counts[s[2]][1] += 1
        for s in g - p:
            counts[s[2]][2] += 1
    per = {lab: PRF(*counts[lab]) for lab in labs}
    micro = PRF(
        sum(c.tp for c in per.values()),
        sum(c.fp for c in per.values()),
        sum(c.fn for c in per.values()),
    )
    return NERScores(labs, micro, per)


@attrs.frozen
class GoldDoc:
    """One gold document: its id, full text and gold entity spans."""

    id: str
    text: str
    spans: tuple[Span, ...]


def load_ner_gold(wire_dev_dir: str | Path) -> list[GoldDoc]:
    """Load ``ner_gold.jsonl`` from ``wire_dev_dir`` with each document's text.

    Documents with ``text_field == "text"`` take the ``text`` of the item with the same id in
    ``items.jsonl``; ``text_field == "file"`` (the ``seed`` page) reads
    ``seed_anp_buitenland.txt``. Every span is checked against its text.
    """
    root = Path(wire_dev_dir)
    items: dict[str, str] = {}
    with (root / "items.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                items[item["id"]] = item.get("text") or ""
    docs: list[GoldDoc] = []
    with (root / "ner_gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["text_field"] == "file":
                text = (root / "seed_anp_buitenland.txt").read_text(encoding="utf-8")
            else:
                text = items[rec["id"]]
            spans = []
            for ent in rec["entities"]:
                if text[ent["start"] : ent["end"]] != ent["text"]:
                    raise ValueError(f"gold span mismatch in {rec['id']}: {ent}")
                spans.append((ent["start"], ent["end"], ent["label"]))
            docs.append(GoldDoc(rec["id"], text, tuple(spans)))
    return docs


def spacy_doc_spans(doc: object) -> list[Span]:
    """Return ``(start_char, end_char, label)`` for the entities of a spaCy ``Doc``."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # type: ignore[attr-defined]


def evaluate_nlp(
    nlp: object,
    docs: Sequence[GoldDoc],
    labels: Sequence[str] = DEFAULT_LABELS,
) -> NERScores:
    """Run a spaCy pipeline on each gold document's full text and score it."""
    preds = [spacy_doc_spans(d) for d in nlp.pipe([g.text for g in docs])]  # type: ignore[attr-defined]
    return ner_prf([g.spans for g in docs], preds, labels)


def b_cubed(
    docs: Iterable[tuple[Mapping[Hashable, str], Mapping[Hashable, str | None]]],
) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of predicted clusters, over the gold mentions of many docs.

    Each doc is ``(gold, pred)``: gold maps a mention (e.g. its offsets) to its gold cluster,
    pred maps mentions to predicted cluster ids; a gold mention missing from ``pred`` (or with
    None) is a singleton. Clusters never reach across docs. Scores are fractions (0-1), averaged
    over all gold mentions; ``(1, 1, 1)`` when there are none.
    """
    precision = recall = 0.0
    n = 0
    for gold, pred in docs:
        gold_groups: dict[str, set[Hashable]] = {}
        pred_groups: dict[str, set[Hashable]] = {}
        for mention, cluster in gold.items():
            gold_groups.setdefault(cluster, set()).add(mention)
            p = pred.get(mention)
            if p is not None:
                pred_groups.setdefault(p, set()).add(mention)
        for mention, cluster in gold.items():
            p = pred.get(mention)
            same_pred = pred_groups[p] if p is not None else {mention}
            same_gold = gold_groups[cluster]
            both = len(same_pred & same_gold)
            precision += both / len(same_pred)
            recall += both / len(same_gold)
            n += 1
    if n == 0:
        return 1.0, 1.0, 1.0
    p_avg, r_avg = precision / n, recall / n
    return p_avg, r_avg, (2 * p_avg * r_avg / (p_avg + r_avg) if p_avg + r_avg else 0.0)
