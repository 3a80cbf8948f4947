"""A dateline place is keyed once: its entity's link is its ``dateline.links`` entry; every
reading of a name is scored by one rule, so a link outranks its alternatives; a region of
unknown population is not beaten by a small town of its name; metadata datelines are linked."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.linking.gazetteer import Gazetteer
from wirenlp.linking.linker import dateline_key, link_page
from wirenlp.linking.places import Evidence, resolve_mention
from wirenlp.linking.resolver import reading_scores
from wirenlp.records import Entity, Page

FORMATS = Path(__file__).resolve().parent / "data" / "formats"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _with_dateline_entities(page: Page, mention: str | None = None) -> Page:
    """The page with the entities the Enricher's assembly makes of each dateline's places
    (``source="dateline"``), plus a body mention ``mention`` where it occurs after the
    dateline."""
    stories = []
    for story in page.stories:
        ents = []
        dl = story.dateline
        if dl is not None:
            ents = [Entity(p.text, p.start, p.end, "place", "LOC", "dateline") for p in dl.places]
            at = page.text.find(mention, dl.end) if mention else -1
            if at >= 0:
                ents.append(Entity(mention, at, at + len(mention), "place", "LOC"))
        stories.append(attrs.evolve(story, entities=ents))
    return attrs.evolve(page, stories=stories)


def _dateline_pairs(page: Page) -> list[tuple[Entity, object]]:
    pairs = []
    for story in page.stories:
        dl = story.dateline
        if dl is None:
            continue
        by_span = dict(zip(((p.start, p.end) for p in dl.places), dl.links, strict=True))
        for ent in story.entities:
            if ent.source == "dateline" and ent.kind == "place":
                pairs.append((ent, by_span[ent.start, ent.end]))
    return pairs


PLACES = [
    "PARIS",
    "SPRINGFIELD",
    "BUENOS AIRES",
    "LONDON",
    "HASSELT",
    "DEN HAAG",
    "Limburg",
    "GEORGIA",
    "UTRECHT",
    "CALIFORNIË",
    "'S-HERTOGENBOSCH",
    "WASHINGTON",
    "KATS",
]
REGIONS = ["Texas", "Ill.", "Argentina", "Ontario", "Ky.", "Limburg", "Georgia", "Pa.", "Frankrijk"]
AGENCIES = ["AP", "ANP", "BELGA", "Reuters", "AFP", "dpa"]


_PLACE = st.one_of(st.sampled_from(PLACES), st.from_regex(r"[A-Z][A-Za-z]{2,12}", fullmatch=True))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    place=_PLACE,
    more=st.lists(_PLACE, max_size=2),
    region=st.one_of(st.none(), st.sampled_from(REGIONS)),
    agency=st.sampled_from(AGENCIES),
    dash=st.sampled_from([" -", " —", " –"]),
    mention=st.booleans(),
)
def test_dateline_entity_link_is_its_dateline_link(gaz, place, more, region, agency, dash, mention):
    # one place with an optional region, or several (ANKARA/BUENOS AIRES/CAÏRO)
    where = "/".join([place, *more]) if more else (f"{place}, {region}" if region else place)
    body = f" Het gebeurde in {place.title()}." if mention else " Er is iets gebeurd."
    parsed = wirenlp.parse(f"{where} ({agency}){dash}{body}")
    page = link_page(
        _with_dateline_entities(parsed, place.title() if mention else None), gazetteer=gaz
    )
    for ent, link in _dateline_pairs(page):
        assert ent.link == link
    for story in page.stories:
        dl = story.dateline
        keyed = (
            {
                dateline_key(p.text): lk
                for p, lk in zip(dl.places, dl.links, strict=True)
                if lk is not None
            }
            if dl is not None
            else {}
        )
        for ent in story.entities:
            if ent.source != "dateline" and dateline_key(ent.text) in keyed:
                assert ent.link == keyed[dateline_key(ent.text)]  # the same key, the same place
    for story in page.stories:
        if story.dateline is None:
            continue
        assert len(story.dateline.links) == len(story.dateline.places)


def test_body_mention_of_a_dateline_place_reuses_its_link(gaz):
    page = _with_dateline_entities(
        wirenlp.parse("PARIS, Texas (AP) — Een tornado trof Paris dinsdag."), "Paris"
    )
    linked = link_page(page, gazetteer=gaz).stories[0]
    assert dateline_key("PARIS, Texas") == dateline_key("Paris") == "paris"
    assert linked.dateline.links[0].country_code == "US"
    assert {e.link for e in linked.entities if e.kind == "place"} == {linked.dateline.links[0]}


AP_DATELINES = {
    "PARIS, Texas (AP) — A tornado hit the small town on Tuesday, officials said.": "US",
    "SPRINGFIELD, Ill. (AP) — The governor signed the budget on Tuesday.": "US",
    "BUENOS AIRES, Argentina (AP) — The president spoke on Tuesday.": "AR",
    "LONDON, Ontario (AP) — The mayor resigned on Tuesday.": "CA",
}


def test_ap_style_datelines_link_the_dateline_entity():
    texts = list(AP_DATELINES)
    for text, page in zip(texts, wirenlp.Enricher().pipe(texts), strict=True):
        pairs = _dateline_pairs(page)
        assert pairs, text
        for ent, link in pairs:
            assert ent.link is not None and ent.link == link
            assert ent.link.country_code == AP_DATELINES[text], (text, ent.link)


def test_a_province_without_population_is_not_beaten_by_a_town_of_its_name():
    page = wirenlp.enrich(
        "HASSELT (BELGA) - In Limburg is een man gearresteerd. "
        "De politie zegt dat hij uit Genk komt."
    )
    limburg = next(e for e in page.stories[0].entities if e.text == "Limburg")
    assert limburg.link is not None
    assert (limburg.link.country_code, limburg.link.name) == ("BE", "Limburg")
    assert limburg.link.feature in ("admin1", "admin2")
    assert limburg.link.population is None  # unknown, and still the province
    assert page.stories[0].event_elsewhere is False


def test_unknown_region_population_does_not_rank_as_one_person(gaz):
    link = resolve_mention(gaz, "Limburg", Evidence(countries=("BE",), prior=("BE",)))
    assert link is not None and link.name == "Limburg" and link.country_code == "BE"
    assert "Limbourg" in [a.name for a in link.alternatives]
    assert all(link.score >= a.score for a in link.alternatives)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.floats(-5, 20), st.floats(50, 100)), min_size=1, max_size=8))
def test_reading_scores_rank_the_winner_first(readings):
    ranked = sorted(readings, key=lambda r: -r[0])
    scores = reading_scores(ranked)
    assert len(scores) == len(ranked)
    assert all(0.0 <= s <= 100.0 for s in scores)
    assert all(scores[0] >= s for s in scores[1:])
    for (rank, _quality), s in zip(ranked[1:], scores[1:], strict=True):
        if rank <= ranked[0][0] - 0.05 and s > 0:  # (scores are rounded to 0.1)
            assert s < scores[0]  # a reading that ranked lower scores lower


def _sample_names(gaz: Gazetteer) -> list[str]:
    idx = gaz.index
    step = max(1, len(idx) // 400)
    return [idx.name(i) for i in range(0, len(idx), step)]


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_every_link_outranks_its_alternatives(gaz, data):
    name = data.draw(st.sampled_from([*_sample_names(gaz), "Limburg", "Georgia", "Paris"]))
    ccs = data.draw(st.lists(st.sampled_from(["NL", "BE", "US", "FR", "DE", "GB"]), max_size=2))
    prior = data.draw(st.lists(st.sampled_from(["NL", "BE", "US"]), max_size=1))
    for link in (
        resolve_mention(gaz, name, Evidence(countries=tuple(ccs), prior=tuple(prior))),
        gaz.resolve(name, countries=ccs, prior=prior),
    ):
        if link is not None:
            assert all(link.score >= a.score for a in link.alternatives), (name, link)


def _afp_page() -> Page:
    return next(iter(wirenlp.read(FORMATS / "afp_newsml12.xml")))


def test_metadata_dateline_is_linked_by_link_page(gaz):
    page = _afp_page()
    assert page.meta is not None and page.meta.dateline is not None
    assert all(s.dateline is None for s in page.stories)
    linked = link_page(page, gazetteer=gaz)
    (paris,) = linked.meta.dateline.links
    assert (paris.name, paris.country_code) == ("Paris", "FR")
    assert linked.stories[0].event_place == paris
    assert linked.stories[0].event_elsewhere is False


def test_metadata_dateline_is_linked_by_enrich_and_read_enrich():
    page = _afp_page()
    by_enrich = wirenlp.enrich(page)
    (by_pipe,) = list(wirenlp.Enricher().pipe([page]))
    for out in (by_enrich, by_pipe):
        assert out.meta is not None and out.meta.dateline is not None
        assert [lk and lk.country_code for lk in out.meta.dateline.links] == ["FR"]
        assert out.stories[0].event_place is not None
        assert out.stories[0].event_place.country_code == "FR"
