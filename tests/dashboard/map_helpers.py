"""Reading the choropleth specs of the dashboard (dashboard/app_maps.py) in tests: each layer
is named (``areas``, ``areas_without_data``, ``selected_area``) and carries its rows in the
lookup that joins them to the boundary file; the geometry itself is a static file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
STATIC_PREFIX = "app/static/"


def layer(spec: dict, name: str) -> dict | None:
    return next((item for item in spec.get("layer", []) if item.get("name") == name), None)


def layer_rows(spec: dict, name: str) -> list[dict[str, Any]]:
    """The rows a layer joins to the boundaries (empty when the map has no such layer)."""
    found = layer(spec, name)
    if found is None:
        return []
    lookup = next(step for step in found["transform"] if "lookup" in step)
    return lookup["from"]["data"]["values"]


def map_codes(spec: dict) -> list[str]:
    return [row["code"] for row in layer_rows(spec, "areas")]


def urls(node: Any):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url":
                yield value
            yield from urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from urls(value)


def assert_offline(spec: dict) -> None:
    """Every data URL is a boundary file the dashboard serves itself (nothing from the
    internet), and the file is there."""
    found = list(urls(spec))
    assert found
    for url in found:
        assert url.startswith(STATIC_PREFIX), url
        assert (DASHBOARD / "static" / url.removeprefix(STATIC_PREFIX)).is_file(), url
    assert "http" not in str([layer.get("data") for layer in spec["layer"]])
