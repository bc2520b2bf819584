"""The tables a reader sees on the overview, regions and measure pages and in the PDF, each
declared once (``viewmodel.View``): which columns, under which header, of which kind, from which
query column. The screen, the CSV, the XLSX and the PDF are all built from these.

A Roma count is one ``Kind.SUPPRESSED_COUNT`` field: on screen and in the PDF one cell with its
marks (``×`` withheld, ``≈`` rounded), in the files its number with the flag columns. The
query frames name the withheld flag ``roma_value_suppressed`` (a Roma figure beside a total)
or ``is_suppressed`` (a breakdown row); the views give both the one header ``roma.col.withheld``.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from roma_monitor.serve.formatting import (
    MISSING,
    NOT_FROM_REPORT_MARK,
    Kind,
    format_date,
    format_month,
    format_number,
    format_percent,
    is_missing,
    text,
    to_date,
)
from roma_monitor.serve.i18n import localized, rejection_reason, t, words
from roma_monitor.serve.queries.measures import PROGRESS_STATUSES
from roma_monitor.serve.style import STATUS_STYLE
from roma_monitor.serve.viewmodel import Field, Row, View, ViewTable, day, in_words, named


def roma_field(
    key: str = "roma",
    header: str = "roma.value",
    value: str = "roma_value",
    withheld: str = "roma_value_suppressed",
    rounded: str | None = "roma_value_is_rounded",
    as_of: str | None = "roma_value_as_of",
    kind: Kind = Kind.SUPPRESSED_COUNT,
) -> Field:
    """A disclosure-controlled figure (a Roma count by default) and its marks."""
    return Field(key, header, kind, value, withheld=withheld, rounded=rounded, as_of=as_of)


def target_field(header: str, source: str = "target") -> Field:
    """A target with its comparison and unit, ``¹`` when the seed report does not state it."""
    marks = {"operator": "target_operator", "from_report": "target_is_from_report"}
    return Field("target", header, Kind.TARGET, source, "unit", **marks)


def period_label(period: Any, lang: str) -> str | None:
    """A reporting period as people say it: a month, a quarter or a year (as the audit writes
    them: ``2022-12``, ``2022-Q4``, ``2022``)."""
    if not isinstance(period, str) or not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?", period):
        return None
    if len(period) == 4:
        return t("quality.period.year", lang, year=period)
    if period[5] == "Q":
        return t("quality.period.quarter", lang, year=period[:4], quarter=period[6])
    return format_month(f"{period}-01", lang)


def period(column: str) -> Any:
    """A reporting period in ``column`` as people say it (``period_label``)."""
    return lambda row, lang: period_label(row.get(column), lang)


def copy_label(file: Any, copy: Any, lang: str) -> str | None:
    """A file and which copy of its dataset's period it was (a resend, a duplicate, a
    corrected file share the name); ``copy`` is the query's (``queries.quality``), NULL when
    the period had one file."""
    name = None if is_missing(file) or not str(file).strip() else str(file)
    if name is None or is_missing(copy):
        return name
    return f"{name} · {t('quality.copy', lang, n=format_number(copy, lang))}"


def missing_legend(table: ViewTable, lang: str, *keys: str) -> list[str]:
    """The legend of ``–`` (no data) when the columns ``keys`` (all when none) of a screen
    table show it."""
    columns = [c for c in table.columns if not keys or c.key in keys]
    shown = any(MISSING in c.shown(lang) for c in columns)
    return [t("legend.missing", lang, mark=MISSING)] if shown else []


def target_legend(frame: pd.DataFrame, lang: str) -> list[str]:
    """The legend of ``¹`` (a target the seed report does not state), when a row shows it. The
    source itself is the catalogue's (English) citation, shown in full on the methodology page."""
    marked = any(
        not is_missing(row.get("target_is_from_report"))
        and not bool(row["target_is_from_report"])
        and not is_missing(row.get("target_value", row.get("target")))
        for row in frame.to_dict("records")
    )
    return [t("legend.target_not_from_report", lang, mark=NOT_FROM_REPORT_MARK)] if marked else []


# --- overview --------------------------------------------------------------------------------


def status_key(row: Row) -> str:
    """The progress class of a row, or ``no_target`` / ``unknown`` (a target, no status)."""
    if not bool(row.get("has_target")):
        return "no_target"
    status = row.get("progress_status")
    return status if not is_missing(status) and status in STATUS_STYLE else "unknown"


def status_label(row: Row, lang: str) -> str:
    """The one judgement of fct_indicator_status as shown (icon + words). A target missed at
    its date says by when and how far it got: "⊘ Nav sasniegts līdz 31.12.2022 (95,2 %)"."""
    key, share = status_key(row), row["share_of_target"]
    if key == "not_achieved" and to_date(row.get("target_date")) and not is_missing(share):
        by, share = format_date(row["target_date"], lang), format_percent(share, lang)
        return t("progress.not_achieved_by", lang, date=by, share=share)
    return t(f"progress.{key}", lang)


def status_legend(lang: str) -> str:
    """What the status column says: how the status is judged, each class with its mark (✔,
    ⊘ with the share of the target reached in brackets)."""
    names = (*PROGRESS_STATUSES, "no_target")
    return t("overview.legend", lang, **{name: t(f"progress.{name}", lang) for name in names})


def measure_label(row: Row, lang: str) -> str:
    if row["sam"] == "platform":
        return t("overview.platform", lang, agency=row["agency"])
    return f"{row['sam']} · {row['agency']}"


area_label = named("geo_name", "geo_code")  # an area's name in the page's language

# the Roma count and the ethnicity coverage beside a figure, one header on every page
ROMA_COUNT = roma_field(header="roma.col.value")
COVERAGE = Field("coverage", "roma.coverage", Kind.SHARE, "ethnicity_coverage")


OVERVIEW = View(
    Field("measure", "overview.col.measure", Kind.LABEL, measure_label),
    Field("code", "overview.col.code", Kind.CODE, "indicator_code", on="files"),
    Field("indicator", "overview.col.indicator", Kind.LABEL, localized),
    Field("area", "overview.col.area", Kind.CODE, "geo_code", on="files"),
    Field("period", "overview.col.value_period", Kind.MONTH, day("value_period"), on="files"),
    Field("value", "overview.col.value", Kind.AMOUNT, unit="unit"),
    Field("unit", "exports.def.unit", Kind.LABEL, in_words("exports.unit", "unit"), on="files"),
    Field("share_of_national", "overview.col.share_of_national", Kind.SHARE),
    target_field("overview.col.target"),
    Field("share_of_target", "overview.col.share_of_target", Kind.SHARE),
    Field("needed_pace", "overview.col.needed_pace", Kind.PACE, "needed_pace_per_month", "unit"),
    Field("current_pace", "overview.col.current_pace", Kind.PACE, "current_pace_per_month", "unit"),
    Field("projected", "overview.col.projected", Kind.AMOUNT, "projected_value_at_target_date",
          "unit"),
    Field("status", "overview.col.status", Kind.LABEL, status_label),
    Field("status_code", "overview.col.status_code", Kind.CODE, lambda row, lang: status_key(row),
          on="files"),
    ROMA_COUNT,
    COVERAGE,
)  # fmt: skip

# an area's figures: its share of Latvia's, and Latvia's status (pace and projection are national)
_NATIONAL_ONLY = ("share_of_target", "needed_pace", "current_pace", "projected")


def overview_view(regional: bool) -> View:
    """The overview for Latvia, or for an area (``regional``)."""
    if regional:
        return OVERVIEW.without(*_NATIONAL_ONLY).relabel("status", "overview.col.status_national")
    return OVERVIEW.without("share_of_national")


# the PDF's tables of the overview's rows: with a target, and the headlines without one
PDF_TARGETS = OVERVIEW.only(
    "indicator", "measure", "value", "target", "share_of_target", "needed_pace", "current_pace",
    "status",
)  # fmt: skip
PDF_HEADLINES = OVERVIEW.only("indicator", "measure", "value", "unit", "period")

# the PDF's key breakdowns: one row per indicator (``report_pdf.breakdown_rows``), a column
# ``<breakdown>.<value>`` per group with its marks
PDF_GROUPS = (
    "sex.female", "sex.male", "age_band.under_25", "age_band.25_54", "age_band.55_plus",
    "ethnicity.roma",
)  # fmt: skip
PDF_BREAKDOWNS = View(
    Field("indicator", "exports.report.col_indicator", Kind.LABEL, localized),
    Field("total", "exports.report.col_total", Kind.COUNT, "value"),
    *(
        roma_field(key, f"exports.report.col_{key.partition('.')[2]}", key, f"{key}.withheld",
                   f"{key}.rounded", f"{key}.as_of")
        for key in PDF_GROUPS
    ),
    Field("coverage", "exports.report.col_coverage", Kind.SHARE, "ethnicity_coverage"),
)  # fmt: skip

SOURCES = View(
    Field("source", "overview.col.source", Kind.LABEL, "agency"),
    Field("latest_period", "overview.col.latest_period", Kind.MONTH),
    Field("file", "overview.col.load_file", Kind.LABEL, "load_file_name"),
    Field("load_period", "overview.col.load_period", Kind.LABEL, period("load_reporting_period")),
    Field("status", "overview.col.load_status", Kind.LABEL,
          in_words("loads.status", "load_status")),
    Field("finished", "overview.col.load_finished", Kind.DATETIME, "load_finished_at"),
)  # fmt: skip

# --- regions ---------------------------------------------------------------------------------

REGIONS = View(
    Field("code", "regionmap.col.code", Kind.CODE, "geo_code"),
    Field("area", "regionmap.col.area", Kind.LABEL, area_label),
    Field("region", "regionmap.col.region", Kind.LABEL, "region_name"),
    Field("value", "regionmap.col.value", Kind.AMOUNT),
    Field("share", "regionmap.col.share", Kind.SHARE, "share_of_national"),
    ROMA_COUNT,
    COVERAGE,
)  # fmt: skip

PDF_REGIONS = REGIONS.only("area", "value", "share", "roma", "coverage")

# the selected area's key figures above the map
SUMMARY = View(
    Field("value", "regionmap.value", Kind.AMOUNT),
    Field("share_of_target", "regionmap.share_of_target", Kind.SHARE),
    Field("share", "regionmap.share_of_national", Kind.SHARE, "share_of_national"),
    ROMA_COUNT,  # the table's short header: a metric's label is cut
    COVERAGE,
)

# --- measure ---------------------------------------------------------------------------------

SERIES = View(
    Field("period", "measure.col.period", Kind.DATE, day("period")),
    Field("value", "measure.col.value", Kind.NUMBER),
    Field("expected", "measure.col.expected", Kind.NUMBER, "expected_to_date"),
    Field("share_of_national", "measure.share_of_national", Kind.SHARE),
    ROMA_COUNT,
    COVERAGE,
)

# the indicator's key figures at the month shown (the catalogue row and the trajectory's)
FIGURES = View(
    Field("value", "measure.value", Kind.AMOUNT, unit="unit"),
    Field("share_of_national", "measure.share_of_national", Kind.SHARE),
    Field("national_value", "measure.national_value", Kind.AMOUNT, unit="unit"),
    target_field("measure.target", "target_value"),
    Field("share_of_target", "measure.share_of_target", Kind.SHARE),
    Field("expected", "measure.expected", Kind.AMOUNT, "expected_to_date", "unit"),
    Field("share", "measure.share_of_denominator", Kind.SHARE),
    Field("current_pace", "measure.current_pace", Kind.PACE, "current_pace_per_month", "unit"),
    Field("needed_pace", "measure.needed_pace", Kind.PACE, "needed_pace_per_month", "unit"),
    Field("projected", "measure.projected", Kind.AMOUNT, "projected_value_at_target_date", "unit"),
)

# the Roma figures of the month shown, beside the ethnicity coverage
ROMA = View(
    roma_field(header="measure.roma"),
    roma_field("roma_share", "measure.roma_share", "roma_share", as_of=None, kind=Kind.SHARE),
    COVERAGE,
)


def dimension_label(row: Row, lang: str) -> str:
    """A breakdown in words; the categories under the indicator's own name for them."""
    if row["breakdown"] == "ethnicity":
        return t("measure.roma_header", lang)
    name = row.get(f"category_name_{lang}") if row["breakdown"] == "category" else None
    if is_missing(name) or not str(name).strip():
        return t(f"measure.dim.{row['breakdown']}", lang)
    return name[0].upper() + name[1:]


def group_label(row: Row, lang: str) -> str:
    """A group in words: a category's label from the mart, else the UI string, else its code."""
    if row["breakdown"] == "category":
        return localized(row, lang, "label", "breakdown_value")
    return words(f"measure.{row['breakdown']}", row["breakdown_value"], lang)


BREAKDOWNS = View(
    Field("dimension", "measure.col.dimension", Kind.LABEL, dimension_label),
    Field("group", "measure.col.group", Kind.LABEL, group_label),
    roma_field("value", "measure.col.value", "value", "is_suppressed", "is_rounded", "value_as_of"),
    roma_field(
        "denominator", "measure.col.denominator", "denominator", "is_denominator_suppressed",
        "is_rounded", None,
    ),
    roma_field("share", "measure.col.share", "share", "is_share_suppressed", "is_rounded", None,
               Kind.SHARE),
    COVERAGE,
)  # fmt: skip

RESULTS = View(
    Field("outcome", "measure.col.outcome", Kind.LABEL, in_words("measure.outcome", "outcome")),
    Field("timing", "measure.col.timing", Kind.LABEL, in_words("measure.timing", "timing")),
    Field("value", "measure.col.value", Kind.COUNT),
    Field("leavers", "measure.col.leavers", Kind.COUNT, "denominator"),
    Field("share", "measure.col.share_of_leavers", Kind.SHARE),
    ROMA_COUNT,
    roma_field("roma_share", "measure.col.roma_share", "roma_share", as_of=None, kind=Kind.SHARE),
    COVERAGE,
)  # fmt: skip


# --- the PDF's data quality ------------------------------------------------------------------

MAX_MESSAGE = 600  # characters of a rejection reason in the PDF (the dashboard shows it whole)


def _source(row: Row, lang: str) -> str:
    return str(row["source"]).upper()


def file_copy(row: Row, lang: str) -> str | None:
    """A received file and which copy of its period it was (``copy_label``)."""
    return copy_label(row["file_name"], row["copy"], lang)


def rejection(row: Row, lang: str) -> str:
    """Why a file was rejected: what its failed rules ask, else the gate's message."""
    rules = filter(None, (text(row["rules"]) or "").split(", "))
    return rejection_reason(rules, row["message"], lang, row.get("dataset"))


def _reason(row: Row, lang: str) -> str:
    """``rejection``, shortened: a gate message can list many failed rules, and a table row
    must fit on one page."""
    reason = rejection(row, lang)
    return reason if len(reason) <= MAX_MESSAGE else reason[: MAX_MESSAGE - 1].rstrip() + "…"


# the last load per source (``queries.last_loads``) and the rejected files
PDF_LOADS = View(
    Field("source", "loads.source", Kind.LABEL, _source),
    Field("file", "loads.file", Kind.LABEL, "file_name"),
    Field("status", "loads.status", Kind.LABEL, in_words("loads.status", "status")),
    Field("rows", "loads.rows", Kind.COUNT),
    Field("period", "loads.period", Kind.LABEL, period("reporting_period")),
    Field("finished", "loads.finished_at", Kind.DATETIME, "finished_at"),
)  # fmt: skip
PDF_REJECTED = View(
    Field("source", "loads.source", Kind.LABEL, _source),
    Field("file", "exports.report.col_file", Kind.LABEL, file_copy),
    Field("period", "loads.period", Kind.LABEL, period("reporting_period")),
    Field("received", "quality.col.received_at", Kind.DATETIME, "received_at"),
    Field("reason", "exports.report.col_message", Kind.LABEL, _reason),
)
