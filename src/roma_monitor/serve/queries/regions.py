"""Indicators by planning region and municipality, for the map and its table."""

from __future__ import annotations

__all__: list[str] = []
