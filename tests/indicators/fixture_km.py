"""Hand-made KM (Roma Platform) extracts, loaded in this order:

1. v1/KM_PLATF_SEM_2017.csv   first version of the 2017 workshops (two mistakes, see below)
2. KM_PLATF_SEM_2021.csv      2021 workshops: one before the reform (2009 codes), one after
3. KM_PLATF_MED_2017.csv      mediators on 31.12.2017 (2009 codes; Windows-1257)
4. KM_PLATF_MED_2021.csv      mediators on 31.12.2021 (2021 codes)
5. KM_PLATF_IET_2017.csv      recommendation status changes 2017
6. KM_PLATF_IET_2019.csv      recommendation status changes 2019
7. v1/KM_PLATF_IET_2021.csv   first version of 2021 (one wrong row, see below)
8. v2/KM_PLATF_SEM_2017.csv   corrected 2017 workshops, resent: supersedes file 1 entirely
9. v2/KM_PLATF_IET_2021.csv   corrected 2021 status changes, resent: supersedes file 7 entirely

Workshops as they stand after the correction (participants: municipality, social service, NVA,
education, Roma community, NGO):

| id | date | venue, as delivered → ATVK 2021 (2021 region) | participants |
|---|---|---|---|
| 2017-01 | 17.02.2017 | Valmiera 0250000 → 0054000 (VIDZEME) | 2 4 1 5 6 0 = 18 |
| 2017-02 | 14.03.2017 | Jelgava 0090000 → 0003000 (ZEMGALE) | 3 6 1 2 5 2 = 19 |
| 2017-03 | 19.04.2017 | Daugavpils 0050000 → 0002000 (LATGALE) | 3 5 1 4 4 3 = 20 |
| 2017-04 | 16.05.2017 | Ventspils 0270000 → 0007000 (KURZEME) | 3 4 1 4 9 6 = 27 |
| 2021-01 | 20.04.2021 | Tukums 0900200 → 0052000 (KURZEME; delivered RIGA) | 2 3 1 1 5 1 = 13 |
| 2021-02 | 15.09.2021 | Valmiera 0054000 (VIDZEME) | 1 2 0 3 4 0 = 10 |

Municipalities represented, as delivered (→ ATVK 2021):
- 2017-01: 0250000, 0961600 (both → 0054000)
- 2017-02: 0090000 (→ 0003000), 0900200 (→ 0052000), 0130000 (→ 0004000), 0460200 (→ 0028000)
- 2017-03: 0050000 (→ 0002000), 0780200 (→ 0043000), 0600202 (→ 0032000), 0381600 (→ 0024000),
  0440801 (→ 0022000)
- 2017-04: 0270000 (→ 0007000), 0880200 (→ 0051000)
- 2021-01: 0900200, 0905100 (both → 0052000)
- 2021-02: 0054000, 0026000

The first 2017 file had Ventspils with 5 NGO participants instead of 6 and a workshop 2017-05 on
20.06.2017 in Rīga (0010000, 1 1 1 1 1 1) that did not take place; the correction removes both.

Mediators (delivered code, count, funder):
- 31.12.2017: 0250000 1 pašvaldība; 0961600 1 projekts (both → 0054000); 0050000 2 pašvaldība;
  0090000 1 projekts.
- 31.12.2021: 0054000 1 pašvaldība; 0054000 1 projekts; 0002000 3 pašvaldība; 0003000 0 projekts
  (the project ended); 0003000 1 pašvaldība.

Recommendation status changes (after the correction), pairs in ATVK 2021:

| date | recommendation | delivered code (→ 2021) | status |
|---|---|---|---|
| 15.09.2017 | N01 | (national) | nav_uzsakts |
| 15.09.2017 | N03 | (national) | uzsakts |
| 15.09.2017 | M01 | 0250000 Valmiera (→ 0054000) | uzsakts |
| 15.09.2017 | M01 | 0961600 Rūjiena (→ 0054000) | planots |
| 15.09.2017 | M04 | 0250000 (→ 0054000) | nav_attiecinams |
| 20.10.2017 | M01 | 0050000 Daugavpils (→ 0002000) | nav_uzsakts |
| 20.10.2017 | M09 | 0050000 (→ 0002000) | planots |
| 10.03.2019 | N01 | (national) | planots |
| 10.03.2019 | M01 | 0050000 (→ 0002000) | uzsakts |
| 05.11.2019 | M09 | 0050000 (→ 0002000) | nav_attiecinams |
| 12.08.2021 | M01 | 0054000 | istenots |
| 01.10.2021 | M01 | 0002000 | istenots |
| 01.10.2021 | N03 | (national) | istenots |

The first 2021 file also had N01 istenots on 12.08.2021 and lacked the N03 row; the correction
removes N01's change. Valmiera and Rūjiena merged into Valmieras novads (0054000): their M01
records form one history; on 15.09.2017 both changed, and the more advanced (uzsakts) holds.

Hand counts:
- KM_WORKSHOPS (cumulative): 2017-02 1, 03 2, 04 3, 05..2021-03 4, 2021-04 5, 2021-09 6. At
  2017-12 one per region: VIDZEME 1, ZEMGALE 1, LATGALE 1, KURZEME 1, RIGA 0. At 2021-12:
  KURZEME 2 (Ventspils, Tukums: Tukums is counted in its 2021 region), VIDZEME 2, 0054000 2.
- KM_WORKSHOP_PARTICIPANTS: 2017-12 84 (municipality 11, social_service 19, nva 4, education 15,
  roma_community 24, ngo 11); 2021-12 107 (+13 +10). VIDZEME at 2021-12: 28.
- KM_WORKSHOP_MUNICIPALITIES: 2017-02 1 (0054000: two places, one municipality), 03 5, 04 10,
  05 12, 2021-04 12 (Tukums and Engures are Tukuma novads, already counted), 2021-09 13 (+Cēsu
  novads 0026000). 0054000 counts itself: 1 from 2017-02. Rīga 0001000: 0 (only in the removed
  row). RIGA region at 2021-12: 1 (Jūrmala).
- KM_MEDIATORS (stock): no value before 2017-12 (the series start); 2017-12 5; 2018-06 5 (no
  files 2018-2020: the 2017 count holds); 2021-12 6. 0054000: 2 at 2017-12 and 2021-12;
  0003000: 1 at 2017-12, 1 at 2021-12. By funder at 2021-12 (country): municipality 5, project 1.
- KM_RECOMMENDATIONS_TRACKED / _ADDRESSED (stock, month ends), country (national ones
  included):
  2017-08 0/0; 2017-09 3/2 (N01, N03, M01:0054000 / N03, M01:0054000; M04 not applicable);
  2017-10 5/2 (+M01:0002000 nav_uzsakts, M09:0002000 planots); 2019-03 5/3 (+M01:0002000
  uzsakts); 2019-11 4/3 (M09:0002000 no longer applicable); 2021-08 4/3 (with the superseded
  file: 4/4); 2021-12 4/3, share 0.75. Daugavpils 0002000: 2017-10 2/0 (share 0), 2021-12 1/1.
  LATGALE 2021-12 1/1; VIDZEME 2021-12 1/1. Category N01 at 2021-12: tracked 1, addressed
  none (no cell); category M01 2/2.
- History (fct_recommendation_status_history) of M01 in 0054000: 3 rows; the planots row of
  15.09.2017 holds until 15.09.2017, the uzsakts row until 12.08.2021, istenots is current.
- The KM series ends in 2021-12 (its latest unit period).
"""

from __future__ import annotations

from pathlib import Path

from roma_monitor.contracts.km import KM_MEDIATORS, KM_RECOMMENDATION_STATUS, KM_WORKSHOPS
from roma_monitor.sample.common import write_extract

SOURCE = "km"
TOPIC = "Romu ģimeņu sociālās situācijas uzlabošana vietējā līmenī"

WORKSHOPS_2017 = [
    ["17.02.2017", "2017-01", "Valmiera", "VIDZEME", "0250000", "0250000|0961600"]
    + ["2", "4", "1", "5", "6", "0", TOPIC],
    ["14.03.2017", "2017-02", "Jelgava", "ZEMGALE", "0090000", "0090000|0900200|0130000|0460200"]
    + ["3", "6", "1", "2", "5", "2", TOPIC],
    [
        "19.04.2017",
        "2017-03",
        "Daugavpils",
        "LATGALE",
        "0050000",
        "0050000|0780200|0600202|0381600|0440801",
    ]
    + ["3", "5", "1", "4", "4", "3", TOPIC],
    ["16.05.2017", "2017-04", "Ventspils", "KURZEME", "0270000", "0270000|0880200"]
    + ["3", "4", "1", "4", "9", "6", TOPIC],
]
WORKSHOPS_2017_FIRST_VERSION = [
    *WORKSHOPS_2017[:3],
    [*WORKSHOPS_2017[3][:11], "5", TOPIC],  # 5 NGO participants instead of 6
    ["20.06.2017", "2017-05", "Rīga", "RIGA", "0010000", "0010000"]
    + ["1", "1", "1", "1", "1", "1", TOPIC],  # did not take place
]
WORKSHOPS_2021 = [
    ["20.04.2021", "2021-01", "Tukums", "RIGA", "0900200", "0900200|0905100"]
    + ["2", "3", "1", "1", "5", "1", "Romu jaunieši un ielu sociālais darbs"],
    ["15.09.2021", "2021-02", "Valmiera", "VIDZEME", "0054000", "0054000|0026000"]
    + ["1", "2", "0", "3", "4", "0", "Ieteikumu īstenošana pašvaldībās"],
]
MEDIATORS_2017 = [
    ["31.12.2017", "0250000", "1", "pašvaldība"],
    ["31.12.2017", "0961600", "1", "projekts"],
    ["31.12.2017", "0050000", "2", "pašvaldība"],
    ["31.12.2017", "0090000", "1", "projekts"],
]
MEDIATORS_2021 = [
    ["31.12.2021", "0054000", "1", "pašvaldība"],
    ["31.12.2021", "0054000", "1", "projekts"],
    ["31.12.2021", "0002000", "3", "pašvaldība"],
    ["31.12.2021", "0003000", "0", "projekts"],
    ["31.12.2021", "0003000", "1", "pašvaldība"],
]
STATUS_2017 = [
    ["15.09.2017", "N01", "", "nav_uzsakts", ""],
    ["15.09.2017", "N03", "", "uzsakts", "Informācija izplatīta romu kopienā"],
    ["15.09.2017", "M01", "0250000", "uzsakts", "Pašvaldība nodarbina romu mediatoru"],
    ["15.09.2017", "M01", "0961600", "planots", ""],
    ["15.09.2017", "M04", "0250000", "nav_attiecinams", ""],
    ["20.10.2017", "M01", "0050000", "nav_uzsakts", ""],
    ["20.10.2017", "M09", "0050000", "planots", ""],
]
STATUS_2019 = [
    ["10.03.2019", "N01", "", "planots", ""],
    ["10.03.2019", "M01", "0050000", "uzsakts", ""],
    ["05.11.2019", "M09", "0050000", "nav_attiecinams", "Centrs izveidots ar citu finansējumu"],
]
STATUS_2021 = [
    ["12.08.2021", "M01", "0054000", "istenots", ""],
    ["01.10.2021", "M01", "0002000", "istenots", ""],
    ["01.10.2021", "N03", "", "istenots", ""],
]
STATUS_2021_FIRST_VERSION = [
    ["12.08.2021", "M01", "0054000", "istenots", ""],
    ["12.08.2021", "N01", "", "istenots", ""],  # wrong: removed by the correction
    ["01.10.2021", "M01", "0002000", "istenots", ""],
]


def write_extracts(folder: Path) -> list[Path]:
    folder = Path(folder)
    return [
        write_extract(
            folder / "v1" / "KM_PLATF_SEM_2017.csv", KM_WORKSHOPS, WORKSHOPS_2017_FIRST_VERSION
        ),
        write_extract(folder / "KM_PLATF_SEM_2021.csv", KM_WORKSHOPS, WORKSHOPS_2021),
        write_extract(folder / "KM_PLATF_MED_2017.csv", KM_MEDIATORS, MEDIATORS_2017, "cp1257"),
        write_extract(folder / "KM_PLATF_MED_2021.csv", KM_MEDIATORS, MEDIATORS_2021),
        write_extract(folder / "KM_PLATF_IET_2017.csv", KM_RECOMMENDATION_STATUS, STATUS_2017),
        write_extract(folder / "KM_PLATF_IET_2019.csv", KM_RECOMMENDATION_STATUS, STATUS_2019),
        write_extract(
            folder / "v1" / "KM_PLATF_IET_2021.csv",
            KM_RECOMMENDATION_STATUS,
            STATUS_2021_FIRST_VERSION,
        ),
        write_extract(folder / "v2" / "KM_PLATF_SEM_2017.csv", KM_WORKSHOPS, WORKSHOPS_2017),
        write_extract(
            folder / "v2" / "KM_PLATF_IET_2021.csv", KM_RECOMMENDATION_STATUS, STATUS_2021
        ),
    ]
