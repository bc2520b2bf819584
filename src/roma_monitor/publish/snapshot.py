"""Publishing: read-only DuckDB snapshots the dashboard and the CLI read.

DuckDB allows one writing process per file, so readers never open the warehouse. After a
successful dbt build the marts are copied into a new, versioned snapshot file, and a `current`
symlink is swapped atomically (os.replace) to point at it. Readers open the file `current`
points to in read-only mode; a snapshot file is never written again once published, so a reader
never sees a half-updated view, and a failed run leaves the last good snapshot in place.

Three kinds of snapshot are published independently:
- ``indicators``: the aggregate marts, Roma cells suppressed (after dbt succeeds): the public
  view (council, exports, PDF, CLI);
- ``indicators_internal``: the same tables with the Roma cells unsuppressed, for the Ministry's
  role only (published with ``indicators``);
- ``engineering``: what only the data engineers see, e.g. the non-compliant 8.3.3 programmes by
  pseudonymous key (after dbt succeeds);
- ``operations``: the load audit (after every ingest run, including failed ones).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from roma_monitor.privacy.personal_codes import (
    NEEDS_SCAN_FORM_RE2,
    PERSONAL_CODE_PATTERN,
    contains_personal_code,
    redact,
)
from roma_monitor.publish.tables import (
    REPUBLISH_COMMAND,
    contract_version,
    copy_published,
    expected_version,
)
from roma_monitor.settings import Paths, get_paths

KINDS = ("indicators", "indicators_internal", "engineering", "operations")
KEEP_VERSIONS = 5


class SnapshotOutdated(RuntimeError):
    """A snapshot published by an older (or newer) version of the code: its contract version
    is not the one this code publishes, so its tables may lack columns the readers select."""

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"the {kind} snapshot was published by another version of roma-monitor (its tables "
            f"do not match this version's contracts); publish it again: {REPUBLISH_COMMAND}"
        )


class PersonalCodeInSnapshot(RuntimeError):
    """A table about to be published holds a value shaped like a personal code: nothing is
    published, the last good snapshot stays current."""


def snapshot_dir(kind: str, paths: Paths | None = None) -> Path:
    if kind not in KINDS:
        raise ValueError(f"unknown snapshot kind {kind!r}")
    return (paths or get_paths()).published / kind


def current_snapshot(kind: str, paths: Paths | None = None) -> Path | None:
    """The file the `current` pointer names, or None when nothing is published yet."""
    pointer = snapshot_dir(kind, paths) / "current"
    if not pointer.is_symlink():
        return None
    return pointer.parent / os.readlink(pointer)


def connect_published(kind: str, paths: Paths | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current snapshot of `kind`."""
    path = current_snapshot(kind, paths)
    if path is None:
        raise FileNotFoundError(f"no {kind} snapshot has been published yet")
    return duckdb.connect(str(path), read_only=True)


def published_at(kind: str, paths: Paths | None = None) -> datetime | None:
    """When the current snapshot of `kind` was published, or None when nothing is published."""
    if current_snapshot(kind, paths) is None:
        return None
    with connect_published(kind, paths) as con:
        value = con.execute(
            "SELECT any_value(value) FROM main.publication WHERE key = 'published_at'"
        ).fetchone()[0]
    return datetime.fromisoformat(value)


def is_outdated(con: duckdb.DuckDBPyConnection, kind: str) -> bool:
    """Whether the snapshot on `con` was published with another contract version than this
    code publishes `kind` with (one published before versions were written has none)."""
    row = con.execute(
        "SELECT any_value(value) FROM main.publication WHERE key = 'contract_version'"
    ).fetchone()
    return row[0] != expected_version(kind)


def check_contract(con: duckdb.DuckDBPyConnection, kind: str) -> duckdb.DuckDBPyConnection:
    """`con`, or SnapshotOutdated (closing `con`) when its snapshot is outdated."""
    if is_outdated(con, kind):
        con.close()
        raise SnapshotOutdated(kind)
    return con


def publish_tables(
    kind: str,
    source_db: Path,
    tables: Mapping[str, str],
    paths: Paths | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Path:
    """Copy `tables` (published name -> SELECT over the source database, aliased `src`) into a
    new snapshot and make it current. Returns the new snapshot's path."""
    directory = snapshot_dir(kind, paths)
    directory.mkdir(parents=True, exist_ok=True)
    published_at = datetime.now(UTC)
    version = f"{published_at:%Y%m%dT%H%M%S%fZ}_{uuid.uuid4().hex[:8]}"
    target = directory / f"{kind}_{version}.duckdb"
    partial = target.with_suffix(".partial")
    try:
        with duckdb.connect(str(partial)) as con:
            con.execute(f"ATTACH '{source_db}' AS src (READ_ONLY)")
            meta = {
                "version": version,
                "published_at": published_at.isoformat(),
                "kind": kind,
                "contract_version": contract_version(tables),
            }
            meta.update(metadata or {})
            copy_published(con, tables, meta)
            con.execute("DETACH src")
            refuse_personal_codes(con)
            con.execute("CHECKPOINT")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _point_current_to(directory, target.name)
    _prune(directory, keep=KEEP_VERSIONS)
    return target


def refuse_personal_codes(con: duckdb.DuckDBPyConnection) -> None:
    """The last line of defence before anything is published: every text column of every table
    is scanned with the gate's pattern (RE2 in DuckDB, on distinct values; values with characters
    the scan form changes too), and what it finds is confirmed by the detector (which reads a
    whole pseudonymous key as a key, not a code)."""
    from roma_monitor.validate.sql_gate import re2

    pattern = f"{re2(PERSONAL_CODE_PATTERN)}|{NEEDS_SCAN_FORM_RE2}".replace("'", "''")
    columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND data_type = 'VARCHAR'"
    ).fetchall()
    found = []
    for table, column in columns:
        candidates = con.execute(
            f'SELECT DISTINCT "{column}" FROM main."{table}" '
            f"WHERE regexp_matches(\"{column}\", '{pattern}')"
        ).fetchall()
        if any(contains_personal_code(value) for (value,) in candidates):
            found.append(f"{table}.{column}")
    if found:
        raise PersonalCodeInSnapshot(
            redact(
                "refusing to publish: shaped like a personal code in " + ", ".join(found) + "; "
                "the last good snapshot stays published"
            )
        )


def _point_current_to(directory: Path, file_name: str) -> None:
    tmp_link = directory / f".current.{uuid.uuid4().hex}"
    os.symlink(file_name, tmp_link)
    os.replace(tmp_link, directory / "current")


def _prune(directory: Path, keep: int) -> None:
    """Remove old snapshots; a reader that still has one open keeps its file handle on POSIX."""
    current = os.readlink(directory / "current")
    for stale in directory.glob("*.partial*"):  # left by a publish that was killed
        stale.unlink(missing_ok=True)
    snapshots = sorted(p for p in directory.glob("*.duckdb") if p.name != current)
    for old in snapshots[: max(0, len(snapshots) - (keep - 1))]:
        old.unlink(missing_ok=True)
        Path(f"{old}.wal").unlink(missing_ok=True)
