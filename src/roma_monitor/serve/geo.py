"""Boundaries for maps, shipped with the package so maps work with no internet access.

Simplified GeoJSON (WGS84) of the 5 planning regions and the 43 municipalities (ATVK 2021);
origin, licence and caveats in ``boundaries/GEO_SOURCES.md``, whose required attribution
(``roma_monitor.serve.i18n.BOUNDARIES_ATTRIBUTION``) must be shown with every map.

Feature properties: ``code`` (planning-region code such as ``LATGALE``, or the 7-digit ATVK
2021 code, the same codes as ``geo_code`` in the published marts), ``name`` (Latvian),
``name_en``; municipalities also ``kind`` and ``planning_region``.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Literal

BOUNDARIES_DIR = Path(__file__).resolve().parent / "boundaries"
BOUNDARY_FILES = {
    "planning_region": "lv_planning_regions_2021.geojson",
    "municipality": "lv_municipalities_2021.geojson",
}
GeoLevel = Literal["planning_region", "municipality"]


@cache
def _read(level: str) -> dict:
    return json.loads((BOUNDARIES_DIR / BOUNDARY_FILES[level]).read_text(encoding="utf-8"))


def load_boundaries(level: GeoLevel) -> dict:
    """The GeoJSON FeatureCollection of ``level`` (a fresh copy: callers may add properties)."""
    if level not in BOUNDARY_FILES:
        raise ValueError(f"no boundaries for {level!r}; choose one of {sorted(BOUNDARY_FILES)}")
    return copy.deepcopy(_read(level))


def boundary_codes(level: GeoLevel) -> list[str]:
    return [feature["properties"]["code"] for feature in _read(level)["features"]]
