"""The overview page (and the app shell around it), run headless with streamlit.testing.

Figures are checked against the published snapshot, queried independently with duckdb: the
real sample home (every source, seed 2017) for the figures and the filters, the hand-made
`published_home` for rendering an older, narrower snapshot and for a new publication.
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import NBSP, format_month, format_number, format_percent
from roma_monitor.serve.i18n import boundaries_attribution, t
from tests.conftest_snapshot import REJECTED_MESSAGE, progress_rows, publish_fixture_snapshots
from tests.dashboard.conftest import APP_FILE, ENGINEER
from tests.dashboard.page_helpers import snapshot_rows, texts

OVERVIEW = "app_pages/overview.py"
# The pages these tests smoke-test on the hand-made snapshot (the other pages have their own).
PAGES = ["app_pages/overview.py", "app_pages/measure.py"]


def shown(table):
    """A table as the reader sees it: st.table cells are Markdown, so a leading ``>`` or
    ``2022.`` is escaped with a backslash in the data."""
    return table.map(lambda cell: cell.replace("\\", "") if isinstance(cell, str) else cell)


def overview_table(at):
    """The overview table as shown, indexed by indicator name."""
    table = shown(at.table[0].value)
    return table.set_index(table.columns[1])


def overview_truth(paths, period: date | None, geo: str, measure: str | None = None) -> dict:
    """{name_lv: (value, share_of_target, progress_status)} for the headline indicators, as the
    snapshot holds them: indicators with a target, and each measure's headline without one."""
    rows = snapshot_rows(
        paths,
        """
        WITH headline AS (
            SELECT indicator_code, name_lv, has_target, sam FROM dim_indicators
            QUALIFY has_target OR row_number() OVER (
                PARTITION BY sam ORDER BY has_target DESC,
                    indicator_group = 'participants' DESC, aggregation = 'cumulative' DESC,
                    indicator_code) = 1
        ),
        month AS (SELECT coalesce(CAST(? AS DATE), max(period)) AS period
                  FROM fct_indicator_progress)
        SELECT h.name_lv, p.value, n.share_of_target, s.progress_status
        FROM headline AS h CROSS JOIN month AS m
        LEFT JOIN fct_indicator_progress AS p
            ON p.indicator_code = h.indicator_code AND p.period = m.period AND p.geo_code = ?
        LEFT JOIN fct_indicator_progress AS n
            ON n.indicator_code = h.indicator_code AND n.period = m.period
               AND n.geo_code = 'LV'
        LEFT JOIN fct_indicator_status AS s
            ON s.indicator_code = h.indicator_code AND s.period = m.period
        WHERE ? IS NULL OR h.sam = ?
        """,
        [period, geo, measure, measure],
    )
    return {name: (value, share, status) for name, value, share, status in rows}


# --- smoke: every page of this helper on the hand-made snapshot, both languages --------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_pages_render_on_the_hand_made_snapshot(published_home, run_app, page, lang) -> None:
    at = run_app(lang=lang, page=page)
    assert not at.exception
    assert at.title
    assert boundaries_attribution(lang) in [c.value for c in at.caption]


# --- the sample home -------------------------------------------------------------------------


def test_every_measure_at_a_glance_in_latvian(sample_home, run_app) -> None:
    at = run_app(page=OVERVIEW)
    assert not at.exception
    assert at.title[0].value == "Romu platformas monitorings"
    table = overview_table(at)
    truth = overview_truth(sample_home, None, "LV")
    assert set(table.index) == set(truth)
    for name, (value, share, status) in truth.items():
        row = table.loc[name]
        shown_value = row["Vērtība"].removesuffix(f"{NBSP}EUR")
        assert shown_value == format_number(value, "lv"), name
        assert row["Mērķa izpilde"] == format_percent(share, "lv"), name
        if status == "not_achieved":  # the target date has passed: by when, and how far
            expected = f"⊘ Nav sasniegts līdz 31.12.2022 ({format_percent(share, 'lv')})"
        else:
            expected = t(f"progress.{status}" if status else "progress.no_target", "lv")
        assert row["Vērtējums"] == expected, name
    # the headline figure of the issue, in Latvian format with a no-break space
    sif = table.loc[table.index.str.startswith("Dažādības veicināšana")].iloc[0]
    assert sif["Vērtība"] == f"3{NBSP}336"
    assert sif["Mērķis (valsts līmenī)"] == f">{NBSP}3{NBSP}000"
    # every measure is there, the ones without a target with their headline indicator
    assert list(table["Pasākums"].drop_duplicates()) == [
        "9.1.4.4 · SIF",
        "7.4.1 · NVA",
        "8.3.3 · JSPA",
        "8.3.4 · IKVD",
        "Romu platforma · KM",
    ]
    assert "○ Mērķis nav noteikts" in list(table["Vērtējums"])
    prose = texts(at)
    assert "Periods: 2022. gada decembris · Latvija." in prose
    assert "Open SDG" in prose
    # IKVD records no ethnicity: its Roma cells show "–", and the page says what it means
    ikvd = table[table["Pasākums"] == "8.3.4 · IKVD"]
    assert set(ikvd["Romi (pašu norādīti)"]) == {"–"}
    assert "– nav datu: avots šo skaitli nav sniedzis." in prose
    # 8.3.3's 5 260 is a ministry figure (IZM 2015), not the report's: marked, its source said
    jspa = table[table["Pasākums"] == "8.3.3 · JSPA"].iloc[0]
    assert jspa["Mērķis (valsts līmenī)"] == f"≥{NBSP}5{NBSP}260¹"
    assert "¹" not in sif["Mērķis (valsts līmenī)"]
    (legend,) = [line for line in prose.splitlines() if line.startswith("¹ ")]
    assert (
        legend
        == "¹ mērķis nav no ziņojuma; avots norādīts informācijas paneļa lapā „Metodoloģija”."
    )
    assert "seeds/" not in prose


def test_last_data_date_per_source(sample_home, run_app) -> None:
    at = run_app(page=OVERVIEW)
    latest = dict(
        snapshot_rows(
            sample_home,
            "SELECT i.agency, strftime(max(p.period), '%Y-%m') FROM fct_indicator_progress p "
            "JOIN dim_indicators i USING (indicator_code) GROUP BY i.agency",
        )
    )
    sources = shown(at.table[1].value).set_index("Avots")
    assert set(sources.index) == set(latest)
    for agency, month in latest.items():
        assert sources.loc[agency, "Jaunākais periods"] == format_month(f"{month}-01", "lv")
    # the latest data are the accepted extract of the latest period (not the last file that
    # was loaded, nor the rejected one tried after it), with the time it was loaded
    with connect_published("operations", sample_home) as con:
        (sif_file,) = con.execute(
            "SELECT file_name FROM extract_loads WHERE source = 'sif' AND status = 'loaded' "
            "ORDER BY reporting_period DESC, finished_at DESC LIMIT 1"
        ).fetchone()
    assert sources.loc["SIF", "Jaunākā perioda izraksts"] == sif_file
    # its period in words (it was shown "–": the month was put in words twice)
    assert sources.loc["SIF", "Izraksta periods"] == format_month(f"{latest['SIF']}-01", "lv")
    assert sources.loc["SIF", "Ielādes statuss"] == "✓ ielādēts"
    assert sources.loc["NVA", "Ielādes statuss"] == "✓ ielādēts"
    # the rejected SIF extract (the last attempt) is said in plain Latvian, without the rules
    [alert] = [w.value for w in at.warning if "SIF" in w.value]
    assert "netika pieņemts" in alert and "REJECTED" not in alert and "." in alert
    assert not any(rule in alert for rule in ("rule", "participant_key", "failed"))


def test_region_and_period_change_the_figures_in_english(sample_home, run_app) -> None:
    at = run_app(lang="en", page=OVERVIEW, region="LATGALE", period="2020-06")
    assert not at.exception
    table = shown(at.table[0].value)
    assert "Share of national total" in table.columns
    assert "Share of target" not in table.columns
    assert "Status (Latvia)" in table.columns
    names = dict(snapshot_rows(sample_home, "SELECT name_lv, name_en FROM dim_indicators"))
    truth = overview_truth(sample_home, date(2020, 6, 1), "LATGALE")
    latest = overview_truth(sample_home, None, "LV")
    table = table.set_index("Indicator")
    changed = 0
    for name_lv, (value, _, _) in truth.items():
        cell = table.loc[names[name_lv], "Value"].removesuffix(f"{NBSP}EUR")
        assert cell == format_number(value, "en"), name_lv
        changed += cell != format_number(latest[name_lv][0], "en")
    assert changed >= 5  # the filters really changed the figures
    prose = texts(at)
    assert "Period: June 2020 · Latgale Planning Region." in prose
    assert "status: the latest data" not in prose  # the status is June 2020's
    assert "Targets are set for Latvia as a whole" in prose


def test_measure_filter_limits_the_rows(sample_home, run_app) -> None:
    at = run_app(page=OVERVIEW, measure="8.3.4", period="2021-06")
    assert not at.exception
    table = overview_table(at)
    truth = overview_truth(sample_home, date(2021, 6, 1), "LV", "8.3.4")
    assert set(table.index) == set(truth)
    assert set(table["Pasākums"]) == {"8.3.4 · IKVD"}
    for name, (value, share, status) in truth.items():
        assert table.loc[name, "Vērtība"].removesuffix(f"{NBSP}EUR") == format_number(value)
        assert table.loc[name, "Mērķa izpilde"] == format_percent(share, "lv")
        # June 2021's judgement, as the monitor gave it then, not December 2022's
        assert table.loc[name, "Vērtējums"] == t(f"progress.{status}", "lv"), name
    assert "jaunākie dati" not in texts(at)


# --- app shell: language, nothing published, a new publication -------------------------------


def test_switching_language_keeps_it_in_the_url(published_home, run_app) -> None:
    at = run_app()
    assert at.query_params["lang"] == "lv"
    assert "Vērtība" in at.table[0].value.columns
    at.sidebar.radio[0].set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Roma Platform Monitor"
    assert "Value" in at.table[0].value.columns
    assert at.query_params["lang"] == "en"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_empty_state(empty_home, run_app, lang) -> None:
    at = run_app(lang=lang)
    assert not at.exception
    assert any("make demo" in i.value for i in at.info)
    assert not at.metric and not at.table and not at.get("vega_lite_chart")
    assert boundaries_attribution(lang) in [c.value for c in at.caption]


def test_no_indicators_yet_but_a_rejected_load(tmp_path, monkeypatch, run_app) -> None:
    paths = publish_fixture_snapshots(tmp_path / "home", indicators_snapshot=False)
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    at = run_app()
    assert not at.exception
    assert any("make demo" in i.value for i in at.info)
    # the hand-made load log: SIF 2022-12 rejected, started 05.01.2023 08:00 UTC
    assert [w.value for w in at.warning] == [
        "Viens SIF datu fails, kas saņemts 05.01.2023, netika pieņemts; publicētu skaitļu vēl nav."
    ]


# --- extracts not accepted, in the council's words (issue 15, defect 9) -------------------------

# The hand-made load log (tests/conftest_snapshot.py): SIF 2022-10 and 2022-11 loaded, then
# SIF 2022-12 rejected, started 05.01.2023 08:00 UTC (10:00 in Riga); SIF's latest published
# month is November 2022, so its figures are as of 30.11.2022. NVA's last file was a duplicate.
UNACCEPTED = {
    "lv": "Viens SIF datu fails, kas saņemts 05.01.2023, netika pieņemts; "
    "jaunākie publicētie dati ir par laiku līdz 30.11.2022.",
    "en": "One SIF data file, received on 5 January 2023, was not accepted; "
    "the latest published figures run to 30 November 2022.",
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_rejected_extract_is_one_plain_sentence(published_home, run_app, lang) -> None:
    at = run_app(lang=lang)
    assert not at.exception
    assert [w.value for w in at.warning] == [UNACCEPTED[lang]]
    prose = texts(at)
    assert REJECTED_MESSAGE not in prose
    # the rules that failed are on the data-quality page, one click away for the engineer
    [link] = [e for e in at.get("page_link") if "quality" in e.proto.page]
    assert link.proto.label == t("loads.unaccepted_details", lang)


def test_the_council_gets_the_sentence_without_a_link_it_cannot_follow(published_home) -> None:
    at = AppTest.from_file(str(APP_FILE), default_timeout=60)
    at.user = {**ENGINEER, "roles": ["council"]}
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [UNACCEPTED["lv"]]
    assert not [e for e in at.get("page_link") if "quality" in e.proto.page]


def test_a_new_publication_is_picked_up(published_home, run_app) -> None:
    at = run_app()
    assert overview_table(at).iloc[0]["Vērtība"] == f"1{NBSP}234"
    publish_fixture_snapshots(published_home.home, progress=progress_rows(3100))
    at.run()
    assert not at.exception
    assert overview_table(at).iloc[0]["Vērtība"] == f"3{NBSP}100"


# --- Roma figures the council can read (issue 14) ----------------------------------------------


def test_overview_shows_roma_rounded_as_of_the_quarter_end(published_home, run_app) -> None:
    """The hand-made snapshot: November shows September's Roma figure, ≈55, coverage 62,3 %."""
    at = run_app()
    assert not at.exception
    row = overview_table(at).loc["Dalībnieki, kas saņēmuši motivācijas un atbalsta pakalpojumus"]
    assert row["Romi (pašu norādīti)"] == "≈55"
    assert row["Etniskās piederības pārklājums"] == f"62,3{NBSP}%"
    prose = texts(at)
    assert (
        "≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5 (≈0 nozīmē 0–2)" in prose
    )
    # 2022-11 is not a quarter end: the date the figure describes is said
    assert "Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits 30.09.2022" in prose
    # no withheld cell on this row: no × legend, and never "fewer than 5"
    assert "×" not in prose and "mazāk par" not in prose


def test_overview_at_the_quarter_end_needs_no_as_of_note(published_home, run_app) -> None:
    at = run_app(lang="en", period="2022-09")
    assert not at.exception
    row = overview_table(at).loc["Participants receiving motivation and support services"]
    assert row["Roma (self-declared)"] == "≈55"
    prose = texts(at)
    assert "≈ Roma counts are rounded to the nearest multiple of 5 (≈0 means 0 to 2)" in prose
    assert "shown as of" not in prose


def test_an_older_snapshot_is_explained_not_a_traceback(published_home, run_app) -> None:
    from tests.unit.test_outdated_snapshot import publish_older_indicators

    publish_older_indicators(published_home)
    at = run_app()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Šis datu momentuzņēmums (indicators) publicēts ar vecāku programmas versiju, un šī "
        "versija to nevar nolasīt. Publicējiet to no jauna: `roma-monitor run-local`."
    ]
    at = run_app(lang="en")
    assert "Publish it again: `roma-monitor run-local`." in at.error[0].value
