"""render() output in a real headless Chromium: every entity mark is drawn and visible, the
dateline marks look different from body marks, and the page logs no errors."""

from __future__ import annotations

import pytest

import wirenlp

from ._outputs import enriched_dev_pages

pytestmark = pytest.mark.browser

# what the browser drew for each entity mark: data attributes, own text, box and style
_MARKS_JS = """() => [...document.querySelectorAll('mark.wirenlp-entity')].map(m => {
  const r = m.getBoundingClientRect();
  const s = getComputedStyle(m);
  m.scrollIntoView({block: 'center'});
  const q = m.getClientRects()[0];  // a mark may wrap: test the middle of its first line box
  const hit = document.elementFromPoint(q.left + q.width / 2, q.top + q.height / 2);
  return {
    start: +m.dataset.start, end: +m.dataset.end, origin: m.dataset.origin,
    label: m.dataset.label, text: m.firstChild.textContent,
    width: r.width, height: r.height, background: s.backgroundColor,
    outline: s.outlineStyle, visibility: s.visibility, display: s.display,
    onTop: hit !== null && (hit === m || m.contains(hit)),
    hit: hit === null ? null : hit.outerHTML.slice(0, 80),
  };
})"""


@pytest.mark.parametrize("which", ["most stories", "most entities"])
def test_render_in_chromium(browser_page, tmp_path, which):
    pages = enriched_dev_pages()
    if which == "most stories":  # the ANP seed page: lead story and teasers with time labels
        page = max(pages, key=lambda p: len(p.stories))
    else:
        page = max(pages, key=lambda p: sum(len(s.entities) for s in p.stories))
    entities = sorted((e.start, e.end, e.text) for s in page.stories for e in s.entities)
    assert len(entities) > 10

    view = browser_page.open_html(wirenlp.render(page, document=True), tmp_path)
    drawn = view.page.evaluate(_MARKS_JS)

    assert sorted((m["start"], m["end"], m["text"]) for m in drawn) == entities
    locator = view.page.locator("mark.wirenlp-entity")
    assert locator.count() == len(entities)
    for i, mark in enumerate(drawn):
        assert mark["width"] > 0 and mark["height"] > 0, mark
        assert mark["visibility"] == "visible" and mark["display"] != "none", mark
        assert mark["onTop"], f"mark {mark['text']!r} is covered by something else: {mark}"
        assert locator.nth(i).is_visible()

    dateline = [m for m in drawn if m["origin"] == "dateline"]
    body = [m for m in drawn if m["origin"] == "body"]
    assert dateline and body
    assert {m["label"] for m in dateline} <= {"DATELINE", "AGENCY"}
    assert {m["background"] for m in dateline}.isdisjoint({m["background"] for m in body})
    assert {m["outline"] for m in dateline} == {"solid"}
    assert {m["outline"] for m in body} == {"none"}

    headlines = view.page.locator(".wirenlp-headline")
    assert headlines.count() == sum(1 for s in page.stories if s.headline)
    assert all(headlines.nth(i).is_visible() for i in range(headlines.count()))
    assert view.errors == []
    view.page.screenshot(path=str(tmp_path / "render.png"), full_page=True)
    assert (tmp_path / "render.png").stat().st_size > 10_000
