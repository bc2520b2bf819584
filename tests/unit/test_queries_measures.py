"""roma_monitor.serve.queries.measures (overview and measure detail) on hand-made snapshots.

A tiny in-memory snapshot with the tables the measure pages read (progress, values, status,
catalogue, load audit), each with its dbt contract's columns (tests/conftest_snapshot.py), states
every case the queries must get right. The columns dbt computes (headline flags and ranks,
shares of national, latest month, breakdown order, labels) are given by hand, counted by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve import queries as q
from tests.conftest_snapshot import (
    CODE,
    NO_DATA_CODE,
    create_load_audit,
    create_table,
    publish_fixture_snapshots,
)

DEC, NOV, JUN = date(2022, 12, 1), date(2022, 11, 1), date(2020, 6, 1)
TARGET_DATE = date(2022, 12, 31)

CATALOGUE = [
    # code, sam, source, agency, group, unit, aggregation, denominator, target, operator,
    # and as dbt ranks them: measure_rank, group_rank, headline_rank, is_headline
    ("SIF_9144_PARTICIPANTS", "9.1.4.4", "sif", "SIF", "participants", "persons", "cumulative",
     None, 3000, ">",
     1, 1, 1, True),
    ("NVA_741_EMPLOYED_6M", "7.4.1", "nva", "NVA", "results", "persons", "cumulative",
     "NVA_741_LEAVERS_6M", None, None,
     2, 2, 2, False),
    ("NVA_741_EMPLOYED_ON_LEAVING", "7.4.1", "nva", "NVA", "results", "persons", "cumulative",
     "NVA_741_LEAVERS", None, None,
     2, 2, 3, False),
    ("NVA_741_LEAVERS", "7.4.1", "nva", "NVA", "results", "persons", "cumulative", None, None,
     None,
     2, 2, 4, False),
    ("NVA_741_LEAVERS_6M", "7.4.1", "nva", "NVA", "results", "persons", "cumulative", None,
     None, None,
     2, 2, 5, False),
    ("NVA_741_PARTICIPANTS", "7.4.1", "nva", "NVA", "participants", "persons", "cumulative",
     None, None, None,
     2, 1, 1, True),
    ("JSPA_833_PARTICIPANTS", "8.3.3", "jspa", "JSPA", "participants", "persons", "cumulative",
     None, 5260, ">=",
     3, 1, 1, True),
    ("IKVD_834_INSTITUTIONS", "8.3.4", "ikvd", "IKVD", "entities", "institutions",
     "cumulative", None, 665, ">=",
     4, 4, 1, True),
    ("IKVD_834_NGO_PROJECTS", "8.3.4", "ikvd", "IKVD", "entities", "projects", "cumulative",
     None, 700, ">=",
     4, 4, 2, True),
    ("IKVD_834_PUPILS", "8.3.4", "ikvd", "IKVD", "participants", "persons", "cumulative", None,
     None, None,
     4, 1, 3, False),
    ("KM_MEDIATORS", "platform", "km", "KM", "platform", "mediators", "stock", None, None,
     None,
     5, 6, 2, False),
    ("KM_WORKSHOPS", "platform", "km", "KM", "platform", "workshops", "cumulative", None, None,
     None,
     5, 6, 1, True),
]  # fmt: skip
# results on leaving as dbt reads them from the code (with a denominator): outcome, timing, rank
RESULTS = {
    "NVA_741_EMPLOYED_ON_LEAVING": ("EMPLOYED", "ON_LEAVING", 1),
    "NVA_741_EMPLOYED_6M": ("EMPLOYED", "6M", 2),
}


def _progress(code: str, period: date, geo: str, value: float, **extra) -> dict:
    level = "country" if geo == "LV" else "planning_region"
    row = {
        "indicator_code": code,
        "sam": next(c[1] for c in CATALOGUE if c[0] == code),
        "source": next(c[2] for c in CATALOGUE if c[0] == code),
        "period": period,
        "geo_level": level,
        "geo_code": geo,
        "value": value,
        "value_in_period": 1.0,
        "roma_value_suppressed": False,
    }
    row.update(extra)
    return row


def progress_rows() -> list[dict]:
    sif = {"target": 3000, "target_operator": ">", "target_date": TARGET_DATE}

    def national(value: float, latest: bool = True) -> dict:  # a country row is its own total
        return {"national_value": value, "share_of_national": 1.0, "is_latest_period": latest}

    no_country = {"is_latest_period": True}  # no country row: no national value, no share
    return [
        _progress("SIF_9144_PARTICIPANTS", JUN, "LV", 1777, share_of_target=0.59,
                  expected_to_date=1636.4, roma_value=150, ethnicity_coverage=0.64, **sif,
                  **national(1777, latest=False)),
        _progress("SIF_9144_PARTICIPANTS", NOV, "LV", 3300, share_of_target=1.1,
                  expected_to_date=2955, roma_value=290, ethnicity_coverage=0.64, **sif,
                  **national(3300, latest=False)),
        _progress("SIF_9144_PARTICIPANTS", DEC, "LV", 3336, share_of_target=1.112,
                  expected_to_date=3000, roma_value=296, ethnicity_coverage=0.639, **sif,
                  **national(3336)),
        _progress("SIF_9144_PARTICIPANTS", JUN, "LATGALE", 463, roma_value=47,
                  ethnicity_coverage=0.637, national_value=1777,
                  share_of_national=463 / 1777, is_latest_period=False),
        _progress("SIF_9144_PARTICIPANTS", DEC, "LATGALE", 861, roma_value=None,
                  roma_value_suppressed=True, ethnicity_coverage=0.634, national_value=3336,
                  share_of_national=861 / 3336, is_latest_period=True),
        _progress("NVA_741_PARTICIPANTS", DEC, "LV", 1918, roma_value=159, **national(1918)),
        # IKVD stopped reporting in November: the overview shows its latest month up to DEC
        _progress("IKVD_834_INSTITUTIONS", NOV, "LV", 633, share_of_target=0.95,
                  expected_to_date=655, target=665, target_operator=">=",
                  target_date=TARGET_DATE, **national(633)),
        _progress("IKVD_834_PUPILS", DEC, "LV", 4000, **national(4000)),
        _progress("KM_MEDIATORS", DEC, "LV", 12, **national(12)),
        _progress("KM_WORKSHOPS", DEC, "LV", 20, **national(20)),
        _progress("NVA_741_LEAVERS", DEC, "RIGA", 556, roma_value=30, **no_country),
        _progress("NVA_741_LEAVERS_6M", DEC, "RIGA", 501, roma_value=28, **no_country),
        # a withheld Roma count: the mart publishes neither it nor its share
        _progress("NVA_741_EMPLOYED_ON_LEAVING", DEC, "RIGA", 139, denominator=556,
                  share=0.25, roma_value=None, roma_value_suppressed=True, roma_share=None,
                  ethnicity_coverage=0.626, **no_country),
        _progress("NVA_741_EMPLOYED_6M", NOV, "RIGA", 150, denominator=490, share=0.306,
                  roma_value=6, roma_share=0.2, ethnicity_coverage=0.67,
                  is_latest_period=False),
        _progress("NVA_741_EMPLOYED_6M", DEC, "RIGA", 160, denominator=501, share=0.319,
                  roma_value=6, roma_share=0.214, ethnicity_coverage=0.675, **no_country),
    ]  # fmt: skip


def values_rows() -> list[dict]:
    def value(breakdown, group, number, **extra):
        row = {
            "indicator_code": "NVA_741_PARTICIPANTS",
            "period": DEC,
            "geo_level": "country",
            "geo_code": "LV",
            "breakdown": breakdown,
            "breakdown_value": group,
            "value": number,
            "is_suppressed": False,
            "is_denominator_suppressed": False,
            "is_share_suppressed": False,
        }
        row.update(extra)
        return row

    # breakdown_order and the category label as dbt gives them (fct_indicator_values)
    return [
        value("total", "total", 1918, breakdown_order=0),
        value("ethnicity", "roma", 159, ethnicity_coverage=0.68, breakdown_order=501),
        value("category", "ilgstošs", 1055, breakdown_order=499,
              label_lv="Ilgstošie bezdarbnieki", label_en="Long-term unemployed"),
        value("education_level", "unknown", 79, breakdown_order=304),
        value("education_level", "isced_0_2", 761, breakdown_order=301),
        value("age_band", "55_plus", 148, breakdown_order=203),
        value("age_band", "under_25", 69, breakdown_order=201),
        value("sex", "male", 1074, breakdown_order=102),
        value("sex", "female", 844, breakdown_order=101),
        # a region where the Roma count is small: published as NULL + is_suppressed
        value("ethnicity", "roma", None, geo_level="planning_region", geo_code="VIDZEME",
              is_suppressed=True, share=None, denominator=None, is_denominator_suppressed=True,
              is_share_suppressed=True, breakdown_order=501),
        value("sex", "female", 90, geo_level="planning_region", geo_code="VIDZEME",
              breakdown_order=101),
        # an older month must not leak into the latest one
        value("sex", "female", 800, period=NOV, breakdown_order=101),
    ]  # fmt: skip


def status_rows() -> list[dict]:
    return [
        {"indicator_code": "SIF_9144_PARTICIPANTS", "period": DEC, "value": 3336, "target": 3000,
         "target_operator": ">", "target_date": TARGET_DATE, "share_of_target": 1.112,
         "months_remaining": 0, "current_pace_per_month": 45.25, "needed_pace_per_month": None,
         "projected_value_at_target_date": 3336, "is_projected_to_reach_target": True,
         "progress_status": "achieved"},
        {"indicator_code": "SIF_9144_PARTICIPANTS", "period": JUN, "value": 1777, "target": 3000,
         "target_operator": ">", "target_date": TARGET_DATE, "share_of_target": 0.59,
         "months_remaining": 30, "current_pace_per_month": 40.0, "needed_pace_per_month": 40.8,
         "projected_value_at_target_date": 2977, "is_projected_to_reach_target": False,
         "progress_status": "moderate"},
        {"indicator_code": "IKVD_834_INSTITUTIONS", "period": NOV, "value": 633, "target": 665,
         "target_operator": ">=", "target_date": TARGET_DATE, "share_of_target": 0.95,
         "months_remaining": 1, "current_pace_per_month": 1.9, "needed_pace_per_month": 32,
         "projected_value_at_target_date": 634.9, "is_projected_to_reach_target": False,
         "progress_status": "substantial"},
    ]  # fmt: skip


def load_rows() -> list[dict]:
    def load(n, source, period, status, started, message=None):
        return {
            "load_id": f"l{n}",
            "source": source,
            "sha256": f"{n:064x}",
            "file_name": f"{source.upper()}_{period}.csv",
            "status": status,
            "rows": 10,
            "reporting_period": period,
            "started_at": started,
            "finished_at": started,
            "duration_s": 1.0,
            "message": message,
            "report_path": None,
        }

    return [
        load(1, "sif", "2022-11", "loaded", datetime(2022, 12, 5, 8)),
        load(2, "sif", "2022-12", "rejected", datetime(2023, 1, 5, 8), "bad codes"),
        load(3, "nva", "2022-Q4", "loaded", datetime(2023, 1, 10, 8)),
        load(4, "jspa", "2022-Q4", "loaded", datetime(2023, 1, 11, 8)),  # nothing published
    ]


@pytest.fixture(scope="module")
def con():
    names = ["indicator_code", "sam", "source", "agency", "indicator_group", "unit",
             "aggregation", "denominator_indicator_code", "target_value", "target_operator",
             "measure_rank", "group_rank", "headline_rank", "is_headline"]  # fmt: skip
    catalogue = []
    for row in CATALOGUE:
        indicator = dict(zip(names, row, strict=True))
        outcome, timing, rank = RESULTS.get(indicator["indicator_code"], (None, None, None))
        indicator.update(
            has_target=indicator["target_value"] is not None,
            target_date=TARGET_DATE if indicator["target_value"] is not None else None,
            name_lv=f"{row[0]} lv",
            name_en=f"{row[0]} en",
            result_outcome=outcome,
            result_timing=timing,
            result_rank=rank,
        )
        catalogue.append(indicator)
    with duckdb.connect() as con:
        create_table(con, "dim_indicators", catalogue)
        create_table(con, "fct_indicator_progress", progress_rows())
        create_table(con, "fct_indicator_values", values_rows())
        create_table(con, "fct_indicator_status", status_rows())
        create_load_audit(con, load_rows())
        con.execute("CREATE TABLE extract_loads AS FROM audit.extract_loads")
        yield con


# --- the catalogue of a measure --------------------------------------------------------------


def test_headline_indicators(con) -> None:
    catalogue = q.measure_indicators(con)
    headline = catalogue.loc[catalogue["is_headline"], "indicator_code"].tolist()
    # every indicator with a target; a measure without one: participants, else (the platform)
    # its first cumulative indicator, not the stock of mediators
    assert headline == [
        "SIF_9144_PARTICIPANTS",
        "NVA_741_PARTICIPANTS",
        "JSPA_833_PARTICIPANTS",
        "IKVD_834_INSTITUTIONS",
        "IKVD_834_NGO_PROJECTS",
        "KM_WORKSHOPS",
    ]
    assert list(catalogue["sam"].drop_duplicates()) == [
        "9.1.4.4",
        "7.4.1",
        "8.3.3",
        "8.3.4",
        "platform",
    ]


def test_measure_indicators_of_one_measure_headline_first(con) -> None:
    nva = q.measure_indicators(con, "7.4.1")
    assert set(nva["sam"]) == {"7.4.1"}
    assert nva["indicator_code"].iloc[0] == "NVA_741_PARTICIPANTS"
    assert len(nva) == 5
    assert not nva.set_index("indicator_code").loc["NVA_741_LEAVERS_6M", "has_target"]
    # published for Rīga only: it has data all the same
    assert nva.set_index("indicator_code").loc["NVA_741_LEAVERS", "has_data"]
    assert (
        not q.measure_indicators(con, "8.3.3")
        .set_index("indicator_code")
        .loc["JSPA_833_PARTICIPANTS", "has_data"]
    )


# --- overview --------------------------------------------------------------------------------


def test_overview_latest_national(con) -> None:
    overview = q.measure_overview(con).set_index("indicator_code")
    assert list(overview.index) == [
        "SIF_9144_PARTICIPANTS",
        "NVA_741_PARTICIPANTS",
        "JSPA_833_PARTICIPANTS",
        "IKVD_834_INSTITUTIONS",
        "IKVD_834_NGO_PROJECTS",
        "KM_WORKSHOPS",
    ]
    sif = overview.loc["SIF_9144_PARTICIPANTS"]
    assert sif["value"] == 3336 and sif["target"] == 3000 and sif["share_of_target"] == 1.112
    assert sif["progress_status"] == "achieved" and sif["current_pace_per_month"] == 45.25
    assert pd.isna(sif["needed_pace_per_month"])
    assert sif["share_of_national"] == 1.0
    # IKVD's latest month (November) stands for "as of December"
    ikvd = overview.loc["IKVD_834_INSTITUTIONS"]
    assert ikvd["value"] == 633 and ikvd["value_period"] == pd.Timestamp(NOV)
    assert ikvd["progress_status"] == "substantial" and ikvd["needed_pace_per_month"] == 32
    # no target: value, no status
    nva = overview.loc["NVA_741_PARTICIPANTS"]
    assert nva["value"] == 1918 and not nva["has_target"] and pd.isna(nva["progress_status"])
    # targets without data yet
    assert pd.isna(overview.loc["IKVD_834_NGO_PROJECTS", "value"])
    assert pd.isna(overview.loc["JSPA_833_PARTICIPANTS", "value"])


def test_overview_earlier_period_and_region(con) -> None:
    earlier = q.measure_overview(con, JUN).set_index("indicator_code")
    sif = earlier.loc["SIF_9144_PARTICIPANTS"]
    assert sif["value"] == 1777 and sif["share_of_target"] == 0.59
    assert sif["expected_to_date"] == 1636.4
    # the status is June's, as the monitor said then, not December's "achieved"
    assert sif["status_period"] == pd.Timestamp(JUN) and sif["progress_status"] == "moderate"
    assert sif["needed_pace_per_month"] == 40.8
    assert pd.isna(earlier.loc["NVA_741_PARTICIPANTS", "value"])

    latgale = q.measure_overview(con, JUN, "LATGALE", "9.1.4.4")
    assert list(latgale["indicator_code"]) == ["SIF_9144_PARTICIPANTS"]
    row = latgale.iloc[0]
    assert row["value"] == 463 and row["national_value"] == 1777
    assert row["share_of_national"] == pytest.approx(463 / 1777)
    assert row["geo_code"] == "LATGALE"


def test_overview_measure_filter(con) -> None:
    assert list(q.measure_overview(con, None, "LV", "platform")["indicator_code"]) == [
        "KM_WORKSHOPS"
    ]
    assert q.measure_overview(con, None, "LV", "nope").empty


def test_source_freshness(con) -> None:
    sources = q.source_freshness(con, con).set_index("source")
    assert list(sources.index) == ["sif", "nva", "jspa", "ikvd", "km"]
    assert sources.loc["sif", "latest_period"] == DEC
    assert sources.loc["ikvd", "latest_period"] == DEC  # pupils reach December
    # the latest data are the last accepted period's; the rejected file after it is apart
    assert sources.loc["sif", "load_status"] == "loaded"
    assert sources.loc["sif", "load_reporting_period"] == "2022-11"
    assert sources.loc["nva", "load_reporting_period"] == "2022-Q4"
    assert sources.loc["jspa", "latest_period"] is None  # loaded, nothing published yet
    assert sources.loc["jspa", "agency"] == "JSPA"
    assert pd.isna(sources.loc["km", "load_status"])  # published, no load logged
    alone = q.source_freshness(con, q.empty_snapshot()).set_index("source")  # no loads yet
    assert list(alone.index) == ["sif", "nva", "jspa", "ikvd", "km"]  # the catalogue
    assert alone["load_status"].isna().all()


# --- measure detail --------------------------------------------------------------------------


def test_indicator_status(con) -> None:
    status = q.indicator_status(con, "IKVD_834_INSTITUTIONS")
    assert status is not None
    assert status.progress_status == "substantial" and status.months_remaining == 1
    assert status.projected_value_at_target_date == 634.9
    assert status.target_date == TARGET_DATE and status.period == NOV
    assert q.indicator_status(con, "NVA_741_PARTICIPANTS") is None


def test_indicator_status_of_the_chosen_month(con) -> None:
    june = q.indicator_status(con, "SIF_9144_PARTICIPANTS", JUN)
    assert (june.period, june.progress_status, june.months_remaining) == (JUN, "moderate", 30)
    latest = q.indicator_status(con, "SIF_9144_PARTICIPANTS")
    assert (latest.period, latest.progress_status) == (DEC, "achieved")


def test_trajectory_until_period_with_national_and_suppression(con) -> None:
    series = q.indicator_trajectory(con, "SIF_9144_PARTICIPANTS")
    assert [p.date() for p in series["period"]] == [JUN, NOV, DEC]
    assert list(series["expected_to_date"]) == [1636.4, 2955, 3000]
    assert list(q.indicator_trajectory(con, "SIF_9144_PARTICIPANTS", "LV", NOV)["value"]) == [
        1777,
        3300,
    ]
    latgale = q.indicator_trajectory(con, "SIF_9144_PARTICIPANTS", "LATGALE")
    assert list(latgale["value"]) == [463, 861]
    assert list(latgale["national_value"]) == [1777, 3336]
    assert latgale["expected_to_date"].isna().all()
    last = latgale.iloc[-1]
    assert bool(last["roma_value_suppressed"]) and pd.isna(last["roma_value"])


def test_breakdowns_in_order_with_labels_and_suppression(con) -> None:
    rows = q.indicator_breakdowns(con, "NVA_741_PARTICIPANTS")
    assert list(zip(rows["breakdown"], rows["breakdown_value"], strict=True)) == [
        ("sex", "female"),
        ("sex", "male"),
        ("age_band", "under_25"),
        ("age_band", "55_plus"),
        ("education_level", "isced_0_2"),
        ("education_level", "unknown"),
        ("category", "ilgstošs"),
        ("ethnicity", "roma"),
    ]
    assert rows.iloc[0]["value"] == 844  # December, not November's 800
    category = rows[rows["breakdown"] == "category"].iloc[0]
    assert category["label_lv"] == "Ilgstošie bezdarbnieki"
    vidzeme = q.indicator_breakdowns(con, "NVA_741_PARTICIPANTS", DEC, "VIDZEME")
    roma = vidzeme[vidzeme["breakdown"] == "ethnicity"].iloc[0]
    assert bool(roma["is_suppressed"]) and pd.isna(roma["value"]) and pd.isna(roma["share"])
    assert bool(roma["is_share_suppressed"])
    assert q.indicator_breakdowns(con, "NVA_741_PARTICIPANTS", date(2019, 1, 1)).empty


def test_results_on_leaving(con) -> None:
    results = q.results_on_leaving(con, "7.4.1", None, "RIGA")
    assert list(zip(results["outcome"], results["timing"], strict=True)) == [
        ("EMPLOYED", "ON_LEAVING"),
        ("EMPLOYED", "6M"),
    ]
    on_leaving, after = results.iloc[0], results.iloc[1]
    assert on_leaving["share"] == 0.25 and on_leaving["denominator"] == 556
    assert on_leaving["denominator_indicator_code"] == "NVA_741_LEAVERS"
    # a suppressed Roma count hides its share too
    assert bool(on_leaving["roma_value_suppressed"])
    assert pd.isna(on_leaving["roma_value"]) and pd.isna(on_leaving["roma_share"])
    assert after["value"] == 160 and after["roma_share"] == 0.214
    november = q.results_on_leaving(con, "7.4.1", NOV, "RIGA")
    assert list(november["value"]) == [150]
    assert q.results_on_leaving(con, "9.1.4.4").empty


def test_default_fixture_snapshot(tmp_path: Path) -> None:
    """The default fixture snapshot (tests/conftest_snapshot.py): every published table with
    its contract's columns; the status and values of its one indicator with data."""
    paths = publish_fixture_snapshots(tmp_path / "home")
    with (
        connect_published("indicators", paths) as ind,
        connect_published("operations", paths) as ops,
    ):
        overview = q.measure_overview(ind).set_index("indicator_code")
        assert list(overview.index) == [CODE, NO_DATA_CODE]
        assert overview.loc[CODE, "value"] == 1234
        assert overview.loc[CODE, "share_of_target"] == pytest.approx(1234 / 3000)
        assert overview.loc[CODE, "progress_status"] == "limited"
        assert q.indicator_status(ind, CODE).months_remaining == 1
        breakdowns = q.indicator_breakdowns(ind, CODE)
        assert list(breakdowns["breakdown"]) == ["ethnicity"]  # the total is not a breakdown
        assert list(breakdowns["value"]) == [55]
        assert q.results_on_leaving(ind, "7.4.1").empty
        series = q.indicator_trajectory(ind, CODE)
        assert list(series["value"]) == [1100, 1180, 1234]
        assert series["share"].isna().all()
        sources = q.source_freshness(ind, ops).set_index("source")
        assert sources.loc["sif", "latest_period"] == date(2022, 11, 1)
        assert sources.loc["sif", "load_status"] == "loaded"
