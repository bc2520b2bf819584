"""roma_monitor.serve.queries for the Regions and Platform pages, on small hand-made tables in
an in-memory DuckDB with the marts' dbt contracts (tests/conftest_snapshot.create_table); the
columns dbt computes (share_of_national, headline_rank, previous_status ...) are given by hand
(the real marts are exercised by the dashboard tests on the sample)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from roma_monitor.serve import queries as q
from tests.conftest_snapshot import SMALL_GEOGRAPHY, SMALL_GEOGRAPHY_COLUMNS, create_table_rows

NOV, DEC = date(2022, 11, 1), date(2022, 12, 1)


@pytest.fixture
def con():
    con = duckdb.connect()
    create_table_rows(con, "dim_geography", SMALL_GEOGRAPHY_COLUMNS, SMALL_GEOGRAPHY)
    create_table_rows(
        con,
        "dim_indicators",
        ["indicator_code", "sam", "agency", "indicator_group", "name_lv", "name_en", "unit",
         "aggregation", "has_target", "has_ethnicity", "measure_rank", "headline_rank"],
        [  # measure_rank and headline_rank as dbt ranks them (IKVD: both targets, then by code)
            ("KM_MEDIATORS", "platform", "KM", "platform", "m", "m", "mediators", "stock", 0, 0,
             5, 1),
            ("SIF_P", "9.1.4.4", "SIF", "participants", "p", "p", "persons", "cumulative", 1, 1,
             1, 1),
            ("IKVD_I", "8.3.4", "IKVD", "entities", "i", "i", "institutions", "cumulative", 1, 0,
             4, 2),
            ("IKVD_P", "8.3.4", "IKVD", "participants", "p", "p", "persons", "cumulative", 0, 1,
             4, 3),
            ("IKVD_EUR", "8.3.4", "IKVD", "finance", "e", "e", "EUR", "cumulative", 1, 0, 4, 1),
        ],
    )  # fmt: skip
    columns = [
        "indicator_code",
        "period",
        "geo_level",
        "geo_code",
        "geo_name_lv",
        "geo_name_en",
        "value",
        "share",
        "target",
        "target_operator",
        "share_of_target",
        "roma_value",
        "roma_value_suppressed",
        "ethnicity_coverage",
        "national_value",
        "share_of_national",
        "is_latest_period",
    ]

    def row(
        code,
        period,
        level,
        geo,
        value,
        roma=None,
        suppressed=False,
        target=None,
        *,
        national=None,
        share_of_national=None,
        latest=True,
    ):
        share_of_target = value / target if target else None
        names = {"LV": "Latvija", "RIGA": "Rīgas", "LATGALE": "Latgales"}
        name = names.get(geo, geo)
        return (
            code, period, level, geo, name, name, value, None, target,
            ">" if target else None, share_of_target, roma, suppressed, 0.6, national,
            share_of_national, latest,
        )  # fmt: skip

    create_table_rows(
        con,
        "fct_indicator_progress",
        columns,
        [
            row("SIF_P", NOV, "country", "LV", 90, 9, target=3000, national=90,
                share_of_national=1.0, latest=False),
            row("SIF_P", DEC, "country", "LV", 100, 10, target=3000, national=100,
                share_of_national=1.0),
            row("SIF_P", DEC, "planning_region", "RIGA", 60, 6, national=100,
                share_of_national=0.6),
            row("SIF_P", DEC, "planning_region", "LATGALE", 40, None, True, national=100,
                share_of_national=0.4),
            row("SIF_P", DEC, "municipality", "0001000", 60, 6, national=100,
                share_of_national=0.6),
            row("SIF_P", DEC, "municipality", "0002000", 40, None, True, national=100,
                share_of_national=0.4),
            # no row for 0006000: the map must grey it out
            row("IKVD_P", DEC, "planning_region", "RIGA", 5),  # no country row: no share
            row("IKVD_I", DEC, "planning_region", "RIGA", 5),
            row("IKVD_EUR", DEC, "country", "LV", 1000, national=1000,
                share_of_national=1.0),  # country only: not mappable
            row("KM_MEDIATORS", NOV, "planning_region", "RIGA", 1, latest=False),
            row("KM_MEDIATORS", NOV, "planning_region", "LATGALE", 2, latest=False),
            row("KM_MEDIATORS", DEC, "planning_region", "RIGA", 1, national=4,
                share_of_national=0.25),
            row("KM_MEDIATORS", DEC, "planning_region", "LATGALE", 3, national=4,
                share_of_national=0.75),
            row("KM_MEDIATORS", DEC, "country", "LV", 4, national=4, share_of_national=1.0),
        ],
    )  # fmt: skip
    create_table_rows(
        con,
        "fct_workshops",
        ["workshop_id", "workshop_date", "city", "topic", "venue_atvk_2021", "venue_name_lv",
         "venue_name_en", "planning_region_code", "planning_region_name_lv",
         "planning_region_name_en", "participants_total",
         "municipalities_represented_2021_count"],
        [
            ("w1", date(2022, 11, 30), "Rīga", "t", "0001000", "Rīga", "Riga", "RIGA", "R", "R",
             21, 2),
            ("w2", date(2022, 12, 31), "Daugavpils", "t", "0002000", "D", "D", "LATGALE", "L",
             "L", 6, 1),
            ("w3", date(2023, 1, 1), "Rēzekne", "t", "0006000", "R", "R", "LATGALE", "L", "L",
             54, 1),
        ],
    )  # fmt: skip
    create_table_rows(
        con,
        "fct_recommendation_status_history",
        [
            "recommendation_code",
            "level",
            "theme_lv",
            "text_lv",
            "text_en",
            "municipality_atvk_2021",
            "municipality_name_lv",
            "municipality_name_en",
            "planning_region_code",
            "status",
            "status_name_lv",
            "status_name_en",
            "counts_as_addressed",
            "status_date",
            "valid_to",
            "change_number",
            "note",
            "previous_status",
            "previous_status_name_lv",
            "previous_status_name_en",
        ],
        [  # previous_status as dbt computes it: the pair's earlier change, none for the first
            ("M01", "municipal", "T", "lv", "en", "0002000", "D", "D", "LATGALE", "planots",
             "Plānots", "Planned", False, date(2022, 1, 5), date(2022, 12, 1), 1, None,
             None, None, None),
            # changed on the first day of December: not yet in force at the end of November
            ("M01", "municipal", "T", "lv", "en", "0002000", "D", "D", "LATGALE", "uzsakts",
             "Uzsākts", "In progress", True, date(2022, 12, 1), None, 2, "started",
             "planots", "Plānots", "Planned"),
            ("M01", "municipal", "T", "lv", "en", "0001000", "R", "R", "RIGA", "istenots",
             "Īstenots", "Implemented", True, date(2022, 3, 1), None, 1, None, None, None,
             None),
            ("N01", "national", "N", "lv", "en", None, None, None, None, "uzsakts",
             "Uzsākts", "In progress", True, date(2022, 2, 1), None, 1, None, None, None,
             None),
        ],
    )  # fmt: skip
    yield con
    con.close()


# --- regions ---------------------------------------------------------------------------------


def test_map_indicators_only_mappable_headline_first(con) -> None:
    everything = q.map_indicators(con)
    codes = list(everything["indicator_code"])
    assert "IKVD_EUR" not in codes  # published for the country only
    assert codes == ["SIF_P", "IKVD_I", "IKVD_P", "KM_MEDIATORS"]  # report order
    ikvd = q.map_indicators(con, "8.3.4")
    # as on the measure page: an indicator with a target is the headline, then participants
    assert list(ikvd["indicator_code"]) == ["IKVD_I", "IKVD_P"]
    assert q.headline_indicator(ikvd, "8.3.4") == "IKVD_I"
    assert q.headline_indicator(everything) == "SIF_P"  # the first measure's headline
    assert q.headline_indicator(everything, "unknown") == "SIF_P"
    assert q.headline_indicator(everything.iloc[0:0]) is None


def test_region_map_figures_keep_areas_without_data(con) -> None:
    figures = q.region_map_figures(con, "SIF_P", "municipality")
    assert list(figures["geo_code"]) == ["0001000", "0002000", "0006000"]
    assert list(figures["has_data"]) == [True, True, False]
    assert figures["period"].iloc[0].date() == DEC  # the indicator's latest month
    riga, daugavpils, rezekne = figures.to_dict("records")
    assert riga["value"] == 60 and riga["share_of_national"] == pytest.approx(0.6)
    assert riga["roma_value"] == 6 and not riga["roma_value_suppressed"]
    assert daugavpils["roma_value"] != daugavpils["roma_value"]  # NULL, never recomputed
    assert daugavpils["roma_value_suppressed"]
    assert rezekne["value"] != rezekne["value"]
    assert list(figures["planning_region_code"]) == ["RIGA", "LATGALE", "LATGALE"]


def test_region_map_figures_at_a_period_and_level(con) -> None:
    regions = q.region_map_figures(con, "SIF_P", "planning_region", NOV)
    assert list(regions["geo_code"]) == ["RIGA", "LATGALE"]
    assert not regions["has_data"].any()
    with pytest.raises(ValueError):
        q.region_map_figures(con, "SIF_P", "country")
    assert q.region_map_figures(con, "NO_SUCH", "municipality").empty


def test_area_figures_for_the_country_carry_the_target(con) -> None:
    (country,) = q.area_figures(con, "SIF_P", "LV").to_dict("records")
    assert country["value"] == 100 and country["share_of_national"] == 1
    assert country["target"] == 3000 and country["share_of_target"] == pytest.approx(1 / 30)
    (november,) = q.area_figures(con, "SIF_P", "LV", NOV).to_dict("records")
    assert november["value"] == 90
    assert q.area_figures(con, "SIF_P", "NOWHERE").empty


# --- platform --------------------------------------------------------------------------------


def test_workshops_up_to_the_month_end_and_by_area(con) -> None:
    assert list(q.workshops(con)["workshop_id"]) == ["w1", "w2", "w3"]
    # a snapshot from before the English topics: the column is there, empty
    assert q.workshops(con)["topic_en"].isna().all()
    assert list(q.workshops(con, NOV)["workshop_id"]) == ["w1"]
    assert list(q.workshops(con, DEC)["workshop_id"]) == ["w1", "w2"]  # 31 December counts
    assert list(q.workshops(con, None, "LATGALE")["workshop_id"]) == ["w2", "w3"]
    assert list(q.workshops(con, None, "0006000")["workshop_id"]) == ["w3"]
    assert list(q.workshops(con, None, "LV")["workshop_id"]) == ["w1", "w2", "w3"]


def test_series_by_region_for_the_country_or_one_area(con) -> None:
    country = q.indicator_series_by_area(con, "KM_MEDIATORS")
    assert len(country) == 4 and set(country["geo_code"]) == {"RIGA", "LATGALE"}
    latgale = q.indicator_series_by_area(con, "KM_MEDIATORS", "LATGALE")
    assert list(latgale["value"]) == [2, 3]
    assert list(q.indicator_series_by_area(con, "KM_MEDIATORS", "LATGALE", NOV)["value"]) == [2]


def test_recommendation_status_as_of_the_month_end(con) -> None:
    current = q.recommendation_status(con)
    assert list(current["recommendation_code"]) == ["N01", "M01", "M01"]  # national first
    november = q.recommendation_status(con, NOV)
    daugavpils = november[november["municipality_atvk_2021"] == "0002000"]
    assert list(daugavpils["status"]) == ["planots"]
    december = q.recommendation_status(con, DEC)
    daugavpils = december[december["municipality_atvk_2021"] == "0002000"]
    assert list(daugavpils["status"]) == ["uzsakts"]
    latgale = q.recommendation_status(con, DEC, "LATGALE")
    assert list(latgale["municipality_atvk_2021"]) == ["0002000"]  # no national ones
    assert q.recommendation_status(con, date(2021, 12, 1)).empty


def test_recommendation_history_newest_first_with_previous_status(con) -> None:
    history = q.recommendation_history(con)
    assert [d.date() for d in history["status_date"]] == [
        date(2022, 12, 1),
        date(2022, 3, 1),
        date(2022, 2, 1),
        date(2022, 1, 5),
    ]
    latest = history.iloc[0]
    assert latest["previous_status"] == "planots" and latest["status"] == "uzsakts"
    assert latest["previous_status_name_en"] == "Planned" and latest["note"] == "started"
    assert pd.isna(history.iloc[-1]["previous_status"])
    assert len(q.recommendation_history(con, NOV)) == 3
    assert set(q.recommendation_history(con, None, "0002000")["change_number"]) == {1, 2}
    assert list(q.recommendation_list(con)["recommendation_code"]) == ["M01", "N01"]
