"""One warehouse built from every source's hand-made fixture extracts (`fixture_<source>.py`),
loaded through the real loader and transformed by one real `dbt build`, shared by the indicator
tests. The expected values in the tests are counted by hand from the fixtures' docstrings."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.ingest.load import load_extract
from roma_monitor.settings import Paths

FIXTURE_MODULES = sorted(p.stem for p in Path(__file__).parent.glob("fixture_*.py"))


def fixture_extracts(root: Path) -> list[tuple[str, Path]]:
    """(source, file) for every fixture extract, in load order within each source."""
    extracts = []
    for name in FIXTURE_MODULES:
        module = importlib.import_module(f"tests.indicators.{name}")
        for path in module.write_extracts(root / name):
            extracts.append((module.SOURCE, path))
    return extracts


@pytest.fixture(scope="session")
def fixture_files(tmp_path_factory) -> list[tuple[str, Path]]:
    return fixture_extracts(tmp_path_factory.mktemp("indicator_fixtures"))


@pytest.fixture(scope="session")
def indicator_warehouse(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("indicator_warehouse")
    paths = Paths(root / "home").ensure()
    for source, path in fixture_extracts(root / "extracts"):
        contract = contract_for_file(source, path.name)
        assert contract is not None, f"{path.name} matches no {source} contract"
        load_extract(path, contract, paths)
    pipeline.dbt_build(paths)
    return paths.warehouse


@pytest.fixture
def warehouse_query(indicator_warehouse):
    """Run SQL on the built warehouse (read-only) and return all rows."""

    def run(sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(indicator_warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    return run


def value_of(
    warehouse_query,
    indicator_code: str,
    period: str,
    geo_code: str = "LV",
    breakdown: str = "total",
    breakdown_value: str = "total",
    column: str = "value",
):
    """One published figure from marts.fct_indicator_values (None if the row is missing)."""
    rows = warehouse_query(
        f"SELECT {column} FROM marts.fct_indicator_values WHERE indicator_code = ? "
        "AND period = CAST(? AS DATE) AND geo_code = ? AND breakdown = ? AND breakdown_value = ?",
        [indicator_code, period, geo_code, breakdown, breakdown_value],
    )
    assert len(rows) <= 1
    return rows[0][0] if rows else None
