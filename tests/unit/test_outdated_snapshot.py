"""A snapshot an older version of the code published (a column its readers select is missing) is
refused with a message saying how to publish it again; the current one opens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from roma_monitor.cli import main
from roma_monitor.publish.snapshot import publish_tables
from roma_monitor.publish.tables import INDICATOR_TABLES, contract_version, expected_version
from roma_monitor.settings import Paths
from tests.conftest_snapshot import publish_fixture_snapshots

# How an older version published the progress mart: before share_of_national existed.
OLDER_PROGRESS = (
    "SELECT * EXCLUDE (roma_unsuppressed_value, roma_unsuppressed_share, share_of_national) "
    "FROM src.marts.fct_indicator_progress"
)


def publish_older_indicators(paths: Paths) -> None:
    """Publish the indicators as the older version did, over the fixture warehouse."""
    tables = {**INDICATOR_TABLES, "fct_indicator_progress": OLDER_PROGRESS}
    publish_tables("indicators", paths.warehouse, tables, paths)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    paths = publish_fixture_snapshots(tmp_path / "home")
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    return paths


def test_the_version_changes_with_a_published_table_and_not_otherwise() -> None:
    older = {**INDICATOR_TABLES, "fct_indicator_progress": OLDER_PROGRESS}
    assert contract_version(older) != expected_version("indicators")
    assert contract_version(dict(INDICATOR_TABLES)) == expected_version("indicators")
    assert len(expected_version("indicators")) == 12


def test_the_cli_refuses_an_older_snapshot_and_says_how_to_publish_it_again(home) -> None:
    publish_older_indicators(home)
    for command in (
        ["kpis"],
        ["disclosure-utility"],
        ["report", "--out", str(home.home / "r.pdf")],
    ):
        done = CliRunner().invoke(main, command)
        assert done.exit_code == 1, done.output
        assert "published by another version of roma-monitor" in done.output
        assert "publish it again: roma-monitor run-local" in done.output
        assert "BinderException" not in done.output and "Traceback" not in done.output


def test_the_cli_reads_the_current_snapshot(home) -> None:
    done = CliRunner().invoke(main, ["kpis"])
    assert done.exit_code == 0, done.output
    assert "SIF_9144_PARTICIPANTS" in done.output
    done = CliRunner().invoke(main, ["disclosure-utility", "--json"])
    assert done.exit_code == 0, done.output
    latest = {
        row["geo_level"]: (row["cells_published"], row["cells"])
        for row in json.loads(done.output)
        if row["scope"] == "latest"
    }
    assert latest["planning_region"] == (3, 5)  # Vidzeme and Zemgale withheld at 30.09.2022
