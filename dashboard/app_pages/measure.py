"""Measure detail: one indicator in depth.

The indicator (a page-level select box kept in the URL as ``?indicator=<code>``, its options
limited to the measure filter; by default the measure's headline indicator) in the area and up to
the month the filters select: its key figures against the target, the cumulative series against
the target trajectory with the projection to the target date, its breakdowns (sex, age band,
education, category, Roma beside the ethnicity coverage) and, for the NVA and JSPA measures, the
results on leaving and six months after.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, tables from the views of roma_monitor.serve.views.
"""

from __future__ import annotations

import altair as alt
import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_style import STATUS_STYLE, text_or_none, vega_locale
from app_ui import Filters, _seed_from_url, _write_to_url, current_filters, current_lang

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    MISSING,
    Kind,
    differs_from_period,
    format_cell,
    format_count,
    format_date,
    format_month,
    format_number,
    format_percent,
    is_missing,
)
from roma_monitor.serve.i18n import STRINGS, localized, progress_label, sam_label, t
from roma_monitor.serve.viewmodel import ViewTable
from roma_monitor.serve.views import BREAKDOWNS, RESULTS, ROMA, SERIES

INDICATOR_KEY = "indicator"  # widget key and URL query parameter
REMEMBERED = "_measure_indicator"  # survives a visit to another page (widget state does not)

# Okabe-Ito colours; lines also differ by dash, statuses carry an icon and a word.
ACTUAL_COLOUR = "#0072B2"  # blue
EXPECTED_COLOUR = "#E69F00"  # orange
PROJECTION_COLOUR = "#CC79A7"  # reddish purple
TARGET_COLOUR = "#000000"
ROMA_COLOUR = "#009E73"  # bluish green
TIMING_COLOURS = {"ON_LEAVING": "#0072B2", "6M": "#E69F00"}


# --- small helpers ---------------------------------------------------------------------------


def format_goal(indicator: pd.Series, lang: str) -> str:
    """The target with its comparison and, for money, the currency (``≥ 39 810 000 EUR``)."""
    operator, unit = indicator["target_operator"], indicator["unit"]
    return format_cell(Kind.TARGET, indicator["target_value"], lang, unit=unit, operator=operator)


def amount(value: object, unit: object, lang: str, kind: Kind = Kind.AMOUNT) -> str:
    """A count, or euros with the currency (``38 678 850 EUR``); ``Kind.PACE`` for a pace."""
    return format_cell(kind, value, lang, unit=unit)


def denominator_label(indicators: pd.DataFrame, code: str, lang: str) -> str:
    match = indicators[indicators["indicator_code"] == code]
    return localized(match.iloc[0], lang) if not match.empty else code


def label_or_value(key: str, value: str, lang: str) -> str:
    return t(key, lang) if key in STRINGS["lv"] else value


# --- choosing the indicator ------------------------------------------------------------------


def default_indicator(indicators: pd.DataFrame) -> str:
    """The measure's headline indicator (the catalogue query puts it first)."""
    headline = indicators[indicators["is_headline"].fillna(False).astype(bool)]
    return str((headline if not headline.empty else indicators).iloc[0]["indicator_code"])


def choose_indicator(indicators: pd.DataFrame, filters: Filters, lang: str) -> pd.Series:
    """A select box of the measure's indicators, kept in the URL as ``?indicator=``."""
    by_code = {str(row["indicator_code"]): row for _, row in indicators.iterrows()}
    codes = list(by_code)
    default = default_indicator(indicators)
    if INDICATOR_KEY not in st.session_state and st.session_state.get(REMEMBERED) in codes:
        st.session_state[INDICATOR_KEY] = st.session_state[REMEMBERED]
    _seed_from_url(INDICATOR_KEY, codes, default)

    def label(code: str) -> str:
        row = by_code[code]
        name = localized(row, lang)
        if filters.measure is None:
            name = f"{sam_label(row['sam'], lang)} · {name}"
        if not bool(row["has_data"]):
            name += f" {t('measure.no_data_suffix', lang)}"
        return name

    code = st.selectbox(
        t("measure.indicator", lang), options=codes, format_func=label, key=INDICATOR_KEY
    )
    st.session_state[REMEMBERED] = code
    _write_to_url(INDICATOR_KEY, code, default)
    return by_code[code]


def render_header(indicator: pd.Series, lang: str) -> None:
    """Name, measure, definition and the counting rule in one line, and the methodology link."""
    st.subheader(localized(indicator, lang))
    key = "measure.caption_platform" if indicator["sam"] == "platform" else "measure.caption"
    st.caption(
        t(
            key,
            lang,
            sam=indicator["sam"],
            agency=indicator["agency"],
            code=indicator["indicator_code"],
        )
    )
    definition = text_or_none(indicator.get(f"definition_{lang}"))
    if definition:
        st.caption(definition)
    rule = text_or_none(indicator.get(f"counting_rule_{lang}"))
    if rule:
        st.caption(t("measure.counting_rule", lang, rule=rule))
    st.page_link(
        "app_pages/methodology.py",
        label=t("measure.methodology_link", lang),
        icon=":material/menu_book:",
    )


# --- key figures -----------------------------------------------------------------------------


def status_badge(status: q.IndicatorStatus | None, lang: str) -> str:
    """The progress class as an Okabe-Ito coloured label with an icon and a word."""
    key = status.progress_status if status and status.progress_status in STATUS_STYLE else None
    key = key or "unknown"
    background, colour = STATUS_STYLE[key]
    label = progress_label(
        key,
        lang,
        status.target_date if status else None,
        status.share_of_target if status else None,
    )
    return (
        f'<span style="background-color:{background};color:{colour};font-weight:600;'
        f'padding:0.2em 0.6em;border-radius:0.4em">{label}</span>'
    )


def render_figures(
    current: pd.Series,
    indicator: pd.Series,
    indicators: pd.DataFrame,
    filters: Filters,
    area: str,
    lang: str,
) -> None:
    """Value, target, share, expected to date (or the area's share of Latvia), and the share of
    the denominator when the indicator has one."""
    unit = indicator["unit"]
    month = format_month(current["period"], lang)
    st.subheader(t("measure.figures_header", lang, area=area, month=month))
    metrics = [
        (
            t("measure.value", lang),
            amount(current["value"], unit, lang),
            t(
                "measure.value_help",
                lang,
                month=month,
                in_period=amount(current["value_in_period"], unit, lang),
            ),
        )
    ]
    has_target = bool(indicator["has_target"])
    if filters.region is not None:
        metrics += [
            (
                t("measure.share_of_national", lang),
                format_percent(current["share_of_national"], lang),
                None,
            ),
            (
                t("measure.national_value", lang),
                amount(current["national_value"], unit, lang),
                None,
            ),
        ]
    elif has_target:
        metrics += [
            (
                t("measure.target", lang),
                format_goal(indicator, lang),
                t(
                    "measure.target_help",
                    lang,
                    date=format_date(indicator["target_date"], lang),
                    citation=text_or_none(indicator.get("target_source_citation")) or MISSING,
                ),
            ),
            (
                t("measure.share_of_target", lang),
                format_percent(current["share_of_target"], lang),
                None,
            ),
            (
                t("measure.expected", lang),
                amount(current["expected_to_date"], unit, lang),
                t("measure.expected_help", lang),
            ),
        ]
    else:
        metrics.append((t("measure.target", lang), t("measure.no_target", lang), None))
    denominator_code = text_or_none(indicator.get("denominator_indicator_code"))
    if denominator_code:
        denominator_name = denominator_label(indicators, denominator_code, lang)
        metrics.append(
            (
                t("measure.share_of_denominator", lang),
                format_percent(current["share"], lang),
                t(
                    "measure.share_help",
                    lang,
                    value=format_number(current["value"], lang),
                    denominator=format_number(current["denominator"], lang),
                    denominator_name=denominator_name,
                ),
            )
        )
    for col, (label, value, help_text) in zip(st.columns(len(metrics)), metrics, strict=True):
        col.metric(label, value, help=help_text)
    if filters.region is None and not has_target and bool(indicator["is_headline"]):
        st.info(t("measure.no_target_text", lang))
    if filters.region is not None and has_target:
        st.caption(t("measure.region_note", lang))


def render_status(
    status: q.IndicatorStatus | None, indicator: pd.Series, filters: Filters, lang: str
) -> None:
    """Progress class, current and needed pace and the projection (Latvia, latest data). For
    an area only the class is shown, labelled as Latvia's: national paces beside the area's
    value would read as the area's."""
    if not bool(indicator["has_target"]) or status is None:
        return
    unit = indicator["unit"]
    label = "measure.status_national" if filters.region is not None else "measure.status"
    st.markdown(f"**{t(label, lang)}:** {status_badge(status, lang)}", unsafe_allow_html=True)
    if filters.region is not None:
        st.caption(t("measure.status_latest", lang, month=format_month(status.period, lang)))
        return
    cols = st.columns(3)
    cols[0].metric(
        t("measure.current_pace", lang),
        amount(status.current_pace_per_month, unit, lang, Kind.PACE),
        help=t("measure.current_pace_help", lang),
    )
    cols[1].metric(
        t("measure.needed_pace", lang),
        amount(status.needed_pace_per_month, unit, lang, Kind.PACE),
        help=t("measure.needed_pace_help", lang),
    )
    cols[2].metric(
        t("measure.projected", lang),
        amount(status.projected_value_at_target_date, unit, lang),
        help=t("measure.projected_help", lang, date=format_date(status.target_date, lang)),
    )
    st.caption(t("measure.status_latest", lang, month=format_month(status.period, lang)))


def has_roma(current: pd.Series) -> bool:
    return bool(current["roma_value_suppressed"]) or not is_missing(current["roma_value"])


def render_roma(current: pd.Series, indicator: pd.Series, lang: str, base: int) -> None:
    """Roma figure always beside the ethnicity coverage, with the lower-bound note and the
    legends of its marks (withheld, rounded, as of the latest quarter end)."""
    if not has_roma(current):
        return
    st.markdown(f"**{t('measure.roma_header', lang)}**")
    shares = ("roma_share",) if text_or_none(indicator.get("denominator_indicator_code")) else ()
    cells = ROMA.only("roma", *shares, "coverage").table(current.to_frame().T, lang, screen=True)
    helps = {"coverage": t("measure.coverage_help", lang)}
    for col, cell in zip(st.columns(len(cells.columns)), cells.columns, strict=True):
        col.metric(cell.header, cell.shown(lang)[0], help=helps.get(cell.key))
    coverage = cells.column("coverage").shown(lang)[0]
    st.caption(t("roma.lower_bound", lang, coverage=coverage))
    for legend in ROMA.legends(current.to_frame().T, lang, base):
        st.caption(legend)


# --- the series ------------------------------------------------------------------------------


def show_projection(status: q.IndicatorStatus | None, filters: Filters) -> bool:
    return (
        status is not None
        and filters.region is None
        and filters.is_latest
        and status.target_date is not None
        and status.projected_value_at_target_date is not None
    )


def roma_series_name(series: pd.DataFrame, lang: str, base: int) -> str:
    """The chart's Roma series: labelled as rounded when its counts are (public snapshot)."""
    if series["roma_value_is_rounded"].fillna(False).astype(bool).any():
        return t("roma.rounded_series", lang, base=base)
    return t("measure.roma", lang)


def roma_points(series: pd.DataFrame) -> pd.DataFrame:
    """The months whose Roma figure describes that month (quarter ends in the public snapshot,
    every month in the internal one) and is published: the only points the chart draws."""
    own = [
        not differs_from_period(a, p)
        for a, p in zip(series["roma_value_as_of"], series["period"], strict=True)
    ]
    shown = series[pd.Series(own, index=series.index, dtype=bool)]
    return shown[shown["roma_value"].notna()]


def chart_rows(
    series: pd.DataFrame,
    status: q.IndicatorStatus | None,
    projection: bool,
    lang: str,
    base: int = 5,
) -> pd.DataFrame:
    """The chart's points: the Roma figure at the months it describes, the actual series, the
    target trajectory and, with ``projection``, the line from the last value to the target
    date."""
    name = {k: t(f"measure.series.{k}", lang) for k in ("actual", "expected", "projection")}
    points = roma_points(series)
    parts = [
        (
            points,
            roma_series_name(series, lang, base),
            "roma_value",
            points["roma_value_is_rounded"],
        ),
        (series, name["actual"], "value", None),
        (series[series["expected_to_date"].notna()], name["expected"], "expected_to_date", None),
    ]
    if projection:
        last = series.iloc[-1:][["period", "value"]]
        end = {"period": pd.Timestamp(status.target_date)}
        end["value"] = status.projected_value_at_target_date
        parts.append((pd.concat([last, pd.DataFrame([end])]), name["projection"], "value", None))
    frames = []
    for frame, label, column, rounded in parts:
        rounded = [False] * len(frame) if rounded is None else list(rounded)
        months = [format_month(p, lang) for p in frame["period"]]
        if label == name["projection"]:
            months[-1] = format_date(status.target_date, lang)
        shown = [
            format_count(v, False, lang, r) for v, r in zip(frame[column], rounded, strict=True)
        ]
        frames.append(
            pd.DataFrame(
                {"period": list(frame["period"]), "series": label, "value": list(frame[column])}
                | {"month": months, "shown": shown}
            )
        )
    return pd.concat(frames, ignore_index=True)


def trajectory_chart(
    series: pd.DataFrame,
    indicator: pd.Series,
    status: q.IndicatorStatus | None,
    filters: Filters,
    lang: str,
    base: int = 5,
) -> alt.LayerChart:
    """Actual (solid), target trajectory (dashed), projection (dotted), the target (rule) and
    the Roma figure at the months it describes (quarter ends; green, points joined)."""
    projection = show_projection(status, filters)
    data = chart_rows(series, status, projection, lang, base)
    names = {
        name: t(f"measure.series.{name}", lang)
        for name in ("actual", "expected", "projection", "target")
    }
    show_target = filters.region is None and bool(indicator["has_target"])
    domain, colours, dashes = [names["actual"]], [ACTUAL_COLOUR], [[1, 0]]
    if (data["series"] == names["expected"]).any():
        domain, colours, dashes = (
            domain + [names["expected"]],
            colours + [EXPECTED_COLOUR],
            dashes + [[6, 4]],
        )
    if projection:
        domain, colours, dashes = (
            domain + [names["projection"]],
            colours + [PROJECTION_COLOUR],
            dashes + [[2, 3]],
        )
    if show_target:
        domain, colours, dashes = (
            domain + [names["target"]],
            colours + [TARGET_COLOUR],
            dashes + [[2, 2]],
        )
    roma = roma_series_name(series, lang, base)
    if (data["series"] == roma).any():
        domain, colours, dashes = domain + [roma], colours + [ROMA_COLOUR], dashes + [[1, 0]]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=domain, range=colours),
        legend=alt.Legend(orient="bottom", labelLimit=400),
    )
    dash = alt.StrokeDash(
        "series:N", title=None, legend=None, scale=alt.Scale(domain=domain, range=dashes)
    )
    tooltip = [
        alt.Tooltip("month:N", title=t("measure.chart.month", lang)),
        alt.Tooltip("series:N", title=t("measure.chart.series", lang)),
        alt.Tooltip("shown:N", title=t("measure.chart.value", lang)),
    ]
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X(
                "period:T",
                title=t("measure.chart.month", lang),
                axis=alt.Axis(format="%b %Y", labelAngle=0),
            ),
            y=alt.Y("value:Q", title=t("measure.chart.value", lang)),
            color=colour,
            strokeDash=dash,
            tooltip=tooltip,
        )
    )
    layers = [lines]
    if show_target:
        target = pd.DataFrame(
            [
                {
                    "value": indicator["target_value"],
                    "series": names["target"],
                    "month": format_date(indicator["target_date"], lang),
                    "shown": format_goal(indicator, lang),
                }
            ]
        )
        layers.append(
            alt.Chart(target)
            .mark_rule(strokeWidth=1.5)
            .encode(y="value:Q", color=colour, strokeDash=dash, tooltip=tooltip)
        )
    return alt.layer(*layers).properties(height=360).configure(locale=vega_locale(lang))


def render_chart(
    series: pd.DataFrame,
    indicator: pd.Series,
    status: q.IndicatorStatus | None,
    filters: Filters,
    area: str,
    lang: str,
    base: int = 5,
) -> None:
    against_target = filters.region is None and bool(indicator["has_target"])
    st.subheader(
        t("measure.chart_header" if against_target else "measure.chart_series_header", lang)
    )
    last = series.iloc[-1]
    alt_text = t(
        "measure.chart_alt",
        lang,
        indicator=localized(indicator, lang),
        area=area,
        month=format_month(last["period"], lang),
        value=format_number(last["value"], lang),
        target=format_goal(indicator, lang),
    )
    st.altair_chart(
        trajectory_chart(series, indicator, status, filters, lang, base),
        width="stretch",
        alt=alt_text,
    )
    if not roma_points(series).empty and series["roma_value_is_rounded"].astype(bool).any():
        st.caption(t("measure.chart_roma_note", lang, series=roma_series_name(series, lang, base)))
    if show_projection(status, filters):
        st.caption(
            t(
                "measure.projection_note",
                lang,
                value=amount(last["value"], indicator["unit"], lang),
                pace=amount(status.current_pace_per_month, indicator["unit"], lang, Kind.PACE),
                date=format_date(status.target_date, lang),
                projected=amount(status.projected_value_at_target_date, indicator["unit"], lang),
            )
        )
    elif status is not None and bool(indicator["has_target"]):
        st.caption(t("measure.projection_hidden", lang))


# --- breakdowns ------------------------------------------------------------------------------


def dimension_label(breakdown: str, indicator: pd.Series, lang: str) -> str:
    if breakdown == "category":
        name = text_or_none(indicator.get(f"category_name_{lang}"))
        if name:
            return name[0].upper() + name[1:]
    return t(f"measure.dim.{breakdown}", lang)


def group_label(row: pd.Series, lang: str) -> str:
    if row["breakdown"] == "category":
        return text_or_none(row.get(f"label_{lang}")) or str(row["breakdown_value"])
    return label_or_value(
        f"measure.{row['breakdown']}.{row['breakdown_value']}", str(row["breakdown_value"]), lang
    )


def render_breakdowns(
    breakdowns: pd.DataFrame, indicator: pd.Series, area: str, lang: str, base: int
) -> ViewTable | None:
    """One table of the breakdowns and one of the Roma figure beside the ethnicity coverage;
    returns the typed frame for the downloads."""
    st.subheader(t("measure.breakdowns_header", lang))
    if breakdowns.empty:
        st.info(t("measure.breakdowns_empty", lang))
        return None
    st.caption(
        t(
            "measure.breakdowns_period",
            lang,
            month=format_month(breakdowns["period"].iloc[0], lang),
            area=area,
        )
    )
    with_denominator = text_or_none(indicator.get("denominator_indicator_code")) is not None
    frame = breakdowns.assign(
        dimension_label=[
            t("measure.roma_header", lang)
            if b == "ethnicity"
            else dimension_label(b, indicator, lang)
            for b in breakdowns["breakdown"]
        ],
        group_label=[group_label(r, lang) for _, r in breakdowns.iterrows()],
        is_share_suppressed=breakdowns["is_suppressed"] | breakdowns["is_denominator_suppressed"],
        unit=indicator["unit"],
    )
    ratio = ("denominator", "share") if with_denominator else ()
    groups = frame[frame["breakdown"] != "ethnicity"]
    roma = frame[frame["breakdown"] == "ethnicity"]
    if not groups.empty:
        view = BREAKDOWNS.only("dimension", "group", "value", *ratio)
        st.table(view.screen(groups, lang), hide_index=True)
    if not roma.empty:
        st.markdown(f"**{t('measure.roma_header', lang)}**")
        view = BREAKDOWNS.only("value", *ratio, "coverage").relabel("value", "measure.col.roma")
        st.table(view.screen(roma.head(1), lang), hide_index=True)
        st.caption(t("roma.lower_bound_table", lang))
        for legend in view.legends(roma.head(1), lang, base):
            st.caption(legend)
    return BREAKDOWNS.table(frame, lang)


# --- results on leaving ----------------------------------------------------------------------


def results_chart(results: pd.DataFrame, lang: str) -> alt.Chart:
    timings = [t(f"measure.timing.{code}", lang) for code in TIMING_COLOURS]
    data = pd.DataFrame(
        {
            "outcome": [t(f"measure.outcome.{o}", lang) for o in results["outcome"]],
            "timing": [t(f"measure.timing.{w}", lang) for w in results["timing"]],
            "share": results["share"],
            "shown": [format_percent(v, lang) for v in results["share"]],
        }
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("outcome:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)),
            yOffset=alt.YOffset("timing:N", sort=timings),
            x=alt.X(
                "share:Q", title=t("measure.col.share_of_leavers", lang), axis=alt.Axis(format="%")
            ),
            color=alt.Color(
                "timing:N",
                title=None,
                scale=alt.Scale(domain=timings, range=list(TIMING_COLOURS.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("outcome:N", title=t("measure.col.outcome", lang)),
                alt.Tooltip("timing:N", title=t("measure.col.timing", lang)),
                alt.Tooltip("shown:N", title=t("measure.col.share_of_leavers", lang)),
            ],
        )
        .properties(height=220)
        .configure(locale=vega_locale(lang))
    )


def render_results(results: pd.DataFrame, area: str, lang: str, base: int) -> ViewTable:
    """Employed / in education / job searching, on leaving and six months after, as shares of
    the leavers; Roma beside the ethnicity coverage."""
    st.subheader(t("measure.results_header", lang))
    month = format_month(results["period"].max(), lang)
    st.altair_chart(
        results_chart(results, lang),
        width="stretch",
        alt=t("measure.results_alt", lang, area=area, month=month),
    )
    st.table(RESULTS.screen(results, lang), hide_index=True)
    st.caption(t("measure.results_caption", lang, month=month, area=area))
    st.caption(t("roma.lower_bound_table", lang))
    for legend in RESULTS.legends(results, lang, base):
        st.caption(legend)
    return RESULTS.table(results, lang)


# --- page ------------------------------------------------------------------------------------


def file_stem(code: str, filters: Filters) -> str:
    month = f"{filters.period:%Y-%m}" if filters.period else "latest"
    return f"measure_{code}_{filters.geo_code}_{month}"


def main() -> None:
    lang = current_lang()
    filters = current_filters()
    st.title(t("measure.title", lang))
    ind_path = app_data.snapshot_path("indicators")
    if ind_path is None:
        st.info(t("empty.no_data", lang), icon=":material/info:")
        return
    indicators = app_data.fetch(ind_path, "measure_indicators", filters.measure)
    if indicators.empty:
        st.info(t("measure.empty", lang))
        return

    indicator = choose_indicator(indicators, filters, lang)
    code = str(indicator["indicator_code"])
    render_header(indicator, lang)
    area = app_data.area_name(ind_path, filters.geo_code, lang)
    series = app_data.fetch(
        ind_path, "indicator_trajectory", code, filters.geo_code, filters.period
    )
    tables: dict[str, ViewTable] = {}
    if series.empty:
        key = "measure.no_area_data" if filters.region is not None else "empty.no_indicator_data"
        st.info(t(key, lang, area=area))
        app_exports.render_downloads(tables, lang, file_stem(code, filters))
        return

    base = app_data.rounding_base(ind_path)
    status = app_data.fetch(ind_path, "indicator_status", code, filters.period)
    current = series.iloc[-1]
    render_figures(current, indicator, indicators, filters, area, lang)
    render_status(status, indicator, filters, lang)
    render_roma(current, indicator, lang, base)
    render_chart(series, indicator, status, filters, area, lang, base)
    tables[t("measure.sheet_series", lang)] = SERIES.table(series, lang)

    breakdowns = app_data.fetch(
        ind_path, "indicator_breakdowns", code, filters.period, filters.geo_code
    )
    exported = render_breakdowns(breakdowns, indicator, area, lang, base)
    if exported is not None:
        tables[t("measure.sheet_breakdowns", lang)] = exported

    results = app_data.fetch(
        ind_path, "results_on_leaving", str(indicator["sam"]), filters.period, filters.geo_code
    )
    if not results.empty:
        tables[t("measure.sheet_results", lang)] = render_results(results, area, lang, base)
    app_exports.render_downloads(tables, lang, file_stem(code, filters))


main()
