"""The pipeline's steps, each a plain function: Airflow tasks and the CLI both call these.

Steps pass file paths and small dicts, never data frames.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from roma_monitor.contracts.registry import get_contract
from roma_monitor.ingest.load import ValidationSummary, load_extract, record_rejection
from roma_monitor.publish.snapshot import publish_tables
from roma_monitor.settings import DBT_PROJECT_DIR, Paths, get_paths, suppression_threshold

log = logging.getLogger(__name__)

IGNORED_SUFFIXES = (".partial", ".tmp", ".part", ".crdownload")

# What the dashboard and the CLI may read: aggregates only, suppressed (docs/architecture.md).
INDICATOR_TABLES = {
    "fct_indicator_progress": "SELECT * FROM src.marts.fct_indicator_progress",
    "fct_indicator_values": "SELECT * FROM src.marts.fct_indicator_values",
    "fct_indicator_status": "SELECT * FROM src.marts.fct_indicator_status",
    "fct_workshops": "SELECT * FROM src.marts.fct_workshops",
    "fct_recommendation_status_history": (
        "SELECT * FROM src.marts.fct_recommendation_status_history"
    ),
    "dim_indicators": "SELECT * FROM src.marts.dim_indicators",
    "dim_geography": "SELECT * FROM src.marts.dim_geography",
    "ref_indicator_targets": "SELECT * FROM src.reference.ref_indicator_targets",
    "ref_measure_milestones": "SELECT * FROM src.reference.ref_measure_milestones",
    "ref_baseline_context": "SELECT * FROM src.reference.ref_baseline_context",
    "ref_category_labels": "SELECT * FROM src.reference.ref_category_labels",
}
# For the data engineers (pseudonymous keys, never published to the council's views).
OPERATIONS_TABLES = {
    "extract_loads": "SELECT * FROM src.audit.extract_loads ORDER BY finished_at",
}
ENGINEERING_TABLES = {
    "fct_jspa_noncompliant_programmes": "SELECT * FROM src.marts.fct_jspa_noncompliant_programmes",
}


class ExtractRejected(Exception):
    """An extract failed the gate; it is quarantined and nothing of it was loaded."""


def find_new_extracts(source: str, paths: Paths | None = None) -> list[str]:
    """Files waiting in the source's landing folder (still-uploading files are ignored)."""
    folder = (paths or get_paths()).landing_for(source)
    if not folder.is_dir():
        return []
    return sorted(
        str(p)
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(IGNORED_SUFFIXES)
    )


def validate_extract(path: str, source: str, paths: Paths | None = None) -> dict:
    """Gate one file. Passing: returns what the load needs. Failing: quarantines the file with
    its report, records the rejection in the load audit, and raises ExtractRejected."""
    from roma_monitor.validate.gate import quarantine, validate_source_file

    paths = paths or get_paths()
    report = validate_source_file(Path(path), source)
    if report.passed:
        log.info(report.summary())
        return {
            "path": path,
            "dataset": report.dataset,
            "sha256": report.sha256,
            "rows": report.rows,
            "checks_run": report.checks_run,
            "report_markdown": report.to_markdown(),
        }
    quarantined = quarantine(Path(path), report, paths)
    report_path = quarantined.with_name(quarantined.name + ".report.md")
    contract = get_contract(report.dataset) if report.dataset else None
    record_rejection(
        paths,
        source=source,
        dataset=report.dataset,
        period=contract.period_of_file(report.file_name) if contract else None,
        file_name=report.file_name,
        sha256=report.sha256,
        rows=report.rows,
        message=report.summary(),
        report_path=report_path,
        validation=ValidationSummary(report.checks_run, report.to_markdown()),
    )
    raise ExtractRejected(f"{report.summary()}. Report: {report_path}")


def load_validated(validated: dict, source: str, paths: Paths | None = None) -> dict:
    contract = get_contract(validated["dataset"])
    if contract.source != source:
        raise ValueError(f"{validated['dataset']} is not a dataset of {source}")
    result = load_extract(
        Path(validated["path"]),
        contract,
        paths or get_paths(),
        expected_sha256=validated["sha256"],
        validation=(
            ValidationSummary(validated["checks_run"], validated["report_markdown"])
            if "report_markdown" in validated
            else None
        ),
    )
    return {
        "dataset": contract.dataset,
        "file_name": result.file_name,
        "status": result.status,
        "rows": result.rows,
        "sha256": result.sha256,
    }


def dbt_build(paths: Paths | None = None, select: str | None = None) -> None:
    """Run `dbt build` (seeds, models, tests) on the warehouse; raises if anything fails.

    dbt runs in its own process: in-process, dbt-duckdb keeps the warehouse file open with a
    write configuration, and the publish step could not attach it afterwards.
    """
    paths = paths or get_paths()
    work = paths.home / "dbt"
    args = [
        str(Path(sys.executable).with_name("dbt")),
        "build",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--vars",
        f"{{suppression_threshold: {suppression_threshold()}}}",
    ]
    if select:
        args += ["--select", select]
    env = {
        **os.environ,
        "ROMA_WAREHOUSE_PATH": str(paths.warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    completed = subprocess.run(args, env=env, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"dbt build failed (exit {completed.returncode}); see the dbt log above")


def publish_indicators(paths: Paths | None = None) -> str:
    paths = paths or get_paths()
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        latest = con.execute(
            "SELECT strftime(max(period), '%Y-%m') FROM marts.fct_indicator_progress"
        ).fetchone()[0]
    metadata = {
        "latest_period": latest or "",
        "suppression_threshold": str(suppression_threshold()),
    }
    target = publish_tables("indicators", paths.warehouse, INDICATOR_TABLES, paths, metadata)
    log.info("published indicators snapshot %s", target.name)
    engineering = publish_tables("engineering", paths.warehouse, ENGINEERING_TABLES, paths)
    log.info("published engineering snapshot %s", engineering.name)
    return target.name


def publish_operations(paths: Paths | None = None) -> str | None:
    paths = paths or get_paths()
    if not paths.warehouse.exists():
        return None
    target = publish_tables("operations", paths.warehouse, OPERATIONS_TABLES, paths)
    log.info("published operations snapshot %s", target.name)
    return target.name
