"""XML text as a reader sees it (issue 17): headlines and body paragraphs with ``&``, ``<``,
quotes, CDATA sections, HTML named entities, bare ampersands and non-ASCII text come out of each
XML format (NewsML 1.2, NITF, NewsML-G2, RSS, Ritzau) exactly as an XML reader sees them. The
repairs wirenlp makes for real agency files (bare ``&``, named entities from an unloaded DTD)
never touch a CDATA section, and feedparser (RSS) gets the repaired bytes."""

from __future__ import annotations

from collections.abc import Callable
from html import escape as html_escape
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirenlp.reading import read_bytes

# (as written in the XML, as a reader sees it)
Piece = tuple[str, str]

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëïöüçñøßłč北京", min_size=1, max_size=8)
_ENTITIES = {"copy": "\u00a9", "eacute": "\u00e9", "euro": "\u20ac", "mdash": "\u2014",
             "hellip": "\u2026", "uuml": "\u00fc"}  # fmt: skip


@st.composite
def _piece(draw: st.DrawFn) -> Piece:
    kind = draw(st.sampled_from(["word", "escaped", "bare", "entity", "cdata", "quote"]))
    word = draw(_WORD)
    if kind == "word":
        return escape(word), word
    if kind == "escaped":  # & < > written as references
        c = draw(st.sampled_from("&<>"))
        return escape(f"{word}{c}{word}"), f"{word}{c}{word}"
    if kind == "bare":  # "AT&T": a bare ampersand, as agencies send it
        return f"{word.upper()}&{word.upper()}", f"{word.upper()}&{word.upper()}"
    if kind == "entity":  # an HTML named entity, from the NITF DTD nobody loads
        name = draw(st.sampled_from(sorted(_ENTITIES)))
        return f"{word}&{name};", f"{word}{_ENTITIES[name]}"
    if kind == "quote":
        q = draw(st.sampled_from(['"', "'", "&quot;", "&apos;"]))
        seen = {"&quot;": '"', "&apos;": "'"}.get(q, q)
        return f"{q}{escape(word)}{q}", f"{seen}{word}{seen}"
    # a CDATA section: literal text, & < and entity references included
    literal = draw(st.sampled_from(["AT&T", "a < b", "&copy; 2024", "H&M;", "x &amp; y", word]))
    return f"<![CDATA[{literal}]]>", literal


@st.composite
def _text(draw: st.DrawFn) -> Piece:
    pieces = draw(st.lists(_piece(), min_size=1, max_size=8))
    return " ".join(w for w, _ in pieces), " ".join(s for _, s in pieces)


def _newsml(head: str, body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE NewsML [\n<!ENTITY % nitf SYSTEM '
        '"nitf-3-0.dtd">\n%nitf;\n]>\n<NewsML Version="1.2"><NewsItem><NewsComponent><NewsLines>'
        f'<HeadLine>{head}</HeadLine></NewsLines><ContentItem><MediaType FormalName="Text"/>'
        "<DataContent><nitf><body><body.content><p>AMSTERDAM (ANP) - Eerste zin.</p>"
        f"<p>{body}</p></body.content></body></nitf></DataContent></ContentItem>"
        "</NewsComponent></NewsItem></NewsML>"
    ).encode()


def _nitf(head: str, body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nitf SYSTEM "nitf-3-3.dtd">\n'
        f"<nitf><head><title>x</title></head><body><body.head><hedline><hl1>{head}</hl1>"
        "</hedline></body.head><body.content><p>AMSTERDAM (ANP) - Eerste zin.</p>"
        f"<p>{body}</p></body.content></body></nitf>"
    ).encode()


def _g2(head: str, body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<newsItem xmlns="http://iptc.org/std/nar/'
        '2006-10-01/" guid="urn:x" version="1" standard="NewsML-G2"><itemMeta><itemClass '
        f'qcode="ninat:text"/></itemMeta><contentMeta><headline>{head}</headline></contentMeta>'
        '<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.'
        'org/1999/xhtml"><body><p>AMSTERDAM (ANP) - Eerste zin.</p>'
        f"<p>{body}</p></body></html></inlineXML></contentSet></newsItem>"
    ).encode()


def _rss(head: str, body: str) -> bytes:  # the body: HTML in a CDATA section
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>ANP</title>'
        f"<item><title>{head}</title><description><![CDATA[<p>AMSTERDAM (ANP) - Eerste zin.</p>"
        f"<p>{body}</p>]]></description></item></channel></rss>"
    ).encode()


def _ritzau(head: str, body: str) -> bytes:  # the body: escaped HTML
    return (
        '<?xml version="1.0" encoding="utf-8"?><RBNews xmlns="http://tempuri.org/">'
        f"<NewsID>x</NewsID><headline>{head}</headline><town>Korsør</town><origin>/ritzau/"
        f"</origin><content>{escape('<p>Eerste zin.</p><p>' + body + '</p>')}</content></RBNews>"
    ).encode()


# format: writer, how the body paragraph is written from (as written in XML, as seen)
WRITERS: dict[str, tuple[Callable[[str, str], bytes], Callable[[Piece], str]]] = {
    "newsml": (_newsml, lambda p: p[0]),
    "nitf": (_nitf, lambda p: p[0]),
    "g2": (_g2, lambda p: p[0]),
    "rss": (_rss, lambda p: html_escape(p[1], quote=False)),
    "ritzau": (_ritzau, lambda p: html_escape(p[1], quote=False)),
}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_xml_text_comes_out_as_a_reader_sees_it(fmt: str) -> None:
    writer, body_of = WRITERS[fmt]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_text(), _text())
    def check(head: Piece, body: Piece) -> None:
        (page,) = read_bytes(writer(head[0], body_of(body)), name=f"x.{fmt}")
        assert page.error is None
        assert page.meta is not None and page.meta.headline == head[1]
        assert body[1] in page.text.split("\n\n")

    check()


def test_cdata_is_kept_as_written() -> None:
    doc = _nitf("<![CDATA[AT&T koopt &copy; Time Warner]]>", "Het Amerikaanse AT&amp;T.")
    (page,) = read_bytes(doc)
    assert page.meta.headline == "AT&T koopt &copy; Time Warner"
    assert "Het Amerikaanse AT&T." in page.text


def test_rss_title_with_bare_ampersands() -> None:
    (page,) = read_bytes(_rss("AT&T en H&M openen winkels", "Tekst &copy; ANP."))
    assert page.meta.headline == "AT&T en H&M openen winkels"
    assert "Tekst \u00a9 ANP." in page.text
