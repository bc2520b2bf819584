"""GX expectation suites, derived from a source contract.

Three suites run in order, each only if the previous one passed, so every failure is reported in
terms of the file as sent:
- structure: the header (column names and order) and that there are data rows;
- format: every value as text (missing values, patterns, allowed codes, length, no personal
  codes, ATVK codes of the vintage in force in the reporting month);
- content: typed values (ranges, dates not in the future, date order).
"""

from __future__ import annotations

import os
import re
from functools import cache

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402

from roma_monitor.contracts.base import Contract, personal_code_rule  # noqa: E402
from roma_monitor.ingest.reader import PERIOD_MONTH, ROW_NUMBER  # noqa: E402
from roma_monitor.privacy.personal_codes import (  # noqa: E402
    PERSONAL_CODE_EXPLANATION,
    PERSONAL_CODE_EXPLANATION_LV,
    PERSONAL_CODE_PATTERN,
)
from roma_monitor.reference import resolve_allowed  # noqa: E402

STAGES = ("structure", "format", "content")
EARLIEST_DATE = "2014-01-01"  # start of the ESF 2014-2020 programming period
# C0 and C1 control characters, except the tab and the line ends a multi-line cell may hold.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
STRFTIME_FORMATS = {
    "date": "%d.%m.%Y",
    "month": "%Y-%m",
}


@cache
def gx_context():
    """One ephemeral GX context per process (suites can only be built inside a context)."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    return context


def _meta(rule: str, explanation: str, explanation_lv: str) -> dict:
    """A rule's name and what it means, in English and in Latvian (the report is written in the
    reader's language: ValidationReport.to_markdown)."""
    return {"rule": rule, "explanation": explanation, "explanation_lv": explanation_lv}


def _in(name: str) -> str:
    """Where a value is, in Latvian: in column ``name``."""
    return f"Kolonnā '{name}'"


def _of(name: str) -> str:
    """Whose value, in Latvian: column ``name``'s."""
    return f"Kolonnas '{name}' vērtībai"


def _characters_lv(count: int) -> str:
    return f"{count} rakstzīme" if count % 10 == 1 and count % 100 != 11 else f"{count} rakstzīmes"


def _number_lv(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _code_list_regex(values: tuple[str, ...], separator: str) -> str:
    item = "(" + "|".join(re.escape(v) for v in values) + ")"
    return f"^{item}({re.escape(separator)}{item})*$"


def structure_suite(contract: Contract) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=f"{contract.dataset}.structure")
    suite.add_expectation(
        gxe.ExpectTableColumnsToMatchOrderedList(
            column_list=[*contract.column_names, ROW_NUMBER],
            meta=_meta(
                "columns",
                "The header must list exactly these columns, in this order: "
                + "; ".join(contract.column_names),
                "Galvenē jābūt tieši šīm kolonnām šādā secībā: " + "; ".join(contract.column_names),
            ),
        )
    )
    suite.add_expectation(
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1,
            meta=_meta(
                "has_rows",
                "The file must contain at least one data row.",
                "Failā jābūt vismaz vienai datu rindai.",
            ),
        )
    )
    return suite


def format_suite(contract: Contract) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=f"{contract.dataset}.format")
    for col in contract.columns:
        name = col.name
        if col.required:
            suite.add_expectation(
                gxe.ExpectColumnValuesToNotBeNull(
                    column=name,
                    meta=_meta(
                        f"{name}.required",
                        f"'{name}' must not be empty.",
                        f"{_in(name)} nedrīkst būt tukšu vērtību.",
                    ),
                )
            )
        suite.add_expectation(
            gxe.ExpectColumnValueLengthsToBeBetween(
                column=name,
                max_value=col.max_length,
                meta=_meta(
                    f"{name}.max_length",
                    f"'{name}' may be at most {col.max_length} characters.",
                    f"{_of(name)} drīkst būt ne vairāk kā {_characters_lv(col.max_length)}.",
                ),
            )
        )
        if col.type != "key":
            # A key's own pattern (64 hex characters) already excludes a personal code.
            suite.add_expectation(
                gxe.ExpectColumnValuesToNotMatchRegex(
                    column=name,
                    regex=PERSONAL_CODE_PATTERN,
                    meta=_meta(
                        personal_code_rule(name),
                        PERSONAL_CODE_EXPLANATION.format(what=f"'{name}'"),
                        PERSONAL_CODE_EXPLANATION_LV.format(where=_in(name)),
                    ),
                )
            )
        if col.type == "text":
            suite.add_expectation(
                gxe.ExpectColumnValuesToNotMatchRegex(
                    column=name,
                    regex=CONTROL_CHARACTERS,
                    meta=_meta(
                        f"{name}.control_characters",
                        f"'{name}' contains a control character (an invisible character such "
                        "as NUL, U+0000-U+001F, shown as <U+0000>): remove it. It usually comes "
                        "from copying out of another program or from a damaged export.",
                        f"{_in(name)} ir vadības rakstzīme (neredzama rakstzīme, piemēram, NUL, "
                        "U+0000–U+001F, pārskatā parādīta kā <U+0000>): izdzēsiet to. Parasti tā "
                        "rodas, kopējot no citas programmas, vai bojāta eksporta dēļ.",
                    ),
                )
            )
        if col.raw_pattern:
            suite.add_expectation(
                gxe.ExpectColumnValuesToMatchRegex(
                    column=name,
                    regex=col.raw_pattern,
                    meta=_meta(
                        f"{name}.format",
                        _format_explanation(name, col.type),
                        _format_explanation_lv(name, col.type),
                    ),
                )
            )
        if col.type in STRFTIME_FORMATS:
            suite.add_expectation(
                gxe.ExpectColumnValuesToMatchStrftimeFormat(
                    column=name,
                    strftime_format=STRFTIME_FORMATS[col.type],
                    meta=_meta(
                        f"{name}.calendar_date",
                        f"'{name}' must be a date that exists in the calendar.",
                        f"{_of(name)} jābūt datumam, kas pastāv kalendārā.",
                    ),
                )
            )
        allowed = col.allowed or (
            resolve_allowed(col.allowed_reference) if col.allowed_reference else None
        )
        if col.type == "code" and allowed:
            suite.add_expectation(
                gxe.ExpectColumnValuesToBeInSet(
                    column=name,
                    value_set=list(allowed),
                    meta=_meta(
                        f"{name}.allowed",
                        f"'{name}' must be one of the allowed codes"
                        + (
                            f": {', '.join(allowed)}."
                            if len(allowed) <= 12
                            else f" ({col.allowed_reference})."
                        ),
                        f"{_of(name)} jābūt vienam no atļautajiem kodiem"
                        + (
                            f": {', '.join(allowed)}."
                            if len(allowed) <= 12
                            else f" ({col.allowed_reference})."
                        ),
                    ),
                )
            )
        if col.type == "code_list" and allowed:
            suite.add_expectation(
                gxe.ExpectColumnValuesToMatchRegex(
                    column=name,
                    regex=_code_list_regex(allowed, col.list_separator),
                    meta=_meta(
                        f"{name}.allowed",
                        f"'{name}' must be a '{col.list_separator}'-separated list of: "
                        f"{', '.join(allowed)}.",
                        f"{_of(name)} jābūt sarakstam, kura elementi atdalīti ar "
                        f"'{col.list_separator}', no šiem kodiem: {', '.join(allowed)}.",
                    ),
                )
            )
    for ref in contract.references_by_period:
        # Compared as text on the month the reader derives from the period column (YYYY-MM).
        switch = ref.switch_date.strftime("%Y-%m")
        column = contract.column(ref.column)
        for condition, reference, when, when_lv in (
            (
                f'{PERIOD_MONTH}<"{switch}"',
                ref.reference_before,
                f"before {ref.switch_date:%d.%m.%Y}",
                f"pirms {ref.switch_date:%d.%m.%Y}",
            ),
            (
                f'{PERIOD_MONTH}>="{switch}"',
                ref.reference_from,
                f"from {ref.switch_date:%d.%m.%Y}",
                f"no {ref.switch_date:%d.%m.%Y}",
            ),
        ):
            meta = _meta(
                f"{ref.column}.vintage_{reference}",
                f"Records {when} must use {reference} codes (the classification in "
                "force in the reporting period).",
                f"Ierakstos par periodu {when_lv} kolonnā '{ref.column}' jālieto {reference} "
                "kodi (klasifikācija, kas bija spēkā pārskata periodā).",
            )
            codes = tuple(resolve_allowed(reference))
            if column.type == "code_list":
                expectation = gxe.ExpectColumnValuesToMatchRegex(
                    column=ref.column,
                    regex=_code_list_regex(codes, column.list_separator),
                    row_condition=condition,
                    condition_parser="pandas",
                    meta=meta,
                )
            else:
                expectation = gxe.ExpectColumnValuesToBeInSet(
                    column=ref.column,
                    value_set=list(codes),
                    row_condition=condition,
                    condition_parser="pandas",
                    meta=meta,
                )
            suite.add_expectation(expectation)
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(
            column=contract.period_column,
            value_set={"$PARAMETER": "file_period_values"},
            meta=_meta(
                f"{contract.period_column}.matches_file_name",
                f"'{contract.period_column}' must fall in the period in the file name.",
                f"{_of(contract.period_column)} jābūt faila nosaukumā norādītajā periodā.",
            ),
        )
    )
    suite.add_expectation(
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=list(contract.unique_key),
            meta=_meta(
                "unique_key",
                "Each (" + ", ".join(contract.unique_key) + ") may appear only once in a file.",
                "Katra vērtību kombinācija ("
                + ", ".join(contract.unique_key)
                + ") failā drīkst būt tikai vienu reizi.",
            ),
        )
    )
    return suite


def content_suite(contract: Contract) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=f"{contract.dataset}.content")
    for col in contract.columns:
        if col.min_value is not None or col.max_value is not None:
            suite.add_expectation(
                gxe.ExpectColumnValuesToBeBetween(
                    column=col.name,
                    min_value=col.min_value,
                    max_value=col.max_value,
                    meta=_meta(
                        f"{col.name}.range",
                        f"'{col.name}' must be between {col.min_value:g} and {col.max_value:g}.",
                        f"{_of(col.name)} jābūt no {_number_lv(col.min_value)} līdz "
                        f"{_number_lv(col.max_value)}.",
                    ),
                )
            )
        if col.type == "date":
            suite.add_expectation(
                gxe.ExpectColumnValuesToBeBetween(
                    column=col.name,
                    min_value=EARLIEST_DATE,
                    max_value={"$PARAMETER": "today"},
                    meta=_meta(
                        f"{col.name}.plausible_date",
                        f"'{col.name}' must be a real date from {EARLIEST_DATE[:4]} up to "
                        "today (no future dates).",
                        f"{_of(col.name)} jābūt īstam datumam no {EARLIEST_DATE[:4]}. gada līdz "
                        "šodienai (nākotnes datumi nav atļauti).",
                    ),
                )
            )
    for later, earlier in contract.date_order:
        suite.add_expectation(
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=later,
                column_B=earlier,
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                meta=_meta(
                    f"{later}.not_before_{earlier}",
                    f"'{later}' may not precede '{earlier}'.",
                    f"Kolonnas '{later}' datums nedrīkst būt agrāks par kolonnas '{earlier}' "
                    "datumu.",
                ),
            )
        )
    return suite


def build_suites(contract: Contract) -> dict[str, gx.ExpectationSuite]:
    gx_context()
    return {
        "structure": structure_suite(contract),
        "format": format_suite(contract),
        "content": content_suite(contract),
    }


def _format_explanation(name: str, column_type: str) -> str:
    return {
        "key": f"'{name}' must be 64 lowercase hexadecimal characters (HMAC-SHA-256).",
        "month": f"'{name}' must be a month written YYYY-MM.",
        "quarter": f"'{name}' must be a quarter written YYYY-Qn (e.g. 2017-Q3).",
        "date": f"'{name}' must be a date written DD.MM.YYYY.",
        "integer": f"'{name}' must be a whole number.",
        "decimal": f"'{name}' must be a number with a decimal comma (e.g. 12,5).",
    }[column_type]


def _format_explanation_lv(name: str, column_type: str) -> str:
    return (
        f"{_of(name)} "
        + {
            "key": "jābūt 64 heksadecimālām rakstzīmēm (mazajiem burtiem; HMAC-SHA-256).",
            "month": "jābūt mēnesim formā GGGG-MM (piemēram, 2017-03).",
            "quarter": "jābūt ceturksnim formā GGGG-Qn (piemēram, 2017-Q3).",
            "date": "jābūt datumam formā DD.MM.GGGG.",
            "integer": "jābūt veselam skaitlim.",
            "decimal": "jābūt skaitlim ar decimālkomatu (piemēram, 12,5).",
        }[column_type]
    )
