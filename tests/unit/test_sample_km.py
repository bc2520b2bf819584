"""The KM Roma Platform sample: shaped like the Ministry's yearly files, with the 2017 workshops as
the report describes them; and the gate's KM-specific rules."""

from collections import Counter

import pytest

from roma_monitor.contracts.km import RECOMMENDATION_CODES, RECOMMENDATION_STATUSES
from roma_monitor.reference import atvk_crosswalk, reference_codes
from roma_monitor.sample.km import write_km_extracts
from roma_monitor.validate.gate import validate_source_file
from tests.extracts import extract_rows

SEED = 11


@pytest.fixture(scope="module")
def km_sample(tmp_path_factory):
    return write_km_extracts(tmp_path_factory.mktemp("sample") / "km", SEED)


def _by_kind(km_sample, kind):
    return {p.name[-8:-4]: extract_rows(p) for p in km_sample if f"_{kind}_" in p.name}


def test_the_reports_2017_workshops_do_not_depend_on_the_seed(tmp_path, km_sample):
    other = write_km_extracts(tmp_path / "other", SEED + 1)
    same = {
        a.name for a, o in zip(km_sample, other, strict=True) if a.read_bytes() == o.read_bytes()
    }
    assert "KM_PLATF_SEM_2017.csv" in same
    assert "KM_PLATF_IET_2018.csv" not in same and "KM_PLATF_SEM_2019.csv" not in same


def test_yearly_files_2017_to_2022_for_three_datasets(km_sample):
    names = [p.name for p in km_sample]
    assert len(names) == 18
    for kind in ("SEM", "MED", "IET"):
        assert [n for n in names if f"_{kind}_" in n] == [
            f"KM_PLATF_{kind}_{year}.csv" for year in range(2017, 2023)
        ]


def test_the_2017_workshops_are_the_reports_four(km_sample):
    rows = _by_kind(km_sample, "SEM")["2017"]
    assert [(r["workshop_date"], r["city"], r["planning_region"]) for r in rows] == [
        ("17.02.2017", "Valmiera", "VIDZEME"),
        ("14.03.2017", "Jelgava", "ZEMGALE"),
        ("19.04.2017", "Daugavpils", "LATGALE"),
        ("16.05.2017", "Ventspils", "KURZEME"),
    ]
    represented = [r["municipalities_represented"].split("|") for r in rows]
    # Valmiera, Rūjiena | Jelgava, Tukums, Jūrmala, Dobele | Daugavpils, Malta (Rēzeknes nov.),
    # Krāslava, Viļaka, Ilūkste | Ventspils, Talsi and Sabile (Talsu novads)
    assert represented == [
        ["0250000", "0961600"],
        ["0090000", "0900200", "0130000", "0460200"],
        ["0050000", "0780200", "0600202", "0381600", "0440801"],
        ["0270000", "0880200"],
    ]
    assert {r["topic"] for r in rows} == {
        "Romu ģimeņu sociālās situācijas uzlabošana vietējā līmenī"
    }
    # the report gives no counts; the sample's: the most Roma and NGO workers in Ventspils
    assert [int(r["participants_roma_community"]) for r in rows] == [6, 5, 4, 9]
    assert [int(r["participants_ngo"]) for r in rows] == [0, 2, 3, 6]


def test_some_2021_workshops_are_after_the_reform_with_2021_codes(km_sample):
    # (that every code follows the vintage in force is checked for every source: test_sample.py)
    new = set(reference_codes("atvk_2021"))
    assert any(r["municipality_atvk"] in new for r in _by_kind(km_sample, "SEM")["2021"])


def test_volumes_are_plausible(km_sample):
    workshops = _by_kind(km_sample, "SEM")
    assert [len(workshops[str(y)]) for y in range(2017, 2023)] == [4, 4, 3, 2, 3, 4]
    mediators = _by_kind(km_sample, "MED")
    totals = [sum(int(r["mediators"]) for r in mediators[str(y)]) for y in range(2017, 2023)]
    assert 5 <= totals[0] < totals[-1] <= 40
    assert {r["funded_by"] for rows in mediators.values() for r in rows} == {
        "pašvaldība",
        "projekts",
        "cits",
    }


def test_recommendations_progress_over_time(km_sample):
    changes = [r for rows in _by_kind(km_sample, "IET").values() for r in rows]
    assert {r["recommendation_code"] for r in changes} == set(RECOMMENDATION_CODES)
    assert {r["status"] for r in changes} <= set(RECOMMENDATION_STATUSES)
    national = [r for r in changes if r["recommendation_code"].startswith("N")]
    assert all(r["municipality_atvk"] == "" for r in national)
    assert all(n >= 2 for n in Counter(r["recommendation_code"] for r in national).values())
    municipal = [r for r in changes if r["recommendation_code"].startswith("M")]
    assert all(r["municipality_atvk"] for r in municipal)
    tracked_2017 = {r["municipality_atvk"] for r in municipal if r["status_date"].endswith("2017")}
    assert len(tracked_2017) == 19  # 15 expert-network municipalities + 4 workshop ones
    # statuses advance: more "istenots" changes in later years than in 2017
    done = Counter(r["status_date"][6:] for r in changes if r["status"] == "istenots")
    assert done["2017"] < done["2021"] + done["2022"]
    # after the reform, Valmiera and Rūjiena are one municipality
    merged = {r["municipality_atvk"] for r in municipal if r["status_date"].endswith("2022")}
    assert "0961600" not in merged and not merged & set(atvk_crosswalk())


def _write(path, contract, rows):
    from roma_monitor.sample.common import write_extract

    return write_extract(path, contract, rows)


def _failed_rules(path):
    report = validate_source_file(path, "km")
    return {f.rule for f in report.failures}


def test_the_gate_rejects_old_codes_after_the_reform_and_dates_outside_the_year(tmp_path):
    from roma_monitor.contracts.km import KM_RECOMMENDATION_STATUS, KM_WORKSHOPS

    status = _write(
        tmp_path / "KM_PLATF_IET_2021.csv",
        KM_RECOMMENDATION_STATUS,
        [
            ["15.09.2021", "M01", "0250000", "uzsakts", ""],  # Valmiera's old code after 1.07.2021
            ["15.03.2021", "N01", "", "planots", ""],
            ["15.03.2021", "N01", "", "uzsakts", ""],  # the same national change twice
        ],
    )
    rules = _failed_rules(status)
    assert "municipality_atvk.vintage_atvk_2021" in rules
    assert "unique_key" in rules
    workshop = _write(
        tmp_path / "KM_PLATF_SEM_2018.csv",
        KM_WORKSHOPS,
        [
            ["16.05.2017", "2018-01", "Ventspils", "KURZEME", "0270000", "0270000|0007000"]
            + ["1", "1", "1", "1", "1", "1", "Tēma"]
        ],
    )
    rules = _failed_rules(workshop)
    assert "workshop_date.matches_file_name" in rules
    assert "municipalities_represented.vintage_atvk_2009" in rules  # 0007000 is a 2021 code
