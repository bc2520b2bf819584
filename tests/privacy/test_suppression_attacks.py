"""Property-based attacks on the Roma suppression (roma_monitor.privacy.suppression)."""

from __future__ import annotations

from itertools import accumulate

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roma_monitor.privacy.suppression import (
    COMPLEMENT,
    DIFFERENCE,
    PRIMARY,
    SECONDARY,
    RomaTable,
    suppress_table,
)
from tests.privacy.attack import recovered_cells

small_flow = st.sampled_from([0, 0, 0, 0, 1, 1, 2, 3, 4, 6])


@st.composite
def roma_tables(draw, cumulative: bool = True) -> RomaTable:
    """A country, 1-3 planning regions of 1-3 municipalities each, 1-6 months; per municipality
    and month a (mostly small) Roma inflow and a non-Roma inflow; parents are sums."""
    periods = list(range(draw(st.integers(1, 6))))
    regions = {
        f"R{r}": [f"M{r}{m}" for m in range(draw(st.integers(1, 3)))]
        for r in range(draw(st.integers(1, 3)))
    }
    value, total = {}, {}
    for municipalities in regions.values():
        for m in municipalities:
            roma = draw(st.lists(small_flow, min_size=len(periods), max_size=len(periods)))
            other = draw(st.lists(small_flow, min_size=len(periods), max_size=len(periods)))
            if cumulative:
                roma, other = list(accumulate(roma)), list(accumulate(other))
            value[m] = roma
            total[m] = [a + b for a, b in zip(roma, other, strict=True)]
    for region, municipalities in regions.items():
        value[region] = [sum(value[m][i] for m in municipalities) for i in periods]
        total[region] = [sum(total[m][i] for m in municipalities) for i in periods]
    value["LV"] = [sum(value[r][i] for r in regions) for i in periods]
    total["LV"] = [sum(total[r][i] for r in regions) for i in periods]
    return RomaTable(
        cumulative=cumulative,
        periods=periods,
        value=value,
        total=total,
        children={"LV": list(regions), **regions},
    )


def attack_settings(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@attack_settings(100)
@given(table=roma_tables(), threshold=st.sampled_from([3, 5]))
def test_no_withheld_cell_can_be_recovered_from_what_is_published(table, threshold):
    suppress_table(table, threshold)
    assert recovered_cells(table) == {}


@attack_settings(40)
@given(table=roma_tables(cumulative=False), threshold=st.sampled_from([3, 5]))
def test_no_withheld_cell_of_a_stock_can_be_recovered(table, threshold):
    suppress_table(table, threshold)
    assert recovered_cells(table) == {}


@attack_settings(100)
@given(table=roma_tables(), threshold=st.sampled_from([3, 5, 10]))
def test_nothing_small_is_published_directly_or_by_difference(table, threshold):
    suppress_table(table, threshold)
    for geo, values in table.value.items():
        published = [v for i, v in enumerate(values) if not table.suppressed(geo, i)]
        for i, v in enumerate(values):
            if not table.suppressed(geo, i):
                assert not 1 <= v < threshold
                assert v == 0 or table.total[geo][i] - v >= threshold
        # any two published values of a cumulative series (and 0 before it) differ by 0 or >= T
        for a in [0, *published]:
            for b in published:
                assert not 1 <= abs(b - a) < threshold


@attack_settings(60)
@given(table=roma_tables(), threshold=st.sampled_from([3, 5]))
def test_every_additive_group_has_none_or_at_least_two_withheld_cells(table, threshold):
    suppress_table(table, threshold)
    for parent, kids in table.children.items():
        for i in range(len(table.periods)):
            withheld = [g for g in [parent, *kids] if table.suppressed(g, i)]
            assert len(withheld) != 1


def test_the_reasons_on_a_worked_example():
    # Latgale with two municipalities over three months, threshold 5
    table = RomaTable(
        cumulative=True,
        periods=[0, 1, 2],
        value={"LV": [3, 9, 12], "LATGALE": [3, 9, 12], "A": [3, 3, 5], "B": [0, 6, 7]},
        total={"LV": [20, 40, 60], "LATGALE": [20, 40, 60], "A": [10, 10, 12], "B": [10, 30, 48]},
        children={"LV": ["LATGALE"], "LATGALE": ["A", "B"]},
    )
    reasons = suppress_table(table, threshold=5)
    assert reasons == {
        ("A", 0): PRIMARY,  # 3 Roma
        ("LATGALE", 0): PRIMARY,
        ("LV", 0): PRIMARY,
        ("A", 1): PRIMARY,
        ("B", 1): SECONDARY,  # else A = LATGALE - B in month 1
        ("B", 2): DIFFERENCE,  # 7 - 6: one Roma joined in month 2
        ("LATGALE", 2): DIFFERENCE,  # 12 - 9
        ("LV", 2): DIFFERENCE,
    }
    assert recovered_cells(table) == {}


def test_a_cell_where_nearly_everyone_is_roma_is_withheld():
    table = RomaTable(
        cumulative=True,
        periods=[0],
        value={"LV": [40], "A": [40]},
        total={"LV": [42], "A": [42]},
        children={"LV": ["A"]},
    )
    assert suppress_table(table, threshold=5)[("A", 0)] == COMPLEMENT


def test_threshold_must_be_positive():
    table = RomaTable(cumulative=True, periods=[0], value={"A": [1]}, total={"A": [1]}, children={})
    with pytest.raises(ValueError):
        suppress_table(table, threshold=0)
