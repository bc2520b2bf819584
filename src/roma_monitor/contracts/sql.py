"""Reading a canonical extract as typed rows, in DuckDB SQL: shared by the gate (which judges the
rows) and the loader (which stores them), so that neither imports the other.

A canonical extract is the contract's columns as text, one row per data row, numbered as the file
numbers them (`ROW_NUMBER`: 1 = the row after the header). A well-formed UTF-8 CSV is read as one
directly (`read_csv_sql`); any other file the reader normalises first (ingest.reader).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from roma_monitor.contracts.base import Contract

ROW_NUMBER = "_row_number"
# The month (YYYY-MM) of each row's period, derived for the checks that depend on it (ATVK vintage).
PERIOD_MONTH = "_period_month"
# How the gate read a file, which is how the loader reads it too.
READER_REFERENCE = "reference"  # the Python reader (ingest.reader), which normalises any file
READER_DUCKDB = "duckdb"
READER_DUCKDB_TRIMMED = "duckdb-trimmed"  # ... with spaces at the edges of values trimmed
# Python regex constructs RE2 (DuckDB) lacks, as used by the contracts' patterns: look-arounds
# for digits. For a search (GX's match semantics) a non-digit or the text's edge is equivalent.
_RE2_REWRITES = (
    ("(?<!\\d)", "(^|[^0-9])"),
    ("(?<![\\d+])", "(^|[^0-9+])"),
    ("(?!\\d)", "([^0-9]|$)"),
    ("[\\W_]", "[^\\p{L}\\p{N}]"),
    ("\\ ", " "),
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def re2(pattern: str) -> str:
    """A contract's (Python) pattern as RE2, DuckDB's regular expressions."""
    for python, rewritten in _RE2_REWRITES:
        pattern = pattern.replace(python, rewritten)
    return _UNICODE_ESCAPE.sub(r"\\x{\1}", pattern)


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def literal_list(values: list) -> str:
    return "[" + ", ".join(literal(v) for v in values) + "]"


def read_csv_sql(path: Path, contract: Contract) -> str:
    """`read_csv` of the file, every column as text, exactly the contract's columns."""
    columns = "{" + ", ".join(f"{literal(c)}: 'VARCHAR'" for c in contract.column_names) + "}"
    return (
        f"read_csv({literal(str(path))}, delim={literal(contract.delimiter)}, header=true, "
        f"quote='\"', escape='\"', columns={columns}, auto_detect=false, strict_mode=true, "
        "null_padding=false, all_varchar=true, encoding='utf-8', "
        "max_line_size=131072)"
    )


def numbered_sql(relation: str) -> str:
    """Rows of a table filled from one file, numbered as the reference numbers them: insertion
    order is the file's order, so the rowid counts the rows (from an offset inside a
    transaction)."""
    return (
        f"SELECT *, cast(rowid - (SELECT min(rowid) FROM {relation}) + 1 AS INTEGER) AS "
        f"{ROW_NUMBER} FROM {relation}"
    )


def _cleaned(column: str, trim: bool) -> str:
    """The value as the reference reader keeps it: stripped, and missing when empty."""
    return f"nullif(trim({q(column)}), '')" if trim else f"nullif({q(column)}, '')"


def cleaned_sql(contract: Contract, relation: str, trim: bool) -> str:
    """The values of `relation` (as read, with their row numbers) as the reference keeps them."""
    return (
        "SELECT "
        + ", ".join(f"{_cleaned(c, trim)} AS {q(c)}" for c in contract.column_names)
        + f", {ROW_NUMBER} FROM {relation}"
    )


def period_month_sql(contract: Contract) -> str:
    """The month (YYYY-MM) of the row's period, NULL when the period is malformed."""
    period = q(contract.period_column)
    kind = contract.column(contract.period_column).type
    if kind == "month":
        return f"CASE WHEN regexp_full_match({period}, '\\d{{4}}-\\d{{2}}') THEN {period} END"
    if kind == "quarter":
        return (
            f"CASE WHEN regexp_full_match({period}, '\\d{{4}}-Q[1-4]') THEN "
            f"left({period}, 4) || '-' || lpad(cast((cast(right({period}, 1) AS INTEGER) - 1) "
            "* 3 + 1 AS VARCHAR), 2, '0') END"
        )
    return (
        f"CASE WHEN regexp_full_match({period}, '\\d{{2}}\\.\\d{{2}}\\.\\d{{4}}') THEN "
        f"substr({period}, 7, 4) || '-' || substr({period}, 4, 2) END"
    )


def typed_sql(contract: Contract, relation: str = "cleaned") -> str:
    """The typed values, converted as `reader.to_typed` converts them (after the format gate)."""
    expressions = []
    for column in contract.columns:
        c = q(column.name)
        if column.type == "month":
            value = f"cast(strptime({c} || '-01', '%Y-%m-%d') AS DATE)"
        elif column.type == "quarter":
            value = (
                f"make_date(cast(left({c}, 4) AS INTEGER), "
                f"(cast(right({c}, 1) AS INTEGER) - 1) * 3 + 1, 1)"
            )
        elif column.type == "date":
            value = f"cast(strptime({c}, '%d.%m.%Y') AS DATE)"
        elif column.type == "integer":
            value = f"cast({c} AS BIGINT)"
        elif column.type == "decimal":
            value = f"cast(replace({c}, ',', '.') AS DOUBLE)"
        else:
            value = c
        expressions.append(f"{value} AS {c}")
    return f"SELECT {', '.join(expressions)}, {ROW_NUMBER} FROM {relation}"
