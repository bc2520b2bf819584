"""What the warehouse's last full dbt build was built from, so an event-driven transform run can
tell whether there is anything to build.

Every ingest run that loads a new extract emits its source's raw asset event, and
`transform_and_publish` runs on any of them. While one build runs, the other sources' events
queue further runs; when they start, the build before them has usually already taken in those
loads. The mark is a digest of what a full build reads that can change between runs: the
accepted loads (their ids), the dbt project's files and dbt's variables. It is written into the
build's working copy of the warehouse, so it is replaced together with the tables it describes.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import duckdb

MARK_TABLE = "build.dbt_build_marks"
_PROJECT_SKIP = {"target", "logs", "dbt_packages"}


def project_digest(project_dir: Path) -> str:
    """A digest of the dbt project's files (not its build output)."""
    digest = hashlib.sha256()
    root = project_dir.resolve()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in _PROJECT_SKIP or not path.is_file():
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_mark(con: duckdb.DuckDBPyConnection, project_digest: str, dbt_vars: str) -> str:
    """The mark of a full build of the warehouse `con` is connected to."""
    loads = con.execute(
        "SELECT load_id FROM audit.extract_loads WHERE status = 'loaded' ORDER BY load_id"
    ).fetchall()
    digest = hashlib.sha256(f"{project_digest}\n{dbt_vars}\n".encode())
    for (load_id,) in loads:
        digest.update(f"{load_id}\n".encode())
    return digest.hexdigest()


def record_mark(con: duckdb.DuckDBPyConnection, mark: str) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS build")
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {MARK_TABLE} "
        "(mark VARCHAR NOT NULL, built_at_epoch_s DOUBLE NOT NULL)"
    )
    con.execute(f"DELETE FROM {MARK_TABLE}")
    con.execute(f"INSERT INTO {MARK_TABLE} VALUES (?, ?)", [mark, time.time()])


def recorded_mark(con: duckdb.DuckDBPyConnection) -> tuple[str, float] | None:
    """The last full build's mark and when it was built (Unix seconds), or None."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE schema_name = 'build' AND table_name = 'dbt_build_marks'"
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute(f"SELECT mark, built_at_epoch_s FROM {MARK_TABLE}").fetchone()
    return (row[0], row[1]) if row else None
