"""Platform: the Ministry of Culture's own work — regional workshops (timeline, map, who took
part), Roma mediators, and the recommendations tracker (status by municipality, history).

Everything is shown as of the period filter's month end, for the region filter's area.
UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import altair as alt
import app_data
import app_exports
import app_maps
import pandas as pd
import streamlit as st
from app_style import REGION_LEGEND, chart_spec
from app_ui import Filters, current_filters, current_lang

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    MISSING,
    format_date,
    format_month,
    format_number,
    format_percent,
    is_missing,
)
from roma_monitor.serve.i18n import t, tn

# Okabe-Ito colours, one per planning region in the conventional order; charts pair them with
# a shape or a label so the region is never told by colour alone.
REGION_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00")
REGION_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross")
BAR_COLOUR = "#0072B2"
STATUS_ICONS = {
    "istenots": "✓",
    "uzsakts": "◐",
    "planots": "○",
    "nav_uzsakts": "✗",
    "nav_attiecinams": "—",
}
MAP_KEY = "platform_map"
YEAR_AXIS = alt.Axis(format="%Y", labelAngle=0, tickCount="year")  # one label per year
WORKSHOPS, PARTICIPANTS, REPRESENTED = (
    "KM_WORKSHOPS",
    "KM_WORKSHOP_PARTICIPANTS",
    "KM_WORKSHOP_MUNICIPALITIES",
)
MEDIATORS, TRACKED, ADDRESSED = (
    "KM_MEDIATORS",
    "KM_RECOMMENDATIONS_TRACKED",
    "KM_RECOMMENDATIONS_ADDRESSED",
)
FIGURE_CODES = (WORKSHOPS, PARTICIPANTS, REPRESENTED, MEDIATORS, TRACKED, ADDRESSED)


def text(value: object) -> str:
    return MISSING if is_missing(value) or not str(value).strip() else str(value)


def named(row: dict, prefix: str, lang: str, fallback: str) -> str:
    """``<prefix>_<lang>`` of a row, else the fallback column (a code)."""
    name = row.get(f"{prefix}_{lang}")
    return str(name) if not is_missing(name) else text(row.get(fallback))


def month_end(period: date | None) -> date | None:
    if period is None:
        return None
    return period.replace(day=calendar.monthrange(period.year, period.month)[1])


def date_column(lang: str) -> st.column_config.DateColumn:
    """Dates as ``formatting.format_date`` writes them (16.05.2017 / 16 May 2017), shown by the
    grid itself so it still sorts them as dates."""
    return st.column_config.DateColumn(format="DD.MM.YYYY" if lang == "lv" else "D MMMM YYYY")


def as_dates(values: pd.Series) -> list[date | None]:
    return [None if is_missing(v) else pd.Timestamp(v).date() for v in values]


def area_rows(ind_path: str, geo_code: str, period: date | None) -> dict[str, dict]:
    """Indicator code → its ``area_figures`` row (empty when none) for the page's indicators."""
    rows = {}
    for code in FIGURE_CODES:
        frame = app_data.fetch(ind_path, "area_figures", code, geo_code, period)
        rows[code] = frame.iloc[0].to_dict() if not frame.empty else {}
    return rows


class Figures:
    """The platform indicators of the filtered area at the period (``area_rows``)."""

    def __init__(self, ind_path: str, filters: Filters) -> None:
        self._rows = app_data.derived(area_rows, ind_path, filters.geo_code, filters.period)

    def row(self, code: str) -> dict:
        return self._rows.get(code, {})

    def value(self, code: str) -> float | None:
        value = self.row(code).get("value")
        return None if is_missing(value) else float(value)


def region_scale(
    lang: str, geography: pd.DataFrame, shown: pd.Series
) -> tuple[list[str], alt.Scale, alt.Scale]:
    """The names of the planning regions in ``shown``, in the conventional order, with their
    colours and shapes (each region keeps its own whichever others are filtered out)."""
    regions = geography[geography["geo_level"] == q.PLANNING_REGION]
    names = {
        row["geo_code"]: named(row, "geo_name", lang, "geo_code")
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


# --- workshops -------------------------------------------------------------------------------


def workshops_table(workshops: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = workshops.to_dict("records")
    return pd.DataFrame(
        {
            t("platform.col.date", lang): as_dates(workshops["workshop_date"]),
            t("platform.col.city", lang): workshops["city"].astype(str).to_list(),
            t("platform.col.topic", lang): [named(r, "topic", lang, "topic") for r in rows],
            t("platform.col.venue", lang): [
                named(r, "venue_name", lang, "venue_atvk_2021") for r in rows
            ],
            t("platform.col.region", lang): [
                named(r, "planning_region_name", lang, "planning_region_code") for r in rows
            ],
            t("platform.col.participants", lang): workshops["participants_total"].to_list(),
            t("platform.col.represented", lang): workshops[
                "municipalities_represented_2021_count"
            ].to_list(),
        }
    )


def timeline_chart(table: pd.DataFrame, lang: str, geography: pd.DataFrame) -> alt.LayerChart:
    """One lollipop per workshop: date across, participants up, region by colour and shape."""
    date_col, participants = t("platform.col.date", lang), t("platform.col.participants", lang)
    region, city, topic = (
        t("platform.col.region", lang),
        t("platform.col.city", lang),
        t("platform.col.topic", lang),
    )
    data = pd.DataFrame(
        {
            "date": pd.to_datetime(table[date_col]),
            "participants": table[participants],
            "region": table[region],
            "city": table[city],
            "topic": table[topic],
            "shown_date": [format_date(d, lang) for d in table[date_col]],
            "shown": [format_number(v, lang) for v in table[participants]],
        }
    )
    _, colours, shapes = region_scale(lang, geography, data["region"])
    x = alt.X("date:T", title=date_col, axis=YEAR_AXIS)
    y = alt.Y("participants:Q", title=participants)
    tooltip = [
        alt.Tooltip("shown_date:N", title=date_col),
        alt.Tooltip("city:N", title=city),
        alt.Tooltip("topic:N", title=topic),
        alt.Tooltip("region:N", title=region),
        alt.Tooltip("shown:N", title=participants),
    ]
    stems = alt.Chart(data).mark_rule(color="#999999").encode(x=x, y=y, tooltip=tooltip)
    heads = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color("region:N", title=region, scale=colours),
            shape=alt.Shape("region:N", title=region, scale=shapes),
            tooltip=tooltip,
        )
    )
    return (
        alt.layer(stems, heads)
        .properties(height=320)
        .configure(locale=app_maps.vega_locale(lang))
        .configure_legend(**REGION_LEGEND)
    )


def workshop_map(ind_path: str, filters: Filters, lang: str) -> tuple[dict, str] | None:
    """The workshop map's spec and its text alternative; None without figures."""
    figures = app_data.fetch(
        ind_path, "region_map_figures", WORKSHOPS, q.MUNICIPALITY, filters.period
    )
    if figures.empty:
        return None
    shown = figures[["geo_code", "value"]].copy()
    shown["shown"] = [format_number(v, lang) for v in figures["value"]]
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
    top = figures.loc[figures["value"].fillna(-1).idxmax()].to_dict()
    alt_text = t(
        "platform.map.alt",
        lang,
        date=format_date(month_end(figures["period"].iloc[0].date()), lang),
        top=named(top, "geo_name", lang, "geo_code"),
        value=format_number(top.get("value"), lang),
    )
    return spec, alt_text


def render_workshop_map(ind_path: str, filters: Filters, lang: str) -> None:
    st.markdown(f"**{t('platform.map.header', lang)}**")
    shown = app_data.derived(workshop_map, ind_path, filters, lang)
    if shown is None:
        st.info(t("platform.workshops.none", lang))
        return
    spec, alt_text = shown
    app_maps.render_map(spec, MAP_KEY, alt_text, lang)
    st.caption(t("regionmap.click_hint", lang))


def workshops_view(
    ind_path: str, period: date | None, region: str | None, lang: str
) -> tuple[pd.DataFrame, dict | None]:
    """The workshops table and the timeline's spec (None without workshops)."""
    workshops = app_data.fetch(ind_path, "workshops", period, region)
    table = workshops_table(workshops, lang)
    if workshops.empty:
        return table, None
    geography = app_data.fetch(ind_path, "list_geography")
    return table, chart_spec(timeline_chart(table, lang, geography))


def render_workshops(ind_path: str, filters: Filters, figures: Figures, lang: str) -> pd.DataFrame:
    st.header(t("platform.workshops.header", lang))
    cols = st.columns(3)
    cols[0].metric(
        t("platform.metric.workshops", lang), format_number(figures.value(WORKSHOPS), lang)
    )
    cols[1].metric(
        t("platform.metric.participants", lang), format_number(figures.value(PARTICIPANTS), lang)
    )
    cols[2].metric(
        t("platform.metric.municipalities", lang),
        format_number(figures.value(REPRESENTED), lang),
        help=t("platform.metric.municipalities_help", lang),
    )
    table, timeline = app_data.derived(
        workshops_view, ind_path, filters.period, filters.region, lang
    )
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('platform.timeline.header', lang)}**")
        if timeline is None:
            st.info(t("platform.workshops.none", lang))
        else:
            dates = table[t("platform.col.date", lang)]
            st.vega_lite_chart(
                timeline,
                width="stretch",
                alt=t(
                    "platform.timeline.alt",
                    lang,
                    workshops=tn("plural.workshops", len(table), lang),
                    first=format_date(dates.iloc[0], lang),
                    last=format_date(dates.iloc[-1], lang),
                ),
            )
    with right:
        render_workshop_map(ind_path, filters, lang)
    if not table.empty:
        # counts of a workshop stay below 1 000: no digit grouping to format
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={t("platform.col.date", lang): date_column(lang)},
        )
    return table


# --- participants by type --------------------------------------------------------------------


def participant_types_view(
    ind_path: str, period: date | None, region: str | None, lang: str
) -> tuple[pd.DataFrame, dict | None, str]:
    """Participants by type: the table, the bar chart's spec and its text alternative (no
    chart without workshops)."""
    types = app_data.fetch(ind_path, "participants_by_type", period, region)
    party, count = t("platform.col.type", lang), t("platform.col.participants", lang)
    table = pd.DataFrame(
        {
            party: [t(f"platform.type.{kind}", lang) for kind in types["participant_type"]],
            count: types["participants"].to_list(),
        }
    )
    if table.empty:
        return table, None, ""
    data = table.rename(columns={party: "party", count: "participants"})
    data["shown"] = [format_number(v, lang) for v in data["participants"]]
    y = alt.Y("party:N", title=None, sort=list(data["party"]), axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(data)
        .mark_bar(color=BAR_COLOUR)
        .encode(
            x=alt.X("participants:Q", title=count),
            y=y,
            tooltip=[alt.Tooltip("party:N", title=party), alt.Tooltip("shown:N", title=count)],
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=4)
        .encode(x="participants:Q", y=y, text="shown:N")
    )
    top = data.loc[data["participants"].idxmax()]
    chart = (
        alt.layer(bars, labels)
        .properties(height=36 * len(data) + 40)
        .configure(locale=app_maps.vega_locale(lang))
    )
    alt_text = t("platform.types.alt", lang, top=top["party"], value=top["shown"])
    return table, chart_spec(chart), alt_text


def render_participant_types(ind_path: str, filters: Filters, lang: str) -> pd.DataFrame:
    st.header(t("platform.types.header", lang))
    table, chart, alt_text = app_data.derived(
        participant_types_view, ind_path, filters.period, filters.region, lang
    )
    if chart is None:
        st.info(t("platform.workshops.none", lang))
        return table
    count = t("platform.col.participants", lang)
    left, right = st.columns([3, 2])
    left.vega_lite_chart(chart, width="stretch", alt=alt_text)
    app_maps.show_table(
        table,
        {count: lambda v: format_number(v, lang)},
        container=right,
        hide_index=True,
        width="stretch",
    )
    st.caption(t("platform.types.note", lang))
    return table


# --- mediators -------------------------------------------------------------------------------


def mediators_chart(series: pd.DataFrame, lang: str, geography: pd.DataFrame) -> alt.Chart:
    """Year-end stock as steps; for Latvia stacked by planning region (the stack is the total)."""
    month, mediators, region = (
        t("platform.col.month", lang),
        t("platform.col.mediators", lang),
        t("platform.col.region", lang),
    )
    rows = series.to_dict("records")
    data = pd.DataFrame(
        {
            "period": pd.to_datetime(series["period"]),
            "area": [named(r, "geo_name", lang, "geo_code") for r in rows],
            "value": series["value"],
            "month": [format_month(p, lang) for p in series["period"]],
            "shown": [format_number(v, lang) for v in series["value"]],
        }
    )
    domain, colours, _ = region_scale(lang, geography, data["area"])
    by_region = set(data["area"]) <= set(domain) and data["area"].nunique() > 1
    colour = (
        alt.Color(
            "area:N",
            title=region,
            scale=colours,
            legend=alt.Legend(**REGION_LEGEND),
        )
        if by_region
        else alt.value(BAR_COLOUR)
    )
    return (
        alt.Chart(data)
        .mark_area(interpolate="step-after", opacity=0.85, line=True)
        .encode(
            x=alt.X("period:T", title=month, axis=YEAR_AXIS),
            y=alt.Y("value:Q", title=mediators, stack="zero"),
            color=colour,
            order=alt.Order("area:N"),
            tooltip=[
                alt.Tooltip("month:N", title=month),
                alt.Tooltip("area:N", title=t("platform.col.area", lang)),
                alt.Tooltip("shown:N", title=mediators),
            ],
        )
        .properties(height=280)
        .configure(locale=app_maps.vega_locale(lang))
    )


def mediators_by_area(ind_path: str, filters: Filters, lang: str) -> pd.DataFrame:
    """Year-end stock at the period: by planning region for Latvia, else the municipalities of
    the selected region (or the selected municipality)."""
    level = q.PLANNING_REGION if not filters.region else q.MUNICIPALITY
    figures = app_data.fetch(ind_path, "region_map_figures", MEDIATORS, level, filters.period)
    if filters.region_level == q.PLANNING_REGION:
        figures = figures[figures["planning_region_code"] == filters.region]
    elif filters.region:
        figures = figures[figures["geo_code"] == filters.region]
    rows = figures.to_dict("records")
    return pd.DataFrame(
        {
            t("platform.col.area", lang): [named(r, "geo_name", lang, "geo_code") for r in rows],
            t("platform.col.mediators", lang): figures["value"].to_list(),
        }
    )


def mediators_view(ind_path: str, filters: Filters, lang: str) -> tuple[pd.DataFrame, dict | None]:
    """The mediators by area at the period and the chart's spec of their series up to it
    (None without a series)."""
    series = app_data.fetch(
        ind_path, "indicator_series_by_area", MEDIATORS, filters.region, filters.period
    )
    table = mediators_by_area(ind_path, filters, lang)
    if series.empty:
        return table, None
    geography = app_data.fetch(ind_path, "list_geography")
    return table, chart_spec(mediators_chart(series, lang, geography))


def render_mediators(
    ind_path: str, filters: Filters, figures: Figures, lang: str, area: str
) -> pd.DataFrame:
    st.header(t("platform.mediators.header", lang))
    value = figures.value(MEDIATORS)
    table, chart = app_data.derived(mediators_view, ind_path, filters, lang)
    if chart is None:
        st.info(t("platform.mediators.none", lang))
        return table
    left, right = st.columns([3, 2])
    with left:
        st.metric(t("platform.metric.mediators", lang), format_number(value, lang))
        st.vega_lite_chart(
            chart,
            width="stretch",
            alt=t(
                "platform.mediators.alt",
                lang,
                area=area,
                month=format_month(filters.period, lang),
                value=format_number(value, lang),
            ),
        )
    with right:
        app_maps.show_table(
            table,
            {t("platform.col.mediators", lang): lambda v: format_number(v, lang)},
            hide_index=True,
            width="stretch",
        )
    st.caption(t("platform.mediators.note", lang))
    return table


# --- recommendations -------------------------------------------------------------------------


def status_text(code: object, name: object) -> str:
    if is_missing(code):
        return ""
    icon = STATUS_ICONS.get(str(code))
    return f"{icon} {text(name)}" if icon else text(name)


def status_matrix(status: pd.DataFrame, counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Municipality × recommendation, each cell the status (icon + name) at the period, with
    the published addressed/tracked counts of the municipality beside it."""
    municipal = status[status["municipality_atvk_2021"].notna()]
    if municipal.empty:
        return pd.DataFrame()
    municipality = t("platform.col.municipality", lang)
    cells = municipal.assign(
        **{
            municipality: [
                named(r, "municipality_name", lang, "municipality_atvk_2021")
                for r in municipal.to_dict("records")
            ],
            "cell": [
                status_text(c, n)
                for c, n in zip(municipal["status"], municipal[f"status_name_{lang}"], strict=True)
            ],
        }
    )
    matrix = cells.pivot_table(
        index=["municipality_atvk_2021", municipality],
        columns="recommendation_code",
        values="cell",
        aggfunc="first",
    ).fillna("")
    matrix.columns.name = None
    matrix = matrix.reset_index()
    by_code = counts.set_index("geo_code") if not counts.empty else pd.DataFrame()
    for column, code in (
        (t("platform.col.addressed", lang), ADDRESSED),
        (t("platform.col.tracked", lang), TRACKED),
    ):
        values = by_code.get(code, pd.Series(dtype="float64"))
        matrix[column] = [values.get(atvk) for atvk in matrix["municipality_atvk_2021"]]
    return matrix.drop(columns=["municipality_atvk_2021"])


def municipal_counts(ind_path: str, period: date | None) -> pd.DataFrame:
    """geo_code × {TRACKED, ADDRESSED}: the published counts per municipality."""
    frames = []
    for code in (TRACKED, ADDRESSED):
        figures = app_data.fetch(ind_path, "region_map_figures", code, q.MUNICIPALITY, period)
        frames.append(figures[["geo_code", "value"]].assign(indicator=code))
    both = pd.concat(frames)
    return both.pivot_table(index="geo_code", columns="indicator", values="value").reset_index()


def status_export(status: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = status.to_dict("records")
    return pd.DataFrame(
        {
            t("platform.col.code", lang): status["recommendation_code"].to_list(),
            t("platform.col.municipality", lang): [
                named(r, "municipality_name", lang, "municipality_atvk_2021")
                if not is_missing(r.get("municipality_atvk_2021"))
                else t("platform.recs.country", lang)
                for r in rows
            ],
            t("platform.col.status", lang): status[f"status_name_{lang}"].to_list(),
            t("platform.col.counts_as_addressed", lang): status["counts_as_addressed"]
            .astype(bool)
            .to_list(),
            t("platform.col.status_date", lang): as_dates(status["status_date"]),
        }
    )


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = history.to_dict("records")
    return pd.DataFrame(
        {
            t("platform.col.date", lang): as_dates(history["status_date"]),
            t("platform.col.code", lang): history["recommendation_code"].to_list(),
            t("platform.col.municipality", lang): [
                named(r, "municipality_name", lang, "municipality_atvk_2021")
                if not is_missing(r.get("municipality_atvk_2021"))
                else t("platform.recs.country", lang)
                for r in rows
            ],
            t("platform.col.previous", lang): [
                status_text(r["previous_status"], r[f"previous_status_name_{lang}"])
                or t("platform.recs.first", lang)
                for r in rows
            ],
            t("platform.col.new", lang): [
                status_text(r["status"], r[f"status_name_{lang}"]) for r in rows
            ],
            t("platform.col.note", lang): [
                "" if is_missing(r.get("note")) else str(r["note"]) for r in rows
            ],
        }
    )


def recommendation_texts(ind_path: str, lang: str) -> pd.DataFrame:
    recommendations = app_data.fetch(ind_path, "recommendation_list")
    return pd.DataFrame(
        {
            t("platform.col.code", lang): recommendations["recommendation_code"],
            t("platform.col.recommendation", lang): recommendations[f"text_{lang}"],
        }
    )


def render_recommendation_texts(ind_path: str, lang: str) -> None:
    texts = app_data.derived(recommendation_texts, ind_path, lang)
    with st.expander(t("platform.recs.texts", lang)):
        st.dataframe(texts, hide_index=True, width="stretch")


def recommendation_titles(ind_path: str, lang: str) -> dict[str, tuple[str, str]]:
    """Code → (the recommendation's short title, its full text) in ``lang``; the code itself
    when the snapshot has no title in that language."""
    recommendations = app_data.fetch(ind_path, "recommendation_list")
    return {
        row["recommendation_code"]: (
            named(row, "theme", lang, "recommendation_code"),
            named(row, "text", lang, "recommendation_code"),
        )
        for row in recommendations.to_dict("records")
    }


def recommendation_columns(ind_path: str, lang: str) -> dict[str, Any]:
    """The status grid's column per recommendation: its short title, the code after it, the
    full text on hover."""
    return {
        code: st.column_config.TextColumn(f"{title} ({code})", help=full)
        for code, (title, full) in recommendation_titles(ind_path, lang).items()
    }


def national_table(
    status: pd.DataFrame, titles: dict[str, tuple[str, str]], lang: str
) -> pd.DataFrame:
    """The national recommendations (no municipality): title, code, status and its date."""
    national = status[status["municipality_atvk_2021"].isna()]
    codes = national["recommendation_code"].to_list()
    return pd.DataFrame(
        {
            t("platform.col.recommendation", lang): [titles.get(c, (c,))[0] for c in codes],
            t("platform.col.code", lang): codes,
            t("platform.col.status", lang): [
                status_text(c, n)
                for c, n in zip(national["status"], national[f"status_name_{lang}"], strict=True)
            ],
            t("platform.col.status_date", lang): [
                format_date(d, lang) for d in national["status_date"]
            ],
        }
    )


def recommendations_view(
    ind_path: str, period: date | None, region: str | None, lang: str
) -> dict[str, pd.DataFrame]:
    """The tracker's tables at the period for the area: ``status`` (as exported), ``matrix``,
    ``national`` and ``history``. (A dict: a cached result cannot be of a class defined in a
    page, which Streamlit runs as ``__main__``.)"""
    status = app_data.fetch(ind_path, "recommendation_status", period, region)
    history = app_data.fetch(ind_path, "recommendation_history", period, region)
    tables = {"status": status_export(status, lang), "history": history_table(history, lang)}
    if not status.empty:
        counts = municipal_counts(ind_path, period)
        titles = recommendation_titles(ind_path, lang)
        tables.update(
            matrix=status_matrix(status, counts, lang),
            national=national_table(status, titles, lang),
        )
    return tables


def render_recommendations(
    ind_path: str, filters: Filters, figures: Figures, lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    st.header(t("platform.recs.header", lang))
    cols = st.columns(3)
    cols[0].metric(
        t("platform.metric.tracked", lang),
        format_number(figures.value(TRACKED), lang),
        help=t("platform.metric.tracked_help", lang),
    )
    cols[1].metric(
        t("platform.metric.addressed", lang), format_number(figures.value(ADDRESSED), lang)
    )
    cols[2].metric(
        t("platform.metric.addressed_share", lang),
        format_percent(figures.row(ADDRESSED).get("share"), lang),
    )
    recs = app_data.derived(recommendations_view, ind_path, filters.period, filters.region, lang)
    if recs["status"].empty:
        st.info(t("platform.recs.none", lang))
        return recs["status"], recs["history"]

    st.subheader(t("platform.recs.matrix", lang))
    if not recs["matrix"].empty:
        counts = [t("platform.col.addressed", lang), t("platform.col.tracked", lang)]
        app_maps.show_table(
            recs["matrix"],
            {c: lambda v: format_number(v, lang) for c in counts},
            column_config=recommendation_columns(ind_path, lang),
            hide_index=True,
            width="stretch",
        )
    st.caption(t("platform.recs.legend", lang))
    if not recs["national"].empty:
        st.subheader(t("platform.recs.national", lang))
        st.dataframe(recs["national"], hide_index=True, width="stretch")
    render_recommendation_texts(ind_path, lang)

    st.subheader(t("platform.recs.history", lang))
    # 400+ rows: a date column format is much cheaper than a Styler
    st.dataframe(
        recs["history"],
        hide_index=True,
        width="stretch",
        column_config={t("platform.col.date", lang): date_column(lang)},
    )
    return recs["status"], recs["history"]


# --- page ------------------------------------------------------------------------------------


def area_label(geography: pd.DataFrame, filters: Filters, lang: str) -> str:
    match = geography[geography["geo_code"] == filters.geo_code]
    if match.empty:
        return filters.geo_code
    return named(match.iloc[0].to_dict(), "geo_name", lang, "geo_code")


def main() -> None:
    lang = current_lang()
    st.title(t("platform.title", lang))
    ind_path = app_data.snapshot_path("indicators")
    if ind_path is None:
        st.info(t("empty.no_data", lang), icon=":material/info:")
        return
    st.caption(t("platform.intro", lang))
    filters = current_filters()
    geography = app_data.fetch(ind_path, "list_geography")
    area = area_label(geography, filters, lang)
    st.caption(
        t("platform.as_of", lang, date=format_date(month_end(filters.period), lang), area=area)
    )
    indicators = app_data.fetch(ind_path, "map_indicators", "platform")
    if indicators.empty and app_data.fetch(ind_path, "workshops").empty:
        st.info(t("platform.empty", lang))
        return

    figures = Figures(ind_path, filters)
    workshops = render_workshops(ind_path, filters, figures, lang)
    types = render_participant_types(ind_path, filters, lang)
    mediators = render_mediators(ind_path, filters, figures, lang, area)
    status, history = render_recommendations(ind_path, filters, figures, lang)

    month = f"{filters.period:%Y-%m}" if filters.period else "latest"
    app_exports.render_downloads(
        {
            t("platform.sheet.workshops", lang): workshops,
            t("platform.sheet.types", lang): types,
            t("platform.sheet.mediators", lang): mediators,
            t("platform.sheet.status", lang): status,
            t("platform.sheet.history", lang): history,
        },
        lang,
        f"platform_{filters.geo_code}_{month}",
    )


main()
