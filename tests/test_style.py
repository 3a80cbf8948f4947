"""The code base stays ruff-clean (CI runs this like any other test)."""

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
