"""Methodology: every indicator's definition, counting rule, source and target source, the
milestones, the suppression rule, the progress method and the baseline context.

Generated from the published catalogue (``dim_indicators``, the ``ref_*`` tables and
``fct_indicator_status.status_method``), never written a second time. Names, definitions and
counting rules and notes are shown in the page's language; citations (quotations of the report
with their location) are shown as they are.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting.
"""

from __future__ import annotations

import re
from typing import Any

import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_ui import current_filters, current_lang

from roma_monitor.serve.formatting import (
    MISSING,
    NBSP,
    ROUNDED_MARK,
    WITHHELD_MARK,
    format_date,
    format_number,
    format_target,
    is_missing,
    to_date,
)
from roma_monitor.serve.i18n import STRINGS, roma_legends, sam_label, t, tn

# fct_indicator_status.status_method is English prose written by dbt; each known method is shown
# from its translated UI string (methodology.status_method.<key>), recognised by its opening.
STATUS_METHODS = {"Open SDG / Statistics Canada progress classes": "open_sdg"}

# Characters that would turn catalogue text into Markdown/LaTeX/emoji on screen.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:])")


# --- small formatters --------------------------------------------------------------------------


def present(value: Any) -> bool:
    return not is_missing(value) and bool(str(value).strip())


def plain(value: Any) -> str:
    """Catalogue text shown literally inside Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)) if present(value) else MISSING


def translated(prefix: str, value: Any, lang: str) -> str:
    """A catalogue code in words (``persons`` → ``personas``); an unknown code as it is."""
    if not present(value):
        return MISSING
    key = f"{prefix}.{value}"
    return t(key, lang) if key in STRINGS["lv"] else str(value)


def exported_label(prefix: str, value: Any, lang: str) -> str | None:
    """A code in words for the exports (a Latvian file says "kumulatīvi", not "cumulative")."""
    return translated(prefix, value, lang) if present(value) else None


def in_language(row: Any, field: str, lang: str) -> Any:
    """``field_lv``/``field_en`` in the page language, else the other one, else None."""
    other = "en" if lang == "lv" else "lv"
    for value in (getattr(row, f"{field}_{lang}", None), getattr(row, f"{field}_{other}", None)):
        if present(value):
            return value
    return None


def indicator_name(row: Any, lang: str) -> str:
    return str(in_language(row, "name", lang) or row.indicator_code)


def measure_header(sam: Any, agency: Any, lang: str) -> str:
    agency = str(agency) if present(agency) else MISSING
    sam = str(sam) if present(sam) else MISSING
    if sam == "platform":
        return t("methodology.platform_header", lang, agency=agency)
    return t("methodology.measure_header", lang, sam=sam, agency=agency)


def yes_no(value: Any, lang: str) -> str:
    if is_missing(value):
        return MISSING
    return t("methodology.yes" if bool(value) else "methodology.no", lang)


def target_text(value: Any, operator: Any, day: Any, lang: str) -> str:
    target = format_target(value, None if is_missing(operator) else operator, lang)
    if is_missing(day):
        return target
    return t("methodology.target_value", lang, target=target, date=format_date(day, lang))


def origin_text(is_from_report: Any, lang: str) -> str:
    if is_missing(is_from_report):
        return MISSING
    key = "target_from_report" if bool(is_from_report) else "target_not_from_report"
    return t(f"methodology.{key}", lang)


def typed(value: Any) -> Any:
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


# --- one indicator -----------------------------------------------------------------------------


def breakdowns_text(row: Any, lang: str) -> str:
    parts = [translated("methodology.geo", row.geo_levels, lang)]
    if not is_missing(row.has_ethnicity):
        key = "ethnicity_yes" if bool(row.has_ethnicity) else "ethnicity_no"
        parts.append(t(f"methodology.{key}", lang))
    category = in_language(row, "category_name", lang)
    if category:
        parts.append(t("methodology.category", lang, name=category))
    return "; ".join(plain(p) if p != MISSING else p for p in parts if p)


def target_lines(row: Any, milestones: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(label, Markdown) lines about the target: value, source, note, progress, milestones."""
    field = lambda key: t(f"methodology.field.{key}", lang)  # noqa: E731
    has_target = (
        bool(row.has_target) if not is_missing(row.has_target) else present(row.target_value)
    )
    if not has_target:
        return [(field("target"), t("methodology.no_target", lang))]
    target = target_text(row.target_value, row.target_operator, row.target_date, lang)
    origin = origin_text(row.target_is_from_report, lang)
    lines = [(field("target"), f"{target} · {origin}" if origin != MISSING else target)]
    lines.append((field("target_source"), plain(row.target_source_citation)))
    if present(row.target_note):
        lines.append((field("target_note"), plain(row.target_note)))
    if present(row.progress_status):
        lines.append((field("status"), translated("progress", row.progress_status, lang)))
    own = milestones[milestones["indicator_code"] == row.indicator_code]
    if not own.empty:
        items = [
            t(
                "methodology.target_milestone_item",
                lang,
                target=format_target(m.target_value, m.target_operator, lang),
                date=format_date(m.target_date, lang),
                origin=""
                if bool(m.is_from_report)
                else t("methodology.milestone_not_from_report", lang),
            )
            for m in own.itertuples(index=False)
        ]
        lines.append((field("milestones"), "; ".join(items)))
    return lines


def indicator_lines(row: Any, milestones: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    field = lambda key: t(f"methodology.field.{key}", lang)  # noqa: E731
    lines = [
        (field("definition"), plain(in_language(row, "definition", lang))),
        (field("code"), f"`{row.indicator_code}`"),
        (field("group"), translated("methodology.group", row.indicator_group, lang)),
        (field("unit"), translated("methodology.unit", row.unit, lang)),
        (field("aggregation"), translated("methodology.aggregation", row.aggregation, lang)),
    ]
    if present(row.denominator_indicator_code):
        name = in_language(row, "denominator_name", lang)
        code = f"`{row.denominator_indicator_code}`"
        lines.append((field("denominator"), f"{plain(name)} ({code})" if name else code))
    lines += [
        (field("counting_rule"), plain(getattr(row, f"counting_rule_{lang}"))),
        (field("start"), format_date(row.measure_start_date, lang)),
        (field("breakdowns"), breakdowns_text(row, lang)),
        (
            field("source"),
            f"{plain(row.agency)} — {plain(row.source_citation)}"
            if present(row.source_citation)
            else plain(row.agency),
        ),
    ]
    note = getattr(row, f"note_{lang}")
    if present(note):
        lines.append((field("note"), plain(note)))
    return lines + target_lines(row, milestones, lang)


def render_indicator(row: Any, milestones: pd.DataFrame, lang: str) -> None:
    with st.expander(f"{plain(indicator_name(row, lang))} · `{row.indicator_code}`"):
        lines = indicator_lines(row, milestones, lang)
        st.markdown("  \n".join(f"**{label}:** {text}" for label, text in lines))


# --- sections ----------------------------------------------------------------------------------


def render_rules(methods: list[str], lang: str, base: int) -> None:
    st.header(t("methodology.rules_header", lang))
    st.subheader(t("methodology.suppression_header", lang))
    st.markdown(
        t(
            "methodology.suppression",
            lang,
            base=format_number(base, lang),
            half=format_number((base - 1) // 2, lang),
            rounded=ROUNDED_MARK,
            withheld=WITHHELD_MARK,
        )
    )
    for legend in roma_legends(lang, withheld=True, rounded=True, base=base):
        st.caption(legend)
    st.subheader(t("methodology.on_track_header", lang))
    st.markdown(t("methodology.on_track", lang))
    st.subheader(t("methodology.status_header", lang))
    if not methods:
        st.caption(t("methodology.status_none", lang))
        return
    st.caption(t("methodology.status_caption", lang))
    for method in methods:
        st.markdown(f"> {plain(status_method_text(method, lang))}")


def status_method_text(method: str, lang: str) -> str:
    """A published progress method in the page's language; an unknown one as published."""
    for opening, key in STATUS_METHODS.items():
        if method.startswith(opening):
            return t(f"methodology.status_method.{key}", lang)
    return method


def milestone_lines(events: pd.DataFrame, lang: str) -> list[str]:
    lines = []
    for e in events.itertuples(index=False):
        precision = translated("methodology.precision", e.event_date_precision, lang)
        origin = "" if bool(e.is_from_report) else t("methodology.milestone_not_from_report", lang)
        name = plain(in_language(e, "name", lang) or e.event_code)
        lines.append(f"- {format_date(e.event_date, lang)} ({precision}): {name}{origin}")
    return lines


def render_measure(
    sam: str,
    indicators: pd.DataFrame,
    events: pd.DataFrame,
    milestones: pd.DataFrame,
    lang: str,
) -> None:
    agencies = indicators["agency"].dropna()
    st.header(measure_header(sam, agencies.iloc[0] if len(agencies) else None, lang))
    st.caption(f"{tn('plural.indicators', len(indicators), lang)}.")
    own_events = events[events["sam"] == sam]
    if not own_events.empty:
        with st.expander(t("methodology.milestones_header", lang), icon=":material/event:"):
            st.markdown("\n".join(milestone_lines(own_events, lang)))
    for row in indicators.itertuples(index=False):
        render_indicator(row, milestones, lang)


def catalogue_tables(catalogue: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The catalogue as shown (formatted) and as exported (typed, every field)."""
    field = lambda key: t(f"methodology.field.{key}", lang)  # noqa: E731
    rows = list(catalogue.itertuples(index=False))
    names = [indicator_name(r, lang) for r in rows]
    shown = pd.DataFrame(
        {
            field("code"): [r.indicator_code for r in rows],
            field("measure"): [sam_label(r.sam, lang) for r in rows],
            field("name"): names,
            field("unit"): [translated("methodology.unit", r.unit, lang) for r in rows],
            field("aggregation"): [
                translated("methodology.aggregation", r.aggregation, lang) for r in rows
            ],
            field("target"): [
                target_text(r.target_value, r.target_operator, r.target_date, lang)
                if present(r.target_value)
                else MISSING
                for r in rows
            ],
            field("target_from_report"): [
                yes_no(r.target_is_from_report, lang) if present(r.target_value) else MISSING
                for r in rows
            ],
            field("agency"): [r.agency for r in rows],
        }
    )
    raw = pd.DataFrame(
        {
            field("code"): [r.indicator_code for r in rows],
            field("measure"): [sam_label(r.sam, lang) for r in rows],
            field("agency"): [typed(r.agency) for r in rows],
            field("name"): names,
            field("definition"): [typed(in_language(r, "definition", lang)) for r in rows],
            field("group"): [
                exported_label("methodology.group", r.indicator_group, lang) for r in rows
            ],
            field("unit"): [exported_label("methodology.unit", r.unit, lang) for r in rows],
            field("aggregation"): [
                exported_label("methodology.aggregation", r.aggregation, lang) for r in rows
            ],
            field("denominator"): [typed(r.denominator_indicator_code) for r in rows],
            field("counting_rule"): [typed(getattr(r, f"counting_rule_{lang}")) for r in rows],
            field("start"): [to_date(r.measure_start_date) for r in rows],
            field("source"): [typed(r.source_citation) for r in rows],
            field("note"): [typed(getattr(r, f"note_{lang}")) for r in rows],
            field("target"): [typed(r.target_value) for r in rows],
            field("operator"): [typed(r.target_operator) for r in rows],
            field("target_date"): [to_date(r.target_date) for r in rows],
            field("target_from_report"): [typed(r.target_is_from_report) for r in rows],
            field("target_source"): [typed(r.target_source_citation) for r in rows],
            field("target_note"): [typed(r.target_note) for r in rows],
            field("status"): [exported_label("progress", r.progress_status, lang) for r in rows],
            t("overview.col.status_code", lang): [typed(r.progress_status) for r in rows],
        }
    )
    return shown, raw


def milestones_table(events: pd.DataFrame, milestones: pd.DataFrame, lang: str) -> pd.DataFrame:
    field = lambda key: t(f"methodology.field.{key}", lang)  # noqa: E731
    rows = [
        {
            field("measure"): sam_label(e.sam, lang),
            field("code"): typed(e.event_code),
            field("event"): in_language(e, "name", lang),
            field("date"): to_date(e.event_date),
            field("value"): None,
            field("target_from_report"): typed(e.is_from_report),
            field("source"): typed(e.source_citation),
        }
        for e in events.itertuples(index=False)
    ]
    rows += [
        {
            field("measure"): sam_label(m.sam, lang),
            field("code"): typed(m.indicator_code),
            field("event"): format_target(m.target_value, m.target_operator, lang),
            field("date"): to_date(m.target_date),
            field("value"): typed(m.target_value),
            field("target_from_report"): typed(m.is_from_report),
            field("source"): typed(m.source_citation),
        }
        for m in milestones.itertuples(index=False)
    ]
    return pd.DataFrame(rows)


def baseline_value(value: Any, unit: Any, lang: str) -> str:
    if is_missing(value):
        return MISSING
    decimals = 0 if float(value).is_integer() else 1
    number = format_number(value, lang, decimals)
    if unit == "percent":
        return f"{number}{NBSP}%" if lang == "lv" else f"{number}%"
    if unit == "ratio":
        return f"{number}×"
    if decimals == 0 and f"plural.{unit}.other" in STRINGS["lv"]:
        return tn(f"plural.{unit}", int(value), lang)
    return f"{number} {translated('methodology.unit', unit, lang)}"


def render_baseline(baseline: pd.DataFrame, lang: str) -> pd.DataFrame:
    if baseline.empty:
        return pd.DataFrame()
    st.header(t("methodology.baseline_header", lang))
    st.caption(t("methodology.baseline_caption", lang))
    field = lambda key: t(f"methodology.field.{key}", lang)  # noqa: E731
    rows = list(baseline.itertuples(index=False))
    names = [str(in_language(r, "name", lang) or r.context_code) for r in rows]
    shown = pd.DataFrame(
        {
            field("name"): names,
            field("value"): [baseline_value(r.value, r.unit, lang) for r in rows],
            field("year"): [
                MISSING if is_missing(r.reference_year) else str(r.reference_year) for r in rows
            ],
            field("source"): [
                r.source_citation if present(r.source_citation) else MISSING for r in rows
            ],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    return pd.DataFrame(
        {
            field("code"): [r.context_code for r in rows],
            field("name"): names,
            field("value"): [typed(r.value) for r in rows],
            field("unit"): [exported_label("methodology.unit", r.unit, lang) for r in rows],
            field("year"): [typed(r.reference_year) for r in rows],
            field("source"): [typed(r.source_citation) for r in rows],
        }
    )


def main() -> None:
    lang = current_lang()
    st.title(t("methodology.title", lang))
    ind_path = app_data.snapshot_path("indicators")
    if ind_path is None:
        st.info(t("empty.no_data", lang), icon=":material/info:")
        return
    version = app_data.publication(ind_path).version or MISSING
    st.caption(t("methodology.intro", lang, version=version))

    filters = current_filters()
    catalogue = app_data.fetch(ind_path, "indicator_catalogue", filters.measure)
    if catalogue.empty:
        st.info(t("methodology.none", lang))
        return
    if filters.measure is not None:
        st.caption(t("methodology.measure_filter", lang, measure=filters.measure))
    events = app_data.fetch(ind_path, "measure_milestones", filters.measure)
    milestones = app_data.fetch(ind_path, "target_milestones", filters.measure)

    render_rules(app_data.fetch(ind_path, "status_methods"), lang, app_data.rounding_base(ind_path))
    for sam, indicators in catalogue.groupby("sam", sort=False, dropna=False):
        render_measure(sam, indicators, events, milestones, lang)
    baseline = render_baseline(app_data.fetch(ind_path, "baseline_context"), lang)

    st.header(t("methodology.catalogue_header", lang))
    shown, raw = catalogue_tables(catalogue, lang)
    st.dataframe(shown, hide_index=True, width="stretch")

    tables = {t("methodology.sheet.catalogue", lang): raw}
    chronology = milestones_table(events, milestones, lang)
    if not chronology.empty:
        tables[t("methodology.sheet.milestones", lang)] = chronology
    if not baseline.empty:
        tables[t("methodology.sheet.baseline", lang)] = baseline
    app_exports.render_downloads(tables, lang, f"methodology_{filters.measure or 'all'}")


main()
