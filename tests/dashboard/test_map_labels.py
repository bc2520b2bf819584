"""The maps name the planning regions on screen, as the PDF's map does (issue 15): a label per
region, inside the region, in the page's language; municipalities are named on hover only."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from roma_monitor.serve.geo import load_boundaries

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
if str(DASHBOARD) not in sys.path:  # the dashboard's modules import each other by name
    sys.path.insert(0, str(DASHBOARD))

import app_maps  # noqa: E402

NAMES = {
    "lv": {"RIGA": "Rīga", "VIDZEME": "Vidzeme", "KURZEME": "Kurzeme", "ZEMGALE": "Zemgale",
           "LATGALE": "Latgale"},
    "en": {"RIGA": "Riga", "VIDZEME": "Vidzeme", "KURZEME": "Kurzeme", "ZEMGALE": "Zemgale",
           "LATGALE": "Latgale"},
}  # fmt: skip


def spec(level: str, lang: str) -> dict:
    figures = pd.DataFrame({"geo_code": ["LATGALE"], "value": [646]})
    return app_maps.map_spec(
        figures, level, lang, value_title="Vērtība", tooltip=[], no_data_label="nav datu"
    )


def inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: whether the point lies inside the ring."""
    crossings = 0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            crossings += 1
    return crossings % 2 == 1


def polygons(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_each_planning_region_is_named_inside_itself(lang: str) -> None:
    [labels] = [layer for layer in spec("planning_region", lang)["layer"] if
                layer["name"] == app_maps.LABELS]  # fmt: skip
    shown = {row["code"]: row for row in labels["data"]["values"]}
    assert {code: row["label"] for code, row in shown.items()} == NAMES[lang]
    assert labels["encoding"]["text"]["field"] == "label"
    for feature in load_boundaries("planning_region")["features"]:
        row = shown[feature["properties"]["code"]]
        rings = polygons(feature["geometry"])
        assert any(inside(row["lon"], row["lat"], [p[:2] for p in r]) for r in rings), row


def test_municipalities_are_named_on_hover_only() -> None:
    names = [layer["name"] for layer in spec("municipality", "lv")["layer"]]
    assert app_maps.LABELS not in names and app_maps.LABEL_HALOS not in names
