"""The methodology page's tables, each declared once (``viewmodel.View``): the catalogue (a few
columns on screen, every field in the files), the milestones and the baseline context. Codes
of the catalogue (a unit, a summing rule, a group, a progress class) are put in words here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from roma_monitor.serve.formatting import (
    Kind,
    format_number,
    format_percent,
    format_target,
    is_missing,
    text,
)
from roma_monitor.serve.i18n import STRINGS, localized, t, tn, words
from roma_monitor.serve.viewmodel import Field, Row, View, headed, in_lang, in_words, named

# the page's own wording of a catalogue code (``v.translated``), of a unit (``exports.unit.*``)
translated = words


def present(value: Any) -> bool:
    return text(value) is not None


def own(row: Row, field: str, lang: str) -> Any:
    """``<field>_<lang>`` of a row, None when it is blank (never the other language's)."""
    return in_lang(field)(row, lang)


def unit_words(unit: Any, lang: str) -> str | None:
    return words("exports.unit", unit, lang)


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


field = headed("methodology.field")
FILES = {"on": "files"}
CATALOGUE = View(
    field("code", Kind.CODE, "indicator_code"),
    field("measure", Kind.LABEL, in_words("sam", "sam")),
    field("agency", Kind.LABEL),
    field("name", Kind.LABEL, localized),
    field("definition", Kind.LABEL, in_lang("definition"), **FILES),
    field("group", Kind.LABEL, in_words("methodology.group", "indicator_group"), **FILES),
    field("unit", Kind.LABEL, in_words("exports.unit", "unit")),
    field("aggregation", Kind.LABEL, in_words("methodology.aggregation", "aggregation")),
    field("denominator", Kind.CODE, "denominator_indicator_code", **FILES),
    field("counting_rule", Kind.LABEL, in_lang("counting_rule"), **FILES),
    field("start", Kind.DATE, "measure_start_date", **FILES),
    field("source", Kind.LABEL, "source_citation", **FILES),
    field("note", Kind.LABEL, in_lang("note"), **FILES),
    field("target", Kind.TARGET, "target_value", operator="target_operator"),
    field("operator", Kind.CODE, "target_operator", **FILES),
    field("target_date", Kind.DATE),
    field("target_from_report", Kind.FLAG, "target_is_from_report"),
    field("target_source", Kind.LABEL, "target_source_citation", **FILES),
    field("target_note", Kind.LABEL, in_lang("target_note"), **FILES),
    field("status", Kind.LABEL, in_words("progress", "progress_status"), **FILES),
    Field("status_code", "overview.col.status_code", Kind.CODE, "progress_status", **FILES),
)

# the measures' events and the indicators' intermediate targets, one chronology
MILESTONES = View(
    field("measure", Kind.LABEL, in_words("sam", "sam")),
    field("code", Kind.CODE),
    field("event", Kind.LABEL),
    field("date", Kind.DATE),
    field("value", Kind.NUMBER, "target_value"),
    field("target_from_report", Kind.FLAG, "is_from_report"),
    field("source", Kind.LABEL, "source_citation"),
)

BASELINE = View(
    field("code", Kind.CODE, "context_code", **FILES),
    field("name", Kind.LABEL, named("name", "context_code")),
    field("value", Kind.LABEL, baseline_value, on="screen"),
    field("value", Kind.NUMBER, **FILES),
    field("unit", Kind.LABEL, in_words("exports.unit", "unit"), **FILES),
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
