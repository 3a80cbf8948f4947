"""Entity kinds from what wirenlp knows (wirenlp.nlp.kinds): rules on hand-built model output,
and the whole flow through wirenlp.enrich. Sentences written for these tests."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.linking.kb import KnowledgeBase
from wirenlp.nlp.kinds import DEFAULT_RULES, RULES, KindArbiter, arbitrate
from wirenlp.records import Entity, Page


def page_with(text: str, *spans: tuple[str, str]) -> Page:
    """A parsed ``text`` whose one story carries the given (surface, kind) entities, as a
    model might have found them (first occurrence of each surface)."""
    page = wirenlp.parse(text)
    if not page.stories:
        from wirenlp.nlp.segments import whole_text_story

        page = whole_text_story(page)
    if not page.stories:
        return page
    label = {"person": "PER", "place": "LOC", "organisation": "ORG", "nationality": "MISC"}
    ents = []
    for surface, kind in spans:
        start = text.index(surface)
        ents.append(Entity(surface, start, start + len(surface), kind, label[kind], "model"))
    story = attrs.evolve(page.stories[0], entities=sorted(ents, key=lambda e: e.start))
    return attrs.evolve(page, stories=[story])


def found(page: Page) -> list[tuple[str, str]]:
    out = []
    for story in page.stories:
        for e in story.entities:
            assert page.text[e.start : e.end] == e.text
            out.append((e.text, e.kind))
    return out


def test_us_states_in_an_enumeration_are_places() -> None:
    text = "Na de orkaan zijn de zwaarst getroffen staten Texas en Florida."
    page = page_with(text, ("Texas", "person"), ("Florida", "person"))
    assert found(arbitrate(page)) == [("Texas", "place"), ("Florida", "place")]
    assert found(arbitrate(page, rules=DEFAULT_RULES - {"place"})) == [
        ("Texas", "person"),
        ("Florida", "person"),
    ]


def test_a_demonym_is_never_a_person() -> None:
    text = "Volgens de Oekraïense president is de toestand ernstig."
    page = page_with(text, ("Oekraïense", "person"))
    assert found(arbitrate(page)) == [("Oekraïense", "nationality")]
    page = page_with("De Chinese ambassadeur sprak met Russen.", ("Chinese", "person"))
    assert found(arbitrate(page)) == [("Chinese", "nationality")]


def test_nationality_adjective_is_split_off_a_place() -> None:
    text = "Een fietser uit Duitse Nettetal raakte gewond."
    page = page_with(text, ("Duitse Nettetal", "place"))
    assert found(arbitrate(page)) == [("Duitse", "nationality"), ("Nettetal", "place")]


def test_person_span_stops_before_a_function_phrase() -> None:
    text = "Dat zei Peter Jansen van de politie gisteren."
    page = page_with(text, ("Peter Jansen van de politie", "person"))
    assert found(arbitrate(page)) == [("Peter Jansen", "person")]
    text = "Ook Ursula von der Leyen was er."
    page = page_with(text, ("Ursula von der Leyen", "person"))
    assert found(arbitrate(page)) == [("Ursula von der Leyen", "person")]


def test_roads_are_no_organisations() -> None:
    text = "Op de A73 bij Venlo en de N201 stonden files."
    page = page_with(text, ("A73", "organisation"))
    out = found(arbitrate(page))
    assert ("A73", "place") in out and ("N201", "place") in out


def test_a_partial_place_takes_the_whole_name() -> None:
    text = "Op bedrijventerrein Trade Port werken duizenden mensen."
    page = page_with(text, ("Trade", "place"))
    assert found(arbitrate(page)) == [("Trade Port", "place")]


def test_person_evidence_keeps_a_person() -> None:
    # a town of the gazetteer, but a given name, a title, a full name on the page
    text = "Zijn broer Vladimir kwam ook. Minister Breda zei niets."
    page = page_with(text, ("Vladimir", "person"), ("Breda", "person"))
    assert found(arbitrate(page)) == [("Vladimir", "person"), ("Breda", "person")]
    text = "Volgens Sandra Venlo is Venlo een goede keuze."
    page = page_with(text, ("Sandra Venlo", "person"))
    at = text.rindex("Venlo")
    ents = [*page.stories[0].entities, Entity("Venlo", at, at + 5, "person", "PER", "model")]
    page = attrs.evolve(page, stories=[attrs.evolve(page.stories[0], entities=ents)])
    assert found(arbitrate(page)) == [("Sandra Venlo", "person"), ("Venlo", "person")]


def test_the_knowledge_base_decides() -> None:
    kb = KnowledgeBase.from_records([{"id": "p1", "name": "Florida", "kind": "person"}])
    text = "Daarna sprak Florida met de pers."
    page = page_with(text, ("Florida", "person"))
    assert found(KindArbiter(kb=kb)(page)) == [("Florida", "person")]
    assert found(KindArbiter()(page)) == [("Florida", "place")]


def test_compounds_give_the_name_with_exact_offsets() -> None:
    text = "De FNV-voorzitter sprak op de NAVO-top over de Oekraïne-oorlog en de EU-landen."
    page = page_with(text)
    out = found(arbitrate(page, rules=RULES))
    assert out == [
        ("FNV", "organisation"),
        ("NAVO", "organisation"),
        ("Oekraïne", "place"),
        ("EU", "organisation"),
    ]
    assert found(arbitrate(page)) == []  # not a default rule (see DEFAULT_RULES)


def test_hyphenated_names_stay_whole() -> None:
    text = "VNO-NCW en GroenLinks-PvdA praten in Baden-Württemberg over de Air France-vloot."
    page = page_with(
        text,
        ("VNO-NCW", "organisation"),
        ("GroenLinks-PvdA", "organisation"),
        ("Baden-Württemberg", "organisation"),
    )
    assert found(arbitrate(page, rules=RULES)) == [
        ("VNO-NCW", "organisation"),
        ("GroenLinks-PvdA", "organisation"),
        ("Baden-Württemberg", "place"),
    ]


def test_known_organisations_the_model_missed() -> None:
    text = "Ajax en Bol.com steunen de actie van de FNV."
    out = found(arbitrate(page_with(text)))
    assert out == [("Ajax", "organisation"), ("Bol.com", "organisation"), ("FNV", "organisation")]
    assert found(arbitrate(page_with(text), rules=DEFAULT_RULES - {"org"})) == []


def test_gazetteer_backed_recall_in_locative_frames() -> None:
    text = "Hij verhuisde van Amsterdam naar Nettetal en werkt in Venlo."
    out = found(arbitrate(page_with(text, ("Amsterdam", "place"))))
    assert out == [("Amsterdam", "place"), ("Nettetal", "place"), ("Venlo", "place")]


def test_recall_precision_rules() -> None:
    # a given name, an organisation, a common word, no frame: nothing added
    text = "Hij ging naar Peter en werkt bij Ajax. Venlo is mooi. Ze kwam in Juni."
    out = found(arbitrate(page_with(text), rules={"recall"}))
    assert out == []


def test_a_frame_names_a_municipality_the_gazetteer_lacks() -> None:
    text = "In de gemeente Land van Cuijk en in de gemeente Dijk en Waard stemden velen."
    page = page_with(text, ("Dijk", "place"), ("Waard", "place"))
    assert found(arbitrate(page)) == [("Land van Cuijk", "place"), ("Dijk en Waard", "place")]


def test_rules_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown kind rules"):
        KindArbiter(rules={"places"})


def test_whole_flow_through_enrich() -> None:
    text = (
        "VENLO (ANP) - Bij een ongeluk op de A73 bij Venlo raakte een inwoner van het Duitse "
        "Nettetal gewond. Dat meldde Peter Jansen van de politie. In de gemeente Land van Cuijk "
        "was het rustig."
    )
    page = wirenlp.enrich(text)
    out = found(page)
    assert ("A73", "place") in out
    assert ("Nettetal", "place") in out
    assert ("Peter Jansen", "person") in out
    assert ("Land van Cuijk", "place") in out
    assert ("Duitse", "nationality") in out
    off = found(wirenlp.Enricher(kinds=False).enrich(text))
    assert ("A73", "place") not in off  # the model alone misses it: the step did this


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aA eN-Vn.73lo')(Dij")), max_size=60))
def test_offsets_hold_on_any_text(text: str) -> None:
    page = page_with(text)
    for story in arbitrate(page, rules=RULES).stories:
        for e in story.entities:
            assert text[e.start : e.end] == e.text and e.end > e.start


def test_a_span_inside_a_word_is_no_entity() -> None:
    text = "Dat zegt PostNL-topvrouw Herna Verhagen."
    page = page_with(text, ("Post", "person"), ("Herna Verhagen", "person"))
    assert found(arbitrate(page)) == [("Herna Verhagen", "person")]
    assert found(arbitrate(page, rules=RULES)) == [
        ("PostNL", "organisation"),
        ("Herna Verhagen", "person"),
    ]


def test_merged_municipalities_are_in_the_gazetteer() -> None:
    from wirenlp.linking.places import Evidence, resolve_mention

    gaz = wirenlp.Gazetteer.default()
    for name in ("Land van Cuijk", "Maashorst", "Dijk en Waard", "Voorne aan Zee"):
        link = resolve_mention(gaz, name, Evidence())
        assert link is not None and link.country_code == "NL", name
        assert link.latitude is not None and 50.7 < link.latitude < 53.6
    # a plain locative frame is enough now: the gazetteer knows the merged municipality
    text = "De inwoners van Maashorst en de mensen uit Dijk en Waard waren er."
    assert found(arbitrate(page_with(text), rules={"recall"})) == [
        ("Maashorst", "place"),
        ("Dijk en Waard", "place"),
    ]


def test_a_common_word_or_acronym_alone_is_no_person() -> None:
    text = "Daarna kwam de Storm in het nieuws en reageerde de PVV boos."
    page = page_with(text, ("Storm", "person"), ("PVV", "person"))
    assert found(arbitrate(page)) == [("PVV", "organisation")]
    # with a full name on the page the surname stays a person
    text = "Annet Storm sprak. Later zei Storm dat het goed ging."
    at = text.rindex("Storm")
    page = page_with(text, ("Annet Storm", "person"))
    ents = [*page.stories[0].entities, Entity("Storm", at, at + 5, "person", "PER", "model")]
    page = attrs.evolve(page, stories=[attrs.evolve(page.stories[0], entities=ents)])
    assert found(arbitrate(page)) == [("Annet Storm", "person"), ("Storm", "person")]


def test_labels_follow_the_pipeline_scheme() -> None:
    from wirenlp.nlp.labels import ONTONOTES

    text = "De Oekraïense minister sprak in Venlo met de FNV."
    page = page_with(text, ("Oekraïense", "person"))
    out = KindArbiter(scheme=ONTONOTES)(page)
    got = [(e.text, e.kind, e.label, e.source) for s in out.stories for e in s.entities]
    assert got == [
        ("Oekraïense", "nationality", "NORP", "kinds"),
        ("Venlo", "place", "GPE", "kinds"),
        ("FNV", "organisation", "ORG", "kinds"),
    ]


def test_the_enricher_step_can_be_switched_off_or_replaced() -> None:
    text = "Hij woont in Nettetal."
    assert wirenlp.Enricher(kinds=False).kinds is None
    seen = []

    def step(page: Page) -> Page:
        seen.append(page.text)
        return page

    wirenlp.Enricher(kinds=step).enrich(text)
    assert seen == [text]
    only = wirenlp.Enricher(kinds=["demonym"]).kinds
    assert isinstance(only, KindArbiter) and only.rules == {"demonym"}


def test_an_organisation_span_in_a_locative_frame_that_names_a_city_is_a_place() -> None:
    text = "De brand in Houston trok veel kijkers; Ajax speelde in Amsterdam."
    page = page_with(text, ("Houston", "organisation"), ("Ajax", "organisation"))
    assert found(arbitrate(page)) == [
        ("Houston", "place"),
        ("Ajax", "organisation"),
        ("Amsterdam", "place"),
    ]
