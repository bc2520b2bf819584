"""The indicator catalogue and targets as the methodology page shows them."""

from __future__ import annotations

__all__: list[str] = []
