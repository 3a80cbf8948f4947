"""Build ``src/wirenlp/data/names.txt.gz``: first names and surnames for entity-kind arbitration.

Sources (both open):

* the person providers of the ``faker`` package (MIT licence) for the locales in ``LOCALES``:
  first names (male, female, neutral) and last names, Latin script only;
* the ParlaMint-NL gazetteer staged in ``../shared/data/ner/parlamint-nl-gazetteer``
  (CC BY 4.0, *ParlaMint-NL 4.0, CLARIN ERIC, http://hdl.handle.net/11356/1860*): forenames and
  surnames (without particle) of Dutch politicians 2012-2022; skipped with a note when absent.

Output: gzip (mtime 0, so the same inputs give the same bytes) of sorted lines ``F<TAB>name``
(first name) and ``S<TAB>name`` (surname). Used by :mod:`wirenlp.nlp.kinds` as *person
evidence* only: a span that starts with a known first name stays a person.

    pip install -e ".[names]" && python scripts/build_names.py
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import io
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "wirenlp" / "data"
LOCALES = (
    "nl_NL", "nl_BE", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "tr_TR",
    "pt_PT", "da_DK", "sv_SE", "no_NO", "fi_FI", "cs_CZ", "hu_HU", "ro_RO", "hr_HR", "id_ID",
)  # fmt: skip
LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’.-]*( [A-Za-zÀ-ÖØ-öø-ɏ'’.-]+)?")


def faker_names() -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names = getattr(provider, attr, ())
            first.update(names.keys() if isinstance(names, dict) else names)
        names = getattr(provider, "last_names", ())
        last.update(names.keys() if isinstance(names, dict) else names)
    return first, last


def parlamint_names(shared: Path) -> tuple[set[str], set[str]]:
    path = shared / "ner" / "parlamint-nl-gazetteer" / "persons.jsonl"
    if not path.exists():
        print(f"note: {path} absent; ParlaMint names skipped")
        return set(), set()
    first: set[str] = set()
    last: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            if row.get("forename"):
                first.update(row["forename"].split())
            core = row.get("surname_core") or row.get("surname")
            if core:
                last.add(core)
    return first, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared",
        default=os.environ.get("WIRENLP_SHARED_DATA") or str(ROOT.parent / "shared" / "data"),
    )
    args = parser.parse_args()
    first, last = faker_names()
    pf, pl = parlamint_names(Path(args.shared))
    first |= pf
    last |= pl
    keep = lambda names: sorted(n.strip() for n in names if LATIN.fullmatch(n.strip()))  # noqa: E731
    lines = [f"F\t{n}" for n in keep(first)] + [f"S\t{n}" for n in keep(last)]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    out = DATA / "names.txt.gz"
    out.write_bytes(buf.getvalue())
    n_first = sum(1 for x in lines if x[0] == "F")
    print(f"wrote {out}: {n_first} first names, {len(lines) - n_first} surnames")


if __name__ == "__main__":
    main()
