"""Running a GX suite on a pandas DataFrame (GX's SQL datasource returns no metrics on DuckDB)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.sql import ROW_NUMBER
from roma_monitor.validate.suites import build_suites, gx_context


@cache
def _batch_definition():
    asset = gx_context().data_sources.add_pandas("extracts").add_dataframe_asset("extract")
    return asset.add_batch_definition_whole_dataframe("whole_extract")


@cache
def _suites(dataset: str, contract: Contract):
    return build_suites(contract)


def run_suite(contract: Contract, stage: str, frame: pd.DataFrame, parameters: dict):
    """Validate `frame` with the contract's suite for `stage`. Returns (result, checks run)."""
    batch_definition = _batch_definition()
    suite = _suites(contract.dataset, contract)[stage]
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(
        suite,
        result_format={
            "result_format": "COMPLETE",
            "unexpected_index_column_names": [ROW_NUMBER],
            "partial_unexpected_count": 20,
        },
        expectation_parameters=parameters,
    )
    return result, len(suite.expectations)
