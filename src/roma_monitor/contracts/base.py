"""The data contract of an agency extract: defined once, used by every layer.

The GX suite (`expectations/`), the loader's DuckDB schema, the dbt source and the agency-facing
documentation page are all generated from a `Contract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ColumnType = Literal[
    "text", "code", "code_list", "month", "quarter", "date", "integer", "decimal", "key"
]
PeriodKind = Literal["month", "quarter", "year"]

# How each logical type looks in the file, and what it becomes in DuckDB.
RAW_PATTERNS: dict[str, str] = {
    "key": r"^[0-9a-f]{64}$",
    "month": r"^\d{4}-(0[1-9]|1[0-2])$",
    "quarter": r"^\d{4}-Q[1-4]$",
    "date": r"^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.(19|20)\d{2}$",
    "integer": r"^-?\d+$",
    "decimal": r"^-?\d+(,\d+)?$",
}
DUCKDB_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "code_list": "VARCHAR",
    "key": "VARCHAR",
    "month": "DATE",
    "quarter": "DATE",  # first day of the quarter
    "date": "DATE",
    "integer": "INTEGER",
    "decimal": "DECIMAL(9, 2)",
}

# Agencies may send the same table as an Excel workbook: `<name>.xlsx` for `<name>.csv`.
CSV_SUFFIX = ".csv"
WORKBOOK_SUFFIX = ".xlsx"

# A resend: a corrected file sent while the earlier one may still wait in landing/ carries its
# sending number before the extension, `SIF_9144_202008.r2.csv` (r2, r3, …; the original is r1
# and has no marker). It declares the same period as the original name and supersedes it.
RESEND_MARKER = re.compile(r"\.r(?P<sending>[1-9]\d*)(?=\.(?:csv|xlsx)$)")


def split_resend(file_name: str) -> tuple[str, int]:
    """The original file name and the sending number: (`SIF_9144_202008.csv`, 2) for
    `SIF_9144_202008.r2.csv`, (name, 1) for a name without a marker. `.r1` is not a marker
    (the first sending has none), so such a name matches no contract."""
    match = RESEND_MARKER.search(file_name)
    if match is None or int(match["sending"]) < 2:
        return file_name, 1
    return file_name[: match.start()] + file_name[match.end() :], int(match["sending"])


def resend_name(file_name: str, sending: int) -> str:
    """`file_name` (an original name) as its `sending`-th sending: `….r2.csv`."""
    stem, dot, extension = file_name.rpartition(".")
    return f"{stem}.r{sending}{dot}{extension}"


# Column types whose values are numbers: two neighbouring numbers are not read as the halves of
# a personal code split between cells (an amount of 310190 beside a count of 12345).
NUMERIC_TYPES = ("integer", "decimal")


def personal_code_rule(column: str, next_column: str | None = None) -> str:
    """The gate's rule for a personal code in a column, or split between two neighbouring ones."""
    if next_column is None:
        return f"{column}.no_personal_code"
    return f"{column}+{next_column}.no_personal_code"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description_en: str
    description_lv: str
    required: bool = True
    allowed: tuple[str, ...] | None = None
    # Name of a reference set resolved from the dbt seeds (e.g. "atvk_2009", "atvk_2021").
    allowed_reference: str | None = None
    list_separator: str = "|"
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 200
    example: str = ""

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.type]

    @property
    def raw_pattern(self) -> str | None:
        return RAW_PATTERNS.get(self.type)


@dataclass(frozen=True)
class ReferenceByPeriod:
    """A code column whose valid set depends on the record's period (ATVK vintages)."""

    column: str
    period_column: str
    switch_date: date
    reference_before: str
    reference_from: str


@dataclass(frozen=True)
class Contract:
    """One kind of extract file. An agency (`source`) may send several kinds (`dataset`s);
    the file name tells them apart."""

    source: str
    dataset: str
    agency: str
    agency_name_lv: str
    measure_code: str
    measure_name_lv: str
    measure_name_en: str
    description: str
    file_pattern: str
    file_example: str
    frequency: Literal["monthly", "quarterly", "yearly"]
    columns: tuple[Column, ...]
    unique_key: tuple[str, ...]
    period_column: str
    # Pairs (later, earlier): the later date may not precede the earlier one.
    date_order: tuple[tuple[str, str], ...] = ()
    references_by_period: tuple[ReferenceByPeriod, ...] = ()
    # The period a file covers, as its name states it: YYYYMM, YYYYQn or YYYY.
    period_kind: PeriodKind = "month"
    encodings: tuple[str, ...] = ("utf-8-sig", "cp1257")
    delimiter: str = ";"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def raw_table(self) -> str:
        return f"raw.{self.dataset}"

    @property
    def table_name(self) -> str:
        """The dataset's name within its source (the dbt source table name)."""
        return self.dataset.removeprefix(f"{self.source}_")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def code_split_pairs(self) -> list[tuple[str, str]]:
        """Neighbouring columns scanned for a personal code split between their cells."""
        return [
            (a.name, b.name)
            for a, b in zip(self.columns, self.columns[1:], strict=False)
            if not (a.type in NUMERIC_TYPES and b.type in NUMERIC_TYPES)
        ]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def period_of_file(self, file_name: str) -> str | None:
        """The period a file name declares (`YYYY-MM`, `YYYY-Qn` or `YYYY`), or None if the name
        does not match the pattern. The pattern names the CSV file; the same name ending in
        `.xlsx` (an Excel workbook of the same table), or with a resend marker (`.r2.csv`),
        declares the same period."""
        file_name = split_resend(file_name)[0]
        if file_name.endswith(WORKBOOK_SUFFIX):
            file_name = file_name.removesuffix(WORKBOOK_SUFFIX) + CSV_SUFFIX
        match = re.fullmatch(self.file_pattern, file_name)
        if not match:
            return None
        period = match.group("period")  # YYYYMM, YYYYQn or YYYY
        return period if self.period_kind == "year" else f"{period[:4]}-{period[4:]}"

    def period_values(self, file_period: str) -> list[str]:
        """Every value the period column may hold in a file of `file_period`, as written."""
        first, last = period_bounds(file_period)
        kind = self.column(self.period_column).type
        if kind == "month":
            return [month.strftime("%Y-%m") for month in month_starts(first, last)]
        if kind == "quarter":
            return sorted(
                {f"{m.year}-Q{(m.month - 1) // 3 + 1}" for m in month_starts(first, last)}
            )
        if kind == "date":
            days = (last - first).days + 1
            return [
                date.fromordinal(first.toordinal() + i).strftime("%d.%m.%Y") for i in range(days)
            ]
        raise ValueError(f"period column of type {kind} is not supported")


def month_starts(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of a period written `YYYY-MM`, `YYYY-Qn` or `YYYY`."""
    year = int(period[:4])
    if len(period) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if period[5] == "Q":
        first_month = (int(period[6]) - 1) * 3 + 1
        start = date(year, first_month, 1)
        return start, month_end(date(year, first_month + 2, 1))
    start = date(year, int(period[5:7]), 1)
    return start, month_end(start)


def month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
