"""Benchmark the shipped NER pipeline: cold load time, words/s, directory size.

Usage: ``python bench/model_bench.py [--model DIR] [--n-sentences N] [--repeat K]``.
Load time is measured in fresh subprocesses (``import spacy`` excluded, ``spacy.load`` only).
Throughput: single process, ``nlp.pipe`` over the ud-dutch sentences (words = whitespace tokens)
and over the wire dev texts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _shared import shared_data

REPO = Path(__file__).resolve().parents[1]
DATA = shared_data()
MODEL = REPO / "src" / "wirenlp" / "models" / "nl_wire_ner"

LOAD_SNIPPET = (
    "import time, spacy, sys; t=time.perf_counter(); spacy.load(sys.argv[1]); "
    "print(time.perf_counter()-t)"
)


def dir_size(path: Path) -> int:
    """Total size in bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_times(model: Path, runs: int = 3) -> list[float]:
    """Seconds for ``spacy.load(model)`` in ``runs`` fresh interpreter processes."""
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET, str(model)],
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(float(res.stdout.strip().splitlines()[-1]))
    return out


def words_per_second(nlp: object, texts: list[str], repeat: int = 3, clock: str = "wall") -> float:
    """Best-of-``repeat`` throughput of ``nlp.pipe`` over ``texts`` (whitespace words/s).

    ``clock="wall"`` uses elapsed time; ``clock="cpu"`` uses this process's CPU time, which is
    less disturbed by other jobs on a shared machine.
    """
    timer = time.perf_counter if clock == "wall" else time.process_time
    n_words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = timer()
        for _doc in nlp.pipe(texts, batch_size=256):  # type: ignore[attr-defined]
            pass
        best = min(best, timer() - t0)
    return n_words / best


def main() -> None:
    """Command-line entry point."""
    import spacy

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=MODEL)
    ap.add_argument("--n-sentences", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ud = []
    with (DATA / "text" / "ud-dutch" / "sentences.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            ud.append(json.loads(line)["text"])
            if len(ud) >= args.n_sentences:
                break
    wire = []
    with (DATA / "wire" / "dev" / "items.jsonl").open(encoding="utf-8") as fh:
        wire = [json.loads(line).get("text") or "" for line in fh]
    loads = load_times(args.model)
    nlp = spacy.load(args.model)
    res = {
        "model": str(args.model),
        "size_mb": round(dir_size(args.model) / 1e6, 2),
        "load_s_median": round(statistics.median(loads), 3),
        "load_s_max": round(max(loads), 3),
        "ud_words": sum(len(t.split()) for t in ud),
        "ud_words_per_s": round(words_per_second(nlp, ud, args.repeat)),
        "ud_cpu_words_per_s": round(words_per_second(nlp, ud, args.repeat, clock="cpu")),
        "wire_words_per_s": round(words_per_second(nlp, wire * 5, args.repeat)),
        "pipeline": nlp.pipe_names,
    }
    for k, v in res.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
