"""The data-quality and methodology queries: the freshness rule on fixed days, the per-dataset
table, quarantine and reports, ethnicity coverage, and the catalogue the methodology shows."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve import queries as q
from roma_monitor.warehouse import AUDIT_DDL, complete_older_rows
from tests.conftest_snapshot import (
    CODE,
    REJECTED_MESSAGE,
    create_table,
    publish_fixture_snapshots,
)

# --- the freshness rule ------------------------------------------------------------------------

KIND_DATASET = {"month": "sif_participant_months", "quarter": "nva_participant_months",
                "year": "km_workshops"}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "today", "expected", "due"),
    [
        ("month", date(2023, 1, 31), "2022-11", date(2022, 12, 31)),  # 2022-12 due that very day
        ("month", date(2023, 2, 1), "2022-12", date(2023, 1, 31)),
        ("month", date(2022, 3, 1), "2022-01", date(2022, 2, 28)),
        ("quarter", date(2023, 1, 31), "2022-Q3", date(2022, 10, 31)),
        ("quarter", date(2023, 2, 1), "2022-Q4", date(2023, 1, 31)),
        ("quarter", date(2023, 4, 30), "2022-Q4", date(2023, 1, 31)),
        ("quarter", date(2023, 5, 1), "2023-Q1", date(2023, 4, 30)),
        ("quarter", date(2024, 2, 1), "2023-Q4", date(2024, 1, 31)),
        ("year", date(2023, 2, 28), "2021", date(2022, 2, 28)),
        ("year", date(2023, 3, 1), "2022", date(2023, 2, 28)),
        ("year", date(2024, 3, 1), "2023", date(2024, 2, 29)),
    ],
)
def test_expected_latest_period_and_its_due_date(kind, today, expected, due) -> None:
    """Nothing received: the period expected by ``today`` and the day it was due."""
    table = q.dataset_quality(_audit_con(), today).set_index("dataset")
    row = table.loc[KIND_DATASET[kind]]
    assert (row["expected_period"], row["freshness"]) == (expected, "never")
    assert row["next_due"] == pd.Timestamp(due)
    assert pd.isna(row["days_late"])


def test_on_time_and_late() -> None:
    """SIF sent 2022-12 (on 15.02.2023 2023-01 is due next, by 28.02); NVA sent 2022-Q3 (on
    03.03.2023 2022-Q4 was due 31.01.2023: 31 days late); KM sent 2021 (on 01.03.2023 2022 was
    due 28.02.2023: 1 day late)."""
    con = _audit_con()
    for load_id, source, file, period in [
        ("a", "sif", "SIF_9144_202212.csv", "2022-12"),
        ("b", "nva", "NVA_741_DAL_2022Q3.csv", "2022-Q3"),
        ("c", "km", "KM_PLATF_SEM_2021.csv", "2021"),
    ]:
        _add_load(con, load_id, source, file, period, "loaded", 1, "loaded")
    complete_older_rows(con)
    on_time = q.dataset_quality(con, date(2023, 2, 15)).set_index("dataset")
    sif = on_time.loc["sif_participant_months"]
    assert (sif["freshness"], sif["days_late"], sif["expected_period"]) == ("on_time", 0, "2022-12")
    assert sif["next_due"] == pd.Timestamp(2023, 2, 28)
    late = q.dataset_quality(con, date(2023, 3, 3)).set_index("dataset")
    nva = late.loc["nva_participant_months"]
    assert (nva["freshness"], nva["expected_period"], nva["days_late"]) == ("late", "2022-Q4", 31)
    assert nva["next_due"] == pd.Timestamp(2023, 1, 31)  # the first missing quarter, 2022 Q4
    km = q.dataset_quality(con, date(2023, 3, 1)).set_index("dataset").loc["km_workshops"]
    assert (km["freshness"], km["expected_period"], km["days_late"]) == ("late", "2022", 1)


# --- operations: a load log with reports -------------------------------------------------------

REPORT = "# Validation report: SIF_9144_202212.csv\n\n- Verdict: **rejected**\n"


def _audit_con() -> duckdb.DuckDBPyConnection:
    """An in-memory operations snapshot with the warehouse's load audit (its real DDL), published
    as the snapshot publishes it (``extract_loads``)."""
    con = duckdb.connect()
    con.execute(AUDIT_DDL)
    con.execute("CREATE VIEW main.extract_loads AS SELECT * FROM audit.extract_loads")
    return con


def _insert(con: duckdb.DuckDBPyConnection, **values) -> None:
    names, marks = ", ".join(values), ", ".join("?" for _ in values)
    con.execute(
        f"INSERT INTO audit.extract_loads ({names}) VALUES ({marks})", list(values.values())
    )


FAILED_ATVK = [
    {"rule": "municipality_atvk.allowed", "column_name": "municipality_atvk", "failed_rows": 2,
     "first_rows": [4, 9]},
    {"rule": "municipality_atvk.vintage_atvk_2021", "column_name": "municipality_atvk",
     "failed_rows": 1, "first_rows": [9]},
]  # fmt: skip


def _loads_con() -> duckdb.DuckDBPyConnection:
    """An in-memory operations snapshot: SIF monthly (loaded, then a rejected resend), one NVA
    quarter, a KM yearly file, no JSPA/IKVD at all."""
    con = _audit_con()
    rows = [
        ("a", "sif", None, "SIF_9144_202211.csv", "2022-11", 100, "loaded", 1, None, None),
        ("b", "sif", None, "SIF_9144_202212.csv", "2022-12", 120, "loaded", 2, 59, "# ok\n"),
        (
            "c",
            "sif",
            "sif_participant_months",
            "SIF_9144_202212.csv",
            "2022-12",
            120,
            "rejected",
            3,
            54,
            REPORT,
        ),
        ("d", "nva", None, "NVA_741_DAL_2022Q3.csv", "2022-Q3", 40, "loaded", 4, None, None),
        ("e", "km", "km_workshops", "KM_PLATF_SEM_2022.csv", "2022", 4, "loaded", 5, 65, None),
    ]
    for load_id, source, dataset, file, period, n, status, hour, checks, report in rows:
        rejected = status == "rejected"
        message = "REJECTED SIF_9144_202212.csv: 2 rule(s) failed" if rejected else f"loaded {n}"
        _add_load(
            con,
            load_id,
            source,
            file,
            period,
            status,
            hour,
            message,
            dataset=dataset,
            rows=n,
            checks_run=checks,
            report_markdown=report,
            failed_rules=FAILED_ATVK if rejected else [],
        )
    complete_older_rows(con)  # the audit's datasets and period end months, as the warehouse's
    return con


def _add_load(con, load_id, source, file, period, status, hour, message, **more) -> None:
    """One load attempt on 10.01.2023, started at ``hour``:00 and finished a minute later."""
    _insert(
        con,
        load_id=load_id,
        source=source,
        file_name=file,
        sha256=f"{load_id:0>64}",
        reporting_period=period,
        status=status,
        started_at=datetime(2023, 1, 10, hour),
        finished_at=datetime(2023, 1, 10, hour, 1),
        duration_s=60.0,
        message=message,
        **more,
    )


def test_dataset_quality_lists_every_registered_dataset() -> None:
    table = q.dataset_quality(_loads_con(), date(2023, 3, 3))
    assert sorted(table["dataset"]) == sorted(CONTRACTS)
    by = table.set_index("dataset")

    sif = by.loc["sif_participant_months"]
    assert sif["last_file"] == "SIF_9144_202212.csv"
    assert sif["last_status"] == "rejected"  # the last attempt, a rejected resend
    assert sif["last_checks_run"] == 54 and bool(sif["last_has_report"])
    assert sif["latest_period"] == "2022-12"  # the earlier load of 2022-12 was accepted
    assert (sif["last_loaded_file"], sif["last_loaded_rows"]) == ("SIF_9144_202212.csv", 120)
    assert (sif["total_rows_loaded"], sif["files_loaded"], sif["files_rejected"]) == (220, 2, 1)
    assert (sif["expected_period"], sif["freshness"], sif["days_late"]) == ("2023-01", "late", 3)

    nva = by.loc["nva_participant_months"]  # dataset resolved from the file name
    assert (nva["latest_period"], nva["freshness"], nva["days_late"]) == ("2022-Q3", "late", 31)
    assert nva["last_received_at"] == datetime(2023, 1, 10, 4, 1)

    km = by.loc["km_workshops"]
    assert (km["expected_period"], km["freshness"], km["days_late"]) == ("2022", "on_time", 0)

    assert by.loc["ikvd_entities", "freshness"] == "never"
    never = by.loc["jspa_participant_months"]
    assert never["freshness"] == "never" and pd.isna(never["last_file"])
    assert never["files_loaded"] == 0


def test_dataset_quality_keeps_the_measure() -> None:
    table = q.dataset_quality(_loads_con(), date(2023, 3, 3), "8.3.3")
    assert set(table["dataset"]) == {"jspa_participant_months", "jspa_followups"}


def test_quarantine_reports_and_one_report() -> None:
    con = _loads_con()
    quarantine = q.quarantined_loads(con)
    assert list(quarantine["load_id"]) == ["c"]
    # the rules as the gate recorded them, not parsed from the message
    assert quarantine.loc[0, "rules"] == (
        "municipality_atvk.allowed, municipality_atvk.vintage_atvk_2021"
    )
    assert q.quarantined_loads(con, "7.4.1").empty

    reports = q.validation_reports(con)
    assert list(reports["load_id"]) == ["c", "b"]  # newest first, only those kept
    report = q.validation_report(con, "c")
    assert report is not None and report.markdown == REPORT
    assert report.file_name == "SIF_9144_202212.csv" and report.status == "rejected"
    assert q.validation_report(con, "a") is None  # no report kept
    assert q.validation_report(con, "nope") is None


def test_unaccepted_extracts_since_the_last_accepted_one() -> None:
    """SIF: loaded, loaded, rejected (hour 3) → 1. Added here: NVA rejected then accepted (a
    resend that passed) → not listed; JSPA never accepted, rejected twice (hours 6 and 8) → 2,
    the last received 08:01; KM: a rejected 2021 file before the accepted 2022 → not listed."""
    con = _loads_con()
    added = [
        ("f", "nva", "NVA_741_DAL_2022Q4.csv", "2022-Q4", "rejected", 5),
        ("g", "nva", "NVA_741_DAL_2022Q4.csv", "2022-Q4", "loaded", 7),
        ("h", "jspa", "JSPA_833_202211.csv", "2022-11", "rejected", 6),
        ("i", "jspa", "JSPA_833_202212.csv", "2022-12", "rejected", 8),
        ("j", "km", "KM_PLATF_SEM_2021.csv", "2021", "rejected", 0),
    ]
    for load_id, source, file, period, status, hour in added:
        message = "REJECTED: 1 rule(s) failed: participant_key.no_personal_code"
        _add_load(con, load_id, source, file, period, status, hour, message)
    complete_older_rows(con)
    table = q.unaccepted_extracts(con)
    assert table.to_dict("records") == [
        {"source": "jspa", "files_rejected": 2, "last_received_at": datetime(2023, 1, 10, 8, 1)},
        {"source": "sif", "files_rejected": 1, "last_received_at": datetime(2023, 1, 10, 3, 1)},
    ]


# --- corrections ---------------------------------------------------------------------------------


def _corrections_con(recorded: bool) -> duckdb.DuckDBPyConnection:
    """SIF 2022-10 sent three times (the third a correction of the correction) and 2022-11 once;
    NVA 2022-Q3 twice, the resend rejected. ``recorded``: the audit has the revisions (else they
    are NULL, as for loads before they were recorded, and the query derives the same from the
    load order)."""
    con = _audit_con()
    sif, nva = "sif_participant_months", "nva_participant_months"
    loads = [  # id, source, dataset, file, period, rows, status, day, revision, supersedes, before
        ("s1", "sif", sif, "SIF_9144_202210.csv", "2022-10", 100, "loaded", 5, 1, None, None),
        ("s2", "sif", sif, "SIF_9144_202211.csv", "2022-11", 90, "loaded", 6, 1, None, None),
        ("s3", "sif", sif, "SIF_9144_202210.csv", "2022-10", 104, "loaded", 7, 2, "s1", 100),
        ("n1", "nva", nva, "NVA_741_DAL_2022Q3.csv", "2022-Q3", 40, "loaded", 8, 1, None, None),
        ("n2", "nva", nva, "NVA_741_DAL_2022Q3.csv", "2022-Q3", 41, "rejected", 9, *[None] * 3),
        ("s4", "sif", sif, "SIF_9144_202210.csv", "2022-10", 101, "loaded", 10, 3, "s3", 104),
    ]
    for load_id, source, dataset, file, period, rows, status, day, *revision in loads:
        _insert(
            con,
            load_id=load_id,
            source=source,
            dataset=dataset,
            file_name=file,
            sha256=f"{load_id:0>64}",
            reporting_period=period,
            rows=rows,
            status=status,
            started_at=datetime(2022, 12, day, 9),
            finished_at=datetime(2022, 12, day, 9, 1),
            duration_s=60.0,
            **dict(zip(("revision", "supersedes_load_id", "rows_before"), revision, strict=True))
            if recorded
            else {},
        )
    complete_older_rows(con)
    return con


@pytest.mark.parametrize("recorded", [True, False], ids=["recorded", "derived"])
def test_corrections_list_every_superseded_period(recorded: bool) -> None:
    table = q.corrections(_corrections_con(recorded))
    assert list(table["load_id"]) == ["s4", "s3"]  # newest first; the rejected resend is none
    newest = table.iloc[0]
    assert (newest["dataset"], newest["reporting_period"], newest["revision"]) == (
        "sif_participant_months",
        "2022-10",
        3,
    )
    assert (newest["previous_load_id"], newest["previous_file"]) == ("s3", "SIF_9144_202210.csv")
    assert newest["previous_sha256"] == f"{'s3':0>64}" and newest["sha256"] == f"{'s4':0>64}"
    assert newest["received_at"] == datetime(2022, 12, 10, 9, 1)
    assert newest["previous_received_at"] == datetime(2022, 12, 7, 9, 1)
    assert (newest["rows_before"], newest["rows_after"], newest["rows_change"]) == (104, 101, -3)
    first = table.iloc[1]
    assert (first["revision"], first["previous_load_id"], first["rows_change"]) == (2, "s1", 4)
    assert first["measure_code"] == "9.1.4.4"


def test_corrections_keep_the_measure() -> None:
    con = _corrections_con(True)
    assert len(q.corrections(con, "9.1.4.4")) == 2
    assert q.corrections(con, "7.4.1").empty
    assert q.corrections(_loads_con()).empty  # an accepted file, then a rejected resend


# --- against the hand-made published snapshots --------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory):
    return publish_fixture_snapshots(tmp_path_factory.mktemp("home"))


def test_loads_without_dataset_reports_or_failed_rules(home) -> None:
    """Audit rows of older loads (NULL dataset, report text and failed rules): nothing breaks."""
    with connect_published("operations", home) as ops:
        table = q.dataset_quality(ops, date(2023, 1, 15))
        unknown = table[~table["is_known_dataset"].astype(bool)]
        assert list(unknown["last_file"]) == ["NVA_741_202211.xlsx"]  # no contract matches it
        sif = table.set_index("dataset").loc["sif_participant_months"]
        assert sif["last_status"] == "rejected" and not sif["last_has_report"]
        assert sif["latest_period"] == "2022-11"
        quarantine = q.quarantined_loads(ops)
        assert list(quarantine["message"]) == [REJECTED_MESSAGE]
        assert quarantine.loc[0, "rules"] == ""
        assert q.validation_reports(ops).empty
        assert q.corrections(ops).empty
        assert q.validation_report(ops, "load-003") is None


def test_coverage_without_has_ethnicity_column(home) -> None:
    with connect_published("indicators", home) as ind:
        coverage = q.ethnicity_coverage(ind)
        assert set(coverage["indicator_code"]) == {CODE}
        assert coverage["is_headline"].all()
        assert list(coverage["ethnicity_coverage"]) == pytest.approx([0.60, 0.61, 0.623])
        until = q.ethnicity_coverage(ind, "9.1.4.4", date(2022, 10, 1))
        assert len(until) == 2
        assert q.ethnicity_coverage(ind, "8.3.3").empty


def test_methodology_on_a_thin_catalogue(home) -> None:
    """The hand-made catalogue gives few of the contract's columns: the others are NULL."""
    with connect_published("indicators", home) as ind:
        catalogue = q.indicator_catalogue(ind)
        assert list(catalogue["indicator_code"]) == [CODE, "NVA_741_PARTICIPANTS"]
        assert catalogue["aggregation"].isna().all()
        assert q.target_milestones(ind).empty
        assert q.measure_milestones(ind).empty
        assert q.baseline_context(ind).empty
        assert q.status_methods(ind) == [
            ("open_sdg", "Open SDG / Statistics Canada progress classes (fixture).")
        ]


def test_methodology_reference_tables() -> None:
    con = duckdb.connect()
    # measure_rank, group_rank and the denominator's names as dbt gives them (dim_indicators)
    indicator = ["indicator_code", "sam", "indicator_group", "denominator_indicator_code",
                 "name_lv", "name_en", "measure_rank", "group_rank", "denominator_name_lv",
                 "denominator_name_en"]  # fmt: skip
    create_table(
        con,
        "dim_indicators",
        [
            dict(zip(indicator, row, strict=True))
            for row in [
                ("B", "8.3.3", "results", "A", "b", "b", 3, 2, "Dalībnieki", "Participants"),
                ("A", "8.3.3", "participants", None, "Dalībnieki", "Participants", 3, 1, None,
                 None),
                ("C", "9.1.4.4", "participants", None, "c", "c", 1, 1, None, None),
            ]
        ],
    )  # fmt: skip
    target = ["indicator_code", "target_kind", "target_value", "target_operator",
              "target_date", "is_from_report", "source_citation", "note_lv", "note_en"]  # fmt: skip
    create_table(
        con,
        "ref_indicator_targets",
        [
            dict(zip(target, row, strict=True))
            for row in [
                ("A", "final", 100.0, ">=", date(2022, 12, 31), True, "report", None, None),
                (
                    "A",
                    "milestone",
                    40.0,
                    ">=",
                    date(2018, 12, 31),
                    False,
                    "plan",
                    "starpposms",
                    "interim",
                ),
            ]
        ],
    )
    create_table(
        con,
        "fct_indicator_status",
        [
            {
                "indicator_code": "A",
                "progress_status": "limited",
                "status_method": "R = pace ratio",
                "status_method_code": "open_sdg",
                "is_latest_period": True,
            }
        ],
    )
    catalogue = q.indicator_catalogue(con)
    assert list(catalogue["indicator_code"]) == ["C", "A", "B"]  # report's measure order
    assert catalogue.set_index("indicator_code").loc["A", "progress_status"] == "limited"
    b = catalogue.set_index("indicator_code").loc["B"]
    assert (b["denominator_name_lv"], b["denominator_name_en"]) == ("Dalībnieki", "Participants")
    assert list(q.indicator_catalogue(con, "9.1.4.4")["indicator_code"]) == ["C"]
    milestones = q.target_milestones(con)
    assert list(milestones["target_value"]) == [40.0]
    assert milestones.loc[0, "sam"] == "8.3.3"
    assert q.target_milestones(con, "9.1.4.4").empty
    assert q.status_methods(con) == [("open_sdg", "R = pace ratio")]
