"""Refresh docs/img/render-seed.png and render-seed-teasers.png: wirenlp.render of the
enriched ANP seed page, drawn by Debian's headless Chromium (Playwright). Run from the
repository root:

    python scripts/screenshot_render.py
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

import wirenlp

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "wire_dev" / "seed_anp_buitenland.txt"
OUT = ROOT / "docs" / "img" / "render-seed.png"
TEASERS = ROOT / "docs" / "img" / "render-seed-teasers.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    page = wirenlp.enrich(
        SEED.read_text(encoding="utf-8"), reference_time=datetime(2025, 3, 14, 12)
    )
    html = ROOT / "docs" / "img" / "render-seed.html"
    html.write_text(wirenlp.render(page, document=True), encoding="utf-8")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            view = browser.new_page(viewport={"width": 1000, "height": 800})
            view.goto(html.as_uri(), wait_until="load")
            view.screenshot(path=str(OUT), clip={"x": 0, "y": 0, "width": 1000, "height": 640})
            top = view.locator(".wirenlp-section-marker").first.bounding_box()
            assert top is not None, "the seed page has a Meer uit … section"
            box = {"x": 0, "y": top["y"] - 10, "width": 1000, "height": 560}
            view.screenshot(path=str(TEASERS), clip=box, full_page=True)
            browser.close()
    finally:
        html.unlink()
    print(f"wrote {OUT.relative_to(ROOT)} and {TEASERS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
