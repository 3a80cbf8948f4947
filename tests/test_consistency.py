"""Page-level consistency: one name, one kind on a page, and the repeats of names found."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.linking.consistency import _Surfaces, common_words, harmonise
from wirenlp.linking.linker import Linker
from wirenlp.records import Entity, Page, Story


def page_with(text: str, marks: list[tuple[str, str, int]]) -> Page:
    """A one-story page with entities: (surface, kind, occurrence number) each."""
    labels = {"person": "PER", "organisation": "ORG", "place": "LOC", "nationality": "MISC"}
    ents = []
    for surface, kind, nth in marks:
        start = [m.start() for m in re.finditer(re.escape(surface), text)][nth]
        ents.append(Entity(surface, start, start + len(surface), kind, labels[kind]))
    ents.sort(key=lambda e: e.start)
    return Page(text, stories=(Story(0, len(text), entities=tuple(ents)),))


def found(page: Page) -> list[tuple[str, str, str]]:
    return [(e.text, e.kind, e.source) for s in page.stories for e in s.entities]


def test_a_full_name_makes_its_surname_a_person() -> None:
    text = "Ajax heeft trainer Francesco Farioli ontslagen. Volgens Farioli was het onverwacht."
    page = page_with(text, [("Francesco Farioli", "person", 0), ("Farioli", "place", 1)])
    assert found(harmonise(page))[-1] == ("Farioli", "person", "consistency")


def test_unlabelled_repeats_and_genitives_are_added() -> None:
    text = (
        "Donald Trump sprak in Washington. Later zei Trump dat Trumps plan klaar is. "
        "Trump's adviseurs zwegen. De NAVO reageerde; ook de NAVO zweeg."
    )
    page = page_with(text, [("Donald Trump", "person", 0), ("NAVO", "organisation", 0)])
    out = found(harmonise(page))
    assert ("Trump", "person", "consistency") in out
    assert ("Trumps", "person", "consistency") in out
    assert ("Trump's", "person", "consistency") in out
    assert out.count(("NAVO", "organisation", "consistency")) == 1
    for s in harmonise(page).stories:
        for e in s.entities:
            assert text[e.start : e.end] == e.text


def test_another_full_name_with_the_same_surname_is_not_taken() -> None:
    text = "Piet Bakker won. Later sprak Kees Bakker, zijn broer, met de pers."
    page = page_with(text, [("Piet Bakker", "person", 0)])
    assert [e for e in found(harmonise(page)) if e[2] == "consistency"] == []


def test_a_sentence_opening_common_word_is_not_a_repeat() -> None:
    text = "Anna Bos woont aan de rand van het bos. Bos is daar groot. Er staat veel Bos."
    page = page_with(text, [("Anna Bos", "person", 0)])
    out = found(harmonise(page))
    # "bos" is used as a word on this page: the sentence-initial "Bos" stays untagged,
    # the capitalised mid-sentence "Bos" is the name
    assert [(t, k) for t, k, src in out if src == "consistency"] == [("Bos", "person")]
    assert next(
        e.start for e in harmonise(page).stories[0].entities if e.source == "consistency"
    ) == text.rindex("Bos")


def test_a_sentence_opening_surname_with_a_full_name_on_the_page() -> None:
    text = "Premier Dick Schoof sprak met de pers. Schoof zei dat het kabinet doorgaat."
    page = page_with(text, [("Dick Schoof", "person", 0)])
    assert ("Schoof", "person", "consistency") in found(harmonise(page))
    assert "schoof" in common_words()  # the verb: only the full name made this a person


def test_titles_leave_the_span_and_vote_for_a_person() -> None:
    text = "Zanger Dotan wil een comeback. Dotan werkt aan nummers. De fans van Dotan juichen."
    page = page_with(
        text, [("Zanger Dotan", "person", 0), ("Dotan", "place", 1), ("Dotan", "place", 2)]
    )
    out = found(harmonise(page))
    assert out[0][:2] == ("Dotan", "person")
    assert [k for _t, k, _s in out] == ["person", "person", "person"]


def test_a_left_out_given_name_is_taken_in() -> None:
    text = "Journalist en mediaondernemer Derk Sauer is overleden."
    page = page_with(text, [("Sauer", "person", 0)])
    assert found(harmonise(page))[0][0] == "Derk Sauer"


def test_majority_without_full_names_and_ties_left_alone() -> None:
    text = "Ajax won. Ajax speelde goed. Ajax is kampioen. Bij Feyenoord was het stil; Feyenoord."
    page = page_with(
        text,
        [
            ("Ajax", "organisation", 0),
            ("Ajax", "organisation", 1),
            ("Ajax", "place", 2),
            ("Feyenoord", "organisation", 0),
            ("Feyenoord", "place", 1),
        ],
    )
    kinds = [(t, k) for t, k, _s in found(harmonise(page))]
    assert kinds[:3] == [("Ajax", "organisation")] * 3
    assert kinds[3:] == [("Feyenoord", "organisation"), ("Feyenoord", "place")]  # a tie


def test_dateline_entities_are_left_alone() -> None:
    text = "WASHINGTON (ANP) - George Washington was de eerste president. Washington leidde."
    ents = (
        Entity("WASHINGTON", 0, 10, "place", "LOC", "dateline"),
        Entity("ANP", 12, 15, "organisation", "ORG", "dateline"),
        Entity("George Washington", 19, 36, "person", "PER"),
    )
    page = Page(text, stories=(Story(0, len(text), entities=ents),))
    out = found(harmonise(page))
    assert out[0] == ("WASHINGTON", "place", "dateline")
    assert out[-1] == ("Washington", "person", "consistency")


def test_linker_runs_consistency_unless_switched_off() -> None:
    text = "Francesco Farioli is ontslagen. Volgens Farioli was het onverwacht."
    page = page_with(text, [("Francesco Farioli", "person", 0)])
    assert len(found(Linker()(page))) == 2
    assert len(found(Linker(consistency=False)(page))) == 1
    clusters = {e.cluster for e in Linker()(page).stories[0].entities}
    assert len(clusters) == 1  # the repeat joins the full name's cluster


@pytest.mark.parametrize(
    "text",
    [
        "AMSTERDAM (ANP) - Ajax heeft trainer Francesco Farioli ontslagen. De club maakte dat "
        "dinsdag bekend. Volgens Farioli was het besluit onverwacht.",
    ],
)
def test_the_second_farioli_is_a_person_through_enrich(text: str) -> None:
    page = wirenlp.enrich(text)
    farioli = [e for s in page.stories for e in s.entities if "Farioli" in e.text]
    assert [e.kind for e in farioli] == ["person", "person"]
    assert len({e.cluster for e in farioli}) == 1


_NAME_PARTS = [
    "Jan",
    "de",
    "Vries",
    "Rutte",
    "Trump",
    "Trump's",
    "Trumps",
    "J.",
    "Bos",
    "’t",
    "-",
    "(NAVO)",
    ".Jan",
]


@settings(max_examples=200, deadline=None)
@given(
    surfaces=st.sets(
        st.lists(st.sampled_from(_NAME_PARTS), min_size=1, max_size=3).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    words=st.lists(
        st.one_of(st.sampled_from(_NAME_PARTS), st.sampled_from([" ", ", ", ". ", "-", "x"])),
        max_size=40,
    ),
    cut=st.integers(0, 5),
)
def test_surface_index_matches_as_the_alternation_regex_does(surfaces, words, cut):
    """The linear surface index finds exactly what ``(?<!w)(?:s1|s2|…)(?!w)`` (longest
    first) finds, also inside a window of the text."""
    text = " ".join(words)
    ordered = sorted(surfaces, key=lambda x: (-len(x), x))
    regex = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w'’-])")
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - cut)
    expected = [(m.start(), m.end(), m.group()) for m in regex.finditer(text, start, end)]
    index = _Surfaces(surfaces)
    assert list(index.finditer(text, start, end)) == expected  # each first run looked up
    index.find_limit = 0
    assert list(index.finditer(text, start, end)) == expected  # the text's runs walked
