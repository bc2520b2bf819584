"""The pipeline's steps, each a plain function: Airflow tasks and the CLI both call these.

Steps pass file paths and small dicts, never data frames.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from roma_monitor import build_mark, warehouse
from roma_monitor.contracts.registry import get_contract
from roma_monitor.ingest import landing
from roma_monitor.ingest.load import (
    ValidationSummary,
    load_extract,
    one_connection,
    record_rejection,
)
from roma_monitor.privacy.disclosure import rounding_interval
from roma_monitor.privacy.personal_codes import redact, redact_name
from roma_monitor.publish.snapshot import publish_tables, published_at
from roma_monitor.publish.tables import (  # noqa: F401 (tests read the lists here too)
    ENGINEERING_TABLES,
    INDICATOR_TABLES,
    INTERNAL_INDICATOR_TABLES,
    OPERATIONS_TABLES,
)
from roma_monitor.settings import (
    DBT_PROJECT_DIR,
    Paths,
    get_paths,
    rounding_base,
    suppression_threshold,
)
from roma_monitor.validate.sql_gate import READER_REFERENCE

log = logging.getLogger(__name__)


class ExtractRejected(Exception):
    """An extract failed the gate; it is quarantined and nothing of it was loaded."""


def find_new_extracts(source: str, paths: Paths | None = None) -> list[str]:
    """References to what waits in the source's landing folder (roma_monitor.ingest.landing):
    every file, and every link or special file, which `validate_extract` refuses unread. Hidden
    files, Excel's lock files, files still uploading and sub-folders are ignored. A reference
    never holds a personal code: Airflow stores it (XCom, the mapped task's argument)."""
    return landing.waiting_references(source, paths or get_paths())


def validate_extract(reference: str, source: str, paths: Paths | None = None) -> dict:
    """Gate one entry of the source's landing folder, named by its reference (or its path).

    A link or a special file is refused unread: reported, recorded in the load audit, removed
    from landing (a link's target is not touched), and ExtractRejected is raised. A file passing
    the gate: returns what the load needs (with the reference, never the real name). A file
    failing it: quarantined with its report, the rejection recorded in the load audit, and
    ExtractRejected raised. Everything logged or raised names the file redacted."""
    paths = paths or get_paths()
    entry = landing.resolve_reference(reference, source, paths)
    refusal = landing.refusal_of(entry)
    if refusal is not None:
        report_path = landing.refuse(entry, refusal, source, paths)
        raise ExtractRejected(
            f"{refusal.summary(landing.shown_name(entry.name))}. Report: {report_path}"
        )
    if landing.kind_of(entry) != landing.EXTRACT:
        raise FileNotFoundError(f"{landing.shown_name(entry.name)} is a folder, not an extract")

    from roma_monitor.validate.gate import quarantine, validate_source_file

    report = validate_source_file(entry, source)
    if report.passed:
        log.info("%s", redact(report.summary()))
        return {
            "path": landing.reference_of(entry, paths),
            "dataset": report.dataset,
            "sha256": report.sha256,
            "rows": report.rows,
            "checks_run": report.checks_run,
            "report_markdown": report.to_markdown("en"),
            "report_markdown_lv": report.to_markdown("lv"),
            "reader": report.reader,
        }
    quarantined = quarantine(entry, report, paths)
    report_path = quarantined.with_name(quarantined.name + ".report.md")
    contract = get_contract(report.dataset) if report.dataset else None
    record_rejection(
        paths,
        source=source,
        dataset=report.dataset,
        period=contract.period_of_file(report.file_name) if contract else None,
        file_name=redact_name(report.file_name),
        sha256=report.sha256,
        rows=report.rows,
        message=redact(report.summary()),
        report_path=report_path,
        validation=ValidationSummary(
            report.checks_run,
            report.to_markdown("en"),
            report.to_markdown("lv"),
            report.failed_rules(),
        ),
    )
    raise ExtractRejected(redact(f"{report.summary()}. Report: {report_path}"))


def load_validated(validated: dict, source: str, paths: Paths | None = None) -> dict:
    contract = get_contract(validated["dataset"])
    if contract.source != source:
        raise ValueError(f"{validated['dataset']} is not a dataset of {source}")
    paths = paths or get_paths()
    result = load_extract(
        landing.resolve_reference(validated["path"], source, paths),
        contract,
        paths,
        expected_sha256=validated["sha256"],
        validation=(
            ValidationSummary(
                validated["checks_run"],
                validated["report_markdown"],
                validated.get("report_markdown_lv"),
            )
            if "report_markdown" in validated
            else None
        ),
        reader=validated.get("reader", READER_REFERENCE),
    )
    return {
        "dataset": contract.dataset,
        "file_name": result.file_name,
        "status": result.status,
        "rows": result.rows,
        "sha256": result.sha256,
    }


# --- batches of extracts (dags/ingest.py maps one task over each; docs/orchestration.md) ---------

BATCH_SIZE = 20  # files per mapped ingest task


def batches_of(references: list[str], size: int = BATCH_SIZE) -> list[dict]:
    """The references in batches of at most `size`, in their order (`find_new_extracts`'s), each
    with a label for Airflow's task name: its first and last file, redacted, and how many."""
    batches = []
    for start in range(0, len(references), size):
        chunk = references[start : start + size]
        first, last = shown_reference(chunk[0]), shown_reference(chunk[-1])
        label = first if len(chunk) == 1 else f"{first} … {last} ({len(chunk)} files)"
        batches.append({"label": label, "references": chunk})
    return batches


def shown_reference(reference: str) -> str:
    """A reference's file name as it may be shown: redacted, without a reference's digest."""
    name = Path(reference).name
    shown, mark, digest = name.rpartition(landing.REFERENCE_MARK)
    if mark and len(digest) == landing.DIGEST_CHARS and shown == landing.shown_name(shown):
        return shown
    return landing.shown_name(name)


def process_batch(references: list[str], source: str, paths: Paths | None = None) -> dict:
    """Gate and load the files of a batch one after another: each file is gated before it is
    loaded, loaded in its own transaction (`load_validated`), or rejected and quarantined on its
    own (`validate_extract`), and the others are handled all the same. A file no longer in the
    landing folder was handled by an earlier try (or run) and is skipped, so a retried batch
    does only what is left. Returns the redacted names by outcome: loaded, duplicate, skipped.

    After the whole batch: raises ExtractRejected naming each rejected file when any was
    rejected (not worth retrying: the next run sees what is left), else RuntimeError naming each
    file that failed otherwise (e.g. the warehouse's lock: a retry may pass)."""
    paths = paths or get_paths()
    done: dict[str, list[str]] = {"loaded": [], "duplicate": [], "skipped": []}
    rejected: list[str] = []
    failed: list[str] = []
    # the warehouse is opened once per batch; each file is still its own transaction
    with one_connection(paths):
        for reference in references:
            name = shown_reference(reference)
            try:
                landing.resolve_reference(reference, source, paths)
            except FileNotFoundError:
                log.info("%s is no longer in landing/%s/: handled before, skipped", name, source)
                done["skipped"].append(name)
                continue
            try:
                result = load_validated(validate_extract(reference, source, paths), source, paths)
            except ExtractRejected as rejection:
                log.error("%s", rejection)
                rejected.append(str(rejection))
            except Exception as error:  # noqa: BLE001 - the batch goes on; raised below, named
                log.exception("%s failed", name)
                failed.append(redact(f"{name}: {type(error).__name__}: {error}"))
            else:
                done[result["status"]].append(name)
    log.info(
        "%s batch of %d: %d loaded, %d duplicates, %d skipped, %d rejected, %d failed",
        source,
        len(references),
        *(len(done[status]) for status in ("loaded", "duplicate", "skipped")),
        len(rejected),
        len(failed),
    )
    problems = [f"- {line}" for line in rejected + failed]
    if rejected:
        raise ExtractRejected(
            f"{len(rejected)} of {len(references)} extracts rejected, each quarantined with its "
            "report, nothing of them loaded"
            + (f", and {len(failed)} failed (left in landing for the next run)" if failed else "")
            + ":\n"
            + "\n".join(problems)
        )
    if failed:
        raise RuntimeError(
            f"{len(failed)} of {len(references)} extracts failed (left in landing; a retry "
            "handles only those):\n" + "\n".join(problems)
        )
    return done


def announce_loads(source: str, since: datetime, paths: Paths | None = None) -> dict[str, int]:
    """How many of the source's files the load audit records since `since` (an ingest run's
    start), by status (loaded, duplicate, rejected), said in a sentence in the log: whether
    transform_and_publish (dbt) runs. No warehouse yet: none."""
    paths = paths or get_paths()
    if not paths.warehouse.exists():
        log.info("%s", _new_data_sentence(source, {}))
        return {}
    counts = dict(
        _audit_since(
            "SELECT status, count(*) FROM audit.extract_loads "
            "WHERE source = ? AND started_at >= ? GROUP BY status",
            source,
            since,
            paths,
        )
    )
    log.info("%s", _new_data_sentence(source, counts))
    return counts


def raw_event_extra(source: str, since: datetime, paths: Paths | None = None) -> dict:
    """What an ingest run's raw-data asset event carries (Airflow shows it with the event, and
    transform_and_publish can read it): each extract the run loaded since `since`, in load
    order, with its name (redacted), period, rows and load id, and the rows in all."""
    rows = _audit_since(
        "SELECT file_name, reporting_period, rows, load_id FROM audit.extract_loads "
        "WHERE source = ? AND started_at >= ? AND status = 'loaded' ORDER BY started_at, load_id",
        source,
        since,
        paths or get_paths(),
    )
    loads = [
        {"file": landing.shown_name(name), "period": period, "rows": count, "load_id": load_id}
        for name, period, count, load_id in rows
    ]
    return {"source": source, "loads": loads, "rows": sum(load["rows"] or 0 for load in loads)}


def _audit_since(query: str, source: str, since: datetime, paths: Paths) -> list[tuple]:
    """The load audit's rows of `query`, given the source and a time (an ingest run's start)."""
    if since.tzinfo is not None:  # the audit's times are UTC, without a zone
        since = since.astimezone(UTC).replace(tzinfo=None)
    con = warehouse.connect(paths.warehouse, read_only=True)
    try:
        return con.execute(query, [source, since]).fetchall()
    finally:
        con.close()


def _new_data_sentence(source: str, counts: dict[str, int]) -> str:
    loaded = counts.get("loaded", 0)
    others = ", ".join(
        f"{n} {status}" for status, n in sorted(counts.items()) if status != "loaded"
    )
    if loaded:
        return f"{loaded} new {source} extract(s) loaded: transform_and_publish (dbt) will run."
    return (
        f"No new {source} extract was loaded in this run"
        + (f" ({others})" if others else "")
        + ": transform_and_publish (dbt) does not run."
    )


# The working copies dbt builds, beside the warehouse: the same filesystem, so os.replace is atomic.
DBT_BUILDS_DIR = ".dbt-builds"


def dbt_build(
    paths: Paths | None = None,
    select: str | None = None,
    project_dir: Path = DBT_PROJECT_DIR,
    full_refresh: bool = False,
) -> None:
    """Run `dbt build` (seeds, models, tests) of the dbt project in `project_dir` and make its
    result the warehouse; raises if anything fails. The participant-month models are
    incremental (only new and corrected periods are rebuilt); `full_refresh` rebuilds them whole.

    dbt builds a working copy of the warehouse, which replaces the warehouse in one atomic rename
    only when the whole build succeeded: a failing model or test, or a crash part way, leaves the
    warehouse exactly as it was. dbt runs in its own process: in-process, dbt-duckdb keeps the
    warehouse file open with a write configuration, and the publish step could not attach it
    afterwards.
    """
    paths = paths or get_paths()
    build_dir = _new_build_dir(paths)
    # Same file name: dbt-duckdb names the database (and qualifies views) after the file's stem.
    work = build_dir / paths.warehouse.name
    try:
        copied = _copy_warehouse(paths.warehouse, work)
        definition = build_mark.definition_digest(project_dir, _dbt_vars())
        if select is None and not full_refresh and _definition_changed(work, definition):
            log.info("the models' definition changed since the last full build: a full refresh")
            full_refresh = True
        _run_dbt(paths, project_dir, work, select, full_refresh)
        with duckdb.connect(str(work)) as con:
            if select is None:
                build_mark.record_mark(con, definition)
            else:
                build_mark.clear_mark(con)
        _replace_warehouse(work, paths.warehouse, copied)
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)


def _definition_changed(work: Path, definition: str) -> bool:
    """Whether the warehouse copy was last fully built with another definition (or never):
    its incremental models may hold rows made by another definition."""
    if not work.exists():
        return True
    with duckdb.connect(str(work), read_only=True) as con:
        recorded = build_mark.recorded_build(con)
    return recorded is None or recorded.definition != definition


def dbt_build_is_current(paths: Paths | None = None, project_dir: Path = DBT_PROJECT_DIR) -> bool:
    """True when the warehouse's last full build was built from the loads and the definition
    (dbt project, the Python its models run, package versions, variables) it would be built
    from now (build_mark): a transform run has nothing to do."""
    paths = paths or get_paths()
    if not paths.warehouse.exists():
        return False
    definition = build_mark.definition_digest(project_dir, _dbt_vars())
    con = warehouse.connect(paths.warehouse, read_only=True)
    try:
        recorded = build_mark.recorded_build(con)
        return recorded is not None and recorded.mark == build_mark.build_mark(con, definition)
    finally:
        con.close()


# What publish_indicators writes, each a snapshot of its own.
BUILD_SNAPSHOT_KINDS = ("indicators", "indicators_internal", "engineering")


def published_is_current(paths: Paths | None = None) -> bool:
    """True when each snapshot publish_indicators writes was published after the warehouse's
    last full build (a transform run whose build was current need not publish again; one whose
    publication stopped part way publishes again)."""
    paths = paths or get_paths()
    if not paths.warehouse.exists():
        return False
    con = warehouse.connect(paths.warehouse, read_only=True)
    try:
        recorded = build_mark.recorded_build(con)
    finally:
        con.close()
    if recorded is None:
        return False
    for kind in BUILD_SNAPSHOT_KINDS:
        published = published_at(kind, paths)
        if published is None or published.timestamp() <= recorded.built_at_epoch_s:
            return False
    return True


def _dbt_vars(full_refresh: bool = False) -> str:
    """dbt's variables. A full refresh also audits every family of Roma cells afresh, instead of
    reusing the previous build's results (int_roma_cell_disclosure)."""
    reuse = ", reuse_disclosure: false" if full_refresh else ""
    return (
        f"{{suppression_threshold: {suppression_threshold()}, "
        f"rounding_base: {rounding_base()}{reuse}}}"
    )


def _new_build_dir(paths: Paths) -> Path:
    """A fresh folder for this build's working copy; what crashed builds left behind goes."""
    root = paths.warehouse.parent / DBT_BUILDS_DIR
    shutil.rmtree(root, ignore_errors=True)
    build_dir = root / uuid.uuid4().hex
    build_dir.mkdir(parents=True)
    return build_dir


def _file_state(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def _copy_warehouse(source: Path, work: Path) -> tuple[int, int, int] | None:
    """Copy the warehouse, its WAL folded in first, under its write lock. Returns the file's
    state, to check at the end that nobody wrote the warehouse meanwhile (None: no warehouse)."""
    if not source.exists():
        return None
    con = warehouse.connect(source)
    try:
        con.execute("CHECKPOINT")
        shutil.copyfile(source, work)
        return _file_state(source)
    finally:
        con.close()


# Optional: a folder where builds of any home share dbt's parsed project (its partial-parse
# file, one per project folder and vars), so a fresh home's first build does not parse it all.
DBT_PARSE_CACHE_ENV = "ROMA_DBT_PARSE_CACHE"
PARTIAL_PARSE_FILE = "partial_parse.msgpack"
# The tests of the seeds alone (dbt_project.yml): run by the test suite, not by every build.
DEFINITION_TESTS = "tag:definition"


def _run_dbt(
    paths: Paths, project_dir: Path, database: Path, select: str | None, full_refresh: bool = False
) -> None:
    """dbt builds `database`, from its folder as the working directory: the profile names the
    file relatively (`ROMA_WAREHOUSE_PATH` = its name), so it is the same for every build and
    dbt reuses its parsed project (partial parsing; it reparses the files whose checksum
    changed)."""
    work = paths.home / "dbt"
    dbt_vars = _dbt_vars(full_refresh)
    args = [
        str(Path(sys.executable).with_name("dbt")),
        "build",
        "--project-dir",
        str(project_dir.resolve()),
        "--profiles-dir",
        str(project_dir.resolve()),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--vars",
        dbt_vars,
        # dbt's unit tests check the models' logic on fixed inputs, and the tests tagged
        # `definition` check the seeds alone: a new extract cannot change their result, so they
        # run in the test suite (tests/dbt), not in every build.
        "--exclude-resource-type",
        "unit_test",
        "--exclude",
        DEFINITION_TESTS,
    ]
    if select:
        args += ["--select", select]
    if full_refresh:
        args.append("--full-refresh")
    shared = _shared_parse_file(project_dir, dbt_vars)
    if shared is not None and shared.exists():
        args += ["--partial-parse-file-path", str(shared)]
    env = {
        **os.environ,
        "ROMA_WAREHOUSE_PATH": database.name,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    started = time.time()
    completed = subprocess.run(args, env=env, cwd=database.parent, check=False)
    if shared is not None and completed.returncode == 0:
        _share_parse_file(work / "target" / PARTIAL_PARSE_FILE, shared, started)
    if completed.returncode != 0:
        raise RuntimeError(
            f"dbt build failed (exit {completed.returncode}); see the dbt log above. "
            "The warehouse is unchanged."
        )


def _shared_parse_file(project_dir: Path, dbt_vars: str) -> Path | None:
    folder = os.environ.get(DBT_PARSE_CACHE_ENV)
    if not folder:
        return None
    key = hashlib.sha256(f"{project_dir.resolve()}\n{dbt_vars}".encode()).hexdigest()[:16]
    return Path(folder) / f"{key}.msgpack"


def _share_parse_file(written: Path, shared: Path, since: float) -> None:
    """Copy the parse file this build wrote (dbt writes it only when it parsed something) to the
    shared folder, atomically: a build reading it meanwhile sees the old file or the new one."""
    if not written.exists() or written.stat().st_mtime < since - 1:
        return
    shared.parent.mkdir(parents=True, exist_ok=True)
    partial = shared.with_name(f"{shared.name}.{uuid.uuid4().hex}.tmp")
    shutil.copyfile(written, partial)
    os.replace(partial, shared)


def _replace_warehouse(work: Path, target: Path, copied: tuple[int, int, int] | None) -> None:
    """Make the built copy the warehouse (os.replace), unless the warehouse was written while
    dbt built (then nothing changes and the build is to be run again)."""
    with duckdb.connect(str(work)) as con:
        con.execute("CHECKPOINT")  # no WAL may travel separately from its file
    if copied is not None:
        # Every connection to the warehouse is closed before the rename: DuckDB shares one
        # database instance per path within a process, which would outlive the rename.
        con = warehouse.connect(target)
        try:
            con.execute("CHECKPOINT")
            changed = _file_state(target) != copied
        finally:
            con.close()
        if changed:
            raise RuntimeError(
                "the warehouse was written while dbt was building; it is unchanged, "
                "run the build again"
            )
    os.replace(work, target)
    log.info("dbt build applied to the warehouse %s", target.name)


def publish_indicators(paths: Paths | None = None) -> str:
    paths = paths or get_paths()
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        latest = con.execute(
            "SELECT strftime(max(period), '%Y-%m') FROM marts.fct_indicator_progress"
        ).fetchone()[0]
    metadata = {
        "latest_period": latest or "",
        "suppression_threshold": str(suppression_threshold()),
        "rounding_base": str(rounding_base()),
        # the largest count published as 0 (the legends' "≈0 means 0 to 2")
        "rounding_max_error": str(rounding_interval(0, rounding_base())[1]),
    }
    target = publish_tables("indicators", paths.warehouse, INDICATOR_TABLES, paths, metadata)
    log.info("published indicators snapshot %s", target.name)
    internal = publish_tables(
        "indicators_internal",
        paths.warehouse,
        INTERNAL_INDICATOR_TABLES,
        paths,
        {**metadata, "internal": "true"},
    )
    log.info("published internal indicators snapshot %s", internal.name)
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
