"""End to end: the real DAGs through `airflow dags test` on generated extracts.

One Airflow run is shared by every test in this module (module-scoped fixture); the tests after
the first figures run further ingest runs on purpose (a rejected extract, a resent file) and are
ordered to come last. While `transform_and_publish` starts, another process holds the warehouse's
write lock: its first try fails on the lock and Airflow's retry completes the run. Failed runs
notify a local webhook server and the notifications file.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import duckdb
import pytest

from roma_monitor import notify
from roma_monitor.airflow_env import airflow_environment
from roma_monitor.contracts.registry import SOURCES
from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.sample import write_samples
from roma_monitor.settings import PROJECT_ROOT, SEEDS_DIR, Paths
from tests.conftest import KEY_B, sif_row, write_extract
from tests.extracts import extract_rows
from tests.privacy.fake_personal_codes import holds_code

pytestmark = pytest.mark.e2e

SEED = 5
BIN = Path(sys.executable).parent
PERSONAL_CODE = "150384-12345"
LOCK_ERROR = "Could not set lock on file"
# A transient fault made quick to recover from: wait 1 s for the lock, retry after 2 s.
FAULT_ENV = {"ROMA_WAREHOUSE_LOCK_WAIT_S": "1", "ROMA_RETRY_DELAY_S": "2", "PYTHONUNBUFFERED": "1"}
HOLD_WAREHOUSE_LOCK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""


@dataclass
class Run:
    paths: Paths
    env: dict[str, str]
    samples: Path  # one folder per source
    ingests: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    transform: subprocess.CompletedProcess | None = None
    webhook: list[bytes] = field(default_factory=list)

    @property
    def inputs(self) -> Path:
        """The SIF sample, which the independent counts below are computed from."""
        return self.samples / "sif"

    def airflow(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "airflow"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "roma-monitor"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def webhook() -> Iterator[tuple[str, list[bytes]]]:
    """A local HTTP server standing in for the team's chat: its URL and the bodies posted."""
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/roma", received
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def run(tmp_path_factory, webhook) -> Run:
    home = tmp_path_factory.mktemp("e2e") / "home"
    paths = Paths(home).ensure()
    env = {
        **os.environ,
        **airflow_environment(paths),
        **FAULT_ENV,
        "ROMA_NOTIFIER": "roma_monitor.notify:FileNotifier,roma_monitor.notify:WebhookNotifier",
        "AIRFLOW_CONN_ROMA_NOTIFY_WEBHOOK": webhook[0],
    }
    samples = home.parent / "samples"
    write_samples(samples, SEED)
    for source in SOURCES:
        shutil.copytree(samples / source, paths.landing_for(source))
    result = Run(paths, env, samples, webhook=webhook[1])
    for args in (
        ("db", "migrate"),
        ("pools", "set", "roma_warehouse", "1", "warehouse"),
        ("dags", "reserialize"),
    ):
        done = result.airflow(*args)
        assert done.returncode == 0, done.stderr[-3000:]
    result.ingests = {
        source: result.airflow("dags", "test", f"ingest_{source}") for source in SOURCES
    }
    result.transform = _transform_while_the_warehouse_is_locked(result)
    return result


def _transform_while_the_warehouse_is_locked(run: Run) -> subprocess.CompletedProcess:
    """`airflow dags test transform_and_publish` while another process holds the warehouse's
    write lock, released as soon as the first try has failed on it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WAREHOUSE_LOCK, str(run.paths.warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    args = [str(BIN / "airflow"), "dags", "test", "transform_and_publish"]
    dag_test = subprocess.Popen(
        args, env=run.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    watchdog = threading.Timer(900, dag_test.kill)
    watchdog.start()
    output = []
    try:
        for line in dag_test.stdout:
            output.append(line)
            if LOCK_ERROR in line and holder.poll() is None:
                holder.communicate("", timeout=30)  # release the lock: the retry can have it
    finally:
        watchdog.cancel()
        holder.kill()
        holder.wait()
    dag_test.wait()
    return subprocess.CompletedProcess(args, dag_test.returncode, "".join(output), "")


def _metadata(run: Run, read):
    """`read(db)` on Airflow's metadata database (SQLite, in WAL mode). Retried: once
    (8.12.2026, loaded CI machine) a read right after `airflow dags test` returned failed with
    "database disk image is malformed", and the same database checked whole (integrity_check)
    and held every run afterwards."""
    for attempt in range(5):
        db = sqlite3.connect(run.paths.home / "airflow" / "airflow.db", timeout=30)
        try:
            return read(db)
        except sqlite3.DatabaseError:
            if attempt == 4:
                raise
            time.sleep(1)
        finally:
            db.close()


def _tries(run: Run, dag_id: str, task_id: str) -> list[tuple[int, str]]:
    """(try number, state) of every try of a task, from Airflow's metadata database."""
    query = "SELECT try_number, state FROM {} WHERE dag_id = ? AND task_id = ?"
    return sorted(
        _metadata(
            run,
            lambda db: [
                *db.execute(query.format("task_instance_history"), (dag_id, task_id)),
                *db.execute(query.format("task_instance"), (dag_id, task_id)),
            ],
        )
    )


def _batches(run: Run, dag_id: str) -> list[tuple[str, str, str]]:
    """(run id, task name shown in the grid, state) of every process_batch of a DAG."""
    return _metadata(
        run,
        lambda db: db.execute(
            "SELECT run_id, rendered_map_index, state FROM task_instance "
            "WHERE dag_id = ? AND task_id = 'process_batch' ORDER BY run_id, map_index",
            (dag_id,),
        ).fetchall(),
    )


def _last_run_state(run: Run, dag_id: str, task_id: str) -> str:
    return _metadata(
        run,
        lambda db: db.execute(
            "SELECT state FROM task_instance WHERE dag_id = ? AND task_id = ? "
            "ORDER BY run_id DESC LIMIT 1",
            (dag_id, task_id),
        ).fetchone()[0],
    )


def _raw_asset_events(run: Run, source: str) -> int:
    return _metadata(
        run,
        lambda db: db.execute(
            "SELECT count(*) FROM asset_event JOIN asset ON asset.id = asset_event.asset_id "
            "WHERE asset.name = ?",
            (f"roma_raw_{source}",),
        ).fetchone()[0],
    )


def _notifications(run: Run) -> list[dict]:
    path = notify.notifications_file(run.paths)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _raw_rows(paths: Paths) -> int:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM raw.sif_participant_months").fetchone()[0]


def _audit(paths: Paths) -> list[tuple]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(
            "SELECT file_name, status, rows FROM audit.extract_loads WHERE source = 'sif' "
            "ORDER BY finished_at"
        ).fetchall()


def _read_inputs(folder: Path) -> list[dict]:
    return extract_rows(sorted(folder.glob("*.csv")))


def _expected_by_geography(rows: list[dict]) -> dict:
    """Cumulative unique participants at the end of 2022-12, counted at entry, by geography —
    computed from the files with the csv module and the seed tables, not the pipeline."""
    with open(SEEDS_DIR / "reference/ref_atvk_crosswalk_2009_2021.csv", encoding="utf-8") as f:
        to_2021 = {
            r["atvk_2009"]: r["atvk_2021"] for r in csv.DictReader(f) if r["is_primary"] == "true"
        }
    with open(SEEDS_DIR / "reference/ref_municipalities_2021.csv", encoding="utf-8") as f:
        region_of = {r["atvk_2021"]: r["planning_region_code"] for r in csv.DictReader(f)}
    entry: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["reporting_month"]):
        entry.setdefault(row["participant_key"], row)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    roma: dict[tuple[str, str], int] = defaultdict(int)
    stated: dict[tuple[str, str], int] = defaultdict(int)
    for person in entry.values():
        code = person["municipality_atvk"]
        code = to_2021.get(code, code)
        for key in (
            ("country", "LV"),
            ("planning_region", region_of[code]),
            ("municipality", code),
        ):
            counts[key] += 1
            roma[key] += person["ethnicity"] == "romu"
            stated[key] += person["ethnicity"] != "nav norādīta"
    return {"value": counts, "roma": roma, "stated": stated}


def test_dag_runs_load_every_extract_and_publish(run):
    for source, done in run.ingests.items():
        assert done.returncode == 0, (source, done.stdout[-3000:] + done.stderr[-3000:])
        assert not list(run.paths.landing_for(source).iterdir()), source
        archived = list((run.paths.archive / source).glob("*__*.csv"))
        assert len(archived) == len(list((run.samples / source).glob("*.csv"))), source
    assert run.transform.returncode == 0, (
        run.transform.stdout[-3000:] + run.transform.stderr[-3000:]
    )
    assert not list(run.paths.landing_for("sif").iterdir()), "every extract was archived"
    assert len(list((run.paths.archive / "sif").glob("*__SIF_*.csv"))) == 66
    audit = _audit(run.paths)
    assert [status for _, status, _ in audit] == ["loaded"] * 66
    assert (
        sum(rows for _, _, rows in audit) == len(_read_inputs(run.inputs)) == _raw_rows(run.paths)
    )
    assert current_snapshot("indicators", run.paths) is not None


def test_extracts_are_processed_in_batches_named_by_their_files(run):
    # 66 SIF files, in batches of at most 20: 20 + 20 + 20 + 6, each named first … last file
    batches = _batches(run, "ingest_sif")
    assert [(name, state) for _, name, state in batches] == [
        ("SIF_9144_201707.csv … SIF_9144_201902.csv (20 files)", "success"),
        ("SIF_9144_201903.csv … SIF_9144_202010.csv (20 files)", "success"),
        ("SIF_9144_202011.csv … SIF_9144_202206.csv (20 files)", "success"),
        ("SIF_9144_202207.csv … SIF_9144_202212.csv (6 files)", "success"),
    ]
    for source in SOURCES:  # each run loaded new extracts: one raw-data event, for dbt
        assert _last_run_state(run, f"ingest_{source}", "announce_new_data") == "success"
        assert _raw_asset_events(run, source) == 1, source


def test_the_raw_data_event_names_each_extract_loaded(run):
    """The event that starts transform_and_publish carries what the run loaded: each file
    (redacted), its period, rows and load id. Expected from the sample files themselves."""
    files = sorted(path.name for path in run.inputs.glob("*.csv"))
    (extra,) = _metadata(
        run,
        lambda db: db.execute(
            "SELECT asset_event.extra FROM asset_event "
            "JOIN asset ON asset.id = asset_event.asset_id WHERE asset.name = 'roma_raw_sif'"
        ).fetchone(),
    )
    event = json.loads(extra)
    assert event["source"] == "sif"
    # listed in load order, and the batches may run in any order
    loads = {load["file"]: load for load in event["loads"]}
    assert sorted(loads) == files and len(event["loads"]) == len(files)
    rows_by_file = defaultdict(int)
    for row in _read_inputs(run.inputs):
        rows_by_file[f"SIF_9144_{row['reporting_month'].replace('-', '')}.csv"] += 1
    for name in files:  # SIF_9144_YYYYMM.csv
        assert loads[name]["period"] == f"{name[9:13]}-{name[13:15]}", name
        assert loads[name]["rows"] == rows_by_file[name], name
    assert event["rows"] == sum(rows_by_file.values())
    with duckdb.connect(str(run.paths.warehouse), read_only=True) as con:
        audit = con.execute(
            "SELECT file_name, load_id FROM audit.extract_loads "
            "WHERE source = 'sif' AND status = 'loaded'"
        ).fetchall()
    assert {name: load["load_id"] for name, load in loads.items()} == dict(audit)


def test_a_transient_lock_error_is_retried_and_the_run_succeeds(run):
    assert run.transform.returncode == 0, run.transform.stdout[-3000:]
    assert LOCK_ERROR in run.transform.stdout, "the first try met the lock another process held"
    assert _tries(run, "transform_and_publish", "dbt_build") == [(1, "failed"), (2, "success")]
    assert _tries(run, "transform_and_publish", "publish_indicators") == [(1, "success")]
    assert _notifications(run) == [] and run.webhook == [], "a recovered run notifies nobody"


def test_published_figures_equal_an_independent_count(run):
    expected = _expected_by_geography(_read_inputs(run.inputs))
    with connect_published("indicators", run.paths) as con:
        published = con.execute("""
            SELECT geo_level, geo_code, value, roma_value, roma_value_suppressed,
                   ethnicity_coverage, target
            FROM fct_indicator_progress WHERE period = DATE '2022-12-01'
            AND indicator_code = 'SIF_9144_PARTICIPANTS'""").fetchall()
    with connect_published("indicators_internal", run.paths) as con:
        internal = dict(
            ((level, code), roma)
            for level, code, roma in con.execute("""
                SELECT geo_level, geo_code, roma_value FROM fct_indicator_progress
                WHERE period = DATE '2022-12-01' AND indicator_code = 'SIF_9144_PARTICIPANTS'
                """).fetchall()
        )
    assert len(published) == 1 + 5 + 43
    threshold = 5
    for level, code, value, roma, suppressed, coverage, target in published:
        key = (level, code)
        assert value == expected["value"][key], key
        want_roma = expected["roma"][key]
        assert internal[key] == want_roma, key  # the Ministry's view is exact
        # December ends a quarter: the public Roma count is the exact one rounded to the
        # nearest 5 (0-2 -> 0, 3-7 -> 5), or withheld (docs/privacy.md)
        if want_roma > 0 and value - want_roma < threshold:
            assert roma is None and suppressed, key  # nearly everyone counted is Roma
        elif suppressed:  # withheld by the audit
            assert roma is None, key
        else:
            assert roma == 5 * ((want_roma + 2) // 5), key
        if value:
            assert coverage == pytest.approx(expected["stated"][key] / value), key
        assert (target == 3000) == (level == "country")


def test_cumulative_series_is_monotonic_and_matches_monthly_entries(run):
    rows = _read_inputs(run.inputs)
    first_month: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["reporting_month"]):
        first_month.setdefault(row["participant_key"], row["reporting_month"])
    with connect_published("indicators", run.paths) as con:
        series = con.execute("""
            SELECT strftime(period, '%Y-%m'), value, value_in_period FROM fct_indicator_progress
            WHERE geo_level = 'country' AND indicator_code = 'SIF_9144_PARTICIPANTS'
            ORDER BY period""").fetchall()
    assert series[0][0] == "2017-07" and series[-1][0] == "2022-12" and len(series) == 66
    for month, value, new in series:
        assert new == sum(1 for m in first_month.values() if m == month)
        assert value == sum(1 for m in first_month.values() if m <= month)


def test_every_catalogue_indicator_is_published_with_its_status(run):
    with connect_published("indicators", run.paths) as con:
        catalogue = {
            r[0]: r[1]
            for r in con.execute("SELECT indicator_code, has_target FROM dim_indicators").fetchall()
        }
        published = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT indicator_code FROM fct_indicator_values"
            ).fetchall()
        }
        with_status = {
            r[0]
            for r in con.execute(
                "SELECT indicator_code FROM fct_indicator_status WHERE is_latest_period"
            ).fetchall()
        }
    catalogue_rows = sum(
        len(list(csv.DictReader(path.open(encoding="utf-8"))))
        for path in (SEEDS_DIR / "catalogue").glob("ref_indicator_catalogue_*.csv")
    )
    assert len(catalogue) == catalogue_rows >= 30
    with connect_published("engineering", run.paths) as con:
        noncompliant = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE len(failed_rules) > 0) "
            "FROM fct_jspa_noncompliant_programmes"
        ).fetchone()
    # each listed programme names the rules it broke (which, and how many in the sample:
    # tests/indicators/test_jspa_indicators.py, tests/unit/test_sample_jspa.py)
    assert noncompliant[0] == noncompliant[1]
    assert published == set(catalogue)
    assert with_status == {code for code, has_target in catalogue.items() if has_target}
    assert {
        "SIF_9144_PARTICIPANTS",
        "JSPA_833_PARTICIPANTS",
        "IKVD_834_INSTITUTIONS",
        "IKVD_834_MUNICIPALITIES_2009",
        "IKVD_834_NGO_PROJECTS",
        "IKVD_834_SPENDING_TOTAL_EUR",
        "IKVD_834_SPENDING_ESF_EUR",
    } <= with_status


def test_kpis_json_prints_the_published_indicators(run):
    done = run.cli("kpis", "--json")
    assert done.returncode == 0, done.stderr
    published = json.loads(done.stdout)
    assert set(published) == {"indicators", "status", "milestones", "baseline_context"}
    sif = [r for r in published["indicators"] if r["indicator"] == "SIF_9144_PARTICIPANTS"]
    assert len(sif) == 66 * 49
    latest_country = next(
        r for r in sif if r["geo_level"] == "country" and r["period"] == "2022-12"
    )
    assert latest_country["sam"] == "9.1.4.4" and latest_country["target"] == 3000
    expected = _expected_by_geography(_read_inputs(run.inputs))["value"][("country", "LV")]
    assert latest_country["value"] == expected
    statuses = {r["indicator"]: r for r in published["status"]}
    assert statuses["SIF_9144_PARTICIPANTS"]["progress_status"] == "achieved"
    # the data reach the target date (12.2022): every judgement is final
    assert {r["progress_status"] for r in statuses.values()} <= {"achieved", "not_achieved"}
    # one judgement in every row that carries one: on track after the target date = achieved
    for row in published["indicators"]:
        status_row = statuses.get(row["indicator"])
        if row["geo_level"] == "country" and status_row and row["period"] == status_row["period"]:
            status = status_row["progress_status"]
            assert row["progress_status"] == status
            assert row["on_track"] == (status == "achieved"), row["indicator"]
    assert all(r["status_method"] for r in statuses.values())
    assert {r["indicator"] for r in published["indicators"]} >= set(statuses)
    assert any(r["context_code"] for r in published["baseline_context"])
    assert any(r["event_date"] == "2017-06-07" for r in published["milestones"])
    done = run.cli("kpis", "--json", "--latest", "--breakdowns", "--geo-level", "country")
    breakdowns = json.loads(done.stdout)["breakdowns"]
    roma = [r for r in breakdowns if r["breakdown"] == "ethnicity"]
    assert roma and all(r["ethnicity_coverage"] is not None for r in roma if r["value"])


def test_dashboard_measure_page_shows_the_published_figure(run, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ROMA_HOME", str(run.paths.home))
    expected = _expected_by_geography(_read_inputs(run.inputs))["value"][("country", "LV")]
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard" / "streamlit_app.py"), default_timeout=60)
    at.query_params["indicator"] = "SIF_9144_PARTICIPANTS"
    at.run()
    assert not at.exception
    at.switch_page("app_pages/measure.py").run()
    assert not at.exception
    at.selectbox(key="indicator").set_value("SIF_9144_PARTICIPANTS").run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    # the SIF sample of seed 5 holds 3 260 people, counted once in the shell:
    # cat SIF_*.csv | tr -d '\r' | cut -d';' -f2 | grep -E '^[0-9a-f]{64}$' | sort -u | wc -l
    assert expected == 3260
    assert shown["Vērtība"] == "3\u00a0260"  # Latvian: a no-break space between thousands


def test_rejected_extract_is_reported_deleted_and_changes_nothing_published(run):
    indicators_before = current_snapshot("indicators", run.paths)
    rows_before, audit_before = _raw_rows(run.paths), len(_audit(run.paths))
    bad = write_extract(
        run.paths.landing_for("sif") / "SIF_9144_202212.csv",
        [
            sif_row(reporting_month="2022-12", service_start_date="01.12.2022"),
            sif_row(
                reporting_month="2022-12",
                participant_key=KEY_B,
                sex="X",
                service_start_date="01.12.2022",
                municipality_name=PERSONAL_CODE,
            ),
        ],
    )
    done = run.airflow("dags", "test", "ingest_sif")
    assert done.returncode != 0, "a rejected extract fails the DAG run visibly"
    assert "SIF_9144_202212.csv" in done.stdout + done.stderr
    _assert_the_failed_run_was_notified(run)
    assert not bad.exists()
    # it holds a personal code: deleted, not quarantined; only its report is kept
    folder = run.paths.quarantine / "sif"
    assert list(folder.glob("*__SIF_9144_202212.csv")) == []
    reports = list(folder.glob("*__SIF_9144_202212.csv.report.md"))
    assert len(reports) == 1
    report = reports[0].read_text()
    assert "SIF_9144_202212.csv" in report and "sex.allowed" in report
    assert "municipality_name.no_personal_code" in report
    assert _raw_rows(run.paths) == rows_before
    audit = _audit(run.paths)
    assert len(audit) == audit_before + 1 and audit[-1][1] == "rejected"
    assert current_snapshot("indicators", run.paths) == indicators_before
    # the failed batch is named by its one file; nothing new was loaded: no event, no dbt
    assert _batches(run, "ingest_sif")[-1][1:] == ("SIF_9144_202212.csv", "failed")
    assert _last_run_state(run, "ingest_sif", "announce_new_data") == "skipped"
    assert _raw_asset_events(run, "sif") == 1
    assert "No new sif extract was loaded in this run (1 rejected)" in done.stdout + done.stderr
    with connect_published("operations", run.paths) as con:
        last = con.execute(
            "SELECT file_name, status FROM extract_loads ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    assert last == ("SIF_9144_202212.csv", "rejected")
    # The personal code appears nowhere we wrote: reports, audit, snapshots, Airflow logs.
    leaks = [
        p
        for p in run.paths.home.rglob("*")
        if p.is_file() and PERSONAL_CODE.encode() in p.read_bytes()
    ]
    assert leaks == []


def _assert_the_failed_run_was_notified(run: Run) -> None:
    """One notification for the failed run (file and webhook): the DAG, the run, the failed
    task and the gate's reason, and no personal code."""
    notifications = _notifications(run)
    assert len(notifications) == 1 and len(run.webhook) == 1
    sent = notifications[0]
    assert json.loads(run.webhook[0]) == sent
    assert sent["dag_id"] == "ingest_sif" and sent["run_id"].startswith("manual__")
    rejected = [f for f in sent["failures"] if f["task_id"] == "process_batch"]
    assert len(rejected) == 1
    assert "1 of 1 extracts rejected" in rejected[0]["error"]
    assert "SIF_9144_202212.csv" in rejected[0]["error"] and "sex.allowed" in rejected[0]["error"]
    assert "process_batch[0]" in sent["text"] and sent["run_id"] in sent["text"]
    assert PERSONAL_CODE.encode() not in run.webhook[0]


def test_resent_identical_file_is_not_loaded_twice(run):
    rows_before = _raw_rows(run.paths)
    archived = next((run.paths.archive / "sif").glob("*__SIF_9144_201903.csv"))
    shutil.copy(archived, run.paths.landing_for("sif") / "SIF_9144_201903.csv")
    done = run.airflow("dags", "test", "ingest_sif")
    assert done.returncode == 0, done.stdout[-2000:]
    assert _raw_rows(run.paths) == rows_before
    assert _audit(run.paths)[-1][:2] == ("SIF_9144_201903.csv", "duplicate")
    assert not list(run.paths.landing_for("sif").iterdir())
    # nothing new: no raw-data event, so transform_and_publish (dbt) does not run
    assert _last_run_state(run, "ingest_sif", "announce_new_data") == "skipped"
    assert _raw_asset_events(run, "sif") == 1
    assert "No new sif extract was loaded in this run (1 duplicate)" in done.stdout + done.stderr


def test_a_transform_run_with_nothing_new_skips_dbt_and_publishing(run):
    """A run queued by an event the previous build already took in (another source's load
    while dbt ran): the warehouse is built from every accepted load, so dbt and publishing skip."""
    indicators_before = current_snapshot("indicators", run.paths)
    done = run.airflow("dags", "test", "transform_and_publish")
    assert done.returncode == 0, done.stdout[-2000:]
    assert _last_run_state(run, "transform_and_publish", "dbt_build") == "skipped"
    assert _last_run_state(run, "transform_and_publish", "publish_indicators") == "skipped"
    assert "already built from every accepted extract" in done.stdout + done.stderr
    assert current_snapshot("indicators", run.paths) == indicators_before


def test_a_code_in_a_file_name_never_reaches_airflow(run):
    """A clerk's file named with a personal code (an en dash between the halves, Word's
    autocorrect), holding one with a space inside: the DAG rejects and deletes it, and neither
    code reaches Airflow's metadata database (XCom, task arguments, rendered fields), its task
    logs, the notification or anything in the data home."""
    name_code, cell_code = "010203\u201345678", "290274 12340"
    folded = ("01020345678", "29027412340")
    notified_before = len(_notifications(run))
    bad = write_extract(
        run.paths.landing_for("sif") / f"SIF_9144_202212 {name_code}.csv",
        [sif_row(reporting_month="2022-12", municipality_name=f"Rīga {cell_code}")],
    )
    done = run.airflow("dags", "test", "ingest_sif")
    assert done.returncode != 0, "the rejection fails the run visibly"
    assert not bad.exists()
    notifications = _notifications(run)
    assert len(notifications) == notified_before + 1
    sent = json.dumps(notifications[-1], ensure_ascii=False)
    assert "REDACTED" in sent and "file_name.no_personal_code" in sent
    dump = _metadata(run, lambda db: "\n".join(db.iterdump()))
    logs = "".join(
        p.read_text(errors="replace") for p in (run.paths.home / "airflow").rglob("*.log")
    )
    for text in (dump, logs, sent, done.stdout, done.stderr):
        assert not any(holds_code(text, code) for code in folded)
