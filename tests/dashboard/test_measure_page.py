"""The measure detail page, run headless with streamlit.testing on the published sample home.

Every figure is checked against the snapshot, queried independently with duckdb; the filters
(measure, region, period) and the page's own ``?indicator=`` change what is shown.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import (
    NBSP,
    ROUNDED_MARK,
    WITHHELD_MARK,
)
from roma_monitor.serve.i18n import rounded_legend, t
from tests.dashboard.page_helpers import metrics, snapshot_rows, texts

MEASURE = "app_pages/measure.py"


def progress(paths, code: str, geo: str = "LV", period: str | None = None) -> dict:
    """The progress row of one indicator, area and month (latest when None)."""
    with connect_published("indicators", paths) as con:
        cursor = con.execute(
            "SELECT * FROM fct_indicator_progress WHERE indicator_code = ? AND geo_code = ? "
            "AND (CAST(? AS DATE) IS NULL OR period = CAST(? AS DATE)) "
            "ORDER BY period DESC LIMIT 1",
            [code, geo, period, period],
        )
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def line_chart(at) -> dict:
    """The spec of the cumulative series chart (the first chart of the page)."""
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def chart_data(at) -> list:
    """The data frames of the first chart (Streamlit ships them beside the spec, as Arrow)."""
    import pyarrow as pa

    proto = at.get("vega_lite_chart")[0].proto
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in proto.datasets]
    if proto.HasField("data") and proto.data.data:
        frames.append(pa.ipc.open_stream(proto.data.data).read_all().to_pandas())
    return frames


def series_names(spec: dict) -> list[str]:
    return spec["layer"][0]["encoding"]["color"]["scale"]["domain"]


def assert_no_small_roma_count(at) -> None:
    """Every Roma count shown is withheld (×), zero or at least 5 (``≈5``): never 1–4."""
    cells = [m.value for m in at.metric if m.label.startswith(("Roma (", "Romi ("))]
    for table in at.table:
        frame = table.value
        for column in frame.columns:
            if column.startswith(("Roma (", "Romi (")):
                cells += list(frame[column])
    assert cells
    for cell in cells:
        if cell != WITHHELD_MARK:
            number = int(re.sub(r"[^0-9]", "", cell))
            assert number == 0 or number >= 5, cell


def test_headline_indicator_against_its_target(sample_home, run_app) -> None:
    at = run_app(page=MEASURE)
    assert not at.exception
    assert at.selectbox(key="indicator").value == "SIF_9144_PARTICIPANTS"
    shown = metrics(at)
    # the sample's SIF participants by 2022-12: 3 336 (1 919 women + 1 417 men) against > 3 000
    assert shown["Vērtība"] == f"3{NBSP}336"
    assert shown["Mērķis (valsts līmenī)"] == f">{NBSP}3{NBSP}000"
    assert shown["Mērķa izpilde"] == f"111,2{NBSP}%"  # 3 336 / 3 000 = 1,112
    # the target date (31.12.2022) has come: the whole target was due by now
    assert shown["Plānots līdz šim"] == f"3{NBSP}000"
    ((status,),) = snapshot_rows(
        sample_home,
        "SELECT progress_status FROM fct_indicator_status "
        "WHERE indicator_code = 'SIF_9144_PARTICIPANTS' AND is_latest_period",
    )
    assert status == "achieved" and "✔ Mērķis sasniegts" in texts(at)
    # the last 12 months' mean monthly increase: 45,25 a month, rounded half up to one decimal
    assert shown["Pašreizējais temps mēnesī"] == "45,3"
    # Roma always beside the ethnicity coverage
    labels = [m.label for m in at.metric]
    roma = labels.index("Romi (pašu norādīta etniskā piederība)")
    assert labels[roma + 1] == "Etniskās piederības pārklājums"
    # the sample's 295 Roma participants (a multiple of 5), shown as rounded
    assert shown["Romi (pašu norādīta etniskā piederība)"] == f"{ROUNDED_MARK}295"
    # 2 133 of the 3 336 participants declared an ethnicity: 63,94 %
    assert shown["Etniskās piederības pārklājums"] == f"63,9{NBSP}%"
    # series, target trajectory, projection to the target date, target
    spec = line_chart(at)
    assert series_names(spec) == [
        "Sasniegtā vērtība",
        "Mērķa trajektorija",
        "Prognoze ar pašreizējo tempu",
        "Mērķis",
        "Romi (noapaļoti, ceturkšņa beigās)",
    ]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert at.get("vega_lite_chart")[0].proto.alt.startswith("Līniju diagramma")
    # breakdowns: the sample's 3 336 participants by sex (1 919 + 1 417 = 3 336)
    table = at.table[0].value.set_index("Grupa")
    assert table.loc["Sievietes", "Vērtība"] == f"1{NBSP}919"
    assert table.loc["Vīrieši", "Vērtība"] == f"1{NBSP}417"
    assert "Vecuma grupa" in set(table["Griezums"])
    # definition, counting rule, the link to the methodology; no results section for SIF
    prose = texts(at)
    # in Latvian on the Latvian page (issue 15: it was "Skaitīšanas kārtība: Each participant…")
    assert "Uzskaites kārtība: katrs dalībnieks skaitīts vienreiz, iesaistoties" in prose
    assert "Each participant counted once" not in prose
    assert at.get("page_link") and "metodoloģija" in at.get("page_link")[0].proto.label
    assert "Rezultāti pēc dalības beigām" not in [s.value for s in at.subheader]
    assert_no_small_roma_count(at)


def test_a_target_not_from_the_report_is_marked_with_its_source(sample_home, run_app) -> None:
    """8.3.3's 5 260 comes from a ministry news item (IZM 2015), not from the report: the
    target carries ``¹`` and the page names the source; the report's targets carry no mark."""
    at = run_app(lang="en", page=MEASURE, measure="8.3.3")
    assert not at.exception
    assert at.selectbox(key="indicator").value == "JSPA_833_PARTICIPANTS"
    assert metrics(at)["Target (national)"] == f"≥{NBSP}5,260¹"
    legends = [c.value for c in at.caption if c.value.startswith("¹ ")]
    assert len(legends) == 1
    assert legends == [
        "¹ target not from the report; its source is on the dashboard's Methodology page."
    ]
    at = run_app(lang="en", page=MEASURE, measure="9.1.4.4")
    assert metrics(at)["Target (national)"] == f">{NBSP}3,000"
    assert not [c.value for c in at.caption if c.value.startswith("¹ ")]
    assert "seeds/" not in texts(at)


def test_measure_and_region_filters_and_results_on_leaving(sample_home, run_app) -> None:
    """NVA in a region where few Roma were employed on leaving: rounded, with its legend."""
    ((region,),) = snapshot_rows(
        sample_home,
        "SELECT min(geo_code) FROM fct_indicator_progress "
        "WHERE indicator_code = 'NVA_741_EMPLOYED_ON_LEAVING' AND geo_level = 'planning_region' "
        "AND roma_value_is_rounded AND roma_value <= 5 "
        "AND period = (SELECT max(period) FROM fct_indicator_progress)",
    )
    # an indicator of another measure in the URL is not offered: the NVA headline opens
    at = run_app(
        lang="en", page=MEASURE, measure="7.4.1", region=region, indicator="SIF_9144_PARTICIPANTS"
    )
    assert not at.exception
    box = at.selectbox(key="indicator")
    nva_names = {
        name
        for (name,) in snapshot_rows(
            sample_home, "SELECT name_en FROM dim_indicators WHERE sam = '7.4.1'"
        )
    }
    assert set(box.options) == nva_names
    assert box.value == "NVA_741_PARTICIPANTS"
    assert region == "KURZEME"
    shown = metrics(at)
    # the sample's NVA participants by 2022-12: 240 in Kurzeme of 1 918 in Latvia (12,51 %)
    assert shown["Value"] == "240"
    assert shown["Share of national total"] == "12.5%"
    assert shown["Latvia in total"] == "1,918"
    # results on leaving: employed / in education / job searching, on leaving and after 6 months
    assert "Results on leaving" in [s.value for s in at.subheader]
    results = at.table[-1].value
    assert list(results["When"]) == ["On leaving", "After 6 months"] * 3
    employed = progress(sample_home, "NVA_741_EMPLOYED_ON_LEAVING", region)
    first = results.iloc[0]
    assert first["Result"] == "Employed"
    # Kurzeme: 58 of its 234 leavers employed on leaving (24,79 %); its Roma rounded to ≈0
    assert first["Value"] == "58"
    assert first["Share of leavers"] == "24.8%"
    rounded_roma = f"{ROUNDED_MARK}0"
    assert first["Roma (self-declared)"] == rounded_roma
    assert rounded_legend("en", 5) in texts(at)
    assert "< 5" not in texts(at) and "fewer than" not in texts(at)

    # choosing an indicator keeps it in the URL; its Roma figure is rounded, and its Roma share
    # is not published over fewer than 20 Roma leavers
    box.set_value("NVA_741_EMPLOYED_ON_LEAVING").run()
    assert not at.exception
    assert at.query_params["indicator"] == "NVA_741_EMPLOYED_ON_LEAVING"
    shown = metrics(at)
    assert shown["Value"] == "58"
    assert shown["Share of denominator"] == "24.8%"
    assert shown["Roma (self-declared ethnicity)"] == rounded_roma
    assert pd.isna(employed["roma_share"])
    assert shown["Roma share of the Roma denominator"] == "–"
    assert shown["Ethnicity coverage"] == "63.8%"  # 37 of the 58 declared an ethnicity
    assert_no_small_roma_count(at)


def test_indicator_from_the_url_at_an_earlier_period(sample_home, run_app) -> None:
    at = run_app(page=MEASURE, indicator="IKVD_834_INSTITUTIONS", period="2020-06")
    assert not at.exception
    assert at.selectbox(key="indicator").value == "IKVD_834_INSTITUTIONS"
    shown = metrics(at)
    # the sample's IKVD institutions: 569 by June 2020 (633 by 2022-12), target 665
    assert shown["Vērtība"] == "569"
    assert shown["Mērķa izpilde"] == f"85,6{NBSP}%"  # 569 / 665 = 0,8556
    # the status, pace and projection are June 2020's, as the monitor said then
    (status,) = snapshot_rows(
        sample_home,
        "SELECT progress_status FROM fct_indicator_status "
        "WHERE indicator_code = 'IKVD_834_INSTITUTIONS' AND period = '2020-06-01'",
    )
    assert t(f"progress.{status[0]}", "lv") in texts(at)
    # June 2020's mean monthly increase over the 12 months before it: 5,67 a month
    assert shown["Pašreizējais temps mēnesī"] == "5,7"
    spec = line_chart(at)
    assert series_names(spec)[:3] == ["Sasniegtā vērtība", "Mērķa trajektorija", "Mērķis"]
    prose = texts(at)
    assert "tikai visai Latvijai un jaunākajam periodam" in prose
    assert "jaunākajiem datiem" not in prose
    assert "periods: 2020. gada jūnijs" in prose
    assert "Stāvoklis: Latvija, 2020. gada jūnijs" in [s.value for s in at.subheader]


def test_nothing_published(empty_home, run_app) -> None:
    at = run_app(lang="en", page=MEASURE)
    assert not at.exception
    assert any("make demo" in i.value for i in at.info)
    assert not at.metric and not at.get("vega_lite_chart")


# --- Roma figures the council can read (issue 14) ----------------------------------------------


def test_roma_series_only_at_quarter_ends_and_labelled_rounded(published_home, run_app) -> None:
    """Hand-made snapshot: 2022-09..2022-11 all carry the 2022-09 figure ≈55; only 2022-09 is a
    point of the Roma series, and its name says it is rounded."""
    at = run_app(page=MEASURE)
    assert not at.exception
    spec = line_chart(at)
    roma = "Romi (noapaļoti, ceturkšņa beigās)"
    assert roma in series_names(spec)
    points = [
        row
        for frame in chart_data(at)
        if "series" in frame.columns
        for row in frame.to_dict("records")
        if row["series"] == roma
    ]
    assert [(p["month"], p["value"], p["shown"]) for p in points] == [
        ("2022. gada septembris", 55, "≈55")
    ]
    shown = metrics(at)
    assert shown["Romi (pašu norādīta etniskā piederība)"] == "≈55"
    prose = texts(at)
    assert (
        "≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5 (≈0 nozīmē 0–2)" in prose
    )
    assert "Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits 30.09.2022" in prose
    assert "mazāk par" not in prose
