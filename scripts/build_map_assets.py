"""Build the map assets in src/wirenlp/data/ that make ``wirenlp.export.maps`` work offline:
Leaflet's script, style sheet and images, and a country-outline base layer.

Both come from the npm registry, fetched with npm's own client (``npm pack``), versions pinned:

- ``leaflet`` (BSD-2-Clause): ``dist/leaflet.js``, ``dist/leaflet.css``, ``dist/images/*.png``
  and ``LICENSE`` are copied to ``data/leaflet/`` unchanged;
- ``world-atlas`` (ISC; the data is Natural Earth's, public domain): ``countries-110m.json``
  (TopoJSON, 1:110m) is decoded to GeoJSON here, coordinates rounded to 0.01° (about 1 km),
  properties reduced to the country ``name``, and written gzipped as
  ``data/countries-110m.geojson.gz``.

Run from the repository root (needs ``npm`` and network access to the npm registry)::

    python scripts/build_map_assets.py

or with already unpacked packages: ``--leaflet DIR --world-atlas DIR`` (each the ``package/``
folder of the tarball). The output is deterministic for the same package versions.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "wirenlp" / "data"
LEAFLET_VERSION = "1.9.4"
WORLD_ATLAS_VERSION = "2.0.2"
DIGITS = 2


def npm_package(name: str, version: str, work: Path) -> Path:
    """``npm pack name@version`` into ``work`` and unpack it; returns its ``package/`` folder."""
    subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=work, check=True)
    tarball = next(work.glob(f"{name}-{version}.tgz"))
    target = work / name
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def copy_leaflet(package: Path, version: str) -> None:
    out = DATA / "leaflet"
    if out.exists():
        shutil.rmtree(out)
    (out / "images").mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(package / "dist" / name, out / name)
    for image in sorted((package / "dist" / "images").glob("*.png")):
        shutil.copyfile(image, out / "images" / image.name)
    shutil.copyfile(package / "LICENSE", out / "LICENSE")
    (out / "VERSION").write_text(f"leaflet {version} (npm registry)\n", encoding="utf-8")


def _arc_points(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology as absolute longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]] | None:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    deduped = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
    if len(deduped) < 4:  # nothing left at this precision
        return None
    # a ring that crosses the antimeridian (Fiji, Chukotka) jumps by 360°: unwrap it, so that it
    # is drawn past ±180° instead of as a band across the whole map
    ring = [list(deduped[0])]
    for x, y in deduped[1:]:
        previous = ring[-1][0]
        while x - previous > 180:
            x -= 360
        while previous - x > 180:
            x += 360
        ring.append([round(x, DIGITS), y])
    return ring


def _polygon(rings: list[list[int]], arcs: list[list[tuple[float, float]]]) -> list[Any] | None:
    decoded = [_ring(r, arcs) for r in rings]
    if decoded[0] is None:
        return None
    return [r for r in decoded if r is not None]


def outlines(topology: dict[str, Any], layer: str = "countries") -> dict[str, Any]:
    """GeoJSON FeatureCollection of one TopoJSON object's polygons (properties: ``name``)."""
    arcs = _arc_points(topology)
    features = []
    for geometry in topology["objects"][layer]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [_polygon(geometry["arcs"], arcs)]
        elif geometry["type"] == "MultiPolygon":
            polygons = [_polygon(p, arcs) for p in geometry["arcs"]]
        else:
            continue
        kept = [p for p in polygons if p]
        if not kept:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": geometry.get("properties", {}).get("name")},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_outlines(package: Path) -> Path:
    topology = json.loads((package / "countries-110m.json").read_text(encoding="utf-8"))
    collection = outlines(topology)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    path = DATA / "countries-110m.geojson.gz"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))
    print(
        f"{path.relative_to(ROOT)}: {len(collection['features'])} countries, "
        f"{len(text):,} bytes of GeoJSON, {path.stat().st_size:,} gzipped"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--leaflet", type=Path, help="unpacked leaflet package/ folder")
    parser.add_argument("--world-atlas", type=Path, help="unpacked world-atlas package/ folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        leaflet = args.leaflet or npm_package("leaflet", LEAFLET_VERSION, work)
        atlas = args.world_atlas or npm_package("world-atlas", WORLD_ATLAS_VERSION, work)
        for package, version in ((leaflet, LEAFLET_VERSION), (atlas, WORLD_ATLAS_VERSION)):
            found = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
            if found != version:
                raise SystemExit(f"{package}: version {found}, expected {version}")
        copy_leaflet(leaflet, LEAFLET_VERSION)
        write_outlines(atlas)


if __name__ == "__main__":
    main()
