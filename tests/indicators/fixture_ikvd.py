"""Hand-made IKVD 8.3.4 (PuMPuRS) extracts, loaded in this order:

1-6. IKVD_834_VIEN_2017Q2, 2017Q3, 2017Q4, 2018Q1, 2021Q3, 2021Q4   register snapshots
7.   IKVD_834_SKOL_2017Q4.csv   pupils, October-December 2017 (ATVK 2009)
8.   IKVD_834_SKOL_2018Q1.csv   pupils, first version of 2018 Q1 (cp1257)
9.   IKVD_834_SKOL_2021Q3.csv   pupils, September 2021 (ATVK 2021)
10.  IKVD_834_SKOL_2021Q4.csv   pupils, October-December 2021
11.  IKVD_834_SKOL_2018Q1.csv   corrected 2018 Q1, resent: supersedes file 8 entirely
12.  IKVD_834_IZD_2017Q4.csv    spending
13.  IKVD_834_IZD_2018Q1.csv    spending, first version
14.  IKVD_834_IZD_2021Q4.csv    spending
15.  IKVD_834_IZD_2018Q1.csv    corrected 2018 Q1 spending, resent: supersedes file 13

Register (a snapshot lists every entity joined by the end of its quarter; "listed" is the first
snapshot that lists it; codes as registered, in the vintage in force on the joined date):

| id | type | municipality | joined | ended | listed |
|---|---|---|---|---|---|
| PMP-P-001 | agreement | Daugavpils city 0050000 | 10.04.2017 | 30.06.2021 | 2017Q2 |
| PMP-P-002 | agreement | Rēzeknes novads 0780200 | 04.07.2017 | | 2017Q3 |
| PMP-P-003 | agreement | Viļānu novads 0781800 | 02.10.2017 | | 2017Q4 |
| PMP-P-004 | agreement | Ilūkstes novads 0440801 | 15.02.2018 | | 2018Q1 |
| PMP-P-005 | agreement | Daugavpils 0002000 (re-signed) | 15.09.2021 | | 2021Q3 |
| PMP-P-006 | agreement | Augšdaugavas novads 0022000 | 05.10.2021 | | 2021Q4 |
| IZM-1001 | institution | Daugavpils 0050000 | 15.05.2017 | | 2017Q2 |
| IZM-1002 | institution | Rēzeknes novads 0780200 | 10.08.2017 | | 2017Q3 |
| IZM-1003 | institution | Daugavpils 0050000 | 28.06.2021 | | 2021Q3 (late) |
| IZM-1004 | institution | Augšdaugavas novads 0022000 | 02.11.2021 | | 2021Q4 |
| PMP-N-0001 | NGO project | Daugavpils 0050000 | 06.11.2017 | 30.04.2018 | 2017Q4 |
| PMP-N-0002 | NGO project | Rēzeknes novads 0780200 | 20.12.2017 | 31.05.2018 | 2018Q1 (late) |
| PMP-N-0009 | NGO project | Daugavpils 0050000 | 10.03.2018 | | 2018Q1 only (error) |
| PMP-N-0003 | NGO project | Daugavpils 0002000 | 10.08.2021 | | 2021Q3 |

2021 municipalities: Viļānu and Rēzeknes novads merged into Rēzeknes novads 0043000; Ilūkstes and
Daugavpils novads (0440200, no agreement of its own) into Augšdaugavas novads 0022000, whose
agreement P-006 covers both; Daugavpils city is 0002000 (P-001 re-signed as P-005).

Pupils (each month's municipality is the school's, in the vintage in force in the month):

| pupil | sex | born | ethnicity | needy | plan: programme, grade, months, school |
|---|---|---|---|---|---|
| K1 | V | 2006 | romu | jā | general 5, 2017-10..12 IZM-1001, ends 20.12.2017; |
|    |   |      |      |    | new plan: general 9, 2021-09..10 IZM-1003, ends 29.10.2021 |
| K2 | S | 2005 | romu | jā | special 6, 2017-11..12 IZM-1002 (Rēzeknes novads); moves: |
|    |   |      |      |    | 2018-01..03 IZM-1001 (Daugavpils) |
| K3 | V | 2004 | nav norādīta | nē | general 7, 2017-12..2018-02 IZM-1001, ends 23.02.2018 |
| K4 | S | 2003 | cita | nē | general 8, 2018-02 IZM-1001: only in the first 2018 Q1 file |
| K5 | V | 2002 | romu | nē | general 9, 2018-03 IZM-1002: only in the corrected 2018 Q1 file |
| K6 | S | 2009 | romu | jā | general 6, 2021-09..11 IZM-1003 (Daugavpils 0002000) |
| K7 | V | 2005 | cita | nē | vocational P1, 2021-11..12 IZM-1004 (Augšdaugavas novads) |
| K8 | S | 2008 | romu | jā | special 7, 2021-12 IZM-1004 |

Entry-month support: K1 EDI|MAC + SPED; K2 EDI|APG + LOG; K3 TRA; K5 EDI + SPED; K6 EDI|APG;
K7 NAK|EDI; K8 APG + LOG|SPED.

Spending (total / ESF, EUR): 2017Q4 atbalsts_skoleniem 1000,00/850,00, administresana
200,00/170,00. 2018Q1 first version: atbalsts_skoleniem 3000,00/2550,00, nvo_projekti
400,00/340,00, administresana 250,00/212,50; corrected: atbalsts_skoleniem 3200,50/2720,43,
administresana 250,00/212,50 (nvo_projekti booked in error, removed). 2021Q4: atbalsts_skoleniem
5000,00/4250,00, pasvaldibu_projekti 1500,00/1275,00, metodika_un_uzskaite 800,00/680,00.

Hand counts (cumulative, country; the IKVD series runs 2017-03 to 2021-12):
- PUPILS: 2017-09 0, 10 1 (K1), 11 2 (K2), 12 3 (K3), 2018-02 3 (K4 superseded), 03 4 (K5),
  2021-09 5 (K6; K1's new plan does not count), 11 6 (K7), 12 7 (K8). Roma at entry: 2018-03 3,
  2021-09 4 (both published as suppressed), 2021-12 5 (K1 K2 K5 K6 K8). Coverage at 2021-12: 6 of
  7 (K3 not stated). Municipality at 2021-12: Daugavpils 0002000 3 (K1 K3 K6), Rēzeknes novads
  0043000 2 (K2 counted where she entered, K5), Augšdaugava 0022000 2; LATGALE 7. Sex: male 4,
  female 3. Education: isced_0_2 6, isced_3_4 1 (K7). Categories: EDI 5, APG 3, SPED 3, LOG 2,
  TRA 1, MAC 1, NAK 1, PED none (K3's PED came after entry).
- INSTITUTIONS: 2017-06 1, 09 2, 2021-06 2 (IZM-1003 is not listed before 2021 Q3), 09 3, 12 4.
  At 2021-12: 0002000 2, 0043000 1, 0022000 1.
- MUNICIPALITIES_2009: 2017-06 1, 09 2, 12 3 (Rēzeknes and Viļānu novads: two old units of one
  2021 municipality), 2018-03 4, 2021-09 4 (P-005 re-signs Daugavpils: no change), 12 5 (+
  Daugavpils novads via P-006). At 2021-12: 0002000 1, 0043000 2, 0022000 2.
- MUNICIPALITIES_2021: 2017-06 1, 09 2, 12 2, 2018-03 3, 2021-12 3.
- NGO_PROJECTS: 2017-09 0, 12 2 (PMP-N-0002 counts in its start quarter), 2018-03 2
  (PMP-N-0009 is in no later snapshot), 2021-09 3.
- SPENDING_TOTAL_EUR: 2017-12 1200,00; 2018-03 4650,50; 2021-12 11950,50; atbalsts_skoleniem at
  2021-12 9200,50; nvo_projekti none. SPENDING_ESF_EUR: 2017-12 1020,00; 2018-03 3952,93; 2021-12
  10157,93.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from roma_monitor.contracts.ikvd import IKVD_ENTITIES, IKVD_PUPIL_MONTHS, IKVD_SPENDING
from roma_monitor.sample.common import code_in_force, participant_key, write_extract

SOURCE = "ikvd"

# id: (type, name, municipality code as registered, joined)
ENTITIES = {
    "PMP-P-001": ("pašvaldība", "Daugavpils pilsētas pašvaldība", "0050000", "10.04.2017"),
    "PMP-P-002": ("pašvaldība", "Rēzeknes novada pašvaldība", "0780200", "04.07.2017"),
    "PMP-P-003": ("pašvaldība", "Viļānu novada pašvaldība", "0781800", "02.10.2017"),
    "PMP-P-004": ("pašvaldība", "Ilūkstes novada pašvaldība", "0440801", "15.02.2018"),
    "PMP-P-005": ("pašvaldība", "Daugavpils valstspilsētas pašvaldība", "0002000", "15.09.2021"),
    "PMP-P-006": ("pašvaldība", "Augšdaugavas novada pašvaldība", "0022000", "05.10.2021"),
    "IZM-1001": ("iestāde", "Daugavpils Parauga vidusskola", "0050000", "15.05.2017"),
    "IZM-1002": ("iestāde", "Rēzeknes novada Parauga vidusskola", "0780200", "10.08.2017"),
    "IZM-1003": ("iestāde", "Daugavpils Otrā parauga pamatskola", "0050000", "28.06.2021"),
    "IZM-1004": ("iestāde", "Augšdaugavas novada Parauga tehnikums", "0022000", "02.11.2021"),
    "PMP-N-0001": (
        "projekts",
        "Biedrība „Parauga jaunieši”: „Kopā varam”",
        "0050000",
        "06.11.2017",
    ),
    "PMP-N-0002": ("projekts", "Biedrība „Rēzeknes klubs”: „Iesaisties!”", "0780200", "20.12.2017"),
    "PMP-N-0009": ("projekts", "Biedrība „Kļūda”: „Atrodi sevi”", "0050000", "10.03.2018"),
    "PMP-N-0003": (
        "projekts",
        "Biedrība „Parauga jaunieši”: „Skola ir mana”",
        "0002000",
        "10.08.2021",
    ),
}
ENDED = {"PMP-P-001": "30.06.2021", "PMP-N-0001": "30.04.2018", "PMP-N-0002": "31.05.2018"}
# The entities each snapshot lists, in addition to those of the previous snapshot.
NEW_IN_SNAPSHOT = {
    "2017Q2": ["PMP-P-001", "IZM-1001"],
    "2017Q3": ["PMP-P-002", "IZM-1002"],
    "2017Q4": ["PMP-P-003", "PMP-N-0001"],
    "2018Q1": ["PMP-P-004", "PMP-N-0002", "PMP-N-0009"],
    "2021Q3": ["PMP-P-005", "IZM-1003", "PMP-N-0003"],
    "2021Q4": ["PMP-P-006", "IZM-1004"],
}
QUARTER_ENDS = {
    "2017Q2": "30.06.2017",
    "2017Q3": "30.09.2017",
    "2017Q4": "31.12.2017",
    "2018Q1": "31.03.2018",
    "2021Q3": "30.09.2021",
    "2021Q4": "31.12.2021",
}
ERRORS = {"PMP-N-0009": "2018Q1"}  # listed only in this snapshot

# pupil: (sex, birth year, ethnicity, needy family)
PUPILS = {
    "K1": ("V", 2006, "romu", "jā"),
    "K2": ("S", 2005, "romu", "jā"),
    "K3": ("V", 2004, "nav norādīta", "nē"),
    "K4": ("S", 2003, "cita", "nē"),
    "K5": ("V", 2002, "romu", "nē"),
    "K6": ("S", 2009, "romu", "jā"),
    "K7": ("V", 2005, "cita", "nē"),
    "K8": ("S", 2008, "romu", "jā"),
}
# plan: (pupil, risk assessment, plan start, grade, programme)
PLANS = {
    "K1a": ("K1", "02.10.2017", "09.10.2017", "5", "vispārējā"),
    "K1b": ("K1", "06.09.2021", "13.09.2021", "9", "vispārējā"),
    "K2": ("K2", "30.10.2017", "06.11.2017", "6", "speciālā"),
    "K3": ("K3", "27.11.2017", "04.12.2017", "7", "vispārējā"),
    "K4": ("K4", "01.02.2018", "05.02.2018", "8", "vispārējā"),
    "K5": ("K5", "26.02.2018", "05.03.2018", "9", "vispārējā"),
    "K6": ("K6", "01.09.2021", "08.09.2021", "6", "vispārējā"),
    "K7": ("K7", "08.11.2021", "15.11.2021", "P1", "profesionālā"),
    "K8": ("K8", "29.11.2021", "06.12.2021", "7", "speciālā"),
}
# school: the pre-reform municipality it lies in (its code in force in the month is sent)
SCHOOLS = {
    "IZM-1001": "0050000",
    "IZM-1002": "0780200",
    "IZM-1003": "0050000",
    "IZM-1004": "0440200",
}


def key(pupil: str) -> str:
    return participant_key("ikvd-fixture", int(pupil[1:]))


def _snapshot(quarter: str) -> list[list[str]]:
    quarters = list(NEW_IN_SNAPSHOT)
    listed = [
        entity
        for q in quarters[: quarters.index(quarter) + 1]
        for entity in NEW_IN_SNAPSHOT[q]
        if ERRORS.get(entity, quarter) == quarter
    ]
    day, month, year = QUARTER_ENDS[quarter].split(".")
    end = (year, month, day)
    rows = []
    for entity in listed:
        kind, name, code, joined = ENTITIES[entity]
        ended = ENDED.get(entity, "")
        if ended and tuple(reversed(ended.split("."))) > end:
            ended = ""
        rows.append([f"{quarter[:4]}-{quarter[4:]}", kind, entity, name, code, joined, ended])
    return rows


def _pupil(
    month: str, plan: str, school: str, support: str, specialists: str = "", plan_end: str = ""
) -> list[str]:
    pupil, assessed, start, grade, programme = PLANS[plan]
    sex, born, ethnicity, needy = PUPILS[pupil]
    code = code_in_force(SCHOOLS[school], date(int(month[:4]), int(month[5:]), 1))
    return [
        month,
        key(pupil),
        school,
        code,
        sex,
        str(born),
        grade,
        programme,
        ethnicity,
        needy,
        assessed,
        start,
        plan_end,
        support,
        specialists,
    ]


def _pupils_2017q4() -> list[list[str]]:
    return [
        _pupil("2017-10", "K1a", "IZM-1001", "EDI|MAC", "SPED"),
        _pupil("2017-11", "K1a", "IZM-1001", "EDI"),
        _pupil("2017-12", "K1a", "IZM-1001", "EDI", "SPED", "20.12.2017"),
        _pupil("2017-11", "K2", "IZM-1002", "EDI|APG", "LOG"),
        _pupil("2017-12", "K2", "IZM-1002", "APG", "LOG"),
        _pupil("2017-12", "K3", "IZM-1001", "TRA"),
    ]


def _pupils_2018q1(corrected: bool) -> list[list[str]]:
    rows = [
        _pupil("2018-01", "K2", "IZM-1001", "TRA|EDI", "LOG"),
        _pupil("2018-02", "K2", "IZM-1001", "TRA|EDI"),
        _pupil("2018-03", "K2", "IZM-1001", "TRA", "LOG"),
        _pupil("2018-01", "K3", "IZM-1001", "TRA", "PED"),
        _pupil("2018-02", "K3", "IZM-1001", "TRA", "", "23.02.2018"),
    ]
    if corrected:
        rows.append(_pupil("2018-03", "K5", "IZM-1002", "EDI", "SPED"))
    else:
        rows.append(_pupil("2018-02", "K4", "IZM-1001", "MAC"))
    return rows


def _pupils_2021q3() -> list[list[str]]:
    return [
        _pupil("2021-09", "K1b", "IZM-1003", "EDI", "PSI"),
        _pupil("2021-09", "K6", "IZM-1003", "EDI|APG"),
    ]


def _pupils_2021q4() -> list[list[str]]:
    return [
        _pupil("2021-10", "K1b", "IZM-1003", "EDI", "PSI", "29.10.2021"),
        _pupil("2021-10", "K6", "IZM-1003", "EDI"),
        _pupil("2021-11", "K6", "IZM-1003", "EDI", "PED"),
        _pupil("2021-11", "K7", "IZM-1004", "NAK|EDI"),
        _pupil("2021-12", "K7", "IZM-1004", "NAK|EDI"),
        _pupil("2021-12", "K8", "IZM-1004", "APG", "LOG|SPED"),
    ]


SPENDING = {
    "2017Q4": [
        ["2017-Q4", "atbalsts_skoleniem", "1000,00", "850,00"],
        ["2017-Q4", "administresana", "200,00", "170,00"],
    ],
    "2018Q1 first": [
        ["2018-Q1", "atbalsts_skoleniem", "3000,00", "2550,00"],
        ["2018-Q1", "nvo_projekti", "400,00", "340,00"],
        ["2018-Q1", "administresana", "250,00", "212,50"],
    ],
    "2018Q1 corrected": [
        ["2018-Q1", "atbalsts_skoleniem", "3200,50", "2720,43"],
        ["2018-Q1", "administresana", "250,00", "212,50"],
    ],
    "2021Q4": [
        ["2021-Q4", "atbalsts_skoleniem", "5000,00", "4250,00"],
        ["2021-Q4", "pasvaldibu_projekti", "1500,00", "1275,00"],
        ["2021-Q4", "metodika_un_uzskaite", "800,00", "680,00"],
    ],
}


def write_extracts(folder: Path) -> list[Path]:
    folder = Path(folder)
    first, resent = folder / "first", folder / "resent"
    files = [
        write_extract(first / f"IKVD_834_VIEN_{quarter}.csv", IKVD_ENTITIES, _snapshot(quarter))
        for quarter in NEW_IN_SNAPSHOT
    ]
    files += [
        write_extract(first / "IKVD_834_SKOL_2017Q4.csv", IKVD_PUPIL_MONTHS, _pupils_2017q4()),
        write_extract(
            first / "IKVD_834_SKOL_2018Q1.csv",
            IKVD_PUPIL_MONTHS,
            _pupils_2018q1(corrected=False),
            "cp1257",
        ),
        write_extract(first / "IKVD_834_SKOL_2021Q3.csv", IKVD_PUPIL_MONTHS, _pupils_2021q3()),
        write_extract(first / "IKVD_834_SKOL_2021Q4.csv", IKVD_PUPIL_MONTHS, _pupils_2021q4()),
        write_extract(
            resent / "IKVD_834_SKOL_2018Q1.csv", IKVD_PUPIL_MONTHS, _pupils_2018q1(corrected=True)
        ),
        write_extract(first / "IKVD_834_IZD_2017Q4.csv", IKVD_SPENDING, SPENDING["2017Q4"]),
        write_extract(first / "IKVD_834_IZD_2018Q1.csv", IKVD_SPENDING, SPENDING["2018Q1 first"]),
        write_extract(first / "IKVD_834_IZD_2021Q4.csv", IKVD_SPENDING, SPENDING["2021Q4"]),
        write_extract(
            resent / "IKVD_834_IZD_2018Q1.csv", IKVD_SPENDING, SPENDING["2018Q1 corrected"]
        ),
    ]
    return files
