"""UI state shared by the entry file and the pages: the language and the footer."""

from __future__ import annotations

import streamlit as st

from roma_monitor.serve.formatting import DEFAULT_LANG, LANGS, normalise_lang
from roma_monitor.serve.i18n import BOUNDARIES_ATTRIBUTION, LANGUAGE_NAMES, t

LANG_KEY = "lang"  # both the session-state key of the widget and the query parameter


def _sync_query_param() -> None:
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]


def init_language() -> str:
    """Resolve the language (URL `?lang=` wins, then this session's choice, then Latvian),
    draw the switch in the sidebar and keep `?lang=` in the URL so a shared link keeps it."""
    requested = st.query_params.get(LANG_KEY)
    if requested is not None:
        st.session_state[LANG_KEY] = normalise_lang(requested)
    elif LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = DEFAULT_LANG
    st.session_state[LANG_KEY] = normalise_lang(st.session_state[LANG_KEY])
    lang = st.session_state[LANG_KEY]
    st.sidebar.radio(
        t("sidebar.language", lang),
        options=list(LANGS),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_KEY,
        on_change=_sync_query_param,
    )
    lang = st.session_state[LANG_KEY]
    if st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang


def current_lang() -> str:
    return normalise_lang(st.session_state.get(LANG_KEY))


def render_footer(lang: str) -> None:
    st.divider()
    st.caption(t("footer.product", lang))
    st.caption(BOUNDARIES_ATTRIBUTION)
