"""The real scheduler: Airflow runs as in the demo (`airflow standalone`: scheduler, triggerer,
DAG processor, API server, LocalExecutor), nothing is started by hand. An extract dropped into
`landing/` is noticed by the triggerer (LandingTrigger), ingested, built by dbt and published.

The home starts as the built and published sample (the steady state an agency's resend meets);
the whole sample from empty goes through the same DAGs in tests/e2e/test_pipeline_dag.py. The
time from the drop to the published snapshot is printed and kept (docs/orchestration.md quotes
it); it is not asserted: a busy machine only makes it slower.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from roma_monitor.airflow_env import airflow_environment
from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.settings import Paths
from tests.local_servers import free_port, responds

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent
STARTUP_TIMEOUT_S = 300
PUBLISH_TIMEOUT_S = 900


def _wait(condition, timeout: float, what: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"airflow standalone exited ({process.returncode}) before {what}: {log}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {timeout} s; see {log}")
        time.sleep(1)


def _idle(paths: Paths) -> bool:
    """No DAG run queued or running, and no asset event waiting to start one."""
    with sqlite3.connect(paths.home / "airflow" / "airflow.db") as db:
        runs = db.execute("SELECT count(*) FROM dag_run WHERE state IN ('queued', 'running')")
        waiting = db.execute("SELECT count(*) FROM asset_dag_run_queue")
        return runs.fetchone()[0] == 0 and waiting.fetchone()[0] == 0


def _dbt_builds(paths: Paths) -> dict[str, int]:
    """transform_and_publish's dbt_build task instances by state: a run queued by an event
    that an earlier build already took in skips dbt."""
    with sqlite3.connect(paths.home / "airflow" / "airflow.db") as db:
        rows = db.execute(
            "SELECT state, count(*) FROM task_instance "
            "WHERE dag_id = 'transform_and_publish' AND task_id = 'dbt_build' GROUP BY state"
        ).fetchall()
    return dict(rows)


def _sif_rows_in(paths: Paths, month: str) -> int:
    """The SIF participant-months the warehouse holds for `month` (read while nothing runs)."""
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM intermediate.int_sif__participant_months_current "
            "WHERE reporting_month = ?",
            [month],
        ).fetchone()[0]


@pytest.fixture(scope="module")
def live(tmp_path_factory, sample_home_paths):
    """Airflow as in production on a copy of the published sample home, the DAGs unpaused."""
    home = tmp_path_factory.mktemp("live") / "home"
    shutil.copytree(sample_home_paths.home, home, symlinks=True)
    paths = Paths(home).ensure()
    port = free_port()
    env = {
        **os.environ,
        **airflow_environment(paths),
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
    }
    for args in (
        ("db", "migrate"),
        ("pools", "set", "roma_warehouse", "1", "warehouse"),
        ("dags", "reserialize"),
        ("dags", "unpause", "--yes", "--treat-dag-id-as-regex", "^(ingest_|transform_)"),
    ):
        done = subprocess.run(
            [str(BIN / "airflow"), *args], env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
    log = paths.home / "airflow_standalone.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(BIN / "airflow"), "standalone"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        health = f"http://127.0.0.1:{port}/api/v2/monitor/health"
        _wait(lambda: responds(health), STARTUP_TIMEOUT_S, "API server", process, log)
        yield paths, process, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_corrected_month_is_published_by_the_scheduler_alone(live, tmp_path):
    """The steady state: one agency resends one month (a row fewer) on top of everything."""
    paths, process, log = live
    before = current_snapshot("indicators", paths)
    assert before is not None
    _wait(lambda: _idle(paths), PUBLISH_TIMEOUT_S, "idle scheduler", process, log)
    december_rows = _sif_rows_in(paths, "2021-12-01")
    original = sorted((paths.archive / "sif").glob("*SIF_9144_202112.csv"))[0]
    lines = original.read_bytes().splitlines()
    corrected = tmp_path / "SIF_9144_202112.csv"
    corrected.write_bytes(b"\r\n".join(lines[:-1]) + b"\r\n")
    dropped = time.monotonic()
    os.replace(corrected, paths.landing_for("sif") / corrected.name)
    _wait(
        lambda: current_snapshot("indicators", paths) != before,
        PUBLISH_TIMEOUT_S,
        "snapshot after the correction",
        process,
        log,
    )
    seconds = time.monotonic() - dropped
    print(f"\nreal scheduler: a corrected month published in {seconds:.0f} s")
    (paths.home / "correction_to_published.json").write_text(
        json.dumps({"correction_to_published_s": round(seconds, 1)})
    )
    assert not any(p.is_file() for p in paths.landing.rglob("*"))
    _wait(lambda: _idle(paths), PUBLISH_TIMEOUT_S, "idle scheduler", process, log)
    # one build, which took in the resent month: a row fewer in December 2021
    assert _dbt_builds(paths) == {"success": 1}
    assert _sif_rows_in(paths, "2021-12-01") == december_rows - 1
