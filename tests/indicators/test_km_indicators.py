"""KM (Roma Platform) indicators on the hand-made fixture (tests/indicators/fixture_km.py): every
expected value below is counted by hand from the fixture's docstring."""

import pytest

from tests.indicators.conftest import value_of

UNITS = "intermediate.int_km__indicator_units"
HISTORY = "marts.fct_recommendation_status_history"


@pytest.fixture
def km_values(warehouse_query):
    """warehouse_query, for tests of published values (marts.fct_indicator_values)."""
    return warehouse_query


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-02-01", 1),  # Valmiera
        ("2017-03-01", 2),  # + Jelgava
        ("2017-04-01", 3),  # + Daugavpils
        ("2017-05-01", 4),  # + Ventspils
        ("2017-12-01", 4),  # the Rīga row of the first file was removed by the correction
        ("2021-03-01", 4),
        ("2021-04-01", 5),  # + Tukums (pre-reform codes)
        ("2021-09-01", 6),  # + Valmiera (2021 codes)
        ("2021-12-01", 6),
    ],
)
def test_workshops_are_counted_once_in_their_month(km_values, period, expected):
    assert value_of(km_values, "KM_WORKSHOPS", period) == expected


def test_the_2017_workshops_are_one_per_region_outside_riga(km_values):
    for region in ("VIDZEME", "ZEMGALE", "LATGALE", "KURZEME"):
        assert value_of(km_values, "KM_WORKSHOPS", "2017-12-01", region) == 1
    assert value_of(km_values, "KM_WORKSHOPS", "2017-12-01", "RIGA") == 0


def test_workshops_count_at_the_venue_in_2021_geography(km_values):
    # Tukums (delivered region RIGA, 2009 code) is in Kurzeme in the 2021 regions
    assert value_of(km_values, "KM_WORKSHOPS", "2021-12-01", "KURZEME") == 2
    assert value_of(km_values, "KM_WORKSHOPS", "2021-12-01", "RIGA") == 0
    assert value_of(km_values, "KM_WORKSHOPS", "2021-12-01", "0052000") == 1
    # Valmiera 2017 (old code 0250000) and 2021 (new code 0054000) are one municipality
    assert value_of(km_values, "KM_WORKSHOPS", "2021-12-01", "0054000") == 2
    assert value_of(km_values, "KM_WORKSHOPS", "2021-12-01", "VIDZEME") == 2


def test_participants_by_type(km_values):
    assert value_of(km_values, "KM_WORKSHOP_PARTICIPANTS", "2017-12-01") == 84
    expected = {
        "municipality": 11,
        "social_service": 19,
        "nva": 4,
        "education": 15,
        "roma_community": 24,
        "ngo": 11,  # 10 with the superseded file
    }
    for participant_type, value in expected.items():
        assert (
            value_of(
                km_values,
                "KM_WORKSHOP_PARTICIPANTS",
                "2017-12-01",
                "LV",
                "category",
                participant_type,
            )
            == value
        )
    assert value_of(km_values, "KM_WORKSHOP_PARTICIPANTS", "2021-12-01") == 107
    assert value_of(km_values, "KM_WORKSHOP_PARTICIPANTS", "2021-12-01", "VIDZEME") == 28


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-02-01", 1),  # Valmiera and Rūjiena are both Valmieras novads
        ("2017-03-01", 5),
        ("2017-04-01", 10),
        ("2017-05-01", 12),  # Ventspils, Talsu novads (Sabile is in it)
        ("2021-04-01", 12),  # Tukums and Engures: Tukuma novads, counted since 2017-03
        ("2021-09-01", 13),  # + Cēsu novads
    ],
)
def test_municipalities_represented_count_once_at_first_representation(km_values, period, expected):
    assert value_of(km_values, "KM_WORKSHOP_MUNICIPALITIES", period) == expected


def test_a_represented_municipality_is_attributed_to_itself(km_values):
    assert value_of(km_values, "KM_WORKSHOP_MUNICIPALITIES", "2017-02-01", "0054000") == 1
    assert value_of(km_values, "KM_WORKSHOP_MUNICIPALITIES", "2021-12-01", "0054000") == 1
    assert value_of(km_values, "KM_WORKSHOP_MUNICIPALITIES", "2021-12-01", "RIGA") == 1
    # Rīga was only in the row the correction removed
    assert value_of(km_values, "KM_WORKSHOP_MUNICIPALITIES", "2021-12-01", "0001000") == 0


@pytest.mark.parametrize(
    ("period", "geo", "expected"),
    [
        ("2017-11-01", "LV", None),  # the series starts with the first year end (2017-12)
        ("2017-12-01", "LV", 5),
        ("2018-06-01", "LV", 5),  # the year-end stock holds until the next year end
        ("2020-12-01", "LV", 5),
        ("2021-12-01", "LV", 6),
        ("2017-12-01", "0054000", 2),  # Valmiera + Rūjiena (old codes)
        ("2021-12-01", "0054000", 2),
        ("2017-12-01", "0003000", 1),
        ("2021-12-01", "0003000", 1),  # a row with 0 mediators adds nothing
        ("2021-12-01", "LATGALE", 3),
    ],
)
def test_mediators_are_a_year_end_stock(km_values, period, geo, expected):
    assert value_of(km_values, "KM_MEDIATORS", period, geo) == expected


def test_mediators_by_funding_source(km_values):
    def by_funder(funder):
        return value_of(km_values, "KM_MEDIATORS", "2021-12-01", "LV", "category", funder)

    assert by_funder("municipality") == 5
    assert by_funder("project") == 1


@pytest.mark.parametrize(
    ("period", "tracked", "addressed"),
    [
        ("2017-08-01", 0, 0),
        ("2017-09-01", 3, 2),  # N01, N03, M01:0054000 (M04 not applicable)
        ("2017-10-01", 5, 2),  # + M01 and M09 in Daugavpils
        ("2019-03-01", 5, 3),  # M01 Daugavpils in progress
        ("2019-11-01", 4, 3),  # M09 Daugavpils no longer applicable
        ("2021-08-01", 4, 3),  # the superseded file's N01 "istenots" does not count
        ("2021-12-01", 4, 3),
    ],
)
def test_recommendations_tracked_and_addressed_at_month_end(km_values, period, tracked, addressed):
    assert value_of(km_values, "KM_RECOMMENDATIONS_TRACKED", period) == tracked
    assert value_of(km_values, "KM_RECOMMENDATIONS_ADDRESSED", period) == addressed
    assert (
        value_of(km_values, "KM_RECOMMENDATIONS_ADDRESSED", period, column="denominator") == tracked
    )


def test_share_addressed_nationally_and_by_municipality(km_values):
    share = "share"
    assert value_of(km_values, "KM_RECOMMENDATIONS_ADDRESSED", "2021-12-01", column=share) == 0.75
    daugavpils = ("0002000",)
    assert value_of(km_values, "KM_RECOMMENDATIONS_TRACKED", "2017-10-01", *daugavpils) == 2
    assert (
        value_of(km_values, "KM_RECOMMENDATIONS_ADDRESSED", "2017-10-01", *daugavpils, column=share)
        == 0
    )
    assert (
        value_of(km_values, "KM_RECOMMENDATIONS_ADDRESSED", "2021-12-01", *daugavpils, column=share)
        == 1
    )
    for region in ("LATGALE", "VIDZEME"):
        assert value_of(km_values, "KM_RECOMMENDATIONS_TRACKED", "2021-12-01", region) == 1
        assert value_of(km_values, "KM_RECOMMENDATIONS_ADDRESSED", "2021-12-01", region) == 1


def test_national_recommendations_count_for_the_country_only(km_values):
    rows = km_values(
        f"select unit_key, atvk_2021, planning_region_code from {UNITS} "
        "where indicator_code = 'KM_RECOMMENDATIONS_TRACKED' and period = '2021-12-01' "
        "order by unit_key"
    )
    assert rows == [
        ("M01:0002000", "0002000", "LATGALE"),
        ("M01:0054000", "0054000", "VIDZEME"),
        ("N01", None, None),
        ("N03", None, None),
    ]
    tracked_n01 = ("KM_RECOMMENDATIONS_TRACKED", "2021-12-01", "LV", "category", "N01")
    assert value_of(km_values, *tracked_n01) == 1
    # N01 was never addressed: fct_indicator_values has no category cell for it
    addressed_n01 = ("KM_RECOMMENDATIONS_ADDRESSED", "2021-12-01", "LV", "category", "N01")
    assert value_of(km_values, *addressed_n01) is None
    addressed_m01 = ("KM_RECOMMENDATIONS_ADDRESSED", "2021-12-01", "LV", "category", "M01")
    assert value_of(km_values, *addressed_m01) == 2
    assert value_of(km_values, *addressed_m01, column="denominator") == 2


def test_merged_municipalities_form_one_status_history(warehouse_query):
    rows = warehouse_query(
        f"select status, municipality_atvk_delivered, cast(status_date as varchar), "
        f"cast(valid_to as varchar), is_current from {HISTORY} "
        "where recommendation_code = 'M01' and municipality_atvk_2021 = '0054000' "
        "order by change_number"
    )
    assert rows == [
        ("planots", "0961600", "2017-09-15", "2017-09-15", False),
        ("uzsakts", "0250000", "2017-09-15", "2021-08-12", False),
        ("istenots", "0054000", "2021-08-12", None, True),
    ]


def test_history_has_the_recommendation_text_and_status_names(warehouse_query):
    rows = warehouse_query(
        f"select level, status_name_lv, status_name_en, municipality_name_lv, text_lv like "
        f"'Diskrimināciju pret romiem%' from {HISTORY} "
        "where recommendation_code = 'N03' and is_current"
    )
    assert rows == [("national", "Īstenots", "Implemented", None, True)]
    # the first 2021 file's N01 change is gone: N01 is still "planots"
    rows = warehouse_query(
        f"select status from {HISTORY} where recommendation_code = 'N01' and is_current"
    )
    assert rows == [("planots",)]


def test_fct_workshops_has_one_row_per_workshop(warehouse_query):
    rows = warehouse_query(
        "select workshop_id, venue_atvk_2021, planning_region_code, participants_ngo, "
        "participants_total, municipalities_represented_count, "
        "municipalities_represented_2021_count from marts.fct_workshops order by workshop_date"
    )
    assert rows == [
        ("2017-01", "0054000", "VIDZEME", 0, 18, 2, 1),
        ("2017-02", "0003000", "ZEMGALE", 2, 19, 4, 4),
        ("2017-03", "0002000", "LATGALE", 3, 20, 5, 5),
        ("2017-04", "0007000", "KURZEME", 6, 27, 2, 2),
        ("2021-01", "0052000", "KURZEME", 1, 13, 2, 1),
        ("2021-02", "0054000", "VIDZEME", 0, 10, 2, 2),
    ]


def test_units_are_not_persons(warehouse_query):
    rows = warehouse_query(
        f"select count(*) from {UNITS} where sex is not null or age_band is not null "
        "or education_level is not null or ethnicity is not null"
    )
    assert rows == [(0,)]


def test_counted_units_before_publication(warehouse_query):
    """The counted units themselves (checked even while KM values are not yet published)."""
    rows = warehouse_query(
        f"select planning_region_code, count(*) from {UNITS} where indicator_code = "
        "'KM_WORKSHOPS' and period < '2018-01-01' group by all order by 1"
    )
    assert rows == [("KURZEME", 1), ("LATGALE", 1), ("VIDZEME", 1), ("ZEMGALE", 1)]
    rows = warehouse_query(
        f"select indicator_code, sum(amount) from {UNITS} where period <= '2017-12-01' "
        "and indicator_code in ('KM_WORKSHOP_PARTICIPANTS', 'KM_WORKSHOP_MUNICIPALITIES') "
        "group by all order by 1"
    )
    assert rows == [("KM_WORKSHOP_MUNICIPALITIES", 12.0), ("KM_WORKSHOP_PARTICIPANTS", 84.0)]
    rows = warehouse_query(
        f"select indicator_code, count(*) from {UNITS} where period = '2021-08-01' "
        "and indicator_code like 'KM_RECOMMENDATIONS%' group by all order by 1"
    )
    assert rows == [("KM_RECOMMENDATIONS_ADDRESSED", 3), ("KM_RECOMMENDATIONS_TRACKED", 4)]
    rows = warehouse_query(
        f"select period, sum(amount) from {UNITS} where indicator_code = 'KM_MEDIATORS' "
        "group by all order by 1"
    )
    assert [(str(p), a) for p, a in rows] == [("2017-12-01", 5.0), ("2021-12-01", 6.0)]
