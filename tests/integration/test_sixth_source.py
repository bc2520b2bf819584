"""A sixth source added through the one path of docs/adding-a-source.md, without editing the
repository: its contract (registered with the registry's `register`), the generated dbt
artefacts, its staging model, its `int_<source>__indicator_units` model, its catalogue and target
rows and its sample writer, all in a copy of the dbt project; then the real gate, loader, dbt
build and publication, and the overview shows its figure.

By hand: RKC (a made-up agency) sends two monthly files, January 2022 with the consultations
K-01, K-02 and K-03, and February 2022 with K-04 and K-05. Each consultation counts once, in its
month, cumulatively: in February 2022 (the latest month: the other sources sent nothing) the
overview shows 3 + 2 = 5 consultations, 50 % of the target of 10.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from roma_monitor import pipeline
from roma_monitor.contracts.artefacts import generated_artefacts
from roma_monitor.contracts.base import Column, Contract
from roma_monitor.contracts.registry import register, unregister
from roma_monitor.sample import register_writer, unregister_writer, write_samples
from roma_monitor.sample.common import write_extract
from roma_monitor.settings import DBT_PROJECT_DIR, Paths
from tests.dashboard.conftest import APP_FILE

SOURCE = "rkc"
CONSULTATIONS = Contract(
    source=SOURCE,
    dataset="rkc_consultations",
    agency="RKC",
    agency_name_lv="Romu kopienas centrs",
    measure_code="9.9.9",
    measure_name_lv="Romu kopienas centra konsultācijas",
    measure_name_en="Roma community centre consultations",
    description="One row per consultation given in the month.",
    file_pattern=r"RKC_KONS_(?P<period>\d{6})\.csv",
    file_example="RKC_KONS_202201.csv",
    frequency="monthly",
    period_column="consultation_month",
    unique_key=("consultation_id",),
    columns=(
        Column("consultation_month", "month", "Month of the consultation", "Konsultācijas mēnesis"),
        Column("consultation_id", "text", "Consultation number", "Konsultācijas numurs"),
    ),
)
FILES = {"202201": ["K-01", "K-02", "K-03"], "202202": ["K-04", "K-05"]}


def write_rkc_extracts(out_dir: Path, seed: int = 2017) -> list[Path]:
    """The sample writer: the two hand-made files (the seed draws nothing here)."""
    return [
        write_extract(
            out_dir / f"RKC_KONS_{period}.csv",
            CONSULTATIONS,
            [[f"{period[:4]}-{period[4:]}", key] for key in keys],
        )
        for period, keys in FILES.items()
    ]


STAGING = """
with

source as (

    select * from {{ source('rkc', 'consultations') }}

),

renamed as (

    select
        cast(consultation_month as date) as consultation_month,
        trim(consultation_id) as consultation_id,
        {{ lineage_columns() }}
    from source

)

select * from renamed
"""
UNITS = """
-- RKC counted units: each consultation once, in its month, for the country only.

with

consultations as (

    {{ latest_extract_rows(ref('stg_rkc__consultations'), 'consultation_month') }}

),

final as (

    select
        'RKC_CONSULTATIONS' as indicator_code,
        consultation_id as unit_key,
        consultation_month as period,
        cast(null as varchar) as atvk_2021,
        cast(null as varchar) as planning_region_code,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_band,
        cast(null as varchar) as education_level,
        cast(null as varchar) as ethnicity,
        cast([] as varchar[]) as categories,
        cast(1 as double) as amount
    from consultations

)

select * from final
"""
INDICATOR = {
    "indicator_code": "RKC_CONSULTATIONS",
    "sam": "9.9.9",
    "source": SOURCE,
    "agency": "RKC",
    "indicator_group": "participants",
    "name_lv": "Romu kopienas centra konsultācijas",
    "name_en": "Roma community centre consultations",
    "definition_lv": "Sniegtās konsultācijas.",
    "definition_en": "Consultations given.",
    "unit": "consultations",
    "aggregation": "cumulative",
    "geo_levels": "country",
    "has_ethnicity": "false",
    "counting_rule_lv": "Katra konsultācija vienreiz, tās mēnesī.",
    "counting_rule_en": "Each consultation once, in its month.",
    "measure_start_date": "2022-01-01",
    "source_citation": "test",
}
TARGET = {
    "indicator_code": "RKC_CONSULTATIONS",
    "target_kind": "final",
    "target_value": "10",
    "target_operator": ">=",
    "target_date": "2022-12-31",
    "is_from_report": "false",
    "source_citation": "test",
}


@pytest.fixture
def sixth_source():
    """The contract and the sample writer registered, for this test only."""
    register(CONSULTATIONS)
    register_writer(SOURCE, write_rkc_extracts)
    yield
    unregister_writer(SOURCE)
    unregister(CONSULTATIONS.dataset)


def append_row(seed: Path, row: dict, header_from: Path | None = None) -> None:
    """A row in the seed's column order (columns not given are empty); a new seed takes its
    header from `header_from`."""
    with (header_from or seed).open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with seed.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, restval="")
        if header_from:
            writer.writeheader()
        writer.writerow(row)


def dbt_project_with_the_sixth_source(root: Path) -> Path:
    """Steps 2–5 of docs/adding-a-source.md in a copy of the dbt project."""
    project = root / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    # `roma-monitor contracts export`, its dbt part written into the copy
    for path, text in generated_artefacts().items():
        if path.is_relative_to(DBT_PROJECT_DIR):
            copied = project / path.relative_to(DBT_PROJECT_DIR)
            copied.parent.mkdir(parents=True, exist_ok=True)
            copied.write_text(text, encoding="utf-8")
    (project / "models/staging/rkc/stg_rkc__consultations.sql").write_text(STAGING)
    units = project / "models/intermediate/rkc/int_rkc__indicator_units.sql"
    units.parent.mkdir(parents=True)
    units.write_text(UNITS)
    catalogue = project / "seeds/catalogue"
    append_row(
        catalogue / "ref_indicator_catalogue_rkc.csv",
        INDICATOR,
        header_from=catalogue / "ref_indicator_catalogue_km.csv",
    )
    seeds_yml = (catalogue / "_catalogue_km__seeds.yml").read_text(encoding="utf-8")
    column_types = seeds_yml[: seeds_yml.index("    columns:")]
    (catalogue / "_catalogue_rkc__seeds.yml").write_text(
        column_types.replace("ref_indicator_catalogue_km", "ref_indicator_catalogue_rkc")
    )
    append_row(catalogue / "ref_indicator_targets.csv", TARGET)
    return project


def test_a_sixth_source_reaches_the_overview(sixth_source, tmp_path, monkeypatch) -> None:
    paths = Paths(tmp_path / "home").ensure()
    project = dbt_project_with_the_sixth_source(tmp_path)
    for files in write_samples(paths.landing, sources=[SOURCE]).values():
        assert [f.name for f in files] == ["RKC_KONS_202201.csv", "RKC_KONS_202202.csv"]

    for reference in pipeline.find_new_extracts(SOURCE, paths):
        validated = pipeline.validate_extract(reference, SOURCE, paths)
        assert pipeline.load_validated(validated, SOURCE, paths)["status"] == "loaded"
    pipeline.dbt_build(paths, project_dir=project)
    pipeline.publish_indicators(paths)
    pipeline.publish_operations(paths)

    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    monkeypatch.setenv("ROMA_AUTH", "public")
    at = AppTest.from_file(str(APP_FILE), default_timeout=60).run()
    assert not at.exception
    table = at.table[0].value.set_index("Rādītājs")
    row = table.loc["Romu kopienas centra konsultācijas"]
    assert row["Pasākums"] == "9.9.9 · RKC"
    assert row["Vērtība"] == "5"
    assert row["Mērķa izpilde"] == "50,0\N{NO-BREAK SPACE}%"
