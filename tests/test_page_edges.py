"""Page structure at the edges: complete last lines, cut time labels, weekday dates between
headline and dateline, lone stories with a footer."""

from __future__ import annotations

import pytest

import wirenlp
from wirenlp.parsing.timelabels import looks_like_cut_time_label


@pytest.mark.parametrize("last", ["18 zetels", "3 doden", "12 reacties", "1.200 demonstranten"])
def test_complete_last_line_is_kept(last):
    text = f"UTRECHT (ANP) - De uitslag is bekend. De grootste partij kreeg:\n{last}"
    page = wirenlp.parse(text)
    (story,) = page.stories
    assert story.body is not None and story.body.text.endswith(last)
    assert story.end == len(text)
    assert not story.truncated
    assert story.time is None


def test_list_item_after_a_colon_is_complete():
    text = "UTRECHT (ANP) - De grootste partij werd:\nde VVD"
    (story,) = wirenlp.parse(text).stories
    assert story.body is not None and story.body.text.endswith("de VVD")
    assert not story.truncated


def test_sentence_cut_mid_way_is_truncated():
    (story,) = wirenlp.parse("UTRECHT (ANP) - De uitslag is bekend.\nDe grootste partij kr").stories
    assert story.truncated
    assert story.body is not None and story.body.text.endswith("partij kr")


@pytest.mark.parametrize("cut", ["6 uur gel", "6 uur", "45 min", "2 hours a", "3 d", "12"])
def test_cut_time_label_is_dropped(cut):
    text = f"UTRECHT (ANP) - De uitslag is bekend.\n{cut}"
    (story,) = wirenlp.parse(text).stories
    assert story.body is not None and story.body.text == "De uitslag is bekend."


@pytest.mark.parametrize(
    ("fragment", "cut"),
    [
        ("6 uur gel", True),
        ("6 uur geleden", True),
        ("1 minuut g", True),
        ("2 hours a", True),
        ("6 u", True),
        ("18 zetels", False),
        ("3 doden", False),
        ("12 reacties", False),
        ("6 uur later", False),
        ("3 doden gel", False),
        ("zetels", False),
    ],
)
def test_looks_like_cut_time_label(fragment, cut):
    assert looks_like_cut_time_label(fragment) is cut


@pytest.mark.parametrize(
    "stamp",
    [
        "woensdag 26 november 2025, 14:23",
        "Woensdag 26 november 2025 14:23",
        "wo 26-11-2025 14:23",
        "Wednesday 26 November 2025, 14:23",
        "26 november 2025, 14:23",
    ],
)
def test_weekday_date_between_headline_and_dateline_keeps_the_headline(stamp):
    text = f"Kabinet valt\n{stamp}\nDEN HAAG (ANP) - Het kabinet is gevallen."
    (story,) = wirenlp.parse(text).stories
    assert story.headline is not None and story.headline.text == "Kabinet valt"
    assert story.dateline is not None and story.dateline.text.startswith("DEN HAAG")
    assert story.time is not None and story.time.text == stamp
    assert story.role == "main"


def test_weekday_at_the_start_of_a_body_line_is_text():
    text = "DEN HAAG (ANP) - Het kabinet is gevallen.\nWoensdag 26 november vergadert de Kamer."
    (story,) = wirenlp.parse(text).stories
    assert story.time is None
    assert story.body is not None and story.body.text.endswith("vergadert de Kamer.")


def test_lone_story_with_a_footer_is_main():
    page = wirenlp.parse("AMSTERDAM (ANP) - Het water staat hoog.\n\n45 minuten geleden")
    assert [s.role for s in page.stories] == ["main"]
    assert page.stories[0].time is not None


def test_cards_with_footers_stay_teasers():
    text = (
        "AMSTERDAM (ANP) - Het water staat hoog.\n45 minuten geleden\n"
        "UTRECHT (ANP) - De dijk houdt het.\n2 uur geleden"
    )
    assert [s.role for s in wirenlp.parse(text).stories] == ["teaser", "teaser"]


def test_lone_story_in_a_section_stays_a_teaser():
    text = "Meer uit Binnenland\nAMSTERDAM (ANP) - Het water staat hoog.\n45 minuten geleden"
    assert [s.role for s in wirenlp.parse(text).stories] == ["teaser"]


def test_weekday_date_header_of_a_later_story_keeps_its_headline():
    text = (
        "AMSTERDAM (ANP) - Het water staat hoog.\nKabinet valt\n"
        "woensdag 26 november 2025, 14:23\nDEN HAAG (ANP) - Het kabinet is gevallen."
    )
    first, second = wirenlp.parse(text).stories
    assert first.body is not None and first.body.text == "Het water staat hoog."
    assert first.time is None
    assert second.headline is not None and second.headline.text == "Kabinet valt"
    assert second.time is not None and second.time.text.startswith("woensdag")
