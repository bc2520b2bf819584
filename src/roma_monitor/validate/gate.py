"""The data-quality gate: GX validation of one extract, its report, and quarantine."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from roma_monitor.contracts.base import PERSONAL_CODE_RE, Contract
from roma_monitor.contracts.registry import contract_for_file, contracts_for_source
from roma_monitor.ingest.reader import (
    ROW_NUMBER,
    ExtractReadError,
    read_raw,
    sha256_of,
    to_typed,
    with_period_month,
)
from roma_monitor.settings import Paths

log = logging.getLogger(__name__)

MAX_ROWS_LISTED = 20
MAX_EXAMPLES = 5
REDACTED = "«redacted: shaped like a personal code»"


@dataclass
class RuleFailure:
    rule: str
    explanation: str
    stage: str
    column: str | None = None
    failing_rows: int | None = None
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass
class ValidationReport:
    source: str
    dataset: str | None
    file_name: str
    sha256: str
    checked_at: str
    rows: int = 0
    encoding: str | None = None
    failures: list[RuleFailure] = field(default_factory=list)
    checks_run: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}

    def summary(self) -> str:
        if self.passed:
            return f"ACCEPTED {self.file_name}: {self.rows} rows passed {self.checks_run} checks"
        rules = ", ".join(f.rule for f in self.failures)
        return f"REJECTED {self.file_name}: {len(self.failures)} rule(s) failed: {rules}"

    def to_markdown(self) -> str:
        lines = [
            f"# Validation report: {self.file_name}",
            "",
            f"- Source: `{self.source}`; dataset: `{self.dataset or 'not recognised'}`",
            f"- Verdict: **{'accepted' if self.passed else 'rejected'}**",
            f"- Checked at: {self.checked_at}",
            f"- SHA-256: `{self.sha256}`",
            f"- Data rows: {self.rows}; encoding: {self.encoding or 'unknown'}",
            f"- Checks run: {self.checks_run}",
            "",
        ]
        if self.passed:
            lines.append("All checks passed.")
        else:
            lines += [
                "Nothing from this file was loaded. Correct the file and send it again.",
                "Row numbers count data rows: row 1 is the line after the header.",
                "",
                "| # | rule | stage | failing rows | rows (first 20) | examples | what it means |",
                "|---|---|---|---|---|---|---|",
            ]
            for i, f in enumerate(self.failures, 1):
                rows = ", ".join(map(str, f.rows)) if f.rows else "–"
                examples = ", ".join(f"`{e}`" for e in f.examples) if f.examples else "–"
                count = "–" if f.failing_rows is None else str(f.failing_rows)
                lines.append(
                    f"| {i} | `{f.rule}` | {f.stage} | {count} | {rows} | {examples} | "
                    f"{f.explanation} |"
                )
        return "\n".join(lines) + "\n"


def _safe_example(value: object) -> str:
    text = "" if value is None else str(value)
    if PERSONAL_CODE_RE.search(text):
        return REDACTED
    return text if len(text) <= 60 else text[:57] + "…"


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
        error = _exception_message(res.exception_info)
        if error:
            explanation += f" (the check could not run: {error[:200]})"
        if config.type == "expect_table_columns_to_match_ordered_list":
            observed = [c for c in (outcome.get("observed_value") or []) if c != ROW_NUMBER]
            expected = [c for c in config.kwargs["column_list"] if c != ROW_NUMBER]
            missing = [c for c in expected if c not in observed]
            extra = [c for c in observed if c not in expected]
            details = []
            if missing:
                details.append("missing: " + ", ".join(missing))
            if extra:
                details.append("unexpected: " + ", ".join(_safe_example(c) for c in extra))
            if not missing and not extra:
                details.append("the columns are in the wrong order")
            explanation += " Found " + "; ".join(details) + "."
        failures.append(
            RuleFailure(
                rule=meta.get("rule", config.type),
                explanation=explanation,
                stage=stage,
                column=column,
                failing_rows=outcome.get("unexpected_count"),
                rows=rows[:MAX_ROWS_LISTED],
                examples=examples[:MAX_EXAMPLES],
            )
        )
    return failures


def validate_file(path: Path, contract: Contract, today: date | None = None) -> ValidationReport:
    """Run the gate on one file. Never raises for bad content: the report says what is wrong."""
    from roma_monitor.validate.runner import run_suite  # GX import is slow: only when validating

    path = Path(path)
    report = ValidationReport(
        source=contract.source,
        dataset=contract.dataset,
        file_name=path.name,
        sha256=sha256_of(path),
        checked_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    file_period = contract.period_of_file(path.name)
    if file_period is None:
        report.failures.append(
            RuleFailure(
                rule="file_name",
                stage="file",
                explanation=f"The file name must look like {contract.file_example} "
                f"(pattern {contract.file_pattern}).",
            )
        )
        return report
    try:
        raw = read_raw(path, contract)
    except ExtractReadError as error:
        report.failures.append(RuleFailure(rule="readable", stage="file", explanation=str(error)))
        return report
    report.rows, report.encoding = raw.rows, raw.encoding
    parameters = {
        "file_period_values": contract.period_values(file_period),
        "today": today or date.today(),
    }
    for stage, frame_of in (
        ("structure", lambda: raw.frame),
        ("format", lambda: with_period_month(raw.frame, contract)),
        ("content", lambda: to_typed(raw.frame, contract)),
    ):
        result, checks = run_suite(contract, stage, frame_of(), parameters)
        report.checks_run += checks
        report.failures += _failures_from_gx(result, stage)
        if report.failures:
            break
    return report


def validate_source_file(path: Path, source: str, today: date | None = None) -> ValidationReport:
    """Run the gate on a file an agency sent: its name picks the contract (dataset)."""
    path = Path(path)
    contract = contract_for_file(source, path.name)
    if contract is not None:
        return validate_file(path, contract, today)
    expected = ", ".join(f"{c.file_example} ({c.dataset})" for c in contracts_for_source(source))
    report = ValidationReport(
        source=source,
        dataset=None,
        file_name=path.name,
        sha256=sha256_of(path),
        checked_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    report.failures.append(
        RuleFailure(
            rule="file_name",
            stage="file",
            explanation=f"The file name matches none of the files {source.upper()} sends; "
            f"expected names like: {expected}.",
        )
    )
    return report


def quarantine(path: Path, report: ValidationReport, paths: Paths) -> Path:
    """Move a rejected file to quarantine beside its report (Markdown for people, JSON for tools).
    Returns the quarantined file's path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = paths.quarantine / report.source
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stamp}__{path.name}"
    shutil.move(str(path), target)
    target.with_name(target.name + ".report.md").write_text(report.to_markdown(), encoding="utf-8")
    target.with_name(target.name + ".report.json").write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    log.warning("quarantined %s: %s", path.name, report.summary())
    return target
