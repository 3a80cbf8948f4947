"""Page layouts beyond the dev pages: the same building blocks in other arrangements."""

from __future__ import annotations

import pytest

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


# Layouts of issue 8, part 4 (pages written for these tests).
PRESS_RELEASE = (
    "Persbericht\n\n"
    "Politie houdt drie verdachten aan na overval op juwelier\n\n"
    "Amsterdam - De politie heeft dinsdagavond drie mannen aangehouden na een overval op een "
    "juwelier aan de Ferdinand Bolstraat. Bij de overval raakte niemand gewond.\n\n"
    "De verdachten zitten vast voor verhoor. Amsterdam - Rotterdam is een populaire route voor "
    "koeriers, zegt de politie.\n\n"
    "Voor meer informatie: afdeling communicatie, 020-1234567.\n"
)


def test_press_release_first_paragraph_opens_with_a_mixed_case_place():
    (story,) = wirenlp.parse(PRESS_RELEASE).stories
    assert story.headline.text == "Politie houdt drie verdachten aan na overval op juwelier"
    assert (story.dateline.text, story.dateline.start) == (
        "Amsterdam -",
        PRESS_RELEASE.index("Amsterdam - De"),
    )
    assert [p.text for p in story.dateline.places] == ["Amsterdam"]
    assert story.body.text.startswith("De politie heeft")
    assert story.end == len(PRESS_RELEASE) - 1  # the contact line stays in the story


def test_press_release_with_a_full_date_and_no_agency():
    text = (
        "Marine neemt nieuw patrouilleschip in gebruik\n"
        "Den Helder, 5 augustus 2024 - De Koninklijke Marine heeft maandag een nieuw "
        "patrouilleschip in gebruik genomen.\n"
    )
    (story,) = wirenlp.parse(text).stories
    assert (story.dateline.text, story.dateline.date.text) == (
        "Den Helder, 5 augustus 2024 -",
        "5 augustus 2024",
    )
    assert story.headline.text == "Marine neemt nieuw patrouilleschip in gebruik"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Amsterdam - Rotterdam is een populaire route voor fietsers en forenzen.",
        "Amsterdam - Utrecht - Arnhem: de treinen rijden sinds vanochtend weer volgens plan.",
        "De wedstrijd eindigde 2 - 1. Ajax - PSV werd daarmee een spannend duel voor iedereen.",
        "Video - Bekijk hier de beelden van de brand in de binnenstad van Middelburg.",
    ],
)
def test_ordinary_sentences_with_a_dash_are_not_datelines(paragraph):
    text = (
        "Drukte op het spoor\n\n"
        "De treinen rijden weer. Reizigers moeten wel rekening houden met vertraging.\n\n"
        f"{paragraph}\n\n"
        "Volgens NS is de storing verholpen.\n"
    )
    (story,) = wirenlp.parse(text).stories
    assert story.dateline is None
    assert (story.start, story.end) == (0, len(text) - 1)


@pytest.mark.parametrize(
    "first",
    [
        "Amsterdam - Utrecht - Arnhem: de treinen rijden sinds vanochtend weer volgens plan.",
        "Video - Bekijk hier de beelden van de brand in de binnenstad van Middelburg.",
        "Maandag - De winkels in het centrum zijn de hele dag gesloten vanwege de markt.",
        "Amsterdam - kort.",
    ],
)
def test_first_paragraph_that_is_no_dateline(first):
    text = f"Drukte op het spoor\n\n{first}\n\nVolgens NS is de storing verholpen.\n"
    (story,) = wirenlp.parse(text).stories
    assert story.dateline is None


def test_list_with_dashes_is_not_a_story():
    text = (
        "Uitslagen eredivisie\n\n- Ajax - PSV 2-1\n- Feyenoord - AZ 0-0\n- Twente - Utrecht 3-2\n"
    )
    page = wirenlp.parse(text)
    assert all(story.dateline is None for story in page.stories)


@pytest.mark.parametrize("caps", [True, False])
def test_digest_briefs_are_stories_of_their_own(caps):
    places = ["Vlissingen", "Goes", "Middelburg"]
    names = [p.upper() if caps else p for p in places]
    text = (
        "Kort nieuws uit de regio\n\n"
        f"{names[0]} - Een 45-jarige man uit Vlissingen is zaterdagnacht aangehouden na een "
        "vechtpartij op de Boulevard.\n\n"
        f"{names[1]} - De gemeente Goes wil het centrum autoluw maken. Het college legt het plan "
        "volgende maand voor.\n\n"
        f"{names[2]} - Het Zeeuws Archief krijgt een nieuwe directeur. Zij begint op 1 maart.\n"
    )
    page = wirenlp.parse(text)
    assert [s.dateline.text for s in page.stories] == [f"{n} -" for n in names]
    assert [s.dateline.start for s in page.stories] == [text.index(f"{n} -") for n in names]
    assert page.stories[1].start == text.index(f"{names[1]} -")
    assert page.stories[0].end == text.index("Boulevard.") + len("Boulevard.")


ARCHIVE = (
    "Archief - dinsdag 12 januari 2010\n\n"
    "Kabinet wil snellere asielprocedure\n"
    "DEN HAAG - Het kabinet wil dat asielzoekers sneller duidelijkheid krijgen over hun "
    "verblijf in Nederland. De minister...\n"
    "Brand verwoest loods in Tilburg\n"
    "Een grote brand heeft in de nacht van maandag op dinsdag een loods op een "
    "bedrijventerrein in Tilburg verwoest. De brandweer…\n"
    "Ajax wint ruim van Heracles\n"
    "AMSTERDAM - Ajax heeft maandagavond met 5-0 gewonnen van Heracles Almelo. De spits "
    "scoorde drie keer.\n"
    "Gemeente Utrecht stopt met proef\n"
    "Utrecht - De gemeente Utrecht stopt met de proef met gratis busvervoer voor ouderen. De "
    "proef was te duur, zegt de wethouder...\n"
)


def test_archive_page_each_headline_and_lead_is_a_story():
    page = wirenlp.parse(ARCHIVE)
    heads = [
        "Kabinet wil snellere asielprocedure",
        "Brand verwoest loods in Tilburg",
        "Ajax wint ruim van Heracles",
        "Gemeente Utrecht stopt met proef",
    ]
    assert [s.headline.text for s in page.stories] == heads
    assert [s.start for s in page.stories] == [ARCHIVE.index(h) for h in heads]
    assert [s.dateline.text if s.dateline else None for s in page.stories] == [
        "DEN HAAG -",
        None,
        "AMSTERDAM -",
        "Utrecht -",
    ]
    assert [s.truncated for s in page.stories] == [True, True, False, True]
    tilburg = page.stories[1]
    assert tilburg.body.text.startswith("Een grote brand") and tilburg.body.text.endswith("…")
    assert tilburg.end == ARCHIVE.index("\nAjax wint")


def test_long_listing_with_one_dateline_after_the_first_unit():
    pairs = [
        ("Ajax wint van PSV", "De Amsterdammers waren in de tweede helft veel sterker dan PSV."),
        ("Feyenoord verliest", "De Rotterdammers verloren zondag met 2-0 in Alkmaar van AZ."),
        ("Twente speelt gelijk", "ENSCHEDE - Het werd 1-1 tegen FC Utrecht na een rode kaart."),
        ("Vitesse degradeert", "De Arnhemse club zakt na jaren uit de eredivisie naar de KKD."),
    ]
    listing = "".join(f"{h}\n{lead}\n" for h, lead in pairs)
    page = wirenlp.parse(listing)
    assert [s.headline.text for s in page.stories] == [h for h, _ in pairs]
    assert [s.dateline.text if s.dateline else None for s in page.stories] == [
        None,
        None,
        "ENSCHEDE -",
        None,
    ]
    assert not any(s.truncated for s in page.stories)


def test_article_with_one_paragraph_under_each_intertitle_is_one_story():
    sections = [
        ("Geschiedenis", "De stad kreeg in 1217 stadsrechten en groeide snel door de handel."),
        ("Geografie", "De gemeente ligt aan de Schelde en telt ruim veertigduizend inwoners."),
        ("Economie", "De haven en het toerisme zijn de belangrijkste bronnen van werk."),
        ("Sport", "De voetbalclub speelt al jaren in de hoogste amateurklasse van het land."),
    ]
    text = "Vlissingen\n" + "".join(f"{h}\n{p}\n" for h, p in sections)
    (story,) = wirenlp.parse(text).stories
    assert (story.start, story.end) == (0, len(text) - 1)
    dated = "Kabinet valt\nDEN HAAG (ANP) - Het kabinet is dinsdagavond gevallen na ruzie.\n"
    text = dated + "".join(f"{h}\n{p}\n" for h, p in sections)
    (story,) = wirenlp.parse(text).stories
    assert (story.dateline.text, story.end) == ("DEN HAAG (ANP) -", len(text) - 1)


def test_article_with_an_intertitle_is_one_story():
    text = (
        "Kabinet valt over stikstof\n\n"
        "DEN HAAG (ANP) - Het kabinet is gevallen. Dat maakte de premier dinsdagavond bekend...\n\n"
        "Verkiezingen\n\n"
        "De verkiezingen worden in maart gehouden. Partijen beginnen nu met hun programma's.\n"
    )
    (story,) = wirenlp.parse(text).stories
    assert story.end == len(text) - 1 and not story.truncated


def test_questions_with_one_paragraph_answers_are_one_story():
    qa = [
        ("Wat is er aan de hand?", "De treinen rijden niet door een storing in de seinen."),
        ("Hoe lang duurt het?", "NS verwacht dat de storing tot het einde van de middag duurt."),
        ("Wat moet ik doen?", "Reizigers kunnen het beste de reisplanner in de gaten houden."),
        ("Krijg ik geld terug?", "Wie meer dan een half uur vertraging heeft, krijgt geld terug."),
    ]
    text = "Storing bij NS\n\n" + "".join(f"{q}\n{a}\n" for q, a in qa)
    (story,) = wirenlp.parse(text).stories
    assert story.headline.text == "Storing bij NS"


def test_byline_and_dateline_on_one_line():
    text = (
        "Oil rises on supply worries\n"
        "By Jane Doe Jan 30 (Reuters) - Oil prices rose on Tuesday as traders worried about "
        "supply.\n"
    )
    (story,) = wirenlp.parse(text).stories
    assert story.headline.text == "Oil rises on supply worries"
    assert (story.dateline.text, story.dateline.start) == (
        "Jan 30 (Reuters) -",
        text.index("Jan 30"),
    )
    assert story.dateline.places == ()
    assert story.body.text.startswith("Oil prices rose")


def test_glued_em_dash_and_domain_agency_in_a_page():
    text = (
        "Havenbedrijf verwacht recordjaar\n"
        "ROTTERDAM (ANP/NU.nl)—De haven van Rotterdam verwacht dit jaar meer containers.\n\n"
        "Meer uit Economie\n\n"
        "Gemeente wil nieuw station\n"
        "'s-Hertogenbosch (ANP) - De gemeente wil een tweede station bij de Brabanthallen.\n"
        "2 uur geleden\n"
    )
    first, second = wirenlp.parse(text).stories
    assert first.dateline.text == "ROTTERDAM (ANP/NU.nl)—"
    assert [a.code for a in first.dateline.agencies] == ["ANP", "NU.NL"]
    assert first.body.text.startswith("De haven")
    assert (second.dateline.text, second.headline.text, second.time.text) == (
        "'s-Hertogenbosch (ANP) -",
        "Gemeente wil nieuw station",
        "2 uur geleden",
    )


def test_listing_with_dates_between_headline_and_lead():
    units = [
        (
            "Kabinet wil snellere asielprocedure",
            "Het kabinet wil dat asielzoekers sneller "
            "duidelijkheid krijgen over hun verblijf in Nederland. De minister...",
        ),
        (
            "Brand verwoest loods in Tilburg",
            "Een grote brand heeft in de nacht van maandag op "
            "dinsdag een loods op een bedrijventerrein verwoest…",
        ),
        (
            "Ajax wint ruim van Heracles",
            "AMSTERDAM - Ajax heeft maandagavond met 5-0 gewonnen "
            "van Heracles Almelo. De spits scoorde drie keer.",
        ),
    ]
    text = "Nieuwsarchief\n\n" + "".join(f"{h}\n12 januari 2010\n{lead}\n\n" for h, lead in units)
    page = wirenlp.parse(text)
    assert [s.headline.text for s in page.stories] == [h for h, _ in units]
    assert [s.time.text for s in page.stories] == ["12 januari 2010"] * 3
    assert [s.body.text for s in page.stories] == [
        units[0][1],
        units[1][1],
        units[2][1][len("AMSTERDAM - ") :],
    ]
    assert [s.truncated for s in page.stories] == [True, True, False]


def test_listing_with_read_more_links():
    units = [
        (
            "Kabinet wil snellere asielprocedure",
            "Het kabinet wil dat asielzoekers sneller "
            "duidelijkheid krijgen over hun verblijf. De minister...",
        ),
        (
            "Brand verwoest loods in Tilburg",
            "Een grote brand heeft in de nacht van maandag op dinsdag een loods verwoest…",
        ),
        (
            "Ajax wint ruim van Heracles",
            "Ajax heeft maandagavond met 5-0 gewonnen van "
            "Heracles Almelo. De spits scoorde drie keer.",
        ),
    ]
    text = "Archief\n" + "".join(f"{h}\n{lead}\nLees meer »\n" for h, lead in units)
    page = wirenlp.parse(text)
    assert [(s.headline.text, s.body.text) for s in page.stories] == units
    assert [s.truncated for s in page.stories] == [True, True, False]
    assert all(not s.body.text.endswith("»") for s in page.stories)


def test_archive_day_page_with_few_datelines_and_a_question():
    units = [
        (
            "Kabinet wil snellere asielprocedure",
            "DEN HAAG - Het kabinet wil dat asielzoekers "
            "sneller duidelijkheid krijgen over hun verblijf in Nederland.",
        ),
        (
            "Brand verwoest loods in Tilburg",
            "Een grote brand heeft in de nacht van maandag op "
            "dinsdag een loods op een bedrijventerrein verwoest.",
        ),
        (
            "Wordt het weer winter?",
            "Het KNMI verwacht voor het weekend opnieuw vorst en in het "
            "noorden van het land misschien wat sneeuw.",
        ),
        (
            "Ajax wint ruim van Heracles",
            "Ajax heeft maandagavond met 5-0 gewonnen van Heracles "
            "Almelo. De spits scoorde drie keer.",
        ),
        (
            "Gemeente stopt met proef",
            "De gemeente Utrecht stopt met de proef met gratis "
            "busvervoer voor ouderen. De proef was te duur.",
        ),
        (
            "Boek over Zeeuwse molens",
            "Middelburg - Het Zeeuws Archief brengt een boek uit over "
            "de geschiedenis van de Zeeuwse molens.",
        ),
    ]
    text = (
        "Home > Archief > 12 januari 2010\n\n"
        + "".join(f"{h}\n{lead}\n\n" for h, lead in units)
        + "© 2010 Dagblad\n"
    )
    page = wirenlp.parse(text)
    assert [s.headline.text for s in page.stories] == [h for h, _ in units]
    assert [s.dateline.text if s.dateline else None for s in page.stories] == [
        "DEN HAAG -",
        None,
        None,
        None,
        None,
        "Middelburg -",
    ]
    assert page.stories[1].end == text.index("verwoest.") + len("verwoest.")
    assert not any(s.truncated for s in page.stories)


def test_archive_excerpt_cut_inside_a_lead():
    cut = ARCHIVE.index("met gratis busvervoer")
    text = ARCHIVE[:cut]
    page = wirenlp.parse(text)
    last = page.stories[-1]
    assert len(page.stories) == 4
    assert (last.headline.text, last.truncated) == ("Gemeente Utrecht stopt met proef", True)
    assert page.stories[2].end == ARCHIVE.index("drie keer.") + len("drie keer.")


def test_mixed_case_place_after_a_byline_at_the_start():
    text = (
        "Door Jan Jansen\n\n"
        "Amsterdam - De politie heeft dinsdagavond drie mannen aangehouden na een overval.\n"
    )
    (story,) = wirenlp.parse(text).stories
    assert (story.start, story.dateline.text) == (0, "Amsterdam -")


def test_page_date_above_a_listing_is_no_story():
    text = "Archief\n\n12 januari 2010\n\n" + ARCHIVE.split("\n\n", 1)[1]
    page = wirenlp.parse(text)
    assert [s.headline.text for s in page.stories][:2] == [
        "Kabinet wil snellere asielprocedure",
        "Brand verwoest loods in Tilburg",
    ]
    assert len(page.stories) == 4 and page.stories[0].time is None
