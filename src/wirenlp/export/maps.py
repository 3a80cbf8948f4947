"""Maps of the places in a batch of pages, drawn with folium (Leaflet).

Needs the ``viz`` extra (``pip install "wirenlp[viz]"``). :func:`place_map` puts every
gazetteer-linked place of a batch on one map: the filing places of the datelines and the places
named in the text, one marker per place and origin, its size by the number of mentions, its
popup listing the stories. Input is a list of pages or a :class:`~wirenlp.Frames`; the numbers
come from ``Frames.places`` (see ``docs/outputs.md``).

The map needs only Leaflet (folium's jQuery, Bootstrap and icon assets are dropped), and
Leaflet ships with wirenlp (``wirenlp/data/leaflet``, BSD-2-Clause): its script and style sheet
are inlined in the HTML, so the page loads nothing but the tile images. With ``tiles=None`` it
loads nothing at all: country outlines (Natural Earth 1:110m, public domain, shipped as
``wirenlp/data/countries-110m.geojson.gz``) are drawn under the markers instead, so the map
works offline and still shows where the places are.
"""

from __future__ import annotations

import base64
import functools
import gzip
import html
import math
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from ._data import as_frames, story_labels
from .frames import Frames

__all__ = [
    "ORIGIN_COLOURS",
    "ORIGIN_NAMES",
    "OUTLINE_STYLE",
    "SEA_COLOUR",
    "leaflet_html",
    "outlines_geojson",
    "place_map",
    "place_table",
]

ORIGIN_COLOURS: dict[str, str] = {"dateline": "#d62728", "body": "#1f77b4"}
"""Marker colour per origin: filing places (datelines) red, places in the text blue."""

ORIGIN_NAMES: dict[str, str] = {
    "dateline": "Filing places (datelines)",
    "body": "Places in the text",
}
"""The layer names of the map, per origin."""


OUTLINE_STYLE: dict[str, Any] = {
    "color": "#8c8c8c",
    "weight": 0.7,
    "fillColor": "#f4f1ea",
    "fillOpacity": 1.0,
    "className": "wirenlp-outline",
}
"""Leaflet path style of the country outlines drawn when ``tiles=None``."""

SEA_COLOUR = "#d4e4f1"
"""Background of a map without tiles (the sea around the country outlines)."""


def _data_file(*parts: str) -> Any:
    """A file of ``wirenlp/data`` (an importlib Traversable)."""
    path = resources.files("wirenlp").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    return path


def _data_text(*parts: str) -> str:
    return str(_data_file(*parts).read_text(encoding="utf-8"))


_LEAFLET_LINK = '<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">'
_LEAFLET_TEXT = '<span title="Leaflet (leafletjs.com), a JavaScript library for interactive maps">'


@functools.lru_cache(maxsize=1)
def leaflet_html() -> str:
    """Leaflet's style sheet and script as inline ``<style>`` and ``<script>`` elements (the
    copy shipped in ``wirenlp/data/leaflet``; its images as ``data:`` URLs), for a page that
    must not fetch them."""

    def image(match: re.Match[str]) -> str:
        data = _data_file("leaflet", "images", match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    # the attribution names Leaflet without a link: an offline page holds no remote address
    script = _data_text("leaflet", "leaflet.js").replace(_LEAFLET_LINK, _LEAFLET_TEXT)
    script = script.replace('Leaflet</a>"', 'Leaflet</span>"')
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", image, _data_text("leaflet", "leaflet.css"))
    return f"<style>{css}</style>\n<script>{script}</script>"


@functools.lru_cache(maxsize=1)
def outlines_geojson() -> str:
    """The country outlines (a GeoJSON FeatureCollection, Natural Earth 1:110m via the
    ``world-atlas`` package, coordinates to 0.01°) as JSON text."""
    raw = _data_file("countries-110m.geojson.gz").read_bytes()
    return gzip.decompress(raw).decode("utf-8")


class _Outlines(MacroElement):
    """Country outlines in their own pane under the markers (not interactive)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                map.getContainer().style.background = {{ this.sea|tojson }};
                map.createPane("wirenlp-outlines").style.zIndex = 250;
                L.geoJSON({{ this.data }}, {
                    pane: "wirenlp-outlines", interactive: false, style: {{ this.style|tojson }},
                    attribution: "Natural Earth"
                }).addTo(map);
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Outlines"
        self.data = outlines_geojson()
        self.style = OUTLINE_STYLE
        self.sea = SEA_COLOUR


def place_table(
    data: Frames | Iterable[Any], origins: Sequence[str] = ("dateline", "body")
) -> pd.DataFrame:
    """One row per place and origin over a batch: what :func:`place_map` draws.

    Columns: ``origin``, ``geonameid``, ``name``, ``country_code``, ``latitude``,
    ``longitude``, ``mentions`` (place mentions), ``stories`` (distinct stories) and
    ``story_keys`` (their ``(page, story)`` pairs, in order). Mentions without coordinates
    are left out; areas (regions, continents), which have no ``geonameid``, are told apart by
    name; rows are sorted by mentions, most first.
    """
    frames = as_frames(data)
    unknown = set(origins) - set(ORIGIN_COLOURS)
    if unknown:
        raise ValueError(f"unknown origins {sorted(unknown)}: use 'dateline' and/or 'body'")
    places = frames.places
    places = places[
        places["origin"].isin(list(origins))
        & places["latitude"].notna()
        & places["longitude"].notna()
    ]
    rows = []
    key_cols = ["origin", "geonameid", "name", "country_code", "latitude", "longitude"]
    for key, group in places.groupby(key_cols, dropna=False, sort=False, observed=True):
        story_keys = list(
            dict.fromkeys(zip(group["page"].astype(int), group["story"].astype(int), strict=True))
        )
        row = dict(zip(key_cols, key, strict=True))
        row.update(mentions=len(group), stories=len(story_keys), story_keys=story_keys)
        rows.append(row)
    table = pd.DataFrame(rows, columns=[*key_cols, "mentions", "stories", "story_keys"])
    table["mentions"] = table["mentions"].astype("int64")
    table["stories"] = table["stories"].astype("int64")
    return table.sort_values(
        ["mentions", "origin", "name"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


class _Popup(MacroElement):
    """A popup bound with Leaflet's own ``bindPopup`` (folium's ``Popup`` needs jQuery)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup(
                {{ this.content|tojson }}, {{ this.options|tojson }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, content: str, max_width: int = 360, max_height: int = 240) -> None:
        super().__init__()
        self._name = "Popup"
        self.content = content
        self.options = {"maxWidth": max_width, "maxHeight": max_height}


def _radius(mentions: int, most: int, min_radius: float, max_radius: float) -> float:
    """Marker radius in pixels: its area grows with the number of mentions."""
    if most <= 1:
        return min_radius
    share = math.sqrt((mentions - 1) / (most - 1))
    return min_radius + share * (max_radius - min_radius)


def _popup_html(row: Any, labels: dict[tuple[int, int], str], max_stories: int) -> str:
    origin = "filing place" if row.origin == "dateline" else "named in the text"
    country = f" ({html.escape(row.country_code)})" if isinstance(row.country_code, str) else ""
    head = (
        f"<b>{html.escape(str(row.name))}</b>{country}<br>"
        f"{origin}: {row.mentions} mention{'s' if row.mentions != 1 else ''} "
        f"in {row.stories} stor{'ies' if row.stories != 1 else 'y'}"
    )
    items = [
        f"<li>{html.escape(labels.get(key, f'page {key[0]}, story {key[1]}'))}"
        f" <small>(page {key[0]}, story {key[1]})</small></li>"
        for key in row.story_keys[:max_stories]
    ]
    more = len(row.story_keys) - max_stories
    if more > 0:
        items.append(f"<li>… and {more} more</li>")
    style = "padding-left:1.2em;margin:0.3em 0;font-size:0.85em"
    return f"<div style='font-size:0.9rem'>{head}<ul style='{style}'>{''.join(items)}</ul></div>"


def place_map(
    data: Frames | Iterable[Any],
    *,
    origins: Sequence[str] = ("dateline", "body"),
    tiles: str | None = "OpenStreetMap",
    min_radius: float = 5.0,
    max_radius: float = 25.0,
    max_stories: int = 12,
    width: str | int = "100%",
    height: str | int = 500,
) -> folium.Map:
    """A folium map of the linked places of a batch of pages.

    ``data`` is a list of :class:`~wirenlp.Page` (or what :func:`wirenlp.to_frames` takes) or
    a :class:`~wirenlp.Frames`. One circle marker per place and origin (``"dateline"``: the
    filing places of the datelines, red; ``"body"``: places named in the text, blue), each in
    its own layer; the marker's area grows with the number of mentions (radius from
    ``min_radius`` to ``max_radius`` pixels); its tooltip names the place and its popup lists up
    to ``max_stories`` stories (headline, else the story's first words). The map is fitted to
    the markers. ``tiles`` is any folium tile name or URL template, or ``None`` for no
    tiles: then
    country outlines are drawn instead and the page fetches nothing (offline use; Leaflet itself
    is always inlined). The numbers drawn are :func:`place_table`'s.

    Save it with ``m.save("map.html")``; in Jupyter it displays itself.
    """
    frames = as_frames(data)
    table = place_table(frames, origins)
    labels = story_labels(frames)
    fmap = folium.Map(tiles=tiles, width=width, height=height, location=[52.1, 5.3], zoom_start=3)
    # Only Leaflet is needed (no jQuery, Bootstrap or icon fonts), and it is inlined.
    fmap.default_js, fmap.default_css = [], []
    root: Any = fmap.get_root()  # a branca Figure
    root.header.add_child(Element(leaflet_html()), name="leaflet")
    if tiles is None:
        _Outlines().add_to(fmap)
    most = int(table["mentions"].max()) if len(table) else 1
    # Draw bigger markers first so that small ones stay clickable on top of them.
    for origin in origins:
        layer = folium.FeatureGroup(name=ORIGIN_NAMES[origin], show=True)
        for row in table[table["origin"] == origin].itertuples(index=False):
            colour = ORIGIN_COLOURS[origin]
            where = "filing place" if origin == "dateline" else "in the text"
            marker = folium.CircleMarker(
                location=[float(row.latitude), float(row.longitude)],
                radius=_radius(int(row.mentions), most, min_radius, max_radius),
                color=colour,
                weight=1.5,
                fill=True,
                fill_color=colour,
                fill_opacity=0.45,
                tooltip=html.escape(f"{row.name}: {row.mentions} × {where}"),
            )
            _Popup(_popup_html(row, labels, max_stories)).add_to(marker)
            marker.add_to(layer)
        layer.add_to(fmap)
    if len(origins) > 1:
        folium.LayerControl(collapsed=False).add_to(fmap)
    if len(table):
        south, north = float(table["latitude"].min()), float(table["latitude"].max())
        west, east = float(table["longitude"].min()), float(table["longitude"].max())
        fmap.fit_bounds([[south, west], [north, east]], padding=(30, 30), max_zoom=8)
    return fmap
