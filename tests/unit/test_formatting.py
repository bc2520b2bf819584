"""Latvian/English formats and the UI strings (roma_monitor.serve.formatting, .i18n)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from roma_monitor.serve import i18n
from roma_monitor.serve.formatting import (
    MISSING,
    NBSP,
    WITHHELD_MARK,
    Kind,
    format_as_of,
    format_cell,
    format_count,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
    format_target,
    is_missing,
    normalise_lang,
    normalise_spaces,
    to_date,
)
from roma_monitor.serve.i18n import (
    STRINGS,
    Rounding,
    roma_legends,
    rounded_legend,
    t,
    tn,
    withheld_legend,
    words,
)

ROOT = Path(__file__).resolve().parents[2]


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, f"1{NBSP}234,5"),
        (1234, 0, f"1{NBSP}234"),
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (999, 0, "999"),
        (0, 0, "0"),
        (-1234.25, 2, f"-1{NBSP}234,25"),
        (Decimal("3000.00"), 0, f"3{NBSP}000"),
        (2.5, 0, "3"),  # half away from zero, not banker's rounding
        (0.05, 1, "0,1"),
    ],
)
def test_latvian_numbers(value, decimals, expected) -> None:
    assert format_number(value, "lv", decimals) == expected


def test_english_numbers() -> None:
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_number(1234567, "en") == "1,234,567"


def test_numbers_use_only_the_no_break_space() -> None:
    numbers = [
        format_number(1234567.5, "lv", 1),
        format_percent(0.453, "lv"),
        format_target(3000, ">", "lv"),
    ]
    for text in numbers:
        assert NBSP in text, repr(text)
        assert not {"\u202f", "\u2009", "\u2007", " "} & set(text), repr(text)
    for text in (
        format_month(date(2022, 12, 1), "lv"),
        format_datetime(datetime(2022, 12, 1, 10, 3, tzinfo=UTC), "lv"),
    ):
        assert not {"\u202f", "\u2009", "\u2007"} & set(text), repr(text)
    assert normalise_spaces("1\u202f234 5\u20096") == f"1{NBSP}234 5{NBSP}6"


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_values(value) -> None:
    assert is_missing(value)
    assert format_number(value) == MISSING
    assert format_percent(value) == MISSING
    assert format_date(value) == MISSING
    assert format_month(value) == MISSING
    assert format_target(value, ">") == MISSING


def test_not_missing() -> None:
    assert not is_missing(0) and not is_missing("") and not is_missing(False)


# --- percentages, targets, suppressed counts -------------------------------------------------


def test_percentages() -> None:
    assert format_percent(0.453, "lv") == f"45,3{NBSP}%"
    assert format_percent(0.453, "en") == "45.3%"
    assert format_percent(1234 / 3000, "lv") == f"41,1{NBSP}%"
    assert format_percent(1, "lv", decimals=0) == f"100{NBSP}%"
    assert format_percent(0.00049, "lv") == f"0,0{NBSP}%"


def test_targets() -> None:
    assert format_target(3000, ">", "lv") == f">{NBSP}3{NBSP}000"
    assert format_target(Decimal("3000.00"), ">=", "en") == f"≥{NBSP}3,000"
    assert format_target(665, None, "lv") == "665"
    assert format_target(39.81, "=", "lv") == f"={NBSP}39,81"
    assert format_target(Decimal("33.840"), None, "en") == "33.84"


def test_withheld_counts_show_the_mark_not_the_number() -> None:
    assert WITHHELD_MARK == "×"
    assert format_count(3, True, "lv") == "×"
    assert format_count(None, True, "en") == "×"
    assert format_count(160, True, "lv", rounded=True) == "×"  # withheld wins over rounded
    assert format_count(0, False, "lv") == "0"
    assert format_count(1234, False, "lv") == f"1{NBSP}234"
    assert format_count(12, pd.NA, "lv") == "12"


def test_rounded_counts_keep_their_approximately_sign() -> None:
    assert format_count(155, False, "lv", rounded=True) == "≈155"
    assert format_count(0, False, "en", rounded=True) == "≈0"
    assert format_count(1235, False, "lv", rounded=True) == f"≈1{NBSP}235"
    assert format_count(1235, False, "en", True) == "≈1,235"
    assert format_count(None, False, "lv", rounded=True) == MISSING  # never "≈–"
    assert format_count(155, False, "lv", rounded=pd.NA) == "155"
    assert format_cell(Kind.SHARE, 0.411, "lv", rounded=True) == f"≈41,1{NBSP}%"
    assert format_cell(Kind.SHARE, 0.411, "en", rounded=False) == "41.1%"
    assert format_cell(Kind.SHARE, 0.411, "en", withheld=True, rounded=True) == "×"


def test_as_of_is_the_last_day_of_the_quarter_end_month() -> None:
    assert format_as_of(date(2022, 9, 1), "lv") == "30.09.2022"
    assert format_as_of("2022-12", "lv") == "31.12.2022"
    assert format_as_of(date(2024, 3, 1), "en") == "31 March 2024"
    assert format_as_of(None, "lv") == MISSING


# --- dates -----------------------------------------------------------------------------------


def test_dates() -> None:
    assert format_date(date(2017, 5, 16), "lv") == "16.05.2017"
    assert format_date(date(2017, 5, 16), "en") == "16 May 2017"
    assert format_date(pd.Timestamp("2022-12-31"), "lv") == "31.12.2022"
    assert format_date("2022-12-31", "lv") == "31.12.2022"


def test_months() -> None:
    assert format_month(date(2022, 12, 1), "lv") == "2022. gada decembris"
    assert format_month(date(2022, 12, 1), "en") == "December 2022"
    assert format_month("2022-11", "lv") == "2022. gada novembris"
    assert format_month(pd.Timestamp("2017-07-01"), "lv") == "2017. gada jūlijs"


def test_timestamps_are_shown_in_riga_time() -> None:
    winter = datetime(2022, 12, 1, 10, 3, tzinfo=UTC)
    summer = datetime(2022, 7, 1, 10, 3, tzinfo=UTC)
    assert format_datetime(winter, "lv") == "01.12.2022 12:03"
    assert format_datetime(summer, "lv") == "01.07.2022 13:03"
    assert format_datetime(winter, "en") == "1 December 2022 12:03"
    # naive = UTC; ISO strings as in the publication table
    assert format_datetime(datetime(2022, 12, 1, 10, 3), "lv") == "01.12.2022 12:03"
    assert format_datetime("2022-12-01T10:03:00+00:00", "lv") == "01.12.2022 12:03"


def test_to_date_accepts_the_period_shapes() -> None:
    assert to_date("2022-11") == date(2022, 11, 1)
    assert to_date(datetime(2022, 11, 1, 5)) == date(2022, 11, 1)
    assert to_date("not a date") is None


def test_language_normalisation() -> None:
    assert normalise_lang(None) == "lv"
    assert normalise_lang("EN") == "en"
    assert normalise_lang("en-GB") == "en"
    assert normalise_lang("de") == "lv"


# --- UI strings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "lv", "en"),
    [
        (0, "0 rādītāju", "0 indicators"),
        (1, "1 rādītājs", "1 indicator"),
        (2, "2 rādītāji", "2 indicators"),
        (9, "9 rādītāji", "9 indicators"),
        (10, "10 rādītāji", "10 indicators"),
        (11, "11 rādītāji", "11 indicators"),
        (19, "19 rādītāji", "19 indicators"),
        (21, "21 rādītājs", "21 indicators"),
        (22, "22 rādītāji", "22 indicators"),
        (37, "37 rādītāji", "37 indicators"),
        (111, "111 rādītāji", "111 indicators"),
        (1001, "1\u00a0001 rādītājs", "1,001 indicators"),
    ],
)
def test_a_count_takes_the_plural_form_of_its_noun(count: int, lv: str, en: str) -> None:
    assert tn("plural.indicators", count, "lv") == lv
    assert tn("plural.indicators", count, "en") == en


def test_plural_forms_of_the_other_nouns() -> None:
    assert [tn("plural.workshops", n) for n in (0, 1, 4, 21)] == [
        "0 darbnīcu",
        "1 darbnīca",
        "4 darbnīcas",
        "21 darbnīca",
    ]
    assert tn("plural.persons", 7000, "lv") == "7\u00a0000 personas"
    assert tn("plural.persons", 105, "lv") == "105 personas"
    assert tn("plural.persons", 1, "en") == "1 person"


def test_labels_are_translated() -> None:
    # same text in both languages only where it is deliberately bilingual or a symbol
    same = {k for k in STRINGS["en"] if STRINGS["lv"][k] == STRINGS["en"][k]}
    assert same == set(), same


def test_t_defaults_to_latvian_and_fills_values() -> None:
    assert t("nav.overview") == "Pārskats"
    assert t("nav.overview", "en") == "Overview"
    assert t("nav.overview", "xx") == "Pārskats"
    assert (
        t("regionmap.period", "lv", month="2022. gada novembris")
        == "Periods: 2022. gada novembris."
    )
    with pytest.raises(KeyError):
        t("no.such.key", "lv")


def test_withheld_legend_explains_the_rule_and_never_says_fewer_than_5() -> None:
    assert withheld_legend("lv") == (
        "× nav publicēts, lai no citiem publicētajiem skaitļiem nevarētu aprēķināt mazu "
        "skaitu; tāpēc kopsumma var būt slēpta, kamēr tās daļas ir redzamas (vai otrādi)."
    )
    assert withheld_legend("en") == (
        "× withheld so that a small number cannot be worked out from other published "
        "figures; a total may therefore be hidden while its parts are shown (or the reverse)."
    )
    for lang in ("lv", "en"):
        text = withheld_legend(lang)
        for untrue in ("mazāk par", "< 5", "fewer than", "less than", "small count", "mazs"):
            assert untrue not in text


FIVE = Rounding(5, 2)  # as the publisher states the sample's rounding


def test_rounded_legend_reads_the_base() -> None:
    assert rounded_legend("lv", FIVE) == (
        "≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5 (≈0 nozīmē 0–2); "
        "katrs skaits noapaļots atsevišķi, tāpēc daļu summa var atšķirties no kopsummas."
    )
    assert rounded_legend("en", FIVE) == (
        "≈ Roma counts are rounded to the nearest multiple of 5 (≈0 means 0 to 2); each is "
        "rounded separately, so the parts may not add up to the total."
    )
    assert rounded_legend("en", Rounding(10, 4)).startswith(
        "≈ Roma counts are rounded to the nearest multiple of 10 (≈0 means 0 to 4)"
    )
    # a page that passes the base alone: the error is the largest count published as 0
    assert rounded_legend("en", 10) == rounded_legend("en", Rounding(10, 4))


def test_legends_only_for_the_marks_shown() -> None:
    assert roma_legends("lv") == []
    assert roma_legends("en", rounded=True, base=FIVE) == [rounded_legend("en", FIVE)]
    assert roma_legends("lv", as_of=[date(2022, 9, 1)]) == [
        "Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits 30.09.2022."
    ]
    assert roma_legends("en", withheld=True, as_of=[date(2022, 9, 1)]) == [
        withheld_legend("en"),
        "Roma figures are published at quarter ends; shown as of 30 September 2022.",
    ]


def test_view_legends_say_as_of_for_a_month_that_is_not_a_quarter_end() -> None:
    from roma_monitor.serve.viewmodel import View
    from roma_monitor.serve.views import roma_field

    def frame_legends(frame: pd.DataFrame, lang: str) -> list[str]:
        return View(roma_field()).legends(frame, lang, FIVE)

    nov, sep = date(2022, 11, 1), date(2022, 9, 1)
    frame = pd.DataFrame(
        {
            "period": [sep, nov],
            "roma_value": [55.0, 55.0],
            "roma_value_suppressed": [False, False],
            "roma_value_as_of": [sep, sep],
            "roma_value_is_rounded": [True, True],
        }
    )
    # the quarter end itself: rounded, no as-of note
    assert frame_legends(frame.iloc[[0]], "lv") == [rounded_legend("lv", FIVE)]
    # November shows September's figure: it must say so
    assert frame_legends(frame.iloc[[1]], "lv") == [
        rounded_legend("lv", FIVE),
        "Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits 30.09.2022.",
    ]
    # a withheld cell: × legend, no ≈ legend (no rounded number is shown)
    held = frame.iloc[[1]].assign(roma_value=[None], roma_value_suppressed=[True])
    legends = frame_legends(held, "en")
    assert legends[0] == withheld_legend("en")
    assert rounded_legend("en", FIVE) not in legends
    # the internal snapshot: exact, own month: no legend at all
    exact = frame.assign(roma_value_as_of=frame["period"], roma_value_is_rounded=False)
    assert frame_legends(exact, "lv") == []


def test_load_status_labels() -> None:
    assert words("loads.status", "rejected", "lv") == "✗ noraidīts"
    assert words("loads.status", "rejected", "en") == "✗ rejected"
    assert words("loads.status", "loaded", "en") == "✓ loaded"
    assert words("loads.status", "something_new", "en") == "something_new"
    assert words("loads.status", None, "en") is None


def test_empty_state_names_the_command() -> None:
    assert "make demo" in t("empty.no_data", "lv")
    assert "make demo" in t("empty.no_data", "en")


def test_boundaries_attribution_is_the_exact_sentence_of_geo_sources() -> None:
    sources = ROOT / "src" / "roma_monitor" / "serve" / "boundaries" / "GEO_SOURCES.md"
    text = sources.read_text(encoding="utf-8")
    match = re.search(r'"(Boundaries: Who\'s On First[^"]+)"', text)
    assert match is not None
    assert match.group(1) == i18n.BOUNDARIES_ATTRIBUTION
    latvian = re.search(r'"(Robežas: Who\'s On First[^"]+)"', text)
    assert latvian is not None
    assert latvian.group(1) == i18n.BOUNDARIES_ATTRIBUTION_LV


def test_boundaries_attribution_in_the_page_language() -> None:
    assert i18n.boundaries_attribution("lv") == (
        "Robežas: Who's On First (whosonfirst.org); foursquare Quattroshapes (CC BY); "
        "EuroGlobalMap © EuroGeographics, Latvija © Latvijas Republikas Valsts zemes dienests."
    )
    assert i18n.boundaries_attribution("en").startswith("Boundaries: Who's On First")


def test_sam_label_names_the_platform_instead_of_its_code() -> None:
    assert i18n.sam_label("platform", "lv") == "Romu platforma"
    assert i18n.sam_label("platform", "en") == "Roma platform"
    assert i18n.sam_label("9.1.4.4", "lv") == "9.1.4.4"
    assert i18n.sam_label(None, "lv") == "–"
