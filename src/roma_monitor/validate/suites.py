"""The contract's rules (contracts.rules) compiled to GX expectation suites: the reference engine,
and the serialised suites in `expectations/` (`roma-monitor contracts check`)."""

from __future__ import annotations

import os
from functools import cache

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402

from roma_monitor.contracts.base import Contract  # noqa: E402
from roma_monitor.contracts.rules import (  # noqa: E402
    Between,
    CalendarDate,
    ColumnsMatch,
    Condition,
    HasRows,
    InSet,
    MatchesPattern,
    MaxLength,
    NoMatch,
    NotBefore,
    NotNull,
    Parameter,
    Rule,
    Unique,
    contract_rules,
)


@cache
def gx_context():
    """One ephemeral GX context per process (suites can only be built inside a context)."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    return context


def _value(value: object) -> object:
    return {"$PARAMETER": value.name} if isinstance(value, Parameter) else value


def _when(condition: Condition | None) -> dict:
    """A rule's condition as a pandas row condition: `column<"value"`."""
    if condition is None:
        return {}
    return {
        "row_condition": f'{condition.column}{condition.operator}"{condition.value}"',
        "condition_parser": "pandas",
    }


def expectation(rule: Rule) -> gxe.Expectation:
    """One rule as the GX expectation that checks it; its id and explanations as `meta`."""
    meta = {
        "meta": {
            "rule": rule.id,
            "explanation": rule.explanation,
            "explanation_lv": rule.explanation_lv,
        }
    }
    match rule:
        case ColumnsMatch():
            return gxe.ExpectTableColumnsToMatchOrderedList(column_list=list(rule.columns), **meta)
        case HasRows():
            return gxe.ExpectTableRowCountToBeBetween(min_value=1, **meta)
        case NotNull():
            return gxe.ExpectColumnValuesToNotBeNull(column=rule.column, **meta)
        case MaxLength():
            return gxe.ExpectColumnValueLengthsToBeBetween(
                column=rule.column, max_value=rule.max_length, **meta
            )
        case NoMatch():
            return gxe.ExpectColumnValuesToNotMatchRegex(
                column=rule.column, regex=rule.pattern, **meta
            )
        case MatchesPattern():
            return gxe.ExpectColumnValuesToMatchRegex(
                column=rule.column, regex=rule.pattern, **_when(rule.when), **meta
            )
        case CalendarDate():
            return gxe.ExpectColumnValuesToMatchStrftimeFormat(
                column=rule.column, strftime_format=rule.strftime_format, **meta
            )
        case InSet():
            values = rule.values
            return gxe.ExpectColumnValuesToBeInSet(
                column=rule.column,
                value_set=_value(values) if isinstance(values, Parameter) else list(values),
                **_when(rule.when),
                **meta,
            )
        case Unique(columns=(column,)):
            return gxe.ExpectColumnValuesToBeUnique(column=column, **meta)
        case Unique():
            return gxe.ExpectCompoundColumnsToBeUnique(column_list=list(rule.columns), **meta)
        case Between():
            return gxe.ExpectColumnValuesToBeBetween(
                column=rule.column, min_value=_value(rule.low), max_value=_value(rule.high), **meta
            )
        case NotBefore():
            return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=rule.later,
                column_B=rule.earlier,
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                **meta,
            )
    raise TypeError(f"no GX expectation for {type(rule).__name__}")


def build_suites(contract: Contract) -> dict[str, gx.ExpectationSuite]:
    gx_context()
    suites = {}
    for stage, rules in contract_rules(contract).items():
        suite = gx.ExpectationSuite(name=f"{contract.dataset}.{stage}")
        for rule in rules:
            suite.add_expectation(expectation(rule))
        suites[stage] = suite
    return suites
