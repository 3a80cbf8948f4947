"""Within-page name-variant clustering of :class:`~wirenlp.records.Entity` mentions.

Precision first: mentions are only merged on evidence, never across kinds.

* persons — same full name; a surname alone ("Stoltenberg", genitive "Trumps") or an initialled
  name ("J. Stoltenberg") joins the full name with that surname — the nearest one before it in
  the same story, or the only one on the page; two different first names never merge;
* organisations — same name without a leading article ("de NAVO" / "NAVO"), an acronym in
  parentheses right after a name ("Centraal Bureau voor de Statistiek (CBS)"), or an acronym
  that spells the capitalised words of exactly one other name on the page ("DNB" ↔ "De
  Nederlandsche Bank"); same knowledge-base id (an exact or alias link, never a fuzzy one);
* places and nationalities — same normalised name, or the same resolved place/country
  (dateline "BRUSSEL" ↔ body "Brussel"; "VS" ↔ "Verenigde Staten"; "Russische" ↔ "Russen");
* other — same normalised name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import attrs

from ..parsing.normalize import name_key
from ..records import Entity, KBLink, PlaceLink

__all__ = ["Mention", "cluster_mentions", "person_parts", "same_person", "strip_genitive"]

_ARTICLES = ("de ", "het ", "the ", "een ", "d ", "t ")
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "te",
        "op",
        "in",
        "t",
        "bin",
        "ibn",
        "al",
        "el",
        "dos",
        "das",
        "zu",
        "af",
        "y",
    }
)
_WORD_SPLIT = re.compile(r"[\s\-]+")
_INITIAL = re.compile(r"^[A-ZÀ-Þ]\.?$|^[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)+$")


@attrs.frozen
class Mention:
    """One entity mention fed to :func:`cluster_mentions` (story index, page order).

    ``aliases`` are extra names known for the mention (e.g. an agency code's full name).
    """

    story: int
    index: int
    entity: Entity
    aliases: tuple[str, ...] = ()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the earliest mention as root: deterministic ids
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def strip_genitive(text: str) -> str:
    """A name without its apostrophe genitive: ``"Trump's"`` → ``"Trump"``, ``"Bush'"`` →
    ``"Bush"`` (the Dutch ``-s`` genitive, ``"Trumps"``, is ambiguous and left to callers)."""
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


@lru_cache(maxsize=65536)
def person_parts(text: str) -> tuple[tuple[str, ...], str]:
    """Split a person name into (given-name tokens, surname key).

    The surname starts at the first particle (``van``, ``de``, ``von der``) after the first
    token, else it is the last token: ``"Bill de Blasio"`` → ``(("bill",), "de blasio")``,
    ``"Nel Kouters-van Gelderen"`` → ``(("nel",), "kouters van gelderen")``.
    """
    tokens = strip_genitive(text.strip()).split()
    if not tokens:
        return (), ""
    if len(tokens) == 1 or name_key(tokens[0]) in _PARTICLES:  # "De Blasio", "Van der Laan"
        return (), name_key(" ".join(tokens))
    start = len(tokens) - 1
    for j in range(1, len(tokens) - 1):
        if name_key(tokens[j]) in _PARTICLES or "-" in tokens[j]:  # "Kouters-van Gelderen"
            start = j
            break
    given = tuple(name_key(t) for t in tokens[:start])
    return given, name_key(" ".join(tokens[start:]))


def same_person(a: str, b: str) -> bool:
    """True when two person names may name one person: the same surname and compatible given
    names — equal, initials that match (``"J. Stoltenberg"``), one a prefix of the other
    (``"Jens E."``), or none on one side (a surname alone). ``"Jens Stoltenberg"`` and ``"Jan
    Stoltenberg"`` are two people. Clusters and knowledge-base fuzzy links both use this rule.
    """
    given_a, sur_a = person_parts(a)
    given_b, sur_b = person_parts(b)
    return bool(sur_a) and sur_a == sur_b and _given_compatible(given_a, given_b, a, b)


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...], raw_a: str, raw_b: str) -> bool:
    """Given names agree: equal, or one side is initials that match the other's first letters."""
    if not a or not b:
        return True
    if a == b:
        return True
    a_init = all(_INITIAL.match(t) for t in raw_a.split()[: len(a)])
    b_init = all(_INITIAL.match(t) for t in raw_b.split()[: len(b)])
    if a_init or b_init:
        fa = "".join(t[0] for t in a if t)
        fb = "".join(t[0] for t in b if t)
        return fa.startswith(fb) or fb.startswith(fa)
    # "Jens" vs "Jens E." → the first given names agree and one is a prefix of the other
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[: len(short)] == short


@lru_cache(maxsize=65536)
def _org_key(text: str) -> str:
    key = name_key(strip_genitive(text))
    for art in _ARTICLES:
        if key.startswith(art) and len(key) > len(art) + 1:
            return key[len(art) :]
    return key


@lru_cache(maxsize=65536)
def _initials(text: str) -> tuple[str, str]:
    """Initials of the capitalised words and of all words, lower-cased
    ("Partij van de Arbeid" → ("pa", "pvda"); "Christen-Democratisch Appèl" → ("cda", "cda"))."""
    words = [w for w in _WORD_SPLIT.split(text.strip()) if w and w[0].isalpha()]
    caps = "".join(w[0] for w in words if w[0].isupper())
    return caps.lower(), "".join(w[0] for w in words).lower()


@lru_cache(maxsize=65536)
def _is_acronym(text: str) -> bool:
    """ "CBS", "N.A.V.O.", "PvdA": one token, 2–8 letters, at least two capitals."""
    t = text.replace(".", "")
    if not (2 <= len(t) <= 8 and t.isalpha()):
        return False
    return sum(ch.isupper() for ch in t) >= 2 and t[0].isupper()


def _link_key(link: PlaceLink | KBLink | None) -> str | None:
    if isinstance(link, KBLink):
        # a fuzzy knowledge-base link is a guess: it never merges mentions on its own
        return None if link.method == "kb-fuzzy" else f"kb:{link.id}"
    if isinstance(link, PlaceLink):
        if link.feature == "country" and link.country_code:
            return f"country:{link.country_code}"
        if link.geonameid is not None:
            return f"gn:{link.geonameid}"
        return f"place:{name_key(link.name)}:{link.country_code}"
    return None


_LINKED_KINDS = frozenset({"place", "nationality", "organisation", "person"})


def cluster_mentions(mentions: Sequence[Mention], page_text: str | None = None) -> list[int]:
    """Cluster mentions; returns, per mention, the index of its cluster's first mention.

    ``page_text`` (the text the offsets point into) enables the "(ACRONYM)" rule.
    """
    n = len(mentions)
    uf = _UnionFind(n)
    by_kind: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        by_kind.setdefault(m.entity.kind, []).append(i)

    def union_same(keys: dict[str, list[int]]) -> None:
        for idxs in keys.values():
            for j in idxs[1:]:
                uf.union(idxs[0], j)

    for kind, idxs in by_kind.items():
        link_groups: dict[str, list[int]] = {}
        if kind in _LINKED_KINDS:
            for i in idxs:
                link = mentions[i].entity.link
                lk = _link_key(link) if link is not None else None
                if lk is not None:
                    link_groups.setdefault(lk, []).append(i)
        if kind == "person":
            _cluster_persons(mentions, idxs, uf)
            union_same({k: v for k, v in link_groups.items() if k.startswith("kb:")})
        elif kind == "organisation":
            _cluster_orgs(mentions, idxs, uf, page_text)
            union_same(link_groups)
        else:
            same: dict[str, list[int]] = {}
            for i in idxs:
                key = name_key(strip_genitive(mentions[i].entity.text))
                if key:
                    same.setdefault(key, []).append(i)
            union_same(same)
            if kind in ("place", "nationality"):
                union_same(link_groups)
    return [uf.find(i) for i in range(n)]


def _cluster_orgs(
    mentions: Sequence[Mention], idxs: list[int], uf: _UnionFind, page_text: str | None
) -> None:
    same: dict[str, list[int]] = {}
    for i in idxs:
        for text in (mentions[i].entity.text, *mentions[i].aliases):
            key = _org_key(text)
            if key:
                same.setdefault(key, []).append(i)
    for group in same.values():
        for j in group[1:]:
            uf.union(group[0], j)
    # "(CBS)" right after a name
    if page_text is not None:
        for a, b in pairwise(idxs):
            ea, eb = mentions[a].entity, mentions[b].entity
            between = page_text[ea.end : eb.start]
            after = page_text[eb.end : eb.end + 1]
            if between.strip() == "(" and after == ")" and _is_acronym(eb.text):
                uf.union(a, b)
    # acronym spelling the capitalised words of exactly one other name
    # a capitalised head noun alone ("Kamer") after exactly one longer name ending in it
    # ("Tweede Kamer") in the same story
    # (Indexed by story and key suffix, so that a long page stays linear: mentions with the
    # same key were joined above, so one mention of each key stands for all of them.)
    tails: dict[tuple[int, str], dict[str, tuple[int, int]]] = {}
    for j in idxs:
        if " " not in mentions[j].entity.text.strip():
            continue
        key = _org_key(mentions[j].entity.text)
        pos = key.find(" ")
        while pos >= 0:
            keys = tails.setdefault((mentions[j].story, key[pos + 1 :]), {})
            seen = keys.get(key)
            if seen is None or mentions[j].index < seen[0]:
                keys[key] = (mentions[j].index, j)
            pos = key.find(" ", pos + 1)
    for i in idxs:
        text = strip_genitive(mentions[i].entity.text).strip()
        if " " in text or not text[:1].isupper() or _is_acronym(text):
            continue
        head = name_key(text)
        index = mentions[i].index
        owners = {
            uf.find(j)
            for first, j in tails.get((mentions[i].story, head), {}).values()
            if first < index
        }
        if len(owners) == 1:
            uf.union(owners.pop(), i)
    names: dict[str, tuple[int, tuple[str, str]]] = {}
    for i in idxs:
        text = mentions[i].entity.text
        if not _is_acronym(text) and len(_WORD_SPLIT.split(text.strip())) > 1:
            names.setdefault(_org_key(text), (i, _initials(strip_genitive(text))))
    by_initials: dict[str, list[int]] = {}
    for j, ini in names.values():
        for form in set(ini):
            by_initials.setdefault(form, []).append(j)
    for i in idxs:
        text = strip_genitive(mentions[i].entity.text).replace(".", "")
        if not _is_acronym(text):
            continue
        low = text.lower()
        hits = {uf.find(j) for j in by_initials.get(low, ())}
        if len(hits) == 1:
            uf.union(i, hits.pop())


def _cluster_persons(mentions: Sequence[Mention], idxs: list[int], uf: _UnionFind) -> None:
    parts = {i: person_parts(mentions[i].entity.text) for i in idxs}
    full = [i for i in idxs if parts[i][0]]
    surnames = {parts[i][1] for i in full}
    # full names: same given names (or compatible initials) and same surname
    # (Indexed by surname, story and first given name, so that a long page stays linear; every
    # full name stands for the mentions joined to it here, which share its cluster for good.)
    groups: dict[str, list[int]] = {}  # surname → representative mention of each group
    rep_of: dict[int, int] = {}
    for i in full:
        sur = parts[i][1]
        raw = mentions[i].entity.text
        match = [g for g in groups.get(sur, ()) if same_person(raw, mentions[g].entity.text)]
        # an initialled name joins only an unambiguous full name
        if len(match) == 1:
            uf.union(match[0], i)
            rep_of[i] = match[0]
        else:
            if not match:
                groups.setdefault(sur, []).append(i)
            rep_of[i] = i
    by_story_sur: dict[tuple[int, str], tuple[list[int], list[int]]] = {}
    by_story_first: dict[tuple[int, str], dict[int, int]] = {}
    for g in full:
        story, index = mentions[g].story, mentions[g].index
        offsets, members = by_story_sur.setdefault((story, parts[g][1]), ([], []))
        offsets.append(index)
        members.append(g)
        seen = by_story_first.setdefault((story, parts[g][0][0]), {})
        seen[rep_of[g]] = min(index, seen.get(rep_of[g], index))
    # surname-only mentions (with genitive "-s" when the bare surname is known)
    for i in idxs:
        if parts[i][0]:
            continue
        sur = parts[i][1]
        if sur not in surnames and sur.endswith("s") and sur[:-1] in surnames:
            sur = sur[:-1]
        cands = groups.get(sur, [])
        if not cands:
            continue
        offsets, members = by_story_sur.get((mentions[i].story, sur), ([], []))
        before = bisect_left(offsets, mentions[i].index)
        if before:
            uf.union(members[before - 1], i)
            continue
        roots = {uf.find(g) for g in cands}
        if len(roots) == 1:
            uf.union(cands[0], i)
    # a lone given name ("Jill") after exactly one full name with that given name in the same
    # story, when no full name there has it as surname
    for i in idxs:
        if parts[i][0] or " " in parts[i][1] or parts[i][1] in surnames:
            continue
        index = mentions[i].index
        firsts = {
            uf.find(g)
            for g, first in by_story_first.get((mentions[i].story, parts[i][1]), {}).items()
            if first < index
        }
        if len(firsts) == 1:
            uf.union(firsts.pop(), i)
    # remaining surname-only mentions: same surname (genitive folded) → together
    bare: dict[str, list[int]] = {}
    bare_keys = {parts[i][1] for i in idxs if not parts[i][0]}
    for i in idxs:
        if parts[i][0]:
            continue
        sur = parts[i][1]
        if sur.endswith("s") and (sur[:-1] in bare_keys or sur[:-1] in surnames):
            sur = sur[:-1]
        bare.setdefault(sur, []).append(i)
    full_set = {uf.find(f) for f in full}  # the clusters that hold a full name, kept current
    for group in bare.values():
        roots = {uf.find(g) for g in group}
        full_roots = roots & full_set
        if len(full_roots) <= 1:
            for j in group[1:]:
                a, b = uf.find(group[0]), uf.find(j)
                uf.union(a, b)
                if a in full_set or b in full_set:
                    full_set.discard(a)
                    full_set.discard(b)
                    full_set.add(uf.find(a))
