"""wirenlp finds the same entities, clusters and links on the dev set as the recorded run.

``tests/data/entities_snapshot.jsonl.gz`` was written by ``scripts/snapshot_entities.py``
before the speed work of "wirenlp's own cost"; that work (and any other change not meant to
alter what wirenlp finds) must leave every record equal. A change that is meant to alter the
results regenerates the file and says so in its commit.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "entities_snapshot.jsonl.gz"


def _script():
    spec = importlib.util.spec_from_file_location(
        "snapshot_entities", ROOT / "scripts" / "snapshot_entities.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recorded() -> list[dict]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def current() -> list[dict]:
    rows = _script().snapshot_rows()
    # through JSON, as recorded: tuples become lists, keys strings
    return [json.loads(json.dumps(row, ensure_ascii=False, sort_keys=True)) for row in rows]


def test_snapshot_covers_the_dev_set(recorded: list[dict]) -> None:
    names = [row["name"] for row in recorded]
    assert len(names) == len(set(names)) >= 50
    assert (
        sum(len(s.get("entities", [])) for row in recorded for s in row["record"]["stories"]) > 1000
    )


def test_same_texts_in_the_same_order(recorded: list[dict], current: list[dict]) -> None:
    assert [row["name"] for row in current] == [row["name"] for row in recorded]


def test_same_entities_clusters_and_links(recorded: list[dict], current: list[dict]) -> None:
    for old, new in zip(recorded, current, strict=True):
        old_ents = [e for s in old["record"]["stories"] for e in s.get("entities", [])]
        new_ents = [e for s in new["record"]["stories"] for e in s.get("entities", [])]
        assert new_ents == old_ents, old["name"]
        assert new["record"] == old["record"], old["name"]
