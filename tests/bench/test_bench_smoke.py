"""`make bench` at a small size (10 k rows, below the benchmark's sizes: the harness, not the
scale, is under test), as CI's smoke test: every stage runs in its own process on generated
extracts, and the pipeline's published figures equal the DuckDB limit's and the pandas script's
(the harness raises MethodsDisagree otherwise). No timing is asserted."""

from __future__ import annotations

import pytest

from benchmarks import run
from benchmarks.report import render


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    return run.run(["10k"], runs=1, work=work, airflow=False, dashboard=False)


def test_the_small_size_runs_every_stage_and_the_three_methods_agree(results):
    small = results["sizes"]["10k"]
    assert 10_000 <= small["rows"] < 10_100
    assert small["figures_compared"] == 4 * 7  # four indicators: Latvia, Roma, five regions
    for stage in (*run.PIPELINE_STAGES, *run.METHODS):
        measured = small["stages"].get(stage) or small["methods"][stage]
        # bounds, not timings: a stage of 10 k rows that runs 10 minutes has hung; every stage is
        # a Python process that imported DuckDB or pandas (well over 20 MB resident) and must stay
        # under the 4 GB memory budget of the 10 M size (ru_maxrss is in KiB: /1024 gives MB)
        assert 0 < measured["seconds"] < 600, (stage, measured)
        assert 20 < measured["peak_rss_mb"] < 4096, (stage, measured)
    assert small["stages"]["validate"]["rows"] == small["stages"]["load"]["rows"] == small["rows"]
    # the gate judged the generated files with DuckDB, not with the slow reference engine
    assert small["readers"] == ["duckdb"]


def test_a_new_month_is_processed_on_top_of_the_history(results):
    small = results["sizes"]["10k"]
    assert 0 < small["new_month_rows"] < small["rows"] / 20
    assert small["new_month"]["load"]["rows"] == small["new_month_rows"]
    assert "new_month_vs_full" in small["ratios"]


def test_the_report_holds_the_stages_and_the_targets(results):
    text = render(results)
    assert "read + validate (gate)" in text and "pipeline ÷ DuckDB limit" in text
    assert f"{results['machine']['cores']} cores" in text
