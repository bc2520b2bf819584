"""The platform page's tables, each declared once (``viewmodel.View``): workshops, participants
by type, mediators by area, the recommendations' status (the files' rows and the status matrix),
national ones and history. Names are the page's language's (else the code), a status is its
icon and name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from roma_monitor.serve.formatting import Kind, is_missing
from roma_monitor.serve.i18n import localized, t
from roma_monitor.serve.viewmodel import Column, Field, Row, View, day, headed, in_words, named

STATUS_ICONS = {
    "istenots": "✓",
    "uzsakts": "◐",
    "planots": "☐",
    "nav_uzsakts": "✗",
    "nav_attiecinams": "—",
}


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


col = headed("platform.col")


# the headline figures (queries.platform_figures), shown as metrics
FIGURES = View(
    *(
        Field(key, f"platform.metric.{key}", Kind.COUNT)
        for key in (
            "workshops",
            "participants",
            "municipalities",
            "mediators",
            "tracked",
            "addressed",
        )
    ),
    Field("addressed_share", "platform.metric.addressed_share", Kind.SHARE),
)

WORKSHOPS = View(
    col("date", Kind.DATE, day("workshop_date")),
    col("city", Kind.LABEL),
    col("topic", Kind.LABEL, named("topic", "topic")),
    col("venue", Kind.LABEL, named("venue_name", "venue_atvk_2021")),
    col("region", Kind.LABEL, named("planning_region_name", "planning_region_code")),
    col("participants", Kind.COUNT, "participants_total"),
    col("represented", Kind.COUNT, "municipalities_represented_2021_count"),
)

TYPES = View(
    col("type", Kind.LABEL, in_words("platform.type", "participant_type")),
    col("participants", Kind.COUNT),
)

MEDIATORS = View(
    col("area", Kind.LABEL, named("geo_name", "geo_code")),
    col("mediators", Kind.COUNT, "value"),
)

# the mediators' monthly series (queries.indicator_series_by_area), the chart's data
SERIES = View(
    col("month", Kind.MONTH, "period"),
    col("area", Kind.LABEL, named("geo_name", "geo_code")),
    col("mediators", Kind.COUNT, "value"),
)

# the tracker's status at the period, one row per recommendation and municipality (the files)
STATUS = View(
    col("code", Kind.CODE, "recommendation_code"),
    col("municipality", Kind.LABEL, municipality),
    col("status", Kind.LABEL, lambda row, lang: row[f"status_name_{lang}"]),
    col("counts_as_addressed", Kind.FLAG),
    col("status_date", Kind.DATE, day("status_date")),
)

# the national recommendations (no municipality): short title, code, status and its date
NATIONAL = View(
    col("recommendation", Kind.LABEL, named("theme", "recommendation_code")),
    col("code", Kind.CODE, "recommendation_code"),
    col("status", Kind.LABEL, status()),
    col("status_date", Kind.DATE, day("status_date")),
)

HISTORY = View(
    col("date", Kind.DATE, day("status_date")),
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
    col("recommendation", Kind.LABEL, named("text", "recommendation_code")),
)


@dataclass(frozen=True)
class Coded(Field):
    """A column headed by a code from the data (a recommendation's), not by a UI string."""

    def columns(self, rows: list[Row], lang: str, screen: bool) -> list[Column]:
        values = tuple(self.value(row, lang) for row in rows)
        return [Column(self.header, self.kind, values, key=self.key)]


def matrix(frame: pd.DataFrame) -> View:
    """The status matrix of ``queries.recommendation_matrix``: the municipality, its counts,
    then a column per recommendation (its code; the cell its status there)."""
    codes = [c.removesuffix("_status") for c in frame.columns if c.endswith("_status")]
    return View(
        col("municipality", Kind.LABEL, municipality),
        col("addressed", Kind.COUNT),
        col("tracked", Kind.COUNT),
        *(Coded(code, code, Kind.LABEL, status(f"{code}_")) for code in codes),
    )
