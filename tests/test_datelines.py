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
