"""Rebuilding the warehouse from the immutable archive of accepted extracts.

The archive (`paths.archive/<source>/<sha16>__<file>`) holds every accepted file, each beside
its load record (`….load.json`: the audit row of its load, written by ingest.load). A rebuild
replays the archived files into a new DuckDB file in their original load order with their
original load times and load ids, so that every correction supersedes what it superseded
before, then runs `dbt build` on the new file, swaps it in for the warehouse atomically (the old
file is kept as a backup) and publishes. The order and the times come from the archive itself,
never from the warehouse, which may be lost.

- Files archived before load records existed: when the old warehouse can still be read, their
  records are recovered from its audit and written into the archive first; otherwise the file's
  modification time (when it was archived, just after its load) stands in for the load time,
  then its period and name order it, and the summary says so.
- Rejected extracts were never archived, so they stay out. The old audit's rejected and
  duplicate attempts are history, not data: they are carried over when the old warehouse can be
  read.
- A load the old audit knows whose file is missing from the archive stops the rebuild (unless
  allowed: its rows would be lost); a file whose content no longer matches its name stops it.
- Writers wait: the old warehouse is held open for writing until just before the swap, so a
  load or dbt run started meanwhile waits (or fails and is retried by Airflow) instead of
  landing in the file being replaced. Pausing the DAGs during a rebuild is still wise.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from roma_monitor import warehouse
from roma_monitor.contracts.base import Contract, period_bounds
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.ingest.load import (
    AUDIT_COLUMNS,
    LOAD_RECORD_SUFFIX,
    insert_audit,
    insert_rows,
    load_record_path,
    loaded_record,
    read_load_record,
    revision_of,
    write_load_record,
)
from roma_monitor.ingest.reader import sha256_of
from roma_monitor.settings import Paths

log = logging.getLogger(__name__)

ARCHIVE_NAME_SEPARATOR = "__"
REBUILD_DIR_PREFIX = ".rebuild-"


class RebuildError(RuntimeError):
    """The archive cannot be replayed as it is; the warehouse was left untouched."""


@dataclass(frozen=True)
class ArchivedExtract:
    """One accepted extract in the archive, with its load record (None: archived before load
    records existed)."""

    path: Path
    source: str
    contract: Contract
    file_name: str
    sha256: str
    record: dict[str, Any] | None
    loaded_at: datetime

    @property
    def period(self) -> str | None:
        return self.contract.period_of_file(self.file_name)

    def order_key(self) -> tuple:
        start = period_bounds(self.period)[0] if self.period else datetime.min.date()
        return (self.loaded_at, start, self.file_name)


@dataclass
class RebuildSummary:
    """What a rebuild did, for the command line and the log."""

    extracts: int = 0
    rows: int = 0
    corrections: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    recovered_records: list[str] = field(default_factory=list)
    without_record: list[str] = field(default_factory=list)
    history_rows: int = 0
    not_in_archive: list[str] = field(default_factory=list)
    old_warehouse: str = "none"  # none | read | unreadable
    backup: Path | None = None
    published: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        sources = ", ".join(f"{s} {n}" for s, n in sorted(self.by_source.items()))
        lines = [
            f"replayed {self.extracts} archived extracts ({sources or 'none'}): {self.rows} rows, "
            f"{self.corrections} of them corrections of an earlier extract"
        ]
        if self.recovered_records:
            lines.append(
                f"{len(self.recovered_records)} extracts had no load record in the archive: "
                "recovered from the old warehouse's audit and written beside them"
            )
        if self.without_record:
            lines.append(
                f"{len(self.without_record)} extracts had no load record anywhere: their load "
                "time is the archived file's modification time (then period and name order "
                "them): " + ", ".join(self.without_record)
            )
        if self.old_warehouse == "read":
            lines.append(f"carried over {self.history_rows} rejected and duplicate attempts")
        elif self.old_warehouse == "unreadable":
            lines.append(
                "the old warehouse could not be read: the history of rejected and duplicate "
                "attempts is not in the rebuilt audit (quarantine keeps the rejection reports)"
            )
        if self.not_in_archive:
            lines.append(
                "WARNING: loads in the old audit whose file is not in the archive (their rows "
                "are not in the rebuilt warehouse): " + ", ".join(self.not_in_archive)
            )
        if self.backup is not None:
            lines.append(f"the previous warehouse is kept as {self.backup.name}")
        if self.published:
            lines.append("published " + ", ".join(self.published))
        return lines


@dataclass(frozen=True)
class _StagedPaths(Paths):
    """The data home, with the warehouse being built in place of the real one (for dbt)."""

    staged_warehouse: Path = Path()

    @property
    def warehouse(self) -> Path:
        return self.staged_warehouse


# --- reading the archive -------------------------------------------------------------------------


def _is_extract(path: Path) -> bool:
    return (
        path.is_file()
        and ARCHIVE_NAME_SEPARATOR in path.name
        and not path.name.startswith(".")
        and not path.name.endswith((LOAD_RECORD_SUFFIX, ".partial"))
    )


def _modified_at(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)


def _archived(path: Path, source: str) -> ArchivedExtract:
    prefix, file_name = path.name.split(ARCHIVE_NAME_SEPARATOR, 1)
    contract = contract_for_file(source, file_name)
    if contract is None:
        raise RebuildError(f"{path.name}: no {source} contract matches {file_name}")
    sha256 = sha256_of(path)
    if not sha256.startswith(prefix):
        raise RebuildError(f"{path.name}: its content no longer matches its name (changed?)")
    record = read_load_record(path)
    if record is not None and record.get("sha256") != sha256:
        raise RebuildError(f"{path.name}: its load record names other content")
    loaded_at = record["started_at"] if record else _modified_at(path)
    return ArchivedExtract(path, source, contract, file_name, sha256, record, loaded_at)


def archived_extracts(paths: Paths) -> list[ArchivedExtract]:
    """Every accepted extract in the archive, once per content, in the order it was loaded."""
    found: dict[str, ArchivedExtract] = {}
    if not paths.archive.is_dir():
        return []
    for folder in sorted(p for p in paths.archive.iterdir() if p.is_dir()):
        for path in sorted(p for p in folder.iterdir() if _is_extract(p)):
            extract = _archived(path, folder.name)
            kept = found.get(extract.sha256)
            # The same content sent under two names is archived twice but was loaded once:
            # keep the copy its load record describes (else the earlier one).
            if kept is None or (kept.record is None and extract.record is not None):
                found[extract.sha256] = extract
            elif extract.record is None and kept.record is None:
                found[extract.sha256] = min(kept, extract, key=ArchivedExtract.order_key)
    return sorted(found.values(), key=ArchivedExtract.order_key)


def recover_load_records(paths: Paths, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Write the load record of every archived extract that lacks one and whose load the
    warehouse's audit still knows (archives written before load records existed)."""
    recovered = []
    if not paths.archive.is_dir():
        return recovered
    for folder in sorted(p for p in paths.archive.iterdir() if p.is_dir()):
        for path in sorted(p for p in folder.iterdir() if _is_extract(p)):
            if load_record_path(path).exists():
                continue
            record = loaded_record(con, sha256_of(path))
            file_name = path.name.split(ARCHIVE_NAME_SEPARATOR, 1)[1]
            if record is not None and record["file_name"] == file_name:
                write_load_record(path, record)
                recovered.append(path.name)
    return recovered


# --- the old warehouse ---------------------------------------------------------------------------


@contextmanager
def _hold(path: Path) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """The old warehouse open for writing (so that no load lands in it during the rebuild), or
    None when there is none or it cannot be read. A warehouse busy with a writer that does not
    finish in time aborts the rebuild."""
    con = _open_old(path) if path.exists() else None
    try:
        yield con
    finally:
        if con is not None:
            con.close()


def _open_old(path: Path) -> duckdb.DuckDBPyConnection | None:
    try:
        con = warehouse.connect(path)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise RebuildError(
                f"the warehouse is busy (another writer holds it): {error}"
            ) from error
        log.warning("the old warehouse cannot be read: %s", error)
        return None
    except duckdb.Error as error:
        log.warning("the old warehouse cannot be read: %s", error)
        return None
    try:
        con.execute("SELECT count(*) FROM audit.extract_loads").fetchone()
    except duckdb.Error as error:
        con.close()
        log.warning("the old warehouse has no readable load audit: %s", error)
        return None
    return con


def _history(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    present = {row[0] for row in con.execute("DESCRIBE audit.extract_loads").fetchall()}
    columns = [name for name in AUDIT_COLUMNS if name in present]
    rows = con.execute(
        f"SELECT {', '.join(columns)} FROM audit.extract_loads WHERE status <> 'loaded'"
    ).fetchall()
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _loaded_elsewhere(con: duckdb.DuckDBPyConnection, archived: set[str]) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT sha256, file_name FROM audit.extract_loads WHERE status = 'loaded' "
        "ORDER BY file_name"
    ).fetchall()
    return [name for sha, name in rows if sha not in archived]


# --- replaying -----------------------------------------------------------------------------------


def _legacy_record(extract: ArchivedExtract) -> dict[str, Any]:
    return {
        "load_id": f"rebuilt-{extract.sha256[:16]}",
        "source": extract.source,
        "dataset": extract.contract.dataset,
        "file_name": extract.file_name,
        "sha256": extract.sha256,
        "reporting_period": extract.period,
        "status": "loaded",
        "started_at": extract.loaded_at,
        "finished_at": extract.loaded_at,
        "duration_s": 0.0,
    }


def replay(con: duckdb.DuckDBPyConnection, extract: ArchivedExtract) -> dict[str, Any]:
    """Load one archived extract as it was loaded: its rows with their original load time,
    and its audit row (revision recomputed from the replayed order), in one transaction."""
    record = dict(extract.record or _legacy_record(extract))
    con.execute("BEGIN TRANSACTION")
    try:
        revision = revision_of(con, extract.contract.dataset, extract.period)
        rows = insert_rows(
            con,
            extract.path,
            extract.contract,
            sha256=extract.sha256,
            file_name=extract.file_name,
            loaded_at=extract.loaded_at,
        )
        if record.get("rows") not in (None, rows):
            log.warning("%s: %s rows recorded, %s read", extract.path.name, record["rows"], rows)
        record.update(
            rows=rows,
            revision=revision.number,
            supersedes_load_id=revision.supersedes_load_id,
            rows_before=revision.rows_before,
        )
        if extract.record is None:
            record["message"] = (
                f"loaded {rows} rows (rebuilt from the archive: no load record was kept, the "
                "load time is the archived file's modification time)"
            )
        insert_audit(con, record)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return record


def build_from_archive(
    paths: Paths,
    target: Path,
    old: duckdb.DuckDBPyConnection | None = None,
    allow_missing: bool = False,
) -> RebuildSummary:
    """Replay the archive into a new warehouse file `target` (raw and audit only; no dbt).
    `old`, the old warehouse when it can be read, completes the archive's load records first
    and lends its history of rejected and duplicate attempts. A load the old audit knows whose
    file is not in the archive stops the rebuild, unless `allow_missing`."""
    summary = RebuildSummary(old_warehouse="read" if old is not None else "none")
    if old is not None:
        summary.recovered_records = recover_load_records(paths, old)
    extracts = archived_extracts(paths)
    if old is not None:
        summary.not_in_archive = _loaded_elsewhere(old, {e.sha256 for e in extracts})
        if summary.not_in_archive and not allow_missing:
            raise RebuildError(
                "loads in the warehouse whose file is not in the archive (restore them into "
                "the archive, or rebuild without them with --allow-missing): "
                + ", ".join(summary.not_in_archive)
            )
    with warehouse.open_for_writing(target) as con:
        for extract in extracts:
            record = replay(con, extract)
            summary.extracts += 1
            summary.rows += record["rows"]
            summary.corrections += record["supersedes_load_id"] is not None
            summary.by_source[extract.source] = summary.by_source.get(extract.source, 0) + 1
            if extract.record is None:
                summary.without_record.append(extract.path.name)
        if old is not None:
            history = _history(old)
            for record in history:
                insert_audit(con, record)
            summary.history_rows = len(history)
        con.execute("CHECKPOINT")
    return summary


# --- swapping and the whole command --------------------------------------------------------------


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _checkpoint(path: Path) -> None:
    """Fold any write-ahead log into the file itself, so that the file alone is the warehouse."""
    with duckdb.connect(str(path)) as con:
        con.execute("CHECKPOINT")


def replace_warehouse(paths: Paths, rebuilt: Path, stamp: str) -> Path | None:
    """Make `rebuilt` the warehouse in one rename; the old file stays as a backup (returned).
    At every moment the warehouse path names a whole warehouse, the old or the new one."""
    current = paths.warehouse
    backup = None
    if current.exists():
        backup = current.with_name(f"{current.stem}.before-rebuild-{stamp}{current.suffix}")
        try:
            os.link(current, backup)
        except OSError:
            shutil.copy2(current, backup)
        wal = Path(f"{current}.wal")
        if wal.exists():  # an unclean old warehouse: its log belongs to the backup
            os.replace(wal, Path(f"{backup}.wal"))
    os.replace(rebuilt, current)
    return backup


def rebuild_warehouse(
    paths: Paths, build_marts: bool = True, allow_missing: bool = False
) -> RebuildSummary:
    """Rebuild the warehouse from the archive, build the marts and publish (see the module's
    docstring). Until the swap, a failure leaves the warehouse and the published data as they
    were. Without `build_marts`, only the raw tables and the audit are rebuilt (no dbt, nothing
    published): run the pipeline's transform afterwards. `allow_missing`: see
    `build_from_archive`."""
    from roma_monitor import pipeline

    paths.ensure()
    stamp = _stamp()
    # The same file name in a folder beside the warehouse: dbt-duckdb names the database after
    # the file's stem (and qualifies views with it), and os.replace stays on one filesystem.
    folder = paths.warehouse.parent / f"{REBUILD_DIR_PREFIX}{stamp}"
    rebuilt = folder / paths.warehouse.name
    try:
        folder.mkdir(parents=True)
        with _hold(paths.warehouse) as old:
            if old is None and paths.warehouse.exists():
                summary = build_from_archive(paths, rebuilt)
                summary.old_warehouse = "unreadable"
            else:
                summary = build_from_archive(paths, rebuilt, old, allow_missing)
            if build_marts:
                pipeline.dbt_build(_StagedPaths(paths.home, staged_warehouse=rebuilt))
            _checkpoint(rebuilt)
            if old is not None:
                old.execute("CHECKPOINT")
        summary.backup = replace_warehouse(paths, rebuilt, stamp)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if build_marts:
        summary.published = [
            name
            for name in (pipeline.publish_operations(paths), pipeline.publish_indicators(paths))
            if name
        ]
    for line in summary.lines():
        log.info(line)
    return summary
