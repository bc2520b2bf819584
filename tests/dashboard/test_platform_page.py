"""The Platform page, run headless (streamlit.testing) on the published sample: workshops,
participants by type, mediators and the recommendations tracker show what the snapshot holds,
as of the period filter's month end and for the region filter's area."""

from __future__ import annotations

import json
from datetime import date

import pytest

from roma_monitor.serve.formatting import NBSP
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION_LV
from tests.dashboard.map_helpers import assert_offline, layer_rows
from tests.dashboard.page_helpers import fmt, frame_with, metrics

PAGE = "app_pages/platform.py"
TYPES = ("municipality", "social_service", "nva", "education", "roma_community", "ngo")
ICONS = {
    "istenots": "✓",
    "uzsakts": "◐",
    "planots": "☐",
    "nav_uzsakts": "✗",
    "nav_attiecinams": "—",
}


def indicator(con, code: str, geo_code: str, period: str | None = None) -> dict:
    """value and share of one platform indicator for one area, at a month (latest if None)."""
    row = con.execute(
        """
        SELECT value, share FROM fct_indicator_progress
        WHERE indicator_code = ? AND geo_code = ?
          AND period = coalesce(CAST(? AS DATE), (SELECT max(period) FROM fct_indicator_progress
                                                  WHERE indicator_code = ?))
        """,
        [code, geo_code, period, code],
    ).fetchone()
    return {"value": row[0], "share": row[1]}


def workshop_filter(region: str | None, until: str | None) -> tuple[str, list]:
    sql = "WHERE (CAST(? AS VARCHAR) IS NULL OR planning_region_code = ? OR venue_atvk_2021 = ?)"
    sql += " AND (CAST(? AS DATE) IS NULL OR workshop_date <= CAST(? AS DATE))"
    return sql, [region, region, region, until, until]


def statuses_as_of(con, until: str, region: str | None) -> dict[tuple[str, str], str]:
    """(municipality, recommendation) → status code at ``until``: the latest record dated on
    or before it (computed here independently of the page's query)."""
    rows = con.execute(
        """
        SELECT municipality_atvk_2021, recommendation_code, status
        FROM fct_recommendation_status_history
        WHERE status_date <= CAST(? AS DATE) AND municipality_atvk_2021 IS NOT NULL
          AND (CAST(? AS VARCHAR) IS NULL OR planning_region_code = ?)
        QUALIFY row_number() OVER (
            PARTITION BY municipality_atvk_2021, recommendation_code
            ORDER BY status_date DESC, change_number DESC) = 1
        """,
        [until, region, region],
    ).fetchall()
    return {(m, r): s for m, r, s in rows}


def test_latvian_latest_whole_country(sample_home, snapshot, run_app) -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Romu platforma"
    shown = metrics(at)
    for label, code in [
        ("Darbnīcas", "KM_WORKSHOPS"),
        ("Dalībnieki (apmeklējumi)", "KM_WORKSHOP_PARTICIPANTS"),
        ("Pārstāvētās pašvaldības", "KM_WORKSHOP_MUNICIPALITIES"),
        ("Mediatori", "KM_MEDIATORS"),
        ("Uzraudzītie ieteikumi", "KM_RECOMMENDATIONS_TRACKED"),
        ("Risināti (uzsākti vai īstenoti)", "KM_RECOMMENDATIONS_ADDRESSED"),
    ]:
        assert shown[label] == fmt(indicator(snapshot, code, "LV")["value"]), label
    share = indicator(snapshot, "KM_RECOMMENDATIONS_ADDRESSED", "LV")["share"]
    assert shown["Risināto daļa"] == f"{100 * share:.1f}".replace(".", ",") + f"{NBSP}%"

    # workshops: every one in the mart, oldest first, and the indicator agrees with the mart
    count, total = snapshot.execute(
        "SELECT count(*), sum(participants_total) FROM fct_workshops"
    ).fetchone()
    workshops = frame_with(at, "Tēma")
    assert len(workshops) == count == indicator(snapshot, "KM_WORKSHOPS", "LV")["value"]
    assert workshops["Dalībnieki"].sum() == total
    assert list(workshops["Datums"]) == sorted(workshops["Datums"])
    # the timeline counts them in the noun's plural form (20 → "darbnīcas", as the ministry writes)
    assert count == 20
    alts = [c.proto.alt for c in at.get("vega_lite_chart")]
    assert any(alt.startswith("Laika ass: 20 darbnīcas no ") for alt in alts), alts

    # participants by type: the mart's sums, with translated labels, in the report's order
    sums = snapshot.execute(
        "SELECT " + ", ".join(f"sum(participants_{k})" for k in TYPES) + " FROM fct_workshops"
    ).fetchone()
    types = frame_with(at, "Iesaistītā puse")
    assert list(types["Dalībnieki"]) == list(sums)
    assert types["Iesaistītā puse"].iloc[4] == "Romu kopiena (t. sk. mediatori)"

    # mediators by planning region
    mediators = frame_with(at, "Mediatori")
    assert len(mediators) == 5
    assert mediators["Mediatori"].sum() == indicator(snapshot, "KM_MEDIATORS", "LV")["value"]

    # recommendations: status matrix, national ones, history newest first
    matrix = frame_with(at, "M01")
    expected = statuses_as_of(snapshot, "2022-12-31", None)
    assert len(matrix) == len({m for m, _ in expected})
    names = dict(
        snapshot.execute(
            "SELECT DISTINCT status, status_name_lv FROM fct_recommendation_status_history"
        ).fetchall()
    )
    daugavpils = matrix[matrix["Pašvaldība"] == "Daugavpils"].iloc[0]
    for code in [f"M0{i}" for i in range(1, 10)]:
        status = expected[("0002000", code)]
        assert daugavpils[code] == f"{ICONS[status]} {names[status]}"
    tracked = indicator(snapshot, "KM_RECOMMENDATIONS_TRACKED", "0002000")["value"]
    assert daugavpils["Uzraudzīti"] == tracked
    national = frame_with(at, "Statusa datums")
    assert list(national["Kods"]) == ["N01", "N02", "N03", "N04", "N05"]
    history = frame_with(at, "Jaunais statuss")
    (changes,) = snapshot.execute(
        "SELECT count(*) FROM fct_recommendation_status_history"
    ).fetchone()
    assert len(history) == changes
    assert list(history["Datums"]) == sorted(history["Datums"], reverse=True)
    assert "(pirmais ieraksts)" in set(history["Iepriekšējais statuss"])

    # the workshop map: 43 municipalities, offline, counts from the published indicator
    charts = at.get("vega_lite_chart")
    maps = [json.loads(c.proto.spec) for c in charts if "Kartogramma" in c.proto.alt]
    assert len(maps) == 1
    features = layer_rows(maps[0], "areas")
    assert len(features) == 43
    assert_offline(maps[0])
    assert sum(f["value"] or 0 for f in features) == count
    assert len(charts) == 4  # timeline, map, participants by type, mediators
    # the text alternatives name the party with the most participants and the municipality
    # with the most workshops (a tie goes to the earlier party, the lower code), counted here
    alts = [c.proto.alt for c in charts]
    top = max(range(len(TYPES)), key=lambda i: (sums[i], -i))
    party = types["Iesaistītā puse"].iloc[top]
    assert any(a.endswith(f"visvairāk — {party} ({sums[top]}).") for a in alts), alts
    venue, held = snapshot.execute(
        "SELECT venue_name_lv, count(*) FROM fct_workshops GROUP BY venue_atvk_2021, "
        "venue_name_lv ORDER BY count(*) DESC, venue_atvk_2021 LIMIT 1"
    ).fetchone()
    assert any(a.endswith(f"visvairāk: {venue} ({held}).") for a in alts), alts
    assert all(c.proto.alt for c in charts)
    assert BOUNDARIES_ATTRIBUTION_LV in [c.value for c in at.caption]


def test_region_and_period_filter_everything(sample_home, snapshot, run_app) -> None:
    at = run_app(lang="en", page=PAGE, region="LATGALE", period="2019-12")
    assert not at.exception
    assert "As of 31 December 2019 · area: Latgale Planning Region." in [
        c.value for c in at.caption
    ]
    shown = metrics(at)
    for label, code in [
        ("Workshops", "KM_WORKSHOPS"),
        ("Participants (attendances)", "KM_WORKSHOP_PARTICIPANTS"),
        ("Mediators", "KM_MEDIATORS"),
        ("Recommendations tracked", "KM_RECOMMENDATIONS_TRACKED"),
        ("Addressed (in progress or implemented)", "KM_RECOMMENDATIONS_ADDRESSED"),
    ]:
        value = indicator(snapshot, code, "LATGALE", "2019-12-01")["value"]
        assert shown[label] == f"{int(value):,}", label

    where, params = workshop_filter("LATGALE", "2019-12-31")
    count, total = snapshot.execute(
        f"SELECT count(*), sum(participants_total) FROM fct_workshops {where}", params
    ).fetchone()
    workshops = frame_with(at, "Topic")
    assert 0 < len(workshops) == count
    assert set(workshops["Planning region"]) == {"Latgale Planning Region"}
    assert max(workshops["Date"]) <= date(2019, 12, 31)
    # topics in English (issue 15: they were Latvian); Daugavpils 2017 is the report's workshop
    topics = set(workshops["Topic"])
    assert "Improving the social situation of Roma families at local level" in topics
    assert not any("Romu" in topic or "romu" in topic for topic in topics), topics
    assert frame_with(at, "Party represented")["Participants"].sum() == total

    # status as of the month end, by municipality of the region, in English
    matrix = frame_with(at, "M01")
    expected = statuses_as_of(snapshot, "2019-12-31", "LATGALE")
    names = dict(
        snapshot.execute(
            "SELECT DISTINCT status, status_name_en FROM fct_recommendation_status_history"
        ).fetchall()
    )
    atvk = dict(
        snapshot.execute(
            "SELECT geo_name_en, geo_code FROM dim_geography WHERE geo_level = 'municipality'"
        ).fetchall()
    )
    assert len(matrix) == len({m for m, _ in expected})
    for row in matrix.to_dict("records"):
        code = atvk[row["Municipality"]]
        for rec in [f"M0{i}" for i in range(1, 10)]:
            status = expected.get((code, rec))
            assert row[rec] == (f"{ICONS[status]} {names[status]}" if status else "")
    assert not [d for d in at.dataframe if "Status date" in d.value.columns]  # no national

    history = frame_with(at, "New status")
    (changes,) = snapshot.execute(
        """
        SELECT count(*) FROM fct_recommendation_status_history
        WHERE planning_region_code = 'LATGALE' AND status_date <= DATE '2019-12-31'
        """
    ).fetchone()
    assert len(history) == changes
    assert max(history["Date"]) <= date(2019, 12, 31)

    mediators = frame_with(at, "Mediators")
    assert (
        mediators["Mediators"].sum()
        == indicator(snapshot, "KM_MEDIATORS", "LATGALE", "2019-12-01")["value"]
    )


def test_municipality_filter(sample_home, snapshot, run_app) -> None:
    at = run_app(page=PAGE, region="0002000")
    assert not at.exception
    where, params = workshop_filter("0002000", None)
    (count,) = snapshot.execute(f"SELECT count(*) FROM fct_workshops {where}", params).fetchone()
    workshops = frame_with(at, "Tēma")
    assert len(workshops) == count
    assert set(workshops["Norises pašvaldība (ATVK 2021)"]) == {"Daugavpils"}
    assert list(frame_with(at, "M01")["Pašvaldība"]) == ["Daugavpils"]
    assert set(frame_with(at, "Jaunais statuss")["Pašvaldība"]) == {"Daugavpils"}
    spec = next(
        json.loads(c.proto.spec) for c in at.get("vega_lite_chart") if "Kartogramma" in c.proto.alt
    )
    assert [f["code"] for f in layer_rows(spec, "selected_area")] == ["0002000"]


def test_empty_home_says_there_is_no_data(empty_home, run_app) -> None:
    at = run_app(lang="en", page=PAGE)
    assert not at.exception
    assert "No data has been published yet" in at.info[0].value


def test_snapshot_without_platform_tables_renders(published_home, run_app) -> None:
    at = run_app(page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Romu platforma"


# The recommendations' short titles, as the report's seed gives them (issue 15: the grid showed
# bare codes M01–M09).
TITLES = {
    "lv": {
        "M01": "Mediatoru atbalstīti pakalpojumi",
        "M07": "Ielu sociālais darbs jeb mobilās brigādes NEET jauniešiem",
        "N04": "Valsts subsidēts latviešu bērnudārzs romu bērniem",
    },
    "en": {
        "M01": "Mediator-supported services",
        "M07": "Street social work or mobile teams for NEET youth",
        "N04": "State-subsidised Latvian kindergarten for Roma children",
    },
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_grid_names_each_recommendation(sample_home, run_app, lang) -> None:
    at = run_app(lang=lang, page=PAGE)
    assert not at.exception
    [grid] = [d for d in at.dataframe if "M01" in d.value.columns]
    headers = {
        code: config.get("label")
        for code, config in json.loads(grid.proto.columns).items()
        if code in {f"M0{i}" for i in range(1, 10)}
    }
    assert len(headers) == 9
    for code in ("M01", "M07"):
        assert headers[code] == f"{TITLES[lang][code]} ({code})"
    national = frame_with(at, "Statusa datums" if lang == "lv" else "Status date")
    titles = dict(zip(national[national.columns[1]], national[national.columns[0]], strict=True))
    assert titles["N04"] == TITLES[lang]["N04"]
