"""The DAG files import cleanly and are wired as designed (no scheduler needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from roma_monitor.contracts.registry import SOURCES
from roma_monitor.orchestration import (
    PUBLISHED_INDICATORS,
    WAREHOUSE_POOL,
    RunFailureNotifier,
    raw_asset,
    record_task_failure,
    retry_delay,
    task_defaults,
)
from roma_monitor.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    home = tmp_path_factory.mktemp("airflow")
    os.environ.setdefault("AIRFLOW_HOME", str(home))
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(PROJECT_ROOT / "dags"), known_pools={WAREHOUSE_POOL})


def test_no_import_errors_and_one_ingest_dag_per_contract(dagbag):
    assert dagbag.import_errors == {}
    expected = {f"ingest_{source}" for source in SOURCES} | {"transform_and_publish"}
    assert set(dagbag.dag_ids) == expected


def test_ingest_dag_maps_batches_and_announces_new_data(dagbag):
    for source in SOURCES:
        dag = dagbag.dags[f"ingest_{source}"]
        batch = dag.get_task("process_batch")
        assert batch.upstream_task_ids == {"find_extracts"}
        assert batch.pool == WAREHOUSE_POOL and batch.retries >= 1
        assert "label" in batch.map_index_template, "the grid names the batch's files"
        assert batch.outlets == [], "a batch failing on a rejection must not hold back the event"
        status = dag.get_task("publish_load_status")
        assert status.trigger_rule == "all_done" and status.upstream_task_ids == {"process_batch"}
        announce = dag.get_task("announce_new_data")
        assert announce.trigger_rule == "all_done"
        assert announce.upstream_task_ids == {"publish_load_status"}
        assert [o.name for o in announce.outlets] == [raw_asset(source).name]
        watcher = dag.get_task("fail_run_if_any_extract_failed")
        assert watcher.trigger_rule == "one_failed" and not watcher.downstream_task_ids
        assert watcher.upstream_task_ids == {"process_batch"}
        assert dag.catchup is False and dag.max_active_runs == 1
        assert source in dag.tags


def test_a_file_landing_starts_its_sources_ingest_and_an_hourly_run_backs_it_up(dagbag):
    """Event-driven: the triggerer watches each landing folder (roma_monitor.ingest.
    landing_watch), no run waits in a sensor; the hourly timetable catches a lost event."""
    for source in SOURCES:
        dag = dagbag.dags[f"ingest_{source}"]
        timetable = dag.timetable
        assert type(timetable).__name__ == "AssetOrTimeSchedule"
        assert timetable.timetable.expression == "0 * * * *"
        asset = timetable.asset_condition
        assert asset.name == f"roma_landing_{source}"
        (watcher,) = asset.watchers
        classpath, kwargs = watcher.trigger.serialize()
        assert classpath == "roma_monitor.ingest.landing_watch.LandingTrigger"
        assert kwargs["source"] == source and kwargs["poke_interval"] <= 30
        assert not any(task.task_type.endswith("Sensor") for task in dag.tasks)


def test_transform_runs_on_raw_assets_and_publishes(dagbag):
    dag = dagbag.dags["transform_and_publish"]
    condition = dag.timetable.asset_condition
    assert type(condition).__name__ == "AssetAny", "any source's new data triggers a rebuild"
    assert {a.name for a in condition.objects} == {raw_asset(s).name for s in SOURCES}
    publish = dag.get_task("publish_indicators")
    assert publish.upstream_task_ids == {"dbt_build"}
    assert [o.name for o in publish.outlets] == [PUBLISHED_INDICATORS.name]


def _callbacks(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def test_a_failed_run_notifies_and_warehouse_tasks_retry(dagbag):
    for dag in dagbag.dags.values():
        assert [type(c) for c in _callbacks(dag.on_failure_callback)] == [RunFailureNotifier]
        for task in dag.tasks:
            # Each task notes why it failed, for the run's one notification.
            assert _callbacks(task.on_failure_callback) == [record_task_failure], task.task_id
            if task.pool == WAREHOUSE_POOL:
                assert task.retries >= 1 and task.retry_delay == retry_delay(), task.task_id


def test_the_retry_delay_is_configurable(monkeypatch):
    monkeypatch.setenv("ROMA_RETRY_DELAY_S", "2")
    assert task_defaults(retries=3) == {
        "retries": 3,
        "retry_delay": timedelta(seconds=2),
        "on_failure_callback": record_task_failure,
    }
    monkeypatch.delenv("ROMA_RETRY_DELAY_S")
    assert retry_delay() == timedelta(seconds=30)


def test_dag_files_stay_thin():
    """DAG files wire tasks; the logic lives in the package."""
    for path in (PROJECT_ROOT / "dags").glob("*.py"):
        text = path.read_text()
        assert "duckdb" not in text and "great_expectations" not in text and "pandas" not in text
        assert len(text.splitlines()) < 90, path.name


# What the tasks import, and the DAG processor must not: it parses every DAG file often.
WORK_MODULES = ("duckdb", "pandas", "great_expectations", "dbt", "pyarrow", "streamlit")
IMPORTED_AT_PARSE = """
import runpy, sys
for path in sys.argv[1:]:
    runpy.run_path(path)
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_parsing_the_dag_files_imports_none_of_the_work(tmp_path):
    paths = sorted(str(p) for p in (PROJECT_ROOT / "dags").glob("*.py"))
    assert len(paths) == 2
    done = subprocess.run(
        [sys.executable, "-c", IMPORTED_AT_PARSE, *paths],
        env={**os.environ, "AIRFLOW_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    imported = set(done.stdout.split())
    assert "airflow" in imported and "roma_monitor" in imported, "the files were run"
    assert imported.isdisjoint(WORK_MODULES), imported & set(WORK_MODULES)
