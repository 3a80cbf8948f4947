"""wirenlp.read on every dev fixture (tests/data/wire_dev/fixtures) and on the example files of
formats with no dev fixture (tests/data/formats, written for these tests; see docs/formats.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import wirenlp
from wirenlp.parsing.agencies import lookup
from wirenlp.reading import read_bytes, sniff

from .conftest import DATA, WIRE, read_jsonl

FIXTURES = WIRE / "fixtures"
FORMATS = DATA / "formats"


def _fixture_items() -> list[dict]:
    return [item for item in read_jsonl(WIRE / "items.jsonl") if item["meta"].get("raw_file")]


def _gold() -> dict[str, dict]:
    return {g["id"]: g for g in read_jsonl(WIRE / "datelines_gold.jsonl")}


def _collapse(text: str) -> str:
    return " ".join(text.split())


# Why the text read builds differs from items.jsonl for some fixtures (checked below).
# Raw text wires: items.jsonl keeps the whole wire (headers, slug lines, footers, wrapped lines);
# the reader keeps the body paragraphs, unwrapped: the body must be that text, in order.
RAW_WIRE = {
    "core-dpa7901-en-berlin",
    "core-apanpa-en-buenosaires",
    "kbrdoc-belga-fr-bruxelles-1997",
}
# The copy of anp_belga.xml is a later revision of the superdesk-belga fixture, which writes
# "San Mateo (ANP)" where the revision items.jsonl was made from (commit 6a54f20) has "UTRECHT".
REVISED = {"belga-anp-utrecht": ("UTRECHT (ANP)", "San Mateo (ANP)")}
# ninjs: items.jsonl holds body_text (one paragraph); the reader uses body_xhtml, whose four <p>
# make four paragraphs of the same words.
PARAGRAPHS_SPLIT = {"core-ninjs-en-grosseto"}


def _page_for(item: dict, cache: dict[str, list[wirenlp.Page]]) -> wirenlp.Page:
    raw = item["meta"]["raw_file"]
    if raw not in cache:
        cache[raw] = wirenlp.read(WIRE / raw)
    same_file = [i["id"] for i in _fixture_items() if i["meta"]["raw_file"] == raw]
    return cache[raw][same_file.index(item["id"])]


def _dateline(page: wirenlp.Page) -> wirenlp.Dateline | None:
    for story in page.stories:
        if story.dateline is not None:
            return story.dateline
    return page.meta.dateline if page.meta is not None else None


@pytest.fixture(scope="module")
def pages() -> dict[str, list[wirenlp.Page]]:
    return {}


@pytest.mark.parametrize("item", _fixture_items(), ids=lambda i: i["id"])
def test_fixture_text_headline_dateline(item: dict, pages: dict) -> None:
    page = _page_for(item, pages)
    meta = page.meta
    assert meta is not None and meta.source_path == str(WIRE / item["meta"]["raw_file"])
    # headline: in meta, and the parsed story's headline
    assert meta.headline == item["headline"]
    assert page.stories[0].headline is not None
    assert page.stories[0].headline.text == item["headline"]
    # text: headline, blank line, body
    assert page.text.startswith(item["headline"] + "\n\n")
    body = page.text[len(item["headline"]) + 2 :]
    expected = item["text"]
    if item["id"] in REVISED:
        old, new = REVISED[item["id"]]
        assert old in expected and new in body
        expected = expected.replace(old, new)
    if item["id"] in RAW_WIRE:
        assert "\n\n" in body and not re.search(r"[\x00-\x08\x0b-\x1f]", body)
        assert _collapse(body) in _collapse(expected)
        assert len(_collapse(body)) > 0.5 * len(_collapse(expected)) - 600
    elif item["id"] in PARAGRAPHS_SPLIT:
        assert body.count("\n\n") == 3
        assert body.replace("\n\n", " ") == expected
    else:
        assert body == expected
    # dateline: places and agencies as in the gold (from the body, or the metadata)
    gold = _gold()[item["id"]]
    dateline = _dateline(page)
    assert dateline is not None
    place = gold["place"]
    if item["id"] in REVISED:
        place = "San Mateo"
    else:
        assert dateline.text == gold["dateline_raw"]
    assert [p.text for p in dateline.places] == [place]
    codes = [lookup(a).code if lookup(a) else a for a in gold["agencies"]]  # type: ignore[union-attr]
    assert [a.code for a in dateline.agencies] == codes


def test_raw_wires_lose_headers_and_footers(pages: dict) -> None:
    dpa = wirenlp.read(FIXTURES / "IPTC7901.txt")[0]
    assert "eca062" not in dpa.text and "NOTEBOOK" not in dpa.text and "GMT" not in dpa.text
    assert dpa.meta.keywords == ("Germany-politics",) and dpa.meta.agency == "DPA"
    ap = wirenlp.read(FIXTURES / "anpa-1.tst")[0]
    assert "AP-WF" not in ap.text and "^" not in ap.text and "<" not in ap.text
    assert ap.meta.byline == "By PAUL BYRNE and ALMUDENA CALATRAVA"
    belga = wirenlp.read(FIXTURES / "ex1_310797_SPF001.txt")[0]
    assert "./." not in belga.text and "SPF001" not in belga.text
    assert belga.meta.agency == "BELGA" and belga.meta.keywords == ("FOOTBALL",)


def test_reuters_timestamp_and_desk_are_not_the_dateline() -> None:
    (page,) = wirenlp.read(FIXTURES / "tag_reuters.com_2014_newsml_KBN0FL0NN_version_5")
    meta = page.meta
    assert meta.dateline_text == "2014-07-16 15:53:10 GMT+00:00"
    assert meta.dateline is None  # a timestamp, not a place
    assert meta.located == "Bangalore"  # the editing desk, kept as delivered
    assert meta.agency == "RTR" and meta.byline == "By Marwan Makdisi"
    assert page.stories[0].dateline.places[0].text == "DAMASCUS"
    assert meta.created is not None and meta.created.utcoffset() is not None


def test_package_items_in_document_order() -> None:
    pages = wirenlp.read(FIXTURES / "ap.xml")
    assert [p.meta.index for p in pages] == [0, 1, 2]
    # the metadata dateline has no agency: it reads as the text dateline would
    assert [p.meta.dateline.text for p in pages] == [
        "FORT WASHINGTON, Pa. (AP)",
        "BETHESDA, Md. (AP)",
        "KNOXVILLE, Tenn. (AP)",
    ]
    assert pages[0].meta.dateline.places[0].text == "FORT WASHINGTON, Pa."
    assert pages[0].meta.slug == "BC-US--Earns-Nutrisystem, 1st Ld-Writethru"  # G2 slugline
    assert all(p.meta.agency == "AP" and p.meta.format == "g2" for p in pages)
    assert "Automated Insights" not in pages[0].text.split("\n\n")[0]


def test_agency_annotations_are_kept() -> None:
    (page,) = wirenlp.read(
        FIXTURES / "anp_news_api-item-detail-38bdbbbdae1320f77049b5a32538e09c.json"
    )
    raw = json.loads(
        (FIXTURES / "anp_news_api-item-detail-38bdbbbdae1320f77049b5a32538e09c.json").read_text()
    )
    assert [(e.text, e.kind, e.id) for e in page.meta.entities] == [
        (e["value"], e["kind"], e["id"]) for e in raw["data"]["entities"]
    ]
    assert page.meta.id == "ANP-020519-216" and page.meta.agency == "ANP"
    (pa,) = wirenlp.read(FORMATS / "pa_nitf.xml")
    assert [(e.text, e.kind) for e in pa.meta.entities] == [
        ("Pontypridd", "location"),
        ("the Environment Agency", "organisation"),
        ("Boris Johnson", "person"),
        ("Wales", "location"),
    ]
    (dpa,) = wirenlp.read(FIXTURES / "dpa_newsml_2_0_belga.xml")
    assert "medtop:20000634" in dpa.meta.subjects and "Meiden" in dpa.meta.keywords


# --- formats with no dev fixture: example files written for these tests ------------------

# per example: file, item index, format, headline, dateline places and agency codes (from the
# body dateline, else the metadata one)
EXAMPLES = read_jsonl(FORMATS / "expected.jsonl")


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['file']}-{e['index']}" for e in EXAMPLES])
def test_format_examples(example: dict) -> None:
    pages = wirenlp.read(FORMATS / example["file"])
    page = pages[example["index"]]
    assert page.meta.format == example["format"] and page.meta.index == example["index"]
    assert page.meta.headline == example["headline"]
    assert page.text.startswith(example["headline"] + "\n\n")
    dateline = _dateline(page)
    assert dateline is not None
    assert [p.text for p in dateline.places] == example["places"]
    assert [a.code for a in dateline.agencies] == example["agencies"]
    for story in page.stories:
        for span in (story.headline, story.body, story.dateline):
            if span is not None:
                assert page.text[span.start : span.end] == span.text
    if "meta_dateline" in example:  # the dateline the format carries in metadata
        assert page.meta.dateline is not None
        assert page.meta.dateline.text == example["meta_dateline"]
    for field, value in example.get("meta", {}).items():  # slug, word count, category, …
        got = getattr(page.meta, field)
        assert (list(got) if isinstance(got, tuple) else got) == value, field
    if "notes" in example:  # metadata and body datelines compared
        disagree = [n for n in page.notes if n.startswith("metadata dateline")]
        assert len(disagree) == example["notes"]
    assert wirenlp.Page.from_dict(json.loads(json.dumps(page.to_dict()))) == page


def test_metadata_datelines_and_quirks() -> None:
    (afp,) = wirenlp.read(FORMATS / "afp_newsml12.xml")
    assert all(s.dateline is None for s in afp.stories)  # AFP: no dateline in the body
    assert afp.meta.dateline.date.text == "9 déc 2018" and afp.meta.language == "fr"
    assert afp.meta.created.isoformat() == "2018-12-09T11:24:17+00:00"
    assert [(e.text, e.id) for e in afp.meta.entities] == [("Universal", "FR0000000001")]
    belga = wirenlp.read(FORMATS / "belga_newsml12.xml")
    assert [p.meta.language for p in belga] == ["nl", "fr"]
    assert "één" in belga[0].text and "&" not in belga[0].text  # escaped HTML, entities
    assert belga[0].text.count("\n\n") == 3  # headline, lead, two body paragraphs
    bulletin = wirenlp.read(FORMATS / "belga_bulletin.xml")
    assert [p.text for p in bulletin][1:] == [
        "In Antwerpen is een man opgepakt na een overval.",
        "Het wordt vandaag zonnig en zacht.",
    ]
    assert "***" not in "".join(p.text for p in bulletin)
    (kyodo,) = wirenlp.read(FORMATS / "kyodo_wrong_encoding.xml")
    assert "Japan’s" in kyodo.text and "â€" not in kyodo.text
    (cp,) = wirenlp.read(FORMATS / "cp_nitf.xml")  # external DTD: not loaded; &nbsp; &ldquo;
    assert "“a first step”" in cp.text and "Wednesday that" in cp.text
    assert cp.meta.byline == "By Jane Doe The Canadian Press" and cp.meta.agency == "CP"
    assert cp.meta.priority == 3 and cp.meta.keywords == ("housing",)
    (reuters,) = wirenlp.read(FORMATS / "reuters_connect.json")
    assert reuters.stories[0].dateline.date.text == "April 14"
    (stt,) = wirenlp.read(FORMATS / "stt_g2.xml")
    assert stt.text.count("\n\n") == 2  # plain body text split at its blank line
    (ansa,) = wirenlp.read(FORMATS / "ansa_g2.xml")
    assert ansa.meta.located == "Rome" and ansa.meta.dateline is None  # the body has one
    (afp2,) = wirenlp.read(FORMATS / "afp_photo_components.xml")  # "DescriptiveMetada" too
    assert "tractors in Brussels on" not in afp2.text and afp2.meta.language == "en"
    (tass,) = wirenlp.read(FORMATS / "tass_newsml12.xml")  # nested wrappers; plain lines
    assert tass.text.count("\n\n") == 2
    (ats,) = wirenlp.read(FORMATS / "ats_7901.txt")
    assert "SDA-ATS" not in ats.text and "présenté" in ats.text  # Latin-1 bytes


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (FIXTURES / "anp_belga.xml", "newsml"),
        (FIXTURES / "ap-nitf.xml", "nitf"),
        (FIXTURES / "ap.xml", "g2"),
        (FIXTURES / "tag_reuters.com_2014_newsml_KBN0FL0NN_version_5", "g2"),
        (FIXTURES / "IPTC7901.txt", "iptc7901"),
        (FIXTURES / "ex1_310797_SPF001.txt", "iptc7901"),
        (FIXTURES / "anpa-1.tst", "anpa"),
        (FIXTURES / "ninjsExSimpleText1.json", "json"),
        (FORMATS / "anp_rss.xml", "rss"),
        (FORMATS / "ritzau_rbnews.xml", "ritzau"),
        (WIRE / "seed_anp_buitenland.txt", "plain"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_sniffing_uses_content_not_names(path: Path, expected: str) -> None:
    assert sniff(path.read_bytes()) == expected


def test_named_format_and_plain_text() -> None:
    data = (WIRE / "seed_anp_buitenland.txt").read_bytes()
    (page,) = read_bytes(data, name="page.xml")  # the name does not decide the format
    assert page.meta.format == "plain" and page.text == data.decode("utf-8")
    assert page == wirenlp.Page.from_dict(page.to_dict())
    assert len(page.stories) == len(wirenlp.parse(data.decode("utf-8")).stories)
    nitf = (FIXTURES / "ap-nitf.xml").read_bytes()
    assert read_bytes(nitf, format="nitf")[0].meta.format == "nitf"
    with pytest.raises(wirenlp.WireFormatError, match="unknown format"):
        read_bytes(nitf, format="docx")
    with pytest.raises(wirenlp.WireFormatError):
        read_bytes(nitf, name="x.xml", format="anp-json")  # not JSON


def test_read_is_lazy_and_public() -> None:
    import subprocess
    import sys

    code = (
        "import sys, wirenlp; assert 'lxml' not in sys.modules and 'wirenlp.reading' not in "
        "sys.modules; wirenlp.read; wirenlp.read_bytes; wirenlp.ItemMeta; "
        "assert 'lxml' in sys.modules; assert 'spacy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert "read" in wirenlp.__all__ and "ItemMeta" in dir(wirenlp)


def test_format_headline_is_the_first_storys_headline() -> None:
    # a headline the parser would not take on its own (it ends in a full stop), repeated as the
    # body's first paragraph (dropped), and a body with no dateline
    doc = {
        "uri": "x",
        "headline": "Het kabinet valt.",
        "body_html": "<h1>Het kabinet valt.</h1><p>Eerste alinea zonder plaats.</p><p>Twee.</p>",
    }
    (page,) = read_bytes(json.dumps(doc).encode("utf-8"), name="x.json")
    assert page.text == "Het kabinet valt.\n\nEerste alinea zonder plaats.\n\nTwee."
    (story,) = page.stories
    assert story.headline.text == "Het kabinet valt." and story.start == 0
    assert story.body.text == "Eerste alinea zonder plaats.\n\nTwee."


def test_json_of_unknown_shape() -> None:
    doc = {"data": {"items": [
        {"title": "Kop een", "bodyText": "<p>AMSTERDAM (ANP) - Een.</p>"},
        {"title": "Kop twee", "bodyText": "<p>UTRECHT (ANP/RTR) - Twee.</p>"},
    ]}}  # fmt: skip
    pages = read_bytes(json.dumps(doc).encode("utf-8"))
    assert [p.meta.format for p in pages] == ["json", "json"]
    assert [p.meta.headline for p in pages] == ["Kop een", "Kop twee"]
    assert [p.meta.agency for p in pages] == ["ANP", "ANP"]
    assert [a.code for a in pages[1].stories[0].dateline.agencies] == ["ANP", "RTR"]
    item = {"uri": "u", "version": 1, "type": "text", "headline": "Storm hits coast"}
    item["headline_extended"] = "A storm hit the coast on Monday."
    record = {"data": {"item": item}}
    (page,) = read_bytes(json.dumps(record).encode("utf-8"))  # an item with no text of its own
    assert page.meta.headline == "Storm hits coast"
    assert page.text == "Storm hits coast\n\nA storm hit the coast on Monday."


def test_g2_picture_items_and_reference_packages() -> None:
    reuters = (FIXTURES / "tag_reuters.com_2014_newsml_KBN0FL0NN_version_5").read_text()
    picture = re.sub(
        r"<contentSet>.*</contentSet>", "", reuters.replace("icls:text", "icls:picture"), flags=re.S
    )
    (page,) = read_bytes(picture.encode("utf-8"))  # no text item: the picture and its caption
    assert page.meta.headline == "Confident Assad launches new term in stronger position"
    assert "US-SYRIA-CRISIS-ASSAD" in page.text
    package = (
        b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="p"><groupSet root="G">'
        b'<group id="G"><itemRef residref="a"><title>Bank cuts rates</title>'
        b'<description role="drol:summary">London (Reuters) - The Bank of England cut rates.'
        b"</description></itemRef></group></groupSet></packageItem>"
    )
    (ref,) = read_bytes(package)
    assert ref.meta.headline == "Bank cuts rates" and ref.meta.id == "a"
    assert ref.stories[0].dateline.agencies[0].code == "RTR"


def test_small_xml_flaws_are_repaired_not_fatal() -> None:
    doc = (
        b"<nitf><body><body.head><hedline><hl1>AT&T buys \x0bTime Warner</hl1></hedline>"
        b"</body.head><body.content><p>NEW YORK (AP) _ AT&T &amp; co &eacute; &#233;.</p>"
        b"</body.content></body></nitf>"
    )
    (page,) = read_bytes(doc, name="flawed.xml")
    assert page.meta.headline == "AT&T buys Time Warner"
    assert page.text.endswith("AT&T & co é é.")
    assert page.stories[0].dateline.agencies[0].code == "AP"


def test_sniffed_but_not_json_or_xml_is_read_as_text() -> None:
    (text,) = read_bytes(b"[UPDATE]\nAMSTERDAM (ANP) - Tekst van het bericht.")
    assert text.meta.format == "plain" and text.stories[0].dateline.places[0].text == "AMSTERDAM"
    (markup,) = read_bytes(b"<b>Kop van het bericht</b>\n<i>AMSTERDAM (ANP) - Tekst.</i>")
    assert markup.meta.format == "html" and markup.stories[0].dateline is not None
    with pytest.raises(wirenlp.WireFormatError, match="malformed JSON"):
        read_bytes(b'{"data": {"title": "cut')  # an object: a cut JSON file, not text


def test_character_entities_of_an_internal_subset_are_substituted() -> None:
    doc = (
        b'<!DOCTYPE nitf [<!ENTITY euro "&#8364;"><!ENTITY % x SYSTEM "x.dtd">%x;]><nitf><body>'
        b"<body.head><hedline><hl1>Prijs 5 &euro;</hl1></hedline></body.head><body.content>"
        b"<p>DEN HAAG (ANP) - Tien &euro; &amp; meer.</p></body.content></body></nitf>"
    )
    (page,) = read_bytes(doc, name="euro.xml")
    assert page.text == "Prijs 5 €\n\nDEN HAAG (ANP) - Tien € & meer."
    bigger = doc.replace(b'"&#8364;"', b'"&#8364;&#8364;&#8364;&#8364;&#8364;&#8364;"')
    bigger = bigger.replace(b"Tien &euro;", b"Tien " + b"&euro;" * 5000)
    with pytest.raises(wirenlp.UnsafeInputError, match="expansion"):
        read_bytes(bigger, name="more.xml")


def test_anpa_slug_forms_are_never_the_headline() -> None:
    head = "\x16\x16\x01a0001\x1fxyz\nr a\x13\x11 BC-Argentina-CancerB 11-13 0466\n\x02"
    body = "\t   BUENOS AIRES, Argentina (AP) _ Tekst van het bericht. \n\x03"
    for slug in ("^Argentina-Cancer Beauty,0466<", "^BC-Argentina-Cancer Beauty's,466<",
                 "BC-Argentina-Cancer Beauty,466<"):  # fmt: skip
        text = f"{head}{slug}\n^Mirrors can hurt, 2 patients say<\n{body}"
        (page,) = read_bytes(text.encode("cp1252"), name="ap.tst")
        assert page.meta.headline == "Mirrors can hurt, 2 patients say", slug
        assert page.meta.word_count == 466 and page.meta.slug is not None
        assert page.meta.slug.endswith(("Beauty", "Beauty's"))
    # a headline that ends in a number after a comma is not a slug line
    text = f"{head}^BC-Argentina-Cancer,466<\n^Dow closes at 25,000<\n{body}"
    assert read_bytes(text.encode("cp1252"))[0].meta.headline == "Dow closes at 25,000"


def test_iptc7901_wrapped_headline_under_its_meta_lines() -> None:
    text = (
        "\x01sda0001 4 i 0050 sda0002\n\x02Schweiz\nBundesrat will Ausbau der\n"
        "Bahn beschleunigen =\n\n   Bern (sda) Der Bundesrat will den Ausbau beschleunigen.\n\x03"
    )
    (page,) = read_bytes(text.encode("cp1252"))
    assert page.meta.headline == "Bundesrat will Ausbau der Bahn beschleunigen"
    assert page.meta.category == "Schweiz" and page.meta.kicker is None


def test_tt_nitf_place_field_holding_a_whole_dateline() -> None:
    doc = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><contentMeta>'
        "<headline>Kop</headline></contentMeta><contentSet><inlineXML><TT-NITF>"
        "<RUBRIK>Kop</RUBRIK><DAT><ORT>EU (Bryssel, TT:s korrespondent)</ORT><SOURCE>TT</SOURCE>"
        "</DAT><BRODTEXT><P>Medlemsländerna enades.</P></BRODTEXT></TT-NITF></inlineXML>"
        "</contentSet></newsItem>"
    )
    (page,) = read_bytes(doc.encode("utf-8"))
    dateline = page.meta.dateline
    assert dateline.text == "EU (Bryssel, TT:s korrespondent)"
    assert [p.text for p in dateline.places] == ["Bryssel"]
    assert [a.code for a in dateline.agencies] == ["TT"] and page.meta.agency == "TT"


def test_telex_marks_and_a_distributor_as_provider() -> None:
    text = (
        "\x01ZCZC\r\nats0871 3 i 0162 sda0544\r\n\x02Suisse\r\nConseil national:\r\n"
        "Le Conseil national vote =\r\n\r\n   Berne (ats) Le Conseil national a voté.\r\n"
        "\r\n(SDA-ATS/bw)\r\nNNNN\r\n\x03"
    )
    (page,) = read_bytes(text.encode("cp1252"))
    assert page.meta.format == "iptc7901" and page.meta.id == "ats0871"
    assert (page.meta.headline, page.meta.kicker) == (
        "Le Conseil national vote",
        "Conseil national",
    )
    assert "ZCZC" not in page.text and "NNNN" not in page.text
    # a distributor as provider: the copyright holder is the agency of the metadata dateline
    doc = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><itemMeta>'
        '<provider literal="Nordic Feeds Ltd"/></itemMeta><rightsInfo><copyrightHolder '
        'literal="Norsk Telegrambyrå AS"/></rightsInfo><contentMeta><dateline>Bergen</dateline>'
        "<headline>Kop</headline></contentMeta><contentSet><inlineXML><html><body><p>Tekst.</p>"
        "</body></html></inlineXML></contentSet></newsItem>"
    )
    (page,) = read_bytes(doc.encode("utf-8"))
    assert page.meta.agency == "NTB" and page.meta.dateline.text == "Bergen (NTB)"


def test_iptc7901_body_right_after_the_headline() -> None:
    text = (
        "\x01ats0001 4 i 0050 sda0002\n\x02Suisse\nPolitique\nConseil national:\n"
        "Le Conseil national vote =\nBerne (ats) Le Conseil national a voté mardi.\n"
        "Le projet passe aux Etats.\n\n(SDA-ATS/bw)\n\x03"
    )
    (page,) = read_bytes(text.encode("cp1252"))
    assert page.meta.headline == "Le Conseil national vote"
    assert page.text.endswith(
        "Berne (ats) Le Conseil national a voté mardi. Le projet passe aux Etats."
    )
    assert page.stories[0].dateline.places[0].text == "Berne"
    dpa = (
        "\x01eca062 4 i 211 ccccb dpa 061\nPolitics/\n\x02Kop van het bericht =\n"
        "By Jane Doe, dpa =\n\n   Berlin (dpa) - Tekst.\n\x03"
    )
    (page,) = read_bytes(dpa.encode("cp1252"))
    assert (page.meta.headline, page.meta.byline) == ("Kop van het bericht", "By Jane Doe, dpa")
