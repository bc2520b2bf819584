"""roma_monitor.serve.queries for the Platform page's figures that dbt computes (participants by
party, the municipality with the most workshops, the status matrix and its counts, mediators by
area), on small hand-made tables in an in-memory DuckDB with the marts' dbt contracts: the
columns dbt computes (as_of_month, valid_to, the ranks, the published counts) are given by hand."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from roma_monitor.serve import queries as q
from tests.conftest_snapshot import SMALL_GEOGRAPHY, SMALL_GEOGRAPHY_COLUMNS, create_table_rows

OCT, NOV, DEC = date(2022, 10, 1), date(2022, 11, 1), date(2022, 12, 1)


@pytest.fixture
def con():
    con = duckdb.connect()
    create_table_rows(con, "dim_geography", SMALL_GEOGRAPHY_COLUMNS, SMALL_GEOGRAPHY)
    # two parties only; a workshop in Rīga in November, one in Daugavpils in December
    create_table_rows(
        con,
        "fct_workshop_participants_by_type",
        ["as_of_month", "valid_to", "geo_code", "participant_type", "type_order",
         "participants", "participants_rank"],
        [
            (NOV, DEC, "LV", "ngo", 6, 3, 1),
            (NOV, DEC, "LV", "municipality", 1, 1, 2),
            (DEC, None, "LV", "ngo", 6, 3, 2),
            (DEC, None, "LV", "municipality", 1, 5, 1),
            (NOV, DEC, "RIGA", "ngo", 6, 3, 1),
            (NOV, DEC, "RIGA", "municipality", 1, 1, 2),
            (DEC, None, "RIGA", "ngo", 6, 3, 1),
            (DEC, None, "RIGA", "municipality", 1, 1, 2),
        ],
    )  # fmt: skip
    create_table_rows(
        con,
        "fct_workshop_area_totals",
        ["as_of_month", "valid_to", "geo_level", "geo_code", "geo_name_lv", "geo_name_en",
         "workshops", "participants", "workshops_rank"],
        [
            (NOV, DEC, "municipality", "0001000", "Rīga", "Riga", 1, 4, 1),
            (DEC, None, "municipality", "0001000", "Rīga", "Riga", 1, 4, 2),
            (DEC, None, "municipality", "0002000", "Daugavpils", "Daugavpils", 2, 8, 1),
            (DEC, None, "country", "LV", "Latvija", "Latvia", 3, 12, 1),
        ],
    )  # fmt: skip
    create_table_rows(
        con,
        "fct_indicator_progress",
        ["indicator_code", "period", "geo_level", "geo_code", "value"],
        [
            ("KM_MEDIATORS", NOV, "planning_region", "LATGALE", 2),
            ("KM_MEDIATORS", DEC, "planning_region", "RIGA", 1),
            ("KM_MEDIATORS", DEC, "planning_region", "LATGALE", 3),
            ("KM_MEDIATORS", DEC, "municipality", "0002000", 2),
            ("KM_MEDIATORS", DEC, "municipality", "0006000", 1),
            ("KM_RECOMMENDATIONS_TRACKED", NOV, "municipality", "0002000", 2),
            ("KM_RECOMMENDATIONS_ADDRESSED", NOV, "municipality", "0002000", 0),
            ("KM_RECOMMENDATIONS_TRACKED", DEC, "municipality", "0002000", 2),
            ("KM_RECOMMENDATIONS_ADDRESSED", DEC, "municipality", "0002000", 1),
            ("KM_RECOMMENDATIONS_TRACKED", DEC, "municipality", "0001000", 1),
            ("KM_RECOMMENDATIONS_ADDRESSED", DEC, "municipality", "0001000", 1),
        ],
    )
    create_table_rows(
        con,
        "fct_recommendation_status_history",
        ["recommendation_code", "level", "municipality_atvk_2021", "municipality_name_lv",
         "municipality_name_en", "planning_region_code", "status", "status_name_lv",
         "status_name_en", "status_date", "valid_to"],
        [
            ("M01", "municipal", "0002000", "Daugavpils", "Daugavpils", "LATGALE", "planots",
             "Plānots", "Planned", date(2022, 1, 5), DEC),
            ("M01", "municipal", "0002000", "Daugavpils", "Daugavpils", "LATGALE", "uzsakts",
             "Uzsākts", "In progress", DEC, None),
            ("M02", "municipal", "0002000", "Daugavpils", "Daugavpils", "LATGALE",
             "nav_uzsakts", "Nav uzsākts", "Not started", date(2022, 2, 1), None),
            ("M01", "municipal", "0001000", "Rīga", "Riga", "RIGA", "istenots", "Īstenots",
             "Implemented", date(2022, 3, 1), None),
            ("N01", "national", None, None, None, None, "uzsakts", "Uzsākts", "In progress",
             date(2022, 2, 1), None),
        ],
    )  # fmt: skip
    yield con
    con.close()


def types(frame) -> list[tuple]:
    return list(frame[["participant_type", "participants", "participants_rank"]].itertuples(
        index=False, name=None))  # fmt: skip


def test_participants_by_party_as_of_the_month_in_the_report_order(con) -> None:
    assert types(q.participants_by_type(con)) == [("municipality", 5, 1), ("ngo", 3, 2)]
    assert types(q.participants_by_type(con, NOV)) == [("municipality", 1, 2), ("ngo", 3, 1)]
    assert types(q.participants_by_type(con, date(2023, 5, 1), "LV")) == types(
        q.participants_by_type(con)
    )
    assert types(q.participants_by_type(con, DEC, "RIGA")) == [
        ("municipality", 1, 2),
        ("ngo", 3, 1),
    ]
    assert q.participants_by_type(con, OCT).empty  # before the first workshop
    assert q.participants_by_type(con, None, "LATGALE").empty  # no workshop there


def test_the_municipality_with_the_most_workshops(con) -> None:
    (now,) = q.top_workshop_venue(con).to_dict("records")
    assert (now["geo_code"], now["geo_name_en"], now["workshops"]) == ("0002000", "Daugavpils", 2)
    assert list(q.top_workshop_venue(con, NOV)["geo_code"]) == ["0001000"]
    assert q.top_workshop_venue(con, OCT).empty


def test_mediators_by_region_or_in_the_selected_area(con) -> None:
    country = q.mediators_by_area(con)  # the latest month, December
    assert list(zip(country["geo_code"], country["value"], strict=True)) == [
        ("RIGA", 1),
        ("LATGALE", 3),
    ]
    latgale = q.mediators_by_area(con, DEC, "LATGALE")
    assert list(zip(latgale["geo_code"], latgale["value"], strict=True)) == [
        ("0002000", 2),
        ("0006000", 1),
    ]
    assert list(q.mediators_by_area(con, None, "0006000")["geo_code"]) == ["0006000"]
    november = q.mediators_by_area(con, NOV)
    assert november["value"].isna().tolist() == [True, False]  # Rīga had no figure yet


def test_status_matrix_one_row_per_municipality_with_its_counts(con) -> None:
    status = ["M01_status", "M02_status"]
    november = q.recommendation_matrix(con, NOV).set_index("municipality_atvk_2021")
    assert list(november.index) == ["0001000", "0002000"]  # no national row
    assert november.loc["0002000", status].tolist() == ["planots", "nav_uzsakts"]
    assert november.loc["0002000", ["tracked", "addressed"]].tolist() == [2, 0]
    assert november.loc["0001000", "M01_status"] == "istenots"
    assert november.loc["0001000", ["M02_status", "tracked"]].isna().all()  # none in November
    now = q.recommendation_matrix(con).set_index("municipality_atvk_2021")
    assert now.loc["0002000", ["M01_status", "M01_status_name_en", "addressed"]].tolist() == [
        "uzsakts",
        "In progress",
        1,
    ]
    latgale = q.recommendation_matrix(con, DEC, "LATGALE")
    assert list(latgale["municipality_atvk_2021"]) == ["0002000"]
    assert list(latgale.columns) == [
        *["municipality_atvk_2021", "municipality_name_lv", "municipality_name_en"],
        *["addressed", "tracked"],
        *(f"{code}_{field}" for code in ("M01", "M02") for field in q.STATUS_FIELDS),
    ]
    assert q.recommendation_matrix(con, date(2021, 12, 1)).empty
