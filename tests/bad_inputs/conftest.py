"""A data home with loaded and published data, built once, copied for each corpus case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roma_monitor import pipeline
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.ingest.load import load_extract
from roma_monitor.publish.snapshot import publish_tables
from roma_monitor.settings import Paths
from tests.bad_inputs.corpus import HOME_FILES_DIR

# A stand-in for the indicator marts (dbt is not run per case): enough to see whether anything
# published changes.
INDICATOR_STAND_IN = {
    "rows_by_month": "SELECT reporting_month, count(*) AS n "
    "FROM src.raw.sif_participant_months GROUP BY reporting_month",
}


@pytest.fixture(scope="session")
def corpus_base_home(tmp_path_factory) -> Paths:
    """SIF August 2021 and KM 2020 loaded (loader only, no GX), an indicators snapshot and the
    operations snapshot published."""
    paths = Paths(tmp_path_factory.mktemp("bad_inputs") / "home").ensure()
    for name, source in (("SIF_9144_202108.csv", "sif"), ("KM_PLATF_IET_2020.csv", "km")):
        landed = paths.landing_for(source) / name
        landed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HOME_FILES_DIR / name, landed)
        load_extract(landed, contract_for_file(source, name), paths)
    publish_tables("indicators", paths.warehouse, INDICATOR_STAND_IN, paths)
    pipeline.publish_operations(paths)
    return paths


@pytest.fixture
def corpus_home(corpus_base_home: Paths, tmp_path: Path) -> Paths:
    """A private copy of the base home (symlinks kept: `current` stays a pointer)."""
    home = tmp_path / "home"
    shutil.copytree(corpus_base_home.home, home, symlinks=True)
    return Paths(home)
