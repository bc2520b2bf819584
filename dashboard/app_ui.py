"""UI state shared by the entry file and the pages: language, the filters, the footer.

Filters live in the URL. The language switch and the three filters (measure, region, period)
are widgets of the entry file kept in step with query parameters, so a link with
``?lang=en&measure=8.3.3&region=LATGALE&period=2021-06`` opens that view on any page, and the
parameters are written back after every page switch. A filter at its default (all measures,
Latvia, latest month) is left out of the URL. Pages read the resolved filters with
``current_filters()``; a page that wants to change one (a click on the map) calls
``select_region`` from a widget callback.

Streamlit's own ``bind="query-params"`` is not used: it puts the *displayed label* in the URL,
which differs by language, so a link would not survive the language switch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import app_data
import pandas as pd
import streamlit as st

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import DEFAULT_LANG, LANGS, format_month, normalise_lang
from roma_monitor.serve.i18n import LANGUAGE_NAMES, boundaries_attribution, t
from roma_monitor.serve.viewmodel import ViewTable

LANG_KEY = "lang"  # both the session-state key of the widget and the query parameter
MEASURE_KEY = "measure"
REGION_KEY = "region"
PERIOD_KEY = "period"
URL_PARAMS = (LANG_KEY, MEASURE_KEY, REGION_KEY, PERIOD_KEY)
ALL_MEASURES = "all"
COUNTRY_CODE = "LV"
FILTERS_STATE = "_filters"


@dataclass(frozen=True)
class Filters:
    """What the sidebar filters select. ``measure`` is a SAM code (``"9.1.4.4"``,
    ``"platform"``) or None for all; ``region`` a planning-region code (``"LATGALE"``), an
    ATVK 2021 municipality code or None for Latvia; ``period`` the month figures are shown as
    of (None when nothing is published)."""

    measure: str | None = None
    region: str | None = None
    region_level: str = q.COUNTRY
    period: date | None = None
    latest_period: date | None = None

    @property
    def geo_code(self) -> str:
        return self.region or COUNTRY_CODE

    @property
    def is_latest(self) -> bool:
        return self.period is None or self.period == self.latest_period


def _seed_from_url(key: str, options: list[str], default: str) -> None:
    """Before drawing widget ``key``: a URL value this session did not write itself (a shared
    link, an edited address, AppTest's query_params) wins; otherwise the session's value stays;
    an unknown value falls back to ``default``."""
    requested = st.query_params.get(key)
    if requested in options and requested != st.session_state.get(f"_url_{key}"):
        st.session_state[key] = requested
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def _write_to_url(key: str, value: str, default: str) -> None:
    st.session_state[f"_url_{key}"] = value
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def init_language() -> str:
    """The language switch (URL ``?lang=`` wins, then this session's choice, then Latvian).
    ``?lang=`` stays in the URL even for Latvian, so a shared link keeps its language."""
    _seed_from_url(LANG_KEY, list(LANGS), DEFAULT_LANG)
    lang = st.sidebar.radio(
        t("sidebar.language", st.session_state[LANG_KEY]),
        options=list(LANGS),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_KEY,
        horizontal=True,
    )
    _write_to_url(LANG_KEY, lang, default="")
    return normalise_lang(lang)


def current_lang() -> str:
    return normalise_lang(st.session_state.get(LANG_KEY))


def _region_label(geography: pd.DataFrame, lang: str):
    names = {
        row.geo_code: (
            getattr(row, f"geo_name_{lang}") or row.geo_code,
            row.geo_level,
        )
        for row in geography.itertuples(index=False)
    }

    def label(code: str) -> str:
        name, level = names.get(code, (code, q.COUNTRY))
        return f"· {name}" if level == "municipality" else name

    return label


def init_filters(lang: str, indicators_path: str | None) -> Filters:
    """Draw the measure, region and period filters in the sidebar and return what they select.
    With nothing published there is nothing to filter: the defaults are returned."""
    measures = app_data.fetch(indicators_path, "list_measures")
    geography = app_data.fetch(indicators_path, "list_geography")
    periods = app_data.fetch(indicators_path, "list_periods")
    if indicators_path is None or measures.empty:
        filters = Filters()
        st.session_state[FILTERS_STATE] = filters
        return filters

    st.sidebar.subheader(t("filters.header", lang))
    by_sam = {row.sam: row for row in measures.itertuples(index=False)}

    def measure_label(sam: str) -> str:
        if sam == ALL_MEASURES:
            return t("filters.all_measures", lang)
        row = by_sam[sam]
        if sam == "platform":
            return t("filters.platform", lang, agency=row.agency)
        return t("filters.measure_label", lang, sam=sam, agency=row.agency)

    measure_options = [ALL_MEASURES, *by_sam]
    _seed_from_url(MEASURE_KEY, measure_options, ALL_MEASURES)
    measure = st.sidebar.selectbox(
        t("filters.measure", lang),
        options=measure_options,
        format_func=measure_label,
        key=MEASURE_KEY,
    )
    _write_to_url(MEASURE_KEY, measure, ALL_MEASURES)

    codes = list(geography["geo_code"]) or [COUNTRY_CODE]
    _seed_from_url(REGION_KEY, codes, COUNTRY_CODE)
    region = st.sidebar.selectbox(
        t("filters.region", lang),
        options=codes,
        format_func=_region_label(geography, lang),
        key=REGION_KEY,
    )
    _write_to_url(REGION_KEY, region, COUNTRY_CODE)
    levels = dict(zip(geography["geo_code"], geography["geo_level"], strict=True))

    period = latest = periods[-1] if periods else None
    if len(periods) > 1:
        months = [f"{p:%Y-%m}" for p in periods]
        _seed_from_url(PERIOD_KEY, months, months[-1])
        chosen = st.sidebar.select_slider(
            t("filters.period", lang),
            options=months,
            format_func=lambda month: format_month(month, lang),
            key=PERIOD_KEY,
        )
        _write_to_url(PERIOD_KEY, chosen, months[-1])
        period = date(int(chosen[:4]), int(chosen[5:7]), 1)

    filters = Filters(
        measure=None if measure == ALL_MEASURES else measure,
        region=None if region == COUNTRY_CODE else region,
        region_level=levels.get(region, q.COUNTRY),
        period=period,
        latest_period=latest,
    )
    st.session_state[FILTERS_STATE] = filters
    return filters


def current_filters() -> Filters:
    """The filters the entry file resolved for this run."""
    return st.session_state.get(FILTERS_STATE, Filters())


def select_region(code: str | None) -> None:
    """Set the region filter from a page (call it from a widget callback, e.g. a map click)."""
    st.session_state[REGION_KEY] = code or COUNTRY_CODE


def render_footer(lang: str) -> None:
    st.divider()
    st.caption(t("footer.product", lang))
    st.caption(boundaries_attribution(lang))


def show_metrics(cells: ViewTable, lang: str, helps: dict[str, str | None] | None = None) -> None:
    """A view's one-row table (``View.table(frame, lang, screen=True)``) as metrics side by
    side; ``helps``: a column key's help text."""
    helps = helps or {}
    for col, cell in zip(st.columns(len(cells.columns)), cells.columns, strict=True):
        col.metric(cell.header, cell.shown(lang)[0], help=helps.get(cell.key))
