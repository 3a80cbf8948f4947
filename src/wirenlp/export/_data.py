"""Shared input handling of the maps and charts: pages or a :class:`~wirenlp.Frames`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .frames import Frames, to_frames

__all__ = ["as_frames", "story_labels"]


def as_frames(data: Frames | Iterable[Any]) -> Frames:
    """``data`` itself when it is a :class:`Frames`, else ``to_frames(data)`` (pages, or the
    ``(page, context)`` tuples of ``Enricher.pipe``). A single page is taken as a batch of one."""
    if isinstance(data, Frames):
        return data
    from ..records import Page

    if isinstance(data, Page):
        data = [data]
    if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
        raise TypeError(f"expected wirenlp pages or a wirenlp.Frames, got {type(data).__name__}")
    return to_frames(data)


def story_labels(frames: Frames) -> dict[tuple[int, int], str]:
    """``(page, story)`` → a short label of the story: its headline, else its dateline, else
    the first words of its text (from ``frames.pages.text``)."""
    texts = dict(zip(frames.pages["page"], frames.pages["text"], strict=True))
    labels: dict[tuple[int, int], str] = {}
    for row in frames.stories.itertuples(index=False):
        key = (int(row.page), int(row.story))
        label = row.headline if isinstance(row.headline, str) else None
        if label is None:
            text = texts.get(key[0])
            snippet = (
                " ".join(str(text)[int(row.start) : int(row.end)].split()[:12])
                if isinstance(text, str)
                else ""
            )
            label = snippet or f"page {key[0]}, story {key[1]}"
        labels[key] = label
    return labels
