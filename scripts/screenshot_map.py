"""Refresh docs/img/map-dev.png: wirenlp.export.maps.place_map of the enriched dev batch (the
agency deliveries and scraped pages in tests/data/wire_dev), drawn by Debian's headless Chromium
(Playwright), with one story's popup open. Run from the repository root:

    python scripts/screenshot_map.py

The browser gets no network: the map is drawn without tiles (``tiles=None``), with Leaflet
inlined and the country outlines that ship with wirenlp as its base layer; any request the
page makes is aborted.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

import wirenlp
from wirenlp.export.maps import place_map

ROOT = Path(__file__).resolve().parents[1]
WIRE = ROOT / "tests" / "data" / "wire_dev"
OUT = ROOT / "docs" / "img" / "map-dev.png"
# a point of the first (most mentioned) marker that no other marker covers
FREE_POINT_JS = """() => {
  const p = document.querySelector('path.leaflet-interactive');
  const r = p.getBoundingClientRect();
  for (let k = 0; k < 81; k++) {
    const x = r.left + r.width * (0.1 + 0.1 * (k % 9));
    const y = r.top + r.height * (0.1 + 0.1 * Math.floor(k / 9));
    if (document.elementFromPoint(x, y) === p) return {x, y};
  }
  return null;
}"""
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    items = [json.loads(line) for line in (WIRE / "items.jsonl").open(encoding="utf-8")]
    texts = [item["text"] for item in items if not item["id"].startswith("pg-")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((WIRE / "pages").glob("*.txt"))]
    texts.append((WIRE / "seed_anp_buitenland.txt").read_text(encoding="utf-8"))
    pages = list(wirenlp.Enricher().pipe(texts))
    html = OUT.with_suffix(".html")
    place_map(pages, tiles=None, height=560).save(str(html))

    def answer(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            view = browser.new_page(viewport={"width": 1000, "height": 560})
            view.route("**/*", answer)
            view.goto(html.as_uri(), wait_until="load")
            markers = view.locator("path.leaflet-interactive")
            markers.first.wait_for()
            point = view.evaluate(FREE_POINT_JS)  # on the most mentioned filing place
            view.mouse.click(point["x"], point["y"])
            view.locator(".leaflet-popup-content").wait_for(state="visible")
            view.wait_for_timeout(1500)  # the popup pans the map: let the pan end and redraw
            view.screenshot(path=str(OUT))
            browser.close()
    finally:
        html.unlink()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
