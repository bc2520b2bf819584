"""One view model per table: the columns a reader sees, each with its kind, feeding the screen
table, the XLSX, the CSV and the PDF alike.

A page states what a column holds (``Kind``); the exports and the screen then round and format
it the same way: counts are whole, other quantities have one decimal, shares (0..1) are
rounded to 0,1 percentage point, money to the cent; a timestamp is Riga wall-clock time (the
header says so) and is converted from UTC here, once. The figures themselves come from the
marts; nothing here computes one.

A view is declared once (``View(Field(key, header key, kind, source), …)``) and turned into a
``ViewTable`` from a query frame, for the screen (``screen=True``: one column per figure, the
marks ``×``/``≈`` in the cells) or for the files (a suppressed count travels as its number
with flag columns: withheld, rounded, the quarter end it describes). ``ViewTable.screen_frame``
gives the texts the screen and the PDF print, ``rows``/``export_frame`` the typed values the
CSV and XLSX carry; every cell is written by ``formatting.format_cell``, one formatter per kind.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from roma_monitor.serve.formatting import (
    Kind,
    differs_from_period,
    format_cell,
    is_missing,
    is_set,
    month_end,
    riga_time,
    round_half_up,
    text,
    to_date,
)
from roma_monitor.serve.i18n import Rounding, localized, roma_legends, t, words

__all__ = ["Column", "Field", "Kind", "View", "ViewTable"]


DECIMALS = {
    Kind.COUNT: 0,
    Kind.SUPPRESSED_COUNT: 0,
    Kind.NUMBER: 1,
    Kind.SHARE: 3,  # 0.731 = 73,1 %
    Kind.MONEY: 2,
    Kind.AMOUNT: 1,
    Kind.PACE: 1,
    Kind.TARGET: 2,
}


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
        rounded = round_half_up(value, DECIMALS[kind])  # whole when there are no decimals
        return float(rounded) if DECIMALS[kind] else int(rounded)
    if kind is Kind.FLAG:
        return bool(value)
    if kind is Kind.DATETIME and isinstance(value, datetime):
        return riga_time(value)
    if kind is Kind.MONTH:
        return value.date() if isinstance(value, datetime) else value
    return value


@dataclass(frozen=True)
class Column:
    """One column as the reader sees it. ``marks``: per row, what ``format_cell`` needs beside
    the value (``unit``, ``operator``, ``withheld``, ``rounded``); a withheld cell exports as
    empty. ``key``: the view's name for the column (``Field.key``)."""

    header: str
    kind: Kind
    values: tuple[Any, ...]
    marks: tuple[Mapping[str, Any], ...] = ()
    key: str = ""

    def _marks(self, index: int) -> Mapping[str, Any]:
        return self.marks[index] if self.marks else {}

    def exported(self) -> list[Any]:
        return [
            None if is_set(self._marks(i).get("withheld")) else export_value(self.kind, v)
            for i, v in enumerate(self.values)
        ]

    def title(self, lang: str) -> str:
        """The header; a time column says its zone (the zone is not in the cells)."""
        if self.kind is Kind.DATETIME:
            zone = t("exports.riga_time", lang)
            return self.header if zone in self.header else f"{self.header} {zone}"
        return self.header

    def shown(self, lang: str) -> list[str]:
        """The cells as the screen and the PDF print them."""
        plain = (lambda v: v) if self.kind is Kind.DATETIME else _plain
        return [
            format_cell(self.kind, plain(v), lang, **self._marks(i))
            for i, v in enumerate(self.values)
        ]


@dataclass(frozen=True)
class ViewTable:
    """A table as the reader sees it: its columns in order, each with a kind."""

    columns: tuple[Column, ...]

    @classmethod
    def of(cls, columns: Iterable[tuple[str, Kind, Iterable[Any]]]) -> ViewTable:
        return cls(tuple(Column(header, kind, tuple(values)) for header, kind, values in columns))

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def __len__(self) -> int:
        return len(self.columns[0].values) if self.columns else 0

    def rows(self) -> Iterable[tuple[Any, ...]]:
        """The exported (rounded, Riga-time) values, row by row."""
        return zip(*(c.exported() for c in self.columns), strict=True)

    def export_frame(self, lang: str) -> pd.DataFrame:
        """The values every file carries, under headers that state the time zone (the tests
        read a file's table so)."""
        return pd.DataFrame(
            {c.title(lang): pd.Series(c.exported(), dtype="object") for c in self.columns}
        )

    def screen_frame(self, lang: str, zone: bool = True) -> pd.DataFrame:
        """The same table as text for the screen and the PDF (``zone``: a time column's header
        names the time zone)."""
        return pd.DataFrame(
            {(c.title(lang) if zone else c.header): c.shown(lang) for c in self.columns}
        )

    def texts(self, lang: str) -> list[list[str]]:
        """The cells as text, row by row (the PDF's table)."""
        return [list(row) for row in zip(*(c.shown(lang) for c in self.columns), strict=True)]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# --- declaring a view ------------------------------------------------------------------------

Row = Mapping[str, Any]
Source = str | Callable[[Row, str], Any]


def headed(prefix: str) -> Callable[..., Field]:
    """A maker of fields headed by the UI string ``<prefix>.<key>``: ``col(key, kind, source)``."""

    def field(key: str, kind: Kind, source: Source | None = None, **more: Any) -> Field:
        return Field(key, f"{prefix}.{key}", kind, source, **more)

    return field


def in_lang(column: str) -> Source:
    """The row's ``<column>_<lang>``; None when blank (never the other language's)."""
    return lambda row, lang: text(row.get(f"{column}_{lang}"))


def named(column: str = "name", code: str = "indicator_code") -> Source:
    """The row's ``<column>_<lang>`` (a name in the page's language), else its ``code``."""
    return lambda row, lang: localized(row, lang, column, code)


def in_words(prefix: str, column: str) -> Source:
    """The code in ``column`` in words (``i18n.words``: the UI string ``<prefix>.<code>``)."""
    return lambda row, lang: words(prefix, row.get(column), lang)


def day(column: str) -> Source:
    """The date in ``column`` (a timestamp's day; a pandas date as a date)."""
    return lambda row, lang: to_date(row.get(column))


@dataclass(frozen=True)
class Field:
    """One column of a view, declared once: ``key`` (the view's name for it), ``header`` (its
    UI string key), ``kind`` and ``source`` (a column of the query frame, default ``key``, or a
    function of the row and the language). ``unit``/``operator``/``withheld``/``rounded``/
    ``as_of``/``from_report`` name the query columns with a row's unit, a target's comparison,
    the disclosure marks (``as_of``: the quarter end a suppressed count describes, exported as
    a date) and whether the seed report states the target (``¹`` when not). ``on``:
    ``"screen"``, ``"files"`` or both (default)."""

    key: str
    header: str
    kind: Kind
    source: Source | None = None
    unit: str | None = None
    operator: str | None = None
    withheld: str | None = None
    rounded: str | None = None
    as_of: str | None = None
    on: str = "both"
    from_report: str | None = None

    def value(self, row: Row, lang: str) -> Any:
        source = self.source or self.key
        return source(row, lang) if callable(source) else row.get(source)

    def marks(self, row: Row) -> dict[str, Any]:
        names = {
            "unit": self.unit,
            "operator": self.operator,
            "withheld": self.withheld,
            "rounded": self.rounded,
            "from_report": self.from_report,
        }
        return {mark: row.get(column) for mark, column in names.items() if column}

    def columns(self, rows: list[Row], lang: str, screen: bool) -> list[Column]:
        header = t(self.header, lang)
        values = tuple(self.value(row, lang) for row in rows)
        marks = tuple(self.marks(row) for row in rows)
        if screen or not (self.withheld or self.rounded):
            return [Column(header, self.kind, values, marks, self.key)]
        # a suppressed figure in a file: its number (empty when withheld) and, for a count
        # with its date (``as_of``), the flags the screen shows as marks
        number = tuple({"withheld": m.get("withheld")} for m in marks)
        columns = [Column(header, self.kind, values, number, self.key)]
        if not self.as_of:
            return columns
        for flag in ("withheld", "rounded"):
            flags = tuple(is_set(m.get(flag)) for m in marks)
            header = t(f"roma.col.{flag}", lang)
            columns.append(Column(header, Kind.FLAG, flags, key=f"{self.key}.{flag}"))
        dates = tuple(month_end(row.get(self.as_of)) for row in rows)
        columns.append(Column(t("roma.col.as_of", lang), Kind.DATE, dates, key=f"{self.key}.as_of"))
        return columns


class View:
    """A table a reader sees, declared once as its fields; ``table`` builds it from a query
    frame for the screen or for the files."""

    def __init__(self, *fields: Field) -> None:
        self.fields = fields

    def without(self, *keys: str) -> View:
        return View(*(f for f in self.fields if f.key not in keys))

    def only(self, *keys: str) -> View:
        """These fields, in this order, on every surface."""
        by_key = {f.key: f for f in self.fields}
        return View(*(replace(by_key[k], on="both") for k in keys))

    def relabel(self, key: str, header: str) -> View:
        """The view with ``key``'s header string changed (a national figure beside an area's)."""
        return View(*(replace(f, header=header) if f.key == key else f for f in self.fields))

    def table(self, frame: pd.DataFrame, lang: str, *, screen: bool = False) -> ViewTable:
        rows = frame.to_dict("records")
        wanted = "screen" if screen else "files"
        columns = [
            column
            for f in self.fields
            if f.on in ("both", wanted)
            for column in f.columns(rows, lang, screen)
        ]
        return ViewTable(tuple(columns))

    def legends(
        self, frame: pd.DataFrame, lang: str, base: Rounding | int, period: str = "period"
    ) -> list[str]:
        """The legends of the marks this view shows for ``frame`` (``×``, ``≈``, a figure of an
        earlier quarter end than the month in ``period``), each once, and only those."""
        held = rounded = False
        dates = []
        for row in frame.to_dict("records"):
            for f in (f for f in self.fields if f.withheld or f.rounded):
                withheld = is_set(row.get(f.withheld))
                if not (withheld or not is_missing(f.value(row, lang))):
                    continue  # nothing shown, so no mark
                held |= withheld
                rounded |= not withheld and is_set(row.get(f.rounded))
                if f.as_of and differs_from_period(row.get(f.as_of), row.get(period)):
                    dates.append(row[f.as_of])
        return roma_legends(lang, withheld=held, rounded=rounded, as_of=dates, base=base)

    def screen(self, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
        """The texts the screen shows (headers without a time zone)."""
        return self.table(frame, lang, screen=True).screen_frame(lang, zone=False)
