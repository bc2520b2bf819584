"""Linear-programming audit of a suppressed Roma table: which withheld cells an attacker could
still determine exactly from what is published (the check SDC tools such as tau-ARGUS run).

The attacker knows every published value and total, that parents are sums of their children
every month, and, for a cumulative series, that neither the Roma nor the non-Roma count ever
falls. A withheld cell is determined when its least and greatest feasible values are less than 1
apart. Solving two LPs per withheld cell is slow for thousands of cells, so vertices for a few
random objectives first rule out every cell that is seen to take two values; only the rest are
solved exactly.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from roma_monitor.privacy.suppression import RomaTable

RANDOM_OBJECTIVES = 6


class _Problem:
    def __init__(self, table: RomaTable):
        n = len(table.periods)
        self.cells = [(g, i) for g in table.value for i in range(n)]
        index = {cell: k for k, cell in enumerate(self.cells)}
        self.bounds = [
            (0.0, float(table.total[g][i]))
            if table.suppressed(g, i)
            else (float(table.value[g][i]),) * 2
            for g, i in self.cells
        ]
        eq_rows, eq_cols, eq_vals, n_eq = [], [], [], 0
        for parent, *kids in table.groups():
            for i in range(n):
                for geo, coefficient in ((parent, 1.0), *((k, -1.0) for k in kids)):
                    eq_rows.append(n_eq)
                    eq_cols.append(index[(geo, i)])
                    eq_vals.append(coefficient)
                n_eq += 1
        ub_rows, ub_cols, ub_vals, upper = [], [], [], []
        if table.cumulative:
            for g in table.value:
                total = table.total[g]
                for i in range(1, n):
                    for sign, limit in ((1.0, 0.0), (-1.0, float(total[i] - total[i - 1]))):
                        row = len(upper)  # sign * (x[i-1] - x[i]) <= limit
                        ub_rows += [row, row]
                        ub_cols += [index[(g, i - 1)], index[(g, i)]]
                        ub_vals += [sign, -sign]
                        upper.append(limit)
        size = len(self.cells)
        self.constraints = {"bounds": self.bounds, "method": "highs"}
        if n_eq:
            self.constraints["A_eq"] = coo_matrix((eq_vals, (eq_rows, eq_cols)), (n_eq, size))
            self.constraints["b_eq"] = np.zeros(n_eq)
        if upper:
            self.constraints["A_ub"] = coo_matrix((ub_vals, (ub_rows, ub_cols)), (len(upper), size))
            self.constraints["b_ub"] = np.array(upper)

    def solve(self, objective: np.ndarray) -> np.ndarray:
        result = linprog(objective, **self.constraints)
        if result.status != 0:
            raise RuntimeError(f"suppression audit LP failed: {result.message}")
        return result.x


def determined_cells(table: RomaTable, seed: int = 0) -> list[tuple[Hashable, int]]:
    """The withheld cells whose value the published figures determine (range narrower than 1)."""
    problem = _Problem(table)
    withheld = [k for k, cell in enumerate(problem.cells) if table.suppressed(*cell)]
    if not withheld:
        return []
    truth = np.array([table.value[g][i] for g, i in problem.cells], dtype=float)
    low, high = truth.copy(), truth.copy()
    rng = np.random.default_rng(seed)
    for _ in range(RANDOM_OBJECTIVES):
        objective = np.zeros(len(problem.cells))
        objective[withheld] = rng.normal(size=len(withheld))
        vertex = problem.solve(objective)
        low, high = np.minimum(low, vertex), np.maximum(high, vertex)
    determined = []
    for k in withheld:
        if high[k] - low[k] >= 1:
            continue
        objective = np.zeros(len(problem.cells))
        objective[k] = 1.0
        least = problem.solve(objective)[k]
        greatest = problem.solve(-objective)[k]
        if greatest - least < 1 - 1e-9:
            determined.append(problem.cells[k])
    return determined
