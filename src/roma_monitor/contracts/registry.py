"""All extract contracts, and the one list of sources every other list derives from.

Adding a dataset is adding a contract module and one line in `_BUILT_IN` below
(docs/adding-a-source.md). A dataset defined outside this package joins with `register(contract)`:
the gate, the loader, the warehouse's raw tables, the dbt sources and source lists
(`roma-monitor contracts export`), the ingest DAGs and the sample writers all read the registry.
"""

from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.ikvd import IKVD_ENTITIES, IKVD_PUPIL_MONTHS, IKVD_SPENDING
from roma_monitor.contracts.jspa import JSPA_FOLLOWUPS, JSPA_PARTICIPANT_MONTHS
from roma_monitor.contracts.km import KM_MEDIATORS, KM_RECOMMENDATION_STATUS, KM_WORKSHOPS
from roma_monitor.contracts.nva import NVA_FOLLOWUPS, NVA_PARTICIPANT_MONTHS
from roma_monitor.contracts.sif import SIF

# In the order the reports present the measures: a source's first dataset places its measure.
_BUILT_IN: tuple[Contract, ...] = (
    SIF,
    NVA_PARTICIPANT_MONTHS,
    NVA_FOLLOWUPS,
    JSPA_PARTICIPANT_MONTHS,
    JSPA_FOLLOWUPS,
    IKVD_PUPIL_MONTHS,
    IKVD_ENTITIES,
    IKVD_SPENDING,
    KM_WORKSHOPS,
    KM_MEDIATORS,
    KM_RECOMMENDATION_STATUS,
)

CONTRACTS: dict[str, Contract] = {}
# Kept by register() and unregister(), in registration order; read them, never assign them.
# The agencies (landing folders, ingest DAGs, dbt sources, indicator catalogues):
SOURCES: list[str] = []
# The measures (SAM codes; `platform` for the Roma Platform), in the order the reports show them:
MEASURE_ORDER: list[str] = []


def register(contract: Contract) -> Contract:
    """Add a dataset's contract to the registry (its source and measure too, if new)."""
    if contract.dataset in CONTRACTS:
        raise ValueError(f"dataset {contract.dataset!r} is already registered")
    CONTRACTS[contract.dataset] = contract
    _derive_lists()
    return contract


def unregister(dataset: str) -> Contract:
    """Remove a dataset registered with `register` (a test's clean-up)."""
    contract = CONTRACTS.pop(get_contract(dataset).dataset)
    _derive_lists()
    return contract


def _derive_lists() -> None:
    SOURCES[:] = dict.fromkeys(c.source for c in CONTRACTS.values())
    MEASURE_ORDER[:] = dict.fromkeys(c.measure_code for c in CONTRACTS.values())


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


for _contract in _BUILT_IN:
    register(_contract)
