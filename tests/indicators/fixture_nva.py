"""Hand-made NVA 7.4.1 extracts (long-term unemployed), loaded in this order:

1. NVA_741_DAL_2021Q2.csv   first version of 2021 Q2 (April-June 2021, ATVK 2009 codes)
2. NVA_741_DAL_2021Q3.csv   2021 Q3 (July-September 2021, ATVK 2021 codes, after the reform)
3. NVA_741_REZ_2021Q4.csv   six-month follow-ups due in 2021 Q4
4. NVA_741_DAL_2021Q2.csv   corrected 2021 Q2, resent: supersedes file 1 entirely

Participants and their months, as they stand after the correction (`exit` marks the row with
exit_date and outcome_on_leaving):

| person | sex | born | educ. | ethnicity at entry | target group |
|---|---|---|---|---|---|
| A | V | 1990 | 1 | romu | ilgstošs |
| B | S | 1999 | 0 | romu | atkarība |
| C | V | 1985 | 2 | romu | atteicies |
| D | S | 1960 | 3 | nav norādīta (romu in 05) | ilgstošs |
| E | V | 1975 | 4 | cita | iesp_atkarība |
| F | S | 2000 | 6 | cita | ilgstošs |
| H | S | 1993 | nav zināms | romu | ilgstošs |
| I | V | 1980 | 1 | romu | atteicies |

| person | months (2021), municipality code, exit row |
|---|---|
| A | 04, 05 Daugavpils 0050000; 06 0050000 exit 18.06 nodarbināts |
| B | 04-06 Daugavpils 0050000; 07-09 Daugavpils 0002000 (still in support) |
| C | 05 Rīga 0010000; moves: 06 Daugavpils 0050000; 07 0002000 exit 30.07 meklē darbu |
| D | 04 Jelgava 0090000; 05 0090000 exit 14.05 izglītībā |
| E | 04 Liepāja 0170000 exit 30.04 meklē darbu; re-enters 07.06: 06 0170000, 07 0005000, |
|   | 08 0005000 exit 20.08 nodarbināts |
| F | 08, 09 Ventspils 0007000 (still in support) |
| H | 07-09 Daugavpils 0002000 (still in support) |
| I | 09 Daugavpils 0002000 (still in support) |

The first version of 2021 Q2 differs: A's exit outcome was "meklē darbu", and it had a person G
(romu, Rīga, 06) whom the corrected file removes.

Follow-ups (file 3): A exit 18.06.2021 -> nodarbināts (20.12.2021); E exit 30.04.2021 ->
izglītībā (02.11.2021). D (exit 14.05.2021) has none: unknown. C's follow-up (exit 07, due 2022-01)
is not due: the data reach 2021-12 (the last month of the follow-up quarter 2021 Q4).

Hand counts (cumulative, country):
- PARTICIPANTS: 2021-04 4 (A B D E), 05 5 (+C), 06 5 (E's re-entry and G do not count), 07 6 (+H),
  08 7 (+F), 09 8 (+I). Roma at entry: 04 2, 05 3, 06 3, 07 4, 08 4, 09 5 (D is not stated).
  Ethnicity coverage at 09: 7 of 8 stated = 0.875. Daugavpils 0002000 at 09: A B H I = 4 (C
  counts in Rīga 0001000: 1). Regions at 09: LATGALE 4, RIGA 1, ZEMGALE 1, KURZEME 2. Sex at 09:
  male 4, female 4. Age at 09: under_25 2 (B F), 25_54 5, 55_plus 1 (D). Education at 09:
  isced_0_2 4 (A B C I), isced_3_4 2 (D E), isced_5_8 1 (F), unknown 1 (H). Target group
  ilgstošs at 09: 4 (A D F H).
- LEAVERS (first exit): 04 1 (E), 05 2 (+D), 06 3 (+A), 07 4 (+C), 08 4 (E's second exit does not
  count). EMPLOYED_ON_LEAVING: 1 from 06 (A; 0 with the superseded file); IN_EDUCATION: 1 from 05
  (D); JOB_SEARCHING: 04 1 (E), 07 2 (+C). Leavers at 07 by region: LATGALE 1, RIGA 1 (C, region
  of entry), ZEMGALE 1, KURZEME 1. Roma leavers: 2 (A C), published as suppressed.
- LEAVERS_6M: 2021-10 1 (E), 11 2 (+D), 12 3 (+A); C not yet due. EMPLOYED_6M: 1 from 12 (A);
  IN_EDUCATION_6M: 1 from 10 (E); JOB_SEARCHING_6M: 0. Share employed at 12: 1/3.
- The NVA series ends in 2021-12 (its latest unit period).
"""

from __future__ import annotations

from pathlib import Path

from roma_monitor.contracts.nva import NVA_FOLLOWUPS, NVA_PARTICIPANT_MONTHS
from roma_monitor.sample.common import municipality_names, participant_key, write_extract

SOURCE = "nva"

PEOPLE = {
    # name: (sex, birth year, education, ethnicity, target group)
    "A": ("V", 1990, "1", "romu", "ilgstošs"),
    "B": ("S", 1999, "0", "romu", "atkarība"),
    "C": ("V", 1985, "2", "romu", "atteicies"),
    "D": ("S", 1960, "3", "nav norādīta", "ilgstošs"),
    "E": ("V", 1975, "4", "cita", "iesp_atkarība"),
    "F": ("S", 2000, "6", "cita", "ilgstošs"),
    "G": ("V", 1988, "2", "romu", "ilgstošs"),
    "H": ("S", 1993, "nav zināms", "romu", "ilgstošs"),
    "I": ("V", 1980, "1", "romu", "atteicies"),
}


def key(person: str) -> str:
    return participant_key("nva-fixture", ord(person))


def _row(
    month: str,
    person: str,
    code: str,
    entry: str,
    exit_date: str = "",
    outcome: str = "",
    measures: str = "KONS|MOT",
    ethnicity: str | None = None,
) -> list[str]:
    sex, born, education, ethnicity_at_entry, group = PEOPLE[person]
    return [
        f"2021-{month}",
        key(person),
        code,
        municipality_names()[code],
        sex,
        str(born),
        education,
        ethnicity or ethnicity_at_entry,
        group,
        entry,
        exit_date,
        measures,
        outcome,
    ]


def _q2(corrected: bool) -> list[list[str]]:
    rows = [
        _row("04", "A", "0050000", "06.04.2021", measures="KONS|VESEL"),
        _row("05", "A", "0050000", "06.04.2021"),
        _row(
            "06",
            "A",
            "0050000",
            "06.04.2021",
            "18.06.2021",
            "nodarbināts" if corrected else "meklē darbu",
        ),
        _row("04", "B", "0050000", "12.04.2021", measures="KONS|ATK"),
        _row("05", "B", "0050000", "12.04.2021", measures="ATK"),
        _row("06", "B", "0050000", "12.04.2021", measures="MOT|ATK"),
        _row("05", "C", "0010000", "17.05.2021", measures="KONS|VESEL"),
        _row("06", "C", "0050000", "17.05.2021"),
        _row("04", "D", "0090000", "20.04.2021"),
        _row("05", "D", "0090000", "20.04.2021", "14.05.2021", "izglītībā", ethnicity="romu"),
        _row("04", "E", "0170000", "01.04.2021", "30.04.2021", "meklē darbu", "KONS|ATK"),
        _row("06", "E", "0170000", "07.06.2021", measures="KONS|PIEM"),
    ]
    if not corrected:
        rows.append(_row("06", "G", "0010000", "09.06.2021"))
    return rows


def _q3() -> list[list[str]]:
    return [
        _row("07", "B", "0002000", "12.04.2021", measures="MOT|ATK"),
        _row("08", "B", "0002000", "12.04.2021", measures="MOT"),
        _row("09", "B", "0002000", "12.04.2021", measures="MOT"),
        _row("07", "C", "0002000", "17.05.2021", "30.07.2021", "meklē darbu", "MOT"),
        _row("07", "E", "0005000", "07.06.2021", measures="MOT|ATK"),
        _row("08", "E", "0005000", "07.06.2021", "20.08.2021", "nodarbināts", "MOT"),
        _row("08", "F", "0007000", "02.08.2021", measures="KONS"),
        _row("09", "F", "0007000", "02.08.2021", measures="MOT"),
        _row("07", "H", "0002000", "05.07.2021", measures="KONS|VESEL"),
        _row("08", "H", "0002000", "05.07.2021"),
        _row("09", "H", "0002000", "05.07.2021"),
        _row("09", "I", "0002000", "13.09.2021", measures="KONS"),
    ]


def _followups_q4() -> list[list[str]]:
    return [
        ["2021-Q4", key("A"), "18.06.2021", "20.12.2021", "nodarbināts"],
        ["2021-Q4", key("E"), "30.04.2021", "02.11.2021", "izglītībā"],
    ]


def write_extracts(folder: Path) -> list[Path]:
    folder = Path(folder)
    return [
        write_extract(
            folder / "first" / "NVA_741_DAL_2021Q2.csv", NVA_PARTICIPANT_MONTHS, _q2(False)
        ),
        write_extract(
            folder / "first" / "NVA_741_DAL_2021Q3.csv", NVA_PARTICIPANT_MONTHS, _q3(), "cp1257"
        ),
        write_extract(folder / "first" / "NVA_741_REZ_2021Q4.csv", NVA_FOLLOWUPS, _followups_q4()),
        write_extract(
            folder / "resent" / "NVA_741_DAL_2021Q2.csv", NVA_PARTICIPANT_MONTHS, _q2(True)
        ),
    ]
