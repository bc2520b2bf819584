"""Data quality: per source and dataset, the last extract, its freshness, rows, validation
result and report; quarantined files; corrected periods (resent extracts); ethnicity coverage
over time. For the data engineers.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting. The report a
user opens is kept in the URL (``?report=<load_id>``), so it can be shared as a link.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import altair as alt
import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_style import literal, series_style, tooltip
from app_ui import _write_to_url, bold, captions, grid, start_page, url_widget

from roma_monitor.serve import views_quality as v
from roma_monitor.serve.formatting import (
    DISPLAY_TZ,
    MISSING,
    format_as_of,
    format_datetime,
    format_month,
    format_number,
    format_percent,
)
from roma_monitor.serve.i18n import sam_label, t
from roma_monitor.serve.viewmodel import View, ViewTable

REPORT_KEY = "report"  # widget key and URL parameter
NO_REPORT = ""
# Okabe-Ito, one per measure in the report's order; lines also differ by dash (never colour
# alone).
MEASURE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"]
MEASURE_DASHES = [[1, 0], [6, 4], [2, 2], [8, 3, 2, 3], [1, 3], [4, 1]]


# --- sections ----------------------------------------------------------------------------------


def choose_as_of(lang: str) -> date:
    today = datetime.now(DISPLAY_TZ).date()
    chosen = st.date_input(
        t("quality.as_of", lang),
        value=today,
        format="DD.MM.YYYY" if lang == "lv" else "YYYY-MM-DD",
        help=t("quality.as_of_help", lang),
        key="quality_as_of",
    )
    return chosen if isinstance(chosen, date) else today


SUMMARY_KEYS = {  # quality_summary's columns: their labels
    "on_time": "quality.summary_on_time",
    "late": "quality.summary_late",
    "never": "quality.summary_never",
    "rejected": "quality.summary_rejected",
    "corrections": "quality.corrections_count",
}


def render_summary(summary: pd.DataFrame, lang: str) -> None:
    row = summary.iloc[0]
    for col, (name, key) in zip(st.columns(len(SUMMARY_KEYS)), SUMMARY_KEYS.items(), strict=True):
        col.metric(t(key, lang), format_number(row[name], lang))


def show(view: View, frame: pd.DataFrame, lang: str, *on_screen: View) -> ViewTable:
    """The view's table on screen (or the narrower ``on_screen`` views' tables, one after the
    other); returns the view's table the downloads write."""
    for shown in on_screen or (view,):
        grid(shown.table(frame, lang, screen=True), lang)
    return view.table(frame, lang)


def render_datasets(datasets: pd.DataFrame, lang: str) -> ViewTable:
    st.subheader(t("quality.datasets_header", lang))
    st.caption(t("quality.datasets_caption", lang))
    table = show(v.DATASETS, datasets, lang, v.FRESHNESS_ON_SCREEN, v.RECEIVED_ON_SCREEN)
    with st.expander(t("quality.rule_header", lang), icon=":material/schedule:"):
        st.markdown(t("quality.rule", lang))
    return table


def report_link_params(load_id: str) -> dict[str, str]:
    """The current URL (language, filters) plus the report to open."""
    params = {key: st.query_params.get(key) for key in st.query_params}
    return {**params, REPORT_KEY: str(load_id)}


def render_quarantine(quarantine: pd.DataFrame, lang: str) -> ViewTable | None:
    st.subheader(t("quality.quarantine_header", lang))
    if quarantine.empty:
        st.success(t("quality.quarantine_none", lang), icon=":material/check_circle:")
        return None
    st.caption(t("quality.quarantine_caption", lang))
    for row in quarantine.to_dict("records"):
        with st.container(border=True):
            st.markdown(
                ":material/block: "
                + t(
                    "quality.quarantine_item",
                    lang,
                    file=v.copy_label(row["file_name"], row["copy"], lang),
                    source=(v.text(row["source"]) or MISSING).upper(),
                    period=v.period_label(row["reporting_period"], lang) or MISSING,
                    when=format_datetime(row["received_at"], lang),
                )
            )
            if row["rules"]:
                rules = ", ".join(f"`{rule}`" for rule in row["rules"].split(", "))
                st.markdown(t("quality.quarantine_rules", lang, rules=rules))
                st.caption(literal(v.rejection(row, lang)))
            else:
                st.markdown(t("quality.quarantine_message", lang, message=literal(row["message"])))
            if row["has_report"]:
                st.page_link(
                    "app_pages/quality.py",
                    label=t("quality.open_report", lang),
                    icon=":material/description:",
                    query_params=report_link_params(row["load_id"]),
                )
    return v.QUARANTINE.table(quarantine, lang)


def render_corrections(corrected: pd.DataFrame, lang: str) -> ViewTable | None:
    st.subheader(t("quality.corrections_header", lang))
    if corrected.empty:
        st.info(t("quality.corrections_none", lang), icon=":material/info:")
        return None
    st.caption(t("quality.corrections_caption", lang))
    return show(v.CORRECTIONS, corrected, lang, v.CORRECTIONS_ON_SCREEN)


def render_access(lang: str) -> ViewTable | None:
    """Who used the dashboard (keyed pseudonyms, never names): the last 30 days by day and
    role, and every download."""
    summary = app_data.access_summary(days=30)
    if summary is None:
        return None
    st.subheader(t("quality.access_header", lang))
    st.caption(t("quality.access_caption", lang))
    daily, downloads = summary
    if daily.empty:
        st.info(t("quality.access_none", lang), icon=":material/info:")
        return None
    table = show(v.ACCESS, daily, lang)
    if not downloads.empty:
        st.caption(t("quality.access_downloads", lang))
        show(v.DOWNLOADS, downloads, lang)
    return table


def render_reports(reports: pd.DataFrame, ops_path: str, lang: str) -> None:
    """A URL-kept picker of the loads whose report is kept, and the chosen report."""
    st.subheader(t("quality.reports_header", lang))
    requested = st.query_params.get(REPORT_KEY)
    options = [NO_REPORT, *reports["load_id"]]
    if requested and requested not in options:
        st.warning(t("quality.report_missing", lang, load_id=requested), icon=":material/warning:")
    if reports.empty:
        st.info(t("quality.report_none_kept", lang))
        _write_to_url(REPORT_KEY, NO_REPORT, NO_REPORT)
        return
    st.caption(t("quality.reports_caption", lang))
    labels = {
        row.load_id: t(
            "quality.report_label",
            lang,
            file=v.copy_label(row.file_name, row.copy, lang),
            status=v.verdict_label(row.status, lang),
            received=format_datetime(row.received_at, lang),
        )
        for row in reports.itertuples(index=False)
    }
    labels[NO_REPORT] = t("quality.report_pick_none", lang)
    pick = t("quality.report_pick", lang)
    chosen = url_widget(st.selectbox, REPORT_KEY, options, NO_REPORT, pick, format_func=labels.get)
    if chosen == NO_REPORT:
        return
    report = app_data.fetch(ops_path, "validation_report", chosen, lang)
    if report is None:
        st.warning(t("quality.report_missing", lang, load_id=chosen))
        return
    with st.expander(
        t("quality.report_title", lang, file=report.file_name),
        expanded=True,
        icon=":material/description:",
    ):
        if report.language != lang:  # kept in English only (a load from before)
            st.caption(t("quality.report_in_english", lang))
        st.markdown(demote_headings(report.markdown))


def demote_headings(markdown: str) -> str:
    """The report's ``# Validation report`` is a page-level heading; inside the section it
    becomes a minor one."""
    return re.sub(r"^(#{1,3}) ", r"\1### ", markdown, flags=re.MULTILINE)


def coverage_chart(headline: pd.DataFrame, lang: str) -> alt.Chart:
    """One line per measure, coloured (Okabe-Ito) and dashed, so it reads without colour."""
    measures = list(dict.fromkeys(headline["series"]))
    colours = (MEASURE_COLOURS * 2)[: len(measures)]
    dashes = (MEASURE_DASHES * 2)[: len(measures)]
    percent = " + ' %'" if lang == "lv" else " + '%'"
    return (
        alt.Chart(headline)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X(
                "period:T",
                title=t("quality.col.month", lang),
                axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0),
            ),
            y=alt.Y(
                "ethnicity_coverage:Q",
                title=t("quality.coverage_axis", lang),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr=f"round(datum.value * 100){percent}"),
            ),
            **series_style(measures, colours, dashes, t("quality.coverage_series", lang)),
            tooltip=tooltip(
                ("series:N", t("quality.coverage_series", lang)),
                ("month:N", t("quality.col.month", lang)),
                ("shown:N", t("quality.coverage_axis", lang)),
            ),
        )
        .properties(height=320)
    )


def render_coverage(coverage: pd.DataFrame, lang: str, base: int) -> ViewTable | None:
    st.subheader(t("quality.coverage_header", lang))
    if coverage.empty:
        st.info(t("quality.coverage_none", lang))
        return None
    st.caption(t("quality.coverage_caption", lang))
    headline = coverage[coverage["is_headline"] & coverage["ethnicity_coverage"].notna()].copy()
    headline["series"] = [
        f"{sam_label(sam, lang)} · {str(source).upper()}"
        for sam, source in zip(headline["sam"], headline["source"], strict=True)
    ]
    headline["month"] = [format_month(p, lang) for p in headline["period"]]
    headline["shown"] = [format_percent(x, lang) for x in headline["ethnicity_coverage"]]
    last_month = format_month(coverage["period"].max(), lang)
    if not headline.empty:
        st.altair_chart(
            coverage_chart(headline, lang),
            width="stretch",
            alt=t(
                "quality.coverage_chart_alt",
                lang,
                month=last_month,
                measures=", ".join(dict.fromkeys(headline["series"])),
            ),
        )
    latest = coverage[coverage["is_latest"]]
    bold(t("quality.coverage_latest", lang, month=last_month))
    table = show(v.COVERAGE, latest, lang)
    st.caption(t("roma.lower_bound_table", lang))
    captions(v.COVERAGE.legends(latest, lang, base))
    return table


def render_disclosure(utility: pd.DataFrame, lang: str, base: int) -> ViewTable | None:
    """What disclosure control withheld, and why: per geography level, the share of Roma cells
    published at the latest quarter end and over every quarter end (country and regions apart);
    from the Ministry's internal snapshot also the withheld cells by rule and the rounding
    error."""
    st.subheader(t("quality.disclosure_header", lang))
    if utility.empty:
        st.info(t("quality.disclosure_none", lang))
        return None
    latest = utility[utility["scope"] == "latest"]
    quarter_end = format_as_of(latest["period"].dropna().max(), lang)
    st.caption(t("quality.disclosure_caption", lang, date=quarter_end))
    if not latest.empty:
        bold(t("quality.disclosure.latest", lang, date=quarter_end))
    for col, row in zip(st.columns(len(latest) or 1), latest.itertuples(), strict=False):
        col.metric(
            t(f"{v.LEVEL}.{row.geo_level}", lang),
            format_percent(row.share_published, lang),
            help=t(
                "quality.disclosure.metric_help",
                lang,
                published=format_number(row.cells_published, lang),
                cells=format_number(row.cells, lang),
            ),
        )
    table = show(v.disclosure_view(utility), utility, lang)
    st.caption(t("quality.disclosure_rules", lang, base=base))
    if v.is_internal(utility):
        st.caption(t("quality.disclosure_internal", lang))
    return table


def main() -> None:
    page = start_page("quality.title", "quality.intro", needs_indicators=False)
    lang, filters, ind_path, ops_path = page.lang, page.filters, page.path, page.ops_path
    if ind_path is None and ops_path is None:
        page.no_data()
        return

    if filters.measure is not None:
        st.caption(t("quality.measure_filter", lang, measure=sam_label(filters.measure, lang)))
    tables: dict[str, ViewTable | None] = {}
    as_of = choose_as_of(lang)

    if ops_path is None:
        st.info(t("loads.none", lang))
    else:
        datasets = app_data.fetch(ops_path, "dataset_quality", as_of, filters.measure)
        quarantine = app_data.fetch(ops_path, "quarantined_loads", filters.measure)
        corrected = app_data.fetch(ops_path, "corrections", filters.measure)
        render_summary(app_data.fetch(ops_path, "quality_summary", as_of, filters.measure), lang)
        tables["datasets"] = render_datasets(datasets, lang)
        reports = app_data.fetch(ops_path, "validation_reports", filters.measure)
        render_reports(reports, ops_path, lang)
        tables["quarantine"] = render_quarantine(quarantine, lang)
        tables["corrections"] = render_corrections(corrected, lang)

    if ind_path is not None:
        coverage = page.fetch("ethnicity_coverage", filters.measure, filters.period)
        tables["coverage"] = render_coverage(coverage, lang, page.base)
        utility = page.fetch("disclosure_utility", filters.measure)
        tables["disclosure"] = render_disclosure(utility, lang, page.base)

    tables["access"] = render_access(lang)
    stem = f"quality_{filters.measure or 'all'}_{as_of:%Y-%m-%d}"
    sheets = {t(f"quality.sheet.{key}", lang): table for key, table in tables.items()}
    app_exports.render_downloads(sheets, lang, stem)  # it leaves out the sections without a table


main()
