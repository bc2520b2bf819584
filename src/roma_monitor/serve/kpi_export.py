"""The published indicators for machines (`roma-monitor kpis`, `roma-monitor internal-kpis`):
filtered in the snapshot and streamed row by row.

The tables and their columns are the snapshot queries of ``queries.core`` (``published_kpis``);
this module only narrows them (indicator, geography, months, breakdown) and hands the rows
over one at a time, so a reader can ask for one indicator of one municipality instead of
every breakdown of every month, and a JSON Lines consumer never holds the whole set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roma_monitor.serve.queries.core import (
    BASELINE_QUERY,
    BREAKDOWN_QUERY,
    KPI_QUERY,
    MILESTONES_QUERY,
    STATUS_QUERY,
    Connection,
)

FETCH_ROWS = 2000
# the country, then each planning region followed by its municipalities (dim_geography's order)
GEO_ORDER = "(SELECT g.sort_order FROM dim_geography AS g WHERE g.geo_code = t.geo_code)"


@dataclass(frozen=True)
class KpiFilter:
    """What to keep; an empty field keeps everything. Months are ``YYYY-MM`` (inclusive)."""

    indicators: tuple[str, ...] = ()
    geo_level: str | None = None
    geos: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    breakdowns: tuple[str, ...] = ()
    latest_only: bool = False

    def conditions(self, columns: set[str]) -> tuple[list[str], list[Any]]:
        """SQL conditions (and their parameters) on the output ``columns`` of one table."""
        wanted = [
            ("indicator", self.indicators),
            ("geo_code", self.geos),
            ("breakdown", self.breakdowns),
        ]
        sql: list[str] = []
        params: list[Any] = []
        for column, values in wanted:
            if values and column in columns:
                sql.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += list(values)
        if "period" in columns:
            for operator, month in ((">=", self.period_from), ("<=", self.period_to)):
                if month:
                    sql.append(f"period {operator} ?")
                    params.append(month)
        return sql, params


@dataclass(frozen=True)
class KpiTable:
    name: str
    sql: str  # a core query; its own ORDER BY is replaced by ``order``
    columns: frozenset[str]  # the output columns the filter may narrow
    order: str
    # the core query's own parameters: (geo_level, geo_level, latest_only)
    takes_level_and_latest: bool = False


TABLES = {
    "indicators": KpiTable(
        "indicators",
        KPI_QUERY,
        frozenset({"indicator", "geo_code", "period"}),
        f"indicator, period, {GEO_ORDER}, geo_code",
        takes_level_and_latest=True,
    ),
    "status": KpiTable("status", STATUS_QUERY, frozenset({"indicator"}), "indicator"),
    "milestones": KpiTable("milestones", MILESTONES_QUERY, frozenset(), "event_date, event_code"),
    "baseline_context": KpiTable("baseline_context", BASELINE_QUERY, frozenset(), "context_code"),
    "breakdowns": KpiTable(
        "breakdowns",
        BREAKDOWN_QUERY,
        frozenset({"indicator", "geo_code", "period", "breakdown"}),
        "indicator, period, geo_code, breakdown, breakdown_value",
        takes_level_and_latest=True,
    ),
}


def table_names(with_breakdowns: bool, kpi_filter: KpiFilter) -> list[str]:
    """The tables an answer holds: breakdowns only when asked for (or one is named)."""
    names = list(TABLES)
    if not (with_breakdowns or kpi_filter.breakdowns):
        names.remove("breakdowns")
    return names


def _query(table: KpiTable, kpi_filter: KpiFilter) -> tuple[str, list[Any]]:
    inner = table.sql[: table.sql.rindex("ORDER BY")]
    params: list[Any] = []
    if table.takes_level_and_latest:
        level = kpi_filter.geo_level
        params = [level, level, kpi_filter.latest_only]
    conditions, extra = kpi_filter.conditions(set(table.columns))
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT * FROM ({inner}) AS t {where} ORDER BY {table.order}", params + extra


def stream_rows(con: Connection, name: str, kpi_filter: KpiFilter) -> Iterator[dict[str, Any]]:
    """The rows of table ``name`` that ``kpi_filter`` keeps, fetched a batch at a time."""
    sql, params = _query(TABLES[name], kpi_filter)
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(FETCH_ROWS):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def json_lines(
    con: Connection, kpi_filter: KpiFilter, with_breakdowns: bool = False
) -> Iterator[str]:
    """JSON Lines: one object per row, its table named in ``"table"``, one table after another."""
    for name in table_names(with_breakdowns, kpi_filter):
        for row in stream_rows(con, name, kpi_filter):
            yield json.dumps({"table": name, **row}, ensure_ascii=False, default=str)


def as_document(
    con: Connection, kpi_filter: KpiFilter, with_breakdowns: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """The same rows as one JSON document: table name → rows (``roma-monitor kpis --json``)."""
    return {
        name: list(stream_rows(con, name, kpi_filter))
        for name in table_names(with_breakdowns, kpi_filter)
    }
