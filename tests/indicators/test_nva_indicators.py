"""NVA 7.4.1 indicators on the hand-made fixture (tests/indicators/fixture_nva.py): every expected
value below is counted by hand from the fixture's docstring table."""

import pytest

from tests.indicators.conftest import value_of
from tests.indicators.fixture_nva import key

UNITS = "intermediate.int_nva__indicator_units"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2021-03-01", 0),
        ("2021-04-01", 4),  # A B D E
        ("2021-05-01", 5),  # + C
        ("2021-06-01", 5),  # E's re-entry does not count; G was removed by the correction
        ("2021-07-01", 6),  # + H
        ("2021-08-01", 7),  # + F
        ("2021-09-01", 8),  # + I
        ("2021-12-01", 8),
    ],
)
def test_participants_are_counted_once_at_entry(warehouse_query, period, expected):
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", period) == expected


def test_a_person_who_moves_counts_in_the_municipality_of_entry(warehouse_query):
    # C entered in Rīga and moved to Daugavpils; B stayed in Daugavpils across the reform
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "0002000") == 4
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "0001000") == 1
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "LATGALE") == 4
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "RIGA") == 1
    # C's results are attributed to the municipality of entry too
    assert value_of(warehouse_query, "NVA_741_LEAVERS", "2021-07-01", "0001000") == 1
    assert value_of(warehouse_query, "NVA_741_LEAVERS", "2021-07-01", "RIGA") == 1
    assert value_of(warehouse_query, "NVA_741_LEAVERS", "2021-07-01", "LATGALE") == 1


def test_old_and_new_atvk_codes_map_to_2021_municipalities(warehouse_query):
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "0003000") == 1  # D
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "0005000") == 1  # E
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "0007000") == 1  # F
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "ZEMGALE") == 1
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "KURZEME") == 2


def test_a_resent_quarter_supersedes_the_earlier_file(warehouse_query):
    # the first 2021 Q2 file had G and A leaving as job searching; the correction has neither
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-06-01") == 5
    assert value_of(warehouse_query, "NVA_741_EMPLOYED_ON_LEAVING", "2021-06-01") == 1
    assert value_of(warehouse_query, "NVA_741_JOB_SEARCHING_ON_LEAVING", "2021-06-01") == 1
    rows = warehouse_query(f"select count(*) from {UNITS} where unit_key = ?", [key("G")])
    assert rows == [(0,)]


def test_roma_counts_are_self_declared_at_entry_and_withheld_when_nearly_all_roma(warehouse_query):
    # Roma at entry: A B (04), C (05), H (07), I (09); D stated Roma only after entry
    roma_2021_09 = ("NVA_741_PARTICIPANTS", "2021-09-01", "LV", "ethnicity", "roma")
    assert value_of(warehouse_query, *roma_2021_09, "unsuppressed_value") == 5
    # 5 Roma of 8 participants: the 3 others are fewer than the threshold, so publishing 5 would
    # say that nearly everyone counted is Roma (complement rule, docs/privacy.md)
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01") == 8
    assert value_of(warehouse_query, *roma_2021_09) is None
    assert value_of(warehouse_query, *roma_2021_09, "suppression_reason") == "complement"
    assert (
        value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-08-01", "LV", "ethnicity", "roma")
        is None
    )
    assert (
        value_of(
            warehouse_query,
            "NVA_741_PARTICIPANTS",
            "2021-08-01",
            "LV",
            "ethnicity",
            "roma",
            "is_suppressed",
        )
        is True
    )
    # Daugavpils: A B H I = 4 Roma, withheld in September 2021 (× in the public view)
    assert (
        value_of(
            warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "0002000", "ethnicity", "roma"
        )
        is None
    )
    # coverage: 7 of 8 participants stated an ethnicity at entry (D did not)
    coverage = value_of(
        warehouse_query,
        "NVA_741_PARTICIPANTS",
        "2021-09-01",
        "LV",
        "ethnicity",
        "roma",
        "ethnicity_coverage",
    )
    assert coverage == pytest.approx(0.875)
    # Roma leavers (A, C): 2 in the units, suppressed when published
    rows = warehouse_query(
        f"select ethnicity, count(*) from {UNITS} where indicator_code = 'NVA_741_LEAVERS' "
        "group by ethnicity order by ethnicity"
    )
    assert rows == [("not_stated", 1), ("other", 1), ("roma", 2)]
    assert (
        value_of(warehouse_query, "NVA_741_LEAVERS", "2021-09-01", "LV", "ethnicity", "roma")
        is None
    )


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        ("NVA_741_LEAVERS", "2021-04-01", 1),  # E
        ("NVA_741_LEAVERS", "2021-05-01", 2),  # + D
        ("NVA_741_LEAVERS", "2021-06-01", 3),  # + A
        ("NVA_741_LEAVERS", "2021-07-01", 4),  # + C
        ("NVA_741_LEAVERS", "2021-08-01", 4),  # E's second exit does not count
        ("NVA_741_EMPLOYED_ON_LEAVING", "2021-05-01", 0),
        ("NVA_741_EMPLOYED_ON_LEAVING", "2021-09-01", 1),  # A (not E's second exit)
        ("NVA_741_IN_EDUCATION_ON_LEAVING", "2021-05-01", 1),  # D
        ("NVA_741_JOB_SEARCHING_ON_LEAVING", "2021-04-01", 1),  # E
        ("NVA_741_JOB_SEARCHING_ON_LEAVING", "2021-07-01", 2),  # + C
    ],
)
def test_leavers_are_counted_once_at_the_first_exit(warehouse_query, code, period, expected):
    assert value_of(warehouse_query, code, period) == expected


def test_results_on_leaving_are_shares_of_leavers(warehouse_query):
    assert (
        value_of(warehouse_query, "NVA_741_EMPLOYED_ON_LEAVING", "2021-09-01", column="denominator")
        == 4
    )
    assert value_of(
        warehouse_query, "NVA_741_EMPLOYED_ON_LEAVING", "2021-09-01", column="share"
    ) == pytest.approx(0.25)
    assert value_of(
        warehouse_query, "NVA_741_JOB_SEARCHING_ON_LEAVING", "2021-09-01", column="share"
    ) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("code", "period", "expected"),
    [
        ("NVA_741_LEAVERS_6M", "2021-09-01", 0),
        ("NVA_741_LEAVERS_6M", "2021-10-01", 1),  # E (exit 04)
        ("NVA_741_LEAVERS_6M", "2021-11-01", 2),  # + D (exit 05, no follow-up)
        ("NVA_741_LEAVERS_6M", "2021-12-01", 3),  # + A (exit 06); C (exit 07) not yet due
        ("NVA_741_IN_EDUCATION_6M", "2021-10-01", 1),  # E
        ("NVA_741_EMPLOYED_6M", "2021-11-01", 0),
        ("NVA_741_EMPLOYED_6M", "2021-12-01", 1),  # A
        ("NVA_741_JOB_SEARCHING_6M", "2021-12-01", 0),
    ],
)
def test_six_month_results_count_six_months_after_the_exit_month(
    warehouse_query, code, period, expected
):
    assert value_of(warehouse_query, code, period) == expected


def test_six_month_results_are_shares_of_leavers_six_months_on(warehouse_query):
    # D has no follow-up: unknown, in the denominator only
    assert value_of(warehouse_query, "NVA_741_EMPLOYED_6M", "2021-12-01", column="denominator") == 3
    assert value_of(
        warehouse_query, "NVA_741_EMPLOYED_6M", "2021-12-01", column="share"
    ) == pytest.approx(1 / 3)
    assert value_of(
        warehouse_query, "NVA_741_IN_EDUCATION_6M", "2021-11-01", column="share"
    ) == pytest.approx(0.5)


def test_the_series_ends_with_the_months_the_data_cover(warehouse_query):
    # the last follow-up quarter is 2021 Q4: C's six-month result (due 2022-01) is not counted
    assert value_of(warehouse_query, "NVA_741_LEAVERS_6M", "2021-12-01") == 3
    assert value_of(warehouse_query, "NVA_741_LEAVERS_6M", "2022-01-01") is None
    assert value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2022-01-01") is None
    rows = warehouse_query(
        f"select count(*) from {UNITS} where unit_key = ? and indicator_code like '%6M'", [key("C")]
    )
    assert rows == [(0,)]


@pytest.mark.parametrize(
    ("breakdown", "value", "expected"),
    [
        ("sex", "male", 4),  # A C E I
        ("sex", "female", 4),  # B D F H
        ("age_band", "under_25", 2),  # B F
        ("age_band", "25_54", 5),  # A C E H I
        ("age_band", "55_plus", 1),  # D
        ("education_level", "isced_0_2", 4),  # A B C I
        ("education_level", "isced_3_4", 2),  # D E
        ("education_level", "isced_5_8", 1),  # F
        ("education_level", "unknown", 1),  # H
        ("category", "ilgstošs", 4),  # A D F H
        ("category", "atteicies", 2),  # C I
        ("category", "atkarība", 1),  # B
        ("category", "iesp_atkarība", 1),  # E
    ],
)
def test_participant_breakdowns_use_the_entry_record(warehouse_query, breakdown, value, expected):
    assert (
        value_of(warehouse_query, "NVA_741_PARTICIPANTS", "2021-09-01", "LV", breakdown, value)
        == expected
    )


def test_result_breakdowns_use_the_entry_attributes(warehouse_query):
    # leavers E D A C: target groups at entry iesp_atkarība, ilgstošs, ilgstošs, atteicies
    assert (
        value_of(warehouse_query, "NVA_741_LEAVERS", "2021-09-01", "LV", "category", "ilgstošs")
        == 2
    )
    assert value_of(warehouse_query, "NVA_741_LEAVERS", "2021-09-01", "LV", "sex", "male") == 3
    assert value_of(
        warehouse_query, "NVA_741_EMPLOYED_ON_LEAVING", "2021-09-01", "LV", "sex", "male", "share"
    ) == pytest.approx(1 / 3)
