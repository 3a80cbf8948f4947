"""Label tables: a spaCy pipeline's own NER labels → wirenlp's entity kinds.

Three schemes are known:

* ``ontonotes`` — the scheme of spaCy's ``nl_core_news_*`` pipelines (PERSON, ORG, GPE, LOC,
  FAC, NORP, DATE, …);
* ``conll`` — CoNLL-2002 style (PER, ORG, LOC, MISC), used by many Dutch corpora;
* ``wire`` — the embedded default ``nl_wire_ner`` that ships with wirenlp (CoNLL labels; its
  MISC is demonyms and nationality adjectives, so MISC → nationality).

:func:`detect_scheme` picks the scheme from a pipeline's labels. A label the chosen scheme does
not list is looked up in the other tables (so a CoNLL pipeline with an extra ``GPE`` still gives
a place) and is ``"other"`` otherwise; :class:`~wirenlp.Entity` keeps the label as the model
wrote it either way. This module does not import spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = [
    "CONLL",
    "ENT_FACTORIES",
    "ONTONOTES",
    "SCHEMES",
    "WIRE",
    "LabelScheme",
    "detect_scheme",
    "ent_labels",
    "kind_of",
]


def _freeze(table: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(table))


@attrs.frozen
class LabelScheme:
    """A named label table.

    ``table`` maps a model label to an entity kind; ``place_label`` and ``org_label`` are the
    labels wirenlp gives to dateline places and agency codes it presets in this scheme (they
    must be labels the scheme's NER knows, so the NER can keep them).
    """

    name: str
    table: Mapping[str, str] = attrs.field(converter=_freeze)
    place_label: str
    org_label: str

    def kind(self, label: str) -> str:
        """The entity kind of ``label``: this table first, then the other known tables."""
        kind = self.table.get(label)
        if kind is None:
            kind = _UNION.get(label, "other")
        return kind

    @property
    def labels(self) -> frozenset[str]:
        """The labels this scheme lists."""
        return frozenset(self.table)


ONTONOTES = LabelScheme(
    name="ontonotes",
    table={
        "PERSON": "person",
        "ORG": "organisation",
        "GPE": "place",
        "LOC": "place",
        "FAC": "place",
        "NORP": "nationality",
        "CARDINAL": "other",
        "DATE": "other",
        "EVENT": "other",
        "LANGUAGE": "other",
        "LAW": "other",
        "MONEY": "other",
        "ORDINAL": "other",
        "PERCENT": "other",
        "PRODUCT": "other",
        "QUANTITY": "other",
        "TIME": "other",
        "WORK_OF_ART": "other",
    },
    place_label="GPE",
    org_label="ORG",
)

CONLL = LabelScheme(
    name="conll",
    table={"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"},
    place_label="LOC",
    org_label="ORG",
)

WIRE = LabelScheme(
    name="wire",
    # nl_wire_ner's MISC is demonyms and nationality adjectives (its model card), like NORP.
    table={"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "nationality"},
    place_label="LOC",
    org_label="ORG",
)

SCHEMES: Mapping[str, LabelScheme] = MappingProxyType({s.name: s for s in (ONTONOTES, CONLL, WIRE)})

# Fallback for labels outside the chosen table; earlier tables win on conflicts.
_UNION: dict[str, str] = {}
for _scheme in (ONTONOTES, CONLL):
    for _label, _kind in _scheme.table.items():
        _UNION.setdefault(_label, _kind)
# Common variants seen in other Dutch and multilingual pipelines.
_UNION.update(
    {
        "PERS": "person",
        "PRS": "person",
        "ORGANIZATION": "organisation",
        "LOCATION": "place",
        "NAT": "nationality",
    }
)

#: Pipeline names (``meta["name"]``) that use the ``wire`` scheme.
WIRE_PIPELINE_NAMES = frozenset({"nl_wire_ner", "wire_ner"})


def detect_scheme(labels: Iterable[str], pipeline_name: str | None = None) -> LabelScheme:
    """Choose the label scheme of a pipeline from its NER labels (and its meta name).

    The embedded default (``nl_wire_ner``) is ``wire``; otherwise the scheme with more of its
    distinctive labels (PERSON/GPE/NORP/FAC vs PER/MISC) wins, then the one sharing more labels,
    CoNLL on a tie.
    """
    names = {str(label) for label in labels}
    if pipeline_name is not None and pipeline_name.split("-")[0] in WIRE_PIPELINE_NAMES:
        return WIRE
    onto = len(names & {"PERSON", "GPE", "NORP", "FAC"})
    conll = len(names & {"PER", "MISC"})
    if onto == conll:
        onto = len(names & ONTONOTES.labels)
        conll = len(names & CONLL.labels)
    return ONTONOTES if onto > conll else CONLL


def kind_of(label: str, scheme: LabelScheme | str = "conll") -> str:
    """The entity kind of ``label`` in ``scheme`` (a :class:`LabelScheme` or its name)."""
    if isinstance(scheme, str):
        scheme = SCHEMES[scheme]
    return scheme.kind(label)


def preset_labels(scheme: LabelScheme, ner_labels: Iterable[str]) -> tuple[str, str]:
    """``(place_label, org_label)`` to preset dateline entities with, chosen among the labels
    the pipeline's NER knows so that it can keep them (the scheme's defaults when it knows
    none)."""
    known = {str(label) for label in ner_labels}
    if not known:
        return scheme.place_label, scheme.org_label
    place = _pick(scheme.place_label, known, scheme, "place", ("GPE", "LOC"))
    org = _pick(scheme.org_label, known, scheme, "organisation", ("ORG",))
    return place, org


def _pick(
    preferred: str, known: set[str], scheme: LabelScheme, kind: str, fallbacks: tuple[str, ...]
) -> str:
    if preferred in known:
        return preferred
    for label in fallbacks:
        if label in known:
            return label
    for label in sorted(known):
        if scheme.kind(label) == kind:
            return label
    return preferred


#: spaCy factories whose components set ``doc.ents``.
ENT_FACTORIES = frozenset({"ner", "beam_ner", "entity_ruler", "span_ruler"})


def ent_labels(nlp: Any) -> list[str]:
    """The entity labels of all entity components of a spaCy pipeline ``nlp``, sorted."""
    labels: set[str] = set()
    for name, factory in nlp.pipe_factories.items():
        if factory in ENT_FACTORIES:
            try:
                labels.update(str(x) for x in getattr(nlp.get_pipe(name), "labels", ()))
            except (AttributeError, KeyError, ValueError):
                continue
    return sorted(labels)
