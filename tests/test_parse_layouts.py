"""Page layouts beyond the dev pages: the same building blocks in other arrangements."""

from __future__ import annotations

import wirenlp

SEED_NAME = "seed_anp_buitenland.txt"


def _seed(wire_dir) -> str:
    return (wire_dir / SEED_NAME).read_text(encoding="utf-8")


def test_crlf_gives_the_same_structure(wire_dir):
    text = _seed(wire_dir)
    plain = wirenlp.parse(text)
    crlf = wirenlp.parse(text.replace("\n", "\r\n"))
    assert [s.dateline.text for s in crlf.stories] == [s.dateline.text for s in plain.stories]
    assert [s.time.text if s.time else None for s in crlf.stories] == [
        s.time.text if s.time else None for s in plain.stories
    ]


def test_excerpt_cut_inside_a_time_label_keeps_the_story_whole(wire_dir):
    text = _seed(wire_dir)
    cut = text.index("1 uur geledenWASHINGTON (ANP/AFP") + len("1 uur")
    page = wirenlp.parse(text[:cut])
    last = page.stories[-1]
    assert last.dateline.text == "WASHINGTON (ANP/RTR) -"
    assert text[: last.end].endswith('"Jullie zijn een beetje laat."')
    assert last.time is None and not last.truncated


def test_excerpt_cut_inside_a_glued_dateline(wire_dir):
    text = _seed(wire_dir)
    cut = text.index("1 uur geledenWASHINGTON (ANP/AFP") + len("1 uur geledenWAS")
    page = wirenlp.parse(text[:cut])
    previous, last = page.stories[-2:]
    assert previous.time.text == "1 uur geleden"
    assert (last.dateline.text, last.dateline.complete, last.truncated) == ("WAS", False, True)


def test_excerpt_cut_inside_a_section_marker(wire_dir):
    text = _seed(wire_dir)
    cut = text.index("Meer uit Buitenland") + len("Meer uit Bui")
    (story,) = wirenlp.parse(text[:cut]).stories
    assert not story.truncated
    assert story.body.text.endswith("konden heropenen.")


def test_timestamp_between_headline_and_dateline():
    text = (
        "Kabinet valt\n\n26 november 2025 14:23\n\nDEN HAAG (ANP) - Het kabinet is gevallen.\n\n"
        "Meer uit Binnenland\n\nKop twee\n\nUTRECHT (ANP) - Iets anders.\n\n2 uur geleden\n"
    )
    first, second = wirenlp.parse(text).stories
    assert (first.headline.text, first.role, first.time.text) == (
        "Kabinet valt",
        "main",
        "26 november 2025 14:23",
    )
    assert (second.headline.text, second.role, second.time.text) == (
        "Kop twee",
        "teaser",
        "2 uur geleden",
    )


def test_time_label_glued_to_the_next_headline():
    text = (
        "DEN HAAG (ANP) - Het kabinet valt.\n\n12 minuten geledenLoonsverhoging voor leraren\n\n"
        "UTRECHT (ANP) - Iets anders.\n\n1 uur geleden\n"
    )
    first, second = wirenlp.parse(text).stories
    assert first.time.text == "12 minuten geleden"
    assert second.headline.text == "Loonsverhoging voor leraren"
    assert second.time.text == "1 uur geleden"


def test_cards_without_datelines_between_time_labels():
    text = (
        "Meer uit Sport\n\nAjax wint van PSV\n\nDe Amsterdammers waren sterker.\n\n1 uur geleden\n"
        "Feyenoord verliest\n\nDe Rotterdammers waren zwakker.\n\n2 uur geleden\n"
    )
    page = wirenlp.parse(text)
    assert [(s.headline.text, s.body.text, s.time.text, s.section) for s in page.stories] == [
        ("Ajax wint van PSV", "De Amsterdammers waren sterker.", "1 uur geleden", "Meer uit Sport"),
        (
            "Feyenoord verliest",
            "De Rotterdammers waren zwakker.",
            "2 uur geleden",
            "Meer uit Sport",
        ),
    ]


def test_text_without_dateline_is_one_story():
    text = "Een gewone alinea zonder dateline.\nNog een zin."
    (story,) = wirenlp.parse(text).stories
    assert (story.start, story.end, story.dateline, story.headline) == (0, len(text), None, None)


def test_net_binnen_list_is_not_a_story():
    text = (
        "Net binnen\n- Voetbal 14:23 Ajax verliest punten\n- Binnenland 14:20 Poppenkast\n"
        "DOMBURG - Journalist Derk Sauer is overleden.\n2 weken geleden"
    )
    (story,) = wirenlp.parse(text).stories
    assert (story.headline, story.dateline.text, story.time.text) == (
        None,
        "DOMBURG -",
        "2 weken geleden",
    )


def test_byline_is_not_the_headline():
    text = "Assad begint nieuwe termijn\nBy Marwan Makdisi\n\nDAMASCUS (Reuters) - Bashar al-Assad."
    (story,) = wirenlp.parse(text).stories
    assert story.headline.text == "Assad begint nieuwe termijn"


def test_text_without_datelines_is_never_dropped():
    text = "Feyenoord speelde gelijk.\n14.30 uur\nDe wedstrijd in Rotterdam was saai.\n"
    (story,) = wirenlp.parse(text).stories
    assert (story.start, story.end) == (0, len(text) - 1)


def test_editorial_line_above_the_dateline_belongs_to_the_story():
    text = "N i e u w bericht, vervangt: FNV dreigt\n\nUTRECHT (ANP) - FNV kondigt acties aan."
    (story,) = wirenlp.parse(text).stories
    assert story.headline is None
    assert (story.start, story.dateline.start) == (0, text.index("UTRECHT"))
