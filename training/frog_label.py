"""Silver-label tokenised Dutch sentences with Frog's NER (Debian ``frog`` + ``frogdata``).

Input: JSONL with ``tokens`` (and ``text``) per line, e.g. ``ud-dutch/sentences.jsonl``.
Output: JSONL with ``text``, ``tokens``, ``pos`` (Frog CGN tags) and ``frog`` (Frog IOB tags,
e.g. ``B-PER``, ``I-LOC``, ``B-EVE``), one line per input sentence, in input order.

Frog runs offline with its tokenizer, parser, morphology, chunker, lemmatizer and MWU modules
skipped (``--skip=mpaclt``): the input is already tokenised, one sentence per line. The input
is split into ``--jobs`` shards that run in parallel.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path


def _clean_token(tok: str) -> str:
    """Frog splits on whitespace, so whitespace inside a token becomes ``_``."""
    return "_".join(tok.split()) or "_"


def parse_frog_tsv(path: Path) -> list[list[tuple[str, str, str]]]:
    """Parse Frog's tab-separated output into sentences of ``(word, pos, ner)`` triples."""
    sents: list[list[tuple[str, str, str]]] = []
    cur: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split("\t")
        cur.append((cols[1], cols[5], cols[7] if len(cols) > 7 and cols[7] else "O"))
    if cur:
        sents.append(cur)
    return sents


def run_frog(token_lists: list[list[str]], jobs: int = 2) -> list[list[tuple[str, str, str]]]:
    """Run Frog NER over ``token_lists`` in ``jobs`` parallel processes; keep input order."""
    n = len(token_lists)
    size = (n + jobs - 1) // jobs
    shards = [token_lists[i : i + size] for i in range(0, n, size)]
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        for k, shard in enumerate(shards):
            inp = Path(tmp) / f"in{k}.txt"
            out = Path(tmp) / f"out{k}.tsv"
            inp.write_text(
                "".join(" ".join(_clean_token(t) for t in toks) + "\n" for toks in shard),
                encoding="utf-8",
            )
            cmd = ["frog", "-n", "--skip=mpaclt", "-t", str(inp), "-o", str(out)]
            procs.append((subprocess.Popen(cmd, stderr=subprocess.DEVNULL, cwd=tmp), out))
        result: list[list[tuple[str, str, str]]] = []
        for proc, out in procs:
            if proc.wait() != 0:
                raise RuntimeError(f"frog failed with code {proc.returncode}")
            result.extend(parse_frog_tsv(out))
    if len(result) != n:
        raise RuntimeError(f"frog returned {len(result)} sentences for {n} inputs")
    return result


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("input", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    recs = []
    with args.input.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                recs.append(json.loads(line))
    tokens = [[t for t in r["tokens"] if t.strip()] for r in recs]
    keep = [i for i, t in enumerate(tokens) if t]
    frogged = run_frog([tokens[i] for i in keep], jobs=args.jobs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    bad = 0
    with args.output.open("w", encoding="utf-8") as out:
        for i, sent in zip(keep, frogged, strict=True):
            toks = tokens[i]
            if len(sent) != len(toks):
                bad += 1
                continue
            out.write(
                json.dumps(
                    {
                        "text": recs[i].get("text") or " ".join(toks),
                        "tokens": toks,
                        "pos": [p for _, p, _ in sent],
                        "frog": [t for _, _, t in sent],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"frog-labelled {len(keep) - bad} sentences ({bad} skipped on token mismatch)")


if __name__ == "__main__":
    main()
