"""Data quality: per source and dataset, the last extract, its freshness, rows, validation
result and report; quarantined files; corrected periods (resent extracts); ethnicity coverage
over time. For the data engineers.

UI only: data come from app_data (cached roma_monitor.serve.queries), words from
roma_monitor.serve.i18n, numbers and dates from roma_monitor.serve.formatting. The report a
user opens is kept in the URL (``?report=<load_id>``), so it can be shared as a link.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import altair as alt
import app_data
import app_exports
import pandas as pd
import streamlit as st
from app_ui import _seed_from_url, _write_to_url, current_filters, current_lang

from roma_monitor.serve import queries as q
from roma_monitor.serve.formatting import (
    DISPLAY_TZ,
    MISSING,
    format_as_of,
    format_count,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
    is_missing,
    month_end,
    to_date,
    to_datetime,
)
from roma_monitor.serve.i18n import frame_legends, rejection_reason, sam_label, t

REPORT_KEY = "report"  # widget key and URL parameter
NO_REPORT = ""
# Okabe-Ito, one per measure in the report's order; lines also differ by dash (never colour
# alone).
MEASURE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"]
MEASURE_DASHES = [[1, 0], [6, 4], [2, 2], [8, 3, 2, 3], [1, 3], [4, 1]]
VERDICT_KEYS = {
    "loaded": "quality.verdict.accepted",
    "duplicate": "quality.verdict.duplicate",
    "rejected": "quality.verdict.rejected",
}


# --- small formatters --------------------------------------------------------------------------


def text_or_missing(value: object) -> str:
    return MISSING if is_missing(value) or not str(value).strip() else str(value)


def literal(value: object) -> str:
    """Free text (a load message) shown as it is inside Markdown."""
    return re.sub(r"([\\`*_\[\]<>#|~$])", r"\\\1", text_or_missing(value))


def period_label(period: Any, lang: str) -> str:
    """A reporting period as people say it: a month, a quarter or a year."""
    text = q.normalise_period(period)
    if text is None:
        return MISSING
    if len(text) == 4:
        return t("quality.period.year", lang, year=text)
    if text[5] == "Q":
        return t("quality.period.quarter", lang, year=text[:4], quarter=text[6])
    return format_month(f"{text}-01", lang)


def verdict_label(status: Any, lang: str) -> str:
    key = VERDICT_KEYS.get(status if isinstance(status, str) else "")
    return t(key, lang) if key else t("quality.verdict.none", lang)


def freshness_label(status: Any, days: Any, lang: str) -> str:
    if status == q.FRESHNESS_LATE:
        return t("quality.fresh.late", lang, days=format_number(days, lang))
    if status in (q.FRESHNESS_ON_TIME, q.FRESHNESS_NEVER):
        return t(f"quality.fresh.{status}", lang)
    return MISSING


def local_datetime(value: Any) -> datetime | None:
    """A timestamp as the exports take it: aware (they convert it to Riga time, once)."""
    return to_datetime(value)


def exported_labels(labels: list[str]) -> list[str | None]:
    """Labels as the exports carry them: words in the page's language (not the codes), and an
    empty cell where the screen shows the missing mark."""
    return [None if label == MISSING else label for label in labels]


def typed(value: Any) -> Any:
    """A raw cell for the exports: missing → None, numpy scalars → Python numbers."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def two_tables(columns: list[tuple[str, list[Any], list[Any]]]) -> tuple[pd.DataFrame, ...]:
    """(header, shown values, raw values) per column → the frame shown and the one exported."""
    shown = pd.DataFrame({header: values for header, values, _ in columns})
    raw = pd.DataFrame({header: [typed(v) for v in values] for header, _, values in columns})
    return shown, raw


# --- sections ----------------------------------------------------------------------------------


def choose_as_of(lang: str) -> date:
    today = datetime.now(DISPLAY_TZ).date()
    chosen = st.date_input(
        t("quality.as_of", lang),
        value=today,
        format="DD.MM.YYYY" if lang == "lv" else "YYYY-MM-DD",
        help=t("quality.as_of_help", lang),
        key="quality_as_of",
    )
    return chosen if isinstance(chosen, date) else today


def render_summary(
    datasets: pd.DataFrame, quarantine: pd.DataFrame, corrected: pd.DataFrame, lang: str
) -> None:
    counts = datasets["freshness"].value_counts()
    cols = st.columns(5)
    cols[0].metric(
        t("quality.summary_on_time", lang),
        format_number(counts.get(q.FRESHNESS_ON_TIME, 0), lang),
    )
    cols[1].metric(
        t("quality.summary_late", lang), format_number(counts.get(q.FRESHNESS_LATE, 0), lang)
    )
    cols[2].metric(
        t("quality.summary_never", lang), format_number(counts.get(q.FRESHNESS_NEVER, 0), lang)
    )
    cols[3].metric(t("quality.summary_rejected", lang), format_number(len(quarantine), lang))
    cols[4].metric(t("quality.corrections_count", lang), format_number(len(corrected), lang))


def datasets_tables(datasets: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    d = datasets
    h = lambda key: t(f"quality.col.{key}", lang)  # noqa: E731
    dataset_names = [
        text_or_missing(name)
        if known
        else f"{text_or_missing(name)} {t('quality.unknown_dataset', lang)}"
        for name, known in zip(d["dataset"], d["is_known_dataset"], strict=True)
    ]
    frequency = [
        t(f"quality.frequency.{f}", lang) if isinstance(f, str) else MISSING for f in d["frequency"]
    ]
    verdicts = [verdict_label(s, lang) if not is_missing(s) else MISSING for s in d["last_status"]]
    freshness = [
        freshness_label(s, n, lang) for s, n in zip(d["freshness"], d["days_late"], strict=True)
    ]
    return two_tables(
        [
            (h("measure"), *[sam_labels(d["measure_code"], lang)] * 2),
            (h("agency"), [text_or_missing(a) for a in d["agency"]], d["agency"]),
            (h("dataset"), dataset_names, d["dataset"]),
            (h("frequency"), frequency, exported_labels(frequency)),
            (h("last_file"), [text_or_missing(f) for f in d["last_file"]], d["last_file"]),
            (
                h("last_period"),
                [period_label(p, lang) for p in d["last_period"]],
                d["last_period"],
            ),
            (
                h("received_at"),
                [format_datetime(v, lang) for v in d["last_received_at"]],
                [local_datetime(v) for v in d["last_received_at"]],
            ),
            (
                h("validation"),
                verdicts,
                exported_labels(verdicts),
            ),
            (
                h("checks_run"),
                [format_number(v, lang) for v in d["last_checks_run"]],
                d["last_checks_run"],
            ),
            (
                h("report"),
                [
                    t("quality.report_available", lang)
                    if r is True
                    else t("quality.report_none", lang)
                    for r in d["last_has_report"]
                ],
                [r is True for r in d["last_has_report"]],
            ),
            (
                h("latest_period"),
                [period_label(p, lang) for p in d["latest_period"]],
                d["latest_period"],
            ),
            (
                h("expected_period"),
                [period_label(p, lang) for p in d["expected_period"]],
                d["expected_period"],
            ),
            (
                h("freshness"),
                freshness,
                exported_labels(freshness),
            ),
            (h("days_late"), [format_number(n, lang) for n in d["days_late"]], d["days_late"]),
            (
                h("next_due"),
                [format_date(v, lang) for v in d["next_due"]],
                [to_date(v) for v in d["next_due"]],
            ),
            (
                h("last_rows"),
                [format_number(v, lang) for v in d["last_loaded_rows"]],
                d["last_loaded_rows"],
            ),
            (
                h("total_rows"),
                [format_number(v, lang) for v in d["total_rows_loaded"]],
                d["total_rows_loaded"],
            ),
            (
                h("files_loaded"),
                [format_number(v, lang) for v in d["files_loaded"]],
                d["files_loaded"],
            ),
            (
                h("files_rejected"),
                [format_number(v, lang) for v in d["files_rejected"]],
                d["files_rejected"],
            ),
        ]
    )


def render_datasets(datasets: pd.DataFrame, lang: str) -> pd.DataFrame:
    st.subheader(t("quality.datasets_header", lang))
    st.caption(t("quality.datasets_caption", lang))
    shown, raw = datasets_tables(datasets, lang)
    st.dataframe(shown, hide_index=True, width="stretch")
    with st.expander(t("quality.rule_header", lang), icon=":material/schedule:"):
        st.markdown(t("quality.rule", lang))
    return raw


def report_link_params(load_id: str) -> dict[str, str]:
    """The current URL (language, filters) plus the report to open."""
    params = {key: st.query_params.get(key) for key in st.query_params}
    return {**params, REPORT_KEY: str(load_id)}


def render_quarantine(quarantine: pd.DataFrame, lang: str) -> pd.DataFrame:
    st.subheader(t("quality.quarantine_header", lang))
    if quarantine.empty:
        st.success(t("quality.quarantine_none", lang), icon=":material/check_circle:")
        return pd.DataFrame()
    st.caption(t("quality.quarantine_caption", lang))
    for row in quarantine.itertuples(index=False):
        with st.container(border=True):
            st.markdown(
                ":material/block: "
                + t(
                    "quality.quarantine_item",
                    lang,
                    file=row.file_name,
                    source=text_or_missing(row.source).upper(),
                    period=period_label(row.reporting_period, lang),
                    when=format_datetime(row.received_at, lang),
                )
            )
            if row.rules:
                rules = ", ".join(f"`{rule}`" for rule in row.rules.split(", "))
                st.markdown(t("quality.quarantine_rules", lang, rules=rules))
            else:
                st.markdown(t("quality.quarantine_message", lang, message=literal(row.message)))
            if row.has_report:
                st.page_link(
                    "app_pages/quality.py",
                    label=t("quality.open_report", lang),
                    icon=":material/description:",
                    query_params=report_link_params(row.load_id),
                )
    h = lambda key: t(f"quality.col.{key}", lang)  # noqa: E731
    return pd.DataFrame(
        {
            h("source"): quarantine["source"].map(typed),
            h("dataset"): quarantine["dataset"].map(typed),
            h("file"): quarantine["file_name"].map(typed),
            h("last_period"): quarantine["reporting_period"].map(typed),
            h("received_at"): [local_datetime(v) for v in quarantine["received_at"]],
            h("rows"): quarantine["rows"].map(typed),
            h("checks_run"): quarantine["checks_run"].map(typed),
            h("rules"): quarantine["rules"].map(typed),
            h("message"): [
                rejection_reason(rules.split(", ") if isinstance(rules, str) else (), message, lang)
                for rules, message in zip(quarantine["rules"], quarantine["message"], strict=True)
            ],
        }
    )


def sam_labels(codes: Any, lang: str) -> list[str]:
    """Measures in words, for the screen and the export alike (the platform by its name)."""
    return [sam_label(code, lang) for code in codes]


def file_label(name: Any, sha256: Any) -> str:
    """A file as the archive knows it: its name and the start of its content hash."""
    if is_missing(sha256) or not str(sha256).strip():
        return text_or_missing(name)
    return f"{text_or_missing(name)} · {str(sha256)[:8]}"


def signed_count(value: Any, lang: str) -> str:
    if is_missing(value):
        return MISSING
    return ("+" if int(value) > 0 else "") + format_number(value, lang)


def corrections_tables(corrected: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    c = corrected
    h = lambda key: t(f"quality.col.{key}", lang)  # noqa: E731
    new_files = [file_label(n, s) for n, s in zip(c["file_name"], c["sha256"], strict=True)]
    previous_files = [
        file_label(n, s) for n, s in zip(c["previous_file"], c["previous_sha256"], strict=True)
    ]
    return two_tables(
        [
            (h("measure"), *[sam_labels(c["measure_code"], lang)] * 2),
            (h("dataset"), [text_or_missing(d) for d in c["dataset"]], c["dataset"]),
            (
                h("period"),
                [period_label(p, lang) for p in c["reporting_period"]],
                c["reporting_period"],
            ),
            (h("revision"), [format_number(v, lang) for v in c["revision"]], c["revision"]),
            (
                h("received_at"),
                [format_datetime(v, lang) for v in c["received_at"]],
                [local_datetime(v) for v in c["received_at"]],
            ),
            (h("previous_file"), previous_files, previous_files),
            (
                h("previous_received_at"),
                [format_datetime(v, lang) for v in c["previous_received_at"]],
                [local_datetime(v) for v in c["previous_received_at"]],
            ),
            (h("new_file"), new_files, new_files),
            (
                h("rows_before"),
                [format_number(v, lang) for v in c["rows_before"]],
                c["rows_before"],
            ),
            (h("rows_after"), [format_number(v, lang) for v in c["rows_after"]], c["rows_after"]),
            (h("rows_change"), [signed_count(v, lang) for v in c["rows_change"]], c["rows_change"]),
        ]
    )


def render_corrections(corrected: pd.DataFrame, lang: str) -> pd.DataFrame:
    st.subheader(t("quality.corrections_header", lang))
    if corrected.empty:
        st.info(t("quality.corrections_none", lang), icon=":material/info:")
        return pd.DataFrame()
    st.caption(t("quality.corrections_caption", lang))
    shown, raw = corrections_tables(corrected, lang)
    st.dataframe(shown, hide_index=True, width="stretch")
    return raw


def render_access(lang: str) -> pd.DataFrame:
    """Who used the dashboard (keyed pseudonyms, never names): the last 30 days by day and
    role, and every download."""
    summary = app_data.access_summary(days=30)
    if summary is None:
        return pd.DataFrame()
    daily, downloads = summary
    st.subheader(t("quality.access_header", lang))
    st.caption(t("quality.access_caption", lang))
    if daily.empty:
        st.info(t("quality.access_none", lang), icon=":material/info:")
        return pd.DataFrame()
    role = {r: t(f"quality.access_role.{r}", lang) for r in ("ministry", "engineer", "council")}
    shown = pd.DataFrame(
        {
            t("quality.access.day", lang): [format_date(d, lang) for d in daily["day"]],
            t("quality.access.role", lang): [role.get(r, r) for r in daily["role"]],
            t("quality.access.views", lang): daily["views"],
            t("quality.access.downloads", lang): daily["downloads"],
            t("quality.access.denied", lang): daily["denied"],
            t("quality.access.people", lang): daily["people"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    if not downloads.empty:
        st.caption(t("quality.access_downloads", lang))
        st.dataframe(
            pd.DataFrame(
                {
                    t("quality.access.at", lang): [
                        format_datetime(v, lang) for v in downloads["at"]
                    ],
                    t("quality.access.role", lang): [role.get(r, r) for r in downloads["role"]],
                    t("quality.access.page", lang): downloads["page"],
                    t("quality.access.file", lang): downloads["file"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    return shown


def render_reports(reports: pd.DataFrame, ops_path: str, lang: str) -> None:
    """A URL-kept picker of the loads whose report is kept, and the chosen report."""
    st.subheader(t("quality.reports_header", lang))
    requested = st.query_params.get(REPORT_KEY)
    options = [NO_REPORT, *reports["load_id"]]
    if requested and requested not in options:
        st.warning(t("quality.report_missing", lang, load_id=requested), icon=":material/warning:")
    if reports.empty:
        st.info(t("quality.report_none_kept", lang))
        _write_to_url(REPORT_KEY, NO_REPORT, NO_REPORT)
        return
    st.caption(t("quality.reports_caption", lang))
    labels = {
        row.load_id: t(
            "quality.report_label",
            lang,
            file=row.file_name,
            status=verdict_label(row.status, lang),
            received=format_datetime(row.received_at, lang),
        )
        for row in reports.itertuples(index=False)
    }
    labels[NO_REPORT] = t("quality.report_pick_none", lang)
    _seed_from_url(REPORT_KEY, options, NO_REPORT)
    chosen = st.selectbox(
        t("quality.report_pick", lang), options=options, format_func=labels.get, key=REPORT_KEY
    )
    _write_to_url(REPORT_KEY, chosen, NO_REPORT)
    if chosen == NO_REPORT:
        return
    report = app_data.fetch(ops_path, "validation_report", chosen, lang)
    if report is None:
        st.warning(t("quality.report_missing", lang, load_id=chosen))
        return
    with st.expander(
        t("quality.report_title", lang, file=report.file_name),
        expanded=True,
        icon=":material/description:",
    ):
        if report.language != lang:  # kept in English only (a load from before)
            st.caption(t("quality.report_in_english", lang))
        st.markdown(demote_headings(report.markdown))


def demote_headings(markdown: str) -> str:
    """The report's ``# Validation report`` is a page-level heading; inside the section it
    becomes a minor one."""
    return re.sub(r"^(#{1,3}) ", r"\1### ", markdown, flags=re.MULTILINE)


def coverage_chart(headline: pd.DataFrame, lang: str) -> alt.Chart:
    """One line per measure, coloured (Okabe-Ito) and dashed, so it reads without colour."""
    measures = list(dict.fromkeys(headline["series"]))
    colours = (MEASURE_COLOURS * 2)[: len(measures)]
    dashes = (MEASURE_DASHES * 2)[: len(measures)]
    percent = " + ' %'" if lang == "lv" else " + '%'"
    return (
        alt.Chart(headline)
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X(
                "period:T",
                title=t("quality.col.month", lang),
                axis=alt.Axis(format="%Y", tickCount="year", labelAngle=0),
            ),
            y=alt.Y(
                "ethnicity_coverage:Q",
                title=t("quality.coverage_axis", lang),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr=f"round(datum.value * 100){percent}"),
            ),
            color=alt.Color(
                "series:N",
                title=t("quality.coverage_series", lang),
                scale=alt.Scale(domain=measures, range=colours),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", legend=None, scale=alt.Scale(domain=measures, range=dashes)
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t("quality.coverage_series", lang)),
                alt.Tooltip("month:N", title=t("quality.col.month", lang)),
                alt.Tooltip("shown:N", title=t("quality.coverage_axis", lang)),
            ],
        )
        .properties(height=320)
    )


def indicator_name(row: Any, lang: str) -> str:
    other = "en" if lang == "lv" else "lv"
    for value in (getattr(row, f"name_{lang}"), getattr(row, f"name_{other}")):
        if not is_missing(value) and str(value).strip():
            return str(value)
    return str(row.indicator_code)


def render_coverage(coverage: pd.DataFrame, lang: str, base: int) -> pd.DataFrame:
    st.subheader(t("quality.coverage_header", lang))
    if coverage.empty:
        st.info(t("quality.coverage_none", lang))
        return pd.DataFrame()
    st.caption(t("quality.coverage_caption", lang))
    headline = coverage[coverage["is_headline"] & coverage["ethnicity_coverage"].notna()].copy()
    headline["series"] = [
        f"{sam_label(sam, lang)} · {str(source).upper()}"
        for sam, source in zip(headline["sam"], headline["source"], strict=True)
    ]
    headline["month"] = [format_month(p, lang) for p in headline["period"]]
    headline["shown"] = [format_percent(v, lang) for v in headline["ethnicity_coverage"]]
    last_month = format_month(coverage["period"].max(), lang)
    if not headline.empty:
        st.altair_chart(
            coverage_chart(headline, lang),
            width="stretch",
            alt=t(
                "quality.coverage_chart_alt",
                lang,
                month=last_month,
                measures=", ".join(dict.fromkeys(headline["series"])),
            ),
        )
    latest = coverage.sort_values("period").groupby("indicator_code", sort=False).tail(1)
    latest = (
        latest.set_index("indicator_code")
        .loc[list(dict.fromkeys(coverage["indicator_code"]))]
        .reset_index()
    )
    st.markdown(f"**{t('quality.coverage_latest', lang, month=last_month)}**")
    h = lambda key: t(f"quality.col.{key}", lang)  # noqa: E731
    names = [indicator_name(row, lang) for row in latest.itertuples(index=False)]
    shown, raw = two_tables(
        [
            (h("measure"), *[sam_labels(latest["sam"], lang)] * 2),
            (h("indicator"), names, names),
            (
                h("month"),
                [format_month(p, lang) for p in latest["period"]],
                [to_date(p) for p in latest["period"]],
            ),
            (h("value"), [format_number(v, lang) for v in latest["value"]], latest["value"]),
            (
                h("roma"),
                [
                    format_count(v, s, lang, r)
                    for v, s, r in zip(
                        latest["roma_value"],
                        latest["roma_value_suppressed"],
                        latest["roma_value_is_rounded"],
                        strict=True,
                    )
                ],
                latest["roma_value"],
            ),
            (
                t("roma.col.as_of", lang),
                [format_as_of(v, lang) for v in latest["roma_value_as_of"]],
                [month_end(v) for v in latest["roma_value_as_of"]],
            ),
            (
                h("coverage"),
                [format_percent(v, lang) for v in latest["ethnicity_coverage"]],
                latest["ethnicity_coverage"],
            ),
        ]
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(t("roma.lower_bound_table", lang))
    for legend in frame_legends(latest, lang, base=base):
        st.caption(legend)
    return raw


def render_disclosure(utility: pd.DataFrame, lang: str, base: int) -> pd.DataFrame:
    """What disclosure control withheld, and why: per geography level, the share of Roma cells
    published at the latest quarter end and over every quarter end (country and regions apart);
    from the Ministry's internal snapshot also the withheld cells by rule and the rounding
    error. Returns the typed table for the downloads."""
    st.subheader(t("quality.disclosure_header", lang))
    if utility.empty:
        st.info(t("quality.disclosure_none", lang))
        return pd.DataFrame()
    latest = utility[utility["scope"] == "latest"]
    quarter_end = latest["period"].dropna().max()
    st.caption(t("quality.disclosure_caption", lang, date=format_as_of(quarter_end, lang)))
    metrics = [
        (
            t(f"quality.disclosure.level.{row.geo_level}", lang),
            format_percent(row.share_published, lang),
            t(
                "quality.disclosure.metric_help",
                lang,
                published=format_number(row.cells_published, lang),
                cells=format_number(row.cells, lang),
            ),
        )
        for row in latest.itertuples(index=False)
    ]
    if metrics:
        st.markdown(
            f"**{t('quality.disclosure.latest', lang, date=format_as_of(quarter_end, lang))}**"
        )
        for col, (label, value, help_text) in zip(st.columns(len(metrics)), metrics, strict=True):
            col.metric(label, value, help=help_text)
    internal = utility["cells_withheld_complement"].notna().any()
    h = lambda key: t(f"quality.disclosure.col.{key}", lang)  # noqa: E731
    levels = [t(f"quality.disclosure.level.{v}", lang) for v in utility["geo_level"]]
    columns = [
        (
            h("level"),
            levels,
            levels,
        ),
        (
            h("quarter_ends"),
            [
                format_as_of(p, lang) if s == "latest" else t("quality.disclosure.all", lang)
                for p, s in zip(utility["period"], utility["scope"], strict=True)
            ],
            [
                month_end(p) if s == "latest" else None
                for p, s in zip(utility["period"], utility["scope"], strict=True)
            ],
        ),
        (h("cells"), [format_number(v, lang) for v in utility["cells"]], utility["cells"]),
        (
            h("published"),
            [format_number(v, lang) for v in utility["cells_published"]],
            utility["cells_published"],
        ),
        (
            h("withheld"),
            [format_number(v, lang) for v in utility["cells_withheld"]],
            utility["cells_withheld"],
        ),
        (
            h("share_published"),
            [format_percent(v, lang) for v in utility["share_published"]],
            utility["share_published"],
        ),
    ]
    if internal:
        columns += [
            (
                h(key),
                [format_number(v, lang) for v in utility[column]],
                utility[column],
            )
            for key, column in (
                ("withheld_complement", "cells_withheld_complement"),
                ("withheld_audit", "cells_withheld_audit"),
            )
        ]
        columns += [
            (
                h("rounding_error_mean"),
                [format_number(v, lang, 2) for v in utility["rounding_error_mean"]],
                utility["rounding_error_mean"],
            ),
            (
                h("rounding_error_max"),
                [format_number(v, lang) for v in utility["rounding_error_max"]],
                utility["rounding_error_max"],
            ),
        ]
    shown, raw = two_tables(columns)
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(t("quality.disclosure_rules", lang, base=base))
    if internal:
        st.caption(t("quality.disclosure_internal", lang))
    return raw


def main() -> None:
    lang = current_lang()
    st.title(t("quality.title", lang))
    st.caption(t("quality.intro", lang))

    ind_path = app_data.snapshot_path("indicators")
    ops_path = app_data.snapshot_path("operations")
    if ind_path is None and ops_path is None:
        st.info(t("empty.no_data", lang), icon=":material/info:")
        return

    filters = current_filters()
    if filters.measure is not None:
        st.caption(t("quality.measure_filter", lang, measure=sam_label(filters.measure, lang)))
    tables: dict[str, pd.DataFrame] = {}
    as_of = choose_as_of(lang)

    if ops_path is None:
        st.info(t("loads.none", lang))
    else:
        datasets = app_data.fetch(ops_path, "dataset_quality", as_of, filters.measure)
        quarantine = app_data.fetch(ops_path, "quarantined_loads", filters.measure)
        corrected = app_data.fetch(ops_path, "corrections", filters.measure)
        render_summary(datasets, quarantine, corrected, lang)
        tables[t("quality.sheet.datasets", lang)] = render_datasets(datasets, lang)
        render_reports(
            app_data.fetch(ops_path, "validation_reports", filters.measure), ops_path, lang
        )
        quarantined = render_quarantine(quarantine, lang)
        if not quarantined.empty:
            tables[t("quality.sheet.quarantine", lang)] = quarantined
        corrections = render_corrections(corrected, lang)
        if not corrections.empty:
            tables[t("quality.sheet.corrections", lang)] = corrections

    if ind_path is not None:
        coverage = app_data.fetch(ind_path, "ethnicity_coverage", filters.measure, filters.period)
        covered = render_coverage(coverage, lang, app_data.rounding_base(ind_path))
        if not covered.empty:
            tables[t("quality.sheet.coverage", lang)] = covered
        disclosure = render_disclosure(
            app_data.fetch(ind_path, "disclosure_utility", filters.measure),
            lang,
            app_data.rounding_base(ind_path),
        )
        if not disclosure.empty:
            tables[t("quality.sheet.disclosure", lang)] = disclosure

    access = render_access(lang)
    if not access.empty:
        tables[t("quality.sheet.access", lang)] = access

    stem = f"quality_{filters.measure or 'all'}_{as_of:%Y-%m-%d}"
    app_exports.render_downloads(tables, lang, stem)


main()
