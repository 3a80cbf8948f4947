"""The notebooks in notebooks/ re-execute cleanly, and their committed outputs are complete.

Each notebook is run top to bottom in a fresh Jupyter kernel of this Python (nbclient and
ipykernel, from the test extra), in the notebooks folder, exactly as
``python scripts/run_notebooks.py`` runs it; a cell that raises fails the test. The committed
copy must have been executed (every code cell has an execution count, no error output) and show
the same kinds of output, cell by cell, as the fresh run, so stale outputs are caught too.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RICH = ("image/png", "image/svg+xml", "text/html")


def _runner() -> Any:
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", ROOT / "scripts" / "run_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def _kinds(cell: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (out["output_type"], tuple(sorted(out.get("data", {}))))
        for out in cell.get("outputs", [])
        if out["output_type"] != "stream" or out.get("name") == "stdout"
    ]


def test_there_are_notebooks_with_rich_outputs():
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "analysis.ipynb"}
    rich: dict[str, int] = {}
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        rich[path.name] = sum(
            any(k in out.get("data", {}) for k in RICH)
            for cell in _code_cells(nb)
            for out in cell["outputs"]
        )
    assert rich["analysis.ipynb"] >= 3  # tables, charts and a map
    assert rich["quickstart.ipynb"] >= 2  # the rendered page and frames


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_reexecutes_and_outputs_are_committed(path: Path):
    committed = json.loads(path.read_text(encoding="utf-8"))
    cells = _code_cells(committed)
    assert cells, "a notebook without code"
    for i, cell in enumerate(cells):
        assert cell.get("execution_count") is not None, f"code cell {i} was never executed"
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert not errors, f"code cell {i} ends in an error: {errors[0].get('ename')}"
    # raises nbclient's CellExecutionError (with the cell and traceback) when a cell fails
    fresh = json.loads(json.dumps(_runner().execute(path)))
    assert [_kinds(c) for c in _code_cells(fresh)] == [_kinds(c) for c in cells], (
        "committed outputs differ from a fresh run: refresh them with "
        "`python scripts/run_notebooks.py`"
    )
