"""A corrected file waiting in landing/ beside its original under a resend name
(`SIF_9144_202008.r2.csv`, contracts.base.split_resend): the same period, loaded after the
original as its correction, both archived (issue 15, defect 13)."""

from __future__ import annotations

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.contracts.base import split_resend
from roma_monitor.contracts.registry import contract_for_file
from roma_monitor.pipeline import find_new_extracts

ORIGINAL = "SIF_9144_202008.csv"
RESEND = "SIF_9144_202008.r2.csv"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SIF_9144_202008.csv", ("SIF_9144_202008.csv", 1)),
        ("SIF_9144_202008.r2.csv", ("SIF_9144_202008.csv", 2)),
        ("SIF_9144_202008.r10.xlsx", ("SIF_9144_202008.xlsx", 10)),
        ("NVA_741_DAL_2019Q2.r3.csv", ("NVA_741_DAL_2019Q2.csv", 3)),
        ("SIF_9144_202008.r1.csv", ("SIF_9144_202008.r1.csv", 1)),  # r1 is no marker
        ("SIF_9144_202008.r2.txt", ("SIF_9144_202008.r2.txt", 1)),
    ],
)
def test_the_resend_marker_is_parsed(name, expected) -> None:
    assert split_resend(name) == expected


@pytest.mark.parametrize(
    ("source", "name", "period"),
    [
        ("sif", "SIF_9144_202008.r2.csv", "2020-08"),
        ("sif", "SIF_9144_202008.r2.xlsx", "2020-08"),
        ("nva", "NVA_741_DAL_2019Q2.r2.csv", "2019-Q2"),
        ("sif", "SIF_9144_202008.r1.csv", None),
        ("sif", "SIF_9144_202008.r2.r3.csv", None),
        ("sif", "SIF_9144_202008_r2.csv", None),
    ],
)
def test_a_resend_name_declares_the_period_of_the_original(source, name, period) -> None:
    contract = contract_for_file(source, name)
    assert (contract.period_of_file(name) if contract else None) == period


def test_originals_come_before_their_resends_in_sending_order(paths) -> None:
    landing = paths.landing_for("sif")
    landing.mkdir(parents=True)
    for name in ("SIF_9144_202008.r10.csv", RESEND, "SIF_9144_202009.csv", ORIGINAL):
        (landing / name).write_text("x")
    found = [p.rsplit("/", 1)[-1] for p in find_new_extracts("sif", paths)]
    assert found == [ORIGINAL, RESEND, "SIF_9144_202008.r10.csv", "SIF_9144_202009.csv"]


def participants(paths, sha256: str) -> int:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(
            "SELECT count(DISTINCT participant_key) FROM raw.sif_participant_months "
            "WHERE _extract_sha256 = ?",
            [sha256],
        ).fetchone()[0]


def test_a_resend_beside_its_original_is_loaded_as_its_correction(sif_sample_dir, paths):
    rows = (sif_sample_dir / ORIGINAL).read_bytes().splitlines()
    landing = paths.landing_for("sif")
    landing.mkdir(parents=True)
    # the original lacks the last 3 participants; the resend is complete
    (landing / ORIGINAL).write_bytes(b"\r\n".join(rows[:-3]) + b"\r\n")
    (landing / RESEND).write_bytes(b"\r\n".join(rows) + b"\r\n")
    complete = len(rows) - 1  # one row per participant of the month (the contract's key)

    loaded = [
        pipeline.load_validated(pipeline.validate_extract(ref, "sif", paths), "sif", paths)
        for ref in find_new_extracts("sif", paths)
    ]
    assert [r["status"] for r in loaded] == ["loaded", "loaded"]
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        audit = con.execute(
            "SELECT load_id, file_name, reporting_period, rows, revision, supersedes_load_id, "
            "sha256 FROM audit.extract_loads ORDER BY started_at"
        ).fetchall()
    first, second = audit
    assert first[1:6] == (ORIGINAL, "2020-08", complete - 3, 1, None)
    assert second[1:6] == (RESEND, "2020-08", complete, 2, first[0])
    # the figure of the month: the current revision's participants, 3 more than the original's
    assert participants(paths, second[6]) == participants(paths, first[6]) + 3 == complete
    archived = sorted(p.name.split("__", 1)[1] for p in (paths.archive / "sif").glob("*__*.csv"))
    assert archived == [ORIGINAL, RESEND]
    assert not any(landing.iterdir())
