"""Deterministic, realistic sample extracts, shaped like what the agencies send.

IKVD 8.3.4 "PuMPuRS" (03/2017-12/2022), three quarterly extracts:

- entities (`IKVD_834_VIEN_YYYYQn`, 2017-Q1 to 2022-Q4): the cumulative register. About 92 of the
  119 pre-reform municipalities sign an agreement with IKVD (most in 2017-2018; the Roma-heavy
  cities and Latgale first). After the 2021 reform five 2021 municipalities that still had
  uncovered territory sign new agreements (2021 codes) and three re-sign (their old agreements
  end on 30.06.2021). Institutions (~600-760) join after their municipality's agreement; a few
  are reported a quarter late, a few close at the end of a school year. About 700 youth NGO
  projects start in ten competition rounds. Every entity keeps the ATVK code of the vintage in
  force on its joined date.
- pupil months (`IKVD_834_SKOL_YYYYQn`, 2017-Q3 to 2022-Q4): about 4 000 pupils at risk of early
  school leaving, each with an individual plan within one school year (September to May; no
  rows in the summer); about 10% get a new plan the next school year (same key). ~5% declare
  Roma ethnicity, and Roma pupils are far more often in special education programmes (the
  report: almost a third of Roma pupils). A few pupils change school to another municipality.
  Municipality codes follow the vintage in force in the reporting month.
- spending (`IKVD_834_IZD_YYYYQn`, 2017-Q1 to 2022-Q4): the quarter's expenditure by cost
  category, following the activity (pupil months, NGO projects, agreements), ~36-41 M EUR in
  all, ESF 85%.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from roma_monitor.contracts.ikvd import (
    IKVD_ENTITIES,
    IKVD_PUPIL_MONTHS,
    IKVD_SPENDING,
    SPECIALISTS,
    SUPPORT_TYPES,
)
from roma_monitor.reference import atvk_crosswalk
from roma_monitor.sample.common import (
    REFORM_DATE,
    code_in_force,
    codes_2009,
    draw_non_roma_ethnicity,
    draw_sex,
    export_encoding,
    format_date,
    format_month,
    months_between,
    municipality_names,
    old_codes_by_new,
    participant_key,
    quarter_end,
    quarter_label,
    quarter_of,
    quarter_start,
    region_of_2021,
    roma_share,
    write_extract,
)

FIRST_MONTH = date(2017, 1, 1)
FIRST_PUPIL_MONTH = date(2017, 9, 1)
LAST_MONTH = date(2022, 12, 1)
SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5)
# Plans starting per school month (relative): risk assessments in September, most plans from
# October; few plans start late in the school year.
ENTRY_WEIGHT = {9: 0.6, 10: 1.6, 11: 1.2, 12: 0.6, 1: 1.0, 2: 0.9, 3: 0.7, 4: 0.4, 5: 0.2}
PUPILS_PER_MONTH = 130  # new plans in a weight-1 month once all institutions are engaged

# Municipalities that sign first (Roma-heavy cities and Latgale novadi, ATVK 2009).
EARLY_SIGNERS = (
    "0010000",  # Rīga
    "0050000",  # Daugavpils
    "0090000",  # Jelgava
    "0170000",  # Liepāja
    "0210000",  # Rēzekne
    "0270000",  # Ventspils
    "0130000",  # Jūrmala
    "0440200",  # Daugavpils novads
    "0780200",  # Rēzeknes novads
    "0600202",  # Krāslavas novads
    "0680200",  # Ludzas novads
    "0900200",  # Tukuma novads
    "0880200",  # Talsu novads
)
OLD_AGREEMENTS = 92
NEW_AGREEMENTS = 5
RE_SIGNED = 3
# Institutions per pre-reform city (novadi: 3 to 8).
CITY_INSTITUTIONS = {
    "0010000": 70,
    "0050000": 24,
    "0170000": 14,
    "0090000": 12,
    "0130000": 8,
    "0270000": 8,
    "0210000": 8,
    "0110000": 6,
    "0250000": 6,
}
INSTITUTION_KINDS = {"vidusskola": 36, "pamatskola": 42, "speciālā": 7, "profesionālā": 15}
NGO_ROUNDS = (
    date(2017, 10, 1),
    date(2018, 3, 1),
    date(2018, 9, 1),
    date(2019, 2, 1),
    date(2019, 9, 1),
    date(2020, 2, 1),
    date(2020, 9, 1),
    date(2021, 2, 1),
    date(2021, 9, 1),
    date(2022, 2, 1),
)
NGO_TITLES = (
    "Skola ir mana vieta",
    "Kopā varam",
    "Mācies ar prieku",
    "Jaunieši jauniešiem",
    "Iesaisties!",
    "Soli pa solim",
    "Atrodi sevi",
    "Mēs – komanda",
    "Tava iespēja",
    "Neatmet ar roku",
)
NGO_KINDS = ("jauniešu centrs", "jauniešu iniciatīvu centrs", "jaunatnes klubs", "sporta klubs")
# Roma share among pupils at risk, by 2021 municipality / region (illustrative, ~5% overall).
ROMA_SHARE = {"0002000": 0.14, "LATGALE": 0.08, "0001000": 0.05, "0003000": 0.06, "other": 0.035}
# Total planned spending per cost category over the project (EUR, illustrative; ~38.5 M).
CATEGORY_TOTALS = {
    "atbalsts_skoleniem": 23_500_000,
    "pasvaldibu_projekti": 4_000_000,
    "nvo_projekti": 5_000_000,
    "metodika_un_uzskaite": 3_200_000,
    "administresana": 2_800_000,
}
ESF_RATE = 0.85


@dataclass
class Agreement:
    entity_id: str
    code: str  # ATVK code of the vintage in force on `joined`
    name: str
    joined: date
    ended: date | None = None


@dataclass
class Institution:
    entity_id: str
    old_code: str  # the pre-reform unit it lies in
    name: str
    kind: str
    joined: date
    listed_from: date  # first day of the first quarter whose snapshot lists it
    ended: date | None = None


@dataclass
class Project:
    entity_id: str
    old_code: str
    name: str
    joined: date
    ended: date


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def _stem(name: str) -> str:
    """The genitive a school or NGO name starts with: 'Ilūkstes novads' -> 'Ilūkstes',
    'Rīga' -> 'Rīgas', 'Daugavpils' -> 'Daugavpils'."""
    if name.endswith(" novads"):
        return name.removesuffix(" novads")
    return name + "s" if name[-1] in "ae" else name


def _municipality_entity_name(name: str, after_reform: bool) -> str:
    if name.endswith(" novads"):
        return f"{_stem(name)} novada pašvaldība"
    city = "valstspilsētas" if after_reform else "pilsētas"
    return f"{_stem(name)} {city} pašvaldība"


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _agreements(rng: random.Random) -> tuple[list[Agreement], dict[str, date]]:
    """Municipality agreements, and the date from which each old unit's territory is covered."""
    names = municipality_names()
    others = [c for c in codes_2009() if c not in EARLY_SIGNERS]
    signers = list(EARLY_SIGNERS) + rng.sample(others, OLD_AGREEMENTS - len(EARLY_SIGNERS))
    pending: list[tuple[date, str, str, bool]] = []  # (joined, code, name, after reform)
    for code in signers:
        if code in EARLY_SIGNERS:
            joined = _random_day(rng, date(2017, 3, 6), date(2017, 9, 29))
        else:
            year = rng.choices([2017, 2018, 2019, 2020, 2021], [55, 30, 9, 4, 2])[0]
            last = date(2021, 5, 31) if year == 2021 else date(year, 12, 20)
            joined = _random_day(rng, date(year, 3 if year == 2017 else 1, 6), last)
        pending.append((joined, code, names[code], False))
    covered = {code: joined for joined, code, _, _ in pending}

    by_new = old_codes_by_new()
    uncovered = sorted(new for new, olds in by_new.items() if any(o not in covered for o in olds))
    fully_covered = sorted(new for new, olds in by_new.items() if all(o in covered for o in olds))
    for new in rng.sample(uncovered, NEW_AGREEMENTS):
        joined = _random_day(rng, date(2021, 8, 2), date(2022, 4, 29))
        pending.append((joined, new, names[new], True))
        for old in by_new[new]:
            covered.setdefault(old, joined)
    re_signed = rng.sample(fully_covered, RE_SIGNED)
    for new in re_signed:
        pending.append(
            (_random_day(rng, date(2021, 7, 1), date(2021, 9, 30)), new, names[new], True)
        )

    agreements = [
        Agreement(f"PMP-P-{number:03d}", code, _municipality_entity_name(name, after), joined)
        for number, (joined, code, name, after) in enumerate(sorted(pending), start=1)
    ]
    ends_on_reform = {old for new in re_signed for old in by_new[new]}
    for agreement in agreements:
        if agreement.code in ends_on_reform:
            agreement.ended = REFORM_DATE - timedelta(days=1)
    return agreements, covered


def _institutions(rng: random.Random, covered: dict[str, date]) -> list[Institution]:
    names = municipality_names()
    pending = []
    for old, since in sorted(covered.items()):
        count = CITY_INSTITUTIONS.get(old, rng.randint(3, 8))
        numbers: dict[str, int] = {}
        for _ in range(count):
            joined = since + timedelta(days=7 + int(rng.expovariate(1 / 160)))
            if joined > date(2022, 9, 30):
                joined = _random_day(rng, since, date(2022, 9, 30))
            kind = rng.choices(list(INSTITUTION_KINDS), list(INSTITUTION_KINDS.values()))[0]
            numbers[kind] = numbers.get(kind, 0) + 1
            stem, number = _stem(names[old]), numbers[kind]
            name = {
                "vidusskola": f"{stem} {number}. vidusskola",
                "pamatskola": f"{stem} {number}. pamatskola",
                "speciālā": f"{stem} {number}. speciālā pamatskola",
                "profesionālā": f"{stem} {number}. profesionālā vidusskola",
            }[kind]
            pending.append((joined, old, name, kind))
    ids = rng.sample(range(1000, 10000), len(pending))
    institutions = []
    for index, (joined, old, name, kind) in enumerate(sorted(pending)):
        listed = quarter_start(joined)
        if rng.random() < 0.04 and listed < date(2022, 10, 1):
            listed = _add_months(listed, 3)  # reported a quarter late
        ended = None
        if rng.random() < 0.03 and joined < date(2021, 6, 1):
            ended = date(rng.randint(joined.year + 1, 2022), 8, 31)  # closed after a school year
        institutions.append(
            Institution(f"IZM-{ids[index]}", old, name, kind, joined, listed, ended)
        )
    return institutions


def _projects(rng: random.Random) -> list[Project]:
    names = municipality_names()
    old_codes = codes_2009()
    weights = [CITY_INSTITUTIONS.get(c, 3) for c in old_codes]
    pending = []
    for start in NGO_ROUNDS:
        for _ in range(max(40, int(rng.gauss(72, 8)))):
            joined = _random_day(rng, start, start + timedelta(days=45))
            ended = min(_add_months(joined, rng.randint(4, 10)), date(2022, 12, 30))
            old = rng.choices(old_codes, weights)[0]
            organisation = f"Biedrība „{_stem(names[old])} {rng.choice(NGO_KINDS)}”"
            title = rng.choice(NGO_TITLES)
            pending.append((joined, ended, old, f"{organisation}: projekts „{title}”"))
    return [
        Project(f"PMP-N-{number:04d}", old, name, joined, ended)
        for number, (joined, ended, old, name) in enumerate(sorted(pending), start=1)
    ]


def entity_rows_by_quarter(
    agreements: list[Agreement], institutions: list[Institution], projects: list[Project]
) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for first in months_between(FIRST_MONTH, LAST_MONTH)[::3]:
        end = quarter_end(first)
        label = quarter_label(quarter_of(first))

        def row(kind, entity_id, name, code, joined, ended, label=label, end=end):
            shown_end = format_date(ended) if ended and ended <= end else ""
            return [label, kind, entity_id, name, code, format_date(joined), shown_end]

        quarter_rows = [
            row("pašvaldība", a.entity_id, a.name, a.code, a.joined, a.ended)
            for a in agreements
            if a.joined <= end
        ]
        quarter_rows += [
            row(
                "iestāde",
                i.entity_id,
                i.name,
                code_in_force(i.old_code, i.joined),
                i.joined,
                i.ended,
            )
            for i in sorted(institutions, key=lambda i: i.entity_id)
            if i.listed_from <= first
        ]
        quarter_rows += [
            row(
                "projekts",
                p.entity_id,
                p.name,
                code_in_force(p.old_code, p.joined),
                p.joined,
                p.ended,
            )
            for p in projects
            if p.joined <= end
        ]
        rows[quarter_of(first)] = quarter_rows
    return rows


def _school_year_months(start: date) -> list[date]:
    """The support months from `start` to the end of its school year (May) or of the project."""
    months = []
    current = start
    while current <= LAST_MONTH and current.month in SCHOOL_MONTHS:
        months.append(current)
        current = _add_months(current, 1)
        if current.month == 6:
            break
    return months


def _grade_and_programme(rng: random.Random, kind: str, roma: bool) -> tuple[int | str, str]:
    if kind == "profesionālā":
        return rng.choices(["P1", "P2", "P3", "P4"], [40, 30, 20, 10])[0], "profesionālā"
    if kind == "vidusskola":
        grade = rng.choices(range(5, 13), [10, 12, 15, 18, 16, 10, 8, 6])[0]
    else:
        grade = rng.choices(range(5, 10), [10, 12, 15, 18, 16])[0]
    special = kind == "speciālā" or (grade <= 9 and rng.random() < (0.25 if roma else 0.04))
    return grade, "speciālā" if special else "vispārējā"


def _birth_year(rng: random.Random, school_year: int, grade: int | str) -> int:
    age = 15 + int(grade[1]) if isinstance(grade, str) else grade + 6
    return school_year - age - (1 if rng.random() < 0.25 else 0)


def _month_support(rng: random.Random, kind: str, programme: str, needy: bool) -> tuple[str, str]:
    chances = {"TRA": 0.35, "NAK": 0.25 if kind == "profesionālā" else 0.06, "EDI": 0.55}
    chances |= {"MAC": 0.3, "APG": 0.4 if needy else 0.0}
    types = [t for t in SUPPORT_TYPES if rng.random() < chances[t]]
    specialist_chances = {"PED": 0.4, "PSI": 0.3, "SPED": 0.35, "CIT": 0.05}
    specialist_chances["LOG"] = 0.25 if programme == "speciālā" else 0.06
    specialists = [s for s in SPECIALISTS if rng.random() < specialist_chances[s]]
    if not types and not specialists:
        specialists = ["PED"]
    return "|".join(types), "|".join(specialists)


def pupil_rows_by_quarter(
    rng: random.Random, institutions: list[Institution]
) -> dict[str, list[list[str]]]:
    months = [m for m in months_between(FIRST_PUPIL_MONTH, LAST_MONTH) if m.month in SCHOOL_MONTHS]
    rows: dict[str, list[list[str]]] = {}
    total_institutions = len(institutions)
    regions = region_of_2021()
    plans: list[tuple[int, date, Institution, bool]] = []  # (pupil, start, institution, repeat)
    people: dict[int, dict] = {}
    for month in months:
        active = [
            i
            for i in institutions
            if i.joined < month and i.listed_from <= month and (i.ended is None or i.ended > month)
        ]
        if not active:
            continue
        expected = PUPILS_PER_MONTH * ENTRY_WEIGHT[month.month] * len(active) / total_institutions
        weights = [8 if i.kind == "speciālā" else 1 for i in active]
        for _ in range(max(1, int(rng.gauss(expected, expected * 0.1)))):
            number = len(people)
            institution = rng.choice(active)
            new_code = atvk_crosswalk()[institution.old_code]
            roma = rng.random() < roma_share(ROMA_SHARE, new_code, regions)
            if roma and rng.random() < 0.3:  # Roma pupils more often at special schools
                institution = rng.choices(active, weights)[0]
            people[number] = {
                "ethnicity": "romu" if roma else draw_non_roma_ethnicity(rng, 72, 28),
                "sex": draw_sex(rng, male=56, female=44),
                "needy": rng.random() < (0.6 if roma else 0.3),
            }
            plans.append((number, month, institution, False))

    for number, start, institution, _ in list(plans):
        if rng.random() < 0.1:  # a new plan the next school year
            next_start = date(
                start.year + (1 if start.month >= 9 else 0), rng.choice([9, 10, 11]), 1
            )
            if next_start <= date(2022, 11, 1) and (
                institution.ended is None or institution.ended > next_start
            ):
                plans.append((number, next_start, institution, True))

    grades: dict[int, tuple[int | str, str, int]] = {}
    for number, start, institution, repeat in sorted(plans, key=lambda p: (p[1], p[0])):
        person = people[number]
        school_year = start.year if start.month >= 9 else start.year - 1
        if repeat and number in grades:
            grade, programme, birth = grades[number]
            if isinstance(grade, str):
                grade = f"P{min(4, int(grade[1]) + 1)}"
            else:
                grade = min(12 if institution.kind == "vidusskola" else 9, grade + 1)
        else:
            grade, programme = _grade_and_programme(
                rng, institution.kind, person["ethnicity"] == "romu"
            )
            birth = _birth_year(rng, school_year, grade)
        grades[number] = (grade, programme, birth)
        support_months = _school_year_months(start)[: rng.randint(2, 9)]
        plan_start = date(start.year, start.month, rng.randint(1, 20))
        assessed = plan_start - timedelta(days=rng.randint(3, 30))
        last = support_months[-1]
        plan_end = date(last.year, last.month, rng.randint(15, 28))
        if plan_end < plan_start:
            plan_end = plan_start
        moves_to = None
        if len(support_months) >= 3 and rng.random() < 0.03:
            elsewhere = [
                i
                for i in institutions
                if i.old_code != institution.old_code
                and i.kind == institution.kind
                and i.joined < start
                and i.listed_from <= start
                and (i.ended is None or i.ended > last)
            ]
            moves_to = rng.choice(elsewhere) if elsewhere else None
        for index, month in enumerate(support_months):
            at = moves_to if (moves_to and index >= 2) else institution
            types, specialists = _month_support(rng, at.kind, programme, person["needy"])
            rows.setdefault(quarter_of(month), []).append(
                [
                    format_month(month),
                    participant_key("ikvd", number),
                    at.entity_id,
                    code_in_force(at.old_code, month),
                    person["sex"],
                    str(birth),
                    str(grade),
                    programme,
                    person["ethnicity"],
                    "jā" if person["needy"] else "nē",
                    format_date(assessed),
                    format_date(plan_start),
                    format_date(plan_end) if month == last else "",
                    types,
                    specialists,
                ]
            )
    return {quarter: sorted(r) for quarter, r in sorted(rows.items())}


def spending_rows_by_quarter(
    rng: random.Random,
    pupil_rows: dict[str, list[list[str]]],
    agreements: list[Agreement],
    projects: list[Project],
) -> dict[str, list[list[str]]]:
    quarters = months_between(FIRST_MONTH, LAST_MONTH)[::3]
    activity: dict[str, list[float]] = {category: [] for category in CATEGORY_TOTALS}
    for first in quarters:
        end = quarter_end(first)
        activity["atbalsts_skoleniem"].append(len(pupil_rows.get(quarter_of(first), [])))
        activity["pasvaldibu_projekti"].append(
            sum(1 for a in agreements if a.joined <= end and (a.ended is None or a.ended >= first))
        )
        activity["nvo_projekti"].append(
            sum(1 for p in projects if p.joined <= end and p.ended >= first)
        )
        activity["metodika_un_uzskaite"].append(2.0 if first.year <= 2018 else 1.0)
        activity["administresana"].append(1.0)
    rows: dict[str, list[list[str]]] = {quarter_of(q): [] for q in quarters}
    for category, total in CATEGORY_TOTALS.items():
        weights = activity[category]
        for first, weight in zip(quarters, weights, strict=True):
            if weight <= 0:
                continue
            euros = total * weight / sum(weights) * rng.uniform(0.92, 1.08)
            cents = int(round(euros * 100))
            esf_cents = int(round(cents * ESF_RATE))
            label = quarter_label(quarter_of(first))
            rows[quarter_of(first)].append([label, category, _euros(cents), _euros(esf_cents)])
    return rows


def _euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def _encoding(quarter: str) -> str:
    """Q1 files of 2017-2019 come from IKVD's older export (Windows-1257); the rest UTF-8."""
    return export_encoding(quarter.endswith("Q1") and quarter[:4] <= "2019")


def ikvd_rows(seed: int) -> dict[str, dict[str, list[list[str]]]]:
    """Rows of every file by dataset and quarter (`YYYYQn`)."""
    rng = random.Random(seed)
    agreements, covered = _agreements(rng)
    institutions = _institutions(rng, covered)
    projects = _projects(rng)
    pupils = pupil_rows_by_quarter(rng, institutions)
    return {
        "entities": entity_rows_by_quarter(agreements, institutions, projects),
        "pupils": pupils,
        "spending": spending_rows_by_quarter(rng, pupils, agreements, projects),
    }


def write_ikvd_extracts(out_dir: Path, seed: int = 2017) -> list[Path]:
    """Write the three quarterly extracts: entities and spending 2017-Q1 to 2022-Q4, pupils
    2017-Q3 to 2022-Q4 (individual support started with the 2017/2018 school year)."""
    out = Path(out_dir)
    rows = ikvd_rows(seed)
    written = []
    for prefix, contract, key in (
        ("VIEN", IKVD_ENTITIES, "entities"),
        ("SKOL", IKVD_PUPIL_MONTHS, "pupils"),
        ("IZD", IKVD_SPENDING, "spending"),
    ):
        for quarter, quarter_rows in sorted(rows[key].items()):
            if quarter_rows:
                path = out / f"IKVD_834_{prefix}_{quarter}.csv"
                written.append(write_extract(path, contract, quarter_rows, _encoding(quarter)))
    return written
