"""Deterministic, realistic sample extracts, shaped like what the agencies send.

SIF 9.1.4.4: services from Q3 2017 to the end of 2022; about 3 300 people reached in all (the
target is "more than 3 000"). Each person receives services for 1 to 9 consecutive months and
appears once in each month's extract. Municipality codes follow the ATVK vintage in force in the
reporting month: 119 old codes until June 2021, 43 new codes from July 2021.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from roma_monitor.contracts.sif import RISK_GROUPS, SERVICES, SIF
from roma_monitor.sample.common import (
    code_of_month,
    draw_2009_code_within,
    draw_2021_code,
    draw_move,
    export_encoding,
    format_date,
    format_decimal,
    format_month,
    months_between,
    municipality_names,
    participant_key,
    write_extract,
)

FIRST_MONTH = date(2017, 7, 1)
LAST_MONTH = date(2022, 12, 1)

# Relative weight of each 2021 municipality in the sample: Roma live mostly in Latgale, Kurzeme and
# the large cities; the weights are illustrative, not statistics.
HEAVY_MUNICIPALITIES = {
    "0001000": 30,
    "0002000": 14,
    "0003000": 7,
    "0004000": 5,
    "0005000": 6,
    "0006000": 4,
    "0007000": 5,
    "0054000": 4,
    "0052000": 3,
    "0051000": 3,
    "0032000": 3,
    "0022000": 3,
    "0043000": 2,
    "0029000": 2,
}


@dataclass
class Person:
    key: str
    sex: str
    birth_year: int
    ethnicity: str
    risk_groups: str
    municipality_2009: str
    moves_to_2009: str | None
    start: date
    months: int


def _people(rng: random.Random, months: list[date]) -> list[Person]:
    people: list[Person] = []
    for index, month in enumerate(months):
        ramp = min(1.0, (index + 1) / 9)  # recruitment builds up over the first months
        entrants = int(rng.gauss(56 * ramp, 6)) if index < len(months) - 3 else rng.randint(5, 15)
        for _ in range(max(3, entrants)):  # services ran every month
            old_code = draw_2009_code_within(rng, draw_2021_code(rng, HEAVY_MUNICIPALITIES))
            moves = draw_move(rng, 0.04)
            ethnicity = rng.choices(["romu", "cita", "nav norādīta"], [9, 55, 36])[0]
            groups = set(rng.sample(RISK_GROUPS[:3], rng.randint(0, 2)))
            if ethnicity == "romu" or rng.random() < 0.15:
                groups.add("etniskā piederība")
            if not groups:
                groups.add("vecums")
            people.append(
                Person(
                    key=participant_key("sif", len(people)),
                    sex=rng.choices(["S", "V"], [58, 42])[0],
                    birth_year=rng.randint(1950, 2002),
                    ethnicity=ethnicity,
                    risk_groups="|".join(g for g in RISK_GROUPS if g in groups),
                    municipality_2009=old_code,
                    moves_to_2009=moves,
                    start=date(month.year, month.month, rng.randint(1, 28)),
                    months=rng.randint(1, 9),
                )
            )
    return people


def sif_rows_by_month(seed: int) -> dict[date, list[list[str]]]:
    rng = random.Random(seed)
    months = months_between(FIRST_MONTH, LAST_MONTH)
    names = municipality_names()
    rows: dict[date, list[list[str]]] = {m: [] for m in months}
    for person in _people(rng, months):
        first = date(person.start.year, person.start.month, 1)
        active = months_between(first, LAST_MONTH)[: person.months]
        end_month = active[-1]
        ends = end_month < LAST_MONTH or rng.random() < 0.5  # some still in services at the end
        end = date(end_month.year, end_month.month, rng.randint(1, 28)) if ends else None
        if end and end < person.start:
            end = person.start
        for number, month in enumerate(active):
            code = code_of_month(person.municipality_2009, person.moves_to_2009, number >= 2, month)
            services = sorted(
                set(rng.sample(SERVICES, rng.randint(1, 3))) | ({"MOT"} if number == 0 else set())
            )
            hours = round(rng.uniform(2, 40) * 2) / 2
            rows[month].append(
                [
                    format_month(month),
                    person.key,
                    code,
                    names[code],
                    person.sex,
                    str(person.birth_year),
                    person.risk_groups,
                    person.ethnicity,
                    format_date(person.start),
                    format_date(end) if end and month == end_month else "",
                    "|".join(s for s in SERVICES if s in services),
                    format_decimal(hours),
                ]
            )
    return rows


def write_sif_extracts(out_dir: Path, seed: int = 2017) -> list[Path]:
    """Write one file per month. Most are UTF-8 with BOM; some are Windows-1257, as older
    agency systems still export them."""
    return [
        write_extract(
            Path(out_dir) / f"SIF_9144_{month:%Y%m}.csv",
            SIF,
            rows,
            export_encoding(month.month % 4 == 0),
        )
        for month, rows in sif_rows_by_month(seed).items()
    ]
