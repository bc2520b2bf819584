"""Measure page (being built)."""

from __future__ import annotations

import streamlit as st
from app_ui import current_lang

from roma_monitor.serve.i18n import t

st.title(t("nav.measure", current_lang()))
