"""Hand-made SIF 9.1.4.4 extracts, loaded in this order:

1. SIF_9144_202201.csv   January 2022
2. SIF_9144_202202.csv   February 2022
3. SIF_9144_202203.csv   March 2022: every participant continues; nobody enters

Everyone is served in Daugavpils 0002000 (LATGALE):

| person | sex | born | ethnicity | months (2022) |
|---|---|---|---|---|
| A | V | 1985 | romu | 01-03 |
| B | S | 1990 | romu | 01-03 |
| C | S | 1970 | cita | 01-03 |
| D | V | 1962 | cita | 01-03 |
| E | S | 1999 | cita | 01-03 |
| F | V | 1955 | nav norādīta | 01-02, services end 25.02.2022 |
| G | S | 1980 | romu | 02-03 |
| H | V | 1975 | cita | 02-03 |
| I | S | 1968 | cita | 02-03 |
| J | V | 2001 | cita | 02-03 |

Hand counts (SIF_9144_PARTICIPANTS, cumulative, at entry): 2022-01 6 (A-F), 02 10 (+G-J), 03 10
(no entrant). Country, LATGALE and Daugavpils 0002000 alike. Roma at entry: 01 2, 02 3, 03 3.

- The series ends in 2022-03, the month of the latest extract, although its last unit (an entry)
  is in 2022-02 (issue 15, defect 1). The status at 2022-03: 9 months remain to 31.12.2022, so the
  pace needed to exceed 3 000 is (3 000 - 10) / 9 = 332.2 a month.
- The only Roma reporting point with a Roma is 2022-03: 3 Roma of 10, published as ≈5. No cell
  needs withholding (10 - 3 = 7 others, and an interval of 3 to 7 gives nobody away): on its own
  this set builds with nothing withheld (defect 2).
"""

from __future__ import annotations

from pathlib import Path

from roma_monitor.contracts.sif import SIF
from roma_monitor.sample.common import municipality_names, participant_key, write_extract

SOURCE = "sif"
DAUGAVPILS = "0002000"

PEOPLE = {
    # name: (sex, birth year, ethnicity, start, end, months)
    "A": ("V", 1985, "romu", "10.01.2022", "", ("01", "02", "03")),
    "B": ("S", 1990, "romu", "12.01.2022", "", ("01", "02", "03")),
    "C": ("S", 1970, "cita", "12.01.2022", "", ("01", "02", "03")),
    "D": ("V", 1962, "cita", "17.01.2022", "", ("01", "02", "03")),
    "E": ("S", 1999, "cita", "20.01.2022", "", ("01", "02", "03")),
    "F": ("V", 1955, "nav norādīta", "24.01.2022", "25.02.2022", ("01", "02")),
    "G": ("S", 1980, "romu", "01.02.2022", "", ("02", "03")),
    "H": ("V", 1975, "cita", "03.02.2022", "", ("02", "03")),
    "I": ("S", 1968, "cita", "07.02.2022", "", ("02", "03")),
    "J": ("V", 2001, "cita", "14.02.2022", "", ("02", "03")),
}


def key(person: str) -> str:
    return participant_key("sif-fixture", ord(person))


def _rows(month: str) -> list[list[str]]:
    rows = []
    for person, (sex, born, ethnicity, start, end, months) in PEOPLE.items():
        if month not in months:
            continue
        ends_this_month = end if end[3:5] == month else ""
        rows.append(
            [
                f"2022-{month}",
                key(person),
                DAUGAVPILS,
                municipality_names()[DAUGAVPILS],
                sex,
                str(born),
                "etniskā piederība" if ethnicity == "romu" else "vecums",
                ethnicity,
                start,
                ends_this_month,
                "MOT|IND",
                "8,5",
            ]
        )
    return rows


def write_extracts(folder: Path) -> list[Path]:
    folder = Path(folder)
    return [
        write_extract(folder / f"SIF_9144_2022{month}.csv", SIF, _rows(month))
        for month in ("01", "02", "03")
    ]
