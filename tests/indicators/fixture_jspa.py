"""Hand-made JSPA 8.3.3 "PROTI un DARI!" extracts (NEET youth), loaded in this order:

1. JSPA_833_DAL_2021Q1.csv   2021 Q1 (January-March 2021, ATVK 2009 codes)
2. JSPA_833_DAL_2021Q2.csv   first version of 2021 Q2 (April-June 2021, ATVK 2009 codes)
3. JSPA_833_DAL_2021Q3.csv   2021 Q3 (July-September 2021, ATVK 2021 codes; Windows-1257)
4. JSPA_833_DAL_2021Q4.csv   2021 Q4 (October-December 2021, ATVK 2021 codes)
5. JSPA_833_REZ_2021Q4.csv   six-month follow-ups due in 2021 Q4
6. JSPA_833_DAL_2021Q2.csv   corrected 2021 Q2, resent: supersedes file 2 entirely

The youths (characteristics as in every row; C declares Roma ethnicity only from July):

| youth | sex | born | educ. | ethnicity at entry | municipality (code in the rows) |
|---|---|---|---|---|---|
| A | V | 2000 | 2 | romu | Daugavpils 0050000 |
| B | S | 1996 | 3 | cita | Rīga 0010000 (05); moves: Jelgava 0090000 (06), 0003000 (07-09) |
| C | V | 1999 | nav zināms | nav norādīta (romu 07-) | Liepāja 0170000 (01-06), 0005000 (07-) |
| D | S | 2003 | 1 | romu | Ventspils 0270000 |
| E | V | 1992 | 5 | cita | Valmieras novads 0054000 |
| F | V | 2004 | 2 | romu | Daugavpils 0002000 |
| H | S | 1994 | 4 | nav norādīta | Jelgava 0090000 |

Their individual programmes, after the correction:

| programme | start – end | status | outcome on leaving |
|---|---|---|---|
| A | 01.04.2021 – 30.06.2021 | pabeigta | izglītībā |
| B | 10.05.2021 – 09.09.2021 | pabeigta | nodarbināts |
| C | 11.01.2021 – 25.10.2021 (planned 10.10.2021 until then) | pabeigta | meklē darbu |
| D | 03.02.2021 – 02.05.2021 | pabeigta | NVO/jauniešu centrā |
| E | 06.09.2021 – (planned 05.03.2022) | turpinās | – |
| F1 | 12.07.2021 – 30.07.2021 | pārtraukta | neaktīvs |
| F2 | 04.10.2021 – (planned 03.04.2022) | turpinās | – |
| H | 14.05.2021 – 13.06.2021 (planned 13.08.2021 until then) | pārtraukta | meklē darbu |

Months of each programme as `month hours components`; * marks a full calendar month (the only
months the 20-hour rule checks):

| programme | months |
|---|---|
| A | 04* 24 PA,IS · 05* 22 DT · 06* 25 PA,MK |
| B | 05 12 PA · 06* 22 IS · 07* 15 DT · 08* 26 MK · 09 8 PA |
| C | 01 15 PA,IS · 02* 21 DT · 03* 21 MK · 04* 22 PA · 05* 23 IS · 06* 21 DT · 07* 24 MK · |
|   | 08* 20 PA,DT · 09* 25 IS · 10 18 MK |
| D | 02 10 PA · 03* 30 PA,IS · 04* 28 MK · 05 2 IS |
| E | 09 14 PA · 10* 21 IS · 11* 20 DT · 12* 23 MK |
| F1 | 07 8 PA |
| F2 | 10 18 PA,IS · 11* 22 DT · 12* 21 MK |
| H | 05 10 PA,IS · 06 9 DT,MK (no full month) |

The first version of 2021 Q2 differs: A's outcome on leaving was "nodarbināts", D's April had 15
mentor hours, and it had a youth G (cita, Rīga 0010000, 06, start 07.06.2021) whom the corrected
file removes.

Process rules (ended programmes, at the end month): A compliant; H compliant (exactly one month:
14.05 + 1 month = 14.06 = end + 1 day; no full month; all four components); D misses DT
(work_ethic); F's first programme lasted 19 days (under one month) and delivered only PA; B had
15 hours in July, a full month; C ran beyond nine months (11.01 + 9 months = 11.10 < 26.10).

Follow-ups (file 5): D exit 02.05.2021 -> nodarbināts (04.11.2021); A exit 30.06.2021 ->
izglītībā (22.12.2021). H (exit 13.06.2021, due 13.12.2021) has no row: unknown. The exits of F
(07), B (09) and C (10) are due in 2022: not counted, the data reach 2021-12.

Hand counts (cumulative, country):
- PARTICIPANTS: 2021-01 1 (C), 02 2 (+D), 03 2, 04 3 (+A), 05 5 (+B +H), 06 5 (G removed),
  07 6 (+F), 08 6, 09 7 (+E), 12 7 (F's second programme does not count). Roma at entry: A D F
  = 3 (published as suppressed; C stated it only after entry). Coverage at 12: 5 of 7 stated.
  By municipality at 12: Daugavpils 0002000 2 (A F), Rīga 0001000 1 (B, entry), Jelgava 0003000
  1 (H; B moved there but counts in Rīga), Liepāja 0005000 1, Ventspils 0007000 1, Valmieras
  novads 0054000 1. Regions: LATGALE 2, KURZEME 2, RIGA 1, ZEMGALE 1, VIDZEME 1. Sex: male 4 (A
  C E F), female 3. Age: under_25 4 (A C D F), 25_54 3 (B E H). Education: isced_0_2 3 (A D F),
  isced_3_4 2 (B H), isced_5_8 1 (E), unknown 1 (C).
- LEAVERS (first exit): 05 1 (D), 06 3 (+A +H), 07 4 (+F), 09 5 (+B), 10 6 (+C), 12 6.
  Categories at 12: ngo_youth_centre 1 (D), in_education 1 (A), job_searching 2 (H C),
  inactive 1 (F), employed 1 (B). IN_EDUCATION_ON_LEAVING from 06: 1 (A; 0 with the superseded
  file, where EMPLOYED_ON_LEAVING was 1 at 06); EMPLOYED_ON_LEAVING 06: 0, 09: 1 (B);
  JOB_SEARCHING_ON_LEAVING 06: 1 (H), 10: 2 (+C). Shares at 12: 1/6, 1/6, 2/6.
- LEAVERS_6M: 11 1 (D), 12 3 (+A +H). EMPLOYED_6M 11: 1 (D); IN_EDUCATION_6M 12: 1 (A);
  JOB_SEARCHING_6M 0. Categories at 12: employed 1, in_education 1, unknown 1 (H).
- PROGRAMMES_ENDED: 05 1 (D), 06 3 (+A +H), 07 4 (+F), 09 5 (+B), 10 6 (+C); completed 4 (A B C
  D), discontinued 2 (F H). COMPLIANT: 06 2 (A H) and 2 at 12 (share 2/6; completed 1,
  discontinued 1). LENGTH_COMPLIANT: 05 1, 06 3, 07 3, 09 4, 10 4. MENTOR_HOURS_COMPLIANT: 05 1
  (0 with the superseded file), 06 3, 07 4, 09 4, 10 5. ALL_COMPONENTS: 05 0, 06 2, 07 2, 09 3,
  10 4.
- fct_jspa_noncompliant_programmes: 4 rows: D (components_missing; missing work_ethic; 3
  months), F (length_under_1_month, components_missing; missing social_inclusion, work_ethic,
  lifelong_learning; 0 months, 19 days), B (mentor_hours_below_20; 1 month below; 4 months),
  C (length_over_9_months; 9 months; last row in JSPA_833_DAL_2021Q4.csv).
"""

from __future__ import annotations

from pathlib import Path

from roma_monitor.contracts.jspa import JSPA_FOLLOWUPS, JSPA_PARTICIPANT_MONTHS
from roma_monitor.sample.common import municipality_names, participant_key, write_extract

SOURCE = "jspa"

PEOPLE = {
    # name: (sex, birth year, education, ethnicity at entry)
    "A": ("V", 2000, "2", "romu"),
    "B": ("S", 1996, "3", "cita"),
    "C": ("V", 1999, "nav zināms", "nav norādīta"),
    "D": ("S", 2003, "1", "romu"),
    "E": ("V", 1992, "5", "cita"),
    "F": ("V", 2004, "2", "romu"),
    "G": ("S", 1998, "2", "cita"),
    "H": ("S", 1994, "4", "nav norādīta"),
}

# name: (profiling, start, end as sent while the programme continues)
PROGRAMMES = {
    "A": ("25.03.2021", "01.04.2021", "30.06.2021"),
    "B": ("04.05.2021", "10.05.2021", "09.09.2021"),
    "C": ("05.01.2021", "11.01.2021", "10.10.2021"),
    "D": ("01.02.2021", "03.02.2021", "02.05.2021"),
    "E": ("30.08.2021", "06.09.2021", "05.03.2022"),
    "F1": ("05.07.2021", "12.07.2021", "11.01.2022"),
    "F2": ("28.09.2021", "04.10.2021", "03.04.2022"),
    "G": ("01.06.2021", "07.06.2021", "06.12.2021"),
    "H": ("10.05.2021", "14.05.2021", "13.08.2021"),
}


def key(person: str) -> str:
    return participant_key("jspa-fixture", ord(person))


def _row(
    month: str,
    programme: str,
    code: str,
    hours: str,
    components: str,
    *,
    end: str = "",
    status: str = "turpinās",
    outcome: str = "",
    ethnicity: str | None = None,
) -> list[str]:
    person = programme[0]
    sex, born, education, ethnicity_at_entry = PEOPLE[person]
    profiling, start, planned_end = PROGRAMMES[programme]
    return [
        f"2021-{month}",
        key(person),
        code,
        municipality_names()[code],
        sex,
        str(born),
        education,
        ethnicity or ethnicity_at_entry,
        profiling,
        start,
        end or planned_end,
        status,
        hours,
        components,
        outcome,
    ]


def _q1() -> list[list[str]]:
    return [
        _row("01", "C", "0170000", "15", "PA|IS"),
        _row("02", "C", "0170000", "21", "DT"),
        _row("03", "C", "0170000", "21", "MK"),
        _row("02", "D", "0270000", "10", "PA"),
        _row("03", "D", "0270000", "30", "PA|IS"),
    ]


def _q2(corrected: bool) -> list[list[str]]:
    rows = [
        _row("04", "A", "0050000", "24", "PA|IS"),
        _row("05", "A", "0050000", "22", "DT"),
        _row(
            "06",
            "A",
            "0050000",
            "25",
            "PA|MK",
            status="pabeigta",
            outcome="izglītībā" if corrected else "nodarbināts",
        ),
        _row("05", "B", "0010000", "12", "PA"),
        _row("06", "B", "0090000", "22", "IS"),
        _row("04", "C", "0170000", "22", "PA"),
        _row("05", "C", "0170000", "23", "IS"),
        _row("06", "C", "0170000", "21", "DT"),
        _row("04", "D", "0270000", "28" if corrected else "15", "MK"),
        _row("05", "D", "0270000", "2", "IS", status="pabeigta", outcome="NVO/jauniešu centrā"),
        _row("05", "H", "0090000", "10", "PA|IS"),
        _row(
            "06",
            "H",
            "0090000",
            "9",
            "DT|MK",
            end="13.06.2021",
            status="pārtraukta",
            outcome="meklē darbu",
        ),
    ]
    if not corrected:
        rows.append(_row("06", "G", "0010000", "5", "PA"))
    return rows


def _q3() -> list[list[str]]:
    return [
        _row("07", "B", "0003000", "15", "DT"),
        _row("08", "B", "0003000", "26", "MK"),
        _row("09", "B", "0003000", "8", "PA", status="pabeigta", outcome="nodarbināts"),
        _row("07", "C", "0005000", "24", "MK", ethnicity="romu"),
        _row("08", "C", "0005000", "20", "PA|DT", ethnicity="romu"),
        _row("09", "C", "0005000", "25", "IS", ethnicity="romu"),
        _row("09", "E", "0054000", "14", "PA"),
        _row(
            "07",
            "F1",
            "0002000",
            "8",
            "PA",
            end="30.07.2021",
            status="pārtraukta",
            outcome="neaktīvs",
        ),
    ]


def _q4() -> list[list[str]]:
    return [
        _row(
            "10",
            "C",
            "0005000",
            "18",
            "MK",
            end="25.10.2021",
            status="pabeigta",
            outcome="meklē darbu",
            ethnicity="romu",
        ),
        _row("10", "E", "0054000", "21", "IS"),
        _row("11", "E", "0054000", "20", "DT"),
        _row("12", "E", "0054000", "23", "MK"),
        _row("10", "F2", "0002000", "18", "PA|IS"),
        _row("11", "F2", "0002000", "22", "DT"),
        _row("12", "F2", "0002000", "21", "MK"),
    ]


def _followups_q4() -> list[list[str]]:
    return [
        ["2021-Q4", key("D"), "02.05.2021", "04.11.2021", "nodarbināts"],
        ["2021-Q4", key("A"), "30.06.2021", "22.12.2021", "izglītībā"],
    ]


def write_extracts(folder: Path) -> list[Path]:
    folder = Path(folder)
    months = JSPA_PARTICIPANT_MONTHS
    return [
        write_extract(folder / "first" / "JSPA_833_DAL_2021Q1.csv", months, _q1()),
        write_extract(folder / "first" / "JSPA_833_DAL_2021Q2.csv", months, _q2(False)),
        write_extract(folder / "first" / "JSPA_833_DAL_2021Q3.csv", months, _q3(), "cp1257"),
        write_extract(folder / "first" / "JSPA_833_DAL_2021Q4.csv", months, _q4()),
        write_extract(
            folder / "first" / "JSPA_833_REZ_2021Q4.csv", JSPA_FOLLOWUPS, _followups_q4()
        ),
        write_extract(folder / "resent" / "JSPA_833_DAL_2021Q2.csv", months, _q2(True)),
    ]
