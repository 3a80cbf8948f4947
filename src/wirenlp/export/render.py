"""HTML views of pages, built with spaCy's displaCy (``style="ent"``, ``manual=True``).

:func:`render` shows a page story by story: a header with the story's number, role, section,
time label (and its interval), dateline and places; the headline; then the story text with its
entities marked. Body entities are coloured by kind; dateline places and agencies get their own
labels (``DATELINE``, ``AGENCY``), colours and a solid outline, so the filing place never looks
like a place the story mentions. Every entity of every story is marked.
:meth:`wirenlp.Page._repr_html_` uses it, so a page displays itself in Jupyter.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from ..records import Entity, KBLink, Page, PlaceLink, Story

__all__ = [
    "COLORS",
    "DATELINE_LABELS",
    "KIND_LABELS",
    "entity_label",
    "html_document",
    "render",
]

KIND_LABELS: dict[str, str] = {
    "person": "PER",
    "organisation": "ORG",
    "place": "LOC",
    "nationality": "NAT",
    "other": "MISC",
}
"""displaCy label of a body entity, by its kind."""

DATELINE_LABELS: dict[str, str] = {"place": "DATELINE", "organisation": "AGENCY"}
"""displaCy label of a dateline entity (``source == "dateline"``), by its kind."""

COLORS: dict[str, str] = {
    "PER": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#feca74",
    "NAT": "#c887fb",
    "MISC": "#e4e7d2",
    "DATELINE": "#ff7b72",
    "AGENCY": "#56d364",
}
"""Background colour per label (override any of them with ``render(colors=...)``)."""

_DESCRIPTIONS: dict[str, str] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "NAT": "nationality",
    "MISC": "other",
    "DATELINE": "dateline place (filing city)",
    "AGENCY": "news agency (dateline)",
}

# displaCy's entity mark with wirenlp's attributes (filled from each span's "params")
_TEMPLATE = (
    '<mark class="entity wirenlp-entity wirenlp-{origin}" data-label="{label}" '
    'data-kind="{kind}" data-origin="{origin}" data-start="{start}" data-end="{end}" '
    'title="{tooltip}" style="background: {bg}; padding: 0.45em 0.6em; margin: 0 0.25em; '
    'line-height: 1; border-radius: 0.35em;{outline}">{text}<span style="font-size: 0.8em; '
    "font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; "
    'margin-left: 0.5rem">{label}{kb_link}</span></mark>'
)
_DATELINE_OUTLINE = " outline: 2px solid #24292f; outline-offset: 1px;"

_STYLE = """<style>
.wirenlp-page {font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial,
  sans-serif; font-size: 15px; max-width: 60rem;}
.wirenlp-story {border-left: 4px solid #d0d7de; margin: 1.2em 0; padding: 0.2em 0 0.2em 1em;}
.wirenlp-story[data-role="main"] {border-left-color: #0969da;}
.wirenlp-meta {color: #57606a; font-size: 0.85em;}
.wirenlp-meta span {margin-right: 0.9em;}
.wirenlp-role {font-weight: bold; text-transform: uppercase;}
.wirenlp-headline .entities {font-size: 1.3em; font-weight: bold;}
.wirenlp-section-marker {margin: 1.5em 0 0.3em; font-size: 1.1em;}
.wirenlp-error {background: #ffebe9; border: 1px solid #cf222e; padding: 0.5em;}
.wirenlp-legend {font-size: 0.8em; margin-bottom: 0.5em;}
.wirenlp-legend span {display: inline-block; padding: 0.15em 0.5em; margin: 0.15em;
  border-radius: 0.35em;}
</style>"""


def entity_label(entity: Entity) -> str:
    """The label :func:`render` gives an entity: dateline places and agencies apart from body
    entities, which are labelled by kind."""
    if entity.source == "dateline":
        return DATELINE_LABELS.get(entity.kind, "DATELINE")
    return KIND_LABELS.get(entity.kind, entity.kind.upper())


def _tooltip(entity: Entity) -> str:
    parts = [f"{entity.kind} ({entity.label}, {entity.source})"]
    if entity.cluster:
        parts.append(f"cluster {entity.cluster}")
    link = entity.link
    if isinstance(link, PlaceLink):
        where = ", ".join(x for x in (link.name, link.admin1, link.country_code) if x)
        parts.append(f"GeoNames {link.geonameid}: {where}")
        if link.latitude is not None and link.longitude is not None:
            parts.append(f"{link.latitude:.4f}, {link.longitude:.4f}")
    elif isinstance(link, KBLink):
        parts.append(f"KB {link.id}: {link.name}")
    return escape(" · ".join(parts))


def _span(entity: Entity, offset: int) -> dict[str, Any]:
    origin = "dateline" if entity.source == "dateline" else "body"
    span: dict[str, Any] = {
        "start": entity.start - offset,
        "end": entity.end - offset,
        "label": entity_label(entity),
        "params": {
            "origin": origin,
            "kind": entity.kind,
            "start": entity.start,
            "end": entity.end,
            "tooltip": _tooltip(entity),
            "outline": _DATELINE_OUTLINE if origin == "dateline" else "",
        },
    }
    link = entity.link
    if isinstance(link, PlaceLink) and link.geonameid is not None:
        span["kb_id"] = str(link.geonameid)
        span["kb_url"] = f"https://www.geonames.org/{link.geonameid}"
    elif isinstance(link, KBLink):
        span["kb_id"] = escape(link.id)
    return span


def _doc(text: str, offset: int, entities: list[Entity]) -> dict[str, Any]:
    return {"text": text, "ents": [_span(e, offset) for e in entities], "title": None}


def _story_meta(page: Page, index: int, story: Story) -> str:
    items = [
        f'<span class="wirenlp-number">story {index + 1} of {len(page.stories)}</span>',
        f'<span class="wirenlp-role">{escape(story.role)}</span>',
    ]
    if story.section:
        items.append(f'<span class="wirenlp-section">{escape(story.section)}</span>')
    if story.time is not None:
        time = escape(story.time.text)
        if story.time.earliest is not None and story.time.latest is not None:
            time += (
                f" ({story.time.earliest.isoformat(timespec='minutes')} – "
                f"{story.time.latest.isoformat(timespec='minutes')})"
            )
        items.append(f'<span class="wirenlp-time">time: {time}</span>')
    if story.dateline is not None:
        items.append(
            f'<span class="wirenlp-dateline">dateline: {escape(story.dateline.text)}</span>'
        )
    if story.event_place is not None:
        where = escape(story.event_place.name)
        note = " (elsewhere than the filing city)" if story.event_elsewhere else ""
        items.append(f'<span class="wirenlp-event">event: {where}{note}</span>')
    if story.truncated:
        items.append('<span class="wirenlp-truncated">truncated</span>')
    return f'<div class="wirenlp-meta">{"".join(items)}</div>'


def _legend(labels: list[str], colors: Mapping[str, str]) -> str:
    items = "".join(
        f'<span class="wirenlp-legend-item" data-label="{label}" '
        f'style="background: {colors.get(label, "#ddd")}">{label}: '
        f"{escape(_DESCRIPTIONS.get(label, label.lower()))}</span>"
        for label in labels
    )
    return f'<div class="wirenlp-legend">{items}</div>'


def html_document(body: str, title: str = "wirenlp page") -> str:
    """A whole HTML document (UTF-8, ``lang="nl"``) around fragments of :func:`render`."""
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n<body>{body}</body>\n</html>\n"
    )


def render(
    page: Page,
    *,
    document: bool = False,
    colors: Mapping[str, str] | None = None,
    legend: bool = True,
    minify: bool = False,
) -> str:
    """HTML of a page with its stories, structure and entities (spaCy displaCy, ``ent`` style).

    ``document=True`` returns a whole HTML document (for a file), else a fragment (for
    Jupyter or embedding). ``colors`` overrides label colours (:data:`COLORS`); ``legend``
    adds a line explaining the labels in use. Each entity is a ``<mark>`` of class
    ``wirenlp-entity`` with ``data-label``, ``data-kind``, ``data-origin`` (``dateline`` or
    ``body``) and page offsets ``data-start``/``data-end``.
    """
    from spacy import displacy

    palette = {**COLORS, **(colors or {})}
    options = {"colors": palette, "template": _TEMPLATE}

    def ents_html(docs: list[dict[str, Any]]) -> str:
        return str(
            displacy.render(
                docs, style="ent", manual=True, page=False, jupyter=False, options=options
            )
        )

    parts: list[str] = []
    if page.error is not None:
        parts.append(
            f'<div class="wirenlp-error">{escape(page.error.type)}: '
            f"{escape(page.error.message)}</div>"
        )
    used: list[str] = []
    section: str | None = None
    for i, story in enumerate(page.stories):
        ents = sorted(story.entities, key=lambda e: (e.start, e.end))
        for ent in ents:
            if entity_label(ent) not in used:
                used.append(entity_label(ent))
        if story.section and story.section != section:
            parts.append(f'<h3 class="wirenlp-section-marker">{escape(story.section)}</h3>')
        section = story.section
        body_start = story.start
        headline_html = ""
        in_head: list[Entity] = []
        if story.headline is not None:
            head = story.headline
            in_head = [e for e in ents if head.start <= e.start and e.end <= head.end]
            doc = _doc(head.text, head.start, in_head)
            headline_html = f'<div class="wirenlp-headline">{ents_html([doc])}</div>'
            body_start = max(story.start, head.end)
        body = [e for e in ents if e not in in_head]
        body_start = min([body_start, *(e.start for e in body)])
        body_end = max([story.end, *(e.end for e in body)])
        raw = page.text[body_start:body_end]
        text = raw.lstrip("\n")
        text_start = body_start + len(raw) - len(text)
        body_html = ents_html([_doc(text, text_start, body)])
        parts.append(
            f'<section class="wirenlp-story" data-story="{i}" data-role="{escape(story.role)}">'
            f"{_story_meta(page, i, story)}{headline_html}"
            f'<div class="wirenlp-body">{body_html}</div></section>'
        )
    if not page.stories and page.text:
        parts.append(f'<div class="wirenlp-body">{ents_html([_doc(page.text, 0, [])])}</div>')
    top = _legend(used, palette) if legend and used else ""
    html = f'{_STYLE}<div class="wirenlp-page">{top}{"".join(parts)}</div>'
    if document:
        html = html_document(html)
    if minify:
        html = " ".join(html.split())
    return html
