"""`make bench`: the pipeline's stages at national scale, against the DuckDB limit and a pandas
script, with the ratios the targets are stated in (docs/benchmarks.md).

    python -m benchmarks.run [--sizes 100k,1M,10M] [--runs 3] [--work DIR] [--out FILE]

For each size it generates deterministic extracts, then `runs` times on a fresh home: validate
(the gate), load, dbt build and publish, each in its own process as Airflow runs them; then the
limit (one DuckDB statement over the files) and the analyst's pandas script, `runs` times each.
All three methods' headline figures must agree, or the run fails. At the largest size it also
processes the next month on top of the history (the incremental case) and times the dashboard's
interactions on the published marts. Airflow's own cost is measured once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from importlib import metadata
from pathlib import Path

import pandas as pd

from benchmarks.generate import generate_extracts, generate_next_month, read_manifest
from benchmarks.headline import compare_headlines, headline_from_warehouse
from benchmarks.stages import PIPELINE_STAGES
from roma_monitor.settings import PROJECT_ROOT, Paths

# 10k: the smoke test's size in `make test` (tests/bench), not a national-scale measurement.
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
METHODS = ("limit", "pandas")
VERSIONED = (
    "duckdb",
    "dbt-core",
    "dbt-duckdb",
    "great-expectations",
    "apache-airflow",
    "streamlit",
    "pandas",
)


class MethodsDisagree(AssertionError):
    """The pipeline, the DuckDB limit and the pandas script did not give the same figures."""


def run_stage(stage: str, home: Path, extracts: Path | None = None, result: Path | None = None):
    """Run one stage in a new process; its measurement (seconds, peak_rss_mb, ...)."""
    args = [sys.executable, "-m", "benchmarks.stages", stage, "--home", str(home)]
    if extracts:
        args += ["--extracts", str(extracts)]
    if result:
        args += ["--result", str(result)]
    # `benchmarks` is a folder of the repository, not of the installed package.
    path = os.pathsep.join(filter(None, (str(PROJECT_ROOT), os.environ.get("PYTHONPATH"))))
    completed = subprocess.run(
        args, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": path}
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"stage {stage} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def land(files: list[Path], home: Path) -> None:
    """Put extracts in the home's landing folders, as the agencies' uploads arrive."""
    paths = Paths(home).ensure()
    for path in files:
        target = paths.landing_for(path.parent.name) / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


def extract_files(extracts: Path) -> list[Path]:
    manifest = read_manifest(extracts)
    return [
        extracts / item["path"]
        for dataset in manifest["datasets"].values()
        for item in dataset["files"]
    ]


def generated(extracts: Path, rows: int) -> dict:
    """The extracts of `rows`, generated unless the folder already holds them."""
    try:
        manifest = read_manifest(extracts)
        if manifest["total_rows_requested"] == rows and all(
            p.exists() for p in extract_files(extracts)
        ):
            return {**manifest, "seconds": None}
    except FileNotFoundError:
        pass
    return generate_extracts(extracts, rows)


def pipeline_run(extracts: Path, home: Path) -> dict[str, dict]:
    shutil.rmtree(home, ignore_errors=True)
    land(extract_files(extracts), home)
    return {stage: run_stage(stage, home) for stage in PIPELINE_STAGES}


def new_month_run(extracts: Path, rows: int, home: Path) -> dict[str, dict]:
    """The next month's extracts processed on top of the history already in `home`."""
    files = generate_next_month(extracts, rows)
    land(files, home)
    measured = {stage: run_stage(stage, home) for stage in PIPELINE_STAGES}
    measured["files"] = {"rows": sum(_rows_of(f) for f in files), "count": len(files)}
    return measured


def _rows_of(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def method_runs(extracts: Path, work: Path, runs: int) -> tuple[dict[str, list[dict]], dict]:
    measured: dict[str, list[dict]] = {m: [] for m in METHODS}
    figures = {}
    for _ in range(runs):
        for method in METHODS:
            result = work / f"{method}.json"
            measured[method].append(run_stage(method, work, extracts, result))
            figures[method] = pd.read_json(result, orient="records", dtype={"geo_code": str})
    return measured, figures


def check_agreement(home: Path, figures: dict[str, pd.DataFrame]) -> int:
    """The pipeline's published figures equal both methods'; returns how many were compared."""
    published = headline_from_warehouse(home)
    problems = []
    for method, frame in figures.items():
        problems += [f"pipeline vs {method}: {d}" for d in compare_headlines(published, frame)]
    if problems:
        raise MethodsDisagree("\n".join(problems[:30]))
    return len(published)


def median(values: list[float]) -> float:
    return statistics.median(values)


def summarise(runs: list[dict[str, dict]], stages) -> dict[str, dict]:
    """Per stage: median seconds, peak RSS (the largest of the runs), and rows."""
    summary = {}
    for stage in stages:
        measured = [r[stage] for r in runs]
        summary[stage] = {
            "seconds": median([m["seconds"] for m in measured]),
            "all_seconds": [round(m["seconds"], 3) for m in measured],
            "peak_rss_mb": max(m["peak_rss_mb"] for m in measured),
            "rows": measured[0].get("rows"),
        }
    return summary


def bench_size(label: str, rows: int, work: Path, runs: int, new_month: bool, dashboard: bool):
    extracts = work / label / "extracts"
    manifest = generated(extracts, rows)
    home = work / label / "home"
    full_runs = [pipeline_run(extracts, home) for _ in range(runs)]
    measured, figures = method_runs(extracts, work / label, runs)
    compared = check_agreement(home, figures)
    result = {
        "rows": manifest["rows"],
        "files": manifest["files"],
        "bytes": manifest["bytes"],
        "generate_seconds": manifest.get("seconds"),
        "stages": summarise(full_runs, PIPELINE_STAGES),
        "methods": summarise([{m: measured[m][i] for m in METHODS} for i in range(runs)], METHODS),
        "figures_compared": compared,
        "readers": full_runs[-1]["validate"].get("readers"),
    }
    from benchmarks.disclosure import measure_disclosure

    result["disclosure"] = measure_disclosure(home, runs)
    if dashboard:
        from benchmarks.dashboard import measure_dashboard

        result["dashboard"] = measure_dashboard(home, runs=max(runs, 5))
    if new_month:
        # The history as the last full run left it; each new-month run starts from a copy.
        history = work / label / "history"
        shutil.rmtree(history, ignore_errors=True)
        shutil.copytree(home, history)
        month_runs = []
        for _ in range(runs):
            shutil.rmtree(home, ignore_errors=True)
            shutil.copytree(history, home)
            month_runs.append(new_month_run(extracts, rows, home))
        shutil.rmtree(history, ignore_errors=True)
        result["new_month"] = summarise(month_runs, PIPELINE_STAGES)
        result["new_month_rows"] = month_runs[0]["files"]["rows"]
    return result


def ratios(result: dict) -> dict[str, float]:
    stages, methods = result["stages"], result["methods"]
    pipeline = sum(stages[s]["seconds"] for s in PIPELINE_STAGES)
    out = {
        "pipeline_s": pipeline,
        "pipeline_vs_limit": pipeline / methods["limit"]["seconds"],
        "pipeline_vs_pandas": pipeline / methods["pandas"]["seconds"],
        "gate_vs_load": stages["validate"]["seconds"] / stages["load"]["seconds"],
        "peak_rss_gb": max(s["peak_rss_mb"] for s in stages.values()) / 1024,
    }
    if "new_month" in result:
        month = sum(result["new_month"][s]["seconds"] for s in PIPELINE_STAGES)
        out["new_month_s"] = month
        out["new_month_vs_full"] = month / pipeline
        out["new_month_dbt_vs_full_dbt"] = (
            result["new_month"]["dbt"]["seconds"] / stages["dbt"]["seconds"]
        )
    if "dashboard" in result:
        out["dashboard_ms"] = max(i["median_ms"] for i in result["dashboard"])
    return out


def machine_facts() -> dict:
    memory_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    except OSError:
        pass
    versions = {}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "date": date.today().isoformat(),
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average": os.getloadavg()[0],
        "versions": versions,
    }


def run(
    sizes: list[str],
    runs: int,
    work: Path,
    airflow: bool = True,
    dashboard: bool = True,
    new_month: bool = True,
) -> dict:
    """Every size's measurements, ratios and the machine; raises MethodsDisagree."""
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"machine": machine_facts(), "runs": runs, "sizes": {}}
    largest = max(sizes, key=lambda s: SIZES[s])
    for label in sizes:
        at_largest = label == largest
        result = bench_size(
            label,
            SIZES[label],
            work,
            runs,
            new_month=new_month and at_largest,
            dashboard=dashboard and at_largest,
        )
        result["ratios"] = ratios(result)
        results["sizes"][label] = result
        print(f"{label}: {json.dumps(result['ratios'])}", flush=True)
        (work / "results.json").write_text(json.dumps(results, indent=2, default=str))
    if airflow:
        from benchmarks.airflow_cost import measure_airflow_cost

        results["airflow"] = measure_airflow_cost(work / "airflow", runs=runs)
    results["seconds"] = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> None:
    from benchmarks.report import write_report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1M,10M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=PROJECT_ROOT / "var" / "bench")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-airflow", action="store_true")
    parser.add_argument("--no-dashboard", action="store_true")
    parser.add_argument("--no-new-month", action="store_true")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose from {list(SIZES)}")
    results = run(
        sizes,
        args.runs,
        args.work,
        airflow=not args.no_airflow,
        dashboard=not args.no_dashboard,
        new_month=not args.no_new_month,
    )
    (args.work / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(write_report(results, args.out))


if __name__ == "__main__":
    main()
