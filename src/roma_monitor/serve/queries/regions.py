"""Indicators by planning region and municipality, for the map and its table.

The marts already hold one row per indicator × month × area (counted in the municipality of
entry, ATVK 2021; pre-reform codes mapped through the crosswalk by dbt), so these queries only
filter and join the names; they never recount.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from roma_monitor.serve.queries.core import (
    COUNTRY,
    GEOGRAPHY,
    INDICATORS,
    MEASURE_ORDER,
    PLANNING_REGION,
    PROGRESS,
    Connection,
    empty_frame,
    has_table,
    latest_period,
    roma_select,
    table_columns,
)

__all__ = [
    "AREA_COLUMNS",
    "DEFAULT_MAP_INDICATOR",
    "MAP_INDICATOR_COLUMNS",
    "MUNICIPALITY",
    "area_figures",
    "headline_indicator",
    "map_indicators",
    "region_map_figures",
]

MUNICIPALITY = "municipality"
DEFAULT_MAP_INDICATOR = "SIF_9144_PARTICIPANTS"

MAP_INDICATOR_COLUMNS = [
    "indicator_code",
    "sam",
    "agency",
    "indicator_group",
    "name_lv",
    "name_en",
    "unit",
    "aggregation",
    "has_target",
    "has_ethnicity",
]
AREA_COLUMNS = [
    "period",
    "geo_level",
    "geo_code",
    "geo_name_lv",
    "geo_name_en",
    "planning_region_code",
    "has_data",
    "value",
    "share_of_national",
    "share",
    "target",
    "target_operator",
    "share_of_target",
    "roma_value",
    "roma_value_suppressed",
    "roma_value_as_of",
    "roma_value_is_rounded",
    "ethnicity_coverage",
]

# Catalogue columns a snapshot of an older schema may lack, and what stands in for them.
_INDICATOR_FALLBACKS = {
    "indicator_group": "CAST(NULL AS VARCHAR)",
    "aggregation": "CAST(NULL AS VARCHAR)",
    "has_target": "i.target_value IS NOT NULL",
    "has_ethnicity": "true",
}


# The row shape shared by region_map_figures and area_figures: the area (from dim_geography, so
# an area without a published row still appears, with has_data false) and its figures.
_AREA_SELECT = """
    SELECT CAST(? AS DATE) AS period, g.geo_level, g.geo_code, g.geo_name_lv, g.geo_name_en,
           g.planning_region_code,
           p.value IS NOT NULL AS has_data,
           CAST(p.value AS DOUBLE) AS value,
           CAST(p.value AS DOUBLE) / nullif(CAST(n.value AS DOUBLE), 0) AS share_of_national,
           {share} AS share,
           CAST(p.target AS DOUBLE) AS target, p.target_operator,
           CAST(p.share_of_target AS DOUBLE) AS share_of_target,
           {roma},
           CAST(p.ethnicity_coverage AS DOUBLE) AS ethnicity_coverage
    FROM main.{geography} AS g
    LEFT JOIN (
        SELECT * FROM main.{progress} WHERE indicator_code = ? AND period = ?
    ) AS p ON p.geo_level = g.geo_level AND p.geo_code = g.geo_code
    CROSS JOIN (
        SELECT max(value) AS value FROM main.{progress}
        WHERE indicator_code = ? AND period = ? AND geo_level = '{country}'
    ) AS n
"""


def _area_select(con: Connection) -> str:
    share = "CAST(p.share AS DOUBLE)" if "share" in table_columns(con, PROGRESS) else "NULL::DOUBLE"
    return _AREA_SELECT.format(
        share=share,
        roma=roma_select(con, cast="DOUBLE"),
        geography=GEOGRAPHY,
        progress=PROGRESS,
        country=COUNTRY,
    )


def map_indicators(con: Connection | None, sam: str | None = None) -> pd.DataFrame:
    """The indicators that can be mapped (published by planning region), of one measure or of
    all, in the report's measure order; within a measure the same order as the measure page
    (``measures.measure_indicators``): those with a target, then participants, then cumulative
    counts, then by code, so the first row of a measure is its headline indicator."""
    if not (has_table(con, INDICATORS) and has_table(con, PROGRESS)):
        return empty_frame(MAP_INDICATOR_COLUMNS)
    order = " ".join(f"WHEN '{code}' THEN {rank}" for rank, code in enumerate(MEASURE_ORDER))
    present = table_columns(con, INDICATORS)
    columns = ", ".join(
        f"i.{name}" if name in present else f"{_INDICATOR_FALLBACKS.get(name, 'NULL')} AS {name}"
        for name in MAP_INDICATOR_COLUMNS
    )
    cumulative_first = (
        "coalesce(i.aggregation, 'cumulative') = 'cumulative'"
        if "aggregation" in present
        else "i.indicator_code IS NOT NULL"
    )
    return con.execute(
        f"""
        SELECT {columns}
        FROM main.{INDICATORS} AS i
        WHERE (CAST(? AS VARCHAR) IS NULL OR i.sam = ?)
          AND i.indicator_code IN (
              SELECT DISTINCT indicator_code FROM main.{PROGRESS}
              WHERE geo_level = '{PLANNING_REGION}'
          )
        ORDER BY CASE i.sam {order} ELSE {len(MEASURE_ORDER)} END, i.sam,
                 coalesce(has_target, false) DESC,
                 coalesce(indicator_group = 'participants', false) DESC,
                 {cumulative_first} DESC, i.indicator_code
        """,
        [sam, sam],
    ).df()


def headline_indicator(indicators: pd.DataFrame, sam: str | None = None) -> str | None:
    """The indicator a map opens on: the measure's headline (first of ``map_indicators``), or
    for all measures the SIF participants (the one target stated in the report) if mapped."""
    if indicators.empty:
        return None
    codes = list(indicators["indicator_code"])
    if sam is None and DEFAULT_MAP_INDICATOR in codes:
        return DEFAULT_MAP_INDICATOR
    if sam is not None:
        of_measure = indicators.loc[indicators["sam"] == sam, "indicator_code"]
        if not of_measure.empty:
            return str(of_measure.iloc[0])
    return str(codes[0])


def _resolve_period(con: Connection, indicator_code: str, period: date | None) -> date | None:
    return period if period is not None else latest_period(con, indicator_code)


def region_map_figures(
    con: Connection | None, indicator_code: str, geo_level: str, period: date | None = None
) -> pd.DataFrame:
    """Every planning region or municipality (``geo_level``) with the indicator's figures at
    ``period`` (default: its latest month): value, share of the national value, Roma value
    (NULL when suppressed) and ethnicity coverage (``AREA_COLUMNS``). Areas with no published
    row are kept with ``has_data`` false, so the map can grey them out."""
    if geo_level not in (PLANNING_REGION, MUNICIPALITY):
        raise ValueError(f"geo_level must be {PLANNING_REGION!r} or {MUNICIPALITY!r}")
    if not (has_table(con, PROGRESS) and has_table(con, GEOGRAPHY)):
        return empty_frame(AREA_COLUMNS)
    period = _resolve_period(con, indicator_code, period)
    if period is None:
        return empty_frame(AREA_COLUMNS)
    params: list[Any] = [period, indicator_code, period, indicator_code, period, geo_level]
    return con.execute(
        f"{_area_select(con)} WHERE g.geo_level = ? ORDER BY g.sort_order, g.geo_code", params
    ).df()


def area_figures(
    con: Connection | None, indicator_code: str, geo_code: str, period: date | None = None
) -> pd.DataFrame:
    """One row (``AREA_COLUMNS``) for one area (``LV``, a planning region or a municipality) at
    ``period`` (default: the indicator's latest month); empty if the area is unknown."""
    if not (has_table(con, PROGRESS) and has_table(con, GEOGRAPHY)):
        return empty_frame(AREA_COLUMNS)
    period = _resolve_period(con, indicator_code, period)
    if period is None:
        return empty_frame(AREA_COLUMNS)
    params: list[Any] = [period, indicator_code, period, indicator_code, period, geo_code]
    return con.execute(f"{_area_select(con)} WHERE g.geo_code = ?", params).df()
