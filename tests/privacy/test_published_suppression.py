"""The suppression as published from the shared sample home (real loads, real dbt, real publish):
the public snapshot holds nothing small about Roma, not even by subtraction, and the Ministry's
internal snapshot holds the exact figures."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from roma_monitor.privacy.suppression import feasible_bounds, tables_by_indicator
from roma_monitor.publish.snapshot import current_snapshot

THRESHOLD = 5  # the sample home is published with the default


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
    """Every Roma cell: public value (NULL when withheld) beside the exact value and total."""
    public, internal = snapshots
    exact = internal.sql(
        """
        SELECT r.indicator_code, r.period, r.geo_code, g.parent_geo_code,
               r.value AS exact, t.value AS total, i.aggregation
        FROM fct_indicator_values r
        JOIN fct_indicator_values t USING (indicator_code, period, geo_code)
        JOIN dim_geography g USING (geo_code)
        JOIN dim_indicators i USING (indicator_code)
        WHERE r.breakdown = 'ethnicity' AND t.breakdown = 'total'
        """
    ).df()
    published = public.sql(
        "SELECT indicator_code, period, geo_code, value AS published, is_suppressed "
        "FROM fct_indicator_values WHERE breakdown = 'ethnicity'"
    ).df()
    return exact.merge(published, on=["indicator_code", "period", "geo_code"], validate="1:1")


def test_the_public_snapshot_has_no_internal_columns(snapshots):
    public, internal = snapshots
    for table in ("fct_indicator_values", "fct_indicator_progress"):
        columns = {row[0] for row in public.sql(f"DESCRIBE {table}").fetchall()}
        assert not {c for c in columns if "unsuppressed" in c or c == "suppression_reason"}
    meta = dict(internal.sql("SELECT key, value FROM publication").fetchall())
    assert meta["internal"] == "true"
    assert "internal" not in dict(public.sql("SELECT key, value FROM publication").fetchall())


def test_no_small_roma_count_is_published(snapshots, roma_cells):
    public, _ = snapshots
    assert roma_cells["is_suppressed"].sum() > 1000
    shown = roma_cells[~roma_cells["is_suppressed"]]
    assert not shown["published"].between(1, THRESHOLD - 1).any()
    assert (shown["published"] == shown["exact"]).all()
    complement = shown["total"] - shown["published"]
    assert not ((shown["published"] > 0) & (complement < THRESHOLD)).any()
    progress = public.execute(
        "SELECT count(*) FROM fct_indicator_progress WHERE roma_value BETWEEN 1 AND ?",
        [THRESHOLD - 1],
    ).fetchone()[0]
    increases = public.execute(
        "SELECT count(*) FROM fct_indicator_values WHERE breakdown = 'ethnicity' "
        f"AND value_in_period BETWEEN 1 AND {THRESHOLD - 1}"
    ).fetchone()[0]
    assert progress == 0 and increases == 0


def test_published_values_of_a_series_differ_by_zero_or_at_least_the_threshold(roma_cells):
    shown = roma_cells[~roma_cells["is_suppressed"]].sort_values("period")
    for _, series in shown.groupby(["indicator_code", "geo_code"]):
        steps = series["published"].diff().dropna()
        assert not steps.between(1, THRESHOLD - 1).any()


def test_shares_and_denominators_of_withheld_counts_are_withheld(snapshots):
    public, _ = snapshots
    leaks = public.execute(
        """
        SELECT count(*) FROM fct_indicator_values
        WHERE breakdown = 'ethnicity'
          AND ((is_suppressed AND share IS NOT NULL)
               OR (is_denominator_suppressed AND (denominator IS NOT NULL OR share IS NOT NULL)))
        """
    ).fetchone()[0]
    assert leaks == 0


def test_no_withheld_cell_follows_from_the_published_ones(roma_cells):
    """The attacker's interval propagation (additive groups, totals, monthly increases) on every
    indicator of the sample pins no withheld cell."""
    cells = roma_cells.rename(columns={"exact": "roma"})
    withheld = cells[cells["is_suppressed"]]
    pinned = {}
    for indicator, table in tables_by_indicator(cells):
        position = {p: i for i, p in enumerate(table.periods)}
        rows = withheld[withheld["indicator_code"] == indicator]
        table.reason = {
            (geo, position[period]): "withheld"
            for geo, period in zip(rows["geo_code"], rows["period"], strict=True)
        }
        found = {c: b for c, b in feasible_bounds(table).items() if b[1] - b[0] < 1}
        if found:
            pinned[indicator] = found
    assert pinned == {}
