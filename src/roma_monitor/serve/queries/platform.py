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
    PLANNING_REGION,
    PROGRESS,
    Connection,
    empty_frame,
)

__all__ = [
    "HISTORY_COLUMNS",
    "PARTICIPANT_TYPES",
    "PARTICIPANT_TYPE_COLUMNS",
    "RECOMMENDATION_COLUMNS",
    "SERIES_BY_AREA_COLUMNS",
    "STATUS_COLUMNS",
    "STATUS_HISTORY",
    "WORKSHOPS",
    "WORKSHOP_COLUMNS",
    "indicator_series_by_area",
    "participants_by_type",
    "recommendation_history",
    "recommendation_list",
    "recommendation_status",
    "workshops",
]

WORKSHOPS = "fct_workshops"
STATUS_HISTORY = "fct_recommendation_status_history"
COUNTRY_CODE = "LV"

# The parties a workshop participant represented, in the report's order ("Ievads").
PARTICIPANT_TYPES = (
    "municipality",
    "social_service",
    "nva",
    "education",
    "roma_community",
    "ngo",
)
WORKSHOP_COLUMNS = [
    "workshop_id",
    "workshop_date",
    "city",
    "topic",
    "topic_en",
    "venue_atvk_2021",
    "venue_name_lv",
    "venue_name_en",
    "planning_region_code",
    "planning_region_name_lv",
    "planning_region_name_en",
    *(f"participants_{kind}" for kind in PARTICIPANT_TYPES),
    "participants_total",
    "municipalities_represented_2021_count",
]
PARTICIPANT_TYPE_COLUMNS = ["participant_type", "participants"]
SERIES_BY_AREA_COLUMNS = ["period", "geo_code", "geo_name_lv", "geo_name_en", "value"]
RECOMMENDATION_COLUMNS = [
    "recommendation_code",
    "level",
    "theme_lv",
    "theme_en",
    "text_lv",
    "text_en",
]
STATUS_COLUMNS = [
    "recommendation_code",
    "level",
    "municipality_atvk_2021",
    "municipality_name_lv",
    "municipality_name_en",
    "planning_region_code",
    "status",
    "status_name_lv",
    "status_name_en",
    "counts_as_addressed",
    "status_date",
]
HISTORY_COLUMNS = [
    "status_date",
    "recommendation_code",
    "level",
    "municipality_atvk_2021",
    "municipality_name_lv",
    "municipality_name_en",
    "planning_region_code",
    "previous_status",
    "previous_status_name_lv",
    "previous_status_name_en",
    "status",
    "status_name_lv",
    "status_name_en",
    "counts_as_addressed",
    "change_number",
    "note",
]


def _area(geo_code: str | None) -> str | None:
    return None if geo_code in (None, "", COUNTRY_CODE) else geo_code


def workshops(
    con: Connection | None, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """The workshops held up to the end of ``period``'s month (all if None) at a venue in the
    area, oldest first (``WORKSHOP_COLUMNS``)."""
    if con is None:
        return empty_frame(WORKSHOP_COLUMNS)
    area = _area(geo_code)
    columns = ", ".join(
        f"CAST({name} AS BIGINT) AS {name}"
        if name.startswith("participants_") or name.endswith("_count")
        else name
        for name in WORKSHOP_COLUMNS
    )
    params: list[Any] = [period, period, area, area, area]
    return con.execute(
        f"""
        SELECT {columns}
        FROM main.{WORKSHOPS}
        WHERE (CAST(? AS DATE) IS NULL OR workshop_date <= last_day(CAST(? AS DATE)))
          AND (CAST(? AS VARCHAR) IS NULL OR planning_region_code = ? OR venue_atvk_2021 = ?)
        ORDER BY workshop_date, workshop_id
        """,
        params,
    ).df()


def participants_by_type(
    con: Connection | None, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """Workshop attendances up to ``period`` in the area, summed per participant type, in
    ``PARTICIPANT_TYPES`` order (``PARTICIPANT_TYPE_COLUMNS``); none when no workshop matches."""
    if con is None:
        return empty_frame(PARTICIPANT_TYPE_COLUMNS)
    area = _area(geo_code)
    sums = ", ".join(
        f"CAST(sum(participants_{kind}) AS BIGINT) AS {kind}" for kind in PARTICIPANT_TYPES
    )
    row = con.execute(
        f"""
        SELECT count(*), {sums}
        FROM main.{WORKSHOPS}
        WHERE (CAST(? AS DATE) IS NULL OR workshop_date <= last_day(CAST(? AS DATE)))
          AND (CAST(? AS VARCHAR) IS NULL OR planning_region_code = ? OR venue_atvk_2021 = ?)
        """,
        [period, period, area, area, area],
    ).fetchone()
    if not row or not row[0]:
        return empty_frame(PARTICIPANT_TYPE_COLUMNS)
    return pd.DataFrame(
        {
            "participant_type": list(PARTICIPANT_TYPES),
            "participants": [int(v or 0) for v in row[1:]],
        }
    )


def indicator_series_by_area(
    con: Connection | None,
    indicator_code: str,
    geo_code: str | None = None,
    period: date | None = None,
) -> pd.DataFrame:
    """Monthly values of one indicator up to ``period``: for the whole country one series per
    planning region (they add up to the national value), else the one series of the area
    (``SERIES_BY_AREA_COLUMNS``), oldest first."""
    if con is None:
        return empty_frame(SERIES_BY_AREA_COLUMNS)
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


def recommendation_list(con: Connection | None) -> pd.DataFrame:
    """The tracked recommendations (national N…, municipal M…) with their short theme and
    text, by code."""
    if con is None:
        return empty_frame(RECOMMENDATION_COLUMNS)
    return con.execute(
        f"SELECT DISTINCT {', '.join(RECOMMENDATION_COLUMNS)} FROM main.{STATUS_HISTORY} "
        "ORDER BY recommendation_code"
    ).df()


def _area_filter(area: str | None) -> tuple[str, list[Any]]:
    """National recommendations (no municipality) belong to the country only."""
    if area is None:
        return "true", []
    return "(planning_region_code = ? OR municipality_atvk_2021 = ?)", [area, area]


def recommendation_status(
    con: Connection | None, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """Each recommendation × municipality pair's status at the end of ``period``'s month (the
    current status if None), for the area; pairs with no status yet are left out
    (``STATUS_COLUMNS``), ordered by municipality then recommendation."""
    if con is None:
        return empty_frame(STATUS_COLUMNS)
    area_sql, area_params = _area_filter(_area(geo_code))
    return con.execute(
        f"""
        SELECT {", ".join(STATUS_COLUMNS)}
        FROM main.{STATUS_HISTORY}
        WHERE CASE WHEN CAST(? AS DATE) IS NULL THEN valid_to IS NULL
                   ELSE status_date <= last_day(CAST(? AS DATE))
                        AND (valid_to IS NULL OR valid_to > last_day(CAST(? AS DATE)))
              END
          AND {area_sql}
        ORDER BY municipality_atvk_2021 NULLS FIRST, recommendation_code
        """,
        [period, period, period, *area_params],
    ).df()


def recommendation_history(
    con: Connection | None, period: date | None = None, geo_code: str | None = None
) -> pd.DataFrame:
    """Every status change up to the end of ``period``'s month in the area, newest first, with
    the status it replaced (``HISTORY_COLUMNS``; the first record of a pair has none)."""
    if con is None:
        return empty_frame(HISTORY_COLUMNS)
    area_sql, area_params = _area_filter(_area(geo_code))
    return con.execute(
        f"""
        SELECT {", ".join(HISTORY_COLUMNS)}
        FROM main.{STATUS_HISTORY}
        WHERE (CAST(? AS DATE) IS NULL OR status_date <= last_day(CAST(? AS DATE)))
          AND {area_sql}
        ORDER BY status_date DESC, municipality_atvk_2021 NULLS FIRST, recommendation_code
        """,
        [period, period, *area_params],
    ).df()
