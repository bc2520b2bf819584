"""Downloads of what a page shows: formula-safe CSV and formatted XLSX with a definitions sheet.

Pure functions (no Streamlit): the dashboard's ``app_exports`` and any script call them.

Input tables are view models (``viewmodel.ViewTable``: translated headers, typed raw values,
a kind per column). Values are rounded per kind and timestamps converted from UTC to Riga
time once, in the view model; a time column's header names the zone. Nothing here formats
numbers as text: a spreadsheet must receive numbers it can sum. Roma figures therefore travel
with flag columns instead of the screen's marks (``viewmodel.Field``): withheld (``×`` on
screen), rounded (``≈``) and the quarter end they describe (the screen's "as of" note); the
"About" sheet explains them.

**Formula injection (OWASP "CSV Injection").** A spreadsheet evaluates a text cell starting with
``=``, ``+``, ``-`` or ``@`` (also after leading spaces), and tab/carriage return starts can
smuggle one in. Such text cells, headers included, get a leading apostrophe in CSV; in XLSX
they are written as explicit string cells with Excel's "quote prefix" style (what typing ``'``
does in Excel), so no cell is ever a formula. Numbers stay numbers: ``-5`` is a number, not a
formula.

**Number formats (XLSX)** follow the column's kind: shares ``0.0%`` (values 0..1), counts
``#,##0``, other quantities ``#,##0.0``, money ``#,##0.00`` (Excel stores format codes in the
en-US form; a Latvian Excel shows ``#,##0`` as ``1 234``), dates ``dd.mm.yyyy``.

**Internal files.** The Ministry's unsuppressed figures are marked in the file name
(``file_name``) and in the content: the XLSX's "About" sheet and a first CSV column.
"""

from __future__ import annotations

import csv
import io
import numbers
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roma_monitor.serve.formatting import (
    ROUNDED_MARK,
    WITHHELD_MARK,
    format_cell,
    format_month,
    normalise_lang,
)
from roma_monitor.serve.i18n import Rounding, boundaries_attribution, t
from roma_monitor.serve.queries.core import Publication
from roma_monitor.serve.viewmodel import (
    DECIMALS,
    Column,
    Kind,
    ViewTable,
    export_value,
    is_bool,
    is_number,
)
from roma_monitor.serve.views_methodology import CATALOGUE

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")
CSV_FORMATS = {"lv": (";", ","), "en": (",", ".")}  # (separator, decimal mark)
DATE_FORMATS = {"lv": "%d.%m.%Y", "en": "%Y-%m-%d"}

# as many decimals as every file keeps (``viewmodel.DECIMALS``); shares are 0..1
XLSX_FORMATS = {
    **{kind: "#,##0" + ("." + "0" * n if n else "") for kind, n in DECIMALS.items()},
    Kind.SHARE: "0.0%",
    Kind.DATE: "dd.mm.yyyy",
    Kind.MONTH: "dd.mm.yyyy",
    Kind.DATETIME: "dd.mm.yyyy hh:mm",
}
# columns of several units or precisions: a whole value is written without decimals
WHOLE_WHEN_WHOLE = (Kind.NUMBER, Kind.AMOUNT, Kind.PACE, Kind.TARGET)
SHEET_TITLE_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MIN_WIDTH, _MAX_WIDTH = 8, 60


# --- cell values -----------------------------------------------------------------------------


def needs_quote(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (OWASP CSV injection)."""
    return text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def safe_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet could read it as a formula."""
    return f"'{text}" if needs_quote(text) else text


def _plain_number(value: Any, decimal_mark: str) -> str:
    """A number as a spreadsheet parses it: no digit grouping, the locale's decimal mark."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    number = Decimal(repr(float(value)))
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal_mark)


def _csv_cell(value: Any, lang: str) -> str:
    """An exported value (``ViewTable.rows``: rounded, Riga time) as CSV text."""
    if value is None:
        return ""
    if is_bool(value):
        return format_cell(Kind.FLAG, value, lang)
    if is_number(value):
        return _plain_number(value, CSV_FORMATS[lang][1])
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMATS[lang] + " %H:%M")
    if isinstance(value, date):
        return value.strftime(DATE_FORMATS[lang])
    return safe_text(str(value))


def internal_marked(table: ViewTable, lang: str) -> ViewTable:
    """The table with a first column that says, on every row, that it is for internal use: a
    column survives whatever program reads the CSV (a comment line does not), and it carries
    the same heading as the XLSX's "About" sheet."""
    mark = t("exports.internal_mark", lang)
    column = Column(t("exports.about.classification", lang), Kind.LABEL, (mark,) * len(table))
    return ViewTable((column, *table.columns))


def file_name(stem: str, extension: str, lang: str, internal: bool = False) -> str:
    """A download's name; the Ministry's unsuppressed figures say so in the name too."""
    lang = normalise_lang(lang)
    suffix = f"_{t('exports.internal_suffix', lang)}" if internal else ""
    return f"{stem}{suffix}.{extension}"


# --- CSV -------------------------------------------------------------------------------------


def to_csv(view: ViewTable, lang: str = "lv", internal: bool = False) -> bytes:
    """``table`` as CSV bytes that Excel opens correctly in either language: UTF-8 with a BOM
    (so Latvian letters survive), ``;`` and a decimal comma for Latvian (the Latvian Excel's list
    separator), ``,`` and a decimal point for English; formula-safe (module docstring); values
    rounded per kind (``viewmodel``); ``internal``: marked as for internal use."""
    lang = normalise_lang(lang)
    if internal:
        view = internal_marked(view, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_FORMATS[lang][0], lineterminator="\r\n")
    writer.writerow([safe_text(c.title(lang)) for c in view.columns])
    for row in view.rows():
        writer.writerow([_csv_cell(value, lang) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX ------------------------------------------------------------------------------------


def safe_sheet_title(title: str, taken: Iterable[str] = (), fallback: str = "Sheet") -> str:
    """A valid, unique Excel sheet name: no ``[]:*?/\\``, no leading/trailing apostrophe, at
    most 31 characters, not equal (ignoring case) to any name in ``taken``."""
    clean = _SHEET_FORBIDDEN.sub(" ", str(title)).strip().strip("'").strip()
    clean = re.sub(r"\s+", " ", clean)[:SHEET_TITLE_MAX].strip() or fallback
    used = {name.casefold() for name in taken}
    candidate, number = clean, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = clean[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
    return candidate


def _write_text(cell, text: str) -> None:
    """A string cell that can never become a formula (openpyxl would turn ``=…`` into one);
    without the control characters openpyxl refuses (all but tab, newline, carriage return)."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"
    if needs_quote(text):
        cell.quotePrefix = True


def _write_value(cell, value: Any, kind: Kind, lang: str) -> None:
    """An exported value (rounded, Riga time) as a typed cell in its kind's number format."""
    if value is None:
        return
    if is_bool(value):
        _write_text(cell, format_cell(Kind.FLAG, value, lang))
    elif is_number(value) or isinstance(value, date):
        cell.value = value
        cell.number_format = XLSX_FORMATS.get(kind, XLSX_FORMATS[Kind.NUMBER])
        if kind in WHOLE_WHEN_WHOLE and is_number(value) and float(value).is_integer():
            # a whole value in a column of several units (persons beside euros): no ",0"
            cell.number_format = XLSX_FORMATS[Kind.COUNT]
        elif isinstance(value, datetime):
            cell.number_format = XLSX_FORMATS[Kind.DATETIME]
        elif isinstance(value, date):
            cell.number_format = XLSX_FORMATS[Kind.DATE]
    else:
        _write_text(cell, str(value))


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 16 if isinstance(value, datetime) else 10
    if is_number(value):
        return len(f"{float(value):,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _autosize(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))


def _write_label(cell, text: str) -> None:
    """A header: bold, wrapped, at the top of its cell."""
    _write_text(cell, text)
    cell.font, cell.alignment = Font(bold=True), Alignment(vertical="top", wrap_text=True)


def _write_table(sheet: Worksheet, view: ViewTable, lang: str) -> None:
    """A table: bold frozen header, typed cells, number formats per kind, auto widths."""
    names = [c.title(lang) for c in view.columns]
    kinds = [c.kind for c in view.columns]
    for index, name in enumerate(names, start=1):
        _write_label(sheet.cell(row=1, column=index), name)
    sheet.freeze_panes = "A2"
    widths = [len(name) for name in names]
    for r, row in enumerate(view.rows(), start=2):
        for c, value in enumerate(row, start=1):
            _write_value(sheet.cell(row=r, column=c), value, kinds[c - 1], lang)
            widths[c - 1] = max(widths[c - 1], _display_width(value))
    _autosize(sheet, widths)
    if names and len(view):
        sheet.auto_filter.ref = sheet.dimensions


def _write_about(sheet: Worksheet, meta: Mapping[str, Any], sheets: list[str], lang: str) -> None:
    """The first sheet: what this file is, the date of data, the publication and the notes."""
    base, max_error = meta["rounding"]
    rows: list[tuple[str, Any]] = []
    if meta.get("internal"):
        rows.append(
            (t("exports.about.classification", lang), t("exports.about.internal_text", lang))
        )
    rows += [
        (t("exports.about.title", lang), meta.get("title") or t("exports.default_title", lang)),
        (t("exports.about.data_date", lang), format_month(meta.get("latest_period"), lang)),
        (t("exports.about.version", lang), meta.get("version")),
        (t("exports.about.published_at", lang), meta.get("published_at")),
        (t("exports.about.generated_at", lang), meta.get("generated_at") or datetime.now(UTC)),
        (t("exports.about.sheets", lang), ", ".join(sheets)),
        (
            t("exports.about.suppression", lang),
            t(
                "exports.about.internal_roma_text"
                if meta.get("internal")
                else "exports.about.suppression_text",
                lang,
                base=base,
                half=max_error,
                withheld=WITHHELD_MARK,
                rounded=ROUNDED_MARK,
                col_withheld=t("roma.col.withheld", lang),
                col_rounded=t("roma.col.rounded", lang),
                col_as_of=t("roma.col.as_of", lang),
            ),
        ),
        (t("exports.about.source", lang), t("exports.about.source_text", lang)),
        (t("exports.about.boundaries", lang), boundaries_attribution(lang)),
    ]
    for r, (label, value) in enumerate(rows, start=1):
        _write_label(sheet.cell(row=r, column=1), label)
        value_cell = sheet.cell(row=r, column=2)
        kind = Kind.DATETIME if isinstance(value, datetime) else Kind.LABEL
        _write_value(value_cell, export_value(kind, value), kind, lang)
        value_cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 100


def to_xlsx(
    tables: Mapping[str, ViewTable],
    definitions: ViewTable | None,
    meta: Mapping[str, Any],
    lang: str = "lv",
) -> bytes:
    """An Excel workbook: an "About"/"Par" sheet (``meta``: ``title``, ``latest_period``
    (date), ``version``, ``published_at`` (datetime), ``rounding`` (``i18n.Rounding``), optional
    ``generated_at``; see ``export_meta``), one sheet per table in order, then a
    "Definitions"/"Definīcijas" sheet from ``definitions`` (``definitions_table``)."""
    lang = normalise_lang(lang)
    book = Workbook()
    about = book.active
    about.title = safe_sheet_title(t("exports.sheet_about", lang))
    titles: list[str] = [about.title]
    for title, table in tables.items():
        name = safe_sheet_title(title, titles, fallback=t("exports.sheet_default", lang))
        titles.append(name)
        _write_table(book.create_sheet(name), table, lang)
    if definitions is not None:
        name = safe_sheet_title(t("exports.sheet_definitions", lang), titles)
        titles.append(name)
        _write_table(book.create_sheet(name), definitions, lang)
    _write_about(about, meta, titles[1:], lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_meta(
    publication: Publication,
    _base: Any = None,
    title: str | None = None,
    generated_at: datetime | None = None,
) -> dict[str, Any]:
    """The ``meta`` of ``to_xlsx`` from a snapshot's publication record (its rounding too: the
    second argument, the base the pages pass, is the publication's own)."""
    return {
        "title": title,
        "latest_period": publication.latest_period,
        "version": publication.version,
        "published_at": publication.published_at,
        "rounding": Rounding.published(publication.metadata),
        "generated_at": generated_at or datetime.now(UTC),
        # the Ministry's unsuppressed snapshot: the file says it is not for publication
        "internal": publication.metadata.get("internal") == "true",
    }


# --- definitions (the catalogue) -------------------------------------------------------------


def definitions_table(catalogue: pd.DataFrame, lang: str = "lv") -> ViewTable:
    """The indicator catalogue (``queries.indicator_catalogue``) as the XLSX definitions sheet:
    every field of the methodology page's catalogue (``views_methodology.CATALOGUE``)."""
    return CATALOGUE.table(catalogue, normalise_lang(lang))
