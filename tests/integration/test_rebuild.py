"""Rebuilding the warehouse from the immutable archive of accepted extracts.

The whole sample home's archive is copied into a fresh home (no warehouse, nothing published)
and `roma-monitor rebuild-warehouse` rebuilds, builds with the real dbt and publishes there:
every published table is identical to the sample home's, the corrected month supersedes as it
did, and the rejected extract stays out. Smaller homes of a few SIF months (no dbt) check the
in-place swap with its backup, the history carried over, archives from before load records,
and a tampered archive.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from roma_monitor.cli import main
from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.ingest.load import (
    LOAD_RECORD_SUFFIX,
    load_extract,
    read_load_record,
    record_rejection,
)
from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.rebuild import REBUILD_DIR_PREFIX, RebuildError, rebuild_warehouse
from roma_monitor.sample.home import CORRECTED_EXTRACT
from roma_monitor.serve import queries as q
from roma_monitor.settings import Paths

# --- the sample home, rebuilt from its archive alone ---------------------------------------------


@pytest.fixture(scope="module")
def rebuilt(sample_home_paths: Paths, tmp_path_factory) -> tuple[Paths, str]:
    """A fresh home holding only a copy of the sample's archive, rebuilt by the command."""
    home = Paths(tmp_path_factory.mktemp("rebuilt") / "home")
    shutil.copytree(sample_home_paths.archive, home.archive)
    result = CliRunner().invoke(
        main, ["rebuild-warehouse"], env={"ROMA_HOME": str(home.home)}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return home, result.output


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY 1",
            [database],
        ).fetchall()
    ]


def _differing_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    left = f"SELECT count(*) FROM (FROM a.{table} EXCEPT ALL FROM b.{table})"
    right = f"SELECT count(*) FROM (FROM b.{table} EXCEPT ALL FROM a.{table})"
    return con.execute(left).fetchone()[0] + con.execute(right).fetchone()[0]


@pytest.mark.parametrize("kind", ["indicators", "engineering"])
def test_every_published_table_is_identical(sample_home_paths, rebuilt, kind) -> None:
    home, _ = rebuilt
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{current_snapshot(kind, sample_home_paths)}' AS a (READ_ONLY)")
        con.execute(f"ATTACH '{current_snapshot(kind, home)}' AS b (READ_ONLY)")
        original = _tables(con, "a")
        assert original == _tables(con, "b") and "publication" in original
        for table in original:
            if table == "publication":
                continue
            rows = con.execute(f"SELECT count(*) FROM a.{table}").fetchone()[0]
            assert rows == con.execute(f"SELECT count(*) FROM b.{table}").fetchone()[0], table
            assert _differing_rows(con, table) == 0, table
        metadata = (
            "SELECT key, value FROM {}.publication WHERE key NOT IN ('version', 'published_at') "
            "ORDER BY key"
        )
        assert (
            con.execute(metadata.format("a")).fetchall()
            == con.execute(metadata.format("b")).fetchall()
        )


def test_every_accepted_load_is_replayed_as_it_was(sample_home_paths, rebuilt) -> None:
    home, output = rebuilt
    loaded = (
        "SELECT * EXCLUDE (report_path) FROM extract_loads WHERE status = 'loaded' "
        "ORDER BY started_at"
    )
    with connect_published("operations", sample_home_paths) as ops:
        original = ops.execute(loaded).fetchall()
        corrections = q.corrections(ops)
    with connect_published("operations", home) as ops:
        assert ops.execute(loaded).fetchall() == original  # ids, times, revisions, reports
        again = q.corrections(ops)
    assert len(original) > 200
    assert again.equals(corrections) and len(again) == 1
    assert (again.loc[0, "file_name"], again.loc[0, "revision"]) == (CORRECTED_EXTRACT[1], 2)
    assert f"replayed {len(original)} archived extracts" in output
    assert "1 of them corrections" in output


def test_rejected_extracts_stay_rejected(sample_home_paths, rebuilt) -> None:
    home, _ = rebuilt
    with connect_published("operations", sample_home_paths) as ops:
        [(rejected,)] = ops.execute(
            "SELECT sha256 FROM extract_loads WHERE status = 'rejected'"
        ).fetchall()
    archived = {hashlib.sha256(p.read_bytes()).hexdigest() for p in _archived_files(home)}
    assert rejected not in archived
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        for contract in CONTRACTS.values():
            assert not con.execute(
                f"SELECT count(*) FROM {contract.raw_table} WHERE _extract_sha256 = ?",
                [rejected],
            ).fetchone()[0], contract.raw_table


def _archived_files(paths: Paths) -> list[Path]:
    return [
        p
        for p in paths.archive.rglob("*__*")
        if p.is_file() and not p.name.endswith(LOAD_RECORD_SUFFIX)
    ]


# --- small homes, raw and audit only --------------------------------------------------------------

FIRST, SECOND = "SIF_9144_201805.csv", "SIF_9144_201806.csv"


def _land(sample_dir: Path, paths: Paths, name: str, drop_last: int = 0) -> Path:
    lines = (sample_dir / name).read_bytes().splitlines()
    target = paths.landing_for("sif") / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\r\n".join(lines[: len(lines) - drop_last]) + b"\r\n")
    return target


@pytest.fixture
def small_home(sif_sample_dir, sif_contract, paths) -> Paths:
    """May 2018 sent short of 2 rows, June 2018, May 2018 resent in full, a rejected file."""
    load_extract(_land(sif_sample_dir, paths, FIRST, drop_last=2), sif_contract, paths)
    load_extract(_land(sif_sample_dir, paths, SECOND), sif_contract, paths)
    load_extract(_land(sif_sample_dir, paths, FIRST), sif_contract, paths)
    record_rejection(
        paths,
        source="sif",
        dataset="sif_participant_months",
        period="2018-07",
        file_name="SIF_9144_201807.csv",
        sha256="f" * 64,
        rows=3,
        message="REJECTED SIF_9144_201807.csv: 1 rule(s) failed: sex.allowed",
        report_path=paths.quarantine / "sif" / "x.report.md",
    )
    return paths


def _state(paths: Paths) -> tuple[list, list]:
    """The raw rows (with their lineage) and the audit, in a stable order."""
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        raw = con.execute(
            "SELECT * FROM raw.sif_participant_months ORDER BY _loaded_at, _row_number"
        ).fetchall()
        audit = con.execute("SELECT * FROM audit.extract_loads ORDER BY started_at").fetchall()
    return raw, audit


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_in_place_keeps_a_backup_and_the_history(small_home) -> None:
    before = _state(small_home)
    old_bytes = _sha256(small_home.warehouse)
    summary = rebuild_warehouse(small_home, build_marts=False)
    assert _state(small_home) == before  # the rejected attempt too, carried over
    assert (summary.extracts, summary.corrections, summary.history_rows) == (3, 1, 1)
    assert summary.old_warehouse == "read"
    assert summary.backup is not None and _sha256(summary.backup) == old_bytes
    assert not list(small_home.warehouse.parent.glob(f"{REBUILD_DIR_PREFIX}*"))
    assert not summary.without_record and not summary.not_in_archive


def test_from_the_archive_alone(small_home) -> None:
    raw, audit = _state(small_home)
    small_home.warehouse.unlink()
    summary = rebuild_warehouse(small_home, build_marts=False)
    assert summary.backup is None and summary.old_warehouse == "none"
    assert _state(small_home) == (raw, [row for row in audit if row[7] == "loaded"])


def test_archives_from_before_load_records(small_home) -> None:
    """With the old warehouse, the records come back from its audit (and are written into the
    archive); without it, the files' modification times order them, and the summary says so."""
    raw, audit = _state(small_home)
    records = list(small_home.archive.rglob(f"*{LOAD_RECORD_SUFFIX}"))
    for record in records:
        record.unlink()
    summary = rebuild_warehouse(small_home, build_marts=False)
    assert len(summary.recovered_records) == len(records) == 3
    assert _state(small_home) == (raw, audit)
    assert all(read_load_record(p) for p in _archived_files(small_home))

    for record in records:
        record.unlink()
    small_home.warehouse.unlink()
    # The short May file first, then June, then the full May file, as they were archived.
    archived = _archived_files(small_home)
    first, full = sorted(
        (p for p in archived if p.name.endswith(FIRST)), key=lambda p: p.stat().st_size
    )
    june = next(p for p in archived if p.name.endswith(SECOND))
    for moment, path in enumerate((first, june, full), start=1):
        os.utime(path, (1_600_000_000 + moment, 1_600_000_000 + moment))
    summary = rebuild_warehouse(small_home, build_marts=False)
    assert sorted(summary.without_record) == sorted(p.name for p in (first, june, full))
    assert "modification time" in "\n".join(summary.lines())
    with duckdb.connect(str(small_home.warehouse), read_only=True) as con:
        revisions = con.execute(
            "SELECT file_name, revision, rows_before IS NOT NULL, load_id FROM "
            "audit.extract_loads ORDER BY started_at"
        ).fetchall()
        latest_may = con.execute(
            "SELECT arg_max(_extract_sha256, _loaded_at) FROM raw.sif_participant_months "
            "WHERE reporting_month = DATE '2018-05-01'"
        ).fetchone()[0]
    assert [row[:3] for row in revisions] == [
        (FIRST, 1, False),
        (SECOND, 1, False),
        (FIRST, 2, True),
    ]
    assert all(row[3].startswith("rebuilt-") for row in revisions)
    assert latest_may == _sha256(full)
    assert len(raw) == len(_state(small_home)[0])


def test_a_changed_archived_file_stops_the_rebuild_and_changes_nothing(small_home) -> None:
    old_bytes = _sha256(small_home.warehouse)
    tampered = next(p for p in _archived_files(small_home) if p.name.endswith(SECOND))
    tampered.chmod(0o644)
    tampered.write_bytes(tampered.read_bytes() + b"\r\n")
    with pytest.raises(RebuildError, match="no longer matches its name"):
        rebuild_warehouse(small_home, build_marts=False)
    assert _sha256(small_home.warehouse) == old_bytes
    assert not list(small_home.warehouse.parent.glob(f"{REBUILD_DIR_PREFIX}*"))
    assert not list(small_home.warehouse.parent.glob("*before-rebuild*"))


def test_a_load_missing_from_the_archive_stops_the_rebuild_unless_allowed(small_home) -> None:
    old_bytes = _sha256(small_home.warehouse)
    june = next(p for p in _archived_files(small_home) if p.name.endswith(SECOND))
    june.unlink()
    with pytest.raises(RebuildError, match=f"not in the archive.*{SECOND}"):
        rebuild_warehouse(small_home, build_marts=False)
    assert _sha256(small_home.warehouse) == old_bytes
    summary = rebuild_warehouse(small_home, build_marts=False, allow_missing=True)
    assert summary.not_in_archive == [SECOND] and summary.extracts == 2
    assert "WARNING: loads in the old audit whose file is not in the archive" in "\n".join(
        summary.lines()
    )
