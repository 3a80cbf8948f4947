"""Linking: datelines and entities to GeoNames places, countries and a user knowledge base,
plus within-page name-variant clusters and the page-level entity roll-up.

:func:`link_page` takes a :class:`~wirenlp.records.Page` whose stories carry datelines and
entities and returns a new page with ``dateline.links``, ``entity.link``, ``entity.cluster``,
``story.event_place`` / ``story.event_elsewhere`` and ``page.entities`` filled. Pure Python,
deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from ..parsing.agencies import home_country
from ..parsing.agencies import lookup as lookup_agency
from ..parsing.normalize import name_key
from ..records import Dateline, Entity, KBLink, Page, PageEntity, PlaceLink, Story
from .clusters import Mention, cluster_mentions, person_parts
from .consistency import harmonise
from .gazetteer import Gazetteer
from .kb import KnowledgeBase
from .places import Evidence, read_cue, resolve_mention

__all__ = [
    "Linker",
    "dateline_key",
    "dateline_place",
    "link_dateline",
    "link_page",
    "link_story_places",
]

DEFAULT_COUNTRIES: tuple[str, ...] = ("NL", "BE")
"""Prior for datelines without an agency (Dutch and Flemish regional desks)."""

_AREA_FEATURES = frozenset({"admin1", "admin2", "continent", "region", "country"})
# a locative preposition and at most three words before a place: "in", "op vliegveld",
# "bij het Griekse eiland"
_LOCATIVE = re.compile(
    r"(?:^|\s)(?:in|bij|nabij|vlakbij|op|te|rond|buiten|naast|vanuit)\s+"
    r"(?:[^\W\d_][\w'’-]*\s+){0,3}$",
    re.IGNORECASE,
)
_LEAD_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'‘“]|\s*\n|$)")
_NEAR_KM = 15.0
_REGION_AFTER = re.compile(r"^\s*,\s*([^(),\d/]+?)\s*(?=[(\d]|$|[-–—_=]|\s-)")


def _agency_prior(dateline: Dateline | None, default: Sequence[str]) -> tuple[str, ...]:
    if dateline is None:
        return ()
    if not dateline.agencies:
        return tuple(default)
    cc = home_country(dateline.agencies[0].code)
    return (cc,) if cc else ()


def _story_countries(story: Story, gaz: Gazetteer) -> list[str]:
    """Countries named in a story (country names, adjectives, demonyms), most frequent first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ent in story.entities:
        if ent.kind not in ("place", "nationality"):
            continue
        link = gaz.country(ent.text, fuzzy=False)
        if link is not None and link.country_code:
            counts[link.country_code] += 1
            first.setdefault(link.country_code, ent.start)
    return sorted(counts, key=lambda cc: (-counts[cc], first[cc]))


def _dedupe(codes: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for c in codes:
        if c and c not in out:
            out.append(c)
    return tuple(out)


def dateline_place(text: str) -> tuple[str, str | None]:
    """A dateline place as written → its name and the region written after a comma:
    ``"PARIS, Texas"`` → ``("PARIS", "Texas")``, ``"DEN HAAG"`` → ``("DEN HAAG", None)``."""
    name, comma, region = text.partition(",")
    return name, (region if comma else None)


def dateline_key(text: str) -> str:
    """The one key of a dateline place (and of a body mention that names it): the
    normalised name without the region (``"PARIS, Texas"`` and ``"Paris"`` → ``"paris"``)."""
    return name_key(dateline_place(text)[0])


def link_dateline(
    dl: Dateline | None,
    text: str,
    story: Story,
    gaz: Gazetteer,
    default_countries: Sequence[str] = DEFAULT_COUNTRIES,
    *,
    countries: Sequence[str] | None = None,
) -> tuple[PlaceLink | None, ...]:
    """One PlaceLink (or None) per place of ``dl``, in order; ``text`` is the text its
    offsets point into (``page.text``, or ``page.meta.dateline_text`` for a dateline a format
    keeps in metadata) and ``story`` the story it heads (its named countries are hints;
    ``countries`` are those countries when the caller has them already)."""
    if dl is None or not dl.places:
        return ()
    if countries is None:
        countries = _story_countries(story, gaz)
    # Datelines name where the story was filed, which the body often does not mention: the
    # agency's home country and the countries the story names are only weak hints here.
    prior = _dedupe([*_agency_prior(dl, default_countries), *countries])
    links: list[PlaceLink | None] = []
    for span in dl.places:
        name, region = dateline_place(span.text)
        if region is None and len(dl.places) == 1:
            m = _REGION_AFTER.match(text[span.end : dl.end])
            if m and gaz.region(m.group(1)):
                region = m.group(1)
        link = gaz.resolve(name, prior=prior, region=region)
        if link is None or link.method in ("alias", "fuzzy"):
            # a dateline that names a state, province or country (CALIFORNIË (ANP))
            area = resolve_mention(gaz, name, Evidence(prior=prior))
            if area is not None and (link is None or area.feature in _AREA_FEATURES):
                link = area
        links.append(link)
    return tuple(links)


def link_story_places(
    story: Story,
    page_text: str,
    gaz: Gazetteer,
    default_countries: Sequence[str] = DEFAULT_COUNTRIES,
) -> tuple[PlaceLink | None, ...]:
    """One PlaceLink (or None) per dateline place of ``story``, in order."""
    return link_dateline(story.dateline, page_text, story, gaz, default_countries)


def _page_prior(page: Page, default: Sequence[str]) -> tuple[str, ...]:
    """The page's source countries: home countries of the agencies in its datelines and of
    agency names among its entities (a Belga page is Belgian, an ANP page Dutch); else
    ``default``."""
    found: list[str] = []
    for story in page.stories:
        if story.dateline is not None:
            found += [c for ag in story.dateline.agencies if (c := home_country(ag.code))]
        for ent in story.entities:
            if ent.kind == "organisation":
                info = lookup_agency(ent.text)
                if info is not None and info.country:
                    found.append(info.country)
    return _dedupe(found) or tuple(default)


def _unique_countries(story: Story, gaz: Gazetteer) -> list[str]:
    """Countries of the story's place mentions that have readings in one country only."""
    out: list[str] = []
    for ent in story.entities:
        if ent.kind != "place":
            continue
        link = resolve_mention(gaz, ent.text)
        if link is not None and link.country_code and not link.alternatives:
            out.append(link.country_code)
    return out


# before a one-word "person" that is really a place: "in", "bij", "rond", "senator van", or
# "<place> en" (Kiev en Charkov)
_PLACE_BEFORE = re.compile(
    r"(?:^|\s)(?:in|bij|nabij|rond|uit|naar|vanuit|van|tussen|richting)\s+$", re.IGNORECASE
)
_AND_BEFORE = re.compile(r"(?:,|\s+en|\s+of)\s+$")
_RELABEL_MIN_POPULATION = 20_000
_REGION_KINDS = frozenset({"admin1", "admin2", "continent", "region"})


_RELABELLED = frozenset({"person", "other", "nationality"})  # the kinds _relabel_one changes


def _relabel_places(story: Story, page_text: str, gaz: Gazetteer, surnames: set[str]) -> Story:
    """Entities the model called a person that are clearly places: one word, not the surname
    of a fuller person mention on the page, after a locative word or coordinated with a place
    (``Kiev en Charkov``), with a prominent reading in the gazetteer (a region, a capital or
    ≥ 20,000 people); and "other" (MISC) spans that are exactly the name of a region."""
    ents = list(story.entities)
    changed = False
    place_ends: set[int] = set()  # ends of the places so far (entities are sorted by start)
    for i, ent in enumerate(ents):
        if ent.kind in _RELABELLED:
            _relabel_one(ents, i, page_text, gaz, surnames, place_ends)
            if ents[i] is not ent:
                changed = True
        if ents[i].kind == "place":
            place_ends.add(ents[i].end)
    return attrs.evolve(story, entities=tuple(ents)) if changed else story


def _relabel_one(
    ents: list[Entity],
    i: int,
    page_text: str,
    gaz: Gazetteer,
    surnames: set[str],
    place_ends: set[int],
) -> None:
    ent = ents[i]
    word = ent.text.strip()
    if ent.kind in ("other", "nationality") and word and gaz.country(word) is None:
        # a MISC span that is exactly a region's name (Zeeuws-Vlaanderen, Midden-Oosten)
        area = resolve_mention(gaz, word)
        if area is not None and area.method == "area" and area.feature in _REGION_KINDS:
            ents[i] = attrs.evolve(ent, kind="place")
        return
    if ent.kind != "person" or not word or " " in word or name_key(word) in surnames:
        return
    before = page_text[max(0, ent.start - 30) : ent.start]
    after_place = bool(_AND_BEFORE.search(before)) and any(
        ent.start - d in place_ends for d in range(6)
    )
    if not (after_place or _PLACE_BEFORE.search(before)):
        return
    link = resolve_mention(gaz, word)
    if link is None or link.method == "fuzzy":
        return
    prominent = link.feature in _AREA_FEATURES or link.feature == "capital"
    if prominent or (link.population or 0) >= _RELABEL_MIN_POPULATION:
        ents[i] = attrs.evolve(ent, kind="place")


def _place_link(
    ent: Entity,
    gaz: Gazetteer,
    page_text: str,
    evidence: Evidence,
    dateline_keys: dict[str, PlaceLink],
) -> PlaceLink | None:
    if not name_key(ent.text):
        return None
    key = dateline_key(ent.text)
    if key and key in dateline_keys:
        return dateline_keys[key]
    cue = read_cue(page_text[max(0, ent.start - 60) : ent.start], gaz)
    link = resolve_mention(
        gaz, ent.text, evidence if cue == evidence.cue else attrs.evolve(evidence, cue=cue)
    )
    first, _, rest = ent.text.strip().partition(" ")
    if link is None and rest and first[:1].isupper() and first.endswith("e"):
        # the model took the cue into the span: "Noord-Hollandse Bergen", "Duitse Keulen"
        cue = read_cue(f"het {first} ", gaz)
        if cue.country or cue.region:
            link = resolve_mention(gaz, rest, attrs.evolve(evidence, cue=cue))
    return link


def _nationality_link(ent: Entity, gaz: Gazetteer) -> PlaceLink | None:
    link = gaz.country(ent.text)
    if link is None and " " in ent.text.strip():
        link = gaz.country(ent.text.split()[0], fuzzy=False)
    return link


def _event_place(
    story: Story,
    page_text: str,
    links: Sequence[PlaceLink | KBLink | None],
    filing: tuple[PlaceLink | None, ...],
) -> tuple[PlaceLink | None, bool]:
    """The place the lead reports from: first body place after a locative preposition."""
    filing_ids = {f.geonameid for f in filing if f is not None}
    start = story.dateline.end if story.dateline else (story.body.start if story.body else 0)
    lead_end = min(story.end, start + _LEAD_CHARS)
    m = _SENTENCE_END.search(page_text, start, lead_end)
    if m:
        lead_end = m.end()
    default = next((f for f in filing if f is not None), None)
    for i, ent in enumerate(story.entities):
        if ent.kind != "place" or ent.start < start or ent.start >= lead_end:
            continue
        link = links[i]
        if not isinstance(link, PlaceLink) or link.feature in _AREA_FEATURES:
            continue
        if not _LOCATIVE.search(page_text[max(start, ent.start - 40) : ent.start]):
            continue
        elsewhere = (
            bool(filing_ids)
            and link.geonameid not in filing_ids
            and not any(f is not None and _distance_km(f, link) < _NEAR_KM for f in filing)
        )
        return link, elsewhere
    return default, False


def _distance_km(a: PlaceLink, b: PlaceLink) -> float:
    """Great-circle distance; infinite when a point has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _canonical(kind: str, ents: Sequence[Entity], link: PlaceLink | KBLink | None) -> str:
    if link is not None:
        return link.name
    texts = [e.text.strip() for e in ents]
    if len(texts) == 1:
        return texts[0]
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    first = list(counts)  # each name once, in order of appearance: max keeps the first best
    if kind == "person":
        return max(first, key=lambda t: (len(person_parts(t)[0]), len(t)))
    if kind == "organisation":
        return max(first, key=lambda t: (not t.isupper(), len(t)))
    return max(first, key=lambda t: (counts[t], not t.isupper()))


def _best_link(links: Sequence[PlaceLink | KBLink | None]) -> PlaceLink | KBLink | None:
    best: PlaceLink | KBLink | None = None
    for link in links:
        if link is not None and (best is None or link.score > best.score):
            best = link
    return best


def _with(ent: Entity, kind: str, link: PlaceLink | KBLink | None, cluster: str | None) -> Entity:
    """``ent`` with another kind, link and cluster (``attrs.evolve`` costs 3× as much here,
    once per entity of every page)."""
    return Entity(ent.text, ent.start, ent.end, kind, ent.label, ent.source, cluster, link)


def link_page(
    page: Page,
    *,
    gazetteer: Gazetteer | None = None,
    kb: KnowledgeBase | None = None,
    default_countries: Sequence[str] = DEFAULT_COUNTRIES,
) -> Page:
    """Link a parsed page whose stories carry datelines and entities.

    Fills ``story.dateline.links`` (one :class:`PlaceLink` or None per dateline place),
    ``entity.link`` (places and nationalities → GeoNames places / countries; persons,
    organisations — and places, overriding the gazetteer — → ``kb`` records), ``entity.cluster``
    (ids shared by name variants within the page), ``story.event_place`` /
    ``story.event_elsewhere`` and ``page.entities`` (one :class:`PageEntity` per cluster).
    ``default_countries`` is the prior for datelines without an agency. Returns a new page.
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    text = page.text
    prior = _page_prior(page, default_countries)
    named = [_story_countries(story, gaz) for story in page.stories]
    page_countries = _dedupe(cc for countries in named for cc in countries)
    surnames = {
        name_key(ent.text.split()[-1])
        for story in page.stories
        for ent in story.entities
        if ent.kind == "person" and len(ent.text.split()) > 1
    }
    # a dateline the format keeps only in metadata (AFP NewsML: "Paris, 9 déc 2018 (AFP)") is
    # linked as a text dateline is, and is the filing place of the stories without their own
    meta = page.meta
    meta_dl = meta.dateline if meta is not None else None
    meta_links: tuple[PlaceLink | None, ...] = ()
    if meta is not None and meta_dl is not None and page.stories:
        meta_links = link_dateline(
            meta_dl,
            meta.dateline_text or "",
            page.stories[0],
            gaz,
            default_countries,
            countries=named[0],
        )
        meta = attrs.evolve(meta, dateline=attrs.evolve(meta_dl, links=meta_links))
    linked_stories: list[tuple[Story, Dateline | None, PlaceLink | None, bool]] = []
    mentions: list[Mention] = []
    for s_idx, story in enumerate(page.stories):
        relabelled = _relabel_places(story, text, gaz, surnames)
        countries = named[s_idx] if relabelled is story else _story_countries(relabelled, gaz)
        story = relabelled
        dl = story.dateline
        dl_links = link_dateline(dl, text, story, gaz, default_countries, countries=countries)
        filing = dl_links if dl is not None else meta_links
        context = _dedupe(
            [
                *(lk.country_code for lk in filing if lk is not None and lk.country_code),
                *countries,
                *_unique_countries(story, gaz),
                *page_countries,
            ]
        )
        evidence = Evidence(countries=context, prior=prior)
        # a dateline place is keyed once (dateline_key): its own entity takes the dateline's
        # link by position, a body mention of its name by that key
        dateline_keys: dict[str, PlaceLink] = {}
        dateline_spans: dict[tuple[int, int], PlaceLink | None] = {}
        if dl is not None:
            for span, lk in zip(dl.places, dl_links, strict=True):
                dateline_spans[span.start, span.end] = lk
                if lk is not None:
                    dateline_keys.setdefault(dateline_key(span.text), lk)
        elif meta_links:
            for span, lk in zip(meta_dl.places, meta_links, strict=True):  # type: ignore[union-attr]
                if lk is not None:
                    dateline_keys.setdefault(dateline_key(span.text), lk)
        agencies = dl.agencies if dl is not None else ()
        links: list[PlaceLink | KBLink | None] = []
        for ent in story.entities:
            link: PlaceLink | KBLink | None = None
            kb_link = kb.lookup(ent.text, kind=ent.kind) if kb is not None else None
            if kb_link is not None:
                link = kb_link  # the user's knowledge base overrides the gazetteer
            elif ent.source == "dateline" and (ent.start, ent.end) in dateline_spans:
                link = dateline_spans[ent.start, ent.end]
            elif ent.kind == "place":
                link = _place_link(ent, gaz, text, evidence, dateline_keys)
            elif ent.kind == "nationality":
                link = _nationality_link(ent, gaz)
            links.append(link)
            if ent.kind == "nationality" and link is None and ent.label == "MISC":
                # a CoNLL MISC that names no country is an event or a work, not a nationality
                linked = _with(ent, "other", ent.link, ent.cluster)
            elif link is ent.link:
                linked = ent  # nothing to link (most persons and organisations)
            else:
                linked = _with(ent, ent.kind, link, ent.cluster)
            aliases: tuple[str, ...] = ()
            if ent.kind == "organisation" and agencies:
                aliases = tuple(
                    name
                    for ag in agencies
                    if ag.start <= ent.start and ent.end <= ag.end
                    for name in (ag.code, ag.name)
                    if name
                )
            mentions.append(Mention(s_idx, ent.start, linked, aliases))
        event, elsewhere = _event_place(story, text, links, filing)
        new_dl = attrs.evolve(dl, links=dl_links) if dl is not None else None
        linked_stories.append((story, new_dl, event, elsewhere))

    # clusters over the whole page
    roots = cluster_mentions(mentions, text)
    order: dict[int, str] = {}
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        if r not in order:
            order[r] = f"c{len(order) + 1}"
            members[r] = [i]
        else:
            members[r].append(i)

    final_stories: list[Story] = []
    pos = 0
    for story, new_dl, event, elsewhere in linked_stories:
        ents = []
        for _ent in story.entities:
            e = mentions[pos].entity
            ents.append(_with(e, e.kind, e.link, order[roots[pos]]))
            pos += 1
        final_stories.append(
            attrs.evolve(
                story,
                dateline=new_dl,
                event_place=event,
                event_elsewhere=elsewhere,
                entities=tuple(ents),
            )
        )

    page_entities: list[PageEntity] = []
    for r, cid in order.items():
        idxs = members[r]
        if len(idxs) == 1:  # most clusters: one mention
            m = mentions[idxs[0]]
            e = m.entity
            name = e.link.name if e.link is not None else e.text.strip()
            page_entities.append(PageEntity(cid, name, e.kind, 1, (m.story,), e.link))
            continue
        ents = [mentions[i].entity for i in idxs]
        kind = ents[0].kind
        link = _best_link([e.link for e in ents])
        page_entities.append(
            PageEntity(
                cluster=cid,
                name=_canonical(kind, ents, link),
                kind=kind,
                mentions=len(ents),
                stories=tuple(sorted({mentions[i].story for i in idxs})),
                link=link,
            )
        )
    return attrs.evolve(
        page, stories=tuple(final_stories), entities=tuple(page_entities), meta=meta
    )


class Linker:
    """The link stage as a callable ``page → page``: page-level consistency of entity kinds
    (:func:`wirenlp.linking.consistency.harmonise`; ``consistency=False`` skips it), then
    :func:`link_page` with a fixed gazetteer (default: the shipped one) and optional knowledge
    base. :class:`wirenlp.Enricher` runs one on every page it enriches; pass your own (any
    ``Callable[[Page], Page]``) to change it."""

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        gazetteer: Gazetteer | None = None,
        default_countries: Sequence[str] = DEFAULT_COUNTRIES,
        consistency: bool = True,
    ) -> None:
        self.kb = kb
        self.gazetteer = gazetteer
        self.default_countries = tuple(default_countries)
        self.consistency = consistency

    def __call__(self, page: Page) -> Page:
        """Harmonise and link ``page`` (see :func:`link_page`)."""
        if self.consistency:
            page = harmonise(page)
        return link_page(
            page,
            gazetteer=self.gazetteer,
            kb=self.kb,
            default_countries=self.default_countries,
        )
