"""Every measure at a glance (overview) and one indicator in depth (measure detail).

The marts hold every figure, flag and order (shares of national, headline flags, measure and
group order, category labels, breakdown order, each month's status): these queries only select
and filter published columns (indicator, month, area); they never recount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from roma_monitor.serve.queries.core import (
    COUNTRY,
    INDICATORS,
    PROGRESS,
    Connection,
    as_date,
    last_loads,
)
from roma_monitor.serve.queries.methodology import DEFINITION

__all__ = [
    "BREAKDOWN_ORDER",
    "IndicatorStatus",
    "PROGRESS_STATUSES",
    "STATUS",
    "VALUES",
    "indicator_breakdowns",
    "indicator_status",
    "indicator_trajectory",
    "measure_indicators",
    "measure_overview",
    "results_on_leaving",
    "source_freshness",
]

STATUS = "fct_indicator_status"
VALUES = "fct_indicator_values"

# Open SDG / Statistics Canada progress classes, best first (fct_indicator_status).
PROGRESS_STATUSES = (
    "achieved",
    "substantial",
    "moderate",
    "limited",
    "deterioration",
    "not_achieved",
)
# The breakdowns the measure page shows (in the marts' breakdown_order: sex, age band, education
# level, category, Roma; category labels from ref_category_labels, in the mart).
BREAKDOWN_ORDER = ("sex", "age_band", "education_level", "category", "ethnicity")


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator against its final target at the latest month (``fct_indicator_status``):
    the pace so far, the pace still needed, and where a straight line at the current pace ends
    on the target date."""

    indicator_code: str
    period: date | None
    value: float | None
    target: float | None
    target_operator: str | None
    target_date: date | None
    share_of_target: float | None
    months_remaining: int | None
    current_pace_per_month: float | None
    needed_pace_per_month: float | None
    projected_value_at_target_date: float | None
    is_projected_to_reach_target: bool | None
    progress_status: str | None


# --- the catalogue of a measure --------------------------------------------------------------


def measure_indicators(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """The indicators of one measure (SAM code) or of all, in the report's order: measure,
    headline indicators first, then by group (participants, results, …) and code: their
    ``DEFINITION``, ``is_headline`` (what the overview shows and what the measure page opens
    with) and ``has_data``."""
    return con.execute(
        f"""
        SELECT {DEFINITION}, i.is_headline, p.indicator_code IS NOT NULL AS has_data
        FROM main.{INDICATORS} AS i
        LEFT JOIN (
            SELECT DISTINCT indicator_code, period FROM main.{PROGRESS} WHERE is_latest_period
        ) AS p ON p.indicator_code = i.indicator_code
        WHERE CAST(? AS VARCHAR) IS NULL OR i.sam = ?
        ORDER BY i.measure_rank, i.sam, i.is_headline DESC, i.group_rank, i.indicator_code
        """,
        [measure, measure],
    ).df()


# --- overview --------------------------------------------------------------------------------


def measure_overview(
    con: Connection,
    period: date | None = None,
    geo_code: str = "LV",
    measure: str | None = None,
) -> pd.DataFrame:
    """One row per headline indicator (every indicator with a target, and each measure's
    headline when it has none) as of ``period`` (its latest month up to ``period``; latest when
    None) in ``geo_code``.

    ``share_of_target`` and ``expected_to_date`` are the country's at that month (targets are
    national); ``share_of_national`` is the area's share of the country total. The pace, the
    projection and ``progress_status`` come from ``fct_indicator_status`` at the same month
    (``status_period``): what the monitor said then."""
    return con.execute(
        f"""
        WITH figures AS (
            SELECT * FROM main.{PROGRESS}
            WHERE geo_code = ? AND (CAST(? AS DATE) IS NULL OR period <= ?)
            QUALIFY row_number() OVER (PARTITION BY indicator_code ORDER BY period DESC) = 1
        )
        SELECT i.indicator_code, i.sam, i.source, i.agency, i.indicator_group,
               i.name_lv, i.name_en, i.unit, i.is_headline, i.has_target,
               CAST(? AS VARCHAR) AS geo_code, f.period AS value_period, f.value,
               f.national_value, f.share_of_national,
               CAST(i.target_value AS DOUBLE) AS target, i.target_operator, i.target_date,
               i.target_is_from_report, i.target_source_citation,
               n.share_of_target, n.expected_to_date, s.period AS status_period,
               s.current_pace_per_month, s.needed_pace_per_month,
               s.projected_value_at_target_date, s.is_projected_to_reach_target,
               s.progress_status,
               CAST(f.roma_value AS BIGINT) AS roma_value,
               coalesce(f.roma_value_suppressed, false) AS roma_value_suppressed,
               f.roma_value_as_of,
               coalesce(f.roma_value_is_rounded, false) AS roma_value_is_rounded,
               f.ethnicity_coverage
        FROM main.{INDICATORS} AS i
        LEFT JOIN figures AS f USING (indicator_code)
        LEFT JOIN main.{PROGRESS} AS n
            ON n.indicator_code = i.indicator_code AND n.period = f.period
               AND n.geo_level = '{COUNTRY}'
        LEFT JOIN main.{STATUS} AS s
            ON s.indicator_code = i.indicator_code AND s.period = f.period
        WHERE i.is_headline AND (CAST(? AS VARCHAR) IS NULL OR i.sam = ?)
        ORDER BY i.measure_rank, i.sam, i.has_target DESC, i.group_rank, i.indicator_code
        """,
        [geo_code, period, period, geo_code, measure, measure],
    ).df()


def source_freshness(indicators_con: Connection, operations_con: Connection) -> pd.DataFrame:
    """Per source of the catalogue (and any other with a load): the latest month with published
    figures (indicators snapshot; None before the first) and the extract of its latest period
    (operations: file, status, reporting period, load time), in the report's order of the
    measures. Files rejected since: ``unaccepted_extracts``."""
    published = indicators_con.execute(
        f"""
        SELECT i.source, min(i.agency) AS agency, max(p.period) AS latest_period,
               min(i.measure_rank) AS measure_rank
        FROM main.{INDICATORS} AS i
        LEFT JOIN (
            SELECT DISTINCT indicator_code, period FROM main.{PROGRESS} WHERE is_latest_period
        ) AS p ON p.indicator_code = i.indicator_code
        GROUP BY i.source
        """
    ).df()
    loads = last_loads(operations_con)[
        ["source", "file_name", "status", "reporting_period", "finished_at", "message"]
    ].rename(
        columns={
            "file_name": "load_file_name",
            "status": "load_status",
            "reporting_period": "load_reporting_period",
            "finished_at": "load_finished_at",
            "message": "load_message",
        }
    )
    merged = published.merge(loads, on="source", how="outer")
    merged["agency"] = merged["agency"].fillna(merged["source"].str.upper())
    merged["latest_period"] = [as_date(v) if pd.notna(v) else None for v in merged.latest_period]
    # a source with loads but no catalogue entry comes last
    merged["measure_rank"] = merged["measure_rank"].fillna(merged["measure_rank"].max() + 1)
    merged = merged.sort_values(["measure_rank", "source"], na_position="last")
    return merged.reset_index(drop=True).drop(columns="measure_rank")


# --- measure detail --------------------------------------------------------------------------


def indicator_status(
    con: Connection, indicator_code: str, period: date | None = None
) -> IndicatorStatus | None:
    """The indicator's row of ``fct_indicator_status`` at ``period`` (its latest month up to
    it; the latest when None), or None (only indicators with a final target have one)."""
    cursor = con.execute(
        f"""
        SELECT indicator_code, period, value, CAST(target AS DOUBLE) AS target,
               target_operator, target_date, share_of_target, months_remaining,
               current_pace_per_month, needed_pace_per_month, projected_value_at_target_date,
               is_projected_to_reach_target, progress_status
        FROM main.{STATUS}
        WHERE indicator_code = ? AND (CAST(? AS DATE) IS NULL OR period <= ?)
        ORDER BY period DESC LIMIT 1
        """,
        [indicator_code, period, period],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return IndicatorStatus(**dict(zip([d[0] for d in cursor.description], row, strict=True)))


def indicator_trajectory(
    con: Connection,
    indicator_code: str,
    geo_code: str = "LV",
    until: date | None = None,
) -> pd.DataFrame:
    """The monthly series of one indicator in one area up to ``until`` (all months when None),
    oldest first, with the country total beside it and, at country level, the target
    trajectory (``expected_to_date``); Roma values are NULL when suppressed, and
    ``is_roma_point`` marks the months the Roma series draws."""
    return con.execute(
        f"""
        SELECT period, value, value_in_period, denominator, share, national_value,
               share_of_national, expected_to_date, share_of_target, roma_value,
               roma_value_suppressed, roma_value_as_of, roma_value_is_rounded, is_roma_point,
               roma_share, ethnicity_coverage
        FROM main.{PROGRESS}
        WHERE indicator_code = ? AND geo_code = ? AND (CAST(? AS DATE) IS NULL OR period <= ?)
        ORDER BY period
        """,
        [indicator_code, geo_code, until, until],
    ).df()


def indicator_breakdowns(
    con: Connection,
    indicator_code: str,
    period: date | None = None,
    geo_code: str = "LV",
) -> pd.DataFrame:
    """The breakdowns of one indicator (sex, age band, education level, category, Roma) in
    one area at its latest month up to ``period``, in the marts' ``breakdown_order``; category
    labels from ``ref_category_labels``. Suppressed values (and shares) are NULL with
    ``is_suppressed``."""
    return con.execute(
        f"""
        WITH at_period AS (
            SELECT indicator_code, geo_code, max(period) AS period FROM main.{VALUES}
            WHERE indicator_code = ? AND geo_code = ?
              AND (CAST(? AS DATE) IS NULL OR period <= ?)
            GROUP BY ALL
        )
        SELECT period, breakdown, breakdown_value, label_lv, label_en, value, denominator, share,
               ethnicity_coverage, is_suppressed, is_denominator_suppressed,
               is_share_suppressed, value_as_of, is_rounded
        FROM main.{VALUES} JOIN at_period USING (indicator_code, geo_code, period)
        WHERE breakdown IN ({", ".join(f"'{name}'" for name in BREAKDOWN_ORDER)})
        ORDER BY breakdown_order, breakdown_value
        """,
        [indicator_code, geo_code, period, period],
    ).df()


def results_on_leaving(
    con: Connection,
    measure: str,
    period: date | None = None,
    geo_code: str = "LV",
) -> pd.DataFrame:
    """A measure's results on leaving and six months after (``*_ON_LEAVING``, ``*_6M``
    indicators with a leavers denominator) in one area at the latest month up to ``period``:
    count, leavers, share, and the Roma figures with the ethnicity coverage
    (``outcome`` is EMPLOYED / IN_EDUCATION / JOB_SEARCHING, ``timing``
    ON_LEAVING / 6M). Empty for measures without such indicators."""
    return con.execute(
        f"""
        SELECT i.indicator_code, i.result_outcome AS outcome, i.result_timing AS timing,
               i.denominator_indicator_code, i.name_lv, i.name_en, p.period, p.value,
               p.denominator, p.share, p.roma_value, p.roma_value_suppressed,
               p.roma_value_as_of, p.roma_value_is_rounded, p.roma_share, p.ethnicity_coverage
        FROM main.{INDICATORS} AS i JOIN main.{PROGRESS} AS p USING (indicator_code)
        WHERE i.sam = ? AND i.result_outcome IS NOT NULL
          AND p.geo_code = ? AND (CAST(? AS DATE) IS NULL OR p.period <= ?)
        QUALIFY row_number() OVER (PARTITION BY i.indicator_code ORDER BY p.period DESC) = 1
        ORDER BY i.result_rank
        """,
        [measure, geo_code, period, period],
    ).df()
