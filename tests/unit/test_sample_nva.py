"""The NVA 7.4.1 sample: shaped like NVA's quarterly files, with plausible volumes."""

from collections import Counter
from datetime import date

import pytest

from roma_monitor.reference import atvk_crosswalk
from roma_monitor.sample.nva import add_months, write_nva_extracts
from tests.extracts import extract_rows

SEED = 11


@pytest.fixture(scope="module")
def nva_sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "nva"
    return write_nva_extracts(out, SEED)


@pytest.fixture(scope="module")
def participant_rows(nva_sample):
    return extract_rows(p for p in nva_sample if "_DAL_" in p.name)


@pytest.fixture(scope="module")
def followup_rows(nva_sample):
    return extract_rows(p for p in nva_sample if "_REZ_" in p.name)


def _day(text: str) -> date:
    day, month, year = text.split(".")
    return date(int(year), int(month), int(day))


def test_quarterly_files_2017_to_2022_in_sending_order(nva_sample):
    names = [p.name for p in nva_sample]
    participant_files = [n for n in names if "_DAL_" in n]
    followup_files = [n for n in names if "_REZ_" in n]
    assert participant_files[0] == "NVA_741_DAL_2017Q1.csv"
    assert participant_files[-1] == "NVA_741_DAL_2022Q4.csv"
    assert len(participant_files) == 24
    # the first follow-ups fall due six months after the first exits (2017 Q1 -> 2017 Q3)
    assert followup_files[0] == "NVA_741_REZ_2017Q3.csv"
    assert followup_files[-1] == "NVA_741_REZ_2022Q4.csv"
    assert len(followup_files) == 22
    assert names.index("NVA_741_REZ_2017Q3.csv") == names.index("NVA_741_DAL_2017Q3.csv") + 1


def test_volumes_and_shapes_are_plausible(participant_rows):
    entries = {}
    for row in sorted(participant_rows, key=lambda r: r["reporting_month"]):
        entries.setdefault(row["participant_key"], row)
    assert 1500 <= len(entries) <= 2500
    assert all(len(k) == 64 for k in entries)
    ethnicity = Counter(r["ethnicity"] for r in entries.values())
    assert set(ethnicity) == {"romu", "cita", "nav norādīta"}
    assert 0.05 < ethnicity["romu"] / len(entries) < 0.12
    # more Roma in Daugavpils than elsewhere
    daugavpils = [r for r in entries.values() if r["municipality_atvk"] in ("0050000", "0002000")]
    roma_daugavpils = sum(r["ethnicity"] == "romu" for r in daugavpils) / len(daugavpils)
    assert roma_daugavpils > 2 * ethnicity["romu"] / len(entries)
    # most Roma participants have less than basic education (ISCED 0-1)
    roma = [r for r in entries.values() if r["ethnicity"] == "romu"]
    assert sum(r["education_level"] in ("0", "1") for r in roma) / len(roma) > 0.5
    assert {r["target_group"] for r in entries.values()} == {
        "ilgstošs",
        "atteicies",
        "atkarība",
        "iesp_atkarība",
    }


def test_some_people_move_and_some_re_enter(participant_rows):
    crosswalk = atvk_crosswalk()
    places, entry_dates = {}, {}
    for row in participant_rows:
        code = row["municipality_atvk"]
        places.setdefault(row["participant_key"], set()).add(crosswalk.get(code, code))
        entry_dates.setdefault(row["participant_key"], set()).add(row["entry_date"])
    assert sum(len(p) > 1 for p in places.values()) > 20
    assert sum(len(d) > 1 for d in entry_dates.values()) > 20


def test_outcome_on_leaving_is_given_exactly_with_the_exit(participant_rows):
    assert all(bool(r["exit_date"]) == bool(r["outcome_on_leaving"]) for r in participant_rows)
    exits = [r for r in participant_rows if r["exit_date"]]
    assert len(exits) > 1000
    assert all(_day(r["exit_date"]).strftime("%Y-%m") == r["reporting_month"] for r in exits)


def test_followups_fall_in_the_quarter_six_months_after_an_exit(participant_rows, followup_rows):
    exits = {(r["participant_key"], r["exit_date"]) for r in participant_rows if r["exit_date"]}
    followed = set()
    for row in followup_rows:
        assert (row["participant_key"], row["exit_date"]) in exits
        due = add_months(_day(row["exit_date"]), 6)
        assert row["followup_quarter"] == f"{due.year}-Q{(due.month - 1) // 3 + 1}"
        assert _day(row["followup_date"]) >= due
        followed.add((row["participant_key"], row["exit_date"]))
    due_in_sample = {e for e in exits if add_months(_day(e[1]), 6) <= date(2022, 12, 31)}
    missing = due_in_sample - followed
    assert 0.03 < len(missing) / len(due_in_sample) < 0.15  # some leavers never followed up
    assert "nav zināms" in {r["outcome_6_months"] for r in followup_rows}
