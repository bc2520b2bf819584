"""What each snapshot kind publishes, and the contract version it is published with.

The contract version is a short hash of the published tables (their SELECTs) and of the dbt
contracts of the tables they read (the marts' ``data_type``s, the reference seeds'
``column_types``, the load audit's DDL). The publisher writes it into the snapshot's
``publication`` table; a reader compares it with the version its own code would publish, so a
snapshot published by an older version of the code is refused with a message saying how to
publish it again, instead of failing later on a missing column. It changes by itself whenever a
contract or a published table changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from functools import cache

import duckdb
import yaml

from roma_monitor.settings import MARTS_DIR, SEEDS_DIR
from roma_monitor.warehouse import AUDIT_DDL

# What the dashboard and the CLI may read: aggregates only, suppressed (docs/architecture.md).
INDICATOR_TABLES = {
    "fct_indicator_progress": (
        "SELECT * EXCLUDE (roma_unsuppressed_value, roma_unsuppressed_share) "
        "FROM src.marts.fct_indicator_progress"
    ),
    "fct_indicator_values": (
        "SELECT * EXCLUDE (suppression_reason, unsuppressed_value, unsuppressed_value_in_period, "
        "unsuppressed_denominator, unsuppressed_share) FROM src.marts.fct_indicator_values"
    ),
    "fct_indicator_status": "SELECT * FROM src.marts.fct_indicator_status",
    # the split by rule and the rounding error would tell which cells are nearly all Roma
    "fct_disclosure_utility": (
        "SELECT * EXCLUDE (cells_withheld_complement, cells_withheld_audit, rounding_error_mean, "
        "rounding_error_max) FROM src.marts.fct_disclosure_utility"
    ),
    "fct_workshops": "SELECT * FROM src.marts.fct_workshops",
    "fct_workshop_area_totals": "SELECT * FROM src.marts.fct_workshop_area_totals",
    "fct_workshop_participants_by_type": (
        "SELECT * FROM src.marts.fct_workshop_participants_by_type"
    ),
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
# The Ministry's internal view: the same tables with the Roma cells unsuppressed (docs/privacy.md).
# Only the dashboard's ministry role reads it; nothing built for publication (PDF, CLI) does.
INTERNAL_INDICATOR_TABLES = {
    **INDICATOR_TABLES,
    "fct_indicator_progress": (
        "SELECT * EXCLUDE (roma_unsuppressed_value, roma_unsuppressed_share) REPLACE ("
        "roma_unsuppressed_value AS roma_value, roma_unsuppressed_share AS roma_share, "
        "false AS roma_value_suppressed, period AS roma_value_as_of, "
        "false AS roma_value_is_rounded, roma_unsuppressed_value IS NOT NULL AS is_roma_point) "
        "FROM src.marts.fct_indicator_progress"
    ),
    "fct_disclosure_utility": "SELECT * FROM src.marts.fct_disclosure_utility",
    "fct_indicator_values": (
        "SELECT * EXCLUDE (suppression_reason, unsuppressed_value, unsuppressed_value_in_period, "
        "unsuppressed_denominator, unsuppressed_share) REPLACE (unsuppressed_value AS value, "
        "unsuppressed_value_in_period AS value_in_period, unsuppressed_denominator AS denominator, "
        "unsuppressed_share AS share, false AS is_suppressed, false AS is_denominator_suppressed, "
        "false AS is_share_suppressed, period AS value_as_of, false AS is_rounded) "
        "FROM src.marts.fct_indicator_values"
    ),
}
# For the data engineers (pseudonymous keys, never published to the council's views).
OPERATIONS_TABLES = {
    "extract_loads": "SELECT * FROM src.audit.extract_loads ORDER BY finished_at",
}
ENGINEERING_TABLES = {
    "fct_jspa_noncompliant_programmes": "SELECT * FROM src.marts.fct_jspa_noncompliant_programmes",
}


TABLES = {
    "indicators": INDICATOR_TABLES,
    "indicators_internal": INTERNAL_INDICATOR_TABLES,
    "engineering": ENGINEERING_TABLES,
    "operations": OPERATIONS_TABLES,
}
# The command that publishes every snapshot again from the warehouse (dbt build, then publish).
REPUBLISH_COMMAND = "roma-monitor run-local"


@cache
def contract_schema() -> dict[str, dict[str, str]]:
    """Every published mart's and reference seed's columns and their types, as dbt declares
    them (enforced contracts: ``data_type``; seeds: ``column_types``)."""
    schema: dict[str, dict[str, str]] = {}
    for path in sorted(MARTS_DIR.rglob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            schema[model["name"]] = {c["name"]: c["data_type"] for c in model["columns"]}
    for path in sorted(SEEDS_DIR.rglob("*.yml")):
        for seed in yaml.safe_load(path.read_text(encoding="utf-8")).get("seeds", []):
            types = seed.get("config", {}).get("column_types")
            if types:
                schema[seed["name"]] = dict(types)
    return schema


def contract_version(tables: Mapping[str, str]) -> str:
    """The contract version of a snapshot publishing ``tables`` (name -> SELECT)."""
    schema = contract_schema()
    described = [
        [name, select, [schema.get(table) or AUDIT_DDL for table in _read_tables(select)]]
        for name, select in sorted(tables.items())
    ]
    text = json.dumps(described, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def expected_version(kind: str) -> str:
    """The contract version this code publishes ``kind`` with."""
    return contract_version(TABLES[kind])


def _read_tables(select: str) -> list[str]:
    return re.findall(r"\bsrc\.\w+\.(\w+)", select)


def contract_ddl(name: str) -> str:
    """The column list of a ``CREATE TABLE`` for the mart or seed ``name``, as its dbt contract
    declares the columns and their types."""
    return ", ".join(f'"{column}" {kind}' for column, kind in contract_schema()[name].items())


def copy_published(
    con: duckdb.DuckDBPyConnection, tables: Mapping[str, str], metadata: Mapping[str, str]
) -> None:
    """Into ``con``'s ``main``: each published table (name -> SELECT over the catalog ``src``)
    and the ``publication`` key/value table holding ``metadata``."""
    for name, select in tables.items():
        con.execute(f'CREATE TABLE main."{name}" AS {select}')
    con.execute("CREATE TABLE main.publication (key VARCHAR, value VARCHAR)")
    if metadata:
        con.executemany("INSERT INTO main.publication VALUES (?, ?)", list(metadata.items()))


def create_published_sources(con: duckdb.DuckDBPyConnection) -> None:
    """Create, empty, every table the snapshots are published from, in ``con``'s default
    catalog: ``marts.*`` and ``reference.*`` with their contracts' columns and types, and the
    load audit (``audit.extract_loads``) from its DDL."""
    con.execute(AUDIT_DDL)
    for tables in TABLES.values():
        for select in tables.values():
            for space, name in re.findall(r"\bsrc\.(marts|reference)\.(\w+)", select):
                con.execute(f"CREATE SCHEMA IF NOT EXISTS {space}")
                con.execute(f"CREATE TABLE IF NOT EXISTS {space}.{name} ({contract_ddl(name)})")


@cache
def _empty_snapshot() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("ATTACH ':memory:' AS src")
    con.execute("USE src")
    create_published_sources(con)
    con.execute("USE memory")
    # every kind's tables (the internal indicators have the public ones' names and columns)
    kinds = ("indicators", "engineering", "operations")
    copy_published(con, {name: sql for kind in kinds for name, sql in TABLES[kind].items()}, {})
    con.execute("DETACH src")
    return con


def empty_snapshot() -> duckdb.DuckDBPyConnection:
    """A snapshot where nothing is published yet: the tables of every kind, created from the
    contracts as publishing creates them, with no rows (and no publication metadata). Readers
    get it instead of ``None``, so every query returns its "nothing" (no rows, ``None``) with
    the columns it always has. Built once; each call is a new cursor of its own (close it),
    so threads never share one."""
    return _empty_snapshot().cursor()
