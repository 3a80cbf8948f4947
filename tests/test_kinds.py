"""Entity kinds from knowledge (wirenlp.nlp.kinds): each rule on model spans written here to
look like a model's mistakes (so the tests hold for any model), and end to end through
wirenlp.enrich with the embedded model. Sentences written for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.nlp.kinds import RULES, KindArbiter, KindKnowledge, KindRules
from wirenlp.records import Entity

LABELS = {"person": "PER", "place": "LOC", "organisation": "ORG", "nationality": "MISC"}
_KNOW = KindKnowledge()


def arbiter(rules: KindRules | None = None) -> KindArbiter:
    return KindArbiter(LABELS, rules or KindRules(compounds=True), _KNOW)


def ent(text: str, name: str, kind: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Entity(name, start, start + len(name), kind, LABELS.get(kind, "MISC"))


def run(text: str, ents: list[Entity], rules: KindRules | None = None) -> list[tuple[str, str]]:
    out = arbiter(rules)(text, ents, 0, len(text))
    for e in out:
        assert text[e.start : e.end] == e.text
    return [(e.text, e.kind) for e in out]


def test_known_states_without_person_evidence_are_places() -> None:
    text = "Het noodweer trof de zwaarst getroffen staten Texas en Florida het hardst."
    got = run(text, [ent(text, "Texas", "person"), ent(text, "Florida", "person")])
    assert got == [("Texas", "place"), ("Florida", "place")]


def test_person_evidence_keeps_a_person() -> None:
    text = "Senator Florida en de zanger Georgia Brown traden op; zei minister Groningen."
    got = run(
        text,
        [
            ent(text, "Florida", "person"),
            ent(text, "Georgia Brown", "person"),
            ent(text, "Groningen", "person"),
        ],
    )
    assert got == [("Florida", "person"), ("Georgia Brown", "person"), ("Groningen", "person")]


def test_a_surname_that_is_a_small_place_stays_a_person() -> None:
    text = "Daarna sprak Jansen over de begroting."
    assert run(text, [ent(text, "Jansen", "person")]) == [("Jansen", "person")]


def test_demonyms_are_never_persons() -> None:
    text = "De Oekraïense president belde met de Chinese premier en de Amsterdamse wethouder."
    got = run(
        text,
        [
            ent(text, "Oekraïense", "person"),
            ent(text, "Chinese", "person"),
            ent(text, "Amsterdamse", "place"),
        ],
    )
    assert got == [
        ("Oekraïense", "nationality"),
        ("Chinese", "nationality"),
        ("Amsterdamse", "nationality"),
    ]


def test_nationality_split_off_a_place() -> None:
    text = "De brand woedde in het Duitse Nettetal, vlak over de grens."
    got = run(text, [ent(text, "Duitse Nettetal", "place")])
    assert got == [("Duitse", "nationality"), ("Nettetal", "place")]


def test_place_after_nationality_is_found() -> None:
    text = "De brand woedde in het Duitse Nettetal, vlak over de grens."
    assert run(text, [ent(text, "Duitse", "nationality")]) == [
        ("Duitse", "nationality"),
        ("Nettetal", "place"),
    ]


def test_nationality_before_an_organisation_is_not_split() -> None:
    text = "De Belgische Kamer van Volksvertegenwoordigers stemde in."
    name = "Belgische Kamer van Volksvertegenwoordigers"
    assert run(text, [ent(text, name, "organisation")]) == [(name, "organisation")]


def test_person_span_stops_before_function_phrase() -> None:
    text = "Volgens Peter Jansen van de politie reed de man te hard."
    got = run(text, [ent(text, "Peter Jansen van de politie", "person")])
    assert got == [("Peter Jansen", "person")]


def test_person_particles_stay() -> None:
    text = "Volgens Jan van der Berg en Els van de Velde is het druk."
    ents = [ent(text, "Jan van der Berg", "person"), ent(text, "Els van de Velde", "person")]
    assert run(text, ents) == [("Jan van der Berg", "person"), ("Els van de Velde", "person")]


@pytest.mark.parametrize("road", ["A73", "N201", "E19"])
def test_roads_are_no_organisations(road: str) -> None:
    text = f"Op de {road} stond vanochtend een lange file."
    assert run(text, [ent(text, road, "organisation")]) == [(road, "place")]


def test_generic_word_of_a_compound_name_is_no_place() -> None:
    text = "Het bedrijf opent een hal op Trade Port in het noorden."
    got = run(text, [ent(text, "Trade", "place")])
    assert ("Trade", "place") not in got
    assert got == [("Trade Port", "place")]


@pytest.mark.parametrize(
    ("word", "name", "kind"),
    [
        ("NAVO-top", "NAVO", "organisation"),
        ("FNV-voorzitter", "FNV", "organisation"),
        ("EU-landen", "EU", "organisation"),
        ("Oekraïne-oorlog", "Oekraïne", "place"),
    ],
)
def test_compounds_give_the_name(word: str, name: str, kind: str) -> None:
    text = f"Na afloop van de {word} bleef het onrustig."
    got = arbiter()(text, [], 0, len(text))
    assert [(e.text, e.kind) for e in got] == [(name, kind)]
    assert text[got[0].start : got[0].end] == name
    # a model span over the whole compound is cut to the name
    assert run(text, [ent(text, word, "organisation")]) == [(name, kind)]


def test_compounds_are_off_by_default() -> None:
    text = "Na afloop van de NAVO-top bleef het onrustig."
    assert KindArbiter(LABELS, KindRules(), _KNOW)(text, [], 0, len(text)) == []


@pytest.mark.parametrize("name", ["VNO-NCW", "GroenLinks-PvdA", "Baden-Württemberg"])
def test_hyphenated_names_stay_whole(name: str) -> None:
    text = f"Ook {name} reageerde verheugd op het akkoord."
    kind = "place" if name == "Baden-Württemberg" else "organisation"
    got = run(text, [ent(text, name, kind)])
    assert got == [(name, kind)]


def test_listed_organisations_are_found_and_rekinded() -> None:
    text = "Ajax won ruim, terwijl Bol.com en de FNV een akkoord sloten."
    got = run(text, [ent(text, "Ajax", "person")])
    assert got == [("Ajax", "organisation"), ("Bol.com", "organisation"), ("FNV", "organisation")]


def test_listed_name_inside_a_longer_name_is_not_added() -> None:
    text = "Hij sprak met de spelers van Volt Amsterdam United over de wedstrijd."
    assert run(text, []) == []


def test_locative_frame_recall() -> None:
    text = "Het ongeluk gebeurde in Boxmeer, een man uit Uden raakte gewond."
    assert run(text, []) == [("Boxmeer", "place"), ("Uden", "place")]


def test_recall_skips_common_words_and_first_names() -> None:
    text = "Ze gingen in Mei naar Lieke en in Water liggen."
    assert run(text, []) == []


def test_kb_kind_decides() -> None:
    kb = wirenlp.KnowledgeBase.from_records(
        [{"id": "x1", "name": "Zuidas Holding", "kind": "organisation"}]
    )
    know = KindKnowledge(kb=kb)
    text = "Het Zuidas Holding-bestuur en Zuidas Holding spraken."
    arb = KindArbiter(LABELS, KindRules(compounds=True), know)
    got = arb(text, [ent(text, "Zuidas Holding", "person", nth=1)], 0, len(text))
    assert [(e.text, e.kind) for e in got][-1] == ("Zuidas Holding", "organisation")


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_can_be_switched_off(rule: str) -> None:
    assert getattr(KindRules().without(rule), rule) is False
    with pytest.raises(ValueError, match="unknown kind rules"):
        KindRules().without("nope")


def test_rules_switched_off_change_nothing() -> None:
    text = "Het noodweer trof de staten Texas en Florida; de A73 was dicht."
    ents = [ent(text, "Texas", "person"), ent(text, "A73", "organisation")]
    off = KindRules(**dict.fromkeys(RULES, False))
    assert arbiter(off)(text, ents, 0, len(text)) == ents


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*"ab AZN7-.éÖ\n", "in ", "Uden ", "NAVO-", "Duitse "])))
def test_spans_exact_on_any_text(parts: list[str]) -> None:
    text = "".join(parts)
    ents = [Entity(text[:3], 0, 3, "person", "PER")] if len(text) >= 3 and text[:3].strip() else []
    if ents and (text[0].isspace() or text[2].isspace()):
        ents = []
    for e in arbiter()(text, ents, 0, len(text)):
        assert text[e.start : e.end] == e.text


def test_enrich_end_to_end() -> None:
    text = (
        "Het bedrijf opent een hal op Trade Port. De brand woedde in het Duitse Nettetal. "
        "Op de A73 stond een file. Bol.com en de FNV sloten een akkoord."
    )
    page = wirenlp.enrich(text)
    got = {(e.text, e.kind) for s in page.stories for e in s.entities}
    assert ("Nettetal", "place") in got
    assert ("A73", "place") in got
    assert ("Bol.com", "organisation") in got
    assert ("Trade", "place") not in got
    plain = wirenlp.Enricher(kinds=False).enrich(text)
    assert ("Nettetal", "place") not in {
        (e.text, e.kind) for s in plain.stories for e in s.entities
    }


def test_article_before_a_lone_word_is_no_person() -> None:
    text = "Gisteren bezorgde de Post minder brieven dan vorig jaar."
    assert run(text, [ent(text, "Post", "person")]) == []
    text = "Gisteren bezorgde de FNV pamfletten."
    assert run(text, [ent(text, "FNV", "person")]) == [("FNV", "organisation")]


def test_merged_municipalities_are_places() -> None:
    text = "De gemeente Land van Cuijk en Maashorst werken samen, zegt de gemeente Dijk en Waard."
    got = run(text, [ent(text, "Dijk", "person"), ent(text, "Waard", "place")])
    assert ("Land van Cuijk", "place") in got
    assert ("Dijk en Waard", "place") in got
    page = wirenlp.enrich("Inwoners van Dijk en Waard krijgen een brief van de gemeente.")
    links = [e.link for s in page.stories for e in s.entities if e.text == "Dijk en Waard"]
    assert links and links[0] is not None and links[0].latitude is not None


def test_enumerated_persons_and_particles_are_kept() -> None:
    text = "Warners, Wassenaar en Valkenburg eindigden als eersten; de Gaulle won."
    ents = [ent(text, n, "person") for n in ("Warners", "Wassenaar", "Valkenburg", "Gaulle")]
    assert run(text, ents) == [(e.text, "person") for e in ents]
    text = "Van der Schans hield zich kranig, zei Min de Zille."
    ents = [ent(text, "Van der Schans", "person"), ent(text, "Min de Zille", "person")]
    assert run(text, ents) == [("Van der Schans", "person"), ("Min de Zille", "person")]


def test_demonym_before_a_person_is_not_widened() -> None:
    text = "Hij verloor van de Argentijn Guillermo Canas in de derde ronde."
    ents = [ent(text, "Argentijn", "place"), ent(text, "Guillermo Canas", "person")]
    assert run(text, ents) == [("Argentijn", "nationality"), ("Guillermo Canas", "person")]


def test_toponyms_and_partial_spans() -> None:
    text = (
        "Op het Mercatorplein en de Albert Harkemaweg zegt PostNL-topvrouw Herna dat het druk is."
    )
    ents = [
        ent(text, "Mercatorplein", "person"),
        ent(text, "Albert Harkemaweg", "person"),
        ent(text, "Post", "person"),
        ent(text, "Herna", "person"),
    ]
    assert run(text, ents, KindRules()) == [
        ("Mercatorplein", "place"),
        ("Albert Harkemaweg", "place"),
        ("Herna", "person"),
    ]
    text = "Trumps plan viel slecht."
    assert run(text, [ent(text, "Trump", "person")]) == [("Trump", "person")]


def test_any_pipeline_ontonotes_labels() -> None:
    """A rule-only pipeline with OntoNotes labels (like nl_core_news_md's) gets the same
    corrections, with its own labels."""
    import spacy

    from wirenlp.nlp.kinds import kind_labels
    from wirenlp.nlp.labels import ONTONOTES

    assert kind_labels(ONTONOTES, "GPE", "ORG") == {
        **kind_labels(ONTONOTES, "GPE", "ORG"),
        "person": "PERSON",
        "place": "GPE",
        "organisation": "ORG",
        "nationality": "NORP",
    }
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Texas"},
            {"label": "PERSON", "pattern": "Oekraïense"},
            {"label": "ORG", "pattern": "A73"},
            {"label": "GPE", "pattern": "Ajax"},
        ]
    )
    text = "De staten Texas en de Oekraïense regering; de A73 en Ajax ook."
    got = [
        (e.text, e.kind, e.label)
        for s in wirenlp.Enricher(nlp=nlp).enrich(text).stories
        for e in s.entities
    ]
    assert got == [
        ("Texas", "place", "GPE"),
        ("Oekraïense", "nationality", "NORP"),
        ("A73", "place", "GPE"),
        ("Ajax", "organisation", "ORG"),
    ]


def test_organisation_heads_and_legal_forms() -> None:
    text = (
        "Het bedrijfscomplex van Wester Pijpleidingen N.V. en de Stichting Pandora en Triodos Bank."
    )
    ents = [
        ent(text, "Wester Pijpleidingen", "place"),
        ent(text, "Stichting Pandora", "person"),
        ent(text, "Triodos Bank", "person"),
    ]
    assert run(text, ents, KindRules()) == [
        ("Wester Pijpleidingen N.V.", "organisation"),
        ("Stichting Pandora", "organisation"),
        ("Triodos Bank", "organisation"),
    ]


def test_person_span_loses_trailing_lower_case_words() -> None:
    text = "Vaak wordt beweerd is Jan van Eyck niet de uitvinder van de olieverf."
    name = "Jan van Eyck niet de uitvinder van de olieverf"
    assert run(text, [ent(text, name, "person")]) == [("Jan van Eyck", "person")]


def test_mid_sized_foreign_city_names_stay_persons_outside_a_frame() -> None:
    text = "Clovis maakte de stad tot hoofdstad."
    assert run(text, [ent(text, "Clovis", "person")]) == [("Clovis", "person")]
    text = "Hij woont in Clovis."
    assert run(text, [ent(text, "Clovis", "person")]) == [("Clovis", "place")]


def test_common_words_are_no_nationality() -> None:
    text = "De Verenigde Oost-Indische Compagnie voer uit."
    assert run(text, [ent(text, "Verenigde", "organisation")]) == [("Verenigde", "organisation")]


def test_gazetteer_has_the_newer_dutch_municipalities() -> None:
    """Municipalities whose GeoNames admin2 name has no ``Gemeente`` prefix (Roosendaal,
    Stichtse Vecht) and mergers of 2013-2016 (Gooise Meren, Krimpenerwaard) are areas."""
    from wirenlp.linking.places import Evidence, resolve_mention

    gaz = wirenlp.Gazetteer.default()
    for name in ("Roosendaal", "Stichtse Vecht", "Gooise Meren", "Krimpenerwaard"):
        link = resolve_mention(gaz, name, Evidence())
        assert link is not None and link.country_code == "NL", name
        assert link.latitude is not None and 50.7 < link.latitude < 53.6, name
    areas = {a[3] for a in gaz.index.areas if a[0] == "municipality"}
    assert {"Stichtse Vecht", "Gooise Meren", "Krimpenerwaard", "Eijsden-Margraten"} <= areas


def test_a_road_number_the_model_missed_is_added() -> None:
    text = "Een ongeluk op de A73 bij Venlo en over de N201 zorgde voor files."
    arb = KindArbiter(
        {"person": "PER", "organisation": "ORG", "place": "LOC", "nationality": "MISC"},
        KindRules(),
        KindKnowledge(),
    )
    got = [(e.text, e.kind) for e in arb(text, [], 0, len(text))]
    assert ("A73", "place") in got and ("N201", "place") in got
    off = KindArbiter(arb.labels, KindRules().without("roads"), KindKnowledge())
    assert ("A73", "place") not in [(e.text, e.kind) for e in off(text, [], 0, len(text))]


_REFERENCE_CAP_WORD = re.compile(r"(?<![\w'’@#-])[A-ZÀ-Þ0-9][\w.&'’*-]*")


@given(
    text=st.text(alphabet=st.sampled_from(list("ABab.,&'’*-@# É9_\n")), max_size=30),
    words=st.sets(st.sampled_from(["A", "AB", "B", "Ab", "A.B", "É", "9", "B&A", "AT&T"])),
    cut=st.integers(0, 4),
)
def test_capitalised_word_starts_are_those_of_a_plain_scan(text, words, cut) -> None:
    r"""The organisation recall finds a listed first word where a plain left-to-right scan of
    capitalised words (``(?<![\w'’@#-])[A-ZÀ-Þ0-9][\w.&'’*-]*``, trailing full stops dropped)
    finds it, also inside a window of the text (``AT&T``: no word starts at the second T)."""
    from wirenlp.nlp.kinds import cap_word_starts

    lo, hi = min(cut, len(text)), max(min(cut, len(text)), len(text) - cut)
    expected = [
        (m.start(), m.group().rstrip("."))
        for m in _REFERENCE_CAP_WORD.finditer(text, lo, hi)
        if m.group().rstrip(".") in words
    ]
    assert cap_word_starts(text, lo, hi, words) == expected


_REFERENCE_FRAME = re.compile(
    r"(?<![\w-])(?:(?P<prep>[Ii]n|[Uu]it|[Bb]ij|[Nn]aar|[Tt]e|[Vv]anuit|[Nn]abij|[Rr]ichting)"
    r"|(?:[Dd]e|[Hh]et) (?P<admin>gemeente|provincie|stad|dorp|plaats|regio|deelstaat)"
    r"|(?P<inh>[Ii]nwoners|[Bb]ewoners|[Bb]urgemeester) van)"
    r" (?P<name>[A-ZÀ-Þ][\w'’-]*(?: (?:(?:van|aan|op|en|de|den|der|ter|ten|bij|in)"
    r" )?[A-ZÀ-Þ][\w'’-]*){0,3})"
)


@given(
    words=st.lists(
        st.sampled_from(
            [
                "in",
                "In",
                "te",
                "uit",
                "vanuit",
                "nabij",
                "richting",
                "de",
                "het",
                "gemeente",
                "stad",
                "inwoners",
                "Bewoners",
                "burgemeester",
                "van",
                "Den",
                "Haag",
                "Cuijk",
                "Te",
                "x-in",
                "Bij",
                "en",
                "Zuid",
            ]
        ),
        max_size=14,
    ),
    seps=st.lists(st.sampled_from([" ", " ", " ", ", ", "\n", "-"]), min_size=14, max_size=14),
    cut=st.integers(0, 6),
)
def test_frames_are_those_of_a_plain_scan(words, seps, cut) -> None:
    """Locative frames found capital first are those a left-to-right scan of frame words
    finds, also in a window of the text: kind, offsets and name."""
    from wirenlp.nlp.kinds import frames

    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    lo, hi = min(cut, len(text)), max(min(cut, len(text)), len(text) - cut)
    expected = [
        (
            next(k for k in ("prep", "admin", "inh") if m.group(k) is not None),
            m.start(),
            m.start("name"),
            m.group("name"),
        )
        for m in _REFERENCE_FRAME.finditer(text, lo, hi)
    ]
    assert list(frames(text, lo, hi)) == expected
