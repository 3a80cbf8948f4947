"""Entity kinds from what wirenlp knows: arbitration after the model.

A statistical NER guesses a kind from context; wirenlp also *knows* names: the gazetteer
(places with population, regions, countries, Dutch exonyms), the nationality words of its
country table, first names and surnames (``data/names.txt.gz``), a list of organisations
(``data/organisations.txt``) and the user's knowledge base. :class:`KindArbiter` weighs each
span of one segment against that knowledge and returns the corrected entities. Each rule can be
switched off (:class:`KindRules`); the Enricher applies it after the model (``kinds=False``
switches it off). It works on any label scheme: a changed span gets the label the pipeline uses
for its new kind and ``source="kinds"``.

The rules, each a field of :class:`KindRules`:

``partial``
    a model span that starts or ends inside a word (``Post`` of ``PostNL-topvrouw``) is
    dropped; a genitive ``s`` after it (``Trump`` of ``Trumps``) is left to the model;
``kb``
    a name the user's knowledge base gives a kind (person, organisation, place) has that kind;
``roads``
    a road number (``A73``, ``N201``, ``E19``) is a place, never an organisation or person,
    and so is a name ending in a Dutch street or landmark word (``Mercatorplein``,
    ``Albert Harkemaweg``, ``Zeelandbrug``); a road number after ``de`` the model missed
    (``op de A73``) is added;
``demonyms``
    a nationality adjective or demonym (``Oekraïense``, ``Chinese``, ``Amsterdamse``) is a
    nationality, never a person, place or organisation;
``split``
    a nationality adjective before a place is split off (``Duitse Nettetal`` → ``Duitse`` +
    ``Nettetal``), and a capitalised name right after a nationality adjective that the gazetteer
    knows as a place of that country becomes a place when the model missed it;
``person_stop``
    a person span stops before a function phrase (``Peter Jansen van de politie`` →
    ``Peter Jansen``) and loses a leading common word (``Inwoners van Dijk``);
``articles``
    a one-word person span right after a lower-case article or demonstrative (``de Post``,
    ``het Rijk``) with no person evidence is no person: dropped (an organisation if listed);
``organisations``
    a name with an organisation head word (``… Bank``, ``… Partij``, ``Stichting …``) or a legal
    form (``… N.V.``, ``… GmbH``) is an organisation; so is a listed organisation or one of
    the knowledge base (``Ajax``, ``FNV``); a listed name the model missed is added when it
    is no common word, first name or place;
``places``
    a person span that the gazetteer knows as a country, region or sizeable place, with no
    person evidence (a known first name, a title or role word before it, an age after it, a
    fuller person name in the same segment, a known surname of a small place), becomes a place;
    so does an organisation span that is a known place in a locative frame (``in Houston``);
``generic``
    a one-word place span directly followed by a capitalised word, that the gazetteer does not
    know, is part of a longer name (``Trade`` of ``Trade Port``) and is widened to it;
``compounds``
    in a compound of a known name and a common noun (``NAVO-top``, ``FNV-voorzitter``,
    ``EU-landen``, ``Oekraïne-oorlog``) the name is an entity of its kind; names that contain a
    hyphen (``VNO-NCW``, ``Baden-Württemberg``) stay whole. Off by default: the CoNLL-style
    wire gold leaves such compounds unannotated;
``recall``
    a capitalised name the gazetteer knows as a place, in a locative frame (``in``, ``uit``,
    ``bij``, ``naar``, ``te``, ``vanuit`` X, ``de gemeente X``, ``de provincie X``,
    ``inwoners van X``), becomes a place when the model missed it — not a first name, not a
    common Dutch word unless the frame names an administrative unit.

Everything works per entity span and per short regex match on the segment's text, with sets and
dicts built once per process; nothing loops over tokens of the whole document in Python.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING

import attrs

from ..linking.consistency import ROLE_WORDS
from ..parsing.normalize import name_key
from ..records import Entity
from .assembly import non_overlapping

if TYPE_CHECKING:  # pragma: no cover
    from ..linking.gazetteer import Gazetteer
    from ..linking.kb import KnowledgeBase
    from .labels import LabelScheme

__all__ = ["RULES", "KindArbiter", "KindKnowledge", "KindRules", "kind_labels"]

RULES = (
    "partial",
    "kb",
    "roads",
    "demonyms",
    "split",
    "person_stop",
    "articles",
    "organisations",
    "places",
    "generic",
    "compounds",
    "recall",
)
"""The rule names, in the order they apply (fields of :class:`KindRules`)."""


@attrs.frozen
class KindRules:
    """Which arbitration rules run (see the module docstring); all on but ``compounds``."""

    partial: bool = True
    kb: bool = True
    roads: bool = True
    demonyms: bool = True
    split: bool = True
    person_stop: bool = True
    articles: bool = True
    organisations: bool = True
    places: bool = True
    generic: bool = True
    compounds: bool = False
    recall: bool = True

    def without(self, *names: str) -> KindRules:
        """These rules with ``names`` switched off (unknown names raise ``ValueError``)."""
        bad = [n for n in names if n not in RULES]
        if bad:
            raise ValueError(f"unknown kind rules {bad}; known: {', '.join(RULES)}")
        return attrs.evolve(self, **dict.fromkeys(names, False))


# --- word lists --------------------------------------------------------------------------------

#: Words right before a name that make it a person: the titles and roles of page-level
#: consistency (:data:`wirenlp.linking.consistency.ROLE_WORDS`, here without a full stop, as
#: the word before a mention is read), forms of address and family or case roles.
PERSON_BEFORE = frozenset(w for w in ROLE_WORDS if not w.endswith(".")) | frozenset(
    """
    heer mevrouw dhr mevr meneer woordvoerster collega vriend vriendin broer zus vader moeder
    zoon dochter man vrouw weduwe echtgenoot echtgenote verdachte slachtoffer
    """.split()
)

#: Head words that make a multi-word name an organisation (``Rabo Bank``, ``Stichting Pandora``).
ORG_HEADS = frozenset(
    """bank partij universiteit hogeschool ziekenhuis stichting vereniging bond federatie
    groep holding maatschappij fonds omroep raad commissie ministerie inspectie autoriteit
    dienst academie instituut museum orkest airlines airways motors group company corporation
    bank university institute council committee agency party union association foundation
    fc sc vv""".split()
)
_LEGAL_FORMS = (
    "N.V.", "B.V.", "NV", "BV", "Inc", "Inc.", "Ltd", "Ltd.", "GmbH", "AG", "S.A.", "SA", "plc",
    "Corp", "Corp.", "LLC",
)  # fmt: skip
_LEGAL = re.compile(rf"\s(?:{'|'.join(map(re.escape, _LEGAL_FORMS))})$")
_LEGAL_AFTER = re.compile(r" (?:N\.V\.|B\.V\.|NV|BV|Inc\.|Ltd\.|GmbH|AG|plc|LLC)(?!\w)")
NOT_NATIONALITY = frozenset(
    """as duiten groen groenen groenlanden groens gros ijs inden kenen nieuw nieuwe pols polsen
    poolen spaan spanen verenigd verenigde jerseys""".split()
)
"""Forms the gazetteer's suffix rules derive as nationality words that are Dutch words and no
nationality (``Verenigde`` of *Verenigde Staten*, ``Groen`` of *Groenland*)."""
#: Lower-case articles and demonstratives that never stand right before a lone person name.
ARTICLES = frozenset("de het een deze dit".split())
#: Locative prepositions of the recall frame (``in Boxmeer``, ``uit Uden``).
LOCATIVE = frozenset("in uit bij naar te vanuit nabij richting buiten rond".split())
#: Administrative nouns of the strong recall frame (``de gemeente Maashorst``).
ADMIN_NOUNS = frozenset(
    "gemeente provincie stad dorp plaats regio deelstaat staat graafschap kanton".split()
)
#: Words of a place or organisation name written in lower case inside it (``Land van Cuijk``).
NAME_PARTICLES = frozenset("van aan op en de den der het ter ten bij in 't".split())
#: Function phrases a person span stops before (``Peter Jansen van de politie``).
_STOP = re.compile(
    r"\s+(?:van|bij|uit|namens|voor|in|op|uit|aan)\s+(?:de|het|een|dit|deze)\s+[a-zà-ÿ]"
    r"|\s+(?:van|bij|namens|voor)\s+[a-zà-ÿ]{4,}"
)
_ROAD = re.compile(r"[ANE]\d{1,3}")
# (the letter first, then the look back: the scan jumps from A/N/E to A/N/E)
_ROAD_AFTER_DE = re.compile(r"[ANE](?<=\b[dD]e [ANE])\d{1,3}(?![\w-])")
_TOPONYM_ENDS = (
    "straat", "plein", "weg", "laan", "kade", "gracht", "brug", "singel", "markt", "steeg",
    "tunnel", "haven", "sluis", "boulevard",
)  # fmt: skip
_TOPONYM = re.compile(rf"(?:^|\s)[A-ZÀ-Þ][\w'’-]{{3,}}(?:{'|'.join(_TOPONYM_ENDS)})$")
_GENITIVE_TAIL = re.compile(r"s(?!\w)")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)\W{0,2}\s+$")
_WORDS_BEFORE = re.compile(r"([\w'’.-]+)\s+([\w'’.-]+)\s+$")
_LIST_GAPS = frozenset({", ", " en ", ", en ", " of ", " & "})
_AGE_AFTER = re.compile(r"\s*\(\d{1,3}\)")
_NAME_WORD = r"[A-ZÀ-Þ][\w'’&-]+(?:\.\w+)*"
_CAP_RUN = re.compile(rf" ({_NAME_WORD}(?: {_NAME_WORD})*)")
_COMPOUND = re.compile(r"(?<![\w'’-])([A-ZÀ-Þ][\w.&'’]*?)-([a-zà-ÿ][a-zà-ÿ]{2,})(?![\w-])")
#: Locative frames before a place name: a preposition (``in``), an administrative noun
#: (``de gemeente``) or inhabitants (``inwoners van``); the first letter may be a capital.
FRAME_WORDS: dict[str, tuple[str, ...]] = {
    "prep": ("in", "uit", "bij", "naar", "te", "vanuit", "nabij", "richting"),
    "admin": tuple(
        f"{article} {noun}"
        for article in ("de", "het")
        for noun in ("gemeente", "provincie", "stad", "dorp", "plaats", "regio", "deelstaat")
    ),
    "inh": ("inwoners van", "bewoners van", "burgemeester van"),
}


def _frame_pattern() -> re.Pattern[str]:
    """A frame's place name, found capital first: each frame word is a look-back of fixed
    width (one per kind and length, group ``<kind><length>``), so the scan jumps from capital
    to capital instead of trying every frame at every character."""
    looks = []
    for kind, words in FRAME_WORDS.items():
        by_width: dict[int, list[str]] = {}
        for word in words:
            by_width.setdefault(len(word), []).append(f"[{word[0].upper()}{word[0]}]{word[1:]}")
        for width, forms in sorted(by_width.items()):
            looks.append(rf"(?<=(?<![\w-])(?P<{kind}{width}>{'|'.join(forms)}) .)")
    particles = "van|aan|op|en|de|den|der|ter|ten|bij|in"
    # first a cheap necessary test: a space and the last letter of some frame word before
    last = "".join(sorted({word[-1] for words in FRAME_WORDS.values() for word in words}))
    return re.compile(
        rf"(?P<name>[A-ZÀ-Þ](?<=[{last}] .)(?:{'|'.join(looks)})[\w'’-]*"
        rf"(?: (?:(?:{particles}) )?[A-ZÀ-Þ][\w'’-]*){{0,3}})"
    )


_FRAME = _frame_pattern()
_FRAME_GROUPS = tuple(name for name in _FRAME.groupindex if name != "name")


def frames(text: str, lo: int, hi: int) -> Iterator[tuple[str, int, int, str]]:
    """``(kind, frame start, name start, name)`` of each locative frame in ``text[lo:hi]``,
    left to right, not overlapping (``in Den Haag``: prep, its offset, that of ``Den Haag``)."""
    pos = lo
    while (m := _FRAME.search(text, pos, hi)) is not None:
        group = next(g for g in _FRAME_GROUPS if m.start(g) >= 0)
        start = m.start(group)
        if start < lo:  # the frame word lies before the window
            pos = m.start() + 1
            continue
        yield group.rstrip("0123456789"), start, m.start(), m.group("name")
        pos = m.end()


# a capitalised word: a run of word characters and ``.&'’*-`` that starts with a capital or a
# digit not preceded by a word character, ``'’@#-`` (the capital first, then the look back:
# the scan jumps from capital to capital)
_CAP_WORD = re.compile(r"[A-ZÀ-Þ0-9](?<![\w'’@#-].)[\w.&'’*-]*")
_RUN_BEFORE = frozenset(".&*")  # run characters that do not stop a capitalised word's start


def cap_word_starts(text: str, lo: int, hi: int, words: Iterable[str]) -> list[tuple[int, str]]:
    """``(offset, word)`` of each capitalised word of ``text[lo:hi]`` (as ``_CAP_WORD`` scans
    them, left to right) that is one of ``words`` once its trailing full stops are dropped,
    in text order. Each word is looked up with ``str.find``: the cost is in the text's length
    (in C) and the hits, not in its number of capitalised words."""
    found: list[tuple[int, str]] = []
    for word in words:
        p = text.find(word, lo, hi)
        while p >= 0:
            m = _CAP_WORD.match(text, p, hi)
            if (
                m is not None
                and m.group().rstrip(".") == word
                and not (p > lo and text[p - 1] in _RUN_BEFORE and _inside_cap_word(text, lo, p))
            ):
                found.append((p, word))
            p = text.find(word, p + 1, hi)
    found.sort()
    return found


def _inside_cap_word(text: str, lo: int, p: int) -> bool:
    """Does a capitalised word that starts before ``p`` run on through it (``AT&T``: ``T``)?"""
    q = p - 1
    while q > lo and (text[q - 1].isalnum() or text[q - 1] in "_.&'’*-"):
        q -= 1
    return any(m.start() < p < m.end() for m in _CAP_WORD.finditer(text, q, p + 1))


#: Agent nouns (``redacteur``, ``journalist``, ``boswachter``): a role before a person.
_AGENTIVE = re.compile(r"(?:[^aeiou]er|ster|aar|eur|ist|man|vrouw|ant|ent)$")


@cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) shipped in ``data/names.txt.gz``."""
    path = resources.files("wirenlp") / "data" / "names.txt.gz"
    first: set[str] = set()
    last: set[str] = set()
    with path.open("rb") as fh:
        for line in gzip.decompress(fh.read()).decode("utf-8").splitlines():
            tag, _, name = line.partition("\t")
            (first if tag == "F" else last).add(name)
    return frozenset(first), frozenset(last)


@cache
def _organisations() -> dict[str, str]:
    """Listed organisation names and aliases (as written) → the first name of their line."""
    path = resources.files("wirenlp") / "data" / "organisations.txt"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("\t") if n.strip()]
        for n in names:
            out.setdefault(n, names[0])
    return out


def kind_labels(scheme: LabelScheme, place_label: str, org_label: str) -> dict[str, str]:
    """The label a pipeline of ``scheme`` uses for each kind (``place`` → ``place_label`` …)."""
    out = {"place": place_label, "organisation": org_label}
    for label, kind in scheme.table.items():
        out.setdefault(kind, label)
    out.setdefault("person", "PER")
    out.setdefault("nationality", "NORP" if "NORP" in scheme.table else "MISC")
    return out


class KindKnowledge:
    """What the rules look names up in: the gazetteer, names, organisations and a user knowledge
    base. Built once (per Enricher); every lookup is a dict or set access, cached."""

    def __init__(self, gazetteer: Gazetteer | None = None, kb: KnowledgeBase | None = None):
        self._gazetteer = gazetteer
        self.kb_kinds: dict[str, str] = {}
        if kb is not None:
            for rec in kb.records:
                if rec.kind is None:
                    continue
                for form in (rec.name, *rec.aliases):
                    self.kb_kinds.setdefault(name_key(form), rec.kind)
        self.first_names, self.surnames = _names()
        self.orgs = _organisations()
        self.org_keys = frozenset(name_key(n) for n in self.orgs)
        # first word → listed names starting with it, longest first (for the recall scan)
        by_first: dict[str, list[str]] = {}
        for n in sorted(self.orgs, key=lambda s: (-len(s), s)):
            by_first.setdefault(n.split(" ", 1)[0], []).append(n)
        self.org_by_first = by_first
        self.org_firsts = frozenset(by_first)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from ..linking.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    @cached_property
    def words(self) -> frozenset[str]:
        from ..linking.consistency import common_words

        return common_words()

    def nationality(self, word: str) -> str | None:
        """The country code of a nationality adjective or demonym (``Duitse`` → ``DE``), or of a
        regional adjective derived from a known place (``Amsterdamse``); else None."""
        cache = self._nationality_cache
        if word not in cache:
            if len(cache) > 100_000:
                cache.clear()
            cache[word] = self._nationality(word)
        return cache[word]

    @cached_property
    def _nationality_cache(self) -> dict[str, str | None]:
        return {}

    def _nationality(self, word: str) -> str | None:
        key = name_key(word)
        if key in NOT_NATIONALITY:
            return None
        aliases = self.gazetteer.index.country_aliases
        hit = aliases.get(key)
        if hit is not None:
            return hit[0] if hit[1] in ("adjective", "demonym") else None
        for plural in (key + "en", key + "s"):  # a singular demonym: Argentijn(en), Duitser(s)
            hit = aliases.get(plural)
            if hit is not None and hit[1] == "demonym" and " " not in key:
                return hit[0]
        if " " in key or len(key) < 6:
            return None
        # Amsterdam-se, Amsterdamm-er, Amsterdamm-ers: a place of 50,000+
        for suffix in ("se", "ers", "er"):
            if key.endswith(suffix):
                stem = key[: -len(suffix)]
                if suffix != "se" and len(stem) > 2 and stem[-1] == stem[-2]:
                    stem = stem[:-1]
                if len(stem) >= 4:
                    return self.place_cc(stem, 50_000)
        return None

    def place_cc(self, key: str, min_pop: int) -> str | None:
        """The country of the most populous place named ``key`` (exact GeoNames name) with at
        least ``min_pop`` inhabitants."""
        best, cc = -1, None
        index = self.gazetteer.index
        for row, _score, method in index.candidates(key):
            if method == "exact" and index.pop[row] >= min_pop and index.pop[row] > best:
                best, cc = index.pop[row], index.cc(row)
        return cc

    def place_strength(self, text: str) -> tuple[int, str | None]:
        """How surely ``text`` names a place: 3 a country; 2 a Dutch municipality, a
        macro-region or continent, a province or state (Dutch or Belgian, or of 500,000+
        inhabitants), a city of 1,000,000+ (Dutch or Belgian: 50,000+); 1 another Dutch or
        Belgian place, a place of 30,000+ elsewhere, an exonym or other alternate name of a
        city of 1,000,000+ (Dutch or Belgian: 10,000+); 0 unknown (airports are not counted);
        with the country code when known."""
        key = name_key(text)
        cached = self._strength_cache.get(key)
        if cached is None:
            cached = self._place_strength(key)
            if len(self._strength_cache) < 100_000:
                self._strength_cache[key] = cached
        return cached

    @cached_property
    def _strength_cache(self) -> dict[str, tuple[int, str | None]]:
        return {}

    def _place_strength(self, key: str) -> tuple[int, str | None]:
        index = self.gazetteer.index
        if not key:
            return 0, None
        hit = index.country_aliases.get(key)
        if hit is not None:
            return (3, hit[0]) if hit[1] == "name" else (0, None)
        for j in index.area_rows(key):
            feature, cc, _code, _name, _lat, _lon, pop = index.areas[j][:7]
            if feature in ("municipality", "region", "continent"):
                return 2, cc or None
            if feature in ("admin1", "admin2") and (cc in ("NL", "BE") or int(pop) >= 500_000):
                return 2, cc
        best: tuple[int, int, str | None] = (0, 0, None)
        for row, _score, method in index.candidates(key):
            pop, cc = index.pop[row], index.cc(row)
            exact = method == "exact"
            home = cc in ("NL", "BE")
            if exact and (pop >= 1_000_000 or (home and pop >= 50_000)):
                strength = 2
            elif (exact and (home or pop >= 30_000)) or pop >= (10_000 if home else 1_000_000):
                strength = 1
            else:
                continue
            if (strength, pop) > best[:2]:
                best = (strength, pop, cc)
        return best[0], best[2]

    def org(self, text: str) -> bool:
        """Is ``text`` a listed organisation or one of the knowledge base?"""
        key = name_key(text)
        return key in self.org_keys or self.kb_kinds.get(key) == "organisation"


# --- the arbiter ------------------------------------------------------------------------------


def _word_before(text: str, start: int, lo: int) -> str:
    m = _WORD_BEFORE.search(text, max(lo, start - 40), start)
    return m.group(1).lower() if m else ""


def _sentence_initial(text: str, start: int, lo: int) -> bool:
    i = start - 1
    while i >= lo and text[i] in " \t\"'“‘(":
        i -= 1
    return i < lo or text[i] in ".!?:\n\r…"


class KindArbiter:
    """Corrects the kinds and spans of one segment's entities from knowledge (see the module
    docstring). ``labels`` maps a kind to the label to give it (:func:`kind_labels`)."""

    def __init__(
        self,
        labels: Mapping[str, str],
        rules: KindRules | None = None,
        knowledge: KindKnowledge | None = None,
    ) -> None:
        self.labels = dict(labels)
        self.rules = rules or KindRules()
        self.know = knowledge or KindKnowledge()

    # -- helpers ---------------------------------------------------------------------------
    def _make(self, text: str, start: int, end: int, kind: str, like: Entity | None) -> Entity:
        if like is not None and like.kind == kind and (like.start, like.end) == (start, end):
            return like
        label = like.label if like is not None and like.kind == kind else self.labels[kind]
        return Entity(text[start:end], start, end, kind, label, "kinds")

    def _person_evidence(
        self,
        text: str,
        ent: Entity,
        lo: int,
        hi: int,
        persons: Sequence[Entity],
        strong: bool = False,
    ) -> bool:
        """A known first name opening a multi-word span, a person of the knowledge base, a
        title or role word before it, an age after it; unless ``strong``, also a fuller person
        name ending in it or an enumerated person beside it in the segment."""
        words = ent.text.split()
        know = self.know
        if len(words) >= 2 and words[0] in know.first_names:
            return True
        if know.kb_kinds.get(name_key(ent.text)) == "person":
            return True
        before = _word_before(text, ent.start, lo)
        if before in PERSON_BEFORE or (
            len(before) >= 7 and _AGENTIVE.search(before) and before in know.words
        ):
            return True
        m = _WORDS_BEFORE.search(text, max(lo, ent.start - 40), ent.start)
        if m and f"{m.group(1)} {m.group(2)}".lower() in ("de heer",):
            return True
        if _AGE_AFTER.match(text, ent.end, min(hi, ent.end + 8)):
            return True
        if strong:
            return False
        suffix = " " + ent.text
        for p in persons:
            if p is ent:
                continue
            if p.text.endswith(suffix):
                return True
            # a neighbour in an enumeration that is a person by no doubt ("Warners, Wassenaar")
            gap = text[p.end : ent.start] if p.end <= ent.start else text[ent.end : p.start]
            if gap in _LIST_GAPS and not know.place_strength(p.text)[0]:
                return True
        return False

    # -- the call --------------------------------------------------------------------------
    def __call__(self, text: str, entities: Sequence[Entity], start: int, end: int) -> list[Entity]:
        """The corrected entities of ``text[start:end]`` (one segment); ``entities`` are the
        model's (and the dateline's), offsets into ``text``."""
        r = self.rules
        persons = [e for e in entities if e.kind == "person"]
        spans = [(e.start, e.end) for e in entities]
        out: list[Entity] = []
        for ent in entities:
            if ent.source == "dateline":
                out.append(ent)
                continue
            out.extend(self._one(text, ent, start, end, persons, spans))
        if r.split:
            out.extend(self._after_nationality(text, out, end))
        if r.organisations:
            out.extend(self._missed_orgs(text, out, start, end))
        if r.compounds:
            out.extend(self._compounds(text, out, start, end))
        if r.recall:
            out = self._recall(text, out, start, end)
        if r.roads:
            out.extend(self._missed_roads(text, out, start, end))
        return non_overlapping(out, lambda e: (e.start, e.end))

    def _one(
        self,
        text: str,
        ent: Entity,
        lo: int,
        hi: int,
        persons: Sequence[Entity],
        spans: list[tuple[int, int]],
    ) -> list[Entity]:
        r = self.rules
        know = self.know
        kind = ent.kind
        if kind not in ("person", "organisation", "place", "nationality", "other"):
            return [ent]
        if r.kb and know.kb_kinds:
            kb_kind = know.kb_kinds.get(name_key(ent.text))
            if kb_kind in ("person", "organisation", "place") and kb_kind != kind:
                return [self._make(text, ent.start, ent.end, kb_kind, ent)]
        if r.partial and (
            (ent.start > 0 and text[ent.start - 1].isalnum() and text[ent.start].isalnum())
            or (
                ent.end < len(text)
                and text[ent.end].isalnum()
                and text[ent.end - 1].isalnum()
                and not _GENITIVE_TAIL.match(text, ent.end)
            )
        ):
            return []
        if (
            r.roads
            and kind in ("person", "organisation")
            and (
                _ROAD.fullmatch(ent.text)
                or (
                    kind == "person"
                    and ent.text.endswith(_TOPONYM_ENDS)  # (before the regex: cheap)
                    and _TOPONYM.search(ent.text)
                )
            )
        ):
            return [self._make(text, ent.start, ent.end, "place", ent)]
        if r.compounds and kind != "nationality":
            m = _COMPOUND.fullmatch(ent.text)
            if m and not know.org(ent.text) and not know.place_strength(ent.text)[0]:
                name_kind = self._name_kind(m.group(1))
                if name_kind is None:
                    return []
                return [self._make(text, ent.start, ent.start + len(m.group(1)), name_kind, ent)]
        if kind == "nationality" or kind == "other":
            return [ent]
        if (
            r.demonyms
            and " " not in ent.text
            and know.nationality(ent.text) is not None
            and not know.org(ent.text)
            and know.place_strength(ent.text)[0] == 0
            and not (kind == "place" and ent.text.endswith("en"))  # "der Nederlanden"
        ):
            return [self._make(text, ent.start, ent.end, "nationality", ent)]
        if r.split and " " in ent.text:
            first, rest = ent.text.split(" ", 1)
            if (
                know.nationality(first) is not None
                and rest[:1].isupper()
                and know.place_strength(rest)[0]
                and not know.place_strength(ent.text)[0]
                and not know.org(ent.text)
            ):
                rs = ent.start + len(first) + 1
                return [
                    self._make(text, ent.start, ent.start + len(first), "nationality", None),
                    self._make(text, rs, ent.end, "place", None),
                ]
        if r.person_stop and kind == "person":
            ent = self._trim_person(text, ent, lo)
        if (
            r.articles
            and kind == "person"
            and " " not in ent.text
            and _word_before(text, ent.start, lo) in ARTICLES
            and ent.text.lower() in know.words
            and not know.org(ent.text)
            and not self._person_evidence(text, ent, lo, hi, persons)
        ):
            return []
        if r.organisations and kind in ("person", "place") and " " in ent.text:
            words = ent.text.split(" ")
            legal = _LEGAL_AFTER.match(text, ent.end, hi)
            if (
                (ent.text.endswith(_LEGAL_FORMS) and _LEGAL.search(ent.text))
                or legal
                or (words[-1].lower() in ORG_HEADS and words[0][:1].isupper())
                or (words[0].lower() in ORG_HEADS and words[0].lower() not in ("fc", "sc"))
            ) and not self._person_evidence(text, ent, lo, hi, persons, strong=True):
                end = legal.end() if legal else ent.end
                return [self._make(text, ent.start, end, "organisation", ent)]
        if r.organisations and kind != "organisation" and know.org(ent.text):
            # a listed name the model calls a place stays one only when it is a country or a
            # Dutch or Belgian place, or in a locative frame ("in Ajax" is Ajax, Ontario)
            strength, cc = know.place_strength(ent.text)
            if kind != "place" or not (
                strength == 3 or cc in ("NL", "BE") or _word_before(text, ent.start, lo) in LOCATIVE
            ):
                return [self._make(text, ent.start, ent.end, "organisation", ent)]
        if r.places and kind == "person":
            strength, _cc = know.place_strength(ent.text)
            if strength and not self._person_evidence(text, ent, lo, hi, persons):
                single = " " not in ent.text
                known_name = ent.text in know.surnames or ent.text in know.first_names
                framed = _word_before(text, ent.start, lo) in LOCATIVE
                if strength == 3 or framed or (strength == 2 and not (single and known_name)):
                    return [self._make(text, ent.start, ent.end, "place", ent)]
        if (
            r.places
            and kind == "organisation"
            and not know.org(ent.text)
            and know.place_strength(ent.text)[0] >= 1
            and _word_before(text, ent.start, lo) in LOCATIVE
        ):
            return [self._make(text, ent.start, ent.end, "place", ent)]
        if r.generic and kind == "place" and " " not in ent.text:
            m = _CAP_RUN.match(text, ent.end, hi)
            if (
                m
                and not know.place_strength(ent.text)[0]
                and not know.org(ent.text)
                and know.nationality(ent.text) is None
                and self._free(spans, m.start(1), m.end(1))
            ):
                return [self._make(text, ent.start, m.end(), "place", ent)]
        return [ent]

    def _trim_person(self, text: str, ent: Entity, lo: int) -> Entity:
        m = _STOP.search(ent.text)
        start, end = ent.start, ent.end
        if m:
            end = ent.start + m.start()
        words = text[start:end].split(" ")
        # trailing lower-case words ("Jan van Eyck niet de uitvinder"): not the name
        while len(words) > 1 and words[-1][:1].islower():
            end -= len(words[-1]) + 1
            words = words[:-1]
        while end > start and text[end - 1] in ",;:":
            end -= 1
        # a capitalised common word opening a sentence ("Inwoners van Dijk"): not the name
        while (
            len(words) > 2
            and len(words[0]) >= 5
            and words[1] == "van"
            and _sentence_initial(text, start, lo)
            and words[0].lower() in self.know.words
            and words[0] not in self.know.first_names
            and words[1] in NAME_PARTICLES
        ):
            start += len(words[0]) + 1
            words = words[1:]
            while words and words[0] in NAME_PARTICLES:
                start += len(words[0]) + 1
                words = words[1:]
        if not words or (start, end) == (ent.start, ent.end) or end <= start:
            return ent
        return self._make(text, start, end, "person", ent)

    def _name_kind(self, name: str) -> str | None:
        know = self.know
        if know.org(name):
            return "organisation"
        kb = know.kb_kinds.get(name_key(name))
        if kb is not None:
            return kb
        strength = know.place_strength(name)[0]
        if strength >= 2:
            return "place"
        return None

    def _after_nationality(self, text: str, ents: list[Entity], hi: int) -> list[Entity]:
        """``het Duitse Nettetal``: a capitalised name after a nationality adjective that the
        gazetteer knows as a place of that country."""
        out: list[Entity] = []
        taken = {(e.start) for e in ents}
        for ent in ents:
            if ent.kind != "nationality":
                continue
            m = _CAP_RUN.match(text, ent.end, hi)
            if m is None or m.start(1) in taken:
                continue
            cc = self.know.nationality(ent.text)
            name = m.group(1)
            strength, pcc = self.know.place_strength(name)
            if strength and pcc == cc and not self.know.org(name):
                out.append(self._make(text, m.start(1), m.end(1), "place", None))
        return out

    def _covered(self, ents: Iterable[Entity]) -> list[tuple[int, int]]:
        return [(e.start, e.end) for e in ents]

    @staticmethod
    def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in spans)

    def _missed_orgs(self, text: str, ents: list[Entity], lo: int, hi: int) -> list[Entity]:
        know = self.know
        by_first = know.org_by_first
        words = {w.rstrip(".") for w in _CAP_WORD.findall(text, lo, hi)}
        hits = words & know.org_firsts  # most segments name no listed organisation
        if not hits:
            return []
        spans = self._covered(ents)
        out: list[Entity] = []
        for s, word in cap_word_starts(text, lo, hi, hits):
            names = by_first[word]
            for name in names:
                e = s + len(name)
                if e > hi or not text.startswith(name, s):
                    continue
                if e < len(text) and (text[e].isalnum() or text[e] in "-'’"):
                    continue
                if _CAP_RUN.match(text, e, hi):  # part of a longer name ("Inter Miami")
                    continue
                if not self._free(spans, s, e):
                    break
                if " " not in name and (
                    name.lower() in know.words
                    or name in know.first_names
                    or know.place_strength(name)[0]
                ):
                    break
                out.append(self._make(text, s, e, "organisation", None))
                spans.append((s, e))
                break
        return out

    def _missed_roads(self, text: str, ents: list[Entity], lo: int, hi: int) -> list[Entity]:
        """Road numbers after ``de`` (``op de A73``, ``over de N201``) the model missed."""
        spans = self._covered(ents)
        return [
            self._make(text, m.start(), m.end(), "place", None)
            for m in _ROAD_AFTER_DE.finditer(text, lo, hi)
            if self._free(spans, m.start(), m.end())
        ]

    def _compounds(self, text: str, ents: list[Entity], lo: int, hi: int) -> list[Entity]:
        spans = self._covered(ents)
        out: list[Entity] = []
        for m in _COMPOUND.finditer(text, lo, hi):
            s, e = m.start(1), m.end(1)
            if not self._free(spans, s, m.end()):
                continue
            kind = self._name_kind(m.group(1))
            if kind is not None:
                out.append(self._make(text, s, e, kind, None))
        return out

    def _recall(self, text: str, ents: list[Entity], lo: int, hi: int) -> list[Entity]:
        """``ents`` with the places of locative frames added; a known multi-word place of the
        frame replaces model spans wholly inside it (``Dijk`` + ``Waard`` → ``Dijk en Waard``)."""
        know = self.know
        out = list(ents)
        for kind, _start, s, name in frames(text, lo, hi):
            strong = kind != "prep"
            words = name.split(" ")
            # the longest prefix the gazetteer knows (``Land van Cuijk``, ``Dijk en Waard``)
            for n in range(len(words), 0, -1):
                if words[n - 1] in NAME_PARTICLES:
                    continue
                cand = " ".join(words[:n])
                e = s + len(cand)
                strength, _cc = know.place_strength(cand)
                if not strength:
                    continue
                inside = [x for x in out if s <= x.start and x.end <= e]
                if (
                    n > 1
                    and inside
                    and all(x.source != "dateline" for x in inside)
                    and any(x.end - x.start < e - s for x in inside)
                ):
                    out = [x for x in out if not (s <= x.start and x.end <= e)]
                if not self._free([(x.start, x.end) for x in out], s, e):
                    break
                if n == 1 and not strong:
                    if cand.lower() in know.words or cand in know.first_names:
                        break
                    if cand in know.surnames and strength < 2:
                        break
                if know.org(cand):
                    break
                out.append(self._make(text, s, e, "place", None))
                break
        return out
