"""The code base stays ruff-clean and type-checks (CI runs these like any other test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean():
    dirs = [
        str(ROOT / d)
        for d in ("src", "tests", "bench", "training", "scripts")
        if (ROOT / d).is_dir()
    ]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *dirs], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", str(ROOT / "src" / "wirenlp")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
