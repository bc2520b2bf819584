"""``benchmarks.dashboard.measure_dashboard``, the benchmark's dashboard stage: it times
every interaction of the pages it is given on a published home, and leaves the process as it
found it. No timing is asserted (the machine's load decides them)."""

from __future__ import annotations

import os

from streamlit.testing.v1 import app_test

from benchmarks.dashboard import RUN_TIMEOUT, dashboard_pages, measure_dashboard, snapshot_facts

FIGURES = ("median_ms", "p90_ms", "max_ms", "cold_median_ms", "cold_p90_ms", "cold_max_ms")


def in_milliseconds(figure: float) -> bool:
    """A rerun of a page (a script run with DuckDB queries) takes at least 1 ms, and AppTest
    gives up after RUN_TIMEOUT seconds: a figure outside is in the wrong unit or never timed."""
    return 1 <= figure <= RUN_TIMEOUT * 1000


def test_pages_are_those_of_the_entry_file() -> None:
    assert [page.url_path for page in dashboard_pages()] == [
        "overview",
        "measure",
        "regions",
        "platform",
        "quality",
        "methodology",
    ]


def test_every_interaction_of_the_pages_is_timed(sample_home) -> None:
    before = {name: os.environ.get(name) for name in ("ROMA_HOME", "ROMA_AUDIT_KEY")}
    rows = measure_dashboard(sample_home.home, runs=2, pages=["regions", "methodology"])
    by_page: dict[str, list[str]] = {}
    for row in rows:
        by_page.setdefault(row["page"], []).append(row["interaction"])
        assert row["note"] == "", row
        assert row["runs"] == 2
        assert all(in_milliseconds(row[name]) for name in FIGURES), row
        assert row["median_ms"] <= row["p90_ms"] <= row["max_ms"]
    common = ["first load", "change language", "change measure", "change region", "change period"]
    assert by_page == {
        "regions": [*common, "change indicator", "change level"],
        "methodology": common,
    }
    assert {name: os.environ.get(name) for name in before} == before
    assert app_test.ScriptCache.__name__ == "ScriptCache"  # put back


def test_warm_only(sample_home) -> None:
    rows = measure_dashboard(sample_home.home, runs=1, pages=["overview"], cold=False)
    assert rows and all(row["cold_median_ms"] is None for row in rows)
    assert all(in_milliseconds(row["median_ms"]) for row in rows)


def test_snapshot_facts(sample_home) -> None:
    facts = snapshot_facts(sample_home.home)
    # the sample runs from 2017-01 to 2022-12: 6 years, 72 months
    assert (facts.months[0], facts.months[-1], len(facts.months)) == ("2017-01", "2022-12", 72)
    assert facts.measure == "9.1.4.4"
    assert facts.indicator_count == len(facts.indicators) == 37  # the sample's catalogue
    # one row per indicator, area and month: at least Latvia's 66 SIF months (2017-07…2022-12),
    # at most 37 indicators × (Latvia + 5 planning regions + 43 municipalities) × 72 months
    assert 66 <= facts.progress_rows <= 37 * 49 * 72
