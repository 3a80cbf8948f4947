"""Shared helpers for the nl_wire_ner recipe: paths, the wire tokenizer, span utilities."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import spacy
from spacy.lang.nl import Dutch
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

TRAINING_DIR = Path(__file__).resolve().parent
REPO = TRAINING_DIR.parent
# the shared data beside the clone; WIRENLP_SHARED_DATA points elsewhere (e.g. from a worktree)
DATA = Path(os.environ.get("WIRENLP_SHARED_DATA") or REPO.parent / "shared" / "data")
CORPUS = TRAINING_DIR / "corpus"
OUTPUT = TRAINING_DIR / "output"
MODEL_DIR = REPO / "src" / "wirenlp" / "models" / "nl_wire_ner"

# Extra infixes for wire copy, on top of spaCy's Dutch defaults:
# - "/" between letters: multi-place datelines and agency chains (WASHINGTON/KYIV, ANP/AFP)
# - a lowercase letter followed by 2+ capitals: time labels glued to the next dateline
#   on scraped pages ("1 uur geledenWASHINGTON").
WIRE_INFIXES = [
    r"(?<=[A-Za-zÀ-ÖØ-öø-ÿ])/(?=[A-Za-zÀ-ÖØ-öø-ÿ])",
    r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ]{2,})",
]
# An apostrophe-s after a letter is its own token, so a name before it can be an entity
# ("Trump's" -> "Trump" + "'s"); also plurals such as "auto's" split, which NER does not mind.
WIRE_SUFFIXES = [r"(?<=[A-Za-zÀ-ÖØ-öø-ÿ])['’]s"]


# Dutch abbreviations kept as tokenizer exceptions in the shipped pipeline (with their
# capitalised variants from spaCy's Dutch table). The full Dutch table has 4,670 special cases
# and alone takes about a second to load, so the shipped pipeline keeps only these.
DUTCH_ABBREVIATIONS = {
    "mr",
    "dr",
    "drs",
    "ir",
    "ing",
    "prof",
    "mevr",
    "dhr",
    "st",
    "jr",
    "sr",
    "nr",
    "blz",
    "ca",
    "o.a",
    "d.w.z",
    "bijv",
    "bv",
    "enz",
    "etc",
    "jl",
    "m.b.t",
    "i.v.m",
    "e.d",
    "a.s",
    "n.a.v",
    "t.a.v",
    "v.d",
    "gen",
    "kol",
    "lt",
    "sgt",
    "mgr",
    "ds",
    "plv",
    "resp",
    "incl",
    "excl",
    "max",
    "min",
    "m.i.v",
    "t/m",
    "z.g",
    "zgn",
    "vs",
    "e.a",
    "evt",
    "o.m",
    "m.n",
    "i.p.v",
    "v.chr",
    "n.chr",
    "ong",
    "mln",
    "mld",
    "mrd",
    "kr",
    "v.s",
    "p",
    "pag",
    "tel",
    "afd",
    "adv",
}


def set_wire_tokenizer(nlp: Language, trim_exceptions: bool = False) -> Language:
    """Give ``nlp`` Dutch punctuation rules plus the wire infixes (saved by ``nlp.to_disk``).

    With ``trim_exceptions`` the special cases are spaCy's language-independent base
    exceptions plus the Dutch abbreviations in ``DUTCH_ABBREVIATIONS`` (shipped pipeline).
    """
    dutch = Dutch.Defaults
    tok = nlp.tokenizer
    tok.prefix_search = compile_prefix_regex(dutch.prefixes).search
    tok.suffix_search = compile_suffix_regex(WIRE_SUFFIXES + list(dutch.suffixes or [])).search
    tok.infix_finditer = compile_infix_regex(list(dutch.infixes or []) + WIRE_INFIXES).finditer
    if trim_exceptions:
        rules = dict(BASE_EXCEPTIONS)
        for key, val in dutch.tokenizer_exceptions.items():
            if key.lower().rstrip(".") in DUTCH_ABBREVIATIONS:
                rules[key] = val
        tok.rules = rules
    return nlp


def load_evaluate_module() -> ModuleType:
    """Import ``src/wirenlp/nlp/evaluate.py`` by path.

    Putting ``src`` on ``sys.path`` would shadow an installed ``wirenlp`` whose spaCy entry
    points spaCy imports on every ``spacy.load``, so the module is loaded on its own.
    """
    name = "_wirenlp_evaluate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, REPO / "src" / "wirenlp" / "nlp" / "evaluate.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def blank_wire_nlp() -> Language:
    """A blank Dutch pipeline with the wire tokenizer."""
    return set_wire_tokenizer(spacy.blank("nl"))


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(first, end, label)`` of IOB2 ``tags``; a stray ``I-`` tag is skipped."""
    spans = []
    i = 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            label = tags[i][2:]
            j = i + 1
            while j < len(tags) and tags[j] == f"I-{label}":
                j += 1
            spans.append((i, j, label))
            i = j
        else:
            i += 1
    return spans
