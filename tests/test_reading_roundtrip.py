"""Round trip per wire format (issue 18): generate an item (headline, body, dateline, agency,
date), write it in the format with a small writer made from the format's specification, read it
back with ``wirenlp.read_bytes``: the same headline, text and dateline (and date where the
format carries one)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape as html_escape
from xml.sax.saxutils import escape

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.reading import read_bytes


@attrs.frozen
class Story:
    headline: str
    paragraphs: tuple[str, ...]  # the first one opens with the dateline
    place: str
    agency: str  # as written in the dateline
    code: str  # its normalised code
    created: datetime
    sep: str = "-"  # AP's dash in ANPA copy is "_"

    @property
    def dateline(self) -> str:
        return f"{self.place} ({self.agency}) {self.sep}"

    @property
    def body(self) -> list[str]:
        return [f"{self.dateline} {self.paragraphs[0]}", *self.paragraphs[1:]]


_LETTERS = "abcdefghijklmnopqrstuvwxyzéëïöüçñø"
_word = st.text(alphabet=_LETTERS, min_size=2, max_size=10)
_FIRST = ["Kabinet", "Storm", "Minister", "Rechter", "Beurs", "Ziekenhuis", "Regering", "Brand"]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(_FIRST))
    words = draw(st.lists(_word, min_size=1, max_size=14))
    return " ".join([first, *words]) + "."


@st.composite
def stories(draw: st.DrawFn, agencies: list[tuple[str, str]]) -> Story:
    headline = " ".join([draw(st.sampled_from(_FIRST)), *draw(st.lists(_word, min_size=1,
                                                                         max_size=9))])  # fmt: skip
    paragraphs = tuple(
        " ".join(draw(st.lists(_sentence(), min_size=1, max_size=3)))
        for _ in range(draw(st.integers(1, 4)))
    )
    place = draw(st.sampled_from(["AMSTERDAM", "DEN HAAG", "Berlin", "NEW YORK", "Helsinki",
                                  "BRUXELLES", "Oslo", "'S-HERTOGENBOSCH"]))  # fmt: skip
    agency, code = draw(st.sampled_from(agencies))
    seconds = draw(st.integers(0, 20 * 365 * 86400))
    offset = draw(st.sampled_from([0, 60, 120, -300]))
    created = datetime(2005, 1, 1, tzinfo=timezone(timedelta(minutes=offset))) + timedelta(
        seconds=seconds
    )
    return Story(headline, paragraphs, place, agency, code, created)


_AGENCIES = [("ANP", "ANP"), ("AFP", "AFP"), ("dpa", "DPA"), ("AP", "AP"), ("Reuters", "RTR"),
             ("BELGA", "BELGA"), ("STT", "STT"), ("TT", "TT"), ("ANP/RTR", "ANP")]  # fmt: skip


def _basic(d: datetime) -> str:
    return d.strftime("%Y%m%dT%H%M%S%z")


def _paras(s: Story) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in s.body)


def write_newsml(s: Story) -> bytes:  # IPTC NewsML 1.2, NITF in DataContent
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE NewsML [\n<!ENTITY % nitf SYSTEM '
        '"nitf-3-0.dtd">\n%nitf;\n]>\n<NewsML Version="1.2"><NewsItem><Identification>'
        "<NewsIdentifier><ProviderId>x</ProviderId><DateId>1</DateId><NewsItemId>1</NewsItemId>"
        "<RevisionId>1</RevisionId><PublicIdentifier>urn:x</PublicIdentifier></NewsIdentifier>"
        f"</Identification><NewsManagement><FirstCreated>{_basic(s.created)}</FirstCreated>"
        "</NewsManagement><NewsComponent><NewsLines>"
        f"<HeadLine>{escape(s.headline)}</HeadLine><DateLine/></NewsLines><ContentItem>"
        '<MediaType FormalName="Text"/><DataContent><nitf><body><body.content>'
        f"{_paras(s)}</body.content></body></nitf></DataContent></ContentItem></NewsComponent>"
        "</NewsItem></NewsML>"
    ).encode()


def write_nitf(s: Story) -> bytes:  # IPTC NITF 3.x
    return (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE nitf SYSTEM "nitf-3-3.dtd">\n'
        f'<nitf><head><docdata><date.issue norm="{_basic(s.created)}"/></docdata></head>'
        f"<body><body.head><hedline><hl1>{escape(s.headline)}</hl1></hedline></body.head>"
        f"<body.content>{_paras(s)}</body.content></body></nitf>"
    ).encode("iso-8859-1", errors="xmlcharrefreplace")


def write_g2(s: Story) -> bytes:  # IPTC NewsML-G2 newsItem, XHTML body
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<newsItem xmlns="http://iptc.org/std/nar/'
        '2006-10-01/" guid="urn:x" version="1" standard="NewsML-G2"><itemMeta><itemClass '
        f'qcode="ninat:text"/><firstCreated>{s.created.isoformat()}</firstCreated></itemMeta>'
        f"<contentMeta><headline>{escape(s.headline)}</headline></contentMeta><contentSet>"
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/'
        f'xhtml"><body>{_paras(s)}</body></html></inlineXML></contentSet></newsItem>'
    ).encode()


def write_ninjs(s: Story) -> bytes:  # IPTC ninjs 1.x
    body = "".join(f"<p>{html_escape(p)}</p>" for p in s.body)
    doc = {"uri": "urn:x", "type": "text", "headline": s.headline, "body_html": body,
           "firstcreated": s.created.isoformat()}  # fmt: skip
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def write_anp_json(s: Story) -> bytes:  # ANP News API item-detail
    body = "".join(f"<p>{html_escape(p)}</p>" for p in s.body)
    doc = {"data": {"itemId": "ANP-1", "title": s.headline, "bodyText": body,
                    "sourceTitle": "ANP 101", "pubDate": s.created.isoformat()}}  # fmt: skip
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def write_rss(s: Story) -> bytes:  # ANP RSS 2.0 with the anp: extensions
    body = escape("".join(f"<p>{html_escape(p)}</p>" for p in s.body))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:anp="http://www.anp.nl/'
        f'rss/extensions"><channel><title>ANP</title><item><title>{escape(s.headline)}</title>'
        f"<description>{body}</description><pubDate>{format_datetime(s.created)}</pubDate>"
        "<anp:provider>ANP</anp:provider></item></channel></rss>"
    ).encode()


def write_iptc7901(s: Story) -> bytes:  # IPTC 7901: header, slug, headline " =", 69 columns
    lines = ["\x01dpa123 4 i 0211 ccccb dpa 061", "Topic-politics/", f"\x02{s.headline} =", ""]
    for p in s.body:
        lines.extend(textwrap.wrap(p, 69, initial_indent="   ", break_on_hyphens=False,
                                   break_long_words=False))  # fmt: skip
        lines.append("")
    lines.extend(["dpa xy", "131137 GMT Nov 13", "\x03"])
    return "\r\n".join(lines).encode("cp1252", errors="replace")


def write_anpa(s: Story) -> bytes:  # ANPA-1312 (AP): selector, keyword line, ^…< head lines
    head = ["\x16\x16\x01a0123\x1fxyz", "r a\x13\x11 BC-Topic-Story 01-01 0400",
            "\x02^BC-Topic-Story,400<", f"^{s.headline}<", "^By JANE ROE=",
            "^Associated Press="]  # fmt: skip
    body = [f"\t   {p} " for p in s.body]
    return "\r\n".join([*head, *body, "\x03\tAP-WF-01-01-24 1200GMT<"]).encode("cp1252", "replace")


def write_ritzau(s: Story) -> bytes:  # Ritzau RBNews: the dateline in town + origin only
    body = escape("".join(f"<p>{html_escape(p)}</p>" for p in s.paragraphs))
    return (
        '<?xml version="1.0" encoding="utf-8"?><RBNews xmlns="http://tempuri.org/">'
        f"<NewsID>x</NewsID><PublishDate>{s.created.isoformat()}</PublishDate>"
        f"<headline>{escape(s.headline)}</headline><town>{escape(s.place)}</town>"
        f"<origin>/{s.agency}/</origin><content>{body}</content></RBNews>"
    ).encode()


def write_plain(s: Story) -> bytes:
    return "\n\n".join([s.headline, *s.body]).encode("utf-8")


FORMATS: dict[str, tuple[Callable[[Story], bytes], list[tuple[str, str]], bool]] = {
    # format: writer, agencies it may carry, whether the date survives
    "newsml": (write_newsml, _AGENCIES, True),
    "nitf": (write_nitf, _AGENCIES, True),
    "g2": (write_g2, _AGENCIES, True),
    "ninjs": (write_ninjs, _AGENCIES, True),
    "anp-json": (write_anp_json, [("ANP", "ANP"), ("ANP/AFP", "ANP")], True),
    "anp-rss": (write_rss, [("ANP", "ANP")], True),
    "iptc7901": (write_iptc7901, [("dpa", "DPA"), ("ats", "ATS"), ("BELGA", "BELGA")], False),
    "anpa": (write_anpa, [("AP", "AP")], False),
    "plain": (write_plain, _AGENCIES, False),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories([("ritzau", "RITZAU")]))
def test_round_trip_ritzau(story: Story) -> None:
    (page,) = read_bytes(write_ritzau(story), name="x.xml")
    assert page.meta is not None and page.meta.format == "ritzau"
    assert page.meta.headline == story.headline
    assert page.text == "\n\n".join([story.headline, *story.paragraphs])
    dateline = page.meta.dateline  # in metadata only: "Korsør (ritzau)"
    assert dateline is not None and dateline.text == f"{story.place} ({story.agency})"
    assert [p.text for p in dateline.places] == [story.place]
    assert [a.code for a in dateline.agencies] == ["RITZAU"]
    assert page.meta.created == story.created


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip(fmt: str) -> None:
    writer, agencies, dated = FORMATS[fmt]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(stories(agencies))
    def check(story: Story) -> None:
        if fmt == "anpa":  # AP's dash is the underscore
            story = attrs.evolve(story, sep="_")
        (page,) = read_bytes(writer(story), name=f"x.{fmt}")
        assert page.meta is not None and page.meta.format == fmt
        assert page.meta.headline == story.headline
        assert page.text == "\n\n".join([story.headline, *story.body])
        dateline = page.stories[0].dateline
        assert dateline is not None and dateline.text == story.dateline
        assert [p.text for p in dateline.places] == [story.place]
        assert dateline.agencies[0].code == story.code
        for span in (*dateline.places, *dateline.agencies):
            assert page.text[span.start : span.end] == span.text
        if dated:
            assert page.meta.created == story.created
        assert wirenlp.Page.from_dict(json.loads(json.dumps(page.to_dict()))) == page

    check()
