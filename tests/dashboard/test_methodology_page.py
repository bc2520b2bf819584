"""The methodology page, run headless on the published sample (and the hand-made and empty
homes): every catalogue indicator appears with its definition, target and sources, the measure
filter narrows it, and the rules (suppression, progress method) come from the snapshot."""

from __future__ import annotations

import re

import pytest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import NBSP, format_target
from roma_monitor.serve.i18n import t, withheld_legend
from tests.conftest_snapshot import CODE, NO_DATA_CODE
from tests.dashboard.page_helpers import texts

PAGE = "app_pages/methodology.py"
CODE_IN_LABEL = re.compile(r"`([A-Z0-9_]+)`$")


def indicator_codes(at) -> list[str]:
    """The indicator codes of the page's per-indicator sections, in page order."""
    return [m.group(1) for e in at.expander if (m := CODE_IN_LABEL.search(e.label))]


def catalogue_codes(paths, sam: str | None = None) -> set[str]:
    with connect_published("indicators", paths) as con:
        rows = con.execute(
            "SELECT indicator_code FROM dim_indicators WHERE CAST(? AS VARCHAR) IS NULL OR sam = ?",
            [sam, sam],
        ).fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_indicator_with_its_target_and_sources(sample_home, run_app, lang) -> None:
    at = run_app(lang=lang, page=PAGE)
    assert not at.exception
    assert at.title[0].value == t("methodology.title", lang)

    codes = indicator_codes(at)
    assert len(codes) == len(set(codes)) == 37
    assert set(codes) == catalogue_codes(sample_home)

    prose = texts(at)
    # the SIF target from the report, with operator, date and source
    target = format_target(3000, ">", lang)
    assert target == (f">{NBSP}3{NBSP}000" if lang == "lv" else f">{NBSP}3,000")
    date = "31.12.2022" if lang == "lv" else "31 December 2022"
    assert t("methodology.target_value", lang, target=target, date=date) in prose
    assert t("methodology.target_from_report", lang) in prose
    assert t("methodology.target_not_from_report", lang) in prose  # JSPA's 5 260
    assert "vairāk kā 3 000" in prose  # target_source_citation / note, as published
    # the rules: suppression threshold and the published progress method
    assert t("methodology.suppression_header", lang) in [s.value for s in at.subheader]
    method = {
        "lv": ("Open SDG / Statistics Canada progresa klases", "Pieaugumu aprēķina lineāri"),
        "en": ("Open SDG / Statistics Canada progress classes", "Growth is linear"),
    }
    assert all(part in prose for part in method[lang])
    if lang == "lv":  # the method as dbt writes it (in English) stays off the Latvian page
        assert "progress classes" not in prose and "Growth is linear" not in prose
    # the counting rules in the page's language
    rule = {"lv": "Katrs dalībnieks skaitīts vienreiz", "en": "Each participant counted once"}
    note = {"lv": "Mērķis 665 ir ziņojuma skaitlis", "en": "Target 665 is the report's figure"}
    other = "en" if lang == "lv" else "lv"
    assert rule[lang] in prose and note[lang] in prose
    assert rule[other] not in prose and note[other] not in prose
    # the reviewer's note on a target (ref_indicator_targets.note_lv/en), in the page's language
    target_note = {
        "lv": "Jauniešu NVO projekti līdz 2022. gada beigām",
        "en": "Youth NGO projects by the end of 2022",
    }
    assert target_note[lang] in prose and target_note[other] not in prose
    # quarter ends, rounding to the snapshot's base (5 when it does not say), withheld cells ×
    with connect_published("indicators", sample_home) as con:
        row = con.execute("SELECT value FROM publication WHERE key = 'rounding_base'").fetchone()
    base = row[0] if row else "5"
    assert f"nearest multiple of {base}" in prose or f"kas dalās ar {base}" in prose
    assert "quarter ends" in prose or "ceturkšņa beigās" in prose
    assert withheld_legend(lang) in prose
    assert "mazāk par" not in prose and "fewer than" not in prose
    catalogue = [d.value for d in at.dataframe if t("methodology.field.code", lang) in d.value]
    assert len(catalogue) == 1 and len(catalogue[0]) == 37


def test_measure_filter_limits_the_catalogue(sample_home, run_app) -> None:
    at = run_app(lang="en", page=PAGE, measure="8.3.3")
    assert not at.exception
    codes = indicator_codes(at)
    assert len(codes) == 14
    assert set(codes) == catalogue_codes(sample_home, "8.3.3")
    headers = [h.value for h in at.header]
    assert t("methodology.measure_header", "en", sam="8.3.3", agency="JSPA") in headers
    assert not any("9.1.4.4" in h for h in headers)


def test_thin_hand_made_catalogue(published_home, run_app) -> None:
    at = run_app(lang="en", page=PAGE)
    assert not at.exception
    assert indicator_codes(at) == [CODE, NO_DATA_CODE]
    assert t("methodology.no_target", "en") in texts(at)
    # the fixture's status gives its method (tests/conftest_snapshot.status_rows)
    assert "Open SDG / Statistics Canada progress classes" in texts(at)
    assert t("methodology.status_none", "en") not in texts(at)


def test_empty_home(empty_home, run_app) -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert [i.value for i in at.info] == [t("empty.no_data", "lv")]
