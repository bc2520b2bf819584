"""Presentation shared by the dashboard pages: colours, status styles, the charts' locale and
the small number and text helpers every page needs (pages cannot import one another)."""

from __future__ import annotations

import re
from typing import Any

import altair as alt
from babel.dates import get_day_names, get_month_names

from roma_monitor.serve.formatting import LOCALES, MISSING, NBSP, is_missing
from roma_monitor.serve.style import STATUS_STYLE  # noqa: F401  (re-exported for the pages)


def text_or_none(value: object) -> str | None:
    return None if is_missing(value) or not str(value).strip() else str(value)


def literal(value: object, also: str = "") -> str:
    """Free text (a load message, catalogue text) shown as it is inside Markdown: no Markdown
    or LaTeX in it takes effect (``also``: more characters to escape, e.g. ":" for emoji
    shortcodes); a blank or missing one is "–"."""
    if text_or_none(value) is None:
        return MISSING
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|~$" + also else c for c in str(value))


def markdown_cell(value: object) -> object:
    """st.table renders cells as Markdown: keep ``> 3 000`` a target (not a quote), ``-2`` a
    number (not a bullet) and ``2022. gada decembris`` a month (not a numbered list)."""
    if not isinstance(value, str):
        return value
    value = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", value)
    return re.sub(r"^([>#+*-])", r"\\\1", value)


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


# A legend below a chart with one entry per planning region: two columns and whole labels
# ("Kurzemes plānošanas reģions" is ~190 px), so it fits a chart half the page wide.
REGION_LEGEND = {"orient": "bottom", "columns": 2, "labelLimit": 0}


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of an Altair chart, without re-validating it against the Vega-Lite
    JSON schema (st.altair_chart does on every rerun; ~20 ms a chart on the platform page).
    The charts are fixed code paths; pages build their specs once per data and language
    (``app_data.derived``) and draw them with st.vega_lite_chart."""
    return chart.to_dict(validate=False)


def tooltip(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    """A chart's tooltip: each (field, title), e.g. ``("month:N", "Mēnesis")``."""
    return [alt.Tooltip(field, title=title) for field, title in fields]


def series_style(
    domain: list[str],
    colours: list[str],
    dashes: list[list[int]],
    title: str | None = None,
    **legend: Any,
) -> dict[str, Any]:
    """The ``color`` and ``strokeDash`` encodings of lines by ``series``: each line its own
    colour and dash (never colour alone), named in one legend below the chart."""
    return {
        "color": alt.Color(
            "series:N",
            title=title,
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(orient="bottom", **legend),
        ),
        "strokeDash": alt.StrokeDash(
            "series:N", title=None, legend=None, scale=alt.Scale(domain=domain, range=dashes)
        ),
    }


def localised(chart: alt.TopLevelMixin, lang: str, height: int) -> alt.TopLevelMixin:
    """The chart ``height`` px high, its axes in the page's language."""
    return chart.properties(height=height).configure(locale=vega_locale(lang))
