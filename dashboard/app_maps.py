"""The choropleth the Regions and Platform pages share, and the click that filters by area.

Offline by construction: the boundaries ship with the package
(``roma_monitor.serve.geo.load_boundaries``) and go into the Vega-Lite spec as inline GeoJSON
features; there are no tiles and no data URLs. Each feature is flattened to carry what the
chart needs at its top level (``code``, ``name``, ``value``, the tooltip texts), which keeps
the Vega-Lite fields simple and lets a point selection on ``code`` report the clicked area.

Colours: a sequential blue scheme (readable with the common colour-vision deficiencies),
areas with no published figure in grey with their own "no data" legend item, and the area the
region filter selects outlined in black, so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from app_style import vega_locale
from app_ui import select_region

from roma_monitor.serve.formatting import is_missing
from roma_monitor.serve.geo import load_boundaries
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION

SCHEME = "blues"
NO_DATA_COLOUR = "#BBBBBB"
BORDER_COLOUR = "#FFFFFF"
OUTLINE_COLOUR = "#000000"
SELECTION = "area_click"  # the Vega-Lite point-selection parameter reporting a click
LEVELS = ("planning_region", "municipality")
MAP_HEIGHT = 420
AREAS, NO_DATA, OUTLINE = "areas", "areas_without_data", "selected_area"


def _d3_winding(geometry: dict[str, Any]) -> dict[str, Any]:
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


@cache
def _boundaries(level: str) -> dict:
    """The shipped boundaries in d3's winding, read once per process; never mutated here
    (features are rebuilt, their geometry shared)."""
    collection = load_boundaries(level)
    for feature in collection["features"]:
        feature["geometry"] = _d3_winding(feature["geometry"])
    return collection


def _name(feature: Mapping[str, Any], lang: str) -> str:
    props = feature["properties"]
    return str(props.get("name_en") if lang == "en" else props.get("name")) or props["code"]


def _plain(value: Any) -> Any:
    """JSON-safe cell: NaN/NA become null (Vega's ``isValid`` then reads "no data")."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def map_features(
    figures: pd.DataFrame,
    level: str,
    lang: str,
    fields: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The boundary features of ``level``, each with the area's ``value`` and the ``fields``
    of its row in ``figures`` (matched on ``geo_code``); an area without a row gets nulls."""
    rows = {str(row["geo_code"]): row for row in figures.to_dict("records")}
    features = []
    for feature in _boundaries(level)["features"]:
        code = feature["properties"]["code"]
        row = rows.get(code, {})
        flat = {
            "type": "Feature",
            "geometry": feature["geometry"],
            "code": code,
            "name": _name(feature, lang),
            "value": _plain(row.get("value")),
        }
        flat.update({name: _plain(row.get(name)) for name in fields})
        features.append(flat)
    return features


def _outline_feature(code: str | None, lang: str) -> dict[str, Any] | None:
    """The boundary of the selected area at whichever level it belongs to (a planning region is
    outlined on the municipality map too, and a municipality on the region map)."""
    if not code:
        return None
    for level in LEVELS:
        for feature in _boundaries(level)["features"]:
            if feature["properties"]["code"] == code:
                return {
                    "type": "Feature",
                    "geometry": feature["geometry"],
                    "code": code,
                    "name": _name(feature, lang),
                }
    return None


def choropleth(
    features: list[dict[str, Any]],
    *,
    value_title: str,
    tooltip: Sequence[tuple[str, str]],
    no_data_label: str,
    selected: str | None = None,
    lang: str = "lv",
    value_format: str = ",.0f",
) -> dict[str, Any]:
    """The Vega-Lite spec of a choropleth of ``features`` (from ``map_features``): blue by
    ``value``, grey where it is null, the ``selected`` area outlined; ``tooltip`` is (field,
    title) pairs of the features' own (already formatted) texts. Clicking an area selects its
    ``code`` (``SELECTION``).

    Altair describes the layers, but the geometry is attached afterwards as named datasets:
    Altair validates and walks every coordinate it holds, which made each map cost a second
    of server time per interaction."""
    click = alt.selection_point(
        fields=["code"], name=SELECTION, on="click", toggle=False, clear=False
    )
    datasets: dict[str, list[dict[str, Any]]] = {AREAS: features}
    layers: list[alt.Chart] = []
    missing = [dict(f, legend=no_data_label) for f in features if f["value"] is None]
    if missing:
        # Drawn first and covered by the main layer: it only contributes the grey legend item
        # (a conditional colour has no legend entry of its own).
        datasets[NO_DATA] = missing
        layers.append(
            alt.Chart(alt.NamedData(NO_DATA))
            .mark_geoshape(stroke=BORDER_COLOUR, strokeWidth=0.5)
            .encode(
                fill=alt.Fill(
                    "legend:N",
                    title=None,
                    scale=alt.Scale(domain=[no_data_label], range=[NO_DATA_COLOUR]),
                    legend=alt.Legend(orient="bottom"),
                )
            )
        )
    colour = alt.condition(
        "isValid(datum.value)",
        alt.Color(
            "value:Q",
            title=value_title,
            scale=alt.Scale(scheme=SCHEME, zero=True),
            # counts only (money is mapped nowhere): no fractional ticks on a 0-2 scale
            legend=alt.Legend(
                orient="bottom", format=value_format, gradientLength=220, tickMinStep=1
            ),
        ),
        alt.value(NO_DATA_COLOUR),
    )
    layers.append(
        alt.Chart(alt.NamedData(AREAS))
        .mark_geoshape(stroke=BORDER_COLOUR, strokeWidth=0.6, cursor="pointer")
        .encode(
            color=colour,
            tooltip=[alt.Tooltip(f"{field}:N", title=title) for field, title in tooltip],
        )
        .add_params(click)
    )
    outline = _outline_feature(selected, lang)
    if outline is not None:
        datasets[OUTLINE] = [outline]
        layers.append(
            alt.Chart(alt.NamedData(OUTLINE))
            .mark_geoshape(filled=False, stroke=OUTLINE_COLOUR, strokeWidth=2.5)
            .encode(tooltip=alt.Tooltip("name:N", title=None))
        )
    chart = (
        alt.layer(*layers)
        .project(type="mercator")
        .properties(height=MAP_HEIGHT)
        .configure(locale=vega_locale(lang))
        .configure_view(stroke=None)
    )
    spec = chart.to_dict(validate=False)  # built from checked parts; validation is slow
    spec["datasets"] = datasets
    return spec


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
    """``choropleth`` of ``map_features``: ``shown`` has ``geo_code``, ``value`` and the
    tooltip fields (``name`` comes from the boundaries). Cached by content, so a rerun that
    changes nothing on the map (another widget, the same filters) does not rebuild it."""
    fields = tuple(field for field, _ in tooltip if field != "name")
    rows = tuple(
        tuple(_plain(v) for v in row)
        for row in shown[["geo_code", "value", *fields]].itertuples(index=False, name=None)
    )
    return _cached_spec(
        rows, fields, level, lang, tuple(tooltip), value_title, no_data_label, selected,
        value_format,
    )  # fmt: skip


@st.cache_data(max_entries=128, show_spinner=False)
def _cached_spec(
    rows: tuple[tuple[Any, ...], ...],
    fields: tuple[str, ...],
    level: str,
    lang: str,
    tooltip: tuple[tuple[str, str], ...],
    value_title: str,
    no_data_label: str,
    selected: str | None,
    value_format: str,
) -> dict[str, Any]:
    figures = pd.DataFrame(list(rows), columns=["geo_code", "value", *fields])
    return choropleth(
        map_features(figures, level, lang, fields),
        value_title=value_title,
        tooltip=tooltip,
        no_data_label=no_data_label,
        selected=selected,
        lang=lang,
        value_format=value_format,
    )


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


def render_map(spec: dict[str, Any], key: str, alt_text: str) -> None:
    """Draw a choropleth spec that filters by area on click, with the required attribution."""
    st.vega_lite_chart(
        spec=spec,
        width="stretch",
        key=key,
        on_select=lambda: on_map_click(key),
        selection_mode=SELECTION,
        alt=alt_text,
    )
    st.caption(BOUNDARIES_ATTRIBUTION)


def styled_table(frame: pd.DataFrame, formats: Mapping[str, Any]) -> Any:
    """A pandas Styler for ``st.dataframe``: cells show the Latvian/English texts of
    ``formats`` (column → function of the value) while the grid sorts on the raw values.
    (The grid shows a null cell as "None" whatever the Styler says.)"""
    styler = frame.style
    for column, fmt in formats.items():
        if column in frame.columns:
            styler = styler.format(fmt, subset=[column])
    return styler
