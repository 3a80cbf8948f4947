"""Entity kinds from what wirenlp knows: a step after the model, before linking.

A statistical model decides each span from its context; wirenlp also *knows* names: the
gazetteer (places with population, regions, countries, Dutch exonyms, nationality words), given
names (``data/first_names.txt.gz``), organisations (``data/organisations.txt.gz``), common Dutch
words (OpenTaal) and the user's knowledge base. :func:`arbitrate` weighs each entity of a page
against that knowledge, rule by rule (each can be switched off, see :data:`RULES`):

``word``
    a span that starts or ends inside a word (``Post`` of ``PostNL-topvrouw``) is no entity.
``demonym``
    a nationality adjective or demonym (``Oekraïense``, ``Russen``) is a nationality, never a
    person, place or organisation.
``adjective``
    a nationality adjective before a name is split off: ``Duitse Nettetal`` → ``Duitse``
    (nationality) + ``Nettetal``.
``function``
    a person span stops at its last capitalised word: ``Peter Jansen van de politie`` →
    ``Peter Jansen`` (particles before a capitalised word stay: ``Ursula von der Leyen``).
``road``
    a road number (``A73``, ``N201``, ``E40``) is a place, not an organisation or person.
``place``
    a person span that names a known country, region, or a town of the gazetteer, with no
    person evidence (no known given name, no title or role word before it, the user's
    knowledge base does not call it a person, no full name on the page ending in it), is a
    place.
``org``
    a span that is a known organisation becomes one; a known organisation name the model
    missed, written as a whole capitalised word (sequence), is added.
``noname``
    a one-word person span with no person evidence that is a common Dutch word written with a
    capital (``Post``, ``Brand``) is no entity; an acronym (``PVV``, ``KNVB``) is an
    organisation.
``compound``
    in a hyphenated compound of a known name and a lower-case word (``NAVO-top``,
    ``FNV-voorzitter``, ``Oekraïne-oorlog``) the name is an entity of its kind with exact
    offsets; hyphenated names (``VNO-NCW``, ``Baden-Württemberg``) stay whole.
``recall``
    a capitalised name the gazetteer knows as a place, in a locative frame (``in``, ``uit``,
    ``bij``, ``naar``, ``te``, ``vanuit`` X; ``inwoners van`` X) is added as a place when the
    model missed it — unless it is a known given name, an organisation or a common Dutch word.
    After ``de gemeente``, ``de provincie``, ``het dorp`` or ``de stad`` the frame itself names
    the kind: a capitalised name there is a place even when the gazetteer lacks it
    (``de gemeente Land van Cuijk``).

Changed or added entities get ``source="kinds"`` and a label of the pipeline's scheme. Works on
the entities of any model. Pure Python: lookups in precomputed sets and one regular-expression
pass per rule over the page text.
"""

from __future__ import annotations

import bisect
import gzip
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import attrs

from ..parsing.normalize import name_key
from ..records import Entity, Page, Story
from .assembly import non_overlapping

if TYPE_CHECKING:  # pragma: no cover
    from ..linking.gazetteer import Gazetteer
    from ..linking.kb import KnowledgeBase
    from .labels import LabelScheme

__all__ = ["DEFAULT_RULES", "RULES", "KindArbiter", "arbitrate", "first_names", "organisations"]

RULES: tuple[str, ...] = (
    "word",
    "demonym",
    "adjective",
    "function",
    "road",
    "place",
    "org",
    "noname",
    "compound",
    "recall",
)
"""The rules of :func:`arbitrate`, in the order they run."""

DEFAULT_RULES: frozenset[str] = frozenset(RULES) - {"compound"}
"""The rules the Enricher applies by default. ``compound`` is left out: the wire NER gold
(``wire/dev/ner_gold_README.md``, rule 6) annotates no part of a ``NAME-noun`` compound, so the
rule costs ORG precision there (see docs/entities.md); switch it on with
``Enricher(kinds=RULES)``."""

#: Smallest population of a town (outside the Netherlands and Belgium) that makes a bare
#: single-word person span a place, and that a locative frame accepts.
TOWN_POPULATION = 20_000
#: Smallest population of a first- or second-level region (outside the Netherlands and
#: Belgium) that outweighs a given name (``Florida``, not the Thai province ``Nan``).
REGION_POPULATION = 1_000_000
_HOME = frozenset({"NL", "BE"})
_PARTICLES = frozenset(
    "van de der den het ter ten te 't in op von di da del della la le du des bin al el y zu "
    "vande vander".split()
)
# inside a person's name: particles, and "geb." before a maiden name ("Zegers geb. de Groot")
_NAME_JOINERS = _PARTICLES | {"geb.", "geboren", "e.v.", "en"}
_TITLES = frozenset(
    """
    meneer mevrouw heer dhr dhr. mw mw. mevr mevr. sir lady lord mr mr. dr dr. prof prof. ir ir.
    ds ds. drs drs. ing ing. zanger zangeres rapper acteur actrice schrijver schrijfster
    minister premier president burgemeester wethouder gouverneur senator kamerlid koning
    koningin prins prinses paus generaal trainer coach bondscoach voorzitter directeur topman
    topvrouw ceo woordvoerder advocaat rechter officier aanklager hoogleraar oud-premier
    oud-minister ex-president staatssecretaris kanselier
    broer zus zoon dochter vader moeder echtgenote echtgenoot vriend vriendin collega neef
    nicht oom tante opa oma mej mej. mejuffrouw hr hr. den zei zegt aldus vertelde schreef
    """.split()
)
_SPEECH_AFTER = re.compile(r"\s*(?:\(\d{1,3}\)|,?\s+(?:zei|zegt|zegt\s|aldus|vertelde|liet)\b)")
_AGENTIVE = re.compile(r"(?:[^aeiou]er|ster|aar|eur|ist|man|vrouw|ant|ent)$")
# a locative preposition right before a span ("in Houston", "vanuit Brussel")
_LOCATIVE_BEFORE = re.compile(r"(?:^|(?<![\w-]))(?:in|uit|naar|te|vanuit|nabij)\s+\Z")
_NEXT_WORD = re.compile(r"\s+\S+")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_ROAD = re.compile(r"[ANE]\d{1,3}")
_NEXT_NAME = re.compile(r"(?:[ ](?:[A-ZÀ-Þ][\w'’&-]*)){1,4}(?=[\s,;:!?)]|\.(?:\s|$)|$)")
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.&]*"
_NAME_WORD = re.compile(r"(?<![\w'’.&-])[A-ZÀ-ÖØ-Þ][\w'’&]*(?:\.\w+)*(?:-[A-ZÀ-ÖØ-Þ][\w'’&]*)*")
_COMPOUND = re.compile(rf"(?<![\w'’.&-])({_CAP}(?:-{_CAP})*)-([a-zà-ÿ][\w]*)(?![\w'’-])")
# a place name in a frame: capitalised words, joined by a few linking particles
# at most five words (a place name is short; bounded so that a run of capitalised words costs
# linear time)
_PCAP = r"[A-ZÀ-ÖØ-Þ][\w'’&]*"
_PLACE = (
    rf"{_PCAP}(?:-{_PCAP}){{0,3}}(?:\s+(?:(?:van|aan|op|en|bij|ter|ten)\s+(?:(?:de|den|der|het)\s+)?)?"
    rf"{_PCAP}(?:-{_PCAP}){{0,3}}){{0,4}}"
)
_WORD = re.compile(r"\S+")
_LOCATIVE = re.compile(
    rf"(?<![\w-])(?:(in|uit|bij|naar|te|vanuit|nabij|inwoners?\s+van)|"
    rf"((?:de|het)\s+(?:gemeente|provincie|dorp|stad|woonplaats|deelstaat|regio)))\s+"
    rf"(?:(?:het|de)\s+([A-ZÀ-Þ][\w-]*(?:se|sche))\s+)?({_PLACE})"
)
_ROAD_IN_TEXT = re.compile(r"(?<=\bde )[ANE]\d{1,3}(?![\w-])")


@cache
def _word_list(name: str) -> frozenset[str]:
    path = resources.files("wirenlp") / "data" / name
    with path.open("rb") as fh:
        return frozenset(w for w in gzip.decompress(fh.read()).decode("utf-8").split("\n") if w)


def first_names() -> frozenset[str]:
    """Known given names (Faker's Latin-script locales and ParlaMint-NL), as written."""
    return _word_list("first_names.txt.gz")


@cache
def organisations() -> dict[str, str]:
    """Known organisation names by :func:`name_key` → the name as listed."""
    return {name_key(n): n for n in _word_list("organisations.txt.gz")}


@cache
def _org_first_words() -> dict[str, int]:
    """First word of each organisation name → the largest word count of names starting so."""
    out: dict[str, int] = {}
    for name in _word_list("organisations.txt.gz"):
        words = name.split()
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _common_words() -> frozenset[str]:
    from ..linking.consistency import common_words

    return common_words()


def _rule_set(rules: Iterable[str]) -> frozenset[str]:
    return frozenset(rules)


def _labels_of(scheme: LabelScheme | None) -> dict[str, str]:
    if scheme is None:
        return {"person": "PER", "organisation": "ORG", "place": "LOC", "nationality": "MISC"}
    out = {"place": scheme.place_label, "organisation": scheme.org_label}
    for label, kind in scheme.table.items():
        out.setdefault(kind, label)
    out.setdefault("nationality", "MISC")
    out.setdefault("person", "PER")
    return out


@attrs.define
class KindArbiter:
    """The knowledge behind :func:`arbitrate`, loaded once; call it on a page.

    ``rules``: the names in :data:`RULES` to apply (all by default); ``scheme``: the pipeline's
    label scheme (labels of changed and added entities); ``kb``: the user's knowledge base
    (records with a kind are evidence for that kind).
    """

    rules: frozenset[str] = attrs.field(default=DEFAULT_RULES, converter=_rule_set)
    scheme: LabelScheme | None = None
    kb: KnowledgeBase | None = None
    gazetteer: Gazetteer | None = None
    labels: dict[str, str] = attrs.field(init=False)
    _ranks: dict[str, int] = attrs.field(init=False, factory=dict, repr=False)

    @rules.validator
    def _check(self, _attr: object, value: frozenset[str]) -> None:
        unknown = value - set(RULES)
        if unknown:
            raise ValueError(f"unknown kind rules {sorted(unknown)}; known: {', '.join(RULES)}")

    def __attrs_post_init__(self) -> None:
        self.labels = _labels_of(self.scheme)

    # --- knowledge --------------------------------------------------------------------------

    @property
    def gaz(self) -> Gazetteer:
        if self.gazetteer is None:
            from ..linking.gazetteer import Gazetteer

            self.gazetteer = Gazetteer.default()
        return self.gazetteer

    def _kb_kind(self, text: str) -> str | None:
        if self.kb is None:
            return None
        link = self.kb.lookup(text)
        return link.kind if link is not None and link.score >= 100.0 else None

    def place_rank(self, text: str) -> int:
        """How surely ``text`` names a place: 3 a country or first-level region, 2 a town of at
        least :data:`TOWN_POPULATION` (any Dutch or Belgian place), 1 a smaller town, 0 none."""
        rank = self._ranks.get(text)
        if rank is None:
            if len(self._ranks) > 100_000:
                self._ranks.clear()
            rank = self._ranks[text] = self._place_rank(text)
        return rank

    def _place_rank(self, text: str) -> int:
        key = name_key(text)
        if not key:
            return 0
        gaz = self.gaz
        kind = gaz.country_kind(text)
        if kind == "name":
            return 3
        if kind is not None:
            return 0  # a nationality word
        if len(key) > 3 and gaz.us_state(text) is not None:
            return 3
        best = 0
        for j in gaz.index.area_rows(key):
            feature, cc, _code, _name, _lat, _lon, pop = gaz.index.areas[j][:7]
            big = int(pop or 0) >= REGION_POPULATION or (feature == "admin1" and not pop)
            if feature in ("region", "continent") or (
                feature != "airport" and (cc in _HOME or big)
            ):
                return 3
            if feature != "airport" and int(pop or 0) >= TOWN_POPULATION:
                best = 2
        for row, _q, method in gaz.index.candidates(key):
            if method != "exact" and gaz.index.pop[row] < TOWN_POPULATION:
                continue
            cc = gaz.index.cc(row)
            if gaz.index.pop[row] >= TOWN_POPULATION or cc in _HOME:
                best = max(best, 2)
            else:
                best = max(best, 1)
        return best

    def nationality(self, word: str) -> bool:
        """A nationality adjective or demonym (``Duitse``, ``Russen``)."""
        return self.gaz.country_kind(word) in ("adjective", "demonym")

    def org_name(self, text: str) -> bool:
        return name_key(text) in organisations() or self._kb_kind(text) == "organisation"

    def person_evidence(
        self, text: str, start: int, page_text: str, surnames: set[str], *, names: bool = True
    ) -> bool:
        """A person's marks around a span: the knowledge base calls it a person, a full name on
        the page ends in it, a title, role or kinship word before it, a verb of saying or an
        age after it; with ``names``, also a known given name as its (first) word."""
        words = text.split()
        if not words:
            return False
        if self._kb_kind(text) == "person" or text in surnames:
            return True
        if names and words[0] in first_names():
            return True
        prev = _prev_word(page_text, start).lower().rstrip(",")
        if prev in _TITLES or (
            len(prev) >= 6 and prev in _common_words() and _AGENTIVE.search(prev) is not None
        ):
            return True
        return _SPEECH_AFTER.match(page_text, start + len(text)) is not None

    # --- the step ---------------------------------------------------------------------------

    def __call__(self, page: Page) -> Page:
        if not self.rules or page.error is not None:
            return page
        stories: list[Story] = []
        changed = False
        for story in page.stories:
            ents = self._story(page.text, story)
            if ents is not None:
                story = attrs.evolve(story, entities=ents)
                changed = True
            stories.append(story)
        return attrs.evolve(page, stories=stories) if changed else page

    def _relabel(self, ent: Entity, kind: str) -> Entity:
        return attrs.evolve(ent, kind=kind, label=self.labels[kind], source="kinds")

    def _new(self, text: str, start: int, end: int, kind: str) -> Entity:
        return Entity(text[start:end], start, end, kind, self.labels[kind], "kinds")

    def _story(self, text: str, story: Story) -> list[Entity] | None:
        rules = self.rules
        out: list[Entity] = []
        surnames = {
            e.text.split()[-1]
            for e in story.entities
            if e.kind == "person" and " " in e.text and e.text[:1].isupper()
        }
        changed = False
        for ent in story.entities:
            new = self._entity(text, ent, surnames) if ent.source != "dateline" else [ent]
            if len(new) != 1 or new[0] is not ent:
                changed = True
            out.extend(new)
        added: list[Entity] = []
        if "compound" in rules:
            out, extra, c = self._compounds(text, story, out)
            added += extra
            changed |= c
        if "org" in rules:
            added += self._org_recall(text, story, out)
        if "recall" in rules:
            extra, merged = self._place_recall(text, story, [*out, *added])
            if merged:
                out = [e for e in out if (e.start, e.end) not in merged]
            added += extra
        if "road" in rules:
            taken = _Spans((e.start, e.end) for e in [*out, *added])
            for m in _ROAD_IN_TEXT.finditer(text, story.start, story.end):
                if not taken.overlapping(m.start(), m.end()):
                    added.append(self._new(text, m.start(), m.end(), "place"))
        if added:
            out = non_overlapping([*out, *added], lambda e: (e.start, e.end))
            changed = True
        if not changed:
            return None
        out.sort(key=lambda e: e.start)
        return out

    def _entity(self, text: str, ent: Entity, surnames: set[str]) -> list[Entity]:
        rules = self.rules
        kind = ent.kind
        if kind not in ("person", "place", "organisation"):
            return [ent]
        if "word" in rules and (
            (ent.start > 0 and text[ent.start - 1].isalnum())
            or (ent.end < len(text) and text[ent.end].isalnum())
        ):
            return []
        if "function" in rules and ent.text != _trim_dot(ent.text):
            ent = attrs.evolve(ent, text=_trim_dot(ent.text), end=ent.end - 1, source="kinds")
        words = ent.text.split()
        if "demonym" in rules and len(words) == 1 and self.nationality(ent.text):
            return [
                attrs.evolve(
                    ent, kind="nationality", label=self.labels["nationality"], source="kinds"
                )
            ]
        if (
            "adjective" in rules
            and kind in ("person", "place")
            and len(words) > 1
            and self.nationality(words[0])
            and words[1][:1].isupper()
            and self.place_rank(ent.text) == 0
        ):
            cut = ent.start + len(words[0])
            while text[cut].isspace():
                cut += 1
            rest = text[cut : ent.end]
            rest_kind = "place" if self.place_rank(rest) else kind
            return [
                self._new(text, ent.start, ent.start + len(words[0]), "nationality"),
                *self._entity(text, self._new(text, cut, ent.end, rest_kind), surnames),
            ]
        if "function" in rules and kind == "person" and len(words) > 1:
            keep = len(words)
            while keep > 1 and not words[keep - 1][:1].isupper():
                keep -= 1
            for k in range(1, keep):
                if not words[k][:1].isupper() and words[k].lower() not in _NAME_JOINERS:
                    keep = k
                    break
            if keep < len(words):
                end = ent.start + len(" ".join(words[:keep]))
                if text[ent.start : end] == " ".join(words[:keep]):
                    ent = attrs.evolve(ent, text=text[ent.start : end], end=end, source="kinds")
                    words = words[:keep]
        if "road" in rules and kind != "place" and _ROAD.fullmatch(ent.text):
            return [attrs.evolve(ent, kind="place", label=self.labels["place"], source="kinds")]
        if "org" in rules and kind == "person" and self.org_name(ent.text):
            return [self._relabel(ent, "organisation")]
        if (
            "place" in rules
            and kind == "organisation"
            and not self.org_name(ent.text)
            and (
                (" " not in ent.text and self.place_rank(ent.text) >= 3)
                or (
                    _LOCATIVE_BEFORE.search(text[max(0, ent.start - 10) : ent.start])
                    and self.place_rank(ent.text) >= 2
                )
            )
        ):
            return [attrs.evolve(ent, kind="place", label=self.labels["place"], source="kinds")]
        if "function" in rules and kind == "place" and self.place_rank(ent.text) == 0:
            m = _NEXT_NAME.match(text, ent.end)
            if m is not None:  # "Trade" of "Trade Port": the whole name
                ent = attrs.evolve(ent, text=text[ent.start : m.end()], end=m.end(), source="kinds")
        if (
            "noname" in rules
            and kind == "person"
            and len(words) == 1
            and self.place_rank(ent.text) == 0
            and not self.person_evidence(ent.text, ent.start, text, surnames)
        ):
            if _ACRONYM.fullmatch(ent.text):
                return [self._relabel(ent, "organisation")]
            if ent.text.lower() in _common_words() and not _sentence_start(text, ent.start):
                return []
        if "place" in rules and kind == "person":
            rank = self.place_rank(ent.text)
            # a country or region outweighs a given name (Georgia, Israel), not a title
            if rank >= 2 and not self.person_evidence(
                ent.text, ent.start, text, surnames, names=rank < 3
            ):
                return [attrs.evolve(ent, kind="place", label=self.labels["place"], source="kinds")]
        return [ent]

    def _compounds(
        self, text: str, story: Story, ents: list[Entity]
    ) -> tuple[list[Entity], list[Entity], bool]:
        """Names inside ``NAME-lowercase`` compounds, with exact offsets."""
        added: list[Entity] = []
        by_span = {(e.start, e.end): e for e in ents}
        spans = _Spans(by_span)
        dropped: set[tuple[int, int]] = set()
        for m in _COMPOUND.finditer(text, story.start, story.end):
            name = m.group(1)
            start, end = m.start(1), m.end(1)
            if _after_name(text, start):
                continue  # the last word of a longer name ("Air France-vliegtuig")
            kind = self._known_kind(name)
            if kind is None:
                continue
            hit = [by_span[sp] for sp in spans.overlapping(start, m.end())]
            if any(e.source == "dateline" for e in hit):
                continue
            if hit and not all(e.start >= start and e.end <= m.end() for e in hit):
                continue  # a longer entity around it ("Air France-KLM-…")
            dropped.update((e.start, e.end) for e in hit)
            added.append(self._new(text, start, end, kind))
        if dropped:
            ents = [e for e in ents if (e.start, e.end) not in dropped]
        return ents, added, bool(dropped)

    def _known_kind(self, name: str) -> str | None:
        if self.org_name(name):
            return "organisation"
        if self.place_rank(name) >= 2:
            return "place"
        if self._kb_kind(name) == "person":
            return "person"
        return None

    def _org_recall(self, text: str, story: Story, ents: list[Entity]) -> list[Entity]:
        firsts = _org_first_words()
        orgs = organisations()
        taken = _Spans((e.start, e.end) for e in ents)
        out: list[Entity] = []
        dl = story.dateline
        for m in _NAME_WORD.finditer(text, story.start, story.end):
            n = firsts.get(m.group())
            if n is None:
                continue
            start = m.start()
            if dl is not None and start < dl.end and m.end() > dl.start:
                continue
            end = None
            # longest listed name starting here, up to n words
            j, words = m.end(), 1
            if name_key(m.group()) in orgs:
                end = m.end()
            while words < n:
                nxt = _NEXT_WORD.match(text, j)
                if nxt is None:
                    break
                j, words = nxt.end(), words + 1
                cand = text[start:j].rstrip(",.;:")
                if name_key(cand) in orgs and cand == " ".join(cand.split()):
                    end = start + len(cand)
            if end is None:
                continue
            if text[end : end + 1] == "-" or (start > 0 and text[start - 1] in "-@"):
                continue  # compounds are the compound rule's
            if taken.overlapping(start, end):
                continue
            surface = text[start:end]
            if surface.isupper() is False and surface.lower() in _common_words():
                continue
            out.append(self._new(text, start, end, "organisation"))
            taken.add(start, end)
        return out

    def _place_recall(
        self, text: str, story: Story, ents: list[Entity]
    ) -> tuple[list[Entity], set[tuple[int, int]]]:
        """Places in locative frames the model missed (``in Venlo en Roermond``: both); and
        the parts of a multi-word place the model cut in pieces (``Dijk`` + ``Waard``) that a
        frame names whole."""
        taken = _Spans((e.start, e.end) for e in ents)
        kinds = {(e.start, e.end): e.kind for e in ents if e.source != "dateline"}
        merged: set[tuple[int, int]] = set()
        dl = story.dateline
        out: list[Entity] = []
        for m in _LOCATIVE.finditer(text, story.start, story.end):
            strong = m.group(2) is not None
            if m.group(3) is not None and not self.nationality(m.group(3)):
                continue
            if dl is not None and m.start(4) < dl.end:
                continue
            words = [(w.start() + m.start(4), w.end() + m.start(4)) for w in _WORD.finditer(m[4])]
            i = 0
            while i < len(words):
                span = self._frame_place(text, words, i, strong and i == 0)
                if span is None:
                    break
                start, end, k = span
                inside = taken.overlapping(start, end)
                ok = self._recall_ok(text[start:end], strong, m.group(1))
                if ok and inside:
                    ok = (
                        (strong or self.place_rank(text[start:end]) >= 2)
                        and " " in text[start:end]
                        and inside != [(start, end)]
                        and all(
                            start <= s and e <= end and kinds.get((s, e)) == "place"
                            for s, e in inside
                        )
                    )
                    if ok:
                        merged.update(inside)
                        taken.remove(inside)
                if ok:
                    out.append(self._new(text, start, end, "place"))
                    taken.add(start, end)
                # a list in the same frame: "in Venlo en Roermond"
                if k < len(words) and text[words[k][0] : words[k][1]] == "en":
                    i = k + 1
                else:
                    break
        return out, merged

    def _frame_place(
        self, text: str, words: list[tuple[int, int]], i: int, strong: bool
    ) -> tuple[int, int, int] | None:
        """The longest place name starting at word ``i``: (start, end, next word index)."""
        start = words[i][0]
        for k in range(len(words), i, -1):
            last = text[words[k - 1][0] : words[k - 1][1]]
            if last.lower() in _PARTICLES or last == "en":
                continue
            rank = self.place_rank(text[start : words[k - 1][1]])
            if rank >= 2 or (strong and rank >= 1):
                return start, words[k - 1][1], k
        if strong:  # the frame names the kind: the whole name
            return start, words[-1][1], len(words)
        return None

    def _recall_ok(self, found: str, strong: bool, prep: str | None) -> bool:
        """The precision rules of recall: no given name, organisation or common word."""
        rank = self.place_rank(found)
        first = found.split()[0]
        if self.org_name(found) or (first in first_names() and " " in found and rank < 2):
            return False
        if " " not in found and found.lower() in _common_words():
            return False
        if not strong and found in first_names() and rank < 3:
            return False
        return not (prep == "bij" and rank < 2)


class _Spans:
    """``(start, end)`` spans sorted by start, for overlap tests in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def remove(self, spans: Iterable[tuple[int, int]]) -> None:
        for span in spans:
            self.spans.remove(span)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that overlap ``[start, end)``."""
        lo = bisect.bisect_left(self.spans, (start - self.longest, -1))
        hi = bisect.bisect_left(self.spans, (end, -1))
        return [(s, e) for s, e in self.spans[lo:hi] if e > start]


_LOOKBACK = 40  # characters looked at before a span (bounded: long texts stay linear)
_PREV_WORD = re.compile(r"(\S*)[ \t\u00a0]*\Z")
_OPENERS = ".!?\n\"“”'‘’:;(-–—"


def _prev_word(text: str, start: int) -> str:
    """The word before ``start`` (within :data:`_LOOKBACK` characters), ``""`` if none."""
    m = _PREV_WORD.search(text[max(0, start - _LOOKBACK) : start])
    return m.group(1) if m else ""


def _sentence_start(text: str, start: int) -> bool:
    """Nothing but blanks between ``start`` and a sentence opener (or the text's start)."""
    before = text[max(0, start - _LOOKBACK) : start].rstrip(" \t\u00a0")
    return (not before and start < _LOOKBACK) or (bool(before) and before[-1] in _OPENERS)


def _trim_dot(name: str) -> str:
    """``name`` without a sentence-final full stop the model took in (``GroenLinks-PvdA.``);
    abbreviations (``Jr.``, ``Inc.``, ``St.``) keep theirs."""
    if not name.endswith(".") or len(name) < 2:
        return name
    last = name.split()[-1][:-1]
    if "." in last or len(last) < 4 or last.lower() in ("corp", "bros", "str"):
        return name
    return name[:-1]


def _after_name(text: str, start: int) -> bool:
    """A capitalised word right before ``start`` that does not open a sentence."""
    if start < 2 or text[start - 1] != " ":
        return False
    prev = _prev_word(text, start)
    if not prev[:1].isupper():
        return False
    return not _sentence_start(text, start - 1 - len(prev))


def arbitrate(
    page: Page,
    *,
    rules: Iterable[str] = DEFAULT_RULES,
    scheme: LabelScheme | None = None,
    kb: KnowledgeBase | None = None,
) -> Page:
    """``page`` with entity kinds arbitrated by ``rules`` (see the module docstring). For many
    pages build one :class:`KindArbiter` and call it."""
    return KindArbiter(rules=_rule_set(rules), scheme=scheme, kb=kb)(page)


def make_arbiter(
    kinds: bool | Iterable[str] | Callable[[Page], Page] | None,
    scheme: LabelScheme,
    kb: KnowledgeBase | None,
) -> Callable[[Page], Page] | None:
    """The Enricher's kinds step from its ``kinds`` argument: True (all rules), False/None (off),
    rule names, or any callable on pages."""
    if kinds is None or kinds is False:
        return None
    if kinds is True:
        return KindArbiter(scheme=scheme, kb=kb)
    if callable(kinds):
        return kinds
    if isinstance(kinds, Mapping):
        raise TypeError("kinds: expected True/False, rule names or a callable")
    return KindArbiter(rules=_rule_set(kinds), scheme=scheme, kb=kb)
