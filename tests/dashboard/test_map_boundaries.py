"""The maps' boundary files (dashboard/static/boundaries/) are the shipped boundaries in the
form the maps draw, and Streamlit is told to serve them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from roma_monitor.serve.geo import (
    MAP_BOUNDARY_FILES,
    boundary_names,
    d3_winding,
    load_boundaries,
    map_boundaries_text,
)

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


@pytest.mark.parametrize("level", sorted(MAP_BOUNDARY_FILES))
def test_static_files_match_the_shipped_boundaries(level: str) -> None:
    path = DASHBOARD / "static" / "boundaries" / MAP_BOUNDARY_FILES[level]
    text = path.read_text(encoding="utf-8")
    assert text == map_boundaries_text(level), (
        f"{path.name} is out of date: python -m roma_monitor.serve.geo dashboard/static/boundaries"
    )
    features = json.loads(text)["features"]
    assert [f["id"] for f in features] == list(boundary_names(level))
    shipped = load_boundaries(level)["features"]
    assert [f["geometry"] for f in features] == [d3_winding(f["geometry"]) for f in shipped]


def test_d3_winding_reverses_every_ring() -> None:
    ring = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    assert d3_winding({"type": "Polygon", "coordinates": [ring]})["coordinates"] == [ring[::-1]]
    multi = d3_winding({"type": "MultiPolygon", "coordinates": [[ring], [ring]]})
    assert multi["coordinates"] == [[ring[::-1]], [ring[::-1]]]


def test_streamlit_serves_the_static_folder() -> None:
    config = tomllib.loads((DASHBOARD / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["enableStaticServing"] is True
