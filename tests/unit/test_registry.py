"""The contract registry is the one list of sources: registering a dataset of a new source adds
the source and its measure to every list derived from it (docs/adding-a-source.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from roma_monitor.contracts import registry
from roma_monitor.contracts.dbt_lists import dbt_lists_document
from roma_monitor.contracts.km import KM_MEDIATORS
from roma_monitor.sample import sample_writer

NEW = replace(KM_MEDIATORS, source="rkc", dataset="rkc_mediators", measure_code="9.9.9")


def test_the_sources_and_measures_in_the_reports_order() -> None:
    assert registry.SOURCES == ["sif", "nva", "jspa", "ikvd", "km"]
    assert registry.MEASURE_ORDER == ["9.1.4.4", "7.4.1", "8.3.3", "8.3.4", "platform"]


def test_a_registered_source_joins_every_list_and_leaves_with_unregister() -> None:
    registry.register(NEW)
    try:
        assert registry.SOURCES[-2:] == ["km", "rkc"]
        assert registry.MEASURE_ORDER[-2:] == ["platform", "9.9.9"]
        assert registry.contract_for_file("rkc", "KM_PLATF_MED_2020.csv") is NEW
        text = dbt_lists_document()[1]
        assert '["sif", "nva", "jspa", "ikvd", "km", "rkc"]' in text
        assert '"platform", "9.9.9"]' in text
        with pytest.raises(ValueError, match="already registered"):
            registry.register(NEW)
        with pytest.raises(LookupError, match="rkc.*no sample writer"):
            sample_writer("rkc")
    finally:
        registry.unregister(NEW.dataset)
    assert registry.SOURCES == ["sif", "nva", "jspa", "ikvd", "km"]
    assert "rkc_mediators" not in registry.CONTRACTS
