"""Segment planning: which parts of a parsed page go to spaCy, as plain-data jobs.

For every story the headline, the lines between headline and dateline (bylines, editorial
lines, timestamps) and the body with its dateline are separate docs, so that an entity never
runs across a headline and its story. The dateline's places and agency codes are preset as
entities on the body doc and the rest of the dateline is blocked. Pure Python: no spaCy here.
"""

from __future__ import annotations

import attrs

from ..parsing.datelines import match_dateline
from ..records import Dateline, Page, Span, Story
from .assembly import non_overlapping

__all__ = ["Job", "Segment", "plan_segments", "segment_job", "whole_text_story"]

#: A segment to run: (text, preset (start, end, label) entities, dateline span to block),
#: offsets relative to the segment.
Job = tuple[str, tuple[tuple[int, int, str], ...], tuple[int, int] | None]


@attrs.frozen
class Segment:
    """One doc to run: ``page.text[start:end]`` of story number ``story``."""

    story: int
    start: int
    end: int
    dateline: Dateline | None = None


def whole_text_story(page: Page) -> Page:
    """A page the parser found no story in: one story over the whole (stripped) text."""
    text = page.text
    stripped = text.strip()
    if not stripped:
        return page
    start = len(text) - len(text.lstrip())
    end = start + len(stripped)
    dateline = match_dateline(text, start, expected=True)
    if dateline is not None and dateline.end < end:
        rest = text[dateline.end : end]
        body_start = dateline.end + len(rest) - len(rest.lstrip())
        body = Span(text[body_start:end], body_start, end)
        story = Story(start=dateline.start, end=end, dateline=dateline, body=body)
    else:
        story = Story(start=start, end=end, body=Span(stripped, start, end))
    return attrs.evolve(page, stories=[story])


def plan_segments(page: Page) -> list[Segment]:
    """The docs to run for a page, in page order."""
    text = page.text
    segments: list[Segment] = []
    for index, story in enumerate(page.stories):
        head = story.headline
        if head is not None and head.text.strip():
            segments.append(Segment(index, head.start, head.end))
        dl = story.dateline
        gap = head.end if head is not None else story.start
        if dl is not None and gap < dl.start and text[gap : dl.start].strip():
            segments.append(Segment(index, gap, dl.start))
        body = story.body
        if dl is not None:
            start = dl.start
            end = max(dl.end, body.end if body is not None else dl.end)
        elif body is not None:
            start, end = body.start, body.end
        else:
            start = head.end if head is not None else story.start
            end = story.end
        if end > start and text[start:end].strip():
            segments.append(Segment(index, start, end, dl))
    return segments


def segment_job(page: Page, seg: Segment, place_label: str, org_label: str) -> Job:
    """The plain-data job of one segment: its text, the dateline entities to preset and the
    dateline span to block (offsets relative to the segment)."""
    text = page.text[seg.start : seg.end]
    dl = seg.dateline
    if dl is None:
        return (text, (), None)
    base = seg.start
    ents = [(p.start - base, p.end - base, place_label) for p in dl.places]
    ents.extend((a.start - base, a.end - base, org_label) for a in dl.agencies)
    kept = non_overlapping(ents, lambda e: (e[0], e[1]))
    return (text, tuple(kept), (dl.start - base, dl.end - base))
