"""The benchmark's reference methods agree: one DuckDB statement over the files and an analyst's
pandas script. That the pipeline publishes the same figures is checked by the benchmark itself
(tests/bench/test_bench_smoke.py runs it at the small size)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from benchmarks.generate import PLANS, generate_extracts
from benchmarks.headline import (
    COLUMNS,
    HEADLINE_INDICATORS,
    MUNICIPALITIES_2021_CSV,
    compare_headlines,
    headline_duckdb_limit,
    headline_pandas,
)
from roma_monitor.settings import SEEDS_DIR

ROWS = 20_000
SEED = 2017


@pytest.fixture(scope="module")
def extracts(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "extracts"
    generate_extracts(out, ROWS, SEED)
    return out


def test_the_limit_and_pandas_agree_cell_by_cell(extracts):
    limit = headline_duckdb_limit(extracts)
    analyst = headline_pandas(extracts)
    assert compare_headlines(limit, analyst) == []
    assert list(limit.columns) == COLUMNS
    assert len(limit) == len(HEADLINE_INDICATORS) * (2 + 5)
    assert limit.equals(analyst)


def test_the_comparison_counts_at_entry(extracts):
    """The data holds what a careless count gets wrong, so agreeing means something: people in
    several months, movers, ethnicity stated after entry, pre-reform units whose planning region
    changed in 2021."""
    limit = headline_duckdb_limit(extracts)
    sif = PLANS["sif_participant_months"].contract
    with duckdb.connect() as con:
        rows, people, roma_any_month = con.execute(f"""
            SELECT count(*), count(DISTINCT participant_key),
                   count(DISTINCT participant_key) FILTER (WHERE ethnicity = 'romu')
            FROM read_csv('{extracts}/{sif.source}/SIF_9144_*.csv', delim = ';',
                          all_varchar = true)
        """).fetchone()
    total = limit.query("indicator_code == 'SIF_9144_PARTICIPANTS' and breakdown == 'total'")
    roma = limit.query("indicator_code == 'SIF_9144_PARTICIPANTS' and breakdown == 'roma'")
    assert total.query("geo_level == 'country'")["value"].item() == people < rows
    assert roma["value"].item() < roma_any_month
    assert total.query("geo_level == 'planning_region'")["value"].sum() == people
    careless = _regions_by_2009_vintage(extracts, sif)
    correct = total.query("geo_level == 'planning_region'").set_index("geo_code")["value"]
    assert careless.sum() == correct.sum() and not careless.equals(correct.loc[careless.index])


def _regions_by_2009_vintage(extracts: Path, contract) -> pd.Series:
    """People by the planning region their pre-reform entry unit had before 2021 (wrong: the
    indicators use the 2021 regions) and the 2021 region otherwise."""
    old = pd.read_csv(SEEDS_DIR / "reference" / "ref_municipalities_2009.csv", dtype=str)
    new = pd.read_csv(MUNICIPALITIES_2021_CSV, dtype=str)
    region = dict(zip(old["atvk_2009"], old["planning_region_code_2009"], strict=True))
    region.update(zip(new["atvk_2021"], new["planning_region_code"], strict=True))
    with duckdb.connect() as con:
        entries = con.execute(f"""
            SELECT arg_min(municipality_atvk, reporting_month) AS atvk
            FROM read_csv('{extracts}/{contract.source}/SIF_9144_*.csv', delim = ';',
                          all_varchar = true)
            GROUP BY participant_key
        """).df()
    return entries["atvk"].map(region).value_counts().sort_index()


def test_differences_are_named():
    a = pd.DataFrame(
        [("X", "country", "LV", "total", 3), ("X", "country", "LV", "roma", 1)], columns=COLUMNS
    )
    b = a.assign(value=[3, 2]).iloc[[0, 1]]
    assert compare_headlines(a, a) == []
    assert compare_headlines(a, b) == ["X country LV roma: 1 != 2"]
    assert compare_headlines(a, b.iloc[[0]]) == ["X country LV roma: only in the first (1)"]
