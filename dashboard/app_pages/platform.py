"""Platform: the Ministry of Culture's own work — regional workshops (timeline, map, who took
part), Roma mediators, and the recommendations tracker (status by municipality, history).

Everything is shown as of the period filter's month end, for the region filter's area.
UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import app_data
import app_exports
import app_maps
import app_ui
import pandas as pd
import streamlit as st
from app_style import REGION_LEGEND, chart_spec, localised, tooltip
from app_ui import Page, bold, start_page

from roma_monitor.serve import queries as q
from roma_monitor.serve import views_platform as v
from roma_monitor.serve.formatting import (
    MISSING,
    format_as_of,
    format_month,
    format_number,
)
from roma_monitor.serve.i18n import localized, t, tn
from roma_monitor.serve.viewmodel import ViewTable

# Okabe-Ito colours, one per planning region in the conventional order; charts pair them with
# a shape or a label so the region is never told by colour alone.
REGION_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00")
REGION_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross")
BAR_COLOUR = "#0072B2"
MAP_KEY = "platform_map"
YEAR_AXIS = alt.Axis(format="%Y", labelAngle=0, tickCount="year")  # one label per year
# Screen widths (px) of the columns by view key, so the wide tables fit the page at a 1280 px
# window without scrolling sideways (a long text is cut with "…" in its cell, never a column; a
# date fits in English words; the grid widens them to fill a wider page). No column gets
# narrower than ~73 px, the grid's least: the status matrix (municipality, its two counts, nine
# recommendations) is ~930 px wide, so at 1280 px its last columns scroll, the municipality
# pinned. A recommendation's cell shows its icon (the legend under the grid names the icons)
# and the start of its name.
WIDTHS = {
    "date": 105,
    "status_date": 105,
    "city": 75,
    "topic": 140,
    "venue": 90,
    "region": 100,
    "participants": 75,
    "represented": 80,
    "code": 75,
    "municipality": 120,
    "addressed": 75,
    "tracked": 75,
    "previous": 110,
    "new": 110,
    "note": 150,
}
STATUS_WIDTH = 75
WORKSHOPS, MEDIATORS = "KM_WORKSHOPS", "KM_MEDIATORS"
HELPS = {
    "municipalities": "platform.metric.municipalities_help",
    "tracked": "platform.metric.tracked_help",
}


def show(
    table: ViewTable, lang: str, container: Any = st, config: dict[str, Any] | None = None
) -> None:
    """A view's grid (``app_maps.show_view``) with the page's column widths."""
    sized = {
        c.header: st.column_config.Column(width=WIDTHS[c.key])
        for c in table.columns
        if c.key in WIDTHS
    }
    app_ui.grid(table, lang, container, sized | (config or {}))


def show_figures(figures: pd.DataFrame, lang: str, *keys: str) -> ViewTable:
    """The headline figures ``keys`` of the area at the period side by side, with their help."""
    cells = v.FIGURES.only(*keys).table(figures, lang, screen=True)
    app_ui.show_metrics(cells, lang, {key: t(text, lang) for key, text in HELPS.items()})
    return cells


def region_scale(
    lang: str, geography: pd.DataFrame, shown: pd.Series
) -> tuple[list[str], alt.Scale, alt.Scale]:
    """The names of the planning regions in ``shown``, in the conventional order, with their
    colours and shapes (each region keeps its own whichever others are filtered out)."""
    regions = geography[geography["geo_level"] == q.PLANNING_REGION]
    names = {
        row["geo_code"]: localized(row, lang, "geo_name", "geo_code")
        for row in regions.to_dict("records")
    }
    present = set(shown)
    kept = [
        (names.get(code, code), colour, shape)
        for code, colour, shape in zip(
            q.PLANNING_REGION_ORDER, REGION_COLOURS, REGION_SHAPES, strict=True
        )
        if names.get(code, code) in present
    ]
    domain = [name for name, _, _ in kept]
    return (
        domain,
        alt.Scale(domain=domain, range=[colour for _, colour, _ in kept]),
        alt.Scale(domain=domain, range=[shape for _, _, shape in kept]),
    )


def chart_data(table: ViewTable, keys: tuple[str, ...], lang: str) -> pd.DataFrame:
    """A view's columns as a chart's data: each value, and its text as ``<key>_shown``."""
    data = {key: list(table.column(key).values) for key in keys}
    data |= {f"{key}_shown": table.column(key).shown(lang) for key in keys}
    return pd.DataFrame(data)


# --- workshops -------------------------------------------------------------------------------


def timeline_chart(table: ViewTable, lang: str, geography: pd.DataFrame) -> alt.LayerChart:
    """One lollipop per workshop: date across, participants up, region by colour and shape."""
    data = chart_data(table, ("date", "participants", "region", "city", "topic"), lang)
    data["date"] = pd.to_datetime(data["date"])
    title = {key: table.column(key).header for key in ("date", "participants", "region")}
    _, colours, shapes = region_scale(lang, geography, data["region"])
    x = alt.X("date:T", title=title["date"], axis=YEAR_AXIS)
    y = alt.Y("participants:Q", title=title["participants"])
    tooltip = [
        alt.Tooltip(f"{key}_shown:N", title=table.column(key).header)
        for key in ("date", "city", "topic", "region", "participants")
    ]
    stems = alt.Chart(data).mark_rule(color="#999999").encode(x=x, y=y, tooltip=tooltip)
    heads = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color("region:N", title=title["region"], scale=colours),
            shape=alt.Shape("region:N", title=title["region"], scale=shapes),
            tooltip=tooltip,
        )
    )
    return localised(alt.layer(stems, heads), lang, height=320).configure_legend(**REGION_LEGEND)


def workshop_map(page: Page) -> tuple[dict, str] | None:
    """The workshop map's spec and its text alternative; None without figures."""
    lang, filters = page.lang, page.filters
    figures = page.fetch("region_map_figures", WORKSHOPS, q.MUNICIPALITY, filters.period)
    if figures.empty:
        return None
    shown = figures[["geo_code", "value"]].copy()
    shown["shown"] = [format_number(x, lang) for x in figures["value"]]
    title = t("platform.map.value", lang)
    spec = app_maps.map_spec(
        shown,
        q.MUNICIPALITY,
        lang,
        tooltip=[("name", t("platform.col.area", lang)), ("shown", title)],
        value_title=title,
        no_data_label=t("regionmap.no_data", lang),
        selected=filters.region,
        value_format=",d",
    )
    top = page.fetch("top_workshop_venue", filters.period).to_dict("records")
    top = top[0] if top else {}
    alt_text = t(
        "platform.map.alt",
        lang,
        date=format_as_of(figures["period"].iloc[0], lang),
        top=localized(top, lang, "geo_name", "geo_code") if top else MISSING,
        value=format_number(top.get("workshops"), lang),
    )
    return spec, alt_text


def render_workshop_map(page: Page) -> None:
    lang = page.lang
    bold(t("platform.map.header", lang))
    shown = app_data.derived(workshop_map, page)
    if shown is None:
        st.info(t("platform.workshops.none", lang))
        return
    spec, alt_text = shown
    app_maps.render_map(spec, MAP_KEY, alt_text, lang)
    st.caption(t("regionmap.click_hint", lang))


def workshops_view(page: Page) -> tuple[ViewTable, dict | None]:
    """The workshops table and the timeline's spec (None without workshops)."""
    workshops = page.fetch("workshops", page.filters.period, page.filters.region)
    table = v.WORKSHOPS.table(workshops, page.lang)
    if not len(table):
        return table, None
    return table, chart_spec(timeline_chart(table, page.lang, page.fetch("list_geography")))


def render_workshops(page: Page, figures: pd.DataFrame) -> ViewTable:
    lang = page.lang
    st.header(t("platform.workshops.header", lang))
    show_figures(figures, lang, "workshops", "participants", "municipalities")
    table, timeline = app_data.derived(workshops_view, page)
    left, right = st.columns([3, 2])
    with left:
        bold(t("platform.timeline.header", lang))
        if timeline is None:
            st.info(t("platform.workshops.none", lang))
        else:
            dates = table.column("date").shown(lang)
            alt_text = t(
                "platform.timeline.alt",
                lang,
                workshops=tn("plural.workshops", len(table), lang),
                first=dates[0],
                last=dates[-1],
            )
            st.vega_lite_chart(timeline, width="stretch", alt=alt_text)
    with right:
        render_workshop_map(page)
    if len(table):
        show(table, lang)
    return table


# --- participants by type --------------------------------------------------------------------


def participant_types_view(page: Page) -> tuple[ViewTable, dict | None, str]:
    """Participants by type: the table, the bar chart's spec and its text alternative (no
    chart without workshops)."""
    lang = page.lang
    types = page.fetch("participants_by_type", page.filters.period, page.filters.region)
    table = v.TYPES.table(types, lang)
    if types.empty:
        return table, None, ""
    data = chart_data(table, ("type", "participants"), lang)
    party, count = table.column("type").header, table.column("participants").header
    y = alt.Y("type:N", title=None, sort=list(data["type"]), axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(data)
        .mark_bar(color=BAR_COLOUR)
        .encode(
            x=alt.X("participants:Q", title=count),
            y=y,
            tooltip=tooltip(("type:N", party), ("participants_shown:N", count)),
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=4)
        .encode(x="participants:Q", y=y, text="participants_shown:N")
    )
    top = data.iloc[list(types["participants_rank"]).index(1)]  # the mart's rank
    chart = localised(alt.layer(bars, labels), lang, height=36 * len(data) + 40)
    alt_text = t("platform.types.alt", lang, top=top["type"], value=top["participants_shown"])
    return table, chart_spec(chart), alt_text


def render_participant_types(page: Page) -> ViewTable:
    lang = page.lang
    st.header(t("platform.types.header", lang))
    table, chart, alt_text = app_data.derived(participant_types_view, page)
    if chart is None:
        st.info(t("platform.workshops.none", lang))
        return table
    left, right = st.columns([3, 2])
    left.vega_lite_chart(chart, width="stretch", alt=alt_text)
    show(table, lang, right)
    st.caption(t("platform.types.note", lang))
    return table


# --- mediators -------------------------------------------------------------------------------


def mediators_chart(table: ViewTable, lang: str, geography: pd.DataFrame) -> alt.Chart:
    """Year-end stock as steps; for Latvia stacked by planning region (the stack is the total)."""
    keys = ("month", "area", "mediators")
    data = chart_data(table, keys, lang)
    data["month"] = pd.to_datetime(data["month"])
    title = {key: table.column(key).header for key in keys}
    domain, colours, _ = region_scale(lang, geography, data["area"])
    by_region = set(data["area"]) <= set(domain) and data["area"].nunique() > 1
    region = t("platform.col.region", lang)
    colour = (
        alt.Color("area:N", title=region, scale=colours, legend=alt.Legend(**REGION_LEGEND))
        if by_region
        else alt.value(BAR_COLOUR)
    )
    steps = (
        alt.Chart(data)
        .mark_area(interpolate="step-after", opacity=0.85, line=True)
        .encode(
            x=alt.X("month:T", title=title["month"], axis=YEAR_AXIS),
            y=alt.Y("mediators:Q", title=title["mediators"], stack="zero"),
            color=colour,
            order=alt.Order("area:N"),
            tooltip=tooltip(*((f"{key}_shown:N", title[key]) for key in keys)),
        )
    )
    return localised(steps, lang, height=280)


def mediators_view(page: Page) -> tuple[ViewTable, dict | None]:
    """The mediators by area at the period and the chart's spec of their series up to it
    (None without a series)."""
    lang, filters = page.lang, page.filters
    series = page.fetch("indicator_series_by_area", MEDIATORS, filters.region, filters.period)
    table = v.MEDIATORS.table(page.fetch("mediators_by_area", filters.period, filters.region), lang)
    if series.empty:
        return table, None
    geography = page.fetch("list_geography")
    return table, chart_spec(mediators_chart(v.SERIES.table(series, lang), lang, geography))


def render_mediators(page: Page, figures: pd.DataFrame) -> ViewTable:
    lang, filters = page.lang, page.filters
    st.header(t("platform.mediators.header", lang))
    table, chart = app_data.derived(mediators_view, page)
    if chart is None:
        st.info(t("platform.mediators.none", lang))
        return table
    left, right = st.columns([3, 2])
    with left:
        value = show_figures(figures, lang, "mediators").column("mediators").shown(lang)[0]
        month = format_month(filters.period, lang)
        alt_text = t("platform.mediators.alt", lang, area=page.area, month=month, value=value)
        st.vega_lite_chart(chart, width="stretch", alt=alt_text)
    show(table, lang, right)
    st.caption(t("platform.mediators.note", lang))
    return table


# --- recommendations -------------------------------------------------------------------------


def recommendation_columns(recommendations: pd.DataFrame, lang: str) -> dict[str, Any]:
    """The status grid's column per recommendation: its short title, the code after it, the
    full text on hover; the municipality stays in view when the grid scrolls."""
    return {
        t("platform.col.municipality", lang): st.column_config.TextColumn(
            pinned=True, width=WIDTHS["municipality"]
        )
    } | {
        code: st.column_config.TextColumn(
            f"{localized(row, lang, 'theme', 'recommendation_code')} ({code})",
            help=localized(row, lang, "text", "recommendation_code"),
            width=STATUS_WIDTH,
        )
        for code, row in zip(
            recommendations["recommendation_code"], recommendations.to_dict("records"), strict=True
        )
    }


def recommendations_view(page: Page) -> dict[str, Any]:
    """The tracker's tables at the period for the area: ``status`` (the files'), ``matrix``,
    ``national``, ``history`` and ``texts``. (A dict: a cached result cannot be of a class
    defined in a page, which Streamlit runs as ``__main__``.)"""
    lang, period, region = page.lang, page.filters.period, page.filters.region
    status = page.fetch("recommendation_status", period, region)
    history = page.fetch("recommendation_history", period, region)
    matrix = page.fetch("recommendation_matrix", period, region)
    return {
        "status": v.STATUS.table(status, lang),
        "history": v.HISTORY.table(history, lang),
        "national": v.NATIONAL.table(status[status["level"] == "national"], lang),
        "texts": v.TEXTS.table(page.fetch("recommendation_list"), lang),
        "matrix": v.matrix(matrix).table(matrix, lang, screen=True),
    }


def render_recommendations(page: Page, figures: pd.DataFrame) -> tuple[ViewTable, ViewTable]:
    lang = page.lang
    st.header(t("platform.recs.header", lang))
    show_figures(figures, lang, "tracked", "addressed", "addressed_share")
    recs = app_data.derived(recommendations_view, page)
    if not len(recs["status"]):
        st.info(t("platform.recs.none", lang))
        return recs["status"], recs["history"]

    st.subheader(t("platform.recs.matrix", lang))
    if len(recs["matrix"]):
        config = recommendation_columns(page.fetch("recommendation_list"), lang)
        show(recs["matrix"], lang, config=config)
    st.caption(t("platform.recs.legend", lang))
    if len(recs["national"]):
        st.subheader(t("platform.recs.national", lang))
        show(recs["national"], lang)
    with st.expander(t("platform.recs.texts", lang)):
        show(recs["texts"], lang)

    st.subheader(t("platform.recs.history", lang))
    show(recs["history"], lang)
    return recs["status"], recs["history"]


# --- page ------------------------------------------------------------------------------------


def main() -> None:
    page = start_page("platform.title", "platform.intro")
    if page is None:
        return
    lang, filters = page.lang, page.filters
    st.caption(t("platform.as_of", lang, date=format_as_of(filters.period, lang), area=page.area))
    indicators = page.fetch("map_indicators", "platform")
    if indicators.empty and page.fetch("workshops").empty:
        st.info(t("platform.empty", lang))
        return

    figures = page.fetch("platform_figures", filters.geo_code, filters.period)
    workshops = render_workshops(page, figures)
    types = render_participant_types(page)
    mediators = render_mediators(page, figures)
    status, history = render_recommendations(page, figures)
    app_exports.render_downloads(
        {
            t("platform.sheet.workshops", lang): workshops,
            t("platform.sheet.types", lang): types,
            t("platform.sheet.mediators", lang): mediators,
            t("platform.sheet.status", lang): status,
            t("platform.sheet.history", lang): history,
        },
        lang,
        f"platform_{filters.geo_code}_{page.month}",
    )


main()
