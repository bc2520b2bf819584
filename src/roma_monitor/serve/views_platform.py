"""The platform page's tables, each declared once (``viewmodel.View``): workshops, participants
by type, mediators by area, the recommendations' status, national ones and history. Names are
the page's language's (else the code), a status is its icon and name."""

from __future__ import annotations

from typing import Any

from roma_monitor.serve.formatting import Kind, is_missing, to_date
from roma_monitor.serve.i18n import localized, t
from roma_monitor.serve.viewmodel import Field, Row, View

STATUS_ICONS = {
    "istenots": "✓",
    "uzsakts": "◐",
    "planots": "○",
    "nav_uzsakts": "✗",
    "nav_attiecinams": "—",
}


def name(field: str, code: str) -> Any:
    """A row's ``<field>_<lang>``, else its ``code``."""
    return lambda row, lang: localized(row, lang, field, code)


def status_text(code: Any, name: Any) -> str:
    """A status as the tracker shows it: its icon and name; empty when there is none."""
    if is_missing(code):
        return ""
    icon = STATUS_ICONS.get(str(code))
    return f"{icon} {name}" if icon else str(name)


def status(prefix: str = "") -> Any:
    return lambda row, lang: status_text(row[f"{prefix}status"], row[f"{prefix}status_name_{lang}"])


def municipality(row: Row, lang: str) -> str:
    """The recommendation's municipality, or the country for a national one."""
    if is_missing(row.get("municipality_atvk_2021")):
        return t("platform.recs.country", lang)
    return localized(row, lang, "municipality_name", "municipality_atvk_2021")


def _date(column: str) -> Any:
    return lambda row, lang: to_date(row.get(column))


def col(key: str, kind: Kind, source: Any = None) -> Field:
    """A column under the UI string ``platform.col.<key>``."""
    return Field(key, f"platform.col.{key}", kind, source)


WORKSHOPS = View(
    col("date", Kind.DATE, _date("workshop_date")),
    col("city", Kind.LABEL),
    col("topic", Kind.LABEL, name("topic", "topic")),
    col("venue", Kind.LABEL, name("venue_name", "venue_atvk_2021")),
    col("region", Kind.LABEL, name("planning_region_name", "planning_region_code")),
    col("participants", Kind.COUNT, "participants_total"),
    col("represented", Kind.COUNT, "municipalities_represented_2021_count"),
)

TYPES = View(
    col("type", Kind.LABEL, lambda row, lang: t(f"platform.type.{row['participant_type']}", lang)),
    col("participants", Kind.COUNT),
)

MEDIATORS = View(
    col("area", Kind.LABEL, name("geo_name", "geo_code")),
    col("mediators", Kind.COUNT, "value"),
)

# the tracker's status at the period, one row per recommendation and municipality (the files)
STATUS = View(
    col("code", Kind.CODE, "recommendation_code"),
    col("municipality", Kind.LABEL, municipality),
    col("status", Kind.LABEL, lambda row, lang: row[f"status_name_{lang}"]),
    col("counts_as_addressed", Kind.FLAG),
    col("status_date", Kind.DATE, _date("status_date")),
)

# the national recommendations (no municipality): short title, code, status and its date
NATIONAL = View(
    col("recommendation", Kind.LABEL, name("theme", "recommendation_code")),
    col("code", Kind.CODE, "recommendation_code"),
    col("status", Kind.LABEL, status()),
    col("status_date", Kind.DATE, _date("status_date")),
)

HISTORY = View(
    col("date", Kind.DATE, _date("status_date")),
    col("code", Kind.CODE, "recommendation_code"),
    col("municipality", Kind.LABEL, municipality),
    col(
        "previous",
        Kind.LABEL,
        lambda row, lang: status("previous_")(row, lang) or t("platform.recs.first", lang),
    ),
    col("new", Kind.LABEL, status()),
    col("note", Kind.LABEL, lambda row, lang: "" if is_missing(row.get("note")) else row["note"]),
)

TEXTS = View(
    col("code", Kind.CODE, "recommendation_code"),
    col("recommendation", Kind.LABEL, name("text", "recommendation_code")),
)
