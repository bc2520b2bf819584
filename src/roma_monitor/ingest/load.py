"""Loading a validated extract: idempotent (keyed by content hash) and atomic (one transaction)."""

from __future__ import annotations

import logging
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from roma_monitor import warehouse
from roma_monitor.contracts.base import Contract
from roma_monitor.ingest.reader import ROW_NUMBER, read_raw, sha256_of, to_typed
from roma_monitor.settings import Paths

log = logging.getLogger(__name__)


class ExtractChangedError(RuntimeError):
    """The file changed between validation and load."""


@dataclass(frozen=True)
class ValidationSummary:
    """What the gate said about a file, kept with its audit row (the data-quality page shows it).
    The report never contains a value shaped like a personal code (see validate.gate)."""

    checks_run: int
    report_markdown: str


@dataclass(frozen=True)
class LoadResult:
    file_name: str
    sha256: str
    status: str  # loaded | duplicate
    rows: int
    duration_s: float
    archived_to: Path | None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def is_loaded(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM audit.extract_loads WHERE sha256 = ? AND status = 'loaded'", [sha256]
    ).fetchone()
    return bool(row and row[0])


def write_audit(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    dataset: str | None,
    file_name: str,
    sha256: str,
    period: str | None,
    rows: int | None,
    status: str,
    started_at: datetime,
    message: str | None = None,
    report_path: str | None = None,
    validation: ValidationSummary | None = None,
) -> None:
    finished_at = _now()
    con.execute(
        "INSERT INTO audit.extract_loads (load_id, source, dataset, file_name, sha256, "
        "reporting_period, rows, status, started_at, finished_at, duration_s, message, "
        "report_path, checks_run, report_markdown) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            uuid.uuid4().hex,
            source,
            dataset,
            file_name,
            sha256,
            period,
            rows,
            status,
            started_at,
            finished_at,
            (finished_at - started_at).total_seconds(),
            message,
            report_path,
            validation.checks_run if validation else None,
            validation.report_markdown if validation else None,
        ],
    )


def archive_path(paths: Paths, contract: Contract, sha256: str, file_name: str) -> Path:
    return paths.archive / contract.source / f"{sha256[:16]}__{file_name}"


def _archive(path: Path, target: Path) -> Path:
    """Keep an immutable copy of the accepted file, then remove it from the landing folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        tmp = target.with_name(target.name + ".partial")
        shutil.copyfile(path, tmp)
        tmp.replace(target)
        target.chmod(0o444)
    path.unlink(missing_ok=True)
    return target


def load_extract(
    path: Path,
    contract: Contract,
    paths: Paths,
    expected_sha256: str | None = None,
    validation: ValidationSummary | None = None,
) -> LoadResult:
    """Load one validated file into the warehouse and archive it.

    The rows and the audit row are written in one transaction: a crash leaves the warehouse as it
    was. A file whose content was loaded before is recorded as a duplicate and not loaded again.
    """
    path = Path(path)
    started, started_at = time.perf_counter(), _now()
    sha256 = sha256_of(path)
    if expected_sha256 and sha256 != expected_sha256:
        raise ExtractChangedError(
            f"{path.name} changed after validation; it will be validated again"
        )
    period = contract.period_of_file(path.name)
    target = archive_path(paths, contract, sha256, path.name)
    with warehouse.open_for_writing(paths.warehouse) as con:
        if is_loaded(con, sha256):
            write_audit(
                con,
                source=contract.source,
                dataset=contract.dataset,
                file_name=path.name,
                sha256=sha256,
                period=period,
                rows=None,
                status="duplicate",
                started_at=started_at,
                message="identical content was loaded before; not loaded again",
                validation=validation,
            )
            log.info("%s: identical content already loaded, skipping", path.name)
            return LoadResult(
                path.name,
                sha256,
                "duplicate",
                0,
                time.perf_counter() - started,
                _archive(path, target),
            )
        frame = to_typed(read_raw(path, contract).frame, contract)
        frame["_extract_sha256"] = sha256
        frame["_source_file"] = path.name
        frame["_loaded_at"] = started_at
        columns = [
            *contract.column_names,
            "_extract_sha256",
            "_source_file",
            ROW_NUMBER,
            "_loaded_at",
        ]
        quoted = ", ".join(f'"{c}"' for c in columns)
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("extract_frame", frame[columns])
            con.execute(
                f"INSERT INTO {contract.raw_table} ({quoted}) SELECT {quoted} FROM extract_frame"
            )
            con.unregister("extract_frame")
            write_audit(
                con,
                source=contract.source,
                dataset=contract.dataset,
                file_name=path.name,
                sha256=sha256,
                period=period,
                rows=len(frame),
                status="loaded",
                started_at=started_at,
                message=f"loaded {len(frame)} rows",
                validation=validation,
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    archived = _archive(path, target)
    duration = time.perf_counter() - started
    log.info("%s: loaded %d rows in %.2f s", path.name, len(frame), duration)
    return LoadResult(path.name, sha256, "loaded", len(frame), duration, archived)


def record_rejection(
    paths: Paths,
    *,
    source: str,
    dataset: str | None,
    period: str | None,
    file_name: str,
    sha256: str,
    rows: int,
    message: str,
    report_path: Path,
    validation: ValidationSummary | None = None,
) -> None:
    with warehouse.open_for_writing(paths.warehouse) as con:
        write_audit(
            con,
            source=source,
            dataset=dataset,
            file_name=file_name,
            sha256=sha256,
            period=period,
            rows=rows,
            status="rejected",
            started_at=_now(),
            message=message,
            report_path=str(report_path),
            validation=validation,
        )
