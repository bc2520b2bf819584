"""The download buttons (dashboard/app_exports.py) in a running app, and the files they build,
on the published sample (every source, one rejected extract)."""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, date
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.serve import exports
from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import format_month
from roma_monitor.serve.i18n import Rounding, t
from roma_monitor.serve.viewmodel import Kind, ViewTable
from tests.pdf_text import flat, pdf_pages_text

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
if str(DASHBOARD) not in sys.path:  # the dashboard's modules import each other by name
    sys.path.insert(0, str(DASHBOARD))

import app_exports  # noqa: E402

# A page in miniature: what every page does at its end, plus the sidebar's report button.
SCRIPT = """
import sys
sys.path.insert(0, {dashboard!r})
from datetime import date

import streamlit as st

import app_exports
from roma_monitor.serve.viewmodel import Kind, ViewTable

lang = st.query_params.get("lang", "lv")
app_exports.render_report_download(lang)
table = ViewTable.of(
    [
        ("Reģions", Kind.LABEL, ["Rīga", "=cmd"]),
        ("Vērtība", Kind.COUNT, [1234, -5]),
        ("Periods", Kind.DATE, [date(2022, 12, 1)] * 2),
    ]
)
app_exports.render_downloads({{"Reģioni": table}}, lang, "regions_SIF_2022-12")
"""


def run_script(lang: str | None = None) -> AppTest:
    at = AppTest.from_string(SCRIPT.format(dashboard=str(DASHBOARD)), default_timeout=60)
    if lang is not None:
        at.query_params["lang"] = lang
    return at.run()


def labels(at: AppTest) -> list[str]:
    return [button.label for button in at.get("download_button")]


def paths() -> tuple[str, str]:
    return str(current_snapshot("indicators")), str(current_snapshot("operations"))


def test_download_buttons_in_latvian(sample_home) -> None:
    at = run_script()
    assert not at.exception
    assert labels(at) == ["Platformas stāvoklis (PDF)", "Lejupielādēt XLSX", "Lejupielādēt CSV"]


def test_download_buttons_in_english(sample_home) -> None:
    at = run_script("en")
    assert not at.exception
    assert labels(at) == ["State of the platform (PDF)", "Download XLSX", "Download CSV"]


def test_buttons_render_when_nothing_is_published(empty_home) -> None:
    at = run_script()
    assert not at.exception
    assert "Platformas stāvoklis (PDF)" in labels(at)


def test_report_on_the_sample_matches_the_snapshot(sample_home) -> None:
    ind_path, ops_path = paths()
    with duckdb.connect(ind_path, read_only=True) as con:
        (latest,) = con.execute("SELECT max(period) FROM fct_indicator_progress").fetchone()
        (sif,) = con.execute(
            "SELECT value FROM fct_indicator_status WHERE indicator_code = ? AND is_latest_period",
            ["SIF_9144_PARTICIPANTS"],
        ).fetchone()
    with duckdb.connect(ops_path, read_only=True) as con:
        (rejected,) = con.execute(
            "SELECT file_name FROM extract_loads WHERE status = 'rejected' "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    pages = pdf_pages_text(app_exports.report_pdf(ind_path, ops_path, "lv"))
    text = flat("\n".join(pages))
    # title, indicators with/without a target, regions + breakdowns, data quality
    assert len(pages) == 4
    assert "Romu platformas stāvoklis" in pages[0]
    assert f"Periods: {format_month(latest, 'lv')}" in pages[0]
    # the sample's SIF row of 2022-12: 3 336 participants against > 3 000 (3 336 / 3 000 =
    # 111,2 %), 45,25 new a month over the last 12 months
    assert sif == 3336
    assert "3 336 > 3 000 111,2 % – 45,3 ✔ Mērķis" in text
    assert "sasniegts" in text  # the sample's SIF participants exceed the target
    assert rejected in text
    # why it was rejected, in Latvian: what the failed rule asks (the contract's words), not
    # the rule's id nor the gate's English summary
    assert "Kolonnas 'municipality_atvk' vērtībai jābūt vienam no atļautajiem kodiem" in text
    assert "municipality_atvk.allowed" not in text
    assert "REJECTED" not in text and "rule(s) failed" not in text
    assert "Robežas: Who's On First" in text


def test_xlsx_on_the_sample_has_the_whole_catalogue(sample_home) -> None:
    ind_path, _ = paths()
    with duckdb.connect(ind_path, read_only=True) as con:
        (count,) = con.execute("SELECT count(*) FROM dim_indicators").fetchone()
        definitions = exports.definitions_table(q.indicator_catalogue(con), "lv")
    data = exports.to_xlsx(
        {"Reģioni": ViewTable.of([("Vērtība", Kind.COUNT, [1])])},
        definitions,
        {"latest_period": date(2022, 12, 1), "rounding": Rounding(5, 2)},
        "lv",
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["Definīcijas"].max_row - 1 == count == 37
    header, *rows = book["Definīcijas"].iter_rows(values_only=True)
    targets = [row[header.index("Mērķis")] for row in rows]
    assert sum(value is not None for value in targets) == 7  # the 7 indicators with a target


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_definitions_sheet_from_the_dashboard_catalogue_follows_the_language(
    sample_home, lang: str
) -> None:
    ind_path, _ = paths()
    frame = exports.definitions_table(
        app_exports.app_data.fetch(ind_path, "indicator_catalogue"), lang
    ).export_frame(lang)
    assert len(frame) == 37
    assert ("Kods" if lang == "lv" else "Code") in frame.columns


# --- the pages' own files ----------------------------------------------------------------------


def page_files(run_app, deferred_downloads, page: str, prefix: str) -> dict[str, bytes]:
    """The CSV and XLSX a page offers (built as if pressed), by extension."""
    at = run_app(page=f"app_pages/{page}.py")
    assert not at.exception
    return {
        name.rsplit(".", 1)[1]: build()
        for name, build in deferred_downloads.items()
        if name.startswith(prefix) and name.endswith(("csv", "xlsx"))
    }


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_quality_csv_and_xlsx_give_the_screens_riga_time_once(
    sample_home, run_app, deferred_downloads
) -> None:
    """Defect 6: the screen said 23:35, the CSV/XLSX 01:35 the next day (UTC 21:35)."""
    with duckdb.connect(paths()[1], read_only=True) as con:
        received = {
            name: at
            for name, at in con.execute(
                "SELECT file_name, max(coalesce(finished_at, started_at)) FROM extract_loads "
                "GROUP BY file_name"
            ).fetchall()
        }
    files = page_files(run_app, deferred_downloads, "quality", "quality_")
    rows = csv_rows(files["csv"])
    header = next(name for name in rows[0] if name.startswith("Saņemts"))
    checked = 0
    for row in rows:
        moment = received.get(row[t("quality.col.last_file", "lv")])
        if moment is None:
            continue
        riga = moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(ZoneInfo("Europe/Riga"))
        assert row[header] == f"{riga:%d.%m.%Y %H:%M}"
        checked += 1
    assert checked >= 5
    assert header == "Saņemts (Rīgas laikā)"  # the zone is stated once, in the header
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"])).worksheets[1]
    titles = [c.value for c in sheet[1]]
    assert header in titles
    column = titles.index(header)
    xlsx_times = [r[column] for r in sheet.iter_rows(min_row=2, values_only=True) if r[column]]
    assert [f"{v:%d.%m.%Y %H:%M}" for v in xlsx_times] == [r[header] for r in rows if r[header]]


def test_the_latvian_quality_csv_has_latvian_labels_not_codes(
    sample_home, run_app, deferred_downloads
) -> None:
    rows = csv_rows(page_files(run_app, deferred_downloads, "quality", "quality_")["csv"])
    codes = {"monthly", "quarterly", "yearly", "late", "on_time", "rejected", "loaded", "never"}
    cells = {value for row in rows for value in row.values()}
    assert not cells & codes
    assert {row["Biežums"] for row in rows} == {"reizi mēnesī", "reizi ceturksnī", "reizi gadā"}


def test_regions_exports_round_per_kind_and_format_shares_as_percent(
    sample_home, run_app, deferred_downloads
) -> None:
    """Defect 10: the regions XLSX showed shares as decimals, the CSVs full floats."""
    files = page_files(run_app, deferred_downloads, "regions", "regions_")
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"])).worksheets[1]
    titles = [c.value for c in sheet[1]]
    share = titles.index(t("regionmap.col.share", "lv"))
    formats = {r[share].number_format for r in sheet.iter_rows(min_row=2) if r[share].value}
    assert formats == {"0.0%"}
    for row in csv_rows(files["csv"]):
        for value in row.values():
            if value.replace(",", "").replace("-", "").isdigit() and "," in value:
                assert len(value.split(",")[1]) <= 3, value  # no 73,05555555555556


def test_the_latvian_methodology_csv_says_status_unit_and_summing_in_latvian(
    sample_home, run_app, deferred_downloads
) -> None:
    rows = csv_rows(page_files(run_app, deferred_downloads, "methodology", "methodology_")["csv"])
    sif = next(row for row in rows if row["Kods"] == "SIF_9144_PARTICIPANTS")
    assert (sif["Progresa klase"], sif["Vērtējuma kods"]) == ("✔ Mērķis sasniegts", "achieved")
    assert sif["Mērvienība"] == "personas"
    assert sif["Uzkrāšana"] == "kumulatīvi (summēts no pasākuma sākuma)"
    assert not {row["Progresa klase"] for row in rows} & {"achieved", "substantial", "limited"}


def test_the_withheld_flag_has_one_name_in_every_sheet(
    sample_home, run_app, deferred_downloads
) -> None:
    """Defect 10: the measure's breakdowns called it "Nav publicēts (×)", the other sheets
    "Romu skaits nav publicēts (×)"."""
    data = page_files(run_app, deferred_downloads, "measure", "measure_")["xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(data))
    headers = {ws.title: [c.value for c in ws[1]] for ws in book.worksheets[1:-1]}
    withheld = {title: [h for h in row if "publicēt" in str(h)] for title, row in headers.items()}
    assert withheld == {title: ["Romu skaits nav publicēts (×)"] for title in headers}
