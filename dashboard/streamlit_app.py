"""Roma Platform Monitor: entry file. Page config, the language switch, who may see what
(app_auth: sign-in, role, access audit), the filters (bound to the URL, see app_ui), the
navigation and the footer.

Run: `uv run streamlit run dashboard/streamlit_app.py` (data: ROMA_HOME, default ./var; access:
ROMA_AUTH, see docs/access.md). Pages live in app_pages/ and are UI only; data come through
app_data.py, which wraps roma_monitor.serve.queries and picks the snapshot for the role.
"""

from __future__ import annotations

import app_auth
import app_data
import app_exports
import streamlit as st
from app_ui import URL_PARAMS, init_filters, init_language, render_footer

from roma_monitor.serve.formatting import normalise_lang
from roma_monitor.serve.i18n import t

st.set_page_config(
    page_title=t("app.title", normalise_lang(st.query_params.get("lang"))),
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)
app_data.start_run()
app_auth.note_landing()

lang = init_language()
access = app_auth.require_access(lang, URL_PARAMS)  # stops here without a role

# (file, url path, nav key, icon); the first is the default page. A role sees the pages of
# app_auth.ROLE_PAGES; the others are not registered, so their URLs lead nowhere.
PAGES = [
    ("app_pages/overview.py", "overview", "nav.overview", ":material/flag:"),
    ("app_pages/measure.py", "measure", "nav.measure", ":material/monitoring:"),
    ("app_pages/regions.py", "regions", "nav.regions", ":material/map:"),
    ("app_pages/platform.py", "platform", "nav.platform", ":material/groups:"),
    ("app_pages/quality.py", "quality", "nav.quality", ":material/fact_check:"),
    ("app_pages/methodology.py", "methodology", "nav.methodology", ":material/menu_book:"),
]
registered = {
    "" if i == 0 else path: st.Page(
        file, title=t(key, lang), icon=icon, url_path=path, default=i == 0
    )
    for i, (file, path, key, icon) in enumerate(PAGES)
    if path in access.pages
}
page = st.navigation(list(registered.values()), position="sidebar")
app_auth.follow_link_from_before_sign_in(registered, page, URL_PARAMS)
app_auth.render_identity(access, lang)
if app_data.indicators_kind() == app_data.INTERNAL_KIND:
    st.warning(t("auth.internal_banner", lang), icon=":material/lock:")
elif app_data.internal_data_missing():
    st.info(t("auth.internal_missing", lang), icon=":material/info:")
# The PDF does not depend on the filters, so it sits above them (and the month slider's first
# and last months, shown below it on hover, overlap nothing); it is drawn after the view is
# recorded, so its download is audited with this view.
report_slot = st.sidebar.container()
filters = init_filters(lang, app_data.snapshot_path("indicators"))
app_auth.record_view(page.url_path or PAGES[0][1], lang, filters, app_data.indicators_kind())
with report_slot, app_data.public_data():  # the council's PDF: public figures, whoever asks
    app_exports.render_report_download(lang)
page.run()

render_footer(lang)
