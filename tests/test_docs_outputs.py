"""docs/outputs.md documents every frame column with its real dtype."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirenlp.export.frames import FRAME_COLUMNS

DOC = Path(__file__).resolve().parents[1] / "docs" / "outputs.md"


def documented_columns(name: str) -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^### `{name}`\n(.*?)(?=^#)", text, flags=re.S | re.M)
    assert match, f"docs/outputs.md has no section for the {name} frame"
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", match.group(1), flags=re.M)
    return {column: dtype.strip() for column, dtype in rows}


@pytest.mark.parametrize("name", list(FRAME_COLUMNS))
def test_frame_columns_are_documented(name):
    assert list(documented_columns(name).items()) == list(FRAME_COLUMNS[name].items())
