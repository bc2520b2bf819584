"""The JSPA 8.3.3 sample: shaped like JSPA's quarterly extracts, with plausible volumes and a
realistic share of programmes that break a process rule."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from roma_monitor.sample.jspa import add_months, month_end, write_jspa_extracts
from tests.extracts import extract_rows

SEED = 11


@pytest.fixture(scope="module")
def jspa_sample(tmp_path_factory) -> list[Path]:
    return write_jspa_extracts(tmp_path_factory.mktemp("sample") / "jspa", SEED)


def _rows(paths: list[Path], prefix: str) -> list[dict[str, str]]:
    return extract_rows(path for path in paths if path.name.startswith(prefix))


def _day(text: str) -> date:
    return datetime.strptime(text, "%d.%m.%Y").date()


def test_quarterly_files_2017_q1_to_2022_q4(jspa_sample):
    names = [p.name for p in jspa_sample]
    months = [n for n in names if n.startswith("JSPA_833_DAL_")]
    followups = [n for n in names if n.startswith("JSPA_833_REZ_")]
    assert len(months) == 24
    assert months[0] == "JSPA_833_DAL_2017Q1.csv" and months[-1] == "JSPA_833_DAL_2022Q4.csv"
    # the first follow-ups fall due six months after the first exits
    assert followups[0] == "JSPA_833_REZ_2017Q3.csv" and followups[-1] == "JSPA_833_REZ_2022Q4.csv"
    assert len(followups) == 22
    assert len(jspa_sample) == 24 + 22


def test_volumes_are_plausible_for_the_plan(jspa_sample):
    rows = _rows(jspa_sample, "JSPA_833_DAL_")
    people = {r["participant_key"] for r in rows}
    # about 5 260 youths planned over 2015-2023; the sample covers 2017-2022
    assert 2500 <= len(people) <= 3500
    assert all(len(k) == 64 for k in people)
    roma = {r["participant_key"] for r in rows if r["ethnicity"] == "romu"}
    assert 0.04 < len(roma) / len(people) < 0.09
    assert {r["ethnicity"] for r in rows} == {"romu", "cita", "nav norādīta"}
    for row in rows:
        profiled = _day(row["profiling_date"]).year
        assert 15 <= profiled - int(row["birth_year"]) <= 29
    places = defaultdict(set)
    for row in rows:
        if row["reporting_month"] < "2021-07":
            places[row["participant_key"]].add(row["municipality_atvk"])
    assert sum(len(codes) > 1 for codes in places.values()) > 20  # some youths move


def test_outcome_on_leaving_is_given_exactly_when_a_programme_ends(jspa_sample):
    rows = _rows(jspa_sample, "JSPA_833_DAL_")
    for row in rows:
        ended = row["programme_status"] in ("pabeigta", "pārtraukta")
        assert ended == bool(row["outcome_on_leaving"])
    assert {r["programme_status"] for r in rows} == {"turpinās", "pabeigta", "pārtraukta"}


def test_most_programmes_follow_the_process_rules_but_not_all(jspa_sample):
    programmes = defaultdict(list)
    for row in _rows(jspa_sample, "JSPA_833_DAL_"):
        programmes[(row["participant_key"], row["programme_start_date"])].append(row)
    ended = {k: v for k, v in programmes.items() if v[-1]["programme_status"] != "turpinās"}
    too_short = too_long = low_hours = missing = 0
    for (_, start_text), rows in ended.items():
        start, end = _day(start_text), _day(rows[-1]["programme_end_date"])
        after_end = end + timedelta(days=1)
        too_short += after_end < add_months(start, 1)
        too_long += after_end > add_months(start, 9)
        low_hours += any(
            float(r["mentor_hours"].replace(",", ".")) < 20
            for r in rows
            if (month := date.fromisoformat(r["reporting_month"] + "-01")) >= start
            and month_end(month) <= end
        )
        delivered = {c for r in rows for c in r["components_delivered"].split("|") if c}
        missing += delivered != {"PA", "IS", "DT", "MK"}
    share = lambda n: n / len(ended)  # noqa: E731
    assert 0.02 < share(too_short) < 0.12
    assert 0.01 < share(too_long) < 0.08
    assert 0.02 < share(low_hours) < 0.12
    assert 0.03 < share(missing) < 0.15


def test_followups_belong_to_exits_six_months_earlier(jspa_sample):
    exits = {
        (r["participant_key"], r["programme_end_date"])
        for r in _rows(jspa_sample, "JSPA_833_DAL_")
        if r["programme_status"] != "turpinās"
    }
    followups = _rows(jspa_sample, "JSPA_833_REZ_")
    assert len(followups) > 2000
    for row in followups:
        assert (row["participant_key"], row["exit_date"]) in exits
        due = add_months(_day(row["exit_date"]), 6)
        assert row["followup_quarter"] == f"{due.year}-Q{(due.month - 1) // 3 + 1}"
    not_reached = [r for r in followups if not r["followup_date"]]
    assert not_reached and all(r["outcome_6_months"] == "nav zināms" for r in not_reached)
