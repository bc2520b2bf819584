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
    latest_period,
)

__all__ = [
    "MUNICIPALITY",
    "area_figures",
    "headline_indicator",
    "map_indicators",
    "region_map_figures",
]

MUNICIPALITY = "municipality"

# The row shape shared by region_map_figures and area_figures: the area (from dim_geography, so
# an area without a published row still appears, with has_data false) and its figures; none
# when the indicator has no month to show (the first parameter, the period, is NULL).
_AREA_SELECT = f"""
    SELECT CAST(? AS DATE) AS period, g.geo_level, g.geo_code, g.geo_name_lv, g.geo_name_en,
           g.planning_region_code, p.value IS NOT NULL AS has_data, p.value, p.value_rank,
           p.share_of_national,
           p.share, CAST(p.target AS DOUBLE) AS target, p.target_operator, p.share_of_target,
           p.roma_value, {ROMA}, p.ethnicity_coverage
    FROM main.{GEOGRAPHY} AS g
    LEFT JOIN main.{PROGRESS} AS p
        ON p.geo_level = g.geo_level AND p.geo_code = g.geo_code
           AND p.indicator_code = ? AND p.period = ?
    WHERE CAST(? AS DATE) IS NOT NULL
"""


def map_indicators(con: Connection, sam: str | None = None) -> pd.DataFrame:
    """The indicators that can be mapped (published by planning region), of one measure or of
    all, in the report's measure order; within a measure by ``headline_rank`` (those with a
    target, then participants, then cumulative counts, then by code), so the first row of a
    measure is its headline indicator."""
    return con.execute(
        f"""
        SELECT indicator_code, sam, agency, indicator_group, name_lv, name_en, unit, aggregation,
               has_target, has_ethnicity
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


def _area_params(con: Connection, indicator_code: str, period: date | None) -> list[Any]:
    """``_AREA_SELECT``'s parameters at ``period`` (default: the indicator's latest month)."""
    period = period if period is not None else latest_period(con, indicator_code)
    return [period, indicator_code, period, period]


def region_map_figures(
    con: Connection, indicator_code: str, geo_level: str, period: date | None = None
) -> pd.DataFrame:
    """Every planning region or municipality (``geo_level``) with the indicator's figures at
    ``period`` (default: its latest month): value, share of the national value, Roma value
    (NULL when suppressed) and ethnicity coverage. Areas with no published row are kept with
    ``has_data`` false, so the map can grey them out."""
    if geo_level not in (PLANNING_REGION, MUNICIPALITY):
        raise ValueError(f"geo_level must be {PLANNING_REGION!r} or {MUNICIPALITY!r}")
    params = [*_area_params(con, indicator_code, period), geo_level]
    return con.execute(
        f"{_AREA_SELECT} AND g.geo_level = ? ORDER BY g.sort_order, g.geo_code", params
    ).df()


def area_figures(
    con: Connection, indicator_code: str, geo_code: str, period: date | None = None
) -> pd.DataFrame:
    """One row (as ``region_map_figures``) for one area (``LV``, a planning region or a
    municipality) at ``period`` (default: the indicator's latest month); empty if the area is
    unknown."""
    params = [*_area_params(con, indicator_code, period), geo_code]
    return con.execute(f"{_AREA_SELECT} AND g.geo_code = ?", params).df()
