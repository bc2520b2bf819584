"""Deterministic, realistic sample extracts, shaped like what the agencies send.

JSPA "PROTI un DARI!" (SAM 8.3.3): NEET youth aged 15-29, not registered at NVA, reached through
the municipalities. The sample covers individual programmes starting from January 2017 to the end
of 2022 (the project itself ran 2015-2023; earlier programmes are not in the sample): about 3 000
youths, ~6% of them Roma (more in Latgale and the large cities).

Each youth is profiled a few days to weeks before the individual programme starts (the agreement
is signed on the start date) and appears once in every calendar month the programme touches; the
row of the month the programme ends carries the actual end date, the status pabeigta (completed)
or pārtraukta (discontinued) and the situation on leaving. While it continues, the row carries
the planned end. Most programmes follow the rules (1 to 9 months; at least 20 mentor hours in
every month; all four components), but not all: some are discontinued within the first month,
some are extended beyond nine months, some have a month with fewer than 20 mentor hours, and
some never deliver one of the components. A few youths move to another municipality, a few come
back for a second programme after discontinuing. Municipality codes follow the ATVK vintage in
force in the reporting month.

Six months after each exit JSPA establishes the youth's situation again; the follow-up goes into
the quarterly file of the quarter that contains exit date + 6 months (youths not reached: no
follow-up date, outcome 'nav zināms').
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from roma_monitor.contracts.base import month_end
from roma_monitor.contracts.jspa import COMPONENTS, JSPA_FOLLOWUPS, JSPA_PARTICIPANT_MONTHS
from roma_monitor.sample.common import (
    add_months,
    code_of_month,
    draw_2009_code_within,
    draw_2021_code,
    draw_ethnicity,
    draw_move,
    draw_sex,
    export_encoding,
    format_date,
    format_decimal,
    format_month,
    months_between,
    municipality_names,
    participant_key,
    quarter_label,
    quarter_of,
    region_of_2021,
    roma_share,
    rows_by_quarter,
    write_quarterly_with_followups,
)

FIRST_MONTH = date(2017, 1, 1)
LAST_MONTH = date(2022, 12, 1)
HORIZON_END = date(2022, 12, 31)

# Relative weight of each 2021 municipality among the participants (illustrative, not
# statistics). Almost every municipality took part through its youth workers.
MUNICIPALITY_WEIGHTS = {
    "0001000": 22,  # Rīga
    "0002000": 9,  # Daugavpils
    "0006000": 4,  # Rēzekne
    "0003000": 4,  # Jelgava
    "0005000": 5,  # Liepāja
    "0007000": 3,  # Ventspils
    "0004000": 3,  # Jūrmala
    "0043000": 3,  # Rēzeknes novads
    "0032000": 3,  # Krāslavas novads
    "0037000": 3,  # Ludzas novads
    "0054000": 3,  # Valmieras novads
    "0051000": 2,  # Talsu novads
}
# Share of youths who declare Roma ethnicity: Daugavpils, the rest of Latgale, elsewhere (~6%).
ROMA_SHARE = {"0002000": 0.14, "LATGALE": 0.08, "other": 0.04}

OUTCOMES_ON_LEAVING = {
    # outcome: (weight after a completed programme, after a discontinued one)
    "izglītībā": (30, 12),
    "NVO/jauniešu centrā": (14, 6),
    "nodarbināts": (24, 18),
    "meklē darbu": (13, 14),
    "neaktīvs": (12, 30),
    "nav zināms": (7, 20),
}
OUTCOME_AFTER = {
    "izglītībā": {"izglītībā": 65, "nodarbināts": 12, "meklē darbu": 8, "neaktīvs": 7},
    "NVO/jauniešu centrā": {
        "NVO/jauniešu centrā": 40,
        "izglītībā": 20,
        "nodarbināts": 18,
        "meklē darbu": 10,
        "neaktīvs": 12,
    },
    "nodarbināts": {"nodarbināts": 70, "meklē darbu": 14, "izglītībā": 6, "neaktīvs": 10},
    "meklē darbu": {"meklē darbu": 45, "nodarbināts": 30, "izglītībā": 10, "neaktīvs": 15},
    "neaktīvs": {"neaktīvs": 55, "meklē darbu": 15, "nodarbināts": 15, "izglītībā": 15},
    "nav zināms": {"nav zināms": 50, "neaktīvs": 25, "nodarbināts": 15, "izglītībā": 10},
}
NOT_REACHED_SHARE = 0.12  # leavers JSPA could not reach at 6 months: 'nav zināms', no date


@dataclass
class Programme:
    profiling: date
    start: date
    planned_end: date
    end: date  # actual end (or planned end, for a programme still running at the horizon)
    status: str  # pabeigta / pārtraukta, or turpinās when it runs beyond the horizon
    outcome: str = ""
    low_hours_months: set[date] = field(default_factory=set)
    missing_component: str | None = None


@dataclass
class Person:
    key: str
    sex: str
    birth_year: int
    ethnicity: str
    education: str
    municipality_2009: str
    moves_to_2009: str | None
    programmes: list[Programme] = field(default_factory=list)


def _education(rng: random.Random, roma: bool, age: int) -> str:
    if roma:
        levels, weights = ["0", "1", "2", "3", "nav zināms"], [10, 35, 40, 10, 5]
    elif age < 18:
        levels, weights = ["1", "2", "nav zināms"], [15, 80, 5]
    else:
        levels = ["1", "2", "3", "4", "5", "6", "nav zināms"]
        weights = [6, 42, 32, 7, 2, 4, 7]
    return rng.choices(levels, weights)[0]


def _programme(rng: random.Random, start: date) -> Programme:
    """One individual programme starting on `start`, with its planned and actual course."""
    profiling = start - timedelta(days=rng.randint(2, 35))
    planned_months = rng.choices(range(1, 10), [3, 5, 10, 14, 14, 18, 12, 10, 14])[0]
    planned_end = add_months(start, planned_months) - timedelta(days=1)
    kind = rng.choices(["completed", "discontinued", "too_short", "too_long"], [72, 20, 4, 4])[0]
    if kind == "completed":
        end = planned_end - timedelta(days=rng.choice([0, 0, 0, 0, 1, 3, 7]))
        status = "pabeigta"
    elif kind == "discontinued":
        months_done = rng.randint(1, max(1, planned_months - 1))
        end = add_months(start, months_done) + timedelta(days=rng.randint(0, 20))
        end = min(end, planned_end)
        status = "pārtraukta"
    elif kind == "too_short":  # left within the first month (under one month)
        end = start + timedelta(days=rng.randint(3, 26))
        status = "pārtraukta"
    else:  # extended beyond nine months
        end = add_months(start, 9) + timedelta(days=rng.randint(7, 50))
        planned_end = end  # the extension was agreed: the planned end moved with it
        status = "pabeigta"
    end = max(end, start)
    programme = Programme(profiling, start, planned_end, end, status)
    if end > HORIZON_END:  # still running when the sample ends
        programme.end = planned_end if planned_end > HORIZON_END else end
        programme.status = "turpinās"
        return programme
    weights = [w[0 if status == "pabeigta" else 1] for w in OUTCOMES_ON_LEAVING.values()]
    programme.outcome = rng.choices(list(OUTCOMES_ON_LEAVING), weights)[0]
    full_months = [m for m in months_between(start, end) if m >= start and month_end(m) <= end]
    if full_months and rng.random() < 0.07:
        programme.low_hours_months = set(rng.sample(full_months, min(len(full_months), 2)))
    if rng.random() < 0.06:
        programme.missing_component = rng.choice(COMPONENTS[1:])
    return programme


def _people(rng: random.Random, months: list[date]) -> list[Person]:
    regions = region_of_2021()
    people: list[Person] = []
    for index, month in enumerate(months):
        summer = 0.7 if month.month in (7, 8) else 1.0  # fewer agreements in the holidays
        ramp = min(1.0, 0.6 + index / 15)
        for _ in range(max(8, int(rng.gauss(46 * summer * ramp, 6)))):
            new_code = draw_2021_code(rng, MUNICIPALITY_WEIGHTS)
            share = roma_share(ROMA_SHARE, new_code, regions)
            ethnicity = draw_ethnicity(rng, share, other=68, not_stated=32)
            start = date(month.year, month.month, rng.randint(1, 28))
            programme = _programme(rng, start)
            age = int(rng.triangular(15, 30, 20))
            person = Person(
                key=participant_key("jspa", len(people)),
                sex=draw_sex(rng, male=53, female=47),
                birth_year=programme.profiling.year - min(age, 29),
                ethnicity=ethnicity,
                education=_education(rng, ethnicity == "romu", age),
                municipality_2009=draw_2009_code_within(rng, new_code),
                moves_to_2009=draw_move(rng, 0.03),
                programmes=[programme],
            )
            # A few come back for a second programme after discontinuing the first.
            if programme.status == "pārtraukta" and rng.random() < 0.08:
                again = add_months(programme.end, rng.randint(3, 8))
                if again <= HORIZON_END - timedelta(days=40):
                    person.programmes.append(_programme(rng, again))
            people.append(person)
    return people


def _components(rng: random.Random, programme: Programme, months: list[date]) -> list[set[str]]:
    """Components delivered in each month; over the programme all four unless one is missing
    (or the programme ended within days)."""
    available = [c for c in COMPONENTS if c != programme.missing_component]
    delivered = [set(rng.sample(available, rng.randint(1, len(available)))) for _ in months]
    short = (programme.end - programme.start).days < 20
    if not short:
        for component in available:
            if not any(component in month for month in delivered):
                delivered[rng.randrange(len(months))].add(component)
    if len(months) > 2 and rng.random() < 0.05:
        delivered[-1] = set()  # nothing delivered in a short last month
    return delivered


def _hours(rng: random.Random, programme: Programme, month: date) -> float:
    first = max(month, programme.start)
    last = min(month_end(month), programme.end)
    share = ((last - first).days + 1) / ((month_end(month) - month).days + 1)
    if month in programme.low_hours_months:
        return round(rng.uniform(8, 19.5) * 2) / 2
    if share >= 1:
        return round(rng.uniform(20, 38) * 2) / 2
    return round(rng.uniform(0.8, 1.6) * 20 * share * 2) / 2


def jspa_rows(seed: int) -> tuple[dict[str, list[list[str]]], dict[str, list[list[str]]]]:
    """(participant-month rows, follow-up rows), each by quarter (YYYYQn)."""
    rng = random.Random(seed)
    months = months_between(FIRST_MONTH, LAST_MONTH)
    names = municipality_names()
    month_rows = rows_by_quarter(months)
    followups: dict[str, list[list[str]]] = {}
    for person in _people(rng, months):
        for number, programme in enumerate(person.programmes):
            active = [m for m in months_between(programme.start, programme.end) if m <= LAST_MONTH]
            components = _components(rng, programme, active)
            for index, month in enumerate(active):
                moved = number > 0 or index >= 2
                code = code_of_month(person.municipality_2009, person.moves_to_2009, moved, month)
                last = index == len(active) - 1 and programme.status != "turpinās"
                delivered = components[index]
                month_rows[quarter_of(month)].append(
                    [
                        format_month(month),
                        person.key,
                        code,
                        names[code],
                        person.sex,
                        str(person.birth_year),
                        person.education,
                        person.ethnicity,
                        format_date(programme.profiling),
                        format_date(programme.start),
                        format_date(programme.end if last else programme.planned_end),
                        programme.status if last else "turpinās",
                        format_decimal(_hours(rng, programme, month)),
                        "|".join(c for c in COMPONENTS if c in delivered),
                        programme.outcome if last else "",
                    ]
                )
            if programme.status == "turpinās":
                continue
            due = add_months(programme.end, 6)
            if due > HORIZON_END:
                continue
            quarter = quarter_of(due)
            if rng.random() < NOT_REACHED_SHARE:
                followup_date, outcome = "", "nav zināms"
            else:
                followup_date = format_date(due + timedelta(days=rng.randint(-12, 20)))
                after = OUTCOME_AFTER[programme.outcome]
                outcome = rng.choices(list(after), list(after.values()))[0]
            followups.setdefault(quarter, []).append(
                [
                    quarter_label(quarter),
                    person.key,
                    format_date(programme.end),
                    followup_date,
                    outcome,
                ]
            )
    return month_rows, followups


def write_jspa_extracts(out_dir: Path, seed: int = 2017) -> list[Path]:
    """Write one participant-month file and one follow-up file a quarter (the follow-up file
    only when follow-ups fell due in the quarter), in load order. Most files are UTF-8 with BOM;
    the second-quarter files are Windows-1257, as one municipality's export still makes them."""
    month_rows, followups = jspa_rows(seed)
    return write_quarterly_with_followups(
        out_dir,
        "JSPA_833",
        (JSPA_PARTICIPANT_MONTHS, JSPA_FOLLOWUPS),
        month_rows,
        followups,
        lambda quarter: export_encoding(quarter.endswith("Q2")),
    )
