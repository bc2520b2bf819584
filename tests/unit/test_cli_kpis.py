"""`roma-monitor kpis` filtered and streamed, and `roma-monitor internal-kpis` (the Ministry's
unsuppressed figures, recorded in the access audit), on the published sample."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from roma_monitor.cli import main
from roma_monitor.serve.access_audit import read_access_audit
from roma_monitor.settings import Paths

SIF = "SIF_9144_PARTICIPANTS"
ONE_YEAR_OF_LATGALE = [
    "--indicator", SIF, "--geo", "LATGALE", "--from", "2021-01", "--to", "2021-12",
]  # fmt: skip


@pytest.fixture
def home(sample_home_paths: Paths, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Paths:
    monkeypatch.setenv("ROMA_HOME", str(sample_home_paths.home))
    monkeypatch.setenv("ROMA_AUDIT_DIR", str(tmp_path / "audit"))
    monkeypatch.setenv("ROMA_AUDIT_KEY", "a-key-of-the-ministry-0123456789")
    monkeypatch.delenv("ROMA_AUDIT_KEY_FILE", raising=False)
    return sample_home_paths


def lines(*args: str) -> list[dict]:
    done = CliRunner().invoke(main, list(args))
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.output.splitlines()]


def test_jsonl_keeps_only_the_asked_indicator_area_months_and_breakdown(home) -> None:
    rows = lines("kpis", "--jsonl", *ONE_YEAR_OF_LATGALE, "--breakdown", "sex")
    tables = Counter(row["table"] for row in rows)
    # by hand: 12 months of one area; one status row; 12 months × 2 sexes
    assert tables["indicators"] == 12 and tables["status"] == 1 and tables["breakdowns"] == 24
    indicators = [r for r in rows if r["table"] in ("indicators", "breakdowns")]
    assert {(r["indicator"], r["geo_code"]) for r in indicators} == {(SIF, "LATGALE")}
    assert {r["breakdown"] for r in rows if r["table"] == "breakdowns"} == {"sex"}
    months = sorted({r["period"] for r in indicators})
    assert months == [f"2021-{m:02d}" for m in range(1, 13)]


def test_filtered_json_is_a_small_part_of_the_whole(home) -> None:
    whole = CliRunner().invoke(main, ["kpis", "--json", "--breakdowns"]).output
    part = CliRunner().invoke(main, ["kpis", "--json", *ONE_YEAR_OF_LATGALE]).output
    assert len(part) * 1000 < len(whole)
    assert {r["geo_code"] for r in json.loads(part)["indicators"]} == {"LATGALE"}


def test_a_month_must_be_written_yyyy_mm(home) -> None:
    done = CliRunner().invoke(main, ["kpis", "--jsonl", "--from", "2021-13"])
    assert done.exit_code != 0 and "YYYY-MM" in done.output


def test_internal_kpis_are_unsuppressed_and_recorded_like_a_download(home, tmp_path) -> None:
    public = lines("kpis", "--jsonl", "--breakdown", "ethnicity", "--from", "2022-01")
    internal = lines("internal-kpis", "--breakdown", "ethnicity", "--from", "2022-01")
    withheld = [r for r in public if r["table"] == "breakdowns" and r["is_suppressed"]]
    assert withheld  # the sample withholds some Roma cells
    exact = [r for r in internal if r["table"] == "breakdowns"]
    assert exact and not any(r["is_suppressed"] for r in exact)
    assert all(r["value"] is not None for r in exact)
    [record] = read_access_audit(tmp_path / "audit").to_dict("records")
    assert (record["event"], record["role"], record["mode"]) == ("download", "ministry", "cli")
    assert (record["page"], record["export"]) == ("internal-kpis", "jsonl")
    assert record["snapshot"] == "indicators_internal"
    assert record["who"].startswith("u-")


def test_no_internal_figures_without_an_audit_record(home, monkeypatch) -> None:
    monkeypatch.delenv("ROMA_AUDIT_KEY")
    done = CliRunner().invoke(main, ["internal-kpis", "--indicator", SIF])
    assert done.exit_code != 0
    assert "access audit" in done.output and SIF not in done.output


def test_unfiltered_json_is_what_it_was(home) -> None:
    """No filter: the same document as before the filters (queries.published_kpis)."""
    from roma_monitor.serve.queries import published_kpis

    args = ["kpis", "--json", "--latest", "--breakdowns", "--geo-level", "country"]
    done = CliRunner().invoke(main, args)
    before = published_kpis(geo_level="country", latest_only=True, with_breakdowns=True)
    assert json.loads(done.output) == json.loads(json.dumps(before, default=str))
