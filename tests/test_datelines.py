"""Dateline patterns of FORMATS.md, and agency words that are not datelines."""

from __future__ import annotations

import pytest

from wirenlp.parsing.datelines import match_dateline, match_partial_dateline

CASES = [
    # text, dateline, places, agency codes, date
    ("AMSTERDAM (ANP) - De", "AMSTERDAM (ANP) -", ["AMSTERDAM"], ["ANP"], None),
    (
        "LONDEN (ANP/RTR/BLOOMBERG) - X",
        "LONDEN (ANP/RTR/BLOOMBERG) -",
        ["LONDEN"],
        ["ANP", "RTR", "BLOOMBERG"],
        None,
    ),
    (
        "ANKARA/BUENOS AIRES/CAÏRO (ANP/RTR) - De",
        "ANKARA/BUENOS AIRES/CAÏRO (ANP/RTR) -",
        ["ANKARA", "BUENOS AIRES", "CAÏRO"],
        ["ANP", "RTR"],
        None,
    ),
    (
        "'S-HERTOGENBOSCH (ANP) - De",
        "'S-HERTOGENBOSCH (ANP) -",
        ["'S-HERTOGENBOSCH"],
        ["ANP"],
        None,
    ),
    (
        "ST. PETERSBURG (ANP/AFP) - De",
        "ST. PETERSBURG (ANP/AFP) -",
        ["ST. PETERSBURG"],
        ["ANP", "AFP"],
        None,
    ),
    ("MEXICO-STAD (ANP) - De", "MEXICO-STAD (ANP) -", ["MEXICO-STAD"], ["ANP"], None),
    (
        "ST. ANTON AM ARLBERG (ANP) - De",
        "ST. ANTON AM ARLBERG (ANP) -",
        ["ST. ANTON AM ARLBERG"],
        ["ANP"],
        None,
    ),
    ("DOMBURG - Journalist", "DOMBURG -", ["DOMBURG"], [], None),
    ("Berlin (dpa) - Negotiations", "Berlin (dpa) -", ["Berlin"], ["DPA"], None),
    (
        "BUENOS AIRES, Argentina (AP) _ For",
        "BUENOS AIRES, Argentina (AP) _",
        ["BUENOS AIRES, Argentina"],
        ["AP"],
        None,
    ),
    ("NEW YORK (AP) — The gas", "NEW YORK (AP) —", ["NEW YORK"], ["AP"], None),
    ("GROSSETO, Italy (AP) -- The", "GROSSETO, Italy (AP) --", ["GROSSETO, Italy"], ["AP"], None),
    ("DAMASCUS (Reuters) - Bashar", "DAMASCUS (Reuters) -", ["DAMASCUS"], ["RTR"], None),
    ("Jan 30 (Reuters) - Oil", "Jan 30 (Reuters) -", [], ["RTR"], "Jan 30"),
    ("SEOUL, Nov 26 AFP - North", "SEOUL, Nov 26 AFP -", ["SEOUL"], ["AFP"], "Nov 26"),
    ("Madrid, 3 feb (EFE).- El", "Madrid, 3 feb (EFE).-", ["Madrid"], ["EFE"], "3 feb"),
    ("MOSCOW, March 3. /TASS/. The", "MOSCOW, March 3. /TASS/.", ["MOSCOW"], ["TASS"], "March 3."),
    ("(ANSA) - MILAN, FEB 2 - The", "(ANSA) - MILAN, FEB 2 -", ["MILAN"], ["ANSA"], "FEB 2"),
    ("Aarhus /ritzau/: En", "Aarhus /ritzau/:", ["Aarhus"], ["RITZAU"], None),
    (
        "BRUXELLES 23/07 (AFP-DPA-REUTER) = Dernier",
        "BRUXELLES 23/07 (AFP-DPA-REUTER) =",
        ["BRUXELLES"],
        ["AFP", "DPA", "RTR"],
        "23/07",
    ),
    ("BRUSSEL 12/03 (BELGA) = De", "BRUSSEL 12/03 (BELGA) =", ["BRUSSEL"], ["BELGA"], "12/03"),
    ("MOSKOU (ANP/ITAR-TASS) - De", "MOSKOU (ANP/ITAR-TASS) -", ["MOSKOU"], ["ANP", "TASS"], None),
    ("(Reuters) - U.S. stocks rose", "(Reuters) -", [], ["RTR"], None),
    (
        "NEW YORK (Reuters Breakingviews) - A",
        "NEW YORK (Reuters Breakingviews) -",
        ["NEW YORK"],
        ["RTR"],
        None,
    ),
    ("FRANKFURT (dpa-AFX) - Der DAX", "FRANKFURT (dpa-AFX) -", ["FRANKFURT"], ["DPA-AFX"], None),
    ("OSLO (NTB): Regjeringen", "OSLO (NTB):", ["OSLO"], ["NTB"], None),
    (
        "BEIJING, Nov. 26 (Xinhua) -- China",
        "BEIJING, Nov. 26 (Xinhua) --",
        ["BEIJING"],
        ["XINHUA"],
        "Nov. 26",
    ),
    (
        "AMSTERDAM, 12 januari (ANP) - De",
        "AMSTERDAM, 12 januari (ANP) -",
        ["AMSTERDAM"],
        ["ANP"],
        "12 januari",
    ),
]


@pytest.mark.parametrize(
    ("text", "raw", "places", "codes", "date"), CASES, ids=[c[1] for c in CASES]
)
def test_formats(text, raw, places, codes, date):
    dateline = match_dateline(text)
    assert dateline is not None
    assert dateline.text == raw
    assert dateline.start == 0
    assert [p.text for p in dateline.places] == places
    assert [a.code for a in dateline.agencies] == codes
    assert (dateline.date.text if dateline.date else None) == date
    for span in (*dateline.places, *dateline.agencies):
        assert text[span.start : span.end] == span.text


def test_unknown_agency_is_kept_and_marked():
    dateline = match_dateline("VILNIUS (ANP/XYZA) - De")
    assert [(a.code, a.known, a.name) for a in dateline.agencies] == [
        ("ANP", True, "Algemeen Nederlands Persbureau"),
        ("XYZA", False, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "aan het ANP - dat",
        "AP - De Autoriteit Persoonsgegevens",
        "ANP",
        "EXTRA - De",
        "De NAVO roept Rusland op",
        "persbureau Reuters (RTR) meldt",
        "Germany Social Democrats: Coalition talks with Merkel could fail =",
        "DEN HAAG - de kleine letter",
        "(CBS) - cijfers",
        "Kop (CBS): economie groeit",
    ],
)
def test_not_datelines(text):
    assert match_dateline(text, expected=False) is None


def test_mixed_case_without_agency_only_where_expected():
    assert match_dateline("Amsterdam - De politie", expected=False) is None
    assert match_dateline("Amsterdam - De politie", expected=True).text == "Amsterdam -"


def test_partial_dateline_at_end_of_input():
    text = "Kop\n\nSINT-MI\n"
    dateline = match_partial_dateline(text, 5)
    assert (dateline.text, dateline.complete, [p.text for p in dateline.places]) == (
        "SINT-MI",
        False,
        ["SINT-MI"],
    )
    assert match_partial_dateline("gewone zin", 0) is None


# Forms of issue 8, part 4 (examples written for these tests).
NEW_FORMS = [
    # text, dateline, places, agencies as written, agency codes, date
    ("Jan 30 (Reuters) - Oil", "Jan 30 (Reuters) -", [], ["Reuters"], ["RTR"], "Jan 30"),
    (
        "Jan. 12 (BusinessDesk) - The kiwi",
        "Jan. 12 (BusinessDesk) -",
        [],
        ["BusinessDesk"],
        ["BUSINESSDESK"],
        "Jan. 12",
    ),
    (
        "March 4 (MarketWatch) - Stocks",
        "March 4 (MarketWatch) -",
        [],
        ["MarketWatch"],
        ["MARKETWATCH"],
        "March 4",
    ),
    (
        "San Diego (tca/dpa) - The zoo",
        "San Diego (tca/dpa) -",
        ["San Diego"],
        ["tca", "dpa"],
        ["TCA", "DPA"],
        None,
    ),
    ("Köln (sid/dpa) - Der", "Köln (sid/dpa) -", ["Köln"], ["sid", "dpa"], ["SID", "DPA"], None),
    ("Paris (ats afp) - Le", "Paris (ats afp) -", ["Paris"], ["ats", "afp"], ["ATS", "AFP"], None),
    ("Genève (ats afp) Le", "Genève (ats afp)", ["Genève"], ["ats", "afp"], ["ATS", "AFP"], None),
    ("ROTTERDAM (ANP)—De haven", "ROTTERDAM (ANP)—", ["ROTTERDAM"], ["ANP"], ["ANP"], None),
    ("NEW YORK (AP)–The", "NEW YORK (AP)–", ["NEW YORK"], ["AP"], ["AP"], None),
    ("ROTTERDAM (ANP)-De haven", "ROTTERDAM (ANP)-", ["ROTTERDAM"], ["ANP"], ["ANP"], None),
    (
        "'s-Hertogenbosch (ANP) - De",
        "'s-Hertogenbosch (ANP) -",
        ["'s-Hertogenbosch"],
        ["ANP"],
        ["ANP"],
        None,
    ),
    ("'t Harde (ANP) - Op", "'t Harde (ANP) -", ["'t Harde"], ["ANP"], ["ANP"], None),
    (
        "Alphen aan den Rijn (ANP) - De",
        "Alphen aan den Rijn (ANP) -",
        ["Alphen aan den Rijn"],
        ["ANP"],
        ["ANP"],
        None,
    ),
    (
        "Wijk bij Duurstede (ANP) - Het",
        "Wijk bij Duurstede (ANP) -",
        ["Wijk bij Duurstede"],
        ["ANP"],
        ["ANP"],
        None,
    ),
    (
        "ROTTERDAM (ANP/NU.nl) - De",
        "ROTTERDAM (ANP/NU.nl) -",
        ["ROTTERDAM"],
        ["ANP", "NU.nl"],
        ["ANP", "NU.NL"],
        None,
    ),
    (
        "Utrecht (NU.nl/ANP) - Het",
        "Utrecht (NU.nl/ANP) -",
        ["Utrecht"],
        ["NU.nl", "ANP"],
        ["NU.NL", "ANP"],
        None,
    ),
    (
        "Den Helder, 5 augustus 2024 - De marine",
        "Den Helder, 5 augustus 2024 -",
        ["Den Helder"],
        [],
        [],
        "5 augustus 2024",
    ),
    (
        "EINDHOVEN, 14 maart 2025 – Het bedrijf",
        "EINDHOVEN, 14 maart 2025 –",
        ["EINDHOVEN"],
        [],
        [],
        "14 maart 2025",
    ),
    ("GOES, 12 maart - De", "GOES, 12 maart -", ["GOES"], [], [], "12 maart"),
    (
        "NEW YORK, Jan. 30, 2024 /PRNewswire/ -- Acme",
        "NEW YORK, Jan. 30, 2024 /PRNewswire/ --",
        ["NEW YORK"],
        ["PRNewswire"],
        ["PRNEWSWIRE"],
        "Jan. 30, 2024",
    ),
    (
        "Chicago, Jan. 5, 2024 - The company",
        "Chicago, Jan. 5, 2024 -",
        ["Chicago"],
        [],
        [],
        "Jan. 5, 2024",
    ),
]


@pytest.mark.parametrize(
    ("text", "raw", "places", "written", "codes", "date"),
    NEW_FORMS,
    ids=[c[1] for c in NEW_FORMS],
)
def test_new_forms_anywhere(text, raw, places, written, codes, date):
    dateline = match_dateline(text, expected=False)  # strong forms: no context needed
    assert dateline is not None
    assert (dateline.text, dateline.start) == (raw, 0)
    assert [p.text for p in dateline.places] == places
    assert [a.text for a in dateline.agencies] == written
    assert [a.code for a in dateline.agencies] == codes
    assert (dateline.date.text if dateline.date else None) == date
    for span in (*dateline.places, *dateline.agencies, *([dateline.date] if date else [])):
        assert text[span.start : span.end] == span.text


def test_unknown_agencies_are_marked_unknown():
    dateline = match_dateline("Köln (sid/dpa) - Der")
    assert [(a.code, a.known) for a in dateline.agencies] == [("SID", False), ("DPA", True)]
    (agency,) = match_dateline("March 4 (MarketWatch) - Stocks").agencies
    assert (agency.known, agency.name) == (False, None)


@pytest.mark.parametrize(
    ("text", "raw", "codes"),
    [
        ("By Jane Doe Jan 30 (Reuters) - Oil prices", "Jan 30 (Reuters) -", ["RTR"]),
        (
            "By Jane Doe and John Roe LONDON (Reuters) - Stocks",
            "LONDON (Reuters) -",
            ["RTR"],
        ),
        ("Door Jan de Vries DEN HAAG (ANP) - Het kabinet", "DEN HAAG (ANP) -", ["ANP"]),
        ("BY JANE DOE Jan 30 (Reuters) - Oil prices", "Jan 30 (Reuters) -", ["RTR"]),
        (
            "By Jane Doe NEW YORK, Jan 30 (Reuters) - Oil prices",
            "NEW YORK, Jan 30 (Reuters) -",
            ["RTR"],
        ),
    ],
)
def test_dateline_after_a_byline_on_the_same_line(text, raw, codes):
    dateline = match_dateline(text)
    assert (dateline.text, dateline.start) == (raw, text.index(raw))
    assert [a.code for a in dateline.agencies] == codes
    assert not any(p.text.startswith(("By", "Door")) for p in dateline.places)


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe Berlin (dpa) - Die",  # a mixed-case place cannot be told from the name
        "By Jane Doe",
        "Door de regen - en de wind - bleven veel mensen thuis.",
    ],
)
def test_byline_without_a_clear_dateline(text):
    assert match_dateline(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "De wedstrijd eindigde 2 - 1.",
        "Amsterdam - Utrecht - Arnhem: de treinen rijden weer volgens de dienstregeling.",
        "Ajax - PSV 2-1 in een wedstrijd die lang spannend bleef.",
        "Willy Van den Bussche - Van Ensor tot Delvaux - Catalogus van de tentoonstelling",
        "Video - Bekijk hier de beelden van de brand in de binnenstad.",
        "Maandag - De winkels in het centrum zijn de hele dag gesloten.",
        "DEN HAAG—De Tweede Kamer",  # a glued dash only after an agency
        "Noord-Zuid (ANP)-lijn",  # ... and before a capital
        "Rotterdam (Feyenoord) - De club",  # an unknown mixed-case word is no agency
        "(tca) - cijfers",
        "Den Helder, 5 augustus - De marine",  # a date without year and no agency
        "Kop (twee/drie) - iets",
    ],
)
def test_new_forms_not_datelines(text):
    assert match_dateline(text, expected=True) is None


def test_month_table_is_shared():
    from datetime import datetime

    from wirenlp.parsing.months import MONTHS, month_numbers
    from wirenlp.parsing.timelabels import resolve

    assert all(sorted(set(t.values())) == list(range(1, 13)) for t in MONTHS.values())
    table = month_numbers()
    assert (table["augustus"], table["août"], table["abr"], table["mrt"]) == (8, 8, 4, 3)
    # datelines read every language of the table, time labels the Dutch and English names
    assert match_dateline("Madrid, 3 abr (EFE).- El").date.text == "3 abr"
    assert match_dateline("Roma, 3 sett (ANSA) - Il").date.text == "3 sett"
    ref = datetime(2025, 6, 1, 12, 0)
    for word, number in month_numbers("nl", "en").items():
        assert resolve(f"3 {word} 2024", ref)[0] == datetime(2024, number, 3), word


# Nordic credit forms: a correspondent of an agency, agency chains, no separator
NORDIC = [
    # text, dateline, places, agencies as written, codes
    (
        "EU (Bryssel, TT:s korrespondent) Kommissionen föreslår nya regler.",
        "EU (Bryssel, TT:s korrespondent)",
        ["Bryssel"],
        ["TT:s korrespondent"],
        ["TT"],
    ),
    (
        "USA-VALET (Washington, TT:s korrespondent) – Kandidaterna möts.",
        "USA-VALET (Washington, TT:s korrespondent) –",
        ["Washington"],
        ["TT:s korrespondent"],
        ["TT"],
    ),
    (
        "Bryssel (TT:s korrespondent) Ministrarna möts.",
        "Bryssel (TT:s korrespondent)",
        ["Bryssel"],
        ["TT:s korrespondent"],
        ["TT"],
    ),
    (
        "(Washington, NTBs korrespondent): Presidenten talte.",
        "(Washington, NTBs korrespondent):",
        ["Washington"],
        ["NTBs korrespondent"],
        ["NTB"],
    ),
    (
        "Lontoo (STT:n kirjeenvaihtaja) Parlamentti äänesti.",
        "Lontoo (STT:n kirjeenvaihtaja)",
        ["Lontoo"],
        ["STT:n kirjeenvaihtaja"],
        ["STT"],
    ),
    ("Stockholm (TT) Regeringen föreslår.", "Stockholm (TT)", ["Stockholm"], ["TT"], ["TT"]),
    ("Oslo (NTB): Regjeringen la fram.", "Oslo (NTB):", ["Oslo"], ["NTB"], ["NTB"]),
    (
        "København (Ritzau) Regeringen vil.",
        "København (Ritzau)",
        ["København"],
        ["Ritzau"],
        ["RITZAU"],
    ),
    (
        "Helsinki (STT-Lehtikuva) Eduskunta hyväksyi.",
        "Helsinki (STT-Lehtikuva)",
        ["Helsinki"],
        ["STT-Lehtikuva"],
        ["STT"],
    ),
    ("(TT-AFP) En jordbävning skakade.", "(TT-AFP)", [], ["TT", "AFP"], ["TT", "AFP"]),
    ("(NTB): Regjeringen la fram.", "(NTB):", [], ["NTB"], ["NTB"]),
    (
        "Bryssel (TT:s EU-korrespondent) Ministrarna möts.",
        "Bryssel (TT:s EU-korrespondent)",
        ["Bryssel"],
        ["TT:s EU-korrespondent"],
        ["TT"],
    ),
    (
        "Washington (Ritzaus korrespondent) Præsidenten talte.",
        "Washington (Ritzaus korrespondent)",
        ["Washington"],
        ["Ritzaus korrespondent"],
        ["RITZAU"],
    ),
    ("Rom (TT–AFP) En jordbävning.", "Rom (TT–AFP)", ["Rom"], ["TT", "AFP"], ["TT", "AFP"]),
]


@pytest.mark.parametrize(("text", "raw", "places", "written", "codes"), NORDIC,
                         ids=[c[1] for c in NORDIC])  # fmt: skip
def test_nordic_credit_forms(text, raw, places, written, codes):
    from wirenlp.reading.common import meta_dateline

    dateline = match_dateline(text)
    assert dateline is not None and (dateline.text, dateline.start) == (raw, 0)
    assert [p.text for p in dateline.places] == places
    assert [a.text for a in dateline.agencies] == written
    assert [a.code for a in dateline.agencies] == codes
    for span in (*dateline.places, *dateline.agencies):
        assert text[span.start : span.end] == span.text
    # the same form kept in metadata (TT G2 `dateline`) reads the same
    meta = meta_dateline(raw.rstrip(" –:"))
    assert meta is not None
    assert [p.text for p in meta.places] == places and [a.code for a in meta.agencies] == codes


@pytest.mark.parametrize(
    "text",
    [
        "(ANP) de regering",  # no known-agency line with a lower-case sentence
        "(Washington, onze korrespondent) Tekst",  # no agency
        "EU (Bryssel, TT:s korrespondent) och sedan",  # a lower-case word follows, no separator
        "(xyz) Tekst",  # an unknown agency with no separator
    ],
)
def test_nordic_forms_not_datelines(text):
    assert match_dateline(text) is None
