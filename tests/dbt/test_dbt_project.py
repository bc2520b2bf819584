"""The dbt project end to end: a tiny hand-made warehouse, the real `dbt build`, hand-counted
expectations on the published mart.

The extracts (SIF, ESF SAM 9.1.4.4), one per reporting month:

    2017-07  P1 Rīga (old code 0010000), ethnicity "cita"
    2017-08  P1 moved to Daugavpils (0050000);
             P2 enters in Inčukalna novads (0801800), "nav norādīta"
    2017-09  first file: P1, P2 and P5 (Jelgava 0090000, "romu")
    2017-09  corrected file, loaded later: P1, P2 only -> P5 never existed
    2021-08  P3 enters in Daugavpils (ATVK 2021 0002000), "romu"; P2 now in Sigulda (0048000)
    2021-09  P3; P4 enters in Jelgava (0003000), "cita"

Counted once, at entry, in the ATVK 2021 municipality of entry: P1 Rīga (RIGA), P2 Sigulda
(RIGA; Inčukalna's primary successor), P3 Daugavpils (LATGALE), P4 Jelgava (ZEMGALE).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.contracts.sif import SIF
from roma_monitor.settings import Paths
from roma_monitor.warehouse import ensure_schema
from tests.conftest_snapshot import contract_schema


def key(name: str) -> str:
    return hashlib.sha256(f"participant {name}".encode()).hexdigest()


# participant -> (sex, birth_year)
PEOPLE = {
    "P1": ("V", 1980),
    "P2": ("S", 1975),
    "P3": ("S", 1990),
    "P4": ("V", 2000),
    "P5": ("S", 1985),
}

# (file name, loaded at, reporting month, [(participant, municipality_atvk, ethnicity)])
EXTRACTS = [
    (
        "SIF_9144_201707.csv",
        datetime(2017, 8, 10, 9),
        date(2017, 7, 1),
        [("P1", "0010000", "cita")],
    ),
    (
        "SIF_9144_201708.csv",
        datetime(2017, 9, 10, 9),
        date(2017, 8, 1),
        [("P1", "0050000", "cita"), ("P2", "0801800", "nav norādīta")],
    ),
    (
        "SIF_9144_201709.csv",
        datetime(2017, 10, 10, 9),
        date(2017, 9, 1),
        [("P1", "0050000", "cita"), ("P2", "0801800", "nav norādīta"), ("P5", "0090000", "romu")],
    ),
    (
        "SIF_9144_201709.csv",
        datetime(2017, 10, 20, 9),
        date(2017, 9, 1),  # the correction
        [("P1", "0050000", "cita"), ("P2", "0801800", "nav norādīta")],
    ),
    (
        "SIF_9144_202108.csv",
        datetime(2021, 9, 10, 9),
        date(2021, 8, 1),
        [("P3", "0002000", "romu"), ("P2", "0048000", "nav norādīta")],
    ),
    (
        "SIF_9144_202109.csv",
        datetime(2021, 10, 10, 9),
        date(2021, 9, 1),
        [("P3", "0002000", "romu"), ("P4", "0003000", "cita")],
    ),
]


def build_warehouse(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        ensure_schema(con)  # every contract's raw table and the audit table
        for load_id, (file_name, loaded_at, month, rows) in enumerate(EXTRACTS, start=1):
            sha = hashlib.sha256(f"{file_name} {loaded_at}".encode()).hexdigest()
            con.executemany(
                f"INSERT INTO {SIF.raw_table} VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        month,
                        key(person),
                        atvk,
                        "—",
                        PEOPLE[person][0],
                        PEOPLE[person][1],
                        "etniskā piederība",
                        ethnicity,
                        date(2017, 7, 3),
                        None,
                        "MOT|IND",
                        10.5,
                        sha,
                        file_name,
                        row_number,
                        loaded_at,
                    )
                    for row_number, (person, atvk, ethnicity) in enumerate(rows, start=1)
                ],
            )
            con.execute(
                "INSERT INTO audit.extract_loads (load_id, source, dataset, file_name, sha256, "
                "reporting_period, rows, status, started_at, finished_at, duration_s, message, "
                "report_path, checks_run, report_markdown, period_end_month) "
                "VALUES (?, 'sif', 'sif_participant_months', "
                "?, ?, ?, ?, 'loaded', ?, ?, 1.0, 'loaded', 'reports/x.md', NULL, NULL, ?)",
                [
                    str(load_id),
                    file_name,
                    sha,
                    f"{month:%Y-%m}",
                    len(rows),
                    loaded_at,
                    loaded_at,
                    month.replace(day=1),
                ],  # fmt: skip
            )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = Paths(tmp_path_factory.mktemp("dbt")).ensure()
    build_warehouse(paths.warehouse)
    pipeline.dbt_build(paths)  # the pipeline's own runner: dbt in a subprocess, raises on failure
    return paths


@pytest.fixture(scope="module")
def warehouse(built: Paths) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(built.warehouse), read_only=True)
    yield con
    con.close()


def progress(con, geo_code: str, period: str) -> dict:
    cursor = con.execute(
        "SELECT * FROM marts.fct_indicator_progress "
        "WHERE indicator_code = 'SIF_9144_PARTICIPANTS' AND geo_code = ? AND period = ?",
        [geo_code, date.fromisoformat(period)],
    )
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    assert len(rows) == 1, (geo_code, period, rows)
    return dict(zip(names, rows[0], strict=True))


def test_one_row_per_month_and_geography(warehouse):
    counts = dict(
        warehouse.execute(
            "SELECT geo_level, count(*) FROM marts.fct_indicator_progress GROUP BY geo_level"
        ).fetchall()
    )
    months = 51  # 2017-07 (measure start) .. 2021-09 (latest loaded reporting month)
    assert counts == {"country": months, "planning_region": 5 * months, "municipality": 43 * months}


def test_published_marts_have_exactly_their_contract(warehouse):
    """The contracts are enforced: every published mart has its contract's columns, in its
    order, with its types (the hand-made test snapshots are built from the same contracts)."""
    marts = {
        name: columns
        for name, columns in contract_schema().items()
        if name.startswith(("fct_", "dim_"))
    }
    assert {"fct_indicator_progress", "dim_indicators", "fct_workshops"} <= set(marts)
    for name, columns in marts.items():
        described = warehouse.execute(f"DESCRIBE marts.{name}").fetchall()
        assert [(row[0], row[1].lower()) for row in described] == list(columns.items()), name
    progress_columns = list(marts["fct_indicator_progress"])
    assert progress_columns[progress_columns.index("value") :][:3] == [
        "value",
        "national_value",
        "share_of_national",
    ]


def test_regions_share_of_the_national_value(warehouse):
    # 2021-09: 4 participants in Latvia; Rīga 2, Latgale 1, Zemgale 1 (see the module's story)
    expected = {"LV": 1.0, "RIGA": 0.5, "LATGALE": 0.25, "ZEMGALE": 0.25, "VIDZEME": 0.0}
    for geo_code, share in expected.items():
        row = progress(warehouse, geo_code, "2021-09-01")
        assert row["national_value"] == 4, geo_code
        assert row["share_of_national"] == share, geo_code
        assert row["is_latest_period"] is True
    assert progress(warehouse, "RIGA", "2017-08-01")["share_of_national"] == 1.0  # 2 of 2
    assert progress(warehouse, "RIGA", "2017-08-01")["is_latest_period"] is False


def test_country_cumulative_counts_and_target(warehouse):
    expected = {  # period: (value, value_in_period, ethnicity_coverage)
        "2017-07-01": (1, 1, 1.0),
        "2017-08-01": (2, 1, 0.5),
        "2017-09-01": (2, 0, 0.5),  # P5 was only in the superseded file
        "2021-07-01": (2, 0, 0.5),
        "2021-08-01": (3, 1, 2 / 3),
        "2021-09-01": (4, 1, 0.75),
    }
    for period, (value, new, coverage) in expected.items():
        row = progress(warehouse, "LV", period)
        assert (row["value"], row["value_in_period"]) == (value, new), period
        assert row["ethnicity_coverage"] == pytest.approx(coverage), period
        assert (row["target"], row["target_operator"], row["target_date"]) == (
            3000,
            ">",
            date(2022, 12, 31),
        )
        assert row["share_of_target"] == pytest.approx(value / 3000)

    first = progress(warehouse, "LV", "2017-07-01")
    assert first["expected_to_date"] == pytest.approx(3000 / 66)
    assert first["on_track"] is False
    assert first["geo_level"] == "country" and first["parent_geo_code"] is None
    # 2021-07 is month 49 of the 66 from 2017-07 to 2022-12
    assert progress(warehouse, "LV", "2021-07-01")["expected_to_date"] == pytest.approx(
        3000 * 49 / 66
    )


def test_regions_count_at_entry_in_2021_municipality(warehouse):
    expected = {  # (region, period): value
        ("RIGA", "2017-07-01"): 1,  # P1 in Rīga
        ("RIGA", "2017-08-01"): 2,  # + P2 in Inčukalna -> Sigulda
        ("LATGALE", "2017-09-01"): 0,  # P1 moved to Daugavpils but counts where he entered
        ("ZEMGALE", "2017-09-01"): 0,  # P5 (Jelgava) superseded
        ("RIGA", "2021-09-01"): 2,
        ("LATGALE", "2021-09-01"): 1,
        ("ZEMGALE", "2021-09-01"): 1,
        ("VIDZEME", "2021-09-01"): 0,
        ("KURZEME", "2021-09-01"): 0,
    }
    for (region, period), value in expected.items():
        row = progress(warehouse, region, period)
        assert row["value"] == value, (region, period)
        assert row["geo_level"] == "planning_region" and row["parent_geo_code"] == "LV"
        assert row["target"] is None and row["expected_to_date"] is None
        assert row["on_track"] is None

    municipalities = {"0001000": 1, "0048000": 1, "0044000": 0, "0002000": 1, "0003000": 1}
    for atvk, value in municipalities.items():
        assert progress(warehouse, atvk, "2021-09-01")["value"] == value, atvk
    assert progress(warehouse, "0048000", "2017-08-01")["parent_geo_code"] == "RIGA"


def test_small_roma_counts_are_suppressed(warehouse):
    for geo_code in ("LV", "LATGALE", "0002000"):
        row = progress(warehouse, geo_code, "2021-09-01")
        assert row["roma_value"] is None, geo_code  # 1 Roma participant (P3)
        assert row["roma_value_suppressed"] is True, geo_code
    for geo_code, period in (("LV", "2017-09-01"), ("RIGA", "2021-09-01")):
        row = progress(warehouse, geo_code, period)
        assert (row["roma_value"], row["roma_value_suppressed"]) == (0, False)


def test_coverage_is_null_where_nobody_entered(warehouse):
    row = progress(warehouse, "VIDZEME", "2021-09-01")
    assert row["value"] == 0 and row["ethnicity_coverage"] is None
    assert progress(warehouse, "RIGA", "2021-09-01")["ethnicity_coverage"] == pytest.approx(0.5)


def test_participants_at_entry(warehouse):
    rows = warehouse.execute(
        "SELECT entry_month, municipality_atvk_2021, planning_region_code, ethnicity_at_entry, sex "
        "FROM intermediate.int_sif__participants_at_entry ORDER BY entry_month, participant_key"
    ).fetchall()
    assert sorted(rows) == sorted(
        [
            (date(2017, 7, 1), "0001000", "RIGA", "other", "male"),
            (date(2017, 8, 1), "0048000", "RIGA", "not_stated", "female"),
            (date(2021, 8, 1), "0002000", "LATGALE", "roma", "female"),
            (date(2021, 9, 1), "0003000", "ZEMGALE", "other", "male"),
        ]
    )


def test_models_land_in_unprefixed_schemas(warehouse):
    schemas = {
        r[0]
        for r in warehouse.execute(
            "SELECT DISTINCT table_schema FROM information_schema.tables"
        ).fetchall()
    }
    assert {"reference", "staging", "intermediate", "marts"} <= schemas
    atvk_type = warehouse.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = 'reference' "
        "AND table_name = 'ref_municipalities_2021' AND column_name = 'atvk_2021'"
    ).fetchone()
    assert atvk_type == ("VARCHAR",)


# The tables whose column rules are one valid_columns test each (one scan): the 11 raw tables of
# the agencies' datasets (sif 1, nva 2, jspa 2, ikvd 3, km 3; generated from the contracts), the
# 6 participant staging models and the 5 participant `*_current` models, and since 8.12.2026 the
# 39 other models that had a not_null or accepted_values test on a column, and since 8.12.2026 the
# 2 models of the incremental flows (int_indicator_units_by_period, int_indicator_flows).
VALID_COLUMNS_TESTS = 11 + 6 + 5 + 39 + 2


def test_one_table_test_still_fails_on_each_broken_column(built, warehouse):
    """The column rules of a large table run as one test (tests/generic/valid_columns.sql): each
    rule still fails it alone, and the failure names its column. Run as dbt compiled it, on an
    empty copy of the table with one broken row."""
    manifest = json.loads((built.home / "dbt" / "target" / "manifest.json").read_text())
    relations = {**manifest["nodes"], **manifest["sources"]}
    tests = [
        node
        for node in manifest["nodes"].values()
        if (node.get("test_metadata") or {}).get("name") == "valid_columns"
    ]
    assert len(tests) == VALID_COLUMNS_TESTS
    con = warehouse.cursor()
    failures: dict[str, dict] = {}
    for test in tests:
        kwargs = test["test_metadata"]["kwargs"]
        relation = relations[test["depends_on"]["nodes"][0]]["relation_name"]
        sql = test["compiled_code"].replace(relation, "probe")
        con.execute(f"CREATE OR REPLACE TEMP TABLE probe AS SELECT * FROM {relation} LIMIT 0")
        assert con.execute(sql).fetchall() == [], test["name"]
        con.execute("INSERT INTO probe DEFAULT VALUES")  # NULL in every column
        nulls = con.execute(sql).fetchall()
        assert nulls == [(column, "not_null", 1) for column in kwargs.get("not_null", [])]
        codes = kwargs.get("accepted_values", {})
        if codes:
            types = dict(
                con.execute("SELECT column_name, column_type FROM (DESCRIBE probe)").fetchall()
            )
            outside = {
                column: ("false" if values == [True] else "true")
                if types[column] == "BOOLEAN"
                else "'?'"
                for column, values in codes.items()
            }
            con.execute("UPDATE probe SET " + ", ".join(f"{c} = {v}" for c, v in outside.items()))
            wrong = [row for row in con.execute(sql).fetchall() if row[1] == "accepted_values"]
            assert wrong == [(column, "accepted_values", 1) for column in codes], test["name"]
        failures[test["name"]] = kwargs
    # hand-checked against the per-column tests they replace (one per column and rule before)
    sif = failures["stg_sif__participant_months_valid_columns"]
    assert sif["not_null"] == [
        "reporting_month",
        "participant_key",
        "municipality_atvk",
        "municipality_atvk_vintage",
        "sex",
        "ethnicity",
        "extract_sha256",
        "loaded_at",
    ]
    assert sif["accepted_values"] == {
        "municipality_atvk_vintage": ["2009", "2021"],
        "sex_code": ["V", "S"],
        "sex": ["male", "female"],
        "ethnicity": ["roma", "other", "not_stated"],
    }
    raw = failures["raw_sif_participant_months_valid_columns"]
    assert len(raw["not_null"]) == 11 + 4 and raw["accepted_values"]["sex"] == ["V", "S"]
    values = failures["fct_indicator_values_valid_columns"]
    assert values["not_null"] == [
        "indicator_code",
        "period",
        "geo_level",
        "geo_code",
        "breakdown",
        "breakdown_value",
        "is_suppressed",
        "is_share_suppressed",
        "is_rounded",
    ]
    assert values["accepted_values"] == {
        "geo_level": ["country", "planning_region", "municipality"],
        "breakdown": ["total", "sex", "age_band", "education_level", "category", "ethnicity"],
        "suppression_reason": ["complement", "audit"],
    }
