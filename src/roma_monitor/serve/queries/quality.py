"""Data quality per source: extracts received, freshness, validation results, quarantine."""

from __future__ import annotations

__all__: list[str] = []
