"""The archive as :class:`wirenlp.Frames`, so that the maps and charts of
:mod:`wirenlp.export` draw an archive as they draw a batch of pages.

Each stored story is one "page" of the frames (``page`` = its rank by first sighting, ``story``
= 0): a story seen on many pages counts once. Entity clusters are archive entities
(``cluster`` = the entity id as text); place mentions take their entity's gazetteer link.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..export.frames import Frames
    from .store import Archive

__all__ = ["archive_frames"]

STORIES = """
select s.*, a.role, a.section, a.time_label, a.time_earliest, a.time_latest,
       (select count(*) from mentions m where m.story = s.story) as n_entities
from stories s
left join (select story, role, section, time_label, time_earliest, time_latest,
                  row_number() over (partition by story order by seen, page, position) as k
           from appearances) a on a.story = s.story and a.k = 1
where ($since is null or s.first_seen >= $since) and ($until is null or s.first_seen < $until)
order by s.first_seen, s.story
"""

MENTIONS = """
select m.*, e.name, e.kind as entity_kind, e.link, e.link_name, e.country_code, e.latitude,
       e.longitude
from mentions m join entities e using (entity)
where m.story in (select unnest($stories))
order by m.story, m.mention
"""


def _records(cur: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _link(row: dict[str, Any]) -> dict[str, Any]:
    link = row["link"]
    if not isinstance(link, str):
        return {}
    if link.startswith("kb:"):
        return {"link_type": "kb", "link_id": link[3:], "link_name": row["link_name"]}
    geonameid = int(link.split(":", 1)[1]) if link.startswith("geonames:") else None
    return {
        "link_type": "place",
        "link_id": None if geonameid is None else str(geonameid),
        "link_name": row["link_name"],
        "geonameid": geonameid,
        "country_code": row["country_code"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
    }


def archive_frames(
    archive: Archive, since: datetime | None = None, until: datetime | None = None
) -> Frames:
    """The stories first seen in ``[since, until)`` (all by default) as
    :class:`wirenlp.Frames` (see the module docs): ``wirenlp.export.maps.place_map(
    archive.frames(), tiles=None)`` maps the archive's places offline."""
    from ..export.frames import FRAME_COLUMNS, Frames, frame

    with archive.connection() as cur:
        stories = _records(cur.execute(STORIES, {"since": since, "until": until}))
        keys = [s["story"] for s in stories]
        mentions = _records(cur.execute(MENTIONS, {"stories": keys})) if keys else []
    index = {key: n for n, key in enumerate(keys)}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in FRAME_COLUMNS}
    for n, s in enumerate(stories):
        text = s["text"]
        rows["pages"].append(
            {
                "page": n,
                "n_stories": 1,
                "n_entities": int(s["n_entities"]),
                "n_clusters": 0,
                "n_chars": len(text),
                "reference_time": s["first_seen"],
                "text": text,
            }
        )
        story = {k: v for k, v in s.items() if k in FRAME_COLUMNS["stories"]}
        story.update(page=n, story=0, start=0, end=len(text), role=s["role"] or "main")
        rows["stories"].append(story)
    per_cluster: dict[tuple[int, str], dict[str, Any]] = {}
    for m in mentions:
        page = index[m["story"]]
        cluster = str(m["entity"])
        link = _link(m)
        rows["entities"].append(
            {
                "page": page,
                "story": 0,
                "entity": int(m["mention"]),
                "text": m["text"],
                "start": int(m["start"]),
                "end": int(m["end"]),
                "kind": m["kind"],
                "label": m["label"],
                "source": m["source"],
                "cluster": cluster,
                **link,
            }
        )
        if link.get("link_type") == "place" and m["latitude"] is not None:
            rows["places"].append(
                {
                    "page": page,
                    "story": 0,
                    "origin": "dateline" if m["source"] == "dateline" else "body",
                    "text": m["text"],
                    "start": int(m["start"]),
                    "end": int(m["end"]),
                    "kind": m["kind"],
                    "cluster": cluster,
                    "geonameid": link["geonameid"],
                    "name": m["link_name"],
                    "country_code": m["country_code"],
                    "latitude": m["latitude"],
                    "longitude": m["longitude"],
                }
            )
        entry = per_cluster.setdefault(
            (page, cluster),
            {
                "page": page,
                "cluster": cluster,
                "name": m["name"],
                "kind": m["entity_kind"],
                "mentions": 0,
                "n_stories": 1,
                "stories": "0",
                **link,
            },
        )
        entry["mentions"] += 1
    rows["clusters"] = list(per_cluster.values())
    for page, _cluster in per_cluster:
        rows["pages"][page]["n_clusters"] += 1
    return Frames(**{name: frame(rows[name], FRAME_COLUMNS[name]) for name in FRAME_COLUMNS})
