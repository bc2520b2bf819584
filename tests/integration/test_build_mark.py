"""A transform run with nothing to build skips dbt (pipeline.dbt_build_is_current): the
published sample home was fully built by the real dbt; what a build reads changes only with an
accepted load or the definition (a dbt project file, the disclosure code, a dbt variable), never
with a rejected or duplicate file. A changed definition makes the next build a full refresh, and
each snapshot the build publishes must be newer than the build."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.build_mark import definition_digest, project_digest
from roma_monitor.privacy import disclosure
from roma_monitor.publish.snapshot import publish_tables
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


def test_another_disclosure_code_makes_the_build_outdated(built, monkeypatch):
    monkeypatch.setattr(disclosure, "CODE_DIGEST", "another release of the audit")
    assert not pipeline.dbt_build_is_current(built)


def test_an_edited_model_makes_the_next_build_a_full_refresh(built, tmp_path):
    """The incremental models would keep old periods' rows made by the old definition."""
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    macro = project / "macros" / "ethnicity_flags.sql"
    macro.write_text(macro.read_text() + "\n{# an edit #}\n")
    vars_ = pipeline._dbt_vars()
    assert not pipeline.dbt_build_is_current(built, project_dir=project)
    assert pipeline._definition_changed(built.warehouse, definition_digest(project, vars_))
    assert not pipeline._definition_changed(
        built.warehouse, definition_digest(DBT_PROJECT_DIR, vars_)
    )


def test_a_partial_build_leaves_no_build_current(built):
    pipeline.dbt_build(built, select="stg_audit__extract_loads")
    assert not pipeline.dbt_build_is_current(built)
    assert not pipeline.published_is_current(built)


def test_a_publication_stopped_part_way_is_not_current(built):
    """The build publishes three snapshots; the first alone, after a newer build, is not
    enough (the retry publishes again)."""
    with duckdb.connect(str(built.warehouse)) as con:
        con.execute("UPDATE build.dbt_build_marks SET built_at_epoch_s = epoch(now())")
    assert not pipeline.published_is_current(built)
    publish_tables("indicators", built.warehouse, pipeline.INDICATOR_TABLES, built)
    assert not pipeline.published_is_current(built)
    pipeline.publish_indicators(built)
    assert pipeline.published_is_current(built)


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
