"""Download buttons: what a page shows as XLSX and CSV, and the printable PDF report.

Every file is built only when its button is pressed (``st.download_button(data=callable)``),
so drawing a page costs nothing but the buttons; Streamlit runs the callable on a separate
thread and does not rerun the page (``on_click="ignore"``). Files come from the pure functions
of ``roma_monitor.serve.exports`` and ``roma_monitor.serve.report_pdf``.

- ``render_downloads(tables, lang, file_stem)``, at the end of every page: one XLSX with every
  table (an "About" sheet with the date of data and the notes first, a "Definitions" sheet from
  the catalogue last) and a CSV of the first (main) table.
- ``render_report_download(lang)``, in the sidebar: the "state of the platform" PDF, cached per
  snapshot files + language (a snapshot file is a published version, so a new publication
  builds a new report).
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache

import app_auth
import app_data
import duckdb
import streamlit as st

from roma_monitor.serve import exports
from roma_monitor.serve.i18n import t
from roma_monitor.serve.report_pdf import state_of_platform_pdf
from roma_monitor.serve.viewmodel import ViewTable

PDF_MIME = "application/pdf"
REPORT_STEMS = {"lv": "romu_platformas_stavoklis", "en": "roma_platform_state"}


def _read_only(path: str | None) -> AbstractContextManager[duckdb.DuckDBPyConnection | None]:
    """A read-only connection of the PDF's own (None without a snapshot): it is built in the
    download callable, on a worker thread outside the script run, so not through ``app_data``'s
    cached queries."""
    return nullcontext() if path is None else duckdb.connect(path, read_only=True)


# Not st.cache_data: the PDF is built in the download callable, which Streamlit runs on a
# worker thread outside the script run, where Streamlit commands are ignored.
@lru_cache(maxsize=8)
def report_pdf(indicators_path: str | None, operations_path: str | None, lang: str) -> bytes:
    """The PDF report of these snapshot files in ``lang`` (built once per key)."""
    with _read_only(indicators_path) as ind, _read_only(operations_path) as ops:
        return state_of_platform_pdf(ind, ops, lang)


def render_downloads(tables: dict[str, ViewTable | None], lang: str, file_stem: str) -> None:
    """Offer ``tables`` (sheet title → view model) as one XLSX and the first table as CSV.
    The Ministry's unsuppressed figures say so in both files' names and contents."""
    views = {title: table for title, table in tables.items() if table is not None}
    if not views:
        return
    ind_path = app_data.snapshot_path("indicators")
    catalogue = app_data.fetch(ind_path, "indicator_catalogue")
    publication = app_data.publication(ind_path)
    rounding_base = app_data.rounding_base(ind_path)
    main_title, main_view = next(iter(views.items()))
    title = f"{t('app.title', lang)}: {', '.join(views)}"
    meta = exports.export_meta(publication, rounding_base, title)
    internal = meta["internal"]
    xlsx_name = exports.file_name(file_stem, "xlsx", lang, internal)
    csv_name = exports.file_name(file_stem, "csv", lang, internal)

    def xlsx() -> bytes:
        definitions = exports.definitions_table(catalogue, lang)
        return exports.to_xlsx(views, definitions, meta, lang)

    def csv() -> bytes:
        return exports.to_csv(main_view, lang, internal=internal)

    downloads = (
        ("xlsx", xlsx, xlsx_name, exports.XLSX_MIME, t("exports.xlsx_help", lang), "table_view"),
        ("csv", csv, csv_name, exports.CSV_MIME, t("exports.csv_help", lang, table=main_title),
         "download"),
    )  # fmt: skip
    with st.container(horizontal=True):
        for kind, build, name, mime, help_text, icon in downloads:
            st.download_button(
                t(f"exports.{kind}", lang),
                data=app_auth.audited(build, kind, name),
                file_name=name,
                mime=mime,
                key=f"export_{kind}_{file_stem}",
                help=help_text,
                on_click="ignore",
                icon=f":material/{icon}:",
            )


def render_report_download(lang: str) -> None:
    """The "state of the platform" PDF button (built when pressed, then cached)."""
    ind_path = app_data.snapshot_path("indicators")
    ops_path = app_data.snapshot_path("operations")
    latest = app_data.publication(ind_path).latest_period
    stem = REPORT_STEMS.get(lang, REPORT_STEMS["lv"])
    file_name = f"{stem}_{latest:%Y-%m}.pdf" if latest else f"{stem}.pdf"
    st.download_button(
        t("exports.pdf", lang),
        data=app_auth.audited(
            lambda: report_pdf(ind_path, ops_path, lang), "pdf", file_name, snapshot="indicators"
        ),
        file_name=file_name,
        mime=PDF_MIME,
        key="export_report_pdf",
        help=t("exports.pdf_help", lang),
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
