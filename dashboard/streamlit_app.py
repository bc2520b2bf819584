"""Roma Platform Monitor: entry file. Configures the page and the navigation only.

Run: `uv run streamlit run dashboard/streamlit_app.py` (data: ROMA_HOME, default ./var).
Pages live in app_pages/ and are UI only; data access goes through app_data.py, which wraps
roma_monitor.serve.queries.
"""

from __future__ import annotations

import streamlit as st
from app_ui import init_language, render_footer

from roma_monitor.serve.formatting import normalise_lang
from roma_monitor.serve.i18n import t

st.set_page_config(
    page_title=t("app.title", normalise_lang(st.query_params.get("lang"))),
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = init_language()

pages = [
    st.Page(
        "app_pages/overview.py",
        title=t("nav.overview", lang),
        icon=":material/flag:",
        url_path="overview",
        default=True,
    ),
]
page = st.navigation(pages, position="sidebar")
page.run()

render_footer(lang)
