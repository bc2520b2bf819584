"""dbt parses the project once, not on every build: the profile is the same for every build
(the working copy is named relatively), and homes share the parsed project through
ROMA_DBT_PARSE_CACHE. A changed model file is still seen by the next build, in another home."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.settings import DBT_PROJECT_DIR, Paths
from tests.dbt.test_dbt_project import build_warehouse

MODEL = "stg_audit__extract_loads"
MODEL_FILE = Path("models/staging/audit") / f"{MODEL}.sql"


def _dbt_log(paths: Paths) -> str:
    return (paths.home / "dbt" / "logs" / "dbt.log").read_text(encoding="utf-8")


def _columns(paths: Paths) -> list[str]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return [
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns "
                f"WHERE table_schema = 'staging' AND table_name = '{MODEL}'"
            ).fetchall()
        ]


def _home(root: Path) -> Paths:
    paths = Paths(root).ensure()
    build_warehouse(paths.warehouse)
    return paths


def test_a_second_home_reuses_the_parsed_project_and_sees_a_changed_model(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    cache = tmp_path / "parse_cache"
    monkeypatch.setenv(pipeline.DBT_PARSE_CACHE_ENV, str(cache))

    first = _home(tmp_path / "first")
    pipeline.dbt_build(first, select=MODEL, project_dir=project)
    assert "Unable to do partial parsing" in _dbt_log(first)  # a new home, nothing cached yet
    assert len(list(cache.glob("*.msgpack"))) == 1
    assert "parse_probe" not in _columns(first)

    model = project / MODEL_FILE
    sql = model.read_text(encoding="utf-8")
    assert sql.rstrip().endswith("select * from final")
    model.write_text(
        sql.replace("select * from final", "select *, 'changed' as parse_probe from final"),
        encoding="utf-8",
    )
    second = _home(tmp_path / "second")
    pipeline.dbt_build(second, select=MODEL, project_dir=project)

    log = _dbt_log(second)
    assert "Unable to do partial parsing" not in log
    assert "0 files deleted, 0 files added, 1 files changed" in log  # the cache, and the change
    assert _columns(second)[-1] == "parse_probe"

    monkeypatch.delenv(pipeline.DBT_PARSE_CACHE_ENV)  # the same home again, by itself
    pipeline.dbt_build(second, select=MODEL, project_dir=project)
    assert "Nothing changed, skipping partial parsing" in _dbt_log(second)
