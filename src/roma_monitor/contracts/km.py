"""KM (Kultūras ministrija), the Latvian Roma Platform: the Ministry's own yearly records.

Three datasets, one file each per year:
- `km_workshops` (`KM_PLATF_SEM_YYYY.csv`): the platform's regional workshops, one row each (the
  2017 series "Romu ģimeņu sociālās situācijas uzlabošana vietējā līmenī" and later ones);
- `km_mediators` (`KM_PLATF_MED_YYYY.csv`): Roma mediators employed at the end of the year, by
  municipality and funding source;
- `km_recommendation_status` (`KM_PLATF_IET_YYYY.csv`): the dated status changes of the
  recommendations of the report's section "Secinājumi un ieteikumi" (codes of the seed
  `ref_recommendations`), nationally and per municipality.
"""

from roma_monitor.contracts import columns as shared
from roma_monitor.contracts.base import Column, Contract
from roma_monitor.reference import reference_codes

PLANNING_REGIONS = ("RIGA", "VIDZEME", "KURZEME", "ZEMGALE", "LATGALE")
# Participant types of a workshop: the suffixes of the participants_* columns, and the category
# codes of the indicator KM_WORKSHOP_PARTICIPANTS.
PARTICIPANT_TYPES = (
    "municipality",  # pašvaldības administrācija
    "social_service",  # sociālais dienests
    "nva",  # NVA filiāle
    "education",  # izglītības iestādes
    "roma_community",  # romu kopienas pārstāvji (t.sk. romu mediatori)
    "ngo",  # NVO, jauniešu centri
)
FUNDING_SOURCES = ("pašvaldība", "projekts", "cits")
# Read from the dbt seeds (the one place they live): N01..N05 national, M01..M09 municipal.
RECOMMENDATION_CODES = reference_codes("recommendations")
RECOMMENDATION_STATUSES = reference_codes("recommendation_statuses")

_MEASURE = {
    "source": "km",
    "agency": "KM",
    "agency_name_lv": "Kultūras ministrija",
    "measure_code": "platform",
    "measure_name_lv": "Latvijas romu platforma",
    "measure_name_en": "Latvian Roma Platform",
    "frequency": "yearly",
    "period_kind": "year",
}


def _participants(type_code: str, name_en: str, name_lv: str, example: str) -> Column:
    return Column(
        f"participants_{type_code}",
        "integer",
        f"Number of participants from {name_en}",
        f"Dalībnieku skaits: {name_lv}",
        min_value=0,
        max_value=200,
        example=example,
    )


KM_WORKSHOPS = Contract(
    **_MEASURE,
    dataset="km_workshops",
    description=(
        "One row per regional workshop of the Latvian Roma Platform held in the year (e.g. the "
        "2017 workshops 'Romu ģimeņu sociālās situācijas uzlabošana vietējā līmenī'), with the "
        "venue, the municipalities represented and the number of participants by type."
    ),
    file_pattern=r"KM_PLATF_SEM_(?P<period>\d{4})\.csv",
    file_example="KM_PLATF_SEM_2017.csv",
    period_column="workshop_date",
    # The suites need two columns; a workshop number is also checked alone in the warehouse.
    unique_key=("workshop_id", "workshop_date"),
    references_by_period=(
        shared.atvk_vintage_by("workshop_date"),
        shared.atvk_vintage_by("workshop_date", column="municipalities_represented"),
    ),
    columns=(
        Column(
            "workshop_date",
            "date",
            "Date of the workshop, DD.MM.YYYY; falls in the year in the file name",
            "Darbnīcas datums, DD.MM.GGGG; gads sakrīt ar gadu faila nosaukumā",
            example="17.02.2017",
        ),
        Column(
            "workshop_id",
            "text",
            "The Ministry's workshop number, YYYY-NN (year and sequence number in the year)",
            "Ministrijas piešķirtais darbnīcas numurs, GGGG-NN",
            max_length=10,
            example="2017-01",
        ),
        Column(
            "city",
            "text",
            "City or town where the workshop was held",
            "Pilsēta, kurā notika darbnīca",
            max_length=60,
            example="Valmiera",
        ),
        Column(
            "planning_region",
            "code",
            "Planning region of the venue as the Ministry records it: RIGA, VIDZEME, KURZEME, "
            "ZEMGALE, LATGALE",
            "Norises vietas plānošanas reģions: RIGA, VIDZEME, KURZEME, ZEMGALE, LATGALE",
            allowed=PLANNING_REGIONS,
            example="VIDZEME",
        ),
        shared.atvk_code(
            "municipality_atvk",
            "Municipality of the venue, ATVK code of the classification in force on the "
            "workshop date (119 units before 01.07.2021, 43 from 01.07.2021)",
            "Norises vietas pašvaldība, ATVK kods pēc darbnīcas dienā spēkā esošās klasifikācijas",
            example="0250000",
        ),
        shared.atvk_code(
            "municipalities_represented",
            "Municipalities whose staff or residents took part, '|'-separated ATVK codes of the "
            "classification in force on the workshop date (the venue included)",
            "Pārstāvētās pašvaldības, ATVK kodi, atdalīti ar '|' (ieskaitot norises vietu)",
            type="code_list",
            max_length=400,
            example="0250000|0961600",
        ),
        _participants("municipality", "municipal administrations", "pašvaldību darbinieki", "2"),
        _participants("social_service", "social services", "sociālo dienestu darbinieki", "4"),
        _participants(
            "nva", "State Employment Agency (NVA) branches", "NVA filiāļu darbinieki", "1"
        ),
        _participants(
            "education", "educational institutions", "izglītības iestāžu darbinieki", "5"
        ),
        _participants(
            "roma_community",
            "the Roma community (incl. Roma mediators)",
            "romu kopienas pārstāvji (t.sk. romu mediatori)",
            "6",
        ),
        _participants("ngo", "NGOs and youth centres", "NVO un jauniešu centru pārstāvji", "0"),
        Column(
            "topic",
            "text",
            "Title or topic of the workshop",
            "Darbnīcas nosaukums vai tēma",
            example="Romu ģimeņu sociālās situācijas uzlabošana vietējā līmenī",
        ),
    ),
    notes=(
        "Send one file a year (all workshops of the year), by 31 January of the following year.",
        "A corrected file for a past year is sent under the same name; it supersedes the "
        "earlier one.",
        "Count each participant once, under the organisation they came from.",
    ),
)

KM_MEDIATORS = Contract(
    **_MEASURE,
    dataset="km_mediators",
    description=(
        "Roma mediators employed on 31 December of the year: one row per municipality and "
        "funding source, with the number of mediators."
    ),
    file_pattern=r"KM_PLATF_MED_(?P<period>\d{4})\.csv",
    file_example="KM_PLATF_MED_2017.csv",
    period_column="reporting_date",
    unique_key=("reporting_date", "municipality_atvk", "funded_by"),
    references_by_period=(shared.atvk_vintage_by("reporting_date"),),
    columns=(
        Column(
            "reporting_date",
            "date",
            "Date of the count: 31.12. of the year in the file name",
            "Datums, uz kuru saskaitīts: gada 31.12.",
            example="31.12.2017",
        ),
        shared.atvk_code(
            "municipality_atvk",
            "Municipality where the mediators work, ATVK code of the classification in force on "
            "the reporting date",
            "Pašvaldība, kurā strādā mediatori, ATVK kods pēc datumā spēkā esošās klasifikācijas",
            example="0250000",
        ),
        Column(
            "mediators",
            "integer",
            "Number of Roma mediators employed on the reporting date",
            "Nodarbināto romu mediatoru skaits",
            min_value=0,
            max_value=50,
            example="1",
        ),
        Column(
            "funded_by",
            "code",
            "Who pays the mediators: pašvaldība (municipality), projekts (a project, e.g. ESF or "
            "EU programme), cits (other)",
            "Finansētājs: pašvaldība, projekts, cits",
            allowed=FUNDING_SOURCES,
            example="pašvaldība",
        ),
    ),
    notes=(
        "Send one file a year, by 31 January of the following year.",
        "A corrected file for a past year is sent under the same name; it supersedes the "
        "earlier one.",
    ),
)

KM_RECOMMENDATION_STATUS = Contract(
    **_MEASURE,
    dataset="km_recommendation_status",
    description=(
        "One row per change of status of a recommendation of the report 'Romu ģimeņu sociālās "
        "situācijas uzlabošana vietējā līmenī' (section 'Secinājumi un ieteikumi') in the year: "
        "national recommendations (N..) without a municipality, municipal ones (M..) per "
        "municipality."
    ),
    file_pattern=r"KM_PLATF_IET_(?P<period>\d{4})\.csv",
    file_example="KM_PLATF_IET_2017.csv",
    period_column="status_date",
    unique_key=("recommendation_code", "municipality_atvk", "status_date"),
    references_by_period=(shared.atvk_vintage_by("status_date"),),
    columns=(
        Column(
            "status_date",
            "date",
            "Date from which the status holds, DD.MM.YYYY; falls in the year in the file name",
            "Datums, no kura statuss ir spēkā, DD.MM.GGGG",
            example="15.09.2017",
        ),
        Column(
            "recommendation_code",
            "code",
            "Recommendation code: N01-N05 national, M01-M09 municipal (seed ref_recommendations)",
            "Ieteikuma kods: N01-N05 valsts līmeņa, M01-M09 pašvaldību līmeņa",
            allowed=RECOMMENDATION_CODES,
            example="M01",
        ),
        shared.atvk_code(
            "municipality_atvk",
            "Municipality, ATVK code of the classification in force on the status date; empty "
            "for national recommendations (N..), required for municipal ones (M..)",
            "Pašvaldība, ATVK kods pēc datumā spēkā esošās klasifikācijas; valsts līmeņa "
            "ieteikumiem tukšs",
            required=False,
            example="0250000",
        ),
        Column(
            "status",
            "code",
            "Status from that date: nav_uzsakts (not started), planots (planned), uzsakts (in "
            "progress), istenots (implemented), nav_attiecinams (not applicable)",
            "Statuss: nav_uzsakts, planots, uzsakts, istenots, nav_attiecinams",
            allowed=RECOMMENDATION_STATUSES,
            example="planots",
        ),
        Column(
            "note",
            "text",
            "Short note on what was done or decided (optional; no personal data)",
            "Īss komentārs (neobligāts; bez personas datiem)",
            required=False,
            example="Pašvaldība pieņēmusi darbā romu mediatoru",
        ),
    ),
    notes=(
        "Send one file a year with every status change of the year, by 31 January of the "
        "following year.",
        "A corrected file for a past year is sent under the same name; it supersedes the "
        "earlier one.",
        "National recommendations (N..) have no municipality; municipal ones (M..) always have "
        "one (checked in the warehouse tests).",
    ),
)
