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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import app_data
import pandas as pd
import streamlit as st

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    DEFAULT_LANG,
    LANGS,
    MISSING,
    format_month,
    normalise_lang,
)
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
INDICATOR_KEY = "indicator"  # the indicator a page shows: widget key and URL parameter


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


def url_widget(
    widget: Callable[..., Any], key: str, options: list[str], default: str, label: str, **kwargs
) -> str:
    """A select widget (``st.selectbox``, ``st.radio``, …) kept in the URL parameter ``key``
    (also its session-state key); the default value is left out of the URL."""
    _seed_from_url(key, options, default)
    value = widget(label, options=options, key=key, **kwargs)
    _write_to_url(key, value, default)
    return value


def choose_indicator(
    indicators: pd.DataFrame, label: str, describe: Callable[[pd.Series], str], default: str
) -> pd.Series:
    """A select box of ``indicators`` (their rows' ``describe``) kept in ``?indicator=``, a
    parameter the measure and regions pages share."""
    by_code = {str(row["indicator_code"]): row for _, row in indicators.iterrows()}
    code = url_widget(
        st.selectbox,
        INDICATOR_KEY,
        list(by_code),
        default,
        label,
        format_func=lambda code: describe(by_code[code]),
    )
    return by_code[code]


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

    measure = url_widget(
        st.sidebar.selectbox,
        MEASURE_KEY,
        [ALL_MEASURES, *by_sam],
        ALL_MEASURES,
        t("filters.measure", lang),
        format_func=measure_label,
    )
    region = url_widget(
        st.sidebar.selectbox,
        REGION_KEY,
        list(geography["geo_code"]) or [COUNTRY_CODE],
        COUNTRY_CODE,
        t("filters.region", lang),
        format_func=_region_label(geography, lang),
    )
    levels = dict(zip(geography["geo_code"], geography["geo_level"], strict=True))

    period = latest = periods[-1] if periods else None
    if len(periods) > 1:
        months = [f"{p:%Y-%m}" for p in periods]
        chosen = url_widget(
            st.sidebar.select_slider,
            PERIOD_KEY,
            months,
            months[-1],
            t("filters.period", lang),
            format_func=lambda month: format_month(month, lang),
        )
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


# --- what every page shares ------------------------------------------------------------------

GRID = {"hide_index": True, "width": "stretch", "placeholder": MISSING}  # an empty cell: –


@dataclass(frozen=True)
class Page:
    """What a page reads: its language, the filters and the indicators snapshot of this
    session (None when nothing is published or the role may not read it)."""

    lang: str
    filters: Filters
    path: str | None

    @property
    def ops_path(self) -> str | None:
        return app_data.snapshot_path("operations")

    @property
    def area(self) -> str:
        """The region filter's area in the page's language (Latvia by default)."""
        return app_data.area_name(self.path, self.filters.geo_code, self.lang)

    @property
    def base(self) -> int:
        """The base the snapshot's Roma counts are rounded to."""
        return app_data.rounding_base(self.path)

    @property
    def month(self) -> str:
        """The period filter's month in file names (``latest`` without one)."""
        return f"{self.filters.period:%Y-%m}" if self.filters.period else "latest"

    def fetch(self, query: str, *args: Any) -> Any:
        """``app_data.fetch`` on the indicators snapshot."""
        return app_data.fetch(self.path, query, *args)

    def no_data(self) -> None:
        st.info(t("empty.no_data", self.lang), icon=":material/info:")


def start_page(
    title: str, intro: str | None = None, *, needs_indicators: bool = True
) -> Page | None:
    """A page's title (and intro caption) and what it reads. Without an indicators snapshot the
    page says there are no data and gets None, unless it reads the operations snapshot too
    (``needs_indicators=False``) and decides itself."""
    page = Page(current_lang(), current_filters(), app_data.snapshot_path("indicators"))
    st.title(t(title, page.lang))
    if intro:
        st.caption(t(intro, page.lang))
    if page.path is None and needs_indicators:
        page.no_data()
        return None
    return page


def captions(texts: Iterable[str]) -> None:
    """Each text (a note, a legend) as a caption of its own."""
    for text in texts:
        st.caption(text)


def bold(text: str) -> None:
    """A minor heading inside a section."""
    st.markdown(f"**{text}**")


def grid(
    table: ViewTable, lang: str, container: Any = st, config: Mapping[str, Any] | None = None
) -> None:
    """A view's screen table as a sortable grid across the page, an empty cell shown as –."""
    import app_maps  # here, not at the top: app_maps imports this module (select_region)

    app_maps.show_view(table, lang, container, config, **GRID)
