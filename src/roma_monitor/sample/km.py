"""Deterministic, realistic sample extracts of the Ministry of Culture's Roma Platform records.

Three yearly files, 2017 to 2022 (18 files): workshops (`KM_PLATF_SEM_YYYY.csv`), mediators at the
end of the year (`KM_PLATF_MED_YYYY.csv`) and the dated status changes of the report's
recommendations (`KM_PLATF_IET_YYYY.csv`). Municipality codes follow the ATVK vintage in force on
each record's date: old (2009) codes before 1 July 2021, 2021 codes from then on.

What comes from the report (seeds/000_1490f145c76e2db4.txt, "Ievads") and what does not:
- The 2017 file holds exactly the report's four workshops "Romu ģimeņu sociālās situācijas
  uzlabošana vietējā līmenī": 17.02.2017 Valmiera (Valmiera, Rūjiena), 14.03.2017 Jelgava
  (Jelgava, Tukums, Jūrmala, Dobele), 19.04.2017 Daugavpils (Daugavpils, Malta, Krāslava, Viļaka,
  Ilūkste) and 16.05.2017 Ventspils (Ventspils, Talsi, Sabile). Malta is a parish of Rēzeknes
  novads and Sabile a town of Talsu novads (2009 classification), so they are represented by
  those novadi's codes; Ventspils therefore lists two codes for three places.
- The report names the kinds of participants (municipal staff, social services, NVA branches,
  educational institutions, Roma community members and mediators, NGOs and youth centres) but
  gives NO numbers: the 2017 participant counts are invented, plausible figures shaped by the
  report's descriptions (few education staff in Jelgava; the Roma NGOs "Nēvo Drom D" and "Māro"
  in Daugavpils; the most NGO and youth workers and the most active Roma in Ventspils).
- Workshops from 2018 to 2022, the mediators and every status change of the recommendations are
  invented. The recommendations are the seed's N01-N05 (national) and M01-M09 (municipal); the
  municipal ones are tracked for an illustrative regional expert network of 15 municipalities
  (the report says "eksperti no 15 Latvijas pašvaldībām" without naming them) plus the other 2017
  workshop municipalities (Rūjiena, Dobele, Rēzeknes novads, Ilūkste): 19 in all. M04 (Roma
  self-help structures where Roma exceed ~5 %) is "nav_attiecinams" except in four of them.
- After the reform Valmiera and Rūjienas novads are one municipality (Valmieras novads): its
  recommendation history continues under the 2021 code from the more advanced of the two.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from roma_monitor.contracts.km import (
    KM_MEDIATORS,
    KM_RECOMMENDATION_STATUS,
    KM_WORKSHOPS,
    RECOMMENDATION_CODES,
)
from roma_monitor.reference import atvk_crosswalk, reference_rows
from roma_monitor.sample.common import code_in_force, export_encoding, format_date, write_extract

YEARS = tuple(range(2017, 2023))
TOPIC_2017 = "Romu ģimeņu sociālās situācijas uzlabošana vietējā līmenī"
PARTICIPANT_COLUMNS = 6  # municipality, social_service, nva, education, roma_community, ngo


@dataclass(frozen=True)
class Workshop:
    workshop_id: str
    day: date
    city: str
    venue_2009: str
    represented_2009: tuple[str, ...]
    participants: tuple[int, int, int, int, int, int]
    topic: str


# The report's four workshops (participant counts are NOT in the report: see the module docstring).
WORKSHOPS_2017 = (
    Workshop(
        "2017-01",
        date(2017, 2, 17),
        "Valmiera",
        "0250000",
        ("0250000", "0961600"),
        (2, 4, 1, 5, 6, 0),
        TOPIC_2017,
    ),
    Workshop(
        "2017-02",
        date(2017, 3, 14),
        "Jelgava",
        "0090000",
        ("0090000", "0900200", "0130000", "0460200"),
        (3, 6, 1, 2, 5, 2),
        TOPIC_2017,
    ),
    Workshop(
        "2017-03",
        date(2017, 4, 19),
        "Daugavpils",
        "0050000",
        ("0050000", "0780200", "0600202", "0381600", "0440801"),
        (3, 5, 1, 4, 4, 3),
        TOPIC_2017,
    ),
    Workshop(
        "2017-04",
        date(2017, 5, 16),
        "Ventspils",
        "0270000",
        ("0270000", "0880200"),
        (3, 4, 1, 4, 9, 6),
        TOPIC_2017,
    ),
)

# Later workshops: (month, city, venue 2009 code, nearby municipalities that may send staff).
LATER_WORKSHOPS = {
    2018: (
        (3, "Rēzekne", "0210000", ("0780200", "0680200", "0760202")),
        (5, "Liepāja", "0170000", ("0620200", "0840200")),
        (9, "Jūrmala", "0130000", ("0010000", "0900200", "0801000")),
        (11, "Jēkabpils", "0110000", ("0560200", "0761201")),
    ),
    2019: (
        (4, "Tukums", "0900200", ("0880200", "0130000", "0905100")),
        (6, "Ludza", "0680200", ("0210000", "0780200", "0381600")),
        (10, "Rīga", "0010000", ("0130000", "0801000", "0801200", "0740202")),
    ),
    2020: (
        (2, "Kuldīga", "0620200", ("0170000", "0270000", "0840200")),
        (10, "Daugavpils", "0050000", ("0440200", "0440801", "0600202")),
    ),
    2021: (
        (4, "Jelgava", "0090000", ("0540200", "0460200", "0400200")),
        (9, "Valmiera", "0250000", ("0961600", "0420200", "0700200")),
        (11, "Talsi", "0880200", ("0270000", "0980200", "0900200")),
    ),
    2022: (
        (3, "Rīga", "0010000", ("0130000", "0801000", "0808400")),
        (5, "Krāslava", "0600202", ("0050000", "0440200", "0760202")),
        (9, "Ventspils", "0270000", ("0980200", "0880200", "0620200")),
        (11, "Balvi", "0380200", ("0381600", "0384400", "0387500", "0360200")),
    ),
}
LATER_TOPICS = {
    2018: "Romu bērnu iekļaujošā izglītība un mediatoru darbs skolās",
    2019: "Romu nodarbinātība: NVA un ESF atbalsta pasākumi",
    2020: "Sociālā darba metodes darbā ar romu ģimenēm",
    2021: "Romu jaunieši (NEET) un ielu sociālais darbs",
    2022: "Ieteikumu īstenošana pašvaldībās: pieredzes apmaiņa",
}

# Mediators at the end of the year: (2009 code, first year, last year, count, funded by).
MEDIATOR_POSTS = (
    ("0250000", 2017, 2022, 1, "pašvaldība"),  # Valmiera: the report quotes its Roma mediator
    ("0961600", 2018, 2022, 1, "projekts"),  # Rūjiena: part of Valmieras novads from 2021
    ("0090000", 2017, 2018, 1, "projekts"),  # Jelgava
    ("0090000", 2019, 2022, 1, "pašvaldība"),
    ("0130000", 2019, 2022, 1, "pašvaldība"),  # Jūrmala: "mediators dienas centrā ir vajadzīgs"
    ("0050000", 2017, 2022, 2, "pašvaldība"),  # Daugavpils
    ("0050000", 2019, 2022, 1, "projekts"),
    ("0010000", 2017, 2022, 2, "projekts"),  # Rīga
    ("0010000", 2020, 2022, 1, "pašvaldība"),
    ("0270000", 2017, 2019, 1, "projekts"),  # Ventspils
    ("0270000", 2020, 2022, 1, "pašvaldība"),
    ("0900200", 2018, 2022, 1, "cits"),  # Tukums: an NGO's mediator
    ("0880200", 2019, 2022, 1, "projekts"),  # Talsi / Sabile
    ("0600202", 2018, 2022, 1, "pašvaldība"),  # Krāslava
    ("0210000", 2017, 2022, 1, "projekts"),  # Rēzekne
    ("0680200", 2020, 2022, 1, "pašvaldība"),  # Ludza
    ("0170000", 2018, 2022, 1, "projekts"),  # Liepāja
)

# The illustrative regional expert network (15) and the other 2017 workshop municipalities (4).
EXPERT_NETWORK_2009 = (
    "0010000",  # Rīga
    "0050000",  # Daugavpils
    "0090000",  # Jelgava
    "0110000",  # Jēkabpils
    "0130000",  # Jūrmala
    "0170000",  # Liepāja
    "0210000",  # Rēzekne
    "0250000",  # Valmiera
    "0270000",  # Ventspils
    "0900200",  # Tukuma novads
    "0880200",  # Talsu novads
    "0680200",  # Ludzas novads
    "0600202",  # Krāslavas novads
    "0381600",  # Viļakas novads
    "0620200",  # Kuldīgas novads
)
OTHER_WORKSHOP_MUNICIPALITIES_2009 = ("0961600", "0460200", "0780200", "0440801")
TRACKED_MUNICIPALITIES_2009 = EXPERT_NETWORK_2009 + OTHER_WORKSHOP_MUNICIPALITIES_2009
M04_APPLIES = ("0880200", "0900200", "0381600", "0270000")  # Roma a significant share

PROGRESSION = ("nav_uzsakts", "planots", "uzsakts", "istenots")
# National recommendations: (status, year) steps; the day varies with the seed.
NATIONAL_HISTORY = {
    "N01": (("nav_uzsakts", 2017), ("planots", 2019), ("uzsakts", 2021)),
    "N02": (("planots", 2017), ("uzsakts", 2018), ("istenots", 2022)),
    "N03": (("uzsakts", 2017), ("istenots", 2019)),
    "N04": (("nav_uzsakts", 2017), ("planots", 2020), ("uzsakts", 2022)),
    "N05": (("nav_uzsakts", 2017), ("planots", 2019), ("nav_uzsakts", 2020)),
}
NATIONAL_NOTES = {
    ("N01", "planots"): "Jautājums iekļauts sarunās ar augstskolām",
    ("N02", "uzsakts"): "Romu sievietes iekļautas NVA atbalsta pasākumu mērķa grupā",
    ("N03", "istenots"): "Informācija par ziņošanu Tiesībsargam izplatīta romu kopienā",
    ("N05", "nav_uzsakts"): "LIAA programma atlikta",
}
MUNICIPAL_NOTES = {
    ("M01", "uzsakts"): "Pašvaldība nodarbina romu mediatoru",
    ("M01", "istenots"): "Mediatoru atbalstīti pakalpojumi iekļauti sociālā dienesta darbā",
    ("M06", "uzsakts"): "Sociālie darbinieki apgūst ģimenes grupu konferences metodi",
    ("M08", "istenots"): "Vieglās valodas kursi noslēgušies",
    ("M09", "planots"): "Telpas atbalsta centram meklē pašvaldība",
}


def _region_by_code() -> dict[str, str]:
    regions = {r["atvk_2009"]: r["planning_region_code_2009"] for r in reference_rows("atvk_2009")}
    regions.update({r["atvk_2021"]: r["planning_region_code"] for r in reference_rows("atvk_2021")})
    return regions


def _day_in_month(rng: random.Random, year: int, month: int) -> date:
    return date(year, month, rng.randint(1, 28))


def _later_workshops(rng: random.Random) -> list[Workshop]:
    workshops = []
    for year, plan in LATER_WORKSHOPS.items():
        for number, (month, city, venue, nearby) in enumerate(plan, start=1):
            others = rng.sample(nearby, rng.randint(1, len(nearby)))
            roma = rng.randint(3, 10)
            workshops.append(
                Workshop(
                    f"{year}-{number:02d}",
                    _day_in_month(rng, year, month),
                    city,
                    venue,
                    (venue, *sorted(others)),
                    (
                        rng.randint(1, 4),
                        rng.randint(2, 7),
                        rng.randint(0, 2),
                        rng.randint(1, 6),
                        roma,
                        rng.randint(0, 4),
                    ),
                    LATER_TOPICS[year],
                )
            )
    return workshops


def workshop_rows_by_year(seed: int) -> dict[int, list[list[str]]]:
    rng = random.Random(seed)
    regions = _region_by_code()
    rows: dict[int, list[list[str]]] = {year: [] for year in YEARS}
    for workshop in (*WORKSHOPS_2017, *_later_workshops(rng)):
        venue = code_in_force(workshop.venue_2009, workshop.day)
        represented = list(
            dict.fromkeys(code_in_force(c, workshop.day) for c in workshop.represented_2009)
        )
        rows[workshop.day.year].append(
            [
                format_date(workshop.day),
                workshop.workshop_id,
                workshop.city,
                regions[venue],
                venue,
                "|".join(represented),
                *(str(n) for n in workshop.participants),
                workshop.topic,
            ]
        )
    return rows


def mediator_rows_by_year(seed: int) -> dict[int, list[list[str]]]:
    rng = random.Random(seed + 1)
    rows: dict[int, list[list[str]]] = {}
    for year in YEARS:
        day = date(year, 12, 31)
        counts: dict[tuple[str, str], int] = {}
        for code_2009, first, last, count, funded_by in MEDIATOR_POSTS:
            if first <= year <= last:
                extra = 1 if funded_by == "projekts" and rng.random() < 0.25 else 0
                key = (code_in_force(code_2009, day), funded_by)
                counts[key] = counts.get(key, 0) + count + extra
        rows[year] = [
            [format_date(day), code, str(n), funded_by]
            for (code, funded_by), n in sorted(counts.items())
        ]
    return rows


def _status_day(rng: random.Random, year: int, first_half: bool | None = None) -> date:
    if year == 2017:  # the recommendations date from the report (after the May workshop)
        return date(2017, rng.randint(9, 12), rng.randint(1, 28))
    if first_half is True:
        return date(year, rng.randint(2, 6), rng.randint(1, 28))
    if first_half is False:
        return date(year, rng.randint(7, 11), rng.randint(1, 28))
    return date(year, rng.randint(2, 11), rng.randint(1, 28))


def _next_status(status: str) -> str:
    return PROGRESSION[min(PROGRESSION.index(status) + 1, len(PROGRESSION) - 1)]


def _municipal_changes(rng: random.Random) -> list[tuple[date, str, str, str]]:
    """(day, recommendation, ATVK code in force, status) for every municipal status change."""
    municipal = [c for c in RECOMMENDATION_CODES if c.startswith("M")]
    state: dict[tuple[str, str], str] = {}
    changes: list[tuple[date, str, str, str]] = []

    def change(day: date, rec: str, code: str, status: str) -> None:
        state[(rec, code)] = status
        changes.append((day, rec, code, status))

    for code in TRACKED_MUNICIPALITIES_2009:
        for rec in municipal:
            if rec == "M04" and code not in M04_APPLIES:
                status = "nav_attiecinams"
            elif rec == "M01" and code in {p[0] for p in MEDIATOR_POSTS if p[1] == 2017}:
                status = "uzsakts"  # a mediator already works there
            else:
                status = rng.choices(PROGRESSION[:3], [6, 3, 1])[0]
            change(_status_day(rng, 2017), rec, code, status)

    def advance(year: int, probability: float, first_half: bool | None) -> None:
        for (rec, code), status in sorted(state.items()):
            if status in ("istenots", "nav_attiecinams") or rng.random() >= probability:
                continue
            # now and then a recommendation stops applying (e.g. the Roma families moved away)
            new_status = "nav_attiecinams" if rng.random() < 0.03 else _next_status(status)
            change(_status_day(rng, year, first_half), rec, code, new_status)

    for year in (2018, 2019, 2020):
        advance(year, 0.35, None)
    advance(2021, 0.2, True)
    # The reform: merged municipalities continue with the most advanced predecessor's status.
    ranks = ("nav_attiecinams", *PROGRESSION)
    merged: dict[tuple[str, str], str] = {}
    for (rec, code), status in sorted(state.items()):
        key = (rec, atvk_crosswalk()[code])
        if key not in merged or ranks.index(status) > ranks.index(merged[key]):
            merged[key] = status
    state.clear()
    state.update(merged)
    advance(2021, 0.2, False)
    advance(2022, 0.35, None)
    return changes


def recommendation_rows_by_year(seed: int) -> dict[int, list[list[str]]]:
    rng = random.Random(seed + 2)
    rows: dict[int, list[list[str]]] = {year: [] for year in YEARS}
    national = []
    for rec, steps in NATIONAL_HISTORY.items():
        for status, year in steps:
            national.append((_status_day(rng, year), rec, "", status))
    for day, rec, code, status in sorted(national + _municipal_changes(rng)):
        note = (NATIONAL_NOTES if rec.startswith("N") else MUNICIPAL_NOTES).get((rec, status), "")
        if note and rng.random() < 0.4:
            note = ""  # notes are optional and often left empty
        rows[day.year].append([format_date(day), rec, code, status, note])
    return rows


def _encoding(year: int, offset: int) -> str:
    return export_encoding((year + offset) % 3 == 0)


def write_km_extracts(out_dir: Path, seed: int = 2017) -> list[Path]:
    """Write the 18 yearly files (three datasets, 2017-2022). Most are UTF-8 with BOM; some are
    Windows-1257."""
    out = Path(out_dir)
    paths = []
    for offset, (prefix, contract, rows_by_year) in enumerate(
        (
            ("SEM", KM_WORKSHOPS, workshop_rows_by_year(seed)),
            ("MED", KM_MEDIATORS, mediator_rows_by_year(seed)),
            ("IET", KM_RECOMMENDATION_STATUS, recommendation_rows_by_year(seed)),
        )
    ):
        for year in YEARS:
            paths.append(
                write_extract(
                    out / f"KM_PLATF_{prefix}_{year}.csv",
                    contract,
                    rows_by_year[year],
                    _encoding(year, offset),
                )
            )
    return paths


__all__ = ["write_km_extracts"]
