import json
import os
import re
import shutil
from datetime import date

import pytest

from roma_monitor.validate.gate import (
    quarantine,
    validate_file,
    validate_source_file,
)
from tests.conftest import KEY_A, KEY_B, sif_row, write_extract

TODAY = date(2026, 11, 24)


def rules(report) -> set[str]:
    return {f.rule for f in report.failures}


def test_every_generated_sample_month_passes_the_gate(sif_sample_dir, sif_contract):
    # Pre- and post-reform months, both encodings.
    for name in ("SIF_9144_201708.csv", "SIF_9144_202012.csv", "SIF_9144_202107.csv"):
        report = validate_file(sif_sample_dir / name, sif_contract, today=TODAY)
        assert report.passed, report.to_markdown()
        assert report.checks_run > 40


@pytest.mark.parametrize(
    ("overrides", "rule"),
    [
        ({"sex": "X"}, "sex.allowed"),
        ({"ethnicity": "Roma"}, "ethnicity.allowed"),
        ({"participant_key": "abc123"}, "participant_key.format"),
        ({"service_start_date": "2021-09-06"}, "service_start_date.format"),
        ({"service_hours": "12.5"}, "service_hours.format"),
        ({"services": "MOT,PSI"}, "services.allowed"),
        ({"municipality_atvk": "9999999"}, "municipality_atvk.allowed"),
        (
            {"municipality_atvk": "0050000"},
            "municipality_atvk.vintage_atvk_2021",
        ),  # pre-reform code
        ({"reporting_month": "2021-08"}, "reporting_month.matches_file_name"),
        ({"sex": ""}, "sex.required"),
        ({"municipality_name": "x" * 61}, "municipality_name.max_length"),
    ],
)
def test_format_violations_name_the_rule_and_row(tmp_path, sif_contract, overrides, rule):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [sif_row(), sif_row(**{"participant_key": KEY_B, **overrides})],
    )
    report = validate_file(path, sif_contract, today=TODAY)
    assert not report.passed
    failure = next(f for f in report.failures if f.rule == rule)
    assert failure.rows == [2]
    assert failure.failing_rows == 1


@pytest.mark.parametrize(
    ("overrides", "rule"),
    [
        ({"birth_year": "1850"}, "birth_year.range"),
        ({"service_hours": "0"}, "service_hours.range"),
        ({"service_start_date": "31.02.2021"}, "service_start_date.calendar_date"),
        ({"service_start_date": "06.09.2027"}, "service_start_date.plausible_date"),
        ({"service_end_date": "01.09.2021"}, "service_end_date.not_before_service_start_date"),
    ],
)
def test_content_violations_name_the_rule_and_row(tmp_path, sif_contract, overrides, rule):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv", [sif_row(participant_key=KEY_B, **overrides), sif_row()]
    )
    report = validate_file(path, sif_contract, today=TODAY)
    assert rule in rules(report), report.to_markdown()
    assert next(f for f in report.failures if f.rule == rule).rows in ([1], [])


def test_impossible_calendar_date_is_rejected_not_guessed(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv", [sif_row(service_start_date="31.02.2021")]
    )
    report = validate_file(path, sif_contract, today=TODAY)
    assert not report.passed


def test_duplicate_participant_in_a_month_is_rejected(tmp_path, sif_contract):
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row(), sif_row()])
    report = validate_file(path, sif_contract, today=TODAY)
    assert "unique_key" in rules(report)


def test_missing_and_renamed_columns_are_listed(tmp_path, sif_contract):
    header = sif_contract.column_names[:-1]
    header[1] = "personas_kods"
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row()[:-1]], header=header)
    report = validate_file(path, sif_contract, today=TODAY)
    assert rules(report) == {"columns"}
    explanation = report.failures[0].explanation
    assert "missing: participant_key, service_hours" in explanation
    assert "unexpected: personas_kods" in explanation


def test_header_only_file_is_rejected(tmp_path, sif_contract):
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [])
    assert rules(validate_file(path, sif_contract, today=TODAY)) == {"has_rows"}


def test_wrong_file_name_is_rejected_before_reading(tmp_path, sif_contract):
    path = write_extract(tmp_path / "sif september.csv", [sif_row()])
    assert rules(validate_file(path, sif_contract, today=TODAY)) == {"file_name"}


@pytest.mark.parametrize("personal_code", ["150384-12345", "15038412345"])
def test_personal_code_is_rejected_and_never_repeated(tmp_path, sif_contract, personal_code):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [
            sif_row(),
            sif_row(participant_key=KEY_B, municipality_name=personal_code),
            sif_row(participant_key=personal_code),
        ],
    )
    report = validate_file(path, sif_contract, today=TODAY)
    assert "municipality_name.no_personal_code" in rules(report)
    assert "participant_key.no_personal_code" in rules(report)  # keys are scanned too
    assert "participant_key.format" in rules(report)
    found = next(f for f in report.failures if f.rule == "municipality_name.no_personal_code")
    assert (found.rows, found.stage) == ([2], "privacy")
    qpath = quarantine(path, report, _paths(tmp_path))
    assert not path.exists() and not qpath.exists(), "no copy of the file is kept"
    outputs = [
        report.to_markdown(),
        json.dumps(report.to_dict()),
        report.summary(),
        qpath.with_name(qpath.name + ".report.md").read_text(),
        qpath.with_name(qpath.name + ".report.json").read_text(),
    ]
    for text in outputs:
        assert personal_code not in text
    # A column holding a code shows no example at all: a value beside it may be half of one.
    key_format = next(f for f in report.failures if f.rule == "participant_key.format")
    assert key_format.rows == [3] and key_format.examples == []
    assert "This file was deleted and no copy of it is kept" in outputs[-2]


def test_quarantine_moves_the_file_beside_a_readable_report(tmp_path, sif_contract):
    path = write_extract(tmp_path / "landing" / "SIF_9144_202109.csv", [sif_row(sex="X")])
    original = path.read_bytes()
    report = validate_file(path, sif_contract, today=TODAY)
    moved = quarantine(path, report, _paths(tmp_path))
    assert not path.exists()
    assert moved.read_bytes() == original
    markdown = moved.with_name(moved.name + ".report.md").read_text()
    assert "SIF_9144_202109.csv" in markdown and "`sex.allowed`" in markdown
    assert "| 1 |" in markdown and "`X`" in markdown
    data = json.loads(moved.with_name(moved.name + ".report.json").read_text())
    assert data["passed"] is False and data["failures"][0]["rows"] == [1]


def test_cli_validate_exits_non_zero_with_reasons(tmp_path, sif_sample_dir):
    from click.testing import CliRunner

    from roma_monitor.cli import main

    good = shutil.copy(sif_sample_dir / "SIF_9144_201801.csv", tmp_path)
    bad = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row(sex="X")])
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(good), "--source", "sif"])
    assert ok.exit_code == 0 and "ACCEPTED" in ok.output
    failed = runner.invoke(main, ["validate", str(bad), "--source", "sif"])
    assert failed.exit_code == 1
    assert "rejected" in failed.output and "sex.allowed" in failed.output


def _paths(tmp_path):
    from roma_monitor.settings import Paths

    return Paths(tmp_path / "home").ensure()


def test_a_file_unreadable_for_another_reason_is_still_scanned_and_deleted(tmp_path):
    path = write_extract(
        tmp_path / "landing" / "SIF_9144_202109.csv",
        [sif_row(), sif_row(participant_key=KEY_B, municipality_name="Rīga 010203-45678")],
        delimiter=",",
    )
    report = validate_source_file(path, "sif", today=TODAY)
    assert rules(report) == {"column_1.no_personal_code", "delimiter"}
    assert report.checks_run == 0, "rejected before any GX check"
    target = quarantine(path, report, _paths(tmp_path))
    assert not path.exists() and not target.exists()
    assert report.disposition == "deleted"
    assert "deleted" in report.summary() and "010203" not in target.with_name(
        target.name + ".report.json"
    ).read_text(encoding="utf-8")


def test_personal_code_in_the_file_name_is_not_repeated(tmp_path):
    path = write_extract(tmp_path / "SIF_9144_202109 010203-45678.csv", [sif_row()])
    report = validate_source_file(path, "sif", today=TODAY)
    assert report.file_name == "SIF_9144_202109 REDACTED.csv"
    assert "file_name.no_personal_code" in rules(report)
    assert "010203" not in report.to_markdown()


def test_a_file_for_a_period_that_has_not_begun_is_rejected(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202701.csv",
        [sif_row(reporting_month="2027-01", participant_key=KEY_A)],
    )
    report = validate_file(path, sif_contract, today=TODAY)
    assert rules(report) == {"file_name.future_period"}
    assert "2027-01, which has not begun yet (checked on 24.11.2026)" in report.to_markdown()


def test_workbook_names_declare_the_period_and_pick_the_contract(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["x"])
    workbook.save(tmp_path / "SIF_9144_202109.xlsx")
    report = validate_source_file(tmp_path / "SIF_9144_202109.xlsx", "sif", today=TODAY)
    assert report.dataset == "sif_participant_months"
    assert report.encoding == "xlsx"
    assert "row 1 is the row after the header (Excel row 2)" in report.to_markdown()


def test_damaged_workbook_cannot_be_scanned_so_it_is_not_kept(tmp_path):
    path = tmp_path / "SIF_9144_202109.xlsx"
    path.write_bytes(b"PK\x03\x04 cut short")
    report = validate_source_file(path, "sif", today=TODAY)
    assert rules(report) == {"workbook"}
    target = quarantine(path, report, _paths(tmp_path))
    assert not path.exists() and not target.exists()
    assert "cannot be checked for personal codes" in target.with_name(
        target.name + ".report.md"
    ).read_text(encoding="utf-8")


def test_a_text_file_named_xlsx_is_still_scanned_for_personal_codes(tmp_path):
    path = write_extract(
        tmp_path / "SIF_9144_202109.xlsx", [sif_row(municipality_name="x 01020345678")]
    )
    report = validate_source_file(path, "sif", today=TODAY)
    assert rules(report) == {"no_personal_code", "workbook"}
    assert report.failures[0].rows == [1] and report.discard_reason == "personal_code"


def test_a_fault_of_the_gate_still_gives_a_report_and_keeps_no_copy(tmp_path, monkeypatch, caplog):
    """A bug in the gate (here an IndexError whose message quotes a value) must not crash the
    run without a report, nor leave the file in landing, nor log the value."""
    from roma_monitor.validate import gate

    def broken(*args, **kwargs):
        raise IndexError("list index out of range at 010203 45678")

    monkeypatch.setattr(gate, "validate_file", broken)
    path = write_extract(tmp_path / "landing" / "SIF_9144_202109.csv", [sif_row()])
    report = validate_source_file(path, "sif", today=TODAY)
    assert [f.rule for f in report.failures] == ["gate_error"]
    assert "IndexError" in report.failures[0].explanation
    target = quarantine(path, report, _paths(tmp_path))
    assert report.disposition == "deleted" and not path.exists() and not target.exists()
    assert "the gate failed on SIF_9144_202109.csv" in caplog.text
    assert "45678" not in caplog.text


@pytest.mark.parametrize(
    "name",
    [
        os.fsdecode(b"SIF_9144_202109\xe9.csv"),  # not UTF-8 (a Windows-1257 name on Linux)
        "SIF_9144_202109_" + "ļoti_garš_nosaukums_" * 9 + ".csv",  # past 255 bytes with a stamp
        "SIF_9144_202109\n010203 45678.csv",
    ],
    ids=["not-utf8", "too-long", "line-break-and-code"],
)
def test_an_odd_file_name_still_gets_its_report_and_loses_nothing(tmp_path, name):
    path = write_extract(tmp_path / "landing" / name, [sif_row()])
    report = validate_source_file(path, "sif", today=TODAY)
    assert "file_name" in rules(report)
    report.file_name.encode("utf-8")  # writable anywhere: no lone surrogates
    assert len(report.file_name.encode("utf-8")) <= 200
    target = quarantine(path, report, _paths(tmp_path))
    markdown, data = (target.with_name(target.name + s) for s in (".report.md", ".report.json"))
    assert "`file_name`" in markdown.read_text("utf-8")
    assert "file_name" in {f["rule"] for f in json.loads(data.read_text("utf-8"))["failures"]}
    assert not path.exists()
    assert target.exists() == (report.discard_reason is None)
    assert "45678" not in target.name


def test_a_pipe_in_a_rule_does_not_cut_the_reports_table():
    from roma_monitor.validate.gate import RuleFailure, ValidationReport

    failure = RuleFailure(
        rule="municipality_atvk.matches(atvk_2009|atvk_2021)",
        explanation="a code of either vintage (2009|2021)",
        stage="content",
        failing_rows=1,
        rows=[3],
        examples=["12|34"],
    )
    report = ValidationReport(
        source="sif",
        dataset="sif",
        file_name="SIF_9144_202109.csv",
        sha256="0" * 64,
        checked_at="2026-11-24T10:00:00Z",
        rows=3,
        failures=[failure],
    )
    row = next(line for line in report.to_markdown().splitlines() if line.startswith("| 1 |"))
    # a markdown reader splits cells on every pipe that is not escaped
    cells = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    assert len(cells) == 7
    assert cells[1].strip() == r"`municipality_atvk.matches(atvk_2009\|atvk_2021)`"
    assert cells[5].strip() == r"`12\|34`"
