"""All extract contracts. Adding a dataset is adding a contract module and one line here."""

from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.ikvd import IKVD_ENTITIES, IKVD_PUPIL_MONTHS, IKVD_SPENDING
from roma_monitor.contracts.jspa import JSPA_FOLLOWUPS, JSPA_PARTICIPANT_MONTHS
from roma_monitor.contracts.km import KM_MEDIATORS, KM_RECOMMENDATION_STATUS, KM_WORKSHOPS
from roma_monitor.contracts.nva import NVA_FOLLOWUPS, NVA_PARTICIPANT_MONTHS
from roma_monitor.contracts.sif import SIF

CONTRACTS: dict[str, Contract] = {
    c.dataset: c
    for c in (
        SIF,
        NVA_PARTICIPANT_MONTHS,
        NVA_FOLLOWUPS,
        JSPA_PARTICIPANT_MONTHS,
        JSPA_FOLLOWUPS,
        KM_WORKSHOPS,
        KM_MEDIATORS,
        KM_RECOMMENDATION_STATUS,
        IKVD_PUPIL_MONTHS,
        IKVD_ENTITIES,
        IKVD_SPENDING,
    )
}

# The agencies (landing folders, ingest DAGs), each sending one or more datasets.
SOURCES: tuple[str, ...] = tuple(dict.fromkeys(c.source for c in CONTRACTS.values()))


def get_contract(dataset: str) -> Contract:
    try:
        return CONTRACTS[dataset]
    except KeyError:
        known = ", ".join(sorted(CONTRACTS))
        raise KeyError(f"unknown dataset {dataset!r}; known datasets: {known}") from None


def contracts_for_source(source: str) -> list[Contract]:
    contracts = [c for c in CONTRACTS.values() if c.source == source]
    if not contracts:
        raise KeyError(f"unknown source {source!r}; known sources: {', '.join(SOURCES)}")
    return contracts


def contract_for_file(source: str, file_name: str) -> Contract | None:
    """The contract whose file-name pattern the file matches, or None."""
    for contract in contracts_for_source(source):
        if contract.period_of_file(file_name) is not None:
            return contract
    return None
