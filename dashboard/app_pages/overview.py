"""Overview: every measure at a glance for the Ministry, and how recent each source's data are.

One row per headline indicator (every indicator with a target, and each measure's headline when
it has none): value, target, share of target, pace needed against the current pace, the
projection to the target date and the progress status, for the measure, area and month the
filters select. Below, the latest month per source and the last extract loaded.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, tables from the views of roma_monitor.serve.views.
"""

from __future__ import annotations

import app_auth
import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_style import STATUS_STYLE, markdown_cell
from app_ui import Page, captions, start_page

from roma_monitor.serve.formatting import (
    DISPLAY_TZ,
    format_as_of,
    format_date,
    format_datetime,
    format_month,
    is_missing,
    to_datetime,
)
from roma_monitor.serve.i18n import t, tn
from roma_monitor.serve.viewmodel import ViewTable
from roma_monitor.serve.views import (
    SOURCES,
    missing_legend,
    overview_view,
    status_key,
    status_legend,
    target_legend,
)

# --- the table -------------------------------------------------------------------------------

COMPACT = [{"selector": "th, td", "props": "font-size: 0.75rem; padding: 0.25rem 0.2rem;"}]


def style_status(table: pd.DataFrame, keys: list[str], column: str):
    """Colour the status cells (Okabe-Ito); the label already says it in words."""

    def colours(cells: pd.Series) -> list[str]:
        styles = []
        for key in keys:
            background, text = STATUS_STYLE[key]
            styles.append(f"background-color: {background}; color: {text}; font-weight: 600")
        return styles if len(styles) == len(cells) else [""] * len(cells)

    return (
        table.style.apply(colours, subset=[column])
        .hide(axis="index")
        .set_table_styles(COMPACT)  # eleven columns fit a 1280 px wide window
    )


def render_table(overview: pd.DataFrame, page: Page) -> ViewTable:
    """The rows as shown (``views.overview_view``), the status cells in their colours, and
    notes that say what the figures are: which month, national targets, how pace and status
    work, and the legends of the Roma marks shown; returns the table as exported."""
    lang, by_area = page.lang, page.filters.region is not None
    view = overview_view(by_area)
    screen = view.table(overview, lang, screen=True)
    keys = [status_key(row) for row in overview.to_dict("records")]
    table = screen.screen_frame(lang).map(markdown_cell)
    st.table(style_status(table, keys, screen.column("status").header))
    notes = [t("overview.region_note" if by_area else "overview.pace_note", lang)]
    notes.append(status_legend(lang))
    if overview["roma_value_suppressed"].astype(bool).any() or overview["roma_value"].notna().any():
        notes.append(t("roma.lower_bound_table", lang))
    notes += view.legends(overview, lang, page.base, period="value_period")
    notes += target_legend(overview, lang)
    # "–" in the Roma columns: a source that does not record ethnicity
    notes += missing_legend(screen, lang, "roma", "coverage")
    captions(notes)
    return view.table(overview, lang)


# --- sources ---------------------------------------------------------------------------------


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
    st.table(SOURCES.screen(sources, lang).map(markdown_cell), hide_index=True)
    st.caption(t("overview.source_latest_help", lang))


def render_publication(ind_path: str | None, ops_path: str | None, lang: str) -> None:
    fresh = app_data.fetch_both(ind_path, ops_path, "freshness")
    if version := fresh.indicators_version:
        when = format_datetime(fresh.indicators_published_at, lang)
        st.caption(t("overview.published", lang, when=when, version=version))


# --- page ------------------------------------------------------------------------------------


def main() -> None:
    page = start_page("app.title", "app.tagline", needs_indicators=False)
    lang, filters, ops_path = page.lang, page.filters, page.ops_path
    if page.path is None:
        page.no_data()
        if ops_path is not None:
            sources = app_data.fetch_both(None, ops_path, "source_freshness")
            render_sources(sources, app_data.fetch(ops_path, "unaccepted_extracts"), lang)
        return

    st.header(t("overview.header", lang))
    st.caption(t("overview.as_of", lang, month=format_month(filters.period, lang), area=page.area))
    overview = page.fetch("measure_overview", filters.period, filters.geo_code, filters.measure)
    tables: dict[str, ViewTable] = {}
    if overview.empty:
        st.info(t("overview.empty", lang))
    else:
        tables[t("overview.sheet", lang)] = render_table(overview, page)

    sources = app_data.fetch_both(page.path, ops_path, "source_freshness")
    render_sources(sources, app_data.fetch(ops_path, "unaccepted_extracts"), lang)
    render_publication(page.path, ops_path, lang)
    if not sources.empty:
        tables[t("overview.sheet_sources", lang)] = SOURCES.table(sources, lang)
    stem = f"overview_{filters.measure or 'all'}_{filters.geo_code}_{page.month}"
    app_exports.render_downloads(tables, lang, stem)


main()
