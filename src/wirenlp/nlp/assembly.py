"""Entity assembly: spaCy's entity offsets of each segment → :class:`~wirenlp.Entity` records
on the page's stories. Pure Python: no spaCy here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from ..records import Entity, Page, Story

if TYPE_CHECKING:  # pragma: no cover
    from .labels import LabelScheme
    from .segments import Segment

__all__ = ["assemble_page", "non_overlapping", "segment_entities"]

T = TypeVar("T")


def non_overlapping(items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Items whose ``(start, end)`` spans do not overlap, left to right; at the same start the
    longer span wins, and empty spans are dropped."""
    out: list[T] = []
    last = -1
    for item in sorted(items, key=lambda x: (span(x)[0], -span(x)[1])):
        start, end = span(item)
        if start >= last and end > start:
            out.append(item)
            last = end
    return out


def _entity_span(entity: Entity) -> tuple[int, int]:
    return entity.start, entity.end


def segment_entities(
    found: Sequence[tuple[int, int, str]],
    page: Page,
    seg: Segment,
    *,
    scheme: LabelScheme,
    place_label: str,
    org_label: str,
    source: str,
) -> list[Entity]:
    """Entity records of one processed segment, offsets into ``page.text``.

    The dateline's places and agency codes come from the parser (``source="dateline"``); what
    the model found inside the dateline is dropped where it clashes with them, and a person or
    organisation there is never kept (the uppercase dateline is neither)."""
    text = page.text
    base = seg.start
    dl = seg.dateline
    dl_ents: list[Entity] = []
    if dl is not None:
        dl_ents = [
            Entity(p.text, p.start, p.end, "place", place_label, "dateline") for p in dl.places
        ]
        dl_ents.extend(
            Entity(a.text, a.start, a.end, "organisation", org_label, "dateline")
            for a in dl.agencies
        )
        dl_ents = non_overlapping(dl_ents, _entity_span)
    taken = [(e.start, e.end) for e in dl_ents]
    out: list[Entity] = []
    for rel_start, rel_end, label in found:
        start = base + rel_start
        end = base + rel_end
        kind = scheme.kind(label)
        if dl is not None and start < dl.end and end > dl.start:
            if any(s < end and start < e for s, e in taken):
                continue  # the preset dateline entity itself, or a clash with it
            if kind in ("person", "organisation"):
                continue
        out.append(Entity(text[start:end], start, end, kind, label, source))
    if dl_ents:
        out.extend(dl_ents)
        out.sort(key=lambda e: e.start)
    return out


def assemble_page(
    page: Page, segments: Sequence[Segment], entities: Sequence[Sequence[Entity]]
) -> Page:
    """``page`` with each segment's entities on its story, sorted by offset."""
    per_story: list[list[Entity]] = [[] for _ in page.stories]
    for seg, ents in zip(segments, entities, strict=True):
        per_story[seg.story].extend(ents)
    stories: list[Story] = []
    for story, ents in zip(page.stories, per_story, strict=True):
        if ents:
            ents.sort(key=lambda e: e.start)
            story = attrs.evolve(story, entities=ents)
        stories.append(story)
    return attrs.evolve(page, stories=stories)
