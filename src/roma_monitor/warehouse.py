"""The DuckDB warehouse: schema derived from the contracts, and a connection that waits its turn.

DuckDB allows one writing process per file. Pipeline tasks that write share an Airflow pool of
size 1; `connect` additionally waits out a lock held by another process instead of failing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb

from roma_monitor.contracts.base import Contract, period_bounds
from roma_monitor.contracts.registry import CONTRACTS, SOURCES, contract_for_file

LOAD_COLUMNS = {
    "_extract_sha256": "VARCHAR NOT NULL",
    "_source_file": "VARCHAR NOT NULL",
    "_row_number": "INTEGER NOT NULL",
    "_loaded_at": "TIMESTAMP NOT NULL",
}

AUDIT_DDL = """
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.extract_loads (
    load_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    dataset VARCHAR,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    reporting_period VARCHAR,
    rows BIGINT,
    status VARCHAR NOT NULL CHECK (status IN ('loaded', 'duplicate', 'rejected')),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    duration_s DOUBLE NOT NULL,
    message VARCHAR,
    report_path VARCHAR,
    checks_run INTEGER,
    report_markdown VARCHAR,
    revision INTEGER,
    supersedes_load_id VARCHAR,
    rows_before BIGINT
);
-- Columns added after the first release: a warehouse created before them gains them here.
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS checks_run INTEGER;
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS report_markdown VARCHAR;
-- Corrections: the n-th accepted extract of a dataset's period, and the load it supersedes.
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS revision INTEGER;
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS supersedes_load_id VARCHAR;
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS rows_before BIGINT;
-- The gate's report in Latvian (report_markdown is the English one); NULL for older loads.
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS report_markdown_lv VARCHAR;
-- The gate's failed rules (ids, columns, counts, first rows; never values); NULL for older loads.
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS failed_rules
    STRUCT(rule VARCHAR, column_name VARCHAR, failed_rows BIGINT, first_rows INTEGER[])[];
-- The first day of the last month the extract's period covers (its month, its quarter's last,
-- December): extracts of monthly, quarterly and yearly datasets compare by it. NULL without a
-- period. Older rows get it from their reporting_period (complete_older_rows).
ALTER TABLE audit.extract_loads ADD COLUMN IF NOT EXISTS period_end_month DATE;
"""


def period_end_month(period: str | None) -> date | None:
    """The audit's ``period_end_month`` of a period written ``YYYY-MM``, ``YYYY-Qn`` or
    ``YYYY``; None without one, or for a period in no such form."""
    try:
        return period_bounds(period)[1].replace(day=1) if period else None
    except (ValueError, IndexError):
        return None


def complete_older_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Complete audit rows written by earlier releases: the period's end month (before
    ``period_end_month`` existed) and the dataset the file name declares (before a source had
    several datasets), so that readers take both from the audit as it is."""
    files = con.execute(
        "SELECT DISTINCT source, file_name FROM audit.extract_loads WHERE dataset IS NULL"
    ).fetchall()
    for source, file_name in files:
        contract = contract_for_file(source, file_name) if source in SOURCES else None
        if contract is not None:
            con.execute(
                "UPDATE audit.extract_loads SET dataset = ? "
                "WHERE dataset IS NULL AND source = ? AND file_name = ?",
                [contract.dataset, source, file_name],
            )
    periods = con.execute(
        "SELECT DISTINCT reporting_period FROM audit.extract_loads "
        "WHERE period_end_month IS NULL AND reporting_period IS NOT NULL"
    ).fetchall()
    for (period,) in periods:
        if (month := period_end_month(period)) is not None:
            con.execute(
                "UPDATE audit.extract_loads SET period_end_month = ? "
                "WHERE reporting_period = ? AND period_end_month IS NULL",
                [month, period],
            )


def raw_table_ddl(contract: Contract) -> str:
    columns = [f'"{c.name}" {c.duckdb_type}' for c in contract.columns]
    columns += [f"{name} {ddl}" for name, ddl in LOAD_COLUMNS.items()]
    return (
        f"CREATE TABLE IF NOT EXISTS {contract.raw_table} (\n    " + ",\n    ".join(columns) + "\n)"
    )


def connect(
    path: Path, read_only: bool = False, wait_s: float | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting (up to `wait_s`, default ROMA_WAREHOUSE_LOCK_WAIT_S or 120 s)
    while another process holds the write lock."""
    if wait_s is None:
        wait_s = float(os.environ.get("ROMA_WAREHOUSE_LOCK_WAIT_S", "120"))
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    con.execute(AUDIT_DDL)
    complete_older_rows(con)
    for contract in CONTRACTS.values():
        con.execute(raw_table_ddl(contract))


@contextmanager
def open_for_writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write connection with the raw and audit schemas in place; closed on exit."""
    con = connect(path)
    try:
        ensure_schema(con)
        yield con
    finally:
        con.close()
