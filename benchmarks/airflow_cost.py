"""What Airflow and dbt cost by themselves, to choose the DAGs' task granularity from numbers.

Runs `airflow dags test` on synthetic DAGs of trivial tasks (airflow_dags/bench_dags.py) in a
throwaway AIRFLOW_HOME (SQLite metadata, as the demo and the end-to-end tests), and fits the time
of a DAG run (its own duration, and the command's wall time) as fixed cost + cost per task
instance. Two ways of running the tasks:

- inline: `airflow dags test` runs every task inside its own process, one after another, as the
  demo and the end-to-end tests do; a module is imported once per DAG run.
- executor: `airflow dags test --use-executor` hands each task to the LocalExecutor, which starts
  a process per task that talks to an API server, as the scheduler in docker-compose does; every
  task pays its imports again. The DAG test loop polls once a second while tasks run, much like
  the scheduler's loop, so dependent tasks also pay that wait.

Also measured: the import cost of our package and of Great Expectations (inside a task and in a
fresh interpreter) and what a dbt invocation costs before it does any work, against `dbt build`
of one small model. granularity_estimates() turns the numbers into the cost of the choices in
docs/orchestration.md. And what parsing the project's DAG files costs the DAG processor
(`airflow dags report`: each file's import, in one process), which must stay well under
Airflow's 30 s import timeout.

    uv run python -m benchmarks.airflow_cost --runs 3
    uv run python -m benchmarks.airflow_cost --parse-only --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from roma_monitor.airflow_env import airflow_environment
from roma_monitor.settings import DBT_PROJECT_DIR, Paths

BIN = Path(sys.executable).parent
BENCH_DAGS = Path(__file__).resolve().parent / "airflow_dags"
MODES = ("inline", "executor")
SHAPES = ("chain", "mapped")
SIZES = (1, 4, 16)
IMPORT_DAGS = {"pipeline": "bench_import_pipeline", "gx": "bench_import_gx"}
# Imported in a fresh interpreter: what a new task process pays for each.
PYTHON_IMPORTS = {
    "pipeline": "roma_monitor.pipeline",
    "gx": "great_expectations",
    "dbt": "dbt.cli.main",
    "airflow_sdk": "airflow.sdk",
}
# A table built from two seeds: `dbt build` of it is mostly dbt's own start-up.
# (--indirect-selection cautious: the tests of fct_* that reference it would need those built.)
TINY_MODEL = "dim_geography"
COMMAND_TIMEOUT_S = 900
DAG_TEST_TIMEOUT_S = 300
# `airflow dags test` logs this when the run is over; what follows is only shutting down.
RUN_FINISHED = "DagRun Finished:"
RUN_DURATION = re.compile(r"run_duration=([0-9.]+)")
SHUTDOWN_GRACE_S = 30
API_SERVER_START_TIMEOUT_S = 180

# Per-file (or per-batch) ingest tasks, validate and load, and the tasks every ingest run has
# besides them (wait_for_extracts, publish_load_status; the failure leaf is skipped when all went
# well). Backfill: about the files of six years of every source (`make bench` writes 138).
INGEST_TASKS_PER_FILE = 2
INGEST_TASKS_PER_RUN = 2
BACKFILL_FILES = 130
STEADY_FILES = 1
BATCH_FILES = 20


def task_instances(shape: str, size: int) -> int:
    """Task instances a synthetic DAG runs: a chain of n, or a list task + n mapped ones."""
    return size + 1 if shape == "mapped" else size


def dag_id(shape: str, size: int) -> str:
    return f"bench_{shape}_{size}"


def fit_line(points: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares intercept and slope of y = a + b·x: a DAG run's fixed cost and its cost per
    task instance."""
    points = list(points)
    xs = [x for x, _ in points]
    if len(set(xs)) < 2:
        raise ValueError("a line needs points at two different x at least")
    mean_x = statistics.fmean(xs)
    mean_y = statistics.fmean(y for _, y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x in xs)
    return mean_y - slope * mean_x, slope


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls: robust to one call slowed by the machine's other jobs."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_checked(args: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> None:
    """Run a command; a failure raises with the end of its output, since a failed run's time
    would measure the wrong thing."""
    done = subprocess.run(
        list(args),
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:4])} failed (exit {done.returncode}):\n"
            + (done.stdout[-2000:] + done.stderr[-2000:])
        )


class _LogWatch:
    """Reads a growing log file from where it last stopped, looking for one marker."""

    def __init__(self, path: Path, marker: str):
        self.path, self.marker = path, marker
        self.offset, self.tail = 0, ""

    def seen(self) -> bool:
        with self.path.open(errors="replace") as log:
            log.seek(self.offset)
            chunk = log.read()
            self.offset = log.tell()
        text = self.tail + chunk
        self.tail = text[-len(self.marker) :]
        return self.marker in text


@dataclass(frozen=True)
class DagTestTiming:
    """One `airflow dags test`: the command's wall time, the DAG run's own duration (from its
    "DagRun Finished" line: no CLI start-up, so less noise), and whether its shutdown hung."""

    wall_s: float
    run_s: float
    hung: bool


def timed_dag_test(args: Sequence[str], env: Mapping[str, str], log_path: Path) -> DagTestTiming:
    """Time `airflow dags test` until it exits. Under load the LocalExecutor's shutdown can wait
    for ever on an idle worker after the run has finished; then the wall time counts until the
    run's "DagRun Finished" line, and the command's process group is ended."""
    with log_path.open("w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(args), env=dict(env), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    watch = _LogWatch(log_path, RUN_FINISHED)
    finished_at = None
    try:
        while (exit_code := process.poll()) is None:
            now = time.perf_counter()
            if finished_at is None and watch.seen():
                finished_at = now
            if finished_at is not None and now - finished_at > SHUTDOWN_GRACE_S:
                break
            if now - started > DAG_TEST_TIMEOUT_S:
                raise RuntimeError(f"{' '.join(args[1:])} ran over {DAG_TEST_TIMEOUT_S} s")
            time.sleep(0.1)
        ended = time.perf_counter()
    finally:
        _end_group(process)
    output = log_path.read_text(errors="replace")
    finished = [line for line in output.splitlines() if RUN_FINISHED in line]
    hung = exit_code is None
    succeeded = bool(finished) and "state=success" in finished[-1]
    if not succeeded or (not hung and exit_code != 0):
        raise RuntimeError(f"{' '.join(args[1:])} failed:\n{output[-3000:]}")
    run_duration = RUN_DURATION.search(finished[-1])
    wall = (finished_at if hung else ended) - started
    return DagTestTiming(wall, float(run_duration.group(1)) if run_duration else wall, hung)


def _end_group(process: subprocess.Popen) -> None:
    """End what the command left running (executor workers) in the session it was started in."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AirflowBench:
    """A throwaway AIRFLOW_HOME whose DAGs folder holds only the synthetic DAGs."""

    def __init__(self, work_dir: Path):
        self.home = work_dir / "airflow-bench"
        self.api_port = free_port()
        self.env = {
            **os.environ,
            **airflow_environment(Paths(self.home)),
            "AIRFLOW__CORE__DAGS_FOLDER": str(BENCH_DAGS),
            "AIRFLOW__API__PORT": str(self.api_port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": (
                f"http://127.0.0.1:{self.api_port}/execution/"
            ),
        }

    def airflow(self, *args: str) -> None:
        run_checked([str(BIN / "airflow"), *args], self.env)

    def set_up(self) -> float:
        """Create the metadata database and register the DAGs; returns the migration's time."""
        Path(self.env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        self.airflow("db", "migrate")
        migrated = time.perf_counter() - started
        self.airflow("dags", "reserialize")
        return migrated

    def dag_test(self, dag: str, mode: str, attempt: int = 0) -> DagTestTiming:
        flags = ["--use-executor"] if mode == "executor" else []
        args = [str(BIN / "airflow"), "dags", "test", *flags, dag]
        return timed_dag_test(args, self.env, self.home / f"{dag}.{mode}.{attempt}.log")

    @contextmanager
    def api_server(self) -> Iterator[None]:
        """The API server the executor's task processes report to, on a loopback port."""
        log = (self.home / "api-server.log").open("w")
        server = subprocess.Popen(
            [str(BIN / "airflow"), "api-server", "--host", "127.0.0.1"]
            + ["--port", str(self.api_port)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_until_healthy(server)
            yield
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()

    def _wait_until_healthy(self, server: subprocess.Popen) -> None:
        url = f"http://127.0.0.1:{self.api_port}/api/v2/monitor/health"
        deadline = time.monotonic() + API_SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"the API server exited; see {self.home / 'api-server.log'}")
            try:
                with urllib.request.urlopen(url, timeout=5):
                    return
            except OSError:
                time.sleep(1)
        raise RuntimeError(f"the API server did not answer within {API_SERVER_START_TIMEOUT_S} s")


def measure_dag_runs(
    bench: AirflowBench,
    runs: int,
    mode: str,
    shapes: Sequence[str],
    sizes: Sequence[int],
    include_imports: bool,
) -> dict[str, float]:
    """Median DAG run duration (`<mode>_<dag>_s`) and command wall time (`..._wall_s`) of
    `airflow dags test` per synthetic DAG. Runs go round all DAGs in turn, so a burst of load
    from other jobs spreads over them instead of hitting one."""
    dags = {f"{shape}_{size}": dag_id(shape, size) for shape in shapes for size in sizes}
    if include_imports:
        dags |= {f"import_{name}": dag for name, dag in IMPORT_DAGS.items()}
    timings: dict[str, list[DagTestTiming]] = {key: [] for key in dags}
    for attempt in range(runs):
        for key, dag in dags.items():
            timings[key].append(bench.dag_test(dag, mode, attempt))
    result: dict[str, float] = {}
    for key, values in timings.items():
        result[f"{mode}_{key}_s"] = statistics.median(t.run_s for t in values)
        result[f"{mode}_{key}_wall_s"] = statistics.median(t.wall_s for t in values)
    hung = sum(t.hung for values in timings.values() for t in values)
    if hung:
        print(f"{mode}: {hung} run(s) hung in shutdown after finishing", file=sys.stderr)
    return result | {f"{mode}_hung_runs": hung}


def add_fits(costs: dict[str, float], modes: Iterable[str], shapes: Iterable[str]) -> None:
    """Fixed cost per DAG run and cost per task instance, per mode and shape, of the run
    duration (`<mode>_<shape>_fixed_s`, `..._per_task_s`) and of the command's wall time
    (`..._wall_fixed_s`, `..._wall_per_task_s`); and what importing a module adds to a one-task
    run (`<mode>_import_<name>_extra_s`)."""
    for mode in modes:
        for shape in shapes:
            for basis in ("", "_wall"):
                points = [
                    (task_instances(shape, size), costs[key])
                    for size in SIZES
                    if (key := f"{mode}_{shape}_{size}{basis}_s") in costs
                ]
                if len({x for x, _ in points}) >= 2:
                    fixed, per_task = fit_line(points)
                    costs[f"{mode}_{shape}{basis}_fixed_s"] = fixed
                    costs[f"{mode}_{shape}{basis}_per_task_s"] = per_task
        baseline = costs.get(f"{mode}_chain_1_s")
        for name in IMPORT_DAGS:
            run = costs.get(f"{mode}_import_{name}_s")
            if baseline is not None and run is not None:
                costs[f"{mode}_import_{name}_extra_s"] = run - baseline


def measure_python_imports(runs: int) -> dict[str, float]:
    """Import time of each module in a fresh interpreter, less the interpreter's own start."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "False", "DO_NOT_TRACK": "1"}

    def python(code: str) -> Callable[[], None]:
        return lambda: run_checked([sys.executable, "-c", code], env)

    bare = median_seconds(python("pass"), runs)
    return {
        f"python_import_{name}_s": median_seconds(python(f"import {module}"), runs) - bare
        for name, module in PYTHON_IMPORTS.items()
    }


class DbtBench:
    """dbt as pipeline._run_dbt runs it (same executable, project and profiles), against a
    throwaway warehouse, with target and log folders under the work folder."""

    def __init__(self, work_dir: Path):
        self.dir = work_dir / "dbt-bench"
        self.warehouse = self.dir / "roma_monitor.duckdb"
        self.env = {
            **os.environ,
            "ROMA_WAREHOUSE_PATH": str(self.warehouse),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "DO_NOT_TRACK": "1",
        }

    def dbt(self, command: str, *args: str, target: str = "target") -> None:
        run_checked(
            [
                str(BIN / "dbt"),
                command,
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
                "--target-path",
                str(self.dir / target),
                "--log-path",
                str(self.dir / "logs"),
                *args,
            ],
            self.env,
        )

    def set_up(self) -> None:
        """An empty warehouse with the raw schema, the partial-parse cache filled, and the small
        model's seeds loaded."""
        from roma_monitor import warehouse

        self.dir.mkdir(parents=True, exist_ok=True)
        with warehouse.open_for_writing(self.warehouse):
            pass
        self.dbt("build", "--select", f"+{TINY_MODEL}", "--indirect-selection", "cautious")

    def parse_cold(self) -> None:
        """A parse without the partial-parse cache, as after a dbt upgrade or a new target."""
        target = f"target-cold-{time.monotonic_ns()}"
        self.dbt("parse", target=target)
        shutil.rmtree(self.dir / target, ignore_errors=True)

    def manifest(self) -> dict:
        return json.loads((self.dir / "target" / "manifest.json").read_text())


def measure_dbt(work_dir: Path, runs: int) -> tuple[dict[str, float], dict[str, int]]:
    """What a dbt invocation costs that does nothing (parse, ls) or one small model, and the
    project's node counts."""
    bench = DbtBench(work_dir)
    bench.set_up()
    costs = {
        "dbt_parse_cold_s": median_seconds(bench.parse_cold, runs),
        "dbt_parse_warm_s": median_seconds(lambda: bench.dbt("parse"), runs),
        "dbt_ls_warm_s": median_seconds(lambda: bench.dbt("ls", "--quiet"), runs),
        "dbt_build_one_s": median_seconds(
            lambda: bench.dbt("build", "--select", TINY_MODEL, "--indirect-selection", "cautious"),
            runs,
        ),
    }
    return costs, count_dbt_nodes(bench.manifest())


def count_dbt_nodes(manifest: Mapping) -> dict[str, int]:
    """What the dbt project holds, and the task counts cosmos would render from it."""
    nodes = manifest["nodes"].values()
    by_type: dict[str, int] = {}
    for node in nodes:
        by_type[node["resource_type"]] = by_type.get(node["resource_type"], 0) + 1
    tested: set[str] = set()
    source_only_tests = 0
    for node in nodes:
        if node["resource_type"] != "test":
            continue
        parents = [p for p in node["depends_on"]["nodes"] if not p.startswith("source.")]
        tested.update(parents)
        source_only_tests += not parents
    models = [uid for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"]
    seeds = [uid for uid, n in manifest["nodes"].items() if n["resource_type"] == "seed"]
    counts = {
        "models": len(models),
        "seeds": len(seeds),
        "data_tests": by_type.get("test", 0),
        "unit_tests": len(manifest.get("unit_tests", {})),
        "sources": len(manifest.get("sources", {})),
        "models_with_tests": sum(uid in tested for uid in models),
        "seeds_with_tests": sum(uid in tested for uid in seeds),
        "source_only_tests": source_only_tests,
    }
    # TestBehavior.AFTER_EACH: a run (or seed) task per node, and a test task after each tested one.
    counts["cosmos_after_each_tasks"] = sum(
        counts[key] for key in ("models", "seeds", "models_with_tests", "seeds_with_tests")
    )
    counts["cosmos_build_tasks"] = counts["models"] + counts["seeds"]
    return counts


def measure_airflow_cost(
    work_dir: Path,
    runs: int = 3,
    *,
    modes: Sequence[str] = MODES,
    shapes: Sequence[str] = SHAPES,
    sizes: Sequence[int] = SIZES,
    include_imports: bool = True,
    include_dbt: bool = True,
    include_parse: bool = True,
) -> dict:
    """Seconds: median wall time of each synthetic DAG run per mode, the fitted fixed cost per
    DAG run and cost per task instance, import costs, and dbt's start-up. Also `<mode>_hung_runs`
    (runs whose shutdown hung, timed to their end) and, with include_dbt, the dbt project's node
    counts under "dbt_nodes". What is measured so far is kept in work_dir/partial.json, so a
    failure late in a long benchmark loses nothing before it."""
    work_dir.mkdir(parents=True, exist_ok=True)
    bench = AirflowBench(work_dir)
    costs: dict = {"airflow_db_migrate_s": bench.set_up()}
    for mode in modes:
        with bench.api_server() if mode == "executor" else _nothing():
            costs |= measure_dag_runs(bench, runs, mode, shapes, sizes, include_imports)
        _checkpoint(work_dir, costs)
    add_fits(costs, modes, shapes)
    if include_parse:
        costs |= measure_dag_parse(work_dir, runs)
        _checkpoint(work_dir, costs)
    if include_imports:
        costs |= measure_python_imports(runs)
        _checkpoint(work_dir, costs)
    if include_dbt:
        dbt_costs, costs["dbt_nodes"] = measure_dbt(work_dir, runs)
        costs |= dbt_costs
    return costs


def parse_dags_report(text: str) -> dict[str, dict]:
    """`airflow dags report -o json`: per DAG file, its parse time in seconds and its DAG ids."""
    report = {}
    for entry in json.loads(text):
        hours, minutes, seconds = entry["duration"].split(":")
        report[entry["file"]] = {
            "s": int(hours) * 3600 + int(minutes) * 60 + float(seconds),
            "dags": sorted(entry["dags"]) if isinstance(entry["dags"], list) else [],
        }
    return report


def measure_dag_parse(work_dir: Path, runs: int) -> dict:
    """The project's DAG files parsed as the DAG processor parses them (`airflow dags report`,
    with the demo's and the tests' environment): the median over `runs` of each file's parse
    time and of their total, the command's wall time (with Airflow's own start-up), and the DAG
    ids found (a file that fails to import defines none)."""
    env = {**os.environ, **airflow_environment(Paths(work_dir / "dag-parse"))}
    Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    if not (Path(env["AIRFLOW_HOME"]) / "airflow.db").exists():
        run_checked([str(BIN / "airflow"), "db", "migrate"], env)  # dags report needs it
    args = [str(BIN / "airflow"), "dags", "report", "-o", "json"]
    reports, walls = [], []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=True
        )
        walls.append(time.perf_counter() - started)
        # Airflow's warnings may come first, on stdout too: the report is the JSON line.
        line = next(line for line in done.stdout.splitlines() if line.startswith("[{"))
        reports.append(parse_dags_report(line))
    files = sorted({name for report in reports for name in report})
    return {
        "dag_parse_total_s": statistics.median(
            sum(entry["s"] for entry in report.values()) for report in reports
        ),
        "dag_parse_wall_s": statistics.median(walls),
        "dag_parse_files_s": {
            name: statistics.median(r[name]["s"] for r in reports if name in r) for name in files
        },
        "dag_parse_dags": sorted({dag for r in reports for e in r.values() for dag in e["dags"]}),
    }


def _checkpoint(work_dir: Path, costs: Mapping) -> None:
    (work_dir / "partial.json").write_text(json.dumps(costs, indent=2) + "\n")


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def granularity_estimates(costs: Mapping[str, float], counts: Mapping[str, int]) -> dict:
    """Airflow's and dbt's own seconds for each way of cutting the DAGs, from the
    production-like (executor) figures. Left out, because every option pays them alike: the data
    work, and the fixed cost of a DAG run.

    Tasks that write the warehouse run one after another (DuckDB has one writer; the pool
    roma_warehouse has one slot), so each pays the chained cost per task. Cosmos' watcher
    sensors write nothing and run beside the producer: each pays two task starts (start, then
    resume after deferring) at the parallel cost per mapped instance, in CPU taken from dbt."""
    sequential = costs["executor_chain_per_task_s"]
    parallel = costs["executor_mapped_per_task_s"]
    # Every task process of our DAGs parses its DAG file, which imports our package.
    our_task = sequential + max(costs["executor_import_pipeline_extra_s"], 0.0)
    gx = max(costs["executor_import_gx_extra_s"], 0.0)
    dbt_start = costs["dbt_parse_warm_s"]

    def ingest_run(files: int, files_per_batch: int) -> float:
        batches = -(-files // files_per_batch)
        tasks = INGEST_TASKS_PER_RUN + INGEST_TASKS_PER_FILE * batches
        return tasks * our_task + batches * gx  # each validate task process imports GX

    nodes, after_each = counts["cosmos_build_tasks"], counts["cosmos_after_each_tasks"]
    return {
        "dbt_one_task_s": our_task + dbt_start,
        "cosmos_local_after_each_s": after_each * (sequential + dbt_start),
        "cosmos_local_build_s": nodes * (sequential + dbt_start),
        "cosmos_watcher_s": sequential + dbt_start + after_each * 2 * parallel,
        "ingest_steady_s": ingest_run(STEADY_FILES, 1),
        "ingest_backfill_per_file_s": ingest_run(BACKFILL_FILES, 1),
        f"ingest_backfill_batches_of_{BATCH_FILES}_s": ingest_run(BACKFILL_FILES, BATCH_FILES),
        "ingest_backfill_one_batch_s": ingest_run(BACKFILL_FILES, BACKFILL_FILES),
    }


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table, or nothing when there are no rows."""
    if not rows:
        return []
    return ["", _row(*header), _row(*["---"] * len(header)), *(_row(*r) for r in rows)]


def _mode_columns(modes: Sequence[str]) -> list[str]:
    return [f"{m}: {what} (s)" for m in modes for what in ("run", "wall")]


def _runs_table(costs: Mapping, modes: Sequence[str]) -> list[str]:
    dags = [
        (dag_id(shape, size), task_instances(shape, size), f"{shape}_{size}")
        for shape in SHAPES
        for size in SIZES
    ] + [(dag, 1, f"import_{name}") for name, dag in IMPORT_DAGS.items()]
    rows = []
    for dag, instances, key in dags:
        values = [costs.get(f"{m}_{key}{basis}_s") for m in modes for basis in ("", "_wall")]
        if any(v is not None for v in values):
            rows.append([dag, instances, *map(_s, values)])
    return _table(["DAG", "task instances", *_mode_columns(modes)], rows)


def _fits_table(costs: Mapping, modes: Sequence[str]) -> list[str]:
    rows = []
    for shape in SHAPES:
        for part in ("fixed", "per_task"):
            values = [costs.get(f"{m}_{shape}{b}_{part}_s") for m in modes for b in ("", "_wall")]
            if any(v is not None for v in values):
                rows.append([f"{shape}: {part.replace('_', ' ')}", *map(_s, values)])
    for name in IMPORT_DAGS:
        values = [value for m in modes for value in (costs.get(f"{m}_import_{name}_extra_s"), None)]
        if any(v is not None for v in values):
            rows.append([f"`import {PYTHON_IMPORTS[name]}` in a task", *map(_s, values)])
    header = ["least squares: time = fixed + per task × task instances", *_mode_columns(modes)]
    return _table(header, rows)


def _other_table(costs: Mapping) -> list[str]:
    labels = {
        "airflow_db_migrate_s": "`airflow db migrate` (once)",
        **{
            f"python_import_{name}_s": f"`import {module}`, fresh interpreter"
            for name, module in PYTHON_IMPORTS.items()
        },
        "dbt_parse_cold_s": "`dbt parse`, no partial-parse cache",
        "dbt_parse_warm_s": "`dbt parse`, partial-parse cache",
        "dbt_ls_warm_s": "`dbt ls`, partial-parse cache",
        "dbt_build_one_s": f"`dbt build --select {TINY_MODEL}`",
    }
    rows = [[label, _s(costs[key])] for key, label in labels.items() if key in costs]
    return _table(["other", "seconds"], rows)


def _estimates_table(costs: Mapping) -> list[str]:
    counts = costs.get("dbt_nodes")
    needed = (
        "executor_chain_per_task_s",
        "executor_import_pipeline_extra_s",
        "executor_import_gx_extra_s",
    )
    if not counts or not all(k in costs for k in (*needed, "dbt_parse_warm_s")):
        return []
    estimates = granularity_estimates(costs, counts)
    rows = [[key.removesuffix("_s"), _s(value)] for key, value in estimates.items()]
    return _table(["option: Airflow + dbt overhead", "seconds"], rows)


def _parse_table(costs: Mapping) -> list[str]:
    files = costs.get("dag_parse_files_s")
    if not files:
        return []
    rows = [[f"`dags/{name}`", _s(seconds)] for name, seconds in sorted(files.items())]
    rows += [
        ["**all DAG files**", f"**{_s(costs['dag_parse_total_s'])}**"],
        ["the command, with Airflow's start-up", _s(costs.get("dag_parse_wall_s"))],
    ]
    return _table(["DAG parse (`airflow dags report`)", "seconds"], rows)


def format_markdown(costs: Mapping, runs: int) -> str:
    """The measured figures as Markdown tables (the ones docs/orchestration.md quotes)."""
    modes = [m for m in MODES if any(k.startswith(f"{m}_") for k in costs)]
    counts = costs.get("dbt_nodes") or {}
    lines = [f"Median of {runs} run(s), seconds."]
    lines += _parse_table(costs)
    lines += _runs_table(costs, modes)
    lines += _fits_table(costs, modes)
    lines += _other_table(costs)
    lines += _table(["dbt project", "count"], [[k.replace("_", " "), v] for k, v in counts.items()])
    lines += _estimates_table(costs)
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work-dir", type=Path, help="default: a temporary folder, removed")
    parser.add_argument("--modes", default=",".join(MODES), help="inline,executor")
    parser.add_argument("--no-dbt", action="store_true", help="skip the dbt measurements")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--parse-only", action="store_true", help="only the DAG files' parse time (dags report)"
    )
    parser.add_argument(
        "--from-json", type=Path, help="print the tables of figures saved with --json; no runs"
    )
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")
    if args.from_json:
        costs = json.loads(args.from_json.read_text())
        add_fits(costs, modes, SHAPES)
        print(format_markdown(costs, args.runs))
        return
    with _work_dir(args.work_dir) as work_dir:
        if args.parse_only:
            costs = measure_dag_parse(work_dir, args.runs)
        else:
            costs = measure_airflow_cost(
                work_dir, args.runs, modes=modes, include_dbt=not args.no_dbt
            )
    if args.json:
        args.json.write_text(json.dumps(costs, indent=2) + "\n")
    print(format_markdown(costs, args.runs))


@contextmanager
def _work_dir(given: Path | None) -> Iterator[Path]:
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="roma-airflow-cost-") as tmp:
        yield Path(tmp)


if __name__ == "__main__":
    main()
