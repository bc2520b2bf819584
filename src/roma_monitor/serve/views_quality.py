"""The data-quality page's tables, each declared once as a view model (``viewmodel``): the
screen and the XLSX/CSV show the same columns, formatted by their kinds. Codes (a verdict, a
frequency, a period) are put in the reader's words here; the figures come from the queries."""

from __future__ import annotations

from typing import Any

import pandas as pd

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    format_as_of,
    format_month,
    format_number,
    is_missing,
    month_end,
    to_date,
    to_datetime,
)
from roma_monitor.serve.i18n import rejection_reason, sam_label, t
from roma_monitor.serve.viewmodel import Kind, ViewTable
from roma_monitor.serve.views_common import named, text, view

VERDICT_KEYS = {
    "loaded": "quality.verdict.accepted",
    "duplicate": "quality.verdict.duplicate",
    "rejected": "quality.verdict.rejected",
}
COL = "quality.col"
LEVEL = "quality.disclosure.level"


def period_label(period: Any, lang: str) -> str | None:
    """A reporting period as people say it: a month, a quarter or a year."""
    period = q.normalise_period(period)
    if period is None:
        return None
    if len(period) == 4:
        return t("quality.period.year", lang, year=period)
    if period[5] == "Q":
        return t("quality.period.quarter", lang, year=period[:4], quarter=period[6])
    return format_month(f"{period}-01", lang)


def verdict_label(status: Any, lang: str) -> str | None:
    if is_missing(status):
        return None
    return t(VERDICT_KEYS.get(status, "quality.verdict.none"), lang)


def freshness_label(status: Any, days: Any, lang: str) -> str | None:
    if status == q.FRESHNESS_LATE:
        return t("quality.fresh.late", lang, days=format_number(days, lang))
    if status in (q.FRESHNESS_ON_TIME, q.FRESHNESS_NEVER):
        return t(f"quality.fresh.{status}", lang)
    return None


def file_label(name: Any, sha256: Any) -> str | None:
    """A file as the archive knows it: its name and the start of its content hash."""
    return f"{text(name)} · {str(sha256)[:8]}" if text(sha256) else text(name)


def labels(values: Any, lang: str, label: Any) -> list[Any]:
    return [label(v, lang) for v in values]


def times(values: Any) -> list[Any]:
    return [to_datetime(v) for v in values]


def datasets_view(d: pd.DataFrame, lang: str) -> ViewTable:
    unknown = t("quality.unknown_dataset", lang)
    return view(
        COL,
        lang,
        [
            ("measure", Kind.LABEL, labels(d["measure_code"], lang, sam_label)),
            ("agency", Kind.LABEL, map(text, d["agency"])),
            (
                "dataset",
                Kind.LABEL,
                [
                    text(name) if known else f"{text(name)} {unknown}"
                    for name, known in zip(d["dataset"], d["is_known_dataset"], strict=True)
                ],
            ),
            (
                "frequency",
                Kind.LABEL,
                [t(f"quality.frequency.{f}", lang) if text(f) else None for f in d["frequency"]],
            ),
            ("last_file", Kind.LABEL, map(text, d["last_file"])),
            ("last_period", Kind.LABEL, labels(d["last_period"], lang, period_label)),
            ("received_at", Kind.DATETIME, times(d["last_received_at"])),
            ("validation", Kind.LABEL, labels(d["last_status"], lang, verdict_label)),
            ("checks_run", Kind.COUNT, d["last_checks_run"]),
            (
                "report",
                Kind.LABEL,
                [
                    t("quality.report_available" if r is True else "quality.report_none", lang)
                    for r in d["last_has_report"]
                ],
            ),
            ("latest_period", Kind.LABEL, labels(d["latest_period"], lang, period_label)),
            ("expected_period", Kind.LABEL, labels(d["expected_period"], lang, period_label)),
            (
                "freshness",
                Kind.LABEL,
                [
                    freshness_label(s, n, lang)
                    for s, n in zip(d["freshness"], d["days_late"], strict=True)
                ],
            ),
            ("days_late", Kind.COUNT, d["days_late"]),
            ("next_due", Kind.DATE, map(to_date, d["next_due"])),
            ("last_rows", Kind.COUNT, d["last_loaded_rows"]),
            ("total_rows", Kind.COUNT, d["total_rows_loaded"]),
            ("files_loaded", Kind.COUNT, d["files_loaded"]),
            ("files_rejected", Kind.COUNT, d["files_rejected"]),
        ],
    )


def quarantine_view(r: pd.DataFrame, lang: str) -> ViewTable:
    """The rejected files (the screen shows each as a card; the downloads as this table)."""
    rules = [v.split(", ") if isinstance(v, str) else () for v in r["rules"]]
    return view(
        COL,
        lang,
        [
            ("source", Kind.LABEL, map(text, r["source"])),
            ("dataset", Kind.LABEL, map(text, r["dataset"])),
            ("file", Kind.LABEL, map(text, r["file_name"])),
            ("last_period", Kind.LABEL, labels(r["reporting_period"], lang, period_label)),
            ("received_at", Kind.DATETIME, times(r["received_at"])),
            ("rows", Kind.COUNT, r["rows"]),
            ("checks_run", Kind.COUNT, r["checks_run"]),
            ("rules", Kind.CODE, map(text, r["rules"])),
            (
                "message",
                Kind.LABEL,
                [
                    rejection_reason(failed, message, lang)
                    for failed, message in zip(rules, r["message"], strict=True)
                ],
            ),
        ],
    )


def corrections_view(c: pd.DataFrame, lang: str) -> ViewTable:
    return view(
        COL,
        lang,
        [
            ("measure", Kind.LABEL, labels(c["measure_code"], lang, sam_label)),
            ("dataset", Kind.LABEL, map(text, c["dataset"])),
            ("period", Kind.LABEL, labels(c["reporting_period"], lang, period_label)),
            ("revision", Kind.COUNT, c["revision"]),
            ("received_at", Kind.DATETIME, times(c["received_at"])),
            (
                "previous_file",
                Kind.LABEL,
                map(file_label, c["previous_file"], c["previous_sha256"]),
            ),
            ("previous_received_at", Kind.DATETIME, times(c["previous_received_at"])),
            ("new_file", Kind.LABEL, map(file_label, c["file_name"], c["sha256"])),
            ("rows_before", Kind.COUNT, c["rows_before"]),
            ("rows_after", Kind.COUNT, c["rows_after"]),
            ("rows_change", Kind.COUNT, c["rows_change"]),
        ],
    )


def access_views(
    daily: pd.DataFrame, downloads: pd.DataFrame, lang: str
) -> tuple[ViewTable, ViewTable]:
    """Page views per day and role, and every download (keyed pseudonyms are not shown)."""
    role = lambda r, lang: t(f"quality.access_role.{r}", lang)  # noqa: E731
    per_day = view(
        "quality.access",
        lang,
        [
            ("day", Kind.DATE, map(to_date, daily["day"])),
            ("role", Kind.LABEL, labels(daily["role"], lang, role)),
            ("views", Kind.COUNT, daily["views"]),
            ("downloads", Kind.COUNT, daily["downloads"]),
            ("denied", Kind.COUNT, daily["denied"]),
            ("people", Kind.COUNT, daily["people"]),
        ],
    )
    files = view(
        "quality.access",
        lang,
        [
            ("at", Kind.DATETIME, times(downloads["at"])),
            ("role", Kind.LABEL, labels(downloads["role"], lang, role)),
            ("page", Kind.LABEL, map(text, downloads["page"])),
            ("file", Kind.LABEL, map(text, downloads["file"])),
        ],
    )
    return per_day, files


def latest_per_indicator(coverage: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's latest month, indicators in the query's order (the headline first)."""
    latest = coverage.sort_values("period").groupby("indicator_code", sort=False).tail(1)
    order = list(dict.fromkeys(coverage["indicator_code"]))
    return latest.set_index("indicator_code").loc[order].reset_index()


def coverage_view(latest: pd.DataFrame, lang: str) -> ViewTable:
    """The latest ethnicity coverage per indicator, with its value and Roma count."""
    rows = latest.to_dict("records")
    return view(
        COL,
        lang,
        [
            ("measure", Kind.LABEL, labels(latest["sam"], lang, sam_label)),
            ("indicator", Kind.LABEL, [named(r, "name", lang, "indicator_code") for r in rows]),
            ("month", Kind.LABEL, labels(latest["period"], lang, format_month)),
            ("value", Kind.COUNT, latest["value"]),
            ("roma", Kind.ROMA_COUNT, latest["roma_value"]),
            ("roma.col.as_of", Kind.DATE, map(month_end, latest["roma_value_as_of"])),
            ("coverage", Kind.SHARE, latest["ethnicity_coverage"]),
        ],
    )


def is_internal(utility: pd.DataFrame) -> bool:
    """The Ministry's internal snapshot splits the withheld cells by rule."""
    return bool(utility["cells_withheld_complement"].notna().any())


def disclosure_view(utility: pd.DataFrame, lang: str) -> ViewTable:
    """Roma cells published and withheld per geography level, at the latest quarter end and
    over all of them; the Ministry's internal snapshot also by rule and the rounding error."""
    every = t("quality.disclosure.all", lang)
    columns = [
        ("level", Kind.LABEL, [t(f"{LEVEL}.{v}", lang) for v in utility["geo_level"]]),
        (
            "quarter_ends",
            Kind.LABEL,
            [
                format_as_of(p, lang) if s == "latest" else every
                for p, s in zip(utility["period"], utility["scope"], strict=True)
            ],
        ),
        ("cells", Kind.COUNT, utility["cells"]),
        ("published", Kind.COUNT, utility["cells_published"]),
        ("withheld", Kind.COUNT, utility["cells_withheld"]),
        ("share_published", Kind.SHARE, utility["share_published"]),
    ]
    if is_internal(utility):
        columns += [
            ("withheld_complement", Kind.COUNT, utility["cells_withheld_complement"]),
            ("withheld_audit", Kind.COUNT, utility["cells_withheld_audit"]),
            ("rounding_error_mean", Kind.NUMBER, utility["rounding_error_mean"]),
            ("rounding_error_max", Kind.COUNT, utility["rounding_error_max"]),
        ]
    return view("quality.disclosure.col", lang, columns)
