"""The data-quality page, run headless on the published sample (and the hand-made and empty
homes): per-dataset freshness, the rejected SIF extract with its rules, its report opened from
the URL, the corrected SIF month, ethnicity coverage; every figure checked against the snapshot
queried directly."""

from __future__ import annotations

import pandas as pd
import pytest

from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.publish.snapshot import connect_published
from roma_monitor.sample.home import CORRECTED_EXTRACT, ROWS_MISSING_AT_FIRST
from roma_monitor.serve import queries as q
from roma_monitor.serve import views_quality as v
from roma_monitor.serve.formatting import format_month
from roma_monitor.serve.i18n import t
from tests.conftest_snapshot import REJECTED_MESSAGE
from tests.dashboard.page_helpers import frame_with, texts

PAGE = "app_pages/quality.py"
SIF_NAME = {"lv": "SIF dalībnieki pa mēnešiem", "en": "SIF participants by month"}
SECOND_COPY = {"lv": "2. sūtījums", "en": "copy 2"}
REJECTED_FILE = "SIF_9144_202212.csv"
CORRECTED_FILE = CORRECTED_EXTRACT[1]


def table(at, header_key: str, lang: str):
    """The page's dataframe whose columns include the translated ``header_key``."""
    return frame_with(at, t(header_key, lang))


def rejected_load(paths) -> tuple[str, int]:
    with connect_published("operations", paths) as con:
        row = con.execute(
            "SELECT load_id, rows FROM extract_loads WHERE status = 'rejected' AND file_name = ?",
            [REJECTED_FILE],
        ).fetchone()
    assert row is not None
    return str(row[0]), int(row[1])


def corrected_loads(paths) -> list[tuple]:
    """(rows, sha256, revision) of each accepted extract of the corrected month, oldest first."""
    with connect_published("operations", paths) as con:
        return con.execute(
            "SELECT rows, sha256, revision FROM extract_loads "
            "WHERE status = 'loaded' AND file_name = ? ORDER BY started_at",
            [CORRECTED_FILE],
        ).fetchall()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_dataset_with_rows_and_the_rejected_file(sample_home, run_app, lang) -> None:
    at = run_app(lang=lang, page=PAGE)
    assert not at.exception
    assert at.title[0].value == t("quality.title", lang)

    freshness = table(at, "quality.col.freshness", lang)
    datasets = table(at, "quality.col.last_file", lang)  # what each dataset received last
    names = [t(f"quality.dataset.{code}", lang) for code in CONTRACTS]
    for shown in (freshness, datasets):
        assert sorted(shown[t("quality.col.dataset", lang)]) == sorted(names)  # no raw codes
    sif = datasets.set_index(t("quality.col.dataset", lang)).loc[SIF_NAME[lang]]
    # the 2022-12 file was accepted, then sent again and rejected: the second copy
    assert sif[t("quality.col.last_file", lang)] == f"{REJECTED_FILE} · {SECOND_COPY[lang]}"
    assert sif[t("quality.col.validation", lang)] == t("quality.verdict.rejected", lang)
    # the sample's 66 accepted SIF files (2017-07…2022-12, with 2021-06 sent twice: 254 rows,
    # then 259) hold 16 539 rows; the rejected 2022-12 resend is not counted
    assert sif[t("quality.col.total_rows", lang)] == 16_539  # the grid holds the count

    prose = texts(at)
    assert f"**{REJECTED_FILE} · {SECOND_COPY[lang]}**" in prose
    assert "`municipality_atvk.allowed`" in prose
    assert "`municipality_atvk.vintage_atvk_2021`" in prose
    load_id, _ = rejected_load(sample_home)
    links = at.get("page_link")
    assert len(links) == 1
    assert links[0].proto.label == t("quality.open_report", lang)
    assert f"report={load_id}" in links[0].proto.query_string

    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("quality.summary_rejected", lang)] == "1"
    coverage = table(at, "quality.col.coverage", lang)
    shown = coverage.iloc[0]  # SIF's participants, the first measure's headline
    # 2 133 of the 3 336 SIF participants by 2022-12 declared an ethnicity (the grid: 63,9 %)
    assert shown[t("quality.col.coverage", lang)] == pytest.approx(2133 / 3336)
    assert len(at.get("vega_lite_chart")) == 1


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_corrected_month_is_listed_with_both_files(sample_home, run_app, lang) -> None:
    at = run_app(lang=lang, page=PAGE)
    assert not at.exception
    [(before, first_sha, _), (after, resent_sha, revision)] = corrected_loads(sample_home)
    # the sample's 2021-06 SIF file came with 254 rows, then again with the 5 missing ones
    assert (revision, before, after) == (2, 254, 259)
    assert after - before == ROWS_MISSING_AT_FIRST

    corrections = table(at, "quality.col.revision", lang)
    h = lambda key: t(f"quality.col.{key}", lang)  # noqa: E731
    assert len(corrections) == 1
    row = corrections.iloc[0]
    assert row[h("dataset")] == SIF_NAME[lang]
    assert row[h("period")] == format_month("2021-06-01", lang)
    assert row[h("revision")] == 2
    assert row[h("new_file")] == f"{CORRECTED_FILE} · {resent_sha[:8]}"
    assert row[h("rows_change")] == ROWS_MISSING_AT_FIRST
    # the downloads also name the superseded file and both row counts
    with connect_published("operations", sample_home) as con:
        files = v.CORRECTIONS.table(q.corrections(con), lang).export_frame(lang).iloc[0]
    assert files[h("previous_file")] == f"{CORRECTED_FILE} · {first_sha[:8]}"
    assert (files[h("rows_before")], files[h("rows_after")]) == (before, after)
    assert t("quality.corrections_header", lang) in [h.value for h in at.subheader]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("quality.corrections_count", lang)] == "1"


REPORT_WORDING = {  # lang: (title, verdict, data rows, the first rule's row, words of the other)
    "en": (
        "Validation report",
        "Verdict: **rejected**",
        "Data rows",
        "| 1 | `municipality_atvk.allowed` | format |",
        ("Validācijas pārskats", "Lēmums", "noraidīts", "jābūt"),
    ),
    "lv": (
        "Validācijas pārskats",
        "Lēmums: **noraidīts**",
        "Datu rindas",
        "| 1 | `municipality_atvk.allowed` | formāts |",
        ("Validation report", "Verdict", "rejected", "what it means", "must be"),
    ),
}


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_report_opens_from_the_url_in_the_page_language(sample_home, run_app, lang) -> None:
    load_id, _ = rejected_load(sample_home)
    at = run_app(lang=lang, page=PAGE, report=load_id)
    assert not at.exception
    assert at.query_params["report"] == load_id
    title, verdict, data_rows, first_rule, other_language = REPORT_WORDING[lang]
    [report] = [e for e in at.expander if e.label.startswith(title)]
    assert report.label == f"{title}: {REJECTED_FILE}"
    body = texts(at)
    assert f"{title}: {REJECTED_FILE}" in body
    assert verdict in body
    assert f"{data_rows}: 161" in body  # the sample's 2022-12 SIF file resent with 161 rows
    assert first_rule in body
    for word in other_language:
        assert word not in body
    assert t("quality.report_in_english", lang) not in body  # a report of this release
    if lang == "lv":
        assert "Neviens ieraksts no šī faila netika ielādēts." in body
        assert "Kolonnas 'municipality_atvk' vērtībai jābūt vienam no atļautajiem kodiem" in body


def test_measure_and_period_filters(sample_home, run_app) -> None:
    at = run_app(lang="lv", page=PAGE, measure="8.3.3", period="2020-06")
    assert not at.exception
    datasets = table(at, "quality.col.freshness", "lv")
    assert set(datasets[t("quality.col.dataset", "lv")]) == {
        "JSPA dalībnieki pa mēnešiem",
        "JSPA dalībnieki pēc 6 mēnešiem",
    }
    assert t("quality.quarantine_none", "lv") in texts(at)
    assert t("quality.corrections_none", "lv") in texts(at)
    assert not at.get("page_link")
    coverage = table(at, "quality.col.coverage", "lv")
    assert set(coverage[t("quality.col.month", "lv")]) == {pd.Timestamp("2020-06-01")}
    with connect_published("indicators", sample_home) as con:
        name = con.execute(
            "SELECT name_lv FROM dim_indicators WHERE indicator_code = 'JSPA_833_PARTICIPANTS'"
        ).fetchone()[0]
    assert coverage[t("quality.col.indicator", "lv")].iloc[0] == name  # the headline first
    headline = coverage.set_index(t("quality.col.indicator", "lv")).loc[name]
    # 1 259 of the 1 813 JSPA participants by June 2020 declared an ethnicity (69,4 %)
    assert headline[t("quality.col.coverage", "lv")] == pytest.approx(1259 / 1813)


def test_hand_made_log_without_datasets_or_reports(published_home, run_app) -> None:
    at = run_app(lang="en", page=PAGE, report="load-003")
    assert not at.exception
    prose = texts(at)
    assert REJECTED_MESSAGE in prose
    assert t("quality.report_missing", "en", load_id="load-003") in prose
    assert t("quality.report_none_kept", "en") in prose
    assert t("quality.corrections_none", "en") in prose
    datasets = table(at, "quality.col.last_file", "en")
    # a file no contract matches: its dataset is unknown, so which copy it was is not told
    unknown = datasets.set_index(t("quality.col.last_file", "en")).loc["NVA_741_202211.xlsx"]
    assert unknown[t("quality.col.dataset", "en")] == "(not in the registry)"


def test_empty_home(empty_home, run_app) -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert [i.value for i in at.info] == [t("empty.no_data", "lv")]


def test_the_access_audit_shows_who_used_the_dashboard_without_names(
    sample_home, run_app, monkeypatch
) -> None:
    """An engineer opens the page twice: both views are recorded (before the page shows) and
    counted under today's row for the engineer role, as one person; no subject, name or e-mail
    is shown."""
    run_app(lang="en", page=PAGE)
    at = run_app(lang="en", page=PAGE)
    assert not at.exception
    access = table(at, "quality.access.views", "en")
    engineer = access[access["Role"] == "Data engineer"]
    assert len(engineer) == 1
    row = engineer.iloc[0]
    assert row["Page views"] >= 2  # the overview before the page switch counts too
    assert (row["People"], row["Refused"]) == (1, 0)
    shown = texts(at) + access.to_string()
    assert "eng-1" not in shown  # the subject the identity provider sent
    assert t("quality.access_header", "en") in [h.value for h in at.subheader]


def test_what_disclosure_control_withheld(published_home, run_app) -> None:
    """fct_disclosure_utility of the hand-made snapshot: at 30.09.2022 Latvia 1 of 1, regions
    3 of 5, municipalities 28 of 43; over both quarter ends regions 7 of 10."""
    at = run_app(page="app_pages/quality.py")
    assert not at.exception
    assert "Ko konfidencialitātes aizsardzība nepublicēja un kāpēc" in [
        s.value for s in at.subheader
    ]
    shown = {m.label: m.value for m in at.metric}
    assert shown["Latvija"] == "100,0\u00a0%"
    assert shown["Plānošanas reģioni"] == "60,0\u00a0%"
    assert shown["Pašvaldības"] == "65,1\u00a0%"
    table = next(d.value for d in at.dataframe if "Publicēto daļa" in d.value.columns)
    regions = table[table["Līmenis"] == "Plānošanas reģioni"]
    assert list(regions["Ceturkšņa beigas"]) == ["30.09.2022", "Visas ceturkšņa beigas"]
    assert list(regions["Publicēto daļa"]) == [0.6, 0.7]  # the grid shows 60,0 %, 70,0 %
    # the public snapshot does not split by rule nor show the rounding error
    assert "Noapaļošanas kļūda, vidēji" not in table.columns
