"""The Airflow-cost benchmark: its arithmetic on made-up timings, its DAGs, and one real run."""

from __future__ import annotations

import json
import sys

import pytest

from benchmarks import airflow_cost as ac

FIXED, PER_TASK, GX, PIPELINE = 10.0, 0.5, 6.0, 1.5


def synthetic_costs() -> dict:
    """Timings that lie exactly on run = FIXED + PER_TASK × task instances; the command's wall
    time is 6 s more (the CLI's start-up)."""
    costs = {}
    for mode in ac.MODES:
        for shape in ac.SHAPES:
            for size in ac.SIZES:
                n = ac.task_instances(shape, size)
                costs[f"{mode}_{shape}_{size}_s"] = FIXED + PER_TASK * n
                costs[f"{mode}_{shape}_{size}_wall_s"] = 6 + FIXED + PER_TASK * n
        costs[f"{mode}_import_gx_s"] = FIXED + PER_TASK + GX
        costs[f"{mode}_import_pipeline_s"] = FIXED + PER_TASK + PIPELINE
    costs["dbt_parse_warm_s"] = 5.0
    costs["dbt_nodes"] = {"cosmos_after_each_tasks": 135, "cosmos_build_tasks": 68}
    return costs


def test_fit_line_recovers_intercept_and_slope():
    fixed, per_task = ac.fit_line([(1, 12.0), (4, 13.5), (16, 19.5)])
    assert fixed == pytest.approx(11.5) and per_task == pytest.approx(0.5)


def test_fit_line_needs_two_different_sizes():
    with pytest.raises(ValueError):
        ac.fit_line([(1, 12.0), (1, 13.0)])


def test_mapped_dags_count_the_task_that_lists_the_items():
    assert [ac.task_instances("chain", n) for n in ac.SIZES] == [1, 4, 16]
    assert [ac.task_instances("mapped", n) for n in ac.SIZES] == [2, 5, 17]


def test_fits_and_import_costs_from_synthetic_timings():
    costs = synthetic_costs()
    ac.add_fits(costs, ac.MODES, ac.SHAPES)
    for mode in ac.MODES:
        for shape in ac.SHAPES:
            assert costs[f"{mode}_{shape}_fixed_s"] == pytest.approx(FIXED)
            assert costs[f"{mode}_{shape}_per_task_s"] == pytest.approx(PER_TASK)
            assert costs[f"{mode}_{shape}_wall_fixed_s"] == pytest.approx(6 + FIXED)
            assert costs[f"{mode}_{shape}_wall_per_task_s"] == pytest.approx(PER_TASK)
        assert costs[f"{mode}_import_gx_extra_s"] == pytest.approx(GX)
        assert costs[f"{mode}_import_pipeline_extra_s"] == pytest.approx(PIPELINE)


def test_no_fit_from_a_single_size():
    costs = {"inline_chain_1_s": 12.0}
    ac.add_fits(costs, ["inline"], ["chain"])
    assert costs == {"inline_chain_1_s": 12.0}


def test_granularity_arithmetic():
    costs = synthetic_costs()
    ac.add_fits(costs, ac.MODES, ac.SHAPES)
    costs["executor_mapped_per_task_s"] = 0.2  # parallel instances cost less each
    est = ac.granularity_estimates(costs, costs["dbt_nodes"])
    our_task = PER_TASK + PIPELINE
    assert est["dbt_one_task_s"] == pytest.approx(our_task + 5.0)
    assert est["cosmos_local_after_each_s"] == pytest.approx(135 * (PER_TASK + 5.0))
    assert est["cosmos_local_build_s"] == pytest.approx(68 * (PER_TASK + 5.0))
    assert est["cosmos_watcher_s"] == pytest.approx(PER_TASK + 5.0 + 135 * 2 * 0.2)
    # One file: wait, publish, validate, load; GX imported once.
    assert est["ingest_steady_s"] == pytest.approx(4 * our_task + GX)
    assert est["ingest_backfill_one_batch_s"] == pytest.approx(est["ingest_steady_s"])
    files = ac.BACKFILL_FILES
    assert est["ingest_backfill_per_file_s"] == pytest.approx(
        (2 + 2 * files) * our_task + files * GX
    )
    batches = -(-files // ac.BATCH_FILES)
    assert est[f"ingest_backfill_batches_of_{ac.BATCH_FILES}_s"] == pytest.approx(
        (2 + 2 * batches) * our_task + batches * GX
    )


def test_count_dbt_nodes_from_a_manifest():
    manifest = {
        "nodes": {
            "model.p.a": {"resource_type": "model", "depends_on": {"nodes": ["seed.p.s"]}},
            "model.p.b": {"resource_type": "model", "depends_on": {"nodes": ["model.p.a"]}},
            "seed.p.s": {"resource_type": "seed", "depends_on": {"nodes": []}},
            "test.p.t1": {"resource_type": "test", "depends_on": {"nodes": ["model.p.a"]}},
            "test.p.t2": {"resource_type": "test", "depends_on": {"nodes": ["source.p.r.x"]}},
        },
        "sources": {"source.p.r.x": {}},
        "unit_tests": {"unit_test.p.b.u": {}},
    }
    counts = ac.count_dbt_nodes(manifest)
    assert counts == {
        "models": 2,
        "seeds": 1,
        "data_tests": 2,
        "unit_tests": 1,
        "sources": 1,
        "models_with_tests": 1,
        "seeds_with_tests": 0,
        "source_only_tests": 1,
        "cosmos_after_each_tasks": 4,
        "cosmos_build_tasks": 3,
    }


def test_markdown_tables():
    costs = synthetic_costs()
    ac.add_fits(costs, ac.MODES, ac.SHAPES)
    costs["executor_mapped_per_task_s"] = 0.2
    text = ac.format_markdown(costs, runs=3)
    assert text.startswith("Median of 3 run(s)")
    assert "| bench_mapped_16 | 17 | 18.50 | 24.50 | 18.50 | 24.50 |" in text
    assert "| chain: per task | 0.50 | 0.50 | 0.50 | 0.50 |" in text
    assert "| `import great_expectations` in a task | 6.00 | – | 6.00 | – |" in text
    assert "| cosmos_local_after_each | 742.50 |" in text
    assert "| cosmos after each tasks | 135 |" in text


def test_markdown_leaves_out_empty_tables():
    costs = {"airflow_db_migrate_s": 8.0, "inline_chain_1_s": 6.0, "inline_chain_1_wall_s": 12.0}
    text = ac.format_markdown(costs, runs=1)
    assert "least squares" not in text and "dbt project" not in text
    assert "| bench_chain_1 | 1 | 6.00 | 12.00 |" in text


def test_tables_from_saved_figures(tmp_path, capsys):
    saved = tmp_path / "figures.json"
    saved.write_text(json.dumps(synthetic_costs() | {"executor_mapped_per_task_s": 0.2}))
    ac.main(["--from-json", str(saved), "--runs", "3"])
    printed = capsys.readouterr().out
    assert "| chain: per task | 0.50 | 0.50 | 0.50 | 0.50 |" in printed
    assert "| ingest_steady | 14.00 |" in printed


def test_unknown_mode_is_refused():
    with pytest.raises(SystemExit):
        ac.main(["--modes", "scheduler"])


def fake_dag_test(code: str) -> list[str]:
    return [sys.executable, "-c", code]


FINISHED_OK = (
    "print('DagRun Finished: dag_id=x, run_duration=2.5, state=success, run_type=manual',"
    " flush=True)"
)


def test_a_run_that_exits_is_timed_to_its_exit(tmp_path):
    timing = ac.timed_dag_test(fake_dag_test(FINISHED_OK), {}, tmp_path / "log")
    assert not timing.hung and 0 < timing.wall_s < 30
    assert timing.run_s == pytest.approx(2.5)


def test_a_run_whose_shutdown_hangs_is_timed_to_its_end_and_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(ac, "SHUTDOWN_GRACE_S", 0.5)
    code = FINISHED_OK + "; import time; time.sleep(120)"
    timing = ac.timed_dag_test(fake_dag_test(code), {}, tmp_path / "log")
    assert timing.hung and timing.wall_s < 30


def test_a_failed_run_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(ac, "SHUTDOWN_GRACE_S", 0.5)
    with pytest.raises(RuntimeError, match="failed"):
        ac.timed_dag_test(fake_dag_test("raise SystemExit(1)"), {}, tmp_path / "log")
    failed_then_hung = (
        "print('DagRun Finished: dag_id=x, state=failed', flush=True); import time; time.sleep(120)"
    )
    with pytest.raises(RuntimeError, match="failed"):
        ac.timed_dag_test(fake_dag_test(failed_then_hung), {}, tmp_path / "log")


def test_benchmark_dags_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path))
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(ac.BENCH_DAGS))
    assert bag.import_errors == {}
    expected = {ac.dag_id(shape, size) for shape in ac.SHAPES for size in ac.SIZES}
    assert set(bag.dag_ids) == expected | set(ac.IMPORT_DAGS.values())
    assert len(bag.dags["bench_chain_16"].tasks) == 16


@pytest.mark.e2e
def test_real_run_of_the_one_task_dag(tmp_path):
    """`airflow dags test` for real, once, on the smallest DAG (about 25 s, no timing asserted)."""
    costs = ac.measure_airflow_cost(
        tmp_path,
        runs=1,
        modes=("inline",),
        shapes=("chain",),
        sizes=(1,),
        include_imports=False,
        include_dbt=False,
        include_parse=False,
    )
    assert set(costs) == {
        "airflow_db_migrate_s",
        "inline_chain_1_s",
        "inline_chain_1_wall_s",
        "inline_hung_runs",
    }
    assert 0 < costs["inline_chain_1_s"] < costs["inline_chain_1_wall_s"]
    assert "| bench_chain_1 | 1 |" in ac.format_markdown(costs, runs=1)


def test_dags_report_is_read_per_file():
    text = json.dumps(
        [
            {"file": "a.py", "duration": "0:00:00.396630", "dag_num": "1", "dags": ["x"]},
            {"file": "b.py", "duration": "0:01:02.500000", "dag_num": "2", "dags": ["z", "y"]},
        ]
    )
    assert ac.parse_dags_report(text) == {
        "a.py": {"s": pytest.approx(0.39663), "dags": ["x"]},
        "b.py": {"s": pytest.approx(62.5), "dags": ["y", "z"]},
    }
    costs = {
        "dag_parse_files_s": {"a.py": 0.4, "b.py": 0.1},
        "dag_parse_total_s": 0.5,
        "dag_parse_wall_s": 20.0,
    }
    text = ac.format_markdown(costs, runs=3)
    assert "| `dags/a.py` | 0.40 |" in text and "| **all DAG files** | **0.50** |" in text


@pytest.mark.e2e
def test_real_parse_of_the_project_dags(tmp_path):
    """`airflow dags report` for real, once (about 40 s with the migration; no timing asserted):
    every DAG file imports and defines its DAGs, and the figure is recorded."""
    from roma_monitor.contracts.registry import SOURCES

    costs = ac.measure_dag_parse(tmp_path, runs=1)
    assert set(costs["dag_parse_files_s"]) == {"ingest.py", "transform_and_publish.py"}
    expected = sorted([f"ingest_{source}" for source in SOURCES] + ["transform_and_publish"])
    assert costs["dag_parse_dags"] == expected, "a file that fails to import defines no DAG"
    assert costs["dag_parse_total_s"] > 0
    assert "| **all DAG files** |" in ac.format_markdown(costs, runs=1)
