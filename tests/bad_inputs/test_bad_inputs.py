"""Every file of the bad-input corpus through the real pipeline steps (validate → load), against
a home that already has loaded and published data: it loads correctly, or it is rejected with the
expected rule, message and rows, nothing of it reaches the warehouse, the rejection is audited,
what is published stays as it was, and no personal code is kept anywhere."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.publish.snapshot import connect_published, current_snapshot
from roma_monitor.serve.exports import to_csv
from roma_monitor.serve.viewmodel import Kind, ViewTable
from roma_monitor.settings import Paths
from tests.bad_inputs.corpus import (
    FAKE_CODES,
    FILES_DIR,
    HOME_FILES_DIR,
    Case,
    fake_code_forms,
    load_cases,
)

CASES = load_cases()


@dataclass(frozen=True)
class HomeState:
    raw_rows: dict[str, int]
    audit_rows: int
    indicators: tuple[str, str]  # the `current` snapshot's name and content hash


def _state(paths: Paths) -> HomeState:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        raw = {
            c.dataset: con.execute(f"SELECT count(*) FROM {c.raw_table}").fetchone()[0]
            for c in CONTRACTS.values()
        }
        audit = con.execute("SELECT count(*) FROM audit.extract_loads").fetchone()[0]
    snapshot = current_snapshot("indicators", paths)
    return HomeState(raw, audit, (snapshot.name, hashlib.sha256(snapshot.read_bytes()).hexdigest()))


def _last_audit(paths: Paths) -> dict:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        cursor = con.execute("SELECT * FROM audit.extract_loads ORDER BY finished_at DESC LIMIT 1")
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def _run(case: Case, paths: Paths) -> tuple[dict | None, pipeline.ExtractRejected | None]:
    """What the ingest DAG does with one landed file: validate, load, publish the audit."""
    landed = paths.landing_for(case.source) / case.file
    landed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case.path, landed)
    loaded, rejected = None, None
    try:
        validated = pipeline.validate_extract(str(landed), case.source, paths)
        loaded = pipeline.load_validated(validated, case.source, paths)
    except pipeline.ExtractRejected as error:
        rejected = error
    finally:
        pipeline.publish_operations(paths)
    assert not landed.exists(), "the landing folder keeps nothing once a file is handled"
    return loaded, rejected


def _published_last_status(paths: Paths) -> str:
    with connect_published("operations", paths) as con:
        return con.execute(
            "SELECT status FROM extract_loads ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()[0]


def _stored_value(paths: Paths, dataset: str, column: str, row: int, sha256: str) -> str | None:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        found = con.execute(
            f'SELECT CAST("{column}" AS VARCHAR) FROM {CONTRACTS[dataset].raw_table} '
            "WHERE _row_number = ? AND _extract_sha256 = ?",
            [row, sha256],
        ).fetchall()
    assert len(found) == 1, f"row {row} of the file is not in the warehouse once"
    return found[0][0]


def _assert_loaded(case: Case, paths: Paths, before: HomeState, loaded, rejected) -> None:
    assert rejected is None, f"{case.id} should load: {rejected}"
    assert loaded["status"] == "loaded" and loaded["rows"] == case.loaded_rows
    after = _state(paths)
    expected = dict(
        before.raw_rows, **{case.dataset: before.raw_rows[case.dataset] + case.loaded_rows}
    )
    assert after.raw_rows == expected
    audit = _last_audit(paths)
    assert (audit["status"], audit["file_name"], audit["rows"]) == (
        "loaded",
        case.file,
        case.loaded_rows,
    )
    assert audit["reporting_period"], "the audit knows the file's period (xlsx names too)"
    assert list((paths.archive / case.source).glob(f"*__{case.file}"))
    for column, row, value in case.expect:
        assert _stored_value(paths, case.dataset, column, row, loaded["sha256"]) == value


def _report(audit: dict) -> dict:
    return json.loads(Path(audit["report_path"]).with_suffix(".json").read_text(encoding="utf-8"))


def _assert_rejected(case: Case, paths: Paths, before: HomeState, rejected) -> None:
    assert rejected is not None, f"{case.id} should be rejected"
    after = _state(paths)
    assert after.raw_rows == before.raw_rows, "nothing of a rejected file reaches the warehouse"
    assert after.audit_rows == before.audit_rows + 1
    audit = _last_audit(paths)
    assert audit["status"] == "rejected"
    report = _report(audit)
    assert audit["file_name"] == report["file_name"]
    rules = [f["rule"] for f in report["failures"]]
    assert case.rule in rules, f"{case.id}: expected {case.rule}, the report names {rules}"
    # the audit keeps the failed rules as the report lists them: rules, columns, counts, rows
    assert audit["failed_rules"] == [
        {
            "rule": f["rule"],
            "column_name": f["column"],
            "failed_rows": f["failing_rows"],
            "first_rows": f["rows"],
        }
        for f in report["failures"]
    ]
    failure = next(f for f in report["failures"] if f["rule"] == case.rule)
    assert case.message in failure["explanation"]
    assert failure["rows"] == case.rows
    markdown = audit["report_markdown"]
    assert f"# Validation report: {report['file_name']}" in markdown
    assert f"`{case.rule}`" in markdown
    if case.rows:
        assert f"| {', '.join(map(str, case.rows))} |" in markdown
    _assert_disposition(case, paths, audit, markdown)


def _assert_disposition(case: Case, paths: Paths, audit: dict, markdown: str) -> None:
    kept = sorted(
        p
        for p in (paths.quarantine / case.source).iterdir()
        if not p.name.endswith((".md", ".json"))
    )
    report_md = Path(audit["report_path"])
    assert report_md.is_file()
    if case.kept == "quarantine":
        assert [p.read_bytes() for p in kept] == [case.path.read_bytes()]
        assert kept[0].name + ".report.md" == report_md.name
    else:
        assert kept == [], "a file that may hold personal codes is deleted, not quarantined"
        assert "This file was deleted and no copy of it is kept" in markdown
        assert "send the whole file again" in markdown or "send it again" in markdown
        assert "(file deleted, no copy kept: " in audit["message"]


def _duckdb_hits(path: Path, needles: list[str]) -> list[str]:
    hits = []
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "WHERE data_type = 'VARCHAR'"
        ).fetchall()
        for schema, table, column in columns:
            condition = " OR ".join(f'contains("{column}", ?)' for _ in needles)
            found = con.execute(
                f'SELECT count(*) FROM "{schema}"."{table}" WHERE {condition}', needles
            ).fetchone()[0]
            if found:
                hits.append(f"{path.name}:{schema}.{table}.{column}")
    return hits


def _assert_no_personal_code_kept(paths: Paths, logs: str) -> None:
    """The fake codes appear in no file of the home (bytes, file names, DuckDB text columns,
    which may be compressed on disk) and in no log line."""
    needles = fake_code_forms()
    leaks = [n for n in needles if n in logs]
    for path in paths.home.rglob("*"):
        leaks += [f"name {path.name}" for n in needles if n in str(path.relative_to(paths.home))]
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        leaks += [f"bytes {path.name}" for n in needles if n.encode() in data]
        if path.suffix == ".duckdb":
            leaks += _duckdb_hits(path, needles)
    assert leaks == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_loaded_or_rejected_precisely(case, corpus_home, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    before = _state(corpus_home)
    loaded, rejected = _run(case, corpus_home)
    assert _state(corpus_home).indicators == before.indicators, "the published data is unchanged"
    assert _published_last_status(corpus_home) == case.outcome
    if case.outcome == "loaded":
        _assert_loaded(case, corpus_home, before, loaded, rejected)
    else:
        _assert_rejected(case, corpus_home, before, rejected)
    if case.holds_personal_code:
        captured = capfd.readouterr()
        logs = [caplog.text, captured.out, captured.err, str(rejected)]
        _assert_no_personal_code_kept(corpus_home, "\n".join(logs))


def test_every_corpus_file_has_a_case_and_every_case_a_file():
    folders = {p.name for p in FILES_DIR.iterdir() if p.is_dir() and p != HOME_FILES_DIR}
    assert folders == {c.id for c in CASES}
    for case in CASES:
        assert [p.name for p in case.path.parent.iterdir()] == [case.file]
    assert len({c.id for c in CASES}) == len(CASES)


def test_the_corpus_covers_both_outcomes_and_every_disposition():
    assert {c.outcome for c in CASES} == {"loaded", "rejected"}
    assert {c.kept for c in CASES} == {"archive", "quarantine", "deleted"}
    for case in CASES:
        assert (case.outcome == "loaded") == (case.kept == "archive")
        assert (case.rule is None) == (case.outcome == "loaded")


def _text_of(case: Case) -> str:
    """Everything a case's file says, decoded whichever way it was written."""
    data = case.path.read_bytes()
    if data.startswith(b"PK"):  # every part of a workbook, its XML as written
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(m).decode("utf-8", "replace") for m in archive.namelist())
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\xff\xfe", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    return data.decode()


def _digits(text: str) -> str:
    """The decimal digits of `text` (of any script) in order, everything else dropped."""
    return "".join(str(unicodedata.digit(c)) for c in text if unicodedata.category(c) == "Nd")


@pytest.mark.parametrize("case", [c for c in CASES if c.holds_personal_code], ids=lambda c: c.id)
def test_each_personal_code_case_really_holds_a_fake_code(case):
    held = _digits(case.file + _text_of(case))
    digits = [code.replace("-", "") for code in FAKE_CODES]
    # as written; without the leading zero Excel drops; stored reversed (right-to-left override)
    assert any(d in held or d[1:] in held or d[::-1] in held for d in digits)


def test_formula_text_that_was_loaded_is_neutralised_in_exports():
    values = [v for c in CASES if "formula_text" in c.id for _, _, v in c.expect]
    assert len(values) == 3 and all(v[0] in "=@" for v in values)
    exported = to_csv(ViewTable.of([("text", Kind.LABEL, values)])).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(exported), delimiter=";")][1:]
    assert cells == [f"'{v}" for v in values]
