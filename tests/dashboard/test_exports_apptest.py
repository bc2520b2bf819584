"""The download buttons (dashboard/app_exports.py) in a running app, and the files they build,
on the published sample (every source, one rejected extract)."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.serve import exports
from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import format_month, format_number
from tests.unit.test_report_pdf import flat, pdf_pages_text

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
if str(DASHBOARD) not in sys.path:  # the dashboard's modules import each other by name
    sys.path.insert(0, str(DASHBOARD))

import app_exports  # noqa: E402

# A page in miniature: what every page does at its end, plus the sidebar's report button.
SCRIPT = """
import sys
sys.path.insert(0, {dashboard!r})
from datetime import date

import pandas as pd
import streamlit as st

import app_exports

lang = st.query_params.get("lang", "lv")
app_exports.render_report_download(lang)
table = pd.DataFrame(
    {{"Reģions": ["Rīga", "=cmd"], "Vērtība": [1234, -5], "Periods": [date(2022, 12, 1)] * 2}}
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
            "SELECT value FROM fct_indicator_status WHERE indicator_code = ?",
            ["SIF_9144_PARTICIPANTS"],
        ).fetchone()
    with duckdb.connect(ops_path, read_only=True) as con:
        (rejected,) = con.execute(
            "SELECT file_name FROM extract_loads WHERE status = 'rejected' "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    pages = pdf_pages_text(app_exports.report_pdf(ind_path, ops_path, "lv"))
    text = flat("\n".join(pages))
    assert len(pages) >= 4
    assert "Romu platformas stāvoklis" in pages[0]
    assert f"Dati uz: {format_month(latest, 'lv')}" in pages[0]
    assert flat(format_number(sif, "lv")) in text
    assert "sasniegts" in text  # the sample's SIF participants exceed the target
    assert rejected in text
    # why it was rejected, in Latvian: the rules it failed, not the gate's English summary
    assert "neizpildīti noteikumi municipality_atvk.allowed" in text
    assert "REJECTED" not in text and "rule(s) failed" not in text
    assert "Robežas: Who's On First" in text


def test_xlsx_on_the_sample_has_the_whole_catalogue(sample_home) -> None:
    ind_path, _ = paths()
    with duckdb.connect(ind_path, read_only=True) as con:
        (count,) = con.execute("SELECT count(*) FROM dim_indicators").fetchone()
        definitions = exports.definitions_frame(q.indicator_catalogue(con), "lv")
    data = exports.to_xlsx(
        {"Reģioni": pd.DataFrame({"Vērtība": [1]})},
        definitions,
        {"latest_period": date(2022, 12, 1), "threshold": 5},
        "lv",
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["Definīcijas"].max_row - 1 == count == 37
    targets = [row[8] for row in book["Definīcijas"].iter_rows(2, values_only=True)]
    assert sum(value is not None for value in targets) == 7  # the 7 indicators with a target


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_definitions_sheet_from_the_dashboard_catalogue_follows_the_language(
    sample_home, lang: str
) -> None:
    ind_path, _ = paths()
    frame = exports.definitions_frame(
        app_exports.app_data.fetch(ind_path, "indicator_catalogue"), lang
    )
    assert len(frame) == 37
    assert ("Kods" if lang == "lv" else "Code") in frame.columns
