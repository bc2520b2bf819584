"""National-scale participant-month extracts for the benchmark, generated in DuckDB SQL.

`generate_extracts(out_dir, total_rows, seed)` writes the four participant-month datasets as the
agencies send them (contracts in `roma_monitor.contracts`): SIF's monthly `SIF_9144_YYYYMM.csv`
and the quarterly `NVA_741_DAL_YYYYQn.csv`, `JSPA_833_DAL_YYYYQn.csv` and
`IKVD_834_SKOL_YYYYQn.csv` (monthly rows), each from its measure's start (the catalogue's
`measure_start_date`) to December 2022, into `out_dir/<source>/` (the landing layout), with a
`manifest.json` in `out_dir`. Files are `;`-separated UTF-8 (no BOM, LF line ends: the reader
accepts both), decimal comma, `DD.MM.YYYY` dates, ATVK codes of the vintage in force in the
reporting month, every code from the contract's lists, date orders kept, the unique key unique,
participant keys 64 lowercase hex characters (SHA-256 of a synthetic person number: nothing
shaped like a personal code anywhere).

Shape: every person has a spell of consecutive months (school months for IKVD: no rows in June,
July and August) and appears once in each month of it; a few move to another municipality from
their third month; some NVA clients re-enter after a break (same key, new entry date); a few
whose ethnicity was not stated at entry state it later (the indicators use the ethnicity at
entry). About 7 % declare Roma ethnicity (more in Latgale and Daugavpils), a quarter to a third
do not state it. People live in all 119 pre-reform municipalities, many of them small; the 2021
codes follow from the crosswalk's primary successor, so the 11 units that changed planning
region in 2021 and the split Inčukalna novads are in the data.

Rows are split evenly across the four datasets (`SHARES`): the benchmark measures the pipeline,
and an even split loads every source's path alike (the real volumes differ by an order of
magnitude and would leave SIF's monthly files nearly empty). Each dataset gets at least its
share: persons are added in order until their rows reach it, so a dataset overshoots by less
than one person's months (at most 15 rows).

Randomness is a hash of (person, what is drawn, dataset, seed), never `random()`: the same seed
and size give byte-identical files on any number of threads. A person's months do not depend on
where the data ends, so `generate_next_month` continues the same history by one month.

Speed: people and their spells are small tables; the person-months (`skeleton`, numbers, dates
and the key) are sorted once into file order; each file is then one COPY of a projection of the
skeleton without joins (small lookups are SQL list literals), which keeps the sorted order
without sorting the wide rows.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.ikvd import IKVD_PUPIL_MONTHS
from roma_monitor.contracts.jspa import JSPA_PARTICIPANT_MONTHS
from roma_monitor.contracts.nva import NVA_PARTICIPANT_MONTHS
from roma_monitor.contracts.sif import SIF
from roma_monitor.settings import SEEDS_DIR

DEFAULT_SEED = 2017
DEFAULT_LAST_MONTH = date(2022, 12, 1)
MANIFEST_NAME = "manifest.json"
GENERATOR_VERSION = 1
SHARES = {
    "sif_participant_months": 0.25,
    "nva_participant_months": 0.25,
    "jspa_participant_months": 0.25,
    "ikvd_pupil_months": 0.25,
}
PLACE_SLOTS = 4096
ENTRY_SLOTS = 8192
REFORM = "DATE '2021-07-01'"
SUMMER_MONTHS = "(6, 7, 8)"  # no IKVD support (and no rows) in the school holidays
# Months of a spell beyond the last generated month the calendar must hold.
CALENDAR_MARGIN_MONTHS = 36


@dataclass(frozen=True)
class Plan:
    """How one dataset's people, spells and rows are drawn (SQL fragments over shared tables)."""

    contract: Contract
    indicator_code: str
    file_prefix: str
    male_share: float
    not_stated_share: float
    move_share: float
    entry_weight: str  # SQL over cal (idx, month): relative number of entrants in the month
    position: str  # calendar column spells count in: idx (every month) or sidx (school months)
    spells: str  # SQL over persons, cal: pid, spell_no, start_pos, start_day, n_months, k0, ...
    rows: str  # SQL over `base` (the skeleton): file_no, then the contract's columns

    @property
    def dataset(self) -> str:
        return self.contract.dataset

    @property
    def quarterly(self) -> bool:
        return self.contract.period_kind == "quarter"


def _choice(draw: str, options: list[tuple[str, float]]) -> str:
    """SQL picking one of `options` (value, weight) by the uniform `draw`."""
    total = sum(weight for _, weight in options)
    cases, cumulative = [], 0.0
    for value, weight in options[:-1]:
        cumulative += weight / total
        cases.append(f"WHEN {draw} < {cumulative:.6f} THEN '{value}'")
    return f"CASE {' '.join(cases)} ELSE '{options[-1][0]}' END"


def _code_list(flags: list[tuple[str, str]]) -> str:
    """SQL joining with '|' the codes whose condition holds, in the given order; NULL if none."""
    parts = ", ".join(f"CASE WHEN {condition} THEN '{code}' END" for code, condition in flags)
    return f"nullif(concat_ws('|', {parts}), '')"


def _ddmmyyyy(expr: str) -> str:
    return f"strftime({expr}, '%d.%m.%Y')"


def _halves(expr: str) -> str:
    """A whole number of half hours written with a decimal comma: 25 -> '12,5', 24 -> '12'."""
    return f"(CAST(({expr}) // 2 AS VARCHAR) || CASE WHEN ({expr}) % 2 = 1 THEN ',5' ELSE '' END)"


def _none_of(conditions: list[str]) -> str:
    return "NOT (" + " OR ".join(conditions) + ")"


# Draws in `base`: _p(i) is the i-th (0-15) draw of the person, _r(i) of the person-month (0-15),
# each uniform in [0, 1) with a resolution of 1/256.
def _p(i: int) -> str:
    return f"byte(hp{i // 8}, {i % 8})"


def _r(i: int) -> str:
    return f"byte(hr{i // 8}, {i % 8})"


# Columns every dataset writes the same way.
MONTH = "strftime(row_month, '%Y-%m')"
ATVK = f"CASE WHEN row_month < {REFORM} THEN atvk_2009[place_idx] ELSE atvk_2021[place_idx] END"
ATVK_NAME = (
    f"CASE WHEN row_month < {REFORM} THEN name_2009[place_idx] ELSE name_2021[place_idx] END"
)
ETHNICITY = "CASE WHEN number >= 1 THEN eth_later ELSE eth_entry END"
IS_LAST = "(k = n_months - 1)"
RAMP = "least(1.0, (idx + 1) / 6.0)"  # recruitment builds up over the first half year

SIF_SERVICES = [
    ("MOT", f"number = 0 OR {_r(0)} < 0.3"),
    ("GRP", f"{_r(2)} < 0.3"),
    ("PSI", f"{_r(3)} < 0.25"),
    ("KAR", f"{_r(4)} < 0.2"),
    ("ATK", f"{_r(5)} < 0.08"),
]
SIF_RISK_GROUPS = [
    ("dzimums", f"{_p(0)} < 0.3"),
    ("invaliditāte", f"{_p(2)} < 0.25"),
    ("etniskā piederība", f"eth_entry = 'romu' OR {_p(3)} < 0.15"),
]
SIF_PLAN = Plan(
    contract=SIF,
    indicator_code="SIF_9144_PARTICIPANTS",
    file_prefix="SIF_9144_",
    male_share=0.42,
    not_stated_share=0.36,
    move_share=0.04,
    entry_weight=RAMP,
    position="idx",
    spells="""
        SELECT pid, 1 AS spell_no, entry_idx AS start_pos, entry_day AS start_day,
               1 + floor(u(pid, 'len') * 9)::INTEGER AS n_months, 0 AS k0
        FROM persons
    """,
    rows=f"""
        SELECT
            file_no,
            {MONTH} AS reporting_month,
            key AS participant_key,
            {ATVK} AS municipality_atvk,
            {ATVK_NAME} AS municipality_name,
            sex,
            1950 + floor({_p(4)} * 53)::INTEGER AS birth_year,
            {
        _code_list(
            [
                SIF_RISK_GROUPS[0],
                ("vecums", f"{_p(1)} < 0.45 OR {_none_of([c for _, c in SIF_RISK_GROUPS])}"),
                *SIF_RISK_GROUPS[1:],
            ]
        )
    } AS risk_groups,
            {ETHNICITY} AS ethnicity,
            {_ddmmyyyy("start_date")} AS service_start_date,
            CASE WHEN {IS_LAST} THEN {_ddmmyyyy("last_day_date")} END AS service_end_date,
            {
        _code_list(
            [
                SIF_SERVICES[0],
                ("IND", f"{_r(1)} < 0.5 OR {_none_of([c for _, c in SIF_SERVICES])}"),
                *SIF_SERVICES[1:],
            ]
        )
    } AS services,
            {_halves(f"4 + floor({_r(6)} * 76)::INTEGER")} AS service_hours
        FROM base
    """,
)

NVA_OUTCOMES_ROMA = [
    ("nodarbināts", 14),
    ("izglītībā", 9),
    ("meklē darbu", 55),
    ("neaktīvs", 14),
    ("nav zināms", 8),
]
NVA_OUTCOMES_OTHER = [
    ("nodarbināts", 26),
    ("izglītībā", 10),
    ("meklē darbu", 44),
    ("neaktīvs", 12),
    ("nav zināms", 8),
]
NVA_TARGET_GROUP = _choice(
    _p(2), [("ilgstošs", 55), ("atteicies", 20), ("atkarība", 10), ("iesp_atkarība", 15)]
)
NVA_ADDICTION = f"{_p(2)} >= 0.75"  # atkarība or iesp_atkarība
NVA_REFUSED = f"({_p(2)} >= 0.55 AND {_p(2)} < 0.75)"  # atteicies
NVA_PLAN = Plan(
    contract=NVA_PARTICIPANT_MONTHS,
    indicator_code="NVA_741_PARTICIPANTS",
    file_prefix="NVA_741_DAL_",
    male_share=0.56,
    not_stated_share=0.36,
    move_share=0.04,
    entry_weight=RAMP,
    position="idx",
    spells="""
        WITH first_spells AS (
            SELECT pid, 1 AS spell_no, entry_idx AS start_pos, entry_day AS start_day,
                   1 + floor(u(pid, 'len') * 8)::INTEGER AS n_months, 0 AS k0
            FROM persons
        )
        SELECT * FROM first_spells
        UNION ALL
        -- a few re-enter after at least one month without support
        SELECT pid, 2 AS spell_no,
               start_pos + n_months + 1 + floor(u(pid, 'gap') * 5)::INTEGER AS start_pos,
               1 + floor(u(pid, 'day2') * 28)::INTEGER AS start_day,
               1 + floor(u(pid, 'len2') * 6)::INTEGER AS n_months,
               n_months AS k0
        FROM first_spells
        WHERE u(pid, 'reenters') < 0.04
    """,
    rows=f"""
        SELECT
            file_no,
            {MONTH} AS reporting_month,
            key AS participant_key,
            {ATVK} AS municipality_atvk,
            {ATVK_NAME} AS municipality_name,
            sex,
            year(entry_month) - (19 + floor({_p(0)} * 44)::INTEGER) AS birth_year,
            CASE WHEN eth_entry = 'romu' THEN {
        _choice(_p(1), [("0", 22), ("1", 45), ("2", 20), ("3", 9), ("nav zināms", 4)])
    } ELSE {
        _choice(
            _p(1),
            [
                ("1", 3),
                ("2", 30),
                ("3", 38),
                ("4", 12),
                ("5", 3),
                ("6", 7),
                ("7", 3),
                ("nav zināms", 4),
            ],
        )
    } END AS education_level,
            {ETHNICITY} AS ethnicity,
            {NVA_TARGET_GROUP} AS target_group,
            {_ddmmyyyy("start_date")} AS entry_date,
            CASE WHEN {IS_LAST} THEN {_ddmmyyyy("last_day_date")} END AS exit_date,
            {
        _code_list(
            [
                ("KONS", f"number = 0 OR {_r(0)} < 0.6 OR NOT {_r(3)} < 0.5"),
                ("VESEL", f"number = 0 AND ({NVA_REFUSED} OR {_r(1)} < 0.1)"),
                ("PIEM", f"number = 1 AND {_r(2)} < 0.12"),
                ("MOT", f"{_r(3)} < 0.5"),
                ("ATK", f"{NVA_ADDICTION} AND {_r(4)} < 0.7"),
            ]
        )
    } AS measures_received,
            CASE WHEN {IS_LAST} THEN (CASE WHEN eth_entry = 'romu'
                THEN {_choice(_r(5), NVA_OUTCOMES_ROMA)}
                ELSE {_choice(_r(5), NVA_OUTCOMES_OTHER)} END) END AS outcome_on_leaving
        FROM base
    """,
)

JSPA_OUTCOMES_COMPLETED = [
    ("izglītībā", 30),
    ("NVO/jauniešu centrā", 14),
    ("nodarbināts", 24),
    ("meklē darbu", 13),
    ("neaktīvs", 12),
    ("nav zināms", 7),
]
JSPA_OUTCOMES_DISCONTINUED = [
    ("izglītībā", 12),
    ("NVO/jauniešu centrā", 6),
    ("nodarbināts", 18),
    ("meklē darbu", 14),
    ("neaktīvs", 30),
    ("nav zināms", 20),
]
JSPA_AGE = f"(15 + floor(pow({_p(0)}, 1.6) * 15)::INTEGER)"
JSPA_EDUCATION = f"""CASE
    WHEN eth_entry = 'romu'
        THEN {_choice(_p(1), [("0", 10), ("1", 35), ("2", 40), ("3", 10), ("nav zināms", 5)])}
    WHEN {JSPA_AGE} < 18 THEN {_choice(_p(1), [("1", 15), ("2", 80), ("nav zināms", 5)])}
    ELSE {
    _choice(
        _p(1), [("1", 6), ("2", 42), ("3", 32), ("4", 7), ("5", 2), ("6", 4), ("nav zināms", 7)]
    )
}
END"""
JSPA_PLAN = Plan(
    contract=JSPA_PARTICIPANT_MONTHS,
    indicator_code="JSPA_833_PARTICIPANTS",
    file_prefix="JSPA_833_DAL_",
    male_share=0.53,
    not_stated_share=0.32,
    move_share=0.03,
    entry_weight=f"{RAMP} * CASE WHEN month(month) IN (7, 8) THEN 0.7 ELSE 1.0 END",
    position="idx",
    # One individual programme of 1 to 9 months agreed on the start date; about a fifth are
    # discontinued early. Rows run from the start month to the month of the (actual) end.
    spells="""
        WITH programmes AS (
            SELECT
                persons.pid,
                persons.entry_idx,
                persons.entry_day,
                make_date(year(cal.month), month(cal.month), persons.entry_day) AS start_date,
                1 + floor(u(persons.pid, 'len') * 9)::INTEGER AS planned_months,
                u(persons.pid, 'discontinued') < 0.22 AS discontinued
            FROM persons
            JOIN cal ON cal.idx = persons.entry_idx
        ),
        dated AS (
            SELECT
                *,
                start_date - (2 + floor(u(pid, 'profiling') * 34)::INTEGER) AS profiling_date,
                CAST(start_date + to_months(planned_months) AS DATE) - 1 AS planned_end,
                CASE
                    WHEN planned_months = 1
                        THEN start_date + (3 + floor(u(pid, 'stop') * 24)::INTEGER)
                    ELSE CAST(
                        start_date + to_months(
                            1 + floor(u(pid, 'stop') * (planned_months - 1))::INTEGER
                        ) AS DATE
                    ) + floor(u(pid, 'stop_day') * 21)::INTEGER
                END AS stop_date
            FROM programmes
        )
        SELECT
            pid, 1 AS spell_no, entry_idx AS start_pos, entry_day AS start_day,
            datediff('month', start_date, end_date) + 1 AS n_months, 0 AS k0,
            profiling_date, planned_end, end_date, discontinued
        FROM (
            SELECT
                *,
                CASE WHEN discontinued THEN least(stop_date, planned_end) ELSE planned_end END
                    AS end_date
            FROM dated
        )
    """,
    rows=f"""
        SELECT
            file_no,
            {MONTH} AS reporting_month,
            key AS participant_key,
            {ATVK} AS municipality_atvk,
            {ATVK_NAME} AS municipality_name,
            sex,
            year(profiling_date) - {JSPA_AGE} AS birth_year,
            {JSPA_EDUCATION} AS education_level,
            {ETHNICITY} AS ethnicity,
            {_ddmmyyyy("profiling_date")} AS profiling_date,
            {_ddmmyyyy("start_date")} AS programme_start_date,
            {_ddmmyyyy(f"CASE WHEN {IS_LAST} THEN end_date ELSE planned_end END")}
                AS programme_end_date,
            CASE
                WHEN NOT {IS_LAST} THEN 'turpinās'
                WHEN discontinued THEN 'pārtraukta'
                ELSE 'pabeigta'
            END AS programme_status,
            {
        _halves(
            f"CASE WHEN month_share >= 1 THEN 40 + floor({_r(0)} * 37)::INTEGER "
            f"ELSE round(month_share * 40 * (0.8 + {_r(0)} * 0.8))::INTEGER END"
        )
    } AS mentor_hours,
            {
        _code_list(
            [
                ("PA", f"{_r(1)} < 0.75"),
                ("IS", f"{_r(2)} < 0.6"),
                ("DT", f"{_r(3)} < 0.5"),
                ("MK", f"{_r(4)} < 0.5"),
            ]
        )
    } AS components_delivered,
            CASE WHEN {IS_LAST} THEN (CASE WHEN discontinued
                THEN {_choice(_p(2), JSPA_OUTCOMES_DISCONTINUED)}
                ELSE {_choice(_p(2), JSPA_OUTCOMES_COMPLETED)} END) END AS outcome_on_leaving
        FROM (
            SELECT
                *,
                (least(last_day(row_month), end_date) - greatest(row_month, start_date) + 1)
                    / (last_day(row_month) - row_month + 1) AS month_share
            FROM base
        )
    """,
)

# Grades 5-12 (general or special education) or vocational years 1-4 at entry; a pupil whose
# plan runs into a new school year moves up a grade in September.
IKVD_GRADE_AT_ENTRY = _choice(
    _p(0),
    [
        ("5", 6),
        ("6", 7),
        ("7", 10),
        ("8", 11),
        ("9", 11),
        ("10", 8),
        ("11", 6),
        ("12", 5),
        ("P1", 12),
        ("P2", 10),
        ("P3", 8),
        ("P4", 6),
    ],
)
SCHOOL_YEAR_ROW = "(year(row_month) - CASE WHEN month(row_month) < 9 THEN 1 ELSE 0 END)"
SCHOOL_YEAR_ENTRY = "(year(entry_month) - CASE WHEN month(entry_month) < 9 THEN 1 ELSE 0 END)"
IKVD_SUPPORT = [
    ("TRA", f"{_r(0)} < 0.35"),
    ("NAK", f"{_r(1)} < 0.1"),
    ("EDI", f"{_r(2)} < 0.4"),
    ("MAC", f"{_r(3)} < 0.45"),
    ("APG", f"needy AND {_r(4)} < 0.3"),  # clothing, shoes, hygiene: needy families only
]
IKVD_SPECIALISTS = [
    ("PED", f"{_r(5)} < 0.35"),
    ("PSI", f"{_r(6)} < 0.3"),
    ("LOG", f"{_r(8)} < 0.1"),
    ("CIT", f"{_r(9)} < 0.05"),
]
IKVD_PLAN = Plan(
    contract=IKVD_PUPIL_MONTHS,
    indicator_code="IKVD_834_PUPILS",
    file_prefix="IKVD_834_SKOL_",
    male_share=0.52,
    not_stated_share=0.25,
    move_share=0.02,
    # Plans start in school months, most after the September risk assessments.
    entry_weight=(
        f"{RAMP} * CASE month(month) WHEN 9 THEN 1.5 WHEN 10 THEN 1.6 WHEN 11 THEN 1.2 "
        "WHEN 12 THEN 0.6 WHEN 1 THEN 1.0 WHEN 2 THEN 0.9 WHEN 3 THEN 0.7 WHEN 4 THEN 0.4 "
        "WHEN 5 THEN 0.2 ELSE 0 END"
    ),
    position="sidx",
    spells="""
        SELECT persons.pid, 1 AS spell_no, cal.sidx AS start_pos, persons.entry_day AS start_day,
               1 + floor(u(persons.pid, 'len') * 9)::INTEGER AS n_months, 0 AS k0
        FROM persons
        JOIN cal ON cal.idx = persons.entry_idx
    """,
    rows=f"""
        SELECT
            file_no,
            {MONTH} AS reporting_month,
            key AS pupil_key,
            'IZM-' || lpad(CAST(place_idx * 60 + floor(
                CASE WHEN place_idx = home_idx THEN {_p(1)} ELSE {_p(2)} END
                * least(59, greatest(1, round(weight[place_idx] * 4)))
            )::INTEGER AS VARCHAR), 4, '0') AS institution_code,
            {ATVK} AS municipality_atvk,
            sex,
            {SCHOOL_YEAR_ENTRY} - grade_number - 6
                - CASE WHEN {_p(3)} < 0.3 THEN 1 ELSE 0 END AS birth_year,
            CASE
                WHEN vocational THEN 'P' || least(4, grade_number - 9 + school_years)
                ELSE CAST(least(12, grade_number + school_years) AS VARCHAR)
            END AS grade,
            CASE
                WHEN vocational THEN 'profesionālā'
                WHEN {_p(4)} < CASE WHEN eth_entry = 'romu' THEN 0.3 ELSE 0.08 END
                    THEN 'speciālā'
                ELSE 'vispārējā'
            END AS education_programme,
            {ETHNICITY} AS ethnicity,
            CASE WHEN needy THEN 'jā' ELSE 'nē' END AS needy_family,
            {_ddmmyyyy(f"start_date - floor({_p(6)} * 21)::INTEGER")} AS risk_assessment_date,
            {_ddmmyyyy("start_date")} AS plan_start_date,
            CASE WHEN {IS_LAST} THEN {_ddmmyyyy("last_day_date")} END AS plan_end_date,
            {_code_list(IKVD_SUPPORT)} AS support_types,
            {
        _code_list(
            [
                *IKVD_SPECIALISTS[:2],
                (
                    "SPED",
                    f"{_r(7)} < 0.35 OR "
                    + _none_of([c for _, c in IKVD_SUPPORT + IKVD_SPECIALISTS]),
                ),
                *IKVD_SPECIALISTS[2:],
            ]
        )
    } AS specialists
        FROM (
            SELECT
                *,
                starts_with(grade_at_entry, 'P') AS vocational,
                CASE WHEN starts_with(grade_at_entry, 'P')
                    THEN 9 + CAST(substr(grade_at_entry, 2) AS INTEGER)
                    ELSE CAST(grade_at_entry AS INTEGER)
                END AS grade_number,
                {SCHOOL_YEAR_ROW} - {SCHOOL_YEAR_ENTRY} AS school_years,
                {_p(5)} < CASE WHEN eth_entry = 'romu' THEN 0.6 ELSE 0.25 END AS needy
            FROM (SELECT *, {IKVD_GRADE_AT_ENTRY} AS grade_at_entry FROM base)
        )
    """,
)

PLANS: dict[str, Plan] = {plan.dataset: plan for plan in (SIF_PLAN, NVA_PLAN, JSPA_PLAN, IKVD_PLAN)}


def measure_start(plan: Plan) -> date:
    """The first month of the measure, from the indicator catalogue seed."""
    path = SEEDS_DIR / "catalogue" / f"ref_indicator_catalogue_{plan.contract.source}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["indicator_code"] == plan.indicator_code:
                start = date.fromisoformat(row["measure_start_date"])
                return date(start.year, start.month, 1)
    raise KeyError(f"{plan.indicator_code} is not in the catalogue")


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _sql_list(values: list) -> str:
    return "[" + ", ".join(_sql_text(v) if isinstance(v, str) else repr(v) for v in values) + "]"


def _prepare_places(con: duckdb.DuckDBPyConnection) -> None:
    """`muni`: the 119 pre-reform municipalities (idx 1..119) with their 2021 successor,
    planning region, relative weight (cities, Latgale) and share of Roma; `muni_slot`: a lookup
    that turns a uniform draw into a municipality by weight; macros `atvk_2009`, `atvk_2021`,
    `name_2009`, `name_2021`, `weight`: the same as list literals indexed by idx."""
    reference = SEEDS_DIR / "reference"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE muni AS
        WITH m09 AS (
            SELECT atvk_2009, name_lv, kind
            FROM read_csv({_sql_text(str(reference / "ref_municipalities_2009.csv"))},
                          all_varchar = true)
        ),
        successors AS (
            SELECT atvk_2009, atvk_2021
            FROM read_csv({_sql_text(str(reference / "ref_atvk_crosswalk_2009_2021.csv"))},
                          all_varchar = true)
            WHERE is_primary = 'true'
        ),
        m21 AS (
            SELECT atvk_2021, name_lv, planning_region_code
            FROM read_csv({_sql_text(str(reference / "ref_municipalities_2021.csv"))},
                          all_varchar = true)
        ),
        joined AS (
            SELECT
                row_number() OVER (ORDER BY m09.atvk_2009) AS idx,
                m09.atvk_2009, m09.name_lv AS name_2009, m09.kind,
                m21.atvk_2021, m21.name_lv AS name_2021, m21.planning_region_code AS region
            FROM m09
            JOIN successors USING (atvk_2009)
            JOIN m21 ON m21.atvk_2021 = successors.atvk_2021
        )
        SELECT
            idx, atvk_2009, name_2009, atvk_2021, name_2021, region,
            CASE
                WHEN atvk_2009 = '0010000' THEN 30.0
                WHEN atvk_2009 = '0050000' THEN 9.0
                WHEN kind = 'republikas pilsēta' THEN 3.0
                ELSE 0.2 + (hash(atvk_2009) % 1000) / 1000.0
            END * CASE WHEN region = 'LATGALE' THEN 1.5 ELSE 1.0 END AS weight,
            CASE
                WHEN atvk_2009 = '0050000' THEN 0.2
                WHEN region = 'LATGALE' THEN 0.13
                WHEN region = 'KURZEME' THEN 0.07
                WHEN region = 'RIGA' THEN 0.05
                ELSE 0.035
            END AS roma_share
        FROM joined
        ORDER BY idx
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE muni_slot AS
        WITH bounds AS (
            SELECT idx, sum(weight) OVER (ORDER BY idx) / sum(weight) OVER () AS upper_bound
            FROM muni
        )
        SELECT
            range AS slot,
            (SELECT min(idx) FROM bounds WHERE upper_bound > (range + 0.5) / {PLACE_SLOTS}) AS idx
        FROM range({PLACE_SLOTS})
    """)
    columns = ["atvk_2009", "atvk_2021", "name_2009", "name_2021", "weight"]
    rows = con.execute(f"SELECT {', '.join(columns)} FROM muni ORDER BY idx").fetchall()
    for i, column in enumerate(columns):
        values = [row[i] for row in rows]
        con.execute(f"CREATE OR REPLACE TEMP MACRO {column}() AS {_sql_list(values)}")


def _prepare_dataset(
    con: duckdb.DuckDBPyConnection, plan: Plan, seed: int, base_last: date, horizon: date
) -> date:
    """Per-dataset macros and calendar: `u` (a uniform draw from a hash), `hp`/`hr` (hashes of a
    person and a person-month whose bytes are draws), `cal` (months from the measure start, with
    the school-month index `sidx`, the entry weight and the file), and `entry_slot` (a draw ->
    entry month, over the months up to `base_last`)."""
    first = measure_start(plan)
    months = _months_between(first, horizon) + CALENDAR_MARGIN_MONTHS
    salt = _sql_text(f"{plan.dataset}/{seed}")
    con.execute(
        f"CREATE OR REPLACE TEMP MACRO u(pid, what) AS "
        f"hash(pid, what, {salt})::DOUBLE / 18446744073709551616.0"
    )
    con.execute(f"CREATE OR REPLACE TEMP MACRO hp(pid, n) AS hash(pid, n, 'person', {salt})")
    con.execute(f"CREATE OR REPLACE TEMP MACRO hr(pid, number, n) AS hash(pid, number, n, {salt})")
    con.execute(
        "CREATE OR REPLACE TEMP MACRO byte(h, i) AS CAST((h >> (8 * i)) & 255 AS DOUBLE) / 256"
    )
    file_name = (
        f"'{plan.file_prefix}' || strftime(month, '%Y') || 'Q' || quarter(month) || '.csv'"
        if plan.quarterly
        else f"'{plan.file_prefix}' || strftime(month, '%Y%m') || '.csv'"
    )
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE cal AS
        WITH months AS (
            SELECT range AS idx, CAST(DATE '{first}' + to_months(range) AS DATE) AS month
            FROM range({months})
        )
        SELECT
            idx,
            month,
            CASE WHEN month(month) NOT IN {SUMMER_MONTHS} THEN
                count(*) FILTER (WHERE month(month) NOT IN {SUMMER_MONTHS})
                    OVER (ORDER BY idx) - 1
            END AS sidx,
            {plan.entry_weight} AS weight,
            {file_name} AS file_name,
            dense_rank() OVER (ORDER BY {file_name}) AS file_no
        FROM months
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE entry_slot AS
        WITH bounds AS (
            SELECT idx, sum(weight) OVER (ORDER BY idx) / sum(weight) OVER () AS upper_bound
            FROM cal
            WHERE month <= DATE '{base_last}' AND weight > 0
        )
        SELECT
            range AS slot,
            (SELECT min(idx) FROM bounds WHERE upper_bound > (range + 0.5) / {ENTRY_SLOTS}) AS idx
        FROM range({ENTRY_SLOTS})
    """)
    return first


def _create_people(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    seed: int,
    persons: int,
    history_persons: int,
    horizon: date,
) -> None:
    """`persons` and their `spells` (with `rows`, the months up to `horizon`). Persons after
    `history_persons` all enter in the horizon month (the new entrants of a next month)."""
    horizon_idx = f"(SELECT idx FROM cal WHERE month = DATE '{horizon}')"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE persons AS
        WITH drawn AS (
            SELECT
                range AS pid,
                sha256({_sql_text(f"{plan.dataset}/{seed}/person-")} || CAST(range AS VARCHAR))
                    AS key,
                CASE WHEN range > {history_persons} THEN {horizon_idx} ELSE entry_slot.idx END
                    AS entry_idx,
                1 + floor(u(range, 'day') * 28)::INTEGER AS entry_day,
                home.idx AS home_idx,
                CASE WHEN u(range, 'moves') < {plan.move_share} THEN dest.idx END AS dest_idx,
                CASE WHEN u(range, 'sex') < {plan.male_share} THEN 'V' ELSE 'S' END AS sex,
                home.roma_share,
                u(range, 'ethnicity') AS eth_draw
            FROM range(1, {persons} + 1)
            JOIN entry_slot ON entry_slot.slot = floor(u(range, 'entry') * {ENTRY_SLOTS})
            JOIN muni_slot AS home_slot
                ON home_slot.slot = floor(u(range, 'home') * {PLACE_SLOTS})
            JOIN muni AS home ON home.idx = home_slot.idx
            JOIN muni_slot AS dest_slot
                ON dest_slot.slot = floor(u(range, 'dest') * {PLACE_SLOTS})
            JOIN muni AS dest ON dest.idx = dest_slot.idx
        ),
        described AS (
            SELECT
                * EXCLUDE (roma_share, eth_draw),
                CASE
                    WHEN eth_draw < roma_share THEN 'romu'
                    WHEN eth_draw < roma_share + (1 - roma_share) * {plan.not_stated_share}
                        THEN 'nav norādīta'
                    ELSE 'cita'
                END AS eth_entry
            FROM drawn
        )
        SELECT
            described.*,
            cal.month AS entry_month,
            -- a few who did not state their ethnicity at entry state it from the second month
            CASE
                WHEN eth_entry = 'nav norādīta' AND u(pid, 'states_later') < 0.06
                    THEN CASE WHEN u(pid, 'stated') < 0.2 THEN 'romu' ELSE 'cita' END
                ELSE eth_entry
            END AS eth_later
        FROM described
        JOIN cal ON cal.idx = described.entry_idx
    """)
    last_pos = f"(SELECT max({plan.position}) FROM cal WHERE month <= DATE '{horizon}')"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE spells AS
        SELECT
            spells.*,
            first_month.month AS start_month,
            make_date(year(first_month.month), month(first_month.month), spells.start_day)
                AS start_date,
            -- the end (exit) day in the spell's last month, not before a one-month spell's start
            make_date(
                year(last_month.month),
                month(last_month.month),
                CASE WHEN spells.n_months = 1
                    THEN spells.start_day
                        + floor(u(spells.pid, 'end_day') * (29 - spells.start_day))::INTEGER
                    ELSE 1 + floor(u(spells.pid, 'end_day') * 28)::INTEGER
                END
            ) AS last_day_date,
            greatest(0, least(spells.n_months, {last_pos} - spells.start_pos + 1)) AS rows
        FROM ({plan.spells}) AS spells
        JOIN cal AS first_month ON first_month.{plan.position} = spells.start_pos
        JOIN cal AS last_month
            ON last_month.{plan.position} = spells.start_pos + spells.n_months - 1
    """)


def _persons_for_rows(con: duckdb.DuckDBPyConnection, target_rows: int) -> int | None:
    """The fewest persons (in order) whose rows reach `target_rows`, or None if all together
    have fewer rows."""
    return con.execute(f"""
        WITH per_person AS (SELECT pid, sum(rows) AS n FROM spells GROUP BY pid),
        running AS (SELECT pid, sum(n) OVER (ORDER BY pid) AS cumulative FROM per_person)
        SELECT CASE WHEN max(cumulative) >= {target_rows}
            THEN min(pid) FILTER (WHERE cumulative >= {target_rows}) END
        FROM running
    """).fetchone()[0]


def _settle_persons(
    con: duckdb.DuckDBPyConnection, plan: Plan, seed: int, target_rows: int, horizon: date
) -> int:
    """Draw candidates until their rows reach the dataset's share; keep just enough of them."""
    candidates = max(50, math.ceil(target_rows / 4 * 1.2))
    while True:
        _create_people(con, plan, seed, candidates, candidates, horizon)
        persons = _persons_for_rows(con, target_rows)
        if persons is not None:
            break
        candidates *= 2
    con.execute(f"DELETE FROM persons WHERE pid > {persons}")
    con.execute(f"DELETE FROM spells WHERE pid > {persons}")
    return persons


def _build_skeleton(con: duckdb.DuckDBPyConnection, plan: Plan, seed: int, horizon: date) -> None:
    """`skeleton`: one row per person-month up to `horizon` with everything its row is drawn
    from (key, place, ethnicity, spell dates, and the hashes whose bytes are the draws: stored,
    because a view's expression is recomputed wherever it is used), sorted into file order
    (file, month, person) once."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE skeleton AS
        SELECT
            *,
            hp(pid, 0) AS hp0, hp(pid, 1) AS hp1,
            hr(pid, number, 0) AS hr0, hr(pid, number, 1) AS hr1
        FROM (
            SELECT
                cal.file_no,
                cal.month AS row_month,
                numbered.pid,
                numbered.k,
                numbered.k0 + numbered.k AS number,
                numbered.* EXCLUDE (pid, k, k0, start_pos, rows, start_month, spell_no),
                persons.key, persons.sex, persons.eth_entry, persons.eth_later, persons.entry_month,
                persons.home_idx,
                CASE WHEN persons.dest_idx IS NOT NULL AND numbered.k0 + numbered.k >= 2
                    THEN persons.dest_idx ELSE persons.home_idx END AS place_idx
            FROM (SELECT *, unnest(range(rows)) AS k FROM spells) AS numbered
            JOIN persons USING (pid)
            JOIN cal ON cal.{plan.position} = numbered.start_pos + numbered.k
            WHERE cal.month <= DATE '{horizon}'
            ORDER BY cal.file_no, cal.month, numbered.pid
        )
    """)


def _create_base(con: duckdb.DuckDBPyConnection) -> None:
    """`base`: the skeleton with the municipality lists, without a join, so that a projection
    of it keeps the skeleton's order."""
    con.execute("""
        CREATE OR REPLACE TEMP VIEW base AS
        SELECT
            *,
            atvk_2009() AS atvk_2009, atvk_2021() AS atvk_2021,
            name_2009() AS name_2009, name_2021() AS name_2021, weight() AS weight
        FROM skeleton
    """)


def _file_rows_sql(plan: Plan) -> str:
    """The rows of file `$1`, the contract's columns in order."""
    columns = ", ".join(f'"{c}"' for c in plan.contract.column_names)
    return f"SELECT {columns} FROM ({plan.rows}) WHERE file_no = $1"


def _write_files(
    con: duckdb.DuckDBPyConnection, plan: Plan, folder: Path, only: list[int] | None = None
) -> list[dict]:
    """Each file of the skeleton, rows in month, person order, by one prepared COPY (bound
    once: binding the row expressions costs more than writing a small file); each file's
    name, rows and bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    names = dict(con.execute("SELECT DISTINCT file_no, file_name FROM cal").fetchall())
    counts = con.execute(
        "SELECT file_no, count(*) FROM skeleton GROUP BY file_no ORDER BY file_no"
    ).fetchall()
    _create_base(con)
    partial = folder / f".{plan.dataset}.partial"
    con.execute(
        f"PREPARE write_file AS COPY ({_file_rows_sql(plan)}) TO {_sql_text(str(partial))} "
        "(FORMAT csv, HEADER, DELIMITER ';')"
    )
    written = []
    try:
        for file_no, rows in counts:
            if only is not None and file_no not in only:
                continue
            path = folder / names[file_no]
            con.execute(f"EXECUTE write_file({file_no})")
            partial.replace(path)
            written.append({"file": path.name, "rows": rows, "bytes": path.stat().st_size})
    finally:
        con.execute("DEALLOCATE write_file")
        partial.unlink(missing_ok=True)
    return written


def _connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    return con


def _clear_generated(folder: Path, plan: Plan) -> None:
    if folder.is_dir():
        for path in folder.glob(f"{plan.file_prefix}*.csv"):
            path.unlink()


def generate_extracts(
    out_dir: Path,
    total_rows: int,
    seed: int = DEFAULT_SEED,
    last_month: date = DEFAULT_LAST_MONTH,
) -> dict:
    """Write the four datasets' extracts from each measure's start to `last_month` into
    `out_dir/<source>/` and `out_dir/manifest.json` (replacing what an earlier call wrote
    there); returns the manifest: per dataset the persons, rows, bytes and files (name, rows,
    bytes), the totals, and the seconds taken."""
    out_dir = Path(out_dir)
    last_month = date(last_month.year, last_month.month, 1)
    started = time.perf_counter()
    remove_extracts(out_dir)  # a next month of an earlier history does not follow this one
    datasets = {}
    con = _connect()
    try:
        _prepare_places(con)
        for dataset, share in SHARES.items():
            plan = PLANS[dataset]
            target = max(1, round(total_rows * share))
            first = _prepare_dataset(con, plan, seed, last_month, last_month)
            persons = _settle_persons(con, plan, seed, target, last_month)
            _build_skeleton(con, plan, seed, last_month)
            files = _write_files(con, plan, out_dir / plan.contract.source)
            datasets[dataset] = {
                "source": plan.contract.source,
                "first_month": first.isoformat(),
                "persons": persons,
                "rows": sum(f["rows"] for f in files),
                "bytes": sum(f["bytes"] for f in files),
                "files": [{**f, "path": f"{plan.contract.source}/{f['file']}"} for f in files],
            }
    finally:
        con.close()
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "total_rows_requested": total_rows,
        "last_month": last_month.isoformat(),
        "rows": sum(d["rows"] for d in datasets.values()),
        "bytes": sum(d["bytes"] for d in datasets.values()),
        "files": sum(len(d["files"]) for d in datasets.values()),
        "datasets": datasets,
    }
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return {**manifest, "seconds": round(time.perf_counter() - started, 3)}


def read_manifest(out_dir: Path) -> dict:
    return json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))


def next_month_dir(out_dir: Path, month: date) -> Path:
    """Where `generate_next_month` writes the extracts of `month` (sources below it)."""
    return Path(out_dir) / f"next_{month:%Y%m}"


def _new_entrants(con: duckdb.DuckDBPyConnection, history_persons: int, month: date) -> int:
    """Entrants in `month`, at the history's average rate for a month of its weight."""
    total, weight = con.execute(
        f"SELECT sum(weight) FILTER (WHERE idx IN (SELECT idx FROM entry_slot)), "
        f"max(weight) FILTER (WHERE month = DATE '{month}') FROM cal"
    ).fetchone()
    return round(history_persons * (weight or 0) / total) if total else 0


def generate_next_month(out_dir: Path, total_rows: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """The extracts of the month after the last one `generate_extracts` wrote to `out_dir` (with
    the same size and seed), for an incremental run: the same people continue their spells and
    new ones enter. Written to `next_month_dir(out_dir, month)/<source>/`: SIF's monthly file;
    for the quarterly datasets the file of the month's quarter holding that quarter's months up
    to this one (the new quarter's first file when the month starts a quarter; otherwise a
    resend of the quarter with one more month, which the contracts treat as the quarter's
    current file). No IKVD file in a summer month (no support, no rows)."""
    manifest = read_manifest(out_dir)
    if manifest["seed"] != seed or manifest["total_rows_requested"] != total_rows:
        raise ValueError(
            f"{out_dir} holds seed {manifest['seed']} and {manifest['total_rows_requested']} "
            f"rows, not seed {seed} and {total_rows} rows"
        )
    last_month = date.fromisoformat(manifest["last_month"])
    month = _add_months(last_month, 1)
    target_dir = next_month_dir(out_dir, month)
    paths: list[Path] = []
    con = _connect()
    try:
        _prepare_places(con)
        for dataset in SHARES:
            plan = PLANS[dataset]
            history = manifest["datasets"][dataset]["persons"]
            _prepare_dataset(con, plan, seed, last_month, month)
            persons = history + _new_entrants(con, history, month)
            _create_people(con, plan, seed, persons, history, month)
            _build_skeleton(con, plan, seed, month)
            touched = [
                row[0]
                for row in con.execute(
                    f"SELECT DISTINCT file_no FROM skeleton WHERE row_month = DATE '{month}'"
                ).fetchall()
            ]
            folder = target_dir / plan.contract.source
            files = _write_files(con, plan, folder, only=touched)
            paths += [folder / f["file"] for f in files]
    finally:
        con.close()
    return paths


def remove_extracts(out_dir: Path) -> None:
    """Delete what `generate_extracts` and `generate_next_month` wrote to `out_dir`."""
    out_dir = Path(out_dir)
    for plan in PLANS.values():
        _clear_generated(out_dir / plan.contract.source, plan)
    for folder in out_dir.glob("next_*"):
        shutil.rmtree(folder, ignore_errors=True)
    (out_dir / MANIFEST_NAME).unlink(missing_ok=True)
