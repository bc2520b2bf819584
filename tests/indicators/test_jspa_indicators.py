"""JSPA 8.3.3 "PROTI un DARI!" indicators on the hand-made fixture
(tests/indicators/fixture_jspa.py): every expected value below is counted by hand from the
fixture's docstring tables."""

import pytest

from tests.indicators.conftest import value_of
from tests.indicators.fixture_jspa import key

UNITS = "intermediate.int_jspa__indicator_units"
MART = "marts.fct_jspa_noncompliant_programmes"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2021-01-01", 1),  # C
        ("2021-02-01", 2),  # + D
        ("2021-03-01", 2),
        ("2021-04-01", 3),  # + A
        ("2021-05-01", 5),  # + B + H
        ("2021-06-01", 5),  # G was removed by the correction
        ("2021-07-01", 6),  # + F
        ("2021-08-01", 6),
        ("2021-09-01", 7),  # + E
        ("2021-12-01", 7),  # F's second programme does not count again
    ],
)
def test_participants_are_counted_once_at_entry(warehouse_query, period, expected):
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", period) == expected


def test_a_youth_with_two_programmes_is_one_participant_and_one_leaver(warehouse_query):
    rows = warehouse_query(
        f"select indicator_code, count(*) from {UNITS} where unit_key = ? "
        "group by indicator_code order by indicator_code",
        [key("F")],
    )
    assert rows == [("JSPA_833_LEAVERS", 1), ("JSPA_833_PARTICIPANTS", 1)]
    # ... but the first programme is an ended programme (the second continues)
    rows = warehouse_query(
        f"select count(*) from {UNITS} where indicator_code = 'JSPA_833_PROGRAMMES_ENDED' "
        "and unit_key like ?",
        [key("F") + "|%"],
    )
    assert rows == [(1,)]


def test_a_youth_who_moves_counts_in_the_municipality_of_entry(warehouse_query):
    # B entered in Rīga (old code 0010000) and moved to Jelgava (0090000, then 0003000)
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2021-12-01", "0001000") == 1
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2021-12-01", "0003000") == 1  # H
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2021-12-01", "RIGA") == 1
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2021-12-01", "ZEMGALE") == 1
    # B's exit and programme are attributed to Rīga too
    assert value_of(warehouse_query, "JSPA_833_LEAVERS", "2021-09-01", "RIGA") == 1
    assert value_of(warehouse_query, "JSPA_833_PROGRAMMES_ENDED", "2021-09-01", "0001000") == 1
    # Jelgava: only H's programme (ended 06), not B's
    assert value_of(warehouse_query, "JSPA_833_PROGRAMMES_ENDED", "2021-09-01", "0003000") == 1


def test_old_and_new_atvk_codes_map_to_2021_municipalities(warehouse_query):
    at = "2021-12-01"
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "0002000") == 2  # A old, F new
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "0005000") == 1  # C 0170000
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "0007000") == 1  # D 0270000
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "0054000") == 1  # E
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "LATGALE") == 2
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "KURZEME") == 2
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", at, "VIDZEME") == 1


def test_a_resent_quarter_supersedes_the_earlier_file(warehouse_query):
    # the first 2021 Q2 file had G, A leaving as employed and 15 mentor hours in D's April
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2021-06-01") == 5
    assert value_of(warehouse_query, "JSPA_833_IN_EDUCATION_ON_LEAVING", "2021-06-01") == 1
    assert value_of(warehouse_query, "JSPA_833_EMPLOYED_ON_LEAVING", "2021-06-01") == 0
    assert (
        value_of(warehouse_query, "JSPA_833_PROGRAMMES_MENTOR_HOURS_COMPLIANT", "2021-05-01") == 1
    )
    rows = warehouse_query(f"select count(*) from {UNITS} where unit_key like ?", [key("G") + "%"])
    assert rows == [(0,)]


def test_roma_are_self_declared_at_entry_and_withheld_when_nearly_all_roma(warehouse_query):
    # A D F declared Roma at entry; C declared it only from July: counted as not stated
    rows = warehouse_query(
        f"select ethnicity, count(*) from {UNITS} where indicator_code = 'JSPA_833_PARTICIPANTS' "
        "group by ethnicity order by ethnicity"
    )
    assert rows == [("not_stated", 2), ("other", 2), ("roma", 3)]
    args = (warehouse_query, "JSPA_833_PARTICIPANTS", "2021-12-01", "LV", "ethnicity", "roma")
    assert value_of(*args) is None
    assert value_of(*args, "is_suppressed") is True
    assert value_of(*args, "ethnicity_coverage") == pytest.approx(5 / 7)
    # Roma leavers (D A F): 3 in the units, suppressed when published
    rows = warehouse_query(
        f"select count(*) from {UNITS} where indicator_code = 'JSPA_833_LEAVERS' "
        "and ethnicity = 'roma'"
    )
    assert rows == [(3,)]
    assert (
        value_of(warehouse_query, "JSPA_833_LEAVERS", "2021-12-01", "LV", "ethnicity", "roma")
        is None
    )


@pytest.mark.parametrize(
    ("breakdown", "value", "expected"),
    [
        ("sex", "male", 4),  # A C E F
        ("sex", "female", 3),  # B D H
        ("age_band", "under_25", 4),  # A C D F
        ("age_band", "25_54", 3),  # B E H
        ("education_level", "isced_0_2", 3),  # A D F
        ("education_level", "isced_3_4", 2),  # B H
        ("education_level", "isced_5_8", 1),  # E
        ("education_level", "unknown", 1),  # C
    ],
)
def test_participant_breakdowns_at_entry(warehouse_query, breakdown, value, expected):
    assert (
        value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2021-12-01", "LV", breakdown, value)
        == expected
    )


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        ("JSPA_833_LEAVERS", "2021-04-01", 0),
        ("JSPA_833_LEAVERS", "2021-05-01", 1),  # D
        ("JSPA_833_LEAVERS", "2021-06-01", 3),  # + A + H
        ("JSPA_833_LEAVERS", "2021-07-01", 4),  # + F
        ("JSPA_833_LEAVERS", "2021-09-01", 5),  # + B
        ("JSPA_833_LEAVERS", "2021-10-01", 6),  # + C
        ("JSPA_833_LEAVERS", "2021-12-01", 6),  # E and F's second programme continue
        ("JSPA_833_IN_EDUCATION_ON_LEAVING", "2021-12-01", 1),  # A
        ("JSPA_833_EMPLOYED_ON_LEAVING", "2021-09-01", 1),  # B
        ("JSPA_833_JOB_SEARCHING_ON_LEAVING", "2021-06-01", 1),  # H
        ("JSPA_833_JOB_SEARCHING_ON_LEAVING", "2021-10-01", 2),  # + C
    ],
)
def test_leavers_are_counted_once_at_the_first_exit(warehouse_query, code, period, expected):
    assert value_of(warehouse_query, code, period) == expected


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("ngo_youth_centre", 1),  # D: a category of the leavers, not "in education"
        ("in_education", 1),  # A
        ("job_searching", 2),  # H C
        ("inactive", 1),  # F
        ("employed", 1),  # B
    ],
)
def test_leavers_by_outcome_on_leaving(warehouse_query, category, expected):
    assert (
        value_of(warehouse_query, "JSPA_833_LEAVERS", "2021-12-01", "LV", "category", category)
        == expected
    )


def test_results_on_leaving_are_shares_of_leavers(warehouse_query):
    at = "2021-12-01"
    assert value_of(warehouse_query, "JSPA_833_EMPLOYED_ON_LEAVING", at, column="denominator") == 6
    assert value_of(
        warehouse_query, "JSPA_833_EMPLOYED_ON_LEAVING", at, column="share"
    ) == pytest.approx(1 / 6)
    assert value_of(
        warehouse_query, "JSPA_833_IN_EDUCATION_ON_LEAVING", at, column="share"
    ) == pytest.approx(1 / 6)
    assert value_of(
        warehouse_query, "JSPA_833_JOB_SEARCHING_ON_LEAVING", at, column="share"
    ) == pytest.approx(2 / 6)


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        ("JSPA_833_LEAVERS_6M", "2021-10-01", 0),
        ("JSPA_833_LEAVERS_6M", "2021-11-01", 1),  # D (exit 05)
        ("JSPA_833_LEAVERS_6M", "2021-12-01", 3),  # + A + H (exit 06)
        ("JSPA_833_EMPLOYED_6M", "2021-11-01", 1),  # D
        ("JSPA_833_IN_EDUCATION_6M", "2021-11-01", 0),
        ("JSPA_833_IN_EDUCATION_6M", "2021-12-01", 1),  # A
        ("JSPA_833_JOB_SEARCHING_6M", "2021-12-01", 0),  # H has no follow-up: unknown
    ],
)
def test_six_month_results_count_six_months_after_the_exit_month(
    warehouse_query, code, period, expected
):
    assert value_of(warehouse_query, code, period) == expected


def test_a_missing_follow_up_is_unknown(warehouse_query):
    for category, expected in (("employed", 1), ("in_education", 1), ("unknown", 1)):
        assert (
            value_of(
                warehouse_query, "JSPA_833_LEAVERS_6M", "2021-12-01", "LV", "category", category
            )
            == expected
        )
    assert value_of(
        warehouse_query, "JSPA_833_EMPLOYED_6M", "2021-12-01", column="share"
    ) == pytest.approx(1 / 3)


def test_the_series_ends_with_the_months_the_data_cover(warehouse_query):
    # the data reach 2021-12: the six-month results of F (07), B (09) and C (10) are not due
    assert value_of(warehouse_query, "JSPA_833_PARTICIPANTS", "2022-01-01") is None
    assert value_of(warehouse_query, "JSPA_833_LEAVERS_6M", "2022-01-01") is None
    rows = warehouse_query(
        f"select count(*) from {UNITS} where unit_key in (?, ?, ?) and indicator_code like '%6M'",
        [key("B"), key("C"), key("F")],
    )
    assert rows == [(0,)]


@pytest.mark.parametrize(
    ("code", "expected_by_month"),
    [
        # months:                           05 06 07 09 10
        ("JSPA_833_PROGRAMMES_ENDED", [1, 3, 4, 5, 6]),  # D; A H; F1; B; C
        ("JSPA_833_PROGRAMMES_COMPLIANT", [0, 2, 2, 2, 2]),  # A H
        ("JSPA_833_PROGRAMMES_LENGTH_COMPLIANT", [1, 3, 3, 4, 4]),  # not F1 (19 days), not C
        ("JSPA_833_PROGRAMMES_MENTOR_HOURS_COMPLIANT", [1, 3, 4, 4, 5]),  # not B (July 15 h)
        ("JSPA_833_PROGRAMMES_ALL_COMPONENTS", [0, 2, 2, 3, 4]),  # not D (no DT), not F1
    ],
)
def test_process_compliance_of_ended_programmes(warehouse_query, code, expected_by_month):
    months = ["2021-05-01", "2021-06-01", "2021-07-01", "2021-09-01", "2021-10-01"]
    assert [value_of(warehouse_query, code, month) for month in months] == expected_by_month


def test_compliance_shares_and_status_categories(warehouse_query):
    at = "2021-12-01"
    assert value_of(warehouse_query, "JSPA_833_PROGRAMMES_COMPLIANT", at, column="share") == (
        pytest.approx(2 / 6)
    )
    for code, status, expected in (
        ("JSPA_833_PROGRAMMES_ENDED", "completed", 4),  # A B C D
        ("JSPA_833_PROGRAMMES_ENDED", "discontinued", 2),  # F1 H
        ("JSPA_833_PROGRAMMES_COMPLIANT", "completed", 1),  # A
        ("JSPA_833_PROGRAMMES_COMPLIANT", "discontinued", 1),  # H: exactly one month
    ):
        assert value_of(warehouse_query, code, at, "LV", "category", status) == expected


def test_noncompliant_programmes_mart(warehouse_query):
    rows = warehouse_query(
        f"select participant_key, municipality_atvk_2021, planning_region_code, "
        "strftime(programme_start, '%d.%m.%Y'), strftime(programme_end, '%d.%m.%Y'), "
        "length_months, length_days, months_below_20_hours, missing_components, failed_rules, "
        f"source_file from {MART} order by programme_end"
    )
    assert rows == [
        (
            key("D"),
            "0007000",
            "KURZEME",
            "03.02.2021",
            "02.05.2021",
            3,
            89,
            0,
            ["work_ethic"],
            ["components_missing"],
            "JSPA_833_DAL_2021Q2.csv",
        ),
        (
            key("F"),
            "0002000",
            "LATGALE",
            "12.07.2021",
            "30.07.2021",
            0,
            19,
            0,
            ["social_inclusion", "work_ethic", "lifelong_learning"],
            ["length_under_1_month", "components_missing"],
            "JSPA_833_DAL_2021Q3.csv",
        ),
        (
            key("B"),
            "0001000",
            "RIGA",
            "10.05.2021",
            "09.09.2021",
            4,
            123,
            1,
            [],
            ["mentor_hours_below_20"],
            "JSPA_833_DAL_2021Q3.csv",
        ),
        (
            key("C"),
            "0005000",
            "KURZEME",
            "11.01.2021",
            "25.10.2021",
            9,
            288,
            0,
            [],
            ["length_over_9_months"],
            "JSPA_833_DAL_2021Q4.csv",
        ),
    ]
