"""What the warehouse's last full dbt build was built from: whether an event-driven transform run
has anything to build, and whether a build can be incremental.

Every ingest run that loads a new extract emits its source's raw asset event, and
`transform_and_publish` runs on any of them. While one build runs, the other sources' events
queue further runs; when they start, the build before them has usually already taken in those
loads.

A build is described by two digests, written into the build's working copy of the warehouse (so
they are replaced together with the tables they describe):
- the **definition**: the dbt project's files, the Python that dbt's models run
  (`roma_monitor.privacy.disclosure`), the versions of the packages that compute the figures,
  and dbt's variables. When it changed since the last build, the incremental models would keep
  old periods' rows made by the old definition: the next build is a full refresh.
- the **mark**: the definition and the accepted loads (their ids). When it is unchanged, a build
  would give the same tables: the transform run skips dbt.
"""

from __future__ import annotations

import hashlib
import time
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import duckdb

from roma_monitor.privacy import disclosure

MARK_TABLE = "build.dbt_build_marks"
# The extracts (sha256) of the accepted loads the last full build was built from. Tests of the
# append-only raw rows and of what staging computes from them check only the rows of other
# extracts (dbt_project/macros/get_where_subquery.sql): the rows of these were checked then.
BUILT_EXTRACTS_TABLE = "build.dbt_built_extracts"
_PROJECT_SKIP = {"target", "logs", "dbt_packages"}
# The packages whose version can change a built figure (a model's SQL or the disclosure audit).
FIGURE_PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb", "highspy", "numpy", "pandas")


class RecordedBuild(NamedTuple):
    mark: str
    definition: str
    built_at_epoch_s: float


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


def definition_digest(project_dir: Path, dbt_vars: str) -> str:
    """A digest of everything but the data that a full build's tables depend on."""
    versions = [f"{package}=={metadata.version(package)}" for package in FIGURE_PACKAGES]
    parts = [project_digest(project_dir), disclosure.CODE_DIGEST, *versions, dbt_vars]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def build_mark(con: duckdb.DuckDBPyConnection, definition: str) -> str:
    """The mark of a full build, with `definition`, of the warehouse `con` is connected to."""
    loads = con.execute(
        "SELECT load_id FROM audit.extract_loads WHERE status = 'loaded' ORDER BY load_id"
    ).fetchall()
    digest = hashlib.sha256(f"{definition}\n".encode())
    for (load_id,) in loads:
        digest.update(f"{load_id}\n".encode())
    return digest.hexdigest()


def record_mark(con: duckdb.DuckDBPyConnection, definition: str) -> None:
    """Record a full build of the warehouse on `con` (its working copy) with `definition`."""
    _create(con)
    con.execute(f"DELETE FROM {MARK_TABLE}")
    con.execute(
        f"INSERT INTO {MARK_TABLE} VALUES (?, ?, ?)",
        [build_mark(con, definition), definition, time.time()],
    )
    con.execute(f"DELETE FROM {BUILT_EXTRACTS_TABLE}")
    con.execute(
        f"INSERT INTO {BUILT_EXTRACTS_TABLE} "
        "SELECT DISTINCT sha256 FROM audit.extract_loads WHERE status = 'loaded'"
    )


def clear_mark(con: duckdb.DuckDBPyConnection) -> None:
    """A partial build (dbt --select) changed some tables: no full build describes them now."""
    _create(con)
    con.execute(f"DELETE FROM {MARK_TABLE}")
    con.execute(f"DELETE FROM {BUILT_EXTRACTS_TABLE}")


def _create(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS build")
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {MARK_TABLE} (mark VARCHAR NOT NULL, "
        "definition VARCHAR NOT NULL, built_at_epoch_s DOUBLE NOT NULL)"
    )
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {BUILT_EXTRACTS_TABLE} (extract_sha256 VARCHAR NOT NULL)"
    )


def recorded_build(con: duckdb.DuckDBPyConnection) -> RecordedBuild | None:
    """The last full build's mark, definition and time (Unix seconds), or None."""
    columns = {
        row[0]
        for row in con.execute(
            "SELECT column_name FROM duckdb_columns() "
            "WHERE schema_name = 'build' AND table_name = 'dbt_build_marks'"
        ).fetchall()
    }
    if "definition" not in columns:  # no build recorded (or by an older release)
        return None
    row = con.execute(f"SELECT mark, definition, built_at_epoch_s FROM {MARK_TABLE}").fetchone()
    return RecordedBuild(*row) if row else None
