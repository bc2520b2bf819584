"""The data contract of an agency extract: defined once, used by every layer.

The GX suite (`expectations/`), the loader's DuckDB schema, the dbt source and the agency-facing
documentation page are all generated from a `Contract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ColumnType = Literal["text", "code", "code_list", "month", "date", "integer", "decimal", "key"]

# How each logical type looks in the file, and what it becomes in DuckDB.
RAW_PATTERNS: dict[str, str] = {
    "key": r"^[0-9a-f]{64}$",
    "month": r"^\d{4}-(0[1-9]|1[0-2])$",
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
    "date": "DATE",
    "integer": "INTEGER",
    "decimal": "DECIMAL(9, 2)",
}

# A Latvian personal code: DDMMYY-NNNNN, or the same 11 digits without the hyphen.
PERSONAL_CODE_PATTERN = r"(?<!\d)[0-3]\d[01]\d\d\d-?\d{5}(?!\d)"
PERSONAL_CODE_RE = re.compile(PERSONAL_CODE_PATTERN)


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
    source: str
    agency: str
    agency_name_lv: str
    measure_code: str
    measure_name_lv: str
    measure_name_en: str
    description: str
    file_pattern: str
    file_example: str
    frequency: Literal["monthly", "quarterly"]
    columns: tuple[Column, ...]
    unique_key: tuple[str, ...]
    period_column: str
    # Pairs (later, earlier): the later date may not precede the earlier one.
    date_order: tuple[tuple[str, str], ...] = ()
    references_by_period: tuple[ReferenceByPeriod, ...] = ()
    raw_table: str = ""
    encodings: tuple[str, ...] = ("utf-8-sig", "cp1257")
    delimiter: str = ";"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def period_of_file(self, file_name: str) -> str | None:
        """The reporting period a file name declares (`YYYY-MM`), or None if it does not match."""
        match = re.fullmatch(self.file_pattern, file_name)
        if not match:
            return None
        period = match.group("period")
        return f"{period[:4]}-{period[4:]}"
