"""The Roma disclosure control as published from the shared sample home (real loads, real dbt,
real publish): what the council's snapshot shows, what it costs, and an attack on it.

The attacker here is written from the publication rules (docs/privacy.md) and reads only the
public snapshot and the public catalogue; the exact counts of the Ministry's internal snapshot
are used only to judge its result. It imports nothing from roma_monitor.privacy."""

from __future__ import annotations

import csv
import math

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy.sparse import coo_matrix

from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.settings import DBT_PROJECT_DIR

THRESHOLD, BASE = 5, 5  # the sample home is published with the defaults
QUARTER_ENDS = (3, 6, 9, 12)
REVIEWED_BOUNDS = DBT_PROJECT_DIR / "seeds" / "catalogue" / "ref_indicator_upper_bounds.csv"


@pytest.fixture(scope="module")
def snapshots(sample_home_paths):
    public = duckdb.connect(str(current_snapshot("indicators", sample_home_paths)), read_only=True)
    internal = duckdb.connect(
        str(current_snapshot("indicators_internal", sample_home_paths)), read_only=True
    )
    yield public, internal
    public.close()
    internal.close()


@pytest.fixture(scope="module")
def roma_cells(snapshots) -> pd.DataFrame:
    """Every Roma cell at a quarter end: the public value (NULL when withheld) and mark, beside
    the exact count (internal) and the total."""
    public, internal = snapshots
    published = public.sql(
        """
        SELECT r.indicator_code, r.period, r.geo_code, r.geo_level, g.parent_geo_code,
               i.aggregation, r.value AS published, r.is_suppressed, r.is_rounded,
               r.value_as_of, t.value AS total
        FROM fct_indicator_values AS r
        JOIN fct_indicator_values AS t USING (indicator_code, period, geo_code)
        JOIN dim_geography AS g USING (geo_code)
        JOIN dim_indicators AS i USING (indicator_code)
        WHERE r.breakdown = 'ethnicity' AND t.breakdown = 'total'
        """
    ).df()
    exact = internal.sql(
        "SELECT indicator_code, period, geo_code, value AS exact FROM fct_indicator_values "
        "WHERE breakdown = 'ethnicity'"
    ).df()
    cells = published.merge(exact, on=["indicator_code", "period", "geo_code"], validate="1:1")
    return cells[pd.to_datetime(cells["period"]).dt.month.isin(QUARTER_ENDS)]


def test_the_public_snapshot_has_no_internal_columns(snapshots):
    public, internal = snapshots
    for table in ("fct_indicator_values", "fct_indicator_progress"):
        columns = {row[0] for row in public.sql(f"DESCRIBE {table}").fetchall()}
        assert not {c for c in columns if "unsuppressed" in c or c == "suppression_reason"}
    utility = {row[0] for row in public.sql("DESCRIBE fct_disclosure_utility").fetchall()}
    assert not utility & {"cells_withheld_complement", "cells_withheld_audit"}
    assert not {c for c in utility if c.startswith("rounding_error")}
    meta = dict(internal.sql("SELECT key, value FROM publication").fetchall())
    assert meta["internal"] == "true"
    public_meta = dict(public.sql("SELECT key, value FROM publication").fetchall())
    assert "internal" not in public_meta
    assert public_meta["rounding_base"] == "5"


def test_every_published_roma_count_is_the_exact_one_rounded_to_5(roma_cells):
    shown = roma_cells[roma_cells["published"].notna()]
    assert len(shown) > 25_000
    assert (shown["published"] % BASE == 0).all()
    assert ((shown["published"] - shown["exact"]).abs() <= 2).all()
    # halves cannot occur for whole counts: 0-2 -> 0, 3-7 -> 5, 8-12 -> 10
    expected = (np.floor(shown["exact"] / BASE + 0.5) * BASE).astype(int)
    assert (shown["published"].astype(int) == expected).all()
    assert shown["is_rounded"].all() and not shown["is_suppressed"].any()
    # no count published where fewer than 5 of those counted are not Roma
    nearly_all = (shown["exact"] > 0) & (shown["total"] - shown["exact"] < THRESHOLD)
    assert not nearly_all.any()


def test_roma_figures_between_quarter_ends_are_those_of_the_last_quarter_end(snapshots):
    public, _ = snapshots
    rows = public.sql(
        """
        SELECT r.period, r.value_as_of, r.value, q.value AS quarter_value
        FROM fct_indicator_values AS r
        JOIN fct_indicator_values AS q
          ON q.indicator_code = r.indicator_code AND q.geo_code = r.geo_code
         AND q.breakdown = r.breakdown AND q.period = r.value_as_of
        WHERE r.breakdown = 'ethnicity' AND r.indicator_code = 'SIF_9144_PARTICIPANTS'
          AND r.geo_code = 'LV' AND r.period BETWEEN DATE '2022-07-01' AND DATE '2022-11-01'
        ORDER BY r.period
        """
    ).fetchall()
    assert [(str(p), str(a)) for p, a, _, _ in rows] == [
        ("2022-07-01", "2022-06-01"),
        ("2022-08-01", "2022-06-01"),
        ("2022-09-01", "2022-09-01"),
        ("2022-10-01", "2022-09-01"),
        ("2022-11-01", "2022-09-01"),
    ]
    assert all(value == quarter for _, _, value, quarter in rows)
    increases = public.execute(
        "SELECT count(*) FROM fct_indicator_values "
        "WHERE breakdown = 'ethnicity' AND value_in_period IS NOT NULL"
    ).fetchall()[0][0]
    assert increases == 0


def test_the_goals_of_issue_14_on_the_sample(roma_cells):
    """Every national Roma figure at the latest quarter end, >= 95 % of the country's and
    >= 85 % of the regions' cells over every quarter end (the goals; measured: 100 %, 99.8 %,
    and 97.0 % of the municipalities' cells)."""
    latest = roma_cells[roma_cells["period"] == roma_cells["period"].max()]
    country = latest[latest["geo_level"] == "country"]
    assert len(country) == 25 and country["published"].notna().all()
    share = roma_cells.groupby("geo_level")["published"].apply(lambda s: s.notna().mean())
    assert share["country"] >= 0.95
    assert share["planning_region"] >= 0.85
    assert share["municipality"] >= 0.90


def test_shares_come_from_published_counts_only(snapshots):
    public, _ = snapshots
    leaks = public.execute(
        """
        SELECT count(*) FROM fct_indicator_values
        WHERE breakdown = 'ethnicity'
          AND ((is_suppressed AND share IS NOT NULL)
               OR (is_denominator_suppressed AND (denominator IS NOT NULL OR share IS NOT NULL))
               OR (share IS NOT NULL AND (denominator < 20
                   OR abs(share - value / denominator) > 1e-9)))
        """
    ).fetchall()[0][0]
    assert leaks == 0


def _upper_bounds(public) -> dict[str, str]:
    bounds = dict(
        public.sql(
            "SELECT indicator_code, denominator_indicator_code FROM dim_indicators "
            "WHERE denominator_indicator_code IS NOT NULL"
        ).fetchall()
    )
    with REVIEWED_BOUNDS.open(encoding="utf-8") as file:
        bounds |= {
            row["indicator_code"]: row["upper_bound_indicator_code"] for row in csv.DictReader(file)
        }
    return bounds


def _attack(cells: pd.DataFrame, bounds: dict[str, str]) -> list[tuple]:
    """The cells with an exact count >= 1 that the public figures give away (LP over the
    rules of docs/privacy.md): known exactly, or known to be nearly all Roma."""
    cells = cells.sort_values(["indicator_code", "geo_code", "period"], ignore_index=True)
    n = len(cells)
    key = {
        k: i
        for i, k in enumerate(zip(cells.indicator_code, cells.geo_code, cells.period, strict=True))
    }
    low = np.zeros(n)
    high = cells["total"].to_numpy(float).copy()
    for i, value in enumerate(cells["published"]):
        if not pd.isna(value):
            low[i] = max(0, math.ceil(value - BASE / 2))
            high[i] = min(high[i], math.ceil(value + BASE / 2) - 1)
    eq, ub, b_ub = [], [], []
    children = cells.dropna(subset=["parent_geo_code"])
    for (indicator, parent, period), kids in children.groupby(
        ["indicator_code", "parent_geo_code", "period"]
    ):
        if (indicator, parent, period) in key:
            row = len(eq)
            eq.append((row, key[(indicator, parent, period)], 1.0))
            eq += [(row, key[(indicator, kid, period)], -1.0) for kid in kids["geo_code"]]
    eq_rows = 1 + max((r for r, _, _ in eq), default=-1)
    for (_, _), series in cells.groupby(["indicator_code", "geo_code"]):
        index = series.index.to_list()
        for earlier, later in zip(index, index[1:], strict=False):
            if series.loc[later, "aggregation"] != "cumulative":
                continue
            rise = cells.loc[later, "total"] - cells.loc[earlier, "total"]
            for sign, limit in ((-1.0, 0.0), (1.0, rise)):  # 0 <= later - earlier <= rise
                row = len(b_ub)
                ub += [(row, later, sign), (row, earlier, -sign)]
                b_ub.append(limit)
    for (indicator, geo, period), i in key.items():
        j = key.get((bounds.get(indicator), geo, period))
        if j is not None:
            row = len(b_ub)
            ub += [(row, i, 1.0), (row, j, -1.0)]
            b_ub.append(0.0)

    def matrix(entries, rows):
        r, c, v = zip(*entries, strict=True)
        return coo_matrix((v, (r, c)), (rows, n)).tocsr()

    import highspy
    from scipy.sparse import vstack

    rows = [
        m
        for m in (matrix(eq, eq_rows) if eq else None, matrix(ub, len(b_ub)) if ub else None)
        if m is not None
    ]
    a = vstack(rows).tocsc()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, a.shape[0]
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = np.zeros(n), low, high
    lp.row_lower_ = np.concatenate([np.zeros(eq_rows), np.full(len(b_ub), -highspy.kHighsInf)])
    lp.row_upper_ = np.concatenate([np.zeros(eq_rows), np.array(b_ub, float)])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    # Interior point without crossover: any optimal point will do (a range only widens with
    # points that are feasible), and it is ~5x faster here than simplex from scratch.
    solver.setOptionValue("solver", "ipm")
    solver.setOptionValue("run_crossover", "off")
    solver.passModel(lp)
    exact = cells["exact"].to_numpy(float)
    total = cells["total"].to_numpy(float)
    seen_low, seen_high = exact.copy(), exact.copy()

    def given_away(k: int) -> bool:
        small_complement = seen_low[k] > max(0.0, total[k] - THRESHOLD) + 1e-7
        return exact[k] >= 1 and (seen_high[k] - seen_low[k] < 1 - 1e-7 or small_complement)

    def solve(objective) -> None:
        nonlocal seen_low, seen_high
        solver.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(objective, float))
        solver.run()
        assert solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
        x = np.array(solver.getSolution().col_value)
        seen_low, seen_high = np.minimum(seen_low, x), np.maximum(seen_high, x)

    rng = np.random.default_rng(14)
    for _ in range(4):
        solve(np.where(exact >= 1, rng.normal(size=n), 0.0))
    suspects = [k for k in range(n) if given_away(k)]
    for push in range(8):  # the suspects together: down, up, at random, while that clears any
        if not suspects:
            break
        objective = np.zeros(n)
        objective[suspects] = (1.0, -1.0, rng.choice([-1.0, 1.0], len(suspects)))[push % 3]
        solve(objective)
        before, suspects = len(suspects), [k for k in suspects if given_away(k)]
        if push >= 2 and len(suspects) == before:
            break
    found = []
    for k in suspects:
        for sign in (1.0, -1.0):
            if given_away(k):
                objective = np.zeros(n)
                objective[k] = sign
                solve(objective)
        if given_away(k):
            found.append(
                (cells.loc[k, "indicator_code"], cells.loc[k, "geo_code"], cells.loc[k, "period"])
            )
    return found


def test_an_attacker_with_every_public_figure_gives_nothing_away(snapshots, roma_cells):
    """Rounding intervals, totals, areas summing to their parent, Roma and non-Roma never
    falling between quarter ends, results <= leavers <= participants: no Roma count of 1 or
    more is known exactly, and no cell is shown to be nearly all Roma."""
    public, _ = snapshots
    bounds = _upper_bounds(public)
    agency = roma_cells["indicator_code"].str.split("_").str[0]  # bounds stay within an agency
    given_away = []
    for _, cells in roma_cells.groupby(agency):
        given_away += _attack(cells, bounds)
    assert given_away == []
