"""Shared helpers, publication metadata, freshness, the indicator list and the CLI's export.

Pure functions: each takes a DuckDB connection to a published snapshot (see
``roma_monitor.publish.snapshot.connect_published``) and returns a pandas DataFrame or a small
frozen dataclass. No Streamlit here: the dashboard wraps these in its caches, the CLI calls them
directly.

Every figure is computed in dbt (the published marts and their contracts, docs/architecture.md):
these functions only select and filter published columns. With nothing published yet, readers
pass ``empty_snapshot()`` (the published tables, empty): no rows, ``None``, or a dataclass of
``None`` fields.

Snapshots: ``indicators`` holds ``fct_indicator_progress``, ``dim_indicators``,
``dim_geography`` and ``publication``; ``operations`` holds ``extract_loads`` and
``publication``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from roma_monitor.contracts.registry import MEASURE_ORDER  # the report's order of measures
from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.publish.tables import empty_snapshot
from roma_monitor.settings import Paths

__all__ = [
    "BASELINE_QUERY",
    "BREAKDOWN_QUERY",
    "COUNTRY",
    "Connection",
    "CountryStatus",
    "Freshness",
    "GEOGRAPHY",
    "INDICATORS",
    "KPI_QUERY",
    "LOADS",
    "MILESTONES_QUERY",
    "PLANNING_REGION",
    "PLANNING_REGION_ORDER",
    "ROMA",
    "PROGRESS",
    "PUBLICATION",
    "Publication",
    "STATUS_QUERY",
    "MEASURE_ORDER",
    "connect_current",
    "empty_snapshot",
    "list_geography",
    "list_measures",
    "list_periods",
    "country_status",
    "freshness",
    "last_loads",
    "latest_period",
    "list_indicators",
    "national_series",
    "publication",
    "published_rounding_base",
    "published_kpis",
    "regions_latest",
]

Connection = duckdb.DuckDBPyConnection

PROGRESS = "fct_indicator_progress"
INDICATORS = "dim_indicators"
GEOGRAPHY = "dim_geography"
LOADS = "extract_loads"
PUBLICATION = "publication"

COUNTRY = "country"
PLANNING_REGION = "planning_region"
# Conventional order of the planning regions (MK noteikumi Nr. 418); unknown codes sort last.
PLANNING_REGION_ORDER = ("RIGA", "VIDZEME", "KURZEME", "ZEMGALE", "LATGALE")


@dataclass(frozen=True)
class Publication:
    """The ``publication`` key/value table of one snapshot."""

    version: str | None = None
    published_at: datetime | None = None
    kind: str | None = None
    latest_period: date | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def is_published(self) -> bool:
        return self.version is not None


@dataclass(frozen=True)
class CountryStatus:
    """The latest country-level row of one indicator: where it stands against its target."""

    indicator_code: str
    period: date
    value: int | None
    value_in_period: int | None
    target: float | None
    target_operator: str | None
    target_date: date | None
    share_of_target: float | None
    expected_to_date: float | None
    on_track: bool | None
    roma_value: int | None
    roma_value_suppressed: bool
    ethnicity_coverage: float | None
    roma_value_as_of: date | None = None
    roma_value_is_rounded: bool = False

    @property
    def has_target(self) -> bool:
        return self.target is not None


@dataclass(frozen=True)
class Freshness:
    """How recent the published data are (indicators) and the last ingest (operations)."""

    latest_period: date | None = None
    indicators_published_at: datetime | None = None
    indicators_version: str | None = None
    latest_loaded_period: date | None = None
    last_load_finished_at: datetime | None = None
    operations_published_at: datetime | None = None


# --- helpers ---------------------------------------------------------------------------------


def connect_current(kind: str, paths: Paths | None = None) -> Connection | None:
    """A read-only connection to the current snapshot of ``kind``, or None if none is published.

    For the CLI and scripts; the dashboard keeps its own cached connection per snapshot file.
    """
    path = current_snapshot(kind, paths)
    if path is None or not path.exists():
        return None
    return duckdb.connect(str(path), read_only=True)


def as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return (
            date(int(text[:4]), int(text[5:7]), 1)
            if len(text) == 7
            else date.fromisoformat(text[:10])
        )
    except ValueError:
        return None


def as_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None


# --- publication & freshness -----------------------------------------------------------------


def publication(con: Connection) -> Publication:
    """Version, publication time (aware, UTC) and the other metadata of a snapshot."""
    rows = con.execute(f"SELECT key, value FROM main.{PUBLICATION}").fetchall()
    meta = {str(key): str(value) for key, value in rows if key is not None and value is not None}
    return Publication(
        version=meta.get("version"),
        published_at=as_datetime(meta.get("published_at")),
        kind=meta.get("kind"),
        latest_period=as_date(meta.get("latest_period")),
        metadata=meta,
    )


def published_rounding_base(pub: Publication) -> int:
    """The base Roma counts were rounded to (publication metadata ``rounding_base``; 5 when a
    snapshot does not say)."""
    try:
        return int(pub.metadata.get("rounding_base") or 5)
    except ValueError:
        return 5


# The Roma columns as every query returns them (fct_indicator_progress: NULL when withheld).
ROMA = "roma_value_suppressed, roma_value_as_of, roma_value_is_rounded"


def latest_period(con: Connection, indicator_code: str | None = None) -> date | None:
    """The latest month in the indicators snapshot (of one indicator, if given)."""
    row = con.execute(
        f"SELECT max(period) FROM main.{PROGRESS} WHERE ? IS NULL OR indicator_code = ?",
        [indicator_code, indicator_code],
    ).fetchone()
    return as_date(row[0]) if row else None


def freshness(indicators_con: Connection, operations_con: Connection) -> Freshness:
    """Latest period published and when; latest period loaded and the last load's end."""
    pub = publication(indicators_con)
    latest = latest_period(indicators_con) or pub.latest_period
    ops = publication(operations_con)
    latest_loaded, last_finished = operations_con.execute(
        f"SELECT max(period_end_month) FILTER (status = 'loaded'), max(finished_at) "
        f"FROM main.{LOADS}"
    ).fetchone()
    return Freshness(
        latest_period=latest,
        indicators_published_at=pub.published_at,
        indicators_version=pub.version,
        latest_loaded_period=as_date(latest_loaded),
        last_load_finished_at=as_datetime(last_finished),
        operations_published_at=ops.published_at,
    )


# --- indicators ------------------------------------------------------------------------------


def list_indicators(con: Connection) -> pd.DataFrame:
    """The indicator catalogue (``dim_indicators``) with ``latest_period`` and ``has_data``;
    indicators with data first, then by code."""
    return con.execute(
        f"""
        SELECT i.indicator_code, i.sam, i.source, i.agency, i.name_lv, i.name_en,
               i.definition_lv, i.definition_en, i.unit, i.counting_rule_lv, i.counting_rule_en,
               i.measure_start_date, i.target_value, i.target_operator, i.target_date,
               i.target_source_citation, p.period AS latest_period,
               p.period IS NOT NULL AS has_data
        FROM main.{INDICATORS} AS i
        LEFT JOIN (
            SELECT DISTINCT indicator_code, period FROM main.{PROGRESS} WHERE is_latest_period
        ) AS p ON p.indicator_code = i.indicator_code
        ORDER BY has_data DESC, i.indicator_code
        """
    ).df()


def national_series(con: Connection, indicator_code: str) -> pd.DataFrame:
    """Country-level monthly series of one indicator, oldest first."""
    return con.execute(
        f"""
        SELECT period, CAST(value AS BIGINT) AS value,
               CAST(value_in_period AS BIGINT) AS value_in_period, expected_to_date,
               CAST(target AS DOUBLE) AS target, target_operator, share_of_target, on_track,
               CAST(roma_value AS BIGINT) AS roma_value, {ROMA}, ethnicity_coverage
        FROM main.{PROGRESS}
        WHERE indicator_code = ? AND geo_level = '{COUNTRY}'
        ORDER BY period
        """,
        [indicator_code],
    ).df()


def country_status(con: Connection, indicator_code: str) -> CountryStatus | None:
    """The latest country row of one indicator, or None when it has no data."""
    cursor = con.execute(
        f"""
        SELECT indicator_code, period, CAST(value AS BIGINT) AS value,
               CAST(value_in_period AS BIGINT) AS value_in_period,
               CAST(target AS DOUBLE) AS target, target_operator, target_date, share_of_target,
               expected_to_date, on_track, CAST(roma_value AS BIGINT) AS roma_value, {ROMA},
               ethnicity_coverage
        FROM main.{PROGRESS}
        WHERE indicator_code = ? AND geo_level = '{COUNTRY}' AND is_latest_period
        """,
        [indicator_code],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return CountryStatus(**dict(zip([d[0] for d in cursor.description], row, strict=True)))


def regions_latest(
    con: Connection, indicator_code: str, period: date | None = None
) -> pd.DataFrame:
    """One row per planning region for the latest period of the indicator (or ``period``):
    value, share of the national (country) total, Roma value (NULL when suppressed) and
    ethnicity coverage, in the conventional region order."""
    return con.execute(
        f"""
        SELECT p.period, p.geo_code, p.geo_name_lv, p.geo_name_en,
               CAST(p.value AS BIGINT) AS value, p.share_of_national,
               CAST(p.roma_value AS BIGINT) AS roma_value, {ROMA}, p.ethnicity_coverage
        FROM main.{PROGRESS} AS p JOIN main.{GEOGRAPHY} AS g USING (geo_level, geo_code)
        WHERE p.indicator_code = ? AND p.geo_level = '{PLANNING_REGION}'
          AND (CASE WHEN CAST(? AS DATE) IS NULL THEN p.is_latest_period ELSE p.period = ? END)
        ORDER BY g.sort_order, p.geo_code
        """,
        [indicator_code, period, period],
    ).df()


# --- what the filters offer ------------------------------------------------------------------


def list_measures(con: Connection) -> pd.DataFrame:
    """One row per measure (SAM) in the catalogue, in the report's order."""
    return con.execute(
        f"""
        SELECT i.sam, min(i.source) AS source, min(i.agency) AS agency,
               count(*) AS indicator_count, bool_or(p.indicator_code IS NOT NULL) AS has_data
        FROM main.{INDICATORS} AS i
        LEFT JOIN (
            SELECT DISTINCT indicator_code, period FROM main.{PROGRESS} WHERE is_latest_period
        ) AS p ON p.indicator_code = i.indicator_code
        GROUP BY i.sam
        ORDER BY min(i.measure_rank), i.sam
        """
    ).df()


def list_geography(con: Connection) -> pd.DataFrame:
    """Latvia, its planning regions and their municipalities (ATVK 2021), each region followed
    by its municipalities."""
    return con.execute(
        f"SELECT geo_level, geo_code, geo_name_lv, geo_name_en, parent_geo_code, "
        f"planning_region_code, sort_order FROM main.{GEOGRAPHY} ORDER BY sort_order, geo_code"
    ).df()


def list_periods(con: Connection) -> list[date]:
    """Every month with published figures, oldest first."""
    rows = con.execute(f"SELECT DISTINCT period FROM main.{PROGRESS} ORDER BY period").fetchall()
    return [as_date(row[0]) for row in rows]


# --- operations ------------------------------------------------------------------------------


def last_loads(con: Connection) -> pd.DataFrame:
    """Each source's latest data: the accepted extract of its latest period
    (the latest revision when a period was resent), with when it was loaded; a source with no
    accepted extract shows its last attempt. Files rejected since: ``unaccepted_extracts``."""
    return con.execute(
        f"""
        SELECT source, file_name, status, rows, reporting_period, started_at, finished_at,
               duration_s, message, report_path
        FROM main.{LOADS}
        QUALIFY row_number() OVER (
            PARTITION BY source
            ORDER BY status = 'loaded' DESC, period_end_month DESC NULLS LAST,
                     started_at DESC NULLS LAST, finished_at DESC NULLS LAST, load_id DESC
        ) = 1
        ORDER BY source
        """
    ).df()


KPI_QUERY = """
SELECT
    p.indicator_code AS indicator, p.sam, p.source, i.name_lv, i.name_en, p.unit,
    p.geo_level, p.geo_code, p.geo_name_lv, p.geo_name_en,
    strftime(p.period, '%Y-%m') AS period, p.value, p.value_in_period, p.denominator, p.share,
    CAST(p.target AS DOUBLE) AS target, p.target_operator,
    strftime(p.target_date, '%Y-%m-%d') AS target_date,
    CAST(p.share_of_target AS DOUBLE) AS share_of_target,
    CAST(p.expected_to_date AS DOUBLE) AS expected_to_date, p.on_track,
    s.progress_status,
    p.roma_value, p.roma_value_suppressed, p.roma_share,
    strftime(p.roma_value_as_of, '%Y-%m') AS roma_value_as_of, p.roma_value_is_rounded,
    p.ethnicity_coverage
FROM fct_indicator_progress AS p
JOIN dim_indicators AS i USING (indicator_code)
LEFT JOIN fct_indicator_status AS s
    ON s.indicator_code = p.indicator_code AND s.period = p.period AND p.geo_level = 'country'
WHERE (? IS NULL OR p.geo_level = ?) AND (NOT ? OR p.is_latest_period)
ORDER BY indicator, p.period,
    CASE p.geo_level WHEN 'country' THEN 0 WHEN 'planning_region' THEN 1 ELSE 2 END, p.geo_code
"""

STATUS_QUERY = """
SELECT s.indicator_code AS indicator, i.name_lv, i.name_en, s.unit,
    strftime(s.period, '%Y-%m') AS period, s.value, CAST(s.target AS DOUBLE) AS target,
    s.target_operator,
    strftime(s.target_date, '%Y-%m-%d') AS target_date, t.is_from_report AS target_is_from_report,
    t.source_citation AS target_source, CAST(s.share_of_target AS DOUBLE) AS share_of_target,
    s.current_pace_per_month,
    s.needed_pace_per_month, s.projected_value_at_target_date, s.is_projected_to_reach_target,
    s.growth_ratio, s.progress_status, s.status_method
FROM fct_indicator_status AS s
JOIN dim_indicators AS i USING (indicator_code)
LEFT JOIN ref_indicator_targets AS t
    ON t.indicator_code = s.indicator_code AND t.target_kind = 'final'
    AND t.target_date = s.target_date
WHERE s.is_latest_period
ORDER BY indicator
"""

BREAKDOWN_QUERY = """
SELECT indicator_code AS indicator, strftime(period, '%Y-%m') AS period, geo_level, geo_code,
    breakdown, breakdown_value, value, denominator, share, ethnicity_coverage, is_suppressed,
    strftime(value_as_of, '%Y-%m') AS value_as_of, is_rounded
FROM fct_indicator_values
WHERE breakdown != 'total' AND (? IS NULL OR geo_level = ?)
  AND (NOT ? OR period = (SELECT max(v.period) FROM fct_indicator_values AS v
                          WHERE v.indicator_code = fct_indicator_values.indicator_code))
ORDER BY indicator, period, geo_code, breakdown, breakdown_value
"""

MILESTONES_QUERY = """
SELECT sam, event_code, strftime(event_date, '%Y-%m-%d') AS event_date, event_date_precision,
    name_lv, name_en, is_from_report, source_citation
FROM ref_measure_milestones ORDER BY event_date, event_code
"""

BASELINE_QUERY = """
SELECT context_code, CAST(value AS DOUBLE) AS value, unit, name_lv, name_en, reference_year,
    source_citation
FROM ref_baseline_context ORDER BY context_code
"""


def records(con: Connection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def published_kpis(
    geo_level: str | None = None,
    latest_only: bool = False,
    with_breakdowns: bool = False,
    paths: Paths | None = None,
) -> dict[str, list[dict]]:
    """Everything the indicators snapshot publishes, as plain records (for
    `roma-monitor kpis --json`): every indicator's totals (with Roma values and coverage),
    the status against each target (pace, projection, progress class), the measures'
    milestones, the baseline context and, if asked, every breakdown."""
    filters = [geo_level, geo_level, latest_only]
    with connect_published("indicators", paths) as con:
        published = {
            "indicators": records(con, KPI_QUERY, filters),
            "status": records(con, STATUS_QUERY),
            "milestones": records(con, MILESTONES_QUERY),
            "baseline_context": records(con, BASELINE_QUERY),
        }
        if with_breakdowns:
            published["breakdowns"] = records(con, BREAKDOWN_QUERY, filters)
    return published
