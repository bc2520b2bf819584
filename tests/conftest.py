"""Shared fixtures: sample extracts generated once per session, and per-test data homes.

`make test` runs the suite on every core (pytest-xdist, one module per worker at a time) and the
privacy sweep afterwards, in a second run over the first run's folders (ROMA_SWEEP_ROOT): the
sweep must see what every worker left. The workers build the published sample home once between
them (a file lock), since every test that uses it only reads it.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from roma_monitor.contracts import get_contract
from roma_monitor.contracts.sif import SIF
from roma_monitor.pipeline import DBT_PARSE_CACHE_ENV
from roma_monitor.sample import write_sif_extracts
from roma_monitor.sample.home import publish_sample_home
from roma_monitor.settings import Paths
from tests.privacy.fake_personal_codes import INJECTED

SAMPLE_SEED = 11

# In CI the property-based tests draw the same examples on every run (a red run is reproducible);
# locally they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


# The slowest modules start first, so no worker is left with a long one at the end.
SLOW_FIRST = (
    "tests/e2e/",
    "tests/bench/test_bench_smoke.py",
    "tests/browser/",
    "tests/integration/",
    "tests/dbt/test_incremental_build.py",
    "tests/bad_inputs/test_gate_engines.py",
    "tests/bad_inputs/test_generated_bad_inputs.py",
    "tests/indicators/",
)
INJECTED_CODES_FILE = "injected_codes.txt"


def _start_rank(item) -> int:
    starts = (n for n, prefix in enumerate(SLOW_FIRST) if item.nodeid.startswith(prefix))
    return next(starts, len(SLOW_FIRST))


def pytest_collection_modifyitems(config, items):
    """The privacy sweep runs last: it looks for every code the other tests injected. A worker
    of a parallel run does not run it (it would see only part of the run): `make test` runs it
    after all the workers finished."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        sweep = [item for item in items if item.get_closest_marker("sweep")]
        if sweep:
            config.hook.pytest_deselected(items=sweep)
            items[:] = [item for item in items if not item.get_closest_marker("sweep")]
    items.sort(key=lambda item: (item.get_closest_marker("sweep") is not None, _start_rank(item)))


@pytest.fixture(scope="session", autouse=True)
def session_log(tmp_path_factory) -> Path:
    """Every log record of the session (INFO and up), kept for the privacy sweep."""
    path = tmp_path_factory.getbasetemp() / "session.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    yield path
    root.removeHandler(handler)
    handler.close()
    # Fake codes only (tests.privacy.fake_personal_codes): what the sweep is to look for.
    (path.parent / INJECTED_CODES_FILE).write_text("\n".join(sorted(INJECTED)), encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def dbt_parse_cache(tmp_path_factory):
    """Every dbt build of the session reuses the parsed dbt project (pipeline._run_dbt)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DBT_PARSE_CACHE_ENV, str(tmp_path_factory.mktemp("dbt_parse_cache")))
        yield


@pytest.fixture(scope="session")
def sif_sample_dir(tmp_path_factory) -> Path:
    """The full sample (66 monthly SIF files), written once; copy before modifying."""
    out = tmp_path_factory.mktemp("sample") / "sif"
    write_sif_extracts(out, SAMPLE_SEED)
    return out


@pytest.fixture(scope="session")
def sample_home_paths(tmp_path_factory) -> Paths:
    """The whole sample of every source, loaded, built by the real dbt and published once per
    session (roma_monitor.sample.home; ~65 s), with one rejected extract in the load audit.
    Shared by the dashboard, browser and export tests: never publish into it. In a parallel run
    the first worker to need it builds it beside the workers' folders; the others wait for it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return publish_sample_home(Paths(tmp_path_factory.mktemp("sample_home") / "home"))
    shared = tmp_path_factory.getbasetemp().parent / "sample_home"
    built = shared / "built"
    with FileLock(str(shared) + ".lock"):
        if not built.is_file():
            shutil.rmtree(shared, ignore_errors=True)
            publish_sample_home(Paths(shared / "home"))
            built.touch()
    return Paths(shared / "home")


@pytest.fixture
def paths(tmp_path) -> Paths:
    return Paths(tmp_path / "home").ensure()


@pytest.fixture
def sif_contract():
    return get_contract("sif_participant_months")


def write_extract(
    path: Path,
    rows: list[list[str]],
    header: list[str] | None = None,
    encoding: str = "utf-8-sig",
    delimiter: str = ";",
) -> Path:
    """Write a hand-made extract file."""
    header = header if header is not None else SIF.column_names
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


KEY_A = "a" * 64
KEY_B = "b" * 64


def sif_row(**overrides: str) -> list[str]:
    """One valid SIF row (2021-09, post-reform code), with fields overridden by name."""
    row = {
        "reporting_month": "2021-09",
        "participant_key": KEY_A,
        "municipality_atvk": "0002000",
        "municipality_name": "Daugavpils",
        "sex": "S",
        "birth_year": "1984",
        "risk_groups": "etniskā piederība",
        "ethnicity": "romu",
        "service_start_date": "06.09.2021",
        "service_end_date": "",
        "services": "MOT|PSI",
        "service_hours": "12,5",
    }
    row.update(overrides)
    return [row[c] for c in SIF.column_names]
