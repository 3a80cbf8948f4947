"""The one input path (wirenlp.reading.inputs): JSON Lines of texts, binary content, hidden
files, missing paths, zips, stdin; read_bytes built on it."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.errors import WireFormatError
from wirenlp.reading import FORMATS, is_hidden, iter_bytes, iter_items, read_bytes
from wirenlp.reading.inputs import binary_kind, expand_sources

JSON_VALUES = st.one_of(
    st.none(),
    st.integers(),
    st.text(),
    st.fixed_dictionaries({"text": st.text()}),
    st.fixed_dictionaries({"text": st.text(), "id": st.text()}),
)
LINES = st.one_of(JSON_VALUES.map(json.dumps), st.text().filter(lambda t: "\n" not in t))


@settings(max_examples=80, deadline=None)
@given(st.lists(LINES, max_size=12))
def test_jsonl_keeps_every_line(lines):
    data = "\n".join(lines).encode("utf-8")
    items = list(iter_bytes(data, "x.jsonl"))
    kept = [line for line in data.split(b"\n") if line.strip(b" \t\r")]
    assert len(items) == len(kept)  # records out == records in
    assert [i.index for i in items] == list(range(len(items)))
    assert all(i.source == "x.jsonl" for i in items)
    for item, line in zip(items, kept, strict=True):
        try:
            value = json.loads(line)
        except ValueError:
            value = None
        if isinstance(value, dict) and isinstance(value.get("text"), str):
            assert item.page.error is None and item.page.text == value["text"]
            assert dict(item.fields) == {k: v for k, v in value.items() if k != "text"}
        else:  # not an object with a text: an error page that names the file and line
            assert item.page.error is not None
            assert item.page.error.message.startswith("x.jsonl, line ")


def test_jsonl_sniffed_by_content_and_fields_carried() -> None:
    data = (
        b'{"id": "a1", "text": "AMSTERDAM (ANP) - Een."}\n{"id": "b2", "text": "UTRECHT - Twee."}\n'
    )
    items = list(iter_bytes(data, "posted"))  # no .jsonl name: sniffed as JSON Lines
    assert [(i.index, dict(i.fields)) for i in items] == [(0, {"id": "a1"}), (1, {"id": "b2"})]
    assert items[0].page.stories[0].dateline.places[0].text == "AMSTERDAM"
    assert [p.text for p in read_bytes(data)] == [i.page.text for i in items]
    # a JSON line that is no wire format and holds no text
    bad = list(iter_bytes(b'{"a": 1}\n{"b": 2}\n', "other"))
    assert [b.page.error.message for b in bad] == [
        f"other, line {n}: JSON line without a text or body field" for n in (1, 2)
    ]
    with pytest.raises(WireFormatError) as unnamed:  # no name: "line 1: ...", no stray ", "
        read_bytes(b'{"a": 1}\n{"b": 2}\n')
    assert str(unnamed.value) == "line 1: JSON line without a text or body field"


def test_jsonl_page_records_round_trip() -> None:
    page = wirenlp.parse("DEN HAAG (ANP) - Het kabinet is gevallen.")
    record = {"source": "a.txt", "index": 0, "fields": {"id": 7}, **page.to_dict()}
    (item,) = iter_bytes((json.dumps(record) + "\n").encode(), "out.jsonl")
    assert item.page == page and dict(item.fields) == {"id": 7}


def test_text_starting_with_a_brace_is_text() -> None:
    (page,) = read_bytes(b"{UPDATE} AMSTERDAM (ANP) - Tekst over het kabinet.")
    assert page.error is None and page.text.startswith("{UPDATE}") and "kabinet" in page.text
    with pytest.raises(WireFormatError, match="malformed JSON"):
        read_bytes(b'{"title": "x", ')


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip archive"),
        (bytes(range(1, 32)) * 40, "binary data"),
        (b"tekst\x00met nul", "binary data"),
    ],
)
def test_binary_content_is_an_error_not_text(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind
    (item,) = iter_bytes(data, "blob")
    assert item.page.error.message == f"blob: binary content ({kind})"
    assert item.page.stories == () or not item.page.stories
    with pytest.raises(WireFormatError, match="binary content"):
        read_bytes(data)


def test_text_with_wire_control_characters_is_not_binary() -> None:
    iptc = b"\x01\x16\x16\x02eca062 4 i 211 Germany-politics\r\nBerlin (dpa) - Tekst.\r\n\x03\x04"
    assert binary_kind(iptc) is None
    assert binary_kind("Één zin, UTF-16".encode("utf-16")) is None
    assert binary_kind("Gewone tekst met é en ü.".encode()) is None
    assert binary_kind(b"BRUSSEL (ANP) - De NAVO \xff\xfe\x00 in Den Haag. \x81\x8d\x90") is None
    assert binary_kind(bytes(range(256)) * 20) == "binary data"
    assert binary_kind("Tekst zonder BOM".encode("utf-16-le")) == "binary data"


def test_one_rule_for_hidden_files(tmp_path) -> None:
    assert is_hidden(".DS_Store") and is_hidden("__MACOSX/._a.txt") and is_hidden("a/.git/x")
    assert not is_hidden("a.txt") and not is_hidden("./a.txt") and not is_hidden("../a.txt")
    (tmp_path / "a.txt").write_text("GENT (BELGA) - Een.", encoding="utf-8")
    (tmp_path / ".b.txt").write_text("GENT (BELGA) - Verborgen.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("GENT (BELGA) - Verborgen.", encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("d.txt", "GENT (BELGA) - Twee.")
        zf.writestr("__MACOSX/._d.txt", b"\x00\x05\x16\x07")
        zf.writestr(".e.txt", "x")
    (tmp_path / "z.zip").write_bytes(buf.getvalue())
    want = [str(tmp_path / "a.txt"), f"{tmp_path / 'z.zip'}!d.txt"]
    assert [i.source for i in iter_items([tmp_path])] == want
    assert [i.source for i in iter_items([str(tmp_path / "*")])] == want
    assert expand_sources([tmp_path]) == [str(tmp_path / "a.txt"), str(tmp_path / "z.zip")]
    # named explicitly, a hidden file is read
    assert [i.page.error for i in iter_items([tmp_path / ".b.txt"])] == [None]


def test_bad_inputs_each_give_one_error_item_and_the_batch_goes_on(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("GENT (BELGA) - Een.", encoding="utf-8")
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    folder = tmp_path / "folder.txt"  # unreadable as a file: a directory named like one
    items = list(iter_items([corrupt, tmp_path / "nope.txt", good]))
    assert [i.source for i in items] == [str(corrupt), str(tmp_path / "nope.txt"), str(good)]
    assert [i.page.error.type if i.page.error else None for i in items] == [
        "WireFormatError",
        "FileNotFoundError",
        None,
    ]
    assert "bad zip archive" in items[0].page.error.message
    folder.mkdir()
    assert list(iter_items([folder])) == []  # an empty directory holds no items
    stdin = io.BytesIO(b"GENT (BELGA) - Van stdin.")
    (item,) = iter_items(["-"], stdin=stdin)
    assert item.source == "-" and "stdin" in item.page.text
    with pytest.raises(ValueError, match="unknown format"):
        list(iter_items([good], "docx"))
    assert "html" in FORMATS and "jsonl" in FORMATS


def test_fsspec_url_inputs(tmp_path) -> None:
    pytest.importorskip("fsspec")
    (tmp_path / "a.txt").write_text("GENT (BELGA) - Een.", encoding="utf-8")
    (tmp_path / ".h.txt").write_text("GENT (BELGA) - Verborgen.", encoding="utf-8")
    items = list(iter_items([f"file://{tmp_path}"]))
    assert len(items) == 1 and items[0].page.error is None
    import fsspec

    with fsspec.open("memory://in/b.txt", "wb") as fh:
        fh.write(b"UTRECHT (ANP) - Uit het geheugen.")
    (item,) = iter_items(["memory://in/b.txt"])
    assert item.source == "memory://in/b.txt" and "geheugen" in item.page.text
    (missing,) = iter_items(["memory://in/none.txt"])
    assert missing.page.error.type == "FileNotFoundError"
