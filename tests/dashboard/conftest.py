"""Fixtures for the dashboard tests: a published data home (ROMA_HOME) and an app runner.

The snapshot builder lives in tests/conftest_snapshot.py so other test packages can reuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.settings import Paths
from tests.conftest_snapshot import publish_fixture_snapshots

APP_FILE = Path(__file__).resolve().parents[2] / "dashboard" / "streamlit_app.py"


# What st.user holds after a data engineer signs in (every page, the public figures).
ENGINEER = {"is_logged_in": True, "iss": "https://idp.test", "sub": "eng-1", "roles": ["engineer"]}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ROMA_SUPPRESSION_THRESHOLD", raising=False)
    # Sign-in as in production (docs/access.md); the access audit goes to the test's own folder.
    monkeypatch.setenv("ROMA_AUTH", "oidc")
    monkeypatch.setenv("ROMA_AUDIT_KEY", "test-audit-key-0123456789")
    monkeypatch.setenv("ROMA_AUDIT_DIR", str(tmp_path / "access_audit"))


@pytest.fixture
def published_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """Both snapshots published from the default hand-made rows; ROMA_HOME points at them."""
    paths = publish_fixture_snapshots(tmp_path / "home")
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    return paths


@pytest.fixture
def sample_home(sample_home_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """ROMA_HOME pointing at the published sample (`sample_home_paths` in tests/conftest.py;
    read-only: do not publish into it)."""
    monkeypatch.setenv("ROMA_HOME", str(sample_home_paths.home))
    return sample_home_paths


@pytest.fixture
def snapshot(sample_home: Paths) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published sample's indicators snapshot."""
    with duckdb.connect(str(current_snapshot("indicators", sample_home)), read_only=True) as con:
        yield con


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A data home where nothing has been published yet."""
    paths = Paths(tmp_path / "empty").ensure()
    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    return paths


@pytest.fixture
def run_app() -> Callable[..., AppTest]:
    """Run the dashboard once: `run_app()` in Latvian, `run_app(lang="en")` via ?lang=en,
    `run_app(page="app_pages/regions.py", region="LATGALE")` on a page with filters."""

    def run(lang: str | None = None, page: str | None = None, **query: str) -> AppTest:
        """Extra keyword arguments are URL query parameters (measure=, region=, period=)."""
        at = AppTest.from_file(str(APP_FILE), default_timeout=60)
        at.user = dict(ENGINEER)
        if lang is not None:
            at.query_params["lang"] = lang
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page is not None:
            at.switch_page(page).run()
        return at

    return run


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """file name → the callable a download button will run when pressed (a spy on Streamlit's
    registry of deferred downloads, which AppTest does not expose)."""
    captured: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[str(file_name)] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured
