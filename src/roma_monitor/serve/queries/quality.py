"""Data quality per source and dataset: extracts received, freshness, validation, quarantine.

Reads the ``operations`` snapshot (``extract_loads``) and, for ethnicity coverage, the
``indicators`` snapshot (``fct_indicator_progress``, ``dim_indicators``). The list of datasets
comes from the contract registry (``roma_monitor.contracts.registry.CONTRACTS``), so a dataset
that never sent anything is listed too. Every figure is computed in the SQL below; the audit
gives each load's dataset and the end month of its period (``period_end_month``).

Freshness rule (documented on the page, tested in tests/unit): an extract for period P is
*due* by the last day of the month after P ends when the dataset is monthly or quarterly
(``2022-11`` → 31.12.2022; ``2022-Q4`` → 31.01.2023), and by the last day of February of the
next year when it is yearly (``2022`` → 28.02.2023). The *expected latest period* on a day D
is the latest period whose due date is before D. A dataset is *on time* when its latest
accepted period (status loaded or duplicate; a rejected file does not count) is at least the
expected latest period; otherwise it is *late* by the days between the due date of the first
missing period and D; with no accepted period it was *never received*. D ("today") is a
parameter, so the rule is deterministic in tests and the page can judge the historical sample
"as of" the end of its data.

Corrections: an accepted extract for a dataset's period that was loaded before supersedes the
earlier one (both are kept; dbt counts the latest). The load audit records each such load's
``revision`` (1 = the first accepted extract of the period), the load it supersedes and that
load's rows; for loads older than those columns the same is derived from the load order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from roma_monitor.contracts.registry import CONTRACTS, MEASURE_ORDER
from roma_monitor.serve.queries.core import (
    COUNTRY,
    INDICATORS,
    LOADS,
    PROGRESS,
    Connection,
    publication,
)

__all__ = [
    "DISCLOSURE",
    "GEO_LEVELS",
    "FRESHNESS_LATE",
    "FRESHNESS_NEVER",
    "FRESHNESS_ON_TIME",
    "StoredReport",
    "corrections",
    "dataset_quality",
    "disclosure_utility",
    "ethnicity_coverage",
    "quality_summary",
    "quarantined_loads",
    "unaccepted_extracts",
    "validation_report",
    "validation_reports",
]

FRESHNESS_ON_TIME = "on_time"
FRESHNESS_LATE = "late"
FRESHNESS_NEVER = "never"

# a list of loads (the rejected ones, those whose report is kept): the columns of ``loads``
_LOAD_LIST = """load_id, source, dataset, file_name, copy, reporting_period, status, revision,
    received_at, rows, checks_run, rules, message, report_path, has_report"""
LOAD_COUNTS = ("copy", "revision", "rows", "checks_run")

DISCLOSURE = "fct_disclosure_utility"
GEO_LEVELS = ("country", "planning_region", "municipality")
_DISCLOSURE_INTERNAL = ("cells_withheld_complement", "cells_withheld_audit")

# --- the load log ------------------------------------------------------------------------------

_REGISTRY_COLUMNS = "rank, position, measure_code, source, agency, dataset, period_kind, frequency"


def _loads_sql() -> tuple[str, list[Any]]:
    """The CTEs ``registry`` (the contract registry: ``rank`` in the report's measure order,
    ``position`` in the registry's) and ``loads`` (every load attempt, ``seq`` numbering them
    oldest first, ``copy`` numbering the files received for its dataset's period when there
    were several, with its measure, ``received_at`` and the failed rules, comma-separated), and
    their parameters."""
    order = {sam: rank for rank, sam in enumerate(MEASURE_ORDER)}
    rows = [
        (order.get(c.measure_code, len(order)), position, c.measure_code, c.source, c.agency,
         c.dataset, c.period_kind, c.frequency)
        for position, c in enumerate(CONTRACTS.values())
    ]  # fmt: skip
    values = ", ".join("(" + ", ".join("?" * len(rows[0])) + ")" for _ in rows)
    sql = f"""
        registry ({_REGISTRY_COLUMNS}) AS (VALUES {values}),
        numbered AS (
            SELECT CAST(l.load_id AS VARCHAR) AS load_id, l.source, l.dataset, r.measure_code,
                   l.file_name, l.sha256, l.reporting_period, l.period_end_month, l.rows,
                   l.status, coalesce(l.finished_at, l.started_at) AS received_at,
                   CAST(l.revision AS BIGINT) AS revision, l.supersedes_load_id, l.rows_before,
                   l.message, l.report_path, CAST(l.checks_run AS BIGINT) AS checks_run,
                   l.report_markdown IS NOT NULL AS has_report,
                   coalesce(array_to_string(list_transform(l.failed_rules, lambda f: f.rule),
                            ', '), '') AS rules,
                   row_number() OVER (ORDER BY l.started_at NULLS FIRST,
                                      l.finished_at NULLS FIRST, l.load_id) AS seq
            FROM main.{LOADS} AS l LEFT JOIN registry AS r ON r.dataset = l.dataset
        ),
        loads AS (
            SELECT *, CASE WHEN count(*) OVER (PARTITION BY dataset, reporting_period) > 1
                           AND dataset IS NOT NULL AND reporting_period IS NOT NULL
                      THEN row_number() OVER (PARTITION BY dataset, reporting_period ORDER BY seq)
                      END AS copy
            FROM numbered
        )"""
    return sql, [value for row in rows for value in row]


def _select(con: Connection, query: str, *params: Any, counts: tuple = ()) -> pd.DataFrame:
    """``query`` (a SELECT using the ``registry`` and ``loads`` CTEs, its ``?`` after theirs
    taking ``params``) as a frame, its ``counts`` columns whole numbers (or NULL)."""
    ctes, values = _loads_sql()
    frame = con.execute(f"WITH {ctes}, {query}", [*values, *params]).df()
    return frame.astype(dict.fromkeys(counts, "Int64"))


MEASURE_FILTER = "(CAST(? AS VARCHAR) IS NULL OR measure_code = ?)"

# One row per dataset: the registry's, then those in the load log it does not know; in each the
# index of the month that ends the expected latest period (``expected_index``: year * 12 +
# month - 1), from the as-of day less the months until a period is due (1, 2 for a year) and
# the period's length (``step``: 1, 3, 12 months).
_DATASETS = """
datasets AS (
    SELECT *, TRUE AS is_known_dataset FROM registry
    UNION ALL BY NAME
    SELECT DISTINCT (SELECT max(rank) + 1 FROM registry) AS rank, l.source, l.dataset,
           FALSE AS is_known_dataset
    FROM loads AS l
    WHERE l.dataset IS NULL OR l.dataset NOT IN (SELECT dataset FROM registry)
),
per_dataset AS (
    SELECT d.rank, d.position, d.measure_code, d.source, d.agency, d.dataset, d.period_kind,
           d.frequency, d.is_known_dataset,
           arg_max(l.load_id, l.seq) AS last_load_id,
           arg_max(l.file_name, l.seq) AS last_file,
           arg_max(l.reporting_period, l.seq) AS last_period,
           arg_max(l.received_at, l.seq) AS last_received_at,
           arg_max(l.status, l.seq) AS last_status,
           arg_max(l.copy, l.seq) AS last_copy,
           arg_max(l.checks_run, l.seq) AS last_checks_run,
           arg_max(l.has_report, l.seq) AS last_has_report,
           arg_max(l.message, l.seq) AS last_message,
           arg_max(l.reporting_period, l.period_end_month)
               FILTER (WHERE l.status IN ('loaded', 'duplicate')) AS latest_period,
           max(l.period_end_month)
               FILTER (WHERE l.status IN ('loaded', 'duplicate')) AS latest_end,
           arg_max(l.file_name, l.seq) FILTER (WHERE l.status = 'loaded') AS last_loaded_file,
           arg_max(l.rows, l.seq) FILTER (WHERE l.status = 'loaded') AS last_loaded_rows,
           coalesce(sum(l.rows) FILTER (WHERE l.status = 'loaded'), 0) AS total_rows_loaded,
           count(l.load_id) FILTER (WHERE l.status = 'loaded') AS files_loaded,
           count(l.load_id) FILTER (WHERE l.status = 'rejected') AS files_rejected,
           CASE d.period_kind WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'year' THEN 12
           END AS step,
           CASE d.period_kind WHEN 'year' THEN 2 ELSE 1 END AS due_after
    FROM datasets AS d
    LEFT JOIN loads AS l ON l.dataset IS NOT DISTINCT FROM d.dataset
        AND (d.is_known_dataset OR l.source = d.source)
    GROUP BY ALL
),
expected AS (
    SELECT *, make_date(expected_index // 12, expected_index % 12 + 1, 1) AS expected_end
    FROM (
        SELECT *, (year(CAST(? AS DATE)) * 12 + month(CAST(? AS DATE)) - 1 - due_after)
                  // step * step - 1 AS expected_index
        FROM per_dataset
    )
),
judged AS (
    SELECT *,
        CASE WHEN step IS NULL THEN NULL
             WHEN latest_end IS NULL THEN 'never'
             WHEN latest_end >= expected_end THEN 'on_time'
             ELSE 'late' END AS freshness,
        CAST(last_day(CASE WHEN latest_end IS NULL THEN expected_end + to_months(due_after)
                           ELSE latest_end + to_months(step + due_after) END) AS DATE)
            AS next_due
    FROM expected
),
dataset_rows AS (
    SELECT *,
        CASE period_kind
            WHEN 'month' THEN strftime(expected_end, '%Y-%m')
            WHEN 'quarter' THEN format('{}-Q{}', year(expected_end), month(expected_end) // 3)
            WHEN 'year' THEN CAST(year(expected_end) AS VARCHAR)
        END AS expected_period,
        CASE freshness WHEN 'on_time' THEN 0
            WHEN 'late' THEN date_diff('day', next_due, CAST(? AS DATE)) END AS days_late
    FROM judged
    WHERE (CAST(? AS VARCHAR) IS NULL OR measure_code = ?)
)"""


def dataset_quality(
    con: Connection, today: date | None = None, measure: str | None = None
) -> pd.DataFrame:
    """One row per dataset of the contract registry (also those that never sent anything, and
    any dataset in the load log the registry does not know), in the report's measure order:
    the last file received, what was accepted, and freshness on ``today`` (default: the date
    of the machine) by the rule in this module's docstring.
    ``measure`` (a SAM code or ``platform``) keeps that measure's datasets."""
    today = today or date.today()
    query = f"""{_DATASETS}
        SELECT * EXCLUDE (rank, position, latest_end, step, due_after, expected_index,
                          expected_end)
        FROM dataset_rows ORDER BY rank, source, position, dataset"""
    counts = ("last_copy", "last_loaded_rows", "last_checks_run", "days_late")
    params = (today, today, today, measure, measure)
    return _select(con, query, *params, counts=counts)


_QUARANTINE = f"""
rejected AS (SELECT * FROM loads WHERE status = 'rejected' AND {MEASURE_FILTER})"""

# Each accepted extract of a resent period, against the load it supersedes (as recorded, else
# the one accepted before it): a correction.
_CORRECTIONS = f"""
accepted AS (
    SELECT *,
        row_number() OVER period_loads AS number,
        lag(load_id) OVER period_loads AS previous_id
    FROM loads
    WHERE status = 'loaded' AND dataset IS NOT NULL AND reporting_period IS NOT NULL
        AND {MEASURE_FILTER}
    WINDOW period_loads AS (PARTITION BY dataset, reporting_period ORDER BY seq)
),
corrected AS (
    SELECT a.load_id, a.measure_code, a.source, a.dataset, a.reporting_period,
           coalesce(a.revision, a.number) AS revision, a.received_at, a.file_name, a.sha256,
           p.load_id AS previous_load_id, p.file_name AS previous_file,
           p.sha256 AS previous_sha256, p.received_at AS previous_received_at,
           coalesce(a.rows_before, p.rows) AS rows_before, a.rows AS rows_after,
           a.rows - coalesce(a.rows_before, p.rows) AS rows_change, a.seq
    FROM accepted AS a
    JOIN accepted AS p ON p.load_id = coalesce(a.supersedes_load_id, a.previous_id)
    WHERE a.number > 1
)"""


def quality_summary(
    con: Connection, today: date | None = None, measure: str | None = None
) -> pd.DataFrame:
    """One row: how many datasets are on time, late and never received on ``today`` (the rule
    above), how many files were rejected and how many periods corrected, of ``measure``'s
    datasets or of all."""
    today = today or date.today()
    query = f"""{_DATASETS}, {_QUARANTINE}, {_CORRECTIONS}
        SELECT count(*) FILTER (WHERE freshness = 'on_time') AS on_time,
               count(*) FILTER (WHERE freshness = 'late') AS late,
               count(*) FILTER (WHERE freshness = 'never') AS never,
               (SELECT count(*) FROM rejected) AS rejected,
               (SELECT count(*) FROM corrected) AS corrections
        FROM dataset_rows"""
    params = (today, today, today, measure, measure, measure, measure, measure, measure)
    return _select(con, query, *params)


def quarantined_loads(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """Every rejected extract, newest first, with the rules that failed (the audit's
    ``failed_rules``, comma-separated)."""
    query = f"{_QUARANTINE} SELECT {_LOAD_LIST} FROM rejected ORDER BY seq DESC"
    return _select(con, query, measure, measure, counts=LOAD_COUNTS)


def unaccepted_extracts(con: Connection) -> pd.DataFrame:
    """Per source with extracts still not accepted: how many were rejected after its dataset's
    last accepted extract (every rejection, when none was ever accepted), summed over its
    datasets, and when the last of them was received. A source whose
    every dataset ended with an accepted extract is not listed."""
    query = """
        pending AS (
            SELECT *, count(*) FILTER (WHERE status IN ('loaded', 'duplicate')) OVER (
                PARTITION BY coalesce(dataset, source) ORDER BY seq
                ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING
            ) AS accepted_later
            FROM loads
        )
        SELECT source, count(*) AS files_rejected, max(received_at) AS last_received_at
        FROM pending WHERE status = 'rejected' AND accepted_later = 0
        GROUP BY source ORDER BY source"""
    return _select(con, query)


def validation_reports(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """The loads whose validation report the snapshot keeps, newest first, without the report
    text (as ``quarantined_loads``); read one with ``validation_report``."""
    query = f"kept AS (SELECT * FROM loads WHERE has_report AND {MEASURE_FILTER}) "
    query += f"SELECT {_LOAD_LIST} FROM kept ORDER BY seq DESC"
    return _select(con, query, measure, measure, counts=LOAD_COUNTS)


def corrections(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """Every accepted extract that superseded an earlier one of the same dataset and period (a
    corrected resend), newest first: its revision, when it came, the superseded and the new
    file, and the rows before and after."""
    query = f"{_CORRECTIONS} SELECT * EXCLUDE (seq) FROM corrected"
    query += " ORDER BY received_at DESC, seq DESC"
    counts = ("revision", "rows_before", "rows_after", "rows_change")
    return _select(con, query, measure, measure, counts=counts)


@dataclass(frozen=True)
class StoredReport:
    """The gate's Markdown report of one load, as the operations snapshot keeps it."""

    load_id: str
    source: str | None
    file_name: str | None
    status: str | None
    received_at: datetime | None
    markdown: str
    language: str = "en"  # the language of ``markdown``: "lv" or "en"


def validation_report(con: Connection, load_id: str, lang: str = "en") -> StoredReport | None:
    """The report of load ``load_id`` in ``lang``, or None (unknown load, no report, no
    snapshot). In Latvian when kept (``report_markdown_lv``); a load checked before the gate
    wrote Latvian has the English report only, which is shown then (``language`` says which)."""
    row = con.execute(
        f"""
        SELECT CAST(load_id AS VARCHAR), source, file_name, status,
               coalesce(finished_at, started_at),
               CASE WHEN ? = 'lv' AND report_markdown_lv IS NOT NULL THEN report_markdown_lv
                    ELSE report_markdown END,
               CASE WHEN ? = 'lv' AND report_markdown_lv IS NOT NULL THEN 'lv' ELSE 'en' END
        FROM main.{LOADS}
        WHERE CAST(load_id AS VARCHAR) = ? AND report_markdown IS NOT NULL
        LIMIT 1
        """,
        [lang, lang, str(load_id)],
    ).fetchone()
    return None if row is None else StoredReport(*row)


# --- ethnicity coverage ------------------------------------------------------------------------


def ethnicity_coverage(
    con: Connection, measure: str | None = None, period: date | None = None
) -> pd.DataFrame:
    """Country-level ethnicity coverage per month of every indicator that records ethnicity
    (``has_ethnicity``), up to
    ``period`` when given, beside its value and Roma value (NULL when suppressed). One indicator
    per measure is its *headline* (``is_headline``: the participants indicator, else the first
    by code), the line the page draws per measure, and comes first."""
    frame = con.execute(
        f"""
        WITH rows AS (
            SELECT p.sam, p.source, p.indicator_code, i.name_lv, i.name_en, i.indicator_group,
                   i.measure_rank, p.period, CAST(p.value AS DOUBLE) AS value,
                   CAST(p.roma_value AS BIGINT) AS roma_value, p.roma_value_suppressed,
                   p.roma_value_as_of, p.roma_value_is_rounded,
                   CAST(p.ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
            FROM main.{PROGRESS} AS p JOIN main.{INDICATORS} AS i USING (indicator_code)
            WHERE p.geo_level = '{COUNTRY}' AND i.has_ethnicity
              AND (CAST(? AS VARCHAR) IS NULL OR p.sam = ?)
              AND (CAST(? AS DATE) IS NULL OR p.period <= ?)
        ),
        with_coverage AS (
            SELECT * FROM rows
            WHERE indicator_code IN (
                SELECT indicator_code FROM rows WHERE ethnicity_coverage IS NOT NULL
            )
        ),
        headline AS (
            SELECT sam, arg_min(indicator_code,
                (CASE WHEN indicator_group = 'participants' THEN 0 ELSE 1 END, indicator_code)
            ) AS indicator_code
            FROM with_coverage GROUP BY sam
        )
        SELECT c.sam, c.source, c.indicator_code, c.name_lv, c.name_en,
               c.indicator_code = h.indicator_code AS is_headline,
               c.period = max(c.period) OVER (PARTITION BY c.indicator_code) AS is_latest,
               c.period,
               c.value, c.roma_value, c.roma_value_suppressed, c.roma_value_as_of,
               c.roma_value_is_rounded, c.ethnicity_coverage
        FROM with_coverage AS c JOIN headline AS h USING (sam)
        ORDER BY c.measure_rank, c.sam, is_headline DESC, c.indicator_code, c.period
        """,
        [measure, measure, period, period],
    ).df()
    frame["roma_value"] = frame["roma_value"].astype("Int64")
    return frame


def disclosure_utility(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """What disclosure control published of the Roma cells (``fct_disclosure_utility``), per
    geography level (``GEO_LEVELS`` order), at the latest quarter end (``scope`` "latest") and
    over every quarter end (``scope`` "all", ``period`` NULL), of one measure's indicators or of
    all: cells, published, withheld and the share published. From the internal snapshot also
    the withheld cells by rule (complement, audit) and the rounding error (mean absolute
    difference between exact and rounded counts over the published cells, and its maximum);
    NULL in the public snapshot."""
    # Only the Ministry's snapshot holds the split by rule and the rounding error (in the public
    # one they would tell which cells are nearly all Roma): NULL elsewhere.
    internal = publication(con).kind == "indicators_internal"
    rules = ", ".join(
        (f"sum(d.{name})" if internal else "CAST(NULL AS HUGEINT)") + f" AS {name}"
        for name in _DISCLOSURE_INTERNAL
    )
    error_mean, error_max = (
        (
            "sum(d.rounding_error_mean * d.cells_published) / nullif(sum(d.cells_published), 0)",
            "max(d.rounding_error_max)",
        )
        if internal
        else ("NULL", "NULL")
    )
    level_rank = " ".join(f"WHEN '{name}' THEN {rank}" for rank, name in enumerate(GEO_LEVELS))
    frame = con.execute(
        f"""
        WITH rows AS (
            SELECT * FROM main.{DISCLOSURE} AS d
            WHERE (CAST(? AS VARCHAR) IS NULL OR d.indicator_code IN (
                SELECT indicator_code FROM main.{INDICATORS} WHERE sam = ?))
        ),
        latest AS (SELECT max(period) AS period FROM rows),
        scoped AS (
            SELECT 'latest' AS scope, r.* FROM rows AS r JOIN latest USING (period)
            UNION ALL BY NAME
            SELECT 'all' AS scope, r.* FROM rows AS r
        )
        SELECT d.geo_level, d.scope,
               CASE WHEN d.scope = 'latest' THEN max(d.period) END AS period,
               CAST(sum(d.cells) AS BIGINT) AS cells,
               CAST(sum(d.cells_published) AS BIGINT) AS cells_published,
               CAST(sum(d.cells_withheld) AS BIGINT) AS cells_withheld,
               CAST(sum(d.cells_published) AS DOUBLE) / nullif(sum(d.cells), 0)
                   AS share_published,
               {rules},
               CAST({error_mean} AS DOUBLE) AS rounding_error_mean,
               CAST({error_max} AS BIGINT) AS rounding_error_max
        FROM scoped AS d
        GROUP BY d.geo_level, d.scope
        ORDER BY CASE d.geo_level {level_rank} ELSE {len(GEO_LEVELS)} END, d.geo_level,
                 CASE d.scope WHEN 'latest' THEN 0 ELSE 1 END
        """,
        [measure, measure],
    ).df()
    for name in _DISCLOSURE_INTERNAL:
        frame[name] = frame[name].astype("Int64")
    return frame
