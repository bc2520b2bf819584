"""Overview: every measure at a glance for the Ministry, and how recent each source's data are.

One row per headline indicator (every indicator with a target, and each measure's headline when
it has none): value, target, share of target, pace needed against the current pace, the
projection to the target date and the progress status, for the measure, area and month the
filters select. Below, the latest month per source and the last extract loaded.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting.
"""

from __future__ import annotations

import app_auth
import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_style import STATUS_STYLE, format_amount, markdown_cell, pace_decimals
from app_ui import COUNTRY_CODE, Filters, current_filters, current_lang

from roma_monitor.serve import queries as q
from roma_monitor.serve.exports import roma_columns
from roma_monitor.serve.formatting import (
    DISPLAY_TZ,
    MISSING,
    NBSP,
    format_as_of,
    format_count,
    format_date,
    format_datetime,
    format_month,
    format_percent,
    format_target,
    is_missing,
    to_date,
    to_datetime,
)
from roma_monitor.serve.i18n import frame_legends, load_status_label, progress_label, t, tn

# --- words for one row -----------------------------------------------------------------------


def status_key(row: pd.Series) -> str:
    """The progress class of a row, or ``no_target`` / ``unknown`` (a target, no status)."""
    if not bool(row["has_target"]):
        return "no_target"
    status = row["progress_status"]
    return status if status in STATUS_STYLE and not is_missing(status) else "unknown"


def status_label(row: pd.Series, lang: str) -> str:
    return progress_label(status_key(row), lang, row["target_date"], row["share_of_target"])


def measure_label(row: pd.Series, lang: str) -> str:
    if row["sam"] == "platform":
        return t("overview.platform", lang, agency=row["agency"])
    return f"{row['sam']} · {row['agency']}"


def indicator_label(row: pd.Series, lang: str) -> str:
    name = row.get(f"name_{lang}")
    return str(row["indicator_code"]) if is_missing(name) or not str(name).strip() else str(name)


# --- the table -------------------------------------------------------------------------------


def status_header(filters: Filters) -> str:
    return "overview.col.status_national" if filters.region is not None else "overview.col.status"


def overview_table(overview: pd.DataFrame, filters: Filters, lang: str) -> pd.DataFrame:
    """The rows as shown: translated headers, Latvian/English number formats. For an area the
    share of the national total replaces the share of target, and the national pace and
    projection are left out (they would read as the area's)."""
    regional = filters.region is not None
    rows = []
    for _, row in overview.iterrows():
        has_target = bool(row["has_target"])
        unit = row["unit"]
        shown = {
            t("overview.col.measure", lang): measure_label(row, lang),
            t("overview.col.indicator", lang): indicator_label(row, lang),
            t("overview.col.value", lang): format_amount(row["value"], unit, lang),
        }
        if regional:
            shown[t("overview.col.share_of_national", lang)] = format_percent(
                row["share_of_national"], lang
            )
        target = format_target(row["target"], row["target_operator"], lang)
        target += f"{NBSP}EUR" if unit == "EUR" and has_target else ""
        shown[t("overview.col.target", lang)] = target if has_target else MISSING
        if not regional:
            shown[t("overview.col.share_of_target", lang)] = (
                format_percent(row["share_of_target"], lang) if has_target else MISSING
            )
            for header, column in (
                ("overview.col.needed_pace", "needed_pace_per_month"),
                ("overview.col.current_pace", "current_pace_per_month"),
            ):
                shown[t(header, lang)] = format_amount(
                    row[column], unit, lang, pace_decimals(row[column])
                )
            shown[t("overview.col.projected", lang)] = format_amount(
                row["projected_value_at_target_date"], unit, lang
            )
        shown[t(status_header(filters), lang)] = status_label(row, lang)
        shown[t("overview.col.roma", lang)] = format_count(
            row["roma_value"], row["roma_value_suppressed"], lang, row["roma_value_is_rounded"]
        )
        shown[t("overview.col.coverage", lang)] = format_percent(row["ethnicity_coverage"], lang)
        rows.append(shown)
    return pd.DataFrame(rows)


def style_status(table: pd.DataFrame, keys: list[str], column: str):
    """Colour the status cells (Okabe-Ito); the label already says it in words."""

    def colours(cells: pd.Series) -> list[str]:
        styles = []
        for key in keys:
            background, text = STATUS_STYLE[key]
            styles.append(f"background-color: {background}; color: {text}; font-weight: 600")
        return styles if len(styles) == len(cells) else [""] * len(cells)

    return table.style.apply(colours, subset=[column]).hide(axis="index")


def render_table(overview: pd.DataFrame, filters: Filters, lang: str) -> pd.DataFrame:
    table = overview_table(overview, filters, lang)
    keys = [status_key(row) for _, row in overview.iterrows()]
    st.table(style_status(table.map(markdown_cell), keys, t(status_header(filters), lang)))
    return table


def render_notes(overview: pd.DataFrame, filters: Filters, lang: str, base: int) -> None:
    """Say what the figures are: which month, national targets, how pace and status work, and
    the legends of the Roma marks shown."""
    notes = []
    if filters.region is not None:
        notes.append(t("overview.region_note", lang))
    else:
        notes.append(t("overview.pace_note", lang))
    notes.append(
        t(
            "overview.legend",
            lang,
            **{name: t(f"progress.{name}", lang) for name in (*q.PROGRESS_STATUSES, "no_target")},
        )
    )
    if overview["roma_value_suppressed"].astype(bool).any() or overview["roma_value"].notna().any():
        notes.append(t("roma.lower_bound_table", lang))
    notes += frame_legends(overview, lang, base=base, period="value_period")
    for note in notes:
        st.caption(note)


def export_frame(overview: pd.DataFrame, filters: Filters, lang: str) -> pd.DataFrame:
    """The rows on screen with raw typed values (numbers, dates) for the downloads, plus the
    indicator and status codes."""
    regional = filters.region is not None
    rows = list(overview.iterrows())
    frame = {
        t("overview.col.measure", lang): [measure_label(r, lang) for _, r in rows],
        t("overview.col.code", lang): overview["indicator_code"],
        t("overview.col.indicator", lang): [indicator_label(r, lang) for _, r in rows],
        t("overview.col.area", lang): overview["geo_code"],
        t("overview.col.value_period", lang): [to_date(v) for v in overview["value_period"]],
        t("overview.col.value", lang): overview["value"],
    }
    if regional:
        frame[t("overview.col.share_of_national", lang)] = overview["share_of_national"]
    frame[t("overview.col.target", lang)] = overview["target"]
    if not regional:
        frame[t("overview.col.share_of_target", lang)] = overview["share_of_target"]
        frame[t("overview.col.needed_pace", lang)] = overview["needed_pace_per_month"]
        frame[t("overview.col.current_pace", lang)] = overview["current_pace_per_month"]
        frame[t("overview.col.projected", lang)] = overview["projected_value_at_target_date"]
    frame[t(status_header(filters), lang)] = [status_label(r, lang) for _, r in rows]
    frame[t("overview.col.status_code", lang)] = [status_key(r) for _, r in rows]
    frame |= roma_columns(overview, lang, header=t("overview.col.roma", lang))
    frame[t("overview.col.coverage", lang)] = overview["ethnicity_coverage"]
    return pd.DataFrame(frame)


# --- sources ---------------------------------------------------------------------------------


def load_period_label(period: object, lang: str) -> str:
    """``2022-12`` as a month; quarters and years (``2022-Q4``, ``2022``) as they are."""
    if is_missing(period):
        return MISSING
    text = str(period)
    return format_month(text, lang) if len(text) == 7 and text[5:].isdigit() else text


def unaccepted_sentences(unaccepted: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """One plain sentence per source with extracts not accepted: how many, when the last was
    received, and the date its published figures are as of. The rules that failed are for
    the data-quality page, not for the council."""
    agency = dict(zip(sources["source"], sources["agency"], strict=True))
    latest = dict(zip(sources["source"], sources["latest_period"], strict=True))
    sentences = []
    for row in unaccepted.itertuples(index=False):
        as_of = latest.get(row.source)
        figures = (
            t("loads.no_figures", lang)
            if is_missing(as_of)
            else t("loads.figures_as_of", lang, date=format_as_of(as_of, lang))
        )
        received = to_datetime(row.last_received_at)
        sentences.append(
            tn(
                "loads.unaccepted",
                int(row.files_rejected),
                lang,
                source=agency.get(row.source) or str(row.source).upper(),
                received=format_date(received.astimezone(DISPLAY_TZ) if received else None, lang),
                figures=figures,
            )
        )
    return sentences


def render_unaccepted(unaccepted: pd.DataFrame, sources: pd.DataFrame, lang: str) -> None:
    """The sentences of ``unaccepted_sentences`` in one alert, with a link to the quality page
    for the roles that see it."""
    sentences = unaccepted_sentences(unaccepted, sources, lang)
    if not sentences:
        return
    st.warning("\n\n".join(sentences), icon=":material/block:")
    if "quality" in app_auth.current_access().pages:
        st.page_link(
            "app_pages/quality.py",
            label=t("loads.unaccepted_details", lang),
            icon=":material/fact_check:",
        )


def render_sources(sources: pd.DataFrame, unaccepted: pd.DataFrame, lang: str) -> None:
    """Per source: its latest published month and its last extract; extracts not accepted
    are said in plain words above."""
    st.subheader(t("overview.sources_header", lang))
    if sources.empty:
        st.info(t("loads.none", lang))
        return
    render_unaccepted(unaccepted, sources, lang)
    table = pd.DataFrame(
        {
            t("overview.col.source", lang): sources["agency"],
            t("overview.col.latest_period", lang): [
                format_month(v, lang) for v in sources["latest_period"]
            ],
            t("overview.col.load_file", lang): sources["load_file_name"].fillna(MISSING),
            t("overview.col.load_period", lang): [
                load_period_label(v, lang) for v in sources["load_reporting_period"]
            ],
            t("overview.col.load_status", lang): [
                MISSING if is_missing(v) else load_status_label(v, lang)
                for v in sources["load_status"]
            ],
            t("overview.col.load_finished", lang): [
                format_datetime(v, lang) for v in sources["load_finished_at"]
            ],
        }
    )
    st.table(table.map(markdown_cell), hide_index=True)
    st.caption(t("overview.source_latest_help", lang))


def sources_export(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    finished = [
        None if is_missing(v) else pd.Timestamp(v).to_pydatetime()
        for v in sources["load_finished_at"]
    ]
    return pd.DataFrame(
        {
            t("overview.col.source", lang): sources["agency"],
            t("overview.col.latest_period", lang): [to_date(v) for v in sources["latest_period"]],
            t("overview.col.load_file", lang): sources["load_file_name"],
            t("overview.col.load_status", lang): [
                load_status_label(s, lang) if not is_missing(s) else None
                for s in sources["load_status"]
            ],
            t("overview.col.load_period", lang): sources["load_reporting_period"],
            t("overview.col.load_finished", lang): finished,
        }
    )


def render_publication(ind_path: str | None, ops_path: str | None, lang: str) -> None:
    fresh = app_data.fetch_both(ind_path, ops_path, "freshness")
    if fresh.indicators_version:
        st.caption(
            t(
                "overview.published",
                lang,
                when=format_datetime(fresh.indicators_published_at, lang),
                version=fresh.indicators_version,
            )
        )


# --- page ------------------------------------------------------------------------------------


def area_name(ind_path: str, filters: Filters, lang: str) -> str:
    geography = app_data.fetch(ind_path, "list_geography")
    match = geography[geography["geo_code"] == filters.geo_code]
    if match.empty:
        return filters.geo_code
    name = match.iloc[0][f"geo_name_{lang}"]
    return filters.geo_code if is_missing(name) else str(name)


def file_stem(filters: Filters) -> str:
    month = f"{filters.period:%Y-%m}" if filters.period else "latest"
    return f"overview_{filters.measure or 'all'}_{filters.geo_code or COUNTRY_CODE}_{month}"


def main() -> None:
    lang = current_lang()
    filters = current_filters()
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))

    ind_path = app_data.snapshot_path("indicators")
    ops_path = app_data.snapshot_path("operations")
    if ind_path is None:
        st.info(t("empty.no_data", lang), icon=":material/info:")
        if ops_path is not None:
            sources = app_data.fetch_both(None, ops_path, "source_freshness")
            render_sources(sources, app_data.fetch(ops_path, "unaccepted_extracts"), lang)
        return

    st.header(t("overview.header", lang))
    st.caption(
        t(
            "overview.as_of",
            lang,
            month=format_month(filters.period, lang),
            area=area_name(ind_path, filters, lang),
        )
    )
    overview = app_data.fetch(
        ind_path, "measure_overview", filters.period, filters.geo_code, filters.measure
    )
    tables: dict[str, pd.DataFrame] = {}
    if overview.empty:
        st.info(t("overview.empty", lang))
    else:
        render_table(overview, filters, lang)
        render_notes(overview, filters, lang, app_data.rounding_base(ind_path))
        tables[t("overview.sheet", lang)] = export_frame(overview, filters, lang)

    sources = app_data.fetch_both(ind_path, ops_path, "source_freshness")
    render_sources(sources, app_data.fetch(ops_path, "unaccepted_extracts"), lang)
    render_publication(ind_path, ops_path, lang)
    if not sources.empty:
        tables[t("overview.sheet_sources", lang)] = sources_export(sources, lang)
    shares = [
        t(k, lang)
        for k in (
            "overview.col.share_of_target",
            "overview.col.share_of_national",
            "overview.col.coverage",
        )
    ]
    app_exports.render_downloads(tables, lang, file_stem(filters), share_columns=shares)


main()
