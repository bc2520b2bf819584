import json
import shutil
from datetime import date, datetime

import duckdb
import pytest

from roma_monitor.ingest import load as load_module
from roma_monitor.ingest.load import (
    ExtractChangedError,
    load_extract,
    load_record_path,
    read_load_record,
)
from roma_monitor.ingest.reader import sha256_of
from tests.conftest import KEY_B, sif_row, write_extract


def _counts(paths):
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        rows = con.execute("SELECT count(*) FROM raw.sif_participant_months").fetchone()[0]
        audit = con.execute(
            "SELECT status, count(*) FROM audit.extract_loads GROUP BY ALL ORDER BY 1"
        )
        return rows, dict(audit.fetchall())


def _landing_copy(sample_dir, paths, name):
    target = paths.landing_for("sif") / name
    target.parent.mkdir(parents=True, exist_ok=True)
    return shutil.copy(sample_dir / name, target)


def test_load_writes_typed_rows_audit_and_archives(sif_sample_dir, sif_contract, paths):
    path = _landing_copy(sif_sample_dir, paths, "SIF_9144_202110.csv")
    sha = sha256_of(path)
    result = load_extract(path, sif_contract, paths, expected_sha256=sha)
    expected_rows = len((sif_sample_dir / "SIF_9144_202110.csv").read_bytes().splitlines()) - 1
    assert result.status == "loaded" and result.rows == expected_rows
    assert _counts(paths) == (expected_rows, {"loaded": 1})
    assert not path.exists() and result.archived_to.read_bytes()
    assert sha256_of(result.archived_to) == sha
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        row = con.execute("""
            SELECT min(reporting_month), typeof(min(service_hours)), min(_row_number),
                any_value(_extract_sha256), any_value(a.file_name), any_value(a.rows)
            FROM raw.sif_participant_months, audit.extract_loads a""").fetchone()
    assert str(row[0]) == "2021-10-01" and row[1].startswith("DECIMAL") and row[2] == 1
    assert row[3] == sha and row[4] == "SIF_9144_202110.csv" and row[5] == expected_rows


def test_same_content_twice_loads_once(sif_sample_dir, sif_contract, paths):
    first = load_extract(
        _landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv"), sif_contract, paths
    )
    again = load_extract(
        _landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv"), sif_contract, paths
    )
    assert (first.status, again.status) == ("loaded", "duplicate")
    assert _counts(paths) == (first.rows, {"duplicate": 1, "loaded": 1})


def test_crash_mid_load_leaves_the_warehouse_as_it_was(
    sif_sample_dir, sif_contract, paths, monkeypatch
):
    load_extract(_landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv"), sif_contract, paths)
    before = _counts(paths)
    path = _landing_copy(sif_sample_dir, paths, "SIF_9144_201806.csv")

    def crash(*args, **kwargs):
        raise OSError("disk full")  # after the rows were inserted, before commit

    monkeypatch.setattr(load_module, "write_audit", crash)
    with pytest.raises(OSError, match="disk full"):
        load_extract(path, sif_contract, paths)
    monkeypatch.undo()
    assert _counts(paths) == before
    assert path.exists(), "the file stays in landing so that a re-run loads it"
    assert load_extract(path, sif_contract, paths).status == "loaded"


def test_file_changed_after_validation_is_not_loaded(tmp_path, sif_contract, paths):
    path = write_extract(paths.landing_for("sif") / "SIF_9144_202109.csv", [sif_row()])
    validated_sha = sha256_of(path)
    write_extract(path, [sif_row(), sif_row(participant_key=KEY_B)])
    with pytest.raises(ExtractChangedError):
        load_extract(path, sif_contract, paths, expected_sha256=validated_sha)
    assert path.exists()


def test_the_gate_report_is_kept_with_the_audit_row_accepted_or_rejected(sif_sample_dir, paths):
    from roma_monitor import pipeline

    accepted = _landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv")
    pipeline.load_validated(pipeline.validate_extract(str(accepted), "sif", paths), "sif", paths)
    rejected = write_extract(
        paths.landing_for("sif") / "SIF_9144_202109.csv", [sif_row(municipality_atvk="0999999")]
    )
    with pytest.raises(pipeline.ExtractRejected):
        pipeline.validate_extract(str(rejected), "sif", paths)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        rows = dict(
            (status, (checks, report))
            for status, checks, report in con.execute(
                "SELECT status, checks_run, report_markdown FROM audit.extract_loads"
            ).fetchall()
        )
    checks, report = rows["loaded"]
    assert "Validation report: SIF_9144_201805.csv" in report
    assert "All checks passed." in report and f"- Checks run: {checks}\n" in report
    checks, report = rows["rejected"]
    assert "**rejected**" in report and "municipality_atvk.allowed" in report
    assert f"- Checks run: {checks}\n" in report


def test_the_failed_rules_are_kept_as_a_structured_column_without_values(sif_sample_dir, paths):
    from roma_monitor import pipeline

    accepted = _landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv")
    pipeline.load_validated(pipeline.validate_extract(str(accepted), "sif", paths), "sif", paths)
    # one row; its ATVK code exists in neither classification: the code and its vintage fail
    rejected = write_extract(
        paths.landing_for("sif") / "SIF_9144_202109.csv", [sif_row(municipality_atvk="0999999")]
    )
    with pytest.raises(pipeline.ExtractRejected):
        pipeline.validate_extract(str(rejected), "sif", paths)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        failed = dict(
            con.execute("SELECT status, failed_rules FROM audit.extract_loads").fetchall()
        )
        kind = con.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'extract_loads' AND column_name = 'failed_rules'"
        ).fetchone()[0]
    assert kind == (
        'STRUCT("rule" VARCHAR, column_name VARCHAR, failed_rows BIGINT, first_rows INTEGER[])[]'
    )
    assert failed["loaded"] == []
    assert failed["rejected"] == [
        {
            "rule": "municipality_atvk.allowed",
            "column_name": "municipality_atvk",
            "failed_rows": 1,
            "first_rows": [1],
        },
        {
            "rule": "municipality_atvk.vintage_atvk_2021",
            "column_name": "municipality_atvk",
            "failed_rows": 1,
            "first_rows": [1],
        },
    ]
    assert "0999999" not in str(failed)


def test_a_warehouse_from_before_the_report_columns_gains_them(paths):
    from roma_monitor import warehouse

    paths.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(paths.warehouse)) as con:
        con.execute("CREATE SCHEMA audit")
        con.execute(
            "CREATE TABLE audit.extract_loads (load_id VARCHAR PRIMARY KEY, source VARCHAR, "
            "dataset VARCHAR, file_name VARCHAR, sha256 VARCHAR, reporting_period VARCHAR, "
            "rows BIGINT, status VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, "
            "duration_s DOUBLE, message VARCHAR, report_path VARCHAR)"
        )
        con.execute(
            "INSERT INTO audit.extract_loads (load_id, reporting_period) VALUES "
            "('m', '2022-11'), ('q', '2022-Q3'), ('y', '2021'), ('n', NULL), ('x', 'soon')"
        )
    with warehouse.open_for_writing(paths.warehouse) as con:
        columns = {row[0] for row in con.execute("DESCRIBE audit.extract_loads").fetchall()}
        ends = dict(
            con.execute("SELECT load_id, period_end_month FROM audit.extract_loads").fetchall()
        )
    assert {"checks_run", "report_markdown", "report_markdown_lv"} <= columns
    assert {"revision", "supersedes_load_id", "rows_before", "failed_rules"} <= columns
    # the last month each older row's period covers: its month, September, December; none
    assert ends == {
        "m": date(2022, 11, 1),
        "q": date(2022, 9, 1),
        "y": date(2021, 12, 1),
        "n": None,
        "x": None,
    }


# --- corrections and load records -----------------------------------------------------------------


def _resend(sample_dir, paths, name, drop_last: int = 0):
    """The sample file `name` landed again, without its last `drop_last` rows."""
    lines = (sample_dir / name).read_bytes().splitlines()
    target = paths.landing_for("sif") / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\r\n".join(lines[: len(lines) - drop_last]) + b"\r\n")
    return target


def _loads(paths):
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(
            "SELECT load_id, file_name, reporting_period, status, rows, revision, "
            "supersedes_load_id, rows_before FROM audit.extract_loads ORDER BY started_at"
        ).fetchall()


def test_a_resend_for_a_loaded_period_is_a_revision_that_supersedes_the_last(
    sif_sample_dir, sif_contract, paths
):
    name = "SIF_9144_201805.csv"
    first = load_extract(_resend(sif_sample_dir, paths, name, drop_last=3), sif_contract, paths)
    second = load_extract(_resend(sif_sample_dir, paths, name), sif_contract, paths)
    same_again = load_extract(_resend(sif_sample_dir, paths, name), sif_contract, paths)
    third = load_extract(_resend(sif_sample_dir, paths, name, drop_last=1), sif_contract, paths)
    other = load_extract(
        _landing_copy(sif_sample_dir, paths, "SIF_9144_201806.csv"), sif_contract, paths
    )
    assert [r.status for r in (first, second, same_again, third, other)] == [
        "loaded",
        "loaded",
        "duplicate",
        "loaded",
        "loaded",
    ]
    assert second.rows == first.rows + 3 and third.rows == second.rows - 1
    loads = _loads(paths)
    ids = [row[0] for row in loads]
    assert [row[1:] for row in loads] == [
        (name, "2018-05", "loaded", first.rows, 1, None, None),
        (name, "2018-05", "loaded", second.rows, 2, ids[0], first.rows),
        (name, "2018-05", "duplicate", None, None, None, None),
        (name, "2018-05", "loaded", third.rows, 3, ids[1], second.rows),
        ("SIF_9144_201806.csv", "2018-06", "loaded", other.rows, 1, None, None),
    ]
    # every version is kept, in the raw table and in the archive
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        ends = con.execute(
            "SELECT DISTINCT reporting_period, period_end_month FROM audit.extract_loads ORDER BY 1"
        ).fetchall()
        kept = con.execute(
            "SELECT count(DISTINCT _extract_sha256) FROM raw.sif_participant_months "
            "WHERE reporting_month = DATE '2018-05-01'"
        ).fetchone()[0]
    assert kept == 3
    assert len(list((paths.archive / "sif").glob(f"*__{name}"))) == 3
    # each attempt's period ends in its month (the order in which readers rank extracts)
    assert ends == [("2018-05", date(2018, 5, 1)), ("2018-06", date(2018, 6, 1))]


def test_every_accepted_extract_is_archived_beside_its_load_record(
    sif_sample_dir, sif_contract, paths
):
    result = load_extract(
        _landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv"), sif_contract, paths
    )
    record_file = load_record_path(result.archived_to)
    assert record_file.name == f"{result.archived_to.name}.load.json"
    assert json.loads(record_file.read_text("utf-8"))["format"] == 1
    assert not record_file.stat().st_mode & 0o222, "the load record is read-only"
    record = read_load_record(result.archived_to)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        audit = con.execute(
            "SELECT load_id, sha256, rows, started_at, finished_at, revision "
            "FROM audit.extract_loads"
        ).fetchone()
        loaded_at = con.execute(
            "SELECT DISTINCT _loaded_at FROM raw.sif_participant_months"
        ).fetchall()
    assert (
        record["load_id"],
        record["sha256"],
        record["rows"],
        record["started_at"],
        record["finished_at"],
        record["revision"],
    ) == audit
    assert isinstance(record["started_at"], datetime)
    assert loaded_at == [(record["started_at"],)], "the rows' load time is the record's"


def test_a_load_that_crashed_before_its_record_completes_it_on_the_rerun(
    sif_sample_dir, sif_contract, paths, monkeypatch
):
    path = _landing_copy(sif_sample_dir, paths, "SIF_9144_201805.csv")

    def crash(*args, **kwargs):
        raise OSError("power cut")  # after the commit and the archive copy

    monkeypatch.setattr(load_module, "write_load_record", crash)
    with pytest.raises(OSError, match="power cut"):
        load_extract(path, sif_contract, paths)
    monkeypatch.undo()
    assert path.exists(), "the landing file stays until its load record is written"
    [archived] = (paths.archive / "sif").glob("*__SIF_9144_201805.csv")
    assert read_load_record(archived) is None

    assert load_extract(path, sif_contract, paths).status == "duplicate"
    assert not path.exists()
    [(load_id, *_), (_, _, _, status, *_)] = _loads(paths)
    assert status == "duplicate"
    assert read_load_record(archived)["load_id"] == load_id


def test_resending_a_superseded_original_says_the_correction_stays_current(
    sif_sample_dir, sif_contract, paths
):
    name = "SIF_9144_201805.csv"
    original = _resend(sif_sample_dir, paths, name)
    original_bytes = original.read_bytes()
    load_extract(original, sif_contract, paths)
    load_extract(_resend(sif_sample_dir, paths, name, drop_last=1), sif_contract, paths)
    resent = paths.landing_for("sif") / name
    resent.write_bytes(original_bytes)
    assert load_extract(resent, sif_contract, paths).status == "duplicate"
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        message = con.execute(
            "SELECT message FROM audit.extract_loads WHERE status = 'duplicate'"
        ).fetchone()[0]
    assert message.startswith("identical to revision 1 of 2018-05 (loaded ")
    assert "which revision 2 (loaded " in message and "the later revision stays current" in message


def test_a_batch_loads_over_one_connection_each_file_in_its_own_transaction(
    sif_sample_dir, sif_contract, paths, monkeypatch
):
    opened = []
    connect = load_module.warehouse.connect
    monkeypatch.setattr(
        load_module.warehouse, "connect", lambda *a, **k: opened.append(a) or connect(*a, **k)
    )
    names = ("SIF_9144_201805.csv", "SIF_9144_201806.csv", "SIF_9144_201807.csv")
    lines = {n: len((sif_sample_dir / n).read_bytes().splitlines()) - 1 for n in names}
    write_audit = load_module.write_audit

    def crash_on_201806(con, **record):
        if record["file_name"] == "SIF_9144_201806.csv" and record["status"] == "loaded":
            raise OSError("disk full")  # after the rows were inserted, before commit
        return write_audit(con, **record)

    monkeypatch.setattr(load_module, "write_audit", crash_on_201806)
    with load_module.one_connection(paths):
        statuses = [
            load_extract(_landing_copy(sif_sample_dir, paths, names[0]), sif_contract, paths).status
        ]
        with pytest.raises(OSError, match="disk full"):
            load_extract(_landing_copy(sif_sample_dir, paths, names[1]), sif_contract, paths)
        for name in (names[0], names[2]):
            path = _landing_copy(sif_sample_dir, paths, name)
            statuses.append(load_extract(path, sif_contract, paths).status)
    assert len(opened) == 1, "one connection for the batch"
    assert statuses == ["loaded", "duplicate", "loaded"]
    expected_rows = lines[names[0]] + lines[names[2]]
    assert _counts(paths) == (expected_rows, {"duplicate": 1, "loaded": 2})
    # Outside the batch a load opens its own connection again.
    monkeypatch.setattr(load_module, "write_audit", write_audit)
    path = paths.landing_for("sif") / names[1]
    assert load_extract(path, sif_contract, paths).status == "loaded"
    assert len(opened) == 2
    assert _counts(paths) == (expected_rows + lines[names[1]], {"duplicate": 1, "loaded": 3})
