"""The indicator catalogue and targets as the methodology page shows them.

Everything comes from the published catalogue (``dim_indicators``), the reference tables
(``ref_indicator_targets``, ``ref_measure_milestones``, ``ref_baseline_context``) and the status
method (``fct_indicator_status.status_method``): the methodology is generated, never written a
second time. The order (measure, group) and the denominators' names are the catalogue's own
columns (dim_indicators, computed in dbt).
"""

from __future__ import annotations

import pandas as pd

from roma_monitor.serve.queries.core import INDICATORS, Connection

__all__ = [
    "DEFINITION",
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

# An indicator's definition as the methodology and measure pages read it: the catalogue's
# columns (dim_indicators, aliased ``i``) but its orders, headline and result keys.
DEFINITION = (
    "i.* EXCLUDE (milestone_count, measure_rank, group_rank, headline_rank, is_headline, "
    "result_outcome, result_timing, result_rank)"
)


def indicator_catalogue(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """Every indicator of the catalogue (of one measure when ``measure`` is a SAM code), in the
    report's measure order, then by group and code, with its denominator's names and, where a
    final target is tracked, the progress class and the method behind it."""
    return con.execute(
        f"""
        SELECT {DEFINITION}, s.progress_status, s.status_method
        FROM main.{INDICATORS} AS i
        LEFT JOIN main.{STATUS} AS s
            ON s.indicator_code = i.indicator_code AND s.is_latest_period
        WHERE CAST(? AS VARCHAR) IS NULL OR i.sam = ?
        ORDER BY i.measure_rank, i.sam, i.group_rank, i.indicator_code
        """,
        [measure, measure],
    ).df()


def target_milestones(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """Interim targets (``ref_indicator_targets`` with ``target_kind = 'milestone'``), by
    indicator and date."""
    return con.execute(
        f"""
        SELECT t.indicator_code, i.sam, CAST(t.target_value AS DOUBLE) AS target_value,
               t.target_operator, t.target_date, t.is_from_report, t.source_citation,
               t.note_lv, t.note_en
        FROM main.{TARGETS} AS t
        LEFT JOIN main.{INDICATORS} AS i ON i.indicator_code = t.indicator_code
        WHERE t.target_kind = 'milestone' AND (CAST(? AS VARCHAR) IS NULL OR i.sam = ?)
        ORDER BY t.indicator_code, t.target_date
        """,
        [measure, measure],
    ).df()


def measure_milestones(con: Connection, measure: str | None = None) -> pd.DataFrame:
    """The measures' dated milestones (``ref_measure_milestones``): start, end, evaluations,
    the platform's workshops, in the report's measure order, then by date."""
    return con.execute(
        f"""
        SELECT m.*
        FROM main.{MILESTONES} AS m
        LEFT JOIN (
            SELECT sam, min(measure_rank) AS measure_rank FROM main.{INDICATORS} GROUP BY sam
        ) AS i USING (sam)
        WHERE CAST(? AS VARCHAR) IS NULL OR m.sam = ?
        ORDER BY i.measure_rank NULLS LAST, m.event_date, m.event_code
        """,
        [measure, measure],
    ).df()


def baseline_context(con: Connection) -> pd.DataFrame:
    """The baseline figures the report quotes (study "Romi Latvijā", 2015, and others), with
    their citation."""
    frame = con.execute(
        f"SELECT context_code, CAST(value AS DOUBLE) AS value, unit, name_lv, name_en, "
        f"reference_year, source_citation FROM main.{BASELINE} ORDER BY context_code"
    ).df()
    frame["reference_year"] = frame["reference_year"].astype("Int64")
    return frame


def status_methods(con: Connection) -> list[tuple[str, str]]:
    """The distinct progress-status methods in ``fct_indicator_status`` (normally one), as
    (key, the method in dbt's words), the most used first."""
    return con.execute(
        f"SELECT status_method_code, status_method FROM main.{STATUS} "
        "WHERE status_method IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1"
    ).fetchall()
