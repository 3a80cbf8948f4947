"""Shared test fixtures: the dev gold in ../shared/data beside the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
WIRE = DATA / "wire" / "dev"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def wire_dir() -> Path:
    assert WIRE.is_dir(), f"dev data not found at {WIRE} (clone the repo beside shared/)"
    return WIRE


@pytest.fixture(scope="session")
def items(wire_dir: Path) -> dict[str, dict]:
    return {item["id"]: item for item in read_jsonl(wire_dir / "items.jsonl")}
