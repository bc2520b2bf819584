"""Words a council member reads in tables: periods as people say them, ratios in words (the
mark × means "withheld" on every page, so a ratio must not use it)."""

from __future__ import annotations

import pandas as pd
import pytest

from roma_monitor.serve.views import SOURCES
from roma_monitor.serve.views_methodology import baseline_value


@pytest.mark.parametrize(
    ("period", "lv", "en"),
    [
        ("2022-Q4", "2022. g. 4. ceturksnis", "Q4 2022"),
        ("2022", "2022. gads", "2022"),
        ("2022-12", "2022. gada decembris", "December 2022"),
    ],
)
def test_the_overview_names_each_sources_period_in_words(period, lv, en) -> None:
    row = {
        "agency": "IKVD",
        "latest_period": pd.Timestamp("2022-12-01"),
        "load_file_name": "IKVD_834_SKOL_2022Q4.csv",
        "load_reporting_period": period,
        "load_status_label": "✓ ielādēts",
        "load_finished_at": pd.Timestamp("2023-01-10 08:00", tz="UTC"),
    }
    frame = pd.DataFrame([row])
    assert SOURCES.table(frame, "lv", screen=True).screen_frame("lv").iloc[0, 3] == lv
    assert SOURCES.table(frame, "en", screen=True).screen_frame("en").iloc[0, 3] == en


def test_a_ratio_is_written_in_words_not_with_the_withheld_mark() -> None:
    # the report: "Romu vidū strādājošo skaits ir trīs reizes mazāks …"
    assert baseline_value({"value": 3, "unit": "ratio"}, "lv") == "3 reizes"
    assert baseline_value({"value": 3, "unit": "ratio"}, "en") == "3 times"
    assert baseline_value({"value": 1.5, "unit": "ratio"}, "lv") == "1,5 reizes"


def test_a_rejection_is_explained_by_what_the_failed_rules_ask() -> None:
    from roma_monitor.serve.i18n import rejection_reason

    # the words of the SIF contract's rule (docs/contracts/sif_participant_months.md)
    lv = rejection_reason(["sex.allowed"], "REJECTED", "lv", "sif_participant_months")
    assert lv == "Kolonnas 'sex' vērtībai jābūt vienam no atļautajiem kodiem: V, S."
    en = rejection_reason(["sex.allowed"], "REJECTED", "en", "sif_participant_months")
    assert en == "'sex' must be one of the allowed codes: V, S."
    # a rule no contract describes (a file that matched no contract) keeps its id
    other = rejection_reason(["file_name"], "REJECTED", "lv", None)
    assert other == "neizpildīti noteikumi file_name"


def test_a_dataset_is_named_in_the_page_language_or_by_its_code(monkeypatch) -> None:
    from roma_monitor.contracts import registry
    from roma_monitor.serve.views_quality import dataset_name

    assert dataset_name("km_mediators", "lv") == "KM romu mediatori"
    assert dataset_name("km_mediators", "en") == "KM Roma mediators"
    # a source registered since the texts were written is shown by its code, not as unknown
    monkeypatch.setitem(registry.CONTRACTS, "rkc_consultations", object())
    assert dataset_name("rkc_consultations", "lv") == "rkc_consultations"
    assert dataset_name("xyz_files", "lv") == "xyz_files (reģistrā nav aprakstīta)"
