"""Boundaries for maps, shipped with the package so maps work with no internet access.

Simplified GeoJSON (WGS84) of the 5 planning regions and the 43 municipalities (ATVK 2021);
origin, licence and caveats in ``boundaries/GEO_SOURCES.md``, whose required attribution
(``roma_monitor.serve.i18n.boundaries_attribution``) must be shown with every map.

Feature properties: ``code`` (planning-region code such as ``LATGALE``, or the 7-digit ATVK
2021 code, the same codes as ``geo_code`` in the published marts), ``name`` (Latvian),
``name_en``; municipalities also ``kind`` and ``planning_region``.

The dashboard's maps load the same boundaries as static files served by Streamlit itself
(``dashboard/static/boundaries/``, written by ``write_map_boundaries``): sent inline, the
geometry was serialised again on every rerun of a page with a map (about a third of the
platform page's server time). ``python -m roma_monitor.serve.geo <folder>`` rewrites them after
the shipped boundaries change; a test checks that they match.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any, Literal

BOUNDARIES_DIR = Path(__file__).resolve().parent / "boundaries"
BOUNDARY_FILES = {
    "planning_region": "lv_planning_regions_2021.geojson",
    "municipality": "lv_municipalities_2021.geojson",
}
# The browser's copies (``map_boundaries``): JSON, so any static server labels them as such.
MAP_BOUNDARY_FILES = {
    "planning_region": "lv_planning_regions_2021.json",
    "municipality": "lv_municipalities_2021.json",
}
GeoLevel = Literal["planning_region", "municipality"]
# Nominative short names for map labels (the boundary names are "Rīgas plānošanas reģions").
REGION_SHORT_NAMES = {
    "RIGA": {"lv": "Rīga", "en": "Riga"},
    "VIDZEME": {"lv": "Vidzeme", "en": "Vidzeme"},
    "KURZEME": {"lv": "Kurzeme", "en": "Kurzeme"},
    "ZEMGALE": {"lv": "Zemgale", "en": "Zemgale"},
    "LATGALE": {"lv": "Latgale", "en": "Latgale"},
}


@cache
def load_boundaries(level: GeoLevel) -> dict:
    """The GeoJSON FeatureCollection of ``level``, read once (shared: callers only read it)."""
    return json.loads((BOUNDARIES_DIR / BOUNDARY_FILES[level]).read_text(encoding="utf-8"))


@cache
def boundary_names(level: GeoLevel) -> dict[str, tuple[str, str]]:
    """Code → (Latvian name, English name) of the areas of ``level``, in the files' order."""
    return {
        f["properties"]["code"]: (f["properties"].get("name"), f["properties"].get("name_en"))
        for f in load_boundaries(level)["features"]
    }


def rings(geometry: dict) -> list[list[list[float]]]:
    """The exterior rings of a Polygon or MultiPolygon (planning regions have no holes)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area (absolute) and centroid of a ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def label_point(exterior: list[list[list[float]]]) -> tuple[float, float]:
    """Where an area's label goes: the centroid of its largest ring (inside the region for
    the planning regions)."""
    _, x, y = max(
        (_ring_area_centroid([tuple(p[:2]) for p in r]) for r in exterior), default=(0,) * 3
    )
    return x, y


@cache
def region_labels(lang: str) -> tuple[tuple[str, str, float, float], ...]:
    """(code, short name, longitude, latitude) of each planning region's label."""
    labels = []
    for feature in load_boundaries("planning_region")["features"]:
        code = feature["properties"]["code"]
        name = REGION_SHORT_NAMES.get(code, {}).get(lang) or str(feature["properties"]["name"])
        labels.append((code, name, *label_point(rings(feature["geometry"]))))
    return tuple(labels)


def d3_winding(geometry: dict[str, Any]) -> dict[str, Any]:
    """The geometry with every ring reversed. The shipped files follow RFC 7946 (outer rings
    counter-clockwise); d3-geo, which draws Vega's geoshapes on the sphere, reads a
    counter-clockwise ring as "everything but this area" and would fill the whole map."""
    if geometry["type"] == "Polygon":
        rings = [ring[::-1] for ring in geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        rings = [[ring[::-1] for ring in polygon] for polygon in geometry["coordinates"]]
    else:
        return geometry
    return {"type": geometry["type"], "coordinates": rings}


def map_boundaries(level: GeoLevel) -> dict:
    """The boundaries of ``level`` as the dashboard's maps draw them: d3's winding, the area's
    code as the feature's ``id`` (what the maps join their figures on) and nothing else; names
    and figures come with the chart."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": feature["properties"]["code"],
                "geometry": d3_winding(feature["geometry"]),
            }
            for feature in load_boundaries(level)["features"]
        ],
    }


def map_boundaries_text(level: GeoLevel) -> str:
    """``map_boundaries`` as the file holds it (compact JSON, one line)."""
    return json.dumps(map_boundaries(level), separators=(",", ":")) + "\n"


def write_map_boundaries(directory: Path) -> list[Path]:
    """Write the maps' boundary files (``MAP_BOUNDARY_FILES``) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for level, name in MAP_BOUNDARY_FILES.items():
        (directory / name).write_text(map_boundaries_text(level), encoding="utf-8")
    return [directory / name for name in MAP_BOUNDARY_FILES.values()]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(
            "usage: python -m roma_monitor.serve.geo <folder, e.g. dashboard/static/boundaries>"
        )
    for written_path in write_map_boundaries(Path(sys.argv[1])):
        print(written_path)
