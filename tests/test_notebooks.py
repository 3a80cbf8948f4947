"""The notebooks run: their code cells are executed in order, in the notebooks folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [("".join(c["source"])) for c in cells if c["cell_type"] == "code"]
    assert code, "a notebook without code"
    monkeypatch.chdir(path.parent)
    namespace: dict[str, object] = {"__name__": "__main__"}
    for source in code:
        exec(compile(source, str(path), "exec"), namespace)
    assert namespace["page"].entities  # type: ignore[attr-defined]
