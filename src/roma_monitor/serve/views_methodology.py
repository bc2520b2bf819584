"""The methodology page's tables, each declared once (``viewmodel.View``): the catalogue (a few
columns on screen, every field in the files), the milestones and the baseline context. Codes
of the catalogue (a unit, a summing rule, a group, a progress class) are put in words here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from roma_monitor.serve.exports import unit_label
from roma_monitor.serve.formatting import (
    Kind,
    format_number,
    format_percent,
    format_target,
    is_missing,
)
from roma_monitor.serve.i18n import STRINGS, localized, sam_label, t, tn
from roma_monitor.serve.viewmodel import Field, Row, View


def present(value: Any) -> bool:
    return not is_missing(value) and bool(str(value).strip())


def own(row: Row, field: str, lang: str) -> Any:
    """``<field>_<lang>`` of a row, None when it is blank (never the other language's)."""
    value = row.get(f"{field}_{lang}")
    return value if present(value) else None


def translated(prefix: str, value: Any, lang: str) -> str | None:
    """A catalogue code in words (``persons`` → ``personas``); an unknown code as it is."""
    if not present(value):
        return None
    key = f"{prefix}.{value}"
    return t(key, lang) if key in STRINGS["lv"] else str(value)


def unit_words(unit: Any, lang: str) -> str | None:
    """A unit in words: ``percent``/``ratio`` here, the catalogue's units as the files say them."""
    key = f"methodology.unit.{unit}"
    return t(key, lang) if key in STRINGS["lv"] else unit_label(unit, lang)


def baseline_value(row: Row, lang: str) -> str | None:
    """A context figure with its unit: ``45,3 %``, ``3 reizes``, ``2 personas``."""
    value, unit = row["value"], row["unit"]
    if is_missing(value):
        return None
    decimals = 0 if float(value).is_integer() else 1
    number = format_number(value, lang, decimals)
    if unit == "percent":
        return format_percent(Decimal(str(value)) / 100, lang, decimals)
    if unit == "ratio":  # "trīs reizes mazāks", as the report writes; × means withheld here
        return t("methodology.ratio", lang, number=number)
    if decimals == 0 and f"plural.{unit}.other" in STRINGS["lv"]:
        return tn(f"plural.{unit}", int(value), lang)
    return f"{number} {unit_words(unit, lang)}"


def _words(prefix: str, column: str) -> Any:
    return lambda row, lang: translated(prefix, row.get(column), lang)


def _own(field: str) -> Any:
    return lambda row, lang: own(row, field, lang)


def _measure(row: Row, lang: str) -> str:
    return sam_label(row["sam"], lang)


def field(key: str, kind: Kind, source: Any = None, **kwargs: Any) -> Field:
    """A column under the UI string ``methodology.field.<key>``."""
    return Field(key, f"methodology.field.{key}", kind, source, **kwargs)


FILES = {"on": "files"}
CATALOGUE = View(
    field("code", Kind.CODE, "indicator_code"),
    field("measure", Kind.LABEL, _measure),
    field("agency", Kind.LABEL),
    field("name", Kind.LABEL, localized),
    field("definition", Kind.LABEL, _own("definition"), **FILES),
    field("group", Kind.LABEL, _words("methodology.group", "indicator_group"), **FILES),
    field("unit", Kind.LABEL, lambda row, lang: unit_words(row["unit"], lang)),
    field("aggregation", Kind.LABEL, _words("methodology.aggregation", "aggregation")),
    field("denominator", Kind.CODE, "denominator_indicator_code", **FILES),
    field("counting_rule", Kind.LABEL, _own("counting_rule"), **FILES),
    field("start", Kind.DATE, "measure_start_date", **FILES),
    field("source", Kind.LABEL, "source_citation", **FILES),
    field("note", Kind.LABEL, _own("note"), **FILES),
    field("target", Kind.TARGET, "target_value", operator="target_operator"),
    field("operator", Kind.CODE, "target_operator", **FILES),
    field("target_date", Kind.DATE),
    field("target_from_report", Kind.FLAG, "target_is_from_report"),
    field("target_source", Kind.LABEL, "target_source_citation", **FILES),
    field("target_note", Kind.LABEL, **FILES),
    field("status", Kind.LABEL, _words("progress", "progress_status"), **FILES),
    Field("status_code", "overview.col.status_code", Kind.CODE, "progress_status", **FILES),
)

# the measures' events and the indicators' intermediate targets, one chronology
MILESTONES = View(
    field("measure", Kind.LABEL, _measure),
    field("code", Kind.CODE),
    field("event", Kind.LABEL),
    field("date", Kind.DATE),
    field("value", Kind.NUMBER, "target_value"),
    field("target_from_report", Kind.FLAG, "is_from_report"),
    field("source", Kind.LABEL, "source_citation"),
)

BASELINE = View(
    field("code", Kind.CODE, "context_code", **FILES),
    field("name", Kind.LABEL, lambda row, lang: localized(row, lang, "name", "context_code")),
    field("value", Kind.LABEL, baseline_value, on="screen"),
    field("value", Kind.NUMBER, **FILES),
    field("unit", Kind.LABEL, lambda row, lang: unit_words(row["unit"], lang), **FILES),
    field("year", Kind.CODE, "reference_year"),
    field("source", Kind.LABEL, "source_citation"),
)


def chronology(events: pd.DataFrame, milestones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows of ``MILESTONES``: events by their name, intermediate targets by their value."""
    return pd.concat(
        [
            events.assign(
                code=events["event_code"],
                event=[localized(e, lang, "name", "event_code") for _, e in events.iterrows()],
                date=events["event_date"],
                target_value=None,
            ),
            milestones.assign(
                code=milestones["indicator_code"],
                event=[
                    format_target(v, o, lang)
                    for v, o in zip(
                        milestones["target_value"], milestones["target_operator"], strict=True
                    )
                ],
                date=milestones["target_date"],
            ),
        ],
        ignore_index=True,
    )
