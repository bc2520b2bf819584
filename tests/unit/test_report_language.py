"""The gate's validation report in the reader's language (issue 15, "Latvian, all of it"):
every rule of every suite explained in Latvian, the Latvian report free of the English template,
both reports kept with the audit row, and the agency's quarantine report Latvian first."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.contracts.rules import STAGES
from roma_monitor.serve import queries as q
from roma_monitor.settings import EXPECTATIONS_DIR, Paths
from roma_monitor.validate.gate import quarantine, validate_file, validate_source_file
from roma_monitor.warehouse import AUDIT_DDL
from tests.bad_inputs.corpus import load_cases
from tests.conftest import KEY_B, sif_row, write_extract

from .test_gate import TODAY

# Words of the English report (its fixed text and the English explanations): none may remain in
# the Latvian one outside code spans (rule names, values) and quoted column names.
ENGLISH_WORDS = {
    "validation",
    "report",
    "source",
    "dataset",
    "verdict",
    "rejected",
    "accepted",
    "checked",
    "data",
    "rows",
    "encoding",
    "checks",
    "run",
    "nothing",
    "from",
    "this",
    "file",
    "was",
    "loaded",
    "correct",
    "send",
    "again",
    "row",
    "numbers",
    "count",
    "after",
    "header",
    "rule",
    "stage",
    "failing",
    "first",
    "examples",
    "what",
    "it",
    "means",
    "must",
    "may",
    "contains",
    "shaped",
    "personal",
    "code",
    "never",
    "values",
    "shown",
    "column",
    "missing",
    "unexpected",
    "found",
    "deleted",
    "copy",
    "kept",
    "because",
    "the",
    "allowed",
    "one",
    "of",
    "codes",
    "privacy",
    "format",
    "content",
    "structure",
}


def english_words(markdown: str) -> set[str]:
    prose = re.sub(r"`[^`]*`|'[^']*'", " ", markdown)
    return {w for w in re.findall(r"\w+", prose) if w.lower() in ENGLISH_WORDS}


def test_every_rule_of_every_suite_is_explained_in_latvian() -> None:
    assert {path.name for path in EXPECTATIONS_DIR.iterdir() if path.is_dir()} == set(CONTRACTS)
    for dataset in CONTRACTS:
        for stage in STAGES:
            suite = json.loads((EXPECTATIONS_DIR / dataset / f"{stage}.json").read_text("utf-8"))
            for expectation in suite["expectations"]:
                meta = expectation["meta"]
                where = f"{dataset}/{stage}: {meta['rule']}"
                assert meta["explanation"], where
                assert meta.get("explanation_lv"), where
                assert meta["explanation_lv"] != meta["explanation"], where
                assert not english_words(meta["explanation_lv"]), where


def _latvian_report(report) -> str:
    markdown = report.to_markdown("lv")
    assert markdown.startswith(f"# Validācijas pārskats: {report.file_name}\n")
    assert "- Lēmums: **noraidīts**" in markdown
    assert (
        "Neviens ieraksts no šī faila netika ielādēts. Izlabojiet failu un nosūtiet to vēlreiz."
        in markdown
    )
    first_row = (
        "1. rinda ir rinda tūlīt aiz galvenes (Excel 2. rinda)"
        if report.encoding == "xlsx"
        else "1. rinda ir rindiņa tūlīt aiz galvenes"
    )
    assert f"Rindu numuri ir datu rindu kārtas numuri: {first_row}." in markdown
    assert (
        "| Nr. | noteikums | posms | kļūdainās rindas | rindas (pirmās 20) | piemēri "
        "| ko tas nozīmē |" in markdown
    )
    assert not english_words(markdown), english_words(markdown)
    return markdown


@pytest.mark.parametrize("engine", ["duckdb", "gx"])
def test_a_bad_municipality_code_is_reported_in_latvian(tmp_path, sif_contract, engine) -> None:
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [sif_row(), sif_row(participant_key=KEY_B, municipality_atvk="9999999")],
    )
    report = validate_file(path, sif_contract, today=TODAY, engine=engine)
    markdown = _latvian_report(report)
    assert "| 1 | `municipality_atvk.allowed` | formāts | 1 | 2 | `9999999` |" in markdown
    assert "Kolonnas 'municipality_atvk' vērtībai jābūt vienam no atļautajiem kodiem" in markdown
    english = report.to_markdown("en")  # the English report is unchanged
    assert english == report.to_markdown()
    assert "# Validation report: SIF_9144_202109.csv" in english
    assert "'municipality_atvk' must be one of the allowed codes" in english


def test_a_personal_code_is_reported_in_latvian_and_never_repeated(tmp_path, sif_contract) -> None:
    code = "150384-12345"
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [sif_row(), sif_row(participant_key=KEY_B, municipality_name=code)],
    )
    report = validate_file(path, sif_contract, today=TODAY)
    markdown = _latvian_report(report)
    assert code not in markdown
    assert "Kolonnā 'municipality_name' ir vērtības, kas pēc formas atbilst Latvijas" in markdown
    assert "**Sistēma šo failu izdzēš, tā kopiju neglabājot**, jo tajā ir vērtības" in markdown


def test_a_wrong_header_is_reported_in_latvian(tmp_path, sif_contract) -> None:
    header = sif_contract.column_names[:-1]
    header[1] = "personas_kods"
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row()[:-1]], header=header)
    report = validate_file(path, sif_contract, today=TODAY)
    markdown = _latvian_report(report)
    assert "Galvenē jābūt tieši šīm kolonnām šādā secībā:" in markdown
    assert "Atrastās kolonnas: trūkst: participant_key, service_hours; neparedzētas: " in markdown


def test_a_file_name_of_no_contract_is_reported_in_latvian(tmp_path) -> None:
    path = write_extract(tmp_path / "sif september.csv", [sif_row()])
    report = validate_source_file(path, "sif", today=TODAY)
    markdown = _latvian_report(report)
    assert "Faila nosaukums neatbilst nevienam no failiem, ko sūta SIF" in markdown


def test_the_agency_gets_the_report_in_latvian_then_in_english(tmp_path, sif_contract) -> None:
    path = write_extract(tmp_path / "landing" / "SIF_9144_202109.csv", [sif_row(sex="X")])
    report = validate_file(path, sif_contract, today=TODAY)
    moved = quarantine(path, report, Paths(tmp_path / "home").ensure())
    markdown = moved.with_name(moved.name + ".report.md").read_text("utf-8")
    latvian, english = markdown.split("\n---\n")
    assert latvian.startswith("# Validācijas pārskats: SIF_9144_202109.csv")
    assert "# Validation report: SIF_9144_202109.csv" in english
    assert "Kolonnas 'sex' vērtībai jābūt vienam no atļautajiem kodiem" in latvian


def test_both_reports_are_kept_with_the_audit_row(paths) -> None:
    from roma_monitor import pipeline

    rejected = write_extract(
        paths.landing_for("sif") / "SIF_9144_202109.csv", [sif_row(municipality_atvk="0999999")]
    )
    with pytest.raises(pipeline.ExtractRejected):
        pipeline.validate_extract(str(rejected), "sif", paths)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        english, latvian = con.execute(
            "SELECT report_markdown, report_markdown_lv FROM audit.extract_loads"
        ).fetchone()
    assert english.startswith("# Validation report: SIF_9144_202109.csv")
    assert latvian.startswith("# Validācijas pārskats: SIF_9144_202109.csv")
    assert "**noraidīts**" in latvian and "municipality_atvk.allowed" in latvian


def test_the_report_query_falls_back_to_english_for_older_loads() -> None:
    """A load checked before the gate wrote Latvian has report_markdown_lv NULL."""
    con = duckdb.connect()
    con.execute(AUDIT_DDL)
    con.execute("CREATE VIEW main.extract_loads AS SELECT * FROM audit.extract_loads")
    for load_id, file_name, markdown_lv in (
        ("new", "a.csv", "# Validācijas pārskats"),
        ("old", "b.csv", None),
    ):
        con.execute(
            "INSERT INTO audit.extract_loads (load_id, source, file_name, sha256, status, "
            "started_at, finished_at, duration_s, report_markdown, report_markdown_lv) "
            "VALUES (?, 'sif', ?, '', 'rejected', TIMESTAMP '2023-01-10 08:00', "
            "TIMESTAMP '2023-01-10 08:01', 60, '# Validation report', ?)",
            [load_id, file_name, markdown_lv],
        )
    new_lv = q.validation_report(con, "new", "lv")
    assert (new_lv.markdown, new_lv.language) == ("# Validācijas pārskats", "lv")
    new_en = q.validation_report(con, "new", "en")
    assert (new_en.markdown, new_en.language) == ("# Validation report", "en")
    old_lv = q.validation_report(con, "old", "lv")
    assert (old_lv.markdown, old_lv.language) == ("# Validation report", "en")


REJECTED_CASES = [case for case in load_cases() if case.outcome == "rejected"]


@pytest.mark.parametrize("case", REJECTED_CASES, ids=[case.id for case in REJECTED_CASES])
def test_every_bad_input_is_explained_in_latvian(case) -> None:
    """Every failure the gate reports for the bad-input corpus (the suites' rules, the reader's
    messages about encodings, workbooks and shapes, personal codes) has a Latvian explanation."""
    report = validate_source_file(case.path, case.source)
    assert not report.passed
    for failure in report.failures:
        assert failure.explanation_lv, f"{case.id}: {failure.rule}"
    _latvian_report(report)


def test_the_cli_prints_the_report_in_latvian_on_request(tmp_path) -> None:
    from click.testing import CliRunner

    from roma_monitor.cli import main

    bad = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row(sex="X")])
    failed = CliRunner().invoke(main, ["validate", str(bad), "--source", "sif", "--lang", "lv"])
    assert failed.exit_code == 1
    assert "# Validācijas pārskats: SIF_9144_202109.csv" in failed.output
    assert "Kolonnas 'sex' vērtībai jābūt vienam no atļautajiem kodiem" in failed.output
