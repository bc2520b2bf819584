"""An attacker who knows every published figure and every rule that ties the figures together,
and tries to recover withheld Roma counts by linear programming (the audit SDC tools such as
tau-ARGUS run): for each withheld cell, the least and the greatest value consistent with
- the published Roma values and the published totals (0 <= Roma <= total),
- the additive groups (a parent equals the sum of its children, every month),
- for a cumulative series: Roma never falls, and neither does non-Roma (total - Roma).
A withheld cell whose feasible range is narrower than 1 holds a single integer: recovered.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from scipy.optimize import linprog

from roma_monitor.privacy.suppression import RomaTable


def feasible_ranges(table: RomaTable) -> dict[tuple[Hashable, int], tuple[float, float]]:
    cells = [(g, i) for g in table.value for i in range(len(table.periods))]
    index = {cell: n for n, cell in enumerate(cells)}
    bounds = []
    for g, i in cells:
        if table.suppressed(g, i):
            bounds.append((0.0, float(table.total[g][i])))
        else:
            bounds.append((float(table.value[g][i]),) * 2)
    equalities, inequalities, upper = [], [], []
    for parent, kids in table.children.items():
        for i in range(len(table.periods)):
            row = np.zeros(len(cells))
            row[index[(parent, i)]] = 1.0
            for kid in kids:
                row[index[(kid, i)]] -= 1.0
            equalities.append(row)
    if table.cumulative:
        for g in table.value:
            for i in range(1, len(table.periods)):
                rise = np.zeros(len(cells))
                rise[index[(g, i - 1)]], rise[index[(g, i)]] = 1.0, -1.0
                inequalities.append(rise)  # Roma never falls
                upper.append(0.0)
                inequalities.append(-rise)  # nor does non-Roma
                upper.append(float(table.total[g][i] - table.total[g][i - 1]))
    constraints = {
        "A_eq": np.array(equalities) if equalities else None,
        "b_eq": np.zeros(len(equalities)) if equalities else None,
        "A_ub": np.array(inequalities) if inequalities else None,
        "b_ub": np.array(upper) if upper else None,
        "bounds": bounds,
        "method": "highs",
    }
    ranges = {}
    for cell in cells:
        if not table.suppressed(*cell):
            continue
        objective = np.zeros(len(cells))
        objective[index[cell]] = 1.0
        low = linprog(objective, **constraints)
        high = linprog(-objective, **constraints)
        assert low.status == 0 and high.status == 0, (low.message, high.message)
        ranges[cell] = (low.fun, -high.fun)
    return ranges


def recovered_cells(table: RomaTable) -> dict[tuple[Hashable, int], tuple[float, float]]:
    return {
        cell: (low, high)
        for cell, (low, high) in feasible_ranges(table).items()
        if high - low < 1 - 1e-9
    }
