"""Methodology: every indicator's definition, counting rule, source and target source, the
milestones, the suppression rule, the progress method and the baseline context.

Generated from the published catalogue (``dim_indicators``, the ``ref_*`` tables and
``fct_indicator_status.status_method``), never written a second time. Names, definitions and
counting rules and notes are shown in the page's language; citations (quotations of the report
with their location) are shown as they are.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, tables from roma_monitor.serve.views_methodology.
"""

from __future__ import annotations

from typing import Any

import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_style import literal
from app_ui import captions, grid, start_page

from roma_monitor.serve import views_methodology as v
from roma_monitor.serve.formatting import (
    MISSING,
    ROUNDED_MARK,
    WITHHELD_MARK,
    format_date,
    format_number,
    format_target,
)
from roma_monitor.serve.i18n import localized, roma_legends, rounding_of, t, tn

Row = dict[str, Any]


def plain(value: Any) -> str:
    """Catalogue text shown as it is inside Markdown, no emoji shortcode either."""
    return literal(value, also=":")


def words(prefix: str, value: Any, lang: str) -> str:
    return v.translated(prefix, value, lang) or MISSING


def measure_header(sam: Any, agency: Any, lang: str) -> str:
    agency = str(agency) if v.present(agency) else MISSING
    if sam == "platform":
        return t("methodology.platform_header", lang, agency=agency)
    return t(
        "methodology.measure_header", lang, sam=sam if v.present(sam) else MISSING, agency=agency
    )


def from_report(flag: Any, lang: str) -> str:
    return "" if bool(flag) else t("methodology.milestone_not_from_report", lang)


# --- one indicator -----------------------------------------------------------------------------


def breakdowns_text(row: Row, lang: str) -> str:
    parts = [plain(v.translated("methodology.geo", row["geo_levels"], lang))]
    if v.present(row["has_ethnicity"]):
        parts.append(t(f"methodology.ethnicity_{'yes' if row['has_ethnicity'] else 'no'}", lang))
    if category := v.own(row, "category_name", lang):
        parts.append(plain(t("methodology.category", lang, name=category)))
    return "; ".join(parts)


def target_lines(row: Row, milestones: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(field, Markdown) lines about the target: value, source, note, progress, milestones."""
    if not row["has_target"]:
        return [("target", t("methodology.no_target", lang))]
    target = format_target(row["target_value"], row["target_operator"], lang)
    if v.present(row["target_date"]):
        target = t(
            "methodology.target_value",
            lang,
            target=target,
            date=format_date(row["target_date"], lang),
        )
    if v.present(row["target_is_from_report"]):
        key = "target_from_report" if row["target_is_from_report"] else "target_not_from_report"
        target = f"{target} · {t(f'methodology.{key}', lang)}"
    lines = [("target", target), ("target_source", plain(row["target_source_citation"]))]
    if note := v.own(row, "target_note", lang):
        lines.append(("target_note", plain(note)))
    if v.present(row["progress_status"]):
        lines.append(("status", words("progress", row["progress_status"], lang)))
    items = [
        t(
            "methodology.target_milestone_item",
            lang,
            target=format_target(m.target_value, m.target_operator, lang),
            date=format_date(m.target_date, lang),
            origin=from_report(m.is_from_report, lang),
        )
        for m in milestones[milestones["indicator_code"] == row["indicator_code"]].itertuples()
    ]
    return lines + ([("milestones", "; ".join(items))] if items else [])


def indicator_lines(row: Row, milestones: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    lines = [
        ("definition", plain(v.own(row, "definition", lang))),
        ("code", f"`{row['indicator_code']}`"),
        ("group", words("methodology.group", row["indicator_group"], lang)),
        ("unit", v.unit_words(row["unit"], lang) or MISSING),
        ("aggregation", words("methodology.aggregation", row["aggregation"], lang)),
    ]
    if v.present(row["denominator_indicator_code"]):
        code = f"`{row['denominator_indicator_code']}`"
        name = v.own(row, "denominator_name", lang)
        lines.append(("denominator", f"{plain(name)} ({code})" if name else code))
    source = plain(row["agency"])
    if v.present(row["source_citation"]):
        source = f"{source} — {plain(row['source_citation'])}"
    lines += [
        ("counting_rule", plain(v.own(row, "counting_rule", lang))),
        ("start", format_date(row["measure_start_date"], lang)),
        ("breakdowns", breakdowns_text(row, lang)),
        ("source", source),
    ]
    if note := v.own(row, "note", lang):
        lines.append(("note", plain(note)))
    return lines + target_lines(row, milestones, lang)


def render_indicator(row: Row, milestones: pd.DataFrame, lang: str) -> None:
    with st.expander(f"{plain(localized(row, lang))} · `{row['indicator_code']}`"):
        lines = indicator_lines(row, milestones, lang)
        st.markdown(
            "  \n".join(f"**{t(f'methodology.field.{key}', lang)}:** {text}" for key, text in lines)
        )


# --- sections ----------------------------------------------------------------------------------


def render_rules(methods: list[tuple[str, str]], lang: str, base: int) -> None:
    st.header(t("methodology.rules_header", lang))
    st.subheader(t("methodology.suppression_header", lang))
    st.markdown(
        t(
            "methodology.suppression",
            lang,
            base=format_number(base, lang),
            half=format_number(rounding_of(base).max_error, lang),
            rounded=ROUNDED_MARK,
            withheld=WITHHELD_MARK,
        )
    )
    captions(roma_legends(lang, withheld=True, rounded=True, base=base))
    st.subheader(t("methodology.on_track_header", lang))
    st.markdown(t("methodology.on_track", lang))
    st.subheader(t("methodology.status_header", lang))
    if not methods:
        st.caption(t("methodology.status_none", lang))
        return
    st.caption(t("methodology.status_caption", lang))
    for code, method in methods:
        st.markdown(f"> {plain(status_method_text(code, method, lang))}")


def status_method_text(code: str, method: str, lang: str) -> str:
    """A published progress method (dbt's ``status_method_code``) in the page's language; a
    method without a translation as dbt words it."""
    translated = v.translated("methodology.status_method", code, lang)
    return method if translated in (None, code) else translated


def milestone_lines(events: pd.DataFrame, lang: str) -> list[str]:
    return [
        f"- {format_date(e['event_date'], lang)} "
        f"({words('methodology.precision', e['event_date_precision'], lang)}): "
        f"{plain(localized(e, lang, 'name', 'event_code'))}"
        f"{from_report(e['is_from_report'], lang)}"
        for e in events.to_dict("records")
    ]


def render_measure(
    sam: str, indicators: pd.DataFrame, events: pd.DataFrame, milestones: pd.DataFrame, lang: str
) -> None:
    agencies = indicators["agency"].dropna()
    st.header(measure_header(sam, agencies.iloc[0] if len(agencies) else None, lang))
    st.caption(f"{tn('plural.indicators', len(indicators), lang)}.")
    own_events = events[events["sam"] == sam]
    if not own_events.empty:
        with st.expander(t("methodology.milestones_header", lang), icon=":material/event:"):
            st.markdown("\n".join(milestone_lines(own_events, lang)))
    for row in indicators.to_dict("records"):
        render_indicator(row, milestones, lang)


def main() -> None:
    page = start_page("methodology.title")
    if page is None:
        return
    lang, measure = page.lang, page.filters.measure
    version = app_data.publication(page.path).version or MISSING
    st.caption(t("methodology.intro", lang, version=version))
    catalogue = page.fetch("indicator_catalogue", measure)
    if catalogue.empty:
        st.info(t("methodology.none", lang))
        return
    if measure is not None:
        st.caption(t("methodology.measure_filter", lang, measure=measure))
    events = page.fetch("measure_milestones", measure)
    milestones = page.fetch("target_milestones", measure)

    render_rules(page.fetch("status_methods"), lang, page.base)
    for sam, indicators in catalogue.groupby("sam", sort=False, dropna=False):
        render_measure(sam, indicators, events, milestones, lang)
    baseline = page.fetch("baseline_context")
    if not baseline.empty:
        st.header(t("methodology.baseline_header", lang))
        st.caption(t("methodology.baseline_caption", lang))
        grid(v.BASELINE.table(baseline, lang, screen=True), lang)

    st.header(t("methodology.catalogue_header", lang))
    grid(v.CATALOGUE.table(catalogue, lang, screen=True), lang)

    chronology = v.chronology(events, milestones, lang)
    sheets = {
        "catalogue": v.CATALOGUE.table(catalogue, lang),
        "milestones": v.MILESTONES.table(chronology, lang) if len(chronology) else None,
        "baseline": v.BASELINE.table(baseline, lang) if not baseline.empty else None,
    }  # render_downloads leaves out the empty ones
    titled = {t(f"methodology.sheet.{k}", lang): table for k, table in sheets.items()}
    app_exports.render_downloads(titled, lang, f"methodology_{measure or 'all'}")


main()
