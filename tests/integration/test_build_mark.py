"""A transform run with nothing to build skips dbt (pipeline.dbt_build_is_current): the
published sample home was fully built by the real dbt; what a build reads changes only with an
accepted load, a dbt project file or a dbt variable, never with a rejected or duplicate file."""

from __future__ import annotations

import shutil

import pytest

from roma_monitor import pipeline
from roma_monitor.build_mark import project_digest
from roma_monitor.settings import DBT_PROJECT_DIR, Paths
from tests.conftest import KEY_B, sif_row, write_extract


@pytest.fixture
def built(sample_home_paths, tmp_path) -> Paths:
    home = tmp_path / "home"
    shutil.copytree(sample_home_paths.home, home, symlinks=True)
    return Paths(home)


def test_a_built_and_published_home_has_nothing_to_build_or_publish(built):
    assert pipeline.dbt_build_is_current(built)
    assert pipeline.published_is_current(built)


def test_a_home_never_built_has_to_be_built(paths):
    assert not pipeline.dbt_build_is_current(paths)
    assert not pipeline.published_is_current(paths)


def test_a_rejected_or_duplicate_file_leaves_the_build_current(built):
    landing = built.landing_for("sif")
    landing.mkdir(parents=True, exist_ok=True)
    archived = next((built.archive / "sif").glob("*__SIF_9144_201903.csv"))
    shutil.copy(archived, landing / "SIF_9144_201903.csv")  # loaded already: a duplicate
    write_extract(
        landing / "SIF_9144_202212.csv",
        [sif_row(reporting_month="2022-12", participant_key=KEY_B, sex="X")],
    )
    with pytest.raises(pipeline.ExtractRejected, match="1 of 2 extracts rejected"):
        pipeline.process_batch(pipeline.find_new_extracts("sif", built), "sif", built)
    assert pipeline.dbt_build_is_current(built)


def test_an_accepted_load_makes_the_build_outdated(built):
    write_extract(
        built.landing_for("sif") / "SIF_9144_202212.csv",
        [sif_row(reporting_month="2022-12", service_start_date="01.12.2022")],
    )
    done = pipeline.process_batch(pipeline.find_new_extracts("sif", built), "sif", built)
    assert done["loaded"] == ["SIF_9144_202212.csv"]
    assert not pipeline.dbt_build_is_current(built)
    # the snapshot was published after the last build, which is what publishing checks
    assert pipeline.published_is_current(built)


def test_another_dbt_variable_makes_the_build_outdated(built, monkeypatch):
    monkeypatch.setenv("ROMA_SUPPRESSION_THRESHOLD", "10")
    assert not pipeline.dbt_build_is_current(built)


def test_the_project_digest_follows_the_project_files_not_dbt_output(tmp_path):
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    before = project_digest(project)
    (project / "target").mkdir()
    (project / "target" / "manifest.json").write_text("{}")
    (project / "logs").mkdir()
    (project / "logs" / "dbt.log").write_text("a log line")
    assert project_digest(project) == before
    model = project / "models" / "marts" / "fct_indicator_status.sql"
    model.write_text(model.read_text() + "\n-- an edit\n")
    assert project_digest(project) != before
