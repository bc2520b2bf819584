"""A crash during dbt or during publish leaves the warehouse and the published data as they were,
and a re-run completes. Real processes, really killed (SIGKILL), on a copy of the sample home.
(A crash during a load: tests/unit/test_load.py.)"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from roma_monitor import pipeline, warehouse
from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.settings import Paths

# A model rebuilt (in the working copy) by the time dbt is killed.
MODEL_DONE = re.compile(r"\bOK created sql (table|view) model\b")
SIF_STAGING = "stg_sif__participant_months"
# The SIF models and everything built on them, marts included (a full build costs ~3x more).
SIF_AND_DOWNSTREAM = f"{SIF_STAGING}+"
LAST_SIF_MONTH = "raw.sif_participant_months WHERE reporting_month = DATE '2022-12-01'"
# The real publish of the indicator tables, plus one last table that never finishes: the process
# is killed while it writes the new snapshot.
PUBLISH_NEVER_ENDING = """
from roma_monitor import pipeline
from roma_monitor.publish.snapshot import publish_tables
from roma_monitor.settings import get_paths

endless = "SELECT sum(a.range * b.range) FROM range(10000000) a, range(10000000) b"
tables = {**pipeline.INDICATOR_TABLES, "zz_endless": endless}
publish_tables("indicators", get_paths().warehouse, tables, get_paths())
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _marts(paths: Paths) -> dict[str, tuple]:
    """Every mart's row count and an order-independent hash of its rows."""
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' "
                "ORDER BY 1"
            ).fetchall()
        ]
        return {
            t: con.execute(f"SELECT count(*), sum(hash(t)) FROM marts.{t} t").fetchone()
            for t in tables
        }


def _published(paths: Paths) -> tuple[Path, str]:
    current = current_snapshot("indicators", paths)
    return current, _sha256(current)


def _correct_last_sif_month(paths: Paths) -> None:
    """Change the inputs, so that a rebuild would change the marts: a later extract of 2022-12
    (a correction) holding one row, of a participant who entered before, so nobody enters in
    2022-12 any more. (Raw rows are only ever added: the participant-month models are
    incremental by period and would not see rows deleted from raw.)"""
    with warehouse.connect(paths.warehouse) as con:
        con.execute(
            f"""
            INSERT INTO raw.sif_participant_months
            SELECT * REPLACE (
                '{"c" * 64}' AS _extract_sha256,
                1 AS _row_number,
                (SELECT max(_loaded_at) FROM raw.sif_participant_months) + INTERVAL 1 SECOND
                    AS _loaded_at
            )
            FROM {LAST_SIF_MONTH}
            AND participant_key IN (
                SELECT participant_key FROM raw.sif_participant_months
                WHERE reporting_month < DATE '2022-12-01'
            )
            LIMIT 1
            """
        )
        con.execute("CHECKPOINT")


def _python(code: str, paths: Paths) -> subprocess.Popen:
    env = {**os.environ, "ROMA_HOME": str(paths.home), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _kill_dbt_after_first_model(build: subprocess.Popen) -> list[str]:
    """Read the build's output until dbt has rebuilt a model, then SIGKILL the dbt process."""
    output = []
    for line in build.stdout:
        output.append(line)
        if MODEL_DONE.search(line):
            dbt = [
                p for p in psutil.Process(build.pid).children(recursive=True) if "dbt" in p.name()
            ]
            assert dbt, "the dbt process is running"
            for process in dbt:
                process.send_signal(signal.SIGKILL)
            break
    output += build.stdout.readlines()
    build.wait(timeout=60)
    return output


def test_dbt_killed_part_way_changes_nothing_and_a_rerun_completes(sample_copy):
    paths = sample_copy
    _correct_last_sif_month(paths)
    warehouse_before, marts_before = _sha256(paths.warehouse), _marts(paths)
    published_before = _published(paths)

    build = _python(
        f"from roma_monitor import pipeline; pipeline.dbt_build(select={SIF_AND_DOWNSTREAM!r})",
        paths,
    )
    output = "".join(_kill_dbt_after_first_model(build))

    assert build.returncode != 0 and "dbt build failed (exit -9)" in output, output[-2000:]
    assert _sha256(paths.warehouse) == warehouse_before, "the warehouse file is byte-identical"
    assert _marts(paths) == marts_before
    assert not Path(f"{paths.warehouse}.wal").exists()
    assert _published(paths) == published_before
    assert not list((paths.warehouse.parent / pipeline.DBT_BUILDS_DIR).glob("*/*"))

    pipeline.dbt_build(paths, select=SIF_AND_DOWNSTREAM)  # the re-run
    rebuilt = _marts(paths)
    assert rebuilt.keys() == marts_before.keys()
    assert rebuilt["fct_indicator_progress"] != marts_before["fct_indicator_progress"]
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        entries = con.execute(
            "SELECT value_in_period FROM marts.fct_indicator_progress WHERE geo_level = 'country' "
            "AND indicator_code = 'SIF_9144_PARTICIPANTS' AND period = DATE '2022-12-01'"
        ).fetchall()
    assert entries in ([], [(0,)]), "the re-run built the changed inputs"


def test_a_failing_dbt_test_leaves_the_warehouse_as_it_was(sample_copy):
    paths = sample_copy
    with warehouse.connect(paths.warehouse) as con:
        # A value the gate would have refused, in a row of an extract not built before (the
        # tests check only those: macros/get_where_subquery.sql): the staging model's
        # accepted_values test fails.
        con.execute(
            "INSERT INTO raw.sif_participant_months BY NAME "
            "SELECT * REPLACE ('X' AS sex, '0' || repeat('e', 63) AS _extract_sha256) "
            "FROM raw.sif_participant_months WHERE reporting_month = DATE '2022-12-01' LIMIT 1"
        )
        con.execute("CHECKPOINT")
    before = _sha256(paths.warehouse)
    with pytest.raises(RuntimeError, match="dbt build failed"):
        pipeline.dbt_build(paths, select=SIF_STAGING)  # the view is rebuilt, then its test fails
    assert _sha256(paths.warehouse) == before
    assert not list((paths.warehouse.parent / pipeline.DBT_BUILDS_DIR).glob("*/*"))


def test_a_build_does_not_replace_a_warehouse_written_meanwhile(sample_copy):
    """Writers are serialised by the Airflow pool; should one slip past it (a manual load), the
    build refuses to replace the warehouse rather than lose that write."""
    paths = sample_copy
    failure: list[BaseException] = []

    def build() -> None:
        try:
            pipeline.dbt_build(paths, select=SIF_STAGING)
        except RuntimeError as error:
            failure.append(error)

    builder = threading.Thread(target=build)
    builder.start()
    builds = paths.warehouse.parent / pipeline.DBT_BUILDS_DIR
    while not list(builds.glob(f"*/{paths.warehouse.name}")):
        time.sleep(0.05)
    # Waits for the write lock the copy holds, then writes while dbt builds (seconds, at least).
    with warehouse.connect(paths.warehouse) as con:
        con.execute(f"DELETE FROM {LAST_SIF_MONTH}")
    builder.join(timeout=300)
    assert failure and "written while dbt was building" in str(failure[0])
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        left = con.execute(f"SELECT count(*) FROM {LAST_SIF_MONTH}").fetchone()[0]
    assert left == 0, "the write made during the build is kept"


def test_publish_killed_part_way_keeps_the_last_snapshot_and_a_rerun_publishes(sample_copy):
    paths = sample_copy
    published_before = _published(paths)
    with connect_published("indicators", paths) as con:
        rows_before = con.execute("SELECT count(*) FROM fct_indicator_values").fetchone()
    publisher = _python(PUBLISH_NEVER_ENDING, paths)
    directory = published_before[0].parent
    while sum(p.stat().st_size for p in directory.glob("*.partial*")) < 1_000_000:
        assert publisher.poll() is None, publisher.stdout.read()
        time.sleep(0.05)
    publisher.send_signal(signal.SIGKILL)
    publisher.wait(timeout=30)

    assert _published(paths) == published_before, "current still names the same, intact file"
    with connect_published("indicators", paths) as con:
        assert con.execute("SELECT count(*) FROM fct_indicator_values").fetchone() == rows_before
    assert list(directory.glob("*.partial*")), "the killed publish left its partial file"

    version = pipeline.publish_indicators(paths)  # the re-run
    assert current_snapshot("indicators", paths).name == version != published_before[0].name
    assert not list(directory.glob("*.partial*")), "the re-run cleared the killed one's leftovers"
    with connect_published("indicators", paths) as con:
        assert con.execute("SELECT count(*) FROM fct_indicator_values").fetchone() == rows_before
