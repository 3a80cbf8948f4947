"""The charts a wire analyst wants, drawn with matplotlib.

Needs the ``viz`` extra (``pip install "wirenlp[viz]"``). Each chart has a table function that
computes its numbers (a pandas DataFrame) and a chart function that draws that table and returns
a :class:`Chart`, a :class:`matplotlib.figure.Figure` that carries the table it draws
(``fig.table``). Charts are built without ``pyplot`` (no global state, no GUI backend); in
Jupyter a chart displays itself as PNG, ``fig.savefig("chart.png")`` writes it:

- :func:`agencies_per_day` / :func:`agencies_per_day_table`: stories per agency per day;
- :func:`top_entities` / :func:`top_entities_table`: the most mentioned persons and
  organisations;
- :func:`filing_vs_event` / :func:`filing_vs_event_table`: filing city against event place.

Place names in a chart are written as the stories write them (:func:`place_names`: ``Den Haag``,
``Kiev``, ``Midden-Oosten``), one language per chart, whereas the tables keep the gazetteer's
names (``The Hague``, ``Kyiv``), which mix English GeoNames names with Dutch region names.

Input is a list of pages or a :class:`~wirenlp.Frames`; the numbers come from its ``stories``
and ``clusters`` frames (see ``docs/outputs.md``).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ._data import as_frames
from .frames import SEPARATOR, Frames

__all__ = [
    "Chart",
    "agencies_per_day",
    "agencies_per_day_table",
    "away_places_table",
    "filing_vs_event",
    "filing_vs_event_table",
    "place_names",
    "story_dates",
    "top_entities",
    "top_entities_table",
]


class Chart(Figure):
    """A matplotlib figure that carries the table it draws and displays itself in Jupyter."""

    table: pd.DataFrame
    """The numbers drawn (what the chart's ``*_table`` function returns)."""

    def __init__(self, table: pd.DataFrame, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.table = table

    def _repr_png_(self) -> bytes:
        """PNG bytes for Jupyter's rich display."""
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()


_KIND_TITLES = {
    "person": "Persons",
    "organisation": "Organisations",
    "place": "Places",
    "nationality": "Nationalities",
    "other": "Other",
}


_PARTICLES = frozenset({"aan", "bij", "de", "den", "der", "het", "in", "op", "ten", "ter", "van"})


def _capitalised(text: str) -> str:
    """A dateline's capitals as a name is written: ``DEN HAAG`` → ``Den Haag``, ``BERGEN OP
    ZOOM`` → ``Bergen op Zoom``, ``'S-HERTOGENBOSCH`` → ``'s-Hertogenbosch``."""
    if not text.isupper():
        return text
    words = re.split(r"(\W+)", text.lower())
    out = []
    for i, word in enumerate(words):
        if word in _PARTICLES and i > 0:
            out.append(word)
        elif word.startswith("ij"):
            out.append("IJ" + word[2:])
        else:
            out.append(word[:1].upper() + word[1:])
    return re.sub(r"^'S-", "'s-", "".join(out))


def place_names(data: Frames | Iterable[Any]) -> dict[str, str]:
    """Gazetteer name → the name the stories of a batch write for that place: the most frequent
    form of its mentions in the text, else of its dateline mentions, capitalised as a name
    (``The Hague`` → ``Den Haag``, ``Kyiv`` → ``Kiev`` where the texts write that). The charts
    label places with it, so that one chart speaks one language (that of the texts)."""
    frames = as_frames(data)
    places = frames.places
    names: dict[str, str] = {}
    for origin in ("dateline", "body"):  # body forms win: they are written in mixed case
        part = places[places["origin"] == origin]
        for name, texts in part.groupby("name", observed=True)["text"]:
            counts = Counter(_capitalised(str(t)) for t in texts)
            names[str(name)] = min(counts, key=lambda t: (-counts[t], t))
    return names


def story_dates(data: Frames | Iterable[Any], tz: str = "UTC") -> pd.Series:
    """The moment of each story (a Series aligned with ``frames.stories``, aware datetimes).

    A story's moment is the middle of its time label's interval (``1 uur geleden``, resolved
    against the page's reference time) when it has one, else its page's ``reference_time``
    (the moment the page was fetched or the item published); else missing (``NaT``).
    ``tz`` is the zone the result is given in (days are counted in it).
    """
    frames = as_frames(data)
    stories = frames.stories
    middle = stories["time_earliest"] + (stories["time_latest"] - stories["time_earliest"]) / 2
    reference = stories["page"].map(
        dict(zip(frames.pages["page"], frames.pages["reference_time"], strict=True))
    )
    moment = middle.fillna(pd.Series(pd.to_datetime(reference, utc=True), index=stories.index))
    return pd.Series(pd.to_datetime(moment, utc=True).dt.tz_convert(tz), name="moment")


def agencies_per_day_table(
    data: Frames | Iterable[Any], *, freq: str = "D", tz: str = "UTC", max_periods: int = 100
) -> pd.DataFrame:
    """Stories per agency per day: a DataFrame indexed by day (``freq``, e.g. ``"D"``, ``"W"``,
    ``"h"``) with one column per agency code (most stories first), counting stories whose
    dateline names the agency (a dateline ``(ANP/AFP)`` counts for both). There is a row per
    period from the first to the last (periods without stories are zero) when that span has at
    most ``max_periods`` periods, else a row per period with stories only. Stories without a
    moment (:func:`story_dates`) or without an agency are not counted;
    ``table.attrs["undated"]`` holds the number of stories with an agency but no moment."""
    frames = as_frames(data)
    stories = frames.stories
    moments = story_dates(frames, tz)
    rows = []
    undated = 0
    for agencies, moment in zip(stories["agencies"], moments, strict=True):
        if not isinstance(agencies, str) or not agencies:
            continue
        if pd.isna(moment):
            undated += 1
            continue
        for code in agencies.split(SEPARATOR):
            rows.append({"period": moment, "agency": code})
    if rows:
        long = pd.DataFrame(rows)
        long["period"] = long["period"].dt.tz_localize(None).dt.to_period(freq).dt.start_time
        table = pd.crosstab(long["period"], long["agency"])
        order = table.sum().sort_values(ascending=False, kind="stable").index
        span = pd.period_range(table.index.min(), table.index.max(), freq=freq)
        if len(span) <= max_periods:
            table = table.reindex(span.start_time.rename("period"), fill_value=0)
        table = table[list(order)]
    else:
        table = pd.DataFrame(index=pd.DatetimeIndex([], name="period"))
    table.columns.name = "agency"
    table = table.astype("int64")
    table.attrs["undated"] = undated
    return table


def agencies_per_day(
    data: Frames | Iterable[Any],
    *,
    freq: str = "D",
    tz: str = "UTC",
    top: int = 8,
    max_periods: int = 100,
    figsize: tuple[float, float] = (8.0, 4.0),
) -> Chart:
    """A stacked bar chart of stories per agency per day (:func:`agencies_per_day_table`, one bar
    per row; see there for ``freq``, ``tz`` and ``max_periods``); the
    ``top`` agencies by stories get their own colour, the rest are summed as ``other``.
    ``fig.table`` is the full table."""
    full = agencies_per_day_table(data, freq=freq, tz=tz, max_periods=max_periods)
    table = full
    if table.shape[1] > top:
        table = table.iloc[:, :top].copy()
        table["other"] = full.iloc[:, top:].sum(axis=1)
    fig = Chart(full, figsize=figsize, layout="constrained")
    ax = fig.subplots()
    labels = [str(p.date()) if freq.upper() in ("D", "W") else str(p) for p in table.index]
    bottom = [0] * len(table)
    for agency in table.columns:
        values = table[agency].tolist()
        ax.bar(labels, values, bottom=bottom, label=str(agency))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    undated = full.attrs.get("undated", 0)
    ax.set_title(f"Stories per agency per {_period_name(freq)}")
    ax.set_ylabel("stories naming the agency")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if undated:
        ax.set_xlabel(f"{undated} stories with an agency but no date are not shown")
    if len(table.columns):
        ax.legend(title="agency", fontsize="small")
    else:
        ax.text(0.5, 0.5, "no dated stories with an agency", ha="center", transform=ax.transAxes)
    ax.tick_params(axis="x", labelrotation=45)
    return fig


def _period_name(freq: str) -> str:
    return {"D": "day", "W": "week", "H": "hour", "M": "month", "MS": "month"}.get(
        freq.upper(), freq
    )


def top_entities_table(
    data: Frames | Iterable[Any],
    *,
    kinds: Sequence[str] = ("person", "organisation"),
    n: int = 10,
    datelines: bool = False,
) -> pd.DataFrame:
    """The ``n`` most mentioned entities of each kind over a batch.

    Counts the mentions of ``Frames.entities``; the agencies and places of datelines
    (``source == "dateline"``) are left out unless ``datelines=True``. Mentions are grouped by
    their page's cluster (``Frames.clusters``), and clusters across pages by their link (a
    knowledge-base or GeoNames id) when they have one, else by their case-folded cluster name.
    Columns: ``kind``, ``name`` (the cluster name with most mentions in the group),
    ``link_id``, ``mentions``, ``stories`` (distinct stories), ``pages``; sorted by kind (in
    ``kinds`` order) then mentions, most first.
    """
    frames = as_frames(data)
    ents = frames.entities
    ents = ents[ents["kind"].isin(list(kinds))]
    if not datelines:
        ents = ents[ents["source"] != "dateline"]
    names = frames.clusters.set_index(["page", "cluster"])[["name", "link_id"]].rename(
        columns={"name": "cluster_name", "link_id": "cluster_link"}
    )
    ents = ents.join(names, on=["page", "cluster"])
    name = ents["cluster_name"].fillna(ents["text"]).astype("string")
    link = ents["cluster_link"].fillna(ents["link_id"]).astype("string")
    ents = ents.assign(
        name=name, link=link, key=link.where(link.notna(), "name:" + name.str.casefold())
    )
    out = []
    for kind in kinds:
        rows: list[dict[str, Any]] = []
        for _key, group in ents[ents["kind"] == kind].groupby("key", sort=False):
            counts = group["name"].value_counts(sort=True)
            linked = group["link"].dropna()
            rows.append(
                {
                    "kind": kind,
                    "name": str(counts.index[0]),
                    "link_id": linked.iloc[0] if len(linked) else None,
                    "mentions": len(group),
                    "stories": len(group[["page", "story"]].drop_duplicates()),
                    "pages": int(group["page"].nunique()),
                }
            )
        rows.sort(key=lambda r: (-r["mentions"], -r["stories"], r["name"]))
        out.extend(rows[:n])
    table = pd.DataFrame(out, columns=["kind", "name", "link_id", "mentions", "stories", "pages"])
    return table.astype(
        {
            "kind": "string",
            "name": "string",
            "link_id": "string",
            "mentions": "int64",
            "stories": "int64",
            "pages": "int64",
        }
    )


def top_entities(
    data: Frames | Iterable[Any],
    *,
    kinds: Sequence[str] = ("person", "organisation"),
    n: int = 10,
    figsize: tuple[float, float] | None = None,
) -> Chart:
    """Horizontal bar charts, one panel per kind, of the most mentioned entities
    (:func:`top_entities_table`, also ``fig.table``): bar length is mentions, the label says in
    how many stories."""
    table = top_entities_table(data, kinds=kinds, n=n)
    size = figsize or (5.0 * len(kinds), 0.35 * n + 1.5)
    fig = Chart(table, figsize=size, layout="constrained")
    axes = fig.subplots(1, len(kinds), squeeze=False)[0]
    for ax, kind in zip(axes, kinds, strict=True):
        part = table[table["kind"] == kind].iloc[::-1]
        bars = ax.barh(list(part["name"]), list(part["mentions"]), color="#4c72b0")
        ax.bar_label(
            bars, labels=[f"{s} st." for s in part["stories"]], fontsize="small", padding=2
        )
        ax.set_title(f"{_KIND_TITLES.get(kind, kind)}: top {len(part)}")
        ax.set_xlabel("mentions")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(x=0.15)
        if not len(part):
            ax.text(0.5, 0.5, f"no {kind} entities", ha="center", transform=ax.transAxes)
    return fig


def filing_vs_event_table(data: Frames | Iterable[Any]) -> pd.DataFrame:
    """Filing city against event place, one row per pair over a batch.

    From ``Frames.stories``: stories with both a linked filing place (the dateline's first
    place) and an event place. Columns: ``filing_place``, ``event_place``, ``elsewhere`` (the
    event is not in the filing city: ``Story.event_elsewhere``), ``stories``; sorted with the
    pairs where the event is elsewhere first, then by stories, most first.
    """
    frames = as_frames(data)
    stories = frames.stories
    both = stories[stories["filing_place"].notna() & stories["event_place"].notna()]
    table = (
        both.groupby(["filing_place", "event_place", "event_elsewhere"], observed=True)
        .size()
        .rename("stories")
        .reset_index()
        .rename(columns={"event_elsewhere": "elsewhere"})
    )
    table = table.sort_values(
        ["elsewhere", "stories", "filing_place", "event_place"],
        ascending=[False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)
    return table.astype({"stories": "int64", "elsewhere": "bool"})


def away_places_table(data: Frames | Iterable[Any], *, min_km: float = 15.0) -> pd.DataFrame:
    """Places a story names away from its filing city: one row per story and place.

    From ``Frames.places`` (body places with coordinates, not whole countries or regions) and
    the story's linked filing place (``Frames.stories``): the places more than ``min_km``
    kilometres from it (15 km is also the linker's threshold for ``event_elsewhere``). Columns:
    ``page``, ``story``, ``filing_place``, ``place``, ``country_code``, ``distance_km``,
    ``mentions`` (in the story), ``is_event`` (the place is the story's event place); sorted by
    page, story, then distance.
    """
    frames = as_frames(data)
    stories = frames.stories[
        ["page", "story", "filing_place", "filing_latitude", "filing_longitude", "event_geonameid"]
    ]
    places = frames.places
    places = places[
        (places["origin"] == "body")
        & places["latitude"].notna()
        & ~places["feature"].isin(["country", "admin1"])
    ]
    merged = places.merge(stories, on=["page", "story"], how="inner")
    merged = merged[merged["filing_latitude"].notna()]
    lat1 = np.radians(merged["filing_latitude"].to_numpy(dtype=float))
    lon1 = np.radians(merged["filing_longitude"].to_numpy(dtype=float))
    lat2 = np.radians(merged["latitude"].to_numpy(dtype=float))
    lon2 = np.radians(merged["longitude"].to_numpy(dtype=float))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    merged = merged.assign(distance_km=2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, h))))
    merged = merged[merged["distance_km"] > min_km]
    merged = merged.assign(is_event=merged["geonameid"].eq(merged["event_geonameid"]).fillna(False))
    table = (
        merged.groupby(["page", "story", "filing_place", "name"], sort=False, observed=True)
        .agg(
            country_code=("country_code", "first"),
            distance_km=("distance_km", "first"),
            mentions=("text", "size"),
            is_event=("is_event", "any"),
        )
        .reset_index()
        .rename(columns={"name": "place"})
    )
    table = table.sort_values(["page", "story", "distance_km"], kind="stable")
    return table.reset_index(drop=True).astype(
        {"mentions": "int64", "is_event": "bool", "distance_km": "float64"}
    )


def filing_vs_event(
    data: Frames | Iterable[Any],
    *,
    n: int = 12,
    min_km: float = 15.0,
    figsize: tuple[float, float] = (10.0, 4.5),
) -> Chart:
    """Where stories are filed against where they report from.

    Left: of the stories with a linked filing place, how many have their event place
    (``Story.event_place``) elsewhere than the filing city (``Story.event_elsewhere``), how many
    not (the event place is the filing city, also when the lead names no other place), and how
    many name a place more than ``min_km`` away (:func:`away_places_table`). Right: the ``n``
    most frequent ``filing city → place`` pairs of :func:`away_places_table`, counted in
    stories; red bars are event places (:func:`filing_vs_event_table`), grey ones other places
    the story names, places named as the texts write them (:func:`place_names`).
    ``fig.table`` is :func:`away_places_table`'s table.
    """
    frames = as_frames(data)
    events = filing_vs_event_table(frames)
    away = away_places_table(frames, min_km=min_km)
    same = int(events.loc[~events["elsewhere"], "stories"].sum())
    elsewhere = int(events.loc[events["elsewhere"], "stories"].sum())
    naming_away = len(away[["page", "story"]].drop_duplicates())
    fig = Chart(away, figsize=figsize, layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1, 2])
    kinds = ["event in the filing city", "event elsewhere", f"names a place > {min_km:g} km away"]
    counts = [same, elsewhere, naming_away]
    # horizontal bars: the long category names have the room of a line each
    bars = left.barh(kinds[::-1], counts[::-1], color=["#8172b3", "#c44e52", "#55a868"])
    left.bar_label(bars, padding=2)
    left.set_title("Stories with a linked filing place")
    left.set_xlabel("stories")
    left.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    left.margins(x=0.2)
    pairs = (
        away.groupby(["filing_place", "place"], sort=False)
        .agg(stories=("story", "size"), is_event=("is_event", "any"))
        .reset_index()
        .sort_values(["stories", "filing_place", "place"], ascending=[False, True, True])
        .head(n)
        .iloc[::-1]
    )
    written = place_names(frames)
    labels = [
        f"{written.get(f, f)} → {written.get(p, p)}"
        for f, p in zip(pairs["filing_place"], pairs["place"], strict=True)
    ]
    colours = ["#c44e52" if e else "#8c8c8c" for e in pairs["is_event"]]
    right.barh(labels, list(pairs["stories"]), color=colours)
    right.set_title(f"Filed in … naming a place > {min_km:g} km away")
    right.set_xlabel("stories")
    right.xaxis.set_major_locator(MaxNLocator(integer=True))
    if not len(pairs):
        right.text(
            0.5, 0.5, "no places away from the filing city", ha="center", transform=right.transAxes
        )
    return fig
