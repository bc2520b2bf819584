"""Property-based attacks on the disclosure control of the Roma counts
(roma_monitor.privacy.disclosure), with the independent attacker of tests/privacy/attack.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from roma_monitor.privacy.disclosure import (
    AUDIT,
    COMPLEMENT,
    INPUT_COLUMNS,
    protect_roma_cells,
    round_to_base,
    rounding_interval,
)
from tests.privacy.attack import attack, counts_published_as

COLUMNS = list(INPUT_COLUMNS)
CHAIN = {"EMPLOYED": "LEAVERS", "LEAVERS": "PARTICIPANTS", "IN_MEASURE": "PARTICIPANTS"}
STOCK_CHAIN = {"WITH_MENTOR": "IN_TRAINING", "IN_TRAINING": "ENROLLED"}

small_flow = st.sampled_from([0, 0, 0, 0, 1, 1, 2, 3, 4, 6])
small_stock = st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 7, 9, 12])


def quarter_ends(count: int, start: str = "2021-03-31") -> list[pd.Timestamp]:
    return list(pd.date_range(start, periods=count, freq="QE"))


def attack_settings(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def people(draw, cap: int | None = None) -> int:
    """A (mostly small) number of people, at most `cap`."""
    n = draw(small_flow)
    return n if cap is None else min(n, cap)


def municipality_story(draw, periods: int, variant: str, indicators: int) -> dict:
    """{indicator: ([Roma per period], [non-Roma per period])} for one municipality, built so
    that every upper bound holds for the Roma and the non-Roma alike."""
    series = {}
    if variant == "stock":
        names = ["ENROLLED", "IN_TRAINING", "WITH_MENTOR"][:indicators]
        for group in (0, 1):
            previous = None
            for name in names:
                values = [
                    min(draw(small_stock), previous[t]) if previous else draw(small_stock)
                    for t in range(periods)
                ]
                series.setdefault(name, ([], []))[group].extend(values)
                previous = values
        return series
    # cumulative: people join the measure, some of them leave, some leavers find work
    for group in (0, 1):
        joined = left = employed = 0
        rows = {name: [] for name in ("PARTICIPANTS", "LEAVERS", "EMPLOYED", "IN_MEASURE")}
        for _ in range(periods):
            joined += people(draw)
            left += people(draw, cap=joined - left)
            employed += people(draw, cap=left - employed)
            rows["PARTICIPANTS"].append(joined)
            rows["LEAVERS"].append(left)
            rows["EMPLOYED"].append(employed)
            rows["IN_MEASURE"].append(joined - left)  # a stock
        names = ["PARTICIPANTS", "LEAVERS", "EMPLOYED"][:indicators]
        if variant == "mixed":
            names.append("IN_MEASURE")
        for name in names:
            series.setdefault(name, ([], []))[group].extend(rows[name])
    return series


@st.composite
def roma_cells(
    draw, variant: str | None = None, indicators: int | None = None, min_children: int = 1
) -> pd.DataFrame:
    """A country, 1-3 planning regions of 1-3 municipalities each, 1-6 quarter ends, two or
    three indicators tied by upper bounds (cumulative, stock, or cumulative with a stock);
    parents are the sums of their children."""
    variant = variant or draw(st.sampled_from(["cumulative", "cumulative", "stock", "mixed"]))
    indicators = indicators or draw(st.integers(2, 3))
    periods = quarter_ends(draw(st.integers(1, 6)))
    regions = {
        f"R{r}": [f"M{r}{m}" for m in range(draw(st.integers(min_children, 3)))]
        for r in range(draw(st.integers(min_children, 3)))
    }
    stories = {
        m: municipality_story(draw, len(periods), variant, indicators)
        for municipalities in regions.values()
        for m in municipalities
    }
    rows = []
    for indicator in next(iter(stories.values())):
        aggregation = "stock" if variant == "stock" or indicator == "IN_MEASURE" else "cumulative"
        for t, period in enumerate(periods):

            def add(geo, parent, roma, other, ind=indicator, agg=aggregation, period=period):
                rows.append((ind, agg, period, geo, parent, roma, roma + other))
                return roma, other

            country = [0, 0]
            for region, municipalities in regions.items():
                sums = [0, 0]
                for m in municipalities:
                    roma, other = stories[m][indicator][0][t], stories[m][indicator][1][t]
                    add(m, region, roma, other)
                    sums = [sums[0] + roma, sums[1] + other]
                add(region, "LV", *sums)
                country = [country[0] + sums[0], country[1] + sums[1]]
            add("LV", None, *country)
    return pd.DataFrame(rows, columns=COLUMNS)


def upper_bounds_of(cells: pd.DataFrame) -> dict[str, str]:
    present = set(cells["indicator_code"])
    return {
        low: high
        for low, high in {**CHAIN, **STOCK_CHAIN}.items()
        if low in present and high in present
    }


def joined(cells: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    both = cells.merge(
        published, on=["indicator_code", "period", "geo_code"], how="outer", indicator=True
    )
    assert (both["_merge"] == "both").all(), "one published row per input row"
    return both


def given_away(cells, threshold, base, published=None, upper_bounds=None):
    upper_bounds = upper_bounds_of(cells) if upper_bounds is None else upper_bounds
    if published is None:
        note(f"cells with a total above 0:\n{cells[cells['total'] > 0].to_string()}")
        published = protect_roma_cells(cells, upper_bounds, threshold=threshold, base=base)
    return attack(cells, published, upper_bounds, threshold, base)


def cells_from(rows, aggregation="cumulative") -> pd.DataFrame:
    """Hand-written cells: (indicator, period index, geo, parent, roma, total)."""
    periods = quarter_ends(6)
    return pd.DataFrame(
        [
            (indicator, aggregation, periods[t], geo, parent, roma, total)
            for indicator, t, geo, parent, roma, total in rows
        ],
        columns=COLUMNS,
    )


def publish_everything(cells: pd.DataFrame, base: int) -> pd.DataFrame:
    """The publication without disclosure control: every count rounded."""
    out = cells[["indicator_code", "period", "geo_code"]].copy()
    out["published_value"] = [round_to_base(int(r), base) for r in cells["roma"]]
    out["withheld_reason"] = None
    return out


def reasons(published: pd.DataFrame) -> dict:
    """{(indicator, period, geo): reason} of the withheld cells."""
    withheld = published[published["published_value"].isna()]
    keys = zip(withheld["indicator_code"], withheld["period"], withheld["geo_code"], strict=True)
    return dict(zip(keys, withheld["withheld_reason"], strict=True))


# --- the attacker itself, on cases worked by hand ---------------------------------------------


@pytest.mark.parametrize("base", [3, 5, 10])
def test_the_attackers_rounding_intervals_agree_with_rounding(base):
    for value in range(0, 60, base):
        a, b = counts_published_as(value, base)
        assert [n for n in range(60) if round_to_base(n, base) == value] == list(range(a, b + 1))
        assert (a, b) == rounding_interval(value, base)


def test_the_attacker_pins_a_count_that_crosses_a_rounding_boundary_while_the_total_rises_by_1():
    # 7 -> 8 Roma, total 20 -> 21: published 5 and 10, so 3..7 and 8..12 with a rise of at most 1
    cells = cells_from(
        [("PARTICIPANTS", 0, "LV", None, 7, 20), ("PARTICIPANTS", 1, "LV", None, 8, 21)]
    )
    verdict = given_away(cells, 5, 5, publish_everything(cells, 5), {})
    assert set(verdict.cells) == {("PARTICIPANTS", "LV", p) for p in quarter_ends(2)}
    assert [tuple(round(v) for v in r) for r in verdict.cells.values()] == [(7, 7), (8, 8)]
    assert set(verdict.increases.values()) == {(1.0, 1.0)}


def test_the_attacker_sees_almost_everyone_is_roma_through_an_upper_bound():
    # employed 6 of 20 (published 5: 3..7) <= leavers 6 of 7 (withheld): leavers >= 3 > 7 - 5
    cells = cells_from([("EMPLOYED", 0, "LV", None, 6, 20), ("LEAVERS", 0, "LV", None, 6, 7)])
    published = publish_everything(cells, 5)
    published.loc[published["indicator_code"] == "LEAVERS", "published_value"] = None
    verdict = given_away(cells, 5, 5, published, {"EMPLOYED": "LEAVERS"})
    assert list(verdict.cells) == [("LEAVERS", "LV", quarter_ends(1)[0])]
    assert verdict.cells[("LEAVERS", "LV", quarter_ends(1)[0])] == pytest.approx((3, 7))
    assert not given_away(cells, 5, 5, published, {})  # without the bound: 0..7


def test_the_attacker_finds_nothing_in_a_publication_of_withheld_cells_only():
    cells = cells_from([("PARTICIPANTS", t, "LV", None, 7 + t, 20 + t) for t in range(3)])
    published = publish_everything(cells, 5)
    published["published_value"] = None
    assert not given_away(cells, 5, 5, published, {})


# --- worked examples --------------------------------------------------------------------------


def test_a_count_crossing_a_rounding_boundary_with_a_total_rising_by_1_is_withheld():
    cells = cells_from(
        [("PARTICIPANTS", 0, "LV", None, 7, 20), ("PARTICIPANTS", 1, "LV", None, 8, 21)]
    )
    published = protect_roma_cells(cells, {}, threshold=5, base=5)
    assert set(reasons(published).values()) == {AUDIT}
    assert not given_away(cells, 5, 5, published, {})


def test_a_cell_where_nearly_everyone_is_roma_is_withheld():
    cells = cells_from([("PARTICIPANTS", 0, "LV", None, 40, 42)])
    published = protect_roma_cells(cells, {}, threshold=5)
    assert published["published_value"].isna().all()
    assert list(published["withheld_reason"]) == [COMPLEMENT]


def test_a_complement_cell_that_its_parent_and_sibling_would_bound_from_below():
    # B: 14 Roma of 14 (complement). LV 14 of 44 published 15 (13..17), A 0 of 30 published 0
    # (0..2) would give B >= 11 > 14 - 5: the audit withholds LV or A.
    cells = cells_from(
        [
            ("PARTICIPANTS", 0, "LV", None, 14, 44),
            ("PARTICIPANTS", 0, "A", "LV", 0, 30),
            ("PARTICIPANTS", 0, "B", "LV", 14, 14),
        ]
    )
    assert given_away(
        cells,
        5,
        5,
        publish_everything(cells, 5).assign(
            published_value=lambda f: f["published_value"].where(f["geo_code"] != "B")
        ),
        {},
    )
    published = protect_roma_cells(cells, {}, threshold=5)
    found = {g: r for (_, _, g), r in reasons(published).items()}
    assert found["B"] == COMPLEMENT
    assert AUDIT in {found.get("LV"), found.get("A")}
    assert not given_away(cells, 5, 5, published, {})


def test_an_upper_bound_that_would_show_nearly_everyone_is_roma_withholds_the_lower_indicator():
    # leavers 6 of 7 (complement); employed 6 of 20 published 5 (3..7) <= leavers would give
    # leavers >= 3 > 7 - 5: the audit withholds employed. Participants (an upper bound of
    # leavers) tell nothing from below and could stay published (the module withholds them too).
    cells = cells_from(
        [
            ("PARTICIPANTS", 0, "LV", None, 6, 50),
            ("LEAVERS", 0, "LV", None, 6, 7),
            ("EMPLOYED", 0, "LV", None, 6, 20),
        ]
    )
    bounds = {"EMPLOYED": "LEAVERS", "LEAVERS": "PARTICIPANTS"}
    published = protect_roma_cells(cells, bounds, threshold=5)
    found = {i: r for (i, _, _), r in reasons(published).items()}
    assert found["LEAVERS"] == COMPLEMENT
    assert found["EMPLOYED"] == AUDIT
    assert not given_away(cells, 5, 5, published, bounds)


def test_a_new_municipality_of_roma_only_is_not_given_away_by_the_country_increase():
    # Found by Hypothesis (shrunk by hand to threshold 5, base 5). LV = R0 + R1, R0 = A + B,
    # R1 = C; B, C (0 Roma of 5) and their regions are flat. A is new in Q2: 4 Roma of 4
    # (complement). LV rises from 0 (published 0: 0..2) to 4 (published 5: 3..7), and since
    # nothing else can rise, A(Q2) = LV(Q2) - LV(Q1) >= 1 where fewer than 5 are counted.
    # Withholding the cells tied to A (R0 and B in Q2, A in Q1) is not enough: LV is two steps
    # away.
    rows = []
    for t, (roma, total) in enumerate([(0, 0), (4, 4)]):
        rows += [
            ("PARTICIPANTS", t, "A", "R0", roma, total),
            ("PARTICIPANTS", t, "B", "R0", 0, 5),
            ("PARTICIPANTS", t, "R0", "LV", roma, total + 5),
            ("PARTICIPANTS", t, "C", "R1", 0, 5),
            ("PARTICIPANTS", t, "R1", "LV", 0, 5),
            ("PARTICIPANTS", t, "LV", None, roma, total + 10),
        ]
    cells = cells_from(rows)
    assert given_away(
        cells,
        5,
        5,
        publish_everything(cells, 5).assign(
            published_value=lambda f: f["published_value"].mask(f["geo_code"].isin(["A", "R0"]))
        ),
        {},
    )
    published = protect_roma_cells(cells, {}, threshold=5, base=5)
    assert not given_away(cells, 5, 5, published, {})


def test_a_complement_cell_bounded_through_a_single_region_and_an_upper_bound():
    # Found by Hypothesis (shrunk by hand). Threshold 5, base 5, stocks, LV has the single
    # region R0; IN_TRAINING <= ENROLLED.
    # IN_TRAINING: A 9 of 9 (complement), C 0 of 5 (published 0: 0..2), R0 = LV 9 of 14
    # (published 10: 8..12), so A >= 6 > 9 - 5. Withholding R0 and C is not enough: LV still
    # pins R0, and C <= ENROLLED's C, published 0 (0..2).
    # ENROLLED: A 12 of 12 (complement), C 0 of 5, R0 = LV 12 of 17 (published 10: 8..12).
    rows = []
    for indicator, a in [("IN_TRAINING", 9), ("ENROLLED", 12)]:
        rows += [
            (indicator, 0, "A", "R0", a, a),
            (indicator, 0, "C", "R0", 0, 5),
            (indicator, 0, "R0", "LV", a, a + 5),
            (indicator, 0, "LV", None, a, a + 5),
        ]
    cells = cells_from(rows, aggregation="stock")
    bounds = {"IN_TRAINING": "ENROLLED"}
    published = protect_roma_cells(cells, bounds, threshold=5, base=5)
    assert not given_away(cells, 5, 5, published, bounds)


def test_threshold_and_base_must_be_positive():
    cells = cells_from([("PARTICIPANTS", 0, "LV", None, 1, 10)])
    with pytest.raises(ValueError):
        protect_roma_cells(cells, {}, threshold=0)
    with pytest.raises(ValueError):
        protect_roma_cells(cells, {}, threshold=5, base=0)


# --- properties -------------------------------------------------------------------------------


@attack_settings(80)
@given(
    cells=roma_cells(),
    threshold=st.sampled_from([3, 5]),
    base=st.sampled_from([3, 5, 5, 10]),
)
def test_nothing_is_given_away(cells, threshold, base):
    verdict = given_away(cells, threshold, base)
    assert verdict.cells == {}
    assert verdict.increases == {}


@attack_settings(40)
@given(
    cells=roma_cells(variant="stock"),
    threshold=st.sampled_from([3, 5]),
    base=st.sampled_from([3, 5, 10]),
)
def test_nothing_is_given_away_from_stocks(cells, threshold, base):
    assert not given_away(cells, threshold, base)


@attack_settings(80)
@given(
    cells=roma_cells(),
    threshold=st.sampled_from([3, 5]),
    base=st.sampled_from([3, 5, 10]),
)
def test_published_values_are_the_rounded_truth_and_complements_are_withheld(
    cells, threshold, base
):
    published = protect_roma_cells(cells, upper_bounds_of(cells), threshold=threshold, base=base)
    both = joined(cells, published)
    assert len(both) == len(cells)
    assert str(published["published_value"].dtype) == "Int64"
    shown = both[both["published_value"].notna()]
    assert (shown["published_value"] % base == 0).all()
    assert shown["published_value"].tolist() == [round_to_base(r, base) for r in shown["roma"]]
    assert shown["withheld_reason"].isna().all()
    withheld = both[both["published_value"].isna()]
    assert withheld["withheld_reason"].isin([COMPLEMENT, AUDIT]).all()
    complement = (both["roma"] > 0) & (both["total"] - both["roma"] < threshold)
    assert (both.loc[complement, "withheld_reason"] == COMPLEMENT).all()
    assert not (both.loc[~complement, "withheld_reason"] == COMPLEMENT).any()


# --- utility ----------------------------------------------------------------------------------


def realistic_cells(seed: int = 7) -> pd.DataFrame:
    """Latvia-like: 5 regions of 2-6 municipalities, 8 quarter ends, a few dozen Roma joining
    per region and quarter, some municipalities where most participants are Roma; national
    Roma counts in the hundreds."""
    rng = np.random.default_rng(seed)
    frames = []
    for region in range(5):
        for m in range(int(rng.integers(2, 7))):
            roma_join = rng.poisson(rng.uniform(0.5, 6), 8)
            other_join = rng.poisson(rng.choice([1, 3, 10, 20, 40]), 8)
            leave = rng.binomial(roma_join, 0.6)
            work = rng.binomial(leave, 0.4)
            other_leave = rng.binomial(other_join, 0.6)
            other_work = rng.binomial(other_leave, 0.5)
            for name, roma, other in [
                ("PARTICIPANTS", roma_join, other_join),
                ("LEAVERS", leave, other_leave),
                ("EMPLOYED", work, other_work),
            ]:
                frames.append(
                    pd.DataFrame(
                        {
                            "indicator_code": name,
                            "aggregation": "cumulative",
                            "period": quarter_ends(8),
                            "geo_code": f"M{region}{m}",
                            "parent_geo_code": f"R{region}",
                            "roma": np.cumsum(roma),
                            "total": np.cumsum(roma + other),
                        }
                    )
                )
    municipalities = pd.concat(frames, ignore_index=True)
    keys = ["indicator_code", "aggregation", "period"]
    regions = (
        municipalities.groupby([*keys, "parent_geo_code"], as_index=False)[["roma", "total"]]
        .sum()
        .rename(columns={"parent_geo_code": "geo_code"})
        .assign(parent_geo_code="LV")
    )
    country = (
        regions.groupby(keys, as_index=False)[["roma", "total"]]
        .sum()
        .assign(geo_code="LV", parent_geo_code=None)
    )
    return pd.concat([municipalities, regions, country], ignore_index=True)[COLUMNS]


@pytest.mark.parametrize("seed", [7, 1])
def test_utility_stays_high_on_a_realistic_table(seed):
    cells = realistic_cells(seed)
    country = cells[cells["geo_code"] == "LV"]
    assert country["roma"].max() >= 100  # the national counts are in the hundreds
    bounds = upper_bounds_of(cells)
    published = protect_roma_cells(cells, bounds, threshold=5)
    national = published[published["geo_code"] == "LV"]
    assert national["published_value"].notna().mean() >= 0.9
    regional = published[published["geo_code"].str.startswith("R")]
    assert regional["published_value"].notna().mean() >= 0.75
    assert not attack(cells, published, bounds, 5, 5)
