"""The gate's two engines agree: the contract's rules compiled to DuckDB SQL (the default, which
judges every file: read by DuckDB directly, or normalised by the reader first) and compiled to GX
on pandas (the reference) give the same report for every file, and the loader stores the same
rows whichever reader the gate used (roma_monitor.validate.sql_gate)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from unittest import mock

import duckdb
import pytest

from roma_monitor import warehouse
from roma_monitor.contracts.registry import SOURCES, contract_for_file
from roma_monitor.ingest.load import insert_rows
from roma_monitor.sample import write_samples
from roma_monitor.validate import gate, sql_gate
from roma_monitor.validate.gate import ENGINE_DUCKDB, ENGINE_GX, validate_file
from tests.bad_inputs.corpus import FILES_DIR, load_cases
from tests.conftest import KEY_B, sif_row, write_extract

TODAY = date(2026, 11, 25)


def _source_of(name: str) -> str | None:
    prefix = name.split("_")[0].lower()
    return prefix if prefix in SOURCES else None


def _reports(path: Path) -> tuple[dict, dict, bool]:
    """Both engines' reports (without the timestamp and the reader), and whether DuckDB read the
    file itself (else the reader normalised it). The DuckDB engine never hands a file to GX."""
    contract = contract_for_file(_source_of(path.name), path.name)
    reference = validate_file(path, contract, TODAY, engine=ENGINE_GX).to_dict()
    with mock.patch.object(gate, "_judged_by_gx", side_effect=AssertionError("GX judged")):
        fast = validate_file(path, contract, TODAY, engine=ENGINE_DUCKDB).to_dict()
    reports = [reference, fast]
    judged_by_duckdb = reports[1].pop("reader") != "reference"
    for report in reports:
        report.pop("checked_at")
        report.pop("reader", None)
    return reports[0], reports[1], judged_by_duckdb


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory) -> list[Path]:
    """Every fifth file of the deterministic sample of every source."""
    out = tmp_path_factory.mktemp("engines")
    write_samples(out)
    return sorted(out.rglob("*.csv"))[::5]


def _hand_made(tmp_path: Path) -> dict[str, Path]:
    """Files that take the DuckDB engine's special paths."""
    files = {
        "padded_values": [
            sif_row(municipality_name=" Daugavpils "),
            sif_row(participant_key=KEY_B),
        ],
        "duplicate_key": [sif_row(), sif_row()],
        "tab_in_value": [sif_row(municipality_name="Daugav\tpils")],
        "nbsp_at_edge": [sif_row(municipality_name="Daugavpils\u00a0")],
        "double_converted": [sif_row(municipality_name="DaugavpilsÄ«")],
        "key_too_short": [sif_row(participant_key="abc")],
        "code_in_text": [sif_row(municipality_name="010203-45678"), sif_row(participant_key=KEY_B)],
        "wrong_month_and_range": [sif_row(reporting_month="2021-13", service_hours="900")],
        "range_only": [
            sif_row(service_hours="900"),
            sif_row(participant_key=KEY_B, birth_year="1800"),
        ],
        "end_before_start": [sif_row(service_end_date="01.09.2021")],
        "quoted_values": [sif_row(municipality_name='"Daugavpils; pilsēta"')],
    }
    written = {}
    for case, rows in files.items():
        path = tmp_path / case / "SIF_9144_202109.csv"
        written[case] = write_extract(path, rows)
    # write_extract joins with ';': restore the quoted value as one field
    quoted = written["quoted_values"]
    quoted.write_text(quoted.read_text(encoding="utf-8-sig"), encoding="utf-8")
    return written


def test_both_engines_report_the_same_on_the_bad_input_corpus():
    judged = 0
    for case in load_cases():
        path = FILES_DIR / case.id / case.file
        if _source_of(path.name) is None or contract_for_file(case.source, path.name) is None:
            continue
        reference, fast, by_duckdb = _reports(path)
        assert fast == reference, case.id
        judged += by_duckdb
    # the fast engine must really judge most files, not hand them all to the reference
    assert judged >= 30


def test_both_engines_report_the_same_on_the_sample_of_every_source(sample_files):
    judged = 0
    for path in sample_files:
        reference, fast, by_duckdb = _reports(path)
        assert fast == reference, path.name
        assert reference["passed"], path.name
        judged += by_duckdb
    assert judged >= len(sample_files) * 0.6  # the sample's cp1257 and .xlsx files excepted


def test_both_engines_report_the_same_on_files_that_take_special_paths(tmp_path):
    expected_engine = {
        "padded_values": True,
        "duplicate_key": True,
        "tab_in_value": False,
        "nbsp_at_edge": False,
        "double_converted": False,
        "key_too_short": False,
        "code_in_text": True,
        "wrong_month_and_range": True,
        "range_only": True,
        "end_before_start": True,
        "quoted_values": True,
    }
    for case, path in _hand_made(tmp_path).items():
        reference, fast, by_duckdb = _reports(path)
        assert fast == reference, case
        assert by_duckdb == expected_engine[case], case


def test_a_padded_value_is_trimmed_and_a_personal_code_is_named_not_shown(tmp_path):
    files = _hand_made(tmp_path)
    contract = contract_for_file("sif", "SIF_9144_202109.csv")
    padded = validate_file(files["padded_values"], contract, TODAY, engine=ENGINE_DUCKDB)
    assert padded.passed and padded.reader == sql_gate.READER_DUCKDB_TRIMMED
    code = validate_file(files["code_in_text"], contract, TODAY, engine=ENGINE_DUCKDB)
    (failure,) = [f for f in code.failures if f.rule == "municipality_name.no_personal_code"]
    assert failure.rows == [1] and failure.examples == []
    assert "010203" not in code.to_markdown()


def _raw_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return con.execute(f"SELECT * EXCLUDE (_loaded_at) FROM {table} ORDER BY ALL").fetchall()


def test_the_loader_stores_the_same_rows_with_either_reader(sample_files, tmp_path):
    hand_made = _hand_made(tmp_path / "hand")
    files = [*sample_files, hand_made["padded_values"], hand_made["quoted_values"]]
    connections = {}
    for reader in ("reference", "gate"):
        con = duckdb.connect(str(tmp_path / f"{reader}.duckdb"))
        warehouse.ensure_schema(con)
        connections[reader] = con
    via_duckdb = 0
    for index, path in enumerate(files):
        contract = contract_for_file(_source_of(path.name), path.name)
        report = validate_file(path, contract, TODAY, engine=ENGINE_DUCKDB)
        assert report.passed, path
        via_duckdb += report.reader != "reference"
        copy = tmp_path / "load" / str(index) / path.name
        copy.parent.mkdir(parents=True)
        shutil.copy(path, copy)
        for name, con in connections.items():
            insert_rows(
                con,
                copy,
                contract,
                sha256=f"{index:064x}",
                file_name=path.name,
                loaded_at=datetime(2026, 1, 1, tzinfo=UTC),
                reader=report.reader if name == "gate" else "reference",
            )
    assert via_duckdb >= len(files) * 0.6
    tables = [
        f"raw.{name}"
        for (name,) in connections["reference"]
        .execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'")
        .fetchall()
    ]
    loaded = 0
    for table in tables:
        reference = _raw_rows(connections["reference"], table)
        assert _raw_rows(connections["gate"], table) == reference, table
        loaded += len(reference)
    assert loaded > 1000
