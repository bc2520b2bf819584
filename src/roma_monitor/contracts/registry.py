"""All source contracts. Adding a source is adding a module and one line here."""

from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.sif import SIF

CONTRACTS: dict[str, Contract] = {c.source: c for c in (SIF,)}


def get_contract(source: str) -> Contract:
    try:
        return CONTRACTS[source]
    except KeyError:
        known = ", ".join(sorted(CONTRACTS))
        raise KeyError(f"unknown source {source!r}; known sources: {known}") from None
