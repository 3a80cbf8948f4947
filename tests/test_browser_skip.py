"""Browser tests on a machine without Chromium: skipped with the reason, unless
WIRENLP_REQUIRE_BROWSER=1 (CI), where they fail. Runs pytest on the render test with the
browser lookup (WIRENLP_CHROMIUM) pointing at a file that does not exist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "WIRENLP_REQUIRE_BROWSER"}
    environ.update(WIRENLP_CHROMIUM=str(tmp_path / "no-chromium"), **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
         "tests/test_browser_render.py"],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_without_chromium_browser_tests_skip_with_the_reason(tmp_path):
    run = _pytest(tmp_path)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "2 skipped" in run.stdout
    assert f"browser test: no Chromium at {tmp_path / 'no-chromium'}" in run.stdout
    assert "apt-get install chromium" in run.stdout


def test_a_required_browser_that_is_missing_fails(tmp_path):
    run = _pytest(tmp_path, WIRENLP_REQUIRE_BROWSER="1")
    assert run.returncode != 0
    assert "skipped" not in run.stdout
    assert "no Chromium at" in run.stdout and "WIRENLP_REQUIRE_BROWSER is set" in run.stdout
