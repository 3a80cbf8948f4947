"""The parser against the hand-made dev gold: seed page, page splits, item datelines."""

from __future__ import annotations

import json

import pytest

import wirenlp

from .conftest import WIRE, read_jsonl


def test_seed_page_structure(wire_dir):
    gold = json.loads((wire_dir / "seed_gold.json").read_text(encoding="utf-8"))
    text = (wire_dir / gold["file"]).read_text(encoding="utf-8")
    page = wirenlp.parse(text)

    assert page.text == text
    assert page.stories[0].headline.text == gold["headline"]["text"]
    assert page.stories[0].headline.start == gold["headline"]["offset"]
    assert [(s.text, s.start) for s in page.sections] == [
        (gold["section_marker"]["text"], gold["section_marker"]["offset"])
    ]
    assert len(page.stories) == len(gold["stories"])
    for story, expected in zip(page.stories, gold["stories"], strict=False):
        dateline = story.dateline
        assert dateline.text == expected["dateline_raw"]
        assert dateline.start == expected["dateline_offset"]
        assert [p.text for p in dateline.places] == expected["places"]
        assert [a.text.upper() for a in dateline.agencies] == expected["agencies"]
        assert story.section == expected["section"]
        if expected["time_label"] is None:
            assert story.time is None
        else:
            assert (story.time.text, story.time.start) == (
                expected["time_label"]["text"],
                expected["time_label"]["offset"],
            )


PAGES = read_jsonl(WIRE / "pages_split_gold.jsonl")


@pytest.mark.parametrize("gold", PAGES, ids=[g["page_file"] for g in PAGES])
def test_page_split(gold):
    text = (WIRE / gold["page_file"]).read_text(encoding="utf-8")
    page = wirenlp.parse(text)
    got = [
        {
            "headline_offset": s.headline.start if s.headline else None,
            "dateline_offset": s.dateline.start if s.dateline else None,
            "text_end": s.end,
            "time_label": s.time.text if s.time else None,
            "role": s.role,
            "truncated": s.truncated,
            "complete_dateline": s.dateline.complete if s.dateline else False,
        }
        for s in page.stories
    ]
    expected = [{k: s[k] for k in got[0]} for s in gold["stories"]] if got else gold["stories"]
    assert got == expected
    assert [s.text for s in page.sections] == gold["section_markers"]
    for story, g in zip(page.stories, gold["stories"], strict=False):
        if g["headline"] is not None:
            assert story.headline.text == g["headline"]


DATELINES = read_jsonl(WIRE / "datelines_gold.jsonl")


@pytest.mark.parametrize("gold", DATELINES, ids=[g["id"] for g in DATELINES])
def test_item_dateline(gold, items):
    text = items[gold["id"]]["text"]
    page = wirenlp.parse(text)
    datelines = [s.dateline for s in page.stories if s.dateline is not None]
    if gold["dateline_raw"] is None:
        assert datelines == []
        return
    dateline = datelines[0]
    assert dateline.text == gold["dateline_raw"]
    assert dateline.start == gold["dateline_offset"]
    assert "/".join(p.text for p in dateline.places) == gold["place"]
    assert [a.text.upper() for a in dateline.agencies] == gold["agencies"]
    assert (dateline.date.text if dateline.date else None) == gold["date_in_dateline"]
    story = next(s for s in page.stories if s.dateline is dateline)
    assert story.body.start == gold["body_start_offset"]
