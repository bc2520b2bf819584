"""The choropleth the Regions and Platform pages share, and the click that filters by area.

Offline by construction: the boundaries ship with the project and no tiles are drawn. The
geometry reaches the browser as a static file that Streamlit serves itself
(``server.enableStaticServing``, ``dashboard/static/boundaries/``, written by
``roma_monitor.serve.geo.write_map_boundaries``); the chart carries only the figures, one row
per area (``code``, ``name``, ``value``, the tooltip texts), joined to the boundary with the
area's code. Sending the geometry inline cost every rerun of a page with a map ~90 ms of server
time: Streamlit serialises and parses a chart's spec several times.

Colours: a sequential blue scheme (readable with the common colour-vision deficiencies),
areas with no published figure in grey with their own "no data" legend item, and the area the
region filter selects outlined in black, so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from app_style import vega_locale
from app_ui import select_region

from roma_monitor.serve.formatting import Kind, format_cell, is_missing
from roma_monitor.serve.geo import MAP_BOUNDARY_FILES, boundary_names, region_labels
from roma_monitor.serve.i18n import boundaries_attribution
from roma_monitor.serve.viewmodel import ViewTable, is_number

SCHEME = "blues"
NO_DATA_COLOUR = "#BBBBBB"
BORDER_COLOUR = "#FFFFFF"
OUTLINE_COLOUR = "#000000"
SELECTION = "area_click"  # the Vega-Lite point-selection parameter reporting a click
MAP_HEIGHT = 420
# The layers, by their Vega-Lite view names.
AREAS, NO_DATA, OUTLINE = "areas", "areas_without_data", "selected_area"
LABELS, LABEL_HALOS = "area_labels", "area_label_halos"
LABEL_COLOUR = "#1A1A1A"
# Where Streamlit serves dashboard/static/, relative to the page (so a base URL path works).
STATIC_BOUNDARIES = "app/static/boundaries"
GEOJSON_FEATURES = {"type": "json", "property": "features"}


def _name(level: str, code: str, lang: str) -> str:
    name_lv, name_en = boundary_names(level).get(code, (None, None))
    return str((name_en if lang == "en" else name_lv) or code)


def map_rows(
    figures: pd.DataFrame,
    level: str,
    lang: str,
    fields: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """One row per area of ``level`` (the boundary files' order): its ``code``, ``name``, the
    ``value`` and the ``fields`` of its row in ``figures`` (matched on ``geo_code``); an area
    without a row gets nulls."""
    plain = figures.astype(object).where(figures.notna(), None)  # JSON-safe: NaN is null
    rows = {str(row["geo_code"]): row for row in plain.to_dict("records")}
    shown = []
    for code in boundary_names(level):
        row = rows.get(code, {})
        flat = {"code": code, "name": _name(level, code, lang), "value": row.get("value")}
        flat.update({name: row.get(name) for name in fields})
        shown.append(flat)
    return shown


def _joined(level: str, rows: list[dict[str, Any]], filtered: bool) -> dict[str, Any]:
    """The data and transforms of a layer: the static boundary file of ``level`` (a datum per
    area, a GeoJSON feature whose ``id`` is the area's code) with ``rows`` joined on the code;
    ``filtered`` keeps only the areas that have a row."""
    fields = list(dict.fromkeys(name for row in rows for name in row))
    transform: list[dict[str, Any]] = [
        {"lookup": "id", "from": {"data": {"values": rows}, "key": "code", "fields": fields}}
    ]
    if filtered:
        transform.append({"filter": "isValid(datum.code)"})
    data = {"url": f"{STATIC_BOUNDARIES}/{MAP_BOUNDARY_FILES[level]}", "format": GEOJSON_FEATURES}
    return {"data": data, "transform": transform}


def label_layers(lang: str) -> list[dict[str, Any]]:
    """The planning regions' names at their label points, dark on a white halo so they read
    on every shade of blue (the municipalities are too many: their names are in the
    tooltip)."""
    labels = [
        {"code": code, "label": name, "lon": lon, "lat": lat}
        for code, name, lon, lat in region_labels(lang)
    ]
    encoding = {
        "longitude": {"field": "lon", "type": "quantitative"},
        "latitude": {"field": "lat", "type": "quantitative"},
        "text": {"field": "label", "type": "nominal"},
    }
    text = {"type": "text", "fontSize": 13, "fontWeight": 600, "tooltip": None}
    halo = {**text, "color": "#FFFFFF", "stroke": "#FFFFFF", "strokeWidth": 3, "opacity": 0.85}
    return [
        {"name": name, "data": {"values": labels}, "mark": mark, "encoding": encoding}
        for name, mark in ((LABEL_HALOS, halo), (LABELS, {**text, "color": LABEL_COLOUR}))
    ]


@st.cache_data(max_entries=128, show_spinner=False)
def map_spec(
    shown: pd.DataFrame,
    level: str,
    lang: str,
    *,
    tooltip: Sequence[tuple[str, str]],
    value_title: str,
    no_data_label: str,
    selected: str | None = None,
    value_format: str = ",.0f",
) -> dict[str, Any]:
    """The Vega-Lite spec of a choropleth of the areas of ``level`` with their figures:
    ``shown`` has ``geo_code``, ``value`` and the tooltip fields (``name`` comes from the
    boundaries; ``map_rows``). Blue by ``value``, grey where it is null, the ``selected`` area
    (of either level) outlined; ``tooltip`` is (field, title) pairs of the rows' own (already
    formatted) texts. Clicking an area selects its ``code`` (``SELECTION``).

    Cached by content, so a rerun that changes nothing on the map (another widget, the same
    filters) does not rebuild it. Written as plain Vega-Lite: Altair validates every part as
    it is built (~60 ms for this chart, paid by the first visitor of each map after a
    publication)."""
    rows = map_rows(shown, level, lang, [field for field, _ in tooltip if field != "name"])
    layers = []
    missing = [
        {"code": row["code"], "legend": no_data_label} for row in rows if row["value"] is None
    ]
    if missing:
        # Drawn first and covered by the main layer: it only contributes the grey legend item
        # (a conditional colour has no legend entry of its own).
        legend_item = {
            "field": "legend",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [no_data_label], "range": [NO_DATA_COLOUR]},
            "legend": {"orient": "bottom"},
        }
        layers.append(
            {
                "name": NO_DATA,
                "mark": {"type": "geoshape", "stroke": BORDER_COLOUR, "strokeWidth": 0.5},
                "encoding": {"fill": legend_item},
                **_joined(level, missing, filtered=True),
            }
        )
    colour = {
        "condition": {
            "test": "isValid(datum.value)",
            "field": "value",
            "type": "quantitative",
            "title": value_title,
            "scale": {"scheme": SCHEME, "zero": True},
            # counts only (money is mapped nowhere): no fractional ticks on a 0-2 scale
            "legend": {
                "orient": "bottom",
                "format": value_format,
                "gradientLength": 220,
                "tickMinStep": 1,
            },
        },
        "value": NO_DATA_COLOUR,
    }
    layers.append(
        {
            "name": AREAS,
            "mark": {
                "type": "geoshape",
                "stroke": BORDER_COLOUR,
                "strokeWidth": 0.6,
                "cursor": "pointer",
            },
            "encoding": {
                "color": colour,
                "tooltip": [
                    {"field": field, "type": "nominal", "title": title} for field, title in tooltip
                ],
            },
            **_joined(level, rows, filtered=False),
        }
    )
    if level == "planning_region":
        layers += label_layers(lang)
    outline_level = next((lv for lv in MAP_BOUNDARY_FILES if selected in boundary_names(lv)), None)
    if outline_level is not None:
        row = {"code": selected, "name": _name(outline_level, selected, lang)}
        layers.append(
            {
                "name": OUTLINE,
                "mark": {
                    "type": "geoshape",
                    "filled": False,
                    "stroke": OUTLINE_COLOUR,
                    "strokeWidth": 2.5,
                },
                "encoding": {"tooltip": {"field": "name", "type": "nominal", "title": None}},
                **_joined(outline_level, [row], filtered=True),
            }
        )
    click = {"type": "point", "fields": ["code"], "on": "click", "toggle": False, "clear": False}
    return {
        "$schema": alt.SCHEMA_URL,
        "config": {
            "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
            "locale": vega_locale(lang),
        },
        "height": MAP_HEIGHT,
        "layer": layers,
        "params": [{"name": SELECTION, "select": click, "views": [AREAS]}],
        "projection": {"type": "mercator"},
    }


def clicked_code(state: Any, selection: str = SELECTION) -> str | None:
    """The area code a map click reported, from the chart's selection state (Streamlit's
    ``{"selection": {SELECTION: [{"code": ...}]}}``); None when nothing is selected."""
    if not state:
        return None
    try:
        points = state["selection"][selection]
    except (KeyError, TypeError):
        return None
    if isinstance(points, Mapping):  # some Vega versions report one point as a mapping
        points = [points]
    for point in points or []:
        if isinstance(point, Mapping):
            code = point.get("code")
            if isinstance(code, list):
                code = code[0] if code else None
            if code:
                return str(code)
    return None


def on_map_click(key: str) -> None:
    """Chart callback: a click on an area sets the region filter (the other views follow).
    An emptied selection (a redraw after the filter changed, a double click) keeps the filter:
    the sidebar is the way back to all of Latvia."""
    code = clicked_code(st.session_state.get(key))
    if code:
        select_region(code)


def render_map(spec: dict[str, Any], key: str, alt_text: str, lang: str) -> None:
    """Draw a choropleth spec that filters by area on click, with the required attribution."""
    st.vega_lite_chart(
        spec=spec,
        width="stretch",
        key=key,
        on_select=lambda: on_map_click(key),
        selection_mode=SELECTION,
        alt=alt_text,
    )
    st.caption(boundaries_attribution(lang))


def _bare_digits(value: Any, text: str) -> bool:
    """A whole number the page writes as its bare digits, as the grid's own ``%d`` does."""
    whole = not is_missing(value) and is_number(value) and float(value).is_integer()
    return whole and text == str(int(value))


def show_view(
    table: ViewTable,
    lang: str,
    container: Any = st,
    column_config: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """A view's screen table (``View.table(..., screen=True)``) as a sortable grid: numbers
    stay numbers, so the grid sorts on them, and show the page's texts through a pandas Styler
    (the grid shows a null cell as "None" whatever the Styler says). A column whose texts are
    the bare digits of whole numbers (counts under 1 000) gets the grid's ``%d`` format
    instead: the same text without a Styler, which costs ~20 ms of server time for a 43-row
    table on every rerun. A figure with marks (a withheld ``×``, a rounded ``≈155``) is its
    text, aligned right."""
    frame, formats, config = {}, {}, dict(column_config or {})
    for column in table.columns:
        header = column.header
        if any(m.get("withheld") is not None or m.get("rounded") is not None for m in column.marks):
            frame[header] = column.shown(lang)
            config[header] = st.column_config.TextColumn(alignment="right")
            continue
        frame[header] = list(column.values)
        if column.kind in (Kind.LABEL, Kind.CODE):
            continue
        fmt = partial(format_cell, column.kind, lang=lang)
        if header not in config and all(_bare_digits(v, fmt(v)) for v in column.values):
            config[header] = st.column_config.NumberColumn(format="%d")
        else:
            formats[header] = fmt
    data = pd.DataFrame(frame)
    container.dataframe(
        data.style.format(formats) if formats else data, column_config=config or None, **kwargs
    )
