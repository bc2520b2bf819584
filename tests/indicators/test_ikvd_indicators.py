"""IKVD 8.3.4 (PuMPuRS) indicators on the hand-made fixture (tests/indicators/fixture_ikvd.py):
every expected value below is counted by hand from the fixture's docstring tables."""

import pytest

from tests.indicators.conftest import value_of
from tests.indicators.fixture_ikvd import key

UNITS = "intermediate.int_ikvd__indicator_units"
PUPILS = "IKVD_834_PUPILS"
INSTITUTIONS = "IKVD_834_INSTITUTIONS"
MUNICIPALITIES_2009 = "IKVD_834_MUNICIPALITIES_2009"
MUNICIPALITIES_2021 = "IKVD_834_MUNICIPALITIES_2021"
NGO_PROJECTS = "IKVD_834_NGO_PROJECTS"
SPENDING_TOTAL = "IKVD_834_SPENDING_TOTAL_EUR"
SPENDING_ESF = "IKVD_834_SPENDING_ESF_EUR"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-03-01", 0),  # the measure start: the series begins here, before any pupil
        ("2017-09-01", 0),
        ("2017-10-01", 1),  # K1
        ("2017-11-01", 2),  # + K2
        ("2017-12-01", 3),  # + K3
        ("2018-01-01", 3),  # K2 and K3 continue: counted once
        ("2018-02-01", 3),  # K4 was in the first 2018 Q1 file only
        ("2018-03-01", 4),  # + K5 (corrected file)
        ("2021-09-01", 5),  # + K6; K1's new plan does not count again
        ("2021-10-01", 5),
        ("2021-11-01", 6),  # + K7
        ("2021-12-01", 7),  # + K8
    ],
)
def test_pupils_are_counted_once_at_entry(warehouse_query, period, expected):
    assert value_of(warehouse_query, PUPILS, period) == expected


def test_a_pupil_who_changes_school_counts_in_the_municipality_of_entry(warehouse_query):
    # K2 entered at a Rēzeknes novads school (0780200 -> 0043000) and moved to Daugavpils;
    # K3 (old code 0050000) and K6 (new code 0002000) both count in Daugavpils 0002000
    assert value_of(warehouse_query, PUPILS, "2021-12-01", "0043000") == 2  # K2 K5
    assert value_of(warehouse_query, PUPILS, "2021-12-01", "0002000") == 3  # K1 K3 K6
    assert value_of(warehouse_query, PUPILS, "2021-12-01", "0022000") == 2  # K7 K8
    assert value_of(warehouse_query, PUPILS, "2021-12-01", "LATGALE") == 7
    assert value_of(warehouse_query, PUPILS, "2018-01-01", "0043000") == 1  # K2, after moving


def test_a_resent_pupil_quarter_supersedes_the_earlier_file(warehouse_query):
    assert value_of(warehouse_query, PUPILS, "2018-02-01") == 3
    removed = warehouse_query(f"select count(*) from {UNITS} where unit_key = ?", [key("K4")])
    assert removed == [(0,)]
    added = warehouse_query(f"select period from {UNITS} where unit_key = ?", [key("K5")])
    assert [str(row[0]) for row in added] == ["2018-03-01"]


def test_roma_pupils_are_self_declared_at_entry_and_withheld_when_nearly_all_roma(warehouse_query):
    # Roma at entry: K1 K2 (2017), K5 (2018-03), K6 (2021-09), K8 (2021-12)
    roma = ("LV", "ethnicity", "roma")
    assert value_of(warehouse_query, PUPILS, "2021-12-01", *roma, "unsuppressed_value") == 5
    # 5 Roma of 7 pupils: only 2 others, so 5 is withheld too (complement rule, docs/privacy.md)
    assert value_of(warehouse_query, PUPILS, "2021-12-01") == 7
    assert value_of(warehouse_query, PUPILS, "2021-12-01", *roma) is None
    assert value_of(warehouse_query, PUPILS, "2021-12-01", *roma, "suppression_reason") == (
        "complement"
    )
    assert value_of(warehouse_query, PUPILS, "2021-09-01", *roma) is None
    assert value_of(warehouse_query, PUPILS, "2021-09-01", *roma, "is_suppressed") is True
    assert value_of(warehouse_query, PUPILS, "2018-03-01", *roma) is None
    unsuppressed = warehouse_query(
        f"select count(*) from {UNITS} where indicator_code = ? and ethnicity = 'roma' "
        "and period <= date '2021-09-01'",
        [PUPILS],
    )
    assert unsuppressed == [(4,)]
    # Daugavpils: K1 K6 = 2, published as suppressed
    assert value_of(warehouse_query, PUPILS, "2021-12-01", "0002000", "ethnicity", "roma") is None


def test_ethnicity_coverage_counts_pupils_without_stated_ethnicity(warehouse_query):
    # K3 did not state an ethnicity: 6 of 7 stated at 2021-12, 3 of 4 at 2018-03
    coverage = value_of(warehouse_query, PUPILS, "2021-12-01", column="ethnicity_coverage")
    assert coverage == pytest.approx(6 / 7)
    coverage = value_of(warehouse_query, PUPILS, "2018-03-01", column="ethnicity_coverage")
    assert coverage == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("breakdown", "breakdown_value", "expected"),
    [
        ("sex", "male", 4),  # K1 K3 K5 K7
        ("sex", "female", 3),  # K2 K6 K8
        ("age_band", "under_25", 7),
        ("education_level", "isced_0_2", 6),  # grades 5-9
        ("education_level", "isced_3_4", 1),  # K7, vocational year 1
        ("category", "EDI", 5),  # K1 K2 K5 K6 K7
        ("category", "APG", 3),  # K2 K6 K8
        ("category", "SPED", 3),  # K1 K5 K8
        ("category", "LOG", 2),  # K2 K8
        ("category", "TRA", 1),  # K3
        ("category", "NAK", 1),  # K7
        ("category", "PED", None),  # K3's teacher came after the entry month: no cell
    ],
)
def test_pupil_breakdowns_use_the_entry_month(
    warehouse_query, breakdown, breakdown_value, expected
):
    assert (
        value_of(warehouse_query, PUPILS, "2021-12-01", "LV", breakdown, breakdown_value)
        == expected
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-05-01", 0),
        ("2017-06-01", 1),  # IZM-1001
        ("2017-09-01", 2),  # + IZM-1002
        ("2021-06-01", 2),  # IZM-1003 joined 28.06.2021 but was first listed in 2021 Q3
        ("2021-09-01", 3),
        ("2021-12-01", 4),  # + IZM-1004
    ],
)
def test_institutions_count_at_the_first_quarter_listed(warehouse_query, period, expected):
    assert value_of(warehouse_query, INSTITUTIONS, period) == expected


def test_institutions_by_municipality(warehouse_query):
    # IZM-1003 kept its 2009 code (joined before the reform): mapped to Daugavpils 0002000
    assert value_of(warehouse_query, INSTITUTIONS, "2021-12-01", "0002000") == 2
    assert value_of(warehouse_query, INSTITUTIONS, "2021-12-01", "0043000") == 1
    assert value_of(warehouse_query, INSTITUTIONS, "2021-12-01", "0022000") == 1
    assert value_of(warehouse_query, INSTITUTIONS, "2021-12-01", "LATGALE") == 4


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-03-01", 0),
        ("2017-06-01", 1),  # Daugavpils city
        ("2017-09-01", 2),  # + Rēzeknes novads
        ("2017-12-01", 3),  # + Viļānu novads (merged with Rēzeknes novads in 2021)
        ("2018-03-01", 4),  # + Ilūkstes novads
        ("2021-09-01", 4),  # Daugavpils re-signs as 0002000: still one old municipality
        ("2021-12-01", 5),  # + Daugavpils novads, covered by its successor Augšdaugava's agreement
    ],
)
def test_municipalities_are_counted_in_the_2009_vintage(warehouse_query, period, expected):
    assert value_of(warehouse_query, MUNICIPALITIES_2009, period) == expected


def test_merged_municipalities_count_per_old_unit_in_the_2009_vintage(warehouse_query):
    # two old units of Rēzeknes novads 0043000, each with its own agreement
    assert value_of(warehouse_query, MUNICIPALITIES_2009, "2017-12-01", "0043000") == 2
    # Augšdaugavas novads: Ilūkstes novads from 2018-03, Daugavpils novads from 2021-12
    assert value_of(warehouse_query, MUNICIPALITIES_2009, "2018-03-01", "0022000") == 1
    assert value_of(warehouse_query, MUNICIPALITIES_2009, "2021-12-01", "0022000") == 2
    # Daugavpils city: two agreements (before and after the reform), one municipality
    assert value_of(warehouse_query, MUNICIPALITIES_2009, "2021-12-01", "0002000") == 1
    assert value_of(warehouse_query, MUNICIPALITIES_2009, "2021-12-01", "LATGALE") == 5


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-06-01", 1),  # Daugavpils
        ("2017-09-01", 2),  # + Rēzeknes novads
        ("2017-12-01", 2),  # Viļānu novads lies in Rēzeknes novads: no new 2021 municipality
        ("2018-03-01", 3),  # + Augšdaugavas novads (through Ilūkstes novads)
        ("2021-12-01", 3),  # the re-signed and the new agreement add no 2021 municipality
    ],
)
def test_municipalities_are_counted_in_the_2021_vintage(warehouse_query, period, expected):
    assert value_of(warehouse_query, MUNICIPALITIES_2021, period) == expected


def test_each_2021_municipality_counts_once(warehouse_query):
    for code in ("0002000", "0043000", "0022000"):
        assert value_of(warehouse_query, MUNICIPALITIES_2021, "2021-12-01", code) == 1


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-09-01", 0),
        ("2017-12-01", 2),  # PMP-N-0001; PMP-N-0002 started in 2017 Q4, listed in 2018 Q1
        ("2018-03-01", 2),  # PMP-N-0009, listed only once, is not in the register
        ("2021-09-01", 3),  # + PMP-N-0003
    ],
)
def test_ngo_projects_count_at_the_quarter_they_started(warehouse_query, period, expected):
    assert value_of(warehouse_query, NGO_PROJECTS, period) == expected


def test_an_entity_missing_from_the_latest_snapshot_is_not_counted(warehouse_query):
    rows = warehouse_query(f"select count(*) from {UNITS} where unit_key = 'PMP-N-0009'")
    assert rows == [(0,)]


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        (SPENDING_TOTAL, "2017-09-01", 0),
        (SPENDING_TOTAL, "2017-12-01", 1200.00),
        (SPENDING_TOTAL, "2018-03-01", 4650.50),  # the corrected 2018 Q1 file
        (SPENDING_TOTAL, "2021-09-01", 4650.50),
        (SPENDING_TOTAL, "2021-12-01", 11950.50),
        (SPENDING_ESF, "2017-12-01", 1020.00),
        (SPENDING_ESF, "2018-03-01", 3952.93),
        (SPENDING_ESF, "2021-12-01", 10157.93),
    ],
)
def test_spending_sums_quarters_cumulatively(warehouse_query, code, period, expected):
    assert value_of(warehouse_query, code, period) == pytest.approx(expected)


def test_spending_by_cost_category(warehouse_query):
    category = ("LV", "category")
    assert value_of(
        warehouse_query, SPENDING_TOTAL, "2021-12-01", *category, "atbalsts_skoleniem"
    ) == pytest.approx(9200.50)
    assert value_of(
        warehouse_query, SPENDING_ESF, "2021-12-01", *category, "atbalsts_skoleniem"
    ) == pytest.approx(7820.43)
    assert value_of(
        warehouse_query, SPENDING_TOTAL, "2021-12-01", *category, "administresana"
    ) == pytest.approx(450.00)
    # nvo_projekti was only in the superseded 2018 Q1 file
    assert (
        value_of(warehouse_query, SPENDING_TOTAL, "2021-12-01", *category, "nvo_projekti") is None
    )


def test_spending_is_published_for_the_country_only(warehouse_query):
    rows = warehouse_query(
        "select distinct geo_level from marts.fct_indicator_values where indicator_code = ?",
        [SPENDING_TOTAL],
    )
    assert rows == [("country",)]


def test_the_ikvd_series_ends_at_its_latest_period(warehouse_query):
    rows = warehouse_query(
        "select min(period), max(period) from marts.fct_indicator_values "
        "where indicator_code = ? and geo_code = 'LV' and breakdown = 'total'",
        [PUPILS],
    )
    assert [(str(a), str(b)) for a, b in rows] == [("2017-03-01", "2021-12-01")]
