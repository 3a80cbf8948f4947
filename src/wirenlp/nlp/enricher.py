"""The Enricher: parse → segments → spaCy → entities → link, for one text or a stream.

:func:`enrich` does one text; :class:`Enricher` loads a pipeline once and does one text
(:meth:`Enricher.enrich`) or a stream (:meth:`Enricher.pipe`, batched over all segments of many
pages, optionally in several processes). It composes the stages, each in its own module:
segment planning (:mod:`.segments`, no spaCy), the batch runner (:mod:`.runner`: serial or a
process pool, dead-worker recovery), entity assembly (:mod:`.assembly`) and the link stage (an
injected ``linker``, by default :class:`wirenlp.linking.linker.Linker`). All offsets are into
``page.text``.

Hostile input gets a page, not an exception: spaCy sees a same-length copy of the text
(:mod:`.sanitize`: long punctuation runs, control characters and lone surrogates replaced,
noted in ``page.notes``), and a segment longer than ``chunk_size`` (or ``nlp.max_length``) is
cut into chunks on paragraph, sentence or word boundaries that flow through ``nlp.pipe`` in
batches, so memory stays bounded however long the text.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, tzinfo
from typing import Any, overload

import attrs
from spacy.language import Language

from ..linking.kb import KnowledgeBase
from ..linking.linker import Linker
from ..parsing.page import parse
from ..parsing.timelabels import DEFAULT_TZ, to_page_clock
from ..records import Entity, Page, PageError
from .assembly import assemble_page, segment_entities
from .kinds import KindArbiter, KindKnowledge, KindRules, kind_labels
from .labels import ENT_FACTORIES, LabelScheme, ent_labels, preset_labels
from .pipeline import load_pipeline, plan_trim, scheme_of
from .runner import BatchRunner, Result, page_error
from .sanitize import spacy_copy
from .segments import Job, Segment, chunk_segments, plan_segments, segment_job, whole_text_story

__all__ = ["Enricher", "enrich"]

_DATELINE_FACTORIES = frozenset({"wire_dateline"})

#: Default largest doc handed to spaCy, in characters: longer segments are chunked.
CHUNK_SIZE = 10_000


@attrs.define
class _Pending:
    """A page on its way through the stream."""

    text: str
    page: Page | None
    context: Any
    segments: list[Segment]
    entities: list[list[Entity]]
    error: PageError | None = None
    spacy_text: str | None = None  # the same-length copy spaCy sees (until all jobs are made)
    sent: int = 0  # segment docs handed to spaCy
    done: int = 0  # segment docs back from spaCy
    fed: bool = False  # all of its docs handed over (or given up)

    def complete(self) -> bool:
        """True when nothing of this page is still inside spaCy."""
        return self.fed and self.done >= self.sent


class Enricher:
    """Finds entities in news-wire text with one spaCy pipeline, loaded once, and links them.

    ``model`` is resolved by :func:`wirenlp.load_pipeline` (``"auto"``, a package name, a path);
    ``nlp`` is a loaded pipeline to use instead (it is not changed: components NER does not need
    are disabled while wirenlp runs it). ``batch_size`` is the number of docs (headlines and
    bodies of many pages) per :meth:`spacy.language.Language.pipe` batch; ``n_process > 1``
    runs batches in that many forked worker processes (``-1``: one per CPU). ``keep`` names
    components to run besides NER; ``reference_time`` and ``tz`` (the page's time zone) are the
    defaults for :func:`wirenlp.parse`.
    Every page then goes through ``linker`` (default: :class:`~wirenlp.linking.linker.Linker`
    with ``kb``): dateline and body places to GeoNames, nationalities to countries, name
    variants to clusters, and persons, organisations and places to the records of ``kb``.
    ``chunk_size`` is the largest doc (in characters) handed to spaCy; longer headlines and
    bodies are cut into chunks on paragraph, sentence or word boundaries (also never more
    than ``nlp.max_length``), with offsets kept.
    ``kinds`` corrects entity kinds and spans from what wirenlp knows (gazetteer, names,
    organisations, ``kb``; :mod:`wirenlp.nlp.kinds`) after the model: ``False`` switches it
    off, a :class:`~wirenlp.nlp.kinds.KindRules` picks the rules.
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
        linker: Callable[[Page], Page] | None = None,
        tz: str | tzinfo = DEFAULT_TZ,
        chunk_size: int = CHUNK_SIZE,
        kinds: bool | KindRules = True,
    ) -> None:
        keep = tuple(keep)
        to_page_clock(reference_time, tz)  # a naive time or unknown zone fails here, once
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1 or batch_size < 1:
            raise ValueError(
                f"need n_process >= 1 (or -1) and batch_size >= 1, got {n_process} and {batch_size}"
            )
        if chunk_size < 1:
            raise ValueError(f"need chunk_size >= 1, got {chunk_size}")
        self.chunk_size = chunk_size
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
        self.tz = tz
        self.kb = kb
        self.linker: Callable[[Page], Page] = linker if linker is not None else Linker(kb=kb)
        self.runner: BatchRunner[list[tuple[_Pending, int]]] = BatchRunner(
            nlp, self.disable, batch_size, n_process
        )
        active = [n for n in nlp.pipe_names if n not in self.disable]
        factories = nlp.pipe_factories
        self.scheme: LabelScheme = scheme_of(nlp)
        self.place_label, self.org_label = preset_labels(self.scheme, ent_labels(nlp))
        statistical = any(factories[n] in ("ner", "beam_ner") for n in active)
        self.entity_source = "model" if statistical else "rules"
        self.has_entities = any(factories[n] in ENT_FACTORIES for n in active)
        self.kinds: KindArbiter | None = None
        if kinds is not False:
            rules = kinds if isinstance(kinds, KindRules) else KindRules()
            labels = kind_labels(self.scheme, self.place_label, self.org_label)
            self.kinds = KindArbiter(labels, rules, KindKnowledge(kb=kb))

    # --- public API ------------------------------------------------------------------------

    def enrich(self, text: str, reference_time: datetime | None = None) -> Page:
        """Parse ``text``, find its entities and link them; raises ``TypeError`` for non-str
        input. A failure inside the spaCy pipeline gives a page whose ``error`` says why."""
        if not isinstance(text, str):
            raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
        return self._run_single(self._prepare(text, None, reference_time, raise_errors=True))

    def enrich_page(self, page: Page) -> Page:
        """Find the entities of an already parsed page (from :func:`wirenlp.parse`, or built by
        hand); its stories' headline, dateline and body spans decide the segments."""
        if not isinstance(page, Page):
            raise TypeError(f"enrich_page expects a wirenlp.Page, got {type(page).__name__}")
        return self._run_single(self._prepare(page, None, None, raise_errors=True))

    @overload
    def pipe(
        self, texts: Iterable[str | Page], reference_time: datetime | None = None
    ) -> Iterator[Page]: ...

    @overload
    def pipe(
        self, texts: Iterable[tuple[str | Page, Any]], reference_time: datetime | None = None
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
        to_page_clock(reference_time, self.tz)  # a naive time fails the call, not each record
        items = iter(texts)
        try:
            first = next(items)
        except StopIteration:
            return
        as_tuples = isinstance(first, tuple) and len(first) == 2
        pending: deque[_Pending] = deque()

        def batches() -> Iterator[tuple[list[tuple[_Pending, int]], list[Job]]]:
            keys: list[tuple[_Pending, int]] = []
            jobs: list[Job] = []
            for item in _chain_first(first, items):
                if as_tuples and isinstance(item, tuple) and len(item) == 2:
                    text, context = item
                else:
                    text, context = item, None
                entry = self._prepare(text, context, reference_time)
                pending.append(entry)
                if entry.error is None:
                    try:
                        for i, job in enumerate(self._jobs(entry)):
                            keys.append((entry, i))
                            jobs.append(job)
                            entry.sent += 1
                            if len(jobs) >= self.batch_size:  # a long text: several batches
                                yield keys, jobs
                                keys, jobs = [], []
                    except Exception as exc:  # a bad record must not stop the stream
                        entry.error = page_error(exc)
                entry.fed = True
                if len(jobs) >= self.batch_size or (not jobs and len(pending) >= self.batch_size):
                    yield keys, jobs  # (an empty batch lets pages without segments out)
                    keys, jobs = [], []
            if jobs:
                yield keys, jobs

        for keys, results in self.runner.run(batches()):
            for (entry, i), result in zip(keys, results, strict=True):
                entry.done += 1
                self._take(entry, i, result)
            while pending and pending[0].complete():
                yield self._emit(pending.popleft(), as_tuples)
        while pending:
            yield self._emit(pending.popleft(), as_tuples)

    # --- steps -------------------------------------------------------------------------------

    def _prepare(
        self,
        text: Any,
        context: Any,
        reference_time: datetime | None,
        raise_errors: bool = False,
    ) -> _Pending:
        """Parse one input and plan its segments."""
        try:
            if isinstance(text, Page):
                page = text
                text = page.text
            elif isinstance(text, str):
                page = parse(text, reference_time or self.reference_time, tz=self.tz)
            else:
                raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
            if page.error is not None:
                return _Pending(text, page, context, [], [], error=page.error)
            if not page.stories:
                page = whole_text_story(page)
            spacy_text, notes = spacy_copy(page.text)
            if notes:
                page = attrs.evolve(page, notes=(*page.notes, *notes))
            size = max(1, min(self.chunk_size, self.nlp.max_length))
            segments = chunk_segments(page.text, plan_segments(page), size)
            return _Pending(
                text, page, context, segments, [[] for _ in segments], spacy_text=spacy_text
            )
        except Exception as exc:
            if raise_errors:
                raise
            safe = text if isinstance(text, str) else ""
            return _Pending(safe, None, context, [], [], error=page_error(exc))

    def _jobs(self, entry: _Pending) -> Iterator[Job]:
        """The jobs of ``entry``'s segments, made as they are taken (a long text's chunks are
        never all in memory as docs at once)."""
        assert entry.page is not None
        page, source = entry.page, entry.spacy_text
        for seg in entry.segments:
            yield segment_job(page, seg, self.place_label, self.org_label, source)
        entry.spacy_text = None

    def _take(self, entry: _Pending, i: int, result: Result) -> None:
        """Record the result of segment ``i`` of ``entry``."""
        if isinstance(result, PageError):
            entry.error = entry.error or result
            return
        if entry.error is not None:
            return
        assert entry.page is not None
        try:
            entry.entities[i] = segment_entities(
                result,
                entry.page,
                entry.segments[i],
                scheme=self.scheme,
                place_label=self.place_label,
                org_label=self.org_label,
                source=self.entity_source,
            )
            if self.kinds is not None:
                seg = entry.segments[i]
                entry.entities[i] = self.kinds(
                    entry.page.text, entry.entities[i], seg.start, seg.end
                )
        except Exception as exc:
            entry.error = page_error(exc)

    def _run_single(self, entry: _Pending) -> Page:
        if entry.error is None:
            jobs = self._jobs(entry)
            done = 0
            while batch := list(itertools.islice(jobs, self.batch_size)):
                for i, result in enumerate(self.runner.run_one(batch), start=done):
                    self._take(entry, i, result)
                done += len(batch)
        if entry.error is not None:
            return _error_page(entry)
        assert entry.page is not None
        return self.linker(assemble_page(entry.page, entry.segments, entry.entities))

    def _emit(self, entry: _Pending, as_tuples: bool) -> Any:
        page: Page
        if entry.error is None:
            assert entry.page is not None
            try:
                page = self.linker(assemble_page(entry.page, entry.segments, entry.entities))
            except Exception as exc:
                entry.error = page_error(exc)
        if entry.error is not None:
            page = _error_page(entry)
        return (page, entry.context) if as_tuples else page


def _chain_first(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _error_page(entry: _Pending) -> Page:
    assert entry.error is not None
    ref = entry.page.reference_time if entry.page is not None else None
    meta = entry.page.meta if entry.page is not None else None
    return Page(text=entry.text, reference_time=ref, error=entry.error, meta=meta)


# --- the one-call API ----------------------------------------------------------------------

_CACHE_SIZE = 4
_CACHE_LOCK = threading.Lock()
_ENRICHERS: OrderedDict[str, Enricher] = OrderedDict()


def _default_enricher(model: str | os.PathLike[str]) -> Enricher:
    """The cached Enricher of a model name or path: at most ``_CACHE_SIZE`` pipelines are kept
    (least recently used goes first); loading happens under a lock, once per model."""
    key = os.fspath(model)
    with _CACHE_LOCK:
        enricher = _ENRICHERS.get(key)
        if enricher is None:
            enricher = Enricher(model=model)
            _ENRICHERS[key] = enricher
            while len(_ENRICHERS) > _CACHE_SIZE:
                _ENRICHERS.popitem(last=False)
        else:
            _ENRICHERS.move_to_end(key)
        return enricher


def enrich(
    text: str | Page,
    model: str | os.PathLike[str] | Language = "auto",
    reference_time: datetime | None = None,
) -> Page:
    """Parse ``text``, find its entities with the pipeline ``model`` and link them →
    :class:`~wirenlp.Page`. ``text`` may also be a parsed page (from :func:`wirenlp.read` or
    :func:`wirenlp.parse`): its stories decide the segments and its ``meta`` is kept.

    The pipeline is loaded on first use and kept for the next calls (up to four models, the
    least recently used dropped first; a :class:`~spacy.language.Language` is used as it is);
    for many texts use :class:`Enricher` and its :meth:`~Enricher.pipe`. Raises ``TypeError``
    for non-str input and :class:`~wirenlp.ModelNotFoundError` when ``model`` is not installed.
    """
    if not isinstance(text, (str, Page)):
        raise TypeError(f"wirenlp.enrich expects str, got {type(text).__name__}")
    # a live pipeline: nothing to load, nothing to cache
    enricher = Enricher(nlp=model) if isinstance(model, Language) else _default_enricher(model)
    if isinstance(text, Page):
        return enricher.enrich_page(text)
    return enricher.enrich(text, reference_time=reference_time)
