"""The indicator catalogue and targets as the methodology page shows them.

Everything comes from the published catalogue (``dim_indicators``), the reference tables
(``ref_indicator_targets``, ``ref_measure_milestones``, ``ref_baseline_context``) and the status
method (``fct_indicator_status.status_method``): the methodology is generated, never written a
second time. A snapshot that lacks a table or a column (older or hand-made ones) gives NULLs.
"""

from __future__ import annotations

import pandas as pd

from roma_monitor.serve.queries.core import (
    INDICATORS,
    MEASURE_ORDER,
    Connection,
    empty_frame,
    table_columns,
)

__all__ = [
    "BASELINE_COLUMNS",
    "CATALOGUE_COLUMNS",
    "GROUP_ORDER",
    "MEASURE_MILESTONE_COLUMNS",
    "TARGET_MILESTONE_COLUMNS",
    "baseline_context",
    "indicator_catalogue",
    "measure_milestones",
    "status_methods",
    "target_milestones",
]

STATUS = "fct_indicator_status"
TARGETS = "ref_indicator_targets"
MILESTONES = "ref_measure_milestones"
BASELINE = "ref_baseline_context"

# Indicator groups in reading order: who took part, what came of it, how, with whom, money.
GROUP_ORDER = ("participants", "results", "process", "entities", "finance", "platform")

# (column, DuckDB type) of dim_indicators as the page reads it.
_CATALOGUE = [
    ("indicator_code", "VARCHAR"),
    ("sam", "VARCHAR"),
    ("source", "VARCHAR"),
    ("agency", "VARCHAR"),
    ("indicator_group", "VARCHAR"),
    ("name_lv", "VARCHAR"),
    ("name_en", "VARCHAR"),
    ("definition_lv", "VARCHAR"),
    ("definition_en", "VARCHAR"),
    ("unit", "VARCHAR"),
    ("aggregation", "VARCHAR"),
    ("denominator_indicator_code", "VARCHAR"),
    ("geo_levels", "VARCHAR"),
    ("has_ethnicity", "BOOLEAN"),
    ("category_name_lv", "VARCHAR"),
    ("category_name_en", "VARCHAR"),
    ("counting_rule_lv", "VARCHAR"),
    ("counting_rule_en", "VARCHAR"),
    ("measure_start_date", "DATE"),
    ("source_citation", "VARCHAR"),
    ("note_lv", "VARCHAR"),
    ("note_en", "VARCHAR"),
    ("has_target", "BOOLEAN"),
    ("target_value", "DOUBLE"),
    ("target_operator", "VARCHAR"),
    ("target_date", "DATE"),
    ("target_is_from_report", "BOOLEAN"),
    ("target_source_citation", "VARCHAR"),
    ("target_note", "VARCHAR"),
]
CATALOGUE_COLUMNS = [
    *(name for name, _ in _CATALOGUE),
    "denominator_name_lv",
    "denominator_name_en",
    "progress_status",
    "status_method",
]
TARGET_MILESTONE_COLUMNS = [
    "indicator_code",
    "sam",
    "target_value",
    "target_operator",
    "target_date",
    "is_from_report",
    "source_citation",
    "note",
]
MEASURE_MILESTONE_COLUMNS = [
    "sam",
    "event_code",
    "event_date",
    "event_date_precision",
    "name_lv",
    "name_en",
    "is_from_report",
    "source_citation",
]
BASELINE_COLUMNS = [
    "context_code",
    "value",
    "unit",
    "name_lv",
    "name_en",
    "reference_year",
    "source_citation",
]


def _select(columns: set[str], wanted: list[tuple[str, str]], alias: str) -> str:
    """Typed columns of ``alias``; a column the snapshot lacks becomes a typed NULL."""
    return ", ".join(
        f"CAST({alias}.{name} AS {kind}) AS {name}"
        if name in columns
        else f"CAST(NULL AS {kind}) AS {name}"
        for name, kind in wanted
    )


def _measure_rank(column: str) -> str:
    order = " ".join(f"WHEN '{sam}' THEN {rank}" for rank, sam in enumerate(MEASURE_ORDER))
    return f"CASE {column} {order} ELSE {len(MEASURE_ORDER)} END"


def indicator_catalogue(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """Every indicator of the catalogue (of one measure when ``measure`` is a SAM code), in the
    report's measure order, then by group and code, with its denominator's names and, where a
    final target is tracked, the progress class and the method behind it
    (``CATALOGUE_COLUMNS``)."""
    columns = table_columns(con, INDICATORS)
    if not columns:
        return empty_frame(CATALOGUE_COLUMNS)
    status_columns = table_columns(con, STATUS)
    if {"progress_status", "status_method"} <= status_columns:
        status_join = (
            f"LEFT JOIN main.{STATUS} AS s "
            "ON s.indicator_code = i.indicator_code AND s.is_latest_period"
        )
        status = "s.progress_status, s.status_method"
    else:
        status_join = ""
        status = "CAST(NULL AS VARCHAR) AS progress_status, CAST(NULL AS VARCHAR) AS status_method"
    if "denominator_indicator_code" in columns:
        denominator_join = (
            f"LEFT JOIN main.{INDICATORS} AS d ON d.indicator_code = i.denominator_indicator_code"
        )
        denominator = ", ".join(
            f"d.{name} AS denominator_{name}"
            if name in columns
            else f"CAST(NULL AS VARCHAR) AS denominator_{name}"
            for name in ("name_lv", "name_en")
        )
    else:
        denominator_join = ""
        denominator = (
            "CAST(NULL AS VARCHAR) AS denominator_name_lv, "
            "CAST(NULL AS VARCHAR) AS denominator_name_en"
        )
    groups = " ".join(f"WHEN '{g}' THEN {rank}" for rank, g in enumerate(GROUP_ORDER))
    order = [_measure_rank("i.sam"), "i.sam"]
    if "indicator_group" in columns:
        order.append(f"CASE i.indicator_group {groups} ELSE {len(GROUP_ORDER)} END")
    frame = con.execute(
        f"""
        SELECT {_select(columns, _CATALOGUE, "i")}, {denominator}, {status}
        FROM main.{INDICATORS} AS i {denominator_join} {status_join}
        WHERE CAST(? AS VARCHAR) IS NULL OR i.sam = ?
        ORDER BY {", ".join(order)}, i.indicator_code
        """,
        [measure, measure],
    ).df()
    return frame[CATALOGUE_COLUMNS]


def target_milestones(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """Interim targets (``ref_indicator_targets`` with ``target_kind = 'milestone'``), by
    indicator and date (``TARGET_MILESTONE_COLUMNS``)."""
    columns = table_columns(con, TARGETS)
    if not {"indicator_code", "target_kind"} <= columns:
        return empty_frame(TARGET_MILESTONE_COLUMNS)
    wanted = [
        ("indicator_code", "VARCHAR"),
        ("target_value", "DOUBLE"),
        ("target_operator", "VARCHAR"),
        ("target_date", "DATE"),
        ("is_from_report", "BOOLEAN"),
        ("source_citation", "VARCHAR"),
        ("note", "VARCHAR"),
    ]
    sam = "i.sam" if "sam" in table_columns(con, INDICATORS) else "CAST(NULL AS VARCHAR)"
    join = (
        f"LEFT JOIN main.{INDICATORS} AS i ON i.indicator_code = t.indicator_code"
        if sam != "CAST(NULL AS VARCHAR)"
        else ""
    )
    frame = con.execute(
        f"""
        SELECT {_select(columns, wanted, "t")}, {sam} AS sam
        FROM main.{TARGETS} AS t {join}
        WHERE t.target_kind = 'milestone' AND (CAST(? AS VARCHAR) IS NULL OR {sam} = ?)
        ORDER BY t.indicator_code, target_date
        """,
        [measure, measure],
    ).df()
    return frame[TARGET_MILESTONE_COLUMNS]


def measure_milestones(con: Connection | None, measure: str | None = None) -> pd.DataFrame:
    """The measures' dated milestones (``ref_measure_milestones``): start, end, evaluations,
    the platform's workshops, in the report's measure order, then by date
    (``MEASURE_MILESTONE_COLUMNS``)."""
    columns = table_columns(con, MILESTONES)
    if "sam" not in columns:
        return empty_frame(MEASURE_MILESTONE_COLUMNS)
    wanted = [
        ("sam", "VARCHAR"),
        ("event_code", "VARCHAR"),
        ("event_date", "DATE"),
        ("event_date_precision", "VARCHAR"),
        ("name_lv", "VARCHAR"),
        ("name_en", "VARCHAR"),
        ("is_from_report", "BOOLEAN"),
        ("source_citation", "VARCHAR"),
    ]
    return con.execute(
        f"""
        SELECT {_select(columns, wanted, "m")} FROM main.{MILESTONES} AS m
        WHERE CAST(? AS VARCHAR) IS NULL OR m.sam = ?
        ORDER BY {_measure_rank("m.sam")}, event_date, event_code
        """,
        [measure, measure],
    ).df()[MEASURE_MILESTONE_COLUMNS]


def baseline_context(con: Connection | None) -> pd.DataFrame:
    """The baseline figures the report quotes (study "Romi Latvijā", 2015, and others), with
    their citation (``BASELINE_COLUMNS``)."""
    columns = table_columns(con, BASELINE)
    if "context_code" not in columns:
        return empty_frame(BASELINE_COLUMNS)
    wanted = [
        ("context_code", "VARCHAR"),
        ("value", "DOUBLE"),
        ("unit", "VARCHAR"),
        ("name_lv", "VARCHAR"),
        ("name_en", "VARCHAR"),
        ("reference_year", "BIGINT"),
        ("source_citation", "VARCHAR"),
    ]
    frame = con.execute(
        f"SELECT {_select(columns, wanted, 'b')} FROM main.{BASELINE} AS b ORDER BY context_code"
    ).df()
    frame["reference_year"] = frame["reference_year"].astype("Int64")
    return frame[BASELINE_COLUMNS]


def status_methods(con: Connection | None) -> list[str]:
    """The distinct progress-status methods in ``fct_indicator_status`` (normally one text)."""
    if "status_method" not in table_columns(con, STATUS):
        return []
    rows = con.execute(
        f"SELECT status_method, count(*) AS n FROM main.{STATUS} "
        "WHERE status_method IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1"
    ).fetchall()
    return [str(row[0]) for row in rows]
