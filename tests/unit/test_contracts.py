import re

import duckdb

from roma_monitor.contracts import CONTRACTS
from roma_monitor.contracts.artefacts import generated_artefacts, stale_artefacts
from roma_monitor.validate.suites import build_suites
from roma_monitor.warehouse import ensure_schema


def test_contract_keys_and_rules_refer_to_its_own_columns():
    for contract in CONTRACTS.values():
        names = contract.column_names
        assert len(names) == len(set(names))
        assert set(contract.unique_key) <= set(names)
        assert contract.period_column in names
        for later, earlier in contract.date_order:
            assert {later, earlier} <= set(names)
        assert contract.period_of_file(contract.file_example) is not None
        assert re.fullmatch(
            r"\d{4}(-\d{2}|-Q[1-4])?", contract.period_of_file(contract.file_example)
        )


def test_file_name_declares_the_period():
    sif = CONTRACTS["sif_participant_months"]
    assert sif.period_of_file("SIF_9144_202107.csv") == "2021-07"
    assert sif.period_of_file("SIF_9144_202107.xlsx") == "2021-07"  # Excel is read too
    assert sif.period_of_file("SIF_9144_202107.xls") is None
    assert sif.period_of_file("nva_202107.csv") is None


def test_every_column_is_checked_by_the_gx_suites():
    for contract in CONTRACTS.values():
        suites = build_suites(contract)
        checked = {
            e.column for s in suites.values() for e in s.expectations if hasattr(e, "column")
        }
        assert set(contract.column_names) <= checked


def test_loader_schema_has_the_contract_columns_and_types():
    con = duckdb.connect()
    ensure_schema(con)
    for contract in CONTRACTS.values():
        schema, table = contract.raw_table.split(".")
        columns = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ?",
                [schema, table],
            ).fetchall()
        )
        for col in contract.columns:
            assert columns[col.name].split("(")[0] == col.duckdb_type.split("(")[0]


def test_committed_artefacts_match_the_contracts():
    """GX suites, dbt sources and contract pages are generated: regenerate, never hand-edit."""
    assert stale_artefacts() == []
    paths = {p.relative_to(p.parents[2]).as_posix() for p in generated_artefacts()}
    assert any(p.endswith("expectations/sif_participant_months/format.json") for p in paths)
