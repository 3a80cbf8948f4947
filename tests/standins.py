"""Stand-in spaCy pipelines for tests and the benchmark (no nl_core_news_* model is installed).

``md_shaped`` has nl_core_news_md's component names and NER labels (OntoNotes), built from a
``spacy init config --lang nl --pipeline tagger,morphologizer,parser,ner`` config plus the
rule components; its weights are initialised, untrained. ``shared_ner=True`` keeps ``ner``
listening to the shared ``tok2vec``; by default ``ner`` owns its tok2vec, as in the real md
pipeline.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.init_config import init_config
from spacy.language import Language
from spacy.lookups import Lookups

from wirenlp.records import Agency, Dateline, Page, Span, Story, TimeLabel

ONTONOTES_LABELS = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
    "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
)  # fmt: skip
CONLL_LABELS = ("LOC", "MISC", "ORG", "PER")
MD_COMPONENTS = (
    "tok2vec", "morphologizer", "tagger", "parser", "lemmatizer", "attribute_ruler", "ner",
)  # fmt: skip


def md_config(shared_ner: bool = False, width: int | None = None) -> Any:
    """The config of an nl_core_news_md-shaped pipeline (before the rule components)."""
    config = init_config(
        lang="nl", pipeline=["morphologizer", "tagger", "parser", "ner"], optimize="efficiency"
    )
    if width is not None:
        config["components"]["tok2vec"]["model"]["encode"]["width"] = width
        config["components"]["tok2vec"]["model"]["embed"]["width"] = width
    return config


def md_shaped(shared_ner: bool = False, width: int | None = None) -> Language:
    """An initialised, untrained pipeline with nl_core_news_md's components and labels."""
    nlp = spacy.util.load_model_from_config(md_config(shared_ner, width), auto_fill=True)
    nlp.get_pipe("tagger").add_label("NOUN")
    nlp.get_pipe("tagger").add_label("VERB")
    nlp.get_pipe("morphologizer").add_label("POS=NOUN")
    nlp.get_pipe("morphologizer").add_label("POS=VERB|Number=Sing")
    parser = nlp.get_pipe("parser")
    for dep in ("nsubj", "obj", "det", "ROOT", "punct"):
        parser.add_label(dep)
    ner = nlp.get_pipe("ner")
    for label in ONTONOTES_LABELS:
        ner.add_label(label)
    nlp.add_pipe("lemmatizer", before="ner", config={"mode": "lookup"})
    nlp.add_pipe("attribute_ruler", before="ner")
    nlp.add_pipe("senter", last=True)
    with nlp.select_pipes(disable=["lemmatizer"]):
        nlp.initialize()
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"katten": "kat", "zei": "zeggen"})
    nlp.get_pipe("lemmatizer").initialize(lookups=lookups)
    nlp.get_pipe("attribute_ruler").add(  # type: ignore[attr-defined]
        patterns=[[{"ORTH": "ANP"}]], attrs={"POS": "PROPN"}
    )
    if not shared_ner:
        nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.disable_pipe("senter")
    nlp.meta["name"] = "core_news_md"
    nlp.meta["version"] = "3.8.0"
    return nlp


@functools.cache
def md_path(shared_ner: bool = False) -> Path:
    """An nl_core_news_md-shaped stand-in saved with ``to_disk`` (built once per run)."""
    path = Path(tempfile.mkdtemp(prefix="wirenlp-md-")) / "nl_core_news_md_standin"
    md_shaped(shared_ner=shared_ner, width=64).to_disk(path)
    return path


def blank_ner(labels: tuple[str, ...] = ONTONOTES_LABELS) -> Language:
    """``spacy.blank("nl")`` + an initialised ``ner`` with ``labels``."""
    nlp = spacy.blank("nl")
    ner = nlp.add_pipe("ner")
    for label in labels:
        ner.add_label(label)
    nlp.initialize()
    return nlp


# --- hand-built records ----------------------------------------------------------------------

WIRE_DEV = Path(__file__).resolve().parent / "data" / "wire_dev"


def seed_text() -> str:
    """The seed ANP page."""
    return (WIRE_DEV / "seed_anp_buitenland.txt").read_text(encoding="utf-8")


def seed_page() -> Page:
    """The seed page as the parser will see it, built by hand from ``seed_gold.json``."""
    text = seed_text()
    gold = json.loads((WIRE_DEV / "seed_gold.json").read_text(encoding="utf-8"))
    head = gold["headline"]
    marker = gold["section_marker"]
    stories: list[Story] = []
    golds = gold["stories"]
    for k, g in enumerate(golds):
        d_start = g["dateline_offset"]
        raw = g["dateline_raw"]
        assert text[d_start : d_start + len(raw)] == raw
        d_end = d_start + len(raw)
        places, agencies = [], []
        pos = d_start
        for place in g["places"]:
            s = text.index(place, pos, d_end)
            places.append(Span(place, s, s + len(place)))
            pos = s + len(place)
        for code in g["agencies"]:
            s = text.index(code, pos, d_end)
            agencies.append(Agency(code, s, s + len(code), code=code, name=None))
            pos = s + len(code)
        dateline = Dateline(raw, d_start, d_end, places=places, agencies=agencies)
        time = None
        if g["time_label"]:
            t = g["time_label"]
            time = TimeLabel(t["text"], t["offset"], t["offset"] + len(t["text"]))
            end = t["offset"]
        elif k == 0:
            end = marker["offset"]
        else:
            end = golds[k + 1]["dateline_offset"] if k + 1 < len(golds) else len(text)
        body_start = d_end + 1
        while text[end - 1].isspace():
            end -= 1
        headline = None
        start = d_start
        if k == 0:
            headline = Span(head["text"], head["offset"], head["offset"] + len(head["text"]))
            start = head["offset"]
        stories.append(
            Story(
                start=start,
                end=end,
                headline=headline,
                dateline=dateline,
                body=Span(text[body_start:end], body_start, end),
                time=time,
                section=g["section"],
                role="main" if k == 0 else "teaser",
            )
        )
    sections = (Span(marker["text"], marker["offset"], marker["offset"] + len(marker["text"])),)
    return Page(text=text, stories=stories, sections=sections)


def items() -> list[dict[str, Any]]:
    """The story items of the dev set (``items.jsonl``)."""
    with (WIRE_DEV / "items.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def check_entities(page: Page) -> None:
    """Offsets valid, sorted and non-overlapping, inside their story."""
    for story in page.stories:
        last_end = -1
        for ent in story.entities:
            assert page.text[ent.start : ent.end] == ent.text
            assert ent.start >= last_end, (ent, story.entities)
            assert story.start <= ent.start <= ent.end <= story.end
            assert ent.kind in ("person", "organisation", "place", "nationality", "other")
            last_end = ent.end
