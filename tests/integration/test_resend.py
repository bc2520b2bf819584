"""A corrected SIF month waiting in landing/ beside its original under the resend name
(`SIF_9144_202008.r2.csv`): both are loaded in sending order, the resend is the correction
the marts count, and both are archived (issue 15, defect 13)."""

from __future__ import annotations

import duckdb

from roma_monitor import pipeline

ORIGINAL, RESEND = "SIF_9144_202008.csv", "SIF_9144_202008.r2.csv"
NEW_KEYS = [c * 64 for c in "cde"]  # three persons the sample never saw
SIF_AND_DOWNSTREAM = "stg_sif__participant_months+"


def sif_country(paths, period: str) -> int:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(
            "SELECT value FROM marts.fct_indicator_progress WHERE geo_level = 'country' "
            "AND indicator_code = 'SIF_9144_PARTICIPANTS' AND period = CAST(? AS DATE)",
            [f"{period}-01"],
        ).fetchone()[0]


def test_a_resend_beside_its_original_is_the_months_correction(sample_copy) -> None:
    paths = sample_copy
    [archived] = (paths.archive / "sif").glob(f"*__{ORIGINAL}")
    header, *rows = archived.read_bytes().splitlines()
    template = rows[-1].split(b";")
    new_rows = [b";".join([template[0], key.encode(), *template[2:]]) for key in NEW_KEYS]
    landing = paths.landing_for("sif")
    landing.mkdir(parents=True, exist_ok=True)
    # the original as first sent lacks a row; the resend has every row and three more persons
    (landing / ORIGINAL).write_bytes(b"\r\n".join([header, *rows[:-1]]) + b"\r\n")
    (landing / RESEND).write_bytes(b"\r\n".join([header, *rows, *new_rows]) + b"\r\n")
    before = {p: sif_country(paths, p) for p in ("2020-07", "2020-08", "2022-11")}

    for reference in pipeline.find_new_extracts("sif", paths):
        pipeline.load_validated(pipeline.validate_extract(reference, "sif", paths), "sif", paths)
    pipeline.dbt_build(paths, select=SIF_AND_DOWNSTREAM)

    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        loads = con.execute(
            "SELECT file_name, rows FROM audit.extract_loads WHERE reporting_period = '2020-08' "
            "AND status = 'loaded' ORDER BY started_at"
        ).fetchall()
    assert loads == [(ORIGINAL, len(rows)), (ORIGINAL, len(rows) - 1), (RESEND, len(rows) + 3)]
    # by hand: three more persons enter in August 2020; July is as it was
    after = {p: sif_country(paths, p) for p in before}
    assert after == {
        "2020-07": before["2020-07"],
        "2020-08": before["2020-08"] + 3,
        "2022-11": before["2022-11"] + 3,
    }
    kept = sorted(p.name.split("__", 1)[1] for p in (paths.archive / "sif").glob("*__*202008*.csv"))
    assert kept == [ORIGINAL, ORIGINAL, RESEND]  # the sample's, the first sending, the resend
    assert not any(landing.iterdir())
