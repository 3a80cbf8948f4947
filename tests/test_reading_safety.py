"""Hostile and broken input: a typed error naming the file, fast; never a hang, a read from disk
or network, or any other exception (tests/data/hostile holds one file of each kind)."""

from __future__ import annotations

import io
import json
import socket
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.errors import UnsafeInputError, WireFormatError
from wirenlp.reading import iter_items, read_bytes

from .conftest import DATA, WIRE

HOSTILE = DATA / "hostile"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader opened a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize(
    "name",
    [
        "billion_laughs.xml",
        "billion_laughs_html.xml",
        "xxe_file.xml",
        "xxe_http.xml",
    ],
)
def test_entity_expansion_and_external_references_are_refused_fast(
    name: str, no_network: None
) -> None:
    path = HOSTILE / name
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError, match="entit") as info:
        wirenlp.read(path)
    assert time.perf_counter() - started < 1.0  # a generous guard; bench/ has the figures
    assert str(path) in str(info.value) and info.value.source == str(path)
    assert "root:" not in str(info.value)  # nothing of /etc/passwd


def test_external_parameter_entity_is_dropped_unread(no_network: None) -> None:
    (page,) = wirenlp.read(HOSTILE / "xxe_parameter.xml")  # RSS: feedparser never sees it
    assert page.meta.headline == "x" and "root:" not in page.text


class _Server:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        import http.server
        import threading

        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                body = b'<!ENTITY headline "CANARY-HTTP">'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = _Server()
    yield srv
    srv.close()


def _newsml(doctype: str, headline: str = "Kop &headline;") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<NewsML Version="1.2"><NewsItem>'
        f"<NewsComponent><NewsLines><HeadLine>{headline}</HeadLine></NewsLines><ContentItem>"
        '<MediaType FormalName="Text"/><DataContent><nitf><body><body.content>'
        "<p>DEN HAAG (ANP) - Tekst &eacute;&nbsp;meer.</p></body.content></body></nitf>"
        "</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"
    ).encode()


def test_external_entities_and_dtds_are_never_fetched_or_opened(tmp_path, server) -> None:
    canary = "CANARY-7f3a9c"
    dtd = tmp_path / "nitf-3-0.dtd"  # a local file that exists: it must never be opened
    dtd.write_text(f'<!ENTITY headline "{canary}">\n<!ENTITY % more "x">', encoding="utf-8")
    docs = {
        "file": _newsml(
            f'<!DOCTYPE NewsML PUBLIC "urn:newsml:iptc.org:20031010:NewsMLv1.2:" '
            f'"{dtd.as_uri()}" [\n<!ENTITY % nitf SYSTEM "{dtd.as_uri()}">\n%nitf;\n]>'
        ),
        "http": _newsml(
            f'<!DOCTYPE NewsML SYSTEM "{server.url}/NewsML_1.2.dtd" [\n'
            f'<!ENTITY % nitf SYSTEM "{server.url}/nitf-3-0.dtd">\n%nitf;\n]>'
        ),
        "dtd only": _newsml(f'<!DOCTYPE NewsML SYSTEM "{server.url}/NewsML_1.2.dtd">'),
        "literal parameter entities": _newsml(
            '<!DOCTYPE NewsML [<!ENTITY % a "aaaaaaaaaa"><!ENTITY % b "%a;%a;%a;%a;%a;%a;">'
            "<!ELEMENT NewsML ANY>%b;]>"
        ),
    }
    for name, data in docs.items():
        started = time.perf_counter()
        (page,) = read_bytes(data, name=name)
        assert time.perf_counter() - started < 1.0, name
        assert page.meta.headline == "Kop", name  # &headline; is dropped, never expanded
        assert page.text.endswith("Tekst é meer."), name  # HTML entities still decoded
        assert page.stories[0].dateline.agencies[0].code == "ANP"
        assert canary not in json.dumps(page.to_dict()) and "CANARY" not in page.text
    rss = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % r SYSTEM "{server.url}/evil.dtd">%r;]>'
        "<rss version='2.0'><channel><item><title>Kop</title>"
        "<description>DEN HAAG (ANP) - Tekst.</description></item></channel></rss>"
    ).encode()
    (page,) = read_bytes(rss, name="feed.xml")
    assert page.meta.headline == "Kop"
    referenced = _newsml(
        f'<!DOCTYPE NewsML [<!ENTITY headline SYSTEM "{server.url}/h.txt">]>', "Kop &headline;"
    )
    with pytest.raises(UnsafeInputError, match="external entity"):
        read_bytes(referenced, name="xxe.xml")
    assert server.hits == []  # nothing was ever fetched


def test_quadratic_blowup_is_refused_fast() -> None:
    value = "x" * 50_000
    data = (
        f'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "{value}">]><nitf><body>'
        f"<body.content><p>{'&a;' * 50_000}</p></body.content></body></nitf>"
    ).encode()
    started = time.perf_counter()
    with pytest.raises(UnsafeInputError, match="entity expansion"):
        read_bytes(data, name="blowup.xml")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY a "b"',  # never closed
        "<!DOCTYPE x [<!ENTITY % >]>",  # not a declaration
        "<!DOCTYPE x [ junk ]>",
    ],
)
def test_unreadable_doctype_is_refused(doctype: str) -> None:
    with pytest.raises(UnsafeInputError):
        read_bytes(f"{doctype}<x><p>a</p></x>".encode(), name="d.xml", format="xml")


def test_external_dtd_is_never_loaded(no_network: None) -> None:
    (page,) = wirenlp.read(HOSTILE / "external_dtd.xml")
    assert page.meta.headline == "A DTD that must not be loaded"
    assert "root:" not in page.text
    assert page.stories[0].dateline.agencies[0].code == "ANP"


def test_deep_nesting_and_oversized_input_are_refused() -> None:
    with pytest.raises(UnsafeInputError, match="depth"):
        wirenlp.read(HOSTILE / "deep_nesting.xml")
    data = (WIRE / "fixtures" / "ap-nitf.xml").read_bytes()
    with pytest.raises(UnsafeInputError, match="exceeds the limit") as info:
        read_bytes(data, name="big.xml", max_bytes=len(data) - 1)
    assert "big.xml" in str(info.value)
    with pytest.raises(UnsafeInputError, match="exceeds the limit"):
        wirenlp.read(WIRE / "fixtures" / "ap-nitf.xml", max_bytes=1000)
    deep_json = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(WireFormatError):
        read_bytes(deep_json, name="deep.json")


def test_malformed_file_is_a_typed_error() -> None:
    with pytest.raises(WireFormatError, match="malformed XML") as info:
        wirenlp.read(HOSTILE / "malformed.xml")
    assert not isinstance(info.value, UnsafeInputError)
    assert isinstance(info.value, ValueError) and isinstance(info.value, wirenlp.WirenlpError)
    with pytest.raises(WireFormatError, match="malformed JSON"):
        read_bytes(b'{"data": {"title": ', name="cut.json")
    with pytest.raises(WireFormatError, match="no known wire format"):
        read_bytes(b'{"hello": "world"}', name="other.json")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_batch_goes_on_after_bad_files(tmp_path) -> None:
    good = (WIRE / "fixtures" / "ap.xml").read_bytes()
    bomb = b"<nitf>" + b" " * 5_000_000 + b"</nitf>"  # inflates far past max_bytes
    archive = _zip({"a.xml": good, "b.xml": (HOSTILE / "billion_laughs.xml").read_bytes(),
                    "c.xml": bomb})  # fmt: skip
    (tmp_path / "arch.zip").write_bytes(archive)
    (tmp_path / "bad.xml").write_bytes((HOSTILE / "malformed.xml").read_bytes())
    (tmp_path / "plain.txt").write_text("DOMBURG - Journalist overleden.", encoding="utf-8")
    items = list(iter_items([str(tmp_path)], max_bytes=1_000_000))
    sources = [(i.source.replace(str(tmp_path) + "/", ""), i.index) for i in items]
    assert sources == [
        ("arch.zip!a.xml", 0),
        ("arch.zip!a.xml", 1),
        ("arch.zip!a.xml", 2),
        ("arch.zip!b.xml", 0),
        ("arch.zip!c.xml", 0),
        ("bad.xml", 0),
        ("plain.txt", 0),
    ]
    errors = [i.page.error for i in items]
    assert [e.type if e else None for e in errors] == [
        None, None, None, "UnsafeInputError", "UnsafeInputError", "WireFormatError", None,
    ]  # fmt: skip
    assert "arch.zip!b.xml" in errors[3].message and "bad.xml" in errors[5].message
    assert items[5].page.meta.source_path.endswith("bad.xml")
    for item in items:  # error records survive JSON too
        assert wirenlp.Page.from_dict(json.loads(json.dumps(item.page.to_dict()))) == item.page


def test_inputs_that_name_nothing(tmp_path) -> None:
    # an input that names nothing is one error record, and the batch goes on
    (tmp_path / "ok.txt").write_text("DOMBURG - Journalist overleden.", encoding="utf-8")
    missing, glob_, ok = iter_items(
        [str(tmp_path / "missing.xml"), str(tmp_path / "*.nitf"), str(tmp_path / "ok.txt")]
    )
    assert missing.source == str(tmp_path / "missing.xml")
    assert missing.page.error.type == "FileNotFoundError"
    assert "missing.xml" in missing.page.error.message
    assert glob_.page.error.type == "FileNotFoundError" and "*.nitf" in glob_.page.error.message
    assert ok.page.error is None and "Journalist" in ok.page.text
    (tmp_path / "x.json").write_bytes((WIRE / "fixtures" / "ninjsExSimpleText1.json").read_bytes())
    (item,) = iter_items([str(tmp_path / "*.json")])
    assert item.page.meta.format == "ninjs"


_wirelike = st.one_of(
    st.binary(max_size=300),
    st.sampled_from(
        [
            b"<?xml version='1.0'?><NewsML><NewsItem>",
            b"<nitf><body><body.content><p>",
            b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet><newsItem>',
            b"<rss><channel><item><title>",
            b'{"data": {"title": "x", "bodyText": ',
            b'{"headline": "x", "body_html": ',
            b"\x01eca062 4 i 211 ccccb dpa 061\r\n\x02",
            b"\x16\x16\x01W2870\n^BC-LT<\n^",
            b"PK\x03\x04",
            b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
        ]
    ).flatmap(lambda head: st.binary(max_size=200).map(lambda tail: head + tail)),
)


@pytest.mark.filterwarnings("ignore::wirenlp.DecodingWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_wirelike)
def test_read_bytes_never_raises_anything_else(data: bytes) -> None:
    try:
        pages = read_bytes(data, name="fuzz")
    except WireFormatError as exc:
        assert str(exc).startswith("fuzz")
        assert "cannot read (" not in str(exc), "a reader bug, caught by the last resort"
        return
    for page in pages:
        for story in page.stories:
            for span in (story.headline, story.body, story.dateline, story.time):
                if span is not None:
                    assert page.text[span.start : span.end] == span.text
        assert page.meta is not None and page.meta.source_path == "fuzz"


@settings(max_examples=100, deadline=None)
@given(
    headline=st.text(max_size=80),
    paragraphs=st.lists(st.text(max_size=120), max_size=4),
)
def test_any_ninjs_text_keeps_offsets(headline: str, paragraphs: list[str]) -> None:
    doc = {"headline": headline, "body_text": "\n\n".join(paragraphs), "uri": "u"}
    try:
        pages = read_bytes(json.dumps(doc).encode("utf-8"), name="n.json")
    except WireFormatError:
        return
    (page,) = pages
    for story in page.stories:
        for span in (story.headline, story.body, story.dateline):
            if span is not None:
                assert page.text[span.start : span.end] == span.text
    assert wirenlp.Page.from_dict(json.loads(json.dumps(page.to_dict()))) == page


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda place, agency, tail: f"{place}{agency}{tail}",
            st.sampled_from(["PARIS", "Den Haag", "FORT WASHINGTON, Pa.", "KYIV/MOSCOW", "x"]),
            st.sampled_from(["", " (AFP)", " /TASS/", ", 9 déc 2018 (AFP)", " (ANP/RTR)"]),
            st.text(max_size=6),
        ),
    )
)
def test_metadata_dateline_never_fails_and_points_into_its_text(value: str) -> None:
    from wirenlp.reading.common import meta_dateline

    found = meta_dateline(value)
    if found is None:
        return
    for span in (*found.places, *found.agencies, *([found.date] if found.date else [])):
        assert found.text[span.start : span.end] == span.text
    assert found.start == 0 and found.end == len(found.text)
