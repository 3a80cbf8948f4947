"""Maps and charts (wirenlp.export.maps, wirenlp.export.charts) on the enriched dev batch.

The numbers each chart and map draws are checked against counts made here directly from the
attrs records (not from the frames the functions use), and the figures against those numbers:
bar heights, labels, marker counts. The map is opened in headless Chromium below.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wirenlp
from wirenlp.export import charts, maps

from ._outputs import enriched_dev_pages

# Two stories whose event is elsewhere than the filing city (the dev batch has none).
ELSEWHERE = [
    "DEN HAAG (ANP) - Bij een brand in Groningen zijn dinsdag twee mensen gewond geraakt. "
    "De brandweer was snel ter plaatse.",
    "BRUSSEL (ANP) - In Kiev zijn dinsdag drie mensen omgekomen bij een aanval. "
    "Dat meldt de Oekraïense regering.",
]


@pytest.fixture(scope="module")
def pages() -> list[wirenlp.Page]:
    return list(enriched_dev_pages())


@pytest.fixture(scope="module")
def frames(pages: list[wirenlp.Page]) -> wirenlp.Frames:
    return wirenlp.to_frames(pages)


@pytest.fixture(scope="module")
def elsewhere_pages() -> list[wirenlp.Page]:
    return list(wirenlp.Enricher().pipe(ELSEWHERE))


def test_import_wirenlp_does_not_import_viz_libraries():
    code = (
        "import sys, wirenlp, wirenlp.export; "
        "print(sorted(m for m in ('folium', 'matplotlib', 'pandas', 'branca') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_input_is_a_type_error():
    with pytest.raises(TypeError):
        maps.place_map("BRUSSEL (ANP) - tekst")
    with pytest.raises(TypeError):
        charts.top_entities_table(42)
    with pytest.raises(ValueError, match="origins"):
        maps.place_table([], origins=("nowhere",))


# --- the map's numbers -----------------------------------------------------------------------


def _place_mentions(pages: list[wirenlp.Page]) -> Counter[tuple[str, int | None]]:
    """(origin, geonameid — or name for areas, which have none) → mentions, straight from the
    records."""
    counts: Counter[tuple[str, int | None]] = Counter()
    for page in pages:
        for story in page.stories:
            if story.dateline is not None:
                for link in story.dateline.links:
                    if link is not None and link.latitude is not None:
                        counts["dateline", link.geonameid or link.name] += 1
            for ent in story.entities:
                if (
                    ent.source != "dateline"
                    and isinstance(ent.link, wirenlp.PlaceLink)
                    and ent.link.latitude is not None
                ):
                    counts["body", ent.link.geonameid or ent.link.name] += 1
    return counts


def test_place_table_counts_every_linked_mention(pages, frames):
    table = maps.place_table(frames)
    got = Counter(
        {
            (o, n if pd.isna(g) else g): m
            for o, g, n, m in zip(
                table.origin, table.geonameid, table.name, table.mentions, strict=True
            )
        }
    )
    assert got == _place_mentions(pages)
    assert list(table.mentions) == sorted(table.mentions, reverse=True)
    # pages and frames give the same table
    assert (
        maps.place_table(pages).drop(columns="story_keys").equals(table.drop(columns="story_keys"))
    )
    brussels = table[(table.origin == "dateline") & (table.name == "Brussels")].iloc[0]
    filed = {
        (p, s)
        for p, page in enumerate(pages)
        for s, story in enumerate(page.stories)
        if story.dateline and any(lk and lk.name == "Brussels" for lk in story.dateline.links)
    }
    assert set(brussels.story_keys) == filed
    assert brussels.stories == len(filed)


def test_place_map_markers_sizes_and_popups(frames):
    table = maps.place_table(frames)
    fmap = maps.place_map(frames, max_stories=3)
    markers = [
        child
        for layer in fmap._children.values()
        for child in getattr(layer, "_children", {}).values()
        if type(child).__name__ == "CircleMarker"
    ]
    assert len(markers) == len(table)
    radii = {(tuple(m.location), m.options["radius"]) for m in markers}
    top, bottom = table.iloc[0], table.iloc[-1]
    top_radius = max(r for loc, r in radii if loc == (top.latitude, top.longitude))
    assert top_radius == pytest.approx(25.0)
    assert min(r for _, r in radii) == pytest.approx(5.0)
    assert bottom.mentions < top.mentions
    html = fmap.get_root().render()
    # only Leaflet, inlined; no jQuery, Bootstrap or icon fonts
    assert maps.leaflet_html() in html and "jquery" not in html.lower() and "bootstrap" not in html
    assert "<script src=" not in html and "stylesheet" not in html
    assert html.replace(maps.leaflet_html(), "").count(".bindPopup(") == len(markers)
    popups = [c.content for m in markers for c in m._children.values() if hasattr(c, "content")]
    assert len(popups) == len(markers)
    top_popup = popups[[tuple(m.location) for m in markers].index((top.latitude, top.longitude))]
    assert top_popup.count("<li>") == 4 and f"… and {top.stories - 3} more" in top_popup


# --- charts ----------------------------------------------------------------------------------


def _story_moment(page: wirenlp.Page, story: wirenlp.Story) -> datetime | None:
    def aware(t: datetime) -> datetime:
        return t if t.tzinfo else t.replace(tzinfo=timezone.utc)

    if story.time is not None and story.time.earliest and story.time.latest:
        earliest, latest = aware(story.time.earliest), aware(story.time.latest)
        return earliest + (latest - earliest) / 2
    return aware(page.reference_time) if page.reference_time else None


def test_agencies_per_day_counts_stories_per_agency_and_day(pages, frames):
    expected: Counter[tuple[str, str]] = Counter()
    undated = 0
    for page in pages:
        for story in page.stories:
            if not story.dateline or not story.dateline.agencies:
                continue
            moment = _story_moment(page, story)
            if moment is None:
                undated += 1
                continue
            for agency in story.dateline.agencies:
                expected[str(moment.astimezone(timezone.utc).date()), agency.code] += 1
    assert sum(expected.values()) > 20  # the dev pages have a reference time
    table = charts.agencies_per_day_table(frames)
    got = Counter(
        {
            (str(day.date()), agency): int(n)
            for day, row in table.iterrows()
            for agency, n in row.items()
            if n
        }
    )
    assert got == expected
    assert table.attrs["undated"] == undated
    assert list(table.sum()) == sorted(table.sum(), reverse=True)  # most stories first

    fig = charts.agencies_per_day(frames, top=2)
    assert fig.table.equals(table)
    assert fig._repr_png_().startswith(b"\x89PNG")  # shows itself in Jupyter
    ax = fig.axes[0]
    drawn = {c.get_label(): [p.get_height() for p in c.patches] for c in ax.containers}
    kept = list(table.columns[:2])
    assert list(drawn) == [*kept, "other"]
    for agency in kept:
        assert drawn[agency] == list(table[agency])
    assert drawn["other"] == list(table.iloc[:, 2:].sum(axis=1))
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(d.date()) for d in table.index]


def test_top_entities_counts_mentions_not_dateline_agencies(pages, frames):
    table = charts.top_entities_table(frames, n=5)
    assert set(table.kind) == {"person", "organisation"}
    assert (table.groupby("kind").size() == 5).all()
    # every row: mentions = model entities in clusters of that name over the batch
    for row in table.itertuples():
        mentions = stories = 0
        for page in pages:
            names = {e.cluster: e.name for e in page.entities}
            for story in page.stories:
                hits = [
                    e
                    for e in story.entities
                    if e.kind == row.kind
                    and e.source != "dateline"
                    and names.get(e.cluster, e.text).casefold() == row.name.casefold()
                ]
                mentions += len(hits)
                stories += bool(hits)
        assert (row.mentions, row.stories) == (mentions, stories), row
    orgs = table[table.kind == "organisation"]
    assert list(orgs.mentions) == sorted(orgs.mentions, reverse=True)
    assert "ANP" not in set(orgs.name)
    with_datelines = charts.top_entities_table(frames, kinds=("organisation",), n=1, datelines=True)
    anp = sum(
        1
        for p in pages
        for s in p.stories
        for e in s.entities
        if e.text == "ANP" and e.kind == "organisation"
    )
    assert list(with_datelines.name) == ["ANP"] and with_datelines.mentions[0] == anp

    fig = charts.top_entities(frames, n=5)
    assert fig.table.equals(table)
    for ax, kind in zip(fig.axes, ("person", "organisation"), strict=True):
        part = table[table.kind == kind]
        bars = ax.containers[0]
        assert [p.get_width() for p in bars.patches][::-1] == list(part.mentions)
        assert [t.get_text() for t in ax.get_yticklabels()][::-1] == list(part.name)


def test_filing_vs_event_on_real_and_elsewhere_stories(pages, elsewhere_pages):
    batch = pages + elsewhere_pages
    table = charts.filing_vs_event_table(batch)
    stories = [
        s
        for p in batch
        for s in p.stories
        if s.event_place and s.dateline and any(s.dateline.links)
    ]
    assert table.stories.sum() == len(stories)
    assert table[table.elsewhere].stories.sum() == sum(s.event_elsewhere for s in stories) == 2
    moved = table[table.elsewhere]
    pairs = set(zip(moved.filing_place, moved.event_place, strict=True))
    assert pairs == {("The Hague", "Groningen"), ("Brussels", "Kyiv")}

    away = charts.away_places_table(batch)
    assert (away.distance_km > 15).all()
    assert set(away[away.is_event].place) == {"Groningen", "Kyiv"}
    hague = next(
        lk
        for p in elsewhere_pages
        for lk in p.stories[0].dateline.links
        if lk and lk.name == "The Hague"
    )
    groningen = elsewhere_pages[0].stories[0].event_place
    assert groningen is not None
    row = away[away.place == "Groningen"].iloc[-1]
    assert row.distance_km == pytest.approx(_km(hague, groningen), rel=1e-6)

    fig = charts.filing_vs_event(batch)
    assert fig.table.equals(away)
    left, right = fig.axes
    widths = [p.get_width() for p in left.containers[0].patches][::-1]  # top bar first
    elsewhere = int(table[table.elsewhere].stories.sum())
    assert widths == [
        table.stories.sum() - elsewhere,
        elsewhere,
        len(away[["page", "story"]].drop_duplicates()),
    ]
    # places as the texts write them (DEN HAAG, Kiev), not the gazetteer's English names
    labels = [t.get_text() for t in right.get_yticklabels()]
    assert "Den Haag → Groningen" in labels and "Brussel → Kiev" in labels
    written = _written_place_names(batch)
    for label in labels:
        assert all(name in written for name in label.split(" → ")), label
    assert not {"The Hague", "Kyiv", "Brussels"} & {n for lb in labels for n in lb.split(" → ")}
    assert _overlapping_texts(fig) == []


def _written_place_names(pages: list[wirenlp.Page]) -> set[str]:
    """How the texts write their linked places: body mentions as they are, dateline places
    with their capitals made a name's (DEN HAAG → Den Haag)."""
    names = set()
    for page in pages:
        for story in page.stories:
            if story.dateline:
                names.update(charts._capitalised(p.text) for p in story.dateline.places)
            names.update(e.text for e in story.entities if isinstance(e.link, wirenlp.PlaceLink))
    return names


def _overlapping_texts(fig: Any) -> list[tuple[str, str]]:
    """Pairs of drawn texts (titles, tick labels, bar labels, legend entries) whose boxes
    overlap, as the figure is laid out."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None
    ]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(texts)
        for b, box_b in texts[i + 1 :]
        if box_a.overlaps(box_b)
    ]


@pytest.mark.parametrize("chart", ["agencies_per_day", "top_entities", "filing_vs_event"])
def test_chart_labels_do_not_overlap(pages, elsewhere_pages, chart):
    fig = getattr(charts, chart)(pages + elsewhere_pages)
    assert _overlapping_texts(fig) == []


def _km(a: wirenlp.PlaceLink, b: wirenlp.PlaceLink) -> float:
    assert None not in (a.latitude, a.longitude, b.latitude, b.longitude)
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_agencies_per_day_fills_short_spans_only(pages):
    import attrs

    singles = [
        p
        for p in pages
        if len(p.stories) == 1 and p.stories[0].dateline and p.stories[0].dateline.agencies
    ]
    dated = [
        attrs.evolve(page, reference_time=datetime(2026, 3, day, 9, tzinfo=timezone.utc))
        for page, day in zip(singles[:2], (1, 11), strict=True)
    ]
    agencies = Counter(a.code for p in dated for a in p.stories[0].dateline.agencies)
    filled = charts.agencies_per_day_table(dated)
    assert [str(d.date()) for d in filled.index] == [f"2026-03-{d:02d}" for d in range(1, 12)]
    assert filled.sum().to_dict() == agencies
    sparse = charts.agencies_per_day_table(dated, max_periods=5)
    assert [str(d.date()) for d in sparse.index] == ["2026-03-01", "2026-03-11"]
    assert sparse.sum().to_dict() == agencies


# --- the map in a real browser ---------------------------------------------------------------
#
# Leaflet is inlined in the map (wirenlp/data/leaflet), so the browser needs no network for it.
# Every request the page makes is recorded; tile images (the map with tiles) are answered with a
# plain grey PNG, any other request is aborted and fails the test, as does any console error.

TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPo6OgAAAMGAYGGRgS0AAAAAElFTkSuQmCC"
)

_ALL_DRAWN_JS = """() => {
  const paths = [...document.querySelectorAll('path.leaflet-interactive')];
  return paths.length > 0 && paths.every(p => p.getBoundingClientRect().width > 0)
    && !document.querySelector('.leaflet-zoom-anim');
}"""

_MARKERS_JS = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  return [...document.querySelectorAll('path.leaflet-interactive')].map(p => {
    const r = p.getBoundingClientRect();
    const s = getComputedStyle(p);
    return {
      width: r.width, height: r.height, fill: p.getAttribute('fill'),
      x: r.left + r.width / 2, y: r.top + r.height / 2,
      inside: r.left >= map.left && r.right <= map.right && r.top >= map.top
        && r.bottom <= map.bottom,
      visibility: s.visibility, display: s.display, opacity: +s.opacity,
    };
  });
}"""

# the outline paths the browser drew, and for each screen point the outlines whose fill holds it
_OUTLINES_JS = """(points) => {
  const paths = [...document.querySelectorAll('path.wirenlp-outline')];
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const drawn = paths.filter(p => {
    const r = p.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > map.left && r.left < map.right
      && r.bottom > map.top && r.top < map.bottom;
  });
  const under = points.map(([x, y]) => paths.filter(p => {
    const m = p.getScreenCTM().inverse();
    const q = new DOMPoint(x, y).matrixTransform(m);
    return p.isPointInFill(q);
  }).length);
  const pane = document.querySelector('.leaflet-wirenlp-outlines-pane');
  return {count: paths.length, drawn: drawn.length, under: under,
          pane: pane && +getComputedStyle(pane).zIndex,
          fill: paths.length && paths[0].getAttribute('fill')};
}"""


# a point of marker i that is not covered by another marker (null when it is covered entirely)
FREE_POINT_JS = """(i) => {
  const p = document.querySelectorAll('path.leaflet-interactive')[i];
  const r = p.getBoundingClientRect();
  for (let k = 0; k < 81; k++) {
    const x = r.left + r.width * (0.1 + 0.1 * (k % 9));
    const y = r.top + r.height * (0.1 + 0.1 * Math.floor(k / 9));
    if (document.elementFromPoint(x, y) === p) return {x, y};
  }
  return null;
}"""


class _Network:
    """Records every request of the page; answers tile images, aborts anything else remote."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.tiles: list[str] = []
        self.refused: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        elif url.startswith("https://tile.openstreetmap.org/"):
            self.tiles.append(url)
            route.fulfill(body=TILE_PNG, content_type="image/png")
        else:
            self.refused.append(url)
            route.abort()


def _open_map(tab: Any, fmap: Any, tmp_path: Path) -> tuple[Any, _Network]:
    network = _Network()
    tab.page.route("**/*", network)
    path = tmp_path / "map.html"
    fmap.save(str(path))
    view = tab.open(path)
    view.page.wait_for_selector("path.leaflet-interactive")
    # the map may still be fitting its bounds (an animated zoom): wait until every marker is drawn
    view.page.wait_for_function(_ALL_DRAWN_JS, timeout=15_000)
    return view, network


@pytest.mark.browser
def test_map_in_chromium(browser_page, tmp_path, frames):
    table = maps.place_table(frames)
    view, network = _open_map(browser_page, maps.place_map(frames), tmp_path)
    page = view.page
    page.wait_for_selector("img.leaflet-tile-loaded")

    assert view.errors == []
    assert network.refused == []
    assert network.tiles, "the map asked for no tiles"
    assert [u for u in network.requests if u not in network.tiles] == [path_uri(tmp_path)]
    assert page.locator(".leaflet-container").is_visible()
    assert page.locator("img.leaflet-tile-loaded").count() > 0
    assert page.locator("path.wirenlp-outline").count() == 0  # tiles: no outline layer

    drawn = page.evaluate(_MARKERS_JS)
    assert len(drawn) == len(table)
    for marker in drawn:
        assert marker["width"] > 0 and marker["height"] > 0, marker
        assert marker["inside"], f"a marker is outside the map: {marker}"
        assert marker["visibility"] == "visible" and marker["display"] != "none"
        assert marker["opacity"] > 0
    fills = Counter(m["fill"] for m in drawn)
    assert fills == Counter(maps.ORIGIN_COLOURS[o] for o in table.origin)
    biggest = max(m["width"] for m in drawn)
    assert biggest == pytest.approx(2 * 25, abs=1)  # the most mentioned place
    assert min(m["width"] for m in drawn) == pytest.approx(2 * 5, abs=1)

    # the layer control names both layers; a click on the biggest marker opens its popup
    control = page.locator(".leaflet-control-layers").inner_text()
    assert all(name in control for name in maps.ORIGIN_NAMES.values())
    top = table.iloc[0]
    sizes = [m["width"] for m in drawn]
    point = page.evaluate(FREE_POINT_JS, sizes.index(biggest))
    assert point is not None, "the biggest marker is covered by others everywhere"
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert str(top["name"]) in text and f"{top.mentions} mentions" in text
    assert len(popup.locator("li").all()) == min(top.stories, 12) + (top.stories > 12)
    assert view.errors == []


def path_uri(tmp_path: Path) -> str:
    return (tmp_path / "map.html").resolve().as_uri()


def _pixels(png: bytes, colour: str) -> float:
    """Share of the pixels of a PNG that have ``colour`` (``#rrggbb``)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    counts = Counter(image.getdata())
    return counts[want] / (image.width * image.height)


@pytest.mark.browser
def test_offline_map_draws_outlines_and_markers_without_network(browser_page, tmp_path, pages):
    table = maps.place_table(pages)
    fmap = maps.place_map(pages, tiles=None)
    browser_page.page.context.set_offline(True)
    view, network = _open_map(browser_page, fmap, tmp_path)
    page = view.page
    assert view.errors == []
    assert network.requests == [path_uri(tmp_path)]  # the file itself, nothing else
    assert page.locator("img.leaflet-tile").count() == 0

    countries = json.loads(maps.outlines_geojson())["features"]
    drawn = page.evaluate(_MARKERS_JS)
    assert len(drawn) == len(table) > 10
    outlines = page.evaluate(_OUTLINES_JS, [[m["x"], m["y"]] for m in drawn])
    assert outlines["count"] == len(countries) > 150  # one path per country
    assert outlines["drawn"] > 10  # the countries in view
    assert outlines["pane"] < 400 and outlines["fill"] == maps.OUTLINE_STYLE["fillColor"]
    # the places are on land: a marker's centre lies inside a country outline, except for
    # islands and coastal villages the 1:110m coastline leaves out (in the dev batch: Corfu,
    # Chios, Colombo, Gaza, Zeeland's coast, a few countries' population centres near the
    # sea, 14 of 120); outlines drawn in the wrong place would leave most markers at sea
    on_land = sum(1 for n in outlines["under"] if n > 0)
    assert on_land >= 0.8 * len(drawn), outlines["under"]

    # what a reader sees: land, sea and markers (pixels of the screenshot)
    page.mouse.move(0, 0)
    shot = page.locator(".leaflet-container").screenshot()
    assert _pixels(shot, maps.OUTLINE_STYLE["fillColor"]) > 0.1  # land
    assert _pixels(shot, maps.SEA_COLOUR) > 0.05  # sea
    assert page.locator(".leaflet-control-attribution").inner_text().count("Natural Earth") == 1


@pytest.mark.browser
def test_map_without_tiles_one_layer(browser_page, tmp_path, pages):
    table = maps.place_table(pages, origins=("dateline",))
    fmap = maps.place_map(pages, origins=("dateline",), tiles=None)
    view, network = _open_map(browser_page, fmap, tmp_path)
    assert view.errors == [] and network.refused == [] and network.tiles == []
    assert view.page.locator("path.leaflet-interactive").count() == len(table)
    assert view.page.locator(".leaflet-control-layers").count() == 0  # one layer: no control


def test_offline_map_html_holds_no_remote_address(pages):
    html = maps.place_map(pages, tiles=None).get_root().render()
    assert not re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "sourceMappingURL" not in html and "FeatureCollection" in html
    assert html.count("<script>") >= 1 and "L.geoJSON(" in html


WIRE_LIKE = st.lists(
    st.one_of(
        st.text(max_size=200),
        st.builds(
            lambda place, codes, body, label: f"{place} ({'/'.join(codes)}) - {body}\n{label}",
            st.sampled_from(["BRUSSEL", "DEN HAAG", "KIEV", "Athen", "WASHINGTON"]),
            st.lists(st.sampled_from(["ANP", "AFP", "RTR", "dpa", "AP"]), min_size=1, max_size=3),
            st.text(max_size=80),
            st.sampled_from(["", "1 uur geleden", "12 minuten geleden", "3 dagen geleden"]),
        ),
    ),
    max_size=4,
)


@settings(max_examples=20, deadline=None)
@given(WIRE_LIKE)
def test_tables_never_crash_on_parsed_text(texts):
    reference = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)
    pages = [wirenlp.parse(text, reference_time=reference) for text in texts]
    frames = wirenlp.to_frames(pages)
    agencies = charts.agencies_per_day_table(frames)
    expected = sum(len(s.dateline.agencies) for p in pages for s in p.stories if s.dateline)
    assert int(agencies.to_numpy().sum()) == expected  # every story has a moment here
    assert agencies.attrs["undated"] == 0
    assert maps.place_table(frames).empty  # parsing alone links no place
    assert charts.top_entities_table(frames).empty  # nor finds entities
    assert charts.filing_vs_event_table(frames).empty and charts.away_places_table(frames).empty
