"""spaCy components of wirenlp: ``wire_dateline``.

``wire_dateline`` finds a news-wire dateline at the start of a doc (``BRUSSEL (ANP) -``,
``WASHINGTON (ANP/AFP/RTR) -`` …) with wirenlp's dateline matcher, presets its places and agency
codes as entities and blocks the rest of the dateline, so that a statistical ``ner`` placed after
it keeps them and never reads the uppercase dateline as a person or an organisation. It stores
the dateline as plain, picklable data in ``doc._.wire_dateline`` (None when there is none)::

    nlp.add_pipe("wire_dateline", before="ner")

The factory is declared under the ``spacy_factories`` entry point, so this works in any
pipeline without importing wirenlp first, and ``spacy.load`` finds it in saved pipelines.
Importing this module registers the factory and the ``Doc`` extension (needed in worker
processes of ``nlp.pipe(n_process=2)``). Datelines are found by the parser's matcher
(:func:`wirenlp.parsing.datelines.match_dateline`).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Dateline
from .assembly import non_overlapping
from .labels import detect_scheme, ent_labels, preset_labels

__all__ = [
    "DATELINE_EXTENSION",
    "WireDateline",
    "dateline_data",
    "make_wire_dateline",
    "match_dateline",
    "preset_entities",
    "split_tokens_at",
]

#: Name of the ``Doc`` extension set by ``wire_dateline``.
DATELINE_EXTENSION = "wire_dateline"

if not Doc.has_extension(DATELINE_EXTENSION):
    Doc.set_extension(DATELINE_EXTENSION, default=None)

#: Factories that predict or set ``doc.ents`` (the dateline is preset before the first one).

# --- dateline matching ---------------------------------------------------------------------


def match_dateline(text: str, pos: int = 0, *, expected: bool = False) -> Dateline | None:
    """The dateline at ``pos`` in ``text`` by the parser's matcher
    (:func:`wirenlp.parsing.datelines.match_dateline`); ``expected`` admits the weakest form, a
    mixed-case place with no agency (``Amsterdam -``)."""
    from ..parsing.datelines import match_dateline as parser_match

    return parser_match(text, pos, expected=expected)


def dateline_data(dateline: Dateline, base: int = 0) -> dict[str, Any]:
    """The plain-data form of ``dateline`` stored in ``doc._.wire_dateline``, with offsets
    relative to ``base`` (the doc's start in the page)."""
    return {
        "text": dateline.text,
        "start": dateline.start - base,
        "end": dateline.end - base,
        "places": [
            {"text": p.text, "start": p.start - base, "end": p.end - base} for p in dateline.places
        ],
        "agencies": [
            {
                "text": a.text,
                "start": a.start - base,
                "end": a.end - base,
                "code": a.code,
                "name": a.name,
                "known": a.known,
            }
            for a in dateline.agencies
        ],
        "complete": dateline.complete,
    }


# --- presetting entities on a doc ----------------------------------------------------------


def split_tokens_at(doc: Doc, offsets: Iterable[int]) -> Doc:
    """Split tokens so that each character offset in ``offsets`` is a token boundary
    (``ANP/RTR`` → ``ANP`` ``/`` ``RTR``). Changes ``doc`` in place and returns it.

    The token holding each offset is found by a binary search over the doc's token starts,
    so the cost is in the number of offsets, not of tokens."""
    n = len(doc)
    if n == 0:
        return doc
    last = doc[-1]
    n_chars = last.idx + len(last.text_with_ws)  # not len(doc.text): that joins every token
    cuts = sorted({o for o in offsets if 0 < o < n_chars})
    if not cuts:
        return doc
    inner: dict[int, list[int]] = {}
    for cut in cuts:
        i = bisect_right(range(n), cut, key=lambda k: doc[k].idx) - 1
        if i < 0:
            continue
        token = doc[i]
        if token.idx < cut < token.idx + len(token.text):
            inner.setdefault(i, []).append(cut)
    splits: list[tuple[Token, list[str]]] = []
    for i, token_cuts in inner.items():
        token = doc[i]
        word, base = token.text, token.idx
        bounds = [0, *(c - base for c in token_cuts), len(word)]
        orths = [word[a:b] for a, b in itertools.pairwise(bounds) if b > a]
        if len(orths) > 1:
            splits.append((token, orths))
    if splits:
        with doc.retokenize() as retok:
            for token, orths in splits:
                heads: list[Token | tuple[Token, int]] = [(token, k) for k in range(len(orths))]
                retok.split(token, orths, heads=heads)
    return doc


def preset_entities(
    doc: Doc,
    entities: Sequence[tuple[int, int, str]],
    block: tuple[int, int] | None = None,
) -> list[Span]:
    """Preset ``(start, end, label)`` character spans as entities of ``doc`` (other tokens keep
    their state, so a later ``ner`` still predicts there) and mark the tokens of ``block``
    (the dateline) that are not part of one as never-an-entity. Returns the preset spans."""
    if not entities and block is None:
        return []
    bounds = [o for s, e, _ in entities for o in (s, e)]
    if block is not None:
        bounds.extend(block)
    split_tokens_at(doc, bounds)
    spans: list[Span] = []
    covered: set[int] = set()
    for start, end, label in entities:
        span = doc.char_span(start, end, label=label)
        if span is None or span.start in covered:
            continue
        spans.append(span)
        covered.update(range(span.start, span.end))
    blocked: list[Span] = []
    if block is not None:
        region = doc.char_span(block[0], block[1], alignment_mode="expand")
        if region is not None:
            for token in region:
                if token.i not in covered and not token.is_space:
                    blocked.append(doc[token.i : token.i + 1])
    spans.sort(key=lambda s: s.start)
    doc.set_ents(spans, blocked=blocked, default="unmodified")
    return spans


def dateline_entities(
    data: dict[str, Any], place_label: str, org_label: str
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` for the places and agency codes of a plain-data dateline."""
    ents = [(p["start"], p["end"], place_label) for p in data["places"]]
    ents.extend((a["start"], a["end"], org_label) for a in data["agencies"])
    return non_overlapping(ents, lambda e: (e[0], e[1]))


# --- the component -------------------------------------------------------------------------


class WireDateline:
    """Preset a doc's dateline places (``place_label``) and agency codes (``org_label``) and
    store the dateline in ``doc._.wire_dateline``.

    A doc whose ``_.wire_dateline`` is already set (wirenlp's :class:`~wirenlp.Enricher`
    presets it from the page parse) is left alone unless ``overwrite`` is true.
    """

    def __init__(
        self, name: str, place_label: str, org_label: str, overwrite: bool, expected: bool
    ) -> None:
        self.name = name
        self.place_label = place_label
        self.org_label = org_label
        self.overwrite = overwrite
        self.expected = expected

    def __call__(self, doc: Doc) -> Doc:
        """Find and preset the dateline at the start of ``doc``."""
        if doc._.get(DATELINE_EXTENSION) is not None and not self.overwrite:
            return doc
        dateline = match_dateline(doc.text, 0, expected=self.expected)
        if dateline is None:
            return doc
        data = dateline_data(dateline)
        ents = dateline_entities(data, self.place_label, self.org_label)
        clash = [e for e in doc.ents if e.start_char < data["end"] and e.end_char > data["start"]]
        if clash:  # entities set earlier inside the dateline give way to it
            doc.set_ents([], missing=clash, default="unmodified")
        preset_entities(doc, ents, block=(data["start"], data["end"]))
        doc._.set(DATELINE_EXTENSION, data)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory(
    "wire_dateline",
    default_config={"place_label": None, "org_label": None, "overwrite": False, "expected": False},
    assigns=["doc.ents", "doc._.wire_dateline"],
)
def make_wire_dateline(
    nlp: Language,
    name: str,
    place_label: str | None,
    org_label: str | None,
    overwrite: bool,
    expected: bool,
) -> WireDateline:
    """Factory of the ``wire_dateline`` component.

    ``place_label``/``org_label`` default to labels the pipeline's NER knows (GPE/ORG for
    OntoNotes pipelines, LOC/ORG for CoNLL ones; LOC/ORG when no NER is there yet, which both
    schemes know). ``expected`` also accepts a mixed-case place with no agency
    (``Amsterdam -``) as a dateline, for docs known to be wire stories.
    """
    if place_label is None or org_label is None:
        labels = ent_labels(nlp)
        if labels:
            scheme = detect_scheme(labels, nlp.meta.get("name"))
            auto_place, auto_org = preset_labels(scheme, labels)
        else:
            auto_place, auto_org = "LOC", "ORG"
        place_label = place_label or auto_place
        org_label = org_label or auto_org
    return WireDateline(name, place_label, org_label, overwrite, expected)
