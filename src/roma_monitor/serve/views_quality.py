"""The data-quality page's tables, each declared once (``viewmodel.View``): the CSV and the
XLSX show every column, each written by its kind; the screen shows what fits beside the sidebar
at 1280 px (``*_ON_SCREEN``, or the columns not marked ``on="files"``). Codes (a verdict, a
frequency, a period, a dataset) are put in the reader's words here; the figures come from the
queries."""

from __future__ import annotations

from typing import Any

from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import Kind, format_as_of, format_number, text
from roma_monitor.serve.formatting import is_missing as missing
from roma_monitor.serve.i18n import localized, t
from roma_monitor.serve.viewmodel import Row, View, headed, in_words
from roma_monitor.serve.views import (
    COVERAGE,
    ROMA_COUNT,
    copy_label,
    file_copy,
    period,
    period_label,
    rejection,
)

# the page reads these here too (``v.text``, ``v.rejection``, ...)
__all__ = ["copy_label", "period_label", "rejection", "text"]

VERDICT_KEYS = {
    "loaded": "quality.verdict.accepted",
    "duplicate": "quality.verdict.duplicate",
    "rejected": "quality.verdict.rejected",
}
LEVEL = "quality.disclosure.level"


def verdict_label(status: Any, lang: str) -> str | None:
    return None if missing(status) else t(VERDICT_KEYS.get(status, "quality.verdict.none"), lang)


def freshness_label(row: Row, lang: str) -> str | None:
    status = row.get("freshness")
    if status == q.FRESHNESS_LATE:
        return t("quality.fresh.late", lang, days=format_number(row.get("days_late"), lang))
    if status in (q.FRESHNESS_ON_TIME, q.FRESHNESS_NEVER):
        return t(f"quality.fresh.{status}", lang)
    return None


def dataset_name(dataset: Any, lang: str) -> str | None:
    """A dataset's name in ``lang`` (``quality.dataset.<code>``); a registered dataset without
    one (a source added since) by its code; any other code marked as not in the registry."""
    code = text(dataset)
    try:
        return t(f"quality.dataset.{code}", lang)
    except KeyError:
        if code in CONTRACTS:
            return code
        return f"{code or ''} {t('quality.unknown_dataset', lang)}".strip()


def file_label(name: str, sha256: str) -> Any:
    """A file as the archive knows it: its name and the start of its content hash."""
    return lambda row, lang: (
        f"{text(row[name])} · {str(row[sha256])[:8]}" if text(row[sha256]) else text(row[name])
    )


def _dataset(row: Row, lang: str) -> str | None:
    return dataset_name(row["dataset"], lang)


def _report(row: Row, lang: str) -> str:
    kept = row["last_has_report"] is True
    return t("quality.report_available" if kept else "quality.report_none", lang)


def _quarter_ends(row: Row, lang: str) -> str:
    if row["scope"] == "latest":
        return format_as_of(row["period"], lang)
    return t("quality.disclosure.all", lang)


col = headed("quality.col")


DATASETS = View(
    col("measure", Kind.LABEL, in_words("sam", "measure_code")),
    col("agency", Kind.LABEL),
    col("dataset", Kind.LABEL, _dataset),
    col("dataset_code", Kind.CODE, "dataset"),
    col("frequency", Kind.LABEL, in_words("quality.frequency", "frequency")),
    col(
        "last_file",
        Kind.LABEL,
        lambda row, lang: copy_label(row["last_file"], row["last_copy"], lang),
    ),
    col("last_period", Kind.LABEL, period("last_period")),
    col("received_at", Kind.DATETIME, "last_received_at"),
    col("validation", Kind.LABEL, lambda row, lang: verdict_label(row["last_status"], lang)),
    col("checks_run", Kind.COUNT, "last_checks_run"),
    col("report", Kind.LABEL, _report),
    col("latest_period", Kind.LABEL, period("latest_period")),
    col("expected_period", Kind.LABEL, period("expected_period")),
    col("freshness", Kind.LABEL, freshness_label),
    col("days_late", Kind.COUNT),
    col("next_due", Kind.DATE),
    col("last_rows", Kind.COUNT, "last_loaded_rows"),
    col("total_rows", Kind.COUNT, "total_rows_loaded"),
    col("files_loaded", Kind.COUNT),
    col("files_rejected", Kind.COUNT),
)

# on screen: how fresh each dataset is, then what each received last (when: in the files)
FRESHNESS_ON_SCREEN = DATASETS.only("dataset", "latest_period", "freshness", "next_due")
RECEIVED_ON_SCREEN = DATASETS.only("dataset", "last_file", "validation", "total_rows")

# the rejected files: cards on screen, this table in the downloads
QUARANTINE = View(
    col("source", Kind.LABEL),
    col("dataset", Kind.LABEL, _dataset),
    col("dataset_code", Kind.CODE, "dataset"),
    col("file", Kind.LABEL, file_copy),
    col("last_period", Kind.LABEL, period("reporting_period")),
    col("received_at", Kind.DATETIME),
    col("rows", Kind.COUNT),
    col("checks_run", Kind.COUNT),
    col("rules", Kind.CODE),
    col("message", Kind.LABEL, rejection),
)

CORRECTIONS = View(
    col("measure", Kind.LABEL, in_words("sam", "measure_code")),
    col("dataset", Kind.LABEL, _dataset),
    col("dataset_code", Kind.CODE, "dataset"),
    col("period", Kind.LABEL, period("reporting_period")),
    col("revision", Kind.COUNT),
    col("received_at", Kind.DATETIME),
    col("previous_file", Kind.LABEL, file_label("previous_file", "previous_sha256")),
    col("previous_received_at", Kind.DATETIME),
    col("new_file", Kind.LABEL, file_label("file_name", "sha256")),
    col("rows_before", Kind.COUNT),
    col("rows_after", Kind.COUNT),
    col("rows_change", Kind.COUNT),
)

# on screen: the file that now counts; the superseded one and both row counts in the files
CORRECTIONS_ON_SCREEN = CORRECTIONS.only(
    "dataset", "period", "revision", "received_at", "new_file", "rows_change"
)

# the access audit: page views per day and role, and every download (pseudonyms not shown)
access = headed("quality.access")
ROLE = access("role", Kind.LABEL, in_words("quality.access_role", "role"))
ACCESS = View(
    access("day", Kind.DATE),
    ROLE,
    access("views", Kind.COUNT),
    access("downloads", Kind.COUNT),
    access("denied", Kind.COUNT),
    access("people", Kind.COUNT),
)
DOWNLOADS = View(
    access("at", Kind.DATETIME),
    ROLE,
    access("page", Kind.LABEL),
    access("file", Kind.LABEL),
)

# the latest ethnicity coverage per indicator, with its value and Roma count
COVERAGE = View(
    col("measure", Kind.LABEL, in_words("sam", "sam"), on="files"),  # the indicator's name says it
    col("indicator", Kind.LABEL, localized),
    col("month", Kind.MONTH, "period"),
    col("value", Kind.COUNT),
    ROMA_COUNT,
    COVERAGE,
)

# Roma cells published and withheld per geography level, at the latest quarter end and over
# all of them; the Ministry's internal snapshot also by rule and the rounding error
disclosure = headed("quality.disclosure.col")
DISCLOSURE = View(
    disclosure("level", Kind.LABEL, in_words(LEVEL, "geo_level")),
    disclosure("quarter_ends", Kind.LABEL, _quarter_ends),
    disclosure("cells", Kind.COUNT),
    disclosure("published", Kind.COUNT, "cells_published"),
    disclosure("withheld", Kind.COUNT, "cells_withheld"),
    disclosure("share_published", Kind.SHARE),
    disclosure("withheld_complement", Kind.COUNT, "cells_withheld_complement"),
    disclosure("withheld_audit", Kind.COUNT, "cells_withheld_audit"),
    disclosure("rounding_error_mean", Kind.NUMBER),
    disclosure("rounding_error_max", Kind.COUNT),
)
INTERNAL_ONLY = (
    "withheld_complement",
    "withheld_audit",
    "rounding_error_mean",
    "rounding_error_max",
)


def is_internal(utility: Any) -> bool:
    """The Ministry's internal snapshot splits the withheld cells by rule."""
    return bool(utility["cells_withheld_complement"].notna().any())


def disclosure_view(utility: Any) -> View:
    return DISCLOSURE if is_internal(utility) else DISCLOSURE.without(*INTERNAL_ONLY)
