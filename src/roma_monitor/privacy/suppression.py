"""Small-cell suppression of the published counts about Roma (docs/privacy.md).

One indicator's Roma cells form a table: geography (country, planning regions, municipalities)
× month, where a parent's value is the sum of its children's, a cumulative series never falls,
and a Roma count never exceeds the total of its cell (published, unsuppressed). The rules:

1. **primary** — a Roma count from 1 to threshold − 1;
2. **complement** — a Roma count above 0 whose complement in the cell (total − Roma) is below
   the threshold: publishing it would say that (almost) everyone counted there is Roma;
3. **difference** — in a cumulative series, a value whose difference from the series' last
   published value is from 1 to threshold − 1 (it would publish a small monthly count by
   subtraction); so any two published values of a series differ by 0 or by at least the
   threshold;
4. **secondary** — wherever an additive group (a parent and its children in one month) has
   exactly one suppressed cell, that cell would follow by subtraction: another cell of the group
   is suppressed too, the smallest one whose value cannot itself be pinned down from its own
   series (the neighbouring published months and the totals). Repeated until no group has
   exactly one suppressed cell.

The property-based tests (tests/privacy) attack the result with linear programming using
everything above as the attacker's knowledge, and check that no suppressed cell can be recovered.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import pandas as pd

PRIMARY = "primary"
COMPLEMENT = "complement"
DIFFERENCE = "difference"
SECONDARY = "secondary"
# The most neighbouring months withheld to unpin one complement (a flat series pins its cells).
MAX_RUN = 12

INPUT_COLUMNS = (
    "indicator_code",
    "aggregation",
    "period",
    "geo_code",
    "parent_geo_code",
    "roma",
    "total",
)


@dataclass
class RomaTable:
    """One indicator's Roma cells: value[geo][i] and total[geo][i] for the i-th period."""

    cumulative: bool
    periods: list
    value: dict[Hashable, list[int]]
    total: dict[Hashable, list[int]]
    children: dict[Hashable, list[Hashable]]
    reason: dict[tuple[Hashable, int], str] = field(default_factory=dict)

    def suppressed(self, geo: Hashable, i: int) -> bool:
        return (geo, i) in self.reason

    def bounds_if_suppressed(self, geo: Hashable, i: int) -> tuple[float, float]:
        """What the series of `geo` alone tells about its value in period `i` if that value were
        withheld: the published neighbours, the non-decreasing Roma and non-Roma counts of a
        cumulative series, and the cell's total."""
        total = self.total[geo]
        low, high = 0.0, float(total[i])
        if not self.cumulative:
            return low, high
        values = self.value[geo]
        before = next((j for j in range(i - 1, -1, -1) if not self.suppressed(geo, j)), None)
        after = next((j for j in range(i + 1, len(values)) if not self.suppressed(geo, j)), None)
        previous_value, previous_total = (
            (0, 0)
            if before is None
            else (
                values[before],
                total[before],
            )
        )
        low = max(low, previous_value)
        high = min(high, previous_value + total[i] - previous_total)
        if after is not None:
            high = min(high, values[after])
            low = max(low, values[after] - (total[after] - total[i]))
        return low, high

    def groups(self) -> list[list[Hashable]]:
        """Each additive group as [parent, *children]."""
        return [[parent, *kids] for parent, kids in self.children.items() if kids]

    def pinned_if_suppressed(self, geo: Hashable, i: int) -> bool:
        low, high = self.bounds_if_suppressed(geo, i)
        return high - low < 1


def _series_rules(table: RomaTable, threshold: int) -> None:
    for geo, values in table.value.items():
        last_published = 0
        for i, value in enumerate(values):
            complement = table.total[geo][i] - value
            if 1 <= value < threshold:
                table.reason[(geo, i)] = PRIMARY
            elif value > 0 and complement < threshold:
                table.reason[(geo, i)] = COMPLEMENT
            elif table.cumulative and 1 <= value - last_published < threshold:
                table.reason[(geo, i)] = DIFFERENCE
            else:
                last_published = value


def _withhold_unpinned(table: RomaTable, geo: Hashable, i: int) -> bool:
    """Withhold (geo, i) and, while its own series still pins it, its nearest published
    neighbours (later first), at most MAX_RUN of them. Undone, returning False, when it cannot
    be unpinned that way (e.g. a cell whose total is 0, or a long flat series)."""
    added = [(geo, i)]
    table.reason[(geo, i)] = SECONDARY
    n = len(table.periods)
    while table.pinned_if_suppressed(geo, i):
        later = next((j for j in range(i + 1, n) if not table.suppressed(geo, j)), None)
        earlier = next((j for j in range(i - 1, -1, -1) if not table.suppressed(geo, j)), None)
        neighbour = later if later is not None else earlier
        if neighbour is None or not table.cumulative or len(added) > MAX_RUN:
            for cell in added:
                del table.reason[cell]
            return False
        added.append((geo, neighbour))
        table.reason[(geo, neighbour)] = SECONDARY
    return True


def _withhold_complement(table: RomaTable, members: list[Hashable], i: int) -> bool:
    """Withhold a complement among a group's open cells in month `i`: the smallest one whose
    value its own series cannot pin down (children before the parent on a tie); failing that,
    the smallest one that can be unpinned by withholding its neighbouring months too."""
    candidates = sorted(
        (table.value[g][i], -rank, g)  # rank 0 is the parent: last among equal values
        for rank, g in enumerate(members)
        if not table.suppressed(g, i)
    )
    for _, _, geo in candidates:
        if not table.pinned_if_suppressed(geo, i):
            table.reason[(geo, i)] = SECONDARY
            return True
    return any(_withhold_unpinned(table, geo, i) for _, _, geo in candidates)


def _protect(table: RomaTable, cell: tuple[Hashable, int]) -> bool:
    """Withhold one more cell to protect `cell`: a complement in the nearest group linked to it
    through withheld cells (in its month, or through its series' neighbouring withheld months),
    else the next published value of its own series. False when nothing is left to withhold."""
    groups = table.groups()
    seen, frontier = {cell}, [cell]
    while frontier:
        geo, i = frontier.pop(0)
        linked = [(geo, j) for j in (i - 1, i + 1) if 0 <= j < len(table.periods)]
        for members in groups:
            if geo not in members:
                continue
            if _withhold_complement(table, members, i):
                return True
            linked += [(g, i) for g in members]
        for neighbour in linked:
            if neighbour not in seen and table.suppressed(*neighbour):
                seen.add(neighbour)
                frontier.append(neighbour)
    geo, i = cell
    later = [j for j in range(i + 1, len(table.periods)) if not table.suppressed(geo, j)]
    if table.cumulative and later:
        table.reason[(geo, later[0])] = SECONDARY
        return True
    return False


def _secondary(table: RomaTable) -> None:
    """Until no group of a month has exactly one withheld cell, withhold a complement there."""
    groups = table.groups()
    changed = True
    while changed:
        changed = False
        for i in range(len(table.periods)):
            for members in groups:
                withheld = [g for g in members if table.suppressed(g, i)]
                if len(withheld) == 1 and _protect(table, (withheld[0], i)):
                    changed = True


def _equations(table: RomaTable) -> list[list[tuple[tuple, int]]]:
    """The public rules as equations sum(coefficient * variable) = 0 over the variables
    ("x", geo, i) (the value) and, for a cumulative series, ("d", geo, i) (the month's increase,
    x[i] - x[i-1], with x[-1] = 0)."""
    n = len(table.periods)
    equations = []
    for parent, *kids in table.groups():
        kinds = ("x", "d") if table.cumulative else ("x",)
        for kind in kinds:
            for i in range(n):
                equations.append([((kind, parent, i), 1)] + [((kind, k, i), -1) for k in kids])
    if table.cumulative:
        for geo in table.value:
            for i in range(n):
                equation = [(("x", geo, i), 1), (("d", geo, i), -1)]
                if i > 0:
                    equation.append((("x", geo, i - 1), -1))
                equations.append(equation)
    return equations


def _initial_bounds(table: RomaTable) -> dict[tuple, tuple[float, float]]:
    bounds: dict[tuple, tuple[float, float]] = {}
    for geo, values in table.value.items():
        total = table.total[geo]
        for i, value in enumerate(values):
            if table.suppressed(geo, i):
                bounds[("x", geo, i)] = (0, total[i])
            else:
                bounds[("x", geo, i)] = (value, value)
            if table.cumulative:  # Roma and non-Roma both never fall
                bounds[("d", geo, i)] = (0, total[i] - (total[i - 1] if i else 0))
    return bounds


def _tighten(equation, bounds) -> list[tuple]:
    """Narrow each variable of one equation (sum of coefficient * variable = 0, coefficients
    +-1) to what the others allow, rounded inwards to integers. Returns the variables narrowed."""
    low_sum = sum(c * bounds[v][0 if c > 0 else 1] for v, c in equation)
    high_sum = sum(c * bounds[v][1 if c > 0 else 0] for v, c in equation)
    narrowed = []
    for var, coef in equation:
        low, high = bounds[var]
        if low == high:
            continue
        own_low, own_high = (low, high) if coef > 0 else (-high, -low)
        # coef * var = -(the rest), and the rest lies in [low_sum - own_low, high_sum - own_high]
        rest_low, rest_high = low_sum - own_low, high_sum - own_high
        new_low, new_high = (-rest_high, -rest_low) if coef > 0 else (rest_low, rest_high)
        new_low = max(low, math.ceil(new_low - 1e-9))
        new_high = min(high, math.floor(new_high + 1e-9))
        if (new_low, new_high) != (low, high):
            bounds[var] = (new_low, new_high)
            narrowed.append(var)
            own = (new_low, new_high) if coef > 0 else (-new_high, -new_low)
            low_sum += own[0] - own_low
            high_sum += own[1] - own_high
    return narrowed


def feasible_bounds(table: RomaTable) -> dict[tuple[Hashable, int], tuple[int, int]]:
    """The attacker's view, by interval propagation over the public rules (_equations): for
    every withheld cell, the least and the greatest integer consistent with the published
    values, the totals, the additive groups and, for a cumulative series, the month-to-month
    increases of Roma and non-Roma (never negative). Tightened until nothing moves."""
    bounds = _initial_bounds(table)
    equations = _equations(table)
    involving: dict[tuple, list[int]] = defaultdict(list)
    for n, equation in enumerate(equations):
        for var, _ in equation:
            involving[var].append(n)
    queue = deque(
        n for n, eq in enumerate(equations) if any(bounds[v][0] != bounds[v][1] for v, _ in eq)
    )
    queued = set(queue)
    while queue:
        n = queue.popleft()
        queued.discard(n)
        for var in _tighten(equations[n], bounds):
            for other in involving[var]:
                if other not in queued:
                    queued.add(other)
                    queue.append(other)
    return {
        (geo, i): bounds[("x", geo, i)]
        for geo in table.value
        for i in range(len(table.periods))
        if table.suppressed(geo, i)
    }


def _disclosed(table: RomaTable) -> list[tuple[Hashable, int]]:
    return sorted(
        (cell for cell, (low, high) in feasible_bounds(table).items() if high - low < 1),
        key=lambda cell: (cell[1], str(cell[0])),
    )


def _audit_and_repair(table: RomaTable) -> None:
    """Withhold further cells until no withheld cell can be determined: first against interval
    propagation (fast), then against the exact linear-programming audit (privacy.audit)."""
    from roma_monitor.privacy.audit import determined_cells  # scipy: only when suppressing

    while True:
        disclosed = _disclosed(table) or determined_cells(table)
        if not any([_protect(table, cell) for cell in disclosed]):
            return
        _secondary(table)


def suppress_table(table: RomaTable, threshold: int) -> dict[tuple[Hashable, int], str]:
    """Apply the rules to one indicator's table; returns {(geo, period index): reason}."""
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    table.reason.clear()
    _series_rules(table, threshold)
    _secondary(table)
    _audit_and_repair(table)
    return dict(table.reason)


def tables_by_indicator(cells: pd.DataFrame) -> Iterable[tuple[str, RomaTable]]:
    """One RomaTable per indicator of `cells` (INPUT_COLUMNS), nothing withheld yet."""
    for indicator, rows in cells.groupby("indicator_code", sort=True):
        aggregations = set(rows["aggregation"])
        if len(aggregations) != 1:
            raise ValueError(f"{indicator}: one aggregation expected, got {aggregations}")
        periods = sorted(rows["period"].unique())
        position = {p: i for i, p in enumerate(periods)}
        geos = sorted(rows["geo_code"].unique())
        value = {g: [0] * len(periods) for g in geos}
        total = {g: [0] * len(periods) for g in geos}
        for geo, period, roma, all_units in rows[
            ["geo_code", "period", "roma", "total"]
        ].itertuples(index=False):
            value[geo][position[period]] = int(roma)
            total[geo][position[period]] = int(all_units)
        children: dict[Hashable, list[Hashable]] = defaultdict(list)
        parents = rows.drop_duplicates("geo_code").set_index("geo_code")["parent_geo_code"]
        for geo, parent in parents.items():
            if pd.notna(parent) and parent in value:
                children[parent].append(geo)
        table = RomaTable(
            cumulative=aggregations == {"cumulative"},
            periods=periods,
            value=value,
            total=total,
            children={p: sorted(kids) for p, kids in sorted(children.items())},
        )
        yield indicator, table


def suppress_roma_cells(cells: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Suppression of every indicator's Roma cells.

    `cells`: one row per indicator × period × geography with INPUT_COLUMNS (`roma` and `total`
    unsuppressed counts; `parent_geo_code` names the cell's parent, or is missing for the top).
    Returns the suppressed cells: indicator_code, period, geo_code, suppression_reason.
    """
    missing = set(INPUT_COLUMNS) - set(cells.columns)
    if missing:
        raise ValueError(f"missing columns: {sorted(missing)}")
    out = []
    for indicator, table in tables_by_indicator(cells):
        for (geo, i), reason in suppress_table(table, threshold).items():
            out.append((indicator, table.periods[i], geo, reason))
    frame = pd.DataFrame(
        out, columns=["indicator_code", "period", "geo_code", "suppression_reason"]
    )
    return frame.sort_values(["indicator_code", "geo_code", "period"], ignore_index=True)
