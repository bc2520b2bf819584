"""Every measure at a glance (overview) and one indicator in depth (measure detail).

The marts are already aggregated: these queries filter them (indicator, month, area) and join
the catalogue, the status against the target and the category labels; they never recount.

A snapshot may lack optional columns (a hand-made or older one has no ``indicator_group``,
``denominator``, ``share`` …): such a column is read as NULL, so the pages degrade to "–"
instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from roma_monitor.serve.queries.core import (
    COUNTRY,
    INDICATORS,
    MEASURE_ORDER,
    PROGRESS,
    Connection,
    as_date,
    as_float,
    empty_frame,
    has_table,
    last_loads,
    roma_select,
    table_columns,
)

__all__ = [
    "BREAKDOWN_COLUMNS",
    "BREAKDOWN_ORDER",
    "CATEGORY_LABELS",
    "IndicatorStatus",
    "MEASURE_INDICATOR_COLUMNS",
    "OVERVIEW_COLUMNS",
    "PROGRESS_STATUSES",
    "RESULT_COLUMNS",
    "RESULT_OUTCOMES",
    "SOURCE_FRESHNESS_COLUMNS",
    "STATUS",
    "TRAJECTORY_COLUMNS",
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
CATEGORY_LABELS = "ref_category_labels"

# Open SDG / Statistics Canada progress classes, best first (fct_indicator_status).
PROGRESS_STATUSES = (
    "achieved",
    "substantial",
    "moderate",
    "limited",
    "deterioration",
    "not_achieved",
)
# The breakdowns the measure page shows, in its order, with their values in order; category
# values come from the data (their labels from ref_category_labels).
BREAKDOWN_ORDER = {
    "sex": ("female", "male"),
    "age_band": ("under_25", "25_54", "55_plus"),
    "education_level": ("isced_0_2", "isced_3_4", "isced_5_8", "unknown"),
    "category": (),
    "ethnicity": ("roma",),
}
# Outcomes of the "results on leaving" indicators (<SOURCE>_<SAM>_<OUTCOME>_<ON_LEAVING|6M>).
RESULT_OUTCOMES = ("EMPLOYED", "IN_EDUCATION", "JOB_SEARCHING")
GROUP_ORDER = ("participants", "results", "process", "entities", "finance", "platform")

MEASURE_INDICATOR_COLUMNS = [
    "indicator_code",
    "sam",
    "source",
    "agency",
    "indicator_group",
    "name_lv",
    "name_en",
    "definition_lv",
    "definition_en",
    "counting_rule_lv",
    "counting_rule_en",
    "unit",
    "aggregation",
    "denominator_indicator_code",
    "category_name_lv",
    "category_name_en",
    "has_target",
    "target_value",
    "target_operator",
    "target_date",
    "target_source_citation",
    "is_headline",
    "has_data",
]
OVERVIEW_COLUMNS = [
    "indicator_code",
    "sam",
    "source",
    "agency",
    "indicator_group",
    "name_lv",
    "name_en",
    "unit",
    "is_headline",
    "has_target",
    "geo_code",
    "value_period",
    "value",
    "national_value",
    "share_of_national",
    "target",
    "target_operator",
    "target_date",
    "share_of_target",
    "expected_to_date",
    "status_period",
    "current_pace_per_month",
    "needed_pace_per_month",
    "projected_value_at_target_date",
    "is_projected_to_reach_target",
    "progress_status",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "ethnicity_coverage",
]
TRAJECTORY_COLUMNS = [
    "period",
    "value",
    "value_in_period",
    "denominator",
    "share",
    "national_value",
    "share_of_national",
    "expected_to_date",
    "target",
    "target_operator",
    "target_date",
    "share_of_target",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "roma_share",
    "ethnicity_coverage",
]
BREAKDOWN_COLUMNS = [
    "period",
    "breakdown",
    "breakdown_value",
    "label_lv",
    "label_en",
    "value",
    "denominator",
    "share",
    "ethnicity_coverage",
    "is_suppressed",
    "is_denominator_suppressed",
    "value_as_of",
    "is_rounded",
]
RESULT_COLUMNS = [
    "indicator_code",
    "outcome",
    "timing",
    "denominator_indicator_code",
    "name_lv",
    "name_en",
    "period",
    "value",
    "denominator",
    "share",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "roma_share",
    "ethnicity_coverage",
]
SOURCE_FRESHNESS_COLUMNS = [
    "source",
    "agency",
    "latest_period",
    "load_file_name",
    "load_status",
    "load_reporting_period",
    "load_finished_at",
    "load_message",
]


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


# --- helpers ---------------------------------------------------------------------------------


def _pick(present: frozenset[str], alias: str, name: str, sql_type: str) -> str:
    """``CAST(alias.name AS type) AS name``, or a typed NULL when the snapshot lacks it."""
    source = f"{alias}.{name}" if name in present else "NULL"
    return f"CAST({source} AS {sql_type}) AS {name}"


def _roma_share(present: frozenset[str]) -> str:
    """The Roma share, NULL when the Roma count is suppressed (it would reveal it)."""
    if "roma_share" not in present:
        return "CAST(NULL AS DOUBLE) AS roma_share"
    return (
        "CASE WHEN coalesce(p.roma_value_suppressed, false) THEN NULL "
        "ELSE CAST(p.roma_share AS DOUBLE) END AS roma_share"
    )


def _rank(column: str, order: tuple[str, ...]) -> str:
    """A CASE giving each known value its rank in ``order``; unknown values sort last."""
    cases = " ".join(f"WHEN '{value}' THEN {rank}" for rank, value in enumerate(order))
    return f"CASE {column} {cases} ELSE {len(order)} END"


def _catalogue_sql(con: Connection) -> str:
    """The catalogue with ``has_target`` and ``is_headline``: the measure's indicators with a
    target are its headline; a measure without one is summed up by its first participants
    indicator, else (the platform) by its first cumulative one, a flow of activity rather
    than a stock."""
    present = table_columns(con, INDICATORS)
    picks = ", ".join(
        _pick(present, "i", name, kind)
        for name, kind in (
            ("indicator_group", "VARCHAR"),
            ("definition_lv", "VARCHAR"),
            ("definition_en", "VARCHAR"),
            ("counting_rule_lv", "VARCHAR"),
            ("counting_rule_en", "VARCHAR"),
            ("unit", "VARCHAR"),
            ("aggregation", "VARCHAR"),
            ("denominator_indicator_code", "VARCHAR"),
            ("category_name_lv", "VARCHAR"),
            ("category_name_en", "VARCHAR"),
            ("target_source_citation", "VARCHAR"),
        )
    )
    data = (
        f"SELECT DISTINCT indicator_code FROM main.{PROGRESS}"
        if has_table(con, PROGRESS)
        else "SELECT NULL::VARCHAR AS indicator_code WHERE false"
    )
    return f"""
        WITH with_data AS ({data}),
        base AS (
            SELECT i.indicator_code, i.sam, i.source, i.agency, i.name_lv, i.name_en, {picks},
                   i.target_value IS NOT NULL AS has_target,
                   CAST(i.target_value AS DOUBLE) AS target_value, i.target_operator,
                   i.target_date,
                   d.indicator_code IS NOT NULL AS has_data
            FROM main.{INDICATORS} AS i LEFT JOIN with_data AS d USING (indicator_code)
        ),
        ranked AS (
            SELECT *,
                   row_number() OVER (
                       PARTITION BY sam
                       ORDER BY has_target DESC,
                                coalesce(indicator_group = 'participants', false) DESC,
                                coalesce(aggregation, 'cumulative') = 'cumulative' DESC,
                                indicator_code
                   ) = 1 AS first_of_measure
            FROM base
        )
        SELECT * EXCLUDE (first_of_measure), has_target OR first_of_measure AS is_headline,
               {_rank("sam", MEASURE_ORDER)} AS measure_rank,
               {_rank("indicator_group", GROUP_ORDER)} AS group_rank
        FROM ranked
    """


# --- the catalogue of a measure --------------------------------------------------------------


def measure_indicators(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """The indicators of one measure (SAM code) or of all, in the report's order: measure,
    headline indicators first, then by group (participants, results, …) and code
    (``MEASURE_INDICATOR_COLUMNS``). ``is_headline`` marks what the overview shows and what
    the measure page opens with."""
    if not has_table(con, INDICATORS):
        return empty_frame(MEASURE_INDICATOR_COLUMNS)
    return con.execute(
        f"""
        SELECT {", ".join(MEASURE_INDICATOR_COLUMNS)}
        FROM ({_catalogue_sql(con)})
        WHERE ? IS NULL OR sam = ?
        ORDER BY measure_rank, sam, is_headline DESC, group_rank, indicator_code
        """,
        [measure, measure],
    ).df()


# --- overview --------------------------------------------------------------------------------


def measure_overview(
    con: Connection | None,
    period: date | None = None,
    geo_code: str = "LV",
    measure: str | None = None,
) -> pd.DataFrame:
    """One row per headline indicator (every indicator with a target, and each measure's
    headline when it has none) as of ``period`` (its latest month up to ``period``; latest when
    None) in ``geo_code`` (``OVERVIEW_COLUMNS``).

    ``share_of_target`` and ``expected_to_date`` are the country's at that month (targets are
    national); ``share_of_national`` is the area's share of the country total. The pace, the
    projection and ``progress_status`` come from ``fct_indicator_status`` at the same month
    (``status_period``): what the monitor said then."""
    if not has_table(con, INDICATORS):
        return empty_frame(OVERVIEW_COLUMNS)
    if has_table(con, PROGRESS):
        figures = f"""
            SELECT indicator_code, period AS value_period, value, {roma_select(con)},
                   CAST(ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
            FROM main.{PROGRESS} AS p
            WHERE geo_code = ? AND (CAST(? AS DATE) IS NULL OR period <= ?)
            QUALIFY row_number() OVER (PARTITION BY indicator_code ORDER BY period DESC) = 1
        """
        national = f"""
            SELECT indicator_code, period AS value_period, value AS national_value,
                   share_of_target, expected_to_date
            FROM main.{PROGRESS} WHERE geo_level = '{COUNTRY}'
        """
    else:
        figures = (
            "SELECT NULL::VARCHAR AS indicator_code, NULL::DATE AS value_period, "
            "NULL::DOUBLE AS value, NULL::BIGINT AS roma_value, "
            "false AS roma_value_suppressed, NULL::DATE AS roma_value_as_of, "
            "false AS roma_value_is_rounded, NULL::DOUBLE AS ethnicity_coverage "
            "WHERE ? IS NULL AND ? IS NULL AND ? IS NULL AND false"
        )
        national = (
            "SELECT NULL::VARCHAR AS indicator_code, NULL::DATE AS value_period, "
            "NULL::DOUBLE AS national_value, NULL::DOUBLE AS share_of_target, "
            "NULL::DOUBLE AS expected_to_date WHERE false"
        )
    status = (
        f"""
        SELECT indicator_code, period AS status_period, current_pace_per_month,
               needed_pace_per_month, projected_value_at_target_date,
               is_projected_to_reach_target, progress_status
        FROM main.{STATUS}
        """
        if has_table(con, STATUS)
        else "SELECT NULL::VARCHAR AS indicator_code, NULL::DATE AS status_period, "
        "NULL::DOUBLE AS current_pace_per_month, NULL::DOUBLE AS needed_pace_per_month, "
        "NULL::DOUBLE AS projected_value_at_target_date, "
        "NULL::BOOLEAN AS is_projected_to_reach_target, NULL::VARCHAR AS progress_status "
        "WHERE false"
    )
    return con.execute(
        f"""
        WITH catalogue AS ({_catalogue_sql(con)}),
        figures AS ({figures}),
        national AS ({national}),
        status AS ({status})
        SELECT c.indicator_code, c.sam, c.source, c.agency, c.indicator_group,
               c.name_lv, c.name_en, c.unit, c.is_headline, c.has_target,
               CAST(? AS VARCHAR) AS geo_code,
               f.value_period, CAST(f.value AS DOUBLE) AS value,
               CAST(n.national_value AS DOUBLE) AS national_value,
               CAST(f.value AS DOUBLE) / nullif(CAST(n.national_value AS DOUBLE), 0)
                   AS share_of_national,
               c.target_value AS target, c.target_operator, c.target_date,
               CAST(n.share_of_target AS DOUBLE) AS share_of_target,
               CAST(n.expected_to_date AS DOUBLE) AS expected_to_date,
               s.status_period,
               CAST(s.current_pace_per_month AS DOUBLE) AS current_pace_per_month,
               CAST(s.needed_pace_per_month AS DOUBLE) AS needed_pace_per_month,
               CAST(s.projected_value_at_target_date AS DOUBLE)
                   AS projected_value_at_target_date,
               s.is_projected_to_reach_target,
               CASE WHEN c.has_target THEN s.progress_status END AS progress_status,
               f.roma_value, coalesce(f.roma_value_suppressed, false) AS roma_value_suppressed,
               f.roma_value_as_of, coalesce(f.roma_value_is_rounded, false)
                   AS roma_value_is_rounded,
               f.ethnicity_coverage
        FROM catalogue AS c
        LEFT JOIN figures AS f USING (indicator_code)
        LEFT JOIN national AS n
            ON n.indicator_code = c.indicator_code AND n.value_period = f.value_period
        LEFT JOIN status AS s
            ON s.indicator_code = c.indicator_code AND s.status_period = f.value_period
        WHERE c.is_headline AND (CAST(? AS VARCHAR) IS NULL OR c.sam = ?)
        ORDER BY c.measure_rank, c.sam, c.has_target DESC, c.group_rank, c.indicator_code
        """,
        [geo_code, period, period, geo_code, measure, measure],
    ).df()[OVERVIEW_COLUMNS]


def source_freshness(
    indicators_con: Connection | None, operations_con: Connection | None = None
) -> pd.DataFrame:
    """Per source of the catalogue (and any other with a load): the latest month with published
    figures (indicators snapshot; None before the first) and the extract of its latest period
    (operations: file, status, reporting period, load time), in the report's order of the
    measures (``SOURCE_FRESHNESS_COLUMNS``). Files rejected since: ``unaccepted_extracts``."""
    if has_table(indicators_con, INDICATORS):
        periods = (
            f"SELECT indicator_code, max(period) AS period FROM main.{PROGRESS} GROUP BY ALL"
            if has_table(indicators_con, PROGRESS)
            else "SELECT NULL::VARCHAR AS indicator_code, NULL::DATE AS period WHERE false"
        )
        published = indicators_con.execute(
            f"""
            WITH periods AS ({periods})
            SELECT i.source, min(i.agency) AS agency, max(p.period) AS latest_period,
                   min({_rank("i.sam", MEASURE_ORDER)}) AS measure_rank
            FROM main.{INDICATORS} AS i LEFT JOIN periods AS p USING (indicator_code)
            GROUP BY i.source
            """
        ).df()
    else:
        published = pd.DataFrame(
            {"source": [], "agency": [], "latest_period": [], "measure_rank": []}
        )
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
    if published.empty and loads.empty:
        return empty_frame(SOURCE_FRESHNESS_COLUMNS)
    merged = published.merge(loads, on="source", how="outer")
    merged["agency"] = merged["agency"].fillna(merged["source"].str.upper())
    merged["latest_period"] = [as_date(v) if pd.notna(v) else None for v in merged.latest_period]
    merged["measure_rank"] = merged["measure_rank"].fillna(len(MEASURE_ORDER))
    merged = merged.sort_values(["measure_rank", "source"]).reset_index(drop=True)
    return merged[SOURCE_FRESHNESS_COLUMNS]


# --- measure detail --------------------------------------------------------------------------


def indicator_status(
    con: Connection | None, indicator_code: str, period: date | None = None
) -> IndicatorStatus | None:
    """The indicator's row of ``fct_indicator_status`` at ``period`` (its latest month up to
    it; the latest when None), or None (only indicators with a final target have one)."""
    if not has_table(con, STATUS):
        return None
    present = table_columns(con, STATUS)
    picks = ", ".join(
        _pick(present, "s", name, kind)
        for name, kind in (
            ("period", "DATE"),
            ("value", "DOUBLE"),
            ("target", "DOUBLE"),
            ("target_operator", "VARCHAR"),
            ("target_date", "DATE"),
            ("share_of_target", "DOUBLE"),
            ("months_remaining", "BIGINT"),
            ("current_pace_per_month", "DOUBLE"),
            ("needed_pace_per_month", "DOUBLE"),
            ("projected_value_at_target_date", "DOUBLE"),
            ("is_projected_to_reach_target", "BOOLEAN"),
            ("progress_status", "VARCHAR"),
        )
    )
    row = con.execute(
        f"SELECT {picks} FROM main.{STATUS} AS s WHERE s.indicator_code = ? "
        "AND (CAST(? AS DATE) IS NULL OR s.period <= ?) "
        "ORDER BY s.period DESC NULLS LAST LIMIT 1",
        [indicator_code, period, period],
    ).fetchone()
    if row is None:
        return None
    (
        period,
        value,
        target,
        operator,
        target_date,
        share,
        remaining,
        pace,
        needed,
        projected,
        reaches,
        progress,
    ) = row
    return IndicatorStatus(
        indicator_code=indicator_code,
        period=as_date(period),
        value=as_float(value),
        target=as_float(target),
        target_operator=operator,
        target_date=as_date(target_date),
        share_of_target=as_float(share),
        months_remaining=None if remaining is None else int(remaining),
        current_pace_per_month=as_float(pace),
        needed_pace_per_month=as_float(needed),
        projected_value_at_target_date=as_float(projected),
        is_projected_to_reach_target=None if reaches is None else bool(reaches),
        progress_status=progress,
    )


def indicator_trajectory(
    con: Connection | None,
    indicator_code: str,
    geo_code: str = "LV",
    until: date | None = None,
) -> pd.DataFrame:
    """The monthly series of one indicator in one area up to ``until`` (all months when None),
    oldest first, with the country total beside it and, at country level, the target
    trajectory (``expected_to_date``); Roma values are NULL when suppressed
    (``TRAJECTORY_COLUMNS``)."""
    if not has_table(con, PROGRESS):
        return empty_frame(TRAJECTORY_COLUMNS)
    present = table_columns(con, PROGRESS)
    optional = ", ".join(
        [_pick(present, "p", name, "DOUBLE") for name in ("denominator", "share")]
        + [_roma_share(present)]
    )
    return con.execute(
        f"""
        WITH national AS (
            SELECT period, value AS national_value FROM main.{PROGRESS}
            WHERE indicator_code = ? AND geo_level = '{COUNTRY}'
        )
        SELECT p.period, CAST(p.value AS DOUBLE) AS value,
               CAST(p.value_in_period AS DOUBLE) AS value_in_period, {optional},
               CAST(n.national_value AS DOUBLE) AS national_value,
               CAST(p.value AS DOUBLE) / nullif(CAST(n.national_value AS DOUBLE), 0)
                   AS share_of_national,
               CAST(p.expected_to_date AS DOUBLE) AS expected_to_date,
               CAST(p.target AS DOUBLE) AS target, p.target_operator, p.target_date,
               CAST(p.share_of_target AS DOUBLE) AS share_of_target,
               {roma_select(con, cast="DOUBLE")},
               CAST(p.ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
        FROM main.{PROGRESS} AS p LEFT JOIN national AS n USING (period)
        WHERE p.indicator_code = ? AND p.geo_code = ?
          AND (CAST(? AS DATE) IS NULL OR p.period <= ?)
        ORDER BY p.period
        """,
        [indicator_code, indicator_code, geo_code, until, until],
    ).df()[TRAJECTORY_COLUMNS]


def indicator_breakdowns(
    con: Connection | None,
    indicator_code: str,
    period: date | None = None,
    geo_code: str = "LV",
) -> pd.DataFrame:
    """The breakdowns of one indicator (sex, age band, education level, category, Roma) in
    one area at its latest month up to ``period``, in ``BREAKDOWN_ORDER``; category labels from
    ``ref_category_labels``. Suppressed values (and shares) are NULL with ``is_suppressed``
    (``BREAKDOWN_COLUMNS``)."""
    if not has_table(con, VALUES):
        return empty_frame(BREAKDOWN_COLUMNS)
    source = (
        con.execute(
            f"SELECT min(source) FROM main.{INDICATORS} WHERE indicator_code = ?", [indicator_code]
        ).fetchone()[0]
        if has_table(con, INDICATORS)
        else None
    )
    labels = (
        f"SELECT category_code, name_lv, name_en FROM main.{CATEGORY_LABELS} WHERE source = ?"
        if has_table(con, CATEGORY_LABELS)
        else "SELECT NULL::VARCHAR AS category_code, NULL::VARCHAR AS name_lv, "
        "NULL::VARCHAR AS name_en WHERE ? IS NULL AND false"
    )
    present = table_columns(con, VALUES)
    value_as_of = "coalesce(v.value_as_of, v.period)" if "value_as_of" in present else "v.period"
    is_rounded = "coalesce(v.is_rounded, false)" if "is_rounded" in present else "false"
    value_rank = " ".join(
        f"WHEN v.breakdown = '{breakdown}' AND v.breakdown_value = '{value}' THEN {rank}"
        for breakdown, values in BREAKDOWN_ORDER.items()
        for rank, value in enumerate(values)
    )
    return con.execute(
        f"""
        WITH at_period AS (
            SELECT max(period) AS period FROM main.{VALUES}
            WHERE indicator_code = ? AND geo_code = ?
              AND (CAST(? AS DATE) IS NULL OR period <= ?)
        ),
        labels AS ({labels})
        SELECT v.period, v.breakdown, v.breakdown_value,
               CASE WHEN v.breakdown = 'category' THEN l.name_lv END AS label_lv,
               CASE WHEN v.breakdown = 'category' THEN l.name_en END AS label_en,
               CASE WHEN coalesce(v.is_suppressed, false) THEN NULL
                    ELSE CAST(v.value AS DOUBLE) END AS value,
               CASE WHEN coalesce(v.is_denominator_suppressed, false) THEN NULL
                    ELSE CAST(v.denominator AS DOUBLE) END AS denominator,
               CASE WHEN coalesce(v.is_suppressed, false)
                         OR coalesce(v.is_denominator_suppressed, false) THEN NULL
                    ELSE CAST(v.share AS DOUBLE) END AS share,
               CAST(v.ethnicity_coverage AS DOUBLE) AS ethnicity_coverage,
               coalesce(v.is_suppressed, false) AS is_suppressed,
               coalesce(v.is_denominator_suppressed, false) AS is_denominator_suppressed,
               CAST({value_as_of} AS DATE) AS value_as_of, {is_rounded} AS is_rounded
        FROM main.{VALUES} AS v
        JOIN at_period AS a USING (period)
        LEFT JOIN labels AS l ON v.breakdown = 'category' AND l.category_code = v.breakdown_value
        WHERE v.indicator_code = ? AND v.geo_code = ? AND v.breakdown IN
              ({", ".join(f"'{name}'" for name in BREAKDOWN_ORDER)})
        ORDER BY {_rank("v.breakdown", tuple(BREAKDOWN_ORDER))},
                 CASE {value_rank} ELSE 99 END, v.breakdown_value
        """,
        [indicator_code, geo_code, period, period, source, indicator_code, geo_code],
    ).df()[BREAKDOWN_COLUMNS]


def results_on_leaving(
    con: Connection | None,
    measure: str,
    period: date | None = None,
    geo_code: str = "LV",
) -> pd.DataFrame:
    """A measure's results on leaving and six months after (``*_ON_LEAVING``, ``*_6M``
    indicators with a leavers denominator) in one area at the latest month up to ``period``:
    count, leavers, share, and the Roma figures with the ethnicity coverage
    (``RESULT_COLUMNS``; ``outcome`` is EMPLOYED / IN_EDUCATION / JOB_SEARCHING, ``timing``
    ON_LEAVING / 6M). Empty for measures without such indicators."""
    if not (has_table(con, INDICATORS) and has_table(con, PROGRESS)):
        return empty_frame(RESULT_COLUMNS)
    if "denominator_indicator_code" not in table_columns(con, INDICATORS):
        return empty_frame(RESULT_COLUMNS)
    present = table_columns(con, PROGRESS)
    optional = ", ".join(
        [_pick(present, "p", name, "DOUBLE") for name in ("denominator", "share")]
        + [_roma_share(present)]
    )
    pattern = f"^[A-Z]+_[0-9]+_({'|'.join(RESULT_OUTCOMES)})_(ON_LEAVING|6M)$"
    return con.execute(
        f"""
        WITH results AS (
            SELECT indicator_code, name_lv, name_en, denominator_indicator_code,
                   regexp_extract(indicator_code, ?, 1) AS outcome,
                   regexp_extract(indicator_code, ?, 2) AS timing
            FROM main.{INDICATORS}
            WHERE sam = ? AND denominator_indicator_code IS NOT NULL
              AND regexp_matches(indicator_code, ?)
        ),
        figures AS (
            SELECT * FROM main.{PROGRESS} AS p
            WHERE p.geo_code = ? AND (CAST(? AS DATE) IS NULL OR p.period <= ?)
              AND p.indicator_code IN (SELECT indicator_code FROM results)
            QUALIFY row_number() OVER (PARTITION BY indicator_code ORDER BY period DESC) = 1
        )
        SELECT r.indicator_code, r.outcome, r.timing, r.denominator_indicator_code,
               r.name_lv, r.name_en, p.period, CAST(p.value AS DOUBLE) AS value, {optional},
               {roma_select(con, cast="DOUBLE")},
               CAST(p.ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
        FROM results AS r JOIN figures AS p USING (indicator_code)
        ORDER BY {_rank("r.outcome", RESULT_OUTCOMES)}, {_rank("r.timing", ("ON_LEAVING", "6M"))}
        """,
        [pattern, pattern, measure, pattern, geo_code, period, period],
    ).df()[RESULT_COLUMNS]
