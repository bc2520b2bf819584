"""Overview: one indicator against its target, by planning region, and the data's freshness.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting.
"""

from __future__ import annotations

import altair as alt
import app_data
import pandas as pd
import streamlit as st
from app_ui import current_lang
from babel.dates import get_day_names, get_month_names

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    LOCALES,
    MISSING,
    NBSP,
    format_count,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
    format_target,
    is_missing,
)
from roma_monitor.serve.i18n import load_status_label, suppression_footnote, t

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); every
# judgement also carries an icon and a sentence, never colour alone.
ACTUAL_COLOUR = "#0072B2"  # blue
EXPECTED_COLOUR = "#E69F00"  # orange
TARGET_COLOUR = "#000000"
JUDGEMENT_BADGE = {
    True: ("status.on_track", "blue", ":material/check_circle:"),
    False: ("status.behind", "orange", ":material/warning:"),
    None: ("status.unknown", "gray", ":material/help:"),
}


def text_or_missing(value: object) -> str:
    return MISSING if is_missing(value) or not str(value).strip() else str(value)


def indicator_name(row: pd.Series, lang: str) -> str:
    name = text_or_missing(row.get(f"name_{lang}"))
    return name if name != MISSING else str(row["indicator_code"])


def choose_indicator(indicators: pd.DataFrame, lang: str) -> pd.Series:
    """A select box when there is more than one indicator; the first with data by default."""
    if len(indicators) == 1:
        return indicators.iloc[0]
    by_code = {row["indicator_code"]: row for _, row in indicators.iterrows()}

    def label(code: str) -> str:
        row = by_code[code]
        suffix = "" if bool(row["has_data"]) else f" {t('overview.no_data_suffix', lang)}"
        return indicator_name(row, lang) + suffix

    code = st.selectbox(
        t("overview.indicator", lang), options=list(by_code), format_func=label, key="indicator"
    )
    return by_code[code]


def render_status(status: q.CountryStatus, indicator: pd.Series, lang: str) -> None:
    st.subheader(t("status.header", lang))
    month = format_month(status.period, lang)
    st.caption(t("status.period", lang, month=month))
    value = format_number(status.value, lang)
    expected = format_number(status.expected_to_date, lang)

    cols = st.columns(4)
    cols[0].metric(
        t("status.value", lang),
        value,
        help=t(
            "status.value_help",
            lang,
            month=month,
            in_period=format_number(status.value_in_period, lang),
        ),
    )
    if not status.has_target:
        cols[1].metric(t("status.target", lang), t("status.no_target", lang))
        st.info(t("status.no_target_text", lang))
        return

    citation = indicator.get("target_source_citation")
    cols[1].metric(
        t("status.target", lang),
        format_target(status.target, status.target_operator, lang),
        help=t(
            "status.target_help",
            lang,
            date=format_date(status.target_date, lang),
            citation=text_or_missing(citation),
        ),
    )
    cols[2].metric(t("status.share", lang), format_percent(status.share_of_target, lang))
    cols[3].metric(t("status.expected", lang), expected, help=t("status.expected_help", lang))

    label_key, colour, icon = JUDGEMENT_BADGE[status.on_track]
    st.markdown(f"**{t('status.judgement', lang)}:**")
    st.badge(t(label_key, lang), color=colour, icon=icon)
    if status.on_track is not None:
        text_key = "status.on_track_text" if status.on_track else "status.behind_text"
        st.markdown(t(text_key, lang, value=value, expected=expected))


def render_roma(status: q.CountryStatus, lang: str, threshold: int) -> None:
    """Roma figure always beside the ethnicity coverage, with the lower-bound note."""
    st.subheader(t("roma.header", lang))
    coverage = format_percent(status.ethnicity_coverage, lang)
    cols = st.columns(2)
    cols[0].metric(
        t("roma.value", lang),
        format_count(status.roma_value, status.roma_value_suppressed, lang),
    )
    cols[1].metric(t("roma.coverage", lang), coverage, help=t("roma.coverage_help", lang))
    st.caption(t("roma.lower_bound", lang, coverage=coverage))
    if status.roma_value_suppressed:
        st.caption(suppression_footnote(lang, threshold))


def vega_locale(lang: str) -> dict:
    """Vega number/time locale built from babel's CLDR data, so axes speak the page language."""
    locale = LOCALES[lang]
    months = get_month_names("wide", "stand-alone", locale=locale)
    short_months = get_month_names("abbreviated", "stand-alone", locale=locale)
    days = get_day_names("wide", "stand-alone", locale=locale)
    short_days = get_day_names("abbreviated", "stand-alone", locale=locale)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # babel: 0 = Monday; d3: Sunday first
    number = (
        {"decimal": ",", "thousands": NBSP, "grouping": [3], "currency": ["", f"{NBSP}€"]}
        if lang == "lv"
        else {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]}
    )
    time = {
        "dateTime": "%d.%m.%Y %H:%M" if lang == "lv" else "%e %B %Y %H:%M",
        "date": "%d.%m.%Y" if lang == "lv" else "%e %B %Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [days[i] for i in sunday_first],
        "shortDays": [short_days[i] for i in sunday_first],
        "months": [months[i] for i in range(1, 13)],
        "shortMonths": [short_months[i] for i in range(1, 13)],
    }
    return {"number": number, "time": time}


def progress_chart(series: pd.DataFrame, status: q.CountryStatus, lang: str) -> alt.LayerChart:
    actual, expected, target = (
        t(k, lang) for k in ("chart.actual", "chart.expected", "chart.target")
    )
    rows = []
    for row in series.itertuples(index=False):
        month = format_month(row.period, lang)
        rows.append(
            {
                "period": row.period,
                "series": actual,
                "value": row.value,
                "month": month,
                "shown": format_number(row.value, lang),
            }
        )
        if not is_missing(row.expected_to_date):
            rows.append(
                {
                    "period": row.period,
                    "series": expected,
                    "value": row.expected_to_date,
                    "month": month,
                    "shown": format_number(row.expected_to_date, lang),
                }
            )
    lines_data = pd.DataFrame(rows)
    domain, colours, dashes = [actual], [ACTUAL_COLOUR], [[1, 0]]
    if (lines_data["series"] == expected).any():
        domain, colours, dashes = (
            domain + [expected],
            colours + [EXPECTED_COLOUR],
            dashes + [[6, 4]],
        )
    if status.has_target:
        domain, colours, dashes = domain + [target], colours + [TARGET_COLOUR], dashes + [[2, 2]]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=domain, range=colours),
        legend=alt.Legend(orient="bottom"),
    )
    dash = alt.StrokeDash(
        "series:N", title=None, legend=None, scale=alt.Scale(domain=domain, range=dashes)
    )
    tooltip = [
        alt.Tooltip("month:N", title=t("chart.month", lang)),
        alt.Tooltip("series:N", title=t("chart.series", lang)),
        alt.Tooltip("shown:N", title=t("chart.value", lang)),
    ]
    lines = (
        alt.Chart(lines_data)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X(
                "period:T",
                title=t("chart.month", lang),
                axis=alt.Axis(format="%b %Y", labelAngle=0),
            ),
            y=alt.Y("value:Q", title=t("chart.value", lang)),
            color=colour,
            strokeDash=dash,
            tooltip=tooltip,
        )
    )
    layers = [lines]
    if status.has_target:
        target_data = pd.DataFrame(
            [
                {
                    "value": status.target,
                    "series": target,
                    "month": format_date(status.target_date, lang),
                    "shown": format_target(status.target, status.target_operator, lang),
                }
            ]
        )
        layers.append(
            alt.Chart(target_data)
            .mark_rule(strokeWidth=1.5)
            .encode(y="value:Q", color=colour, strokeDash=dash, tooltip=tooltip)
        )
    return alt.layer(*layers).properties(height=360).configure(locale=vega_locale(lang))


def render_chart(series: pd.DataFrame, status: q.CountryStatus, name: str, lang: str) -> None:
    st.subheader(t("chart.header", lang))
    if series.empty:
        st.info(t("empty.no_indicator_data", lang))
        return
    alt_text = t(
        "chart.alt",
        lang,
        indicator=name,
        month=format_month(status.period, lang),
        value=format_number(status.value, lang),
        target=format_target(status.target, status.target_operator, lang),
    )
    st.altair_chart(progress_chart(series, status, lang), width="stretch", alt=alt_text)


def render_regions(regions: pd.DataFrame, lang: str, threshold: int) -> None:
    st.subheader(t("regions.header", lang))
    if regions.empty:
        st.info(t("regions.empty", lang))
        return
    st.caption(t("regions.period", lang, month=format_month(regions["period"].iloc[0], lang)))
    table = pd.DataFrame(
        {
            t("regions.region", lang): regions[f"geo_name_{lang}"].fillna(regions["geo_code"]),
            t("regions.value", lang): [format_number(v, lang) for v in regions["value"]],
            t("regions.share", lang): [
                format_percent(v, lang) for v in regions["share_of_national"]
            ],
            t("regions.roma", lang): [
                format_count(v, s, lang)
                for v, s in zip(
                    regions["roma_value"], regions["roma_value_suppressed"], strict=True
                )
            ],
            t("regions.coverage", lang): [
                format_percent(v, lang) for v in regions["ethnicity_coverage"]
            ],
        }
    )
    st.table(table, hide_index=True)
    notes = [t("regions.note", lang), t("roma.lower_bound_table", lang)]
    if regions["roma_value_suppressed"].fillna(False).astype(bool).any():
        notes.append(suppression_footnote(lang, threshold))
    for note in notes:
        st.caption(note)


def render_freshness(fresh: q.Freshness, lang: str) -> None:
    st.subheader(t("freshness.header", lang))
    cols = st.columns(3)
    cols[0].metric(t("freshness.latest_period", lang), format_month(fresh.latest_period, lang))
    cols[1].metric(
        t("freshness.published_at", lang), format_datetime(fresh.indicators_published_at, lang)
    )
    cols[2].metric(
        t("freshness.latest_loaded", lang), format_month(fresh.latest_loaded_period, lang)
    )
    if fresh.indicators_version:
        st.caption(t("freshness.version", lang, version=fresh.indicators_version))


def render_loads(loads: pd.DataFrame, ops_path: str | None, lang: str) -> None:
    st.subheader(t("loads.header", lang))
    if ops_path is None or loads.empty:
        st.info(t("loads.none", lang))
        return
    for row in loads.itertuples(index=False):
        if row.status == "rejected":
            st.error(
                t(
                    "loads.rejected_alert",
                    lang,
                    source=row.source,
                    file=row.file_name,
                    message=text_or_missing(row.message),
                ),
                icon=":material/block:",
            )
    table = pd.DataFrame(
        {
            t("loads.source", lang): loads["source"],
            t("loads.file", lang): loads["file_name"],
            t("loads.status", lang): [load_status_label(s, lang) for s in loads["status"]],
            t("loads.period", lang): [format_month(p, lang) for p in loads["reporting_period"]],
            t("loads.rows", lang): [format_number(r, lang) for r in loads["rows"]],
            t("loads.finished_at", lang): [format_datetime(f, lang) for f in loads["finished_at"]],
            t("loads.message", lang): [text_or_missing(m) for m in loads["message"]],
        }
    )
    st.table(table, hide_index=True)


def main() -> None:
    lang = current_lang()
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))

    ind_path = app_data.snapshot_path("indicators")
    ops_path = app_data.snapshot_path("operations")
    loads = app_data.last_loads(ops_path)

    if ind_path is None:
        st.info(t("empty.no_data", lang), icon=":material/info:")
        if ops_path is not None:
            render_loads(loads, ops_path, lang)
        return

    indicators = app_data.indicators(ind_path)
    if indicators.empty:
        st.info(t("empty.no_indicators", lang))
    else:
        st.header(t("overview.title", lang))
        indicator = choose_indicator(indicators, lang)
        code = str(indicator["indicator_code"])
        name = indicator_name(indicator, lang)
        st.markdown(f"### {name}")
        st.caption(
            t(
                "overview.measure",
                lang,
                sam=text_or_missing(indicator.get("sam")),
                agency=text_or_missing(indicator.get("agency")),
                code=code,
            )
        )
        definition = text_or_missing(indicator.get(f"definition_{lang}"))
        if definition != MISSING:
            st.caption(definition)

        status = app_data.country_status(ind_path, code)
        if status is None:
            st.info(t("empty.no_indicator_data", lang))
        else:
            threshold = app_data.threshold(ind_path)
            render_status(status, indicator, lang)
            render_roma(status, lang, threshold)
            render_chart(app_data.national_series(ind_path, code), status, name, lang)
            render_regions(app_data.regions_latest(ind_path, code), lang, threshold)

    render_freshness(app_data.freshness(ind_path, ops_path), lang)
    render_loads(loads, ops_path, lang)


main()
