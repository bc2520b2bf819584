"""The KM platform: workshops, participants by type, mediators, recommendations tracker.

Everything is read "as of" a month: the figures a council member would have seen at that
month's end (workshops held up to its last day, each recommendation's status on its last day).
An area filter is a planning-region code or an ATVK 2021 municipality code; ``None`` (or
``"LV"``) is the whole country. National recommendations have no municipality: they are shown
only for the whole country.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from roma_monitor.serve.queries.core import (
    GEOGRAPHY,
    PLANNING_REGION,
    PROGRESS,
    Connection,
    latest_period,
)

__all__ = [
    "STATUS_FIELDS",
    "STATUS_HISTORY",
    "WORKSHOPS",
    "indicator_series_by_area",
    "mediators_by_area",
    "platform_figures",
    "participants_by_type",
    "recommendation_history",
    "recommendation_list",
    "recommendation_matrix",
    "recommendation_status",
    "top_workshop_venue",
    "workshops",
]

WORKSHOPS = "fct_workshops"
STATUS_HISTORY = "fct_recommendation_status_history"
AREA_TOTALS = "fct_workshop_area_totals"
BY_TYPE = "fct_workshop_participants_by_type"
COUNTRY_CODE = "LV"
MEDIATORS = "KM_MEDIATORS"
TRACKED, ADDRESSED = "KM_RECOMMENDATIONS_TRACKED", "KM_RECOMMENDATIONS_ADDRESSED"
# the page's headline figures: column → the published indicator it is the value of
FIGURES = {
    "workshops": "KM_WORKSHOPS",
    "participants": "KM_WORKSHOP_PARTICIPANTS",
    "municipalities": "KM_WORKSHOP_MUNICIPALITIES",
    "mediators": MEDIATORS,
    "tracked": TRACKED,
    "addressed": ADDRESSED,
}
# a recommendation's cells in the matrix: <code>_status, <code>_status_name_lv, ..._en
STATUS_FIELDS = ("status", "status_name_lv", "status_name_en")

# a recommendation's status in a municipality (or nationally), as recommendation_status lists it
_STATUS = """recommendation_code, level, theme_lv, theme_en, municipality_atvk_2021,
    municipality_name_lv, municipality_name_en, planning_region_code, status, status_name_lv,
    status_name_en, counts_as_addressed, status_date"""


def _area(geo_code: str | None) -> str | None:
    return None if geo_code in (None, "", COUNTRY_CODE) else geo_code


def _in_force(start: str, end: str, period: date | None) -> tuple[str, list[Any]]:
    """SQL: the row (holding from ``start`` until ``end``, exclusive; NULL: now) is the one in
    force at the end of ``period``'s month, or now if None; with its parameters."""
    sql = f"""CASE WHEN CAST(? AS DATE) IS NULL THEN {end} IS NULL
                   ELSE {start} <= last_day(CAST(? AS DATE))
                        AND ({end} IS NULL OR {end} > last_day(CAST(? AS DATE)))
              END"""
    return sql, [period, period, period]


def workshops(
    con: Connection, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """The workshops held up to the end of ``period``'s month (all if None) at a venue in the
    area, oldest first."""
    area = _area(geo_code)
    params: list[Any] = [period, period, area, area, area]
    return con.execute(
        f"""
        SELECT workshop_id, workshop_date, city, topic, topic_en, venue_atvk_2021, venue_name_lv,
               venue_name_en, planning_region_code, planning_region_name_lv,
               planning_region_name_en, CAST(participants_total AS BIGINT) AS participants_total,
               municipalities_represented_2021_count
        FROM main.{WORKSHOPS}
        WHERE (CAST(? AS DATE) IS NULL OR workshop_date <= last_day(CAST(? AS DATE)))
          AND (CAST(? AS VARCHAR) IS NULL OR planning_region_code = ? OR venue_atvk_2021 = ?)
        ORDER BY workshop_date, workshop_id
        """,
        params,
    ).df()


def platform_figures(
    con: Connection, geo_code: str | None = None, period: date | None = None
) -> pd.DataFrame:
    """One row: the platform's published figures for the area at ``period`` (each indicator at
    its latest month if None), and the share of the tracked recommendations addressed
    (NULL where none is published)."""
    values = ", ".join(
        f"max(value) FILTER (indicator_code = '{code}') AS {name}" for name, code in FIGURES.items()
    )
    return con.execute(
        f"""
        SELECT {values}, max(share) FILTER (indicator_code = '{ADDRESSED}') AS addressed_share
        FROM main.{PROGRESS} AS p
        WHERE geo_code = ? AND period = coalesce(CAST(? AS DATE), (
            SELECT max(period) FROM main.{PROGRESS} AS latest
            WHERE latest.indicator_code = p.indicator_code))
        """,
        [_area(geo_code) or COUNTRY_CODE, period],
    ).df()


def participants_by_type(
    con: Connection, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """Workshop attendances up to ``period``'s month end in the area per party represented, in
    the report's order, with the party's rank (1: the most); none before the area's first
    workshop."""
    in_force, params = _in_force("as_of_month", "valid_to", period)
    return con.execute(
        f"""
        SELECT participant_type, participants, participants_rank FROM main.{BY_TYPE}
        WHERE geo_code = ? AND {in_force}
        ORDER BY type_order
        """,
        [_area(geo_code) or COUNTRY_CODE, *params],
    ).df()


def top_workshop_venue(con: Connection, period: date | None = None) -> pd.DataFrame:
    """The municipality that held the most workshops up to ``period``'s month end (rank 1 of
    the mart; a tie goes to the lower code), with their number; none before the first."""
    in_force, params = _in_force("as_of_month", "valid_to", period)
    return con.execute(
        f"""
        SELECT geo_code, geo_name_lv, geo_name_en, workshops FROM main.{AREA_TOTALS}
        WHERE geo_level = 'municipality' AND workshops_rank = 1 AND {in_force}
        """,
        params,
    ).df()


def mediators_by_area(
    con: Connection, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """The mediators (year-end stock) at ``period`` (default: the latest month): for the country
    by planning region, else for each municipality of the selected region (or the selected
    municipality), in the regions' order; an area without a published figure has none."""
    area = _area(geo_code)
    return con.execute(
        f"""
        SELECT g.geo_code, g.geo_name_lv, g.geo_name_en, p.value
        FROM main.{GEOGRAPHY} AS g
        LEFT JOIN main.{PROGRESS} AS p
            ON p.geo_level = g.geo_level AND p.geo_code = g.geo_code
               AND p.indicator_code = ? AND p.period = ?
        WHERE CASE WHEN CAST(? AS VARCHAR) IS NULL THEN g.geo_level = '{PLANNING_REGION}'
                   ELSE g.geo_level = 'municipality' AND ? IN (g.planning_region_code, g.geo_code)
              END
        ORDER BY g.sort_order, g.geo_code
        """,
        [MEDIATORS, period or latest_period(con, MEDIATORS), area, area],
    ).df()


def indicator_series_by_area(
    con: Connection,
    indicator_code: str,
    geo_code: str | None = None,
    period: date | None = None,
) -> pd.DataFrame:
    """Monthly values of one indicator up to ``period``: for the whole country one series per
    planning region (they add up to the national value), else the one series of the area
    oldest first."""
    area = _area(geo_code)
    where = "geo_code = ?" if area is not None else f"geo_level = '{PLANNING_REGION}'"
    params: list[Any] = [indicator_code, period, period]
    if area is not None:
        params.append(area)
    return con.execute(
        f"""
        SELECT period, geo_code, geo_name_lv, geo_name_en, CAST(value AS DOUBLE) AS value
        FROM main.{PROGRESS}
        WHERE indicator_code = ? AND (CAST(? AS DATE) IS NULL OR period <= ?) AND {where}
        ORDER BY period, geo_code
        """,
        params,
    ).df()


def recommendation_list(con: Connection) -> pd.DataFrame:
    """The tracked recommendations (national N…, municipal M…) with their short theme and
    text, by code."""
    return con.execute(
        "SELECT DISTINCT recommendation_code, level, theme_lv, theme_en, text_lv, text_en "
        f"FROM main.{STATUS_HISTORY} "
        "ORDER BY recommendation_code"
    ).df()


def _area_filter(area: str | None) -> tuple[str, list[Any]]:
    """National recommendations (no municipality) belong to the country only."""
    if area is None:
        return "true", []
    return "(planning_region_code = ? OR municipality_atvk_2021 = ?)", [area, area]


def recommendation_status(
    con: Connection, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """Each recommendation × municipality pair's status at the end of ``period``'s month (the
    current status if None), for the area; pairs with no status yet are left out; ordered by
    municipality then recommendation."""
    area_sql, area_params = _area_filter(_area(geo_code))
    in_force, params = _in_force("status_date", "valid_to", period)
    return con.execute(
        f"""
        SELECT {_STATUS} FROM main.{STATUS_HISTORY}
        WHERE {in_force} AND {area_sql}
        ORDER BY municipality_atvk_2021 NULLS FIRST, recommendation_code
        """,
        [*params, *area_params],
    ).df()


def recommendation_matrix(
    con: Connection, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """One row per municipality of the area with a status at ``period``'s month end (now if
    None), by code: each municipal recommendation's status there as ``<code>_status`` with its
    names ``<code>_status_name_lv``/``_en`` (none if it has no status yet), and the
    municipality's published counts ``addressed`` and ``tracked`` at the period."""
    codes = [
        code
        for (code,) in con.execute(
            f"SELECT DISTINCT recommendation_code FROM main.{STATUS_HISTORY} "
            "WHERE municipality_atvk_2021 IS NOT NULL ORDER BY recommendation_code"
        ).fetchall()
    ]
    cells = ", ".join(
        f'first({field}) FILTER (recommendation_code = ?) AS "{code}_{field}"'
        for code in codes
        for field in STATUS_FIELDS
    )
    area_sql, area_params = _area_filter(_area(geo_code))
    in_force, params = _in_force("status_date", "valid_to", period)
    return con.execute(
        f"""
        WITH counts AS (
            SELECT geo_code,
                   max(value) FILTER (indicator_code = '{ADDRESSED}') AS addressed,
                   max(value) FILTER (indicator_code = '{TRACKED}') AS tracked
            FROM main.{PROGRESS}
            WHERE geo_level = 'municipality' AND period = ?
            GROUP BY geo_code
        )
        SELECT s.municipality_atvk_2021, any_value(s.municipality_name_lv) AS municipality_name_lv,
               any_value(s.municipality_name_en) AS municipality_name_en,
               any_value(c.addressed) AS addressed, any_value(c.tracked) AS tracked
               {", " + cells if cells else ""}
        FROM main.{STATUS_HISTORY} AS s
        LEFT JOIN counts AS c ON c.geo_code = s.municipality_atvk_2021
        WHERE s.municipality_atvk_2021 IS NOT NULL AND {in_force} AND {area_sql}
        GROUP BY s.municipality_atvk_2021
        ORDER BY s.municipality_atvk_2021
        """,
        [
            period or latest_period(con, TRACKED),
            *[code for code in codes for _ in STATUS_FIELDS],
            *params,
            *area_params,
        ],
    ).df()


def recommendation_history(
    con: Connection, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """Every status change up to the end of ``period``'s month in the area, newest first, with
    the status it replaced (the first record of a pair has none) and the change's note."""
    area_sql, area_params = _area_filter(_area(geo_code))
    return con.execute(
        f"""
        SELECT {_STATUS}, previous_status, previous_status_name_lv, previous_status_name_en,
               change_number, note
        FROM main.{STATUS_HISTORY}
        WHERE (CAST(? AS DATE) IS NULL OR status_date <= last_day(CAST(? AS DATE)))
          AND {area_sql}
        ORDER BY status_date DESC, municipality_atvk_2021 NULLS FIRST, recommendation_code
        """,
        [period, period, *area_params],
    ).df()
