"""The documentation site builds with ``mkdocs build --strict``: a broken link or anchor, a page
missing from the nav, or an API reference entry that does not resolve fails the build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_site_builds_strictly(tmp_path: Path):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # the nav pages were built, and the API reference holds the public names
    for page in ("getting-started", "flow", "parsing", "outputs", "reliability", "api"):
        assert (site / page / "index.html").is_file(), page
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="(wirenlp[\w.]*)"', api))
    for name in (
        "wirenlp.Enricher",
        "wirenlp.to_frames",
        "wirenlp.render",
        "wirenlp.Page",
        "wirenlp.export.maps.place_map",
        "wirenlp.export.charts.agencies_per_day",
    ):
        assert name in ids, f"{name} is not in the API reference"
    assert ":func:`" not in api and ":class:`" not in api  # Sphinx roles rendered as code


def test_every_doc_page_is_in_the_nav_and_strict_validation_is_on():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    for section in ("nav", "links"):
        assert "info" not in config["validation"][section].values()
    nav = {next(iter(item.values())) for item in config["nav"]}
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("*.md")}
    assert pages == nav
