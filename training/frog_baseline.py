"""Score Frog itself on the wire dev gold (reference point for the model card).

Runs Frog (tokenizer on; parser, morphology, chunker, lemmatizer, MWU skipped) on each dev
document's full text, aligns its tokens back to character offsets, maps PER/ORG/LOC as is, and
scores PER/ORG/LOC with ``wirenlp.nlp.evaluate``. Two settings: raw Frog, and Frog with the same
demonym rules as the silver cleaning (an adjective or demonym-noun LOC is not counted as LOC).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from build_corpus import clean_silver
from common import DATA, bio_spans, load_evaluate_module

_ev = load_evaluate_module()


def frog_doc(text: str, tmp: Path) -> list[tuple[str, str, str]]:
    """Frog ``(word, pos, ner)`` triples for one text."""
    inp, out = tmp / "in.txt", tmp / "out.tsv"
    inp.write_text(text, encoding="utf-8")
    subprocess.run(
        ["frog", "--skip=mpacl", "-t", str(inp), "-o", str(out)],
        check=True,
        stderr=subprocess.DEVNULL,
        cwd=tmp,
    )
    rows = []
    for line in out.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 7:
            rows.append((cols[1], cols[5], cols[7] or "O"))
    return rows


def spans(text: str, rows: list[tuple[str, str, str]], clean: bool) -> list[tuple[int, int, str]]:
    """Char spans of Frog entities (optionally demonym-cleaned); unaligned tokens are skipped."""
    offs: list[tuple[int, int] | None] = []
    pos = 0
    for word, _, _ in rows:
        i = text.find(word, pos)
        if i < 0 or i - pos > 20:
            offs.append(None)
            continue
        offs.append((i, i + len(word)))
        pos = i + len(word)
    toks = [w for w, _, _ in rows]
    tags = [t for _, _, t in rows]
    if clean:
        ents = clean_silver(toks, [p for _, p, _ in rows], tags)
    else:
        ents = [(i, j, lab.upper()) for i, j, lab in bio_spans(tags)]
    out = []
    for s, e, lab in ents:
        a, b = offs[s], offs[e - 1]
        if a is not None and b is not None:
            out.append((a[0], b[1], lab))
    return out


def main() -> None:
    """Print Frog's wire-dev PER/ORG/LOC scores, raw and demonym-cleaned."""
    docs = _ev.load_ner_gold(DATA / "wire" / "dev")
    with tempfile.TemporaryDirectory() as tmpd:
        frogged = [frog_doc(d.text, Path(tmpd)) for d in docs]
    for clean in (False, True):
        preds = [spans(d.text, r, clean) for d, r in zip(docs, frogged, strict=True)]
        s = _ev.ner_prf([d.spans for d in docs], preds)
        print(("cleaned " if clean else "raw     ") + s.summary())


if __name__ == "__main__":
    main()
