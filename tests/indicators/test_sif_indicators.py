"""SIF 9.1.4.4 on the hand-made fixture (tests/indicators/fixture_sif.py): every expected value
is counted by hand from the fixture's docstring. It holds the two cases of issue 15's defects 1
and 2: a latest extract that adds no unit, and a set in which no Roma cell needs withholding."""

from __future__ import annotations

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.ingest.load import load_extract
from roma_monitor.settings import Paths
from tests.indicators import fixture_sif
from tests.indicators.conftest import value_of

PARTICIPANTS = "SIF_9144_PARTICIPANTS"


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2021-12-01", 0), ("2022-01-01", 6), ("2022-02-01", 10), ("2022-03-01", 10)],
)
def test_participants_are_counted_once_at_entry(warehouse_query, period, expected):
    for area in ("LV", "LATGALE", "0002000"):
        assert value_of(warehouse_query, PARTICIPANTS, period, area) == expected


def test_the_series_ends_at_the_latest_extract_even_when_it_adds_no_unit(warehouse_query):
    rows = warehouse_query(
        "select max(period) from marts.fct_indicator_values where indicator_code = ?",
        [PARTICIPANTS],
    )
    assert str(rows[0][0]) == "2022-03-01"


def test_the_status_of_the_latest_month_counts_the_months_left_from_it(warehouse_query):
    rows = warehouse_query(
        "select period, value, months_remaining, needed_pace_per_month "
        "from marts.fct_indicator_status where indicator_code = ? and is_latest_period",
        [PARTICIPANTS],
    )
    assert len(rows) == 1
    period, value, remaining, needed = rows[0]
    assert (str(period), value, remaining) == ("2022-03-01", 10, 9)
    assert needed == pytest.approx((3000 - 10) / 9)


def test_every_month_has_its_own_status(warehouse_query):
    rows = warehouse_query(
        "select period, months_remaining, is_latest_period from marts.fct_indicator_status "
        "where indicator_code = ? and period in ('2022-01-01', '2022-02-01') order by period",
        [PARTICIPANTS],
    )
    assert [(str(p), m, latest) for p, m, latest in rows] == [
        ("2022-01-01", 11, False),
        ("2022-02-01", 10, False),
    ]


def test_three_roma_of_ten_are_published_rounded_to_five(warehouse_query):
    rows = warehouse_query(
        "select geo_code, value, is_rounded, is_suppressed from marts.fct_indicator_values "
        "where indicator_code = ? and breakdown = 'ethnicity' and period = '2022-03-01' "
        "and geo_code in ('LV', 'LATGALE', '0002000') order by geo_code",
        [PARTICIPANTS],
    )
    assert rows == [
        ("0002000", 5, True, False),
        ("LATGALE", 5, True, False),
        ("LV", 5, True, False),
    ]


def test_a_set_with_no_cell_to_withhold_builds_and_publishes(tmp_path):
    """Defect 2: with no Roma cell withheld, the disclosure model's rule column was all NULL,
    DuckDB typed it NULL, and `dbt build` failed; nothing was published."""
    paths = Paths(tmp_path / "home").ensure()
    for path in fixture_sif.write_extracts(tmp_path / "extracts"):
        load_extract(path, contract_for_file("sif", path.name), paths)
    pipeline.dbt_build(paths)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        withheld = con.execute(
            "select count(*) filter (where withheld_reason is not null), count(*) "
            "from intermediate.int_roma_cell_disclosure"
        ).fetchone()
        types = dict(
            con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_name = 'int_roma_cell_disclosure'"
            ).fetchall()
        )
        published = con.execute(
            "select value from marts.fct_indicator_values where indicator_code = ? "
            "and breakdown = 'ethnicity' and geo_code = 'LV' and period = '2022-03-01'",
            [PARTICIPANTS],
        ).fetchone()
    assert withheld[0] == 0 and withheld[1] > 0
    assert types["withheld_reason"] == "VARCHAR"
    assert types["period"] == "DATE"
    assert published == (5,)
