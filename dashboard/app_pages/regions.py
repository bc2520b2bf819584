"""Regions: one indicator on a map of the 5 planning regions or the 43 municipalities, and the
same figures as a sortable table. A click on the map sets the region filter for every page.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, tables from the views of roma_monitor.serve.views.
"""

from __future__ import annotations

import app_exports
import app_maps
import app_ui
import pandas as pd
import streamlit as st
from app_style import text_or_none
from app_ui import Filters, Page, captions, start_page, url_widget

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import MISSING, format_month, format_number, is_missing
from roma_monitor.serve.i18n import localized, t
from roma_monitor.serve.viewmodel import View, ViewTable
from roma_monitor.serve.views import REGIONS, SUMMARY, area_label, missing_legend

LEVEL_KEY = "level"
LEVELS = (q.PLANNING_REGION, q.MUNICIPALITY)
MAP_KEY = "regions_map"


def choose_indicator(indicators: pd.DataFrame, filters: Filters, lang: str) -> pd.Series:
    """The indicator select box, limited to the measure filter and kept in ``?indicator=``;
    it opens on the measure's headline indicator."""
    first = str(indicators["indicator_code"].iloc[0])
    default = q.headline_indicator(indicators, filters.measure) or first
    return app_ui.choose_indicator(
        indicators, t("regionmap.indicator", lang), lambda row: localized(row, lang), default
    )


def choose_level(lang: str) -> str:
    """Planning regions or municipalities, kept in ``?level=`` (planning regions by default)."""
    return url_widget(
        st.radio,
        LEVEL_KEY,
        list(LEVELS),
        LEVELS[0],
        t("regionmap.level", lang),
        format_func=lambda v: t(f"regionmap.level.{v}", lang),
        horizontal=True,
    )


def render_area_summary(area: pd.DataFrame, indicator: pd.Series, lang: str, base: int) -> None:
    """The selected area's figures (Latvia by default): value, share of the national value or
    of the target (national only), and Roma beside the ethnicity coverage."""
    if area.empty:
        return
    row = area.iloc[0]
    st.subheader(area_label(row, lang))
    is_country = row["geo_level"] == q.COUNTRY
    keys = ["value", "share_of_target" if is_country else "share"]
    if is_country and is_missing(row["share_of_target"]):
        keys.pop()
    if bool(indicator.get("has_ethnicity")):
        keys += ["roma", "coverage"]
    cells = SUMMARY.only(*keys).table(area.iloc[[0]], lang, screen=True)
    app_ui.show_metrics(cells, lang)
    if not is_country and bool(indicator.get("has_target")):
        st.caption(t("regionmap.target_national_only", lang))
    if bool(indicator.get("has_ethnicity")):
        coverage = cells.column("coverage").shown(lang)[0]
        st.caption(t("roma.lower_bound", lang, coverage=coverage))
        captions(SUMMARY.legends(area.iloc[[0]], lang, base))


def map_fields(
    figures: pd.DataFrame, lang: str, with_roma: bool
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Each area's tooltip texts, as the table shows them, and the tooltip's (field, header)."""
    screen = REGIONS.table(figures, lang, screen=True)
    keys = ["value", "share", *(["roma", "coverage"] if with_roma else [])]
    columns = {f"shown_{key}": screen.column(key) for key in keys}
    shown = figures[["geo_code", "value"]].assign(**{n: c.shown(lang) for n, c in columns.items()})
    headers = [(name, column.header) for name, column in columns.items()]
    return shown, [("name", t("regionmap.col.area", lang)), *headers]


def render_map(figures: pd.DataFrame, indicator: pd.Series, level: str, page: Page) -> None:
    lang, filters = page.lang, page.filters
    st.subheader(t("regionmap.map_header", lang))
    shown, tooltip = map_fields(figures, lang, bool(indicator.get("has_ethnicity")))
    spec = app_maps.map_spec(
        shown,
        level,
        lang,
        tooltip=tooltip,
        value_title=t("regionmap.col.value", lang),
        no_data_label=t("regionmap.no_data", lang),
        selected=filters.region,
    )
    first = figures[figures["value_rank"].eq(1)]  # dbt's place by value (ties: the first area)
    top = first.iloc[0] if not first.empty else None
    alt_text = t(
        "regionmap.map_alt",
        lang,
        indicator=localized(indicator, lang),
        level=t(f"regionmap.level.{level}", lang),
        month=format_month(figures["period"].iloc[0], lang),
        top=area_label(top, lang) if top is not None else MISSING,
        value=format_number(top["value"], lang) if top is not None else MISSING,
    )
    app_maps.render_map(spec, MAP_KEY, alt_text, lang)
    st.caption(t("regionmap.click_hint", lang))
    if filters.region:
        st.caption(t("regionmap.selected", lang, area=page.area))


def rows_in_selection(
    figures: pd.DataFrame, filters: Filters, level: str, geography: pd.DataFrame
) -> pd.DataFrame:
    """The table's rows: every area, or those within the region filter (a municipality's own
    planning region on the region level)."""
    if not filters.region:
        return figures
    if filters.region_level == q.PLANNING_REGION:
        keep = figures["planning_region_code"] == filters.region
    elif level == q.MUNICIPALITY:
        keep = figures["geo_code"] == filters.region
    else:
        region = geography.loc[geography["geo_code"] == filters.region, "planning_region_code"]
        keep = figures["geo_code"].isin(list(region))
    return figures[keep.fillna(False).astype(bool)]


def region_view(level: str, with_roma: bool) -> View:
    """The table's columns: the planning region beside a municipality, Roma when published."""
    view = REGIONS if level == q.MUNICIPALITY else REGIONS.without("region")
    return view if with_roma else view.without("roma", "coverage")


def render_table_section(
    figures: pd.DataFrame, indicator: pd.Series, level: str, geography: pd.DataFrame, page: Page
) -> ViewTable:
    """The map's figures as a sortable table (within the region filter) with the notes that
    qualify them; returns the table as exported."""
    lang, filters = page.lang, page.filters
    st.subheader(t("regionmap.table_header", lang))
    with_roma = bool(indicator.get("has_ethnicity"))
    regions = geography[geography["geo_level"] == q.PLANNING_REGION]
    region_names = {r["geo_code"]: area_label(r, lang) for r in regions.to_dict("records")}
    rows = rows_in_selection(figures, filters, level, geography)
    if filters.region:
        st.caption(t("regionmap.table_filtered", lang, area=page.area))
    rows = rows.assign(region_name=[region_names.get(c, c) for c in rows["planning_region_code"]])
    view = region_view(level, with_roma)
    screen = view.table(rows, lang, screen=True)
    app_ui.grid(screen, lang)
    notes = [t("regionmap.mapping_note", lang), t("regionmap.per_capita_note", lang)]
    if with_roma:
        notes.append(t("roma.lower_bound_table", lang))
        notes += view.legends(rows, lang, page.base)
    notes += missing_legend(screen, lang)
    captions(notes)
    return view.table(rows, lang)


def main() -> None:
    page = start_page("regionmap.title")
    if page is None:
        return
    lang, filters = page.lang, page.filters
    indicators = page.fetch("map_indicators", filters.measure)
    if indicators.empty:
        st.info(t("regionmap.no_indicators", lang))
        return

    cols = st.columns([3, 2])
    with cols[0]:
        indicator = choose_indicator(indicators, filters, lang)
    with cols[1]:
        level = choose_level(lang)
    code = str(indicator["indicator_code"])
    sam, agency = (text_or_none(indicator.get(key)) or MISSING for key in ("sam", "agency"))
    st.caption(t("regionmap.indicator_caption", lang, sam=sam, agency=agency, code=code))
    figures = page.fetch("region_map_figures", code, level, filters.period)
    if figures.empty or not figures["has_data"].astype(bool).any():
        st.info(t("regionmap.no_period_data", lang, month=format_month(filters.period, lang)))
        return
    st.caption(t("regionmap.period", lang, month=format_month(figures["period"].iloc[0], lang)))

    area = page.fetch("area_figures", code, filters.geo_code, filters.period)
    render_area_summary(area, indicator, lang, page.base)
    render_map(figures, indicator, level, page)
    table = render_table_section(figures, indicator, level, page.fetch("list_geography"), page)
    month = f"{figures['period'].iloc[0]:%Y-%m}"
    app_exports.render_downloads(
        {t("regionmap.sheet", lang): table}, lang, f"regions_{code}_{level}_{month}"
    )


main()
