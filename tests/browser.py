"""A real headless browser for tests of the HTML people look at (render output, maps).

Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/system-packages``; another binary
with ``WIRENLP_CHROMIUM``) driven by Playwright; Playwright's own browser download is never
used. A missing or broken browser FAILS the test with a message that says how to install it:
these tests are part of the suite, not optional.

The fixtures are registered once, in ``tests/conftest.py`` (a test module that imported them
itself would start a second Playwright in the same session, which fails); use them as::

    def test_x(browser_page, tmp_path):
        view = browser_page.open_html("<p>hi</p>", tmp_path)
        assert view.errors == []
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("WIRENLP_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL = "install Debian's chromium (run .ci/system-packages as root, or apt-get install chromium)"


class BrowserPage:
    """A Playwright page that records console errors and uncaught page errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text}")

    def open_html(self, html: str, folder: Path, name: str = "view.html") -> BrowserPage:
        """Write ``html`` to ``folder/name`` and load it from a ``file://`` URL."""
        path = folder / name
        path.write_text(html, encoding="utf-8")
        return self.open(path)

    def open(self, path: Path) -> BrowserPage:
        """Load a local file and wait until the page and its resources have loaded."""
        self.page.goto(path.resolve().as_uri(), wait_until="load")
        return self


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium for the whole session (fails, never skips, without one)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: {INSTALL}", pytrace=False)
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        pytest.fail(f"playwright is not installed ({exc}): pip install -e '.[test]'")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        except Error as exc:
            pytest.fail(f"Chromium at {CHROMIUM} does not start: {exc}\n{INSTALL}", pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[BrowserPage]:
    """A fresh page (own context, 1280×900 viewport) in the session's browser."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        yield BrowserPage(page)
    finally:
        context.close()
