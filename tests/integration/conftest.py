"""Fixtures for the integration tests: a private copy of the published sample home."""

from __future__ import annotations

import shutil

import pytest

from roma_monitor.settings import Paths


@pytest.fixture
def sample_copy(sample_home_paths: Paths, tmp_path, monkeypatch) -> Paths:
    """A copy of the published sample (warehouse, snapshots, archive) that a test may write,
    build and publish into; ROMA_HOME points at it."""
    home = tmp_path / "home"
    shutil.copytree(
        sample_home_paths.home, home, symlinks=True, ignore=shutil.ignore_patterns("dbt", "airflow")
    )
    monkeypatch.setenv("ROMA_HOME", str(home))
    return Paths(home)
