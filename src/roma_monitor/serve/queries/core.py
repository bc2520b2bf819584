"""Shared helpers, publication metadata, freshness, the indicator list and the CLI's export.

Pure functions: each takes a DuckDB connection to a published snapshot (see
``roma_monitor.publish.snapshot.connect_published``) and returns a pandas DataFrame or a small
frozen dataclass. No Streamlit here: the dashboard wraps these in its caches, the CLI calls them
directly.

Graceful emptiness: every function accepts ``con=None`` (nothing published yet) and a snapshot
that lacks the table it reads, and then returns an empty DataFrame with the documented columns,
``None``, or a dataclass of ``None`` fields, never an exception.

Snapshots: ``indicators`` holds ``fct_indicator_progress``, ``dim_indicators``,
``dim_geography`` and ``publication``; ``operations`` holds ``extract_loads`` and
``publication``.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from roma_monitor.contracts.base import period_bounds
from roma_monitor.contracts.registry import MEASURE_ORDER  # the report's order of measures
from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.settings import Paths, suppression_threshold

__all__ = [
    "BASELINE_QUERY",
    "BREAKDOWN_QUERY",
    "COUNTRY",
    "Connection",
    "CountryStatus",
    "Freshness",
    "GEOGRAPHY",
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "KPI_QUERY",
    "LOADS",
    "LOAD_COLUMNS",
    "MILESTONES_QUERY",
    "PLANNING_REGION",
    "PLANNING_REGION_ORDER",
    "PROGRESS",
    "PUBLICATION",
    "Publication",
    "REGION_COLUMNS",
    "SERIES_COLUMNS",
    "STATUS_QUERY",
    "GEOGRAPHY_COLUMNS",
    "MEASURE_COLUMNS",
    "MEASURE_ORDER",
    "connect_current",
    "list_geography",
    "list_measures",
    "last_month_of",
    "list_periods",
    "table_columns",
    "country_status",
    "freshness",
    "has_table",
    "last_loads",
    "latest_period",
    "list_indicators",
    "national_series",
    "publication",
    "published_rounding_base",
    "published_threshold",
    "roma_select",
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

INDICATOR_COLUMNS = [
    "indicator_code",
    "sam",
    "source",
    "agency",
    "name_lv",
    "name_en",
    "definition_lv",
    "definition_en",
    "unit",
    "counting_rule_lv",
    "counting_rule_en",
    "measure_start_date",
    "target_value",
    "target_operator",
    "target_date",
    "target_source_citation",
    # added by list_indicators:
    "latest_period",
    "has_data",
]
SERIES_COLUMNS = [
    "period",
    "value",
    "value_in_period",
    "expected_to_date",
    "target",
    "target_operator",
    "share_of_target",
    "on_track",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "ethnicity_coverage",
]
REGION_COLUMNS = [
    "period",
    "geo_code",
    "geo_name_lv",
    "geo_name_en",
    "value",
    "share_of_national",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "ethnicity_coverage",
]
LOAD_COLUMNS = [
    "source",
    "file_name",
    "status",
    "rows",
    "reporting_period",
    "started_at",
    "finished_at",
    "duration_s",
    "message",
    "report_path",
]


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


def has_table(con: Connection | None, table: str) -> bool:
    if con is None:
        return False
    return table in _catalogue(con)


def table_columns(con: Connection | None, table: str) -> set[str]:
    """The columns a snapshot table has (empty when it is missing): older or hand-made
    snapshots lack some, e.g. ``report_markdown`` or ``has_ethnicity``."""
    if con is None:
        return set()
    return set(_catalogue(con).get(table, ()))


# Catalogues of read-only database files, by (path, mtime, size): a published snapshot is never
# rewritten, and reading DuckDB's catalogue costs 1-2 ms a time, which a page's first view after
# a publication paid ~60 times (every query checks its tables).
_CATALOGUES: dict[tuple[str, int, int], dict[str, frozenset[str]]] = {}
_MAX_CATALOGUES = 64
_last = threading.local()  # this thread's last connection and its catalogue


def _catalogue(con: Connection) -> dict[str, frozenset[str]]:
    """Table (or view) → its columns, in the ``main`` schema of the connection's databases."""
    if getattr(_last, "con", None) is con:
        return _last.catalogue
    key = _read_only_file(con)
    found = _CATALOGUES.get(key) if key is not None else None
    if found is None:
        columns: dict[str, set[str]] = {}
        rows = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
        ).fetchall()
        for table, column in rows:
            columns.setdefault(str(table), set()).add(str(column))
        found = {table: frozenset(names) for table, names in columns.items()}
        if key is not None:
            if len(_CATALOGUES) >= _MAX_CATALOGUES:
                _CATALOGUES.clear()
            _CATALOGUES[key] = found
    if key is not None:  # a writable or in-memory database may gain tables: never remembered
        _last.con, _last.catalogue = con, found
    return found


def _read_only_file(con: Connection) -> tuple[str, int, int] | None:
    """(path, mtime, size) of the connection's database when it is a file opened read-only."""
    row = con.execute(
        "SELECT path, readonly FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    if not row or not row[0] or not row[1]:
        return None
    try:
        stat = os.stat(row[0])
    except OSError:
        return None
    return (str(row[0]), stat.st_mtime_ns, stat.st_size)


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in columns})


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


def last_month_of(period: str) -> date | None:
    """The first day of the last month of a reporting period written ``YYYY-MM``, ``YYYY-Qn``
    or ``YYYY`` (so monthly, quarterly and yearly extracts compare by how recent they are)."""
    try:
        return period_bounds(period)[1].replace(day=1)
    except (ValueError, IndexError):
        return None


def as_float(value: Any) -> float | None:
    return None if value is None else float(value)


def as_int(value: Any) -> int | None:
    return None if value is None else int(value)


# --- publication & freshness -----------------------------------------------------------------


def publication(con: Connection | None) -> Publication:
    """Version, publication time (aware, UTC) and the other metadata of a snapshot."""
    if not has_table(con, PUBLICATION):
        return Publication()
    rows = con.execute(f"SELECT key, value FROM main.{PUBLICATION}").fetchall()
    meta = {str(key): str(value) for key, value in rows if key is not None and value is not None}
    return Publication(
        version=meta.get("version"),
        published_at=as_datetime(meta.get("published_at")),
        kind=meta.get("kind"),
        latest_period=as_date(meta.get("latest_period")),
        metadata=meta,
    )


def published_threshold(pub: Publication) -> int:
    """The small-cell threshold a snapshot was published with (publication metadata
    ``suppression_threshold``), else the configured one."""
    value = pub.metadata.get("suppression_threshold")
    try:
        return int(value) if value is not None else suppression_threshold()
    except ValueError:
        return suppression_threshold()


def published_rounding_base(pub: Publication) -> int:
    """The base Roma counts were rounded to (publication metadata ``rounding_base``; 5 when a
    snapshot does not say)."""
    try:
        return int(pub.metadata.get("rounding_base") or 5)
    except ValueError:
        return 5


def roma_select(
    con: Connection | None, table: str = PROGRESS, alias: str = "p", cast: str = "BIGINT"
) -> str:
    """The Roma columns of a progress row as every query returns them: ``roma_value`` (NULL when
    withheld), ``roma_value_suppressed`` (withheld, ``×``), ``roma_value_as_of`` (the quarter-end
    month the figure describes) and ``roma_value_is_rounded`` (``≈``). A snapshot published
    before issue 14 has no as-of or rounding columns: its figures describe their own month and
    are exact. ``cast``: the type of ``roma_value`` (DOUBLE where NULL must read as NaN)."""
    present = table_columns(con, table)
    a = alias
    as_of = (
        f"coalesce({a}.roma_value_as_of, {a}.period)"
        if "roma_value_as_of" in present
        else (f"{a}.period")
    )
    rounded = (
        f"coalesce({a}.roma_value_is_rounded, false)"
        if "roma_value_is_rounded" in present
        else "false"
    )
    return (
        f"CASE WHEN coalesce({a}.roma_value_suppressed, false) THEN NULL "
        f"ELSE CAST({a}.roma_value AS {cast}) END AS roma_value, "
        f"coalesce({a}.roma_value_suppressed, false) AS roma_value_suppressed, "
        f"CAST({as_of} AS DATE) AS roma_value_as_of, "
        f"{rounded} AS roma_value_is_rounded"
    )


def latest_period(con: Connection | None, indicator_code: str | None = None) -> date | None:
    """The latest month in the indicators snapshot (of one indicator, if given)."""
    if not has_table(con, PROGRESS):
        return None
    sql = f"SELECT max(period) FROM main.{PROGRESS}"
    params: list[Any] = []
    if indicator_code is not None:
        sql += " WHERE indicator_code = ?"
        params.append(indicator_code)
    row = con.execute(sql, params).fetchone()
    return as_date(row[0]) if row else None


def freshness(
    indicators_con: Connection | None, operations_con: Connection | None = None
) -> Freshness:
    """Latest period published and when; latest period loaded and the last load's end."""
    pub = publication(indicators_con)
    latest = latest_period(indicators_con) or pub.latest_period
    ops = publication(operations_con)
    latest_loaded = last_finished = None
    if has_table(operations_con, LOADS):
        loaded = operations_con.execute(
            f"SELECT DISTINCT CAST(reporting_period AS VARCHAR) FROM main.{LOADS} "
            "WHERE status = 'loaded' AND reporting_period IS NOT NULL"
        ).fetchall()
        latest_loaded = max((last_month_of(period) for (period,) in loaded), default=None)
        row = operations_con.execute(f"SELECT max(finished_at) FROM main.{LOADS}").fetchone()
        last_finished = as_datetime(row[0]) if row else None
    return Freshness(
        latest_period=latest,
        indicators_published_at=pub.published_at,
        indicators_version=pub.version,
        latest_loaded_period=latest_loaded,
        last_load_finished_at=last_finished,
        operations_published_at=ops.published_at,
    )


# --- indicators ------------------------------------------------------------------------------


def list_indicators(con: Connection | None) -> pd.DataFrame:
    """The indicator catalogue (``dim_indicators``) with ``latest_period`` and ``has_data``;
    indicators with data first, then by code."""
    if not has_table(con, INDICATORS):
        return empty_frame(INDICATOR_COLUMNS)
    base = INDICATOR_COLUMNS[:-2]
    columns = ", ".join(f"i.{name}" for name in base)
    if has_table(con, PROGRESS):
        sql = f"""
            WITH latest AS (
                SELECT indicator_code, max(period) AS latest_period
                FROM main.{PROGRESS} GROUP BY indicator_code
            )
            SELECT {columns}, l.latest_period, l.latest_period IS NOT NULL AS has_data
            FROM main.{INDICATORS} AS i LEFT JOIN latest AS l USING (indicator_code)
            ORDER BY has_data DESC, i.indicator_code
        """
    else:
        sql = f"""
            SELECT {columns}, CAST(NULL AS DATE) AS latest_period, false AS has_data
            FROM main.{INDICATORS} AS i ORDER BY i.indicator_code
        """
    return con.execute(sql).df()


def national_series(con: Connection | None, indicator_code: str) -> pd.DataFrame:
    """Country-level monthly series of one indicator, oldest first (``SERIES_COLUMNS``)."""
    if not has_table(con, PROGRESS):
        return empty_frame(SERIES_COLUMNS)
    return con.execute(
        f"""
        SELECT period, CAST(value AS BIGINT) AS value,
               CAST(value_in_period AS BIGINT) AS value_in_period,
               CAST(expected_to_date AS DOUBLE) AS expected_to_date,
               CAST(target AS DOUBLE) AS target, target_operator,
               CAST(share_of_target AS DOUBLE) AS share_of_target, on_track,
               {roma_select(con)},
               CAST(ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
        FROM main.{PROGRESS} AS p
        WHERE indicator_code = ? AND geo_level = '{COUNTRY}'
        ORDER BY period
        """,
        [indicator_code],
    ).df()


def country_status(con: Connection | None, indicator_code: str) -> CountryStatus | None:
    """The latest country row of one indicator, or None when it has no data."""
    if not has_table(con, PROGRESS):
        return None
    row = con.execute(
        f"""
        SELECT period, value, value_in_period, target, target_operator, target_date,
               share_of_target, expected_to_date, on_track, {roma_select(con)},
               ethnicity_coverage
        FROM main.{PROGRESS} AS p
        WHERE indicator_code = ? AND geo_level = '{COUNTRY}'
        ORDER BY period DESC LIMIT 1
        """,
        [indicator_code],
    ).fetchone()
    if row is None:
        return None
    (
        period,
        value,
        in_period,
        target,
        operator,
        target_date,
        share,
        expected,
        on_track,
        roma,
        suppressed,
        roma_as_of,
        roma_rounded,
        coverage,
    ) = row
    return CountryStatus(
        indicator_code=indicator_code,
        period=as_date(period),
        value=as_int(value),
        value_in_period=as_int(in_period),
        target=as_float(target),
        target_operator=operator,
        target_date=as_date(target_date),
        share_of_target=as_float(share),
        expected_to_date=as_float(expected),
        on_track=None if on_track is None else bool(on_track),
        roma_value=None if suppressed else as_int(roma),
        roma_value_suppressed=bool(suppressed),
        ethnicity_coverage=as_float(coverage),
        roma_value_as_of=as_date(roma_as_of),
        roma_value_is_rounded=bool(roma_rounded),
    )


def regions_latest(
    con: Connection | None, indicator_code: str, period: date | None = None
) -> pd.DataFrame:
    """One row per planning region for the latest period of the indicator (or ``period``):
    value, share of the national (country) total, Roma value (NULL when suppressed) and
    ethnicity coverage, in the conventional region order (``REGION_COLUMNS``)."""
    if not has_table(con, PROGRESS):
        return empty_frame(REGION_COLUMNS)
    if period is None:
        period = latest_period(con, indicator_code)
        if period is None:
            return empty_frame(REGION_COLUMNS)
    order = " ".join(
        f"WHEN '{code}' THEN {rank}" for rank, code in enumerate(PLANNING_REGION_ORDER)
    )
    return con.execute(
        f"""
        WITH this_month AS (
            SELECT * FROM main.{PROGRESS} WHERE indicator_code = ? AND period = ?
        ),
        national AS (
            SELECT max(value) AS value FROM this_month WHERE geo_level = '{COUNTRY}'
        )
        SELECT r.period, r.geo_code, r.geo_name_lv, r.geo_name_en,
               CAST(r.value AS BIGINT) AS value,
               CAST(r.value AS DOUBLE) / nullif(CAST(n.value AS DOUBLE), 0)
                   AS share_of_national,
               {roma_select(con, alias="r")},
               CAST(r.ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
        FROM this_month AS r CROSS JOIN national AS n
        WHERE r.geo_level = '{PLANNING_REGION}'
        ORDER BY CASE r.geo_code {order} ELSE {len(PLANNING_REGION_ORDER)} END, r.geo_name_lv
        """,
        [indicator_code, period],
    ).df()


# --- what the filters offer ------------------------------------------------------------------

MEASURE_COLUMNS = ["sam", "source", "agency", "indicator_count", "has_data"]
GEOGRAPHY_COLUMNS = [
    "geo_level",
    "geo_code",
    "geo_name_lv",
    "geo_name_en",
    "parent_geo_code",
    "planning_region_code",
    "sort_order",
]


def list_measures(con: Connection | None) -> pd.DataFrame:
    """One row per measure (SAM) in the catalogue, in the report's order (``MEASURE_COLUMNS``)."""
    if not has_table(con, INDICATORS):
        return empty_frame(MEASURE_COLUMNS)
    order = " ".join(f"WHEN '{sam}' THEN {rank}" for rank, sam in enumerate(MEASURE_ORDER))
    latest = (
        f"SELECT DISTINCT indicator_code FROM main.{PROGRESS}"
        if has_table(con, PROGRESS)
        else "SELECT NULL::VARCHAR AS indicator_code WHERE false"
    )
    return con.execute(
        f"""
        WITH with_data AS ({latest})
        SELECT i.sam, min(i.source) AS source, min(i.agency) AS agency,
               count(*) AS indicator_count, bool_or(d.indicator_code IS NOT NULL) AS has_data
        FROM main.{INDICATORS} AS i LEFT JOIN with_data AS d USING (indicator_code)
        GROUP BY i.sam
        ORDER BY CASE i.sam {order} ELSE {len(MEASURE_ORDER)} END, i.sam
        """
    ).df()


def list_geography(con: Connection | None) -> pd.DataFrame:
    """Latvia, its planning regions and their municipalities (ATVK 2021), each region followed
    by its municipalities (``GEOGRAPHY_COLUMNS``)."""
    if not has_table(con, GEOGRAPHY):
        return empty_frame(GEOGRAPHY_COLUMNS)
    return con.execute(
        f"SELECT {', '.join(GEOGRAPHY_COLUMNS)} FROM main.{GEOGRAPHY} ORDER BY sort_order, geo_code"
    ).df()


def list_periods(con: Connection | None) -> list[date]:
    """Every month with published figures, oldest first."""
    if not has_table(con, PROGRESS):
        return []
    rows = con.execute(f"SELECT DISTINCT period FROM main.{PROGRESS} ORDER BY period").fetchall()
    return [as_date(row[0]) for row in rows]


# --- operations ------------------------------------------------------------------------------


def last_loads(con: Connection | None) -> pd.DataFrame:
    """Each source's latest data (``LOAD_COLUMNS``): the accepted extract of its latest period
    (the latest revision when a period was resent), with when it was loaded; a source with no
    accepted extract shows its last attempt. Files rejected since: ``unaccepted_extracts``."""
    if not has_table(con, LOADS):
        return empty_frame(LOAD_COLUMNS)
    attempts = con.execute(
        f"SELECT {', '.join(LOAD_COLUMNS)}, CAST(load_id AS VARCHAR) AS load_id FROM main.{LOADS}"
    ).df()
    attempts["period_end"] = [
        (None if pd.isna(period) else last_month_of(str(period))) or date.min
        for period in attempts["reporting_period"]
    ]
    attempts["is_accepted"] = attempts["status"] == "loaded"
    latest_first = attempts.sort_values(
        ["is_accepted", "period_end", "started_at", "finished_at", "load_id"],
        ascending=False,
        na_position="last",
    )
    shown = latest_first.drop_duplicates("source").sort_values("source", ignore_index=True)
    return shown[LOAD_COLUMNS]


KPI_QUERY = """
WITH latest AS (
    SELECT indicator_code, max(period) AS latest_period
    FROM fct_indicator_progress GROUP BY indicator_code
)
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
JOIN latest USING (indicator_code)
LEFT JOIN fct_indicator_status AS s
    ON s.indicator_code = p.indicator_code AND s.period = p.period AND p.geo_level = 'country'
WHERE (? IS NULL OR p.geo_level = ?) AND (NOT ? OR p.period = latest.latest_period)
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
