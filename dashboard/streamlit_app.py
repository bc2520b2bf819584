"""Roma Platform Monitor: entry file. Page config, the language switch and the filters (all
bound to the URL, see app_ui), the navigation and the footer.

Run: `uv run streamlit run dashboard/streamlit_app.py` (data: ROMA_HOME, default ./var).
Pages live in app_pages/ and are UI only; data come through app_data.py, which wraps
roma_monitor.serve.queries.
"""

from __future__ import annotations

import app_data
import app_exports
import streamlit as st
from app_ui import init_filters, init_language, render_footer

from roma_monitor.serve.formatting import normalise_lang
from roma_monitor.serve.i18n import t

st.set_page_config(
    page_title=t("app.title", normalise_lang(st.query_params.get("lang"))),
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = init_language()

# (file, url path, nav key, icon); the first is the default page.
PAGES = [
    ("app_pages/overview.py", "overview", "nav.overview", ":material/flag:"),
    ("app_pages/measure.py", "measure", "nav.measure", ":material/monitoring:"),
    ("app_pages/regions.py", "regions", "nav.regions", ":material/map:"),
    ("app_pages/platform.py", "platform", "nav.platform", ":material/groups:"),
    ("app_pages/quality.py", "quality", "nav.quality", ":material/fact_check:"),
    ("app_pages/methodology.py", "methodology", "nav.methodology", ":material/menu_book:"),
]
page = st.navigation(
    [
        st.Page(file, title=t(key, lang), icon=icon, url_path=path, default=i == 0)
        for i, (file, path, key, icon) in enumerate(PAGES)
    ],
    position="sidebar",
)
init_filters(lang, app_data.snapshot_path("indicators"))
with st.sidebar:
    app_exports.render_report_download(lang)
page.run()

render_footer(lang)
