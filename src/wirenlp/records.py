"""Result records: the frozen attrs classes that wirenlp returns.

Every record that points into the input carries ``start``/``end`` character offsets into
``Page.text`` and the exact ``text`` found there (``page.text[start:end] == span.text``).
Records are immutable and slotted; :meth:`Page.to_dict` / :meth:`Page.from_dict` turn a page
into JSON-safe data and back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

import attrs
import cattrs
from cattrs.preconf.json import make_converter

__all__ = [
    "Agency",
    "Dateline",
    "Entity",
    "EntityKind",
    "KBLink",
    "Page",
    "PageEntity",
    "PageError",
    "PlaceLink",
    "Span",
    "Story",
    "TimeLabel",
]

EntityKind = Literal["person", "organisation", "place", "nationality", "other"]
ENTITY_KINDS: tuple[str, ...] = ("person", "organisation", "place", "nationality", "other")


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


@attrs.frozen
class Span:
    """A stretch of the input: ``text == page.text[start:end]``."""

    text: str
    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        _check_span(self)


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


@attrs.frozen
class PlaceLink:
    """A gazetteer place (GeoNames) that a name resolves to, with a score in [0, 100].

    ``method`` says how it was found (``"exact"``, ``"fuzzy"``, ``"kb"``, ``"country"`` …).
    Country links (for nationality adjectives) have no coordinates.
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


@attrs.frozen
class KBLink:
    """A link to a record of a user knowledge base (:class:`wirenlp.KnowledgeBase`)."""

    id: str
    name: str
    kind: str
    score: float = attrs.field(validator=[attrs.validators.ge(0), attrs.validators.le(100)])
    method: str = "exact"
    fields: dict[str, str] = attrs.field(factory=dict)


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


@attrs.frozen
class PageEntity:
    """The roll-up of one entity cluster over a page."""

    cluster: str
    name: str
    kind: str
    mentions: int
    stories: tuple[int, ...] = attrs.field(converter=_to_tuple)
    link: PlaceLink | KBLink | None = None


@attrs.frozen
class PageError:
    """Why a record could not be processed (batch mode keeps it instead of dropping it)."""

    type: str
    message: str


@attrs.frozen
class Page:
    """A parsed input text: its stories in reading order, and section markers.

    ``notes`` say what wirenlp changed in the copy of the text that spaCy saw (lone
    surrogates, control characters, long punctuation runs: replaced character for character,
    so offsets into ``text`` hold and entity texts are cut from ``text`` as given)."""

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    stories: tuple[Story, ...] = attrs.field(default=(), converter=_to_tuple)
    sections: tuple[Span, ...] = attrs.field(default=(), converter=_to_tuple)
    entities: tuple[PageEntity, ...] = attrs.field(default=(), converter=_to_tuple)
    reference_time: datetime | None = None
    error: PageError | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_to_tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (datetimes as ISO 8601 strings); inverse of :meth:`from_dict`."""
        return _converter.unstructure(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Page:
        """Rebuild a page from :meth:`to_dict` output; raises ``ValueError`` on bad data."""
        try:
            return _converter.structure(data, cls)
        except (cattrs.BaseValidationError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a wirenlp page: {exc}") from exc


def _make_converter() -> cattrs.Converter:
    conv = make_converter(omit_if_default=False)
    conv.register_unstructure_hook(datetime, lambda d: d.isoformat())
    conv.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))

    def structure_link(value: Any, _: Any) -> PlaceLink | KBLink | None:
        if value is None:
            return None
        if "geonameid" in value:
            return conv.structure(value, PlaceLink)
        return conv.structure(value, KBLink)

    conv.register_structure_hook(PlaceLink | KBLink | None, structure_link)
    return conv


_converter = _make_converter()
