"""Page-level consistency of entity kinds: one name, one kind, every mention found.

A statistical NER model decides each mention on its own context, so the same surname can be a
person in one sentence and a place in the next ("Francesco Farioli … Volgens Farioli"), and a
repeat of a name may be missed altogether. Over a whole page, :func:`harmonise`

1. gathers evidence per name key (:func:`~wirenlp.parsing.normalize.name_key` of the mention,
   genitive folded): each model mention votes for its kind, and a person's full name
   ("Francesco Farioli", given name and surname) votes twice for its surname and itself;
2. gives a mention the kind of its name's evidence when that kind outweighs all others together
   (persons, organisations and places only; dateline entities are left alone);
3. adds the unlabelled repeats of person and organisation names elsewhere on the page
   (``source="consistency"``), surname genitives (``Trumps``, ``Trump's``) included.

Precision first: a repeat is added only as a whole capitalised word, never inside or next to
another capitalised word (``Piet Farioli`` is somebody else), never inside a dateline, and never
at the start of a sentence when its lower-case form is a common Dutch word (``Bos``, ``Bakker``;
OpenTaal word list, ``wirenlp/data/dutch_words.txt.gz``). Two different full names that share a
surname still make that surname a person; which of them a bare surname means is left to the
clusters (:mod:`wirenlp.linking.clusters`). Works on any model's entities. Pure Python.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib import resources

import attrs

from ..parsing.normalize import name_key
from ..records import Entity, Page, Story
from .clusters import person_parts, strip_genitive

__all__ = ["ROLE_WORDS", "common_words", "harmonise"]

ROLE_WORDS = frozenset(
    """
    zanger zangeres rapper acteur actrice schrijver schrijfster dichter regisseur presentator
    presentatrice cabaretier kunstenaar minister premier president staatssecretaris
    burgemeester wethouder gouverneur senator kamerlid fractievoorzitter partijleider
    koning koningin prins prinses keizer paus kardinaal bisschop dominee imam rabbijn
    generaal kolonel majoor kapitein luitenant commandant admiraal
    voorzitter directeur topman topvrouw ceo bestuurder oprichter eigenaar woordvoerder
    trainer coach bondscoach aanvoerder doelman spits renner schaatser tennisser
    advocaat rechter officier aanklager professor hoogleraar dokter arts
    oud-premier oud-minister oud-president ex-president ex-premier vicepremier vicepresident
    dr dr. mr mr. prof prof. ir ir. ds ds. drs drs. sir lord lady
    """.split()
)
"""Titles and roles a model may include in a person's span ("Zanger Dotan", "Premier Schoof");
the span guidelines keep them outside. A small documented core, not a list of names."""

_KINDS = ("person", "organisation", "place")
_REPEATED = ("person", "organisation")
_GENITIVES = ("s", "'s", "’s", "'", "’")
_SENTENCE_END = ".!?:;…\"“”'‘’([-–—•*"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@cache
def common_words() -> frozenset[str]:
    """Common lower-case Dutch words (OpenTaal), loaded once."""
    path = resources.files("wirenlp") / "data" / "dutch_words.txt.gz"
    with path.open("rb") as fh:
        return frozenset(gzip.decompress(fh.read()).decode("utf-8").split("\n"))


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return name_key(strip_genitive(text))


class _Evidence:
    """What a page says about one name: kind votes, full-name votes, labels and surfaces."""

    __slots__ = ("labels", "strong", "surfaces", "votes")

    def __init__(self) -> None:
        self.strong: dict[str, int] = {}  # kind → votes of full names
        self.votes: dict[str, int] = {}  # kind → votes of mentions
        self.labels: dict[str, str] = {}  # kind → a label the model used for it
        self.surfaces: set[str] = set()  # as written, for repeats

    def winner(self) -> str | None:
        if len(self.strong) == 1:  # the strongest evidence decides: a full name
            return next(iter(self.strong))
        if not self.votes or len(self.strong) > 1:
            return None
        kind, top = max(self.votes.items(), key=_count)  # the first of equals, as counted
        return kind if top > sum(self.votes.values()) - top else None


def _count(item: tuple[str, int]) -> int:
    return item[1]


_AGENTIVE = re.compile(r"(?:[^aeiou]er|ster|aar|eur|ist|man|vrouw|ant|ent)$")


def _is_role(word: str) -> bool:
    """A title (``Premier``) or an agent noun (``Boswachter``, ``Journalist``, ``Woordvoerder``):
    a listed role, or a common word of 7+ letters with an agent-noun ending."""
    low = word.lower().rstrip(",")
    if low in ROLE_WORDS:
        return True
    return len(low) >= 7 and low in common_words() and _AGENTIVE.search(low) is not None


class _LowerWords:
    """The words a page writes in lower case, collected on first use (most pages never ask)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is None:
            self.words = frozenset(_LOWER_WORD.findall(self.text))
        return word in self.words


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-ÿ][a-zà-ÿ'’-]*")


def _role_before(text: str, start: int) -> bool:
    """A title or role word right before ``start`` (``premier Schoof``, ``Zanger Dotan``)."""
    j = start - 1
    if j < 1 or text[j] != " ":
        return False
    i = j
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return _is_role(text[i:j])


def _gather(text: str, entities: Iterable[Entity]) -> dict[str, _Evidence]:
    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    for ent in entities:
        if ent.source == "dateline" or ent.kind not in _KINDS:
            continue
        name = strip_genitive(ent.text).strip()
        if not name[:1].isupper():
            continue
        key = name_key(name)
        if not key:
            continue
        ev = evidence[key]
        ev.votes[ent.kind] = ev.votes.get(ent.kind, 0) + 1
        ev.labels.setdefault(ent.kind, ent.label)
        ev.surfaces.add(name)
        if ent.kind != "person":
            continue
        given, surname = person_parts(name)
        if not given or not surname:
            if _role_before(text, ent.start):
                ev.strong["person"] = ev.strong.get("person", 0) + 1  # "premier Schoof"
            continue
        ev.strong["person"] = ev.strong.get("person", 0) + 1
        words = name.split()
        sur_words = len(surname.split())
        sur_text = " ".join(words[-sur_words:]) if sur_words <= len(words) else ""
        if sur_text[:1].isupper() and name_key(sur_text) == surname:
            sev = evidence[surname]
            sev.strong["person"] = sev.strong.get("person", 0) + 1
            sev.labels.setdefault("person", ent.label)
            sev.surfaces.add(sur_text)
    return evidence


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_END


def _neighbour_is_name(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """A capitalised word right before or after the match: part of a longer name."""
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if after is not None and after.group()[:1].isupper():
        return True
    if start < 2 or text[start - 1] != " " or _sentence_initial(text, start):
        return False
    j = start - 1
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’.-"):
        j -= 1
    prev = text[j : start - 1]
    if not prev[:1].isupper():
        return False
    # "Volgens Farioli": a capitalised common word opening the sentence is no name
    return not (_sentence_initial(text, j) and prev.lower().rstrip(".") in words)


_RUN = re.compile(r"[\w'’-]+")
_WORD_RUN = re.compile(r"(?<![\w'’-])[\w'’-]+")


class _Surfaces:
    r"""Finds whole-word occurrences of a set of surfaces in a text in time linear in the text:
    the same matches, left to right and non-overlapping, as the regex
    ``(?<![\w'’-])(?:s1|s2|…)(?![\w'’-])`` with the surfaces longest first, without that
    regex's cost of trying every surface at every position (matches × names). Surfaces are
    indexed by their first run of word characters; only positions where such a run starts
    are tried. A page names a few people and organisations: each of their first runs is
    looked up with ``str.find`` (scanning in C). Past ``find_limit`` distinct runs (a huge
    text naming thousands), the text's word runs are walked once instead."""

    #: Most distinct first runs looked up one by one with ``str.find``.
    find_limit = 24

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.by_run: dict[str, list[str]] = defaultdict(list)
        odd: list[str] = []
        for surface in set(surfaces):
            run = _first_run(surface)
            if run is None:
                odd.append(surface)  # starts with another character: rare, a small regex
            else:
                self.by_run[run].append(surface)
        for bucket in self.by_run.values():  # longest first, as the alternation tries them
            if len(bucket) > 1:
                bucket.sort(key=_longest_first)
        odd.sort(key=_longest_first)
        self.odd = (
            re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, odd)) + r")(?![\w'’-])")
            if odd
            else None
        )
        self.stems: list[str] | None = None
        self.stems_known = False
        #: spans no match may start in (the page's entities): skipped when the text is scanned
        self.inside: _Taken | None = None
        self.scanned: str | None = None  # the text whose stem starts are below
        self.starts: list[int] = []
        self.hits: list[tuple[int, str]] = []

    def __bool__(self) -> bool:
        return bool(self.by_run) or self.odd is not None

    def finditer(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """``(start, end, surface)`` of each match inside ``text[start:end]``, in order."""
        starts = self._run_starts(text, start, end)
        if not starts and self.odd is None:
            return []  # most stories of a page name none of these names
        found: list[tuple[int, int, str]] = []
        for p, candidates in starts:
            for surface in candidates:
                q = p + len(surface)
                if q <= end and text.startswith(surface, p) and not _word_char(text, q, end):
                    found.append((p, q, surface))
                    break
        if self.odd is not None:
            found.extend(
                (m.start(), m.end(), m.group()) for m in self.odd.finditer(text, start, end)
            )
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[tuple[int, int, str]] = []
        last = -1
        for hit in found:  # leftmost first, no overlaps (as finditer)
            if hit[0] >= last:
                out.append(hit)
                last = hit[1]
        return out

    def _run_starts(self, text: str, start: int, end: int) -> list[tuple[int, list[str]]]:
        """Where a whole run of word characters in ``text[start:end]`` is a first run of some
        surfaces: ``(offset, those surfaces)``, in no particular order."""
        by_run = self.by_run
        stems = self._stems()
        out: list[tuple[int, list[str]]] = []
        if stems is None:
            for m in _WORD_RUN.finditer(text, start, end):  # each run of word characters, once
                candidates = by_run.get(m.group())
                if candidates:
                    out.append((m.start(), candidates))
            return out
        starts, hits = self._stem_starts(text, stems)
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        if lo == hi:
            return out
        run_at = _RUN.match
        for p, stem in hits[lo:hi]:
            if p + len(stem) <= end:
                run = run_at(text, p, end)
                if run is not None:  # (always: the stem itself is a run)
                    candidates = by_run.get(run.group())
                    if candidates:
                        out.append((p, candidates))
        return out

    def _stem_starts(self, text: str, stems: list[str]) -> tuple[list[int], list[tuple[int, str]]]:
        """Every place in ``text`` where a stem starts a run of word characters, in text order
        (offsets, and offsets with the stem): found once per text, then each window (a story)
        takes its share by bisection."""
        if self.scanned is not text:
            find = text.find
            hits: list[tuple[int, str]] = []
            inside = self.inside
            for stem in stems:
                p = find(stem)
                while p >= 0:
                    if not (p and _run_char(text[p - 1])) and not (
                        inside is not None and inside.overlaps(p, p + 1)
                    ):
                        hits.append((p, stem))
                    p = find(stem, p + len(stem))  # no run starts inside the stem
            hits.sort()
            self.hits = hits
            self.starts = [p for p, _stem in hits]
            self.scanned = text
        return self.starts, self.hits

    def _stems(self) -> list[str] | None:
        """The fewest first runs that start all others (``Trump`` for ``Trump's`` too), or
        None when there are more than ``find_limit``."""
        if not self.stems_known:
            stems: list[str] = []
            for run in sorted(self.by_run):  # a run that starts with a stem sorts right after it
                if not (stems and run.startswith(stems[-1])):
                    stems.append(run)
            self.stems = stems if len(stems) <= self.find_limit else None
            self.stems_known = True
        return self.stems


@lru_cache(maxsize=65536)
def _first_run(surface: str) -> str | None:
    """The run of word characters a surface starts with, or None."""
    m = _RUN.match(surface)
    return m.group() if m else None


def _longest_first(surface: str) -> tuple[int, str]:
    return -len(surface), surface


def _run_char(char: str) -> bool:
    r"""A character of a word run (``[\w'’-]``)."""
    return char.isalnum() or char in "_'’-"


def _word_char(text: str, i: int, end: int) -> bool:
    return i < end and (text[i].isalnum() or text[i] in "_'’-")


class _Taken:
    """Spans, asked whether any overlaps ``[start, end)`` in O(log n): sorted by start, with
    the running maximum of their ends (a match overlaps a span iff the largest end among the
    spans starting before ``end`` lies after ``start``)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _e in ordered]
        self.max_end: list[int] = []
        top = -1
        for _s, e in ordered:
            top = max(top, e)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start


def _repeats(
    page: Page,
    story: Story,
    pattern: _Surfaces,
    kinds: dict[str, tuple[str, str]],
    strong: Callable[[str], bool],
    lower: _LowerWords,
) -> list[Entity]:
    text = page.text
    words = common_words()
    taken: _Taken | None = None  # made at the first match: most stories have none
    dl = story.dateline
    out: list[Entity] = []
    for start, end, surface in pattern.finditer(text, story.start, story.end):
        if dl is not None and start < dl.end and end > dl.start:
            continue
        if taken is None:
            taken = _Taken((e.start, e.end) for e in story.entities)
        if taken.overlaps(start, end):
            continue
        hit = kinds.get(_key(surface))
        if hit is None and surface.endswith("s"):
            hit = kinds.get(name_key(surface[:-1]))  # Dutch genitive "Trumps"
            if hit is not None and hit[0] != "person":
                hit = None
        if hit is None:
            continue
        if _sentence_initial(text, start):
            word = surface.split()[0]
            if word.lower() in words and not (strong(_key(surface)) and word.lower() not in lower):
                continue  # "Bos" opening a sentence: the common word, unless a full name
                # "Piet Bos" is on the page and "bos" is never used as a word there
        if _neighbour_is_name(text, start, end, words):
            continue
        kind, label = hit
        out.append(Entity(surface, start, end, kind, label, "consistency"))
    return out


def _fix_person_span(text: str, ent: Entity, covered: list[tuple[int, int]]) -> Entity:
    """Drop a leading title (``Zanger Dotan`` → ``Dotan``); take in a given name the model left
    out (``mediaondernemer Derk Sauer``: ``Sauer`` → ``Derk Sauer``)."""
    if ent.kind != "person" or ent.source == "dateline":
        return ent
    first, _, rest = ent.text.partition(" ")
    if rest and rest[:1].isupper() and _is_role(first):
        start = ent.start + len(first) + 1
        return attrs.evolve(ent, text=rest, start=start)
    if " " in ent.text or ent.start < 2 or text[ent.start - 1] != " ":
        return ent
    j = ent.start - 1
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    prev = text[j : ent.start - 1]
    if (
        len(prev) < 2
        or not prev[0].isupper()
        or prev.isupper()
        or (j > 0 and not text[j - 1].isspace())
        or _sentence_initial(text, j)
        or _is_role(prev)
        or prev.lower() in common_words()
        or any(s < ent.start and j < e for s, e in covered)
    ):
        return ent
    return attrs.evolve(ent, text=text[j : ent.end], start=j)


def harmonise(page: Page) -> Page:
    """``page`` with entity kinds made consistent per name and unlabelled repeats of person and
    organisation names added (see the module docstring). Returns a new page."""
    if not any(story.entities for story in page.stories):
        return page
    fixed: list[Story] = []
    for story in page.stories:
        if not any(e.kind == "person" for e in story.entities):
            fixed.append(story)  # only person spans are fixed
            continue
        covered = [(e.start, e.end) for e in story.entities]
        spans = [_fix_person_span(page.text, e, covered) for e in story.entities]
        same = all(a is b for a, b in zip(spans, story.entities, strict=True))
        fixed.append(story if same else attrs.evolve(story, entities=spans))
    if any(a is not b for a, b in zip(fixed, page.stories, strict=True)):
        page = attrs.evolve(page, stories=fixed)
    entities = [e for story in page.stories for e in story.entities]
    evidence = _gather(page.text, entities)
    decided: dict[str, tuple[str, str]] = {}
    for key, ev in evidence.items():
        kind = ev.winner()
        if kind is not None:
            decided[key] = (kind, ev.labels[kind])
    surfaces = _Surfaces(
        {
            form
            for key, (kind, _label) in decided.items()
            if kind in _REPEATED
            for surface in evidence[key].surfaces
            for form in (
                (surface, *(surface + g for g in _GENITIVES)) if kind == "person" else (surface,)
            )
        }
    )
    pattern = surfaces if surfaces else None
    if pattern is not None:  # a repeat never starts inside a mention the page has
        pattern.inside = _Taken((e.start, e.end) for e in entities)
    lower = _LowerWords(page.text)

    def strong(key: str) -> bool:
        ev = evidence.get(key)
        return ev is not None and bool(ev.strong.get("person"))

    stories: list[Story] = []
    changed = False
    for story in page.stories:
        ents: list[Entity] = []
        relabelled = False
        for ent in story.entities:
            hit = None
            if ent.source != "dateline" and ent.kind in _KINDS:
                hit = decided.get(_key(ent.text))
                if ent.text.endswith("s") and ent.kind != "person":
                    stem = name_key(ent.text[:-1])  # Dutch genitive "Trumps"
                    if stem in evidence and evidence[stem].strong.get("person"):
                        hit = decided.get(stem)
            if hit is not None and hit[0] != ent.kind:
                ent = attrs.evolve(ent, kind=hit[0], label=hit[1], source="consistency")
                relabelled = changed = True
            ents.append(ent)
        if relabelled:
            story = attrs.evolve(story, entities=ents)
        if pattern is not None:
            extra = _repeats(page, story, pattern, decided, strong, lower)
            if extra:
                story = attrs.evolve(
                    story, entities=sorted([*story.entities, *extra], key=lambda e: e.start)
                )
                changed = True
        stories.append(story)
    return attrs.evolve(page, stories=stories) if changed else page
