"""An independent attacker on the published Roma counts (roma_monitor.privacy.disclosure).

Written from the publication rules, not from the module's audit: it imports nothing from it.
The attacker knows

- every published value: the true count lies in the value's rounding interval (the counts that
  round to it, halves up), intersected with [0, total]; a withheld cell only lies in [0, total];
- every total, exactly;
- that a parent area's count is the sum of its children's, per indicator and period;
- that in a cumulative series neither the Roma count nor the non-Roma count falls between two
  consecutive points: 0 <= x_t - x_(t-1) <= total_t - total_(t-1);
- that an indicator never exceeds its upper bound at the same area and period.

It finds the exact range [lo, hi] of each Roma count (and of each increase of a cumulative
series) over everything consistent with that knowledge, by linear programming (HiGHS through
SciPy). A cell whose true count is at least 1 is given away when hi - lo < 1 (it is known
exactly) or when lo > max(0, total - threshold) (the attacker proves that fewer than
`threshold` of the people counted there are not Roma). An increase whose true value is
1 .. threshold - 1 is given away when it is known exactly.

To spare linear programmes, every feasible point found (the truth first, then each optimum) is
kept: a range that these points already show wide enough, and reaching low enough, needs no
programme of its own. That is sound: feasible points can only under-state the true range.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import csr_array

TOLERANCE = 1e-7
RANDOM_VERTICES = 4

Cell = tuple[str, str, Hashable]  # (indicator, geo, period)
Increase = tuple[str, str, Hashable, Hashable]  # (indicator, geo, earlier period, later period)


def counts_published_as(value: int, base: int) -> tuple[int, int]:
    """The integers n >= 0 whose nearest multiple of `base` (halves up) is `value`:
    value - base/2 <= n < value + base/2."""
    return max(0, math.ceil(value - base / 2)), math.ceil(value + base / 2) - 1


@dataclass
class Knowledge:
    """The attacker's constraints over one variable per Roma cell."""

    cells: list[Cell]
    truth: np.ndarray
    total: np.ndarray
    low: np.ndarray
    high: np.ndarray
    equalities: list[np.ndarray] = field(default_factory=list)
    inequalities: list[np.ndarray] = field(default_factory=list)  # row @ x <= bound
    bounds: list[float] = field(default_factory=list)
    increases: dict[Increase, tuple[int, int]] = field(default_factory=dict)  # later, earlier

    def __post_init__(self):
        self.index = {cell: k for k, cell in enumerate(self.cells)}

    def at_most(self, row: np.ndarray, bound: float) -> None:
        self.inequalities.append(row)
        self.bounds.append(bound)

    def row(self, *terms: tuple[int, float]) -> np.ndarray:
        row = np.zeros(len(self.cells))
        for k, coefficient in terms:
            row[k] += coefficient
        return row

    def broken_by(self, x: np.ndarray) -> list[str]:
        """The rules that x breaks (the truth must break none: else the publication lies)."""
        broken = [
            f"bound of {self.cells[k]}: {x[k]} not in [{self.low[k]}, {self.high[k]}]"
            for k in range(len(x))
            if not self.low[k] - TOLERANCE <= x[k] <= self.high[k] + TOLERANCE
        ]
        broken += [f"equality {n}" for n, r in enumerate(self.equalities) if abs(r @ x) > 1e-6]
        broken += [
            f"inequality {n}"
            for n, (r, b) in enumerate(zip(self.inequalities, self.bounds, strict=True))
            if r @ x > b + 1e-6
        ]
        return broken


def knowledge(
    cells: pd.DataFrame,
    published: pd.DataFrame,
    upper_bounds: dict[str, str],
    base: int,
) -> Knowledge:
    """What the attacker knows, from the published values and the rules; `cells` gives the true
    counts (kept aside, for the verdict only), the totals, the hierarchy and the aggregations."""
    cells = cells.sort_values(["indicator_code", "geo_code", "period"], ignore_index=True)
    keys: list[Cell] = list(
        zip(cells["indicator_code"], cells["geo_code"], cells["period"], strict=True)
    )
    shown = {
        (indicator, geo, period): value
        for indicator, geo, period, value in zip(
            published["indicator_code"],
            published["geo_code"],
            published["period"],
            published["published_value"],
            strict=True,
        )
    }
    total = cells["total"].to_numpy(dtype=float)
    low, high = np.zeros(len(keys)), total.copy()
    for k, key in enumerate(keys):
        value = shown[key]
        if not pd.isna(value):
            a, b = counts_published_as(int(value), base)
            low[k], high[k] = max(0.0, a), min(total[k], b)
    know = Knowledge(
        cells=keys,
        truth=cells["roma"].to_numpy(dtype=float),
        total=total,
        low=low,
        high=high,
    )
    index = know.index

    # a parent is the sum of its children
    kids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for indicator, geo, parent in zip(
        cells["indicator_code"], cells["geo_code"], cells["parent_geo_code"], strict=True
    ):
        if not pd.isna(parent):
            kids[(indicator, parent)].add(geo)
    for (indicator, parent), children in kids.items():
        for period in sorted(set(cells.loc[cells["indicator_code"] == indicator, "period"])):
            members = [(indicator, parent, period)] + [(indicator, c, period) for c in children]
            assert all(m in index for m in members), f"incomplete group {members}"
            know.equalities.append(
                know.row(
                    (index[members[0]], 1.0),
                    *((index[m], -1.0) for m in members[1:]),
                )
            )

    # a cumulative series: 0 <= x_t - x_(t-1) <= total_t - total_(t-1)
    series: dict[tuple[str, str], list[int]] = defaultdict(list)
    aggregation = {
        (indicator, geo): kind
        for indicator, geo, kind in zip(
            cells["indicator_code"], cells["geo_code"], cells["aggregation"], strict=True
        )
    }
    for k, (indicator, geo, _) in enumerate(keys):
        series[(indicator, geo)].append(k)  # keys are sorted by period within a series
    for (indicator, geo), members in series.items():
        if aggregation[(indicator, geo)] != "cumulative":
            continue
        for earlier, later in zip(members, members[1:], strict=False):
            rise = know.row((later, 1.0), (earlier, -1.0))
            know.at_most(-rise, 0.0)
            know.at_most(rise, total[later] - total[earlier])
            know.increases[(indicator, geo, keys[earlier][2], keys[later][2])] = (later, earlier)

    # an indicator never exceeds its upper bound
    for k, (indicator, geo, period) in enumerate(keys):
        bound = upper_bounds.get(indicator)
        if bound is not None and (bound, geo, period) in index:
            know.at_most(know.row((k, 1.0), (index[(bound, geo, period)], -1.0)), 0.0)
    return know


class Attacker:
    def __init__(self, know: Knowledge):
        self.know = know
        size = len(know.cells)
        self.problem = {
            "A_eq": csr_array(np.array(know.equalities)) if know.equalities else None,
            "b_eq": np.zeros(len(know.equalities)) if know.equalities else None,
            "A_ub": csr_array(np.array(know.inequalities)) if know.inequalities else None,
            "b_ub": np.array(know.bounds) if know.bounds else None,
            "bounds": list(zip(know.low, know.high, strict=True)),
            "method": "highs",
        }
        broken = know.broken_by(know.truth)
        assert not broken, f"the truth contradicts the publication: {broken[:5]}"
        self.points = [know.truth.copy()]
        self.size = size

    def optimum(self, objective: np.ndarray) -> float:
        """min objective @ x over the attacker's knowledge; the optimum joins the points."""
        result = linprog(objective, **self.problem)
        assert result.status == 0, result.message
        self.points.append(result.x)
        return float(result.fun)

    def seen(self, row: np.ndarray) -> tuple[float, float]:
        values = np.array(self.points) @ row
        return float(values.min()), float(values.max())

    def range_of(self, row: np.ndarray, enough) -> tuple[float, float]:
        """The exact range of row @ x, unless the points seen so far already satisfy `enough`
        (then that narrower but sufficient range)."""
        lo, hi = self.seen(row)
        if enough(lo, hi):
            return lo, hi
        lo = self.optimum(row)
        hi = self.seen(row)[1]
        if enough(lo, hi):
            return lo, hi
        return lo, -self.optimum(-row)


@dataclass
class Verdict:
    cells: dict[Cell, tuple[float, float]]
    increases: dict[Increase, tuple[float, float]]

    def __bool__(self) -> bool:
        return bool(self.cells or self.increases)


def attack(
    cells: pd.DataFrame,
    published: pd.DataFrame,
    upper_bounds: dict[str, str],
    threshold: int,
    base: int,
) -> Verdict:
    """The Roma cells and the increases that the publication gives away, with their ranges."""
    know = knowledge(cells, published, upper_bounds, base)
    attacker = Attacker(know)
    # a few cheap vertices first: everything as low, and as high, as it can be, and then
    # randomly weighted sums as low as they can be
    if know.truth.sum() > 0:
        attacker.optimum(np.ones(attacker.size))
        attacker.optimum(-np.ones(attacker.size))
        rng = np.random.default_rng(0)
        for _ in range(RANDOM_VERTICES):
            attacker.optimum(rng.uniform(0.5, 1.5, attacker.size))
    found_cells: dict[Cell, tuple[float, float]] = {}
    for k, cell in enumerate(know.cells):
        if know.truth[k] < 1:
            continue
        floor = max(0.0, know.total[k] - threshold)

        def safe(lo, hi, floor=floor):
            return hi - lo >= 1 - TOLERANCE and lo <= floor + TOLERANCE

        lo, hi = attacker.range_of(know.row((k, 1.0)), safe)
        if not safe(lo, hi):
            found_cells[cell] = (lo, hi)
    found_increases: dict[Increase, tuple[float, float]] = {}
    for increase, (later, earlier) in know.increases.items():
        if not 1 <= know.truth[later] - know.truth[earlier] <= threshold - 1:
            continue

        def wide(lo, hi):
            return hi - lo >= 1 - TOLERANCE

        lo, hi = attacker.range_of(know.row((later, 1.0), (earlier, -1.0)), wide)
        if not wide(lo, hi):
            found_increases[increase] = (lo, hi)
    return Verdict(found_cells, found_increases)
