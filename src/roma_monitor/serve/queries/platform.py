"""The KM platform: workshops, participants by type, mediators, recommendations tracker."""

from __future__ import annotations

__all__: list[str] = []
