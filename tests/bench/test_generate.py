"""The benchmark's extract generator: contract-valid files of realistic shape, the rows asked
for, byte-identical for a seed and size, a next month that continues the history, and files the
real gate accepts."""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from benchmarks import generate
from benchmarks.generate import (
    PLANS,
    SHARES,
    generate_extracts,
    generate_next_month,
    next_month_dir,
    read_manifest,
)
from roma_monitor.contracts.base import RAW_PATTERNS
from roma_monitor.reference import reference_codes
from roma_monitor.validate.gate import validate_source_file

ROWS = 20_000
SEED = 2017
KEYS = {dataset: plan.contract.unique_key[1] for dataset, plan in PLANS.items()}


@pytest.fixture(scope="module")
def extracts(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "extracts"
    return out, generate_extracts(out, ROWS, SEED)


@pytest.fixture(scope="module")
def con():
    with duckdb.connect() as connection:
        yield connection


def _load(con, out: Path, dataset: str) -> str:
    """All rows of a dataset as text, with the file name, in a table named after it."""
    plan = PLANS[dataset]
    folder = out / plan.contract.source
    con.execute(f"""
        CREATE OR REPLACE TABLE {dataset} AS
        SELECT *, parse_filename(filename) AS file
        FROM read_csv('{folder}/{plan.file_prefix}*.csv', delim = ';', header = true,
                      all_varchar = true, filename = true)
    """)
    return dataset


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_rows_split_evenly_and_every_file_in_the_manifest(extracts):
    out, manifest = extracts
    assert manifest == {**read_manifest(out), "seconds": manifest["seconds"]}
    for dataset, share in SHARES.items():
        entry = manifest["datasets"][dataset]
        target = ROWS * share
        assert target <= entry["rows"] < target + 16, dataset
        assert entry["rows"] == sum(f["rows"] for f in entry["files"])
        for listed in entry["files"]:
            path = out / listed["path"]
            assert path.stat().st_size == listed["bytes"]
            assert len(path.read_bytes().splitlines()) == listed["rows"] + 1
    assert manifest["rows"] == sum(d["rows"] for d in manifest["datasets"].values())


def test_each_measures_period_in_the_agencies_file_names(extracts):
    out, manifest = extracts
    names = {d: [f["file"] for f in e["files"]] for d, e in manifest["datasets"].items()}
    assert names["sif_participant_months"][0] == "SIF_9144_201707.csv"
    assert names["sif_participant_months"][-1] == "SIF_9144_202212.csv"
    assert len(names["sif_participant_months"]) == 66
    for dataset, prefix in (
        ("nva_participant_months", "NVA_741_DAL_"),
        ("jspa_participant_months", "JSPA_833_DAL_"),
        ("ikvd_pupil_months", "IKVD_834_SKOL_"),
    ):
        assert names[dataset][0] == f"{prefix}2017Q1.csv"
        assert names[dataset][-1] == f"{prefix}2022Q4.csv"
        assert len(names[dataset]) == 24
    for dataset, files in names.items():
        contract = PLANS[dataset].contract
        assert all(contract.period_of_file(name) for name in files)
        header = (out / contract.source / files[0]).read_text(encoding="utf-8").splitlines()[0]
        assert header == ";".join(contract.column_names)


def test_same_seed_and_size_byte_identical_on_one_thread_too(extracts, tmp_path, monkeypatch):
    out, _ = extracts
    connect = generate._connect

    def one_thread():
        con = connect()
        con.execute("SET threads = 1")
        return con

    monkeypatch.setattr(generate, "_connect", one_thread)
    again = tmp_path / "again"
    generate_extracts(again, ROWS, SEED)
    assert _digests(again) == _digests(out)
    other = tmp_path / "other"
    generate_extracts(other, ROWS, SEED + 1)
    assert _digests(other)["sif/SIF_9144_202001.csv"] != _digests(out)["sif/SIF_9144_202001.csv"]


@pytest.mark.parametrize("dataset", list(PLANS))
def test_keys_periods_codes_and_vintages_as_the_contract_says(extracts, con, dataset):
    out, _ = extracts
    table = _load(con, out, dataset)
    key = KEYS[dataset]
    contract = PLANS[dataset].contract
    bad_keys = con.execute(
        f"SELECT count(*) FROM {table} WHERE NOT regexp_full_match({key}, ?)",
        [RAW_PATTERNS["key"]],
    ).fetchone()[0]
    assert bad_keys == 0
    duplicates = con.execute(
        f"SELECT count(*) - count(DISTINCT (reporting_month, {key})) FROM {table}"
    ).fetchone()[0]
    assert duplicates == 0
    outside = con.execute(f"SELECT DISTINCT file, reporting_month FROM {table}").fetchall()
    assert all(month in contract.period_values(contract.period_of_file(f)) for f, month in outside)
    vintages = dict(
        con.execute(f"""
            SELECT reporting_month >= '2021-07', list(DISTINCT municipality_atvk)
            FROM {table} GROUP BY ALL
        """).fetchall()
    )
    assert set(vintages[False]) <= set(reference_codes("atvk_2009"))
    assert set(vintages[True]) <= set(reference_codes("atvk_2021"))
    for column in contract.columns:
        values = con.execute(f'SELECT DISTINCT "{column.name}" FROM {table}').fetchall()
        values = [v for (v,) in values]
        if column.required:
            assert None not in values, column.name
        present = [v for v in values if v is not None]
        if column.raw_pattern:
            assert all(re.fullmatch(column.raw_pattern, v) for v in present), column.name
        if column.allowed and column.type == "code":
            assert set(present) <= set(column.allowed), column.name
        if column.allowed and column.type == "code_list":
            items = {item for v in present for item in v.split(column.list_separator)}
            assert items <= set(column.allowed), column.name
        if column.min_value is not None:
            numbers = [float(v.replace(",", ".")) for v in present]
            assert column.min_value <= min(numbers) and max(numbers) <= column.max_value


@pytest.mark.parametrize("dataset", list(PLANS))
def test_dates_in_order(extracts, con, dataset):
    out, _ = extracts
    table = _load(con, out, dataset)
    for later, earlier in PLANS[dataset].contract.date_order:
        wrong = con.execute(f"""
            SELECT count(*) FROM {table}
            WHERE strptime({later}, '%d.%m.%Y') < strptime({earlier}, '%d.%m.%Y')
        """).fetchone()[0]
        assert wrong == 0, (later, earlier)


def test_warehouse_rules_between_columns_hold(extracts, con):
    """What the contracts leave to the warehouse (dbt warnings): NVA's outcome exactly with the
    exit, JSPA's outcome exactly in the ended month and nothing after it, IKVD's support in
    every month and clothing (APG) only for needy families."""
    out, _ = extracts
    nva = _load(con, out, "nva_participant_months")
    assert con.execute(
        f"SELECT count(*) FROM {nva} WHERE (exit_date IS NULL) != (outcome_on_leaving IS NULL)"
    ).fetchone() == (0,)
    jspa = _load(con, out, "jspa_participant_months")
    assert con.execute(f"""
        SELECT count(*) FROM {jspa}
        WHERE (programme_status = 'turpinās') != (outcome_on_leaving IS NULL)
    """).fetchone() == (0,)
    assert con.execute(f"""
        SELECT count(*) FROM {jspa} AS later JOIN {jspa} AS ended USING (participant_key)
        WHERE ended.programme_status != 'turpinās' AND later.reporting_month > ended.reporting_month
    """).fetchone() == (0,)
    ikvd = _load(con, out, "ikvd_pupil_months")
    assert con.execute(f"""
        SELECT count(*) FROM {ikvd}
        WHERE (support_types IS NULL AND specialists IS NULL)
            OR (contains(coalesce(support_types, ''), 'APG') AND needy_family = 'nē')
    """).fetchone() == (0,)
    summer = con.execute(
        f"SELECT count(*) FROM {ikvd} WHERE right(reporting_month, 2) IN ('06', '07', '08')"
    ).fetchone()
    assert summer == (0,)


def test_realistic_shape(extracts, con):
    out, _ = extracts
    sif = _load(con, out, "sif_participant_months")
    spells = con.execute(f"""
        SELECT count(*) FILTER (WHERE months != span) AS broken, max(months) AS longest
        FROM (
            SELECT participant_key, count(*) AS months,
                   datediff('month', min(strptime(reporting_month, '%Y-%m')),
                            max(strptime(reporting_month, '%Y-%m'))) + 1 AS span
            FROM {sif} GROUP BY participant_key
        )
    """).fetchone()
    assert spells == (0, 9)
    tables = [_load(con, out, d) for d in PLANS]
    everyone = " UNION ALL ".join(
        f"SELECT {KEYS[d]} AS person, reporting_month, ethnicity, municipality_atvk FROM {t}"
        for d, t in zip(PLANS, tables, strict=True)
    )
    roma, not_stated, municipalities_2009, municipalities_2021 = con.execute(f"""
        WITH rows AS ({everyone}),
        entries AS (SELECT person, arg_min(ethnicity, reporting_month) AS ethnicity
                    FROM rows GROUP BY person)
        SELECT
            (SELECT avg((ethnicity = 'romu')::INTEGER) FROM entries),
            (SELECT avg((ethnicity = 'nav norādīta')::INTEGER) FROM entries),
            (SELECT count(DISTINCT municipality_atvk) FROM rows WHERE reporting_month < '2021-07'),
            (SELECT count(DISTINCT municipality_atvk) FROM rows WHERE reporting_month >= '2021-07')
    """).fetchone()
    assert 0.05 <= roma <= 0.10
    assert 0.2 <= not_stated <= 0.4
    assert municipalities_2009 >= 110  # of 119, many of them small
    assert municipalities_2021 == 43
    movers, stated_later = con.execute(f"""
        WITH rows AS ({everyone}),
        per_person AS (
            SELECT
                person,
                count(DISTINCT municipality_atvk) AS places,
                bool_or(reporting_month >= '2021-07') AND bool_or(reporting_month < '2021-07')
                    AS across_reform,
                bool_or(ethnicity = 'nav norādīta') AND bool_or(ethnicity = 'romu')
                    AS stated_later
            FROM rows GROUP BY person
        )
        SELECT
            count(*) FILTER (WHERE places > 1 AND NOT across_reform),
            count(*) FILTER (WHERE stated_later)
        FROM per_person
    """).fetchone()
    assert movers > 0 and stated_later > 0
    reentered = con.execute(
        "SELECT count(*) FROM (SELECT participant_key FROM nva_participant_months "
        "GROUP BY participant_key HAVING count(DISTINCT entry_date) > 1)"
    ).fetchone()[0]
    assert reentered > 0


def test_next_month_continues_the_history(tmp_path):
    out = tmp_path / "extracts"
    generate_extracts(out, ROWS, SEED, last_month=date(2022, 11, 1))
    paths = generate_next_month(out, ROWS, SEED)
    folder = next_month_dir(out, date(2022, 12, 1))
    assert sorted(p.relative_to(folder).as_posix() for p in paths) == [
        "ikvd/IKVD_834_SKOL_2022Q4.csv",
        "jspa/JSPA_833_DAL_2022Q4.csv",
        "nva/NVA_741_DAL_2022Q4.csv",
        "sif/SIF_9144_202212.csv",
    ]
    for path in paths:
        if "_DAL_" in path.name or "_SKOL_" in path.name:
            # the quarter sent again: its earlier months unchanged, December added
            history = (out / path.parent.name / path.name).read_bytes()
            assert path.read_bytes().startswith(history)
            assert len(path.read_bytes()) > len(history)
    with duckdb.connect() as con:
        december = {
            row[0]
            for row in con.execute(
                f"SELECT participant_key FROM read_csv('{folder}/sif/*.csv', delim = ';', "
                "all_varchar = true)"
            ).fetchall()
        }
        november = {
            row[0]
            for row in con.execute(
                f"SELECT participant_key FROM read_csv('{out}/sif/SIF_9144_202211.csv', "
                "delim = ';', all_varchar = true)"
            ).fetchall()
        }
    assert december & november and december - november  # people continue, others enter
    with pytest.raises(ValueError, match="seed"):
        generate_next_month(out, ROWS, SEED + 1)


def test_next_month_after_the_last_quarter_is_a_new_quarters_file(extracts, tmp_path):
    out = tmp_path / "extracts"
    shutil.copytree(extracts[0], out)
    paths = generate_next_month(out, ROWS, SEED)
    assert sorted(p.name for p in paths) == [
        "IKVD_834_SKOL_2023Q1.csv",
        "JSPA_833_DAL_2023Q1.csv",
        "NVA_741_DAL_2023Q1.csv",
        "SIF_9144_202301.csv",
    ]
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) > 10
        assert all(line.startswith("2023-01;") for line in lines[1:])


def _gate_selection(manifest: dict) -> list[tuple[str, str]]:
    """The first and last file of each dataset and those on both sides of the ATVK reform."""
    chosen = []
    for entry in manifest["datasets"].values():
        names = [f["file"] for f in entry["files"]]
        around_reform = [n for n in names if any(p in n for p in ("202106", "202107", "2021Q"))]
        for name in dict.fromkeys([names[0], *around_reform[:3], names[-1]]):
            chosen.append((entry["source"], f"{entry['source']}/{name}"))
    return chosen


def test_the_gate_accepts_the_files(extracts):
    out, manifest = extracts
    selection = _gate_selection(manifest)
    assert len(selection) >= 16
    for source, path in selection:
        report = validate_source_file(out / path, source)
        assert report.passed, report.to_markdown()
