"""The data-quality gate: GX validation of one extract, its report, and quarantine.

Before anything else the gate scans every cell (and the header and the file name) for values
shaped like a Latvian personal code. Such a file is rejected, its report never repeats the values,
and `quarantine` deletes it instead of keeping a copy (docs/bad-inputs.md).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import traceback
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from roma_monitor.contracts.base import (
    WORKBOOK_SUFFIX,
    Contract,
    period_bounds,
    personal_code_rule,
    resend_name,
)
from roma_monitor.contracts.registry import contract_for_file, contracts_for_source
from roma_monitor.contracts.rules import ColumnsMatch, HasRows, contract_rules
from roma_monitor.contracts.sql import (
    READER_DUCKDB,
    READER_DUCKDB_TRIMMED,
    READER_REFERENCE,
    ROW_NUMBER,
)
from roma_monitor.ingest.reader import (
    KIND_TEXT,
    KIND_UTF16,
    KIND_UTF32,
    KIND_XLSX,
    Cells,
    ExtractReadError,
    is_zip_archive,
    raw_from_cells,
    read_cells,
    read_workbook,
    sha256_of,
    sniff_kind,
    text_of_unreadable,
    to_typed,
    with_period_month,
    workbook_parts,
)
from roma_monitor.ingest.reader import (
    is_workbook as is_workbook_name,
)
from roma_monitor.privacy.personal_codes import (
    PERSONAL_CODE_EXPLANATION,
    PERSONAL_CODE_EXPLANATION_LV,
    REDACTED,
    contains_personal_code,
    holds_personal_code,
    lost_leading_zero,
    redact,
    redact_name,
    split_between,
)
from roma_monitor.settings import Paths
from roma_monitor.validate import sql_gate
from roma_monitor.validate.sql_gate import SqlVerdict

log = logging.getLogger(__name__)

MAX_ROWS_LISTED = 20
ENGINE_DUCKDB = "duckdb"
ENGINE_GX = "gx"
MAX_EXAMPLES = 5
# Room left in a 255-byte file name for `<time stamp>__` before and `.report.json` after.
MAX_NAME_BYTES = 200
# Why a rejected file is deleted instead of quarantined.
PERSONAL_CODE = "personal_code"
UNSCANNABLE = "unscannable"
GATE_ERROR = "gate_error"
STAGE_ORDER = {"privacy": 0, "file": 1, "structure": 2, "format": 3, "content": 4}
SPLIT_CODE_EXPLANATION = (
    "'{left}' and '{right}' together hold something shaped like a Latvian personal code, its "
    "two halves in neighbouring cells. Personal codes must never be sent: use the pseudonymous "
    "participant key. The values are not shown."
)
SPLIT_CODE_EXPLANATION_LV = (
    "Kolonnās '{left}' un '{right}' kopā ir vērtības, kas pēc formas atbilst Latvijas personas "
    "kodam: tā abas daļas ir blakus esošās šūnās. Personas kodus sūtīt nedrīkst: izmantojiet "
    "pseidonimizēto dalībnieka atslēgu. Vērtības netiek rādītas."
)
DISCARD_NOTES = {
    PERSONAL_CODE: "it contains values shaped like Latvian personal codes (DDMMYY-NNNNN or "
    "32NNNN-NNNNN, in any spelling), which must never be sent or stored. Remove them (send the "
    "pseudonymous key instead) and send the whole file again.",
    UNSCANNABLE: "it cannot be opened as a table, so it cannot be checked for personal codes. "
    "Save it again (as .xlsx or 'CSV UTF-8') and send it again.",
}
DISCARD_NOTES_LV = {
    PERSONAL_CODE: "tajā ir vērtības, kas pēc formas atbilst Latvijas personas kodiem "
    "(DDMMGG-NNNNN vai 32NNNN-NNNNN jebkurā pierakstā), un tos nedrīkst ne sūtīt, ne glabāt. "
    "Izņemiet tos (to vietā sūtiet pseidonimizēto atslēgu) un nosūtiet visu failu vēlreiz.",
    UNSCANNABLE: "to nevar atvērt kā tabulu, tāpēc nevar pārbaudīt, vai tajā nav personas kodu. "
    "Saglabājiet to vēlreiz (kā .xlsx vai 'CSV UTF-8') un nosūtiet vēlreiz.",
}
LANGUAGES = ("lv", "en")
REDACTED_LV = "«aizklāts: pēc formas atbilst personas kodam»"
# The fixed text of the Markdown report, by language (the explanations come with each failure).
REPORT_TEXT = {
    "en": {
        "title": "Validation report",
        "source": "Source",
        "dataset": "dataset",
        "not_recognised": "not recognised",
        "verdict": "Verdict",
        "accepted": "accepted",
        "rejected": "rejected",
        "checked_at": "Checked at",
        "data_rows": "Data rows",
        "encoding": "encoding",
        "unknown": "unknown",
        "checks_run": "Checks run",
        "all_passed": "All checks passed.",
        "deleted": "This file was deleted and no copy of it is kept",
        "to_delete": "The pipeline deletes this file without keeping a copy",
        "because": "because",
        "first_row_xlsx": "row 1 is the row after the header (Excel row 2)",
        "first_row": "row 1 is the line after the header",
        "nothing_loaded": "Nothing from this file was loaded. Correct the file and send it again.",
        "row_numbers": "Row numbers count data rows: {first_row}.",
        "header": "| # | rule | stage | failing rows | rows (first 20) | examples "
        "| what it means |",
        "stages": {},
    },
    "lv": {
        "title": "Validācijas pārskats",
        "source": "Avots",
        "dataset": "datu kopa",
        "not_recognised": "nav atpazīta",
        "verdict": "Lēmums",
        "accepted": "pieņemts",
        "rejected": "noraidīts",
        "checked_at": "Pārbaudīts",
        "data_rows": "Datu rindas",
        "encoding": "kodējums",
        "unknown": "nav zināms",
        "checks_run": "Veiktās pārbaudes",
        "all_passed": "Fails izturēja visas pārbaudes.",
        "deleted": "Šis fails ir izdzēsts, un tā kopija netiek glabāta",
        "to_delete": "Sistēma šo failu izdzēš, tā kopiju neglabājot",
        "because": "jo",
        "first_row_xlsx": "1. rinda ir rinda tūlīt aiz galvenes (Excel 2. rinda)",
        "first_row": "1. rinda ir rindiņa tūlīt aiz galvenes",
        "nothing_loaded": "Neviens ieraksts no šī faila netika ielādēts. Izlabojiet failu un "
        "nosūtiet to vēlreiz.",
        "row_numbers": "Rindu numuri ir datu rindu kārtas numuri: {first_row}.",
        "header": "| Nr. | noteikums | posms | kļūdainās rindas | rindas (pirmās 20) | piemēri "
        "| ko tas nozīmē |",
        "stages": {
            "privacy": "privātums",
            "file": "fails",
            "structure": "struktūra",
            "format": "formāts",
            "content": "saturs",
        },
    },
}


@dataclass
class RuleFailure:
    rule: str
    explanation: str
    stage: str
    column: str | None = None
    failing_rows: int | None = None
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    # The explanation in Latvian; empty where none is written (the Latvian report then shows the
    # English one).
    explanation_lv: str = ""

    def explained(self, lang: str) -> str:
        return (self.explanation_lv or self.explanation) if lang == "lv" else self.explanation


@dataclass
class ValidationReport:
    source: str
    dataset: str | None
    file_name: str  # as sent, except that anything shaped like a personal code is replaced
    sha256: str
    checked_at: str
    rows: int = 0
    encoding: str | None = None
    failures: list[RuleFailure] = field(default_factory=list)
    checks_run: int = 0
    unscannable: bool = False
    # What `quarantine` did with the rejected file: "quarantined" or "deleted".
    disposition: str | None = None
    # Something shaped like a personal code had to be redacted from what the report shows.
    redacted: bool = False
    # How the gate read the file: "duckdb" (as DuckDB reads the CSV, "duckdb-trimmed" when values
    # were trimmed) or "reference" (normalised by the Python reader; judged by the same SQL, or by
    # GX on pandas when the reference engine was asked for). The loader reads the file the same
    # way.
    reader: str = READER_REFERENCE

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def discard_reason(self) -> str | None:
        """Why no copy of this file may be kept (PERSONAL_CODE, UNSCANNABLE), or None."""
        if self.redacted or any(f.rule.endswith("no_personal_code") for f in self.failures):
            return PERSONAL_CODE
        return UNSCANNABLE if self.unscannable and not self.passed else None

    def failed_rules(self) -> tuple[dict, ...]:
        """The failed rules as the load audit keeps them (`failed_rules`): rule ids, columns,
        counts and the first rows, never a value."""
        return tuple(
            {
                "rule": f.rule,
                "column_name": f.column,
                "failed_rows": f.failing_rows,
                "first_rows": list(f.rows),
            }
            for f in self.failures
        )

    def to_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed, "discard_reason": self.discard_reason}

    def summary(self) -> str:
        if self.passed:
            return f"ACCEPTED {self.file_name}: {self.rows} rows passed {self.checks_run} checks"
        rules = ", ".join(f.rule for f in self.failures)
        deleted = ""
        if self.discard_reason:
            done = "deleted" if self.disposition == "deleted" else "not kept"
            reason = "personal codes" if self.discard_reason == PERSONAL_CODE else "unreadable"
            deleted = f" (file {done}, no copy kept: {reason})"
        return f"REJECTED {self.file_name}{deleted}: {len(self.failures)} rule(s) failed: {rules}"

    def to_markdown(self, lang: str = "en") -> str:
        """The report for people, in ``lang`` ("lv" or "en")."""
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
        text = REPORT_TEXT[lang]
        verdict = text["accepted"] if self.passed else text["rejected"]
        lines = [
            f"# {text['title']}: {self.file_name}",
            "",
            f"- {text['source']}: `{self.source}`; {text['dataset']}: "
            f"`{self.dataset or text['not_recognised']}`",
            f"- {text['verdict']}: **{verdict}**",
            f"- {text['checked_at']}: {self.checked_at}",
            f"- SHA-256: `{self.sha256}`",
            f"- {text['data_rows']}: {self.rows}; {text['encoding']}: "
            f"{self.encoding or text['unknown']}",
            f"- {text['checks_run']}: {self.checks_run}",
            "",
        ]
        if self.passed:
            lines.append(text["all_passed"])
            return "\n".join(lines) + "\n"
        if self.discard_reason:
            done = text["deleted"] if self.disposition == "deleted" else text["to_delete"]
            notes = DISCARD_NOTES_LV if lang == "lv" else DISCARD_NOTES
            lines += [f"**{done}**, {text['because']} {notes[self.discard_reason]}", ""]
        first_row = text["first_row_xlsx"] if self.encoding == "xlsx" else text["first_row"]
        lines += [
            text["nothing_loaded"],
            text["row_numbers"].format(first_row=first_row),
            "",
            text["header"],
            "|---|---|---|---|---|---|---|",
        ]
        for i, f in enumerate(self.failures, 1):
            rows = ", ".join(map(str, f.rows)) if f.rows else "–"
            examples = ", ".join(f"`{e}`" for e in f.examples) if f.examples else "–"
            count = "–" if f.failing_rows is None else str(f.failing_rows)
            stage = text["stages"].get(f.stage, f.stage)
            cells = (str(i), f"`{f.rule}`", stage, count, rows, examples, f.explained(lang))
            lines.append("| " + " | ".join(map(table_cell, cells)) + " |")
        markdown = "\n".join(lines) + "\n"
        # What stands in for a redacted value, in the report's language.
        return markdown.replace(REDACTED, REDACTED_LV) if lang == "lv" else markdown

    def to_markdown_both(self) -> str:
        """The report an agency receives: Latvian first, the English translation below."""
        return self.to_markdown("lv") + "\n---\n\n" + self.to_markdown("en")


def table_cell(text: str) -> str:
    """``text`` fit for one cell of a markdown table: a ``|`` (as in a rule's
    ``(atvk_2009|atvk_2021)``) would end the cell, a line break the row. GFM reads ``\\|`` as a
    pipe, also inside code spans."""
    return str(text).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


# --- personal codes ----------------------------------------------------------------------------


def _shown(value: object) -> str:
    """A value as the file writes it: dates DD.MM.YYYY, numbers with a decimal comma, control
    characters visible as <U+0000>."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(_shown(v) for v in value.values())
    if isinstance(value, tuple | list):
        return " / ".join(_shown(v) for v in value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    text = str(value)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"<U+{ord(c):04X}>" for c in text)


def _safe_example(value: object) -> str:
    """An example for a report: redacted whole if it holds anything shaped like a code (judged
    before control characters are made visible, which would hide a separator)."""
    if contains_personal_code(_plain(value)):
        return REDACTED
    text = _shown(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _plain(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(_plain(v) for v in value.values())
    if isinstance(value, tuple | list):
        return " / ".join(_plain(v) for v in value)
    return "" if value is None else str(value)


def _personal_code_failure(
    rule: str, what: str, rows: list[int], column=None, *, where_lv: str
) -> RuleFailure:
    """``what`` holds the code (English: "The header"), ``where_lv`` where it is (Latvian,
    locative: "Galvenē")."""
    return RuleFailure(
        rule=rule,
        explanation=PERSONAL_CODE_EXPLANATION.format(what=what),
        explanation_lv=PERSONAL_CODE_EXPLANATION_LV.format(where=where_lv),
        stage="privacy",
        column=column,
        failing_rows=len(rows) if rows else None,
        rows=rows[:MAX_ROWS_LISTED],
    )


def _column_code_failure(
    rule: str, column: str, rows: list[int], number: int | None = None
) -> RuleFailure:
    """A personal code in one column: named, or by its ``number`` when the contract does not
    know it."""
    if number is None:
        what, where_lv = f"'{column}'", f"Kolonnā '{column}'"
    else:
        what, where_lv = f"Column {number}", f"{number}. kolonnā"
    return _personal_code_failure(rule, what, rows, column, where_lv=where_lv)


def _split_code_failure(left: str, right: str, rows: list[int]) -> RuleFailure:
    failure = _personal_code_failure(personal_code_rule(left, right), "", rows, left, where_lv="")
    failure.explanation = SPLIT_CODE_EXPLANATION.format(left=left, right=right)
    failure.explanation_lv = SPLIT_CODE_EXPLANATION_LV.format(left=left, right=right)
    return failure


def personal_codes_in_cells(cells: Cells, contract: Contract | None) -> list[RuleFailure]:
    """One failure per column (and for the header) holding values shaped like personal codes,
    and per pair of neighbouring columns holding the two halves of one."""
    failures = []
    # Each name, and the names side by side (a code split between two header cells).
    if any(holds_personal_code(name) for name in cells.header) or contains_personal_code(
        ";".join(cells.header)
    ):
        failures.append(
            _personal_code_failure("header.no_personal_code", "The header", [], where_lv="Galvenē")
        )
    known = set(contract.column_names) if contract else set()
    pairs = set(contract.code_split_pairs) if contract else None
    names = [name if name in known else f"column_{i + 1}" for i, name in enumerate(cells.header)]
    rows_by_column: dict[int, list[int]] = {}
    rows_by_pair: dict[int, list[int]] = {}
    for number, values in cells.rows:
        for i, value in enumerate(values):
            if holds_personal_code(value):
                rows_by_column.setdefault(i, []).append(number)
            if i + 1 < len(values) and split_between(value, values[i + 1]):
                rows_by_pair.setdefault(i, []).append(number)
    for i, rows in sorted(rows_by_column.items()):
        column = names[i] if i < len(names) else f"column_{i + 1}"
        number = None if column in known else i + 1
        failures.append(_column_code_failure(personal_code_rule(column), column, rows, number))
    for i, rows in sorted(rows_by_pair.items()):
        left = names[i] if i < len(names) else f"column_{i + 1}"
        right = names[i + 1] if i + 1 < len(names) else f"column_{i + 2}"
        if pairs is None or (left, right) in pairs:
            failures.append(_split_code_failure(left, right, rows))
    return failures


def _personal_code_lines(text: str) -> list[int]:
    """Lines of a file that cannot be parsed which hold a value shaped like a personal code,
    whole or split between two cells."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        tokens = re.split(r"[;,\t|\"]", line)
        if contains_personal_code(line) or any(
            split_between(a, b) for a, b in zip(tokens, tokens[1:], strict=False)
        ):
            found.append(number)
    return found


def _scan(path: Path, contract: Contract | None, report: ValidationReport) -> Cells | None:
    """Read the file into cells and record every personal code in it; the cells, or None (with
    the read failure recorded) when the file cannot be parsed. A file that cannot be read at all
    (compressed, binary) is marked unscannable: no copy of it is kept."""
    try:
        cells = read_cells(path, contract)
    except ExtractReadError as error:
        _scan_unreadable(path, contract, report)
        report.failures.append(_read_failure(error))
        return None
    report.rows, report.encoding = len(cells.rows), cells.encoding
    report.failures += personal_codes_in_cells(cells, contract)
    if cells.is_workbook:
        _scan_workbook_parts(path, report)
    return cells


def _scan_workbook_parts(path: Path, report: ValidationReport) -> None:
    """A code anywhere in a workbook (another sheet, even hidden, a sheet name, a comment, the
    document properties, a number cell that lost its leading zero) is a code sent."""
    try:
        parts = workbook_parts(path)
    except ExtractReadError:
        report.unscannable = True
        return
    found = [
        name
        for name, text, numbers in parts
        if contains_personal_code(text) or any(lost_leading_zero(n) for n in numbers)
    ]
    if found and not any(f.rule.endswith("no_personal_code") for f in report.failures):
        where = ", ".join(sorted({_part_described(name) for name in found}))
        where_lv = ", ".join(sorted({_part_described(name, "lv") for name in found}))
        report.failures.append(
            _personal_code_failure(
                "workbook.no_personal_code",
                f"The workbook ({where})",
                [],
                where_lv=f"Darbgrāmatā ({where_lv})",
            )
        )


def _part_described(name: str, lang: str = "en") -> str:
    lv = lang == "lv"
    if match := re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name):
        return f"{match.group(1)}. lapa" if lv else f"sheet {match.group(1)}"
    if name == "xl/sharedStrings.xml":
        return "šūnu teksts" if lv else "the text of its cells"
    if "comments" in name.lower():
        return "komentāri" if lv else "comments"
    if name.startswith("docProps/"):
        return "dokumenta rekvizīti" if lv else "document properties"
    if name == "xl/workbook.xml":
        return "lapu nosaukumi vai definētie nosaukumi" if lv else "sheet names or defined names"
    return name


def _scan_unreadable(path: Path, contract: Contract | None, report: ValidationReport) -> None:
    """Scan a file the contract's reader rejected as well as its kind allows."""
    kind = sniff_kind(path)
    if kind == KIND_XLSX:
        if not is_workbook_name(path):
            with contextlib.suppress(ExtractReadError):  # an Excel workbook under a .csv name
                report.failures += personal_codes_in_cells(read_workbook(path, contract), contract)
        _scan_workbook_parts(path, report)
        return
    if kind not in (KIND_TEXT, KIND_UTF16, KIND_UTF32) or is_zip_archive(path):
        report.unscannable = True  # compressed or binary: its text cannot be searched
        return
    text = text_of_unreadable(path.read_bytes())
    if lines := _personal_code_lines(text):
        rows = [line - 1 for line in lines]
        what, where_lv = ("The header", "Galvenē") if 1 in lines else ("The file", "Failā")
        failure = _personal_code_failure(
            "no_personal_code", what, [r for r in rows if r], where_lv=where_lv
        )
        listed = ", ".join(map(str, lines[:MAX_ROWS_LISTED]))
        failure.explanation += f" Lines: {listed}."
        failure.explanation_lv += f" Rindiņas: {listed}."
        report.failures.append(failure)
    elif contains_personal_code(text):  # across a line break, e.g. in a quoted cell
        report.failures.append(
            _personal_code_failure("no_personal_code", "The file", [], where_lv="Failā")
        )


# --- the gate ---------------------------------------------------------------------------------


def _read_failure(error: ExtractReadError) -> RuleFailure:
    def sentence(message: str) -> str:
        if not message:
            return ""
        return message[:1].upper() + message[1:] + ("" if message.endswith("?") else ".")

    return RuleFailure(
        rule=error.rule,
        stage="file",
        explanation=sentence(str(error)),
        explanation_lv=sentence(error.message_lv),
        failing_rows=len(error.rows) or None,
        rows=error.rows[:MAX_ROWS_LISTED],
    )


def _exception_message(info: dict | None) -> str | None:
    """GX nests exception details per metric; return the first message, if any."""
    if not info:
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message", "unknown error"))
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message", "unknown error"))
    return None


def _columns_details(observed: list[str], expected: list[str], lang: str = "en") -> str:
    lv = lang == "lv"
    missing = [c for c in expected if c not in observed]
    extra = [c for c in observed if c not in expected]
    details = []
    if missing:
        details.append(("trūkst: " if lv else "missing: ") + ", ".join(missing))
    if extra:
        shown = ", ".join(_safe_example(c) for c in extra)
        details.append(("neparedzētas: " if lv else "unexpected: ") + shown)
    if not missing and not extra:
        first = next(i for i, (o, e) in enumerate(zip(observed, expected, strict=False)) if o != e)
        details.append(
            f"pareizās kolonnas nepareizā secībā ({first + 1}. kolonna ir '{observed[first]}', "
            f"bet tur jābūt '{expected[first]}')"
            if lv
            else f"the right columns in the wrong order (column {first + 1} is "
            f"'{observed[first]}' where '{expected[first]}' belongs)"
        )
    return (" Atrastās kolonnas: " if lv else " Found ") + "; ".join(details) + "."


def _failures_from_gx(result, stage: str) -> list[RuleFailure]:
    failures = []
    for res in result.results:
        if res.success:
            continue
        config = res.expectation_config
        meta = config.meta or {}
        column = config.kwargs.get("column") or config.kwargs.get("column_A")
        outcome = res.result or {}
        index_list = outcome.get("unexpected_index_list") or []
        rows = sorted({int(item[ROW_NUMBER]) for item in index_list if ROW_NUMBER in item})
        examples: list[str] = []
        for value in outcome.get("partial_unexpected_list") or []:
            shown = _safe_example(value)
            if shown not in examples:
                examples.append(shown)
        if str(meta.get("rule", "")).endswith("no_personal_code"):
            examples = []
        explanation = meta.get("explanation", config.type)
        explanation_lv = meta.get("explanation_lv") or ""
        error = _exception_message(res.exception_info)
        if error:
            explanation += f" (the check could not run: {error[:200]})"
            if explanation_lv:
                explanation_lv += f" (pārbaudi nevarēja izpildīt: {error[:200]})"
        if config.type == "expect_table_columns_to_match_ordered_list":
            observed = [c for c in (outcome.get("observed_value") or []) if c != ROW_NUMBER]
            expected = [c for c in config.kwargs["column_list"] if c != ROW_NUMBER]
            explanation += _columns_details(observed, expected)
            if explanation_lv:
                explanation_lv += _columns_details(observed, expected, "lv")
        failures.append(
            RuleFailure(
                rule=meta.get("rule", config.type),
                explanation=explanation,
                explanation_lv=explanation_lv,
                stage=stage,
                column=column,
                failing_rows=outcome.get("unexpected_count"),
                rows=rows[:MAX_ROWS_LISTED],
                examples=examples[:MAX_EXAMPLES],
            )
        )
    return failures


def shown_file_name(name: str) -> str:
    """A file name as reports, audit rows and quarantine files carry it: redacted, valid UTF-8
    (a name in another encoding shows '�'), and short enough for any filesystem once the
    quarantine's time stamp and the report's suffix are added (the middle is cut)."""
    name = redact_name(os.fsencode(name).decode("utf-8", errors="replace"))
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    suffix = f"{dot}{suffix}" if dot and len(suffix) <= 8 else ""
    head = (stem if suffix else name).encode("utf-8")[: MAX_NAME_BYTES - 32 - len(suffix)]
    return head.decode("utf-8", errors="ignore") + "…" + suffix


def _new_report(path: Path, source: str, dataset: str | None) -> ValidationReport:
    safe_name = shown_file_name(path.name)
    report = ValidationReport(
        source=source,
        dataset=dataset,
        file_name=safe_name,
        sha256=sha256_of(path),
        checked_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    if redact_name(path.name) != path.name:
        report.failures.append(
            _personal_code_failure(
                "file_name.no_personal_code", "The file name", [], where_lv="Faila nosaukumā"
            )
        )
    return report


def _name_failures(path: Path, contract: Contract, today: date) -> list[RuleFailure]:
    file_period = contract.period_of_file(path.name)
    if file_period is None:
        return [
            RuleFailure(
                rule="file_name",
                stage="file",
                explanation=f"The file name must look like {contract.file_example} "
                f"(pattern {contract.file_pattern}; an Excel workbook ends in .xlsx instead; "
                f"a corrected file may be sent as {resend_name(contract.file_example, 2)}).",
                explanation_lv=f"Faila nosaukumam jābūt tādam kā {contract.file_example} "
                f"(paraugs {contract.file_pattern}; Excel darbgrāmatas nosaukums beidzas ar "
                f".xlsx; labotu failu var nosūtīt ar nosaukumu "
                f"{resend_name(contract.file_example, 2)}).",
            )
        ]
    if period_bounds(file_period)[0] > today:
        return [
            RuleFailure(
                rule="file_name.future_period",
                stage="file",
                explanation=f"The file name declares the period {file_period}, which has not "
                f"begun yet (checked on {today:%d.%m.%Y}); check the year and month in the name.",
                explanation_lv=f"Faila nosaukumā norādīts periods {file_period}, kas vēl nav "
                f"sācies (pārbaudīts {today:%d.%m.%Y}); pārbaudiet nosaukumā gadu un mēnesi.",
            )
        ]
    return []


def _finished(report: ValidationReport) -> ValidationReport:
    """Last line of defence: every explanation and example passes the redaction, and a report
    that had to redact anything belongs to a file that is not kept."""
    with_codes = {
        column
        for failure in report.failures
        if failure.rule.endswith("no_personal_code")
        for column in failure.rule.removesuffix(".no_personal_code").split("+")
    }
    # One order whichever engine judged the file: privacy and the file first, then by stage.
    report.failures.sort(key=lambda f: (STAGE_ORDER.get(f.stage, 0), f.rule))
    for failure in report.failures:
        if failure.column in with_codes:
            failure.examples = []  # a value beside a code may be half of one (a birth date)
        explanation = redact(failure.explanation)
        explanation_lv = redact(failure.explanation_lv)
        examples = [_safe_example(e) for e in failure.examples]
        if (
            explanation != failure.explanation
            or explanation_lv != failure.explanation_lv
            or REDACTED in examples
        ):
            report.redacted = True
        failure.explanation, failure.examples = explanation, examples
        failure.explanation_lv = explanation_lv
    return report


def gate_engine() -> str:
    """`duckdb` (default): the contract's rules run as DuckDB SQL on every file (read directly,
    or normalised by the reader first); `gx`: GX on pandas for every file (the reference engine,
    which the engine-equivalence test compares it with)."""
    engine = os.environ.get("ROMA_GATE_ENGINE", ENGINE_DUCKDB).strip().lower()
    if engine not in (ENGINE_DUCKDB, ENGINE_GX):
        raise ValueError(f"ROMA_GATE_ENGINE must be {ENGINE_DUCKDB} or {ENGINE_GX}, not {engine!r}")
    return engine


def _sql_failures(verdict: SqlVerdict) -> list[RuleFailure]:
    failures = []
    for rule, rows in verdict.personal_code_rows.items():
        columns = rule.removesuffix(".no_personal_code").split("+")
        if len(columns) == 2:
            failure = _split_code_failure(columns[0], columns[1], rows)
        else:
            failure = _column_code_failure(rule, columns[0], rows)
        failure.failing_rows = verdict.personal_code_counts[rule]
        failures.append(failure)
    for found in verdict.failures:
        examples: list[str] = []
        if not found.rule.endswith("no_personal_code"):
            for value in found.examples:
                if (shown := _safe_example(value)) not in examples:
                    examples.append(shown)
        failures.append(
            RuleFailure(
                rule=found.rule,
                explanation=found.explanation,
                explanation_lv=found.explanation_lv,
                stage=found.stage,
                column=found.column,
                failing_rows=found.failing_rows,
                rows=found.rows[:MAX_ROWS_LISTED],
                examples=examples[:MAX_EXAMPLES],
            )
        )
    return failures


def _structure_failures(frame, contract: Contract) -> list[RuleFailure]:
    """The structure rules on the reader's table: the header (with what differs) and the rows."""
    failures = []
    for rule in contract_rules(contract)["structure"]:
        if isinstance(rule, ColumnsMatch) and list(frame.columns) != list(rule.columns):
            observed = [c for c in frame.columns if c != ROW_NUMBER]
            expected = [c for c in rule.columns if c != ROW_NUMBER]
            failures.append(
                RuleFailure(
                    rule=rule.id,
                    explanation=rule.explanation + _columns_details(observed, expected),
                    explanation_lv=rule.explanation_lv + _columns_details(observed, expected, "lv"),
                    stage="structure",
                )
            )
        elif isinstance(rule, HasRows) and frame.empty:
            failures.append(
                RuleFailure(
                    rule=rule.id,
                    explanation=rule.explanation,
                    explanation_lv=rule.explanation_lv,
                    stage="structure",
                )
            )
    return failures


def _judged_by_sql(raw_frame, contract: Contract, parameters: dict) -> tuple[list, int]:
    """The reader's normalised table judged by the SQL engine: the failures, and checks run."""
    failures = _structure_failures(raw_frame, contract)
    if failures:
        return failures, len(contract_rules(contract)["structure"])
    verdict = sql_gate.validate_cells(raw_frame, contract, parameters)
    return _sql_failures(verdict), verdict.checks_run


def _judged_by_gx(raw_frame, contract: Contract, parameters: dict) -> tuple[list, int]:
    """The reference engine: GX on pandas, stage by stage."""
    from roma_monitor.validate.runner import run_suite  # GX import is slow: only when needed

    failures, checks_run = [], 0
    for stage, frame_of in (
        ("structure", lambda: raw_frame),
        ("format", lambda: with_period_month(raw_frame, contract)),
        ("content", lambda: to_typed(raw_frame, contract)),
    ):
        result, checks = run_suite(contract, stage, frame_of(), parameters)
        checks_run += checks
        failures += _failures_from_gx(result, stage)
        if failures:
            break
    return failures, checks_run


def validate_file(
    path: Path, contract: Contract, today: date | None = None, engine: str | None = None
) -> ValidationReport:
    """Run the gate on one file. Never raises for bad content: the report says what is wrong.

    With the DuckDB engine a well-formed UTF-8 CSV is read by DuckDB itself; any other file
    (cp1257, UTF-16, .xlsx, blank rows, odd characters, a malformed key) is read by the reader,
    which normalises it to canonical text cells, scanned for personal codes in Python (the scan
    form) and judged by the same SQL. GX on pandas judges only when asked (`engine="gx"`)."""
    path = Path(path)
    today = today or date.today()
    engine = engine or gate_engine()
    report = _new_report(path, contract.source, contract.dataset)
    name_failures = _name_failures(path, contract, today)
    parameters = {}
    if not name_failures:
        parameters = {
            "file_period_values": contract.period_values(contract.period_of_file(path.name)),
            "today": today,
        }
    if engine == ENGINE_DUCKDB and not report.failures and not name_failures:
        verdict = sql_gate.validate_csv(path, contract, parameters)
        if verdict is not None:
            report.rows, report.encoding = verdict.rows, "utf-8-sig"
            report.checks_run = verdict.checks_run
            report.reader = READER_DUCKDB_TRIMMED if verdict.trimmed else READER_DUCKDB
            report.failures += _sql_failures(verdict)
            return _finished(report)

    cells = _scan(path, contract, report)
    report.failures += name_failures
    if cells is None or name_failures:
        return _finished(report)
    try:
        raw = raw_from_cells(path, cells, contract)
    except ExtractReadError as error:
        report.failures.append(_read_failure(error))
        return _finished(report)
    reported = {f.rule for f in report.failures}
    judge = _judged_by_sql if engine == ENGINE_DUCKDB else _judged_by_gx
    failures, report.checks_run = judge(raw.frame, contract, parameters)
    report.failures += [f for f in failures if f.rule not in reported]
    return _finished(report)


def _unknown_name_failure(path: Path, source: str) -> RuleFailure:
    expected = ", ".join(f"{c.file_example} ({c.dataset})" for c in contracts_for_source(source))
    explanation = (
        f"The file name matches none of the files {source.upper()} sends; expected names like: "
        f"{expected} (or the same name ending in {WORKBOOK_SUFFIX} for an Excel workbook)."
    )
    explanation_lv = (
        f"Faila nosaukums neatbilst nevienam no failiem, ko sūta {source.upper()}; gaidīti "
        f"nosaukumi: {expected} (vai tas pats nosaukums ar galotni {WORKBOOK_SUFFIX} Excel "
        "darbgrāmatai)."
    )
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".xlsm", ".xlsb"):
        explanation += f" A {suffix} file is not read: save it as .xlsx (Excel Workbook) or CSV."
        explanation_lv += (
            f" Failu {suffix} nenolasa: saglabājiet to kā .xlsx (Excel darbgrāmatu) vai CSV."
        )
    return RuleFailure(
        rule="file_name", stage="file", explanation=explanation, explanation_lv=explanation_lv
    )


def validate_source_file(path: Path, source: str, today: date | None = None) -> ValidationReport:
    """Run the gate on a file an agency sent: its name picks the contract (dataset). A file the
    gate itself fails on gets a report too (rule `gate_error`), and is not kept: it could not
    be checked for personal codes. Errors of the machine (disk, memory) are raised, to retry."""
    path = Path(path)
    contract = contract_for_file(source, path.name)
    try:
        return _validate_source_file(path, source, contract, today)
    except (OSError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - any fault of the gate becomes a report
        trace = redact("".join(traceback.format_exception(error)))
        log.error("the gate failed on %s:\n%s", redact_name(path.name), trace)
        report = _new_report(path, source, contract.dataset if contract else None)
        report.unscannable = True
        report.failures.append(
            RuleFailure(
                rule=GATE_ERROR,
                stage="file",
                explanation=f"The gate could not check this file ({type(error).__name__}); "
                "the data engineers have been notified. Nothing of it was loaded.",
                explanation_lv=f"Validācija šo failu nevarēja pārbaudīt ({type(error).__name__}); "
                "datu inženieri ir informēti. Nekas no faila netika ielādēts.",
            )
        )
        return _finished(report)


def _validate_source_file(
    path: Path, source: str, contract: Contract | None, today: date | None
) -> ValidationReport:
    if contract is not None:
        return validate_file(path, contract, today)
    report = _new_report(path, source, None)
    _scan(path, None, report)
    report.failures = [f for f in report.failures if f.stage == "privacy"]
    report.failures.append(_unknown_name_failure(path, source))
    return _finished(report)


def quarantine(path: Path, report: ValidationReport, paths: Paths) -> Path:
    """Move a rejected file to quarantine beside its report (Markdown for people, JSON for tools).
    A file that may hold personal codes is deleted instead: no copy of it is kept, only the
    reports. Returns the path the quarantined file has (or would have had), beside its reports."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = paths.quarantine / report.source
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stamp}__{report.file_name}"
    if report.discard_reason:
        Path(path).unlink(missing_ok=True)
        report.disposition = "deleted"
        log.warning("deleted %s without keeping a copy: %s", report.file_name, report.summary())
    else:
        shutil.move(str(path), target)
        report.disposition = "quarantined"
        log.warning("quarantined %s: %s", report.file_name, report.summary())
    target.with_name(target.name + ".report.md").write_text(
        report.to_markdown_both(), encoding="utf-8"
    )
    target.with_name(target.name + ".report.json").write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return target
