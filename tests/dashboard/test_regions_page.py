"""The Regions page, run headless (streamlit.testing) on the published sample: the map and the
table show what the snapshot holds, and the indicator, level, region and period filters change
them. The map click is tested through its callback (AppTest cannot click a chart)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from roma_monitor.serve.formatting import NBSP, WITHHELD_MARK, format_count
from roma_monitor.serve.i18n import (
    BOUNDARIES_ATTRIBUTION,
    BOUNDARIES_ATTRIBUTION_LV,
    withheld_legend,
)
from tests.dashboard.map_helpers import assert_offline, layer_rows, map_codes
from tests.dashboard.page_helpers import fmt

PAGE = "app_pages/regions.py"
DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
SIF = "SIF_9144_PARTICIPANTS"


def progress(con, indicator: str, geo_level: str, period: str | None = None) -> dict[str, dict]:
    """The snapshot's rows of one indicator at one level and month (latest if None)."""
    if period is None:
        period = str(
            con.execute(
                "SELECT max(period) FROM fct_indicator_progress WHERE indicator_code = ?",
                [indicator],
            ).fetchone()[0]
        )
    columns = {r[0] for r in con.execute("DESCRIBE fct_indicator_progress").fetchall()}
    rounded = (
        "coalesce(roma_value_is_rounded, false)" if "roma_value_is_rounded" in columns else "false"
    )
    rows = con.execute(
        f"""
        SELECT geo_code, value, roma_value, roma_value_suppressed, ethnicity_coverage,
               parent_geo_code, {rounded}
        FROM fct_indicator_progress WHERE indicator_code = ? AND geo_level = ? AND period = ?
        """,
        [indicator, geo_level, period],
    ).fetchall()
    names = ["value", "roma", "suppressed", "coverage", "parent", "rounded"]
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def map_spec(at) -> dict:
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def table(at):
    assert len(at.dataframe) == 1
    return at.dataframe[0].value


# --- default view ----------------------------------------------------------------------------


def test_latvian_default_planning_regions(sample_home, snapshot, run_app) -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Reģioni un pašvaldības"
    # the headline indicator of all measures, planning regions, latest month
    assert at.selectbox(key="indicator").value == SIF
    assert at.radio(key="level").value == "planning_region"

    country = progress(snapshot, SIF, "country")["LV"]
    shown = metrics(at)
    assert shown["Vērtība"] == fmt(country["value"])
    assert shown["Romi (pašu norādīti)"] == format_count(
        country["roma"], country["suppressed"], "lv", country["rounded"]
    )
    assert shown["Etniskās piederības pārklājums"].endswith(f"{NBSP}%")

    regions = progress(snapshot, SIF, "planning_region")
    grid = table(at)
    assert list(grid.columns) == [
        "Kods",
        "Teritorija",
        "Vērtība",
        "Daļa no valsts kopskaita",
        "Romi (pašu norādīti)",
        "Etniskās piederības pārklājums",
    ]
    assert dict(zip(grid["Kods"], grid["Vērtība"], strict=True)) == {
        code: row["value"] for code, row in regions.items()
    }
    assert grid["Daļa no valsts kopskaita"].sum() == pytest.approx(1.0)

    spec = map_spec(at)
    assert sorted(map_codes(spec)) == sorted(regions)
    assert len(map_codes(spec)) == 5
    assert_offline(spec)
    values = {f["code"]: f["value"] for f in layer_rows(spec, "areas")}
    assert values == {code: row["value"] for code, row in regions.items()}
    assert spec["params"][0]["select"]["fields"] == ["code"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert at.get("vega_lite_chart")[0].proto.alt.startswith("Kartogramma")
    assert BOUNDARIES_ATTRIBUTION_LV in captions(at)
    assert BOUNDARIES_ATTRIBUTION not in captions(at)  # the English words stay off this page
    assert "ATVK 2021" in captions(at)


# --- filters ---------------------------------------------------------------------------------


def test_region_level_and_period_filters_in_english(sample_home, snapshot, run_app) -> None:
    at = run_app(lang="en", page=PAGE, region="LATGALE", level="municipality", period="2019-12")
    assert not at.exception
    assert at.title[0].value == "Regions and municipalities"

    region = progress(snapshot, SIF, "planning_region", "2019-12-01")["LATGALE"]
    country = progress(snapshot, SIF, "country", "2019-12-01")["LV"]
    shown = metrics(at)
    assert shown["Value"] == f"{int(region['value']):,}"
    assert shown["Share of national total"] == f"{100 * region['value'] / country['value']:.1f}%"
    assert "Latgale Planning Region" in [s.value for s in at.subheader]

    municipalities = {
        code: row
        for code, row in progress(snapshot, SIF, "municipality", "2019-12-01").items()
        if row["parent"] == "LATGALE"
    }
    grid = table(at)
    assert "Planning region" in grid.columns
    assert dict(zip(grid["Code"], grid["Value"], strict=True)) == {
        code: row["value"] for code, row in municipalities.items()
    }
    roma = dict(zip(grid["Code"], grid["Roma (self-declared)"], strict=True))
    for code, row in municipalities.items():
        # a withheld count is ×, never a number; a rounded one keeps its ≈
        assert roma[code] == format_count(row["roma"], row["suppressed"], "en", row["rounded"])

    spec = map_spec(at)
    assert len(map_codes(spec)) == 43
    assert_offline(spec)
    assert [f["code"] for f in layer_rows(spec, "selected_area")] == ["LATGALE"]
    assert "Period: December 2019." in captions(at)
    assert "The table lists only the areas within the selection" in captions(at)


def test_indicator_choice_is_limited_by_measure_and_kept_in_url(
    sample_home, snapshot, run_app
) -> None:
    at = run_app(page=PAGE, measure="8.3.3")
    assert not at.exception
    box = at.selectbox(key="indicator")
    assert box.value == "JSPA_833_PARTICIPANTS"  # the measure's headline
    codes = {
        row[0]
        for row in snapshot.execute(
            "SELECT indicator_code FROM dim_indicators WHERE sam = '8.3.3'"
        ).fetchall()
    }
    assert len(box.options) == len(codes)

    at.selectbox(key="indicator").set_value("JSPA_833_LEAVERS").run()
    assert not at.exception
    assert at.query_params["indicator"] == "JSPA_833_LEAVERS"
    leavers = progress(snapshot, "JSPA_833_LEAVERS", "country")["LV"]
    assert metrics(at)["Vērtība"] == fmt(leavers["value"])

    at.radio(key="level").set_value("municipality").run()
    assert not at.exception
    assert at.query_params["level"] == "municipality"
    assert len(table(at)) == 43


def test_indicator_from_url(sample_home, snapshot, run_app) -> None:
    at = run_app(page=PAGE, indicator="NVA_741_PARTICIPANTS")
    assert not at.exception
    assert at.selectbox(key="indicator").value == "NVA_741_PARTICIPANTS"
    regions = progress(snapshot, "NVA_741_PARTICIPANTS", "planning_region")
    grid = table(at)
    assert dict(zip(grid["Kods"], grid["Vērtība"], strict=True)) == {
        code: row["value"] for code, row in regions.items()
    }


def test_municipality_in_url_filters_the_table(sample_home, snapshot, run_app) -> None:
    """What a click on the map does: ``?region=<ATVK>`` narrows the figures to it."""
    rows = progress(snapshot, SIF, "municipality")
    # a withheld municipality when the sample has one (the × and its legend), else any
    code = next((c for c, row in rows.items() if row["suppressed"]), next(iter(rows)))
    at = run_app(page=PAGE, region=code, level="municipality")
    assert not at.exception
    grid = table(at)
    assert list(grid["Kods"]) == [code]
    assert list(grid["Vērtība"]) == [rows[code]["value"]]
    shown = metrics(at)
    assert shown["Vērtība"] == fmt(rows[code]["value"])
    row = rows[code]
    assert shown["Romi (pašu norādīti)"] == format_count(
        row["roma"], row["suppressed"], "lv", row["rounded"]
    )
    assert (withheld_legend("lv") in captions(at)) is bool(row["suppressed"])
    if row["suppressed"]:
        assert shown["Romi (pašu norādīti)"] == WITHHELD_MARK
    assert "mazāk par" not in captions(at)
    spec = map_spec(at)
    assert [f["code"] for f in layer_rows(spec, "selected_area")] == [code]


# --- the map click ---------------------------------------------------------------------------


@pytest.fixture
def app_maps(monkeypatch):
    monkeypatch.syspath_prepend(str(DASHBOARD))
    return importlib.import_module("app_maps")


@pytest.mark.parametrize(
    ("state", "code"),
    [
        ({"selection": {"area_click": [{"code": "LATGALE"}]}}, "LATGALE"),
        ({"selection": {"area_click": {"code": ["0002000"]}}}, "0002000"),
        ({"selection": {"area_click": []}}, None),
        ({"selection": {"area_click": {}}}, None),
        ({"selection": {}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_clicked_code_reads_the_selection_event(app_maps, state, code) -> None:
    assert app_maps.clicked_code(state) == code


def test_click_callback_sets_the_region_filter(app_maps, monkeypatch) -> None:
    import streamlit

    state = {"regions_map": {"selection": {"area_click": [{"code": "0002000"}]}}}
    monkeypatch.setattr(streamlit, "session_state", state)
    app_maps.on_map_click("regions_map")
    assert state["region"] == "0002000"
    # a redraw that empties the selection keeps the filter
    state["regions_map"] = {"selection": {"area_click": []}}
    app_maps.on_map_click("regions_map")
    assert state["region"] == "0002000"


def test_map_rows_grey_out_areas_without_figures(app_maps) -> None:
    import pandas as pd

    figures = pd.DataFrame({"geo_code": ["RIGA"], "value": [12.0], "shown": ["12"]})
    rows = app_maps.map_rows(figures, "planning_region", "en", fields=["shown"])
    assert len(rows) == 5
    by_code = {f["code"]: f for f in rows}
    assert by_code["RIGA"]["value"] == 12.0 and by_code["RIGA"]["name"] == "Riga Planning Region"
    assert by_code["LATGALE"]["value"] is None and by_code["LATGALE"]["shown"] is None
    spec = app_maps.map_spec(
        figures,
        "planning_region",
        "en",
        value_title="Value",
        tooltip=[("name", "Area"), ("shown", "Value")],
        no_data_label="no data",
        selected="0002000",
    )
    assert [layer["name"] for layer in spec["layer"]] == [
        "areas_without_data",
        "areas",
        "area_label_halos",
        "area_labels",
        "selected_area",
    ]
    assert_offline(spec)
    assert "datasets" not in spec  # no geometry (nor anything else) inline
    assert len(layer_rows(spec, "areas_without_data")) == 4
    legend = spec["layer"][0]["encoding"]["fill"]["scale"]
    assert legend == {"domain": ["no data"], "range": [app_maps.NO_DATA_COLOUR]}
    assert layer_rows(spec, "selected_area") == [{"code": "0002000", "name": "Daugavpils"}]
    # the municipality is outlined from the municipalities' boundaries
    assert spec["layer"][4]["data"]["url"].endswith("lv_municipalities_2021.json")
    assert spec["params"][0]["views"] == ["areas"]


# --- nothing published -----------------------------------------------------------------------


def test_empty_home_says_there_is_no_data(empty_home, run_app) -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert "Vēl nav publicētu datu" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_hand_made_snapshot_renders(published_home, run_app) -> None:
    at = run_app(lang="en", page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Regions and municipalities"
    # the fixture's regions: Riga 500, Latgale 400, Kurzeme 200, Zemgale 100, Vidzeme 34
    assert "Highest value: Riga Planning Region (500)." in at.get("vega_lite_chart")[0].proto.alt


def test_show_view_uses_the_grid_format_only_where_the_text_is_the_same(
    app_maps, monkeypatch
) -> None:
    """Counts under 1 000 need no Styler (the grid's ``%d`` writes the same digits); grouped
    thousands, decimals and missing values keep the page's own texts."""
    import pandas as pd

    from roma_monitor.serve.viewmodel import Kind, ViewTable

    shown = {}
    monkeypatch.setattr(
        app_maps.st, "dataframe", lambda data, **kwargs: shown.update(data=data, **kwargs)
    )
    table = ViewTable.of(
        [
            ("small", Kind.COUNT, [1.0, 999.0]),
            ("large", Kind.COUNT, [12.0, 1234.0]),
            ("gap", Kind.COUNT, [1.0, None]),
            ("share", Kind.SHARE, [0.5, 1.0]),
            ("name", Kind.LABEL, ["a", "b"]),
        ]
    )
    app_maps.show_view(table, "lv", hide_index=True)
    assert set(shown["column_config"]) == {"small"}
    styler = shown["data"]
    assert list(styler.data["large"]) == [12.0, 1234.0]  # numbers: the grid sorts on them
    cells = styler.to_html()
    assert f"1{NBSP}234" in cells and "–" in cells and f"50,0{NBSP}%" in cells
    assert shown["hide_index"] is True

    app_maps.show_view(ViewTable(table.columns[:1] + table.columns[4:]), "lv")
    assert isinstance(shown["data"], pd.DataFrame)  # no Styler at all
