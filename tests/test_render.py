"""wirenlp.render: displaCy HTML of a page that shows every entity and the wire structure."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.export.render import COLORS, DATELINE_LABELS, KIND_LABELS, entity_label

from ._outputs import WIRE, enriched_dev_pages


class Marks(HTMLParser):
    """The entity marks of rendered HTML: attributes and the marked text; plus the text of
    elements by class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.classes: dict[str, list[str]] = {}
        self._stack: list[tuple[str, list[str]]] = []
        self._mark: dict[str, str] | None = None
        self._in_label = False
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = {k: v or "" for k, v in attrs}
        classes = attributes.get("class", "").split()
        self._stack.append((tag, classes))
        if tag == "mark" and "wirenlp-entity" in classes:
            self._mark = {**attributes, "text": ""}
            self.marks.append(self._mark)
        elif tag == "span" and self._mark is not None:
            self._in_label = True

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "mark":
            self._mark = None
            self._in_label = False

    def handle_data(self, data):
        if self._in_label:  # a mark's label (and link), not page text
            return
        if self._mark is not None:
            self._mark["text"] += data
        for _, classes in self._stack:
            for cls in classes:
                if cls.startswith("wirenlp-"):
                    self.classes.setdefault(cls, []).append(data)


def marks_of(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    parser.close()
    return parser


def text_of(parser: Marks, cls: str) -> str:
    return " ".join(" ".join(parser.classes.get(cls, [])).split())


@pytest.fixture(scope="module")
def pages() -> tuple[wirenlp.Page, ...]:
    return enriched_dev_pages()


def test_every_entity_is_marked_once(pages):
    total = 0
    for page in pages:
        parsed = marks_of(wirenlp.render(page))
        got = sorted((int(m["data-start"]), int(m["data-end"]), m["text"]) for m in parsed.marks)
        want = sorted((e.start, e.end, e.text) for s in page.stories for e in s.entities)
        assert got == want
        for mark in parsed.marks:
            start, end = int(mark["data-start"]), int(mark["data-end"])
            assert page.text[start:end] == mark["text"]
        total += len(want)
    assert total > 500


def test_dateline_marks_are_apart_from_body_marks(pages):
    labels_seen: dict[str, set[str]] = {"dateline": set(), "body": set()}
    for page in pages:
        by_span = {(e.start, e.end): e for s in page.stories for e in s.entities}
        for mark in marks_of(wirenlp.render(page)).marks:
            ent = by_span[int(mark["data-start"]), int(mark["data-end"])]
            origin = "dateline" if ent.source == "dateline" else "body"
            assert mark["data-origin"] == origin
            assert mark["data-label"] == entity_label(ent)
            assert mark["data-kind"] == ent.kind
            assert f"background: {COLORS[mark['data-label']]}" in mark["style"]
            assert ("outline:" in mark["style"]) == (origin == "dateline")
            labels_seen[origin].add(mark["data-label"])
    assert labels_seen["dateline"] == {"DATELINE", "AGENCY"}
    assert labels_seen["body"] >= {"PER", "ORG", "LOC"}
    assert not labels_seen["dateline"] & labels_seen["body"]
    dateline_colors = {COLORS[x] for x in DATELINE_LABELS.values()}
    assert not dateline_colors & {COLORS[x] for x in KIND_LABELS.values()}


def test_story_structure_is_visible(pages):
    page = max(pages, key=lambda p: sum(1 for s in p.stories if s.time and s.section))
    parsed = marks_of(wirenlp.render(page))
    headlines = text_of(parsed, "wirenlp-headline")
    times = text_of(parsed, "wirenlp-time")
    sections = text_of(parsed, "wirenlp-section")
    roles = parsed.classes["wirenlp-role"]
    assert roles == [s.role for s in page.stories]
    for story in page.stories:
        if story.headline:
            assert " ".join(story.headline.text.split()) in headlines
        if story.time:
            assert story.time.text in times
            if story.time.earliest:
                assert story.time.earliest.isoformat(timespec="minutes") in times
        if story.section:
            assert story.section in sections
        if story.dateline:
            assert story.dateline.text in text_of(parsed, "wirenlp-dateline")


def test_repr_html_is_render(pages):
    page = pages[0]
    assert page._repr_html_() == wirenlp.render(page)


def test_markup_in_text_is_escaped():
    page = wirenlp.parse(
        'Kop <script>alert("x")</script>\nBRUSSEL (ANP) - Tekst <b>vet</b> & meer.'
    )
    html = wirenlp.render(page, document=True)
    parsed = marks_of(html)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_pages_without_stories_and_error_pages_render():
    empty = wirenlp.render(wirenlp.parse(""))
    assert "wirenlp-page" in empty
    failed = next(iter(wirenlp.Enricher().pipe([None])))  # type: ignore[list-item]
    assert failed.error is not None
    html = wirenlp.render(failed)
    assert failed.error.type in text_of(marks_of(html), "wirenlp-error")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_parsed_text_renders(text):
    page = wirenlp.parse(text)
    html = wirenlp.render(page, document=True)
    assert html.startswith("<!DOCTYPE html>")
    assert marks_of(html).marks == []


def test_cli_render_text_and_jsonl(tmp_path):
    exe = [sys.executable, "-m", "wirenlp.cli"]
    source = WIRE / "pages" / "P07_zeelandnet_drukte-bij-postnl_A.txt"
    out = tmp_path / "page.html"
    subprocess.run([*exe, "render", str(source), "-o", str(out)], check=True)
    page = wirenlp.enrich(source.read_text(encoding="utf-8"))
    want = sum(len(s.entities) for s in page.stories)
    assert want > 0
    assert len(marks_of(out.read_text(encoding="utf-8")).marks) == want
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(json.dumps(page.to_dict()) + "\n", encoding="utf-8")
    shown = subprocess.run(
        [*exe, "render", str(jsonl)], capture_output=True, text=True, check=True
    ).stdout
    assert len(marks_of(shown).marks) == want
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "stories": [{"start": "no"}]}\n', encoding="utf-8")
    failed = subprocess.run([*exe, "render", str(bad)], capture_output=True, text=True)
    # an error record, and the batch goes on
    assert failed.returncode == 1 and "line 1" in failed.stderr
    # one readable line that names the field, not an exception group
    assert "sub-exception" not in failed.stderr and "page.stories[0].start" in failed.stderr
