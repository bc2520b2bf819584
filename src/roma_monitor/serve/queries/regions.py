"""Indicators by planning region and municipality, for the map and its table.

The marts already hold one row per indicator × month × area (counted in the municipality of
entry, ATVK 2021; pre-reform codes mapped through the crosswalk by dbt) with its share of the
national value, and the catalogue holds each measure's order and headline, so these queries
only filter and join the names; they never recount.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from roma_monitor.serve.queries.core import (
    GEOGRAPHY,
    INDICATORS,
    PLANNING_REGION,
    PROGRESS,
    ROMA,
    Connection,
    empty_frame,
    latest_period,
)

__all__ = [
    "AREA_COLUMNS",
    "MAP_INDICATOR_COLUMNS",
    "MUNICIPALITY",
    "area_figures",
    "headline_indicator",
    "map_indicators",
    "region_map_figures",
]

MUNICIPALITY = "municipality"

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

# The row shape shared by region_map_figures and area_figures: the area (from dim_geography, so
# an area without a published row still appears, with has_data false) and its figures.
_AREA_SELECT = f"""
    SELECT CAST(? AS DATE) AS period, g.geo_level, g.geo_code, g.geo_name_lv, g.geo_name_en,
           g.planning_region_code, p.value IS NOT NULL AS has_data, p.value, p.share_of_national,
           p.share, CAST(p.target AS DOUBLE) AS target, p.target_operator, p.share_of_target,
           p.roma_value, {ROMA}, p.ethnicity_coverage
    FROM main.{GEOGRAPHY} AS g
    LEFT JOIN main.{PROGRESS} AS p
        ON p.geo_level = g.geo_level AND p.geo_code = g.geo_code
           AND p.indicator_code = ? AND p.period = ?
"""


def map_indicators(con: Connection | None, sam: str | None = None) -> pd.DataFrame:
    """The indicators that can be mapped (published by planning region), of one measure or of
    all, in the report's measure order; within a measure by ``headline_rank`` (those with a
    target, then participants, then cumulative counts, then by code), so the first row of a
    measure is its headline indicator."""
    if con is None:
        return empty_frame(MAP_INDICATOR_COLUMNS)
    return con.execute(
        f"""
        SELECT {", ".join(MAP_INDICATOR_COLUMNS)}
        FROM main.{INDICATORS}
        WHERE (CAST(? AS VARCHAR) IS NULL OR sam = ?)
          AND indicator_code IN (
              SELECT indicator_code FROM main.{PROGRESS} WHERE geo_level = '{PLANNING_REGION}'
          )
        ORDER BY measure_rank, sam, headline_rank
        """,
        [sam, sam],
    ).df()


def headline_indicator(indicators: pd.DataFrame, sam: str | None = None) -> str | None:
    """The indicator a map opens on: the measure's headline (its first row of
    ``map_indicators``), or for all measures the first measure's headline."""
    if indicators.empty:
        return None
    of_measure = indicators.loc[indicators["sam"] == sam, "indicator_code"]
    return str((of_measure if not of_measure.empty else indicators["indicator_code"]).iloc[0])


def _resolve_period(
    con: Connection | None, indicator_code: str, period: date | None
) -> date | None:
    if con is None:
        return None
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
    period = _resolve_period(con, indicator_code, period)
    if period is None:
        return empty_frame(AREA_COLUMNS)
    params: list[Any] = [period, indicator_code, period, geo_level]
    return con.execute(
        f"{_AREA_SELECT} WHERE g.geo_level = ? ORDER BY g.sort_order, g.geo_code", params
    ).df()


def area_figures(
    con: Connection | None, indicator_code: str, geo_code: str, period: date | None = None
) -> pd.DataFrame:
    """One row (``AREA_COLUMNS``) for one area (``LV``, a planning region or a municipality) at
    ``period`` (default: the indicator's latest month); empty if the area is unknown."""
    period = _resolve_period(con, indicator_code, period)
    if period is None:
        return empty_frame(AREA_COLUMNS)
    params: list[Any] = [period, indicator_code, period, geo_code]
    return con.execute(f"{_AREA_SELECT} WHERE g.geo_code = ?", params).df()
