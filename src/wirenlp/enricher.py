"""The entity layer: parse a text into stories, then find entities with spaCy.

:func:`enrich` does one text; :class:`Enricher` loads a pipeline once and does one text
(:meth:`Enricher.enrich`) or a stream (:meth:`Enricher.pipe`, batched over all stories of many
pages, optionally with several processes).

For every story, the headline and the body (dateline included) are separate spaCy docs.
The parser's dateline places and agency codes are preset as entities on the body doc before
the pipeline's NER runs (spaCy's NER keeps preset entities), the rest of the dateline is
blocked, and they come out as :class:`~wirenlp.Entity` records with ``source="dateline"``.
All offsets are into ``page.text``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, overload

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from .components import DATELINE_EXTENSION, dateline_data, match_dateline, preset_entities
from .labels import LabelScheme, preset_labels
from .parse import parse
from .pipeline import ENT_FACTORIES, ent_labels, load_pipeline, plan_trim, scheme_of
from .records import Dateline, Entity, Page, PageError, Span, Story

__all__ = ["Enricher", "enrich"]

_DATELINE_FACTORIES = frozenset({"wire_dateline"})


@attrs.define
class _Segment:
    """One doc to run: ``page.text[start:end]`` of story ``story``."""

    story: int
    start: int
    end: int
    dateline: Dateline | None = None


@attrs.define
class _Pending:
    """A page on its way through the stream."""

    serial: int
    text: str
    page: Page | None
    context: Any
    segments: list[_Segment]
    results: list[list[Entity]]
    error: PageError | None = None
    sent: int = 0  # segment docs handed to spaCy
    done: int = 0  # segment docs back from spaCy
    fed: bool = False  # all of its docs handed over (or given up)

    def complete(self) -> bool:
        """True when nothing of this page is still inside spaCy."""
        return self.fed and self.done >= self.sent


class Enricher:
    """Finds entities in news-wire text with one spaCy pipeline, loaded once.

    ``model`` is resolved by :func:`wirenlp.load_pipeline` (``"auto"``, a package name, a path);
    ``nlp`` is a loaded pipeline to use instead (it is not changed: components NER does not need
    are disabled while wirenlp runs it). ``n_process`` and ``batch_size`` go to
    :meth:`spacy.language.Language.pipe`. ``keep`` names components to run besides NER.
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | Language = "auto",
        nlp: Language | None = None,
        n_process: int = 1,
        batch_size: int = 64,
        keep: Iterable[str] = (),
        reference_time: datetime | None = None,
    ) -> None:
        keep = tuple(keep)
        if nlp is None and isinstance(model, Language):
            nlp = model
        if nlp is None:
            nlp = load_pipeline(model, keep=keep, dateline=False)
            disable: list[str] = []
        else:
            _, disable = plan_trim(nlp.config, keep)
        disable.extend(
            name
            for name, factory in nlp.pipe_factories.items()
            if factory in _DATELINE_FACTORIES and name not in disable
        )
        self.nlp: Language = nlp
        self.disable: tuple[str, ...] = tuple(disable)
        self.n_process = n_process
        self.batch_size = batch_size
        self.reference_time = reference_time
        active = [n for n in nlp.pipe_names if n not in self.disable]
        factories = nlp.pipe_factories
        self.scheme: LabelScheme = scheme_of(nlp)
        self.place_label, self.org_label = preset_labels(self.scheme, ent_labels(nlp))
        statistical = any(factories[n] in ("ner", "beam_ner") for n in active)
        self.entity_source = "model" if statistical else "rules"
        self.has_entities = any(factories[n] in ENT_FACTORIES for n in active)

    # --- public API ------------------------------------------------------------------------

    def enrich(self, text: str, reference_time: datetime | None = None) -> Page:
        """Parse ``text`` and find its entities; raises ``TypeError`` for non-str input."""
        if not isinstance(text, str):
            raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
        entry = self._prepare(0, text, None, reference_time, raise_errors=True)
        return self._run_single(entry)

    def _run_single(self, entry: _Pending) -> Page:
        if entry.error is not None:
            return _error_page(entry)
        items = [(self._make_doc(entry, seg), i) for i, seg in enumerate(entry.segments)]
        for doc, i in self.nlp.pipe(items, as_tuples=True, disable=self.disable):
            entry.results[i] = self._doc_entities(doc, entry.segments[i])
        return self._assemble(entry)

    def enrich_page(self, page: Page) -> Page:
        """Find the entities of an already parsed page (from :func:`wirenlp.parse`, or built by
        hand); its stories' headline, dateline and body spans decide the segments."""
        if not isinstance(page, Page):
            raise TypeError(f"enrich_page expects a wirenlp.Page, got {type(page).__name__}")
        entry = self._prepare(0, page, None, None, raise_errors=True)
        return self._run_single(entry)

    @overload
    def pipe(
        self, texts: Iterable[str], reference_time: datetime | None = None
    ) -> Iterator[Page]: ...

    @overload
    def pipe(
        self, texts: Iterable[tuple[str, Any]], reference_time: datetime | None = None
    ) -> Iterator[tuple[Page, Any]]: ...

    def pipe(self, texts: Iterable[Any], reference_time: datetime | None = None) -> Iterator[Any]:
        """Enrich a stream of texts; yields one :class:`~wirenlp.Page` per input, in order.

        Given ``(text, context)`` tuples (decided by the first item), yields ``(page, context)``.
        Parsed :class:`~wirenlp.Page` objects are accepted in place of texts.
        All stories of many pages go through one ``nlp.pipe`` call (``batch_size``,
        ``n_process``). A record that fails (a non-str text included) yields a page whose
        ``error`` says why, with no entities; the stream goes on.
        """
        items = iter(texts)
        try:
            first = next(items)
        except StopIteration:
            return
        as_tuples = isinstance(first, tuple) and len(first) == 2 and not isinstance(first, str)
        stream = _chain_first(first, items)
        pending: deque[_Pending] = deque()
        serial = [0]

        def feed() -> Iterator[tuple[Doc, tuple[int, int]]]:
            for item in stream:
                if as_tuples:
                    if isinstance(item, tuple) and len(item) == 2:
                        text, context = item
                    else:
                        text, context = item, None
                else:
                    text, context = item, None
                entry = self._prepare(serial[0], text, context, reference_time)
                serial[0] += 1
                pending.append(entry)
                if entry.error is None:
                    for i, seg in enumerate(entry.segments):
                        try:
                            doc = self._make_doc(entry, seg)
                        except Exception as exc:  # a bad record must not stop the stream
                            entry.error = _page_error(exc)
                            break
                        entry.sent += 1
                        yield doc, (entry.serial, i)
                entry.fed = True

        progress = -1
        while True:
            try:
                outputs = self.nlp.pipe(
                    feed(),
                    as_tuples=True,
                    batch_size=self.batch_size,
                    disable=self.disable,
                    n_process=self.n_process,
                )
                for doc, (serial_no, i) in outputs:
                    entry = _find(pending, serial_no)
                    if entry is not None and entry.error is None:
                        try:
                            entry.results[i] = self._doc_entities(doc, entry.segments[i])
                        except Exception as exc:
                            entry.error = _page_error(exc)
                    if entry is not None:
                        entry.done += 1
                    while pending and pending[0].complete():
                        yield self._emit(pending.popleft(), as_tuples)
                while pending:
                    yield self._emit(pending.popleft(), as_tuples)
                return
            except Exception:
                # spaCy's stream failed: redo the pages in flight one by one, then go on.
                if not pending and serial[0] == progress:
                    raise  # the pipeline fails before taking any input: not a record's fault
                progress = serial[0]
                while pending:
                    entry = pending.popleft()
                    yield self._emit(self._redo_single(entry), as_tuples)

    # --- steps -------------------------------------------------------------------------------

    def _prepare(
        self,
        serial: int,
        text: Any,
        context: Any,
        reference_time: datetime | None,
        raise_errors: bool = False,
    ) -> _Pending:
        """Parse one input into a pending page and its segments."""
        try:
            if isinstance(text, Page):
                page = text
                text = page.text
            elif isinstance(text, str):
                page = parse(text, reference_time or self.reference_time)
            else:
                raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
            if page.error is not None:
                return _Pending(serial, text, page, context, [], [], error=page.error)
            if not page.stories:
                page = _whole_text_story(page)
            segments = _segments(page)
            results: list[list[Entity]] = [[] for _ in segments]
            return _Pending(serial, text, page, context, segments, results)
        except Exception as exc:
            if raise_errors:
                raise
            safe = text if isinstance(text, str) else ""
            return _Pending(serial, safe, None, context, [], [], error=_page_error(exc))

    def _make_doc(self, entry: _Pending, seg: _Segment) -> Doc:
        assert entry.page is not None
        text = entry.page.text[seg.start : seg.end]
        doc = self.nlp.make_doc(text)
        dl = seg.dateline
        if dl is not None:
            data = dateline_data(dl, seg.start)
            ents = [(p["start"], p["end"], self.place_label) for p in data["places"]]
            ents.extend((a["start"], a["end"], self.org_label) for a in data["agencies"])
            ents = _non_overlapping(ents)
            preset_entities(doc, ents, block=(data["start"], data["end"]))
            doc._.set(DATELINE_EXTENSION, data)
        return doc

    def _doc_entities(self, doc: Doc, seg: _Segment) -> list[Entity]:
        """Entities of one processed segment doc, offsets into the page."""
        base = seg.start
        dl = seg.dateline
        out: list[Entity] = []
        dl_ents: list[Entity] = []
        if dl is not None:
            for p in dl.places:
                dl_ents.append(
                    Entity(p.text, p.start, p.end, "place", self.place_label, "dateline")
                )
            for a in dl.agencies:
                dl_ents.append(
                    Entity(a.text, a.start, a.end, "organisation", self.org_label, "dateline")
                )
            dl_ents = _drop_overlaps(sorted(dl_ents, key=lambda e: (e.start, -e.end)))
        taken = [(e.start, e.end) for e in dl_ents]
        kind = self.scheme.kind
        source = self.entity_source
        for ent in doc.ents:
            start = base + ent.start_char
            end = base + ent.end_char
            if dl is not None and start < dl.end and end > dl.start:
                if any(s < end and start < e for s, e in taken):
                    continue  # the preset dateline entity itself, or a clash with it
                k = kind(ent.label_)
                if k in ("person", "organisation"):
                    continue  # the uppercase dateline is never a person or organisation
            else:
                k = kind(ent.label_)
            out.append(Entity(ent.text, start, end, k, ent.label_, source))
        if dl_ents:
            out.extend(dl_ents)
            out.sort(key=lambda e: e.start)
        return out

    def _assemble(self, entry: _Pending) -> Page:
        page = entry.page
        assert page is not None
        per_story: list[list[Entity]] = [[] for _ in page.stories]
        for seg, ents in zip(entry.segments, entry.results, strict=True):
            per_story[seg.story].extend(ents)
        stories = tuple(
            attrs.evolve(story, entities=tuple(sorted(ents, key=lambda e: e.start)))
            if ents
            else story
            for story, ents in zip(page.stories, per_story, strict=True)
        )
        return self._finish(attrs.evolve(page, stories=stories))

    def _finish(self, page: Page) -> Page:
        """Last step for every enriched page. Linking (``wirenlp.link.link_page``) goes here."""
        return page

    def _emit(self, entry: _Pending, as_tuples: bool) -> Any:
        if entry.error is not None:
            page = _error_page(entry)
        else:
            try:
                page = self._assemble(entry)
            except Exception as exc:
                entry.error = _page_error(exc)
                page = _error_page(entry)
        return (page, entry.context) if as_tuples else page

    def _redo_single(self, entry: _Pending) -> _Pending:
        """Process one pending page on its own (after a failure of the batched stream)."""
        if entry.error is not None or entry.page is None:
            return entry
        try:
            for i, seg in enumerate(entry.segments):
                doc = self._make_doc(entry, seg)
                for name, proc in self.nlp.pipeline:
                    if name not in self.disable:
                        doc = proc(doc)
                entry.results[i] = self._doc_entities(doc, seg)
            entry.done = len(entry.segments)
        except Exception as exc:
            entry.error = _page_error(exc)
        return entry


# --- helpers -------------------------------------------------------------------------------


def _chain_first(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _find(pending: deque[_Pending], serial: int) -> _Pending | None:
    for entry in pending:
        if entry.serial == serial:
            return entry
    return None


def _page_error(exc: BaseException) -> PageError:
    return PageError(type(exc).__name__, str(exc) or type(exc).__name__)


def _error_page(entry: _Pending) -> Page:
    assert entry.error is not None
    ref = entry.page.reference_time if entry.page is not None else None
    return Page(text=entry.text, reference_time=ref, error=entry.error)


def _whole_text_story(page: Page) -> Page:
    """A page the parser found no story in: one story over the whole (stripped) text."""
    text = page.text
    stripped = text.strip()
    if not stripped:
        return page
    start = len(text) - len(text.lstrip())
    end = start + len(stripped)
    dateline = match_dateline(text, start)
    if dateline is not None and dateline.end < end:
        body_start = (
            dateline.end + len(text[dateline.end : end]) - len(text[dateline.end : end].lstrip())
        )
        body = Span(text[body_start:end], body_start, end)
        story = Story(start=dateline.start, end=end, dateline=dateline, body=body)
    else:
        story = Story(start=start, end=end, body=Span(stripped, start, end))
    return attrs.evolve(page, stories=(story,))


def _segments(page: Page) -> list[_Segment]:
    """The docs to run for a page: per story its headline, and its body with the dateline."""
    text = page.text
    segments: list[_Segment] = []
    for index, story in enumerate(page.stories):
        head = story.headline
        if head is not None and head.text.strip():
            segments.append(_Segment(index, head.start, head.end))
        dl = story.dateline
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
            segments.append(_Segment(index, start, end, dl))
    return segments


def _non_overlapping(ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    last = -1
    for start, end, label in sorted(ents):
        if start >= last and end > start:
            out.append((start, end, label))
            last = end
    return out


def _drop_overlaps(ents: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    last = -1
    for ent in ents:
        if ent.start >= last and ent.end > ent.start:
            out.append(ent)
            last = ent.end
    return out


_DEFAULT_ENRICHERS: dict[Any, Enricher] = {}


def enrich(
    text: str,
    model: str | os.PathLike[str] | Language = "auto",
    reference_time: datetime | None = None,
) -> Page:
    """Parse ``text`` and find its entities with the pipeline ``model`` → :class:`~wirenlp.Page`.

    The pipeline is loaded on first use and cached per ``model``; for many texts use
    :class:`Enricher` and its :meth:`~Enricher.pipe`. Raises ``TypeError`` for non-str input and
    :class:`~wirenlp.ModelNotFoundError` when ``model`` is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
    key: Any = (
        model
        if isinstance(model, str)
        else (os.fspath(model) if isinstance(model, os.PathLike) else id(model))
    )
    enricher = _DEFAULT_ENRICHERS.get(key)
    if enricher is None:
        enricher = Enricher(model=model)
        _DEFAULT_ENRICHERS[key] = enricher
    return enricher.enrich(text, reference_time=reference_time)
