"""User knowledge bases: link persons, organisations (and places) to the user's own ids.

A record has an ``id``, a ``name``, optional ``aliases`` and ``kind`` and any extra fields::

    id,name,aliases,kind,wikidata
    nato,NAVO,"NATO|Noord-Atlantische Verdragsorganisatie",organisation,Q7184

:meth:`KnowledgeBase.lookup` matches a mention exactly on its normalised name or an alias first,
then fuzzily (rapidfuzz ``token_sort_ratio`` with a configurable cut-off) among records of the
same kind. A fuzzy link between persons also needs the same surname and compatible given names
(:func:`wirenlp.linking.clusters.same_person`): "Jens Stoltenberg" never links to "Jan
Stoltenberg". Bad input raises :class:`~wirenlp.errors.KnowledgeBaseError` naming file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs
from rapidfuzz import fuzz, process

from ..errors import KnowledgeBaseError
from ..parsing.normalize import name_key
from ..records import ENTITY_KINDS, EntityKind, FieldMap, KBLink
from .clusters import same_person

__all__ = ["KBRecord", "KnowledgeBase"]

_KIND_ALIASES: dict[str, EntityKind] = {
    "per": "person",
    "person": "person",
    "persoon": "person",
    "org": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "organisatie": "organisation",
    "loc": "place",
    "place": "place",
    "location": "place",
    "plaats": "place",
    "gpe": "place",
    "nationality": "nationality",
    "norp": "nationality",
    "misc": "other",
    "other": "other",
}
_ALIAS_SEPARATORS = ("|", ";")


def _aliases(items: Iterable[str]) -> tuple[str, ...]:
    return items if type(items) is tuple else tuple(items)


def _fields(items: Mapping[str, str] | Iterable[tuple[str, str]]) -> FieldMap:
    return items if type(items) is FieldMap else FieldMap(items)


@attrs.frozen
class KBRecord:
    """One knowledge-base entry (immutable; ``fields`` as a read-only mapping)."""

    id: str
    name: str
    kind: EntityKind | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)
    fields: FieldMap = attrs.field(factory=FieldMap, converter=_fields)


def _split_aliases(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    text = str(value)
    for sep in _ALIAS_SEPARATORS:
        if sep in text:
            return tuple(p.strip() for p in text.split(sep) if p.strip())
    return (text.strip(),) if text.strip() else ()


def _record(data: Mapping[str, Any], where: str) -> KBRecord:
    if not isinstance(data, Mapping):
        raise KnowledgeBaseError(f"{where}: expected an object with id and name")
    rid = data.get("id")
    name = data.get("name")
    if rid is None or str(rid).strip() == "":
        raise KnowledgeBaseError(f"{where}: missing 'id'")
    if name is None or not str(name).strip():
        raise KnowledgeBaseError(f"{where}: missing 'name'")
    kind_raw = data.get("kind")
    kind: EntityKind | None = None
    if kind_raw is not None and str(kind_raw).strip():
        kind = _KIND_ALIASES.get(str(kind_raw).strip().lower())
        if kind is None:
            raise KnowledgeBaseError(
                f"{where}: unknown kind {kind_raw!r} (use one of {', '.join(ENTITY_KINDS)})"
            )
    extra = {
        str(k): ("" if v is None else str(v))
        for k, v in data.items()
        if k not in ("id", "name", "kind", "aliases") and k is not None
    }
    return KBRecord(
        id=str(rid).strip(),
        name=str(name).strip(),
        kind=kind,
        aliases=_split_aliases(data.get("aliases")),
        fields=extra,
    )


class KnowledgeBase:
    """A user knowledge base of named records, looked up by name with a score.

    ``fuzzy_cutoff``: minimum rapidfuzz ``token_sort_ratio`` (0–100) for a fuzzy match
    (``None`` disables fuzzy matching); ``min_score``: links scoring below it are dropped.
    """

    def __init__(
        self,
        records: Iterable[KBRecord],
        *,
        fuzzy_cutoff: float | None = 90.0,
        min_score: float = 0.0,
    ) -> None:
        self.records: tuple[KBRecord, ...] = tuple(records)
        self.fuzzy_cutoff = fuzzy_cutoff
        self.min_score = min_score
        self._exact: dict[str, list[int]] = {}
        self._names: list[str] = []
        self._forms: list[str] = []  # each name as written, parallel to _names
        self._name_rec: list[int] = []
        for i, rec in enumerate(self.records):
            for form in (rec.name, *rec.aliases):
                key = name_key(form)
                if not key:
                    continue
                bucket = self._exact.setdefault(key, [])
                if i not in bucket:
                    bucket.append(i)
                    self._names.append(key)
                    self._forms.append(form)
                    self._name_rec.append(i)
        self._lookup_cached = lru_cache(maxsize=65536)(self._lookup)

    def __len__(self) -> int:
        return len(self.records)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its lookup cache (e.g. sent to Dask workers)."""
        state = self.__dict__.copy()
        del state["_lookup_cached"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lookup_cached = lru_cache(maxsize=65536)(self._lookup)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], **options: Any) -> KnowledgeBase:
        """Build from dicts (``id``, ``name``, optional ``aliases``, ``kind``, extra fields)."""
        out = [_record(r, f"record {n}") for n, r in enumerate(records, start=1)]
        return cls(out, **options)

    @classmethod
    def from_csv(cls, path: str | Path, **options: Any) -> KnowledgeBase:
        """Read a CSV file with a header row; aliases separated by ``|`` or ``;``."""
        p = Path(path)
        out: list[KBRecord] = []
        try:
            with p.open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                if not reader.fieldnames or not {"id", "name"} <= set(reader.fieldnames):
                    raise KnowledgeBaseError(f"{p}:1: header must have 'id' and 'name' columns")
                for row in reader:
                    where = f"{p}:{reader.line_num}"
                    if None in row:
                        raise KnowledgeBaseError(f"{where}: more fields than the header has")
                    out.append(_record(row, where))
        except UnicodeDecodeError as exc:
            raise KnowledgeBaseError(f"{p}: not UTF-8 text ({exc})") from exc
        except csv.Error as exc:
            raise KnowledgeBaseError(f"{p}: bad CSV ({exc})") from exc
        return cls(out, **options)

    @classmethod
    def from_jsonl(cls, path: str | Path, **options: Any) -> KnowledgeBase:
        """Read JSON Lines: one object per line; blank lines are skipped."""
        p = Path(path)
        out: list[KBRecord] = []
        try:
            with p.open(encoding="utf-8") as fh:
                for n, line in enumerate(fh, start=1):
                    if not line.strip():
                        continue
                    where = f"{p}:{n}"
                    try:
                        data = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise KnowledgeBaseError(f"{where}: invalid JSON ({exc.msg})") from exc
                    out.append(_record(data, where))
        except UnicodeDecodeError as exc:
            raise KnowledgeBaseError(f"{p}: not UTF-8 text ({exc})") from exc
        return cls(out, **options)

    # ------------------------------------------------------------------ lookup
    def _compatible(self, rec: KBRecord, kind: str | None) -> bool:
        return kind is None or rec.kind is None or rec.kind == kind

    def _lookup(self, key: str, kind: str | None, name: str) -> KBLink | None:
        for i in self._exact.get(key, ()):
            rec = self.records[i]
            if self._compatible(rec, kind):
                method = "kb-exact" if name_key(rec.name) == key else "kb-alias"
                return self._link(rec, 100.0, method)
        if self.fuzzy_cutoff is None or len(key) < 4:
            return None
        choices = [
            j for j, i in enumerate(self._name_rec) if self._compatible(self.records[i], kind)
        ]
        if not choices:
            return None
        hits = process.extract(
            key,
            [self._names[j] for j in choices],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=self.fuzzy_cutoff,
            limit=None,
        )
        hits = [h for h in hits if self._fuzzy_allowed(name, kind, choices[h[2]])]
        if not hits:
            return None
        best = sorted(hits, key=lambda h: (-h[1], self._name_rec[choices[h[2]]]))[0]
        rec = self.records[self._name_rec[choices[best[2]]]]
        return self._link(rec, float(best[1]), "kb-fuzzy")

    def _fuzzy_allowed(self, name: str, kind: str | None, j: int) -> bool:
        """Persons (the mention's kind or the record's) link fuzzily only to the same person:
        compatible with the matched name and with the record's own name ("Jan Stoltenberg"
        fits the alias "J. Stoltenberg" of "Jens Stoltenberg", not the person)."""
        rec = self.records[self._name_rec[j]]
        if kind != "person" and rec.kind != "person":
            return True
        return same_person(name, self._forms[j]) and same_person(name, rec.name)

    def _link(self, rec: KBRecord, score: float, method: str) -> KBLink | None:
        score = max(0.0, min(100.0, score))
        if score < self.min_score:
            return None
        return KBLink(
            id=rec.id,
            name=rec.name,
            kind=rec.kind or "other",
            score=round(score, 1),
            method=method,
            fields=rec.fields,
        )

    def lookup(self, name: str, kind: str | None = None) -> KBLink | None:
        """The best record for a mention (of ``kind``, if given), or None. Never raises."""
        if not isinstance(name, str):
            return None
        key = name_key(name)
        if not key:
            return None
        return self._lookup_cached(key, kind if isinstance(kind, str) else None, name.strip())
