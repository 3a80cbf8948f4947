"""Record what ``Enricher.pipe`` finds on the dev set, for ``tests/test_entities_snapshot.py``.

The snapshot holds, for every dev text (the items, the scraped pages and the seed page of
``tests/data/wire_dev``), the compact record of ``Page.to_dict()`` without its text: every
entity with its offsets, label, kind, source and cluster, every cluster with its link, every
dateline with its links. Speed work on wirenlp must leave all of it unchanged; the test
compares a fresh run with this file.

Regenerate it only for a change that is meant to alter what wirenlp finds, and say so in the
commit message:

    python scripts/snapshot_entities.py   # writes tests/data/entities_snapshot.jsonl.gz
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "wire_dev"
SNAPSHOT = ROOT / "tests" / "data" / "entities_snapshot.jsonl.gz"


def dev_texts() -> list[tuple[str, str]]:
    """(name, text) of every dev text, in a fixed order."""
    texts: list[tuple[str, str]] = []
    with (DEV / "items.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.append((row["id"], row["text"]))
    for path in sorted((DEV / "pages").glob("*.txt")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    texts.append(("seed_anp_buitenland.txt", (DEV / "seed_anp_buitenland.txt").read_text("utf-8")))
    return [(name, text) for name, text in texts if text.strip()]


def snapshot_rows() -> list[dict[str, object]]:
    """One row per dev text: its name and its compact record without the text."""
    from wirenlp import Enricher

    named = dev_texts()
    texts = [text for _, text in named]
    rows = []
    for (name, _), page in zip(named, Enricher().pipe(texts), strict=True):
        record = page.to_dict()
        record.pop("text", None)
        rows.append({"name": name, "record": record})
    return rows


def main() -> None:
    rows = snapshot_rows()
    with gzip.open(SNAPSHOT, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(rows)} records to {SNAPSHOT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
