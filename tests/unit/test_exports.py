"""CSV and XLSX exports: formula-injection safety, locale formats, the workbook read back."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve import exports
from roma_monitor.serve import queries as q
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION_LV, Rounding
from roma_monitor.serve.queries import publication
from roma_monitor.serve.viewmodel import Kind, View, ViewTable
from roma_monitor.serve.views import roma_field
from roma_monitor.settings import Paths
from tests.conftest_snapshot import CODE, create_table, publish_fixture_snapshots

INJECTIONS = [
    "=1+1",
    "+SUM(A1:A2)",
    "-cmd|' /C calc'!A0",
    "@x",
    "\t=1+1",
    "\r=1+1",
    " =x",
    "  @SUM(1)",
]
HARMLESS = ["Rīga", "a-b", "1-2", "e-pasts", "Ādaži = 5", ""]


def read_csv(data: bytes, lang: str = "lv") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    delimiter = ";" if lang == "lv" else ","
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


# --- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", INJECTIONS)
def test_csv_text_that_could_be_a_formula_gets_an_apostrophe(text: str) -> None:
    rows = read_csv(exports.to_csv(ViewTable.of([("Nosaukums", Kind.LABEL, [text])])))
    assert rows[1] == [f"'{text}"]


@pytest.mark.parametrize("text", HARMLESS)
def test_csv_ordinary_text_is_left_alone(text: str) -> None:
    rows = read_csv(exports.to_csv(ViewTable.of([("Nosaukums", Kind.LABEL, [text])])))
    assert rows[1] == [text]


def test_csv_header_cells_are_made_safe_too() -> None:
    table = ViewTable.of([("=HYPERLINK(1)", Kind.COUNT, [1]), ("Vērtība", Kind.COUNT, [2])])
    rows = read_csv(exports.to_csv(table))
    assert rows[0] == ["'=HYPERLINK(1)", "Vērtība"]


def test_csv_numbers_stay_numbers_in_latvian() -> None:
    table = ViewTable.of(
        [
            ("Vērtība", Kind.COUNT, [-5, 1234, 0]),
            ("Daļa", Kind.SHARE, [-0.25, 0.453, 1.0]),
            ("Summa", Kind.MONEY, [-1234.5, 32877022.19, None]),
        ]
    )
    rows = read_csv(exports.to_csv(table, "lv"))
    # a negative number is a number, not text: no apostrophe; decimal comma, no grouping
    assert rows[1] == ["-5", "-0,25", "-1234,5"]
    assert rows[2] == ["1234", "0,453", "32877022,19"]
    assert rows[3] == ["0", "1", ""]


def test_csv_english_uses_comma_separator_and_decimal_point() -> None:
    table = ViewTable.of(
        [
            ("Value", Kind.NUMBER, [-1234.5]),
            ("Share %", Kind.SHARE, [0.453]),
            ("Date", Kind.DATE, [date(2017, 5, 16)]),
        ]
    )
    data = exports.to_csv(table, "en")
    assert data.decode("utf-8-sig").splitlines()[1] == "-1234.5,0.453,2017-05-16"


def test_csv_latvian_letters_dates_booleans_and_missing() -> None:
    table = ViewTable.of(
        [
            ("Pašvaldība", Kind.LABEL, ["Ķekava", "Līvāni"]),
            ("Datums", Kind.DATE, [date(2017, 5, 16), None]),
            ("Mērķis sasniegts", Kind.FLAG, [True, False]),
            ("Publicēts", Kind.DATETIME, [datetime(2022, 12, 31, 22, 30, tzinfo=UTC), None]),
        ]
    )
    data = exports.to_csv(table, "lv")
    assert "Ķekava".encode() in data
    rows = read_csv(data)
    assert rows[0] == ["Pašvaldība", "Datums", "Mērķis sasniegts", "Publicēts (Rīgas laikā)"]
    assert rows[1] == ["Ķekava", "16.05.2017", "jā", "01.01.2023 00:30"]  # Riga time
    assert rows[2] == ["Līvāni", "", "nē", ""]


def test_csv_a_pandas_date_column_is_written_as_dates() -> None:
    table = ViewTable.of([("Mēnesis", Kind.DATE, pd.to_datetime(["2022-12-01"]))])
    assert read_csv(exports.to_csv(table))[1] == ["01.12.2022"]


def test_csv_text_with_separator_and_quotes_is_quoted() -> None:
    rows = read_csv(exports.to_csv(ViewTable.of([("A", Kind.LABEL, ['a; "b"'])])))
    assert rows[1] == ['a; "b"']


# --- sheet names -----------------------------------------------------------------------------


def test_sheet_titles_are_valid_and_unique() -> None:
    assert exports.safe_sheet_title("a[b]:c*d?e/f\\g") == "a b c d e f g"
    long = "Rādītāji pa plānošanas reģioniem un pašvaldībām"
    assert len(exports.safe_sheet_title(long)) <= 31
    first = exports.safe_sheet_title(long)
    second = exports.safe_sheet_title(long, [first])
    assert second != first and len(second) <= 31 and second.endswith("(2)")
    assert exports.safe_sheet_title("par", ["Par"]) == "par (2)"
    assert exports.safe_sheet_title("''", fallback="Tabula") == "Tabula"


# --- XLSX ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return publish_fixture_snapshots(tmp_path_factory.mktemp("exports") / "home")


@pytest.fixture(scope="module")
def ind(home: Paths):
    with connect_published("indicators", home) as con:
        yield con


def page_tables() -> dict[str, ViewTable]:
    regions = ViewTable.of(
        [
            ("Plānošanas reģions", Kind.LABEL, ["Rīgas plānošanas reģions", "=cmd", "Latgales"]),
            ("Vērtība", Kind.COUNT, [1234, -5, 400]),
            ("Daļa no valsts kopskaita", Kind.SHARE, [0.405, 0.028, 0.324]),
            ("Mērķa izpilde, %", Kind.SHARE, [0.411, None, 1.0]),
            ("Romi", Kind.COUNT, [14, None, 40]),
            ("Summa, EUR", Kind.MONEY, [32877022.19, 1.5, -2.25]),
            ("Periods", Kind.DATE, [date(2022, 11, 1)] * 3),
        ]
    )
    series = ViewTable.of(
        [("Mēnesis", Kind.DATE, [date(2022, 10, 1)]), ("Vērtība", Kind.COUNT, [1180])]
    )
    return {"Reģioni: [2022/11]": regions, "Sērija": series}


@pytest.fixture(scope="module")
def workbook(ind) -> openpyxl.Workbook:
    meta = exports.export_meta(publication(ind), 5, "Pārbaude")
    data = exports.to_xlsx(
        page_tables(),
        exports.definitions_table(q.indicator_catalogue(ind), "lv"),
        meta,
        "lv",
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_sheets_about_first_tables_then_definitions(workbook) -> None:
    assert workbook.sheetnames == ["Par", "Reģioni 2022 11", "Sērija", "Definīcijas"]
    assert all(len(name) <= 31 for name in workbook.sheetnames)


def test_xlsx_header_is_bold_and_frozen(workbook) -> None:
    sheet = workbook["Reģioni 2022 11"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Plānošanas reģions"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("Rīgas plānošanas reģions")


def test_xlsx_number_and_date_formats(workbook) -> None:
    sheet = workbook["Reģioni 2022 11"]
    row = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert row["Vērtība"].value == 1234 and row["Vērtība"].number_format == "#,##0"
    assert row["Daļa no valsts kopskaita"].number_format == "0.0%"
    assert row["Mērķa izpilde, %"].number_format == "0.0%"
    assert row["Mērķa izpilde, %"].value == pytest.approx(0.411)
    assert row["Summa, EUR"].number_format == "#,##0.00"  # money: to the cent
    assert row["Romi"].number_format == "#,##0"
    assert row["Periods"].is_date and row["Periods"].number_format == "dd.mm.yyyy"
    assert row["Periods"].value.date() == date(2022, 11, 1)
    negative = sheet.cell(3, 2)
    assert negative.value == -5 and negative.data_type == "n"  # a number, not text
    assert sheet.cell(3, 5).value is None  # suppressed stays empty, never recomputed


def test_xlsx_has_no_formula_cell_and_quotes_risky_text(workbook) -> None:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    risky = workbook["Reģioni 2022 11"]["A3"]
    assert risky.value == "=cmd" and risky.data_type == "s" and risky.quotePrefix


def test_xlsx_definitions_sheet_is_the_catalogue(workbook, ind) -> None:
    sheet = workbook["Definīcijas"]
    (count,) = ind.execute("SELECT count(*) FROM dim_indicators").fetchone()
    assert sheet.max_row - 1 == count
    header = [cell.value for cell in sheet[1]]
    for name in ("Kods", "Nosaukums", "Definīcija", "Uzskaites kārtība", "Mērķa avots"):
        assert name in header
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)}
    name_lv, definition = ind.execute(
        "SELECT name_lv, definition_lv FROM dim_indicators WHERE indicator_code = ?", [CODE]
    ).fetchone()
    assert rows[CODE]["Nosaukums"] == name_lv  # Latvian letters intact
    assert rows[CODE]["Definīcija"] == definition
    assert rows[CODE]["Uzskaites kārtība"] == "Katrs dalībnieks skaitīts vienreiz, iesaistoties."
    # the target a number, its comparison beside it (as the methodology page's catalogue)
    assert (rows[CODE]["Mērķis"], rows[CODE]["Salīdzinājums"]) == (3000, ">")
    assert rows[CODE]["Mērķa datums"].date() == date(2022, 12, 31)


def test_xlsx_about_sheet_names_the_data_date_publication_and_notes(workbook, ind) -> None:
    about = {row[0]: row[1] for row in workbook["Par"].iter_rows(values_only=True)}
    pub = publication(ind)
    assert about["Nosaukums"] == "Pārbaude"
    assert about["Dati uz (jaunākais periods)"] == "2022. gada novembris"
    assert about["Publikācijas versija"] == pub.version
    assert isinstance(about["Publicēts (Rīgas laikā)"], datetime)
    roma = about["Romu skaiti"]
    assert "noapaļoti līdz tuvākajam skaitlim, kas dalās ar 5 (0–2 kļūst par 0)" in roma
    assert "ceturkšņa beigās" in roma and "Romu skaita datums" in roma
    assert "Romu skaits nav publicēts (×)" in roma
    assert "mazāk par" not in roma and "no 1 līdz" not in roma
    assert about["Robežas"] == BOUNDARIES_ATTRIBUTION_LV
    assert "Reģioni 2022 11" in about["Tabulas"]


def test_xlsx_in_english(ind) -> None:
    data = exports.to_xlsx(
        {"Regions": ViewTable.of([("Value", Kind.COUNT, [1])])},
        exports.definitions_table(q.indicator_catalogue(ind), "en"),
        exports.export_meta(publication(ind), 5),
        "en",
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["About", "Regions", "Definitions"]
    header = [cell.value for cell in book["Definitions"][1]]
    assert "Counting rule" in header and "Target source" in header
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Data as of (latest period)"] == "November 2022"


def test_an_export_of_the_internal_snapshot_says_it_is_not_for_publication(ind) -> None:
    public = exports.export_meta(publication(ind), 5)
    internal_pub = dataclasses.replace(
        publication(ind), metadata={**publication(ind).metadata, "internal": "true"}
    )
    internal = exports.export_meta(internal_pub, 5)
    assert (public["internal"], internal["internal"]) == (False, True)
    for meta, expected in ((public, False), (internal, True)):
        data = exports.to_xlsx(
            {"Regions": ViewTable.of([("Value", Kind.COUNT, [1])])}, None, meta, "en"
        )
        book = openpyxl.load_workbook(io.BytesIO(data))
        first_row = next(book["About"].iter_rows(values_only=True))
        assert (first_row[0] == "Classification") is expected
        if expected:
            assert first_row[1].startswith("INTERNAL") and "not rounded" in first_row[1]


def test_definitions_table_without_a_snapshot_has_headers_only() -> None:
    frame = exports.definitions_table(q.indicator_catalogue(q.empty_snapshot()), "lv").export_frame(
        "lv"
    )
    assert frame.empty and "Kods" in frame.columns


def test_definitions_table_with_the_full_catalogue(tmp_path: Path) -> None:
    """A catalogue with every dim_indicators column (the real mart's) also fills the target
    source flag and the unit in words."""
    db = tmp_path / "catalogue.duckdb"
    with duckdb.connect(str(db)) as con:
        create_table(con, "fct_indicator_status")
        create_table(
            con,
            "dim_indicators",
            [
                {
                    "indicator_code": "X_1",
                    "sam": "8.3.4",
                    "agency": "IKVD",
                    "name_lv": "Iestādes",
                    "name_en": "Institutions",
                    "definition_lv": "Def",
                    "definition_en": "Def",
                    "unit": "institutions",
                    "counting_rule_lv": "Katra vienreiz",
                    "counting_rule_en": "Each once",
                    "source_citation": "Ziņojums",
                    "target_value": 665,
                    "target_operator": ">=",
                    "target_date": date(2022, 12, 31),
                    "target_source_citation": "Ziņojums, 8.3.4",
                    "target_is_from_report": True,
                }
            ],
        )
        frame = exports.definitions_table(q.indicator_catalogue(con), "lv").export_frame("lv")
        english = exports.definitions_table(q.indicator_catalogue(con), "en").export_frame("en")
    row = frame.iloc[0]
    assert row["Uzskaites kārtība"] == "Katra vienreiz"
    assert english.iloc[0]["Counting rule"] == "Each once"
    assert row["Mērvienība"] == "izglītības iestādes"
    assert (row["Mērķis"], row["Salīdzinājums"]) == (665, ">=")
    assert row["Mērķis no ziņojuma"] is True or row["Mērķis no ziņojuma"] == True  # noqa: E712
    assert row["Mērķa avots"] == "Ziņojums, 8.3.4"


def test_roma_columns_keep_numbers_numeric_with_flags_and_as_of(ind) -> None:
    regions = q.regions_latest(ind, CODE)
    view = View(roma_field()).table(regions, "lv")
    columns = view.export_frame("lv")
    assert list(columns) == [
        "Romi (pašu norādīta etniskā piederība)",
        "Romu skaits nav publicēts (×)",
        "Romu skaits noapaļots (≈)",
        "Romu skaita datums",
    ]
    values = list(columns["Romi (pašu norādīta etniskā piederība)"])
    assert values[0] == 15 and values[2] == 0 and values[4] == 40  # numbers, no "≈"
    assert values[1] is None and values[3] is None  # withheld: empty, never a number
    assert list(columns["Romu skaits nav publicēts (×)"]) == [False, True, False, True, False]
    assert list(columns["Romu skaita datums"]) == [date(2022, 9, 30)] * 5
    data = exports.to_xlsx({"Reģioni": view}, None, {"rounding": Rounding(5, 2)}, "lv")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Reģioni"]
    assert sheet["A2"].value == 15 and sheet["A2"].data_type == "n"
