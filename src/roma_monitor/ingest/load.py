"""Loading a validated extract: idempotent (keyed by content hash) and atomic (one transaction).

Every accepted file is archived immutably as `<sha16>__<file>` beside a *load record*
(`<sha16>__<file>.load.json`: the audit row of its load, with the load time), so the warehouse
can be rebuilt from the archive alone in the original order (roma_monitor.rebuild).

A file for a period already loaded is a correction: it supersedes the earlier extract of that
period (both are kept) and its audit row records the revision (1 = the first accepted extract
of the dataset's period), the load it supersedes and that load's rows.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from roma_monitor import warehouse
from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.sql import (
    READER_DUCKDB,
    READER_DUCKDB_TRIMMED,
    READER_REFERENCE,
    cleaned_sql,
    numbered_sql,
    read_csv_sql,
    typed_sql,
)
from roma_monitor.ingest.reader import ROW_NUMBER, read_raw, sha256_of, to_typed
from roma_monitor.privacy.personal_codes import redact_name
from roma_monitor.settings import Paths

log = logging.getLogger(__name__)

AUDIT_COLUMNS = (
    "load_id",
    "source",
    "dataset",
    "file_name",
    "sha256",
    "reporting_period",
    "rows",
    "status",
    "started_at",
    "finished_at",
    "duration_s",
    "message",
    "report_path",
    "checks_run",
    "report_markdown",
    "revision",
    "supersedes_load_id",
    "rows_before",
    "report_markdown_lv",
    "failed_rules",
    "period_end_month",
)
TIMESTAMP_COLUMNS = ("started_at", "finished_at")
LOAD_RECORD_SUFFIX = ".load.json"
LOAD_RECORD_FORMAT = 1
COPY_CHUNK_BYTES = 1 << 20


# The write connection of `one_connection`, with the warehouse it writes.
_SESSION: ContextVar[tuple[Path, duckdb.DuckDBPyConnection] | None] = ContextVar(
    "warehouse_session", default=None
)


class ExtractChangedError(RuntimeError):
    """The file changed between validation and load."""


@dataclass(frozen=True)
class ValidationSummary:
    """What the gate said about a file, kept with its audit row (the data-quality page shows it).
    The report never contains a value shaped like a personal code (see validate.gate)."""

    checks_run: int
    report_markdown: str  # in English
    report_markdown_lv: str | None = None  # in Latvian
    # The rules that failed, as the audit's `failed_rules` keeps them: rule ids, column names,
    # counts and row numbers (dicts with rule, column_name, failed_rows, first_rows), never values.
    failed_rules: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class LoadResult:
    file_name: str
    sha256: str
    status: str  # loaded | duplicate
    rows: int
    duration_s: float
    archived_to: Path | None


@dataclass(frozen=True)
class Revision:
    """Which accepted extract of a dataset's period a load is, and what it supersedes."""

    number: int | None
    supersedes_load_id: str | None = None
    rows_before: int | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def is_loaded(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM audit.extract_loads WHERE sha256 = ? AND status = 'loaded'", [sha256]
    ).fetchone()
    return bool(row and row[0])


def revision_of(con: duckdb.DuckDBPyConnection, dataset: str, period: str | None) -> Revision:
    """The revision a new accepted extract of `dataset` for `period` would be: one more than
    the extracts of that period loaded so far, superseding the latest of them (the same order
    dbt's `latest_extract_rows` follows: the load time)."""
    if period is None:
        return Revision(None)
    earlier = con.execute(
        "SELECT load_id, rows FROM audit.extract_loads "
        "WHERE status = 'loaded' AND dataset = ? AND reporting_period = ? "
        "ORDER BY started_at DESC, finished_at DESC",
        [dataset, period],
    ).fetchall()
    if not earlier:
        return Revision(1)
    latest_id, latest_rows = earlier[0]
    return Revision(len(earlier) + 1, latest_id, latest_rows)


def insert_audit(con: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> None:
    """Write one audit row (the columns of AUDIT_COLUMNS; missing ones are NULL), with the end
    month of its reporting period."""
    record["period_end_month"] = warehouse.period_end_month(record.get("reporting_period"))
    columns = ", ".join(AUDIT_COLUMNS)
    marks = ", ".join("?" for _ in AUDIT_COLUMNS)
    con.execute(
        f"INSERT INTO audit.extract_loads ({columns}) VALUES ({marks})",
        [record.get(name) for name in AUDIT_COLUMNS],
    )


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
    revision: Revision | None = None,
) -> dict[str, Any]:
    """Record one load attempt; returns the audit row written."""
    finished_at = _now()
    record = {
        "load_id": uuid.uuid4().hex,
        "source": source,
        "dataset": dataset,
        "file_name": file_name,
        "sha256": sha256,
        "reporting_period": period,
        "rows": rows,
        "status": status,
        "started_at": started_at,
        "finished_at": finished_at,
        "duration_s": (finished_at - started_at).total_seconds(),
        "message": message,
        "report_path": report_path,
        "checks_run": validation.checks_run if validation else None,
        "report_markdown": validation.report_markdown if validation else None,
        "report_markdown_lv": validation.report_markdown_lv if validation else None,
        "failed_rules": [dict(rule) for rule in validation.failed_rules] if validation else None,
    }
    if revision is not None:
        record.update(
            revision=revision.number,
            supersedes_load_id=revision.supersedes_load_id,
            rows_before=revision.rows_before,
        )
    insert_audit(con, record)
    return record


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    contract: Contract,
    *,
    sha256: str,
    file_name: str,
    loaded_at: datetime,
    reader: str = READER_REFERENCE,
) -> int:
    """Insert the typed rows of `path` into the contract's raw table (inside the caller's
    transaction) with their lineage; returns the number of rows. `reader` is how the gate read
    the file: DuckDB (`duckdb`, `duckdb-trimmed`) or the reference reader (pandas)."""
    columns = [*contract.column_names, "_extract_sha256", "_source_file", ROW_NUMBER, "_loaded_at"]
    quoted = ", ".join(f'"{c}"' for c in columns)
    if reader in (READER_DUCKDB, READER_DUCKDB_TRIMMED):
        return _insert_rows_duckdb(
            con, path, contract, quoted, (sha256, file_name, loaded_at), reader
        )
    frame = to_typed(read_raw(path, contract).frame, contract)
    frame["_extract_sha256"] = sha256
    frame["_source_file"] = file_name
    frame["_loaded_at"] = loaded_at
    con.register("extract_frame", frame[columns])
    try:
        con.execute(
            f"INSERT INTO {contract.raw_table} ({quoted}) SELECT {quoted} FROM extract_frame"
        )
    finally:
        con.unregister("extract_frame")
    return len(frame)


def _insert_rows_duckdb(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    contract: Contract,
    quoted: str,
    lineage: tuple[str, str, datetime],
    reader: str,
) -> int:
    """The same rows, read and converted by DuckDB as the gate's DuckDB engine read them."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE extract_cells AS FROM {read_csv_sql(path, contract)}"
    )
    try:
        cleaned = cleaned_sql(
            contract, f"({numbered_sql('extract_cells')})", trim=reader == READER_DUCKDB_TRIMMED
        )
        typed = typed_sql(contract, f"({cleaned})")
        return con.execute(
            f"INSERT INTO {contract.raw_table} ({quoted}) "
            f"SELECT typed.* EXCLUDE ({ROW_NUMBER}), ?, ?, {ROW_NUMBER}, ? FROM ({typed}) AS typed",
            list(lineage),
        ).fetchone()[0]
    finally:
        con.execute("DROP TABLE IF EXISTS extract_cells")


# --- the archive and its load records ------------------------------------------------------------


def archive_path(paths: Paths, contract: Contract, sha256: str, file_name: str) -> Path:
    return paths.archive / contract.source / f"{sha256[:16]}__{file_name}"


def load_record_path(archived: Path) -> Path:
    """The load record kept beside an archived extract."""
    return archived.with_name(archived.name + LOAD_RECORD_SUFFIX)


def _write_read_only(target: Path, write) -> None:
    """Write `target` once, atomically (a partial file never carries the final name)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        return
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)  # left read-only by a crash
    write(tmp)
    tmp.chmod(0o444)
    os.replace(tmp, target)


def _archive_copy(path: Path, target: Path) -> Path:
    """Keep an immutable copy of the accepted file (the landing file is removed later)."""
    _write_read_only(target, lambda tmp: _link_or_copy(path, tmp))
    return target


def _link_or_copy(path: Path, target: Path) -> None:
    """Archive `path` as `target`: a hard link where the file has no other name and landing and
    archive share a filesystem (no bytes copied: the landing name is removed right after), else a
    copy. A file with another name (st_nlink > 1: that name may be outside landing, and writes
    through it would change the archive) is copied, so the archive never shares an inode with
    a file outside it. Only a regular file is archived: a link is never followed."""
    before = _regular_file_status(path)
    if before.st_nlink == 1 and _linked_alone(path, target, before):
        return
    _copy_regular_file(path, target)


def _not_a_file(path: Path) -> ExtractChangedError:
    return ExtractChangedError(
        f"{redact_name(path.name)} is no longer a regular file; it is neither archived nor loaded"
    )


def _regular_file_status(path: Path) -> os.stat_result:
    """The file's own status (lstat); raises unless it is a regular file."""
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode):
        raise _not_a_file(path)
    return status


def _linked_alone(path: Path, target: Path, before: os.stat_result) -> bool:
    """Hard-link `path` as `target`; False (and no `target`) when linking is impossible (another
    filesystem) or the file changed meanwhile: replaced, or given a name elsewhere."""
    try:
        os.link(path, target, follow_symlinks=False)
    except OSError:
        return False
    after = os.lstat(target)
    if (
        stat.S_ISREG(after.st_mode)
        and (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)
        and after.st_nlink == 2  # the landing name and the archive's
    ):
        return True
    target.unlink()
    return False


def _copy_regular_file(path: Path, target: Path) -> None:
    """Copy the file's bytes, opened without following a link or blocking on a FIFO."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:  # ELOOP: a link
        raise _not_a_file(path) from error
    with os.fdopen(descriptor, "rb") as source:
        if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
            raise _not_a_file(path)
        with target.open("xb") as copy:
            shutil.copyfileobj(source, copy, COPY_CHUNK_BYTES)


def write_load_record(archived: Path, record: dict[str, Any]) -> Path:
    """Keep the audit row of an extract's load beside its archived copy (never rewritten)."""
    content = {
        "format": LOAD_RECORD_FORMAT,
        "audit": {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in record.items()
            if name in AUDIT_COLUMNS
        },
    }
    target = load_record_path(archived)
    _write_read_only(
        target,
        lambda tmp: tmp.write_text(json.dumps(content, ensure_ascii=False, indent=1), "utf-8"),
    )
    return target


def read_load_record(archived: Path) -> dict[str, Any] | None:
    """The audit row kept beside an archived extract (timestamps as datetimes), or None when
    the extract was archived before load records existed."""
    target = load_record_path(archived)
    if not target.is_file():
        return None
    audit = json.loads(target.read_text("utf-8"))["audit"]
    for name in TIMESTAMP_COLUMNS:
        if audit.get(name):
            audit[name] = datetime.fromisoformat(audit[name])
    return audit


def loaded_record(con: duckdb.DuckDBPyConnection, sha256: str) -> dict[str, Any] | None:
    """The audit row of the load of this content, from the warehouse."""
    present = {row[0] for row in con.execute("DESCRIBE audit.extract_loads").fetchall()}
    columns = [name for name in AUDIT_COLUMNS if name in present]
    row = con.execute(
        f"SELECT {', '.join(columns)} FROM audit.extract_loads "
        "WHERE sha256 = ? AND status = 'loaded' ORDER BY started_at LIMIT 1",
        [sha256],
    ).fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


def _complete_load_record(
    con: duckdb.DuckDBPyConnection, paths: Paths, contract: Contract, sha256: str
) -> None:
    """A load that committed but crashed before its record was written: write it now."""
    record = loaded_record(con, sha256)
    if record is None:
        return
    archived = archive_path(paths, contract, sha256, record["file_name"])
    if archived.is_file() and not load_record_path(archived).exists():
        write_load_record(archived, record)
        log.info("%s: wrote the missing load record", archived.name)


# --- loading -------------------------------------------------------------------------------------


@contextmanager
def one_connection(paths: Paths) -> Iterator[duckdb.DuckDBPyConnection]:
    """Load (and record rejections of) several files over one write connection to the warehouse,
    as a task that handles a batch of files does. Each file is still loaded in its own
    transaction; the warehouse is opened, its schema ensured and its WAL checkpointed once, not
    once per file (a checkpoint rewrites the table's last row group: at a million rows, more
    than the insert itself). The warehouse's write lock is held until the end."""
    with warehouse.open_for_writing(paths.warehouse) as con:
        token = _SESSION.set((paths.warehouse, con))
        try:
            yield con
        finally:
            _SESSION.reset(token)


@contextmanager
def _writing(paths: Paths) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection of `one_connection` for this warehouse, or a new one closed on exit."""
    session = _SESSION.get()
    if session is not None and session[0] == paths.warehouse:
        yield session[1]
        return
    with warehouse.open_for_writing(paths.warehouse) as con:
        yield con


def load_extract(
    path: Path,
    contract: Contract,
    paths: Paths,
    expected_sha256: str | None = None,
    validation: ValidationSummary | None = None,
    reader: str = READER_REFERENCE,
) -> LoadResult:
    """Load one validated file into the warehouse and archive it with its load record.

    The rows and the audit row are written in one transaction: a crash leaves the warehouse as it
    was. A file whose content was loaded before is recorded as a duplicate and not loaded again.
    The landing file is removed only once its archived copy and load record exist.
    """
    path = Path(path)
    started, started_at = time.perf_counter(), _now()
    _regular_file_status(path)  # a link is never followed, a FIFO never opened
    sha256 = sha256_of(path)
    if expected_sha256 and sha256 != expected_sha256:
        raise ExtractChangedError(
            f"{redact_name(path.name)} changed after validation; it will be validated again"
        )
    period = contract.period_of_file(path.name)
    target = archive_path(paths, contract, sha256, path.name)
    with _writing(paths) as con:
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
                message=_duplicate_message(con, contract.dataset, period, sha256),
                validation=validation,
            )
            log.info("%s: identical content already loaded, skipping", redact_name(path.name))
            archived = _archive_copy(path, target)
            _complete_load_record(con, paths, contract, sha256)
            path.unlink(missing_ok=True)
            return LoadResult(
                path.name, sha256, "duplicate", 0, time.perf_counter() - started, archived
            )
        con.execute("BEGIN TRANSACTION")
        try:
            revision = revision_of(con, contract.dataset, period)
            rows = insert_rows(
                con,
                path,
                contract,
                sha256=sha256,
                file_name=path.name,
                loaded_at=started_at,
                reader=reader,
            )
            record = write_audit(
                con,
                source=contract.source,
                dataset=contract.dataset,
                file_name=path.name,
                sha256=sha256,
                period=period,
                rows=rows,
                status="loaded",
                started_at=started_at,
                message=_loaded_message(rows, revision),
                validation=validation,
                revision=revision,
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    archived = _archive_copy(path, target)
    write_load_record(archived, record)
    path.unlink(missing_ok=True)
    duration = time.perf_counter() - started
    log.info("%s: loaded %d rows in %.2f s", redact_name(path.name), rows, duration)
    return LoadResult(path.name, sha256, "loaded", rows, duration, archived)


def _duplicate_message(
    con: duckdb.DuckDBPyConnection, dataset: str, period: str | None, sha256: str
) -> str:
    """Why identical content is not loaded again, and whether it is the period's current one."""
    message = "identical content was loaded before; not loaded again"
    loads = con.execute(
        "SELECT sha256, revision, started_at FROM audit.extract_loads "
        "WHERE status = 'loaded' AND dataset = ? AND reporting_period IS NOT DISTINCT FROM ? "
        "ORDER BY started_at DESC, finished_at DESC",
        [dataset, period],
    ).fetchall()
    same = next((load for load in loads if load[0] == sha256), None)
    if not loads or same is None or loads[0][0] == sha256:
        return message
    return (
        f"identical to revision {same[1]} of {period} (loaded {same[2]:%d.%m.%Y}), which "
        f"revision {loads[0][1]} (loaded {loads[0][2]:%d.%m.%Y}) superseded: not loaded again, "
        "and the later revision stays current. To return to this version, send it as a new "
        "correction (docs/bad-inputs.md, 'Decided')"
    )


def _loaded_message(rows: int, revision: Revision) -> str:
    if revision.supersedes_load_id is None:
        return f"loaded {rows} rows"
    return (
        f"loaded {rows} rows: revision {revision.number} of the period, superseding load "
        f"{revision.supersedes_load_id} ({revision.rows_before} rows)"
    )


def record_rejection(
    paths: Paths,
    *,
    source: str,
    dataset: str | None,
    period: str | None,
    file_name: str,
    sha256: str,
    rows: int | None,
    message: str,
    report_path: Path,
    validation: ValidationSummary | None = None,
) -> None:
    with _writing(paths) as con:
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
