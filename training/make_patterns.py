"""Generate ``patterns.jsonl`` for the shipped pipeline's ``entity_ruler``.

Phrase patterns (exact, case-sensitive token sequences; the ruler matches ORTH with spaCy's
PhraseMatcher, tokenising each pattern with the pipeline's wire tokenizer):
- LOC: Dutch names of countries and world regions from CLDR (babel ``Locale('nl').territories``),
  as written and upper-cased (for datelines);
- LOC: Dutch exonyms of big cities (``wire_lists.DUTCH_EXONYMS``), as written and upper-cased;
- ORG: news agencies, unambiguous international/Dutch organisations, Dutch ministries and
  portfolio names, government bodies, big companies, media and platforms (``wire_lists.py``).
Names that are organisations in CoNLL style (Europese Unie, Verenigde Naties) or ambiguous
are left out of LOC.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from common import TRAINING_DIR, blank_wire_nlp
from gazetteers import dutch_country_names
from wire_lists import (
    AGENCIES,
    DUTCH_EXONYMS,
    EXTRA_LOCATIONS,
    GOVERNMENT_BODIES,
    MINISTRIES,
    RULER_COMPANIES_MEDIA,
)

# CLDR territory codes that are not places in CoNLL style, or are too generic.
SKIP_TERRITORIES = {"EU", "EZ", "UN", "QO", "ZZ", "001"}
SKIP_NAMES = {"Jersey", "Man", "Georgia", "wereld", "Verenigde Naties", "Europese Unie", "eurozone"}

# Organisations safe to match wherever they occur as whole tokens.
RULER_ORGS = [
    "NAVO",
    "VN",
    "Verenigde Naties",
    "Europese Unie",
    "Europese Commissie",
    "Europees Parlement",
    "Europese Centrale Bank",
    "ECB",
    "IMF",
    "Internationaal Monetair Fonds",
    "Wereldbank",
    "OPEC",
    "OESO",
    "Wereldgezondheidsorganisatie",
    "Internationaal Strafhof",
    "Internationaal Gerechtshof",
    "UNICEF",
    "UNHCR",
    "Amnesty International",
    "Human Rights Watch",
    "Artsen zonder Grenzen",
    "Hamas",
    "Hezbollah",
    "Taliban",
    "Tweede Kamer",
    "Eerste Kamer",
    "Raad van State",
    "Openbaar Ministerie",
    "Centraal Bureau voor de Statistiek",
    "De Nederlandsche Bank",
    "KNMI",
    "RIVM",
    "Rijkswaterstaat",
    "ProRail",
    "VNO-NCW",
    "MKB-Nederland",
    "FNV",
    "VVD",
    "PVV",
    "CDA",
    "D66",
    "GroenLinks",
    "PvdA",
    "ChristenUnie",
    "N-VA",
    "Vlaams Belang",
]


# Dutch exonyms of big cities, minus names that are also common first names or words.
RULER_CITIES = [c for c in DUTCH_EXONYMS if c not in {"Sofia", "Santiago", "Gent", "Schiphol"}]


def territory_names() -> list[str]:
    """Dutch CLDR names of countries and regions usable as LOC patterns."""
    from babel import Locale

    names = set(dutch_country_names())
    for code, name in Locale("nl").territories.items():
        if code.isdigit() and code not in SKIP_TERRITORIES and name[:1].isupper():
            names.add(name)
    return sorted(n for n in names if n not in SKIP_NAMES)


def build_patterns() -> list[dict[str, object]]:
    """All ruler patterns as token-ORTH patterns with labels."""
    nlp = blank_wire_nlp()
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: list[dict[str, object]] = []

    def add(label: str, text: str) -> None:
        toks = tuple(t.text for t in nlp.make_doc(text))
        if not toks or (label, toks) in seen:
            return
        seen.add((label, toks))
        out.append({"label": label, "pattern": text})

    for name in [*territory_names(), *EXTRA_LOCATIONS, *RULER_CITIES]:
        add("LOC", name)
        if len(name) > 3:
            add("LOC", name.upper())
    for org in [*AGENCIES, *RULER_ORGS, *MINISTRIES, *GOVERNMENT_BODIES, *RULER_COMPANIES_MEDIA]:
        add("ORG", org)
    return out


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=TRAINING_DIR / "patterns.jsonl")
    args = ap.parse_args()
    pats = build_patterns()
    with args.out.open("w", encoding="utf-8") as fh:
        for p in pats:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"wrote {len(pats)} patterns to {args.out}")


if __name__ == "__main__":
    main()
