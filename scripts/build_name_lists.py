#!/usr/bin/env python
"""Build the name lists behind entity-kind arbitration (:mod:`wirenlp.nlp.kinds`).

Writes two gzip'd UTF-8 files, one name a line, sorted, gzip mtime 0 (deterministic):

* ``src/wirenlp/data/first_names.txt.gz`` — given names: the first names of Faker's
  Latin-script person providers (MIT licence; the locales ``training/gazetteers.py`` uses for
  entity substitution; Cyrillic ones in Dutch transliteration) and the forenames of the
  ParlaMint-NL gazetteer (CC BY 4.0,
  ``$WIRENLP_SHARED_DATA/ner/parlamint-nl-gazetteer/persons.jsonl``).
* ``src/wirenlp/data/organisations.txt.gz`` — organisation names: the repository's own curated
  wire lists (``training/wire_lists.py``: agencies, organisations, companies and media,
  ministries, government bodies), the ParlaMint-NL organisations and their aliases (parties,
  ministries), and :data:`CORE_ORGANISATIONS` below.

Run: ``pip install -r training/requirements.lock`` (Faker pinned there), then
``WIRENLP_SHARED_DATA=/work/shared/data python scripts/build_name_lists.py``.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import wire_lists  # noqa: E402
from gazetteers import CYRILLIC_LOCALES, transliterate  # noqa: E402

OUT = ROOT / "src" / "wirenlp" / "data"

LOCALES = (
    "nl_NL nl_BE de_DE fr_FR en_GB en_US es_ES it_IT pl_PL tr_TR no_NO sv_SE da_DK fi_FI "
    "cs_CZ hu_HU ro_RO hr_HR pt_BR es_MX en_IN id_ID ru_RU uk_UA bg_BG"
).split()

# The documented core typed by hand: Dutch and Belgian organisations that wire copy names
# often and the lists above lack (unions, employers, football clubs, broadcasters, companies,
# web shops). Names only; each is the usual written form.
CORE_ORGANISATIONS = """
FNV CNV VCP AVV ABVV ACV ACLVB VNO-NCW MKB-Nederland LTO Nederland
Ajax PSV Feyenoord AZ FC Twente FC Utrecht Vitesse Heerenveen FC Groningen Sparta NEC
Go Ahead Eagles Willem II NAC Breda PEC Zwolle Heracles Almelo RKC Waalwijk Fortuna Sittard
Anderlecht Club Brugge Standard Luik KAA Gent Racing Genk Royal Antwerp
Real Madrid FC Barcelona Bayern München Manchester United Manchester City Liverpool
Juventus Paris Saint-Germain Borussia Dortmund Chelsea Arsenal Inter Milan AC Milan KNVB UEFA FIFA
NOS RTL NPO BNNVARA KRO-NCRV AVROTROS VPRO EO Omroep MAX VRT RTBF SBS6 Talpa
Bol.com Coolblue Albert Heijn Jumbo Lidl Aldi Action Ahold Delhaize HEMA Zalando Booking.com
Just Eat Takeaway Thuisbezorgd Marktplaats Picnic Adyen Prosus Randstad Aegon NN Group
ASR KPN VodafoneZiggo Ziggo Eneco Vattenfall Essent TenneT Gasunie NS ProRail Schiphol Group
Tata Steel DSM-Firmenich AkzoNobel Wolters Kluwer RELX Booking Uber Airbnb Amazon Apple
Google Microsoft Meta Tesla Samsung Nvidia OpenAI Boeing Airbus Volkswagen BMW Stellantis
Greenpeace Amnesty International Artsen zonder Grenzen Rode Kruis Leger des Heils
KNMI RIVM CBS CPB DNB AFM ACM NVWA UWV IND COA RDW KNRM ILT
""".strip()
CORE_MULTI = """
LTO Nederland|FC Twente|FC Utrecht|FC Groningen|Go Ahead Eagles|Willem II|NAC Breda|PEC Zwolle
Heracles Almelo|RKC Waalwijk|Fortuna Sittard|Club Brugge|Standard Luik|KAA Gent|Racing Genk
Royal Antwerp|Real Madrid|FC Barcelona|Bayern München|Manchester United|Manchester City
Paris Saint-Germain|Borussia Dortmund|Inter Milan|AC Milan|Omroep MAX|Albert Heijn
Ahold Delhaize|Just Eat Takeaway|NN Group|Schiphol Group|Tata Steel|Wolters Kluwer
Amnesty International|Artsen zonder Grenzen|Rode Kruis|Leger des Heils
""".replace("\n", "|").strip("|")


def core_organisations() -> list[str]:
    """The hand-typed core: multi-word names as written, the rest one word each."""
    multi = [m.strip() for m in CORE_MULTI.split("|") if m.strip()]
    rest = CORE_ORGANISATIONS
    for m in sorted(multi, key=len, reverse=True):
        rest = rest.replace(m, " ")
    return [*multi, *rest.split()]


def shared_data() -> Path:
    env = os.environ.get("WIRENLP_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def first_names() -> set[str]:
    import faker

    names: set[str] = set()
    for loc in LOCALES:
        provider = faker.Faker(loc).provider("faker.providers.person")
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attr, ())
            found = value.keys() if isinstance(value, dict) else value
            if loc in CYRILLIC_LOCALES:  # in Dutch spelling, as training/gazetteers.py does
                found = [transliterate(n) for n in found]
            names.update(found)
    path = shared_data() / "ner" / "parlamint-nl-gazetteer" / "persons.jsonl"
    with path.open(encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            names.update(row["forename"].split())
    # given names only: one capitalised word, no initials
    return {n for n in names if n[:1].isupper() and n.isalpha() and len(n) > 1 and " " not in n}


def organisations() -> set[str]:
    names: set[str] = set()
    for attr in (
        "AGENCIES",
        "ORGANISATIONS",
        "RULER_COMPANIES_MEDIA",
        "MINISTRIES",
        "GOVERNMENT_BODIES",
    ):
        names.update(getattr(wire_lists, attr))
    path = shared_data() / "ner" / "parlamint-nl-gazetteer" / "orgs.jsonl"
    with path.open(encoding="utf-8") as fh:
        for row in map(json.loads, fh):
            names.add(row["text"])
            names.update(row.get("aliases", ()))
    names.update(core_organisations())
    return {n.strip() for n in names if n.strip()[:1].isupper() or n.strip()[:1].isdigit()}


def write(name: str, items: set[str]) -> None:
    data = ("\n".join(sorted(items)) + "\n").encode("utf-8")
    with (OUT / name).open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(data)
    print(f"{name}: {len(items)} names")


if __name__ == "__main__":
    write("first_names.txt.gz", first_names())
    write("organisations.txt.gz", organisations())
