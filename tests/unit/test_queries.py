"""roma_monitor.serve.queries against real published snapshots built from hand-made rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.serve import queries as q
from roma_monitor.settings import Paths
from tests.conftest_snapshot import (
    CODE,
    NO_DATA_CODE,
    progress_rows,
    publish_fixture_snapshots,
)


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return publish_fixture_snapshots(tmp_path_factory.mktemp("home"))


@pytest.fixture
def ind(paths: Paths):
    with connect_published("indicators", paths) as con:
        yield con


@pytest.fixture
def ops(paths: Paths):
    with connect_published("operations", paths) as con:
        yield con


# --- publication & freshness -----------------------------------------------------------------


def test_publication_reads_version_time_and_metadata(ind) -> None:
    pub = q.publication(ind)
    assert pub.is_published
    assert pub.kind == "indicators"
    assert pub.version
    assert pub.published_at is not None and pub.published_at.tzinfo is not None
    assert datetime.now(UTC) - pub.published_at < timedelta(minutes=10)
    assert pub.latest_period == date(2022, 11, 1)
    assert pub.metadata["latest_period"] == "2022-11-01"


def test_publication_version_is_the_current_file(paths: Paths, ind) -> None:
    current = current_snapshot("indicators", paths)
    assert current is not None
    assert q.publication(ind).version in current.name


def test_freshness_combines_both_snapshots(ind, ops) -> None:
    fresh = q.freshness(ind, ops)
    assert fresh.latest_period == date(2022, 11, 1)
    assert fresh.indicators_version == q.publication(ind).version
    assert fresh.indicators_published_at == q.publication(ind).published_at
    # 2022-12 was rejected: the latest *loaded* period is 2022-11
    assert fresh.latest_loaded_period == date(2022, 11, 1)
    assert fresh.last_load_finished_at == datetime(2023, 1, 5, 8, 0, 12)
    assert fresh.operations_published_at is not None


def test_latest_period_per_indicator(ind) -> None:
    assert q.latest_period(ind) == date(2022, 11, 1)
    assert q.latest_period(ind, CODE) == date(2022, 11, 1)
    assert q.latest_period(ind, NO_DATA_CODE) is None


# --- indicators ------------------------------------------------------------------------------


def test_list_indicators_data_first_with_catalogue_columns(ind) -> None:
    df = q.list_indicators(ind)
    assert list(df["indicator_code"]) == [CODE, NO_DATA_CODE]
    assert list(df["has_data"]) == [True, False]
    first = df.iloc[0]
    assert first["latest_period"].date() == date(2022, 11, 1)
    assert float(first["target_value"]) == 3000
    assert first["name_en"] == "Participants receiving motivation and support services"


def test_national_series_is_country_only_and_ordered(ind) -> None:
    df = q.national_series(ind, CODE)
    assert [p.date() for p in df["period"]] == [
        date(2022, 9, 1),
        date(2022, 10, 1),
        date(2022, 11, 1),
    ]
    assert list(df["value"]) == [1100, 1180, 1234]
    assert list(df["expected_to_date"]) == [2864, 2909, 2955]
    assert set(df["target"]) == {3000.0}
    assert q.national_series(ind, NO_DATA_CODE).empty


def test_country_status_latest_month(ind) -> None:
    status = q.country_status(ind, CODE)
    assert status is not None
    assert status.period == date(2022, 11, 1)
    assert status.value == 1234
    assert status.value_in_period == 54
    assert status.target == 3000.0 and status.target_operator == ">"
    assert status.target_date == date(2022, 12, 31)
    assert status.share_of_target == pytest.approx(1234 / 3000)
    assert status.expected_to_date == 2955
    assert status.on_track is False
    # published after issue 14: rounded, as of the 2022-09 quarter end
    assert status.roma_value == 55 and status.roma_value_suppressed is False
    assert status.roma_value_is_rounded is True
    assert status.roma_value_as_of == date(2022, 9, 1)
    assert status.ethnicity_coverage == pytest.approx(0.623)
    assert q.country_status(ind, NO_DATA_CODE) is None


def test_country_status_on_track(tmp_path: Path) -> None:
    paths = publish_fixture_snapshots(
        tmp_path, progress=progress_rows(latest_value=3100), operations_snapshot=False
    )
    with connect_published("indicators", paths) as con:
        status = q.country_status(con, CODE)
    assert status is not None and status.on_track is True


def test_regions_latest_period_order_share_and_suppression(ind) -> None:
    df = q.regions_latest(ind, CODE)
    assert list(df["geo_code"]) == ["RIGA", "VIDZEME", "KURZEME", "ZEMGALE", "LATGALE"]
    assert {p.date() for p in df["period"]} == {date(2022, 11, 1)}
    by_code = df.set_index("geo_code")
    assert by_code.loc["RIGA", "value"] == 500
    assert by_code.loc["RIGA", "share_of_national"] == pytest.approx(500 / 1234)
    assert by_code.loc["LATGALE", "geo_name_en"] == "Latgale Planning Region"
    assert bool(by_code.loc["VIDZEME", "roma_value_suppressed"]) is True
    assert by_code["roma_value"].isna()["VIDZEME"]
    assert by_code.loc["KURZEME", "roma_value"] == 0  # a true zero is published
    assert bool(by_code.loc["KURZEME", "roma_value_suppressed"]) is False
    assert by_code.loc["ZEMGALE", "ethnicity_coverage"] == pytest.approx(0.2)
    assert {d.date() for d in df["roma_value_as_of"]} == {date(2022, 9, 1)}
    assert df["roma_value_is_rounded"].all()


def test_regions_for_an_explicit_period(ind) -> None:
    df = q.regions_latest(ind, CODE, period=date(2022, 10, 1))
    assert list(df["geo_code"]) == ["RIGA"]
    assert df["share_of_national"].iloc[0] == pytest.approx(480 / 1180)
    assert q.regions_latest(ind, NO_DATA_CODE).empty


# --- operations ------------------------------------------------------------------------------


def test_last_loads_show_each_sources_latest_period_and_rejections_apart(ops) -> None:
    df = q.last_loads(ops)
    assert list(df["source"]) == ["nva", "sif"]
    sif = df.set_index("source").loc["sif"]
    # the 2022-12 file was rejected after it: the latest data are still 2022-11's
    assert (sif["status"], sif["file_name"], sif["rows"]) == ("loaded", "SIF_9144_202211.csv", 790)
    assert df.set_index("source").loc["nva", "status"] == "duplicate"  # nothing accepted yet


def test_last_extract_is_the_latest_period_not_the_last_file_loaded() -> None:
    """Issue 15, defect 5: a resent old period loaded last is not the latest data."""
    columns = "source, file_name, status, rows, reporting_period, started_at, finished_at, "
    columns += "duration_s, message, report_path"
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE extract_loads AS SELECT load_id, period_end_month, {columns} FROM (VALUES "
        "('a', DATE '2022-11-01', 'sif', 'SIF_9144_202211.csv', 'loaded', 790, '2022-11', "
        "TIMESTAMP '2022-12-05 08:00', TIMESTAMP '2022-12-05 08:01', 60.0, NULL, NULL), "
        "('b', DATE '2020-08-01', 'sif', 'SIF_9144_202008.csv', 'loaded', 300, '2020-08', "
        "TIMESTAMP '2022-12-09 08:00', TIMESTAMP '2022-12-09 08:01', 60.0, NULL, NULL), "
        "('c', DATE '2022-12-01', 'km', 'KM_PLATF_SEM_2022.csv', 'loaded', 12, '2022', "
        "TIMESTAMP '2023-01-02 08:00', TIMESTAMP '2023-01-02 08:01', 60.0, NULL, NULL), "
        "('d', DATE '2017-12-01', 'km', 'KM_PLATF_MED_2017.csv', 'loaded', 4, '2017', "
        "TIMESTAMP '2023-01-03 08:00', TIMESTAMP '2023-01-03 08:01', 60.0, NULL, NULL), "
        "('e', DATE '2022-09-01', 'nva', 'NVA_741_DAL_2022Q3.csv', 'loaded', 500, '2022-Q3', "
        "TIMESTAMP '2022-10-10 08:00', TIMESTAMP '2022-10-10 08:01', 60.0, NULL, NULL), "
        "('f', DATE '2019-06-01', 'nva', 'NVA_741_DAL_2019Q2.csv', 'loaded', 200, '2019-Q2', "
        "TIMESTAMP '2022-11-10 08:00', TIMESTAMP '2022-11-10 08:01', 60.0, NULL, NULL)) "
        f"AS t(load_id, period_end_month, {columns})"
    )
    df = q.last_loads(con).set_index("source")
    assert df.loc["sif", "file_name"] == "SIF_9144_202211.csv"
    assert df.loc["sif", "rows"] == 790
    assert df.loc["km", "file_name"] == "KM_PLATF_SEM_2022.csv"
    assert df.loc["nva", "file_name"] == "NVA_741_DAL_2022Q3.csv"


# --- nothing published / incomplete snapshots ------------------------------------------------


def test_nothing_published_gives_no_connection(tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    assert q.connect_current("indicators", paths) is None
    assert q.connect_current("operations", paths) is None


def test_connect_current_follows_a_new_publication(tmp_path: Path) -> None:
    paths = publish_fixture_snapshots(tmp_path, operations_snapshot=False)
    con = q.connect_current("indicators", paths)
    assert con is not None
    first = q.publication(con).version
    con.close()
    publish_fixture_snapshots(
        tmp_path, progress=progress_rows(latest_value=3100), operations_snapshot=False
    )
    con = q.connect_current("indicators", paths)
    assert con is not None
    try:
        assert q.publication(con).version != first
        status = q.country_status(con, CODE)
        assert status is not None and status.value == 3100
    finally:
        con.close()


def test_latest_loaded_period_compares_months_quarters_and_years_by_recency(
    tmp_path: Path,
) -> None:
    def load(n: int, period: str, status: str, finished: datetime) -> dict:
        return {
            "load_id": f"l{n}",
            "source": "sif",
            "file_name": f"f{n}.csv",
            "sha256": f"{n:064x}",
            "reporting_period": period,
            "status": status,
            "started_at": finished,
            "finished_at": finished,
            "duration_s": 1.0,
        }

    loads = [
        load(1, "2022-11", "loaded", datetime(2023, 1, 5, 10)),
        load(2, "2022-Q4", "loaded", datetime(2023, 1, 6, 10)),
        load(3, "2021", "loaded", datetime(2022, 2, 1, 10)),
        load(4, "2023-01", "rejected", datetime(2023, 2, 1, 10)),
    ]
    paths = publish_fixture_snapshots(tmp_path, loads=loads, indicators_snapshot=False)
    with connect_published("operations", paths) as con:
        fresh = q.freshness(q.empty_snapshot(), con)
    assert fresh.latest_loaded_period == date(2022, 12, 1)  # Q4 ends in December; rejected ignored
    assert fresh.last_load_finished_at == datetime(2023, 2, 1, 10, 0)


# --- disclosure control (issue 14) ------------------------------------------------------------


def test_national_series_roma_is_rounded_and_as_of_the_quarter_end(ind) -> None:
    series = q.national_series(ind, CODE)
    assert list(series["roma_value"]) == [55, 55, 55]
    assert [d.date() for d in series["roma_value_as_of"]] == [date(2022, 9, 1)] * 3
    assert series["roma_value_is_rounded"].all()


def test_disclosure_utility_per_level_latest_quarter_end_and_all(ind) -> None:
    frame = q.disclosure_utility(ind)
    rows = {(r["geo_level"], r["scope"]): r for r in frame.to_dict("records")}
    assert list(frame["geo_level"]) == [
        "country",
        "country",
        "planning_region",
        "planning_region",
        "municipality",
        "municipality",
    ]
    latest = rows[("planning_region", "latest")]
    assert latest["period"].date() == date(2022, 9, 1)
    assert (latest["cells"], latest["cells_published"], latest["cells_withheld"]) == (5, 3, 2)
    assert latest["share_published"] == pytest.approx(0.6)
    overall = rows[("planning_region", "all")]
    assert (overall["cells"], overall["cells_published"]) == (10, 7)
    assert overall["share_published"] == pytest.approx(0.7)
    assert rows[("municipality", "all")]["share_published"] == pytest.approx(58 / 86)
    assert rows[("country", "latest")]["share_published"] == 1
    # the public snapshot has no split by rule and no rounding error
    assert frame["cells_withheld_complement"].isna().all()
    assert frame["rounding_error_mean"].isna().all()
    assert q.disclosure_utility(ind, "7.4.1").empty  # a measure without Roma cells


def test_disclosure_utility_internal_split_by_rule_and_rounding_error(tmp_path: Path) -> None:
    from roma_monitor.publish.snapshot import publish_tables
    from tests.conftest_snapshot import build_warehouse

    paths = Paths(tmp_path / "home").ensure()
    warehouse = build_warehouse(tmp_path / "internal.duckdb", internal=True)
    publish_tables(
        "indicators_internal",
        warehouse,
        {
            "fct_disclosure_utility": "SELECT * FROM src.marts.fct_disclosure_utility",
            "dim_indicators": "SELECT * FROM src.marts.dim_indicators",
        },
        paths,
    )
    with connect_published("indicators_internal", paths) as con:
        frame = q.disclosure_utility(con)
    rows = {(r["geo_level"], r["scope"]): r for r in frame.to_dict("records")}
    municipalities = rows[("municipality", "all")]
    assert (
        municipalities["cells_withheld_complement"],
        municipalities["cells_withheld_audit"],
    ) == (
        19,
        9,
    )
    # mean weighted by published cells: (0.9 * 30 + 1.5 * 28) / 58
    assert municipalities["rounding_error_mean"] == pytest.approx((0.9 * 30 + 1.5 * 28) / 58)
    assert municipalities["rounding_error_max"] == 2
    assert rows[("planning_region", "latest")]["cells_withheld_audit"] == 1


def test_no_two_query_modules_export_the_same_name() -> None:
    # `queries` re-exports every submodule with `import *`: a shared name would silently shadow.
    from collections import Counter

    from roma_monitor.serve.queries import core, measures, methodology, platform, quality, regions

    names = Counter(
        name
        for module in (core, measures, methodology, platform, quality, regions)
        for name in module.__all__
    )
    assert [name for name, count in names.items() if count > 1] == []
