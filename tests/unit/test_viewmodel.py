"""The view model (roma_monitor.serve.viewmodel): one table, rounded per kind, the same on the
screen, in the CSV and in the XLSX."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import openpyxl
import pandas as pd

from roma_monitor.serve import exports
from roma_monitor.serve.formatting import NBSP
from roma_monitor.serve.i18n import Rounding, localized
from roma_monitor.serve.viewmodel import Field, Kind, View, ViewTable
from roma_monitor.serve.views import roma_field

TABLE = ViewTable.of(
    [
        ("Reģions", Kind.LABEL, ["Latgales", "Rīgas"]),
        ("Dalībnieki", Kind.COUNT, [1234.0, 7.5]),
        ("Vidēji mēnesī", Kind.NUMBER, [73.05555555555556, 0.25]),
        ("Daļa", Kind.SHARE, [0.73055, 0.0005]),
        ("Summa, EUR", Kind.MONEY, [1234.565, None]),
        ("Romi", Kind.SUPPRESSED_COUNT, [155, None]),
        ("Romu skaits nav publicēts (×)", Kind.FLAG, [False, True]),
        ("Saņemts", Kind.DATETIME, [datetime(2022, 12, 14, 21, 35, tzinfo=UTC), None]),
        ("Periods", Kind.DATE, [date(2022, 12, 1), None]),
    ]
)


def csv_rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_rounds_per_kind_and_states_the_time_zone() -> None:
    rows = csv_rows(exports.to_csv(TABLE, "lv"))
    assert rows[0][-2] == "Saņemts (Rīgas laikā)"
    # by hand: 73,0555… persons a month → 73,1; 0,73055 → 73,1 % = 0,731; 7,5 → 8 (half up);
    # EUR 1234,565 → 1234,57; 21:35 UTC in December is 23:35 in Riga (UTC+2)
    assert rows[1] == [
        "Latgales", "1234", "73,1", "0,731", "1234,57", "155", "nē", "14.12.2022 23:35",
        "01.12.2022",
    ]  # fmt: skip
    assert rows[2] == ["Rīgas", "8", "0,3", "0,001", "", "", "jā", "", ""]


def test_screen_shows_what_the_files_hold() -> None:
    screen = TABLE.screen_frame("lv")
    assert list(screen.iloc[0]) == [
        "Latgales", f"1{NBSP}234", "73,1", f"73,1{NBSP}%", f"1{NBSP}234,57", "155", "nē",
        "14.12.2022 23:35", "01.12.2022",
    ]  # fmt: skip


def test_xlsx_formats_per_kind() -> None:
    data = exports.to_xlsx({"Tabula": TABLE}, None, {"rounding": Rounding(5, 2)}, "lv")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Tabula"]
    row = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert (row["Dalībnieki"].value, row["Dalībnieki"].number_format) == (1234, "#,##0")
    assert (row["Vidēji mēnesī"].value, row["Vidēji mēnesī"].number_format) == (73.1, "#,##0.0")
    assert (row["Daļa"].value, row["Daļa"].number_format) == (0.731, "0.0%")
    assert (row["Summa, EUR"].value, row["Summa, EUR"].number_format) == (1234.57, "#,##0.00")
    assert row["Saņemts (Rīgas laikā)"].value == datetime(2022, 12, 14, 23, 35)


# --- a view declared once: the screen's texts and the files' values from one query frame ----

ROW = {
    "indicator_code": "SIF_X", "name_lv": None, "name_en": "Euros paid", "unit": "EUR",
    "value": 38678850.4, "target": 39810000.0, "target_operator": ">=",
    "needed_pace_per_month": 12.34, "roma_value": 155, "roma_value_suppressed": True,
    "roma_value_is_rounded": True, "roma_value_as_of": date(2022, 9, 1),
}  # fmt: skip
VIEW = View(
    Field("indicator", "overview.col.indicator", Kind.LABEL, localized),
    Field("value", "overview.col.value", Kind.AMOUNT, unit="unit"),
    Field("target", "overview.col.target", Kind.TARGET, unit="unit", operator="target_operator"),
    Field("pace", "overview.col.needed_pace", Kind.PACE, "needed_pace_per_month", "unit"),
    roma_field(),
)


def test_the_screen_prints_each_kind_with_its_marks() -> None:
    screen = VIEW.table(pd.DataFrame([ROW]), "lv", screen=True).texts("lv")
    # no Latvian name: the code; euros with the currency; a pace under 100 with one decimal;
    # a withheld count is ×, whatever its number
    assert screen == [
        ["SIF_X", f"38{NBSP}678{NBSP}850{NBSP}EUR", f"≥{NBSP}39{NBSP}810{NBSP}000{NBSP}EUR",
         f"12,3{NBSP}EUR", "×"],
    ]  # fmt: skip
    english = VIEW.table(pd.DataFrame([ROW]), "en", screen=True).texts("en")
    assert english[0][0] == "Euros paid"


def test_the_files_carry_the_number_and_the_flags_of_a_withheld_count() -> None:
    files = VIEW.table(pd.DataFrame([ROW]), "lv")
    assert files.headers[-4:] == [
        "Romi (pašu norādīta etniskā piederība)", "Romu skaits nav publicēts (×)",
        "Romu skaits noapaļots (≈)", "Romu skaita datums",
    ]  # fmt: skip
    # 38 678 850,4 EUR kept to one decimal; the withheld count empty; its quarter end 30.09.2022
    assert list(files.rows()) == [
        ("SIF_X", 38678850.4, 39810000.0, 12.3, None, True, True, date(2022, 9, 30))
    ]


def test_a_target_not_from_the_report_is_marked_and_its_source_is_the_legend() -> None:
    from roma_monitor.serve.views import OVERVIEW, target_legend

    frame = pd.DataFrame(
        [
            {"target": 5260.0, "target_operator": ">=", "unit": "personas",
             "target_is_from_report": False, "target_source_citation": "IZM, 2015-10-21"},
            {"target": 3000.0, "target_operator": ">", "unit": "personas",
             "target_is_from_report": True, "target_source_citation": "Ziņojums"},
            {"target": None, "target_operator": None, "unit": "personas",
             "target_is_from_report": None, "target_source_citation": None},
        ]
    )  # fmt: skip
    cells = OVERVIEW.only("target").table(frame, "lv", screen=True).column("target").shown("lv")
    assert cells == [f"≥{NBSP}5{NBSP}260¹", f">{NBSP}3{NBSP}000", "–"]
    assert target_legend(frame, "lv") == [
        "¹ mērķis nav no ziņojuma; avots norādīts informācijas paneļa lapā „Metodoloģija”."
    ]
    assert target_legend(frame, "en") == [
        "¹ target not from the report; its source is on the dashboard's Methodology page."
    ]
    assert target_legend(frame.iloc[1:], "lv") == []
