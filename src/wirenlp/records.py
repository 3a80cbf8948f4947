"""Result records: the frozen attrs classes that wirenlp returns.

Every record that points into the input carries ``start``/``end`` character offsets into
``Page.text`` and the exact ``text`` found there (``page.text[start:end] == span.text``).
Records are immutable and slotted; :meth:`Page.to_dict` / :meth:`Page.from_dict` turn a page
into JSON-safe data and back. They pickle as their field values and are rebuilt through their
``__init__`` (validators included), which is what Dask sends between processes.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, Literal, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn
from cattrs.preconf.json import make_converter

__all__ = [
    "SCHEMA_VERSION",
    "Agency",
    "Dateline",
    "Entity",
    "EntityKind",
    "FieldMap",
    "ItemMeta",
    "KBLink",
    "MetaEntity",
    "Page",
    "PageEntity",
    "PageError",
    "PlaceLink",
    "Span",
    "Story",
    "TimeLabel",
]

SCHEMA_VERSION = "2.0"
"""Version of the JSONL page record (``schema_version`` in :meth:`Page.to_dict` output; the
JSON Schema is :func:`wirenlp.export.schema.page_schema`). Bump it whenever a record changes."""

EntityKind = Literal["person", "organisation", "place", "nationality", "other"]
ENTITY_KINDS: tuple[str, ...] = ("person", "organisation", "place", "nationality", "other")


_T = TypeVar("_T")

#: how to read the field values of each record class, in ``__init__`` order (see _pickled)
_FIELD_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _field_values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function from a record of ``cls`` to its field values, the positional arguments of
    ``cls(...)`` that make an equal record."""
    fields = attrs.fields(cls)
    if any(not f.init or f.kw_only for f in fields):
        raise TypeError(f"{cls.__name__}: every field must be a positional __init__ argument")
    get = operator.attrgetter(*(f.name for f in fields))
    if len(fields) == 1:
        return lambda record: (get(record),)
    return get


def _reduce_to_fields(record: Any) -> tuple[Any, ...]:
    """Pickle a record as ``(cls, field values)``: unpickling calls ``cls(*values)``."""
    cls = type(record)
    try:
        values = _FIELD_VALUES[cls]
    except KeyError:  # a subclass: its own fields
        values = _FIELD_VALUES[cls] = _field_values(cls)
    return cls, values(record)


def _pickled(cls: type[_T]) -> type[_T]:
    """Pickle the records of ``cls`` as their field values, rebuilt through ``cls(...)``.

    attrs' own pickling of frozen slotted classes sends a ``{name: value}`` dict per record
    and sets each slot in Python when loading; pages travel between Dask workers and the
    client (:mod:`wirenlp.dask`) by the thousand, and this form is about half the work and
    smaller. The rebuilt record goes through ``__init__``, so its validators run again and
    equal records come back (``tests/test_records_pickle.py``)."""
    _FIELD_VALUES[cls] = _field_values(cls)
    cls.__reduce__ = _reduce_to_fields  # type: ignore[assignment,method-assign]
    return cls


def _to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Converter at the edge: any iterable in, an immutable tuple stored."""
    return items if type(items) is tuple else tuple(items)


def _check_span(instance: Any) -> None:
    """One cheap check for every record that points into the text (validators run per field)."""
    text, start, end = instance.text, instance.start, instance.end
    if not isinstance(text, str):
        raise TypeError(f"{type(instance).__name__}.text must be str, got {type(text).__name__}")
    if not (0 <= start <= end and len(text) == end - start):
        raise ValueError(
            f"{type(instance).__name__}: text {text!r} does not fit offsets {start}:{end}"
        )


@_pickled
@attrs.frozen
class Span:
    """A stretch of the input: ``text == page.text[start:end]``."""

    text: str
    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        _check_span(self)


@_pickled
@attrs.frozen
class Agency:
    """A news agency as written in a dateline, with its canonical code and name.

    ``known`` is False for codes that are not in wirenlp's registry; they are kept as written
    (upper-cased) in ``code`` and ``name`` is None.
    """

    text: str
    start: int
    end: int
    code: str
    name: str | None = None
    known: bool = True

    def __attrs_post_init__(self) -> None:
        _check_span(self)


@_pickled
@attrs.frozen
class PlaceLink:
    """A gazetteer place (GeoNames) that a name resolves to, with a score in [0, 100].

    ``method`` says how it was found (``"exact"``, ``"fuzzy"``, ``"kb"``, ``"country"`` …).
    ``feature`` is the kind of place: ``"city"`` / ``"capital"`` (GeoNames populated places
    and districts), ``"district"`` (``Amsterdam-Oost``, at its city's point),
    ``"municipality"``, ``"airport"``, ``"admin1"`` / ``"admin2"`` (provinces, states,
    regions: ISO 3166-2 subdivisions), ``"country"``, ``"continent"`` or ``"region"``
    (macro-regions such as Midden-Oosten; ``country_code`` None when they span countries); all
    carry coordinates (a centre for areas). ``admin1`` is the province or state *name* and
    ``admin1_code`` its code (GeoNames admin1 code for places, ISO 3166-2 for areas).
    ``alternatives`` are the runners-up with their scores.
    """

    geonameid: int | None
    name: str
    country_code: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    score: float = attrs.field(
        default=100.0, validator=[attrs.validators.ge(0), attrs.validators.le(100)]
    )
    method: str = "exact"
    feature: str = "city"
    population: int | None = None
    alternate_names: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)
    alternatives: tuple[PlaceLink, ...] = attrs.field(default=(), converter=_to_tuple)
    admin1_code: str | None = None


class FieldMap(Mapping[str, str]):
    """An immutable, hashable mapping of a knowledge-base record's extra fields.

    Built from a mapping or from ``(key, value)`` pairs; reads like a dict
    (``link.fields["wikidata"]``, ``dict(link.fields)``) and compares equal to one.
    """

    __slots__ = ("_items",)
    _items: tuple[tuple[str, str], ...]

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        data: dict[str, str] = {}
        for key, value in pairs:
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"fields must map str to str, got {key!r}: {value!r}")
            data[key] = value
        object.__setattr__(self, "_items", tuple(data.items()))

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its items (pages with knowledge-base links travel between processes)."""
        return (FieldMap, (self._items,))

    def __getitem__(self, key: str) -> str:
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items))

    def __repr__(self) -> str:
        return f"FieldMap({dict(self._items)!r})"


def _to_fieldmap(items: Mapping[str, str] | Iterable[tuple[str, str]]) -> FieldMap:
    """Converter at the edge: a mapping or pairs in, an immutable :class:`FieldMap` stored."""
    return items if type(items) is FieldMap else FieldMap(items)


@_pickled
@attrs.frozen
class KBLink:
    """A link to a record of a user knowledge base (:class:`wirenlp.KnowledgeBase`).

    ``fields`` holds the record's extra fields (``wikidata`` …) as an immutable mapping.
    """

    id: str
    name: str
    kind: EntityKind = attrs.field(validator=attrs.validators.in_(ENTITY_KINDS))
    score: float = attrs.field(validator=[attrs.validators.ge(0), attrs.validators.le(100)])
    method: str = "exact"
    fields: FieldMap = attrs.field(factory=FieldMap, converter=_to_fieldmap)


@_pickled
@attrs.frozen
class Entity:
    """A named entity in a story, with offsets into the page text.

    ``kind`` is wirenlp's coarse type; ``label`` is the producing model's own label;
    ``source`` says who produced it (``"model"``, ``"dateline"``, ``"rules"``, …).
    """

    text: str
    start: int
    end: int
    kind: str = attrs.field(validator=attrs.validators.in_(ENTITY_KINDS))
    label: str
    source: str = "model"
    cluster: str | None = None
    link: PlaceLink | KBLink | None = None

    def __attrs_post_init__(self) -> None:
        _check_span(self)


@_pickled
@attrs.frozen
class Dateline:
    """A dateline as written (``text`` includes its separator) and its parts.

    ``complete`` is False when the input ends inside the dateline (a cut-off excerpt).
    ``links`` holds one :class:`PlaceLink` (or None) per place once linking has run.
    """

    text: str
    start: int
    end: int
    places: tuple[Span, ...] = attrs.field(default=(), converter=_to_tuple)
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_to_tuple)
    date: Span | None = None
    complete: bool = True
    links: tuple[PlaceLink | None, ...] = attrs.field(default=(), converter=_to_tuple)

    def __attrs_post_init__(self) -> None:
        _check_span(self)


@_pickled
@attrs.frozen
class TimeLabel:
    """A story footer such as ``"1 uur geleden"``.

    With a reference time the label resolves to an interval ``[earliest, latest]``; without one
    (or for forms that cannot be resolved) both are None.
    """

    text: str
    start: int
    end: int
    earliest: datetime | None = None
    latest: datetime | None = None

    def __attrs_post_init__(self) -> None:
        _check_span(self)


@_pickled
@attrs.frozen
class Story:
    """One story of a page: ``page.text[start:end]`` runs from its headline (or dateline) to the
    end of its text; its time label, a footer, may follow ``end``.

    ``role`` is ``"main"`` for a page's lead story or a lone story and ``"teaser"`` for cards
    in a ``Meer uit …`` block. ``truncated`` means the input ends inside the story.
    After linking, ``event_place`` is where the lead says the news happened (a body place, else
    the filing place) and ``event_elsewhere`` is True when that differs from the filing city.
    """

    start: int
    end: int
    headline: Span | None = None
    dateline: Dateline | None = None
    body: Span | None = None
    time: TimeLabel | None = None
    section: str | None = None
    role: str = "main"
    truncated: bool = False
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_to_tuple)
    event_place: PlaceLink | None = None
    event_elsewhere: bool = False

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Story: end ({self.end}) < start ({self.start})")


@_pickled
@attrs.frozen
class PageEntity:
    """The roll-up of one entity cluster over a page."""

    cluster: str
    name: str
    kind: str
    mentions: int
    stories: tuple[int, ...] = attrs.field(converter=_to_tuple)
    link: PlaceLink | KBLink | None = None


@_pickled
@attrs.frozen
class PageError:
    """Why a record could not be processed (batch mode keeps it instead of dropping it)."""

    type: str
    message: str


def _aware(_instance: Any, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    if value is not None and (not isinstance(value, datetime) or value.utcoffset() is None):
        raise ValueError(f"ItemMeta.{attribute.name} must be an aware datetime, got {value!r}")


def _str_tuple(items: Iterable[Any]) -> tuple[str, ...]:
    """Converter: any iterable of strings in, a tuple stored (a lone string is one item)."""
    if isinstance(items, str):
        return (items,)
    return items if type(items) is tuple else tuple(items)


_opt_str = attrs.validators.optional(attrs.validators.instance_of(str))


@_pickled
@attrs.frozen
class MetaEntity:
    """An entity the agency tagged itself (ANP API ``entities[]``, NITF/PA inline
    ``<person>/<org>/<location>`` tags, G2 concepts): kept as delivered, to compare with
    wirenlp's own. ``kind`` is the agency's word (``person``, ``organisation``, ``location``…)."""

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: str = attrs.field(validator=attrs.validators.instance_of(str))
    id: str | None = attrs.field(default=None, validator=_opt_str)


@_pickled
@attrs.frozen
class ItemMeta:
    """What a wire file says about one news item, besides its text (:func:`wirenlp.read`).

    ``format`` names the reader (``"newsml"``, ``"nitf"``, ``"g2"``, ``"anp-json"``,
    ``"anp-rss"``, ``"ninjs"``, ``"iptc7901"``, ``"anpa"``, ``"ritzau"``, ``"plain"``, …);
    ``agency`` is a normalised code (``"ANP"``, ``"RTR"``, ``"DPA"``); ``dateline`` is the
    dateline the format carries in metadata (NewsML 1.2 ``DateLine``, NITF ``dateline``, G2
    ``dateline``, Belga ``Location City``, Ritzau ``town``), parsed, with offsets into
    ``dateline_text``; the body dateline stays ``story.dateline``. ``located`` is the G2/ninjs
    ``located`` name as delivered (Reuters: the editing desk, not where the news is).
    ``index`` is the item's position in its file.

    From the legacy text wires and slug lines: ``slug`` (ANPA-1312 ``BC-…`` keyword/slug without
    its word count), ``word_count`` (as the format states it, not counted), ``category`` (IPTC
    7901 category line or header category code, ANPA category code), ``kicker`` (the line that
    stands above a headline, ``"Conseil fédéral:"``); ``priority`` is the format's urgency as
    a number (IPTC 7901 header, NewsML ``Urgency``, G2 ``urgency``; 1 most urgent).
    """

    format: str = attrs.field(validator=attrs.validators.instance_of(str))
    id: str | None = attrs.field(default=None, validator=_opt_str)
    version: str | None = attrs.field(default=None, validator=_opt_str)
    headline: str | None = attrs.field(default=None, validator=_opt_str)
    language: str | None = attrs.field(default=None, validator=_opt_str)
    agency: str | None = attrs.field(default=None, validator=_opt_str)
    byline: str | None = attrs.field(default=None, validator=_opt_str)
    created: datetime | None = attrs.field(default=None, validator=_aware)
    modified: datetime | None = attrs.field(default=None, validator=_aware)
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    subjects: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    priority: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int))
    )
    located: str | None = attrs.field(default=None, validator=_opt_str)
    dateline_text: str | None = attrs.field(default=None, validator=_opt_str)
    dateline: Dateline | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Dateline))
    )
    entities: tuple[MetaEntity, ...] = attrs.field(default=(), converter=_to_tuple)
    source_path: str | None = attrs.field(default=None, validator=_opt_str)
    index: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    slug: str | None = attrs.field(default=None, validator=_opt_str)
    word_count: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            [attrs.validators.instance_of(int), attrs.validators.ge(0)]
        ),
    )
    category: str | None = attrs.field(default=None, validator=_opt_str)
    kicker: str | None = attrs.field(default=None, validator=_opt_str)

    def __attrs_post_init__(self) -> None:
        line = self.dateline
        if line is not None and (self.dateline_text is None or line.end > len(self.dateline_text)):
            raise ValueError("ItemMeta.dateline must point into dateline_text")


@_pickled
@attrs.frozen
class Page:
    """A parsed input text: its stories in reading order, and section markers.

    ``meta`` is set for pages read from wire files (:func:`wirenlp.read`);
    ``notes`` say what wirenlp changed in the copy of the text that spaCy saw (lone
    surrogates, control characters, long punctuation runs: replaced character for character,
    so offsets into ``text`` hold and entity texts are cut from ``text`` as given)."""

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    stories: tuple[Story, ...] = attrs.field(default=(), converter=_to_tuple)
    sections: tuple[Span, ...] = attrs.field(default=(), converter=_to_tuple)
    entities: tuple[PageEntity, ...] = attrs.field(default=(), converter=_to_tuple)
    reference_time: datetime | None = None
    error: PageError | None = None
    meta: ItemMeta | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)

    def to_dict(self, *, full: bool = False) -> dict[str, Any]:
        """JSON-safe dict (datetimes as ISO 8601 strings) that starts with ``schema_version``.

        By default the record is compact (:data:`COMPACT_LINK_FIELDS`): fields at their
        default are left out, a story's body span leaves out its text (``page.text[start:
        end]``), a place link keeps its id, name, country, coordinates, score, method and
        feature (not its admin names, population or GeoNames ``alternate_names``) and each of
        its ``alternatives`` only ``{"geonameid", "name", "score"}`` (a name identifies an area
        without a GeoNames id), and a mention's link is stated
        once, on its cluster in ``entities``: a story entity whose link equals its cluster's
        leaves it out (an entity without a link in a linked cluster says ``"link": null``).
        ``full=True`` keeps
        everything and is the exact inverse of :meth:`from_dict`
        (``Page.from_dict(page.to_dict(full=True)) == page``);
        the compact record reads back into a page too (each mention gets its cluster's link
        back), whose place links lack those fields (``None``, ``()``) and whose alternatives
        carry only id, name and score (their other fields at their defaults, not data).
        Knowledge-base links are kept whole."""
        if full:
            return {"schema_version": SCHEMA_VERSION, **_converter.unstructure(self)}
        data = _compact_converter.unstructure(self)
        _links_on_clusters(self, data)
        return {"schema_version": SCHEMA_VERSION, **data}

    def _repr_html_(self) -> str:
        """The page as HTML for Jupyter: :func:`wirenlp.render` (spaCy's displaCy)."""
        from .export.render import render

        return render(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Page:
        """Rebuild a page from :meth:`to_dict` output; raises ``ValueError`` on bad data.

        ``schema_version`` is accepted and ignored (records without it are read too)."""
        try:
            if isinstance(data, dict) and "schema_version" in data:
                data = {k: v for k, v in data.items() if k != "schema_version"}
            return _converter.structure(_with_cluster_links(_with_body_texts(data)), cls)
        except cattrs.BaseValidationError as exc:  # one readable line, not an exception group
            details = "; ".join(cattrs.transform_error(exc, path="page"))
            raise ValueError(f"not a wirenlp page: {details}") from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a wirenlp page: {exc}") from exc


def _links_on_clusters(page: Page, data: dict[str, Any]) -> None:
    """Compact record: leave out each story entity's link that equals its cluster's (it is
    in ``entities``), and say ``null`` where a linked cluster's mention has none."""
    linked = {e.cluster: e.link for e in page.entities if e.link is not None}
    if not linked:
        return
    for story, story_data in zip(page.stories, data.get("stories", ()), strict=True):
        for ent, ent_data in zip(story.entities, story_data.get("entities", ()), strict=True):
            if ent.cluster is None or ent.cluster not in linked:
                continue
            if ent.link == linked[ent.cluster]:
                ent_data.pop("link", None)
            elif ent.link is None:
                ent_data["link"] = None


def _with_cluster_links(data: Any) -> Any:
    """A compact record with each story entity's link put back from its cluster (a story
    entity without a ``link`` key in a linked cluster has that cluster's link)."""
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        return data
    linked = {
        e["cluster"]: e["link"]
        for e in data["entities"]
        if isinstance(e, dict) and e.get("link") is not None and isinstance(e.get("cluster"), str)
    }
    stories = data.get("stories")
    if not linked or not isinstance(stories, list):
        return data
    fixed = []
    for st in stories:
        ents = st.get("entities") if isinstance(st, dict) else None
        if isinstance(ents, list):
            ents = [
                {**e, "link": linked[e["cluster"]]}
                if isinstance(e, dict) and "link" not in e and e.get("cluster") in linked
                else e
                for e in ents
            ]
            st = {**st, "entities": ents}
        fixed.append(st)
    return {**data, "stories": fixed}


def _with_body_texts(data: Any) -> Any:
    """A compact record with each story's body text put back from the page text (a full
    record, or anything that is not a page record, is returned as it is)."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return data
    stories = data.get("stories")
    if not isinstance(stories, list) or not any(
        isinstance(st, dict) and isinstance(st.get("body"), dict) and "text" not in st["body"]
        for st in stories
    ):
        return data
    text = data["text"]
    fixed = []
    for st in stories:
        body = st.get("body") if isinstance(st, dict) else None
        if isinstance(body, dict) and "text" not in body:
            start, end = body.get("start"), body.get("end")
            if isinstance(start, int) and isinstance(end, int):
                st = {**st, "body": {**body, "text": text[start:end]}}
        fixed.append(st)
    return {**data, "stories": fixed}


def _make_converter(omit_if_default: bool = False) -> cattrs.Converter:
    conv = make_converter(omit_if_default=omit_if_default)
    conv.register_unstructure_hook(datetime, lambda d: d.isoformat())
    conv.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))

    def structure_link(value: Any, _: Any) -> PlaceLink | KBLink | None:
        if value is None:
            return None
        if "geonameid" in value:
            return conv.structure(value, PlaceLink)
        return conv.structure(value, KBLink)

    conv.register_structure_hook(PlaceLink | KBLink | None, structure_link)
    conv.register_unstructure_hook(FieldMap, dict)
    conv.register_structure_hook(FieldMap, lambda v, _: FieldMap(v))
    return conv


#: the fields a place link keeps in a compact record (:meth:`Page.to_dict`)
COMPACT_LINK_FIELDS: tuple[str, ...] = (
    "geonameid",
    "name",
    "country_code",
    "latitude",
    "longitude",
    "score",
    "method",
    "feature",
)
#: the fields each of its alternatives keeps
COMPACT_ALTERNATIVE_FIELDS: tuple[str, ...] = ("geonameid", "name", "score")


def _make_compact_converter() -> cattrs.Converter:
    """The converter of compact records: fields at their default are left out, place links
    keep :data:`COMPACT_LINK_FIELDS` (alternatives :data:`COMPACT_ALTERNATIVE_FIELDS`), and a
    story's body span leaves out its text (``page.text[start:end]``)."""
    conv = _make_converter(omit_if_default=True)

    def place_link(link: PlaceLink) -> dict[str, Any]:
        out = {name: getattr(link, name) for name in COMPACT_LINK_FIELDS}
        if link.alternatives:
            out["alternatives"] = [
                {name: getattr(alt, name) for name in COMPACT_ALTERNATIVE_FIELDS}
                for alt in link.alternatives
            ]
        return out

    conv.register_unstructure_hook(PlaceLink, place_link)  # before the story hook is made
    # a knowledge-base link is small and the user's own: kept whole
    conv.register_unstructure_hook(
        KBLink, make_dict_unstructure_fn(KBLink, conv, _cattrs_omit_if_default=False)
    )
    story_fn = make_dict_unstructure_fn(Story, conv, _cattrs_omit_if_default=True)

    def story(st: Story) -> dict[str, Any]:
        out = story_fn(st)
        body = out.get("body")
        if body is not None:
            del body["text"]  # it is page.text[start:end]: Page.from_dict puts it back
        return out

    conv.register_unstructure_hook(Story, story)
    return conv


_converter = _make_converter()
_compact_converter = _make_compact_converter()
