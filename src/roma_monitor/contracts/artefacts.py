"""Artefacts generated from the contracts, committed so that reviewers and agencies can read them:
the GX suites (`expectations/`), the dbt sources (`dbt_project/models/staging/<source>/`) and the
agency-facing documentation (`docs/contracts/`). `roma-monitor contracts check` (and a test) fails
when a committed artefact no longer matches its contract."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from roma_monitor.contracts.base import Contract, resend_name
from roma_monitor.contracts.dbt_lists import dbt_lists_document
from roma_monitor.contracts.registry import CONTRACTS, SOURCES, contracts_for_source
from roma_monitor.reference import resolve_allowed
from roma_monitor.settings import DBT_PROJECT_DIR, EXPECTATIONS_DIR, PROJECT_ROOT
from roma_monitor.warehouse import LOAD_COLUMNS

LOAD_COLUMN_DESCRIPTIONS = {
    "_extract_sha256": "SHA-256 of the extract file the row was loaded from.",
    "_source_file": "Name of the extract file the row was loaded from.",
    "_row_number": "Data row number in that file (1 = the line after the header).",
    "_loaded_at": "When the extract was loaded (UTC).",
}


def gx_suite_documents(contract: Contract) -> dict[Path, str]:
    from roma_monitor.validate.suites import build_suites

    return {
        EXPECTATIONS_DIR / contract.dataset / f"{stage}.json": json.dumps(
            suite.to_json_dict(), ensure_ascii=False, indent=2
        )
        + "\n"
        for stage, suite in build_suites(contract).items()
    }


def _dbt_table(contract: Contract) -> dict:
    """The raw table, its columns, and its column rules as one test (one scan of the table:
    tests/generic/valid_columns.sql)."""
    columns = []
    not_null: list[str] = []
    accepted_values: dict[str, list[str]] = {}
    for col in contract.columns:
        if col.required:
            not_null.append(col.name)
        if col.type == "code" and col.allowed:
            accepted_values[col.name] = list(col.allowed)
        columns.append(
            {"name": col.name, "description": col.description_en, "data_type": col.duckdb_type}
        )
    for name, ddl in LOAD_COLUMNS.items():
        columns.append(
            {
                "name": name,
                "description": LOAD_COLUMN_DESCRIPTIONS[name],
                "data_type": ddl.split()[0],
            }
        )
        not_null.append(name)
    rules = {
        "name": f"raw_{contract.dataset}_valid_columns",
        "arguments": {"not_null": not_null, "accepted_values": accepted_values},
        # raw rows never change: a build checks those of the extracts not built before
        # (dbt_project/macros/get_where_subquery.sql)
        "config": {"where": "__not_built_before__(_extract_sha256)"},
    }
    return {
        "name": contract.table_name,
        "identifier": contract.dataset,
        "description": contract.description,
        "data_tests": [{"valid_columns": rules}],
        "columns": columns,
    }


def dbt_source_document(source: str) -> tuple[Path, str]:
    """One dbt source per agency, with a table per dataset it sends."""
    contracts = contracts_for_source(source)
    first = contracts[0]
    document = {
        "version": 2,
        "sources": [
            {
                "name": source,
                "description": f"{first.agency}: {first.measure_name_en} (SAM "
                f"{first.measure_code}). Loaded from validated extracts only.",
                "schema": first.raw_table.split(".")[0],
                "tables": [_dbt_table(contract) for contract in contracts],
            }
        ],
    }
    header = (
        f"# GENERATED from the {source} contracts in src/roma_monitor/contracts/ by "
        "`roma-monitor contracts export`: do not edit.\n"
    )
    path = DBT_PROJECT_DIR / "models" / "staging" / source / f"_{source}__sources.yml"
    return path, header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def documentation_page(contract: Contract) -> tuple[Path, str]:
    lines = [
        f"# Data contract: {contract.agency} — SAM {contract.measure_code} "
        f"“{contract.measure_name_lv}” ({contract.measure_name_en}): `{contract.dataset}`",
        "",
        "<!-- GENERATED from the contracts in src/roma_monitor/contracts/: do not edit. -->",
        "",
        f"**Sender:** {contract.agency_name_lv} ({contract.agency}).  ",
        f"**Frequency:** {contract.frequency}.  ",
        f"**File name:** `{contract.file_example}` (pattern `{contract.file_pattern}`).  ",
        f"**A corrected file (resend):** the same name, or, so that it can wait in the landing "
        f"folder beside the original, the name with its sending number before the extension: "
        f"`{resend_name(contract.file_example, 2)}` (then `.r3`, …). It replaces the whole "
        "period; docs/operations.md, “How an agency resends a period”.  ",
        "**Format:** text, columns separated by `;`, first line is the header, UTF-8 (with or "
        "without BOM) or Windows-1257; dates `DD.MM.YYYY`, months `YYYY-MM`, decimal comma. "
        "Or the same table as an Excel `.xlsx` file (first sheet, header in row 1, no merged "
        "cells or formulas; docs/bad-inputs.md).  ",
        f"**One row is:** {contract.description}  ",
        f"**Unique key:** {', '.join(contract.unique_key)} (once per file).",
        "",
        "## Columns (in this order)",
        "",
        "| # | column | type | required | allowed values / format | description | apraksts |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, col in enumerate(contract.columns, 1):
        if col.allowed:
            allowed = ", ".join(f"`{v}`" for v in col.allowed)
            if col.type == "code_list":
                allowed = f"one or more of {allowed}, separated by `{col.list_separator}`"
        elif col.allowed_reference:
            counts = " + ".join(
                f"{name} ({len(resolve_allowed(name))} codes)"
                for name in col.allowed_reference.split("|")
            )
            allowed = f"ATVK codes: {counts}"
        elif col.raw_pattern:
            allowed = f"`{col.raw_pattern}`"
        else:
            allowed = f"text, at most {col.max_length} characters"
        if col.min_value is not None:
            allowed += f"; {col.min_value:g} … {col.max_value:g}"
        lines.append(
            f"| {i} | `{col.name}` | {col.type} | {'yes' if col.required else 'no'} | "
            f"{allowed} | {col.description_en} | {col.description_lv} |"
        )
    lines += [
        "",
        "## Rules the gate checks",
        "",
        "Every file is checked before anything is loaded; a file that fails any rule is "
        "rejected whole and returned with a report naming the rule, the rows and examples, in "
        "Latvian and in English. Check a file yourself before sending it (`--lang en` for the "
        "report in English):",
        "",
        "```",
        f"roma-monitor validate {contract.file_example} --source {contract.source} --lang lv",
        "```",
        "",
        "- No value may look like a Latvian personal code (`DDMMYY-NNNNN` or 11 digits); "
        "the report never repeats such values.",
        "- Dates may not be in the future"
        + "".join(f"; `{a}` may not precede `{b}`" for a, b in contract.date_order)
        + ".",
    ]
    for ref in contract.references_by_period:
        lines.append(
            f"- `{ref.column}`: {ref.reference_before} codes for reporting months "
            f"before {ref.switch_date:%d.%m.%Y}, {ref.reference_from} codes from then on."
        )
    lines.append(f"- `{contract.period_column}` falls in the period in the file name.")
    lines += ["", "## Notes", ""] + [f"- {note}" for note in contract.notes]
    lines += [
        "",
        f"The full list of checks is the GX suites in `expectations/{contract.dataset}/`.",
        "",
    ]
    return PROJECT_ROOT / "docs" / "contracts" / f"{contract.dataset}.md", "\n".join(lines)


def generated_artefacts() -> dict[Path, str]:
    documents: dict[Path, str] = {}
    for contract in CONTRACTS.values():
        documents.update(gx_suite_documents(contract))
        documents.update([documentation_page(contract)])
    documents.update(dbt_source_document(source) for source in SOURCES)
    documents.update([dbt_lists_document()])
    return documents


def write_artefacts() -> list[Path]:
    written = []
    for path, text in generated_artefacts().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_artefacts() -> list[Path]:
    return [
        path
        for path, text in generated_artefacts().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
