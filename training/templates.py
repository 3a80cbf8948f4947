"""Synthetic wire sentences for bare person names and organisations in running text.

The silver and Europeana sentences rarely show a person by surname only after a title, a role or
a verb of saying (``premier Schoof``, ``zei Wilders``, ``volgens Trump``), Dutch name shapes
(``van der Laan``, ``J.P. Balkenende``, ``Broekers-Knol``), genitives (``Trumps``, ``Trump's``)
or organisations of many kinds in running text. These seeded templates add them.

Name sources: the ParlaMint-NL gazetteer (``ner/parlamint-nl-gazetteer``, CC BY 4.0: Dutch
politicians with their variants, parties and ministries), Faker names (``gazetteers.py``) and
the hand-written lists below and in ``wire_lists.py``. Every entity in a template is labelled;
everything else in it is lower-case or a plain word, so no entity goes unlabelled.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from gazetteers import Gazetteers
from wire_lists import MINISTRIES

Ent = tuple[int, int, str]

# Heads of state and government and other figures of international news, in Dutch spelling
# (Dutch transliteration of Russian/Ukrainian names). Written from general knowledge and the
# issue's examples, not from the wire dev gold.
LEADERS: list[tuple[str, list[str]]] = [
    ("Vladimir Poetin", ["Poetin"]),
    ("Volodymyr Zelensky", ["Zelensky", "Zelenski"]),
    ("Volodymyr Zelenski", ["Zelenski"]),
    ("Xi Jinping", ["Xi", "Xi Jinping"]),
    ("Emmanuel Macron", ["Macron"]),
    ("Donald Trump", ["Trump"]),
    ("Joe Biden", ["Biden"]),
    ("Kamala Harris", ["Harris"]),
    ("Olaf Scholz", ["Scholz"]),
    ("Friedrich Merz", ["Merz"]),
    ("Angela Merkel", ["Merkel"]),
    ("Keir Starmer", ["Starmer"]),
    ("Rishi Sunak", ["Sunak"]),
    ("Recep Tayyip Erdogan", ["Erdogan"]),
    ("Benjamin Netanyahu", ["Netanyahu"]),
    ("Ursula von der Leyen", ["Von der Leyen"]),
    ("Giorgia Meloni", ["Meloni"]),
    ("Viktor Orbán", ["Orbán"]),
    ("Narendra Modi", ["Modi"]),
    ("Kim Jong-un", ["Kim"]),
    ("Sergej Lavrov", ["Lavrov"]),
    ("Dmitri Medvedev", ["Medvedev"]),
    ("Aleksandr Loekasjenko", ["Loekasjenko"]),
    ("Alexej Navalny", ["Navalny"]),
    ("Antonio Guterres", ["Guterres"]),
    ("Mark Rutte", ["Rutte"]),
    ("Dick Schoof", ["Schoof"]),
    ("Geert Wilders", ["Wilders"]),
    ("Frans Timmermans", ["Timmermans"]),
    ("Bart De Wever", ["De Wever"]),
    ("Alexander De Croo", ["De Croo"]),
    ("Pedro Sánchez", ["Sánchez"]),
    ("Luiz Inácio Lula da Silva", ["Lula"]),
    ("Javier Milei", ["Milei"]),
    ("Mohammed bin Salman", ["Bin Salman"]),
    ("Ali Khamenei", ["Khamenei"]),
    ("Bashar al-Assad", ["Assad"]),
    ("Elon Musk", ["Musk"]),
    ("Marco Rubio", ["Rubio"]),
    ("JD Vance", ["Vance"]),
    ("Andrzej Duda", ["Duda"]),
    ("Donald Tusk", ["Tusk"]),
    ("Robert Fico", ["Fico"]),
    ("Sergej Sjojgoe", ["Sjojgoe"]),
    ("Joelia Navalnaja", ["Navalnaja"]),
    ("Willem-Alexander", []),
]

ROLES = (
    "premier minister staatssecretaris president oud-president bondskanselier burgemeester "
    "Kamerlid fractievoorzitter fractieleider partijleider lijsttrekker oud-premier "
    "minister-president trainer coach bondscoach directeur topman topvrouw bestuursvoorzitter "
    "voorzitter woordvoerder woordvoerster advocaat rechter hoogleraar onderzoeker econoom "
    "zanger zangeres schrijver schrijfster acteur actrice aanvoerder spits doelman wielrenner "
    "schaatser secretaris-generaal eurocommissaris gouverneur senator ambassadeur generaal "
    "wethouder gedeputeerde oppositieleider vicepremier rapper politicus verdachte "
    "ondernemer agent journalist kardinaal bisschop dirigent kunstenaar"
).split()
SAY_AFTER = "zei zegt aldus verklaarde meldde schrijft stelt benadrukte waarschuwde vindt".split()
SAY_BEFORE = [
    "zei",
    "zegt",
    "reageerde afwijzend",
    "liet weten dat het plan niet doorgaat",
    "wil daar niet op ingaan",
    "ontkent alle beschuldigingen",
    "kondigde maandag zijn vertrek aan",
    "sprak van een historische dag",
    "was niet bereikbaar voor commentaar",
    "noemde het besluit onverstandig",
    "trad vorig jaar af",
    "werd dinsdag gekozen",
    "ligt onder vuur",
    "krijgt steun van de oppositie",
]
CLAUSES = [
    "het kabinet de maatregel terugdraait",
    "de onderhandelingen vastzitten",
    "er geen geld is voor nieuwe plannen",
    "de gesprekken volgende week verdergaan",
    "de prijzen verder stijgen",
    "het bestand niet lang zal standhouden",
    "er binnenkort een akkoord komt",
    "de situatie zorgwekkend is",
    "de regels strenger moeten",
    "niemand gewond raakte",
    "het onderzoek nog loopt",
    "de verkiezingen eerlijk verliepen",
]
QUOTES = [
    "Dit is onaanvaardbaar",
    "We gaan door met de gesprekken",
    "Ik heb er alle vertrouwen in",
    "Het is tijd voor actie",
    "Daar ga ik niet over",
    "We zijn heel blij met de uitslag",
    "Dat is een kwestie van tijd",
]
TIMES = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "gisteren",
    "vandaag",
    "dinsdagavond",
    "in een verklaring",
    "op een persconferentie",
    "in een interview",
]
GEN_NOUNS = "plan beleid opvolger regering bezoek woorden voorstel aanpak partij vertrek".split()
TOPICS = [
    "de oorlog",
    "de handel",
    "migratie",
    "de begroting",
    "het klimaat",
    "de energieprijzen",
    "een staakt-het-vuren",
    "de veiligheid in de regio",
]

# Organisations by kind (Dutch and Belgian first). Courts, schools, hospitals, unions, clubs and
# broadcasters; companies also come from Faker and wire_lists.ORGANISATIONS.
ORG_KINDS: dict[str, list[str]] = {
    "court": [
        "Hoge Raad",
        "Raad van State",
        "Hof van Cassatie",
        "Grondwettelijk Hof",
        "Internationaal Strafhof",
        "Europees Hof van Justitie",
        "Europees Hof voor de Rechten van de Mens",
        "Centrale Raad van Beroep",
        "Raad voor Vreemdelingenbetwistingen",
        "Hof van Beroep",
    ],
    "school": [
        "Universiteit Utrecht",
        "Universiteit van Amsterdam",
        "Vrije Universiteit",
        "Rijksuniversiteit Groningen",
        "Universiteit Leiden",
        "TU Delft",
        "TU Eindhoven",
        "Erasmus Universiteit",
        "Radboud Universiteit",
        "Wageningen University",
        "Tilburg University",
        "KU Leuven",
        "Universiteit Gent",
        "Universiteit Antwerpen",
        "VUB",
        "Hogeschool Utrecht",
        "Hogeschool van Amsterdam",
        "Fontys",
        "Saxion",
        "Open Universiteit",
    ],
    "hospital": [
        "UMC Utrecht",
        "Amsterdam UMC",
        "Erasmus MC",
        "Radboudumc",
        "LUMC",
        "UMCG",
        "Maastricht UMC+",
        "UZ Leuven",
        "UZ Gent",
        "Antoni van Leeuwenhoek",
        "Prinses Máxima Centrum",
        "Isala",
        "Catharina Ziekenhuis",
        "Jeroen Bosch Ziekenhuis",
        "Martini Ziekenhuis",
        "Sint-Maartenskliniek",
        "ZNA",
        "AZ Groeninge",
    ],
    "union": [
        "FNV",
        "CNV",
        "VCP",
        "ACV",
        "ABVV",
        "ACLVB",
        "NVJ",
        "AOb",
        "FNV Metaal",
        "ACOD",
        "Nu'91",
        "VNO-NCW",
        "MKB-Nederland",
        "LTO",
        "Boerenbond",
        "Voka",
        "VBO",
        "Unizo",
    ],
    "club": [
        "Ajax",
        "PSV",
        "Feyenoord",
        "AZ",
        "FC Twente",
        "FC Utrecht",
        "Vitesse",
        "sc Heerenveen",
        "NEC",
        "Go Ahead Eagles",
        "Sparta",
        "FC Groningen",
        "Club Brugge",
        "Anderlecht",
        "Standard",
        "KRC Genk",
        "AA Gent",
        "Royal Antwerp",
        "Real Madrid",
        "FC Barcelona",
        "Bayern München",
        "Manchester United",
        "Liverpool",
        "Juventus",
        "Paris Saint-Germain",
        "Visma-Lease a Bike",
        "Alpecin-Deceuninck",
        "Soudal Quick-Step",
    ],
    "media": [
        "NOS",
        "RTL Nieuws",
        "NPO",
        "VRT",
        "VRT NWS",
        "RTBF",
        "VTM",
        "BNR",
        "Omroep West",
        "RTV Noord",
        "Omroep Brabant",
        "AT5",
        "NRC",
        "Trouw",
        "Volkskrant",
        "De Telegraaf",
        "AD",
        "Het Parool",
        "De Standaard",
        "De Morgen",
        "Het Laatste Nieuws",
        "Het Nieuwsblad",
        "Le Soir",
        "Het Financieele Dagblad",
        "De Tijd",
        "BBC",
        "CNN",
        "Al Jazeera",
        "The New York Times",
        "Der Spiegel",
        "Le Monde",
        "RTL Boulevard",
    ],
    "institution": [
        "Tweede Kamer",
        "Eerste Kamer",
        "Vlaams Parlement",
        "Senaat",
        "Kamer",
        "De Nederlandsche Bank",
        "Nationale Bank",
        "Autoriteit Persoonsgegevens",
        "ACM",
        "AFM",
        "NVWA",
        "RIVM",
        "CBS",
        "KNMI",
        "UWV",
        "Belastingdienst",
        "Openbaar Ministerie",
        "OM",
        "Rijkswaterstaat",
        "Sciensano",
        "Federale Politie",
        "NMBS",
        "De Lijn",
        "Infrabel",
        "ProRail",
        "NS",
        "Vlaamse Regering",
        "Waalse Regering",
        "Raad van Europa",
        "Europese Commissie",
        "Rekenkamer",
        "Nationale Ombudsman",
        "Inspectie van het Onderwijs",
        "Koninklijke Marechaussee",
        "Rode Kruis",
        "Leger des Heils",
        "Greenpeace",
        "Amnesty International",
        "Artsen zonder Grenzen",
        "WHO",
        "IMF",
        "Wereldbank",
        "OPEC",
    ],
    "company": [
        "KLM",
        "Rabobank",
        "ING",
        "ABN AMRO",
        "Philips",
        "ASML",
        "Shell",
        "Unilever",
        "Ahold Delhaize",
        "Albert Heijn",
        "Jumbo",
        "bol.com",
        "Proximus",
        "bpost",
        "Colruyt",
        "AB InBev",
        "Solvay",
        "Umicore",
        "KBC",
        "Belfius",
        "Tata Steel",
        "Heineken",
        "Booking.com",
        "Coolblue",
        "Vattenfall",
        "Eneco",
        "Brussels Airlines",
        "Volkswagen",
        "Tesla",
        "Apple",
        "Google",
        "Microsoft",
        "Meta",
        "Amazon",
        "Boeing",
        "Airbus",
        "Nvidia",
    ],
}
ORG_TEMPLATES = [
    "{O} heeft {T} bekendgemaakt dat {C}.",
    "Dat meldt {M} op basis van ingewijden.",
    "Volgens {O} {C2}.",
    "Bij {O} werken ongeveer {N} mensen.",
    "De directie van {O} wil dat {C}.",
    "Werknemers van {O} leggen {T} het werk neer, meldt vakbond {U}.",
    "Vakbond {U} eist meer loon voor het personeel van {O}.",
    "De zaak ligt nu bij {J}.",
    "{J} oordeelde {T} dat {C}.",
    "Het onderzoek werd uitgevoerd door {S} en {H}.",
    "De patiënt ligt in {H}.",
    "{CL} won {T} met {N2} van {CL2}.",
    "De spits tekende een contract bij {CL}.",
    "{O} en {O2} gaan samenwerken.",
    "Dat zei een woordvoerder van {O} {T} tegen {M}.",
    "In een reactie laat {O} weten dat {C}.",
    "{O} schrapt {N} banen.",
    "Ook {O} heeft kritiek op het plan.",
]
PER_TEMPLATES = [
    "{R} {S} zei {T} dat {C}.",
    "Volgens {S} is {S2} bereid te praten.",
    "Volgens {R} {S} {C2}.",
    "{S} sprak {T} met {S2} over {TOP}.",
    '"{Q}", zei {S}.',
    '"{Q}", aldus {R} {S}.',
    '"{Q}", {SAY} {S} {T}.',
    "{F} wil dat {C}. {S} {SB}.",
    "{F} ({P}) wil dat {C}. Volgens {S} {C2}.",
    "{S} {SB}.",
    "Ook {R} {S} was aanwezig.",
    "{SG} {GN} stuit op verzet.",
    "In het kabinet {S} was {S2} minister van {MIN}.",
    "Minister van {MIN} {F} {SB}.",
    "{R} {F} van {O} {SB}.",
    "{F} ({MIN}) {SB}.",
    "Dat zei {S} {T} tegen {M}.",
    "{S} en {S2} {SB}.",
    "De woorden van {S} vallen slecht bij {O}.",
    "{R} {S} ontmoette {T} {R2} {S2}.",
    "Daarop reageerde {S} fel.",
]
# Capitalised sentence openers that are not names (adjectives, nouns, plurals in 's), so that
# the templates' many sentence-initial names do not teach "capitalised first word = person".
NEG_OPENERS = [
    "Demissionair",
    "Anonieme bronnen",
    "Dialoog",
    "Overleg",
    "Onderzoek",
    "Intussen",
    "Tegelijk",
    "Opvallend genoeg",
    "Eerder",
    "Later",
    "Ondertussen",
    "Daarnaast",
    "Bovendien",
    "Omwonenden",
    "Critici",
    "Deskundigen",
    "Hulpverleners",
    "Betrokkenen",
    "Regio's",
    "Foto's",
    "Video's",
    "Camera's",
    "Auto's",
    "Scenario's",
    "Risico's",
    "Euro's",
    "Radio's",
]
NEG_TEMPLATES = [
    "{NEG} zeiden {T} dat {S} vertrekt.",
    "{NEG} is nodig, zei {S}.",
    "{NEG} met veel werkloosheid kregen steun van {O}.",
    "{NEG} waarschuwen dat {C}.",
    "{NEG} tonen hoe {S} aankomt.",
    "{NEG} speelt een rol, volgens {O}.",
    "{NEG} gaat door, aldus {R} {S}.",
]
PARTY_FALLBACK = ["VVD", "PVV", "CDA", "D66", "GroenLinks-PvdA", "SP", "NSC", "BBB", "JA21"]


class Templates:
    """Seeded generator of synthetic sentences with person and organisation mentions."""

    def __init__(self, gaz: Gazetteers, data: Path) -> None:
        self.gaz = gaz
        gdir = data / "ner" / "parlamint-nl-gazetteer"
        self.politicians: list[tuple[str, list[str]]] = []
        with (gdir / "persons.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                # a bare surname starts with a capital (Van Miltenburg, not van Miltenburg)
                short = [v for v in r["variants"] if v != r["text"] and v[:1].isupper()]
                self.politicians.append((r["text"], short))
        self.parties: list[str] = []
        self.gov_orgs: list[str] = []
        with (gdir / "orgs.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                names = [r["text"], *r["aliases"]]
                if r["role"] == "parliamentaryGroup":
                    self.parties.extend(a for a in r["aliases"] if a)
                self.gov_orgs.extend(names)
        if not self.parties:
            self.parties = list(PARTY_FALLBACK)
        self.all_orgs = [o for kind in ORG_KINDS.values() for o in kind] + self.gov_orgs

    # -- names -------------------------------------------------------------------------
    def full_and_short(self, rng: random.Random) -> tuple[str, str]:
        """A person's full name and a short mention (surname, initials + surname, ...)."""
        r = rng.random()
        if r < 0.3:
            full, shorts = rng.choice(self.politicians)
            return full, rng.choice(shorts) if shorts else full
        if r < 0.5:
            full, shorts = rng.choice(LEADERS)
            return full, rng.choice(shorts) if shorts else full
        # Faker names; Dutch shapes: initials and double surnames
        first_last = self.gaz.person(rng)
        while " " not in first_last:
            first_last = self.gaz.person(rng)
        first, last = first_last.split(" ", 1)
        if rng.random() < 0.1:
            last = f"{last}-{self.gaz.person(rng).split(' ')[-1]}"
        full = f"{first} {last}"
        if rng.random() < 0.15:
            initials = "".join(f"{p[0]}." for p in first.split("-") if p)
            if rng.random() < 0.4:
                initials += f"{rng.choice('ABCDEFGHJKLMNPRSTW')}."
            return f"{initials} {last}", last[0].upper() + last[1:]
        return full, last[0].upper() + last[1:]

    def org(self, rng: random.Random, kind: str | None = None) -> str:
        """An organisation name of ``kind`` (any kind if None)."""
        if kind is None:
            r = rng.random()
            if r < 0.15:
                return self.gaz.org(rng)
            if r < 0.3:
                return rng.choice(self.gov_orgs)
            kind = rng.choice(list(ORG_KINDS))
        return rng.choice(ORG_KINDS[kind])

    # -- filling -----------------------------------------------------------------------
    def fill(self, template: str, rng: random.Random) -> tuple[str, list[Ent]]:
        """Fill ``template``; return the text and its entity spans."""
        full, short = self.full_and_short(rng)
        full2, short2 = self.full_and_short(rng)
        ent_slots: dict[str, tuple[str, str]] = {
            "S": (short if rng.random() < 0.8 else full, "PER"),
            "S2": (short2 if rng.random() < 0.7 else full2, "PER"),
            "F": (full, "PER"),
            "O": (self.org(rng), "ORG"),
            "O2": (self.org(rng), "ORG"),
            "M": (self.org(rng, "media"), "ORG"),
            "U": (self.org(rng, "union"), "ORG"),
            "J": (self.org(rng, "court"), "ORG"),
            "H": (self.org(rng, "hospital"), "ORG"),
            "CL": (self.org(rng, "club"), "ORG"),
            "CL2": (self.org(rng, "club"), "ORG"),
            "P": (rng.choice(self.parties), "ORG"),
            "MIN": (rng.choice(MINISTRIES), "ORG"),
        }
        if "{F}" in template and "{S}" in template:
            ent_slots["S"] = (short, "PER")  # the short form of the full name's person
        if "{S}" in template and "{H}" in template:
            ent_slots["S"] = (self.org(rng, "school"), "ORG")
        plain = {
            "R": rng.choice(ROLES),
            "R2": rng.choice(ROLES),
            "T": rng.choice(TIMES),
            "C": rng.choice(CLAUSES),
            "C2": rng.choice(["is", "zijn", "blijft", "wordt"]) + " dat niet zeker",
            "Q": rng.choice(QUOTES),
            "SAY": rng.choice(SAY_AFTER),
            "SB": rng.choice(SAY_BEFORE),
            "TOP": rng.choice(TOPICS),
            "N": str(rng.randint(2, 9000)),
            "N2": f"{rng.randint(0, 5)}-{rng.randint(0, 5)}",
            "GN": rng.choice(GEN_NOUNS),
            "NEG": rng.choice(NEG_OPENERS),
        }
        gen_base = short if rng.random() < 0.7 else full
        text = ""
        ents: list[Ent] = []
        i = 0
        while i < len(template):
            if template[i] != "{":
                text += template[i]
                i += 1
                continue
            j = template.index("}", i)
            key = template[i + 1 : j]
            i = j + 1
            if key == "SG":  # genitive: Trumps / Trump's (the tokenizer splits 's)
                if gen_base[-1:] in "sxz" or rng.random() < 0.4:
                    ents.append((len(text), len(text) + len(gen_base), "PER"))
                    text += gen_base + rng.choice(["'s", "'s", "’s"])
                else:
                    ents.append((len(text), len(text) + len(gen_base) + 1, "PER"))
                    text += gen_base + "s"
                continue
            if key in ent_slots:
                name, lab = ent_slots[key]
                if len(text) == 0 or text.endswith(". "):
                    # sentence start: a leading article stays outside the span
                    for art in ("De ", "Het "):
                        if name.startswith(art) and lab == "ORG":
                            text += art
                            name = name[len(art) :]
                    if name[:1].islower() and lab == "ORG" and " " not in name:
                        name = name[0].upper() + name[1:]
                    if name.startswith("van ") or name.startswith("von ") or name[:3] == "de ":
                        name = name[0].upper() + name[1:]
                ents.append((len(text), len(text) + len(name), lab))
                text += name
                continue
            text += plain[key]
        if text[:1].islower():
            text = text[0].upper() + text[1:]
        return text, ents

    def generate(
        self, n_per: int, n_org: int, rng: random.Random, n_neg: int = 0
    ) -> list[tuple[str, list[Ent]]]:
        """``n_per`` person, ``n_org`` organisation and ``n_neg`` non-name-opener examples
        (1-2 sentences each)."""
        out = []
        groups = ((n_per, PER_TEMPLATES), (n_org, ORG_TEMPLATES), (n_neg, NEG_TEMPLATES))
        for n, templates in groups:
            for _ in range(n):
                text, ents = self.fill(rng.choice(templates), rng)
                if rng.random() < 0.3:
                    t2, e2 = self.fill(rng.choice(templates), rng)
                    shift = len(text) + 1
                    ents = ents + [(s + shift, e + shift, lab) for s, e, lab in e2]
                    text = f"{text} {t2}"
                out.append((text, ents))
        return out
