"""Nothing published yet: every query on the empty snapshot (``queries.empty_snapshot``: the
published tables as the contracts and publishing create them, without rows) gives its "nothing"
(no rows, ``None``, an empty dataclass) with the columns the pages read."""

from __future__ import annotations

import inspect
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import pytest

from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve import queries as q
from roma_monitor.settings import Paths
from tests.conftest_snapshot import publish_fixture_snapshots

CODE = "SIF_9144_PARTICIPANTS"
# the arguments a query needs besides its connection(s)
ARGUMENTS = {"indicator_code": CODE, "geo_level": "municipality", "geo_code": "LV"}
ARGUMENTS |= {"measure": "7.4.1", "load_id": "1"}

# The columns each query returns (what the pages and exports read), written out by hand.
COLUMNS = {
    "area_figures": "period geo_level geo_code geo_name_lv geo_name_en planning_region_code "
    "has_data value value_rank share_of_national share target target_operator share_of_target "
    "roma_value "
    "roma_value_suppressed roma_value_as_of roma_value_is_rounded ethnicity_coverage",
    "baseline_context": "context_code value unit name_lv name_en reference_year source_citation",
    "corrections": "load_id measure_code source dataset reporting_period revision received_at "
    "file_name sha256 previous_load_id previous_file previous_sha256 previous_received_at "
    "rows_before rows_after rows_change",
    "dataset_quality": "measure_code source agency dataset period_kind frequency "
    "is_known_dataset last_load_id last_file last_period last_received_at last_status last_copy "
    "last_checks_run last_has_report last_message latest_period last_loaded_file "
    "last_loaded_rows total_rows_loaded files_loaded files_rejected freshness next_due "
    "expected_period days_late",
    "disclosure_utility": "geo_level scope period cells cells_published cells_withheld "
    "share_published cells_withheld_complement cells_withheld_audit rounding_error_mean "
    "rounding_error_max",
    "ethnicity_coverage": "sam source indicator_code name_lv name_en is_headline is_latest "
    "period value roma_value roma_value_suppressed roma_value_as_of roma_value_is_rounded "
    "ethnicity_coverage",
    "indicator_breakdowns": "period breakdown breakdown_value label_lv label_en value "
    "denominator share ethnicity_coverage is_suppressed is_denominator_suppressed "
    "is_share_suppressed value_as_of is_rounded",
    "indicator_catalogue": "indicator_code sam source agency indicator_group name_lv name_en "
    "definition_lv definition_en unit aggregation denominator_indicator_code geo_levels "
    "has_ethnicity category_name_lv category_name_en counting_rule_lv counting_rule_en "
    "measure_start_date source_citation note_lv note_en has_target target_value "
    "target_operator target_date target_is_from_report target_source_citation target_note_lv "
    "target_note_en "
    "denominator_name_lv denominator_name_en progress_status status_method",
    "indicator_series_by_area": "period geo_code geo_name_lv geo_name_en value",
    "indicator_trajectory": "period value value_in_period denominator share national_value "
    "share_of_national expected_to_date share_of_target roma_value roma_value_suppressed "
    "roma_value_as_of roma_value_is_rounded is_roma_point roma_share ethnicity_coverage",
    "last_loads": "source file_name status rows reporting_period started_at finished_at "
    "duration_s message report_path",
    "list_geography": "geo_level geo_code geo_name_lv geo_name_en parent_geo_code "
    "planning_region_code sort_order",
    "list_indicators": "indicator_code sam source agency name_lv name_en definition_lv "
    "definition_en unit counting_rule_lv counting_rule_en measure_start_date target_value "
    "target_operator target_date target_source_citation latest_period has_data",
    "list_measures": "sam source agency indicator_count has_data",
    "map_indicators": "indicator_code sam agency indicator_group name_lv name_en unit "
    "aggregation has_target has_ethnicity",
    "measure_indicators": "indicator_code sam source agency indicator_group name_lv name_en "
    "definition_lv definition_en unit aggregation denominator_indicator_code geo_levels "
    "has_ethnicity category_name_lv category_name_en counting_rule_lv counting_rule_en "
    "measure_start_date source_citation note_lv note_en has_target target_value "
    "target_operator target_date target_is_from_report target_source_citation target_note_lv "
    "target_note_en "
    "denominator_name_lv denominator_name_en is_headline has_data",
    "measure_milestones": "sam event_code event_date event_date_precision name_lv name_en "
    "is_from_report source_citation",
    "measure_overview": "indicator_code sam source agency indicator_group name_lv name_en unit "
    "is_headline has_target geo_code value_period value national_value share_of_national "
    "target target_operator target_date target_is_from_report target_source_citation "
    "share_of_target expected_to_date status_period current_pace_per_month "
    "needed_pace_per_month projected_value_at_target_date is_projected_to_reach_target "
    "progress_status roma_value roma_value_suppressed roma_value_as_of roma_value_is_rounded "
    "ethnicity_coverage",
    "mediators_by_area": "geo_code geo_name_lv geo_name_en value",
    "national_series": "period value value_in_period expected_to_date target target_operator "
    "share_of_target on_track roma_value roma_value_suppressed roma_value_as_of "
    "roma_value_is_rounded ethnicity_coverage",
    "participants_by_type": "participant_type participants participants_rank",
    "platform_figures": "workshops participants municipalities mediators tracked addressed "
    "addressed_share",
    "quality_summary": "on_time late never rejected corrections",
    "quarantined_loads": "load_id source dataset file_name copy reporting_period status "
    "revision received_at rows checks_run rules message report_path has_report",
    "recommendation_history": "recommendation_code level theme_lv theme_en "
    "municipality_atvk_2021 municipality_name_lv municipality_name_en planning_region_code "
    "status status_name_lv status_name_en counts_as_addressed status_date previous_status "
    "previous_status_name_lv previous_status_name_en change_number note",
    "recommendation_list": "recommendation_code level theme_lv theme_en text_lv text_en",
    # and, per municipal recommendation, its <code>_status, _status_name_lv, _status_name_en
    "recommendation_matrix": "municipality_atvk_2021 municipality_name_lv municipality_name_en "
    "addressed tracked",
    "recommendation_status": "recommendation_code level theme_lv theme_en "
    "municipality_atvk_2021 municipality_name_lv municipality_name_en planning_region_code "
    "status status_name_lv status_name_en counts_as_addressed status_date",
    "region_map_figures": "period geo_level geo_code geo_name_lv geo_name_en "
    "planning_region_code has_data value value_rank share_of_national share target target_operator "
    "share_of_target roma_value roma_value_suppressed roma_value_as_of roma_value_is_rounded "
    "ethnicity_coverage",
    "regions_latest": "period geo_code geo_name_lv geo_name_en value share_of_national "
    "roma_value roma_value_suppressed roma_value_as_of roma_value_is_rounded ethnicity_coverage",
    "results_on_leaving": "indicator_code outcome timing denominator_indicator_code name_lv "
    "name_en period value denominator share roma_value roma_value_suppressed roma_value_as_of "
    "roma_value_is_rounded roma_share ethnicity_coverage",
    "source_freshness": "source agency latest_period load_file_name load_status "
    "load_reporting_period load_finished_at load_message",
    "target_milestones": "indicator_code sam target_value target_operator target_date "
    "is_from_report source_citation note_lv note_en",
    "top_workshop_venue": "geo_code geo_name_lv geo_name_en workshops",
    "unaccepted_extracts": "source files_rejected last_received_at",
    "validation_reports": "load_id source dataset file_name copy reporting_period status "
    "revision received_at rows checks_run rules message report_path has_report",
    "workshops": "workshop_id workshop_date city topic topic_en venue_atvk_2021 venue_name_lv "
    "venue_name_en planning_region_code planning_region_name_lv planning_region_name_en "
    "participants_total municipalities_represented_2021_count",
}
# What the other queries give when nothing is published.
NOTHING = {
    "country_status": None,
    "freshness": q.Freshness(),
    "indicator_status": None,
    "latest_period": None,
    "list_periods": [],
    "publication": q.Publication(),
    "status_methods": [],
    "validation_report": None,
}


def _reads_snapshots(name: str) -> bool:
    function = getattr(q, name)
    if not inspect.isfunction(function):
        return False
    first = next(iter(inspect.signature(function).parameters), None)
    return first in ("con", "indicators_con")


QUERIES = sorted(name for name in q.__all__ if _reads_snapshots(name))


# the queries of the operations snapshot (the others read the indicators snapshot, or both)
OPERATIONS = {"corrections", "dataset_quality", "last_loads", "quality_summary"}
OPERATIONS |= {"quarantined_loads", "unaccepted_extracts", "validation_reports"}


def on_empty(name: str) -> Any:
    """``queries.<name>`` on the empty snapshot (each connection a cursor of its own)."""
    parameters = inspect.signature(getattr(q, name)).parameters.values()
    connections = [q.empty_snapshot() for p in parameters if p.annotation == "Connection"]
    try:
        return call(name, connections)
    finally:
        for con in connections:
            con.close()


def call(name: str, connections: list[q.Connection]) -> Any:
    """``queries.<name>(*connections, ...)`` with the ``ARGUMENTS`` it needs."""
    parameters = inspect.signature(getattr(q, name)).parameters.values()
    needed = [
        ARGUMENTS[p.name]
        for p in parameters
        if p.annotation != "Connection" and p.default is inspect.Parameter.empty
    ]
    return getattr(q, name)(*connections, *needed)


def test_every_query_is_listed_here() -> None:
    assert set(QUERIES) == set(COLUMNS) | set(NOTHING)


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_runs_on_the_empty_snapshot_and_finds_nothing(name: str) -> None:
    result = on_empty(name)
    if name in NOTHING:
        assert result == NOTHING[name]
        return
    assert isinstance(result, pd.DataFrame)
    assert list(result.columns) == COLUMNS[name].split()
    if name == "dataset_quality":  # the registry's datasets, none received yet
        assert len(result) == len(CONTRACTS)
        assert set(result["freshness"]) == {"never"}
        assert set(result["files_loaded"]) == {0}
    elif name == "quality_summary":  # one row of counts
        assert result.to_dict("records") == [
            {"on_time": 0, "late": 0, "never": len(CONTRACTS), "rejected": 0, "corrections": 0}
        ]
    elif name == "platform_figures":  # one row: no figure published
        assert len(result) == 1 and result.isna().all(axis=None)
    else:
        assert result.empty


def test_the_empty_snapshot_holds_every_published_table_without_rows() -> None:
    with q.empty_snapshot() as con:
        tables = {name for (name,) in con.execute("SHOW TABLES").fetchall()}
        assert tables == {
            # indicators (and the internal ones: the same tables)
            *("fct_indicator_progress", "fct_indicator_values", "fct_indicator_status"),
            *("fct_disclosure_utility", "fct_workshops", "fct_workshop_area_totals"),
            *("fct_workshop_participants_by_type", "fct_recommendation_status_history"),
            *("dim_indicators", "dim_geography", "ref_indicator_targets"),
            *("ref_measure_milestones", "ref_baseline_context", "ref_category_labels"),
            "fct_jspa_noncompliant_programmes",  # engineering
            "extract_loads",  # operations
            "publication",
        }
        for table in tables:
            assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone() == (0,)
        # nothing is left attached besides it
        catalogs = con.execute("SELECT database_name FROM duckdb_databases() WHERE NOT internal")
        assert catalogs.fetchall() == [("memory",)]


def test_threads_each_read_the_empty_snapshot_on_their_own_cursor() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        frames = list(pool.map(lambda _: on_empty("measure_overview"), range(16)))
    assert all(frame.empty for frame in frames)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return publish_fixture_snapshots(tmp_path_factory.mktemp("home"))


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_a_published_snapshot_gives_the_same_columns(name: str, published: Paths) -> None:
    with (
        connect_published("indicators", published) as ind,
        connect_published("operations", published) as ops,
    ):
        both = inspect.signature(getattr(q, name)).parameters.get("operations_con")
        frame = call(name, [ind, ops] if both else [ops if name in OPERATIONS else ind])
    assert list(frame.columns) == COLUMNS[name].split()
