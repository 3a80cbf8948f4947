"""Archive entities: the page clusters of every page, merged across the archive.

A page cluster (a :class:`~wirenlp.PageEntity` and the mentions that carry its id) joins an
archive entity by the page clusters' own rules (:mod:`wirenlp.linking.clusters`) applied to the
names the archive has seen:

* any kind — the same knowledge-base id (an exact or alias link) or the same gazetteer place or
  country (:func:`~wirenlp.linking.clusters._link_key`);
* persons — a full name joins the entity with that name or a compatible one
  (:func:`~wirenlp.linking.clusters.same_person`: ``"J. Stoltenberg"`` ↔ ``"Jens
  Stoltenberg"``, never ``"Jan de Vries"`` ↔ ``"Piet de Vries"``) when exactly one entity fits; a
  bare surname (``"Stoltenberg"``, genitive ``"Stoltenbergs"``) joins a full name only when that
  full name is the only one in the archive with that surname within ``period`` of the page; else
  it joins (or starts) the surname-only entity of that surname;
* organisations — the same name without a leading article (``"de NAVO"`` / ``"NAVO"``), any of
  the names the page cluster joined (so ``"CBS"`` on one page reaches ``"Centraal Bureau voor
  de Statistiek"`` if a page once said both);
* places, nationalities, other — the same normalised name.

Ids are integers given in order of first sighting and never change: a later page can add names
to an entity, never move its mentions to another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import attrs

from ..linking.clusters import _link_key, _org_key, person_parts, same_person, strip_genitive
from ..parsing.normalize import name_key
from ..records import ENTITY_KINDS, KBLink, Page, PageEntity, PlaceLink

__all__ = ["ArchiveEntity", "Resolver"]


@attrs.frozen
class ArchiveEntity:
    """One entity of the archive (:meth:`wirenlp.Archive.entity`)."""

    id: int = attrs.field(validator=attrs.validators.instance_of(int))
    """Stable id (``entities.entity``)."""
    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    """Display name: a person's full name once one is seen, a place's gazetteer name."""
    kind: str = attrs.field(validator=attrs.validators.in_(ENTITY_KINDS))
    names: tuple[str, ...] = attrs.field(converter=tuple)
    """Every name a mention of it was written as, sorted."""
    link: str | None
    """``"geonames:ID"``, ``"country:CC"``, ``"kb:ID"`` or None."""
    mentions: int = attrs.field(validator=attrs.validators.ge(0))
    """Mentions in stored stories (a story seen on many pages counts once)."""
    pages: int = attrs.field(validator=attrs.validators.ge(0))
    """Pages on which a story that mentions it appears."""
    first_seen: datetime | None
    last_seen: datetime | None


@attrs.define
class _Known:
    """The resolver's memory of one entity."""

    id: int
    kind: str
    name: str
    surname: str = ""  # persons: surname key
    full: set[str] = attrs.field(factory=set)  # persons: full names as written
    first: datetime | None = None
    last: datetime | None = None

    def seen(self, when: datetime) -> None:
        self.first = when if self.first is None or when < self.first else self.first
        self.last = when if self.last is None or when > self.last else self.last

    def active(self, when: datetime, period: timedelta) -> bool:
        if self.first is None or self.last is None:
            return True
        return self.first - period <= when <= self.last + period


def link_text(link: PlaceLink | KBLink | None) -> str | None:
    """The ``entities.link`` value of a page link (None for fuzzy KB links and no link)."""
    key = _link_key(link)
    if key is None:
        return None
    if key.startswith("gn:"):
        return "geonames:" + key[3:]
    return key


def _keys(kind: str, name: str) -> list[str]:
    """Lookup keys of a non-person name (the clusters' organisation key, else name_key)."""
    key = _org_key(name) if kind == "organisation" else name_key(strip_genitive(name))
    return [key] if key else []


class Resolver:
    """Assigns archive entity ids to the clusters of a page; holds the archive's names in
    memory (loaded once from the tables by :meth:`load`) and collects the rows to write."""

    def __init__(self, period: timedelta = timedelta(days=365)) -> None:
        self.period = period
        self.next_id = 1
        self.known: dict[int, _Known] = {}
        self.by_key: dict[tuple[str, str], int] = {}  # (kind, key or link) → first entity
        self.by_surname: dict[str, list[int]] = {}  # person surname key → entities
        self.names: set[tuple[int, str]] = set()
        # rows written by the next flush
        self.new_entities: list[dict[str, Any]] = []
        self.new_names: list[dict[str, Any]] = []
        self.renamed: dict[int, str] = {}

    def load(self, entities: Iterable[tuple[Any, ...]], names: Iterable[tuple[Any, ...]]) -> None:
        """Fill memory from ``(entity, kind, name, link, first, last)`` and ``(entity, name)``
        rows of the archive."""
        for ent, kind, name, link, first, last in entities:
            known = _Known(int(ent), kind, name, first=first, last=last)
            self.known[known.id] = known
            self.next_id = max(self.next_id, known.id + 1)
            if link:
                self.by_key.setdefault((kind, link), known.id)
        for ent, name in names:
            self._remember(self.known[int(ent)], name)

    def _remember(self, known: _Known, name: str) -> None:
        self.names.add((known.id, name))
        if known.kind == "person":
            given, sur = person_parts(name)
            if sur and not known.surname:
                known.surname = sur
                self.by_surname.setdefault(sur, []).append(known.id)
            if given:
                known.full.add(name)
            self.by_key.setdefault(("person", name_key(strip_genitive(name))), known.id)
        else:
            for key in _keys(known.kind, name):
                self.by_key.setdefault((known.kind, key), known.id)

    def _new(self, item: PageEntity, when: datetime) -> _Known:
        known = _Known(self.next_id, item.kind, item.name, first=when, last=when)
        self.next_id += 1
        self.known[known.id] = known
        link = item.link
        row: dict[str, Any] = {
            "entity": known.id,
            "kind": item.kind,
            "name": item.name,
            "link": link_text(link),
            "link_name": link.name if link is not None else None,
            "country_code": link.country_code if isinstance(link, PlaceLink) else None,
            "latitude": link.latitude if isinstance(link, PlaceLink) else None,
            "longitude": link.longitude if isinstance(link, PlaceLink) else None,
        }
        self.new_entities.append(row)
        if row["link"]:
            self.by_key.setdefault((item.kind, row["link"]), known.id)
        return known

    def _person(self, item: PageEntity, names: list[str], when: datetime) -> _Known | None:
        full = [n for n in names if person_parts(n)[0]]
        if full:
            rep = item.name if person_parts(item.name)[0] else full[0]
            exact = self.by_key.get(("person", name_key(strip_genitive(rep))))
            if exact is not None and self.known[exact].full:
                return self.known[exact]
            sur = person_parts(rep)[1]
            cands = [
                self.known[i]
                for i in self.by_surname.get(sur, ())
                if self.known[i].active(when, self.period)
            ]
            with_full = [k for k in cands if k.full]
            match = [k for k in with_full if any(same_person(rep, f) for f in k.full)]
            if len(match) == 1:
                return match[0]
            if match:  # an initialled name that fits two people: a new entity
                return None
            bare = [k for k in cands if not k.full]
            if not with_full and len(bare) == 1:  # the first full name of a surname seen alone
                self.renamed[bare[0].id] = rep
                bare[0].name = rep
                return bare[0]
            return None
        sur = person_parts(names[0] if names else item.name)[1]
        if sur not in self.by_surname and sur.endswith("s") and sur[:-1] in self.by_surname:
            sur = sur[:-1]  # Dutch genitive "Stoltenbergs"
        cands = [
            self.known[i]
            for i in self.by_surname.get(sur, ())
            if self.known[i].active(when, self.period)
        ]
        with_full = [k for k in cands if k.full]
        if len(with_full) == 1:
            return with_full[0]
        bare = [k for k in cands if not k.full]
        return bare[-1] if bare else None

    def resolve(
        self, page: Page, when: datetime, clusters: set[str] | None = None
    ) -> dict[str, int]:
        """Archive entity ids for the clusters of ``page`` (cluster id → entity id), creating
        entities and names as needed; ``when`` is the page's time; ``clusters`` limits the
        work to those cluster ids (the ones in stories new to the archive)."""
        names: dict[str, list[str]] = {}
        for story in page.stories:
            for ent in story.entities:
                if ent.cluster is not None:
                    text = strip_genitive(ent.text.strip())
                    seen = names.setdefault(ent.cluster, [])
                    if text and text not in seen:
                        seen.append(text)
        out: dict[str, int] = {}
        for item in page.entities:
            if clusters is not None and item.cluster not in clusters:
                continue
            cluster_names = names.get(item.cluster) or [item.name]
            known: _Known | None = None
            link = link_text(item.link)
            if link is not None:
                found = self.by_key.get((item.kind, link))
                known = self.known[found] if found is not None else None
            if known is None and item.kind == "person":
                known = self._person(item, cluster_names, when)
            elif known is None:
                for name in (*cluster_names, item.name):
                    found = next(
                        (
                            self.by_key[(item.kind, k)]
                            for k in _keys(item.kind, name)
                            if (item.kind, k) in self.by_key
                        ),
                        None,
                    )
                    if found is not None:
                        known = self.known[found]
                        break
            if known is None:
                known = self._new(item, when)
            known.seen(when)
            for name in cluster_names:
                if (known.id, name) not in self.names:
                    self._remember(known, name)
                    self.new_names.append({"entity": known.id, "name": name, "key": name_key(name)})
            out[item.cluster] = known.id
        return out

    def take(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[int, str]]:
        """The rows collected since the last call: new entities, new names, renamed entities."""
        rows = (self.new_entities, self.new_names, self.renamed)
        self.new_entities, self.new_names, self.renamed = [], [], {}
        return rows
