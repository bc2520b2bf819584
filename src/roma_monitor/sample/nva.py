"""Deterministic, realistic sample extracts, shaped like what the agencies send.

NVA "Atbalsts ilgstošajiem bezdarbniekiem" (the report's SAM 7.4.1): support ran the whole
monitoring period, 2017-2022; about 2 000 long-term unemployed people reached, ~8% of them Roma
(more in Latgale, above all Daugavpils; mostly young, most with less than basic education: the
report quotes 67.4% of NVA-registered Roma unemployed below compulsory basic education). Each
person receives support for 1 to 8 consecutive months and appears once in every month's row of
the quarterly file; the row of the exit month carries the exit date and the situation on
leaving. A few people re-enter after a break (same key, new entry date); a few move to another
municipality. Municipality codes follow the ATVK vintage in force in the reporting month.

Six months after each exit NVA establishes the leaver's situation again; the follow-up goes into
the quarterly file of the quarter that contains exit date + 6 months. Some leavers cannot be
reached (no follow-up row, or 'nav zināms').
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from roma_monitor.contracts.nva import MEASURES, NVA_FOLLOWUPS, NVA_PARTICIPANT_MONTHS
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
    format_month,
    months_between,
    municipality_names,
    participant_key,
    quarter_end,
    quarter_label,
    quarter_of,
    region_of_2021,
    roma_share,
    rows_by_quarter,
    write_quarterly_with_followups,
)

FIRST_MONTH = date(2017, 1, 1)
LAST_MONTH = date(2022, 12, 1)

# Relative weight of each 2021 municipality among the project's participants (illustrative, not
# statistics): the large cities and Latgale, where long-term unemployment is highest.
MUNICIPALITY_WEIGHTS = {
    "0001000": 26,  # Rīga
    "0002000": 16,  # Daugavpils
    "0006000": 7,  # Rēzekne
    "0003000": 5,  # Jelgava
    "0005000": 6,  # Liepāja
    "0007000": 3,  # Ventspils
    "0004000": 3,  # Jūrmala
    "0043000": 5,  # Rēzeknes novads
    "0032000": 4,  # Krāslavas novads
    "0037000": 4,  # Ludzas novads
    "0054000": 2,  # Valmieras novads
}
# Share of participants who declare Roma ethnicity, by place: Daugavpils, the rest of Latgale,
# elsewhere (overall ~8%).
ROMA_SHARE = {"0002000": 0.22, "LATGALE": 0.12, "other": 0.045}

TARGET_GROUP_WEIGHTS = {"ilgstošs": 55, "atteicies": 20, "atkarība": 10, "iesp_atkarība": 15}
OUTCOMES_ON_LEAVING = {
    # outcome: (weight for Roma, weight for others)
    "nodarbināts": (14, 26),
    "izglītībā": (9, 10),
    "meklē darbu": (55, 44),
    "neaktīvs": (14, 12),
    "nav zināms": (8, 8),
}
# Situation six months later, given the situation on leaving.
OUTCOME_AFTER = {
    "nodarbināts": {"nodarbināts": 75, "meklē darbu": 15, "neaktīvs": 5, "nav zināms": 5},
    "izglītībā": {"izglītībā": 45, "nodarbināts": 25, "meklē darbu": 20, "nav zināms": 10},
    "meklē darbu": {
        "meklē darbu": 55,
        "nodarbināts": 22,
        "izglītībā": 6,
        "neaktīvs": 10,
        "nav zināms": 7,
    },
    "neaktīvs": {"neaktīvs": 60, "meklē darbu": 20, "nodarbināts": 8, "nav zināms": 12},
    "nav zināms": {"nav zināms": 60, "meklē darbu": 20, "nodarbināts": 10, "neaktīvs": 10},
}
NO_FOLLOWUP_SHARE = 0.08  # leavers NVA could not follow up: no row at all


@dataclass
class Spell:
    entry: date
    months: int
    exit: date | None = None
    outcome: str = ""


@dataclass
class Person:
    key: str
    sex: str
    birth_year: int
    ethnicity: str
    education: str
    target_group: str
    municipality_2009: str
    moves_to_2009: str | None
    states_ethnicity_later: bool
    spells: list[Spell] = field(default_factory=list)


def _education(rng: random.Random, roma: bool) -> str:
    if roma:  # 67.4% of NVA-registered Roma unemployed below compulsory basic education
        levels, weights = ["0", "1", "2", "3", "nav zināms"], [22, 45, 20, 9, 4]
    else:
        levels = ["1", "2", "3", "4", "5", "6", "7", "nav zināms"]
        weights = [3, 30, 38, 12, 3, 7, 3, 4]
    return rng.choices(levels, weights)[0]


def _people(rng: random.Random, months: list[date]) -> list[Person]:
    regions = region_of_2021()
    groups, group_weights = zip(*TARGET_GROUP_WEIGHTS.items(), strict=True)
    people: list[Person] = []
    for month in months:
        for _ in range(max(12, int(rng.gauss(28, 5)))):
            new_code = draw_2021_code(rng, MUNICIPALITY_WEIGHTS)
            share = roma_share(ROMA_SHARE, new_code, regions)
            ethnicity = draw_ethnicity(rng, share, other=64, not_stated=36)
            roma = ethnicity == "romu"
            entry = date(month.year, month.month, rng.randint(1, 28))
            age = int(rng.triangular(19, 62, 27 if roma else 45))
            person = Person(
                key=participant_key("nva", len(people)),
                sex=draw_sex(rng, male=56, female=44),
                birth_year=entry.year - age,
                ethnicity=ethnicity,
                education=_education(rng, roma),
                target_group=rng.choices(groups, group_weights)[0],
                municipality_2009=draw_2009_code_within(rng, new_code),
                moves_to_2009=draw_move(rng, 0.04),
                states_ethnicity_later=ethnicity == "nav norādīta" and rng.random() < 0.05,
            )
            person.spells.append(Spell(entry, rng.randint(1, 8)))
            if rng.random() < 0.04:  # re-enters after a break of 2 to 6 months
                gap = person.spells[0].months + rng.randint(2, 6)
                again = add_months(date(month.year, month.month, 1), gap)
                again = date(again.year, again.month, rng.randint(1, 28))
                if again <= LAST_MONTH:
                    person.spells.append(Spell(again, rng.randint(1, 6)))
            people.append(person)
    return people


def _measures(rng: random.Random, person: Person, number: int) -> str:
    chosen = set(rng.sample(["KONS", "MOT"], rng.randint(1, 2)))
    if number == 0:
        chosen.add("KONS")
        if person.target_group == "atteicies" or rng.random() < 0.1:
            chosen.add("VESEL")
    if number == 1 and rng.random() < 0.12:
        chosen.add("PIEM")
    if person.target_group in ("atkarība", "iesp_atkarība") and rng.random() < 0.7:
        chosen.add("ATK")
    return "|".join(m for m in MEASURES if m in chosen)


def nva_rows(seed: int) -> tuple[dict[str, list[list[str]]], dict[str, list[list[str]]]]:
    """(participant-month rows, follow-up rows), each by quarter (`YYYYQn`)."""
    rng = random.Random(seed)
    months = months_between(FIRST_MONTH, LAST_MONTH)
    names = municipality_names()
    monthly = rows_by_quarter(months)
    followups = rows_by_quarter(months)
    for person in _people(rng, months):
        roma = person.ethnicity == "romu"
        number = 0  # months of support so far, over all spells
        for spell in person.spells:
            first = date(spell.entry.year, spell.entry.month, 1)
            active = months_between(first, LAST_MONTH)[: spell.months]
            exit_month = active[-1]
            ends = exit_month < LAST_MONTH or rng.random() < 0.4
            if ends:
                day = rng.randint(spell.entry.day if len(active) == 1 else 1, 28)
                spell.exit = date(exit_month.year, exit_month.month, day)
                outcomes = list(OUTCOMES_ON_LEAVING)
                spell.outcome = rng.choices(
                    outcomes, [OUTCOMES_ON_LEAVING[o][0 if roma else 1] for o in outcomes]
                )[0]
            for month in active:
                code = code_of_month(
                    person.municipality_2009, person.moves_to_2009, number >= 2, month
                )
                ethnicity = person.ethnicity
                if person.states_ethnicity_later and number >= 1:
                    ethnicity = "cita"
                leaving = spell.exit is not None and month == exit_month
                monthly[quarter_of(month)].append(
                    [
                        format_month(month),
                        person.key,
                        code,
                        names[code],
                        person.sex,
                        str(person.birth_year),
                        person.education,
                        ethnicity,
                        person.target_group,
                        format_date(spell.entry),
                        format_date(spell.exit) if leaving and spell.exit else "",
                        _measures(rng, person, number),
                        spell.outcome if leaving else "",
                    ]
                )
                number += 1
            if spell.exit is None or rng.random() < NO_FOLLOWUP_SHARE:
                continue
            due = add_months(spell.exit, 6)
            quarter = quarter_of(due)
            if quarter not in followups:  # due after the sample period
                continue
            followup = min(due + timedelta(days=rng.randint(0, 20)), quarter_end(due))
            after = dict(OUTCOME_AFTER[spell.outcome])
            if roma and "nodarbināts" in after:  # employers' discrimination (the report's example)
                after["nodarbināts"] = after["nodarbināts"] * 0.6
            followups[quarter].append(
                [
                    quarter_label(quarter),
                    person.key,
                    format_date(spell.exit),
                    format_date(followup),
                    rng.choices(list(after), list(after.values()))[0],
                ]
            )
    return monthly, followups


def _encoding(quarter: str) -> str:
    # NVA's older export still wrote Windows-1257 for the half-year files until 2019.
    return export_encoding(quarter[-1] in "24" and quarter < "2020")


def write_nva_extracts(out_dir: Path, seed: int = 2017) -> list[Path]:
    """Write one participant file a quarter (2017Q1-2022Q4) and one follow-up file a quarter
    from the first quarter with follow-ups due (2017Q3); files in sending order."""
    monthly, followups = nva_rows(seed)
    return write_quarterly_with_followups(
        out_dir, "NVA_741", (NVA_PARTICIPANT_MONTHS, NVA_FOLLOWUPS), monthly, followups, _encoding
    )
