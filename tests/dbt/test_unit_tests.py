"""dbt's unit tests (the `unit_tests:` of the models' YAML: fixed inputs, hand-counted expected
rows) and the tests of the seeds alone (tag `definition`: code tables, the indicator catalogue)
run here, not in the pipeline's builds (a new extract cannot change their result): every one of
them runs and passes, on a copy of the built sample warehouse (dbt reads the input relations'
columns from it), and the pipeline's build ran none of them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from roma_monitor import pipeline
from roma_monitor.settings import DBT_PROJECT_DIR

DBT = Path(sys.executable).with_name("dbt")


def _unit_tests_in_project() -> int:
    return sum(
        len((yaml.safe_load(path.read_text()) or {}).get("unit_tests", []))
        for path in (DBT_PROJECT_DIR / "models").rglob("*.yml")
    )


def test_every_dbt_unit_test_and_definition_test_runs_and_passes(sample_home_paths, tmp_path):
    work = tmp_path / sample_home_paths.warehouse.name
    shutil.copyfile(sample_home_paths.warehouse, work)
    target = tmp_path / "target"
    completed = subprocess.run(
        [
            str(DBT),
            "test",
            "--select",
            f"test_type:unit {pipeline.DEFINITION_TESTS}",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target),
            "--log-path",
            str(tmp_path / "logs"),
            "--vars",
            pipeline._dbt_vars(),
        ],
        cwd=tmp_path,
        env={**os.environ, "ROMA_WAREHOUSE_PATH": work.name},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-4000:]
    results = json.loads((target / "run_results.json").read_text())["results"]
    assert {r["status"] for r in results} == {"pass"}
    ran = {r["unique_id"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert len(ran) == _unit_tests_in_project() >= 21
    definition = {r["unique_id"] for r in results} - ran
    # every seed's column tests and the two crosswalk tests (dbt_project.yml)
    assert len(definition) >= 130
    manifest = json.loads((target / "manifest.json").read_text())
    for test in definition:
        parents = manifest["nodes"][test]["depends_on"]["nodes"]
        assert parents and all(_built_from_seeds(parent, manifest) for parent in parents), test
    built = json.loads(
        (sample_home_paths.home / "dbt" / "target" / "run_results.json").read_text()
    )["results"]
    built_tests = {r["unique_id"] for r in built if r["unique_id"].startswith("test.")}
    assert len(built_tests) > 100 and not built_tests & (definition | ran)


def _built_from_seeds(node: str, manifest: dict) -> bool:
    if node.startswith("seed."):
        return True
    parents = manifest["nodes"][node]["depends_on"]["nodes"]
    return node.startswith("model.") and all(_built_from_seeds(p, manifest) for p in parents)
