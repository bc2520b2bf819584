"""Serving: read-only queries over the published snapshots, formats and UI strings.

Nothing here imports Streamlit, so the CLI and the tests use the same code as the dashboard.
"""
