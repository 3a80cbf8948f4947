"""Helpers shared by the linking tests: dev gold → wirenlp records."""

from __future__ import annotations

import json
from pathlib import Path

from wirenlp.linking.gazetteer import Gazetteer
from wirenlp.parsing.agencies import lookup as lookup_agency
from wirenlp.records import Agency, Dateline, Entity, Page, Span, Story

DATA = Path(__file__).resolve().parent / "data" / "wire_dev"

KIND = {"PER": "person", "ORG": "organisation", "LOC": "place"}


def read_jsonl(name: str) -> list[dict]:
    """Rows of a dev-set JSON Lines file."""
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_kind(label: str, text: str, gaz: Gazetteer) -> str:
    """label → entity kind; MISC is a nationality when the gazetteer knows it as a demonym."""
    if label in KIND:
        return KIND[label]
    if gaz.country_kind(text) in ("adjective", "demonym"):
        return "nationality"
    return "other"


def gold_pages(gaz: Gazetteer) -> list[tuple[str, Page, list[str]]]:
    """One page per NER gold document (gold entities, gold dateline places), with gold keys."""
    items = {row["id"]: row for row in read_jsonl("items.jsonl")}
    datelines = {row["id"]: row for row in read_jsonl("datelines_gold.jsonl")}
    out = []
    for doc in read_jsonl("ner_gold.jsonl"):
        if doc["text_field"] == "file":
            text = (DATA / "seed_anp_buitenland.txt").read_text(encoding="utf-8")
        else:
            text = items[doc["id"]]["text"]
        ents = [
            Entity(
                e["text"],
                e["start"],
                e["end"],
                gold_kind(e["label"], e["text"], gaz),
                e["label"],
                source="gold",
            )
            for e in doc["entities"]
        ]
        dateline = None
        dl = datelines.get(doc["id"])
        if dl and dl.get("dateline_raw") and dl.get("dateline_offset") is not None:
            off = dl["dateline_offset"]
            raw = dl["dateline_raw"]
            if text[off : off + len(raw)] == raw:
                places = []
                pos = off
                for part in (dl["place"] or "").split("/"):
                    at = text.find(part, pos, off + len(raw))
                    if part and at >= 0:
                        places.append(Span(part, at, at + len(part)))
                        pos = at + len(part)
                agencies = []
                for code in dl.get("agencies") or ():
                    at = raw.upper().find(code.upper(), pos - off)
                    info = lookup_agency(code)
                    if at >= 0:
                        agencies.append(
                            Agency(
                                raw[at : at + len(code)],
                                off + at,
                                off + at + len(code),
                                info.code if info else code,
                                info.name if info else None,
                                info is not None,
                            )
                        )
                        pos = off + at + len(code)
                dateline = Dateline(
                    raw, off, off + len(raw), places=tuple(places), agencies=tuple(agencies)
                )
        story = Story(0, len(text), dateline=dateline, entities=tuple(ents))
        gold = [e["cluster"] for e in doc["entities"]]
        out.append((doc["id"], Page(text, stories=(story,)), gold))
    return out
