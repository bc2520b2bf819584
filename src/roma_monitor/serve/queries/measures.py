"""Every measure at a glance (overview) and one indicator in depth (measure detail)."""

from __future__ import annotations

__all__: list[str] = []
