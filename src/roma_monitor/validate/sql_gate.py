"""The gate's engine: the contract's rules (contracts.rules) compiled to DuckDB SQL.

The rules are defined once, as objects derived from the contract; `validate.suites` compiles the
same objects to GX expectations (the reference engine in tests, and the serialised suites in
`expectations/`). This module runs each rule as a DuckDB predicate over the file, so a file is
validated at the speed DuckDB reads it, without importing GX (≈ 8 s per process) or building a
pandas DataFrame (issue 6, docs/benchmarks.md).

A UTF-8 CSV whose header line is the contract's and whose every row DuckDB parses strictly, with
no blank rows and no characters the reader would change, is read by DuckDB directly
(`validate_csv`). Any other file (cp1257, UTF-16, .xlsx, blank rows, odd characters) is first
normalised by the reader (ingest.reader) into canonical cells, which the same SQL judges
(`validate_cells`). Its verdict and report (rules, failing-row counts, rows, examples) are the
reference engine's: `tests/bad_inputs/test_gate_engines.py` runs both engines on every bad-input
case and on the sample, and asserts it.
"""

from __future__ import annotations

import logging
import mmap
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from roma_monitor.contracts.base import Contract, personal_code_rule
from roma_monitor.contracts.rules import (
    STAGES,
    Between,
    CalendarDate,
    ColumnsMatch,
    Condition,
    HasRows,
    InSet,
    MatchesPattern,
    MaxLength,
    NoMatch,
    NotBefore,
    NotNull,
    Parameter,
    Rule,
    Unique,
    contract_rules,
)
from roma_monitor.contracts.sql import (
    PERIOD_MONTH,
    READER_DUCKDB,
    READER_DUCKDB_TRIMMED,
    READER_REFERENCE,
    ROW_NUMBER,
    cleaned_sql,
    literal,
    literal_list,
    numbered_sql,
    period_month_sql,
    q,
    re2,
    read_csv_sql,
    typed_sql,
)
from roma_monitor.privacy.personal_codes import (
    FIRST_HALF_AT_END_PATTERN,
    LOST_LEADING_ZERO_PATTERN,
    NEEDS_SCAN_FORM_RE2,
    PERSONAL_CODE_PATTERN,
    SECOND_HALF_AT_START_PATTERN,
    redact,
    redact_name,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["READER_DUCKDB", "READER_DUCKDB_TRIMMED", "READER_REFERENCE", "re2"]

log = logging.getLogger(__name__)

MAX_ROWS_LISTED = 20
VALUE = "_value"  # a value of any column, in a check's template (SqlCheck.template)
PARTIAL_UNEXPECTED = 20  # as many unexpected values as GX's partial_unexpected_list holds
# Characters that make DuckDB's reading differ from the reference reader's: whitespace that
# str.strip removes but DuckDB's trim keeps, and the first letters of double-converted Latvian
# text ('Ä«' for 'ī'), combining marks (decomposed text, which the reference composes: NFC), and
# the characters the personal-code scan reads in its scan form (digits of other scripts,
# invisible format characters). A file with any of them in a value is normalised by the reader.
_ODD_CHARACTERS = (
    r"[\t\x0b\x0c\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
    r"\x{205f}\x{3000}ÄÅ]|\p{M}|^[\r\n]|[\r\n]$|" + NEEDS_SCAN_FORM_RE2
)
# A value with a space at either edge: the values are then trimmed, as the reference does.
_EDGE_SPACE = "^ | $"
_BLANK_LINES = (b"\n\n", b"\n\r\n")


@dataclass(frozen=True)
class SqlCheck:
    """One expectation as SQL: `failing` is true for a row the expectation rejects."""

    rule: str
    explanation: str
    stage: str
    column: str | None
    failing: str
    shown: str  # the value(s) GX lists as unexpected for a failing row
    unique_key: tuple[str, ...] = ()  # a uniqueness check: counted by grouping on these
    # The columns a row-by-row check reads: such a check is counted on their distinct values.
    reads: tuple[str, ...] = ()
    explanation_lv: str = ""  # the explanation in Latvian (the suites' meta.explanation_lv)
    # A check of one column's values alone: `failing` with the value as `_value`, the same for
    # every column the rule is applied to (counted once over all their values: `_count_failures`).
    template: str | None = None


@dataclass(frozen=True)
class SqlFailure:
    rule: str
    explanation: str
    stage: str
    column: str | None
    failing_rows: int
    rows: list[int]
    examples: list[object]
    explanation_lv: str = ""


@dataclass(frozen=True)
class SqlVerdict:
    rows: int
    checks_run: int
    personal_code_rows: dict[str, list[int]]  # rule → rows, first to last
    personal_code_counts: dict[str, int]
    failures: list[SqlFailure]
    trimmed: bool  # some values had spaces at an edge, which were trimmed


def _when(condition: Condition | None) -> str:
    if condition is None:
        return "true"
    operator = "=" if condition.operator == "==" else condition.operator
    return f"({q(condition.column)} {operator} {literal(condition.value)})"


def _value(value: object, parameters: dict) -> object:
    return parameters[value.name] if isinstance(value, Parameter) else value


def _bound(value: object, typed: str) -> str:
    if isinstance(value, str) and typed == "DATE":
        return f"DATE '{value}'"
    return literal(value)


def compile_rule(
    rule: Rule, stage: str, contract: Contract, parameters: dict, value: str | None = None
) -> SqlCheck | None:
    """The rule as SQL; None for the table-level ones the engine checks before reading the
    values (the header and the row count). `value`: the expression standing for the rule's
    column (its name by default)."""
    column = getattr(rule, "column", None)
    c = value or (q(column) if column else None)
    common = (rule.id, rule.explanation, stage)
    match rule:
        case ColumnsMatch() | HasRows():
            return None
        case NotNull():
            failing = f"{c} IS NULL"
        case MaxLength():
            failing = f"{c} IS NOT NULL AND (length({c}) > {rule.max_length})"
        case MatchesPattern():
            failing = f"{c} IS NOT NULL AND NOT regexp_matches({c}, {literal(re2(rule.pattern))})"
        case NoMatch():
            failing = f"{c} IS NOT NULL AND regexp_matches({c}, {literal(re2(rule.pattern))})"
        case CalendarDate():
            failing = (
                f"{c} IS NOT NULL AND try_strptime({c}, {literal(rule.strftime_format)}) IS NULL"
            )
        case InSet():
            values = list(_value(rule.values, parameters))
            failing = f"{c} IS NOT NULL AND NOT list_contains({literal_list(values)}, {c})"
        case Unique():
            key = rule.columns
            present = " OR ".join(f"{q(name)} IS NOT NULL" for name in key)
            shown = "struct_pack(" + ", ".join(f"{q(n)} := {q(n)}" for n in key) + ")"
            failing = f"({present}) AND _copies > 1"
            return SqlCheck(*common, None, failing, shown, key, (), rule.explanation_lv)
        case Between():
            typed = contract.column(column).duckdb_type
            low, high = (_value(v, parameters) for v in (rule.low, rule.high))
            bounds = [f"{c} < {_bound(low, typed)}"] if low is not None else []
            bounds += [f"{c} > {_bound(high, typed)}"] if high is not None else []
            failing = f"{c} IS NOT NULL AND ({' OR '.join(bounds) or 'false'})"
        case NotBefore():
            a, b = q(rule.later), q(rule.earlier)
            failing = f"{a} IS NOT NULL AND {b} IS NOT NULL AND NOT ({a} >= {b})"
            shown = f"struct_pack({a}, {b})"
            return SqlCheck(*common, rule.later, failing, shown, (), (), rule.explanation_lv)
        case _:
            raise TypeError(f"no SQL for {type(rule).__name__}")
    when = getattr(rule, "when", None)
    reads = (column, when.column) if when else (column,)
    template = None
    if value is None and when is None:
        template = compile_rule(rule, stage, contract, parameters, VALUE).failing
    failing = f"({_when(when)}) AND ({failing})"
    return SqlCheck(*common, column, failing, c, (), reads, rule.explanation_lv, template)


def compile_stage(contract: Contract, stage: str, parameters: dict) -> tuple[list[SqlCheck], int]:
    """The stage's checks as SQL, and how many rules the stage has (checks run)."""
    rules = contract_rules(contract)[stage]
    checks = [compile_rule(rule, stage, contract, parameters) for rule in rules]
    return [c for c in checks if c is not None], len(rules)


# --- reading ---------------------------------------------------------------------------------


def _readable_directly(path: Path, contract: Contract) -> bool:
    """Can DuckDB read this file as the reference reader would (the values are checked later)?"""
    if path.suffix.lower() != ".csv" or path.stat().st_size == 0:
        return False
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        first_line = data.readline()
        # Blank lines are skipped by the reference reader but keep their row number; DuckDB's
        # rows would be numbered differently. Blank lines at the end number nothing.
        end = len(data)
        while end and data[end - 1 : end] in (b"\n", b"\r"):
            end -= 1
        if any(data.find(blank, 0, end) != -1 for blank in _BLANK_LINES):
            return False
    try:
        header = first_line.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        return False
    if '"' in header:
        return False
    return [name.strip() for name in header.split(contract.delimiter)] == list(
        contract.column_names
    )


# --- running ---------------------------------------------------------------------------------


def _code_patterns() -> tuple[str, str, str, str]:
    """The personal-code scan's patterns as SQL literals: a code, a code that lost its leading
    zero, and the first and second halves of one split between neighbouring cells."""
    return (
        literal(re2(PERSONAL_CODE_PATTERN)),
        literal(LOST_LEADING_ZERO_PATTERN),
        literal(re2(FIRST_HALF_AT_END_PATTERN)),
        literal(re2(SECOND_HALF_AT_START_PATTERN)),
    )


def _scanned_columns(contract: Contract) -> tuple[list[str], list[tuple[str, str]]]:
    """The columns, and the pairs of neighbouring columns, the scan reads. Key columns are not
    scanned: a malformed key sends the file to the reference reader."""
    keys = {c.name for c in contract.columns if c.type == "key"}
    columns = [name for name in contract.column_names if name not in keys]
    pairs = [(a, b) for a, b in contract.code_split_pairs if a not in keys and b not in keys]
    return columns, pairs


def _code_failing(value: str) -> str:
    code, lost_zero, _, _ = _code_patterns()
    return (
        f"{value} IS NOT NULL AND (regexp_matches({value}, {code}) OR "
        f"regexp_full_match(trim({value}), {lost_zero}))"
    )


def _split_failing(left: str, right: str) -> str:
    _, _, first_half, second_half = _code_patterns()
    return (
        f"{left} IS NOT NULL AND {right} IS NOT NULL AND regexp_matches({left}, {first_half}) "
        f"AND regexp_matches({right}, {second_half})"
    )


def _code_scans(contract: Contract) -> list[SqlCheck]:
    """True for a value shaped like a personal code (per column), or for the two halves of one
    split between neighbouring cells (per pair), as the reference scan finds them. Trimming
    never changes the result: the patterns allow separators (spaces) at the edges."""
    columns, pairs = _scanned_columns(contract)
    scans = []
    for name in columns:
        rule = personal_code_rule(name)
        scans.append(SqlCheck(rule, rule, "privacy", name, _code_failing(q(name)), q(name)))
    for left, right in pairs:
        rule = personal_code_rule(left, right)
        failing = _split_failing(q(left), q(right))
        scans.append(SqlCheck(rule, rule, "privacy", left, failing, q(left)))
    return scans


def _value_scan_sql(contract: Contract, relation: str) -> str:
    """One query over the distinct values of `relation`'s scanned columns (and of its pairs of
    neighbouring columns): whether any value holds characters only the reference reader reads
    (`odd`), a space at an edge (`edge`), or a personal code, whole or split (`code`). Every
    column gets the same checks, so each pattern appears once in the query: DuckDB compiles a
    pattern once per place it appears, which cost more than the scan of a small file."""
    columns, pairs = _scanned_columns(contract)
    values = "[" + ", ".join(q(c) for c in columns) + "]"
    split = "false"
    pair_rows = ""
    if pairs:
        packed = ", ".join(f"struct_pack(a := {q(a)}, b := {q(b)})" for a, b in pairs)
        pair_rows = (
            f", pair_values AS (SELECT DISTINCT p.a AS a, p.b AS b FROM "
            f"(SELECT unnest([{packed}]) AS p FROM {relation}))"
        )
        split = f"(SELECT coalesce(bool_or({_split_failing('a', 'b')}), false) FROM pair_values)"
    return (
        f"WITH scanned_values AS (SELECT DISTINCT v FROM "
        f"(SELECT unnest({values}) AS v FROM {relation}) WHERE v IS NOT NULL){pair_rows} "
        f"SELECT coalesce(bool_or({_matches('v', _ODD_CHARACTERS)}), false), "
        f"coalesce(bool_or({_matches('v', _EDGE_SPACE)}), false), "
        f"coalesce(bool_or({_code_failing('v')}), false) OR {split} FROM scanned_values"
    )


def _personal_codes(con: duckdb.DuckDBPyConnection, scans: list[SqlCheck]):
    """Per scan (rule): how many rows hold a personal code, and the first rows."""
    rows: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for scan in scans:
        found = con.execute(
            f"SELECT count(*), list({ROW_NUMBER} ORDER BY {ROW_NUMBER})[1:{MAX_ROWS_LISTED}] "
            f"FROM cells WHERE {scan.failing}"
        ).fetchone()
        if found[0]:
            counts[scan.rule], rows[scan.rule] = found[0], list(found[1])
    return rows, counts


def _grouping_mask(columns: list[str], grouped: tuple[str, ...]) -> int:
    """DuckDB's GROUPING(columns...) of a grouping set: bit set for each column not grouped."""
    return sum(1 << (len(columns) - 1 - i) for i, c in enumerate(columns) if c not in grouped)


def _count_failures(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    checks: list[SqlCheck],
    extra: list[str],
    by_value: set[str],
    text: bool = False,
) -> tuple[list[int], list[int]]:
    """How many rows fail each check, and the `extra` row counts.

    A check that reads only columns in `by_value` is counted on their distinct values, so a
    pattern is matched once per distinct value, not once per row. With `text` (every column of
    `relation` is text) the checks of one column's values alone are counted together over every
    column's values: each distinct check appears once in the query, however many columns it
    applies to (DuckDB compiles a pattern once per place it appears: for a small file, the cost
    of the query). The others are counted on grouping sets, in one scan of the rows, and
    uniqueness by grouping on the key."""
    grouped = [c for c in checks if c.reads and set(c.reads) <= by_value]
    templated = [c for c in grouped if c.template] if text else []
    grouped = [c for c in grouped if c not in templated]
    per_row = [c for c in checks if c not in grouped + templated and not c.unique_key]
    counts: dict[int, int] = {}
    if templated:
        counts.update(_count_by_template(con, relation, templated))
    if grouped:
        sets = list(dict.fromkeys(c.reads for c in grouped))
        columns = list(dict.fromkeys(col for s in sets for col in s))
        listed = ", ".join(q(c) for c in columns)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE value_counts AS SELECT {listed}, "
            f"GROUPING({listed}) AS _set, count(*) AS _n FROM {relation} GROUP BY GROUPING SETS ("
            + ", ".join("(" + ", ".join(q(c) for c in s) + ")" for s in sets)
            + ")"
        )
        sums = con.execute(
            "SELECT "
            + ", ".join(
                f"coalesce(sum(_n) FILTER (WHERE _set = {_grouping_mask(columns, c.reads)} "
                f"AND {c.failing}), 0)"
                for c in grouped
            )
            + " FROM value_counts"
        ).fetchone()
        counts.update(zip([id(c) for c in grouped], sums, strict=True))
    filters = [f"count(*) FILTER (WHERE {c.failing})" for c in per_row] + extra
    counted = (
        list(con.execute(f"SELECT {', '.join(filters)} FROM {relation}").fetchone())
        if filters
        else []
    )
    counts.update(zip([id(c) for c in per_row], counted, strict=False))
    for check in checks:
        if check.unique_key:
            keys = ", ".join(q(k) for k in check.unique_key)
            present = " OR ".join(f"{q(k)} IS NOT NULL" for k in check.unique_key)
            counts[id(check)] = con.execute(
                f"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {relation} "
                f"WHERE {present} GROUP BY {keys} HAVING count(*) > 1)"
            ).fetchone()[0]
    return [counts[id(c)] for c in checks], counted[len(per_row) :]


def _count_by_template(
    con: duckdb.DuckDBPyConnection, relation: str, checks: list[SqlCheck]
) -> dict[int, int]:
    """Failing rows of single-column checks (by id): every distinct template counted once, on
    the distinct values of the columns it applies to (column, value, rows)."""
    templates: dict[str, list[str]] = {}
    for check in checks:
        templates.setdefault(check.template, [])
        if check.column not in templates[check.template]:
            templates[check.template].append(check.column)
    columns = list(dict.fromkeys(c.column for c in checks))
    packed = ", ".join(f"struct_pack(c := {literal(c)}, v := {q(c)})" for c in columns)
    sums = ", ".join(
        f"coalesce(sum(_n) FILTER (WHERE _column IN ({', '.join(map(literal, applied))}) "
        f"AND ({template})), 0)"
        for template, applied in templates.items()
    )
    found = con.execute(
        f"SELECT _column, {sums} FROM (SELECT p.c AS _column, p.v AS {VALUE}, count(*) AS _n "
        f"FROM (SELECT unnest([{packed}]) AS p FROM {relation}) GROUP BY ALL) GROUP BY _column"
    ).fetchall()
    by_column = {row[0]: dict(zip(templates, row[1:], strict=True)) for row in found}
    return {id(c): by_column.get(c.column, {}).get(c.template, 0) for c in checks}


def _failure(con, relation: str, check: SqlCheck, count: int) -> SqlFailure:
    failing = check.failing
    source = relation
    if check.unique_key:
        keys = ", ".join(q(k) for k in check.unique_key)
        source = f"(SELECT *, count(*) OVER (PARTITION BY {keys}) AS _copies FROM {relation})"
    rows, values = con.execute(
        f"SELECT list({ROW_NUMBER} ORDER BY {ROW_NUMBER})[1:{MAX_ROWS_LISTED}], "
        f"list({check.shown} ORDER BY {ROW_NUMBER})[1:{PARTIAL_UNEXPECTED}] "
        f"FROM {source} WHERE {failing}"
    ).fetchone()
    examples = [tuple(v.values()) if isinstance(v, dict) and check.column else v for v in values]
    return SqlFailure(
        check.rule,
        check.explanation,
        check.stage,
        check.column,
        count,
        list(rows),
        examples,
        check.explanation_lv,
    )


def _matches(column: str, pattern: str) -> str:
    return f"{column} IS NOT NULL AND regexp_matches({column}, {literal(pattern)})"


def _create_views(con: duckdb.DuckDBPyConnection, contract: Contract, trim: bool) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW cleaned_values AS {cleaned_sql(contract, 'cells', trim)}"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW cleaned AS SELECT *, {period_month_sql(contract)} AS "
        f"{PERIOD_MONTH} FROM cleaned_values"
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW typed AS {typed_sql(contract)}")


_DATABASE: dict[int, duckdb.DuckDBPyConnection] = {}


def _connection() -> duckdb.DuckDBPyConnection:
    """A connection of its own (its own temp tables) to the process's one in-memory database:
    opening a database costs more than judging a small file (≈ 50 ms), so a task that gates many
    files opens one. A forked child opens its own."""
    database = _DATABASE.get(os.getpid())
    if database is None:
        _DATABASE.clear()
        database = _DATABASE[os.getpid()] = duckdb.connect()
    return database.cursor()


def validate_csv(path: Path, contract: Contract, parameters: dict) -> SqlVerdict | None:
    """Validate a CSV extract as DuckDB reads it; None when the reader must normalise it first
    (`validate_cells`)."""
    path = Path(path)
    if not _readable_directly(path, contract):
        return None
    con = _connection()
    try:
        try:
            con.execute(f"CREATE TEMP TABLE cells_as_read AS FROM {read_csv_sql(path, contract)}")
        except duckdb.Error as error:  # not UTF-8, a row of the wrong width, a stray quote ...
            # DuckDB's message quotes the line it failed on: redacted like any value.
            log.debug("%s: the reader normalises it (%s)", redact_name(path.name), redact(error))
            return None
        con.execute(f"CREATE TEMP VIEW cells AS {numbered_sql('cells_as_read')}")
        return _judge(con, contract, parameters, normalised=False)
    finally:
        con.close()


def validate_cells(cells: pd.DataFrame, contract: Contract, parameters: dict) -> SqlVerdict:
    """Validate the reader's normalised cells: the contract's columns as text (stripped, NFC,
    missing as NA) and the row numbers, of a file whose header is the contract's and whose every
    cell the gate has already scanned for personal codes (in Python: gate.personal_codes_in_cells,
    which reads the scan form too)."""
    con = _connection()
    try:
        con.register("normalised", cells)
        listed = ", ".join(q(c) for c in [*contract.column_names, ROW_NUMBER])
        con.execute(f"CREATE TEMP VIEW cells AS SELECT {listed} FROM normalised")
        return _judge(con, contract, parameters, normalised=True)
    finally:
        con.close()


def _judge(con, contract: Contract, parameters: dict, normalised: bool) -> SqlVerdict | None:
    """The format and content stages (the structure is checked before: the header when the file
    is read, the row count here). Without `normalised`, None when the values as DuckDB read them
    differ from the reader's (odd characters, blank rows) or a malformed key may hold a personal
    code: the reader then normalises the file, and the gate scans it in Python."""
    stages = {stage: compile_stage(contract, stage, parameters) for stage in STAGES}
    columns = contract.column_names
    keys = {c.name for c in contract.columns if c.type == "key"}
    by_value = (set(columns) - keys) | {PERIOD_MONTH}
    _create_views(con, contract, trim=False)
    checks_run = stages["structure"][1]
    failures: list[SqlFailure] = []
    code_rows: dict[str, list[int]] = {}
    code_counts: dict[str, int] = {}
    rows, trimmed = 0, False
    for stage, relation in (("format", "cleaned"), ("content", "typed")):
        checks, count = stages[stage]
        checks_run += count
        extra = []
        if stage == "format":
            blank = " AND ".join(f"{q(c)} IS NULL" for c in columns)
            extra = ["count(*)", f"count(*) FILTER (WHERE {blank})"]
        text = stage == "format"  # the values as text (cleaned): the typed ones are not
        counts, extra_counts = _count_failures(con, relation, checks, extra, by_value, text)
        if stage == "format":
            rows, blank_rows = extra_counts
            if normalised:
                pass  # the reader has read the values, and the gate has scanned them
            elif blank_rows or not rows:
                return None  # the reader explains these
            else:
                odd, edge, code = con.execute(
                    _value_scan_sql(contract, "cleaned_values")
                ).fetchone()
                if odd:
                    return None  # the reader explains these
                if edge:
                    # Trimmed values: count again (rare: agencies' exports rarely pad values).
                    trimmed = True
                    _create_views(con, contract, trim=True)
                    counts, _ = _count_failures(con, relation, checks, [], by_value, text)
                if any(n for check, n in zip(checks, counts, strict=True) if check.column in keys):
                    return None  # a malformed key may hold a personal code: the reader scans it
                if code:
                    code_rows, code_counts = _personal_codes(con, _code_scans(contract))
        found = [
            _failure(con, relation, check, n) for check, n in zip(checks, counts, strict=True) if n
        ]
        skip = set(code_rows)
        failures += [f for f in found if f.rule not in skip]
        if found:
            break
    return SqlVerdict(rows, checks_run, code_rows, code_counts, failures, trimmed)
