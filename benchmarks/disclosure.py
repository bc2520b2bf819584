"""The Roma disclosure control at benchmark scale: its cost (roma_monitor.privacy.disclosure on
the bench home's Roma cells, timed on its own) and what it publishes (fct_disclosure_utility
of the Ministry's internal snapshot, as the data-quality page and `roma-monitor
disclosure-utility` show it)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import duckdb

from roma_monitor.privacy.disclosure import REPORTING_MONTHS, protect_roma_cells
from roma_monitor.settings import Paths, rounding_base, suppression_threshold

_CELLS = f"""
SELECT r.indicator_code, r.aggregation, r.period, r.geo_code, g.parent_geo_code,
       r.value AS roma, t.value AS total
FROM intermediate.int_indicator_values_unsuppressed AS r
JOIN intermediate.int_indicator_values_unsuppressed AS t
  USING (indicator_code, aggregation, period, geo_code)
JOIN marts.dim_geography AS g USING (geo_code)
WHERE r.breakdown = 'ethnicity' AND t.breakdown = 'total'
  AND month(r.period) IN ({", ".join(map(str, REPORTING_MONTHS))})
"""


def measure_disclosure(home: Path, runs: int) -> dict:
    from roma_monitor.publish.snapshot import connect_published
    from roma_monitor.serve.queries.quality import disclosure_utility

    paths = Paths(home)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        cells = con.sql(_CELLS).df()
        bounds = dict(
            con.sql(
                "SELECT indicator_code, upper_bound_indicator_code "
                "FROM intermediate.int_indicator_upper_bounds"
            ).fetchall()
        )
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        protect_roma_cells(cells, bounds, suppression_threshold(), rounding_base())
        seconds.append(time.perf_counter() - started)
    internal = connect_published("indicators_internal", paths)
    try:
        utility = disclosure_utility(internal)
    finally:
        internal.close()
    return {
        "cells": len(cells),
        "seconds": statistics.median(seconds),
        "runs_seconds": seconds,
        "utility": utility.astype(object).where(utility.notna(), None).to_dict("records"),
    }
