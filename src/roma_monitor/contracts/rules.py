"""The gate's rules, derived from a source contract: small typed objects that both engines compile.

`validate.suites` compiles them to GX expectations (the reference engine, and the serialised
suites in `expectations/`), `validate.sql_gate` to DuckDB SQL (the engine that judges every
file). Each rule carries its id and what it means in English and Latvian, which the report shows.

Three stages run in order, each only if the previous one passed, so every failure is reported in
terms of the file as sent:
- structure: the header (column names and order) and that there are data rows;
- format: every value as text (missing values, patterns, allowed codes, length, no personal
  codes, ATVK codes of the vintage in force in the reporting month);
- content: typed values (ranges, dates not in the future, date order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from roma_monitor.contracts.base import Contract, personal_code_rule
from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.contracts.sql import PERIOD_MONTH, ROW_NUMBER
from roma_monitor.privacy.personal_codes import (
    PERSONAL_CODE_EXPLANATION,
    PERSONAL_CODE_EXPLANATION_LV,
    PERSONAL_CODE_PATTERN,
)
from roma_monitor.reference import resolve_allowed

STAGES = ("structure", "format", "content")
EARLIEST_DATE = "2014-01-01"  # start of the ESF 2014-2020 programming period
# C0 and C1 control characters, except the tab and the line ends a multi-line cell may hold.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
STRFTIME_FORMATS = {
    "date": "%d.%m.%Y",
    "month": "%Y-%m",
}


@dataclass(frozen=True)
class Parameter:
    """A value known only when a file is judged: `file_period_values` (the period's values as
    the file writes them, from its name) or `today`."""

    name: str


@dataclass(frozen=True)
class Condition:
    """A rule applies only to rows where `column <operator> value` (text comparison)."""

    column: str
    operator: str  # one of < <= > >= == !=
    value: str


@dataclass(frozen=True, kw_only=True)
class Rule:
    id: str
    explanation: str
    explanation_lv: str


@dataclass(frozen=True, kw_only=True)
class ColumnsMatch(Rule):
    """The header lists exactly these columns, in this order."""

    columns: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class HasRows(Rule):
    """The file has at least one data row."""


@dataclass(frozen=True, kw_only=True)
class NotNull(Rule):
    column: str


@dataclass(frozen=True, kw_only=True)
class MaxLength(Rule):
    column: str
    max_length: int


@dataclass(frozen=True, kw_only=True)
class MatchesPattern(Rule):
    """A present value matches `pattern` (a search, Python syntax); only in rows where `when`
    holds, if given."""

    column: str
    pattern: str
    when: Condition | None = None


@dataclass(frozen=True, kw_only=True)
class NoMatch(Rule):
    """No present value contains a match of `pattern`."""

    column: str
    pattern: str


@dataclass(frozen=True, kw_only=True)
class CalendarDate(Rule):
    """A present value is a date that exists, written in `strftime_format`."""

    column: str
    strftime_format: str


@dataclass(frozen=True, kw_only=True)
class InSet(Rule):
    """A present value is one of `values`; only in rows where `when` holds, if given."""

    column: str
    values: tuple[str, ...] | Parameter
    when: Condition | None = None


@dataclass(frozen=True, kw_only=True)
class Unique(Rule):
    """Each combination of `columns` (not all missing) appears once."""

    columns: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Between(Rule):
    """A present typed value lies in [low, high]; a date bound is written YYYY-MM-DD."""

    column: str
    low: float | str | Parameter | None
    high: float | str | Parameter | None


@dataclass(frozen=True, kw_only=True)
class NotBefore(Rule):
    """Where both are present, `later` >= `earlier`."""

    later: str
    earlier: str


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


def code_list_regex(values: tuple[str, ...], separator: str) -> str:
    item = "(" + "|".join(re.escape(v) for v in values) + ")"
    return f"^{item}({re.escape(separator)}{item})*$"


def structure_rules(contract: Contract) -> tuple[Rule, ...]:
    names = contract.column_names
    return (
        ColumnsMatch(
            id="columns",
            columns=(*names, ROW_NUMBER),
            explanation="The header must list exactly these columns, in this order: "
            + "; ".join(names),
            explanation_lv="Galvenē jābūt tieši šīm kolonnām šādā secībā: " + "; ".join(names),
        ),
        HasRows(
            id="has_rows",
            explanation="The file must contain at least one data row.",
            explanation_lv="Failā jābūt vismaz vienai datu rindai.",
        ),
    )


def _allowed_text(allowed: tuple[str, ...], reference: str | None) -> str:
    return f": {', '.join(allowed)}." if len(allowed) <= 12 else f" ({reference})."


def _column_format_rules(col) -> list[Rule]:
    name = col.name
    rules: list[Rule] = []
    if col.required:
        rules.append(
            NotNull(
                id=f"{name}.required",
                column=name,
                explanation=f"'{name}' must not be empty.",
                explanation_lv=f"{_in(name)} nedrīkst būt tukšu vērtību.",
            )
        )
    rules.append(
        MaxLength(
            id=f"{name}.max_length",
            column=name,
            max_length=col.max_length,
            explanation=f"'{name}' may be at most {col.max_length} characters.",
            explanation_lv=f"{_of(name)} drīkst būt ne vairāk kā {_characters_lv(col.max_length)}.",
        )
    )
    if col.type != "key":
        # A key's own pattern (64 hex characters) already excludes a personal code.
        rules.append(
            NoMatch(
                id=personal_code_rule(name),
                column=name,
                pattern=PERSONAL_CODE_PATTERN,
                explanation=PERSONAL_CODE_EXPLANATION.format(what=f"'{name}'"),
                explanation_lv=PERSONAL_CODE_EXPLANATION_LV.format(where=_in(name)),
            )
        )
    if col.type == "text":
        rules.append(
            NoMatch(
                id=f"{name}.control_characters",
                column=name,
                pattern=CONTROL_CHARACTERS,
                explanation=f"'{name}' contains a control character (an invisible character "
                "such as NUL, U+0000-U+001F, shown as <U+0000>): remove it. It usually comes "
                "from copying out of another program or from a damaged export.",
                explanation_lv=f"{_in(name)} ir vadības rakstzīme (neredzama rakstzīme, "
                "piemēram, NUL, U+0000–U+001F, pārskatā parādīta kā <U+0000>): izdzēsiet to. "
                "Parasti tā rodas, kopējot no citas programmas, vai bojāta eksporta dēļ.",
            )
        )
    if col.raw_pattern:
        rules.append(
            MatchesPattern(
                id=f"{name}.format",
                column=name,
                pattern=col.raw_pattern,
                explanation=_format_explanation(name, col.type),
                explanation_lv=_format_explanation_lv(name, col.type),
            )
        )
    if col.type in STRFTIME_FORMATS:
        rules.append(
            CalendarDate(
                id=f"{name}.calendar_date",
                column=name,
                strftime_format=STRFTIME_FORMATS[col.type],
                explanation=f"'{name}' must be a date that exists in the calendar.",
                explanation_lv=f"{_of(name)} jābūt datumam, kas pastāv kalendārā.",
            )
        )
    allowed = col.allowed or (
        resolve_allowed(col.allowed_reference) if col.allowed_reference else None
    )
    if col.type == "code" and allowed:
        listed = _allowed_text(allowed, col.allowed_reference)
        rules.append(
            InSet(
                id=f"{name}.allowed",
                column=name,
                values=tuple(allowed),
                explanation=f"'{name}' must be one of the allowed codes{listed}",
                explanation_lv=f"{_of(name)} jābūt vienam no atļautajiem kodiem{listed}",
            )
        )
    if col.type == "code_list" and allowed:
        separator = col.list_separator
        rules.append(
            MatchesPattern(
                id=f"{name}.allowed",
                column=name,
                pattern=code_list_regex(allowed, separator),
                explanation=f"'{name}' must be a '{separator}'-separated list of: "
                f"{', '.join(allowed)}.",
                explanation_lv=f"{_of(name)} jābūt sarakstam, kura elementi atdalīti ar "
                f"'{separator}', no šiem kodiem: {', '.join(allowed)}.",
            )
        )
    return rules


def _vintage_rules(contract: Contract) -> list[Rule]:
    """The classification in force in each row's reporting month: compared as text on the month
    the reader derives from the period column (YYYY-MM)."""
    rules: list[Rule] = []
    for ref in contract.references_by_period:
        switch = ref.switch_date.strftime("%Y-%m")
        column = contract.column(ref.column)
        for operator, reference, when, when_lv in (
            ("<", ref.reference_before, "before", "pirms"),
            (">=", ref.reference_from, "from", "no"),
        ):
            codes = tuple(resolve_allowed(reference))
            common = {
                "id": f"{ref.column}.vintage_{reference}",
                "column": ref.column,
                "when": Condition(PERIOD_MONTH, operator, switch),
                "explanation": f"Records {when} {ref.switch_date:%d.%m.%Y} must use {reference} "
                "codes (the classification in force in the reporting period).",
                "explanation_lv": f"Ierakstos par periodu {when_lv} {ref.switch_date:%d.%m.%Y} "
                f"kolonnā '{ref.column}' jālieto {reference} kodi (klasifikācija, kas bija spēkā "
                "pārskata periodā).",
            }
            if column.type == "code_list":
                rules.append(
                    MatchesPattern(pattern=code_list_regex(codes, column.list_separator), **common)
                )
            else:
                rules.append(InSet(values=codes, **common))
    return rules


def format_rules(contract: Contract) -> tuple[Rule, ...]:
    rules = [rule for col in contract.columns for rule in _column_format_rules(col)]
    rules += _vintage_rules(contract)
    period, key = contract.period_column, contract.unique_key
    rules.append(
        InSet(
            id=f"{period}.matches_file_name",
            column=period,
            values=Parameter("file_period_values"),
            explanation=f"'{period}' must fall in the period in the file name.",
            explanation_lv=f"{_of(period)} jābūt faila nosaukumā norādītajā periodā.",
        )
    )
    rules.append(
        Unique(
            id="unique_key",
            columns=tuple(key),
            explanation="Each (" + ", ".join(key) + ") may appear only once in a file.",
            explanation_lv="Katra vērtību kombinācija ("
            + ", ".join(key)
            + ") failā drīkst būt tikai vienu reizi.",
        )
    )
    return tuple(rules)


def content_rules(contract: Contract) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for col in contract.columns:
        name = col.name
        if col.min_value is not None or col.max_value is not None:
            rules.append(
                Between(
                    id=f"{name}.range",
                    column=name,
                    low=col.min_value,
                    high=col.max_value,
                    explanation=f"'{name}' must be between {col.min_value:g} and "
                    f"{col.max_value:g}.",
                    explanation_lv=f"{_of(name)} jābūt no {_number_lv(col.min_value)} līdz "
                    f"{_number_lv(col.max_value)}.",
                )
            )
        if col.type == "date":
            rules.append(
                Between(
                    id=f"{name}.plausible_date",
                    column=name,
                    low=EARLIEST_DATE,
                    high=Parameter("today"),
                    explanation=f"'{name}' must be a real date from {EARLIEST_DATE[:4]} up to "
                    "today (no future dates).",
                    explanation_lv=f"{_of(name)} jābūt īstam datumam no {EARLIEST_DATE[:4]}. gada "
                    "līdz šodienai (nākotnes datumi nav atļauti).",
                )
            )
    for later, earlier in contract.date_order:
        rules.append(
            NotBefore(
                id=f"{later}.not_before_{earlier}",
                later=later,
                earlier=earlier,
                explanation=f"'{later}' may not precede '{earlier}'.",
                explanation_lv=f"Kolonnas '{later}' datums nedrīkst būt agrāks par kolonnas "
                f"'{earlier}' datumu.",
            )
        )
    return tuple(rules)


@cache
def contract_rules(contract: Contract) -> dict[str, tuple[Rule, ...]]:
    """The contract's rules by stage, in the order they run and are reported."""
    return {
        "structure": structure_rules(contract),
        "format": format_rules(contract),
        "content": content_rules(contract),
    }


def rule_explanations(dataset: str | None, lang: str) -> dict[str, str]:
    """Each rule id of a dataset's contract and what it asks, in ``lang`` (``lv``/``en``): the
    words a rejection is explained with. Empty for a dataset no contract describes."""
    contract = CONTRACTS.get(dataset) if dataset else None
    if contract is None:
        return {}
    return {
        rule.id: rule.explanation_lv if lang == "lv" else rule.explanation
        for rules in contract_rules(contract).values()
        for rule in rules
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
