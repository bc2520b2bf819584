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

from dataclasses import asdict

import altair as alt
import app_exports
import app_ui
import pandas as pd
import streamlit as st
from app_style import STATUS_STYLE, localised, series_style, text_or_none, tooltip
from app_ui import INDICATOR_KEY, Filters, Page, bold, captions, start_page

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    MISSING,
    Kind,
    format_cell,
    format_count,
    format_date,
    format_month,
    format_number,
    format_percent,
    is_missing,
)
from roma_monitor.serve.i18n import localized, sam_label, t
from roma_monitor.serve.viewmodel import Column, ViewTable
from roma_monitor.serve.views import (
    BREAKDOWNS,
    FIGURES,
    RESULTS,
    ROMA,
    SERIES,
    status_key,
    status_label,
    target_legend,
)

Status = q.IndicatorStatus | None
REMEMBERED = "_measure_indicator"  # survives a visit to another page (widget state does not)

# Okabe-Ito colours; lines also differ by dash, statuses carry an icon and a word.
ACTUAL_COLOUR = "#0072B2"  # blue
EXPECTED_COLOUR = "#E69F00"  # orange
PROJECTION_COLOUR = "#CC79A7"  # reddish purple
TARGET_COLOUR = "#000000"
ROMA_COLOUR = "#009E73"  # bluish green
TIMING_COLOURS = {"ON_LEAVING": "#0072B2", "6M": "#E69F00"}


def shown(row: dict, lang: str, *keys: str) -> dict[str, str]:
    """Key figures of ``row`` (``views.FIGURES``: value, target, pace, …) as the screen writes
    them, for the sentences around the chart."""
    table = FIGURES.only(*keys).table(pd.DataFrame([row]), lang, screen=True)
    return {c.key: c.shown(lang)[0] for c in table.columns}


# --- choosing the indicator ------------------------------------------------------------------


def choose_indicator(indicators: pd.DataFrame, filters: Filters, lang: str) -> pd.Series:
    """A select box of the measure's indicators, kept in the URL as ``?indicator=``."""
    codes = list(indicators["indicator_code"].astype(str))
    if INDICATOR_KEY not in st.session_state and st.session_state.get(REMEMBERED) in codes:
        st.session_state[INDICATOR_KEY] = st.session_state[REMEMBERED]

    def label(row: pd.Series) -> str:
        name = localized(row, lang)
        if filters.measure is None:
            name = f"{sam_label(row['sam'], lang)} · {name}"
        if not bool(row["has_data"]):
            name += f" {t('measure.no_data_suffix', lang)}"
        return name

    # by default the measure's headline indicator: the catalogue query puts it first
    indicator = app_ui.choose_indicator(indicators, t("measure.indicator", lang), label, codes[0])
    st.session_state[REMEMBERED] = str(indicator["indicator_code"])
    return indicator


def render_header(indicator: pd.Series, lang: str) -> None:
    """Name, measure, definition and the counting rule in one line, and the methodology link."""
    st.subheader(localized(indicator, lang))
    key = "measure.caption_platform" if indicator["sam"] == "platform" else "measure.caption"
    sam, agency, code = indicator[["sam", "agency", "indicator_code"]]
    st.caption(t(key, lang, sam=sam, agency=agency, code=code))
    definition = text_or_none(indicator.get(f"definition_{lang}"))
    if definition:
        st.caption(definition)
    rule = text_or_none(indicator.get(f"counting_rule_{lang}"))
    if rule:
        # after the colon the rule goes on in lower case ("…: katrs …"); an acronym stays
        rule = rule[:1].lower() + rule[1:] if rule[1:2].islower() else rule
        st.caption(t("measure.counting_rule", lang, rule=rule))
    st.page_link(
        "app_pages/methodology.py",
        label=t("measure.methodology_link", lang),
        icon=":material/menu_book:",
    )


# --- key figures -----------------------------------------------------------------------------


def status_badge(status: q.IndicatorStatus, lang: str) -> str:
    """The progress class as an Okabe-Ito coloured label with an icon and a word."""
    row = asdict(status) | {"has_target": True}
    background, colour = STATUS_STYLE[status_key(row)]
    return (
        f'<span style="background-color:{background};color:{colour};font-weight:600;'
        f'padding:0.2em 0.6em;border-radius:0.4em">{status_label(row, lang)}</span>'
    )


def render_figures(current: pd.Series, indicator: pd.Series, page: Page) -> None:
    """Value, target, share, expected to date (or the area's share of Latvia), and the share of
    the denominator when the indicator has one."""
    lang, filters = page.lang, page.filters
    month = format_month(current["period"], lang)
    st.subheader(t("measure.figures_header", lang, area=page.area, month=month))
    has_target = bool(indicator["has_target"])
    denominator_code = text_or_none(indicator.get("denominator_indicator_code"))
    keys = ["value"]
    if filters.region is not None:
        keys += ["share_of_national", "national_value"]
    elif has_target:
        keys += ["target", "share_of_target", "expected"]
    keys += ["share"] if denominator_code else []
    row = pd.DataFrame([{**indicator.to_dict(), **current.to_dict()}])
    cells = FIGURES.only(*keys).table(row, lang, screen=True)
    citation = text_or_none(indicator.get("target_source_citation")) or MISSING
    in_period = format_cell(Kind.AMOUNT, current["value_in_period"], lang, unit=indicator["unit"])
    helps = {
        "value": t("measure.value_help", lang, month=month, in_period=in_period),
        "target": t(
            "measure.target_help",
            lang,
            date=format_date(indicator["target_date"], lang),
            citation=citation,
        ),
        "expected": t("measure.expected_help", lang),
    }
    if denominator_code:
        helps["share"] = t(
            "measure.share_help",
            lang,
            value=format_number(current["value"], lang),
            denominator=format_number(current["denominator"], lang),
            denominator_name=localized(
                indicator, lang, "denominator_name", "denominator_indicator_code"
            ),
        )
    if filters.region is None and not has_target:
        no_target = Column(t("measure.target", lang), Kind.LABEL, (t("measure.no_target", lang),))
        cells = ViewTable((cells.columns[0], no_target, *cells.columns[1:]))
    app_ui.show_metrics(cells, lang, helps)
    if "target" in keys:
        captions(target_legend(row, lang))
    if filters.region is None and not has_target and bool(indicator["is_headline"]):
        st.info(t("measure.no_target_text", lang))
    if filters.region is not None and has_target:
        st.caption(t("measure.region_note", lang))


def render_status(status: Status, indicator: pd.Series, page: Page) -> None:
    """Progress class, current and needed pace and the projection (Latvia, latest data). For
    an area only the class is shown, labelled as Latvia's: national paces beside the area's
    value would read as the area's."""
    lang, filters = page.lang, page.filters
    if not bool(indicator["has_target"]) or status is None:
        return
    label = "measure.status_national" if filters.region is not None else "measure.status"
    st.markdown(f"**{t(label, lang)}:** {status_badge(status, lang)}", unsafe_allow_html=True)
    if filters.region is None:
        row = pd.DataFrame([asdict(status) | {"unit": indicator["unit"]}])
        when = format_date(status.target_date, lang)
        helps = {
            "current_pace": t("measure.current_pace_help", lang),
            "needed_pace": t("measure.needed_pace_help", lang),
            "projected": t("measure.projected_help", lang, date=when),
        }
        paces = FIGURES.only("current_pace", "needed_pace", "projected")
        app_ui.show_metrics(paces.table(row, lang, screen=True), lang, helps)
    st.caption(t("measure.status_latest", lang, month=format_month(status.period, lang)))


def has_roma(current: pd.Series) -> bool:
    return bool(current["roma_value_suppressed"]) or not is_missing(current["roma_value"])


def render_roma(current: pd.Series, indicator: pd.Series, page: Page) -> None:
    """Roma figure always beside the ethnicity coverage, with the lower-bound note and the
    legends of its marks (withheld, rounded, as of the latest quarter end)."""
    lang = page.lang
    if not has_roma(current):
        return
    bold(t("measure.roma_header", lang))
    shares = ("roma_share",) if text_or_none(indicator.get("denominator_indicator_code")) else ()
    cells = ROMA.only("roma", *shares, "coverage").table(current.to_frame().T, lang, screen=True)
    app_ui.show_metrics(cells, lang, {"coverage": t("measure.coverage_help", lang)})
    coverage = cells.column("coverage").shown(lang)[0]
    st.caption(t("roma.lower_bound", lang, coverage=coverage))
    captions(ROMA.legends(current.to_frame().T, lang, page.base))


# --- the series ------------------------------------------------------------------------------


def show_projection(status: Status, filters: Filters) -> bool:
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


def chart_rows(
    series: pd.DataFrame, status: Status, projection: bool, lang: str, base: int
) -> pd.DataFrame:
    """The chart's points: the Roma figure at the months it describes (the mart's
    ``is_roma_point``), the actual series, the target trajectory and, with ``projection``, the
    line from the last value to the target date."""
    name = {k: t(f"measure.series.{k}", lang) for k in ("actual", "expected", "projection")}
    roma = series[series["is_roma_point"].eq(True)]
    expected = series[series["expected_to_date"].notna()]
    roma_name = roma_series_name(series, lang, base)
    parts = [
        roma.assign(series=roma_name, y=roma["roma_value"]),
        series.assign(series=name["actual"], y=series["value"]),
        expected.assign(series=name["expected"], y=expected["expected_to_date"]),
    ]
    if projection:
        last = series.iloc[-1]
        end = {"period": [last["period"], pd.Timestamp(status.target_date)]}
        end |= {"y": [last["value"], status.projected_value_at_target_date]}
        parts.append(pd.DataFrame(end | {"series": name["projection"]}))
    data = pd.concat(parts, ignore_index=True)
    data["month"] = [format_month(p, lang) for p in data["period"]]
    if projection:  # the projection ends on the target date, not in a month
        data.loc[data.index[-1], "month"] = format_date(status.target_date, lang)
    rounded = data["series"].eq(roma_name) & data["roma_value_is_rounded"].eq(True)
    data["shown"] = [
        format_count(v, False, lang, r) for v, r in zip(data["y"], rounded, strict=True)
    ]
    return data[["period", "series", "y", "month", "shown"]].rename(columns={"y": "value"})


def trajectory_chart(
    series: pd.DataFrame, indicator: pd.Series, status: Status, page: Page
) -> alt.LayerChart:
    """Actual (solid), target trajectory (dashed), projection (dotted), the target (rule) and
    the Roma figure at the months it describes (quarter ends; green, points joined)."""
    lang, filters, base = page.lang, page.filters, page.base
    projection = show_projection(status, filters)
    data = chart_rows(series, status, projection, lang, base)
    names = {
        name: t(f"measure.series.{name}", lang)
        for name in ("actual", "expected", "projection", "target")
    }
    show_target = filters.region is None and bool(indicator["has_target"])
    roma = roma_series_name(series, lang, base)
    lines = [  # drawn?, name, colour, dash
        (True, names["actual"], ACTUAL_COLOUR, [1, 0]),
        ((data["series"] == names["expected"]).any(), names["expected"], EXPECTED_COLOUR, [6, 4]),
        (projection, names["projection"], PROJECTION_COLOUR, [2, 3]),
        (show_target, names["target"], TARGET_COLOUR, [2, 2]),
        ((data["series"] == roma).any(), roma, ROMA_COLOUR, [1, 0]),
    ]
    drawn = [line[1:] for line in lines if line[0]]
    style = series_style(*(list(column) for column in zip(*drawn, strict=True)), labelLimit=400)
    tips = tooltip(
        ("month:N", t("measure.chart.month", lang)),
        ("series:N", t("measure.chart.series", lang)),
        ("shown:N", t("measure.chart.value", lang)),
    )
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
            tooltip=tips,
            **style,
        )
    )
    layers = [lines]
    if show_target:
        target = {
            "value": indicator["target_value"],
            "series": names["target"],
            "month": format_date(indicator["target_date"], lang),
            "shown": shown(indicator.to_dict(), lang, "target")["target"],
        }
        layers.append(
            alt.Chart(pd.DataFrame([target]))
            .mark_rule(strokeWidth=1.5)
            .encode(y="value:Q", tooltip=tips, **style)
        )
    return localised(alt.layer(*layers), lang, height=360)


def render_chart(series: pd.DataFrame, indicator: pd.Series, status: Status, page: Page) -> None:
    lang, filters, base = page.lang, page.filters, page.base
    against_target = filters.region is None and bool(indicator["has_target"])
    st.subheader(
        t("measure.chart_header" if against_target else "measure.chart_series_header", lang)
    )
    last = series.iloc[-1]
    # the status's pace and projection, the month's value, the catalogue's target and unit
    row = (asdict(status) if status else {}) | last.to_dict() | indicator.to_dict()
    figures = shown(row, lang, "value", "target", "current_pace", "projected")
    alt_text = t(
        "measure.chart_alt",
        lang,
        indicator=localized(indicator, lang),
        area=page.area,
        month=format_month(last["period"], lang),
        value=format_number(last["value"], lang),
        target=figures["target"],
    )
    st.altair_chart(
        trajectory_chart(series, indicator, status, page),
        width="stretch",
        alt=alt_text,
    )
    if series["is_roma_point"].eq(True).any() and series["roma_value_is_rounded"].eq(True).any():
        st.caption(t("measure.chart_roma_note", lang, series=roma_series_name(series, lang, base)))
    if show_projection(status, filters):
        st.caption(
            t(
                "measure.projection_note",
                lang,
                value=figures["value"],
                pace=figures["current_pace"],
                date=format_date(status.target_date, lang),
                projected=figures["projected"],
            )
        )
    elif status is not None and bool(indicator["has_target"]):
        st.caption(t("measure.projection_hidden", lang))


# --- breakdowns ------------------------------------------------------------------------------


def render_breakdowns(
    breakdowns: pd.DataFrame, indicator: pd.Series, page: Page
) -> ViewTable | None:
    """One table of the breakdowns and one of the Roma figure beside the ethnicity coverage;
    returns the typed frame for the downloads."""
    lang = page.lang
    st.subheader(t("measure.breakdowns_header", lang))
    if breakdowns.empty:
        st.info(t("measure.breakdowns_empty", lang))
        return None
    month = format_month(breakdowns["period"].iloc[0], lang)
    st.caption(t("measure.breakdowns_period", lang, month=month, area=page.area))
    # the indicator's own name for its categories heads the category rows
    names = ("category_name_lv", "category_name_en")
    frame = breakdowns.assign(**{name: indicator.get(name) for name in names})
    with_denominator = text_or_none(indicator.get("denominator_indicator_code")) is not None
    ratio = ("denominator", "share") if with_denominator else ()
    groups = frame[frame["breakdown"] != "ethnicity"]
    roma = frame[frame["breakdown"] == "ethnicity"]
    if not groups.empty:
        view = BREAKDOWNS.only("dimension", "group", "value", *ratio)
        st.table(view.screen(groups, lang), hide_index=True)
    if not roma.empty:
        bold(t("measure.roma_header", lang))
        view = BREAKDOWNS.only("value", *ratio, "coverage").relabel("value", "measure.col.roma")
        st.table(view.screen(roma.head(1), lang), hide_index=True)
        st.caption(t("roma.lower_bound_table", lang))
        captions(view.legends(roma.head(1), lang, page.base))
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
    chart = (
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
            tooltip=tooltip(
                ("outcome:N", t("measure.col.outcome", lang)),
                ("timing:N", t("measure.col.timing", lang)),
                ("shown:N", t("measure.col.share_of_leavers", lang)),
            ),
        )
    )
    return localised(chart, lang, height=220)


def render_results(results: pd.DataFrame, page: Page) -> ViewTable:
    """Employed / in education / job searching, on leaving and six months after, as shares of
    the leavers; Roma beside the ethnicity coverage."""
    lang, area = page.lang, page.area
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
    captions(RESULTS.legends(results, lang, page.base))
    return RESULTS.table(results, lang)


# --- page ------------------------------------------------------------------------------------


def main() -> None:
    page = start_page("measure.title")
    if page is None:
        return
    lang, filters = page.lang, page.filters
    indicators = page.fetch("measure_indicators", filters.measure)
    if indicators.empty:
        st.info(t("measure.empty", lang))
        return

    indicator = choose_indicator(indicators, filters, lang)
    code = str(indicator["indicator_code"])
    render_header(indicator, lang)
    series = page.fetch("indicator_trajectory", code, filters.geo_code, filters.period)
    if series.empty:
        key = "measure.no_area_data" if filters.region is not None else "empty.no_indicator_data"
        st.info(t(key, lang, area=page.area))
        return

    status = page.fetch("indicator_status", code, filters.period)
    current = series.iloc[-1]
    render_figures(current, indicator, page)
    render_status(status, indicator, page)
    render_roma(current, indicator, page)
    render_chart(series, indicator, status, page)
    breakdowns = page.fetch("indicator_breakdowns", code, filters.period, filters.geo_code)
    tables: dict[str, ViewTable | None] = {
        t("measure.sheet_series", lang): SERIES.table(series, lang)
    }
    exported = render_breakdowns(breakdowns, indicator, page)  # None: left out
    tables[t("measure.sheet_breakdowns", lang)] = exported

    sam = str(indicator["sam"])
    results = page.fetch("results_on_leaving", sam, filters.period, filters.geo_code)
    if not results.empty:
        tables[t("measure.sheet_results", lang)] = render_results(results, page)
    app_exports.render_downloads(tables, lang, f"measure_{code}_{filters.geo_code}_{page.month}")


main()
