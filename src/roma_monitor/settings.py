"""Where things live. Every path can be overridden from the environment (ROMA_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("ROMA_PROJECT_ROOT", Path(__file__).resolve().parents[2]))
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"


@dataclass(frozen=True)
class Paths:
    """The data directories of one deployment (the demo uses ./var)."""

    home: Path

    @property
    def landing(self) -> Path:
        """Agencies drop extracts here, one folder per source."""
        return self.home / "landing"

    @property
    def archive(self) -> Path:
        """Immutable copies of accepted extracts, named by content hash."""
        return self.home / "archive"

    @property
    def quarantine(self) -> Path:
        """Rejected extracts beside their validation reports."""
        return self.home / "quarantine"

    @property
    def warehouse(self) -> Path:
        """The DuckDB warehouse: written only by the pipeline."""
        return self.home / "warehouse" / "roma_monitor.duckdb"

    @property
    def published(self) -> Path:
        """Read-only snapshots for the dashboard and the CLI."""
        return self.home / "published"

    def landing_for(self, source: str) -> Path:
        return self.landing / source

    def ensure(self) -> Paths:
        for path in (
            self.landing,
            self.archive,
            self.quarantine,
            self.warehouse.parent,
            self.published,
        ):
            path.mkdir(parents=True, exist_ok=True)
        return self


def get_paths() -> Paths:
    return Paths(Path(os.environ.get("ROMA_HOME", PROJECT_ROOT / "var")).resolve())


def suppression_threshold() -> int:
    """Counts about Roma below this (and above zero) are never published."""
    return int(os.environ.get("ROMA_SUPPRESSION_THRESHOLD", "5"))
