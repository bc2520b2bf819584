"""The dashboard, run headless with streamlit.testing against hand-made published snapshots."""

from __future__ import annotations

import json

import pytest

from roma_monitor.serve.formatting import NBSP, SUPPRESSED_MARKER
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION
from tests.conftest_snapshot import (
    NO_DATA_CODE,
    REJECTED_MESSAGE,
    progress_rows,
    publish_fixture_snapshots,
)

# Every page registered in the entry file's st.navigation, relative to the entry file.
PAGES = ["app_pages/overview.py"]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at) -> str:
    """All the prose of a run (markdown, captions, alerts) as one string."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "error", "warning")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def chart_spec(at) -> dict:
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


# --- smoke -----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_page_renders(published_home, run_app, page, lang) -> None:
    at = run_app(lang=lang, page=page)
    assert not at.exception
    assert at.title


# --- Latvian (default) -----------------------------------------------------------------------


def test_key_figures_in_latvian_formats(published_home, run_app) -> None:
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "Romu platformas monitorings"
    shown = metrics(at)
    assert shown["Sasniegtā vērtība"] == f"1{NBSP}234"
    assert shown["Mērķis"] == f">{NBSP}3{NBSP}000"
    assert shown["Mērķa izpilde"] == f"41,1{NBSP}%"
    assert shown["Plānots līdz šim"] == f"2{NBSP}955"
    assert "2022. gada novembris" in texts(at)


def test_behind_is_said_in_words_and_a_colour_blind_safe_badge(published_home, run_app) -> None:
    at = run_app()
    prose = texts(at)
    assert ":orange-badge[:material/warning: Atpaliek no plāna]" in prose
    assert f"Sasniegtā vērtība 1{NBSP}234 ir mazāka par šim periodam plānoto 2{NBSP}955." in prose
    assert "Atbilst plānam" not in prose


def test_on_track(tmp_path, monkeypatch, run_app) -> None:
    paths = publish_fixture_snapshots(tmp_path / "home", progress=progress_rows(3100))
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    at = run_app()
    assert not at.exception
    prose = texts(at)
    assert ":blue-badge[:material/check_circle: Atbilst plānam]" in prose
    assert "Atpaliek no plāna" not in prose
    assert metrics(at)["Mērķa izpilde"] == f"103,3{NBSP}%"


def test_roma_figure_next_to_coverage_with_lower_bound_note(published_home, run_app) -> None:
    at = run_app()
    labels = [m.label for m in at.metric]
    roma = labels.index("Romi (pašu norādīta etniskā piederība)")
    assert labels[roma + 1] == "Etniskās piederības pārklājums"
    assert metrics(at)["Etniskās piederības pārklājums"] == f"62,3{NBSP}%"
    assert metrics(at)["Romi (pašu norādīta etniskā piederība)"] == "57"
    assert "Romu skaits ir minimālais novērtējums" in texts(at)


def test_chart_has_actual_expected_and_target(published_home, run_app) -> None:
    at = run_app()
    spec = chart_spec(at)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "rule"]
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain == ["Sasniegtā vērtība (kumulatīvi)", "Plānotā trajektorija", "Mērķis"]
    assert spec["layer"][0]["encoding"]["x"]["field"] == "period"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert "decembris" in spec["config"]["locale"]["time"]["months"]
    assert at.get("vega_lite_chart")[0].proto.alt.startswith("Līniju diagramma")


def test_region_table_latest_period_latvian_formats(published_home, run_app) -> None:
    at = run_app()
    table = at.table[0].value
    assert list(table.columns) == [
        "Plānošanas reģions",
        "Vērtība (kumulatīvi)",
        "Daļa no valsts kopskaita",
        "Romi (pašu norādīti)",
        "Etniskās piederības pārklājums",
    ]
    assert list(table["Plānošanas reģions"]) == [
        "Rīgas plānošanas reģions",
        "Vidzemes plānošanas reģions",
        "Kurzemes plānošanas reģions",
        "Zemgales plānošanas reģions",
        "Latgales plānošanas reģions",
    ]
    riga = table.iloc[0]
    assert riga["Vērtība (kumulatīvi)"] == "500"
    assert riga["Daļa no valsts kopskaita"] == f"40,5{NBSP}%"
    assert riga["Romi (pašu norādīti)"] == "14"
    assert riga["Etniskās piederības pārklājums"] == f"70,0{NBSP}%"
    assert list(table["Romi (pašu norādīti)"]) == [
        "14",
        SUPPRESSED_MARKER,
        "0",
        SUPPRESSED_MARKER,
        "40",
    ]
    assert "Daugavpils" not in table.to_string()
    prose = texts(at)
    assert f"{SUPPRESSED_MARKER} mazāk par 5, netiek publicēts privātuma aizsardzībai" in prose
    assert "Periods: 2022. gada novembris." in prose


def test_freshness_and_rejected_load(published_home, run_app) -> None:
    at = run_app()
    shown = metrics(at)
    assert shown["Jaunākais periods"] == "2022. gada novembris"
    assert shown["Jaunākais ielādētais periods"] == "2022. gada novembris"
    assert shown["Publicēts"].count(".") == 2  # dd.MM.yyyy HH:mm
    errors = [e.value for e in at.error]
    assert any(
        "SIF_9144_202212.csv" in e and REJECTED_MESSAGE in e and "noraidīts" in e for e in errors
    )
    loads = at.table[1].value.set_index("Avots")
    assert loads.loc["sif", "Statuss"] == "✗ noraidīts"
    assert loads.loc["sif", "Ziņojums"] == REJECTED_MESSAGE
    assert loads.loc["sif", "Periods"] == "2022. gada decembris"
    assert loads.loc["nva", "Statuss"] == "↺ dublikāts (jau ielādēts)"


def test_footer_has_the_boundaries_attribution(published_home, run_app) -> None:
    at = run_app()
    assert BOUNDARIES_ATTRIBUTION in [c.value for c in at.caption]


def test_indicator_without_data(published_home, run_app) -> None:
    at = run_app()
    at.selectbox(key="indicator").set_value(NO_DATA_CODE).run()
    assert not at.exception
    assert "Šim rādītājam vēl nav publicētu datu." in [i.value for i in at.info]
    assert not at.get("vega_lite_chart")


# --- English ---------------------------------------------------------------------------------


def test_english_from_the_query_parameter(published_home, run_app) -> None:
    at = run_app(lang="en")
    assert not at.exception
    assert at.title[0].value == "Roma Platform Monitor"
    shown = metrics(at)
    assert shown["Value achieved"] == "1,234"
    assert shown["Target"] == f">{NBSP}3,000"
    assert shown["Share of target"] == "41.1%"
    assert shown["Latest period"] == "November 2022"
    assert "Sasniegtā vērtība" not in shown
    assert ":orange-badge[:material/warning: Behind]" in texts(at)
    assert at.table[0].value.columns[0] == "Planning region"
    assert at.table[0].value.iloc[0, 0] == "Riga Planning Region"
    assert "< 5, not published to protect privacy" in texts(at)
    assert at.sidebar.radio[0].value == "en"
    assert at.query_params["lang"] == "en"


def test_switching_language_with_the_widget_keeps_it_in_the_url(published_home, run_app) -> None:
    at = run_app()
    assert at.query_params["lang"] == "lv"
    assert "Sasniegtā vērtība" in metrics(at)
    at.sidebar.radio[0].set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Roma Platform Monitor"
    assert "Value achieved" in metrics(at)
    assert at.query_params["lang"] == "en"
    at.sidebar.radio[0].set_value("lv").run()
    assert "Sasniegtā vērtība" in metrics(at)
    assert at.query_params["lang"] == "lv"


def test_unknown_language_falls_back_to_latvian(published_home, run_app) -> None:
    at = run_app(lang="de")
    assert not at.exception
    assert at.title[0].value == "Romu platformas monitorings"
    assert at.query_params["lang"] == "lv"


# --- nothing published / new publication -----------------------------------------------------


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_empty_state(empty_home, run_app, lang) -> None:
    at = run_app(lang=lang)
    assert not at.exception
    info = [i.value for i in at.info]
    assert any("make demo" in i for i in info)
    assert not at.metric and not at.table and not at.get("vega_lite_chart")
    assert BOUNDARIES_ATTRIBUTION in [c.value for c in at.caption]


def test_no_indicators_yet_but_a_rejected_load(tmp_path, monkeypatch, run_app) -> None:
    paths = publish_fixture_snapshots(tmp_path / "home", indicators_snapshot=False)
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    at = run_app()
    assert not at.exception
    assert any("make demo" in i.value for i in at.info)
    assert any(REJECTED_MESSAGE in e.value for e in at.error)


def test_a_new_publication_is_picked_up(published_home, run_app) -> None:
    at = run_app()
    assert metrics(at)["Sasniegtā vērtība"] == f"1{NBSP}234"
    publish_fixture_snapshots(published_home.home, progress=progress_rows(3100))
    at.run()
    assert not at.exception
    assert metrics(at)["Sasniegtā vērtība"] == f"3{NBSP}100"


def test_indicator_without_a_target(tmp_path, monkeypatch, run_app) -> None:
    rows = progress_rows()
    for row in rows:
        if row["geo_level"] == "country":
            row.update(
                target=None,
                target_operator=None,
                target_date=None,
                share_of_target=None,
                expected_to_date=None,
                on_track=None,
            )
    paths = publish_fixture_snapshots(tmp_path / "home", progress=rows)
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    at = run_app()
    assert not at.exception
    assert metrics(at)["Mērķis"] == "Mērķis nav noteikts"
    assert "Mērķa izpilde" not in metrics(at)
    assert any("mērķis nav norādīts" in i.value for i in at.info)
    assert "Atpaliek no plāna" not in texts(at) and "Atbilst plānam" not in texts(at)
    domain = chart_spec(at)["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain == ["Sasniegtā vērtība (kumulatīvi)"]
