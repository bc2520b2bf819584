"""One view model per table: the columns a reader sees, each with its kind, feeding the screen
table, the XLSX, the CSV and the PDF alike.

A page states what a column holds (``Kind``); the exports and the screen then round and format
it the same way: counts are whole, other quantities have one decimal, shares (0..1) are
rounded to 0,1 percentage point, money to the cent; a timestamp is Riga wall-clock time (the
header says so) and is converted from UTC here, once. The figures themselves come from the
marts; nothing here computes one.

Pages that still hand over a plain frame get kinds inferred from the values (``from_frame``):
booleans are flags, whole numbers counts, other numbers quantities, money where the header says
EUR, and the shares are those named (``share_headers``: every share column header of the UI
string set, or a header ending with ``%``).
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from roma_monitor.serve.formatting import (
    DISPLAY_TZ,
    MISSING,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    is_missing,
)
from roma_monitor.serve.i18n import t

__all__ = ["Column", "Kind", "ViewTable", "share_headers"]


class Kind(StrEnum):
    COUNT = "count"  # whole units (persons, projects): no decimals
    NUMBER = "number"  # other quantities (hours, per capita): one decimal
    SHARE = "share"  # 0..1, shown as 0,0 %
    MONEY = "money"  # euros, to the cent
    ROMA_COUNT = "roma_count"  # a Roma count as published: whole, empty when withheld
    FLAG = "flag"  # yes / no
    DATE = "date"
    DATETIME = "datetime"  # Riga wall-clock time
    LABEL = "label"  # words for the reader (already in the page's language)
    CODE = "code"  # an identifier, kept as it is


DECIMALS = {
    Kind.COUNT: 0,
    Kind.ROMA_COUNT: 0,
    Kind.NUMBER: 1,
    Kind.SHARE: 3,  # 0.731 = 73,1 %
    Kind.MONEY: 2,
}

MONEY_HEADER = re.compile(r"\bEUR\b|€")

# UI string keys of every column that holds shares (0..1), whichever page shows it.
SHARE_KEYS = (
    "overview.col.share_of_target",
    "overview.col.share_of_national",
    "overview.col.coverage",
    "measure.share_of_national",
    "measure.col.share",
    "measure.col.coverage",
    "measure.col.roma_share",
    "measure.col.share_of_leavers",
    "regionmap.col.share",
    "regionmap.col.coverage",
    "quality.col.coverage",
    "quality.disclosure.col.share_published",
)


def share_headers(lang: str) -> tuple[str, ...]:
    """The headers, in ``lang``, of the columns that hold shares."""
    return tuple(t(key, lang) for key in SHARE_KEYS)


def round_half_up(value: float, decimals: int) -> float | int:
    """``value`` rounded as people round (2,5 → 3), not to even; whole when ``decimals`` is 0."""
    exponent = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)
    return int(rounded) if decimals == 0 else float(rounded)


def riga_time(moment: datetime) -> datetime:
    """A timestamp as naive Riga wall-clock time; a naive one is UTC, as the warehouse keeps it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(DISPLAY_TZ).replace(tzinfo=None)


def is_bool(value: Any) -> bool:
    return isinstance(value, bool | np.bool_)


def is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not is_bool(value)


def _plain(value: Any) -> Any:
    """Missing → None; numpy scalars → Python; a naive midnight timestamp (a pandas date) → date."""
    if is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, datetime | date):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is None and value.time() == datetime.min.time():
        return value.date()
    return value


def export_value(kind: Kind, value: Any) -> Any:
    """A typed cell value of ``kind`` as every file carries it: rounded per kind, Riga time."""
    value = _plain(value)
    if value is None:
        return None
    if kind in DECIMALS and is_number(value):
        return round_half_up(value, DECIMALS[kind])
    if kind is Kind.FLAG:
        return bool(value)
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return riga_time(value)
    return value


def infer_kind(values: Sequence[Any], header: str, share_columns: Iterable[str] = ()) -> Kind:
    present = [v for v in map(_plain, values) if v is not None]
    if not present:
        return Kind.LABEL
    if all(is_bool(v) for v in present):
        return Kind.FLAG
    if all(is_number(v) for v in present):
        if header.rstrip().endswith("%") or header in set(share_columns):
            return Kind.SHARE
        if MONEY_HEADER.search(header):
            return Kind.MONEY
        return Kind.COUNT if all(float(v).is_integer() for v in present) else Kind.NUMBER
    if all(isinstance(v, datetime) for v in present):
        return Kind.DATETIME
    if all(isinstance(v, date) for v in present):
        return Kind.DATE
    return Kind.LABEL


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    values: tuple[Any, ...]

    def exported(self) -> list[Any]:
        return [export_value(self.kind, v) for v in self.values]

    def title(self, lang: str) -> str:
        """The header; a time column says its zone (the zone is not in the cells)."""
        if self.kind is Kind.DATETIME:
            zone = t("exports.riga_time", lang)
            return self.header if zone in self.header else f"{self.header} {zone}"
        return self.header

    def shown(self, lang: str) -> list[str]:
        """The cells as the screen and the PDF print them."""
        return [self._text(export_value(self.kind, v), lang) for v in self.values]

    def _text(self, value: Any, lang: str) -> str:
        if value is None:
            return MISSING
        if self.kind is Kind.SHARE:
            return format_percent(value, lang)
        if self.kind is Kind.FLAG:
            return t("exports.yes" if value else "exports.no", lang)
        if self.kind is Kind.DATETIME:
            return format_datetime(value.replace(tzinfo=DISPLAY_TZ), lang)
        if isinstance(value, date):
            return format_date(value, lang)
        if is_number(value):
            return format_number(value, lang, decimals=DECIMALS.get(self.kind, 1))
        return str(value)


@dataclass(frozen=True)
class ViewTable:
    """A table as the reader sees it: its columns in order, each with a kind."""

    columns: tuple[Column, ...]

    @classmethod
    def of(cls, columns: Iterable[tuple[str, Kind, Iterable[Any]]]) -> ViewTable:
        return cls(tuple(Column(header, kind, tuple(values)) for header, kind, values in columns))

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        kinds: Mapping[str, Kind] | None = None,
        share_columns: Iterable[str] = (),
    ) -> ViewTable:
        """A frame with translated headers and typed values; a kind not given is inferred."""
        kinds, share_columns = kinds or {}, tuple(share_columns)
        columns = []
        for index, header in enumerate(frame.columns):
            values = list(frame.iloc[:, index])
            kind = kinds.get(header) or infer_kind(values, str(header), share_columns)
            columns.append((str(header), kind, values))
        return cls.of(columns)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def __len__(self) -> int:
        return len(self.columns[0].values) if self.columns else 0

    def rows(self) -> Iterable[tuple[Any, ...]]:
        """The exported (rounded, Riga-time) values, row by row."""
        return zip(*(c.exported() for c in self.columns), strict=True)

    def export_frame(self, lang: str) -> pd.DataFrame:
        """The values every file carries, under headers that state the time zone."""
        return pd.DataFrame(
            {c.title(lang): pd.Series(c.exported(), dtype="object") for c in self.columns}
        )

    def screen_frame(self, lang: str) -> pd.DataFrame:
        """The same table as text for the screen and the PDF."""
        return pd.DataFrame({c.title(lang): c.shown(lang) for c in self.columns})

    def with_first(self, column: Column) -> ViewTable:
        return ViewTable((column, *self.columns))
