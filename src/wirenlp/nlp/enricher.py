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

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import Any, overload

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from ..linking.kb import KnowledgeBase
from ..linking.linker import link_page
from ..parsing.page import parse
from ..records import Dateline, Entity, Page, PageError, Span, Story
from .components import match_dateline, preset_entities
from .labels import LabelScheme, preset_labels
from .pipeline import ENT_FACTORIES, ent_labels, load_pipeline, plan_trim, scheme_of

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
    are disabled while wirenlp runs it). ``batch_size`` is the number of docs (headlines and
    bodies of many pages) per :meth:`spacy.language.Language.pipe` batch; ``n_process > 1``
    runs batches in that many forked worker processes (``-1``: one per CPU). ``keep`` names
    components to run besides NER; ``reference_time`` is the default for :func:`wirenlp.parse`.
    Every page is then linked (:func:`wirenlp.link_page`): dateline and body places to
    GeoNames, nationalities to countries, name variants to clusters, and persons,
    organisations and places to the records of ``kb`` (a :class:`wirenlp.KnowledgeBase`).
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | Language = "auto",
        nlp: Language | None = None,
        n_process: int = 1,
        batch_size: int = 64,
        keep: Iterable[str] = (),
        reference_time: datetime | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        keep = tuple(keep)
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1 or batch_size < 1:
            raise ValueError(
                f"need n_process >= 1 (or -1) and batch_size >= 1, got {n_process} and {batch_size}"
            )
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
        self.kb = kb
        active = [n for n in nlp.pipe_names if n not in self.disable]
        factories = nlp.pipe_factories
        self.scheme: LabelScheme = scheme_of(nlp)
        self.place_label, self.org_label = preset_labels(self.scheme, ent_labels(nlp))
        statistical = any(factories[n] in ("ner", "beam_ner") for n in active)
        self.entity_source = "model" if statistical else "rules"
        self.has_entities = any(factories[n] in ENT_FACTORIES for n in active)

    # --- public API ------------------------------------------------------------------------

    def enrich(self, text: str, reference_time: datetime | None = None) -> Page:
        """Parse ``text`` and find its entities; raises ``TypeError`` for non-str input.

        A failure inside the spaCy pipeline gives a page whose ``error`` says why."""
        if not isinstance(text, str):
            raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
        entry = self._prepare(0, text, None, reference_time, raise_errors=True)
        return self._run_single(entry)

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
        Parsed :class:`~wirenlp.Page` objects are accepted in place of texts. The segments
        (headline, body) of many pages are batched (``batch_size`` docs) through
        ``nlp.pipe``; with ``n_process > 1`` batches run in forked worker processes that send
        back plain entity offsets. A record that fails (a non-str text included) yields a page
        whose ``error`` says why, with no entities; the stream goes on.
        """
        items = iter(texts)
        try:
            first = next(items)
        except StopIteration:
            return
        as_tuples = isinstance(first, tuple) and len(first) == 2
        stream = _chain_first(first, items)
        pending: deque[_Pending] = deque()

        def batches() -> Iterator[list[tuple[_Pending, int, _Job]]]:
            batch: list[tuple[_Pending, int, _Job]] = []
            for serial, item in enumerate(stream):
                if as_tuples and isinstance(item, tuple) and len(item) == 2:
                    text, context = item
                else:
                    text, context = item, None
                entry = self._prepare(serial, text, context, reference_time)
                pending.append(entry)
                if entry.error is None:
                    try:
                        jobs = [self._job(entry, seg) for seg in entry.segments]
                    except Exception as exc:  # a bad record must not stop the stream
                        entry.error = _page_error(exc)
                        jobs = []
                    for i, job in enumerate(jobs):
                        batch.append((entry, i, job))
                    entry.sent = len(jobs)
                entry.fed = True
                if len(batch) >= self.batch_size:
                    yield batch
                    batch = []
                elif not batch and len(pending) >= self.batch_size:
                    yield batch  # let pages without segments out
            if batch:
                yield batch

        for batch, results in self._run_batches(batches()):
            for (entry, i, _job), result in zip(batch, results, strict=True):
                entry.done += 1
                if isinstance(result, PageError):
                    entry.error = entry.error or result
                elif entry.error is None:
                    try:
                        entry.results[i] = self._entities(result, entry, i)
                    except Exception as exc:
                        entry.error = _page_error(exc)
            while pending and pending[0].complete():
                yield self._emit(pending.popleft(), as_tuples)
        while pending:
            yield self._emit(pending.popleft(), as_tuples)

    # --- steps -------------------------------------------------------------------------------

    def _run_single(self, entry: _Pending) -> Page:
        if entry.error is None:
            jobs = [self._job(entry, seg) for seg in entry.segments]
            results = run_jobs(self.nlp, self.disable, jobs, self.batch_size)
            for i, result in enumerate(results):
                if isinstance(result, PageError):
                    entry.error = entry.error or result
                else:
                    entry.results[i] = self._entities(result, entry, i)
        if entry.error is not None:
            return _error_page(entry)
        return self._assemble(entry)

    def _run_batches(
        self, batches: Iterator[list[tuple[_Pending, int, _Job]]]
    ) -> Iterator[tuple[list[tuple[_Pending, int, _Job]], list[_Result]]]:
        """Run batches of jobs, in order: in this process, or in a pool of forked workers."""
        if self.n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches:
                jobs = [job for _, _, job in batch]
                yield batch, run_jobs(self.nlp, self.disable, jobs, self.batch_size)
            return
        key = id(self)
        _WORKER_PIPELINES[key] = (self.nlp, self.disable, self.batch_size)
        ctx = multiprocessing.get_context("fork")
        executor: ProcessPoolExecutor | None = None
        inflight: deque[tuple[list[tuple[_Pending, int, _Job]], Future[list[_Result]]]] = deque()

        def collect() -> tuple[list[tuple[_Pending, int, _Job]], list[_Result]]:
            nonlocal executor
            batch, future = inflight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as exc:
                # A worker died (e.g. a crash in native code): this batch and the others in
                # flight fail, a new pool takes the rest of the stream.
                error = PageError(type(exc).__name__, "a wirenlp worker process died")
                results = [error] * len(batch)
                if executor is not None:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = None
            except Exception as exc:
                results = [_page_error(exc)] * len(batch)
            return batch, results

        try:
            for batch in batches:
                if executor is None:
                    executor = ProcessPoolExecutor(self.n_process, mp_context=ctx)
                jobs = [job for _, _, job in batch]
                inflight.append((batch, executor.submit(_worker_run, key, jobs)))
                while len(inflight) > 2 * self.n_process:
                    yield collect()
            while inflight:
                yield collect()
        finally:
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
            _WORKER_PIPELINES.pop(key, None)

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

    def _job(self, entry: _Pending, seg: _Segment) -> _Job:
        """The plain-data job of one segment: its text, the dateline entities to preset and the
        dateline span to block (offsets relative to the segment)."""
        assert entry.page is not None
        text = entry.page.text[seg.start : seg.end]
        dl = seg.dateline
        if dl is None:
            return (text, (), None)
        base = seg.start
        ents = [(p.start - base, p.end - base, self.place_label) for p in dl.places]
        ents.extend((a.start - base, a.end - base, self.org_label) for a in dl.agencies)
        return (text, tuple(_non_overlapping(ents)), (dl.start - base, dl.end - base))

    def _entities(self, found: list[tuple[int, int, str]], entry: _Pending, i: int) -> list[Entity]:
        """Entity records of one processed segment, offsets into the page."""
        assert entry.page is not None
        text = entry.page.text
        seg = entry.segments[i]
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
        for rel_start, rel_end, label in found:
            start = base + rel_start
            end = base + rel_end
            k = kind(label)
            if dl is not None and start < dl.end and end > dl.start:
                if any(s < end and start < e for s, e in taken):
                    continue  # the preset dateline entity itself, or a clash with it
                if k in ("person", "organisation"):
                    continue  # the uppercase dateline is never a person or organisation
            out.append(Entity(text[start:end], start, end, k, label, source))
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
        stories: list[Story] = []
        for story, ents in zip(page.stories, per_story, strict=True):
            if ents:
                ents.sort(key=_start)
                story = attrs.evolve(story, entities=ents)
            stories.append(story)
        return self._finish(attrs.evolve(page, stories=stories))

    def _finish(self, page: Page) -> Page:
        """Last step for every enriched page: link places, countries, ``kb`` records and name
        variants (:func:`wirenlp.linking.linker.link_page`)."""
        return link_page(page, kb=self.kb)

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


# --- helpers -------------------------------------------------------------------------------


#: A segment to run: (text, preset (start, end, label) entities, dateline span to block).
_Job = tuple[str, tuple[tuple[int, int, str], ...], tuple[int, int] | None]
#: What a job gives back: (start, end, label) of the doc's entities, or why it failed.
_Result = list[tuple[int, int, str]] | PageError

#: Pipelines of Enrichers whose pool is running, for forked workers: id → (nlp, disable, bs).
_WORKER_PIPELINES: dict[int, tuple[Language, tuple[str, ...], int]] = {}


def _job_doc(nlp: Language, job: _Job) -> Doc:
    text, ents, block = job
    doc = nlp.make_doc(text)
    if ents or block is not None:
        preset_entities(doc, ents, block=block)
    return doc


def run_jobs(
    nlp: Language, disable: Iterable[str], jobs: list[_Job], batch_size: int = 64
) -> list[_Result]:
    """Run segment jobs through ``nlp`` (minus ``disable``); one result per job, in order.

    When the batch fails, each job is run alone so that only the failing ones give an error."""
    disable = tuple(disable)
    try:
        docs = [_job_doc(nlp, job) for job in jobs]
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(docs, disable=disable, batch_size=batch_size)
        ]
    except Exception as exc:
        if len(jobs) == 1:
            return [_page_error(exc)]
    results: list[_Result] = []
    for job in jobs:
        results.extend(run_jobs(nlp, disable, [job], batch_size))
    return results


def _worker_run(key: int, jobs: list[_Job]) -> list[_Result]:
    nlp, disable, batch_size = _WORKER_PIPELINES[key]
    return run_jobs(nlp, disable, jobs, batch_size)


def _start(entity: Entity) -> int:
    return entity.start


def _chain_first(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


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
    dateline = match_dateline(text, start, expected=True)
    if dateline is not None and dateline.end < end:
        body_start = (
            dateline.end + len(text[dateline.end : end]) - len(text[dateline.end : end].lstrip())
        )
        body = Span(text[body_start:end], body_start, end)
        story = Story(start=dateline.start, end=end, dateline=dateline, body=body)
    else:
        story = Story(start=start, end=end, body=Span(stripped, start, end))
    return attrs.evolve(page, stories=[story])


def _segments(page: Page) -> list[_Segment]:
    """The docs to run for a page: per story its headline, the lines between headline and
    dateline (bylines, editorial lines), and its body with the dateline."""
    text = page.text
    segments: list[_Segment] = []
    for index, story in enumerate(page.stories):
        head = story.headline
        if head is not None and head.text.strip():
            segments.append(_Segment(index, head.start, head.end))
        dl = story.dateline
        gap = head.end if head is not None else story.start
        if dl is not None and gap < dl.start and text[gap : dl.start].strip():
            # bylines, editorial lines and timestamps between headline and dateline
            segments.append(_Segment(index, gap, dl.start))
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


_DEFAULT_ENRICHERS: dict[str, Enricher] = {}


def enrich(
    text: str,
    model: str | os.PathLike[str] | Language = "auto",
    reference_time: datetime | None = None,
) -> Page:
    """Parse ``text`` and find its entities with the pipeline ``model`` → :class:`~wirenlp.Page`.

    The pipeline is loaded on first use and cached per model name or path (a
    :class:`~spacy.language.Language` is used as it is); for many texts use
    :class:`Enricher` and its :meth:`~Enricher.pipe`. Raises ``TypeError`` for non-str input and
    :class:`~wirenlp.ModelNotFoundError` when ``model`` is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
    if isinstance(model, Language):  # a live pipeline: nothing to load, nothing to cache
        return Enricher(nlp=model).enrich(text, reference_time=reference_time)
    key = os.fspath(model)
    enricher = _DEFAULT_ENRICHERS.get(key)
    if enricher is None:
        enricher = Enricher(model=model)
        _DEFAULT_ENRICHERS[key] = enricher
    return enricher.enrich(text, reference_time=reference_time)
