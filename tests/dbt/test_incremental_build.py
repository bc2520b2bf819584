"""An incremental build equals a full build. The participant-month models are incremental by
period (latest_extract_rows(incremental=true)); the per-person models by key (a key is rebuilt
when its months' fingerprint changed: rows_of_changed_keys); the flows by indicator and month
(int_indicator_flows); every other model is a table rebuilt whole. Starting
from the published sample home (built in full), three real changes arrive through the gate and
the loader, each followed by the pipeline's own (incremental) dbt build, in which the disclosure
audit reuses the results of unchanged families. After each, a copy of the warehouse is rebuilt
with --full-refresh (every family audited afresh) and every table of the intermediate and marts
schemas is compared with EXCEPT ALL both ways:

1. a new month: SIF 2023-01, the December file's people carried on and one new entrant;
2. corrections of old periods, one per incremental model's source: a resent file with its last
   row removed (SIF 2018-03, an NVA, a JSPA and an IKVD quarter);
3. a rejected file (a wrong sex code): nothing loaded (the build mark, a digest of the accepted
   loads, is unchanged), so the full build of step 2 is still the full build of these loads, and
   the incremental build still equals it.
"""

from __future__ import annotations

import json
import re
import shutil

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.settings import Paths
from tests.conftest import KEY_A, KEY_B, sif_row, write_extract

INCREMENTAL_MODELS = {
    "int_sif__participant_months_current",
    "int_nva__participant_months_current",
    "int_jspa__participant_months_current",
    "int_ikvd__pupil_months_current",
}
INCREMENTAL_BY_KEY = {
    "int_sif__participants_at_entry",
    "int_nva__participants",
    "int_jspa__participants_at_entry",
    "int_jspa__programmes",
    "int_ikvd__pupils_at_entry",
    "int_indicator_flows",
}
CORRECTED = {
    "sif": "SIF_9144_201803.csv",
    "nva": "NVA_741_DAL_2019Q3.csv",
    "jspa": "JSPA_833_DAL_2019Q3.csv",
    "ikvd": "IKVD_834_SKOL_2019Q3.csv",
}


@pytest.fixture(scope="module")
def home(sample_home_paths, tmp_path_factory) -> Paths:
    copy = tmp_path_factory.mktemp("incremental") / "home"
    shutil.copytree(sample_home_paths.home, copy, symlinks=True)
    return Paths(copy)


def _archived(paths: Paths, source: str, name: str) -> bytes:
    """The file as last archived (the period's current extract, when it was resent)."""
    versions = (paths.archive / source).glob(f"*__{name}")
    return max(versions, key=lambda path: path.stat().st_mtime_ns).read_bytes()


def _land(paths: Paths, source: str, name: str, content: bytes) -> None:
    folder = paths.landing_for(source)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)


def _process(paths: Paths, source: str) -> dict:
    return pipeline.process_batch(pipeline.find_new_extracts(source, paths), source, paths)


def _without_last_row(content: bytes) -> bytes:
    lines = content.rstrip(b"\r\n").split(b"\r\n" if b"\r\n" in content else b"\n")
    assert len(lines) > 2, "a correction needs a row to remove"
    return b"\r\n".join(lines[:-1]) + b"\r\n"


def _row_counts(paths: Paths) -> dict[str, int]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return {
            model: con.execute(f"SELECT count(*) FROM intermediate.{model}").fetchone()[0]
            for model in INCREMENTAL_MODELS
        }


def _built_incrementally(paths: Paths) -> set[str]:
    """The models the last dbt build ran with their incremental branch (reading what they held)."""
    results = json.loads((paths.home / "dbt" / "target" / "run_results.json").read_text())
    return {
        result["unique_id"].split(".")[-1]
        for result in results["results"]
        if result["unique_id"].startswith("model.")
        and re.search(r"\bas built\b", result.get("compiled_code") or "")
    }


@pytest.fixture(scope="module")
def full_builds() -> list[Paths]:
    """The full builds made so far, the last one last."""
    return []


def _full_build(paths: Paths, tmp_path, full_builds: list[Paths]) -> Paths:
    """A copy of the warehouse rebuilt with --full-refresh."""
    full = Paths(tmp_path / "full")
    full.warehouse.parent.mkdir(parents=True)
    shutil.copyfile(paths.warehouse, full.warehouse)
    pipeline.dbt_build(full, full_refresh=True)
    full_builds.append(full)
    return full


def _differences(paths: Paths, full: Paths) -> dict[str, tuple[int, int]]:
    """Per table of the intermediate and marts schemas, the rows only the incremental build has
    and the rows only the full one has."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{paths.warehouse}' AS incremental (READ_ONLY)")
    con.execute(f"ATTACH '{full.warehouse}' AS full_build (READ_ONLY)")
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'incremental' "
        "AND schema_name IN ('intermediate', 'marts') ORDER BY ALL"
    ).fetchall()
    assert len(tables) > 40 and {t for _, t in tables} >= INCREMENTAL_MODELS | INCREMENTAL_BY_KEY
    differences = {}
    for schema, table in tables:
        ours, theirs = f"incremental.{schema}.{table}", f"full_build.{schema}.{table}"
        only_ours = con.execute(
            f"SELECT count(*) FROM (FROM {ours} EXCEPT ALL FROM {theirs})"
        ).fetchone()[0]
        only_theirs = con.execute(
            f"SELECT count(*) FROM (FROM {theirs} EXCEPT ALL FROM {ours})"
        ).fetchone()[0]
        if only_ours or only_theirs:
            differences[table] = (only_ours, only_theirs)
    con.close()
    return differences


def test_a_new_month_builds_incrementally_as_a_full_build(home, tmp_path, full_builds):
    before = _row_counts(home)
    december = _archived(home, "sif", "SIF_9144_202212.csv")
    january = december.replace(b"\n2022-12;", b"\n2023-01;")
    new_entrant = ";".join(
        sif_row(reporting_month="2023-01", participant_key=KEY_A, service_start_date="09.01.2023")
    ).encode("iso-8859-13")  # the sample file's encoding (file(1): ISO-8859)
    assert january.count(b"\n2023-01;") == december.count(b"\n2022-12;") > 10
    _land(home, "sif", "SIF_9144_202301.csv", january.rstrip(b"\r\n") + b"\r\n" + new_entrant)
    assert _process(home, "sif")["loaded"] == ["SIF_9144_202301.csv"]
    pipeline.dbt_build(home)
    after = _row_counts(home)
    december_rows = december.count(b"\n2022-12;")
    assert after["int_sif__participant_months_current"] == (
        before["int_sif__participant_months_current"] + december_rows + 1
    )
    assert _built_incrementally(home) >= INCREMENTAL_MODELS | INCREMENTAL_BY_KEY
    assert _differences(home, _full_build(home, tmp_path, full_builds)) == {}


def test_corrected_old_periods_build_incrementally_as_a_full_build(home, tmp_path, full_builds):
    before = _row_counts(home)
    for source, name in CORRECTED.items():
        _land(home, source, name, _without_last_row(_archived(home, source, name)))
        assert _process(home, source)["loaded"] == [name], source
    pipeline.dbt_build(home)
    after = _row_counts(home)
    # one row fewer in each corrected period, the rest of the table as it was
    assert {model: before[model] - after[model] for model in INCREMENTAL_MODELS} == dict.fromkeys(
        INCREMENTAL_MODELS, 1
    )
    assert _built_incrementally(home) >= INCREMENTAL_MODELS | INCREMENTAL_BY_KEY
    assert _differences(home, _full_build(home, tmp_path, full_builds)) == {}


def test_a_rejected_file_changes_nothing_and_builds_as_a_full_build(home, tmp_path, full_builds):
    # the full build of the loads so far (the previous test's, or made here when run alone)
    full = full_builds[-1] if full_builds else _full_build(home, tmp_path / "before", full_builds)
    before = _row_counts(home)
    write_extract(
        home.landing_for("sif") / "SIF_9144_202302.csv",
        [sif_row(reporting_month="2023-02", participant_key=KEY_B, sex="X")],
    )
    with pytest.raises(pipeline.ExtractRejected):
        _process(home, "sif")
    assert pipeline.dbt_build_is_current(home), "a rejected file changes no accepted load"
    pipeline.dbt_build(home)
    assert _row_counts(home) == before
    assert _differences(home, full) == {}


def test_a_bad_row_of_an_extract_not_yet_built_fails_the_build(home):
    """The tests of the raw, staging and current participant-month rows check only the rows of
    extracts the last full build was not built from (macros/get_where_subquery.sql): a row that
    breaks a rule in a new extract is still found. The loader cannot write such a row (the gate
    rejects its file), so it is written here directly, as a loader bug would."""
    with duckdb.connect(str(home.warehouse)) as con:
        con.execute(
            "INSERT INTO raw.sif_participant_months BY NAME "
            "SELECT * REPLACE ('0' || repeat('f', 63) AS _extract_sha256, NULL AS reporting_month) "
            "FROM raw.sif_participant_months LIMIT 1"
        )
    with pytest.raises(RuntimeError, match="dbt build failed"):
        pipeline.dbt_build(home)
    results = json.loads((home.home / "dbt" / "target" / "run_results.json").read_text())
    failed = {r["unique_id"].split(".")[-2] for r in results["results"] if r["status"] == "fail"}
    assert "raw_sif_participant_months_valid_columns" in failed
    # and the test read only the rows of extracts not built before
    raw_test = next(
        r
        for r in results["results"]
        if ".raw_sif_participant_months_valid_columns." in r["unique_id"]
    )
    assert "except select extract_sha256 from" in raw_test["compiled_code"]
