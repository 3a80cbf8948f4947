"""Properties that hold for every input string (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp

from .conftest import WIRE

# Pieces of real wire copy, so that generated texts reach the interesting code paths.
PIECES = [
    "BRUSSEL (ANP) - ",
    "WASHINGTON/KYIV (ANP/RTR) - ",
    "1 uur geleden",
    "Meer uit Buitenland",
    "DOMBURG - ",
    "Berlin (dpa) - ",
    "BUENOS AIRES, Argentina (AP) _ ",
    "\n",
    "\r\n",
    "\n\n",
    "De NAVO roept Rusland op.",
    "Kop zonder punt",
    "SINT-MI",
    "2 weken geleden",
    "Net binnen",
    "- Binnenland 14:20 Poppenkast",
    "\u00a0",
    "\u200b",
    "\x00",
    "(AN",
    "gisteren 18:05",
    "BRUXELLES 23/07 (AFP-DPA-REUTER) = ",
    "(ANSA) - MILAN, FEB 2 - ",
    "12:30",
    "é",
    "'S-",
    "Jan 30 (Reuters) - ",
    "By Jane Doe ",
    "San Diego (tca/dpa) - ",
    "ROTTERDAM (ANP/NU.nl)—",
    "'s-Hertogenbosch (ANP) - ",
    "Den Helder, 5 augustus 2024 - ",
    "Amsterdam - De politie heeft een man aangehouden na een overval in de stad.",
    "Brand verwoest loods in Tilburg\nEen grote brand heeft een loods op een terrein verwoest…\n",
    "Lees meer",
    "12 januari 2010",
    "...",
]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map("".join),
)


def _spans(page):
    for story in page.stories:
        for span in (story.headline, story.body, story.time, story.dateline):
            if span is not None:
                yield span
        if story.dateline is not None:
            yield from story.dateline.places
            yield from story.dateline.agencies
            if story.dateline.date is not None:
                yield story.dateline.date
    yield from page.sections


@settings(max_examples=400, deadline=None)
@given(texts)
def test_parse_never_raises_and_offsets_hold(text):
    page = wirenlp.parse(text)
    assert page.text == text
    for span in _spans(page):
        assert text[span.start : span.end] == span.text
    previous_end = 0
    for story in page.stories:
        assert previous_end <= story.start <= story.end <= len(text)
        previous_end = story.end
        for span in (story.headline, story.dateline, story.body):
            if span is not None:
                assert story.start <= span.start <= span.end <= story.end


@settings(max_examples=200, deadline=None)
@given(texts)
def test_to_dict_round_trips_through_json(text):
    page = wirenlp.parse(text)
    data = json.loads(json.dumps(page.to_dict()))
    assert wirenlp.Page.from_dict(data) == page


def test_dev_pages_round_trip():
    for path in sorted((WIRE / "pages").glob("*.txt")):
        page = wirenlp.parse(path.read_text(encoding="utf-8"))
        assert wirenlp.Page.from_dict(json.loads(json.dumps(page.to_dict()))) == page
