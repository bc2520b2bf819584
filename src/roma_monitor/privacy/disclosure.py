"""Disclosure control of the published Roma counts (docs/privacy.md, section 2).

Roma counts are published at the Roma reporting points (quarter ends), rounded to the nearest
multiple of the rounding base: with base 5, 0-2 is published as 0, 3-7 as 5, 8-12 as 10. Two
rules withhold a cell instead:

- **complement**: a Roma count above 0 whose complement (total - Roma) is below the threshold;
  publishing it would say that (almost) everyone counted there is Roma;
- **audit**: the attacker below could work the count out: exactly (its feasible range is
  narrower than 1), or enough to know that fewer than `threshold` of the people counted there
  are not Roma. Published cells are withheld first; then the published cells tied to a
  withheld one.

The attacker knows everything that is published and every rule that ties the figures together:

- each published count lies in its rounding interval, a withheld one in [0, total];
- every total (they are published exactly);
- a parent area's count is the sum of its children's, at every point;
- in a cumulative series, neither the Roma nor the non-Roma count falls between two points;
- an indicator never exceeds its upper bound at the same place and time (results <= leavers <=
  participants: `upper_bounds`).

The audit first propagates intervals through these rules (fast), then solves them as linear
programmes (HiGHS): vertices that push the open cells down, up and at random together show most
cells free, and only the rest are minimised and maximised exactly. tests/privacy attacks the
result with an independent linear-programming attacker.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

COMPLEMENT = "complement"
AUDIT = "audit"
ROUNDING_BASE = 5
# Roma counts are published for the months that end a quarter.
REPORTING_MONTHS = (3, 6, 9, 12)
# Objectives that move many cells together, tried while they clear any suspect.
MAX_PUSHES = 12
MAX_REPAIRS = 200
# HiGHS simplex_strategy values
DUAL_SIMPLEX = 1
PRIMAL_SIMPLEX = 4

INPUT_COLUMNS = (
    "indicator_code",
    "aggregation",
    "period",
    "geo_code",
    "parent_geo_code",
    "roma",
    "total",
)
OUTPUT_COLUMNS = ("indicator_code", "period", "geo_code", "published_value", "withheld_reason")
# A family's result is a function of its cells, the upper bounds, the threshold, the base,
# this module's code and the solver's; a build reuses the previous build's result of a family
# whose digest of all of these is unchanged (protect_roma_cells(previous=...)).
FAMILY_DIGEST = "family_digest"
CODE_DIGEST = hashlib.sha256(
    Path(__file__).read_bytes()
    + "".join(f"|{p}=={metadata.version(p)}" for p in ("highspy", "numpy", "pandas")).encode()
).hexdigest()


def round_to_base(count: int, base: int = ROUNDING_BASE) -> int:
    """The nearest multiple of `base` (halves up): 0-2 -> 0, 3-7 -> 5 for base 5."""
    return base * math.floor(count / base + 0.5)


def rounding_interval(published: int, base: int = ROUNDING_BASE) -> tuple[int, int]:
    """The counts that `round_to_base` publishes as `published`."""
    return max(0, math.ceil(published - base / 2)), math.ceil(published + base / 2) - 1


@dataclass
class Family:
    """The Roma cells of indicators tied together by upper bounds: one variable per cell."""

    cells: list[tuple[str, str, object]]  # (indicator, geo, period)
    truth: np.ndarray
    total: np.ndarray
    cumulative: np.ndarray
    # constraints: low <= sum(coefficient * variable) <= high, coefficients +-1
    rows: list[tuple[list[int], list[float], float, float]] = field(default_factory=list)
    withheld: dict[int, str] = field(default_factory=dict)

    def knowledge(self, base: int) -> tuple[np.ndarray, np.ndarray]:
        """What the attacker knows of each cell on its own."""
        low, high = np.zeros(len(self.cells)), self.total.astype(float).copy()
        for k, value in enumerate(self.truth):
            if k not in self.withheld:
                a, b = rounding_interval(round_to_base(int(value), base), base)
                low[k], high[k] = max(low[k], a), min(high[k], b)
        return low, high


def _family_of(cells: pd.DataFrame, upper_bounds: dict[str, str]) -> Family:
    cells = cells.sort_values(["indicator_code", "geo_code", "period"], ignore_index=True)
    keys = list(zip(cells["indicator_code"], cells["geo_code"], cells["period"], strict=True))
    index = {key: k for k, key in enumerate(keys)}
    family = Family(
        cells=keys,
        truth=cells["roma"].to_numpy(dtype=float),
        total=cells["total"].to_numpy(dtype=float),
        cumulative=(cells["aggregation"] == "cumulative").to_numpy(),
    )
    parents = cells.drop_duplicates(["indicator_code", "geo_code"])
    children: dict[tuple[str, str], list[str]] = defaultdict(list)
    for indicator, geo, parent in zip(
        parents["indicator_code"], parents["geo_code"], parents["parent_geo_code"], strict=True
    ):
        if pd.notna(parent):
            children[(indicator, parent)].append(geo)
    periods = sorted(set(cells["period"]))
    for (indicator, parent), kids in children.items():
        for period in periods:
            members = [(indicator, parent, period)] + [(indicator, k, period) for k in kids]
            if all(m in index for m in members):
                variables = [index[m] for m in members]
                family.rows.append((variables, [1.0] + [-1.0] * len(kids), 0.0, 0.0))
    previous: dict[tuple[str, str], int] = {}
    for k, (indicator, geo, _) in enumerate(keys):
        j = previous.get((indicator, geo))
        if j is not None and family.cumulative[k]:
            # Roma never falls, nor does non-Roma: 0 <= x_k - x_j <= total_k - total_j
            rise = float(family.total[k] - family.total[j])
            family.rows.append(([k, j], [1.0, -1.0], 0.0, rise))
        previous[(indicator, geo)] = k
    for k, (indicator, geo, period) in enumerate(keys):
        bound = upper_bounds.get(indicator)
        j = index.get((bound, geo, period)) if bound else None
        if j is not None:
            family.rows.append(([k, j], [1.0, -1.0], -math.inf, 0.0))
    return family


def _propagate(family: Family, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, ...]:
    """Interval propagation through the rows, rounded inwards to integers, until nothing moves."""
    low, high = low.copy(), high.copy()
    involving: dict[int, list[int]] = defaultdict(list)
    for n, (variables, _, _, _) in enumerate(family.rows):
        for v in variables:
            involving[v].append(n)
    queue = deque(range(len(family.rows)))
    queued = set(queue)
    while queue:
        n = queue.popleft()
        queued.discard(n)
        variables, coefficients, row_low, row_high = family.rows[n]
        least = sum(
            c * (low[v] if c > 0 else high[v]) for v, c in zip(variables, coefficients, strict=True)
        )
        most = sum(
            c * (high[v] if c > 0 else low[v]) for v, c in zip(variables, coefficients, strict=True)
        )
        for v, c in zip(variables, coefficients, strict=True):
            own_least = c * (low[v] if c > 0 else high[v])
            own_most = c * (high[v] if c > 0 else low[v])
            # c * v lies in [row_low - (most - own_most), row_high - (least - own_least)]
            term_low = row_low - (most - own_most)
            term_high = row_high - (least - own_least)
            new_low, new_high = (term_low, term_high) if c > 0 else (-term_high, -term_low)
            if math.isfinite(new_low):
                new_low = max(low[v], math.ceil(new_low - 1e-9))
            new_low = max(low[v], new_low)
            if math.isfinite(new_high):
                new_high = min(high[v], math.floor(new_high + 1e-9))
            new_high = min(high[v], new_high)
            if new_low > low[v] or new_high < high[v]:
                low[v], high[v] = new_low, new_high
                least = sum(
                    c2 * (low[u] if c2 > 0 else high[u])
                    for u, c2 in zip(variables, coefficients, strict=True)
                )
                most = sum(
                    c2 * (high[u] if c2 > 0 else low[u])
                    for u, c2 in zip(variables, coefficients, strict=True)
                )
                for other in involving[v]:
                    if other not in queued:
                        queued.add(other)
                        queue.append(other)
    return low, high


def _disclosed(family: Family, low, high, threshold: int, candidates=None) -> list[int]:
    """Cells the bounds give away: a positive count known exactly, or that (almost) everyone
    counted there is Roma: at least one Roma where fewer than `threshold` are counted, or fewer
    than `threshold` who are not Roma."""
    found = []
    for k in range(len(family.cells)) if candidates is None else candidates:
        if family.truth[k] < 1:
            continue
        known_small_complement = low[k] > max(0.0, family.total[k] - threshold) + 1e-9
        if high[k] - low[k] < 1 - 1e-9 or known_small_complement:
            found.append(k)
    return found


class _LinearProgram:
    """The attacker's rules as one linear programme. HiGHS keeps its basis between objectives.
    An objective on one cell (the exact phase) is solved by the primal simplex: the previous
    optimum stays feasible and is a few pivots away (measured on the sample: ~0.1 s a solve,
    where the dual simplex took ~1 s, restarting from a basis no longer dual feasible). An
    objective on many cells is solved by the dual simplex, which was faster for those."""

    def __init__(self, family: Family, low: np.ndarray, high: np.ndarray):
        import highspy  # only when auditing
        from scipy.sparse import coo_matrix

        self.size = len(family.cells)
        entries: tuple[list, list, list] = ([], [], [])
        row_low, row_high = [], []
        for variables, coefficients, lower, upper in family.rows:
            row = len(row_low)
            for v, c in zip(variables, coefficients, strict=True):
                entries[0].append(row)
                entries[1].append(v)
                entries[2].append(c)
            row_low.append(-highspy.kHighsInf if math.isinf(lower) else lower)
            row_high.append(highspy.kHighsInf if math.isinf(upper) else upper)
        matrix = coo_matrix(
            (entries[2], (entries[0], entries[1])), (len(row_low), self.size)
        ).tocsc()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.size, len(row_low)
        lp.col_cost_ = np.zeros(self.size)
        lp.col_lower_, lp.col_upper_ = np.asarray(low, float), np.asarray(high, float)
        lp.row_lower_, lp.row_upper_ = np.array(row_low, float), np.array(row_high, float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")  # keep the basis between objectives
        self.highs.passModel(lp)
        self.optimal = highspy.HighsModelStatus.kOptimal
        self.columns = np.arange(self.size, dtype=np.int32)

    def vertex(self, objective: np.ndarray) -> np.ndarray:
        one_cell = np.count_nonzero(objective) == 1
        self.highs.setOptionValue("simplex_strategy", PRIMAL_SIMPLEX if one_cell else DUAL_SIMPLEX)
        self.highs.changeColsCost(self.size, self.columns, np.asarray(objective, float))
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != self.optimal:
            raise RuntimeError(
                f"disclosure audit LP failed: {self.highs.modelStatusToString(status)}"
            )
        return np.array(self.highs.getSolution().col_value)


def _lp_disclosed(family: Family, low, high, threshold: int, seed: int = 0) -> list[int]:
    """The exact audit: cells whose least and greatest feasible values give them away."""
    open_cells = [k for k in range(len(family.cells)) if family.truth[k] >= 1]
    if not open_cells:
        return []
    program = _LinearProgram(family, low, high)
    seen_low, seen_high = family.truth.copy(), family.truth.copy()

    def see(objective: np.ndarray) -> None:
        nonlocal seen_low, seen_high
        vertex = program.vertex(objective)
        seen_low, seen_high = np.minimum(seen_low, vertex), np.maximum(seen_high, vertex)

    # Every vertex is a point the attacker cannot rule out: the suspects (at first every open
    # cell) pushed down, up and at random together, while that clears any of them.
    rng = np.random.default_rng(seed)
    suspects = open_cells
    for attempt in range(MAX_PUSHES):
        if not suspects:
            return []
        objective = np.zeros(len(family.cells))
        objective[suspects] = (1.0, -1.0, rng.choice([-1.0, 1.0], len(suspects)))[attempt % 3]
        see(objective)
        before, suspects = (
            len(suspects),
            _disclosed(family, seen_low, seen_high, threshold, suspects),
        )
        if attempt >= 2 and len(suspects) == before:
            break
    # What is left is solved exactly, one cell at a time, lowest first.
    found = []
    while suspects:
        k, *rest = suspects
        for direction in (1.0, -1.0):
            if _disclosed(family, seen_low, seen_high, threshold, [k]):
                objective = np.zeros(len(family.cells))
                objective[k] = direction
                see(objective)
        found += _disclosed(family, seen_low, seen_high, threshold, [k])
        suspects = _disclosed(family, seen_low, seen_high, threshold, rest)
    return found


def _nearest_published(family: Family, k: int, involving: dict[int, list[int]]) -> list[int]:
    """The published cells nearest to cell k through the rows that tie cells together (its
    group, its series' neighbours, its upper and lower bounds, then theirs, and so on)."""
    seen, layer = {k}, [k]
    while layer:
        following = []
        for cell in layer:
            for n in involving[cell]:
                for v in family.rows[n][0]:
                    if v not in seen:
                        seen.add(v)
                        following.append(v)
        published = [v for v in following if v not in family.withheld]
        if published:
            return published
        layer = following
    return []


def _repair(family: Family, disclosed: list[int]) -> bool:
    """Withhold the disclosed published cells; for a disclosed withheld cell, the published
    cells nearest to it. False when there is nothing left to withhold."""
    involving: dict[int, list[int]] = defaultdict(list)
    for n, (variables, _, _, _) in enumerate(family.rows):
        for v in variables:
            involving[v].append(n)
    changed = False
    for k in disclosed:
        targets = [k] if k not in family.withheld else _nearest_published(family, k, involving)
        for v in targets:
            if v not in family.withheld:
                family.withheld[v] = AUDIT
                changed = True
    return changed


def audit(family: Family, threshold: int, base: int) -> list[int]:
    """The cells the attacker can give away from what the family publishes (none is the aim)."""
    low, high = _propagate(family, *family.knowledge(base))
    return _disclosed(family, low, high, threshold) or _lp_disclosed(family, low, high, threshold)


def protect_family(family: Family, threshold: int, base: int) -> dict[int, str]:
    for k, (value, total) in enumerate(zip(family.truth, family.total, strict=True)):
        if value > 0 and total - value < threshold:
            family.withheld[k] = COMPLEMENT
    for _ in range(MAX_REPAIRS):
        disclosed = audit(family, threshold, base)
        if not disclosed:
            return family.withheld
        if not _repair(family, disclosed):
            break
    raise RuntimeError(
        "disclosure audit: some Roma cells stay recoverable with everything tied to them "
        "withheld; nothing is published"
    )


def _family_cells(cells: pd.DataFrame, upper_bounds: dict[str, str]) -> list[pd.DataFrame]:
    """The cells of each group of indicators tied by upper bounds (a family), one frame each."""
    group = {code: code for code in cells["indicator_code"].unique()}

    def find(code: str) -> str:
        while group[code] != code:
            code = group[code]
        return code

    for code, bound in upper_bounds.items():
        if code in group and bound in group:
            group[find(code)] = find(bound)
    keys = cells["indicator_code"].map(find)
    return [rows for _, rows in cells.groupby(keys, sort=True)]


def family_digest(
    rows: pd.DataFrame, upper_bounds: dict[str, str], threshold: int, base: int
) -> str:
    """A digest of everything a family's result depends on: its cells (in a fixed order), the
    upper bounds, the threshold, the base, and this module's and the solver's code."""
    ordered = rows.sort_values(["indicator_code", "geo_code", "period"], ignore_index=True)
    digest = hashlib.sha256(f"{CODE_DIGEST}|{threshold}|{base}|".encode())
    digest.update(repr(sorted(upper_bounds.items())).encode())
    for column in INPUT_COLUMNS:
        digest.update(column.encode())
        digest.update(pd.util.hash_pandas_object(ordered[column], index=False).to_numpy())
    return digest.hexdigest()


def protect_roma_cells(
    cells: pd.DataFrame,
    upper_bounds: dict[str, str],
    threshold: int,
    base: int = ROUNDING_BASE,
    previous: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Disclosure control of every Roma cell at the reporting points.

    `cells`: INPUT_COLUMNS, one row per indicator x reporting point x area, with the exact Roma
    count and the total. `upper_bounds`: indicator -> the indicator it never exceeds.
    `previous`: an earlier result of this function; a family whose digest it holds is taken
    from it instead of audited again (the same inputs give the same result).
    Returns OUTPUT_COLUMNS and FAMILY_DIGEST: the published (rounded) count, or NULL with the
    rule that withheld it. `attrs["families_reused"]` and `["families_audited"]` say how many
    families were taken from `previous` and how many were computed.
    """
    if threshold < 1 or base < 1:
        raise ValueError("the threshold and the rounding base must be at least 1")
    missing = set(INPUT_COLUMNS) - set(cells.columns)
    if missing:
        raise ValueError(f"missing columns: {sorted(missing)}")
    known = _results_by_family(previous)
    out, reused = [], []
    audited = 0
    for rows in _family_cells(cells, upper_bounds):
        digest = family_digest(rows, upper_bounds, threshold, base)
        if digest in known and len(known[digest]) == len(rows):
            reused.append(known[digest])
            continue
        audited += 1
        family = _family_of(rows, upper_bounds)
        withheld = protect_family(family, threshold, base)
        for k, (indicator, geo, period) in enumerate(family.cells):
            reason = withheld.get(k)
            published = None if reason else round_to_base(int(family.truth[k]), base)
            out.append((indicator, period, geo, published, reason, digest))
    frame = pd.DataFrame(out, columns=[*OUTPUT_COLUMNS, FAMILY_DIGEST])
    if reused:
        frame = pd.concat([frame, *reused], ignore_index=True) if out else pd.concat(reused)
    frame["published_value"] = frame["published_value"].astype("Int64")
    frame = frame.sort_values(["indicator_code", "geo_code", "period"], ignore_index=True)
    frame.attrs.update(families_reused=len(reused), families_audited=audited)
    return frame


def _results_by_family(previous: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    if previous is None or FAMILY_DIGEST not in previous.columns:
        return {}
    columns = [*OUTPUT_COLUMNS, FAMILY_DIGEST]
    return {
        digest: rows[columns].reset_index(drop=True)
        for digest, rows in previous.groupby(FAMILY_DIGEST, sort=False)
    }
