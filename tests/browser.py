"""A real headless browser for tests of the HTML people look at (render output, maps).

Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/system-packages``; another binary
with ``WIRENLP_CHROMIUM``) driven by Playwright; Playwright's own browser download is never
used. Tests that use it carry the ``browser`` marker (registered in ``pyproject.toml``; a test
that uses the fixtures gets it anyway). Where no browser is installed they are SKIPPED with a
reason that says how to install one (``pytest -ra`` lists it), so README's test command passes
on a fresh machine; with ``WIRENLP_REQUIRE_BROWSER=1`` (CI: ``.ci/run``) a missing browser
FAILS them instead, and a browser that is there but does not start always fails.

The fixtures are registered once, in ``tests/conftest.py`` (a test module that imported them
itself would start a second Playwright in the same session, which fails); use them as::

    @pytest.mark.browser
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
REQUIRE = "WIRENLP_REQUIRE_BROWSER"
FIXTURES = frozenset({"browser", "browser_page"})


def missing_browser() -> str | None:
    """Why the browser tests cannot run here (no Chromium binary, no Playwright), else None."""
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}: {INSTALL}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"playwright is not installed ({exc}): pip install -e '.[test]'"
    return None


def required() -> bool:
    """True where a missing browser must fail the browser tests (``WIRENLP_REQUIRE_BROWSER=1``)."""
    return os.environ.get(REQUIRE, "") not in ("", "0")


def mark_browser_tests(items: list[Any]) -> None:
    """Collection hook body: give every test that uses the browser fixtures the ``browser``
    marker, and skip them all, with the reason, where no browser is installed and none is
    required."""
    reason = missing_browser()
    for item in items:
        if FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if reason is not None and not required() and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=f"browser test: {reason}"))


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
    """A headless Chromium for the whole session (the tests that use it are skipped without
    one, unless ``WIRENLP_REQUIRE_BROWSER=1``: then they fail here)."""
    reason = missing_browser()
    if reason is not None:
        pytest.fail(f"{reason} ({REQUIRE} is set)", pytrace=False)
    from playwright.sync_api import Error, sync_playwright

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
