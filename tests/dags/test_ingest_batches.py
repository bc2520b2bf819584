"""The ingest DAG's batch step (pipeline.process_batch), with the real gate and warehouse: each
file is gated, loaded or quarantined on its own; the batch fails after all of it, naming each
rejected file; a retry does only what is left; a run with nothing new announces no new data."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.privacy.personal_codes import REDACTED_IN_NAME
from tests.conftest import KEY_B, sif_row, write_extract

GOOD = ("SIF_9144_202109.csv", "SIF_9144_202111.csv")
BAD = "SIF_9144_202110.csv"  # gated between the two


def test_batches_hold_at_most_20_files_named_first_to_last():
    references = [f"landing/sif/SIF_9144_2020{m:02d}.csv" for m in range(1, 13)] * 3 + [
        f"landing/sif/SIF_9144_2021{m:02d}.csv" for m in range(1, 10)
    ]  # 36 + 9 = 45 references: 20 + 20 + 5
    batches = pipeline.batches_of(references)
    assert [len(b["references"]) for b in batches] == [20, 20, 5]
    assert sum((b["references"] for b in batches), []) == references
    assert batches[0]["label"] == "SIF_9144_202001.csv … SIF_9144_202008.csv (20 files)"
    assert batches[2]["label"] == "SIF_9144_202105.csv … SIF_9144_202109.csv (5 files)"
    one = pipeline.batches_of(["landing/sif/SIF_9144_202212.csv"])
    assert one == [{"label": "SIF_9144_202212.csv", "references": one[0]["references"]}]


def test_a_batch_label_shows_a_coded_name_redacted_without_its_digest():
    reference = f"landing/sif/SIF_9144_202212 {REDACTED_IN_NAME}.csv#0123456789abcdef"
    [batch] = pipeline.batches_of([reference])
    assert batch["label"] == f"SIF_9144_202212 {REDACTED_IN_NAME}.csv"


def _rows(paths) -> tuple[int, dict[str, int]]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        rows = con.execute("SELECT count(*) FROM raw.sif_participant_months").fetchone()[0]
        audit = con.execute("SELECT status, count(*) FROM audit.extract_loads GROUP BY ALL")
        return rows, dict(audit.fetchall())


def test_a_rejected_file_fails_the_batch_after_the_others_are_loaded(sif_sample_dir, paths):
    started = datetime.now(UTC)
    landing = paths.landing_for("sif")
    landing.mkdir(parents=True, exist_ok=True)
    for name in GOOD:
        shutil.copy(sif_sample_dir / name, landing / name)
    write_extract(
        landing / BAD, [sif_row(reporting_month="2021-10", participant_key=KEY_B, sex="X")]
    )
    references = pipeline.find_new_extracts("sif", paths)
    assert [r.rsplit("/", 1)[-1] for r in references] == [GOOD[0], BAD, GOOD[1]]
    # lines of the two good files, less their headers, counted from the files
    expected = sum(len((sif_sample_dir / n).read_bytes().splitlines()) - 1 for n in GOOD)

    with pytest.raises(pipeline.ExtractRejected) as rejected:
        pipeline.process_batch(references, "sif", paths)
    message = str(rejected.value)
    assert message.startswith("1 of 3 extracts rejected")
    assert f"REJECTED {BAD}" in message and "sex.allowed" in message
    assert GOOD[0] not in message and GOOD[1] not in message
    assert _rows(paths) == (expected, {"loaded": 2, "rejected": 1})
    assert list(landing.iterdir()) == []
    assert len(list((paths.quarantine / "sif").glob(f"*__{BAD}.report.md"))) == 1

    # A retry of the batch: every file was handled, nothing is done twice.
    assert pipeline.process_batch(references, "sif", paths) == {
        "loaded": [],
        "duplicate": [],
        "skipped": [GOOD[0], BAD, GOOD[1]],
    }
    assert _rows(paths) == (expected, {"loaded": 2, "rejected": 1})
    assert pipeline.announce_loads("sif", started, paths) == {"loaded": 2, "rejected": 1}
    # the raw-data event names the two files loaded, not the rejected one
    event = pipeline.raw_event_extra("sif", started, paths)
    rows = {n: len((sif_sample_dir / n).read_bytes().splitlines()) - 1 for n in GOOD}
    assert [(load["file"], load["period"], load["rows"]) for load in event["loads"]] == [
        (GOOD[0], "2021-09", rows[GOOD[0]]),
        (GOOD[1], "2021-11", rows[GOOD[1]]),
    ]
    assert event["rows"] == expected and len({load["load_id"] for load in event["loads"]}) == 2

    # The same content sent again: a duplicate, and nothing new to announce (no dbt).
    resent = datetime.now(UTC)
    shutil.copy(sif_sample_dir / GOOD[0], landing / GOOD[0])
    done = pipeline.process_batch(pipeline.find_new_extracts("sif", paths), "sif", paths)
    assert done == {"loaded": [], "duplicate": [GOOD[0]], "skipped": []}
    assert pipeline.announce_loads("sif", resent, paths) == {"duplicate": 1}
    assert pipeline.raw_event_extra("sif", resent, paths) == {
        "source": "sif",
        "loads": [],
        "rows": 0,
    }
    assert _rows(paths)[0] == expected
