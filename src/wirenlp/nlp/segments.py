"""Segment planning: which parts of a parsed page go to spaCy, as plain-data jobs.

For every story the headline, the lines between headline and dateline (bylines, editorial
lines, timestamps) and the body with its dateline are separate docs, so that an entity never
runs across a headline and its story. The dateline's places and agency codes are preset as
entities on the body doc and the rest of the dateline is blocked. Pure Python: no spaCy here.
"""

from __future__ import annotations

import re

import attrs

from ..parsing.datelines import match_dateline
from ..records import Dateline, Page, Span, Story
from .assembly import non_overlapping

__all__ = [
    "Job",
    "Segment",
    "chunk_segments",
    "plan_segments",
    "segment_job",
    "split_points",
    "whole_text_story",
]

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


# A sentence end: closing punctuation (and quotes or brackets after it), then whitespace.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s")


def split_points(text: str, start: int, end: int, size: int, floor: int | None = None) -> list[int]:
    """Where to cut ``text[start:end]`` into pieces of at most ``size`` characters.

    Each cut is the last paragraph break (a blank line), else line break, else sentence end,
    else whitespace in the second half of the window; with none of these the window is cut at
    ``size``. No cut falls before ``floor`` (the end of a dateline, which stays whole: when it
    is longer than ``size`` the first piece is just longer). Returns the inner cut offsets, in
    order; linear in ``end - start``."""
    if size < 1:
        raise ValueError(f"chunk size must be >= 1, got {size}")
    cuts: list[int] = []
    pos = start
    while end - pos > size:
        limit = pos + size
        low = pos + size // 2
        if floor is not None and floor > low:
            low = floor
        cut = _boundary(text, low, limit) if low < limit else low
        if cut >= end:
            break
        cuts.append(cut)
        pos = cut
    return cuts


def _boundary(text: str, low: int, limit: int) -> int:
    """The best cut in ``text[low:limit]`` (an offset after the boundary), or -1."""
    i = text.rfind("\n\n", low, limit)
    if i >= 0:
        return i + 2
    i = text.rfind("\n", low, limit)
    if i >= 0:
        return i + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, limit)]
    if ends:
        return ends[-1]
    i = max(text.rfind(" ", low, limit), text.rfind("\t", low, limit))
    if i >= 0:
        return i + 1
    return limit


def chunk_segments(text: str, segments: list[Segment], size: int) -> list[Segment]:
    """``segments`` with every one longer than ``size`` characters split into chunks of at
    most ``size`` (:func:`split_points`), each a segment of the same story with offsets into
    ``text``; the dateline stays with the first chunk, which holds all of it."""
    out: list[Segment] = []
    for seg in segments:
        if seg.end - seg.start <= size:
            out.append(seg)
            continue
        floor = seg.dateline.end if seg.dateline is not None else None
        bounds = [seg.start, *split_points(text, seg.start, seg.end, size, floor), seg.end]
        for k in range(len(bounds) - 1):
            dateline = seg.dateline if k == 0 else None
            out.append(Segment(seg.story, bounds[k], bounds[k + 1], dateline))
    return out


def segment_job(
    page: Page, seg: Segment, place_label: str, org_label: str, source: str | None = None
) -> Job:
    """The plain-data job of one segment: its text, the dateline entities to preset and the
    dateline span to block (offsets relative to the segment). ``source`` is the text to cut
    from instead of ``page.text`` (the same length: :func:`wirenlp.nlp.sanitize.spacy_copy`)."""
    text = (page.text if source is None else source)[seg.start : seg.end]
    dl = seg.dateline
    if dl is None:
        return (text, (), None)
    base = seg.start
    ents = [(p.start - base, p.end - base, place_label) for p in dl.places]
    ents.extend((a.start - base, a.end - base, org_label) for a in dl.agencies)
    kept = non_overlapping(ents, lambda e: (e[0], e[1]))
    return (text, tuple(kept), (dl.start - base, dl.end - base))
