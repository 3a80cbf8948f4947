"""Shared test fixtures: the wire dev gold copied into tests/data (see tests/data/SOURCE.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# The headless-browser fixtures (tests/browser.py), defined once here for every test module:
# a module that imported them itself would start a second Playwright in the same session.
from .browser import browser, browser_page, mark_browser_tests  # noqa: F401

DATA = Path(__file__).resolve().parent / "data"
WIRE = DATA / "wire_dev"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def wire_dir() -> Path:
    assert WIRE.is_dir(), f"test data missing at {WIRE}: it ships with the repository"
    return WIRE


@pytest.fixture(scope="session")
def items(wire_dir: Path) -> dict[str, dict]:
    return {item["id"]: item for item in read_jsonl(wire_dir / "items.jsonl")}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mark_browser_tests(items)
