"""Execute the notebooks in notebooks/ in place, so that their committed outputs are fresh.

    python scripts/run_notebooks.py              # every notebook
    python scripts/run_notebooks.py quickstart   # those whose file name contains a word

Each notebook runs top to bottom in a new kernel of this Python (ipykernel, from the test
extra), with notebooks/ as its working directory; a cell that raises stops the run with an
error and the notebook is not written. Needs ``pip install -e ".[test]"``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT = 600  # seconds per cell


def execute(path: Path) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` in a fresh kernel and return it with its outputs; raises
    ``nbclient.exceptions.CellExecutionError`` when a cell fails."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def main(words: list[str]) -> int:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if words:
        paths = [p for p in paths if any(w in p.name for w in words)]
    if not paths:
        print("no notebooks match", words, file=sys.stderr)
        return 1
    for path in paths:
        start = time.perf_counter()
        nb = execute(path)
        nbformat.write(nb, path)
        print(f"{path.relative_to(ROOT)}: executed in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
