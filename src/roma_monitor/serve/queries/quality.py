"""Data quality per source and dataset: extracts received, freshness, validation, quarantine.

Reads the ``operations`` snapshot (``extract_loads``) and, for ethnicity coverage, the
``indicators`` snapshot (``fct_indicator_progress``, ``dim_indicators``). The list of datasets
comes from the contract registry (``roma_monitor.contracts.registry.CONTRACTS``), so a dataset
that never sent anything is listed too.

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
load's rows; for a snapshot older than those columns the same is derived from the load order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from roma_monitor.contracts.base import month_end, period_bounds
from roma_monitor.contracts.registry import CONTRACTS, contract_for_file
from roma_monitor.serve.queries.core import (
    COUNTRY,
    INDICATORS,
    LOADS,
    MEASURE_ORDER,
    PROGRESS,
    Connection,
    as_datetime,
    as_int,
    empty_frame,
    publication,
)

__all__ = [
    "CORRECTION_COLUMNS",
    "COVERAGE_COLUMNS",
    "DATASET_QUALITY_COLUMNS",
    "DISCLOSURE",
    "DISCLOSURE_COLUMNS",
    "GEO_LEVELS",
    "FRESHNESS_LATE",
    "FRESHNESS_NEVER",
    "FRESHNESS_ON_TIME",
    "FreshnessCheck",
    "QUARANTINE_COLUMNS",
    "REPORT_LIST_COLUMNS",
    "StoredReport",
    "UNACCEPTED_COLUMNS",
    "check_freshness",
    "corrections",
    "dataset_quality",
    "disclosure_utility",
    "due_date",
    "ethnicity_coverage",
    "expected_latest_period",
    "next_period",
    "normalise_period",
    "quarantined_loads",
    "unaccepted_extracts",
    "validation_report",
    "validation_reports",
]

FRESHNESS_ON_TIME = "on_time"
FRESHNESS_LATE = "late"
FRESHNESS_NEVER = "never"
ACCEPTED_STATUSES = ("loaded", "duplicate")

DATASET_QUALITY_COLUMNS = [
    "measure_code",
    "source",
    "agency",
    "dataset",
    "period_kind",
    "frequency",
    "is_known_dataset",
    # the last file received (any status)
    "last_load_id",
    "last_file",
    "last_period",
    "last_received_at",
    "last_status",
    "last_checks_run",
    "last_has_report",
    "last_message",
    # what was accepted
    "latest_period",
    "last_loaded_file",
    "last_loaded_rows",
    "total_rows_loaded",
    "files_loaded",
    "files_rejected",
    # freshness against the rule above
    "expected_period",
    "next_due",
    "freshness",
    "days_late",
]
QUARANTINE_COLUMNS = [
    "load_id",
    "source",
    "dataset",
    "file_name",
    "reporting_period",
    "received_at",
    "rows",
    "checks_run",
    "rules",
    "message",
    "report_path",
    "has_report",
]
REPORT_LIST_COLUMNS = [
    "load_id",
    "source",
    "dataset",
    "file_name",
    "reporting_period",
    "status",
    "received_at",
    "checks_run",
]
UNACCEPTED_COLUMNS = ["source", "files_rejected", "last_received_at"]

CORRECTION_COLUMNS = [
    "load_id",
    "measure_code",
    "source",
    "dataset",
    "reporting_period",
    "revision",
    "received_at",
    "file_name",
    "sha256",
    "previous_load_id",
    "previous_file",
    "previous_sha256",
    "previous_received_at",
    "rows_before",
    "rows_after",
    "rows_change",
]
COVERAGE_COLUMNS = [
    "sam",
    "source",
    "indicator_code",
    "name_lv",
    "name_en",
    "is_headline",
    "period",
    "value",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "ethnicity_coverage",
]

DISCLOSURE = "fct_disclosure_utility"
GEO_LEVELS = ("country", "planning_region", "municipality")
# scope: "latest" (the latest quarter end) or "all" (every quarter end together)
DISCLOSURE_COLUMNS = [
    "geo_level",
    "scope",
    "period",
    "cells",
    "cells_published",
    "cells_withheld",
    "share_published",
    # the Ministry's internal snapshot only (NULL in the public one):
    "cells_withheld_complement",
    "cells_withheld_audit",
    "rounding_error_mean",
    "rounding_error_max",
]
_DISCLOSURE_INTERNAL = ("cells_withheld_complement", "cells_withheld_audit")

_PERIOD_RE = re.compile(r"^(\d{4})(?:-?(?:(\d{2})|Q([1-4])))?$")

# --- the freshness rule ------------------------------------------------------------------------


@dataclass(frozen=True)
class FreshnessCheck:
    """One dataset judged on ``today``: the period expected by then, the due date of the next
    period not yet accepted, and the verdict (``on_time``/``late``/``never``)."""

    expected_period: str
    next_due: date
    status: str
    days_late: int | None


def normalise_period(period: Any) -> str | None:
    """``2022-12``, ``202212``, ``2022-Q4``, ``2022Q4``, ``2022`` → ``2022-12``, ``2022-Q4``,
    ``2022`` (the forms ``contracts.base.period_bounds`` reads); anything else → None."""
    if period is None or (not isinstance(period, str) and pd.isna(period)):
        return None
    match = _PERIOD_RE.fullmatch(str(period).strip())
    if not match:
        return None
    year, month, quarter = match.groups()
    if month is not None:
        return f"{year}-{month}" if 1 <= int(month) <= 12 else None
    if quarter is not None:
        return f"{year}-Q{quarter}"
    return year


def _period_of(day: date, kind: str) -> str:
    if kind == "year":
        return f"{day.year}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def next_period(period: str, kind: str) -> str:
    """The period after ``period`` (of the given kind)."""
    end = period_bounds(period)[1]
    return _period_of(date.fromordinal(end.toordinal() + 1), kind)


def due_date(period: str, kind: str) -> date:
    """When the extract for ``period`` is due: the end of the month after the period ends
    (monthly, quarterly), the end of February of the next year (yearly)."""
    end = period_bounds(period)[1]
    if kind == "year":
        return month_end(date(end.year + 1, 2, 1))
    return month_end(date(end.year + end.month // 12, end.month % 12 + 1, 1))


def expected_latest_period(kind: str, today: date) -> str:
    """The latest period whose extract was due before ``today``."""
    period = _period_of(today, kind)
    while due_date(period, kind) >= today:
        start = period_bounds(period)[0]
        period = _period_of(date.fromordinal(start.toordinal() - 1), kind)
    return period


def _period_key(period: str) -> date:
    return period_bounds(period)[0]


def check_freshness(latest_period: str | None, kind: str, today: date) -> FreshnessCheck:
    """Judge a dataset whose latest accepted period is ``latest_period`` (None: none yet)."""
    expected = expected_latest_period(kind, today)
    latest = normalise_period(latest_period)
    if latest is None:
        return FreshnessCheck(expected, due_date(expected, kind), FRESHNESS_NEVER, None)
    following = next_period(latest, kind)
    next_due = due_date(following, kind)
    if _period_key(latest) >= _period_key(expected):
        return FreshnessCheck(expected, next_due, FRESHNESS_ON_TIME, 0)
    return FreshnessCheck(expected, next_due, FRESHNESS_LATE, (today - next_due).days)


# --- helpers -----------------------------------------------------------------------------------


def _dataset_of(source: Any, dataset: Any, file_name: Any) -> str | None:
    """The load's dataset; older audit rows lack it, then the file name tells (contracts)."""
    if isinstance(dataset, str) and dataset:
        return dataset
    if not isinstance(source, str) or not isinstance(file_name, str):
        return None
    try:
        contract = contract_for_file(source, file_name)
    except KeyError:
        return None
    return contract.dataset if contract else None


def _measure_of(dataset: str | None) -> str | None:
    contract = CONTRACTS.get(dataset or "")
    return contract.measure_code if contract else None


def _loads(con: Connection | None) -> pd.DataFrame:
    """Every load attempt, oldest first, with ``dataset`` resolved, ``received_at`` and the
    failed rules (``rules``, from the audit's ``failed_rules``; empty when none failed or the
    load predates that column). Empty without an operations snapshot."""
    if con is None:
        return pd.DataFrame()
    loads = con.execute(
        f"""
        SELECT CAST(load_id AS VARCHAR) AS load_id, source, dataset, file_name, sha256,
               reporting_period, rows, status,
               coalesce(finished_at, started_at) AS received_at,
               CAST(revision AS BIGINT) AS revision, supersedes_load_id, rows_before,
               message, report_path, CAST(checks_run AS BIGINT) AS checks_run,
               report_markdown IS NOT NULL AS has_report,
               coalesce(array_to_string(list_transform(failed_rules, lambda r: r.rule), ', '),
                        '') AS rules
        FROM main.{LOADS}
        ORDER BY started_at NULLS FIRST, finished_at NULLS FIRST, load_id
        """
    ).df()
    loads["dataset"] = [
        _dataset_of(s, d, f)
        for s, d, f in zip(loads["source"], loads["dataset"], loads["file_name"], strict=True)
    ]
    loads["reporting_period"] = [normalise_period(p) for p in loads["reporting_period"]]
    loads["measure_code"] = [_measure_of(d) for d in loads["dataset"]]
    return loads


def _keep_measure(frame: pd.DataFrame, measure: str | None) -> pd.DataFrame:
    if measure is None or frame.empty:
        return frame
    return frame[frame["measure_code"] == measure]


def _or_none(value: Any) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


# --- per dataset -------------------------------------------------------------------------------


def _dataset_row(contract_info: dict[str, Any], loads: pd.DataFrame, today: date) -> dict[str, Any]:
    row = {name: None for name in DATASET_QUALITY_COLUMNS} | contract_info
    row.update(files_loaded=0, files_rejected=0, total_rows_loaded=0)
    if not loads.empty:
        last = loads.iloc[-1]
        row.update(
            last_load_id=last["load_id"],
            last_file=last["file_name"],
            last_period=last["reporting_period"],
            last_received_at=as_datetime(_or_none(last["received_at"])),
            last_status=last["status"],
            last_checks_run=as_int(_or_none(last["checks_run"])),
            last_has_report=bool(last["has_report"]),
            last_message=_or_none(last["message"]),
        )
        loaded = loads[loads["status"] == "loaded"]
        accepted = loads[loads["status"].isin(ACCEPTED_STATUSES)]
        row.update(
            files_loaded=len(loaded),
            files_rejected=int((loads["status"] == "rejected").sum()),
            total_rows_loaded=int(loaded["rows"].fillna(0).sum()),
        )
        if not loaded.empty:
            row.update(
                last_loaded_file=loaded.iloc[-1]["file_name"],
                last_loaded_rows=as_int(_or_none(loaded.iloc[-1]["rows"])),
            )
        periods = [p for p in accepted["reporting_period"] if p is not None]
        if periods:
            row["latest_period"] = max(periods, key=_period_key)
    kind = row["period_kind"]
    if kind in ("month", "quarter", "year"):
        check = check_freshness(row["latest_period"], kind, today)
        row.update(
            expected_period=check.expected_period,
            next_due=check.next_due,
            freshness=check.status,
            days_late=check.days_late,
        )
    return row


def dataset_quality(
    con: Connection | None, today: date | None = None, measure: str | None = None
) -> pd.DataFrame:
    """One row per dataset of the contract registry (also those that never sent anything, and
    any dataset in the load log the registry does not know), in the report's measure order:
    the last file received, what was accepted, and freshness on ``today`` (default: the date
    of the machine) by the rule in this module's docstring (``DATASET_QUALITY_COLUMNS``).
    ``measure`` (a SAM code or ``platform``) keeps that measure's datasets."""
    if con is None:
        return empty_frame(DATASET_QUALITY_COLUMNS)
    today = today or date.today()
    loads = _loads(con)
    rows = []
    for contract in CONTRACTS.values():
        info = {
            "measure_code": contract.measure_code,
            "source": contract.source,
            "agency": contract.agency,
            "dataset": contract.dataset,
            "period_kind": contract.period_kind,
            "frequency": contract.frequency,
            "is_known_dataset": True,
        }
        rows.append(_dataset_row(info, loads[loads["dataset"] == contract.dataset], today))
    unknown = loads[~loads["dataset"].isin(list(CONTRACTS))]
    for (source, dataset), group in unknown.groupby(
        [unknown["source"], unknown["dataset"].fillna("")], sort=True
    ):
        info = {"source": source, "dataset": dataset or None, "is_known_dataset": False}
        rows.append(_dataset_row(info, group, today))
    frame = pd.DataFrame(rows, columns=DATASET_QUALITY_COLUMNS)
    order = {sam: rank for rank, sam in enumerate(MEASURE_ORDER)}
    frame["_rank"] = [order.get(m, len(order)) for m in frame["measure_code"]]
    frame = frame.sort_values(["_rank", "source"], kind="stable").drop(columns="_rank")
    for name in ("last_loaded_rows", "last_checks_run", "days_late"):
        frame[name] = frame[name].astype("Int64")
    return _keep_measure(frame, measure).reset_index(drop=True)


# --- quarantine & reports ----------------------------------------------------------------------


def quarantined_loads(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """Every rejected extract, newest first, with the rules that failed (the audit's
    ``failed_rules``, comma-separated) (``QUARANTINE_COLUMNS``)."""
    loads = _loads(con)
    if loads.empty:
        return empty_frame(QUARANTINE_COLUMNS)
    rejected = _keep_measure(loads[loads["status"] == "rejected"], measure).iloc[::-1]
    if rejected.empty:
        return empty_frame(QUARANTINE_COLUMNS)
    frame = rejected[QUARANTINE_COLUMNS].reset_index(drop=True)
    frame["checks_run"] = frame["checks_run"].astype("Int64")
    return frame


def unaccepted_extracts(con: Connection | None) -> pd.DataFrame:
    """Per source with extracts still not accepted: how many were rejected after its dataset's
    last accepted extract (every rejection, when none was ever accepted), summed over its
    datasets, and when the last of them was received (``UNACCEPTED_COLUMNS``). A source whose
    every dataset ended with an accepted extract is not listed."""
    loads = _loads(con)
    if loads.empty:
        return empty_frame(UNACCEPTED_COLUMNS)
    dataset = loads["dataset"].fillna(loads["source"])
    accepted = loads["status"].isin(ACCEPTED_STATUSES)
    # per dataset, in load order: how many accepted extracts come at or after each load
    accepted_later = accepted[::-1].groupby(dataset[::-1]).cumsum()[::-1]
    pending = loads[(loads["status"] == "rejected") & (accepted_later == 0)]
    if pending.empty:
        return empty_frame(UNACCEPTED_COLUMNS)
    frame = (
        pending.groupby("source", sort=True)
        .agg(files_rejected=("load_id", "size"), last_received_at=("received_at", "max"))
        .reset_index()
    )
    frame["last_received_at"] = [as_datetime(v) for v in frame["last_received_at"]]
    return frame[UNACCEPTED_COLUMNS]


def validation_reports(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """The loads whose validation report the snapshot keeps, newest first, without the report
    text (``REPORT_LIST_COLUMNS``); read one with ``validation_report``."""
    loads = _loads(con)
    if loads.empty:
        return empty_frame(REPORT_LIST_COLUMNS)
    kept = _keep_measure(loads[loads["has_report"]], measure).iloc[::-1]
    if kept.empty:
        return empty_frame(REPORT_LIST_COLUMNS)
    frame = kept[REPORT_LIST_COLUMNS].reset_index(drop=True)
    frame["checks_run"] = frame["checks_run"].astype("Int64")
    return frame


# --- corrections -------------------------------------------------------------------------------


def _revisions(loaded: pd.DataFrame) -> list[dict[str, Any]]:
    """The corrections among one dataset-period's accepted loads (oldest first): each load
    after the first, against the load it supersedes (as recorded, else the one before it)."""
    records = loaded.to_dict("records")
    by_id = {load["load_id"]: load for load in records}
    rows, previous = [], None
    for number, load in enumerate(records, start=1):
        if previous is not None:
            superseded = by_id.get(_or_none(load["supersedes_load_id"]), previous)
            rows_before = _or_none(load["rows_before"])
            rows_before = _or_none(superseded["rows"]) if rows_before is None else rows_before
            rows_after = _or_none(load["rows"])
            rows.append(
                {
                    "load_id": load["load_id"],
                    "measure_code": load["measure_code"],
                    "source": load["source"],
                    "dataset": load["dataset"],
                    "reporting_period": load["reporting_period"],
                    "revision": as_int(_or_none(load["revision"])) or number,
                    "received_at": as_datetime(_or_none(load["received_at"])),
                    "file_name": load["file_name"],
                    "sha256": _or_none(load["sha256"]),
                    "previous_load_id": superseded["load_id"],
                    "previous_file": superseded["file_name"],
                    "previous_sha256": _or_none(superseded["sha256"]),
                    "previous_received_at": as_datetime(_or_none(superseded["received_at"])),
                    "rows_before": as_int(rows_before),
                    "rows_after": as_int(rows_after),
                    "rows_change": None
                    if rows_before is None or rows_after is None
                    else int(rows_after) - int(rows_before),
                }
            )
        previous = load
    return rows


def corrections(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """Every accepted extract that superseded an earlier one of the same dataset and period (a
    corrected resend), newest first: its revision, when it came, the superseded and the new
    file, and the rows before and after (``CORRECTION_COLUMNS``)."""
    loads = _loads(con)
    if loads.empty:
        return empty_frame(CORRECTION_COLUMNS)
    loaded = _keep_measure(loads[loads["status"] == "loaded"], measure)
    loaded = loaded[loaded["dataset"].notna() & loaded["reporting_period"].notna()]
    keys = ["dataset", "reporting_period"]
    resent = loaded[loaded.duplicated(keys, keep=False)]  # only a resent period has corrections
    rows = [row for _, group in resent.groupby(keys, sort=False) for row in _revisions(group)]
    if not rows:
        return empty_frame(CORRECTION_COLUMNS)
    frame = pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
    frame = frame.sort_values("received_at", ascending=False, kind="stable")
    for name in ("revision", "rows_before", "rows_after", "rows_change"):
        frame[name] = frame[name].astype("Int64")
    return frame.reset_index(drop=True)


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


def validation_report(
    con: Connection | None, load_id: str, lang: str = "en"
) -> StoredReport | None:
    """The report of load ``load_id`` in ``lang``, or None (unknown load, no report, no
    snapshot). In Latvian when kept (``report_markdown_lv``); a load checked before the gate
    wrote Latvian has the English report only, which is shown then (``language`` says which)."""
    if con is None:
        return None
    markdown = "report_markdown"
    if lang == "lv":
        markdown = "coalesce(report_markdown_lv, report_markdown)"
        language = "CASE WHEN report_markdown_lv IS NULL THEN 'en' ELSE 'lv' END"
    else:
        language = "'en'"
    row = con.execute(
        f"""
        SELECT CAST(load_id AS VARCHAR), source, file_name, status,
               coalesce(finished_at, started_at), {markdown}, {language}
        FROM main.{LOADS}
        WHERE CAST(load_id AS VARCHAR) = ? AND report_markdown IS NOT NULL
        LIMIT 1
        """,
        [str(load_id)],
    ).fetchone()
    if row is None:
        return None
    load, source, file_name, status, received, markdown, language = row
    return StoredReport(
        load, source, file_name, status, as_datetime(received), str(markdown), str(language)
    )


# --- ethnicity coverage ------------------------------------------------------------------------


def ethnicity_coverage(
    con: Connection | None, measure: str | None = None, period: date | None = None
) -> pd.DataFrame:
    """Country-level ethnicity coverage per month of every indicator that records ethnicity
    (``has_ethnicity``), up to
    ``period`` when given, beside its value and Roma value (NULL when suppressed). One indicator
    per measure is its *headline* (``is_headline``: the participants indicator, else the first
    by code), the line the page draws per measure, and comes first (``COVERAGE_COLUMNS``)."""
    if con is None:
        return empty_frame(COVERAGE_COLUMNS)
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
               c.indicator_code = h.indicator_code AS is_headline, c.period,
               c.value, c.roma_value, c.roma_value_suppressed, c.roma_value_as_of,
               c.roma_value_is_rounded, c.ethnicity_coverage
        FROM with_coverage AS c JOIN headline AS h USING (sam)
        ORDER BY c.measure_rank, c.sam, is_headline DESC, c.indicator_code, c.period
        """,
        [measure, measure, period, period],
    ).df()
    frame["roma_value"] = frame["roma_value"].astype("Int64")
    return frame[COVERAGE_COLUMNS]


def disclosure_utility(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """What disclosure control published of the Roma cells (``fct_disclosure_utility``), per
    geography level (``GEO_LEVELS`` order), at the latest quarter end (``scope`` "latest") and
    over every quarter end (``scope`` "all", ``period`` NULL), of one measure's indicators or of
    all: cells, published, withheld and the share published. From the internal snapshot also
    the withheld cells by rule (complement, audit) and the rounding error (mean absolute
    difference between exact and rounded counts over the published cells, and its maximum);
    NULL in the public snapshot (``DISCLOSURE_COLUMNS``)."""
    if con is None:
        return empty_frame(DISCLOSURE_COLUMNS)
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
    return frame[DISCLOSURE_COLUMNS]
